//! `aims diff` in register terms: one test per kind of change a reviewer or a
//! management review cares about, each on a history of two commits built with plain
//! git (the second on 2026-03-01), read through `--format json` and, for the
//! Markdown, the table row a reader sees.

use std::fs;

use serde_json::Value;

use crate::Reg;
use crate::trail::{DEV, LEAD, edit, git, repo};

/// Commits the working tree on 2026-03-01 and returns `aims diff HEAD~1..HEAD` as
/// JSON and Markdown.
fn commit_and_diff(reg: &Reg) -> (Value, String) {
    git(reg.path(), DEV, "2026-03-01", &["add", "-A"]);
    git(reg.path(), DEV, "2026-03-01", &["commit", "-qm", "Change"]);
    let json = reg.run(&["diff", "HEAD~1..HEAD", "--format", "json"]);
    assert_eq!(json.code, 0, "{}", json.stderr);
    let md = reg.run(&["diff", "HEAD~1..HEAD"]);
    assert_eq!(md.code, 0, "{}", md.stderr);
    (serde_json::from_str(&json.stdout).expect("json"), md.stdout)
}

/// `(id, from, to)` of every movement in `section`.
fn moves(json: &Value, section: &str) -> Vec<(String, String, String)> {
    json[section]
        .as_array()
        .unwrap_or_else(|| panic!("no section {section} in {json:#}"))
        .iter()
        .map(|m| {
            let text = |k: &str| m[k].as_str().expect("text").to_string();
            (text("id"), text("from"), text("to"))
        })
        .collect()
}

fn m(id: &str, from: &str, to: &str) -> (String, String, String) {
    (id.to_string(), from.to_string(), to.to_string())
}

/// Every section of the diff that is not empty.
fn sections(json: &Value) -> Vec<String> {
    json.as_object()
        .expect("object")
        .iter()
        .filter(|(_, v)| v.as_array().is_some_and(|a| !a.is_empty()))
        .map(|(k, _)| k.clone())
        .collect()
}

fn write(reg: &Reg, rel: &str, text: &str) {
    let path = reg.join(rel);
    fs::create_dir_all(path.parent().expect("parent")).expect("folder");
    fs::write(path, text).expect("write");
}

const TREATED: &str = "treatment:\n  option: mitigate\n  actions:\n    - { id: T1, description: Add a fairness gate, owner: lead, due: 2026-06-30, status: planned }\n";

#[test]
fn an_action_done_with_evidence_and_an_action_added() {
    let reg = repo(LEAD);
    edit(
        &reg,
        "risks/R-001.yaml",
        "likelihood: 1\n  consequence: 2\n",
        "likelihood: 1\n  consequence: 2\n",
    );
    fs::write(
        reg.join("risks/R-001.yaml"),
        crate::register::RISK.replace("{id}", "R-001") + TREATED,
    )
    .expect("write");
    git(
        reg.path(),
        DEV,
        "2026-02-01",
        &["commit", "-qam", "Treat R-001"],
    );
    write(&reg, "evidence/gate.md", "The gate.\n");
    edit(
        &reg,
        "risks/R-001.yaml",
        "status: planned }\n",
        "status: done, completed: 2026-02-20, evidence: [evidence/gate.md] }\n    - { id: T2, description: Retrain, owner: ml-lead, due: 2026-09-30, status: planned }\n",
    );
    let (json, md) = commit_and_diff(&reg);
    assert_eq!(
        moves(&json, "actions"),
        [
            m(
                "R-001/T1",
                "planned, owner lead, due 2026-06-30",
                "done on 2026-02-20 with evidence evidence/gate.md"
            ),
            m(
                "R-001/T2",
                "",
                "added, planned, owner ml-lead, due 2026-09-30"
            ),
        ]
    );
    assert!(
        md.contains("### Actions\n\n| Id | Title | Before | After |\n| --- | --- | --- | --- |\n| R-001/T1 | Add a fairness gate | planned, owner lead, due 2026-06-30 | done on 2026-02-20 with evidence evidence/gate.md |\n| R-001/T2 | Retrain | — | added, planned, owner ml-lead, due 2026-09-30 |"),
        "{md}"
    );
    assert!(!md.contains("No change"), "{md}");
    assert_eq!(sections(&json), ["actions"], "{json:#}");
}

