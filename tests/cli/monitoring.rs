//! Monitoring and measurement (clause 9.1): monitors and their measurements, the
//! rules that judge them, triggered reviews that fall due, `aims monitor` and `aims
//! due`.

use std::fs;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::register::AIMS_YAML;
use crate::trail::{DEV, LEAD, git};
use crate::{Ran, Reg, aims_in};

/// A risk of `sys` reviewed on 2026-10-01, and a fairness monitor listing it with
/// the given measurements (rows after the header).
fn watched(rows: &str) -> Reg {
    Reg::new()
        .risk("R-1", "review: { last: 2026-10-01 }\n")
        .file(
            "monitors/gap.yaml",
            "id: gap\nsystem: sys\nkind: fairness\nmetric: Approval-rate gap (points)\nkey: fairness/age_gap\nthreshold: { max: 5 }\nwarn: { max: 4 }\nevery: 1m\nowner: ml-lead\nrisks: [R-1]\ncontrols: [A.6.2.6]\n",
        )
        .file("measurements/gap.csv", &format!("date,value,source,note\n{rows}"))
}

fn messages(reg: &Reg, rule: &str) -> Vec<(String, u64, String)> {
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
    let found = messages(reg, rule);
    assert!(found.is_empty(), "{rule} fired: {found:#?}");
}

fn json(ran: &Ran) -> Value {
    serde_json::from_str(&ran.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}{}", ran.stdout, ran.stderr))
}

// rules -------------------------------------------------------------------------------

#[test]
fn a_breach_warns_and_triggers_the_review_of_the_risks_it_lists() {
    let reg = watched("2026-10-31,2.4,job,\n2026-11-10,5.6,job,after the retrain\n");
    assert_eq!(
        messages(&reg, "monitor-breach"),
        [(
            "monitors/gap.yaml".into(),
            6,
            "the latest measurement, 5.6 on 2026-11-10 (measurements/gap.csv:3), is beyond the threshold (max 5)".into()
        )]
    );
    assert_eq!(reg.rule("monitor-breach")[0]["severity"], "warning");
    assert_eq!(
        messages(&reg, "review-triggered"),
        [(
            "risks/R-1.yaml".into(),
            10,
            "monitor `gap` breached its threshold on 2026-11-10 (5.6, threshold max 5), after the risk's last review on 2026-10-01; the review this triggers falls due on 2026-12-10".into()
        )]
    );
    // back within the threshold: no breach now, but the breach still calls for a review
    let reg = watched("2026-10-31,5.6,job,\n2026-11-10,2.4,job,\n");
    quiet(&reg, "monitor-breach");
    assert_eq!(messages(&reg, "review-triggered").len(), 1);
    // a review after the breach answers it
    let reg = watched("2026-09-30,5.6,job,\n2026-10-31,5.8,job,\n2026-11-10,5.9,job,\n")
        .risk("R-1", "review: { last: 2026-10-02 }\n");
    assert_eq!(messages(&reg, "monitor-breach").len(), 1);
    quiet(&reg, "review-triggered");
    quiet(&reg, "review-overdue");
    // a breach more than triggered_review_within ago is overdue
    let reg = watched("2026-10-05,5.6,job,\n2026-11-05,5.1,job,\n");
    quiet(&reg, "review-triggered");
    assert_eq!(
        messages(&reg, "review-overdue")[0].2,
        "monitor `gap` breached its threshold on 2026-10-05 (5.6, threshold max 5), after the risk's last review on 2026-10-01; the review this triggers was due on 2026-11-04"
    );
    // within the threshold and the early warning: nothing
    let reg = watched("2026-11-10,4.5,job,\n");
    quiet(&reg, "monitor-breach");
    quiet(&reg, "review-triggered");
}

#[test]
fn measurements_are_expected_on_the_monitors_cycle() {
    let reg = watched("2026-10-20,2.4,job,\n");
    assert_eq!(
        messages(&reg, "measurement-overdue"),
        [(
            "monitors/gap.yaml".into(),
            8,
            "the last measurement was on 2026-10-20; the next was due by 2026-11-20 (every 1m)"
                .into()
        )]
    );
    quiet(&watched("2026-10-22,2.4,job,\n"), "measurement-overdue");
    let never = Reg::new().file(
        "monitors/gap.yaml",
        "id: gap\nsystem: sys\nkind: drift\nmetric: PSI\nthreshold: { max: 0.25 }\nevery: 1w\nowner: ml-lead\n",
    );
    assert_eq!(
        messages(&never, "measurement-overdue")[0].2,
        "nothing has been measured yet (a measurement is expected every 1w)"
    );
    // a retired system's monitors are history
    let retired = watched("2026-01-01,2.4,job,\n").file(
        "systems/sys.yaml",
        &crate::register::SYSTEM
            .replace("{id}", "sys")
            .replace("lifecycle: deployed", "lifecycle: retired"),
    );
    quiet(&retired, "measurement-overdue");
}

#[test]
fn measurement_files_are_judged_at_their_lines() {
    let reg = watched(
        "2026-10-31,2.4,job,\n2026-11-31,2.5,job,\n2026-11-01,abc,job,\n2026-12-01,2.6,job,\n2026-11-02,2.7",
    );
    assert_eq!(
        messages(&reg, "measurement-invalid"),
        [
            (
                "measurements/gap.csv".into(),
                3,
                "`2026-11-31` is not a date (YYYY-MM-DD) or date-time (YYYY-MM-DDThh:mm[:ss][Z|±hh:mm])".into()
            ),
            (
                "measurements/gap.csv".into(),
                4,
                "`abc` is not a number (write a decimal number with a point, e.g. 0.91)".into()
            ),
            (
                "measurements/gap.csv".into(),
                5,
                "the measurement is dated 2026-12-01, after today (2026-11-22); it is not counted".into()
            ),
            (
                "measurements/gap.csv".into(),
                6,
                "the last line does not end with a line break; it may have been cut short by an interrupted write, so it is not counted".into()
            ),
        ]
    );
    assert_eq!(reg.rule("measurement-invalid")[1]["column"], 12);
    // the readable rows still count: the latest is 2.4 of 2026-10-31
    quiet(&reg, "monitor-breach");
    let orphan = Reg::new().file("measurements/gone.csv", "date,value\n2026-11-01,1\n");
    assert_eq!(
        messages(&orphan, "measurement-invalid"),
        [(
            "measurements/gone.csv".into(),
            0,
            "there is no monitor `gone` for these measurements".into()
        )]
    );
    let stray = Reg::new().file("measurements/notes.txt", "x");
    assert_eq!(stray.rule("unexpected-file").len(), 1);
    quiet(&Reg::new(), "measurement-invalid");
}

