//! `aims risk add|list|show|review|close`: authoring from the terminal.

use std::fs;
use std::process::Stdio;

use serde_json::Value;

use crate::register::{AIMS_YAML, RISK};
use crate::{Ran, Reg};

const TODAY: &str = "2026-11-22";

const ADD: &[&str] = &[
    "risk",
    "add",
    "--title",
    "Model: drifts",
    "--system",
    "sys",
    "--category",
    "operational",
    "--likelihood",
    "2",
    "--consequence",
    "Major",
    "--owner",
    "ml-lead",
];

#[test]
fn add_writes_the_next_risk_and_reports_what_check_says() {
    let reg = Reg::new();
    let Ran {
        code,
        stdout: out,
        stderr: err,
    } = reg.aims(ADD);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        fs::read_to_string(reg.join("risks/R-001.yaml")).expect("written"),
        "# yaml-language-server: $schema=../.aims/schemas/risk.schema.json\n\
         id: R-001\ntitle: \"Model: drifts\"\nsystems: [sys]\ncategory: operational\nowner: ml-lead\n\
         identified: 2026-11-22\nassessment:\n  likelihood: 2\n  consequence: 3\nstatus: open\n"
    );
    assert!(out.starts_with("created risks/R-001.yaml\n"), "{out}");
    assert!(
        out.contains("error[treatment-required]: risks/R-001.yaml:8:1: risk scores 2x3 = 6 (band high), above the acceptance threshold 3"),
        "{out}"
    );
    // the next one continues the sequence
    let Ran {
        code, stdout: out, ..
    } = reg.aims(ADD);
    assert_eq!(code, 0);
    assert!(out.starts_with("created risks/R-002.yaml"), "{out}");
}

#[test]
fn add_follows_the_register_numbering() {
    let reg = Reg::new().risk("R-007", "").risk("R-012", "");
    let Ran { stdout: out, .. } = reg.aims(ADD);
    assert!(out.starts_with("created risks/R-013.yaml"), "{out}");
}

#[test]
fn add_without_a_terminal_lists_every_missing_flag() {
    let reg = Reg::new();
    let Ran {
        code,
        stdout: out,
        stderr: err,
    } = reg.aims(&["risk", "add", "--title", "t", "--owner", "lead"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert_eq!(
        err,
        "error: missing required flags: --system, --category, --likelihood, --consequence\n"
    );
    assert!(!reg.join("risks").exists(), "nothing written");
}

#[test]
fn add_refuses_unknown_ids_and_out_of_scale_levels() {
    let reg = Reg::new();
    let mut args = ADD.to_vec();
    args[5] = "sy";
    let Ran {
        code, stderr: err, ..
    } = reg.aims(&args);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "error: --system: unknown AI system `sy`\nhint: did you mean `sys`? valid values: `sys`\n"
    );
    let mut args = ADD.to_vec();
    args[9] = "4";
    let Ran {
        code, stderr: err, ..
    } = reg.aims(&args);
    assert_eq!(code, 2);
    assert!(
        err.contains("--likelihood: unknown likelihood `4`"),
        "{err}"
    );
    assert!(err.contains("valid values: `1`, `2`, `3`"), "{err}");
    let Ran {
        code, stderr: err, ..
    } = reg.aims(&[ADD, &["--control", "A.6.2.44"]].concat());
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `A.6.2.4`?"), "{err}");
    assert!(!reg.join("risks").exists(), "nothing written");
}

#[test]
fn add_never_overwrites_an_existing_risk() {
    let reg = Reg::new().risk("R-001", "");
    let before = fs::read(reg.join("risks/R-001.yaml")).expect("read");
    let Ran {
        code, stderr: err, ..
    } = reg.aims(&[ADD, &["--id", "R-001"]].concat());
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "error: risk `R-001` already exists in `risks/R-001.yaml`\n"
    );
    assert_eq!(
        fs::read(reg.join("risks/R-001.yaml")).expect("read"),
        before
    );
}

