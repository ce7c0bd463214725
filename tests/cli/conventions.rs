//! The conventions command-line users expect: colour switches (`--color`,
//! `NO_COLOR`, `CLICOLOR_FORCE`, `TERM=dumb`) reaching every output, clap's included,
//! `--quiet` and `--verbose`, and alignment measured in terminal columns.

use std::path::Path;
use std::process::{Command, Output};

use unicode_width::UnicodeWidthStr;

use crate::Reg;

/// Runs `aims` in `dir` with exactly the colour environment given.
fn with_env(dir: &Path, env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut command = Command::new(assert_cmd::cargo::cargo_bin("aims"));
    command
        .current_dir(dir)
        .args(args)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("GIT_DIR");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("runs")
}

fn coloured(bytes: &[u8]) -> bool {
    bytes.windows(2).any(|w| w == b"\x1b[")
}

#[test]
fn clicolor_force_and_no_color_are_honoured() {
    let reg = Reg::new();
    let check = ["check", "--today", "2026-11-22"];
    assert!(
        !coloured(&with_env(reg.path(), &[], &check).stdout),
        "not a terminal"
    );
    assert!(coloured(
        &with_env(reg.path(), &[("CLICOLOR_FORCE", "1")], &check).stdout
    ));
    let both = with_env(
        reg.path(),
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
        &check,
    );
    assert!(!coloured(&both.stdout), "NO_COLOR wins");
    let never = with_env(
        reg.path(),
        &[("CLICOLOR_FORCE", "1")],
        &[&check[..], &["--color", "never"]].concat(),
    );
    assert!(
        !coloured(&never.stdout),
        "the flag wins over the environment"
    );
}

#[test]
fn term_dumb_turns_colour_off_on_a_terminal() {
    // A pseudo-terminal, as a person's shell would give aims.
    let reg = Reg::new();
    let on_terminal = |term: &str| {
        let screen = crate::terminal::terminal(reg.path(), "check --today 2026-11-22")
            .env("NO_COLOR", None)
            .env("CLICOLOR_FORCE", None)
            .env("CI", None)
            .env("TERM", Some(term))
            .screen();
        assert!(screen.contains("no problems found"));
        coloured(screen.as_bytes())
    };
    assert!(on_terminal("xterm-256color"));
    assert!(!on_terminal("dumb"));
}