#[test]
fn a_deployed_system_without_a_monitor_is_reported() {
    let bare = Reg::new();
    fs::remove_file(bare.join("monitors/sys-accuracy.yaml")).expect("remove");
    fs::remove_file(bare.join("measurements/sys-accuracy.csv")).expect("remove");
    assert_eq!(
        messages(&bare, "monitoring-missing"),
        [(
            "systems/sys.yaml".into(),
            4,
            "the system is deployed but nothing monitors it (clause 9.1): no monitor names it"
                .into()
        )]
    );
    assert_eq!(bare.rule("monitoring-missing")[0]["severity"], "warning");
    let concept = bare.file(
        "systems/sys.yaml",
        &crate::register::SYSTEM
            .replace("{id}", "sys")
            .replace("lifecycle: deployed", "lifecycle: development"),
    );
    quiet(&concept, "monitoring-missing");
    quiet(&Reg::new(), "monitoring-missing");
}

#[test]
fn a_monitor_cites_systems_roles_risks_and_controls_that_exist() {
    let reg = Reg::new().file(
        "monitors/m.yaml",
        "id: m\nsystem: nope\nkind: other\nmetric: x\nthreshold: { min: 1 }\nevery: 1y\nowner: nobody\nrisks: [R-9]\ncontrols: [A.99]\n",
    );
    let found: Vec<String> = messages(&reg, "unknown-reference")
        .into_iter()
        .map(|f| f.2)
        .collect();
    assert_eq!(
        found,
        [
            "system `nope` does not exist",
            "role `nobody` does not exist",
            "risk `R-9` does not exist",
            "control `A.99` does not exist",
        ]
    );
}

const INCIDENT: &str = "id: INC-1\ntitle: t\nkind: {kind}\nreported: 2026-11-01\nreporter: lead\nsystems: [sys]\nseverity: {severity}\ndescription: d\n";

fn incident(kind: &str, severity: &str, rest: &str) -> Reg {
    Reg::new().file(
        "incidents/INC-1.yaml",
        &(INCIDENT
            .replace("{kind}", kind)
            .replace("{severity}", severity)
            + rest),
    )
}

#[test]
fn an_open_severe_incident_needs_a_corrective_action() {
    let reg = incident("incident", "high", "status: open\n");
    assert_eq!(
        messages(&reg, "corrective-action-required"),
        [(
            "incidents/INC-1.yaml".into(),
            7,
            "the incident is open, of severity high, and has no corrective action".into()
        )]
    );
    assert_eq!(
        reg.rule("corrective-action-required")[0]["severity"],
        "error"
    );
    quiet(
        &incident("incident", "medium", "status: open\n"),
        "corrective-action-required",
    );
    quiet(
        &incident(
            "incident",
            "critical",
            "corrective_actions:\n  - { id: CA1, description: d, owner: lead, due: 2026-12-31, status: planned }\nstatus: investigating\n",
        ),
        "corrective-action-required",
    );
    quiet(
        &incident(
            "incident",
            "critical",
            "status: closed\nclosed: 2026-11-10\n",
        ),
        "corrective-action-required",
    );
}

#[test]
fn a_nonconformity_is_closed_only_once_dealt_with() {
    let reg = incident(
        "nonconformity",
        "low",
        "corrective_actions:\n  - { id: CA1, description: d, owner: lead, due: 2026-12-31, status: in-progress }\nstatus: closed\nclosed: 2026-11-10\n",
    );
    let found: Vec<String> = messages(&reg, "nonconformity-open")
        .into_iter()
        .map(|f| f.2)
        .collect();
    assert_eq!(
        found,
        [
            "the nonconformity is closed while its corrective action `CA1` is in-progress",
            "the nonconformity is closed without a review of whether its corrective actions worked",
            "the nonconformity is closed without a root cause",
        ]
    );
    let done = incident(
        "nonconformity",
        "low",
        "root_cause: r\ncorrective_actions:\n  - { id: CA1, description: d, owner: lead, due: 2026-12-31, status: done, completed: 2026-11-05, evidence: [\"https://x.example/pr\"] }\neffectiveness: { date: 2026-11-09, by: lead, result: effective, note: n }\nstatus: closed\nclosed: 2026-11-10\n",
    );
    quiet(&done, "nonconformity-open");
    // still open: nothing to judge yet
    quiet(
        &incident("nonconformity", "low", "status: open\n"),
        "nonconformity-open",
    );
}

#[test]
fn every_new_rule_can_be_switched_off_or_given_the_other_severity() {
    let bare = Reg::empty().file("aims.yaml", AIMS_YAML).system("sys");
    fs::remove_file(bare.join("monitors/sys-accuracy.yaml")).expect("remove");
    let firing: [(&str, Reg); 6] = [
        ("monitor-breach", watched("2026-11-10,5.6,job,\n")),
        ("measurement-overdue", watched("2026-10-01,2.4,job,\n")),
        ("measurement-invalid", watched("2026-11-10,x,job,\n")),
        ("monitoring-missing", bare.file("aims.yaml", AIMS_YAML)),
        (
            "corrective-action-required",
            incident("incident", "high", "status: open\n"),
        ),
        (
            "nonconformity-open",
            incident(
                "nonconformity",
                "low",
                "status: closed\nclosed: 2026-11-10\n",
            ),
        ),
    ];
    for (rule, reg) in firing {
        let found = reg.rule(rule);
        assert!(!found.is_empty(), "{rule} does not fire on its register");
        let other = if found[0]["severity"] == "error" {
            "warning"
        } else {
            "error"
        };
        let config = AIMS_YAML.replace("rules:\n", &format!("rules:\n  {rule}: off\n"));
        let reg = reg.file("aims.yaml", &config);
        assert!(reg.rule(rule).is_empty(), "{rule}: off still reports it");
        let config = AIMS_YAML.replace("rules:\n", &format!("rules:\n  {rule}: {other}\n"));
        let reg = reg.file("aims.yaml", &config);
        let found = reg.rule(rule);
        assert!(
            !found.is_empty() && found.iter().all(|d| d["severity"] == other),
            "{rule}: {other} gave {found:#?}"
        );
    }
}

// impact assessments ------------------------------------------------------------------

