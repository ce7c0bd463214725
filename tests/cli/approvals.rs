//! Approvals that hold: verification of each approval (signed, identity, on-behalf,
//! bad-signature) with real SSH keys made by `ssh-keygen` and real commits signed by
//! `git commit -S`, approvers and keys read from before the approving commit,
//! `aims.yaml` approvable as `aims`, and `aims approve` recording only its user.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::trail::{DEV, LEAD, edit, git, repo, states};
use crate::{Ran, Reg};

/// Makes an ed25519 key pair in `dir`; returns the private key's path and the public
/// key's line.
fn keygen(dir: &Path, name: &str) -> (PathBuf, String) {
    let path = dir.join(name);
    let status = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", name, "-f"])
        .arg(&path)
        .status()
        .expect("ssh-keygen runs");
    assert!(status.success());
    let public = fs::read_to_string(path.with_extension("pub")).expect("public key");
    (path, public.trim().to_string())
}

/// Makes git in the register sign with `key` as `gpg.format ssh` does.
fn sign_with(reg: &Reg, key: &Path) {
    let key = key.display().to_string();
    git(
        reg.path(),
        LEAD,
        "2026-01-10",
        &["config", "gpg.format", "ssh"],
    );
    git(
        reg.path(),
        LEAD,
        "2026-01-10",
        &["config", "user.signingkey", &key],
    );
}

/// Lists `keys` as the lead role's signing keys, committed by DEV.
fn lead_keys(reg: &Reg, keys: &[&str]) {
    let list = keys
        .iter()
        .map(|k| format!("\"{k}\""))
        .collect::<Vec<_>>()
        .join(", ");
    edit(
        reg,
        "aims.yaml",
        "email: lead@test.example, approver: true }",
        &format!("email: lead@test.example, approver: true, signing_keys: [{list}] }}"),
    );
    git(
        reg.path(),
        DEV,
        "2026-01-11",
        &["commit", "-qam", "Signing keys"],
    );
}

