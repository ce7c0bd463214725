//! The CI examples of docs/ci.md and the pre-commit hook, run as written.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::copy_dir;
use crate::trail::{CI, git};

/// The example register in a repository with `main`, a feature branch checked out
/// that changes one risk, and `origin/main` as CI checkouts have it.
fn repository() -> tempfile::TempDir {
    let dir = crate::tempdir();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/northwind"),
        dir.path(),
    );
    git(dir.path(), CI, "2026-11-20", &["init", "-q", "-b", "main"]);
    git(dir.path(), CI, "2026-11-20", &["add", "-A"]);
    git(dir.path(), CI, "2026-11-20", &["commit", "-qm", "Register"]);
    git(
        dir.path(),
        CI,
        "2026-11-20",
        &["update-ref", "refs/remotes/origin/main", "main"],
    );
    git(dir.path(), CI, "2026-11-20", &["tag", "audit-2026", "main"]);
    git(
        dir.path(),
        CI,
        "2026-11-20",
        &["checkout", "-q", "-b", "feature"],
    );
    let risk = dir.path().join("risks/R-004.yaml");
    let text = fs::read_to_string(&risk).expect("read").replace(
        "  likelihood: 3\n  consequence: 3",
        "  likelihood: 2\n  consequence: 3",
    );
    fs::write(&risk, text).expect("write");
    git(
        dir.path(),
        CI,
        "2026-11-20",
        &["commit", "-qam", "Lower R-004"],
    );
    dir
}

/// Runs a shell line in `dir` with the aims under test first on the PATH.
fn sh(dir: &Path, line: &str) -> (i32, String) {
    let bin = assert_cmd::cargo::cargo_bin("aims");
    let path = format!(
        "{}:{}",
        bin.parent().expect("bin dir").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("sh")
        .args(["-c", line])
        .current_dir(dir)
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .env("GITHUB_REF_NAME", "audit-2026")
        .output()
        .expect("sh");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The `aims` command lines of a document: shell lines inside its code blocks.
fn aims_lines(doc: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut in_code = false;
    for line in doc.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if !in_code {
            continue;
        }
        let mut text = line.trim();
        for prefix in ["- ", "run: "] {
            text = text.strip_prefix(prefix).unwrap_or(text);
        }
        if text.starts_with("aims ") {
            lines.push(
                text.replace("${{ github.base_ref }}", "main")
                    .replace("$CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main"),
            );
        }
    }
    lines
}

#[test]
fn every_aims_command_in_the_ci_guide_runs() {
    let doc = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/ci.md"))
        .expect("docs/ci.md");
    let lines = aims_lines(&doc);
    assert!(lines.len() >= 7, "found only {lines:?}");
    let repo = repository();
    for line in &lines {
        let (code, err) = sh(repo.path(), line);
        assert!(
            code == 0 || code == 1,
            "`{line}` could not run (exit {code}): {err}"
        );
    }
    let sarif: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(repo.path().join("aims.sarif")).expect("aims.sarif"),
    )
    .expect("json");
    assert_eq!(sarif["version"], "2.1.0");
    roxmltree::Document::parse(
        &fs::read_to_string(repo.path().join("aims-junit.xml")).expect("junit"),
    )
    .expect("xml");
    let diff = fs::read_to_string(repo.path().join("diff.md")).expect("diff.md");
    assert!(diff.contains("| R-004 | Credit model degrades after interest rate changes | 3x3 = 9 (band medium) | 2x3 = 6 (band medium) |"), "{diff}");
    let due: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(repo.path().join("due.json")).expect("due.json"))
            .expect("json");
    assert!(due["items"].is_array());
    assert!(
        due["owners"]
            .as_array()
            .expect("owners")
            .iter()
            .all(|o| o["role"].is_string() && o["items"].is_u64()),
        "{due}"
    );
    for site in ["_site", "public", "audit-2026-site"] {
        assert!(
            repo.path().join(site).join("index.html").is_file(),
            "{site}"
        );
    }
    // The site of the tag shows the register before the feature branch's change.
    let risk =
        fs::read_to_string(repo.path().join("audit-2026-site/risks/R-004.html")).expect("R-004");
    assert!(risk.contains("3&nbsp;x&nbsp;3"), "the tagged version");
}