#[test]
fn an_impact_dimension_rescored() {
    let reg = repo(LEAD);
    edit(
        &reg,
        "impacts/IA-sys.yaml",
        "  - { dimension: fairness, not_applicable: No decisions about people }\n",
        "  - { dimension: fairness, severity: 4, likelihood: 3, description: d, reversible: partly }\n",
    );
    git(
        reg.path(),
        DEV,
        "2026-02-01",
        &["commit", "-qam", "Assess fairness"],
    );
    edit(
        &reg,
        "impacts/IA-sys.yaml",
        "severity: 4, likelihood: 3",
        "severity: 5, likelihood: 4",
    );
    let (json, md) = commit_and_diff(&reg);
    assert_eq!(
        moves(&json, "impacts"),
        [m("IA-sys", "fairness 4x3", "fairness 5x4")]
    );
    assert!(
        md.contains("| IA-sys | impact assessment of sys | fairness 4x3 | fairness 5x4 |"),
        "{md}"
    );
}

#[test]
fn a_control_reverified_with_new_evidence() {
    let reg = repo(LEAD);
    write(&reg, "evidence/v1.md", "v1\n");
    write(&reg, "evidence/v2.md", "v2\n");
    write(
        &reg,
        "controls/A.6.2.4.yaml",
        "id: A.6.2.4\napplicable: true\njustification: Needed.\nstatus: implemented\nevidence: [evidence/v1.md]\nverified: 2025-06-01\n",
    );
    git(reg.path(), DEV, "2026-02-01", &["add", "-A"]);
    git(
        reg.path(),
        DEV,
        "2026-02-01",
        &["commit", "-qm", "Implement"],
    );
    edit(
        &reg,
        "controls/A.6.2.4.yaml",
        "evidence: [evidence/v1.md]\nverified: 2025-06-01\n",
        "evidence: [evidence/v1.md, evidence/v2.md]\nverified: 2026-02-28\n",
    );
    let (json, _) = commit_and_diff(&reg);
    assert_eq!(
        moves(&json, "controls"),
        [m(
            "A.6.2.4",
            "verified 2025-06-01; 1 evidence",
            "verified 2026-02-28; evidence added: evidence/v2.md"
        )]
    );
    assert_eq!(sections(&json), ["controls"]);
}

#[test]
fn criteria_and_rules_changed_with_the_bands_they_move() {
    let reg = repo(LEAD);
    edit(
        &reg,
        "aims.yaml",
        "    - { name: low, max: 2, review_every: 1y }\n    - { name: medium, max: 4, review_every: 6m }",
        "    - { name: low, max: 1, review_every: 1y }\n    - { name: medium, max: 4, review_every: 6m }",
    );
    edit(
        &reg,
        "aims.yaml",
        "acceptance_threshold: 3",
        "acceptance_threshold: 2",
    );
    edit(
        &reg,
        "aims.yaml",
        "  context-missing: off\n",
        "  context-missing: off\n  review-overdue: warning\n",
    );
    let (json, md) = commit_and_diff(&reg);
    assert_eq!(
        moves(&json, "criteria"),
        [
            m(
                "criteria.bands",
                "low <= 2 (every 1y), medium <= 4 (every 6m), high <= 9 (every 3m)",
                "low <= 1 (every 1y), medium <= 4 (every 6m), high <= 9 (every 3m)"
            ),
            m("criteria.acceptance_threshold", "3", "2"),
            m("rules.review-overdue", "default", "warning"),
        ]
    );
    // R-001 (1x2 = 2) is assessed the same, but is now medium
    assert_eq!(
        moves(&json, "bands_moved"),
        [m("R-001", "1x2 = 2 (band low)", "1x2 = 2 (band medium)")]
    );
    assert!(moves(&json, "scores").is_empty());
    assert!(
        md.contains("### Bands moved by the criteria change"),
        "{md}"
    );
}

