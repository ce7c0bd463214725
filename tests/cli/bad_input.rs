//! Hostile and broken input: each case is reported with the file (and the line and
//! column where one exists), never panics, and exits non-zero.

use std::fs;
use std::process::Command;

use crate::Reg;

/// Asserts one finding of `rule` in `file`, and that the run failed cleanly.
fn only(reg: &Reg, rule: &str, file: &str) -> serde_json::Value {
    let (code, json) = reg.check_json();
    let found = crate::register::diagnostics(&json);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["rule"], rule, "{found:#?}");
    assert_eq!(found[0]["file"], file);
    assert_eq!(
        code,
        if found[0]["severity"] == "error" {
            1
        } else {
            0
        }
    );
    found[0].clone()
}

#[test]
fn malformed_yaml() {
    let reg = Reg::new().file("risks/R-1.yaml", "id: R-1\ntitle: \"unterminated\n");
    let d = only(&reg, "yaml-syntax", "risks/R-1.yaml");
    assert!(d["line"].as_u64().is_some());
}

#[test]
fn a_scalar_where_a_map_is_expected() {
    let reg = Reg::new().risk("R-1", "treatment: mitigate\n");
    let d = only(&reg, "schema", "risks/R-1.yaml");
    assert_eq!(
        d["message"],
        "`treatment` must be a mapping, found the text \"mitigate\""
    );
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(10), Some(12))
    );
}

#[test]
fn unknown_fields_and_wrong_enum_values() {
    let reg = Reg::new().system("s2").file(
        "systems/s2.yaml",
        &(crate::register::SYSTEM
            .replace("{id}", "s2")
            .replace("deployed", "live")
            + "colour: blue\n"),
    );
    let found = reg.rule("schema");
    let messages: Vec<&str> = found
        .iter()
        .map(|d| d["message"].as_str().expect("msg"))
        .collect();
    assert_eq!(
        messages,
        [
            "`lifecycle` is \"live\", which is not one of: concept, development, validation, deployed, retired",
            "unknown field `colour`",
        ]
    );
}

#[test]
fn an_empty_file_and_a_file_of_comments() {
    for text in ["", "# to be written\n# later\n"] {
        let reg = Reg::new().file("risks/R-1.yaml", text);
        let d = only(&reg, "schema", "risks/R-1.yaml");
        assert_eq!(
            d["message"],
            "file holds no YAML document (it is empty or only comments); expected a risk"
        );
        assert_eq!(
            (d["line"].as_u64(), d["column"].as_u64()),
            (Some(1), Some(1))
        );
    }
}

#[test]
fn non_utf8_bytes() {
    let reg = Reg::new().bytes("risks/R-1.yaml", b"id: R-1\ntitle: caf\xe9\n");
    let d = only(&reg, "yaml-syntax", "risks/R-1.yaml");
    assert_eq!(d["message"], "file is not valid UTF-8 (byte 0xe9)");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(2), Some(11))
    );
}

#[test]
fn a_file_over_the_size_limit_is_refused_unread() {
    let reg = Reg::new();
    let path = reg.join("risks/R-1.yaml");
    fs::create_dir_all(path.parent().expect("parent")).expect("folder");
    // 50 MB without writing 50 MB: the size is all that is looked at.
    fs::File::create(&path)
        .expect("file")
        .set_len(50 * 1024 * 1024)
        .expect("size");
    let d = only(&reg, "file-unreadable", "risks/R-1.yaml");
    assert_eq!(
        d["message"],
        "file is 52428800 bytes, over the limit of 1048576 bytes for a register file; it was not read"
    );
}

#[test]
fn a_large_file_under_the_limit_is_read() {
    let long = "x".repeat(900 * 1024);
    let reg = Reg::new().risk("R-1", &format!("cause: {long}\n"));
    assert_eq!(reg.findings(), []);
}

#[test]
fn alias_bombs_are_refused() {
    let mut bomb = String::from("id: R-1\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10 {
        let prev = i - 1;
        bomb.push_str(&format!("a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"));
    }
    let reg = Reg::new().file("risks/R-1.yaml", &bomb);
    let d = only(&reg, "yaml-syntax", "risks/R-1.yaml");
    assert!(d["message"].as_str().expect("msg").starts_with("aliases"));
    assert_eq!(d["line"], 3);
}