#[test]
fn the_pre_commit_hooks_run_aims_check_on_every_commit() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let hooks = fs::read_to_string(root.join(".pre-commit-hooks.yaml")).expect("hooks");
    let parsed = aims::yaml::parse(&hooks).expect("valid YAML");
    let hooks = parsed.value.as_array().expect("a list of hooks");
    let ids: Vec<&str> = hooks.iter().filter_map(|h| h["id"].as_str()).collect();
    assert_eq!(ids, ["aims-check", "aims-check-system"]);
    for hook in hooks {
        // whatever a commit touches (a deletion too), the whole register is checked
        assert_eq!(hook["always_run"], true, "{hook}");
        assert_eq!(hook["pass_filenames"], false, "{hook}");
        assert!(hook.get("files").is_none(), "{hook}");
    }
    let script = root.join(hooks[0]["entry"].as_str().expect("entry"));
    let text = fs::read_to_string(&script).expect("the hook's script");
    assert!(text.contains("cargo install --locked"), "built as locked");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&script).expect("script").permissions().mode();
        assert!(mode & 0o111 != 0, "the script is executable");
    }
    let entry = hooks[1]["entry"].as_str().expect("entry");
    let repo = repository();
    let (code, err) = sh(repo.path(), &format!("{entry} --today 2026-11-22"));
    assert_eq!(code, 0, "{err}");
    fs::remove_file(repo.path().join("systems/credit-scoring.yaml")).expect("delete");
    let (code, _) = sh(repo.path(), &format!("{entry} --today 2026-11-22"));
    assert_eq!(
        code, 1,
        "a deletion that breaks the register stops the commit"
    );
    // the configuration docs/ci.md shows names a hook that exists and a full SHA
    let doc = fs::read_to_string(root.join("docs/ci.md")).expect("docs/ci.md");
    let config = doc
        .split("```yaml\nrepos:")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("a pre-commit configuration in docs/ci.md");
    let config = aims::yaml::parse(&format!("repos:{config}")).expect("valid YAML");
    let repo = &config.value["repos"][0];
    let rev = repo["rev"].as_str().expect("rev");
    assert!(
        rev.len() == 40 && rev.bytes().all(|b| b.is_ascii_hexdigit()),
        "{rev}"
    );
    assert_eq!(repo["hooks"][0]["id"], "aims-check");
}

/// The shell lines of a document's ```sh blocks, in order.
fn shell_lines(doc: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut in_sh = false;
    for line in doc.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("```") {
            in_sh = !in_sh && trimmed == "```sh";
            continue;
        }
        if in_sh && !trimmed.is_empty() && !trimmed.starts_with('#') {
            lines.push(trimmed.to_string());
        }
    }
    lines
}

