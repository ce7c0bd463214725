//! The management review on a real history: the Northwind example committed in
//! stages with the dates its records carry (the first review in March, the first audit
//! in June, the second audit and review in October, then a new risk, a new incident
//! and an off-target measurement after the second review), so that `aims report
//! management-review` shows real trends and `aims management-review record` writes the
//! next review from them.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::trail::{DEV, git};
use crate::{Reg, copy_dir};

fn example() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/northwind")
}

/// The example as it stood on `date`: records dated later left out, measurements
/// taken later dropped, incidents closed later still open.
fn stage(reg: &Reg, date: &str) {
    for folder in ["audits", "management-reviews", "incidents", "objectives"] {
        let _ = fs::remove_dir_all(reg.join(folder));
    }
    copy_dir(&example().join("objectives"), &reg.join("objectives"));
    fs::create_dir_all(reg.join("audits")).expect("dir");
    fs::create_dir_all(reg.join("management-reviews")).expect("dir");
    fs::create_dir_all(reg.join("incidents")).expect("dir");
    let dated = [
        ("management-reviews/MR-2026-1.yaml", "2026-03-20"),
        ("management-reviews/MR-2026-2.yaml", "2026-10-20"),
        ("audits/AUD-2026-1.yaml", "2026-06-12"),
        ("audits/AUD-2026-2.yaml", "2026-09-30"),
        ("audits/AUD-2027-1.yaml", "2026-10-20"),
        ("incidents/INC-2026-001.yaml", "2026-03-14"),
        ("incidents/INC-2026-002.yaml", "2026-08-30"),
        ("incidents/INC-2026-003.yaml", "2026-05-20"),
        ("incidents/INC-2026-004.yaml", "2026-10-02"),
    ];
    for (file, from) in dated {
        if from <= date {
            let mut text = fs::read_to_string(example().join(file)).expect("read");
            if let Some(at) = text.find("status: closed\nclosed: ") {
                let closed = &text[at + 23..at + 33];
                if closed > date {
                    text = text.replace(&text[at..at + 33], "status: investigating");
                }
            }
            fs::write(reg.join(file), text).expect("write");
        }
    }
    // measurements taken later dropped
    let _ = fs::remove_dir_all(reg.join("measurements"));
    copy_dir(&example().join("measurements"), &reg.join("measurements"));
    for entry in fs::read_dir(reg.join("measurements")).expect("measurements") {
        let path = entry.expect("entry").path();
        let text = fs::read_to_string(&path).expect("read");
        let kept: String = text
            .lines()
            .filter(|l| {
                l.get(..10)
                    .is_none_or(|d| !d.starts_with("20") || d <= date)
            })
            .map(|l| format!("{l}\n"))
            .collect();
        fs::write(&path, kept).expect("write");
    }
    for entry in fs::read_dir(reg.join("objectives")).expect("objectives") {
        let path = entry.expect("entry").path();
        let text = fs::read_to_string(&path).expect("read");
        let kept: Vec<&str> = text
            .lines()
            .filter(|l| !(l.starts_with("  - { date: ") && l.get(12..22).is_some_and(|d| d > date)))
            .collect();
        let mut text = kept.join("\n") + "\n";
        if text.contains("measurements:\nstatus") {
            text = text.replace("measurements:\nstatus", "measurements: []\nstatus");
        }
        fs::write(&path, text).expect("write");
    }
}

fn commit(reg: &Reg, date: &str, message: &str) {
    git(reg.path(), DEV, date, &["add", "-A"]);
    git(reg.path(), DEV, date, &["commit", "-qm", message]);
}