#[test]
fn ten_thousand_deep_nesting_neither_overflows_nor_hangs() {
    let flow = format!(
        "id: R-1\ncause: {}{}\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let block = format!("id: R-1\ncause:\n{}x\n", "- ".repeat(10_000));
    let mut indented = String::from("id: R-1\n");
    for depth in 0..10_000 {
        indented.push_str(&" ".repeat(depth));
        indented.push_str("k:\n");
    }
    for text in [flow, block] {
        let reg = Reg::new().file("risks/R-1.yaml", &text);
        only(&reg, "yaml-syntax", "risks/R-1.yaml");
    }
    // 10,000 indented levels is 50 MB of text: over the size limit, refused unread.
    let reg = Reg::new().file("risks/R-1.yaml", &indented);
    only(&reg, "file-unreadable", "risks/R-1.yaml");
    let shallow: String = indented
        .lines()
        .take(200)
        .map(|l| format!("{l}\n"))
        .collect();
    let reg = Reg::new().file("risks/R-1.yaml", &shallow);
    let d = only(&reg, "yaml-syntax", "risks/R-1.yaml");
    assert!(
        d["message"]
            .as_str()
            .expect("msg")
            .starts_with("nesting deeper than 64 levels")
    );
}

#[test]
fn duplicate_keys_are_refused() {
    let reg = Reg::new().risk("R-1", "owner: lead\n");
    let d = only(&reg, "yaml-syntax", "risks/R-1.yaml");
    assert_eq!(
        d["message"],
        "duplicate key `owner` (first at line 5); YAML forbids duplicate keys"
    );
    assert_eq!(d["line"], 10);
}

#[cfg(unix)]
#[test]
fn symlinks_outside_the_register_are_reported_not_followed() {
    let outside = crate::tempdir();
    let secret = outside.path().join("secret.yaml");
    fs::write(&secret, "id: secret\n").expect("write");
    let reg = Reg::new();
    fs::create_dir_all(reg.join("risks")).expect("folder");
    std::os::unix::fs::symlink(&secret, reg.join("risks/R-1.yaml")).expect("symlink");
    let d = only(&reg, "file-unreadable", "risks/R-1.yaml");
    assert!(
        d["message"]
            .as_str()
            .expect("msg")
            .contains("outside the register; it was not followed"),
        "{d}"
    );
    // a symlink inside the register is read like the file it points to
    let reg = Reg::new().risk("R-1", "");
    std::os::unix::fs::symlink(reg.join("systems/sys.yaml"), reg.join("systems/sys2.yaml"))
        .expect("symlink");
    assert_eq!(
        reg.rule("id-mismatch").len(),
        1,
        "read through the link, so its id is compared"
    );
}

#[cfg(unix)]
#[test]
fn an_entity_folder_linked_outside_is_not_followed() {
    let outside = crate::tempdir();
    fs::write(outside.path().join("R-1.yaml"), "junk").expect("write");
    let reg = Reg::new();
    std::os::unix::fs::symlink(outside.path(), reg.join("risks")).expect("symlink");
    only(&reg, "file-unreadable", "risks/");
}

#[test]
fn unexpected_files_and_folders_are_warnings() {
    let reg = Reg::new()
        .file("risks/notes.txt", "scratch")
        .file("risks/archive/R-0.yaml", "id: R-0\n")
        .file("risks/.gitkeep", "")
        .file("elsewhere/anything.txt", "not inside an entity folder");
    let (code, json) = reg.check_json();
    assert_eq!(code, 0, "warnings do not fail the check");
    let found: Vec<(&str, &str)> = crate::register::diagnostics(&json)
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().expect("rule"),
                d["file"].as_str().expect("file"),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("unexpected-file", "risks/archive/"),
            ("unexpected-file", "risks/notes.txt")
        ]
    );
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    let reg = Reg::new().risk("R-1", "");
    let file = reg.join("risks/R-1.yaml");
    fs::set_permissions(&file, fs::Permissions::from_mode(0o000)).expect("chmod");
    // Root reads anything, so run as an unprivileged user where that is possible.
    let root = is_root();
    if root {
        for dir in [
            reg.path().to_path_buf(),
            reg.join("risks"),
            reg.join("systems"),
        ] {
            fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).expect("chmod");
        }
        for f in ["aims.yaml", "systems/sys.yaml"] {
            fs::set_permissions(reg.join(f), fs::Permissions::from_mode(0o644)).expect("chmod");
        }
    }
    let bin = assert_cmd::cargo::cargo_bin("aims");
    let mut cmd = if root {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&bin);
        c
    } else {
        Command::new(&bin)
    };
    let out = cmd
        .args(["check", "--format", "json", "--today", "2026-11-22"])
        .current_dir(reg.path())
        .output()
        .expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|_| panic!("stderr: {}", String::from_utf8_lossy(&out.stderr)));
    let found = crate::register::diagnostics(&json);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["rule"], "file-unreadable");
    assert_eq!(found[0]["file"], "risks/R-1.yaml");
    assert!(
        found[0]["message"]
            .as_str()
            .expect("msg")
            .contains("Permission denied")
    );
    assert_eq!(out.status.code(), Some(1));
}

