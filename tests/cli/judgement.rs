//! The ISO/IEC 42001 rules of `aims check`: each fires on a register built to break
//! it, stays quiet at the boundary (a review due today is not overdue, a score equal
//! to the threshold may be accepted), and obeys severity overrides, `off` included.
//!
//! The base register (see `register.rs`) uses a 3x3 scale, bands low <= 2 (1y),
//! medium <= 4 (6m), high <= 9 (3m), an acceptance threshold of 3, and is judged on
//! 2026-11-22.

use serde_json::Value;

use crate::Reg;
use crate::register::{AIMS_YAML, IMPACT, SYSTEM};

/// The diagnostics of `rule` as `(file, line, message)`.
fn fired(reg: &Reg, rule: &str) -> Vec<(String, u64, String)> {
    reg.rule(rule)
        .iter()
        .map(|d| {
            (
                d["file"].as_str().expect("file").to_string(),
                d["line"].as_u64().unwrap_or(0),
                d["message"].as_str().expect("message").to_string(),
            )
        })
        .collect()
}

fn quiet(reg: &Reg, rule: &str) {
    let found = fired(reg, rule);
    assert!(found.is_empty(), "{rule} fired: {found:#?}");
}

fn treated(extra: &str) -> String {
    format!(
        "treatment:\n  option: mitigate\n  actions:\n    - {{ id: T1, description: d, owner: lead, due: 2027-06-30, status: planned }}\n{extra}"
    )
}

// score-out-of-range ------------------------------------------------------------------

#[test]
fn score_out_of_range() {
    let reg = Reg::new().file(
        "risks/R-1.yaml",
        &crate::register::RISK
            .replace("{id}", "R-1")
            .replace("likelihood: 1", "likelihood: 4"),
    );
    assert_eq!(
        fired(&reg, "score-out-of-range"),
        [(
            "risks/R-1.yaml".into(),
            8,
            "likelihood 4 is outside the likelihood scale of aims.yaml (1 to 3)".into()
        )]
    );
    let reg = Reg::new().risk("R-1", "target: { likelihood: 1, consequence: 4 }\n");
    assert_eq!(fired(&reg, "score-out-of-range")[0].1, 10);
    let reg = Reg::new().risk("R-1", "target: { likelihood: 1, consequence: 2 }\n");
    quiet(&reg, "score-out-of-range");
}

// treatment-required ------------------------------------------------------------------

fn scored(l: u32, c: u32, extra: &str) -> Reg {
    Reg::new().file(
        "risks/R-1.yaml",
        &(crate::register::RISK
            .replace("{id}", "R-1")
            .replace("likelihood: 1", &format!("likelihood: {l}"))
            .replace("consequence: 2", &format!("consequence: {c}"))
            + extra),
    )
}

#[test]
fn treatment_required_above_the_threshold() {
    let reg = scored(2, 2, "");
    assert_eq!(
        fired(&reg, "treatment-required"),
        [(
            "risks/R-1.yaml".into(),
            7,
            "risk scores 2x2 = 4 (band medium), above the acceptance threshold 3, and has no treatment".into()
        )]
    );
    // a score equal to the threshold needs no treatment
    quiet(&scored(3, 1, ""), "treatment-required");
    quiet(&scored(2, 2, &treated("")), "treatment-required");
    let empty = scored(2, 2, "treatment:\n  option: mitigate\n");
    assert!(
        fired(&empty, "treatment-required")[0]
            .2
            .ends_with("and its treatment has no actions")
    );
}

const ACCEPTED: &str = "treatment:\n  option: accept\n  acceptance:\n    justification: Within appetite.\n    approved_by: lead\n    date: 2026-02-01\n";

