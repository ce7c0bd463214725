//! Tests of the parent module against the real `git` and `ssh-keygen`.

use std::io::Write;
use std::process::{Command, Stdio};

use super::*;

/// What `git interpret-trailers --parse` prints for `message`, as (key, value)
/// pairs, with no configuration but git's defaults.
fn git_parse(message: &str) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut child = Command::new("git")
        .args(["interpret-trailers", "--parse"])
        .current_dir(dir.path())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CEILING_DIRECTORIES", dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("git runs");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(message.as_bytes())
        .expect("git reads the message");
    let output = child.wait_with_output().expect("git finishes");
    assert!(output.status.success(), "git interpret-trailers failed");
    String::from_utf8(output.stdout)
        .expect("utf-8")
        .split('\n')
        .filter(|line| !line.is_empty())
        .map(|line| {
            let (key, value) = line.split_once(':').expect("key: value");
            let value = value.strip_prefix(' ').unwrap_or(value);
            (key.to_string(), value.to_string())
        })
        .collect()
}

const PRIYA: &str = "Priya N <priya@x.example>";

/// (what the case shows, message, expected Approved-by values, expected Approves)
const CASES: &[(&str, &str, &[&str], &[&str])] = &[
    (
        "the usual approval",
        "Approve R-001\n\nApproves: R-001, A.6.2.4\nApproved-by: Priya N <priya@x.example>\n",
        &[PRIYA],
        &["R-001", "A.6.2.4"],
    ),
    (
        "a subject alone is never trailers",
        "Approved-by: Priya N <priya@x.example>",
        &[],
        &[],
    ),
    (
        "a subject and a second line, no blank line",
        "Approve R-001\nApproved-by: Priya N <priya@x.example>\n",
        &[],
        &[],
    ),
    (
        "body text with a colon above the trailers",
        "Approve R-001\n\nNote: the committee met on Monday.\nIt agreed.\n\nApproved-by: Priya N <priya@x.example>\n",
        &[PRIYA],
        &[],
    ),
    (
        "a trailer-like line in a body paragraph followed by prose",
        "Approve R-001\n\nApproved-by: Priya N <priya@x.example>\nwas what we wanted, but she was away.\n",
        &[],
        &[],
    ),
    (
        "a trailer-like paragraph that is not the last",
        "Approve R-001\n\nApproved-by: Priya N <priya@x.example>\n\nMore text after it.\n",
        &[],
        &[],
    ),
    (
        "trailing blank and whitespace-only lines",
        "Approve R-001\n\nApproved-by: Priya N <priya@x.example>\n\n  \n\t\n\n",
        &[PRIYA],
        &[],
    ),
    (
        "CRLF line endings",
        "Approve R-001\r\n\r\nApproves: R-001\r\nApproved-by: Priya N <priya@x.example>\r\n",
        &[PRIYA],
        &["R-001"],
    ),
    (
        "comment lines inside and after the block",
        "Approve R-001\n\nApproves: R-001\n# a comment\nApproved-by: Priya N <priya@x.example>\n# Please enter the commit message\n",
        &[PRIYA],
        &["R-001"],
    ),
    (
        "a continuation line",
        "Approve\n\nApproves: R-001,\n  R-002\nApproved-by: Priya N\n <priya@x.example>\n",
        &[PRIYA],
        &["R-001", "R-002"],
    ),
    (
        "a --- separator ends the message",
        "Approve R-001\n\nApproved-by: Priya N <priya@x.example>\n---\n src/x | 2 +-\n",
        &[PRIYA],
        &[],
    ),
    (
        "trailers after a --- separator do not count",
        "Approve R-001\n\nText.\n---\n\nApproved-by: Priya N <priya@x.example>\n",
        &[],
        &[],
    ),
    (
        "---x is not a separator",
        "Approve R-001\n\n---x\nApproved-by: Priya N <priya@x.example>\n",
        &[],
        &[],
    ),
    (
        "a --- separator without a newline still ends the message",
        "Approve R-001\n\nApproved-by: Priya N <priya@x.example>\n---",
        &[PRIYA],
        &[],
    ),
    (
        "keys in any case",
        "Approve\n\nAPPROVES: R-001\napproved-BY: Priya N <priya@x.example>\n",
        &[PRIYA],
        &["R-001"],
    ),
    (
        "spaces between token and colon",
        "Approve\n\nApproved-by  \t: Priya N <priya@x.example>\n",
        &[PRIYA],
        &[],
    ),
    (
        "a space inside the token",
        "Approve\n\nApproved by: Priya N <priya@x.example>\n",
        &[],
        &[],
    ),
    (
        "one non-trailer among trailers, nothing git-generated",
        "Approve\n\nApproves: R-001\nReviewed-by: Tom <tom@x.example>\nthanks all\nApproved-by: Priya N <priya@x.example>\n",
        &[],
        &[],
    ),
    (
        "one non-trailer among trailers, with Signed-off-by",
        "Approve\n\nApproves: R-001\nthanks all\nSigned-off-by: Tom <tom@x.example>\nApproved-by: Priya N <priya@x.example>\n",
        &[PRIYA],
        &["R-001"],
    ),
    (
        "exactly a quarter trailers with Signed-off-by",
        "Approve\n\nSigned-off-by: Tom <tom@x.example>\none\ntwo\nthree\n",
        &[],
        &[],
    ),
    (
        "less than a quarter trailers with Signed-off-by",
        "Approve\n\nSigned-off-by: Tom <tom@x.example>\nApproved-by: Priya N <priya@x.example>\none\ntwo\nthree\nfour\nfive\nsix\nseven\n",
        &[],
        &[],
    ),
    (
        "Signed-off-by without its space is not git-generated",
        "Approve\n\nSigned-off-by:Tom\nApproved-by: Priya N <priya@x.example>\nprose\n",
        &[],
        &[],
    ),
    (
        "cherry-pick note makes the block count",
        "Approve\n\nApproved-by: Priya N <priya@x.example>\nprose\n(cherry picked from commit 0123abcd)\n",
        &[PRIYA],
        &[],
    ),
    (
        "indented lines with no trailer above are prose",
        "Approve\n\n  indented prose\nApproved-by: Priya N <priya@x.example>\n",
        &[],
        &[],
    ),
    (
        "a comment between a trailer and an indented line",
        "Approve\n\nApproved-by: Priya N <priya@x.example>\n# note\n  more\n",
        &[],
        &[],
    ),
    (
        "leading comment lines before the subject",
        "# comment\n\nApproved-by: Priya N <priya@x.example>\n",
        &[PRIYA],
        &[],
    ),
    (
        "a message starting with a blank line",
        "\n\nApproved-by: Priya N <priya@x.example>",
        &[PRIYA],
        &[],
    ),
    (
        "scissors line",
        "Approve\n\nApproved-by: Priya N <priya@x.example>\n\n# ------------------------ >8 ------------------------\nApproves: R-009\n",
        &[PRIYA],
        &[],
    ),
    (
        "old-style Conflicts block after the trailers",
        "Merge\n\nApproved-by: Priya N <priya@x.example>\nConflicts:\n\trisks/R-001.yaml\n",
        &[PRIYA],
        &[],
    ),
    (
        "vertical tab and form feed are not whitespace to git",
        "Approve\n\nApproves: R-001\x0c\n\x0bApproved-by: Priya N <priya@x.example>\n",
        &[],
        &[],
    ),
    (
        "an Approved-by value with no email",
        "Approve\n\nApproved-by: Priya N\nApproves: R-001,, R-002 ,\n",
        &[],
        &["R-001", "R-002"],
    ),
    (
        "several approvers and an empty value",
        "Approve\n\nApproved-by: Priya N <priya@x.example>\nApproves:\nApproved-by: Tom <tom@x.example>\n",
        &[PRIYA, "Tom <tom@x.example>"],
        &[],
    ),
    (
        "non-ASCII text",
        "Approuver R-001\n\nApprouvé-par: Zoë <zoe@x.example>\nApproved-by: Zoë Ünal <zoe@x.example>\n",
        &[],
        &[],
    ),
    ("an empty message", "", &[], &[]),
];