#[test]
fn color_reaches_clap_help_and_errors() {
    let reg = Reg::new();
    let force = [("CLICOLOR_FORCE", "1")];
    let error = with_env(reg.path(), &force, &["check", "--format", "xml"]);
    assert_eq!(error.status.code(), Some(2));
    assert!(
        coloured(&error.stderr),
        "clap colours by default when forced"
    );
    for args in [
        vec!["check", "--format", "xml", "--color", "never"],
        vec!["--color=never", "check", "--format", "xml"],
    ] {
        let out = with_env(reg.path(), &force, &args);
        assert_eq!(out.status.code(), Some(2));
        assert!(
            !coloured(&out.stderr),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let help = with_env(reg.path(), &[], &["check", "--help", "--color", "always"]);
    assert!(coloured(&help.stdout));
    let help = with_env(reg.path(), &force, &["check", "--help", "--color", "never"]);
    assert!(!coloured(&help.stdout));
}

#[test]
fn quiet_and_verbose_decide_what_is_said_on_stderr() {
    let reg = Reg::new().risk("R-001", "");
    let normal = with_env(reg.path(), &[], &["risk", "list"]);
    assert_eq!(String::from_utf8_lossy(&normal.stderr), "1 risk\n");
    for flag in ["-q", "--quiet"] {
        let quiet = with_env(reg.path(), &[], &["risk", "list", flag]);
        assert_eq!(quiet.status.code(), Some(0));
        assert_eq!(String::from_utf8_lossy(&quiet.stderr), "", "{flag}");
        assert_eq!(quiet.stdout, normal.stdout, "{flag} changes only stderr");
    }
    let quiet_error = with_env(reg.path(), &[], &["-q", "risk", "show", "R-404"]);
    assert_eq!(quiet_error.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&quiet_error.stderr).contains("error: no risk `R-404`"));
    let verbose = with_env(reg.path(), &[], &["risk", "list", "-v"]);
    let said = String::from_utf8_lossy(&verbose.stderr);
    assert!(said.contains("aims: register `"), "{said}");
    assert!(said.contains("aims: done in "), "{said}");
    assert_eq!(verbose.stdout, normal.stdout);
}

#[test]
fn the_matrix_stays_aligned_with_wide_characters() {
    let config = crate::register::AIMS_YAML
        .replace("name: Rare", "name: 稀")
        .replace("name: Likely", "name: 可能性が高い🔥")
        .replace("name: Major", "name: 重大な影響");
    let reg = Reg::new().file("aims.yaml", &config).risk("R-001", "");
    for colour in ["never", "always"] {
        let out = with_env(reg.path(), &[], &["matrix", "--color", colour]);
        assert_eq!(out.status.code(), Some(0));
        let text = String::from_utf8(out.stdout).expect("utf-8");
        let plain = strip_ansi(&text);
        let rows: Vec<&str> = plain.lines().filter(|l| l.contains('│')).collect();
        assert_eq!(rows.len(), 3, "{plain}");
        let widths: Vec<usize> = rows.iter().map(|r| r.width()).collect();
        assert!(
            widths.iter().all(|w| *w == widths[0]),
            "{colour}: {widths:?}\n{plain}"
        );
        let bars = |row: &str| -> Vec<usize> {
            let mut at = Vec::new();
            let mut col = 0;
            for c in row.chars() {
                if c == '│' {
                    at.push(col);
                }
                col += c.to_string().width();
            }
            at
        };
        assert!(rows.iter().all(|r| bars(r) == bars(rows[0])), "{plain}");
    }
}

/// Text without its ANSI escape sequences.
fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A repository holding `Reg::new()` and a risk changed by `commits` commits.
fn long_history(commits: usize) -> Reg {
    let reg = Reg::new().risk("R-001", "");
    let git = |args: &[&str], stdin: Option<&[u8]>| {
        let mut command = Command::new("git");
        command
            .args(args)
            .current_dir(reg.path())
            .env("GIT_AUTHOR_NAME", "CI")
            .env("GIT_AUTHOR_EMAIL", "ci@test.example")
            .env("GIT_COMMITTER_NAME", "CI")
            .env("GIT_COMMITTER_EMAIL", "ci@test.example")
            .stdin(std::process::Stdio::piped());
        let mut child = command.spawn().expect("git");
        if let Some(bytes) = stdin {
            use std::io::Write;
            child
                .stdin
                .take()
                .expect("stdin")
                .write_all(bytes)
                .expect("stream");
        }
        assert!(child.wait().expect("git ends").success(), "git {args:?}");
    };
    git(&["init", "-q", "-b", "main"], None);
    git(&["add", "-A"], None);
    git(&["commit", "-qm", "Register"], None);
    let base = std::fs::read_to_string(reg.join("risks/R-001.yaml")).expect("risk");
    let mut stream = String::new();
    for n in 0..commits {
        let content = format!("{base}# revision {n}\n");
        let message = format!("Revise R-001 ({n})");
        stream.push_str(&format!(
            "commit refs/heads/main\ncommitter CI <ci@test.example> {} +0000\ndata {}\n{message}\n{}M 100644 inline risks/R-001.yaml\ndata {}\n{content}\n",
            1_780_000_000 + n,
            message.len(),
            if n == 0 { "from refs/heads/main^0\n" } else { "" },
            content.len(),
        ));
    }
    git(&["fast-import", "--quiet"], Some(stream.as_bytes()));
    git(&["reset", "-q", "--hard"], None);
    reg
}

/// What a terminal shows for `aims ARGS`, progress delay 0.
fn on_a_terminal(reg: &Reg, args: &str) -> String {
    crate::terminal::terminal(reg.path(), args)
        .env("AIMS_PROGRESS_DELAY", Some("0"))
        .env("TERM", Some("xterm"))
        .screen()
}

#[test]
fn long_work_shows_progress_on_a_terminal_only() {
    let reg = long_history(300);
    let forget = || {
        let _ = std::fs::remove_dir_all(reg.join(".git/aims"));
    };
    let log = "working out what each commit changed";
    forget();
    assert!(on_a_terminal(&reg, "log R-001").contains(log));
    forget();
    assert!(
        !on_a_terminal(&reg, "log R-001 --quiet").contains(log),
        "--quiet"
    );
    forget();
    assert!(
        !on_a_terminal(&reg, "log R-001 --format json").contains(log),
        "JSON"
    );
    forget();
    let piped = with_env(
        reg.path(),
        &[("AIMS_PROGRESS_DELAY", "0")],
        &["log", "R-001"],
    );
    assert!(
        !String::from_utf8_lossy(&piped.stderr).contains(log),
        "not a terminal"
    );
    assert!(String::from_utf8_lossy(&piped.stdout).contains("Revise R-001 (299)"));
    // quick work shows nothing: the default delay is a second
    forget();
    let quick = crate::terminal::terminal(reg.path(), "log R-001")
        .env("AIMS_PROGRESS_DELAY", None)
        .env("TERM", Some("xterm"))
        .screen();
    assert!(!quick.contains(log));
    let status = "reading the history";
    assert!(on_a_terminal(&reg, "status").contains(status));
    assert!(!on_a_terminal(&reg, "status --format json").contains(status));
}

#[test]
fn coloured_table_cells_keep_their_colour_and_nothing_else() {
    let reg = long_history(1);
    let out = with_env(reg.path(), &[], &["status", "--color", "always"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("\u{1b}[31m"), "{text}");
    assert!(
        !text.contains("\\u{1b}"),
        "colour codes shown as text: {text}"
    );
    // the columns still line up: every row of the table is as wide as the header
    let plain = strip_ansi(&text);
    let rows: Vec<usize> = plain
        .lines()
        .filter(|l| l.starts_with('│'))
        .map(|l| l.width())
        .collect();
    assert!(rows.windows(2).all(|w| w[0] == w[1]), "{plain}");
}