#[test]
fn a_system_change_or_a_severe_incident_triggers_the_impact_assessment() {
    let changed = Reg::new().file(
        "systems/sys.yaml",
        &(crate::register::SYSTEM.replace("{id}", "sys")
            + "changes:\n  - { date: 2026-11-01, description: Retrained }\n"),
    );
    assert_eq!(
        messages(&changed, "review-triggered"),
        [(
            "impacts/IA-sys.yaml".into(),
            3,
            "system `sys` changed on 2026-11-01 (Retrained), after the assessment's last review on 2026-01-05; the review this triggers falls due on 2026-12-01".into()
        )]
    );
    let severe = incident(
        "incident",
        "critical",
        "corrective_actions:\n  - { id: CA1, description: d, owner: lead, due: 2026-12-31, status: planned }\nstatus: open\n",
    );
    assert_eq!(
        messages(&severe, "review-triggered")[0].2,
        "incident `INC-1` (critical, reported 2026-11-01), after the assessment's last review on 2026-01-05; the review this triggers falls due on 2026-12-01"
    );
    quiet(
        &incident("incident", "medium", "status: open\n"),
        "review-triggered",
    );
    // `aims impact review` answers it
    let Ran { code, stderr, .. } = changed.aims(&[
        "impact",
        "review",
        "IA-sys",
        "--by",
        "lead",
        "--note",
        "Retraining changes nothing for people",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let text = fs::read_to_string(changed.join("impacts/IA-sys.yaml")).expect("read");
    assert!(text.ends_with("review:\n  last: 2026-11-22\n  by: lead\n  note: Retraining changes nothing for people\n"), "{text}");
    let Ran { stdout, .. } = changed.aims(&["check", "--format", "json"]);
    assert!(!stdout.contains("review-triggered"), "{stdout}");
}

// triggered reviews in aims due, risk show and risk review ----------------------------

#[test]
fn a_triggered_review_is_due_overdue_and_answered_by_a_review() {
    let reg = watched("2026-11-10,5.6,job,\n");
    let due = json(&reg.aims(&["due", "--format", "json"]));
    let items: Vec<(&str, &str, &str)> = due["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|i| i["kind"] == "triggered-review")
        .map(|i| {
            (
                i["entity"].as_str().expect("entity"),
                i["item"].as_str().expect("item"),
                i["due"].as_str().expect("due"),
            )
        })
        .collect();
    assert_eq!(items, [("R-1", "gap", "2026-12-10")]);
    let show = json(&reg.aims(&["risk", "show", "R-1", "--format", "json"]));
    assert_eq!(show["triggered_reviews"][0]["cause"], "monitor-breach");
    assert_eq!(show["triggered_reviews"][0]["due"], "2026-12-10");
    assert_eq!(show["next_review"], "2026-12-10");
    // past the due date, `aims due --fail-on overdue` fails a scheduled job
    let late = reg.run(&["due", "--fail-on", "overdue", "--today", "2026-12-11"]);
    assert_eq!(late.code, 1, "{}", late.stdout);
    assert!(
        late.stdout.contains("triggered risk review"),
        "{}",
        late.stdout
    );
    let on_time = reg.run(&["due", "--fail-on", "overdue", "--today", "2026-11-23"]);
    assert_eq!(on_time.code, 0, "{}", on_time.stdout);
    assert_eq!(
        reg.run(&["due", "--fail-on", "due", "--today", "2026-11-23"])
            .code,
        1
    );
    assert_eq!(
        reg.run(&["due", "--today", "2026-12-11"]).code,
        0,
        "never fails by default"
    );
    let checked = reg.run(&["check", "--format", "json", "--today", "2026-12-11"]);
    assert!(
        checked.stdout.contains("\"review-overdue\""),
        "{}",
        checked.stdout
    );
    // a review after the breach answers it
    let Ran { code, stderr, .. } = reg.run(&[
        "risk",
        "review",
        "R-1",
        "--by",
        "ml-lead",
        "--note",
        "Retrain reverted",
        "--today",
        "2026-12-11",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let text = fs::read_to_string(reg.join("risks/R-1.yaml")).expect("read");
    assert!(
        text.contains("review: { last: 2026-12-11, by: ml-lead, note: Retrain reverted }"),
        "{text}"
    );
    let after = reg.run(&["due", "--format", "json", "--today", "2026-12-11"]);
    assert!(
        after.stdout.contains("\"kind\": \"measurement\""),
        "{}",
        after.stdout
    );
    assert!(
        !after.stdout.contains("triggered-review"),
        "{}",
        after.stdout
    );
}

#[test]
fn due_names_owners_and_their_emails_and_lists_evidence_and_measurements() {
    let reg = watched("2026-10-31,2.4,job,\n").file(
        "controls/A.2.2.yaml",
        "id: A.2.2\napplicable: true\njustification: j\nstatus: implemented\nowner: lead\nverified: 2026-06-01\nevidence:\n  - { ref: \"https://x.example/policy\", expires: 2026-12-01 }\n",
    );
    let due = json(&reg.aims(&["due", "--format", "json"]));
    let kinds: Vec<(&str, &str)> = due["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| {
            (
                i["kind"].as_str().expect("kind"),
                i["entity"].as_str().expect("entity"),
            )
        })
        .collect();
    assert!(kinds.contains(&("measurement", "gap")), "{kinds:?}");
    assert!(kinds.contains(&("evidence-expiry", "A.2.2")), "{kinds:?}");
    let evidence = due["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["kind"] == "evidence-expiry")
        .expect("evidence expiry");
    assert_eq!(evidence["owner"], "lead");
    assert_eq!(evidence["owner_email"], "lead@test.example");
    let owners: Vec<&str> = due["owners"]
        .as_array()
        .expect("owners")
        .iter()
        .map(|o| o["role"].as_str().expect("role"))
        .collect();
    assert_eq!(owners, ["lead", "ml-lead"]);
    assert_eq!(due["owners"][0]["email"], "lead@test.example");
}

// criteria changes, from git history --------------------------------------------------

#[test]
fn a_change_of_the_criteria_in_a_commit_triggers_every_open_risk() {
    let reg = Reg::new()
        .risk("R-1", "review: { last: 2026-02-01 }\n")
        .risk("R-2", "review: { last: 2026-11-15 }\n")
        .risk("R-3", "status: closed\nclosed_reason: gone\n");
    git(reg.path(), DEV, "2026-01-10", &["init", "-q", "-b", "main"]);
    git(reg.path(), DEV, "2026-01-10", &["add", "-A"]);
    git(
        reg.path(),
        DEV,
        "2026-01-10",
        &["commit", "-q", "-m", "Register"],
    );
    // a comment and the layout are not a change of the criteria
    let config = fs::read_to_string(reg.join("aims.yaml")).expect("read");
    fs::write(
        reg.join("aims.yaml"),
        config.replace("criteria:\n", "# The criteria\ncriteria:\n"),
    )
    .expect("write");
    git(
        reg.path(),
        DEV,
        "2026-03-01",
        &["commit", "-q", "-am", "Comment"],
    );
    quiet(&reg, "review-triggered");
    quiet(&reg, "review-overdue");
    // a new band boundary is
    let config = fs::read_to_string(reg.join("aims.yaml")).expect("read");
    let changed = config.replace(
        "{ name: low, max: 2, review_every: 1y }",
        "{ name: low, max: 1, review_every: 1y }",
    );
    fs::write(reg.join("aims.yaml"), &changed).expect("write");
    // not yet committed: dated today
    let ran = reg.aims(&["check", "--format", "json"]);
    assert!(
        ran.stdout.contains("the risk criteria in aims.yaml changed (not yet committed), after the risk's last review on 2026-02-01"),
        "{}",
        ran.stdout
    );
    git(
        reg.path(),
        LEAD,
        "2026-11-01",
        &["commit", "-q", "-am", "Tighter bands"],
    );
    // later commits that leave the criteria alone do not move the date
    fs::write(reg.join("notes.md"), "x").expect("write");
    git(reg.path(), DEV, "2026-11-05", &["add", "notes.md"]);
    git(
        reg.path(),
        DEV,
        "2026-11-05",
        &["commit", "-q", "-m", "Notes"],
    );
    for _ in 0..2 {
        // the second run reads the answer kept in .git/aims/
        let ran = reg.aims(&["check", "--format", "json"]);
        let report: Value = serde_json::from_str(&ran.stdout).expect("json");
        let triggered: Vec<(&str, &str)> = report["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter(|d| d["rule"] == "review-triggered")
            .map(|d| {
                (
                    d["entity"].as_str().expect("entity"),
                    d["message"].as_str().expect("message"),
                )
            })
            .collect();
        assert_eq!(triggered.len(), 1, "{triggered:#?}");
        assert_eq!(triggered[0].0, "R-1");
        assert!(
            triggered[0]
                .1
                .starts_with("the risk criteria in aims.yaml changed on 2026-11-01 (commit "),
            "{}",
            triggered[0].1
        );
        assert!(
            triggered[0]
                .1
                .ends_with("the review this triggers falls due on 2026-12-01")
        );
    }
    assert!(fs::read_dir(reg.join(".git/aims")).expect("kept").count() >= 1);
    let due = json(&reg.aims(&["due", "--format", "json"]));
    assert!(
        due["items"]
            .as_array()
            .expect("items")
            .iter()
            .any(|i| i["kind"] == "triggered-review"
                && i["entity"] == "R-1"
                && i["item"] == "aims.yaml")
    );
    // clause readiness sees the pending review, in the list as in the report
    for args in [
        &["clause", "list", "--format", "json"][..],
        &["report", "clauses", "--format", "json"][..],
    ] {
        let risk_assessment = clause(&reg, args, "8.2");
        assert!(
            risk_assessment["reason"]
                .as_str()
                .expect("reason")
                .ends_with("1 with a triggered review pending"),
            "{args:?}: {risk_assessment}"
        );
    }
    // as of a commit before the change, nothing was triggered
    let before = reg.aims(&["check", "--format", "json", "--at", "HEAD~2"]);
    assert!(
        !before.stdout.contains("criteria in aims.yaml changed"),
        "{}",
        before.stdout
    );
    // the site's page of the risk says so too
    let site = crate::tempdir();
    let out = site.path().join("site");
    let ran = reg.aims(&["report", "site", "--output", out.to_str().expect("UTF-8")]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let page = fs::read_to_string(out.join("risks/R-1.html")).expect("the risk's page");
    assert!(
        page.contains("the risk criteria in aims.yaml changed on 2026-11-01"),
        "{page}"
    );
    // an edit says what check says of the file it wrote, the criteria's change included
    let ran = reg.aims(&["risk", "set", "R-1", "--title", "Renamed"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    assert!(
        format!("{}{}", ran.stdout, ran.stderr)
            .contains("the risk criteria in aims.yaml changed on 2026-11-01 (commit "),
        "{}{}",
        ran.stdout,
        ran.stderr
    );
}

// commands ----------------------------------------------------------------------------

#[test]
fn monitor_add_set_list_and_show() {
    let reg = Reg::new().risk("R-1", "");
    let Ran {
        code,
        stdout,
        stderr,
    } = reg.aims(&[
        "monitor",
        "add",
        "--system",
        "sys",
        "--kind",
        "drift",
        "--metric",
        "PSI of the score",
        "--key",
        "drift/psi",
        "--max",
        "0.25",
        "--warn-max",
        "0.1",
        "--every",
        "1w",
        "--owner",
        "ml-lead",
        "--risk",
        "R-1",
        "--control",
        "A.6.2.6",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with("created monitors/sys-drift.yaml"),
        "{stdout}"
    );
    let text = fs::read_to_string(reg.join("monitors/sys-drift.yaml")).expect("written");
    assert!(
        text.contains("threshold:\n  max: 0.25\nwarn:\n  max: 0.1\nevery: 1w\n"),
        "{text}"
    );
    let Ran { code, stderr, .. } = reg.aims(&[
        "monitor",
        "add",
        "--id",
        "sys-drift",
        "--system",
        "sys",
        "--kind",
        "drift",
        "--metric",
        "x",
        "--max",
        "1",
        "--every",
        "1w",
        "--owner",
        "ml-lead",
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("already exists"), "{stderr}");
    let Ran { code, stderr, .. } = reg.aims(&[
        "monitor", "add", "--system", "sys", "--kind", "other", "--metric", "x", "--every", "1w",
        "--owner", "ml-lead",
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--max NUMBER or --min NUMBER"), "{stderr}");
    let Ran { code, stderr, .. } = reg.aims(&[
        "monitor", "add", "--system", "sys", "--kind", "other", "--metric", "x", "--max", "NaN",
        "--every", "1w", "--owner", "ml-lead",
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("is not a number"), "{stderr}");
    let Ran { code, stderr, .. } = reg.aims(&[
        "monitor",
        "set",
        "sys-drift",
        "--min",
        "-0.5",
        "--risk",
        "R-1",
        "--every",
        "1m",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let text = fs::read_to_string(reg.join("monitors/sys-drift.yaml")).expect("written");
    assert!(text.contains("threshold:\n  min: -0.5\n"), "{text}");
    assert!(
        text.contains("every: 1m\n") && text.matches("R-1").count() == 1,
        "{text}"
    );
    let list = json(&reg.aims(&["monitor", "list", "--format", "json"]));
    let ids: Vec<&str> = list
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, ["sys-accuracy", "sys-drift"]);
    assert_eq!(list[1]["state"], "no-data");
    assert_eq!(list[1]["overdue"], true);
    let Ran { code, stdout, .. } = reg.aims(&["monitor", "show", "sys-accuracy"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("0.91 on 2026-01-05: within the threshold (min 0.8)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("┄"),
        "the chart draws the threshold: {stdout}"
    );
    let Ran { code, stderr, .. } = reg.aims(&["monitor", "show", "sys-acuracy"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("did you mean `sys-accuracy`?"), "{stderr}");
}

#[test]
fn monitor_record_appends_and_says_what_a_breach_triggers() {
    let reg = watched("2026-10-31,2.4,job,\n");
    let before = fs::read_to_string(reg.join("measurements/gap.csv")).expect("read");
    let Ran {
        code,
        stdout,
        stderr,
    } = reg.aims(&[
        "monitor",
        "record",
        "gap",
        "5.6",
        "--date",
        "2026-11-20",
        "--source",
        "fairness job",
        "--note",
        "=after, the \"retrain\"",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "recorded 5.6 for `gap` on 2026-11-20 (measurements/gap.csv:3)\n  gap: 5.6 on 2026-11-20: BEYOND THE THRESHOLD (max 5); triggers the review of R-1 (due 2026-12-20)\n"
    );
    let after = fs::read_to_string(reg.join("measurements/gap.csv")).expect("read");
    assert_eq!(
        after,
        format!("{before}2026-11-20,5.6,fairness job,\"'=after, the \"\"retrain\"\"\"\n"),
        "appended, never rewritten; a formula is neutralised"
    );
    // the same again adds nothing
    let Ran { code, stdout, .. } = reg.aims(&[
        "monitor",
        "record",
        "gap",
        "5.6",
        "--date",
        "2026-11-20",
        "--source",
        "fairness job",
    ]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("already recorded"), "{stdout}");
    assert_eq!(
        fs::read_to_string(reg.join("measurements/gap.csv")).expect("read"),
        after
    );
    for (args, why) in [
        (vec!["monitor", "record", "gap", "abc"], "is not a number"),
        (
            vec!["monitor", "record", "gap", "1", "--date", "2026-12-01"],
            "is after today",
        ),
        (
            vec!["monitor", "record", "gap", "1", "--note", "two\nlines"],
            "one line",
        ),
        (vec!["monitor", "record", "nope", "1"], "no monitor `nope`"),
    ] {
        let Ran { code, stderr, .. } = reg.aims(&args);
        assert_eq!(code, 2, "{args:?}");
        assert!(stderr.contains(why), "{args:?}: {stderr}");
    }
    // a negative value is a value, not a flag
    let Ran { code, stderr, .. } =
        reg.aims(&["monitor", "record", "gap", "-0.5", "--date", "2026-11-21"]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn a_file_cut_short_is_never_appended_to() {
    let reg = watched("2026-10-31,2.4,job,\n2026-11-01,2.");
    let before = fs::read_to_string(reg.join("measurements/gap.csv")).expect("read");
    let Ran { code, stderr, .. } = reg.aims(&["monitor", "record", "gap", "3"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("ends with a line cut short (line 3"),
        "{stderr}"
    );
    assert_eq!(
        fs::read_to_string(reg.join("measurements/gap.csv")).expect("read"),
        before
    );
}

#[test]
fn concurrent_records_lose_nothing() {
    let reg = watched("");
    let bin = assert_cmd::cargo::cargo_bin("aims");
    let children: Vec<_> = (0..8)
        .map(|i| {
            Command::new(&bin)
                .current_dir(reg.path())
                .args([
                    "monitor",
                    "record",
                    "gap",
                    &format!("1.{i}"),
                    "--source",
                    &format!("run {i}"),
                    "--today",
                    "2026-11-22",
                ])
                .env("NO_COLOR", "1")
                .output()
        })
        .collect();
    for child in children {
        let out = child.expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let text = fs::read_to_string(reg.join("measurements/gap.csv")).expect("read");
    assert_eq!(text.lines().count(), 9, "{text}");
    quiet(&reg, "measurement-invalid");
}

/// A register with two fairness monitors of different systems under one key, and a
/// performance monitor.
fn two_systems() -> Reg {
    watched("")
        .system("other")
        .file(
            "monitors/other-gap.yaml",
            "id: other-gap\nsystem: other\nkind: fairness\nmetric: gap\nkey: fairness/age_gap\nthreshold: { max: 5 }\nevery: 1m\nowner: ml-lead\n",
        )
}

#[test]
fn ingest_reads_json_json_lines_csv_and_mlflow_runs() {
    let reg = watched("")
        .file("out/metrics.json", r#"{"fairness": {"age_gap": 5.6}, "sys-accuracy": 0.9, "latency_ms": 41, "model": "v4"}"#)
        .file("out/metrics.jsonl", "{\"key\": \"fairness/age_gap\", \"value\": 2.5, \"date\": \"2026-10-31\", \"source\": \"run 7\"}\n{\"key\": \"sys-accuracy\", \"value\": 0.93, \"date\": \"2026-10-31T06:00:00Z\"}\n")
        .file("out/metrics.csv", "key,value,date\nfairness/age_gap,2.1,2026-09-30\n")
        .file("out/mlruns/0/r1/meta.yaml", "run_id: r1\n")
        .file("out/mlruns/0/r1/metrics/fairness/age_gap", "1790726400000 3.3 0\n1790726460000 3.1 1\n");
    let Ran {
        code,
        stdout,
        stderr,
    } = reg.aims(&[
        "monitor",
        "ingest",
        "out/metrics.json",
        "--date",
        "2026-11-20",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with("recorded 2 measurements for 2 monitors\n"),
        "{stdout}"
    );
    assert!(stdout.contains("gap: 5.6 on 2026-11-20: BEYOND THE THRESHOLD (max 5); triggers the review of R-1 (due 2026-12-20)"), "{stdout}");
    assert!(
        stderr.contains(
            "not recorded: 1 key no monitor reports under:\n  latency_ms (out/metrics.json)"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("model (out/metrics.json): text, not a number"),
        "{stderr}"
    );
    assert_eq!(
        fs::read_to_string(reg.join("measurements/gap.csv")).expect("read"),
        "date,value,source,note\n2026-11-20,5.6,metrics.json,\n"
    );
    // the same file again, from another path: nothing new
    fs::copy(reg.join("out/metrics.json"), reg.join("metrics.json")).expect("copy");
    let again = json(&reg.aims(&[
        "monitor",
        "ingest",
        "metrics.json",
        "--date",
        "2026-11-20",
        "--format",
        "json",
    ]));
    assert_eq!(again["recorded"][0]["added"], 0);
    assert_eq!(again["recorded"][0]["already"], 1);
    assert_eq!(again["unknown"][0]["key"], "latency_ms");
    let Ran { code, stderr, .. } = reg.aims(&[
        "monitor",
        "ingest",
        "out/metrics.jsonl",
        "out/metrics.csv",
        "out/mlruns",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let gap = fs::read_to_string(reg.join("measurements/gap.csv")).expect("read");
    assert_eq!(
        gap,
        "date,value,source,note\n2026-11-20,5.6,metrics.json,\n2026-10-31,2.5,run 7,\n2026-09-30,2.1,metrics.csv,\n2026-09-30T00:01:00Z,3.1,mlflow run r1,\n"
    );
    assert!(
        fs::read_to_string(reg.join("measurements/sys-accuracy.csv"))
            .expect("read")
            .ends_with("2026-10-31T06:00:00Z,0.93,metrics.jsonl,\n")
    );
    // standard input, sniffed
    let out = Command::new(assert_cmd::cargo::cargo_bin("aims"))
        .current_dir(reg.path())
        .args([
            "monitor",
            "ingest",
            "-",
            "--source",
            "pipe",
            "--today",
            "2026-11-22",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write as _;
            child
                .stdin
                .take()
                .expect("stdin")
                .write_all(b"fairness/age_gap,4.2\n")?;
            child.wait_with_output()
        })
        .expect("runs");
    assert!(out.status.success());
    assert!(
        fs::read_to_string(reg.join("measurements/gap.csv"))
            .expect("read")
            .ends_with("2026-11-22,4.2,pipe,\n")
    );
}

#[test]
fn ingest_refuses_what_it_cannot_tell_apart_or_read_and_writes_nothing() {
    let reg = two_systems().file("m.json", r#"{"fairness": {"age_gap": 5.6}}"#);
    let Ran { code, stderr, .. } = reg.aims(&["monitor", "ingest", "m.json"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("`fairness/age_gap` (gap, other-gap)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("hint: name the system with `--system ID`"),
        "{stderr}"
    );
    assert!(!reg.join("measurements/other-gap.csv").exists());
    let Ran { code, stderr, .. } = reg.aims(&["monitor", "ingest", "m.json", "--system", "other"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(reg.join("measurements/other-gap.csv").exists());
    assert_eq!(
        fs::read_to_string(reg.join("measurements/gap.csv")).expect("read"),
        "date,value,source,note\n"
    );
    let reg = reg.file("good.csv", "fairness/age_gap,1\n").file(
        "bad.csv",
        "fairness/age_gap,1\nfairness/age_gap,1,2026-02-30\n",
    );
    let Ran { code, stderr, .. } = reg.aims(&[
        "monitor", "ingest", "good.csv", "bad.csv", "--system", "sys",
    ]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("bad.csv:2:20: `2026-02-30` is not a date"),
        "{stderr}"
    );
    assert_eq!(
        fs::read_to_string(reg.join("measurements/gap.csv")).expect("read"),
        "date,value,source,note\n",
        "nothing was recorded"
    );
    let Ran { code, stderr, .. } = reg.aims(&["monitor", "ingest", "nowhere.json"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("cannot read `nowhere.json`"), "{stderr}");
    let dry = json(&reg.aims(&[
        "monitor",
        "ingest",
        "good.csv",
        "--system",
        "sys",
        "--dry-run",
        "--format",
        "json",
    ]));
    assert_eq!(dry["dry_run"], true);
    assert_eq!(dry["recorded"][0]["added"], 1);
    assert_eq!(
        fs::read_to_string(reg.join("measurements/gap.csv")).expect("read"),
        "date,value,source,note\n"
    );
}

#[test]
fn register_text_cannot_reach_the_terminal_raw() {
    let reg = watched("2026-11-01,2.4,\"\u{1b}]0;owned\u{7}\",\"\u{1b}[2Jgone\"\n");
    let Ran { code, stdout, .. } = reg.aims(&["monitor", "show", "gap"]);
    assert_eq!(code, 0);
    assert!(!stdout.contains('\u{1b}'), "{stdout:?}");
    assert!(stdout.contains("\\u{1b}]0;owned"), "{stdout}");
}

#[test]
fn measurements_are_read_at_a_commit() {
    let reg = watched("2026-10-31,2.4,job,\n");
    git(reg.path(), DEV, "2026-11-01", &["init", "-q", "-b", "main"]);
    git(reg.path(), DEV, "2026-11-01", &["add", "-A"]);
    git(
        reg.path(),
        DEV,
        "2026-11-01",
        &["commit", "-q", "-m", "Register"],
    );
    reg.aims(&["monitor", "record", "gap", "5.6", "--date", "2026-11-10"]);
    let now = json(&reg.aims(&["monitor", "list", "--format", "json"]));
    assert_eq!(now[0]["state"], "breach");
    let then = json(&reg.aims(&["monitor", "list", "--format", "json", "--at", "HEAD"]));
    assert_eq!(then[0]["state"], "within");
}

// the worked example ------------------------------------------------------------------

/// A copy of the example register with the pipeline outputs beside it.
fn example() -> tempfile::TempDir {
    let dir = crate::tempdir();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    crate::copy_dir(&examples.join("northwind"), &dir.path().join("northwind"));
    crate::copy_dir(&examples.join("pipeline"), &dir.path().join("pipeline"));
    dir
}

#[test]
fn the_example_breach_is_ingested_triggers_reviews_and_is_answered() {
    let dir = example();
    let nw = dir.path().join("northwind");
    let run = |args: &[&str]| aims_in(&nw, args);
    let Ran {
        code,
        stdout,
        stderr,
    } = run(&[
        "monitor",
        "ingest",
        "../pipeline/mlruns",
        "--today",
        "2026-11-22",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("credit-age-gap: 5.6 on 2026-11-20T06:02:00Z: BEYOND THE THRESHOLD (max 5); triggers the review of R-001 (due 2026-12-20), R-006 (due 2026-12-20)"), "{stdout}");
    assert!(stderr.contains("training/loss"), "{stderr}");
    let check = run(&["check", "--format", "json", "--today", "2026-11-22"]);
    assert_eq!(check.code, 0, "warnings only: {}", check.stdout);
    assert!(check.stdout.contains("\"monitor-breach\""));
    let late = run(&["due", "--fail-on", "overdue", "--today", "2026-12-21"]);
    assert_eq!(late.code, 1);
    assert!(
        late.stdout.contains("R-001 credit-age-gap"),
        "{}",
        late.stdout
    );
    let Ran { code, stderr, .. } = run(&[
        "risk",
        "review",
        "R-001",
        "--by",
        "ml-lead",
        "--note",
        "Age gap back to 2.4 after v4.2 was withdrawn",
        "--today",
        "2026-12-21",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let due = run(&["due", "--format", "json", "--today", "2026-12-21"]);
    assert!(
        !due.stdout
            .contains("\"entity\": \"R-001\",\n      \"item\": \"credit-age-gap\""),
        "{}",
        due.stdout
    );
}

#[test]
fn show_lines_up_dates_and_date_times() {
    let reg = watched("2026-10-31,2.4,job,\n2026-11-01T06:00:00Z,3.1,job,\n");
    let Ran { code, stdout, .. } = reg.aims(&["monitor", "show", "gap"]);
    assert_eq!(code, 0, "{stdout}");
    let rows: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("    2026-1"))
        .collect();
    assert_eq!(rows.len(), 2, "{stdout}");
    let column = |row: &str, value: &str| row.find(value).expect("value shown") + value.len();
    assert_eq!(column(rows[0], "3.1"), column(rows[1], "2.4"), "{stdout}");
}

#[test]
fn junit_lists_measurement_files_as_suites() {
    let reg = watched("2026-10-31,2.4,job,\n");
    let Ran { stdout, .. } = reg.aims(&["check", "--format", "junit"]);
    let doc = roxmltree::Document::parse(&stdout).expect("well-formed XML");
    let suite = doc
        .root_element()
        .children()
        .find(|s| s.attribute("name") == Some("measurements/gap.csv"))
        .unwrap_or_else(|| panic!("a suite for the measurements: {stdout}"));
    assert_eq!(suite.attribute("failures"), Some("0"), "{stdout}");
}

/// Clause `id` in what `args` (`aims clause list` or `aims report clauses`) prints.
fn clause(reg: &Reg, args: &[&str], id: &str) -> Value {
    json(&reg.aims(args))["clauses"]
        .as_array()
        .expect("clauses")
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no clause {id}"))
        .clone()
}

/// Clause 9.1 as `aims clause list` derives it: `(status, reason)`.
fn readiness_9_1(reg: &Reg) -> (String, String) {
    let c = clause(reg, &["clause", "list", "--format", "json"], "9.1");
    (
        c["status"].as_str().expect("status").to_string(),
        c["reason"].as_str().expect("reason").to_string(),
    )
}

#[test]
fn clause_9_1_counts_monitors_and_their_measurements() {
    // the system is monitored and measured within the cycle
    let reg = watched("2026-10-31,2.4,job,\n2026-11-10,5.6,job,\n");
    assert_eq!(
        readiness_9_1(&reg),
        (
            "met".into(),
            "2 monitors (3 measurements, 1 in breach now) and 0 objectives measured, 0 overdue"
                .into()
        )
    );
    let evidence = clause(&reg, &["clause", "list", "--format", "json"], "9.1")["evidence"].clone();
    assert_eq!(evidence[0]["file"], "monitors/gap.yaml");
    // a measurement past its cycle: partial
    let late = watched("2026-08-31,2.4,job,\n");
    assert_eq!(readiness_9_1(&late).0, "partial");
    assert!(
        readiness_9_1(&late).1.ends_with("1 overdue"),
        "{:?}",
        readiness_9_1(&late)
    );
    // a deployed system nobody watches: partial, named
    let unwatched = Reg::new().system("other");
    fs::remove_file(unwatched.join("monitors/other-accuracy.yaml")).expect("remove");
    fs::remove_file(unwatched.join("measurements/other-accuracy.csv")).expect("remove");
    let (status, reason) = readiness_9_1(&unwatched);
    assert_eq!(status, "partial");
    assert!(
        reason.ends_with("deployed systems without a monitor: other"),
        "{reason}"
    );
    // nothing measured at all: missing
    let bare = Reg::new();
    fs::remove_file(bare.join("monitors/sys-accuracy.yaml")).expect("remove");
    fs::remove_file(bare.join("measurements/sys-accuracy.csv")).expect("remove");
    assert_eq!(readiness_9_1(&bare).0, "missing");
}

#[test]
fn an_objective_measured_by_a_monitor_reads_its_measurements() {
    let objective = |target: &str| {
        format!(
            "id: OBJ-1\ntitle: Keep the gap small\nowner: ml-lead\nmetric: {{ name: Gap, target: {target}, direction: at-most, monitor: gap }}\ndue: 2027-06-30\nplan:\n  - {{ id: P1, description: Reweight, owner: ml-lead, due: 2027-03-31, status: planned }}\nstatus: active\n"
        )
    };
    // the monitor's latest measurement misses the target
    let reg = watched("2026-10-31,2.4,job,\n2026-11-10,3.6,job,\n")
        .file("objectives/OBJ-1.yaml", &objective("3"));
    let off = messages(&reg, "objective-off-target");
    assert_eq!(off.len(), 1, "{off:#?}");
    assert!(off[0].2.contains("3.6 on 2026-11-10"), "{}", off[0].2);
    // the plan is on schedule: the next measurement is the monitor's
    let check = json(&reg.aims(&["check", "--format", "json"]));
    let hint = check["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["rule"] == "objective-off-target")
        .and_then(|d| d["hint"].as_str())
        .expect("a hint")
        .to_string();
    assert!(hint.contains("aims monitor record gap VALUE"), "{hint}");
    assert!(!hint.contains("objective measure"), "{hint}");
    let show = json(&reg.aims(&["objective", "show", "OBJ-1", "--format", "json"]));
    assert_eq!(show["derived"]["latest"]["value"], 3.6);
    assert_eq!(show["derived"]["on_target"], false);
    let text = reg.aims(&["objective", "show", "OBJ-1"]).stdout;
    assert!(text.contains("by monitor `gap`"), "{text}");
    // within the target: quiet, and nothing measured by hand is due
    let met = watched("2026-10-31,2.4,job,\n").file("objectives/OBJ-1.yaml", &objective("3"));
    quiet(&met, "objective-off-target");
    quiet(&met, "measurement-overdue");
    let list = json(&met.aims(&["objective", "list", "--format", "json"]));
    assert_eq!(list[0]["latest"]["value"], 2.4);
    // measurements by hand go to the monitor
    let ran = met.aims(&["objective", "measure", "OBJ-1", "2.2"]);
    assert_eq!(ran.code, 2);
    assert!(
        ran.stderr.contains("aims monitor record gap 2.2"),
        "{}",
        ran.stderr
    );
}

#[test]
fn objective_commands_name_a_monitor_that_exists() {
    let reg = watched("2026-10-31,2.4,job,\n");
    let add = |monitor: &str| {
        reg.aims(&[
            "objective",
            "add",
            "--title",
            "Gap",
            "--metric",
            "Gap",
            "--target",
            "3",
            "--direction",
            "at-most",
            "--monitor",
            monitor,
            "--owner",
            "ml-lead",
            "--due",
            "2027-06-30",
        ])
    };
    let ran = add("gapp");
    assert_eq!(ran.code, 2);
    assert!(ran.stderr.contains("did you mean `gap`?"), "{}", ran.stderr);
    let ran = add("gap");
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let written = fs::read_to_string(reg.join("objectives/OBJ-001.yaml")).expect("written");
    assert!(written.contains("monitor: gap"), "{written}");
    // an objective measured by hand moves to a monitor by command, and back
    reg.aims(&[
        "objective",
        "add",
        "--title",
        "Reasons",
        "--metric",
        "Share",
        "--target",
        "99",
        "--direction",
        "at-least",
        "--measure-every",
        "1m",
        "--owner",
        "ml-lead",
        "--due",
        "2027-06-30",
    ]);
    let before = reg.read("objectives/OBJ-002.yaml");
    let ran = reg.aims(&["objective", "set", "OBJ-002", "--monitor", "gap"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    assert!(
        ran.stderr.contains(
            "objective `OBJ-002` is judged by monitor `gap` from now on, no longer measured by hand every 1m"
        ),
        "{}",
        ran.stderr
    );
    let moved = reg.read("objectives/OBJ-002.yaml");
    assert!(
        moved.contains("monitor: gap") && !moved.contains("measure_every"),
        "{moved}"
    );
    assert_eq!(
        moved.replace("  monitor: gap\n", "  measure_every: 1m\n"),
        before,
        "nothing else changed"
    );
    // the file keeps to its schema, and the monitor's latest result judges it
    let reg = reg.fresh();
    let rules: Vec<String> = reg
        .findings()
        .into_iter()
        .filter(|(_, file, _, _)| file == "objectives/OBJ-002.yaml")
        .map(|(rule, ..)| rule)
        .collect();
    assert_eq!(rules, ["objective-incomplete", "objective-off-target"]);
    let ran = reg.aims(&["objective", "set", "OBJ-002", "--measure-every", "3m"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    assert!(
        ran.stderr.contains("no longer judged by monitor `gap`"),
        "{}",
        ran.stderr
    );
    let back = reg.read("objectives/OBJ-002.yaml");
    assert!(
        back.contains("measure_every: 3m") && !back.contains("monitor:"),
        "{back}"
    );
    // measurements taken by hand stay where they are: such an objective is not moved
    crate::register::ok(&reg, &["objective", "measure", "OBJ-002", "97"]);
    let ran = reg.aims(&["objective", "set", "OBJ-002", "--monitor", "gap"]);
    assert_eq!(ran.code, 2);
    assert!(
        ran.stderr.contains(
            "objective `OBJ-002` has 1 measurement taken by hand, and an objective judged by a monitor keeps none"
        ) && ran.stderr.contains("aims objective close OBJ-002"),
        "{}",
        ran.stderr
    );
    // the date it was set, by command
    crate::register::ok(
        &reg,
        &["objective", "set", "OBJ-002", "--established", "2026-10-01"],
    );
    assert!(
        reg.read("objectives/OBJ-002.yaml")
            .contains("established: 2026-10-01")
    );
    let ran = reg.aims(&["objective", "set", "OBJ-002", "--monitor", "nothing"]);
    assert_eq!(ran.code, 2);
    assert!(
        ran.stderr.contains("no monitor `nothing`"),
        "{}",
        ran.stderr
    );
    // an objective that cannot be read is not moved: what judges it is not known
    let text = reg.read("objectives/OBJ-002.yaml");
    fs::write(
        reg.join("objectives/OBJ-002.yaml"),
        format!("{text}unknown_field: 1\n"),
    )
    .expect("write");
    let stderr = crate::register::refused(
        &reg,
        &["objective", "set", "OBJ-002", "--measure-every", "1m"],
    );
    assert!(
        stderr.contains("objective `OBJ-002` could not be read"),
        "{stderr}"
    );
}

/// Validates `value` against the published schema of output `name`.
fn keeps_to_schema(name: &str, value: &Value) {
    let nowhere = crate::tempdir();
    let text = aims_in(nowhere.path(), &["schema", "output", name]).stdout;
    let schema: Value = serde_json::from_str(&text).expect("schema");
    let validator = jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("compiles");
    let problems: Vec<String> = validator
        .iter_errors(value)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(problems.is_empty(), "{name}: {problems:#?}");
}

#[test]
fn outputs_with_breaches_triggers_and_ingests_keep_to_their_schemas() {
    // a breach that triggered R-1's review, an open high incident with its action, a
    // change of the system: every list monitoring fills is filled
    let reg = watched("2026-10-31,2.4,job,\n2026-11-10,5.6,job,after the retrain\n")
        .file(
            "incidents/INC-1.yaml",
            "id: INC-1\ntitle: Wrong terms quoted\nkind: incident\nseverity: high\nreported: 2026-11-12\nreporter: ml-lead\nsystems: [sys]\nrisks: [R-1]\ndescription: d\nstatus: open\ncorrective_actions:\n  - { id: CA1, description: Fix, owner: ml-lead, due: 2026-12-15, status: planned }\n",
        )
        .file("out/metrics.json", "{\"fairness\": {\"age_gap\": 2.1, \"other\": 1}, \"note\": \"text\"}\n");
    for (name, args) in [
        (
            "risk-show",
            &["risk", "show", "R-1", "--format", "json"][..],
        ),
        ("risk-list", &["risk", "list", "--format", "json"][..]),
        (
            "system-show",
            &["system", "show", "sys", "--format", "json"][..],
        ),
        (
            "control-show",
            &["control", "show", "A.6.2.6", "--format", "json"][..],
        ),
        ("monitor-list", &["monitor", "list", "--format", "json"][..]),
        (
            "monitor-show",
            &["monitor", "show", "gap", "--format", "json"][..],
        ),
        ("due", &["due", "--format", "json"][..]),
        ("export", &["export"][..]),
        ("report-board", &["report", "board", "--format", "json"][..]),
        ("report-audit", &["report", "audit", "--format", "json"][..]),
        ("report-soa", &["report", "soa", "--format", "json"][..]),
        (
            "monitor-ingest",
            &[
                "monitor",
                "ingest",
                "out/metrics.json",
                "--dry-run",
                "--format",
                "json",
            ][..],
        ),
    ] {
        let value = json(&reg.aims(args));
        keeps_to_schema(name, &value);
        match name {
            "risk-show" => assert_eq!(value["triggered_reviews"].as_array().map(Vec::len), Some(2)),
            "monitor-show" => assert_eq!(value["triggered"][0]["risk"], "R-1"),
            "report-board" => {
                assert!(!value["triggered"].as_array().expect("triggered").is_empty());
                assert_eq!(value["open_incidents"][0]["id"], "INC-1");
            }
            "monitor-ingest" => {
                assert_eq!(value["recorded"][0]["added"], 1);
                assert_eq!(value["unknown"][0]["key"], "fairness/other");
                assert_eq!(value["skipped"][0]["key"], "note");
            }
            _ => {}
        }
    }
}
