//! Columns and values: headers with units and qualifiers, values matched by name,
//! email, title, label or spelling, `--value`, `--default`, `--create-missing`,
//! overall levels, dates, review dates, statuses and mitigation plans, and nothing
//! dropped silently.

use std::fs;

use super::{dry_json, files, import, risk, risk_files, row_errors, sheet, squash};
use crate::Reg;

#[test]
fn headers_with_units_qualifiers_and_other_words_are_recognised() {
    let reg = Reg::new();
    let path = sheet(
        &reg,
        "h.csv",
        "Risk No.,Risk Title,AI System(s),Risk_Category,Inherent Probability,Impact Rating,Residual Likelihood,Residual Impact,Risk Owner,ISO 27001 Ref,Regulatory Reference,Existing Controls,Annex A Controls\n\
         1,Drift,sys,safety,3,3,1,2,lead,ISMS-R-7; ISMS-R-9,EU AI Act Art. 15,Weekly monitoring,A.6.2.6\n",
    );
    let (code, out, _) = import(&reg, &[&path]);
    assert_eq!(code, 0, "{out}");
    let r = risk(&reg, "1");
    for line in [
        "title: Drift\n",
        "assessment:\n  likelihood: 3\n  consequence: 3\n  rationale: \"Existing controls: Weekly monitoring\"\ntarget:\n  likelihood: 1\n  consequence: 2\n",
        "controls: [A.6.2.6]\n",
        "infosec_refs: [ISMS-R-7, ISMS-R-9]\n",
        "x:\n  Regulatory Reference: EU AI Act Art. 15\n",
    ] {
        assert!(r.contains(line), "{line}\n{r}");
    }
}

#[test]
fn values_match_by_name_email_title_label_and_common_spellings() {
    let reg = Reg::new();
    let path = sheet(
        &reg,
        "v.csv",
        "Title,System,Category,Likelihood,Impact,Owner\n\
         A,System sys,Bias/Fairness,Likely,3 - Major,Lead Person\n\
         B,SYS,Transparency/Explainability,2 (Possible),moderate,LEAD@test.example\n\
         C,sys,Privacy/Data Protection,rare,1,ml lead\n",
    );
    let (code, json) = dry_json(&reg, "risks", &[&path]);
    assert_eq!(code, 0, "{json}");
    let rows = json["rows"].as_array().expect("rows");
    assert_eq!(rows[0]["detail"], "3x3 = 9 (band high)");
    assert_eq!(rows[1]["owner"], "lead");
    assert_eq!(rows[2]["owner"], "ml-lead");
    let shown: Vec<String> = json["values"]
        .as_array()
        .expect("values")
        .iter()
        .map(|v| {
            format!("{} {} -> {} ({})", v["field"], v["from"], v["to"], v["how"]).replace('"', "")
        })
        .collect();
    for expected in [
        "category Transparency/Explainability -> explainability-transparency (spelling)",
        "category Privacy/Data Protection -> privacy (spelling)",
        "owner LEAD@test.example -> lead (email)",
        "owner Lead Person -> lead (name)",
        "systems System sys -> sys (name)",
        "consequence 3 - Major -> 3 (level)",
        "likelihood Likely -> 3 (label)",
    ] {
        assert!(
            shown.contains(&expected.to_string()),
            "{expected}: {shown:#?}"
        );
    }
}

#[test]
fn value_maps_defaults_and_created_entities() {
    let reg = Reg::new();
    let path = sheet(
        &reg,
        "m.csv",
        "Risk,Domain,Likelihood,Impact,Owner\nDrift,Model risk,High,Very High,AI Lead\nLeak,Security,Low,High,Jane Doe <jane@test.example>\n",
    );
    let (code, out, _) = import(&reg, &[&path, "--dry-run"]);
    assert_eq!(code, 1);
    assert!(
        out.contains(
            "hint: likelihood `High`, `Low`: map with --value \"likelihood:High=LEVEL,Low=LEVEL\""
        ),
        "{out}"
    );
    assert!(
        out.contains("hint: no AI system: give one with --default system=SYSTEM"),
        "{out}"
    );
    let (code, out, _) = import(
        &reg,
        &[
            &path,
            "--value",
            "likelihood,consequence:Low=1,High=3,Very High=3",
            "--value",
            "owner:Jane Doe*=lead",
            "--default",
            "system=Chatbot",
            "--create-missing",
            "systems,roles,categories",
        ],
    );
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("  owner `AI Lead` -> `ai-lead` (new role, 1 row)"),
        "{out}"
    );
    assert!(
        out.contains("  category `Model risk` -> `model-risk` (new category, 1 row)"),
        "{out}"
    );
    assert!(
        out.contains("  system `chatbot` (Chatbot) in systems/chatbot.yaml"),
        "{out}"
    );
    let config = fs::read_to_string(reg.join("aims.yaml")).expect("aims.yaml");
    assert!(
        config.contains("  - id: ai-lead\n    name: AI Lead\n"),
        "{config}"
    );
    assert!(
        config.ends_with("categories:\n  - id: model-risk\n    title: Model risk\n"),
        "{config}"
    );
    let system = &files(&reg, "systems")[0];
    assert_eq!(system.0, "chatbot.yaml");
    assert!(system.1.contains("owner: ai-lead\n"), "{}", system.1);
    assert!(risk(&reg, "R-002").contains("owner: lead\n"));
    let (code, _, err) = import(&reg, &[&path, "--create-missing", "controls"]);
    assert_eq!(code, 2);
    assert!(err.contains("`controls` cannot be created here"), "{err}");
    let (code, _, err) = import(&reg, &[&path, "--value", "colour:red=blue"]);
    assert_eq!(code, 2);
    assert!(err.contains("`colour` is not a field"), "{err}");
}