#[test]
fn acceptances_given_withdrawn_and_expired() {
    let accepted = "treatment:\n  option: accept\n  acceptance: { justification: Low, approved_by: lead, date: 2026-01-05, expires: 2026-02-15 }\n";
    let reg = repo(LEAD);
    fs::write(
        reg.join("risks/R-002.yaml"),
        crate::register::RISK.replace("{id}", "R-002") + accepted,
    )
    .expect("write");
    fs::write(
        reg.join("risks/R-003.yaml"),
        crate::register::RISK.replace("{id}", "R-003") + accepted,
    )
    .expect("write");
    git(reg.path(), DEV, "2026-02-01", &["add", "-A"]);
    git(reg.path(), DEV, "2026-02-01", &["commit", "-qm", "Accept"]);
    // R-001 accepted now; R-002's acceptance withdrawn; R-003's expired in between
    fs::write(
        reg.join("risks/R-001.yaml"),
        crate::register::RISK.replace("{id}", "R-001")
            + &accepted.replace("expires: 2026-02-15", "expires: 2027-01-05"),
    )
    .expect("write");
    fs::write(
        reg.join("risks/R-002.yaml"),
        crate::register::RISK.replace("{id}", "R-002")
            + "treatment:\n  option: mitigate\n  actions:\n    - { id: T1, description: d, owner: lead, due: 2026-06-30, status: planned }\n",
    )
    .expect("write");
    let (json, _) = commit_and_diff(&reg);
    assert_eq!(
        moves(&json, "acceptances"),
        [
            m("R-001", "", "given by lead on 2026-01-05, until 2027-01-05"),
            m(
                "R-002",
                "by lead on 2026-01-05, until 2026-02-15",
                "withdrawn"
            ),
            m(
                "R-003",
                "by lead on 2026-01-05, until 2026-02-15",
                "expired on 2026-02-15"
            ),
        ]
    );
    assert_eq!(
        moves(&json, "treatments"),
        [
            m("R-002", "accept", "mitigate"),
            m("R-001", "none", "accept")
        ]
        .into_iter()
        .rev()
        .collect::<Vec<_>>()
    );
}

#[test]
fn targets_roles_and_approvers() {
    let reg = repo(LEAD);
    edit(
        &reg,
        "risks/R-001.yaml",
        "  consequence: 2\n",
        "  consequence: 2\ntarget: { likelihood: 1, consequence: 1 }\n",
    );
    edit(
        &reg,
        "aims.yaml",
        "  - { id: ml-lead, name: ML Lead }\n",
        "  - { id: ml-lead, name: ML Lead, approver: true }\n  - { id: audit, name: Ann Auditor }\n",
    );
    let (json, _) = commit_and_diff(&reg);
    assert_eq!(
        moves(&json, "targets"),
        [m("R-001", "", "1x1 = 1 (band low)")]
    );
    assert_eq!(
        moves(&json, "roles"),
        [
            m(
                "ml-lead",
                "ML Lead, 0 competence records",
                "ML Lead, approver, 0 competence records"
            ),
            m("audit", "", "added: Ann Auditor, 0 competence records"),
        ]
    );
}

#[test]
fn a_reworded_rationale_is_a_text_edit_not_a_score_change() {
    let reg = repo(LEAD);
    edit(
        &reg,
        "risks/R-001.yaml",
        "  consequence: 2\n",
        "  consequence: 2\n  rationale: First wording.\n",
    );
    git(
        reg.path(),
        DEV,
        "2026-02-01",
        &["commit", "-qam", "Rationale"],
    );
    edit(
        &reg,
        "risks/R-001.yaml",
        "First wording.",
        "Second wording.",
    );
    edit(&reg, "risks/R-001.yaml", "owner: ml-lead", "owner: lead");
    let (json, md) = commit_and_diff(&reg);
    assert_eq!(sections(&json), ["edited"], "{json:#}");
    assert_eq!(json["edited"][0]["id"], "R-001");
    assert_eq!(json["edited"][0]["detail"], "assessment.rationale, owner");
    assert!(!md.contains("1x2 = 2 (band low) | 1x2 = 2"), "{md}");
    assert!(
        md.contains("| R-001 | risk | assessment.rationale, owner |"),
        "{md}"
    );
}