#[test]
fn treatment_required_for_accepted_risks() {
    // at the threshold, with a complete record: fine
    quiet(&scored(3, 1, ACCEPTED), "treatment-required");
    // above the threshold: may not be accepted
    let reg = scored(2, 2, ACCEPTED);
    let found = fired(&reg, "treatment-required");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].1, 11);
    assert!(
        found[0]
            .2
            .ends_with("only risks at or below the threshold may be accepted"),
        "{found:?}"
    );
    // no acceptance record at all
    let reg = scored(1, 1, "treatment:\n  option: accept\n");
    assert_eq!(
        fired(&reg, "treatment-required")[0].2,
        "risk is accepted without an acceptance record"
    );
    // incomplete record
    let reg = scored(1, 1, &ACCEPTED.replace("    date: 2026-02-01\n", ""));
    assert_eq!(
        fired(&reg, "treatment-required")[0].2,
        "the acceptance record lacks `date`"
    );
    // approved by a role that is not an approver
    let reg = scored(
        1,
        1,
        &ACCEPTED.replace("approved_by: lead", "approved_by: ml-lead"),
    );
    assert_eq!(
        fired(&reg, "treatment-required")[0].2,
        "role `ml-lead` may not approve a risk acceptance"
    );
}

#[test]
fn closed_risks_need_no_treatment() {
    quiet(
        &scored(3, 3, "status: closed\nclosed_reason: Retired.\n"),
        "treatment-required",
    );
}

// treatment-incomplete and action-overdue ---------------------------------------------

fn with_action(action: &str) -> Reg {
    scored(
        1,
        1,
        &format!("treatment:\n  option: mitigate\n  actions:\n    - {action}\n"),
    )
}

#[test]
fn treatment_incomplete() {
    let reg = with_action("{ id: T1, description: d, status: planned, due: 2027-01-01 }");
    assert_eq!(
        fired(&reg, "treatment-incomplete")[0].2,
        "action `T1` has no owner"
    );
    let reg = with_action("{ id: T1, description: d, status: planned }");
    assert_eq!(
        fired(&reg, "treatment-incomplete")[0].2,
        "action `T1` has no owner and no due date"
    );
    quiet(
        &with_action("{ id: T1, description: d, status: planned, owner: lead, due: 2027-01-01 }"),
        "treatment-incomplete",
    );
    quiet(
        &with_action("{ id: T1, description: d, status: cancelled }"),
        "treatment-incomplete",
    );
    let incident = Reg::new().file(
        "incidents/INC-1.yaml",
        "id: INC-1\ntitle: t\nreported: 2026-01-01\nreporter: lead\nseverity: low\ndescription: d\nstatus: open\ncorrective_actions:\n  - { id: CA1, description: d, status: planned, owner: lead }\n",
    );
    assert_eq!(
        fired(&incident, "treatment-incomplete")[0].0,
        "incidents/INC-1.yaml"
    );
}

#[test]
fn action_overdue_the_day_after_it_was_due() {
    let reg = with_action(
        "{ id: T1, description: d, status: in-progress, owner: lead, due: 2026-11-21 }",
    );
    assert_eq!(
        fired(&reg, "action-overdue"),
        [(
            "risks/R-1.yaml".into(),
            13,
            "action `T1` was due on 2026-11-21 and is still in progress".into()
        )]
    );
    quiet(
        &with_action("{ id: T1, description: d, status: planned, owner: lead, due: 2026-11-22 }"),
        "action-overdue",
    );
    quiet(
        &with_action("{ id: T1, description: d, status: cancelled, owner: lead, due: 2026-01-01 }"),
        "action-overdue",
    );
}

// evidence ----------------------------------------------------------------------------

fn done(evidence: &str) -> Reg {
    with_action(&format!(
        "{{ id: T1, description: d, status: done, owner: lead, due: 2026-06-01, completed: 2026-05-30{evidence} }}"
    ))
}

#[test]
fn evidence_missing() {
    let reg = done("");
    assert_eq!(
        fired(&reg, "evidence-missing")[0].2,
        "action `T1` is marked done but cites no evidence"
    );
    let reg = done(", evidence: [evidence/nowhere.md]");
    assert_eq!(
        fired(&reg, "evidence-missing")[0].2,
        "evidence file `evidence/nowhere.md` does not exist in the register"
    );
    let reg = done(", evidence: [evidence/here.md, \"https://example.org/x\"]")
        .file("evidence/here.md", "ok");
    quiet(&reg, "evidence-missing");
    let reg = Reg::new().file(
        "controls/A.2.2.yaml",
        "id: A.2.2\napplicable: true\njustification: j\nstatus: implemented\nverified: 2026-06-01\n",
    );
    assert_eq!(
        fired(&reg, "evidence-missing")[0].2,
        "control is marked implemented but cites no evidence"
    );
}