#[test]
fn an_overall_level_needs_a_level_table_and_is_never_split_by_guessing() {
    let reg = Reg::new();
    let path = sheet(
        &reg,
        "l.csv",
        "Risk ID,Risk Scenario,Inherent Risk,Mitigation Strategy,Residual Risk\nAI-1,Drift,Critical,Monitor drift,Medium\nAI-2,Leak,High,Encrypt,Low\n",
    );
    let base = [
        "--default",
        "system=sys",
        "--default",
        "owner=lead",
        "--default",
        "category=safety",
    ];
    let mut args = vec![path.as_str()];
    args.extend(base);
    let (code, out, _) = import(&reg, &[&args[..], &["--dry-run"]].concat());
    assert_eq!(code, 1);
    assert_eq!(
        row_errors(&out)[0],
        "error: row 2: `Critical` is an overall level; aims needs a likelihood and a consequence, and never splits a level by guessing"
    );
    assert!(out.contains("hint: level `Critical`, `High`: map with --value \"level:Critical=LxC,High=LxC\"; LxC is a likelihood 1 to 3 and a consequence 1 to 3, e.g. 3x3"), "{out}");
    let (code, out, _) = import(
        &reg,
        &[
            &args[..],
            &["--value", "level:Critical=3x3,High=2x3,Medium=2x2,Low=1x2"],
        ]
        .concat(),
    );
    assert_eq!(code, 0, "{out}");
    let r = risk(&reg, "AI-1");
    assert!(r.contains("assessment:\n  likelihood: 3\n  consequence: 3\ntarget:\n  likelihood: 2\n  consequence: 2\n"), "{r}");
    assert!(
        r.contains("treatment:\n  option: mitigate\n  rationale: Monitor drift\n"),
        "the plan is not dropped: {r}"
    );
}