#[test]
fn racing_adds_each_get_their_own_id() {
    let reg = Reg::new();
    let children: Vec<_> = (0..8)
        .map(|_| {
            crate::aims_command(reg.path())
                .args(ADD)
                .args(["--today", TODAY])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawns")
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().expect("waits");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let mut names: Vec<String> = fs::read_dir(reg.join("risks"))
        .expect("folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let expected: Vec<String> = (1..=8).map(|i| format!("R-00{i}.yaml")).collect();
    assert_eq!(
        names, expected,
        "eight files, no clobbering, no temporary leftovers"
    );
    for name in names {
        let text = fs::read_to_string(reg.join("risks").join(&name)).expect("read");
        assert!(text.contains(&format!("\nid: {}\n", name.trim_end_matches(".yaml"))));
    }
}

#[test]
fn add_asks_for_missing_values_in_a_terminal() {
    let reg = Reg::new();
    // The answers are typed into a real pseudo-terminal.
    let screen = crate::terminal::terminal(
        reg.path(),
        &format!("risk add --today {TODAY} --owner lead"),
    )
    .typing("Typed title\n\n\n1\nprivacy\nPossible\n1\nOne incident in two years\nn\n")
    .screen();
    assert!(screen.contains("1) sys"), "{screen}");
    assert!(
        screen.contains("2) aims") && screen.contains("2) opportunity"),
        "the scope and the kind are asked, with defaults: {screen}"
    );
    assert!(
        screen.contains("3) Likely"),
        "scale labels are offered: {screen}"
    );
    assert!(screen.contains("created risks/R-001.yaml"), "{screen}");
    let text = fs::read_to_string(reg.join("risks/R-001.yaml")).expect("written");
    assert!(
        text.contains("title: Typed title\nsystems: [sys]\ncategory: privacy\nowner: lead\n"),
        "{text}"
    );
    assert!(text.contains("likelihood: 2\n  consequence: 1\n"), "{text}");
}

#[test]
fn an_opportunity_of_the_management_system_is_recorded_from_the_prompts() {
    let reg = Reg::new();
    // the second scope (the management system), the second kind (an opportunity)
    let screen = crate::terminal::terminal(
        reg.path(),
        &format!("risk add --today {TODAY} --owner lead"),
    )
    .typing("Share the review pack with the board\n2\n2\nsocietal\nLikely\n2\nAsked for twice\n")
    .screen();
    assert!(screen.contains("created risks/R-001.yaml"), "{screen}");
    assert!(
        !screen.contains("AI system (") && !screen.contains("treatment option"),
        "no system and no treatment is asked for: {screen}"
    );
    let text = fs::read_to_string(reg.join("risks/R-001.yaml")).expect("written");
    for line in [
        "kind: opportunity\n",
        "scope: aims\n",
        "category: societal\n",
    ] {
        assert!(text.contains(line), "{line}: {text}");
    }
    assert!(!text.contains("systems:"), "{text}");
    assert!(text.contains("likelihood: 3\n  consequence: 2\n"), "{text}");
    let (code, json) = reg.fresh().check_json();
    assert_eq!(code, 0, "{json}");
}

const COMMENTED: &str = "\
# Owned by the ML team.   Keep this header.
id: R-001   # the id
title: 'Quoted: on purpose'
systems: [sys]   # one system
category: bias-fairness

owner: ml-lead
identified: 2026-01-10
assessment:
  likelihood: 1     # from the back-test
  consequence: 2
  rationale: >
    Folded over
    two lines.
# a comment between fields
review:
  last: 2026-04-02   # last review
status: open
# trailing comment
";

#[test]
fn review_changes_only_the_fields_it_must() {
    let reg = Reg::new().file("risks/R-001.yaml", COMMENTED);
    let Ran {
        code,
        stdout: out,
        stderr: err,
    } = reg.aims(&["risk", "review", "R-001", "--by", "lead"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        fs::read_to_string(reg.join("risks/R-001.yaml")).expect("read"),
        COMMENTED.replace(
            "last: 2026-04-02   # last review\n",
            "last: 2026-11-22   # last review\n  by: lead\n"
        )
    );
    assert!(
        out.contains("reviewed risks/R-001.yaml\nnext review: 2027-11-22 (band low, every 1y)"),
        "{out}"
    );

    let Ran {
        code, stderr: err, ..
    } = reg.aims(&[
        "risk",
        "review",
        "R-001",
        "--by",
        "lead",
        "--note",
        "Back-test repeated",
        "--date",
        "2026-11-20",
        "--likelihood",
        "1",
        "--consequence",
        "1",
        "--rationale",
        "Retested: fine",
    ]);
    assert_eq!(code, 0, "{err}");
    let expected = COMMENTED
        .replace(
            "last: 2026-04-02   # last review\n",
            "last: 2026-11-20   # last review\n  by: lead\n  note: Back-test repeated\n",
        )
        .replace("consequence: 2", "consequence: 1")
        .replace(
            "  rationale: >\n    Folded over\n    two lines.\n",
            "  rationale: \"Retested: fine\"\n",
        );
    assert_eq!(
        fs::read_to_string(reg.join("risks/R-001.yaml")).expect("read"),
        expected
    );
}

#[test]
fn review_adds_the_review_block_when_there_is_none() {
    let reg = Reg::new().risk("R-001", "");
    // who reviewed must be known: from the git email, or given
    let Ran { code, stderr, .. } = reg.aims(&["risk", "review", "R-001"]);
    assert_eq!(code, 2);
    assert_eq!(stderr, "error: missing required flag: --by\n");
    let Ran { code, .. } = reg.aims(&["risk", "review", "R-001", "--by", "lead"]);
    assert_eq!(code, 0);
    let text = fs::read_to_string(reg.join("risks/R-001.yaml")).expect("read");
    assert_eq!(
        text,
        RISK.replace("{id}", "R-001") + "review:\n  last: 2026-11-22\n  by: lead\n"
    );
}

#[test]
fn review_refuses_out_of_scale_levels_and_unknown_risks() {
    let reg = Reg::new().file("risks/R-001.yaml", COMMENTED);
    let Ran {
        code, stderr: err, ..
    } = reg.aims(&["risk", "review", "R-001", "--likelihood", "7"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "error: --likelihood 7 is outside the likelihood scale of aims.yaml (1 to 3)\n"
    );
    assert_eq!(
        fs::read_to_string(reg.join("risks/R-001.yaml")).expect("read"),
        COMMENTED
    );
    let Ran {
        code, stderr: err, ..
    } = reg.aims(&["risk", "review", "R-404"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "error: no risk `R-404` in the register\nhint: list them with `aims risk list`\n"
    );
}

#[test]
fn close_records_the_reason_and_refuses_a_closed_risk() {
    let reg = Reg::new().file("risks/R-001.yaml", COMMENTED);
    let Ran {
        code, stdout: out, ..
    } = reg.aims(&["risk", "close", "R-001", "--reason", "System retired"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("closed risks/R-001.yaml\n"));
    assert_eq!(
        fs::read_to_string(reg.join("risks/R-001.yaml")).expect("read"),
        COMMENTED.replace(
            "status: open\n",
            "status: closed\nclosed_reason: System retired\nclosed: 2026-11-22\n"
        )
    );
    let Ran {
        code, stderr: err, ..
    } = reg.aims(&["risk", "close", "R-001", "--reason", "again"]);
    assert_eq!(code, 2);
    assert!(err.contains("already closed (System retired)"), "{err}");
}

#[test]
fn list_filters_and_sorts() {
    let reg = Reg::new()
        .risk("R-001", "")
        .file("risks/R-002.yaml", &(RISK.replace("{id}", "R-002").replace("likelihood: 1", "likelihood: 3").replace("consequence: 2", "consequence: 3") + "treatment:\n  option: mitigate\n  actions:\n    - { id: T1, description: d, owner: lead, due: 2027-01-01, status: planned }\n"))
        .file("risks/R-003.yaml", &(RISK.replace("{id}", "R-003").replace("ml-lead", "lead") + "status: closed\nclosed_reason: Gone.\n"));
    let ids = |args: &[&str]| -> Vec<String> {
        let Ran {
            code,
            stdout: out,
            stderr: err,
        } = reg.aims(&[&["risk", "list", "--format", "json"], args].concat());
        assert_eq!(code, 0, "{err}");
        let rows: Vec<Value> = serde_json::from_str(&out).expect("json");
        rows.iter()
            .map(|r| r["id"].as_str().expect("id").to_string())
            .collect()
    };
    assert_eq!(ids(&[]), ["R-001", "R-002", "R-003"]);
    assert_eq!(ids(&["--sort", "score"]), ["R-002", "R-001", "R-003"]);
    assert_eq!(ids(&["--status", "open"]), ["R-001", "R-002"]);
    assert_eq!(ids(&["--band", "high"]), ["R-002"]);
    assert_eq!(ids(&["--owner", "lead"]), ["R-003"]);
    // filters are checked like the flags of add
    let Ran { code, stderr, .. } = reg.aims(&["risk", "list", "--system", "sy"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("unknown AI system `sy`") && stderr.contains("did you mean `sys`?"),
        "{stderr}"
    );
    let Ran { code, stderr, .. } = reg.aims(&["risk", "list", "--band", "hgh"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("did you mean `high`?"), "{stderr}");
    let Ran { code, stderr, .. } = reg.aims(&["risk", "list", "--band", "medium"]);
    assert_eq!(code, 0);
    assert_eq!(
        stderr,
        "no risks match these filters (3 risks in the register)\n"
    );
    let Ran { stderr, .. } = Reg::new().aims(&["risk", "list"]);
    assert_eq!(
        stderr,
        "the register has no risks yet; add one with `aims risk add`\n"
    );
    let Ran { stdout: out, .. } = reg.aims(&["risk", "list", "--format", "json"]);
    let rows: Vec<Value> = serde_json::from_str(&out).expect("json");
    assert_eq!(rows[1]["band"], "high");
    assert_eq!(rows[1]["next_review"], "2026-04-10");
    assert_eq!(rows[1]["review_overdue"], true);
    assert_eq!(ids(&["--overdue"]), ["R-002"]);
    assert_eq!(rows[1]["score"], 9);
    let Ran { stdout: out, .. } = reg.aims(&["risk", "list"]);
    assert!(out.contains("3x3 = 9") && out.contains("R-002"), "{out}");
}

#[test]
fn show_tells_everything_computed_about_a_risk() {
    let reg = Reg::new().risk("R-001", "controls: [A.6.2.4]\n").file(
        "incidents/INC-1.yaml",
        "id: INC-1\ntitle: Drift seen\nreported: 2026-01-11\nreporter: lead\nrisks: [R-001]\nseverity: low\ndescription: d\nstatus: open\n",
    );
    let Ran {
        code, stdout: out, ..
    } = reg.aims(&["risk", "show", "R-001", "--format", "json"]);
    assert_eq!(code, 0);
    let view: Value = serde_json::from_str(&out).expect("json");
    assert_eq!(view["assessment_text"], "1x2 = 2 (band low)");
    // the incident triggered a review, due before the cycle's
    assert_eq!(view["next_review"], "2026-02-10");
    assert_eq!(view["cycle_review"], "2027-01-10");
    assert_eq!(view["review_basis"], "band low, every 1y");
    assert_eq!(view["triggered_reviews"][0]["source"], "INC-1");
    assert_eq!(view["triggered_reviews"][0]["overdue"], true);
    assert_eq!(
        view["controls"][0]["title"],
        "AI system verification and validation"
    );
    assert_eq!(view["controls"][0]["soa"], "planned");
    assert_eq!(view["incidents"][0]["id"], "INC-1");
    assert_eq!(view["impact_assessments"][0]["id"], "IA-sys");
    let Ran { stdout: human, .. } = reg.aims(&["risk", "show", "R-001"]);
    assert!(
        human.starts_with("R-001  Something goes wrong\n"),
        "{human}"
    );
    let Ran {
        code, stderr: err, ..
    } = reg.aims(&["risk", "show", "R-01"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `R-001`?"), "{err}");
}

#[test]
fn a_broken_file_elsewhere_does_not_block_adding_but_a_broken_aims_yaml_does() {
    let reg = Reg::new().file("risks/R-005.yaml", "id: [broken\n");
    let Ran {
        code,
        stdout: out,
        stderr: err,
    } = reg.aims(ADD);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("created risks/R-006.yaml"),
        "the broken file's id is still taken: {out}"
    );
    let reg = Reg::new().file(
        "aims.yaml",
        &AIMS_YAML.replace("approver: true", "approver: maybe"),
    );
    let Ran {
        code, stderr: err, ..
    } = reg.aims(ADD);
    assert_eq!(code, 2);
    assert!(err.starts_with("error: aims.yaml has errors; fix them before adding or editing entities:\n  aims.yaml:5:"), "{err}");
}

#[test]
fn due_lists_what_falls_due_soonest_first() {
    let reg = Reg::new()
        .risk(
            "R-001",
            "treatment:\n  option: mitigate\n  actions:\n    - { id: T1, description: Retrain, owner: lead, due: 2026-12-01, status: planned }\n    - { id: T2, description: Late one, owner: ml-lead, due: 2026-11-01, status: in-progress }\n    - { id: T3, description: Far away, owner: lead, due: 2027-06-01, status: planned }\n    - { id: T4, description: Finished, owner: lead, due: 2026-11-02, status: done, evidence: [\"https://x.example\"] }\n",
        )
        .file(
            "controls/A.2.2.yaml",
            "id: A.2.2\napplicable: true\njustification: j\nstatus: implemented\nowner: lead\nevidence: [\"https://x.example\"]\n",
        );
    let Ran {
        code, stdout: out, ..
    } = reg.aims(&["due", "--format", "json"]);
    assert_eq!(code, 0);
    let list: Value = serde_json::from_str(&out).expect("json");
    let items: Vec<(String, String, Value)> = list["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| {
            (
                i["kind"].as_str().expect("kind").to_string(),
                format!(
                    "{} {}",
                    i["entity"].as_str().expect("entity"),
                    i["item"].as_str().unwrap_or("")
                ),
                i["days"].clone(),
            )
        })
        .collect();
    assert_eq!(
        items,
        [
            (
                "control-verification".to_string(),
                "A.2.2 ".to_string(),
                Value::Null
            ),
            (
                "action".to_string(),
                "R-001 T2".to_string(),
                serde_json::json!(-21)
            ),
            (
                "action".to_string(),
                "R-001 T1".to_string(),
                serde_json::json!(9)
            ),
        ]
    );
    assert_eq!(list["until"], "2026-12-22");
    let Ran { stdout: out, .. } = reg.aims(&[
        "due", "--within", "1y", "--owner", "lead", "--format", "json",
    ]);
    let list: Value = serde_json::from_str(&out).expect("json");
    let entities: Vec<String> = list["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| {
            format!(
                "{} {}",
                i["entity"].as_str().expect("e"),
                i["item"].as_str().unwrap_or("")
            )
        })
        .collect();
    assert_eq!(entities, ["A.2.2 ", "R-001 T1", "IA-sys ", "R-001 T3"]);
    let Ran { stdout: human, .. } = reg.aims(&["due"]);
    assert!(
        human.contains("21 days overdue") && human.contains("now (never verified)"),
        "{human}"
    );
    let Ran { stdout: quiet, .. } = Reg::new().aims(&["due"]);
    assert_eq!(quiet, "nothing overdue or due by 2026-12-22\n");
}

#[test]
fn matrix_counts_open_risks_per_cell() {
    let reg = Reg::new()
        .risk("R-001", "target: { likelihood: 1, consequence: 1 }\n")
        .risk("R-002", "")
        .file(
            "risks/R-003.yaml",
            &(RISK.replace("{id}", "R-003") + "status: closed\nclosed_reason: Gone.\n"),
        );
    let Ran {
        code, stdout: out, ..
    } = reg.aims(&["matrix", "--format", "json"]);
    assert_eq!(code, 0);
    let m: Value = serde_json::from_str(&out).expect("json");
    let cell = |l: u64, c: u64| {
        m["cells"]
            .as_array()
            .expect("cells")
            .iter()
            .find(|x| x["likelihood"] == l && x["consequence"] == c)
            .expect("cell")
            .clone()
    };
    assert_eq!(cell(1, 2)["count"], 2, "the closed risk is not counted");
    assert_eq!(cell(1, 2)["band"], "low");
    assert_eq!(cell(3, 3)["band"], "high");
    let Ran { stdout: out, .. } = reg.aims(&["matrix", "--target", "--format", "json"]);
    let m: Value = serde_json::from_str(&out).expect("json");
    assert_eq!(
        m["cells"][0]["risks"],
        serde_json::json!(["R-001"]),
        "only risks with a target"
    );
    let Ran { stdout: plain, .. } = reg.aims(&["matrix"]);
    assert!(plain.contains("Rare 1 │  · L   │  2 L   │"), "{plain}");
    assert!(
        !plain.contains('\u{1b}'),
        "NO_COLOR output has no escape codes"
    );
    let Ran {
        stdout: coloured, ..
    } = reg.aims(&["matrix", "--color", "always"]);
    assert!(coloured.contains("\u{1b}[30m\u{1b}[42m"), "{coloured}");
}