#[test]
fn evidence_outside_register() {
    for (path, why) in [
        ("../secret.md", "`..` leads out of the register"),
        ("/etc/passwd", "it is an absolute path"),
        ("evidence/../../x.md", "`..` leads out of the register"),
    ] {
        let reg = done(&format!(", evidence: [\"{path}\"]"));
        assert_eq!(
            fired(&reg, "evidence-outside-register")[0].2,
            format!("evidence `{path}` is outside the register: {why}")
        );
        quiet(&reg, "evidence-missing");
    }
    let reg = done(", evidence: [evidence/sub/../here.md]")
        .file("evidence/here.md", "ok")
        .file(
            "evidence/sub/other.md",
            "the folder the path passes through exists",
        );
    quiet(&reg, "evidence-outside-register");
    quiet(&reg, "evidence-missing");
}

#[cfg(unix)]
#[test]
fn evidence_symlinked_out_of_the_register() {
    let outside = crate::tempdir();
    std::fs::write(outside.path().join("x.md"), "x").expect("write");
    let reg = done(", evidence: [evidence/link.md]");
    std::fs::create_dir_all(reg.join("evidence")).expect("dir");
    std::os::unix::fs::symlink(outside.path().join("x.md"), reg.join("evidence/link.md"))
        .expect("link");
    assert!(
        fired(&reg, "evidence-outside-register")[0]
            .2
            .contains("is a symlink to")
    );
}

#[test]
fn evidence_expired_the_day_after() {
    let item = |expires: &str| {
        done(&format!(
            ", evidence: [{{ ref: evidence/a.md, expires: {expires} }}]"
        ))
        .file("evidence/a.md", "a")
    };
    let reg = item("2026-11-21");
    let found = reg.rule("evidence-expired");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["severity"], "warning");
    assert_eq!(
        found[0]["message"],
        "evidence `evidence/a.md` expired on 2026-11-21"
    );
    quiet(&item("2026-11-22"), "evidence-expired");
}

#[test]
fn evidence_changed() {
    // sha256 of the three bytes "abc"
    let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    let pinned = |pin: &str| {
        done(&format!(
            ", evidence: [{{ ref: evidence/a.md, sha256: {pin} }}]"
        ))
    };
    quiet(
        &pinned(abc).file("evidence/a.md", "abc"),
        "evidence-changed",
    );
    let reg = pinned(abc).file("evidence/a.md", "abd");
    let found = fired(&reg, "evidence-changed");
    assert_eq!(found.len(), 1);
    assert!(
        found[0]
            .2
            .starts_with("evidence `evidence/a.md` has changed: its SHA-256 is "),
        "{found:?}"
    );
    assert!(found[0].2.ends_with(&format!("the pin says {abc}")));
}

// acceptance-expired, target-above-assessment, closed-without-reason ------------------

#[test]
fn acceptance_expired_the_day_after() {
    let reg = scored(1, 1, &format!("{ACCEPTED}    expires: 2026-11-21\n"));
    assert_eq!(
        fired(&reg, "acceptance-expired"),
        [(
            "risks/R-1.yaml".into(),
            16,
            "the acceptance of this risk expired on 2026-11-21".into()
        )]
    );
    quiet(
        &scored(1, 1, &format!("{ACCEPTED}    expires: 2026-11-22\n")),
        "acceptance-expired",
    );
}

#[test]
fn target_above_assessment() {
    let reg = scored(1, 2, "target: { likelihood: 2, consequence: 2 }\n");
    assert_eq!(
        fired(&reg, "target-above-assessment")[0].2,
        "target 2x2 = 4 (band medium) is above the current assessment 1x2 = 2 (band low)"
    );
    quiet(
        &scored(1, 2, "target: { likelihood: 2, consequence: 1 }\n"),
        "target-above-assessment",
    );
}

#[test]
fn closed_without_reason() {
    let reg = scored(1, 1, "status: closed\n");
    assert_eq!(
        fired(&reg, "closed-without-reason"),
        [(
            "risks/R-1.yaml".into(),
            10,
            "risk is closed without a `closed_reason`".into()
        )]
    );
    quiet(
        &scored(1, 1, "status: closed\nclosed_reason: Retired.\n"),
        "closed-without-reason",
    );
}

// review-overdue ----------------------------------------------------------------------