#[test]
fn incidents_closed_with_an_effectiveness_review() {
    let reg = repo(LEAD);
    write(
        &reg,
        "incidents/INC-1.yaml",
        "id: INC-1\ntitle: Review missed\nkind: nonconformity\nreported: 2026-01-20\nreporter: lead\nseverity: low\ndescription: d\ncorrective_actions:\n  - { id: CA1, description: Fix, owner: lead, due: 2026-02-15, status: planned }\nstatus: open\n",
    );
    git(reg.path(), DEV, "2026-02-01", &["add", "-A"]);
    git(
        reg.path(),
        DEV,
        "2026-02-01",
        &["commit", "-qm", "Nonconformity"],
    );
    write(&reg, "evidence/fix.md", "fixed\n");
    edit(
        &reg,
        "incidents/INC-1.yaml",
        "description: d\n",
        "description: d\nroot_cause: No owner.\n",
    );
    edit(
        &reg,
        "incidents/INC-1.yaml",
        "status: planned }",
        "status: done, completed: 2026-02-10, evidence: [evidence/fix.md] }",
    );
    edit(
        &reg,
        "incidents/INC-1.yaml",
        "status: open\n",
        "effectiveness: { date: 2026-02-28, by: lead, result: effective }\nstatus: closed\nclosed: 2026-02-28\n",
    );
    let (json, _) = commit_and_diff(&reg);
    assert_eq!(
        moves(&json, "incidents"),
        [
            m("INC-1", "open", "closed on 2026-02-28"),
            m("INC-1", "no root cause", "root cause: No owner."),
            m(
                "INC-1",
                "no effectiveness review",
                "corrective actions reviewed 2026-02-28: effective"
            ),
        ]
    );
    assert_eq!(
        moves(&json, "actions"),
        [m(
            "INC-1/CA1",
            "planned, owner lead, due 2026-02-15",
            "done on 2026-02-10 with evidence evidence/fix.md"
        )]
    );
}

const OBJECTIVE: &str = "id: OBJ-1\ntitle: Gap under 3\nowner: lead\nmetric: { name: Gap, target: 3, direction: at-most, measure_every: 1m }\ndue: 2026-12-31\nplan:\n  - { id: P1, description: Reweight, owner: lead, due: 2026-06-30, status: planned }\nmeasurements:\n  - { date: 2026-01-31, value: 3.4 }\nstatus: active\n";

const MONITOR: &str = "id: gap\nsystem: sys\nkind: fairness\nmetric: Gap\nthreshold: { max: 5 }\nevery: 1m\nowner: lead\n";

#[test]
fn every_format_2_kind() {
    let reg = repo(LEAD);
    write(
        &reg,
        "context.yaml",
        "id: context\nissues:\n  - { id: ISS-1, kind: external, description: AI Act }\ninterested_parties:\n  - { id: regulator, name: Regulator, requirements: [Fairness] }\nreview: { last: 2026-01-15 }\n",
    );
    write(
        &reg,
        "policies/ai-policy.yaml",
        "id: ai-policy\ntitle: AI policy\nkind: ai-policy\nversion: \"1.0\"\nowner: lead\n",
    );
    write(&reg, "objectives/OBJ-1.yaml", OBJECTIVE);
    write(&reg, "monitors/gap.yaml", MONITOR);
    write(
        &reg,
        "audits/AUD-1.yaml",
        "id: AUD-1\ntitle: Whole AIMS\nplanned: 2026-02-20\nstatus: planned\n",
    );
    write(
        &reg,
        "clauses/7.1.yaml",
        "id: \"7.1\"\nstatus: planned\nstatement: Budget.\n",
    );
    git(reg.path(), DEV, "2026-02-01", &["add", "-A"]);
    git(
        reg.path(),
        DEV,
        "2026-02-01",
        &["commit", "-qm", "Format 2"],
    );

    edit(
        &reg,
        "context.yaml",
        "review: { last: 2026-01-15 }\n",
        "review: { last: 2026-02-25 }\n",
    );
    edit(
        &reg,
        "context.yaml",
        "  - { id: ISS-1, kind: external, description: AI Act }\n",
        "  - { id: ISS-1, kind: external, description: AI Act }\n  - { id: ISS-2, kind: internal, description: One team }\n",
    );
    edit(
        &reg,
        "policies/ai-policy.yaml",
        "version: \"1.0\"",
        "version: \"1.1\"\napproved: { by: lead, date: 2026-02-10 }",
    );
    edit(
        &reg,
        "objectives/OBJ-1.yaml",
        "  - { date: 2026-01-31, value: 3.4 }\n",
        "  - { date: 2026-01-31, value: 3.4 }\n  - { date: 2026-02-28, value: 2.9 }\n",
    );
    edit(
        &reg,
        "monitors/gap.yaml",
        "threshold: { max: 5 }",
        "threshold: { max: 4 }",
    );
    edit(
        &reg,
        "audits/AUD-1.yaml",
        "status: planned\n",
        "status: done\ndone: 2026-02-24\nfindings:\n  - { id: F1, kind: observation, clause: \"7.5\", description: Approvals late. }\n",
    );
    write(
        &reg,
        "management-reviews/MR-1.yaml",
        "id: MR-1\ndate: 2026-02-27\nattendees: [lead]\ndecisions: [Go on.]\nactions:\n  - { id: A1, description: Do it, owner: lead, due: 2026-06-30, status: planned }\n",
    );
    edit(
        &reg,
        "clauses/7.1.yaml",
        "status: planned",
        "status: implemented",
    );
    let (json, md) = commit_and_diff(&reg);
    assert_eq!(
        moves(&json, "context"),
        [
            m("ISS-2", "", "added, internal: One team"),
            m("context", "reviewed 2026-01-15", "reviewed 2026-02-25"),
        ]
    );
    assert_eq!(
        moves(&json, "policies"),
        [
            m("ai-policy", "version 1.0", "version 1.1"),
            m(
                "ai-policy",
                "not approved",
                "approved by lead on 2026-02-10"
            ),
        ]
    );
    assert_eq!(
        moves(&json, "objectives"),
        [m(
            "OBJ-1",
            "3.4 on 2026-01-31",
            "1 new measurement, latest 2.9 on 2026-02-28, on target"
        )]
    );
    assert_eq!(
        moves(&json, "monitors"),
        [m(
            "gap",
            "threshold max 5, every 1m",
            "threshold max 4, every 1m"
        )]
    );
    assert_eq!(
        moves(&json, "audits"),
        [
            m("AUD-1", "planned for 2026-02-20", "done on 2026-02-24"),
            m("AUD-1/F1", "", "observation (7.5): Approvals late."),
        ]
    );
    assert_eq!(
        moves(&json, "management_reviews"),
        [m("MR-1", "", "held 2026-02-27: 1 decision, 1 action")]
    );
    assert_eq!(
        moves(&json, "clauses"),
        [m("7.1", "planned", "implemented")]
    );
    for heading in [
        "### Context: issues and interested parties",
        "### Policies",
        "### Objectives",
        "### Monitors",
        "### Audits and findings",
        "### Management reviews",
        "### Clause statements",
    ] {
        assert!(md.contains(heading), "{heading} missing in:\n{md}");
    }
}