/// The example's history: four stages, then a risk, an incident and a measurement
/// after the second review.
fn history() -> Reg {
    let reg = Reg::empty();
    copy_dir(&example(), reg.path());
    git(reg.path(), DEV, "2026-03-20", &["init", "-q", "-b", "main"]);
    git(
        reg.path(),
        DEV,
        "2026-03-20",
        &["config", "user.name", DEV.0],
    );
    git(
        reg.path(),
        DEV,
        "2026-03-20",
        &["config", "user.email", DEV.1],
    );
    for (date, message) in [
        ("2026-03-20", "Register and the first management review"),
        ("2026-07-01", "First internal audit"),
        (
            "2026-10-20",
            "Second audit, nonconformity INC-2026-004, second management review",
        ),
    ] {
        stage(&reg, date);
        commit(&reg, date, message);
    }
    // After the second review: the October measurements (one off target), a new
    // risk and a new incident.
    stage(&reg, "2026-11-22");
    let risk = fs::read_to_string(reg.join("risks/R-005.yaml"))
        .expect("read")
        .replace("id: R-005", "id: R-022")
        .replace("title: ", "title: Second bureau feed late; ");
    fs::write(reg.join("risks/R-022.yaml"), risk).expect("write");
    fs::write(
        reg.join("incidents/INC-2026-005.yaml"),
        "id: INC-2026-005\ntitle: Fraud model flagged a batch twice\nreported: 2026-11-10\nreporter: ml-lead\nsystems: [fraud-detection]\nseverity: low\ndescription: A retried batch was scored twice.\nstatus: open\n",
    )
    .expect("write");
    commit(
        &reg,
        "2026-11-15",
        "October measurements, R-022, INC-2026-005",
    );
    reg
}

fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .expect("array")
        .iter()
        .map(|x| x["id"].as_str().expect("id").to_string())
        .collect()
}