#[test]
fn risk_review_overdue_from_its_band_or_its_own_cycle() {
    let reg = scored(1, 2, "review: { last: 2025-11-21 }\n");
    assert_eq!(
        fired(&reg, "review-overdue"),
        [(
            "risks/R-1.yaml".into(),
            10,
            "review was due on 2026-11-21 (band low, every 1y)".into()
        )]
    );
    // due today is not overdue
    quiet(
        &scored(1, 2, "review: { last: 2025-11-22 }\n"),
        "review-overdue",
    );
    // a medium risk reviews every 6 months; calendar months clamp to the month's end
    let reg = scored(2, 2, &treated("review: { last: 2026-05-21 }\n"));
    assert_eq!(
        fired(&reg, "review-overdue")[0].2,
        "review was due on 2026-11-21 (band medium, every 6m)"
    );
    quiet(
        &scored(2, 2, &treated("review: { last: 2026-05-22 }\n")),
        "review-overdue",
    );
    // review.every overrides the band
    let reg = scored(1, 2, "review: { last: 2026-10-21, every: 1m }\n");
    assert_eq!(
        fired(&reg, "review-overdue")[0].2,
        "review was due on 2026-11-21 (every 1m, set by review.every)"
    );
    // never reviewed: counted from identification
    let reg = Reg::new().file(
        "risks/R-1.yaml",
        &crate::register::RISK
            .replace("{id}", "R-1")
            .replace("2026-01-10", "2025-11-20"),
    );
    assert_eq!(
        fired(&reg, "review-overdue")[0].2,
        "review was due on 2026-11-20 (band low, every 1y) (never reviewed since it was identified)"
    );
    // closed risks are not reviewed
    quiet(
        &scored(
            1,
            2,
            "review: { last: 2020-01-01 }\nstatus: closed\nclosed_reason: Gone.\n",
        ),
        "review-overdue",
    );
}

#[test]
fn impact_assessment_review_overdue() {
    let ia = |assessed: &str| {
        Reg::new().file(
            "impacts/IA-sys.yaml",
            &IMPACT
                .replace("{id}", "sys")
                .replace("2026-01-05", assessed),
        )
    };
    assert_eq!(
        fired(&ia("2025-11-21"), "review-overdue"),
        [(
            "impacts/IA-sys.yaml".into(),
            3,
            "impact assessment review was due on 2026-11-21 (every 1y)".into()
        )]
    );
    quiet(&ia("2025-11-22"), "review-overdue");
    let config = AIMS_YAML.to_string() + "impact_review_every: 2y\n";
    quiet(
        &ia("2025-01-01").file("aims.yaml", &config),
        "review-overdue",
    );
}

#[test]
fn control_verification_overdue() {
    let control = |verified: &str| {
        Reg::new()
            .file(
                "controls/A.2.2.yaml",
                &format!("id: A.2.2\napplicable: true\njustification: j\nstatus: implemented\nevidence: [evidence/p.md]\n{verified}"),
            )
            .file("evidence/p.md", "policy")
    };
    assert_eq!(
        fired(&control(""), "review-overdue")[0].2,
        "control is implemented but has never been verified to work"
    );
    assert_eq!(
        fired(&control("verified: 2025-11-21\n"), "review-overdue")[0].2,
        "verification was due on 2026-11-21 (every 1y, control_review_every)"
    );
    quiet(&control("verified: 2025-11-22\n"), "review-overdue");
}

// review-triggered --------------------------------------------------------------------