#[test]
fn trailers_match_git_interpret_trailers() {
    for (name, message, approved_by, approves) in CASES {
        let ours: Vec<(String, String)> = parse(message)
            .into_iter()
            .map(|t| (t.key, t.value))
            .collect();
        assert_eq!(ours, git_parse(message), "{name}: every trailer");

        let trailers = approval_trailers(message);
        let shown: Vec<String> = trailers.approved_by.iter().map(Person::display).collect();
        assert_eq!(&shown, approved_by, "{name}: Approved-by");
        assert_eq!(&trailers.approves, approves, "{name}: Approves");
    }
}

#[test]
fn parse_returns_keys_and_unfolded_values() {
    let trailers = parse("Subject\n\nBody.\n\nKey-1: one\n  two\nother:   x  \n");
    assert_eq!(
        trailers,
        [
            Trailer {
                key: "Key-1".into(),
                value: "one two".into()
            },
            Trailer {
                key: "other".into(),
                value: "x".into()
            },
        ]
    );
    assert_eq!(parse("Subject\n\nBody text.\n"), []);
}

#[test]
fn approval_trailers_reads_only_approvals() {
    let trailers = approval_trailers(
        "Approve\n\nReviewed-by: Tom <tom@x.example>\nApproved-by: Priya N <priya@x.example>\nApproves: R-001\n",
    );
    assert_eq!(
        trailers.approved_by,
        [Person {
            name: "Priya N".into(),
            email: "priya@x.example".into()
        }]
    );
    assert_eq!(trailers.approves, ["R-001"]);
    assert_eq!(
        approval_trailers("Approve\n\nReviewed-by: Tom <tom@x.example>\n"),
        Trailers::default()
    );
}