#[test]
fn an_ambiguous_date_column_is_decided_by_its_other_values_or_by_date_format() {
    let reg = Reg::new();
    let head = "Title,System,Category,Likelihood,Impact,Owner,Date raised\n";
    let decided = sheet(
        &reg,
        "d1.csv",
        format!("{head}A,sys,safety,1,1,lead,11/02/2026\nB,sys,safety,1,1,lead,25/06/2026\n"),
    );
    let (code, out, _) = import(&reg, &[&decided, "--dry-run"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        squash(&out)
            .contains("Date raised -> identified: dates read as DD/MM/YYYY (row 3's `25/06/2026`)"),
        "{out}"
    );
    let (_, json) = dry_json(&reg, "risks", &[&decided]);
    assert_eq!(json["summary"]["importable"], 2);
    let ambiguous = sheet(
        &reg,
        "d2.csv",
        format!(
            "{head}A,sys,safety,1,1,lead,11/02/2026\nB,sys,safety,1,1,lead,30-Jun-2025\nC,sys,safety,1,1,lead,\"June 30, 2025\"\n"
        ),
    );
    let (code, out, _) = import(&reg, &[&ambiguous, "--dry-run"]);
    assert_eq!(code, 1);
    assert_eq!(
        row_errors(&out),
        ["error: row 2: identified `11/02/2026` could be day/month or month/day"]
    );
    assert!(
        out.contains("hint: dates like 11/02/2026: say which order with --date-format DD/MM/YYYY"),
        "{out}"
    );
    let (code, out, _) = import(&reg, &[&ambiguous, "--date-format", "MM/DD/YYYY"]);
    assert_eq!(code, 0, "{out}");
    assert!(risk(&reg, "R-001").contains("identified: 2026-11-02\n"));
    assert!(risk(&reg, "R-002").contains("identified: 2025-06-30\n"));
    assert!(risk(&reg, "R-003").contains("identified: 2025-06-30\n"));
    let serial = sheet(
        &reg,
        "d3.csv",
        format!("{head}D,sys,safety,1,1,lead,46037\n"),
    );
    let (code, out, _) = import(&reg, &[&serial]);
    assert_eq!(code, 0, "{out}");
    assert!(risk(&reg, "R-004").contains("identified: 2026-01-15\n"));
}

#[test]
fn a_review_date_is_the_next_review_when_in_the_future() {
    let reg = Reg::new();
    let path = sheet(
        &reg,
        "r.csv",
        "Title,System,Category,Likelihood,Impact,Owner,Review date,Last reviewed,Next review\n\
         Past,sys,safety,1,1,lead,2026-05-01,,\n\
         Future,sys,safety,1,1,lead,2027-01-31,,\n\
         Both,sys,safety,1,1,lead,,2026-01-15,2026-07-15\n",
    );
    let (code, out, _) = import(&reg, &[&path]);
    assert_eq!(code, 0, "{out}");
    assert!(squash(&out).contains("Review date -> review-date: next review for 1 row (after 2026-11-22), last review for 1"), "{out}");
    assert!(risk(&reg, "R-001").contains("review:\n  last: 2026-05-01\n"));
    let future = risk(&reg, "R-002");
    assert!(
        !future.contains("review:") && future.contains("  Review date: 2027-01-31\n"),
        "{future}"
    );
    let both = risk(&reg, "R-003");
    assert!(
        both.contains("review:\n  last: 2026-01-15\n  every: 6m\n"),
        "{both}"
    );
    assert!(both.contains("  Next review: 2026-07-15\n"), "{both}");
}

#[test]
fn statuses_close_risks_or_set_actions_as_the_user_says() {
    let reg = Reg::new();
    let path = sheet(
        &reg,
        "s.csv",
        "Title,System,Category,Likelihood,Impact,Owner,Status,Mitigation Plan,Action owner,Due date\n\
         A,sys,safety,1,1,lead,Closed,Retired the model,,\n\
         B,sys,safety,3,3,lead,Mitigated,Add a fairness gate,ml-lead,31/12/2026\n\
         C,sys,safety,3,3,lead,In Progress,Monitor drift,,\n",
    );
    let (code, out, _) = import(&reg, &[&path, "--dry-run"]);
    assert_eq!(code, 1);
    assert!(
        squash(&out)
            .contains("Due date -> x (kept as `x.Due date`): kept under x: no action column"),
        "{out}"
    );
    assert!(out.contains("hint: status `Mitigated`: say what each means, --value \"status:Mitigated=closed\" (the risk is closed) or =done"), "{out}");
    let (code, out, _) = import(
        &reg,
        &[
            &path,
            "--map",
            "Mitigation Plan=action",
            "--value",
            "status:Mitigated=done",
        ],
    );
    assert_eq!(code, 0, "{out}");
    assert!(risk(&reg, "R-001").contains("status: closed\nclosed_reason: Closed\n"));
    let b = risk(&reg, "R-002");
    assert!(
        b.contains("treatment:\n  option: mitigate\n  actions:\n    - id: T1\n      description: Add a fairness gate\n      owner: ml-lead\n      due: 2026-12-31\n      status: done\n"),
        "{b}"
    );
    assert!(risk(&reg, "R-003").contains("      owner: lead\n      status: in-progress\n"));
    let reg = Reg::new();
    let path = sheet(&reg, "s.csv", fs::read_to_string(&path).expect("read"));
    let (code, out, _) = import(&reg, &[&path, "--value", "status:Mitigated=closed"]);
    assert_eq!(code, 0, "{out}");
    let b = risk(&reg, "R-002");
    assert!(
        b.contains("rationale: Add a fairness gate\n")
            && b.contains("status: closed\nclosed_reason: Mitigated\n"),
        "{b}"
    );
}

#[test]
fn maps_name_columns_that_exist_and_nothing_is_dropped_silently() {
    let reg = Reg::new();
    let path = sheet(
        &reg,
        "sheet.csv",
        "Risk statement,System,Category,Probability,Severity,Accountable,Notes,Colour\nModel leaks data,sys,privacy,Likely,Major,lead,x,red\n",
    );
    let (code, out, _) = import(&reg, &[&path, "--dry-run"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        squash(&out).contains("H Colour -> x (kept as `x.Colour`)"),
        "{out}"
    );
    let (code, out, _) = import(
        &reg,
        &[
            &path,
            "--map",
            "risk STATEMENT=title",
            "--map",
            "notes=ignore",
            "--map",
            "Colour=x",
        ],
    );
    assert_eq!(code, 0, "{out}");
    let files = risk_files(&reg);
    assert!(files[0].1.contains("title: Model leaks data\n"));
    assert!(
        files[0].1.ends_with("x:\n  Colour: red\n"),
        "{}",
        files[0].1
    );
    let (code, _, err) = import(&reg, &[&path, "--map", "Mitigation Plan=action"]);
    assert_eq!(code, 2);
    assert!(err.contains("`--map Mitigation Plan=action`: the sheet has no column `Mitigation Plan`\nhint: its columns are `Risk statement`"), "{err}");
    let (code, _, err) = import(&reg, &[&path, "--map", "x=nonsense"]);
    assert_eq!(code, 2);
    assert!(err.contains("`nonsense` is not a field of a risk"), "{err}");
}