#[cfg(unix)]
fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

#[test]
fn a_folder_where_an_entity_folder_should_be_a_file() {
    let reg = Reg::new().file("incidents", "not a folder");
    only(&reg, "file-unreadable", "incidents");
}

#[test]
fn custom_tags_and_multiple_documents_are_refused() {
    let reg = Reg::new().risk("R-1", "x: !vault secret\n");
    only(&reg, "yaml-syntax", "risks/R-1.yaml");
    let reg = Reg::new().risk("R-1", "---\nid: R-1\n");
    only(&reg, "yaml-syntax", "risks/R-1.yaml");
}

/// A register folder that cannot be read is an error naming it, never a walk up to
/// another register that happens to hold it.
#[cfg(unix)]
#[test]
fn an_unreadable_register_inside_another_is_not_mistaken_for_it() {
    use std::os::unix::fs::PermissionsExt;
    let parent = Reg::new();
    let child = parent.join("child");
    crate::copy_dir(Reg::new().path(), &child);
    fs::create_dir_all(child.join("evidence/locked")).expect("dir");
    fs::write(child.join("evidence/locked/report.md"), "x").expect("write");
    let open = |path: &std::path::Path, mode| {
        fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("chmod")
    };
    // Everything readable to the unprivileged user the check runs as...
    let status = Command::new("chmod")
        .args(["-R", "a+rX"])
        .arg(parent.path())
        .status()
        .expect("chmod");
    assert!(status.success());
    open(parent.path(), 0o755);
    let run = |args: &[&str]| {
        let bin = assert_cmd::cargo::cargo_bin("aims");
        let mut cmd = if is_root() {
            let mut c = Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                .arg(&bin);
            c
        } else {
            Command::new(&bin)
        };
        cmd.args(args)
            .current_dir(parent.path())
            .output()
            .expect("runs")
    };
    // ...but the child register's folder and an evidence folder.
    open(&child, 0o300);
    let out = run(&["check", "child", "--today", "2026-11-22"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("cannot read") && err.contains("child/aims.yaml"),
        "{err}"
    );
    assert!(err.contains("Permission denied"), "{err}");
    open(&child, 0o755);
    let cited = fs::read_to_string(child.join("controls/A.2.2.yaml")).expect("read");
    fs::write(
        child.join("controls/A.2.2.yaml"),
        cited.replace(
            "status: planned",
            "status: planned\nevidence: [evidence/locked/report.md]",
        ),
    )
    .expect("write");
    open(&child.join("evidence/locked"), 0o000);
    let out = run(&[
        "check",
        "child",
        "--format",
        "json",
        "--today",
        "2026-11-22",
    ]);
    open(&child.join("evidence/locked"), 0o755);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let messages: Vec<&str> = crate::register::diagnostics(&json)
        .iter()
        .filter_map(|d| d["message"].as_str())
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("evidence `evidence/locked/report.md` cannot be read")),
        "{messages:?}"
    );
}
