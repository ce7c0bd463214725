//! The git trail: approvals, status, log, --at and diff, on histories made with plain
//! `git` commands and fixed dates.

use std::fs;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::register::{AIMS_YAML, RISK};
use crate::{Ran, Reg, run_in};

pub const LEAD: (&str, &str) = ("Lead Person", "lead@test.example");
pub const DEV: (&str, &str) = ("Dev Person", "dev@test.example");
pub const CI: (&str, &str) = ("CI", "ci@test.example");

/// Runs plain `git` in `dir` as `who`, on a fixed date.
pub fn git(dir: &Path, who: (&str, &str), date: &str, args: &[&str]) -> String {
    let stamp = format!("{date}T12:00:00Z");
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", who.0)
        .env("GIT_AUTHOR_EMAIL", who.1)
        .env("GIT_COMMITTER_NAME", who.0)
        .env("GIT_COMMITTER_EMAIL", who.1)
        .env("GIT_AUTHOR_DATE", &stamp)
        .env("GIT_COMMITTER_DATE", &stamp)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        // No `git maintenance` in the background after each commit: a process per
        // commit that the test neither needs nor waits for.
        .env("GIT_CONFIG_COUNT", "1")
        .env("GIT_CONFIG_KEY_0", "maintenance.auto")
        .env("GIT_CONFIG_VALUE_0", "false")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A register committed by DEV on 2026-01-10, with git configured as `who`.
pub fn repo(who: (&str, &str)) -> Reg {
    let reg = Reg::new().risk("R-001", "");
    git(reg.path(), DEV, "2026-01-10", &["init", "-q", "-b", "main"]);
    git(
        reg.path(),
        DEV,
        "2026-01-10",
        &["config", "user.name", who.0],
    );
    git(
        reg.path(),
        DEV,
        "2026-01-10",
        &["config", "user.email", who.1],
    );
    git(reg.path(), DEV, "2026-01-10", &["add", "-A"]);
    git(
        reg.path(),
        DEV,
        "2026-01-10",
        &["commit", "-q", "-m", "Register"],
    );
    reg
}

pub fn states(reg: &Reg) -> Vec<(String, String)> {
    let Ran {
        stdout: out,
        stderr: err,
        ..
    } = reg.run(&["status", "--format", "json"]);
    let json: Value = serde_json::from_str(&out).unwrap_or_else(|_| panic!("{out}{err}"));
    json["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .filter(|e| e["kind"] == "risk" || e["kind"] == "system")
        .map(|e| {
            (
                e["id"].as_str().expect("id").to_string(),
                e["state"].as_str().expect("state").to_string(),
            )
        })
        .collect()
}

pub fn edit(reg: &Reg, file: &str, from: &str, to: &str) {
    let path = reg.join(file);
    let text = fs::read_to_string(&path).expect("read");
    assert!(text.contains(from), "{from} not in {file}");
    fs::write(path, text.replacen(from, to, 1)).expect("write");
}

#[test]
fn outside_a_repository_history_commands_say_so_and_the_rest_works() {
    let reg = Reg::new();
    for args in [
        &["status"][..],
        &["log", "sys"],
        &["approve", "sys"],
        &["diff", "HEAD~1..HEAD"],
        &["check", "--at", "HEAD"],
    ] {
        let Ran {
            code, stderr: err, ..
        } = reg.run(args);
        assert_eq!(code, 2, "{args:?}");
        assert!(
            err.contains("is not in a git repository"),
            "{args:?}: {err}"
        );
    }
    assert_eq!(reg.run(&["check"]).code, 0);
}

#[test]
fn an_empty_repository_is_reported_clearly() {
    let reg = Reg::new();
    git(reg.path(), DEV, "2026-01-10", &["init", "-q"]);
    let Ran {
        code, stderr: err, ..
    } = reg.run(&["status"]);
    assert_eq!(code, 2);
    assert!(err.contains("no commits yet"), "{err}");
    assert_eq!(
        reg.run(&["check"]).code,
        0,
        "check works before the first commit"
    );
}

#[test]
fn approve_makes_entities_current_until_they_change() {
    let reg = repo(LEAD);
    assert_eq!(
        states(&reg),
        [
            ("sys".into(), "unapproved".into()),
            ("R-001".into(), "unapproved".into())
        ]
    );
    let Ran { code, .. } = reg.run(&["status"]);
    assert_eq!(code, 1, "not all current");

    let Ran {
        code,
        stdout: out,
        stderr: err,
    } = reg.run(&["approve", "R-001", "sys", "-m", "Quarterly approval"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("approved R-001, sys as Lead Person <lead@test.example> (lead) in commit "),
        "{out}"
    );
    let message = git(
        reg.path(),
        LEAD,
        "2026-01-11",
        &["log", "-1", "--format=%B"],
    );
    assert_eq!(
        message,
        "Quarterly approval\n\nApproves: R-001, sys\nApproved-by: Lead Person <lead@test.example>\n\n"
    );
    assert_eq!(
        states(&reg),
        [
            ("sys".into(), "current".into()),
            ("R-001".into(), "current".into())
        ]
    );

    edit(&reg, "risks/R-001.yaml", "likelihood: 1", "likelihood: 2");
    assert_eq!(states(&reg)[1], ("R-001".into(), "modified".into()));
    let Ran {
        code, stderr: err, ..
    } = reg.run(&["approve", "R-001"]);
    assert_eq!(code, 2);
    assert!(err.contains("has changes that are not committed"), "{err}");
    git(
        reg.path(),
        DEV,
        "2026-02-01",
        &["commit", "-qam", "Raise R-001"],
    );
    assert_eq!(states(&reg)[1], ("R-001".into(), "stale".into()));
    let Ran { stdout: out, .. } = reg.run(&["status", "--format", "json"]);
    let json: Value = serde_json::from_str(&out).expect("json");
    let r = json["entities"]
        .as_array()
        .expect("e")
        .iter()
        .find(|e| e["id"] == "R-001")
        .expect("R-001")
        .clone();
    assert_eq!(r["file"], "risks/R-001.yaml");
    assert_eq!(r["approvals"][0]["by"], "Lead Person <lead@test.example>");
    assert_eq!(r["approvals"][0]["role"], "lead");
    assert_eq!(r["approvals"][0]["verification"], "identity");
    assert_eq!(r["approvals"][0]["counts"], true);
    assert_eq!(json["summary"]["stale"], 1);
}

#[test]
fn trailers_on_plain_git_commits_approve_what_they_change() {
    let reg = repo(DEV);
    edit(&reg, "risks/R-001.yaml", "likelihood: 1", "likelihood: 2");
    git(
        reg.path(),
        LEAD,
        "2026-02-01",
        &[
            "commit",
            "-qam",
            "Raise R-001",
            "--trailer",
            "Approved-by: Lead Person <lead@test.example>",
        ],
    );
    assert_eq!(states(&reg)[1], ("R-001".into(), "current".into()));
    assert_eq!(
        states(&reg)[0],
        ("sys".into(), "unapproved".into()),
        "only what the commit changed"
    );
}

/// A trailer naming an approver in a commit somebody else made is a claim: listed as
/// `on-behalf`, it does not count unless the register says trailers are enough.
#[test]
fn an_approval_written_on_behalf_of_another_person_does_not_count() {
    let reg = repo(DEV);
    edit(&reg, "risks/R-001.yaml", "likelihood: 1", "likelihood: 2");
    git(
        reg.path(),
        DEV,
        "2026-02-01",
        &[
            "commit",
            "-qam",
            "Raise R-001",
            "--trailer",
            "Approved-by: Lead Person <lead@test.example>",
        ],
    );
    assert_eq!(states(&reg)[1], ("R-001".into(), "unapproved".into()));
    let Ran { stdout, .. } = reg.run(&["status", "--format", "json"]);
    let json: Value = serde_json::from_str(&stdout).expect("json");
    let r = &json["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .find(|e| e["id"] == "R-001")
        .expect("R-001")["approvals"][0];
    assert_eq!(r["verification"], "on-behalf");
    assert_eq!(r["counts"], false);
    assert!(
        r["detail"]
            .as_str()
            .expect("detail")
            .contains("authored by Dev Person <dev@test.example>"),
        "{r}"
    );
    let Ran { stdout, .. } = reg.aims(&["check", "--format", "json"]);
    let json: Value = serde_json::from_str(&stdout).expect("json");
    let rules: Vec<&str> = crate::register::diagnostics(&json)
        .iter()
        .map(|d| d["rule"].as_str().expect("rule"))
        .filter(|r| r.starts_with("approval"))
        .collect();
    assert_eq!(rules, ["approval-unverified"]);
    // A register that counts trailers (format 1's behaviour) takes it.
    edit(
        &reg,
        "aims.yaml",
        "acceptance_threshold: 3\n",
        "acceptance_threshold: 3\napprovals: { require: trailer }\n",
    );
    assert_eq!(states(&reg)[1], ("R-001".into(), "current".into()));
}

#[test]
fn only_roles_that_were_approvers_at_the_time_count() {
    let reg = repo(DEV);
    // ml-lead has an email but is not an approver in the register's first version
    edit(
        &reg,
        "aims.yaml",
        "  - { id: ml-lead, name: ML Lead }",
        "  - { id: ml-lead, name: ML Lead, email: ml@test.example }",
    );
    git(
        reg.path(),
        DEV,
        "2026-02-01",
        &["commit", "-qam", "Email for ml-lead"],
    );
    git(
        reg.path(),
        DEV,
        "2026-02-02",
        &[
            "commit",
            "-q",
            "--allow-empty",
            "-m",
            "Approve",
            "--trailer",
            "Approves: R-001",
            "--trailer",
            "Approved-by: ML Lead <ml@test.example>",
        ],
    );
    assert_eq!(states(&reg)[1], ("R-001".into(), "unapproved".into()));
    // making ml-lead an approver later does not make the old approval count
    edit(
        &reg,
        "aims.yaml",
        "email: ml@test.example }",
        "email: ml@test.example, approver: true }",
    );
    git(
        reg.path(),
        DEV,
        "2026-02-03",
        &["commit", "-qam", "ml-lead approves"],
    );
    assert_eq!(states(&reg)[1], ("R-001".into(), "unapproved".into()));
}

#[test]
fn self_approval_is_reported_and_approval_rules_can_be_turned_on() {
    let reg = repo(LEAD);
    edit(&reg, "risks/R-001.yaml", "consequence: 2", "consequence: 1");
    git(
        reg.path(),
        LEAD,
        "2026-02-01",
        &[
            "commit",
            "-qam",
            "Lower R-001",
            "--trailer",
            "Approved-by: Lead Person <lead@test.example>",
        ],
    );
    let rules = |reg: &Reg| -> Vec<(String, String, String)> {
        let Ran { stdout: out, .. } =
            reg.run(&["check", "--format", "json", "--today", "2026-03-01"]);
        let json: Value = serde_json::from_str(&out).expect("json");
        json["diagnostics"]
            .as_array()
            .expect("d")
            .iter()
            .map(|d| {
                (
                    d["rule"].as_str().expect("r").into(),
                    d["file"].as_str().expect("f").into(),
                    d["severity"].as_str().expect("s").into(),
                )
            })
            .collect()
    };
    assert_eq!(
        rules(&reg),
        [(
            "self-approval".into(),
            "risks/R-001.yaml".into(),
            "warning".into()
        )]
    );
    // another approval of the same version by its author does not settle it
    git(
        reg.path(),
        LEAD,
        "2026-02-02",
        &[
            "commit",
            "-q",
            "--allow-empty",
            "-m",
            "Approve",
            "--trailer",
            "Approves: R-001",
            "--trailer",
            "Approved-by: Lead Person <lead@test.example>",
        ],
    );
    assert_eq!(
        rules(&reg),
        [(
            "self-approval".into(),
            "risks/R-001.yaml".into(),
            "warning".into()
        )],
        "still the author approving"
    );
    // off by default; on when the register asks
    edit(
        &reg,
        "aims.yaml",
        "  clause-unaddressed: off\n",
        "  clause-unaddressed: off\n  approval-missing: error\n  self-approval: off\n",
    );
    git(
        reg.path(),
        DEV,
        "2026-02-03",
        &["commit", "-qam", "Require approvals"],
    );
    let found = rules(&reg);
    assert_eq!(
        found.len(),
        42,
        "38 SoA decisions, the system, its impact assessment and monitor, and aims.yaml"
    );
    assert!(
        found
            .iter()
            .all(|(rule, file, severity)| rule == "approval-missing"
                && file != "risks/R-001.yaml"
                && severity == "error")
    );
    assert!(found.iter().any(|(_, file, _)| file == "aims.yaml"));
}

#[test]
fn a_merge_approves_what_it_brought_in() {
    let reg = repo(DEV);
    git(
        reg.path(),
        DEV,
        "2026-02-01",
        &["checkout", "-q", "-b", "change"],
    );
    edit(&reg, "risks/R-001.yaml", "likelihood: 1", "likelihood: 2");
    git(
        reg.path(),
        DEV,
        "2026-02-01",
        &["commit", "-qam", "Raise R-001"],
    );
    git(reg.path(), DEV, "2026-02-02", &["checkout", "-q", "main"]);
    edit(
        &reg,
        "systems/sys.yaml",
        "Scores things.",
        "Scores things well.",
    );
    git(
        reg.path(),
        DEV,
        "2026-02-02",
        &["commit", "-qam", "Reword sys"],
    );
    git(
        reg.path(),
        LEAD,
        "2026-02-03",
        &[
            "merge",
            "-q",
            "--no-ff",
            "change",
            "-m",
            "Merge change\n\nApproved-by: Lead Person <lead@test.example>",
        ],
    );
    assert_eq!(
        states(&reg),
        [
            ("sys".into(), "unapproved".into()),
            ("R-001".into(), "current".into())
        ]
    );
}

#[test]
fn log_follows_an_entity_through_renames_with_its_approvals() {
    let reg = repo(LEAD);
    edit(&reg, "risks/R-001.yaml", "likelihood: 1", "likelihood: 2");
    git(
        reg.path(),
        DEV,
        "2026-02-01",
        &["commit", "-qam", "Raise R-001"],
    );
    git(
        reg.path(),
        DEV,
        "2026-02-02",
        &["mv", "risks/R-001.yaml", "risks/R-100.yaml"],
    );
    edit(&reg, "risks/R-100.yaml", "id: R-001", "id: R-100");
    git(
        reg.path(),
        DEV,
        "2026-02-02",
        &["commit", "-qam", "Renumber R-001 to R-100"],
    );
    reg.run(&["approve", "R-100"]);
    // a commit message that is not UTF-8
    edit(&reg, "risks/R-100.yaml", "consequence: 2", "consequence: 1");
    git(reg.path(), DEV, "2026-02-04", &["add", "-A"]);
    let msg = reg.join("msg.txt");
    fs::write(&msg, b"Lower consequence caf\xe9\n").expect("write");
    git(
        reg.path(),
        DEV,
        "2026-02-04",
        &[
            "-c",
            "i18n.commitEncoding=latin1",
            "commit",
            "-q",
            "-F",
            "msg.txt",
        ],
    );
    fs::remove_file(&msg).expect("remove");
    let Ran {
        code,
        stdout: out,
        stderr: err,
    } = reg.run(&["log", "R-100", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let log: Value = serde_json::from_str(&out).expect("json");
    assert_eq!(
        log["files"],
        serde_json::json!(["risks/R-100.yaml", "risks/R-001.yaml"])
    );
    let lines: Vec<(String, Vec<String>, usize)> = log["commits"]
        .as_array()
        .expect("commits")
        .iter()
        .map(|c| {
            (
                c["summary"].as_str().expect("s").to_string(),
                c["changes"]
                    .as_array()
                    .expect("c")
                    .iter()
                    .map(|x| x.as_str().expect("x").to_string())
                    .collect(),
                c["approvals"].as_array().expect("a").len(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            (
                "Lower consequence caf\u{fffd}".to_string(),
                vec!["assessment 2x2 -> 2x1".to_string()],
                0
            ),
            ("Approve R-100".to_string(), vec![], 1),
            (
                "Renumber R-001 to R-100".to_string(),
                vec![
                    "renamed from risks/R-001.yaml".to_string(),
                    "id R-001 -> R-100".to_string()
                ],
                0
            ),
            (
                "Raise R-001".to_string(),
                vec!["assessment 1x2 -> 2x2".to_string()],
                0
            ),
            ("Register".to_string(), vec!["created".to_string()], 0),
        ]
    );
}

#[test]
fn at_reproduces_an_old_report_byte_for_byte() {
    let reg = repo(LEAD);
    let Ran { stdout: then, .. } =
        reg.run(&["report", "soa", "--format", "html", "--today", "2026-03-01"]);
    git(reg.path(), DEV, "2026-01-10", &["tag", "audit-2026"]);
    edit(
        &reg,
        "controls/A.2.2.yaml",
        "status: planned",
        "status: partial",
    );
    git(
        reg.path(),
        DEV,
        "2026-06-01",
        &["commit", "-qam", "A.2.2 partial"],
    );
    fs::write(
        reg.join("controls/A.2.3.yaml"),
        "id: A.2.3\napplicable: false\njustification: Dropped.\n",
    )
    .expect("write");
    let Ran { stdout: now, .. } =
        reg.run(&["report", "soa", "--format", "html", "--today", "2026-03-01"]);
    assert_ne!(now, then);
    for rev in ["audit-2026", "HEAD~1", "2026-01-31"] {
        let Ran {
            code,
            stdout: again,
            stderr: err,
        } = reg.run(&[
            "report",
            "soa",
            "--format",
            "html",
            "--today",
            "2026-03-01",
            "--at",
            rev,
        ]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(again, then, "{rev}");
    }
    let Ran {
        code, stderr: err, ..
    } = reg.run(&["check", "--at", "2025-12-31"]);
    assert_eq!(code, 2);
    assert!(err.contains("no commit on or before 2025-12-31"), "{err}");
    let Ran {
        code, stderr: err, ..
    } = reg.run(&["risk", "add", "--at", "HEAD", "--title", "x"]);
    assert_eq!(code, 2);
    assert!(err.contains("does not take --at"), "{err}");
}

/// `--at` is resolved once and carried by the register: the approval rules judge the
/// revision's history and files, never HEAD or the working tree.
#[test]
fn check_at_a_revision_judges_approvals_as_of_that_revision() {
    let reg = repo(LEAD);
    edit(
        &reg,
        "aims.yaml",
        "  clause-unaddressed: off\n",
        "  clause-unaddressed: off\n  approval-missing: error\n",
    );
    git(reg.path(), DEV, "2026-01-11", &["commit", "-qam", "Rules"]);
    let count = |args: &[&str]| {
        let Ran { stdout, stderr, .. } = reg.run(args);
        let json: Value = serde_json::from_str(&stdout).unwrap_or_else(|_| panic!("{stderr}"));
        crate::register::diagnostics(&json)
            .iter()
            .filter(|d| d["rule"] == "approval-missing")
            .count()
    };
    let at_head = [
        "check",
        "--at",
        "HEAD",
        "--format",
        "json",
        "--today",
        "2026-11-22",
    ];
    let committed = count(&at_head);
    assert_eq!(
        committed,
        count(&["check", "--format", "json", "--today", "2026-11-22"])
    );
    assert!(committed > 0);
    // An uncommitted edit makes the working tree `modified`, which approval-missing
    // does not report; the committed verdict must not change.
    edit(&reg, "risks/R-001.yaml", "likelihood: 1", "likelihood: 2");
    assert_eq!(count(&at_head), committed);
    assert_eq!(
        count(&["check", "--format", "json", "--today", "2026-11-22"]),
        committed - 1
    );
}

/// A register's templates render an old report as they were at that revision.
#[test]
fn report_at_a_revision_uses_that_revisions_templates() {
    let reg = repo(LEAD);
    fs::create_dir_all(reg.join("templates")).expect("folder");
    fs::write(
        reg.join("templates/soa.md.j2"),
        "old template {{ meta.today }}\n",
    )
    .expect("write");
    git(reg.path(), DEV, "2026-01-11", &["add", "-A"]);
    git(
        reg.path(),
        DEV,
        "2026-01-11",
        &["commit", "-qm", "Template"],
    );
    fs::write(reg.join("templates/soa.md.j2"), "new template\n").expect("write");
    let Ran { stdout, .. } = reg.aims(&["report", "soa", "--at", "HEAD"]);
    assert_eq!(stdout, "old template 2026-11-22\n");
    let Ran { stdout, .. } = reg.aims(&["report", "soa"]);
    assert_eq!(stdout, "new template\n");
}

#[cfg(unix)]
#[test]
fn a_template_that_is_a_symlink_is_refused() {
    let reg = Reg::new();
    fs::create_dir_all(reg.join("templates")).expect("folder");
    std::os::unix::fs::symlink("/etc/hostname", reg.join("templates/soa.md.j2")).expect("link");
    let Ran {
        code,
        stdout,
        stderr,
    } = reg.aims(&["report", "soa"]);
    assert_eq!(code, 2, "{stdout}");
    assert!(
        stderr.contains("template `templates/soa.md.j2` cannot be used: it is a symlink"),
        "{stderr}"
    );
}

#[test]
fn diff_reports_changes_in_register_terms() {
    let reg = repo(LEAD);
    git(reg.path(), DEV, "2026-01-10", &["tag", "v1"]);
    edit(&reg, "risks/R-001.yaml", "likelihood: 1", "likelihood: 3");
    fs::write(
        reg.join("risks/R-002.yaml"),
        RISK.replace("{id}", "R-002") + "status: closed\nclosed_reason: Gone.\n",
    )
    .expect("write");
    edit(
        &reg,
        "controls/A.10.4.yaml",
        "applicable: true",
        "applicable: false",
    );
    fs::create_dir_all(reg.join("incidents")).expect("dir");
    fs::write(
        reg.join("incidents/INC-1.yaml"),
        "id: INC-1\ntitle: Drift seen\nreported: 2026-02-01\nreporter: lead\nseverity: high\ndescription: d\nstatus: open\n",
    )
    .expect("write");
    git(reg.path(), DEV, "2026-02-01", &["add", "-A"]);
    git(reg.path(), DEV, "2026-02-01", &["commit", "-qm", "Quarter"]);
    edit(
        &reg,
        "risks/R-002.yaml",
        "status: closed\nclosed_reason: Gone.\n",
        "",
    );
    git(
        reg.path(),
        DEV,
        "2026-02-02",
        &["commit", "-qam", "Reopen R-002"],
    );
    let Ran {
        code,
        stdout: md,
        stderr: err,
    } = reg.run(&["diff", "v1..HEAD~1"]);
    assert_eq!(code, 0, "{err}");
    assert!(md.starts_with("## AI register changes: `v1 ("), "{md}");
    for expected in [
        "### Risks added\n\n| Id | Title | |\n| --- | --- | --- |\n| R-002 | Something goes wrong | 1x2 = 2 (band low) |",
        "### Score and band changes\n\n| Id | Title | Before | After |\n| --- | --- | --- | --- |\n| R-001 | Something goes wrong | 1x2 = 2 (band low) | 3x2 = 6 (band high) |",
        "### Statement of Applicability changes\n\n| Id | Title | Before | After |\n| --- | --- | --- | --- |\n| A.10.4 | Customers | planned | excluded |",
        "### New incidents\n\n| Id | Title | |\n| --- | --- | --- |\n| INC-1 | Drift seen | incident, severity high, reported 2026-02-01 |",
    ] {
        assert!(md.contains(expected), "missing:\n{expected}\nin:\n{md}");
    }
    let Ran { stdout: json, .. } = reg.run(&["diff", "HEAD~1..HEAD", "--format", "json"]);
    let json: Value = serde_json::from_str(&json).expect("json");
    assert_eq!(json["risks_reopened"][0]["id"], "R-002");
    let Ran { stdout: none, .. } = reg.run(&["diff", "HEAD"]);
    assert!(none.contains("No change"), "{none}");
}

#[test]
fn a_register_in_a_subfolder_and_a_detached_head_work() {
    let outer = crate::tempdir();
    let inner = outer.path().join("governance/aims");
    let reg = Reg::new();
    crate::copy_dir(reg.path(), &inner);
    git(
        outer.path(),
        DEV,
        "2026-01-10",
        &["init", "-q", "-b", "main"],
    );
    git(outer.path(), DEV, "2026-01-10", &["add", "-A"]);
    git(
        outer.path(),
        DEV,
        "2026-01-10",
        &["commit", "-qm", "Register"],
    );
    // A first commit approves nothing; the lead approves everything after it.
    let mut ids = vec!["aims", "sys", "IA-sys", "sys-accuracy"];
    ids.extend(crate::register::ANNEX_A);
    let approves = format!("Approves: {}", ids.join(", "));
    git(
        outer.path(),
        LEAD,
        "2026-01-11",
        &[
            "commit",
            "-q",
            "--allow-empty",
            "-m",
            "Approve",
            "--trailer",
            &approves,
            "--trailer",
            "Approved-by: Lead Person <lead@test.example>",
        ],
    );
    git(
        outer.path(),
        DEV,
        "2026-01-10",
        &["checkout", "-q", "--detach"],
    );
    let out = run_in(&inner, &["status", "--format", "json"]);
    let json: Value = serde_json::from_str(&String::from_utf8_lossy(&out.stdout)).expect("json");
    assert_eq!(json["summary"]["unapproved"], 0, "{json}");
    assert_eq!(out.status.code(), Some(0));
    let out = run_in(&inner, &["check", "--at", "HEAD"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_shallow_clone_says_history_is_truncated() {
    let reg = repo(LEAD);
    reg.run(&["approve", "R-001"]);
    edit(&reg, "systems/sys.yaml", "Scores things.", "Scores.");
    git(reg.path(), DEV, "2026-02-01", &["commit", "-qam", "Reword"]);
    let clone = crate::tempdir();
    let url = format!("file://{}", reg.path().display());
    git(
        clone.path(),
        DEV,
        "2026-03-01",
        &["clone", "-q", "--depth", "1", &url, "c"],
    );
    let out = run_in(&clone.path().join("c"), &["status", "--format", "json"]);
    let json: Value = serde_json::from_str(&String::from_utf8_lossy(&out.stdout)).expect("json");
    assert_eq!(json["summary"]["history_truncated"], true);
    assert!(String::from_utf8_lossy(&out.stderr).contains("shallow clone"));
    assert_eq!(out.status.code(), Some(1));
    let out = run_in(&clone.path().join("c"), &["log", "R-001"]);
    assert_eq!(out.status.code(), Some(0), "no crash");
    // What the boundary commit changed is not kept, since its parent can still come:
    // once it has, the log is the full one.
    git(
        &clone.path().join("c"),
        DEV,
        "2026-03-01",
        &["fetch", "-q", "--unshallow"],
    );
    let log = |dir: &Path| {
        let out = run_in(dir, &["log", "R-001", "--format", "json"]);
        let json: Value = serde_json::from_slice(&out.stdout).expect("json");
        json["commits"]
            .as_array()
            .expect("commits")
            .iter()
            .map(|c| (c["summary"].clone(), c["changes"].clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(log(&clone.path().join("c")), log(reg.path()));
}

/// The cache of what each commit changed, under `.git/aims/`.
fn cached(reg: &Reg) -> Vec<(String, String)> {
    let dir = reg.join(".git/aims");
    let mut files: Vec<(String, String)> = fs::read_dir(&dir)
        .map(|entries| {
            entries
                .map(|e| {
                    let e = e.expect("entry");
                    let text = fs::read_to_string(e.path()).expect("read");
                    (e.file_name().to_string_lossy().into_owned(), text)
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

#[test]
fn log_keeps_what_each_commit_changed_and_never_trusts_a_damaged_record() {
    let reg = repo(LEAD);
    edit(&reg, "risks/R-001.yaml", "likelihood: 1", "likelihood: 2");
    git(reg.path(), DEV, "2026-02-01", &["commit", "-qam", "Raise"]);
    let log = |reg: &Reg| {
        let Ran {
            code,
            stdout: out,
            stderr: err,
        } = reg.run(&["log", "R-001", "--format", "json"]);
        assert_eq!(code, 0, "{err}");
        out
    };
    let first = log(&reg);
    assert!(first.contains("likelihood") || first.contains("assessment 1x2 -> 2x2"));
    let kept = cached(&reg);
    assert_eq!(kept.len(), 1, "{kept:?}");
    let (name, text) = &kept[0];
    assert!(
        name.starts_with("changes-") && name.ends_with(".txt"),
        "{name}"
    );
    let head = git(reg.path(), DEV, "2026-02-01", &["rev-parse", "HEAD"]);
    assert!(text.contains(&format!("commit {}", head.trim())), "{text}");
    assert!(text.contains(" risks/R-001.yaml\n"), "{text}");
    assert!(text.ends_with("end 2\n"), "{text}");
    assert_eq!(log(&reg), first, "the same answer from the record");

    // Damaged records are ignored and replaced.
    let path = reg.join(".git/aims").join(name);
    for damage in ["junk\n", &text[..text.len() - 6], ""] {
        fs::write(&path, damage).expect("write");
        assert_eq!(log(&reg), first);
        assert_eq!(&fs::read_to_string(&path).expect("read"), text);
    }

    // A well-formed but false record (a change moved to another commit, a change
    // removed) is caught against the repository and rebuilt.
    let commits: Vec<String> = git(reg.path(), DEV, "2026-02-01", &["log", "--format=%H"])
        .lines()
        .map(String::from)
        .collect();
    let swapped = text
        .replace(&commits[0], "PLACEHOLDER")
        .replace(&commits[1], &commits[0])
        .replace("PLACEHOLDER", &commits[1]);
    let hidden = text.replace(" risks/R-001.yaml\n", " risks/R-009.yaml\n");
    for false_record in [swapped, hidden] {
        fs::write(&path, &false_record).expect("write");
        let Ran {
            code,
            stdout,
            stderr,
        } = reg.run(&["log", "R-001", "--format", "json"]);
        assert_eq!(code, 0, "{stderr}");
        assert_eq!(stdout, first);
        assert!(
            stderr.contains("did not match the repository; it was rebuilt"),
            "{stderr}"
        );
        assert_eq!(&fs::read_to_string(&path).expect("read"), text);
    }

    // New commits are added to it.
    edit(&reg, "risks/R-001.yaml", "likelihood: 2", "likelihood: 3");
    git(
        reg.path(),
        DEV,
        "2026-02-02",
        &["commit", "-qam", "Raise again"],
    );
    let later = log(&reg);
    assert!(
        later.contains("Raise again") && later.contains("2x2 -> 3x2"),
        "{later}"
    );
    assert!(cached(&reg)[0].1.ends_with("end 3\n"));

    // Where the record cannot be written, log works all the same.
    fs::remove_dir_all(reg.join(".git/aims")).expect("remove");
    fs::write(reg.join(".git/aims"), "not a folder").expect("write");
    assert_eq!(log(&reg), later);
}

#[test]
fn aims_yaml_broken_at_an_old_commit_is_a_finding_not_a_crash() {
    let reg = repo(LEAD);
    fs::write(reg.join("aims.yaml"), "aims: [broken\n").expect("write");
    git(reg.path(), DEV, "2026-02-01", &["commit", "-qam", "Break"]);
    fs::write(reg.join("aims.yaml"), AIMS_YAML).expect("write");
    git(reg.path(), DEV, "2026-02-02", &["commit", "-qam", "Fix"]);
    let Ran {
        code, stdout: out, ..
    } = reg.run(&["check", "--at", "HEAD~1", "--format", "json"]);
    assert_eq!(code, 1);
    assert!(out.contains("yaml-syntax"), "{out}");
    assert_eq!(reg.run(&["check", "--at", "HEAD"]).code, 0);
}