#[test]
fn review_triggered_by_incidents_and_system_changes() {
    let incident = |reported: &str| {
        scored(1, 1, "review: { last: 2026-05-01 }\n").file(
            "incidents/INC-1.yaml",
            &format!(
                "id: INC-1\ntitle: t\nreported: {reported}\nreporter: lead\nrisks: [R-1]\nseverity: low\ndescription: d\nstatus: open\n"
            ),
        )
    };
    // falls due triggered_review_within (30 days) after the incident
    let reg = incident("2026-11-02");
    let found = reg.rule("review-triggered");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["severity"], "warning");
    assert_eq!(
        found[0]["message"],
        "incident `INC-1` (low, reported 2026-11-02), after the risk's last review on 2026-05-01; the review this triggers falls due on 2026-12-02"
    );
    quiet(&reg, "review-overdue");
    // past that, overdue
    let reg = incident("2026-10-22");
    quiet(&reg, "review-triggered");
    assert_eq!(
        fired(&reg, "review-overdue"),
        [(
            "risks/R-1.yaml".into(),
            10,
            "incident `INC-1` (low, reported 2026-10-22), after the risk's last review on 2026-05-01; the review this triggers was due on 2026-11-21".into()
        )]
    );
    quiet(&incident("2026-10-23"), "review-overdue");
    quiet(&incident("2026-05-01"), "review-triggered");
    // triggered_review_within sets the delay
    let config = AIMS_YAML.to_string() + "triggered_review_within: 3m\n";
    let reg = incident("2026-10-22").file("aims.yaml", &config);
    quiet(&reg, "review-overdue");
    assert!(
        fired(&reg, "review-triggered")[0]
            .2
            .ends_with("falls due on 2027-01-22")
    );

    let changed = |date: &str| {
        scored(1, 1, "review: { last: 2026-05-01 }\n").file(
            "systems/sys.yaml",
            &(SYSTEM.replace("{id}", "sys")
                + &format!("changes:\n  - {{ date: {date}, description: Retrained }}\n")),
        )
    };
    // a change of the system triggers its risks' reviews and its impact assessment's
    assert_eq!(
        fired(&changed("2026-11-01"), "review-triggered"),
        [
            (
                "impacts/IA-sys.yaml".into(),
                3,
                "system `sys` changed on 2026-11-01 (Retrained), after the assessment's last review on 2026-01-05; the review this triggers falls due on 2026-12-01".into()
            ),
            (
                "risks/R-1.yaml".into(),
                10,
                "system `sys` changed on 2026-11-01 (Retrained), after the risk's last review on 2026-05-01; the review this triggers falls due on 2026-12-01".into()
            )
        ]
    );
    quiet(&changed("2026-01-04"), "review-triggered");
    quiet(&changed("2026-01-04"), "review-overdue");
}

// coverage ----------------------------------------------------------------------------

#[test]
fn category_not_screened() {
    let unscreened = SYSTEM.replace("{id}", "sys").replace(
        "  - { category: safety, date: 2026-01-05, rationale: Looked; none found }\n",
        "",
    );
    let reg = Reg::new().file("systems/sys.yaml", &unscreened);
    assert_eq!(
        fired(&reg, "category-not-screened"),
        [(
            "systems/sys.yaml".into(),
            7,
            "no risk and no screening for category `safety` (Safety)".into()
        )]
    );
    // a risk in the category covers it just as well
    let reg = Reg::new().file("systems/sys.yaml", &unscreened).file(
        "risks/R-1.yaml",
        &crate::register::RISK
            .replace("{id}", "R-1")
            .replace("bias-fairness", "safety"),
    );
    quiet(&reg, "category-not-screened");
    // custom categories of aims.yaml must be screened too
    let config = AIMS_YAML.to_string() + "categories:\n  - { id: model-risk, title: Model risk }\n";
    let reg = Reg::new().file("aims.yaml", &config);
    assert_eq!(
        fired(&reg, "category-not-screened")[0].2,
        "no risk and no screening for category `model-risk` (Model risk)"
    );
}

#[test]
fn impact_assessment_missing_for_in_scope_systems_only() {
    let reg = Reg::new().file("systems/two.yaml", &SYSTEM.replace("{id}", "two"));
    assert_eq!(
        fired(&reg, "impact-assessment-missing"),
        [(
            "systems/two.yaml".into(),
            1,
            "in-scope system has no impact assessment (clause 6.1.4)".into()
        )]
    );
    let out_of_scope = "id: old\nname: Old\nintended_use: x\nlifecycle: retired\norganisation_role: user\nowner: lead\nin_scope: false\nscope_note: Retired before the AIMS.\n";
    let reg = Reg::new().file("systems/old.yaml", out_of_scope);
    quiet(&reg, "impact-assessment-missing");
    quiet(&reg, "category-not-screened");
}