#[test]
fn the_getting_started_guide_runs_from_git_init_to_a_green_register() {
    let doc =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/getting-started.md"))
            .expect("docs/getting-started.md");
    let lines = shell_lines(&doc);
    assert!(lines.len() > 30, "found only {lines:?}");
    assert_eq!(
        lines[0], "git init -q -b main acme-aims",
        "it starts from git init"
    );
    // The page makes everything it uses: the evidence files too.
    let desk = crate::tempdir();
    // One shell runs the page top to bottom (so `cd` holds), recording each exit status
    // and what each aims command printed; every aims command judges dates as of the
    // tests' day.
    let codes = desk.path().join("codes");
    let printed = |i: usize| desk.path().join(format!("out-{i}"));
    let mut script = String::new();
    for (i, line) in lines.iter().enumerate() {
        let line = match line.starts_with("aims ") {
            true => format!("{line} --today 2026-11-22 > '{}'", printed(i).display()),
            false => line.clone(),
        };
        script.push_str(&format!(
            "{line}\necho \"{i} $?\" >> '{}'\n",
            codes.display()
        ));
    }
    let bin = assert_cmd::cargo::cargo_bin("aims");
    let path = format!(
        "{}:{}",
        bin.parent().expect("bin dir").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("sh")
        .args(["-c", &script])
        .current_dir(desk.path())
        .env("PATH", path)
        .env("HOME", desk.path())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("NO_COLOR", "1")
        .env_remove("GIT_DIR")
        .env_remove("GIT_AUTHOR_NAME")
        .env_remove("GIT_AUTHOR_EMAIL")
        .env_remove("GIT_COMMITTER_NAME")
        .env_remove("GIT_COMMITTER_EMAIL")
        .output()
        .expect("sh");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let codes = fs::read_to_string(codes).expect("codes");
    let checks: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i] == "aims check")
        .collect();
    let [first_check, last_check] = checks[..] else {
        panic!("the page runs `aims check` twice: {lines:?}");
    };
    for entry in codes.lines() {
        let (i, code) = entry.split_once(' ').expect("index and code");
        let i = i.parse::<usize>().expect("index");
        let line = &lines[i];
        // what the page says each command does: the first check lists what is left to
        // do (38 errors), the last one is green, status exits 1 while something awaits
        // approval
        let expected = match line.as_str() {
            _ if i == first_check => "1",
            "aims status" => "1",
            _ => "0",
        };
        assert_eq!(code, expected, "`{line}` exited {code}\n{stdout}\n{stderr}");
    }
    let output = |i: usize| fs::read_to_string(printed(i)).expect("printed");
    assert!(
        output(first_check).contains("\n38 errors, "),
        "§1 says 38 errors: {}",
        output(first_check)
    );
    assert!(
        doc.contains("It reports 38 errors, one for each Annex A control"),
        "the page says what the first check reports"
    );
    // §7 shows the last line `aims check` prints
    let shown = doc
        .split("```text\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("§7 shows the result of the check");
    let last = output(last_check);
    assert_eq!(
        last.lines().last().unwrap_or_default(),
        shown.trim(),
        "the page shows what the check prints: {last}"
    );
    assert!(shown.starts_with("0 errors, "), "{shown}");
    assert!(
        stderr.contains("warning: you authored the versions of 38 entities you are approving"),
        "one self-approval warning, with the count: {stderr}"
    );
    assert_eq!(codes.lines().count(), lines.len());
    let register = desk.path().join("acme-aims");
    let (code, _) = sh(&register, "aims check --today 2026-11-22");
    assert_eq!(code, 0, "the register is green at the end");
    let out = Command::new(&bin)
        .args(["check", "--format", "json", "--today", "2026-11-22"])
        .current_dir(&register)
        .output()
        .expect("check");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["summary"]["errors"], 0, "{json:#}");
    let out = Command::new(&bin)
        .args(["status", "--format", "json"])
        .current_dir(&register)
        .env("HOME", desk.path())
        .output()
        .expect("status");
    let status: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let controls_current = status["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .filter(|e| e["kind"] == "control" && e["state"] == "current")
        .count();
    assert_eq!(controls_current, 38, "the SoA is approved: {status:#}");
    let soa = fs::read_to_string(desk.path().join("soa.html")).expect("soa.html");
    assert!(soa.contains("A.10.4"));
}

/// The shell lines of a document's ```sh blocks, in order.
fn sh_blocks(doc: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut in_sh = false;
    for line in doc.lines() {
        let fence = line.trim_start();
        if fence.starts_with("```") {
            in_sh = !in_sh && fence == "```sh";
            continue;
        }
        if in_sh {
            lines.push(line.to_string());
        }
    }
    lines
}