#[test]
fn the_management_review_pack_of_the_example_shows_what_happened_since_the_last_review() {
    let reg = history();
    let out = reg.aims(&["report", "management-review", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json: Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(json["meta"]["report"], "management-review");
    assert_eq!(json["period"]["review"], "MR-2026-2");
    assert_eq!(json["period"]["since"]["date"], "2026-10-20");
    // the previous review's actions with their status
    let actions: Vec<(String, String)> = json["previous_review"]["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .map(|a| {
            (
                a["id"].as_str().expect("id").to_string(),
                a["status"].as_str().expect("status").to_string(),
            )
        })
        .collect();
    assert_eq!(
        actions,
        [
            ("A1".to_string(), "planned".to_string()),
            ("A2".to_string(), "in-progress".to_string())
        ]
    );
    // a risk added later, an incident opened later, a breach recorded later
    assert_eq!(ids(&json["changes"]["risks_added"]), ["R-022"]);
    assert_eq!(
        ids(&json["performance"]["nonconformities"]["opened"]),
        ["INC-2026-005"]
    );
    let breaches = &json["performance"]["monitoring"]["breaches"];
    assert_eq!(breaches[0]["source"], "OBJ-2026-02");
    assert_eq!(breaches[0]["date"], "2026-10-31");
    assert_eq!(breaches.as_array().expect("breaches").len(), 1);
    // every monitor with its latest measurement and the measurements of the period
    let monitors = &json["performance"]["monitoring"]["monitors"];
    assert_eq!(monitors.as_array().expect("monitors").len(), 9);
    assert_eq!(monitors[0]["id"], "credit-age-gap");
    assert_eq!(monitors[0]["latest"]["value"], 2.4);
    assert_eq!(monitors[0]["latest"]["date"], "2026-10-31");
    assert_eq!(monitors[0]["measured"], 1);
    assert_eq!(monitors[0]["state"], "within");
    assert_eq!(monitors[0]["breaches"], serde_json::json!([]));
    // trends: at the first review, at the second, and now
    let points: Vec<(String, u64, u64)> = json["performance"]["indicators"]
        .as_array()
        .expect("indicators")
        .iter()
        .map(|p| {
            (
                p["label"].as_str().expect("label").to_string(),
                p["open_incidents"].as_u64().expect("count"),
                p["open_risks"].as_u64().expect("count"),
            )
        })
        .collect();
    assert_eq!(
        points,
        [
            ("MR-2026-1".to_string(), 1, 19),
            ("since (MR-2026-2)".to_string(), 1, 19),
            ("now".to_string(), 2, 20),
        ]
    );
    let objectives = &json["performance"]["objectives"];
    assert_eq!(objectives[0]["id"], "OBJ-2026-01");
    assert_eq!(objectives[0]["trend"], "improving");
    assert_eq!(objectives[1]["trend"], "improving");
    assert_eq!(objectives[1]["on_target"], false);
    assert!(
        json["summaries"]["previous-actions"]
            .as_str()
            .expect("summary")
            .starts_with("MR-2026-2: 0 of 2 actions done; A1 planned, due 2027-03-31")
    );
    // the Markdown and HTML render the same pack
    let md = reg.aims(&["report", "management-review"]);
    assert_eq!(md.code, 0, "{}", md.stderr);
    // The history is built from fixed files, authors and dates: the same commits, the
    // same bytes.
    insta::assert_snapshot!("management_review_md", md.stdout);
    assert!(
        md.stdout.contains("| R-022 | Second bureau feed late;"),
        "{}",
        md.stdout
    );
    assert!(
        md.stdout.contains("| Open incidents | 1 | 1 | 2 |"),
        "{}",
        md.stdout
    );
    let html = reg.aims(&["report", "management-review", "--format", "html"]);
    assert_eq!(html.code, 0, "{}", html.stderr);
    assert!(
        html.stdout
            .contains("<h2>d) Performance of the AI management system</h2>")
    );

    // since the first review: the audits of the year, both closed incidents
    let first = reg.aims(&[
        "report",
        "management-review",
        "--since",
        "MR-2026-1",
        "--format",
        "json",
    ]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let json: Value = serde_json::from_str(&first.stdout).expect("json");
    assert_eq!(json["previous_review"]["id"], "MR-2026-1");
    let done: Vec<String> = ids(&json["performance"]["audits"]["done"]);
    assert_eq!(done, ["AUD-2026-1", "AUD-2026-2"]);
    assert_eq!(
        ids(&json["performance"]["nonconformities"]["closed"]),
        ["INC-2026-001", "INC-2026-003", "INC-2026-002"]
    );
}

#[test]
fn record_writes_the_next_review_from_the_pack_marked_as_drawn_from_the_register() {
    let reg = history();
    let head = git(reg.path(), DEV, "2026-11-22", &["rev-parse", "HEAD"]);
    let out = reg.aims(&["management-review", "record", "--date", "2026-11-22"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .starts_with("recorded management-reviews/MR-2026-3.yaml"),
        "{}",
        out.stdout
    );
    // until the meeting completes it, the review is incomplete
    assert!(
        out.stdout.contains("management-review-incomplete"),
        "{}",
        out.stdout
    );
    let text = fs::read_to_string(reg.join("management-reviews/MR-2026-3.yaml")).expect("read");
    assert!(
        text.contains(&format!("revision: {}", head.trim())),
        "{text}"
    );
    assert!(
        text.contains("previous-actions: \"[drawn from the register at "),
        "{text}"
    );
    assert!(text.contains("MR-2026-2: 0 of 2 actions done"), "{text}");
    assert!(text.contains("attendees: []"), "{text}");
    let check = reg.aims(&["check", "--format", "json"]);
    let json: Value = serde_json::from_str(&check.stdout).expect("json");
    let incomplete: Vec<&Value> = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["rule"] == "management-review-incomplete")
        .collect();
    assert_eq!(incomplete.len(), 1, "{json:#}");
    assert_eq!(
        incomplete[0]["message"],
        "management review lacks decisions, a top-management attendee"
    );
    // the next pack starts from it, at the revision it records
    git(reg.path(), DEV, "2026-11-23", &["add", "-A"]);
    git(
        reg.path(),
        DEV,
        "2026-11-23",
        &["commit", "-qm", "MR-2026-3"],
    );
    let next = reg.aims(&["report", "management-review", "--format", "json"]);
    let json: Value = serde_json::from_str(&next.stdout).expect("json");
    assert_eq!(json["period"]["review"], "MR-2026-3");
    assert_eq!(json["period"]["since"]["commit"], head.trim());
    assert!(
        json["changes"]["risks_added"]
            .as_array()
            .expect("list")
            .is_empty()
    );
}

#[test]
fn the_pack_needs_git_and_says_so() {
    let reg = Reg::new();
    let out = reg.aims(&["report", "management-review"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("is not in a git repository"),
        "{}",
        out.stderr
    );
    let out = reg.aims(&["report", "soa", "--since", "HEAD"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("`--since` applies to"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_monitor_breach_in_the_period_is_in_the_pack() {
    let reg = history();
    let csv = reg.join("measurements/credit-age-gap.csv");
    let rows = fs::read_to_string(&csv).expect("read")
        + "2026-11-10,5.9,fairness job,after the November retrain\n2026-11-20,4.1,fairness job,\n";
    fs::write(&csv, rows).expect("write");
    commit(&reg, "2026-11-21", "November fairness measurements");
    let out = reg.aims(&["report", "management-review", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json: Value = serde_json::from_str(&out.stdout).expect("json");
    let monitoring = &json["performance"]["monitoring"];
    let gap = &monitoring["monitors"][0];
    assert_eq!(gap["id"], "credit-age-gap");
    assert_eq!(gap["measured"], 3);
    assert_eq!(gap["state"], "warning");
    assert_eq!(gap["latest"]["value"], 4.1);
    assert_eq!(gap["breaches"][0]["value"], 5.9);
    assert_eq!(gap["breaches"][0]["date"], "2026-11-10");
    assert_eq!(gap["breaches"][0]["limit"], "max 5");
    let sources: Vec<&str> = monitoring["breaches"]
        .as_array()
        .expect("breaches")
        .iter()
        .map(|b| b["source"].as_str().expect("source"))
        .collect();
    assert_eq!(sources, ["OBJ-2026-02", "credit-age-gap"]);
    let performance = json["summaries"]["performance"].as_str().expect("summary");
    assert!(
        performance.contains("9 monitors measured 11 times, 1 breach (0 in breach now)"),
        "{performance}"
    );
    let md = reg.aims(&["report", "management-review"]);
    assert!(
        md.stdout
            .contains("| credit-age-gap | credit-scoring | Approval-rate gap, applicants over 70 vs under 70 (points) | max 5 | 4.1 on 2026-11-20 | warning | 3 | 5.9 on 2026-11-10 |"),
        "{}",
        md.stdout
    );
}

#[test]
fn the_trend_counts_a_review_the_criteria_triggered_as_check_did_then() {
    let reg = Reg::new().risk("R-1", "");
    git(reg.path(), DEV, "2026-01-10", &["init", "-q", "-b", "main"]);
    commit(&reg, "2026-01-10", "Register");
    // a change of the criteria triggers a review of R-1, due by 2026-03-03
    let config = reg.read("aims.yaml").replace(
        "{ name: low, max: 2, review_every: 1y }",
        "{ name: low, max: 1, review_every: 1y }",
    );
    fs::write(reg.join("aims.yaml"), config).expect("write");
    commit(&reg, "2026-02-01", "Tighter bands");
    fs::create_dir_all(reg.join("management-reviews")).expect("dir");
    fs::write(
        reg.join("management-reviews/MR-2026-1.yaml"),
        "id: MR-2026-1\ndate: 2026-06-01\n",
    )
    .expect("write");
    commit(&reg, "2026-06-01", "First management review");
    let ran = reg.aims(&["report", "management-review", "--format", "json"]);
    let json: Value = serde_json::from_str(&ran.stdout).expect("json");
    let since = json["performance"]["indicators"]
        .as_array()
        .expect("indicators")
        .iter()
        .find(|p| p["label"] == "since (MR-2026-1)")
        .unwrap_or_else(|| panic!("the start of the period: {json}"));
    // overdue then: the triggered review (the six-monthly one falls due in July), as
    // check said on that day
    assert_eq!(since["overdue"], 1, "{since}");
    let then = reg.run(&["check", "--format", "json", "--today", "2026-06-01"]);
    assert!(
        then.stdout
            .contains("the review this triggers was due on 2026-03-03"),
        "{}",
        then.stdout
    );
}