#[test]
fn impact_dimension_missing() {
    let without = IMPACT.replace("{id}", "sys").replace(
        "  - { dimension: human-oversight, not_applicable: Advisory only }\n",
        "",
    );
    let reg = Reg::new().file("impacts/IA-sys.yaml", &without);
    assert_eq!(
        fired(&reg, "impact-dimension-missing"),
        [(
            "impacts/IA-sys.yaml".into(),
            5,
            "dimension `human-oversight` is not assessed".into()
        )]
    );
    // assessed rather than marked n/a also counts
    let assessed = without
        + "  - { dimension: human-oversight, description: Reviewed by staff, severity: 2, likelihood: 1 }\n";
    quiet(
        &Reg::new().file("impacts/IA-sys.yaml", &assessed),
        "impact-dimension-missing",
    );
}

// the Statement of Applicability ------------------------------------------------------

#[test]
fn soa_incomplete() {
    let reg = Reg::new();
    std::fs::remove_file(reg.join("controls/A.7.5.yaml")).expect("remove");
    let found = reg.rule("soa-incomplete");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["file"], "controls/A.7.5.yaml");
    assert_eq!(found[0]["line"], Value::Null);
    assert_eq!(found[0]["entity"], "A.7.5");
    assert_eq!(
        found[0]["message"],
        "no Statement of Applicability decision for `A.7.5` (Data provenance)"
    );

    let reg = Reg::new().file(
        "controls/A.7.5.yaml",
        "id: A.7.5\napplicable: true\njustification: j\n",
    );
    assert_eq!(
        fired(&reg, "soa-incomplete"),
        [(
            "controls/A.7.5.yaml".into(),
            2,
            "control is applicable but has no implementation status".into()
        )]
    );
    quiet(&Reg::new(), "soa-incomplete");
}