/// The approvals of entity `id` in `aims status --format json`.
fn approvals_of(reg: &Reg, id: &str) -> Vec<Value> {
    let Ran { stdout, stderr, .. } = reg.run(&["status", "--format", "json"]);
    let json: Value = serde_json::from_str(&stdout).unwrap_or_else(|_| panic!("{stderr}"));
    json["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .find(|e| e["id"] == id)
        .unwrap_or_else(|| panic!("{id} in {json}"))["approvals"]
        .as_array()
        .expect("approvals")
        .clone()
}

fn rules(reg: &Reg) -> Vec<String> {
    let Ran { stdout, .. } = reg.aims(&["check", "--format", "json"]);
    let json: Value = serde_json::from_str(&stdout).expect("json");
    crate::register::diagnostics(&json)
        .iter()
        .map(|d| d["rule"].as_str().expect("rule").to_string())
        .filter(|r| r.starts_with("approval") || r == "decision-unapproved")
        .collect()
}

fn head(reg: &Reg) -> String {
    git(reg.path(), LEAD, "2026-01-10", &["rev-parse", "HEAD"])
        .trim()
        .to_string()
}

#[test]
fn a_signed_approval_is_signed_and_counts_even_where_signatures_are_required() {
    let keys = crate::tempdir();
    let (key, public) = keygen(keys.path(), "lead");
    let reg = repo(LEAD);
    lead_keys(&reg, &[&public]);
    sign_with(&reg, &key);
    let Ran {
        code,
        stdout,
        stderr,
    } = reg.run(&["approve", "R-001", "--sign"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains(", signed in commit"), "{stdout}");
    let approval = &approvals_of(&reg, "R-001")[0];
    assert_eq!(approval["verification"], "signed", "{approval}");
    assert!(
        approval["detail"]
            .as_str()
            .expect("detail")
            .contains("SHA256:")
    );
    edit(
        &reg,
        "aims.yaml",
        "acceptance_threshold: 3\n",
        "acceptance_threshold: 3\napprovals: { require: signature }\n",
    );
    assert_eq!(states(&reg)[1], ("R-001".into(), "current".into()));
    assert_eq!(rules(&reg), Vec::<String>::new());
}

#[test]
fn an_unsigned_approval_does_not_count_where_signatures_are_required() {
    let reg = repo(LEAD);
    edit(
        &reg,
        "aims.yaml",
        "acceptance_threshold: 3\n",
        "acceptance_threshold: 3\napprovals: { require: signature }\n",
    );
    git(
        reg.path(),
        LEAD,
        "2026-01-11",
        &["commit", "-qam", "Require signatures"],
    );
    let Ran { code, stderr, .. } = reg.run(&["approve", "R-001"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(approvals_of(&reg, "R-001")[0]["verification"], "identity");
    assert_eq!(approvals_of(&reg, "R-001")[0]["counts"], false);
    assert_eq!(states(&reg)[1], ("R-001".into(), "unapproved".into()));
    assert_eq!(rules(&reg), ["approval-unverified"]);
}

#[test]
fn a_signature_by_a_key_that_is_not_the_approvers_is_forged() {
    let keys = crate::tempdir();
    let (_, listed) = keygen(keys.path(), "lead");
    let (other, _) = keygen(keys.path(), "someone-else");
    let reg = repo(LEAD);
    lead_keys(&reg, &[&listed]);
    sign_with(&reg, &other);
    edit(&reg, "risks/R-001.yaml", "likelihood: 1", "likelihood: 2");
    git(
        reg.path(),
        LEAD,
        "2026-02-01",
        &[
            "-c",
            "commit.gpgsign=true",
            "commit",
            "-qam",
            "Raise R-001",
            "--trailer",
            "Approved-by: Lead Person <lead@test.example>",
        ],
    );
    let approval = &approvals_of(&reg, "R-001")[0];
    assert_eq!(approval["verification"], "bad-signature", "{approval}");
    assert!(
        approval["detail"]
            .as_str()
            .expect("detail")
            .contains("which is not a key of role `lead`"),
        "{approval}"
    );
    assert_eq!(states(&reg)[1], ("R-001".into(), "unapproved".into()));
    assert_eq!(rules(&reg), ["approval-forged"]);
    let Ran { code, .. } = reg.aims(&["check"]);
    assert_eq!(code, 1, "approval-forged is an error");
}

#[test]
fn approvers_and_their_keys_are_read_from_before_the_approving_commit() {
    // The ext-auditor case: one commit makes a role an approver and approves with it;
    // the next removes the role. The approval never counted.
    let reg = repo(DEV);
    edit(
        &reg,
        "aims.yaml",
        "  - { id: ml-lead, name: ML Lead }",
        "  - { id: ml-lead, name: ML Lead }\n  - { id: ext-auditor, name: Ext, email: dev@test.example, approver: true }",
    );
    edit(&reg, "risks/R-001.yaml", "likelihood: 1", "likelihood: 2");
    git(
        reg.path(),
        DEV,
        "2026-02-01",
        &[
            "commit",
            "-qam",
            "Add an auditor and approve",
            "--trailer",
            "Approved-by: Dev Person <dev@test.example>",
        ],
    );
    assert_eq!(states(&reg)[1], ("R-001".into(), "unapproved".into()));
    assert!(approvals_of(&reg, "R-001").is_empty());
    edit(
        &reg,
        "aims.yaml",
        "\n  - { id: ext-auditor, name: Ext, email: dev@test.example, approver: true }",
        "",
    );
    git(
        reg.path(),
        DEV,
        "2026-02-02",
        &["commit", "-qam", "Remove the auditor"],
    );
    assert_eq!(states(&reg)[1], ("R-001".into(), "unapproved".into()));
}

#[test]
fn a_change_to_aims_yaml_is_unapproved_until_approved() {
    let reg = repo(LEAD);
    let Ran { code, stderr, .. } = reg.run(&["approve", "aims", "sys", "R-001"]);
    assert_eq!(code, 0, "{stderr}");
    let aims = || {
        let Ran { stdout, .. } = reg.run(&["status", "--format", "json"]);
        let json: Value = serde_json::from_str(&stdout).expect("json");
        let e = json["entities"][0].clone();
        (e["id"].clone(), e["kind"].clone(), e["state"].clone())
    };
    assert_eq!(aims(), ("aims".into(), "aims".into(), "current".into()));
    edit(
        &reg,
        "aims.yaml",
        "  - { id: ml-lead, name: ML Lead }",
        "  - { id: ml-lead, name: ML Lead, email: dev@test.example, approver: true }",
    );
    git(
        reg.path(),
        DEV,
        "2026-02-01",
        &["commit", "-qam", "Another approver"],
    );
    assert_eq!(aims().2, "stale");
    let Ran { code, .. } = reg.run(&["status"]);
    assert_eq!(code, 1);
    let Ran { stdout, .. } = reg.run(&["log", "aims"]);
    assert!(stdout.contains("Another approver"), "{stdout}");
    let Ran { code, stderr, .. } = reg.run(&["approve", "aims"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(aims().2, "current");
}

#[test]
fn aims_approve_records_only_the_person_running_it() {
    let reg = repo(DEV);
    let before = head(&reg);
    // dev is not an approver: refused, nothing written
    let Ran { code, stderr, .. } = reg.run(&["approve", "R-001"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("your git email `dev@test.example` (user.email in the repository's config) is not the email of an approver role"),
        "{stderr}"
    );
    assert_eq!(head(&reg), before);
    // --by is gone and says why
    let Ran { code, stderr, .. } = reg.run(&["approve", "R-001", "--by", "lead"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("`--by lead` is no longer accepted"),
        "{stderr}"
    );
    assert_eq!(head(&reg), before);
    // the lead, running it, records their own approval
    git(
        reg.path(),
        DEV,
        "2026-01-10",
        &["config", "user.name", LEAD.0],
    );
    git(
        reg.path(),
        DEV,
        "2026-01-10",
        &["config", "user.email", LEAD.1],
    );
    let Ran { code, stderr, .. } = reg.run(&["approve", "R-001"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(approvals_of(&reg, "R-001")[0]["verification"], "identity");
}

#[test]
fn aims_approve_warns_of_self_approval_and_names_a_key_that_cannot_sign() {
    let reg = repo(LEAD);
    edit(&reg, "risks/R-001.yaml", "likelihood: 1", "likelihood: 2");
    git(
        reg.path(),
        LEAD,
        "2026-02-01",
        &["commit", "-qam", "Raise R-001"],
    );
    let missing = reg.join("no-such-key");
    sign_with(&reg, &missing);
    let before = head(&reg);
    let Ran { code, stderr, .. } = reg.run(&["approve", "R-001", "--sign"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("you authored the version of `R-001`"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "signing the approval commit with `{}` (gpg.format ssh) failed",
            missing.display()
        )),
        "{stderr}"
    );
    assert_eq!(head(&reg), before, "nothing committed");
}

#[test]
fn an_approved_by_line_that_git_does_not_read_as_a_trailer_approves_nothing() {
    let reg = repo(DEV);
    edit(&reg, "risks/R-001.yaml", "likelihood: 1", "likelihood: 2");
    git(
        reg.path(),
        LEAD,
        "2026-02-01",
        &[
            "commit",
            "-qam",
            "Raise R-001\n\nApproved-by: Lead Person <lead@test.example>\nas discussed in the committee, not a trailer block",
        ],
    );
    assert!(approvals_of(&reg, "R-001").is_empty());
    assert_eq!(states(&reg)[1], ("R-001".into(), "unapproved".into()));
}

#[test]
fn a_risk_acceptance_awaits_the_approver_it_names() {
    let reg = repo(LEAD);
    edit(
        &reg,
        "risks/R-001.yaml",
        "  consequence: 2\n",
        "  consequence: 2\ntreatment:\n  option: accept\n  acceptance: { justification: Within appetite., approved_by: lead, date: 2026-01-20 }\n",
    );
    git(
        reg.path(),
        DEV,
        "2026-01-20",
        &["commit", "-qam", "Accept R-001"],
    );
    assert_eq!(rules(&reg), ["decision-unapproved"]);
    let Ran { code, stdout, .. } = reg.run(&["status"]);
    assert_eq!(code, 1);
    assert!(
        stdout.contains("risk acceptance awaits approval by lead"),
        "{stdout}"
    );
    let Ran { code, stderr, .. } = reg.run(&["approve", "R-001"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(rules(&reg), Vec::<String>::new());
    // a later edit elsewhere in the file keeps the decision approved
    edit(
        &reg,
        "risks/R-001.yaml",
        "title: Something goes wrong",
        "title: Something went wrong",
    );
    git(
        reg.path(),
        DEV,
        "2026-02-01",
        &["commit", "-qam", "Retitle"],
    );
    assert_eq!(rules(&reg), Vec::<String>::new());
    // a new decision needs a new approval
    edit(
        &reg,
        "risks/R-001.yaml",
        "date: 2026-01-20",
        "date: 2026-02-02",
    );
    git(reg.path(), DEV, "2026-02-02", &["commit", "-qam", "Renew"]);
    assert_eq!(rules(&reg), ["decision-unapproved"]);
}

#[test]
fn init_takes_the_identity_of_the_repository_before_the_global_one() {
    let home = crate::tempdir();
    let global = home.path().join("global.gitconfig");
    fs::write(
        &global,
        "[user]\n\tname = Global Person\n\temail = global@test.example\n",
    )
    .expect("write");
    let dir = crate::tempdir();
    git(dir.path(), DEV, "2026-01-10", &["init", "-q"]);
    git(
        dir.path(),
        DEV,
        "2026-01-10",
        &["config", "user.name", "Local Person"],
    );
    git(
        dir.path(),
        DEV,
        "2026-01-10",
        &["config", "user.email", "local@test.example"],
    );
    let out = assert_cmd::Command::cargo_bin("aims")
        .expect("binary")
        .current_dir(dir.path())
        .env("GIT_CONFIG_GLOBAL", &global)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .args(["init", "."])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let config = fs::read_to_string(dir.path().join("aims.yaml")).expect("aims.yaml");
    assert!(config.contains("local@test.example"), "{config}");
    assert!(!config.contains("global@test.example"), "{config}");
}