#[test]
fn the_monitoring_walk_through_runs_as_written() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = fs::read_to_string(root.join("docs/monitoring.md")).expect("docs/monitoring.md");
    let work = crate::tempdir();
    let tmp = work.path().join("tmp");
    fs::create_dir_all(&tmp).expect("dir");
    copy_dir(
        &root.join("examples/northwind"),
        &work.path().join("examples/northwind"),
    );
    copy_dir(
        &root.join("examples/pipeline"),
        &work.path().join("examples/pipeline"),
    );
    // Each `aims` line reports its exit status, so that a line that cannot run (2)
    // is caught even where a finding (1) is expected.
    let script: Vec<String> = sh_blocks(&doc)
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            if line.starts_with("aims ") {
                format!("{line}; echo \"exit $? from line {i}\"")
            } else {
                line
            }
        })
        .collect();
    assert!(script.len() >= 15, "{script:?}");
    let bin = assert_cmd::cargo::cargo_bin("aims");
    let out = Command::new("sh")
        .args(["-c", &script.join("\n")])
        .current_dir(work.path())
        .env(
            "PATH",
            format!(
                "{}:{}",
                bin.parent().expect("bin dir").display(),
                std::env::var("PATH").unwrap_or_default()
            ),
        )
        .env("TMPDIR", &tmp)
        .env("NO_COLOR", "1")
        .env("HOME", work.path())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Tom Okafor")
        .env("GIT_AUTHOR_EMAIL", "tom@northwind.example")
        .env("GIT_COMMITTER_NAME", "Tom Okafor")
        .env("GIT_COMMITTER_EMAIL", "tom@northwind.example")
        .output()
        .expect("sh");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let statuses: Vec<&str> = stdout.lines().filter(|l| l.starts_with("exit ")).collect();
    assert!(statuses.len() >= 15, "{stdout}\n{stderr}");
    assert!(
        statuses
            .iter()
            .all(|s| s.starts_with("exit 0 ") || s.starts_with("exit 1 ")),
        "{statuses:#?}\n{stderr}"
    );
    for expected in [
        "credit-age-gap: 5.6 on 2026-11-20T06:02:00Z: BEYOND THE THRESHOLD (max 5); triggers the review of R-001 (due 2026-12-20), R-006 (due 2026-12-20)",
        "recorded 0 measurements for 3 monitors; 3 already recorded, not added again",
        "would record 3 measurements for 3 monitors",
        "warning[review-triggered]: risks/R-001.yaml",
        "error[review-overdue]: risks/R-001.yaml",
        "the risk criteria in aims.yaml changed on 2026-12-22 (commit ",
        "system `fraud-detection` changed on 2026-12-22 (Model v8 with merchant features), after the assessment's last review",
        "reviewed impacts/IA-fraud-detection-2026.yaml",
    ] {
        assert!(
            stdout.contains(expected),
            "missing `{expected}` in:\n{stdout}\n{stderr}"
        );
    }
    assert!(stderr.contains("training/loss"), "{stderr}");
    assert!(tmp.join("northwind/board.html").is_file());
}

#[test]
fn the_readme_says_what_checking_the_example_prints() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = fs::read_to_string(root.join("README.md")).expect("README.md");
    // as the text reads, whatever its line breaks
    let readme = readme.split_whitespace().collect::<Vec<_>>().join(" ");
    let said = readme
        .split("the bundled example register (it prints `")
        .nth(1)
        .and_then(|rest| rest.split('`').next())
        .expect("the README says what checking the example prints");
    let out = Command::new(assert_cmd::cargo::cargo_bin("aims"))
        .args(["check", "examples/northwind", "--today", "2026-11-22"])
        .current_dir(root)
        .env("NO_COLOR", "1")
        .output()
        .expect("check");
    let printed = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        printed.lines().last().unwrap_or_default(),
        said,
        "{printed}"
    );
    // the stable SoA columns it lists are the CSV's
    let listed = readme
        .split("**CSV columns**")
        .nth(1)
        .and_then(|rest| rest.split("- `soa`: `").nth(1))
        .and_then(|rest| rest.split('`').next())
        .expect("the SoA columns");
    let out = Command::new(assert_cmd::cargo::cargo_bin("aims"))
        .args(["report", "soa", "--format", "csv", "--today", "2026-11-22"])
        .current_dir(root.join("examples/northwind"))
        .output()
        .expect("report");
    let csv = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        csv.lines().next().unwrap_or_default().replace(',', ", "),
        listed
    );
}