#[test]
fn a_fresh_register_reports_all_38_decisions_missing() {
    let dir = crate::tempdir();
    crate::run_in(dir.path(), &["init", "--organisation", "Fresh"]);
    let out = crate::run_in(
        dir.path(),
        &["check", "--format", "json", "--today", "2026-11-22"],
    );
    let json: Value = serde_json::from_slice(&out.stdout).expect("json");
    let of = |severity: &str| -> Vec<String> {
        json["diagnostics"]
            .as_array()
            .expect("array")
            .iter()
            .filter(|d| d["severity"] == severity)
            .map(|d| d["rule"].as_str().expect("rule").to_string())
            .collect()
    };
    let errors = of("error");
    assert_eq!(errors.len(), 38);
    assert!(errors.iter().all(|r| r == "soa-incomplete"));
    // What the management system lacks shows as warnings, never as errors.
    let warnings: std::collections::BTreeSet<String> = of("warning").into_iter().collect();
    assert_eq!(
        warnings,
        [
            "audit-coverage",
            "clause-unaddressed",
            "context-missing",
            "internal-audit-overdue",
            "management-review-overdue",
            "policy-missing"
        ]
        .map(String::from)
        .into()
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn justification_missing() {
    let reg = Reg::new().file("controls/A.10.4.yaml", "id: A.10.4\napplicable: false\n");
    assert_eq!(
        fired(&reg, "justification-missing"),
        [(
            "controls/A.10.4.yaml".into(),
            2,
            "SoA decision has no justification for why the control is excluded".into()
        )]
    );
    quiet(&Reg::new(), "justification-missing");
}

#[test]
fn excluded_control_in_use() {
    let excluded = "id: A.10.4\napplicable: false\njustification: No customers.\n";
    let reg = Reg::new()
        .file("controls/A.10.4.yaml", excluded)
        .risk("R-1", "controls: [A.7.4, A.10.4]\n");
    assert_eq!(
        fired(&reg, "excluded-control-in-use"),
        [(
            "risks/R-1.yaml".into(),
            10,
            "control `A.10.4` is excluded in the SoA (`applicable: false`), yet this risk relies on it".into()
        )]
    );
    let reg = Reg::new().file("controls/A.10.4.yaml", excluded).risk(
        "R-1",
        "controls: [A.10.4]\nstatus: closed\nclosed_reason: Gone.\n",
    );
    quiet(&reg, "excluded-control-in-use");
}

// criteria ----------------------------------------------------------------------------

#[test]
fn inconsistent_criteria_are_reported_once_and_silence_scoring_rules() {
    let config = AIMS_YAML.replace(
        "{ name: high, max: 9, review_every: 3m }",
        "{ name: high, max: 8, review_every: 3m }",
    );
    let reg = scored(3, 3, "");
    let reg = reg.file("aims.yaml", &config);
    assert_eq!(
        fired(&reg, "criteria-invalid"),
        [(
            "aims.yaml".into(),
            19,
            "the highest band `high` ends at 8, but scores go up to 9; raise its max to 9".into()
        )]
    );
    quiet(&reg, "treatment-required");
    let config = AIMS_YAML.to_string() + "  criteria-invalid: off\n";
    let reg = Reg::new().file("aims.yaml", &config);
    assert_eq!(
        reg.messages("schema"),
        ["`criteria-invalid` is not a rule whose severity can be set"]
    );
}

// severity overrides for every rule ---------------------------------------------------

/// A register on which `rule` fires, for every overridable rule of this module.
fn firing(rule: &str) -> Reg {
    match rule {
        "score-out-of-range" => scored(1, 4, ""),
        "treatment-required" => scored(2, 2, ""),
        "treatment-incomplete" => with_action("{ id: T1, description: d, status: planned, due: 2027-01-01 }"),
        "action-overdue" => with_action("{ id: T1, description: d, status: planned, owner: lead, due: 2026-01-01 }"),
        "evidence-missing" => done(""),
        "evidence-outside-register" => done(", evidence: [/etc/hosts]"),
        "evidence-expired" => done(", evidence: [{ ref: \"https://x.example\", expires: 2026-01-01 }]"),
        "evidence-changed" => done(", evidence: [{ ref: evidence/a.md, sha256: \"0000000000000000000000000000000000000000000000000000000000000000\" }]")
            .file("evidence/a.md", "a"),
        "acceptance-expired" => scored(1, 1, &format!("{ACCEPTED}    expires: 2026-01-01\n")),
        "target-above-assessment" => scored(1, 1, "target: { likelihood: 2, consequence: 1 }\n"),
        "closed-without-reason" => scored(1, 1, "status: closed\n"),
        "review-overdue" => scored(1, 1, "review: { last: 2020-01-01 }\n"),
        "review-triggered" => scored(1, 1, "").file(
            "incidents/INC-1.yaml",
            "id: INC-1\ntitle: t\nreported: 2026-11-10\nreporter: lead\nrisks: [R-1]\nseverity: low\ndescription: d\nstatus: open\n",
        ),
        "category-not-screened" => Reg::new().file("systems/sys.yaml", "id: sys\nname: S\nintended_use: x\nlifecycle: deployed\norganisation_role: user\nowner: lead\n"),
        "impact-assessment-missing" => Reg::new().file("systems/two.yaml", &SYSTEM.replace("{id}", "two")),
        "impact-dimension-missing" => Reg::new().file(
            "impacts/IA-sys.yaml",
            "id: IA-sys\nsystem: sys\nassessed: 2026-01-05\nassessor: lead\ndimensions:\n  - { dimension: safety, not_applicable: none }\n",
        ),
        "soa-incomplete" => Reg::new().file("controls/A.2.2.yaml", "id: A.2.2\napplicable: true\njustification: j\n"),
        "excluded-control-in-use" => Reg::new()
            .file("controls/A.10.4.yaml", "id: A.10.4\napplicable: false\njustification: j\n")
            .risk("R-1", "controls: [A.10.4]\n"),
        "justification-missing" => Reg::new().file("controls/A.2.2.yaml", "id: A.2.2\napplicable: true\nstatus: planned\n"),
        other => panic!("no firing register for {other}"),
    }
}

const JUDGEMENT_RULES: &[&str] = &[
    "score-out-of-range",
    "treatment-required",
    "treatment-incomplete",
    "action-overdue",
    "evidence-missing",
    "evidence-outside-register",
    "evidence-expired",
    "evidence-changed",
    "acceptance-expired",
    "target-above-assessment",
    "closed-without-reason",
    "review-overdue",
    "review-triggered",
    "category-not-screened",
    "impact-assessment-missing",
    "impact-dimension-missing",
    "soa-incomplete",
    "excluded-control-in-use",
    "justification-missing",
];

#[test]
fn every_rule_can_be_switched_off_or_given_the_other_severity() {
    for rule in JUDGEMENT_RULES {
        let reg = firing(rule);
        let found = reg.rule(rule);
        assert!(!found.is_empty(), "{rule} does not fire on its register");
        let default = found[0]["severity"].as_str().expect("severity").to_string();
        let other = if default == "error" {
            "warning"
        } else {
            "error"
        };

        let reg = reg.file("aims.yaml", &format!("{AIMS_YAML}  {rule}: off\n"));
        assert!(reg.rule(rule).is_empty(), "{rule}: off still reports it");

        let reg = reg.file("aims.yaml", &format!("{AIMS_YAML}  {rule}: {other}\n"));
        let found = reg.rule(rule);
        assert!(
            !found.is_empty() && found.iter().all(|d| d["severity"] == other),
            "{rule}: {other} gave {found:#?}"
        );
    }
}

// date-in-future ----------------------------------------------------------------------

#[test]
fn dates_recording_what_happened_cannot_be_after_today() {
    let reg = Reg::new()
        .risk(
            "R-1",
            "review:\n  last: 2026-11-23\n".to_string().as_str(),
        )
        .file(
            "incidents/INC-1.yaml",
            "id: INC-1\ntitle: t\nreported: 2026-12-01\nreporter: lead\nseverity: low\ndescription: d\nstatus: open\n",
        );
    let found = fired(&reg, "date-in-future");
    assert_eq!(
        found,
        [
            (
                "incidents/INC-1.yaml".to_string(),
                3,
                "the report is dated 2026-12-01, after today (2026-11-22)".to_string()
            ),
            (
                "risks/R-1.yaml".to_string(),
                11,
                "the last review is dated 2026-11-23, after today (2026-11-22)".to_string()
            ),
        ]
    );
    // due dates and expiry dates look ahead and are not judged
    let reg = Reg::new().risk("R-1", &treated("review:\n  last: 2026-11-22\n"));
    quiet(&reg, "date-in-future");
}

// no cascades -------------------------------------------------------------------------

#[test]
fn a_risk_file_that_fails_to_load_leaves_no_category_unscreened() {
    // the system screens every category but privacy, which a broken risk covers
    let system = SYSTEM.replace("{id}", "sys").replace(
        "  - { category: privacy, date: 2026-01-05, rationale: Looked; none found }\n",
        "",
    );
    let broken = crate::register::RISK
        .replace("{id}", "R-1")
        .replace("bias-fairness", "privacy")
        .replace("likelihood: 1", "likelihood: high");
    let reg = Reg::new()
        .file("systems/sys.yaml", &system)
        .file("risks/R-1.yaml", &broken);
    assert_eq!(fired(&reg, "schema").len(), 1);
    quiet(&reg, "category-not-screened");
    // a file that is not even YAML may cover anything
    let reg = Reg::new()
        .file("systems/sys.yaml", &system)
        .file("risks/R-1.yaml", "id: [broken\n");
    quiet(&reg, "category-not-screened");
    // without it, the gap is reported, with the commands that close it
    let reg = Reg::new().file("systems/sys.yaml", &system);
    let hints: Vec<Value> = reg
        .rule("category-not-screened")
        .iter()
        .map(|d| d["hint"].clone())
        .collect();
    assert_eq!(
        hints,
        [Value::from(
            "add a risk of this system in `privacy` (`aims risk add --system sys --category privacy`), or record that you looked and found none: `aims system screen sys --category privacy --rationale TEXT`"
        )]
    );
}

// hints name the command --------------------------------------------------------------

#[test]
fn hints_name_the_command_that_fixes_the_finding() {
    let reg = Reg::new()
        .risk("R-002", "review:\n  last: 2025-01-01\n")
        .file(
            "controls/A.2.2.yaml",
            "id: A.2.2\napplicable: true\njustification: Needed.\nstatus: implemented\nverified: 2026-11-01\n",
        );
    let hint = |rule: &str| -> String {
        reg.rule(rule)[0]["hint"]
            .as_str()
            .expect("a hint")
            .to_string()
    };
    assert_eq!(
        hint("review-overdue"),
        "review the risk and record it: `aims risk review R-002 --note TEXT`"
    );
    assert!(
        hint("evidence-missing").contains("`aims control set A.2.2 --evidence URL`"),
        "{}",
        hint("evidence-missing")
    );
}