#[test]
fn nothing_changed_says_so() {
    let reg = repo(LEAD);
    git(
        reg.path(),
        DEV,
        "2026-02-01",
        &["commit", "-q", "--allow-empty", "-m", "Nothing"],
    );
    let out = reg.run(&["diff", "HEAD~1..HEAD"]);
    assert!(
        out.stdout.contains("No change to the register"),
        "{}",
        out.stdout
    );
    // comments and layout only: nothing to report either
    edit(
        &reg,
        "risks/R-001.yaml",
        "title: Something goes wrong\n",
        "# reviewed wording\ntitle:   Something goes wrong\n",
    );
    let (json, _) = commit_and_diff(&reg);
    assert!(sections(&json).is_empty(), "{json:#}");
}

#[test]
fn measurements_added_with_a_breach() {
    let reg = repo(LEAD);
    write(&reg, "monitors/gap.yaml", MONITOR);
    write(
        &reg,
        "measurements/gap.csv",
        "date,value,source,note\n2026-01-15,2.8,job,\n2026-01-31,3.1,job,\n",
    );
    git(reg.path(), DEV, "2026-02-01", &["add", "-A"]);
    git(reg.path(), DEV, "2026-02-01", &["commit", "-qm", "Gap"]);
    let csv = reg.join("measurements/gap.csv");
    let rows = fs::read_to_string(&csv).expect("read")
        + "2026-02-15,5.6,job,retrain\n2026-02-28,4.2,job,\n";
    fs::write(&csv, rows).expect("write");
    let (json, md) = commit_and_diff(&reg);
    assert_eq!(moves(&json, "monitors"), []);
    assert_eq!(
        moves(&json, "measurements"),
        [m(
            "gap",
            "3.1 on 2026-01-31, within",
            "2 new measurements, latest 4.2 on 2026-02-28, within; breached: 5.6 on 2026-02-15"
        )]
    );
    assert!(md.contains("### Measurements"), "{md}");
    assert!(md.contains("breached: 5.6 on 2026-02-15"), "{md}");
    // measurements unchanged: the monitor is not in the diff
    edit(
        &reg,
        "risks/R-001.yaml",
        "title: Something goes wrong\n",
        "title: Something else goes wrong\n",
    );
    git(
        reg.path(),
        DEV,
        "2026-03-02",
        &["commit", "-qam", "Retitle"],
    );
    let json: Value = serde_json::from_str(
        &reg.run(&["diff", "HEAD~1..HEAD", "--format", "json"])
            .stdout,
    )
    .expect("json");
    assert_eq!(moves(&json, "measurements"), []);
}
