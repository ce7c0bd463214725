//! The commands that record the management system: `aims context`, `aims policy`,
//! `aims objective`, `aims role`, `aims clause`, and the catalog of clauses and
//! crosswalks. Each writes what the standard asks for, edits byte-preservingly and
//! refuses what would not load.

use std::fs;

use serde_json::Value;

use crate::{Ran, Reg};

fn ok(ran: Ran) -> Ran {
    assert_eq!(ran.code, 0, "{}{}", ran.stdout, ran.stderr);
    ran
}

fn read(reg: &Reg, rel: &str) -> String {
    fs::read_to_string(reg.join(rel)).expect("read")
}

#[test]
fn context_issues_and_parties_are_recorded_and_changed() {
    let reg = Reg::new();
    let ran = ok(reg.aims(&[
        "context",
        "issue",
        "add",
        "--kind",
        "external",
        "--description",
        "The EU AI Act applies",
    ]));
    assert!(
        ran.stdout.starts_with("created context.yaml"),
        "{}",
        ran.stdout
    );
    ok(reg.aims(&[
        "context",
        "issue",
        "add",
        "--kind",
        "internal",
        "--description",
        "One central model team",
    ]));
    ok(reg.aims(&[
        "context",
        "party",
        "add",
        "--name",
        "Financial Conduct Authority",
        "--requirement",
        "Fair outcomes",
        "--addressed-by",
        "A.5.2",
    ]));
    ok(reg.aims(&[
        "context",
        "issue",
        "set",
        "ISS-2",
        "--description",
        "Two model teams",
    ]));
    ok(reg.aims(&[
        "context",
        "party",
        "set",
        "financial-conduct-authority",
        "--add-requirement",
        "Explain refusals",
    ]));
    ok(reg.aims(&["context", "review", "--date", "2026-11-01"]));
    let text = read(&reg, "context.yaml");
    assert!(
        text.starts_with("# yaml-language-server: $schema=.aims/schemas/context.schema.json\n"),
        "{text}"
    );
    for expected in [
        "id: ISS-1",
        "kind: external",
        "id: ISS-2",
        "Two model teams",
        "id: financial-conduct-authority",
        "Fair outcomes",
        "Explain refusals",
        "last: 2026-11-01",
    ] {
        assert!(text.contains(expected), "{expected} in\n{text}");
    }
    assert_eq!(reg.findings(), []);
    let shown = ok(reg.aims(&["context", "show"])).stdout;
    assert!(shown.contains("ISS-1"), "{shown}");
    assert!(shown.contains("addressed by: A.5.2"), "{shown}");

    // unknown ids are refused with a hint; nothing to change is refused
    let ran = reg.aims(&["context", "issue", "set", "ISS-9", "--kind", "internal"]);
    assert_eq!(ran.code, 2);
    assert!(ran.stderr.contains("no issue `ISS-9`"), "{}", ran.stderr);
    let ran = reg.aims(&["context", "issue", "set", "ISS-1"]);
    assert_eq!(ran.code, 2);
    assert!(ran.stderr.contains("nothing to change"), "{}", ran.stderr);
    // without a terminal, missing values are listed
    let ran = reg.aims(&["context", "issue", "add"]);
    assert_eq!(ran.code, 2);
    assert!(
        ran.stderr.contains("--kind") && ran.stderr.contains("--description"),
        "{}",
        ran.stderr
    );
}

#[test]
fn a_hand_written_context_keeps_its_comments_and_layout() {
    let hand = "# Our context, reviewed at every management review.\nid: context\nissues:   # 4.1\n  - { id: ISS-1, kind: external, description: Regulation }   # the big one\ninterested_parties: []\n";
    let reg = Reg::new().file("context.yaml", hand);
    ok(reg.aims(&[
        "context",
        "issue",
        "add",
        "--kind",
        "internal",
        "--description",
        "Skills",
    ]));
    let text = read(&reg, "context.yaml");
    assert!(
        text.starts_with(&hand[..hand.find("interested_parties").expect("key")]),
        "{text}"
    );
    assert!(text.contains("id: ISS-2"), "{text}");
}

#[test]
fn a_policy_is_added_approved_communicated_and_reviewed() {
    let reg = Reg::new().file("evidence/ai-policy.md", "The policy.\n");
    let ran = ok(reg.aims(&[
        "policy",
        "add",
        "--title",
        "AI policy",
        "--kind",
        "ai-policy",
    ]));
    assert!(
        ran.stdout.contains("created policies/ai-policy.yaml"),
        "{}",
        ran.stdout
    );
    assert!(ran.stdout.contains("policy-incomplete"), "{}", ran.stdout);
    ok(reg.aims(&[
        "policy",
        "set",
        "ai-policy",
        "--document",
        "evidence/ai-policy.md",
        "--owner",
        "lead",
        "--version",
        "1.0",
    ]));
    // only an approver may approve
    let ran = reg.aims(&["policy", "approve-record", "ai-policy", "--by", "ml-lead"]);
    assert_eq!(ran.code, 2);
    assert!(
        ran.stderr
            .contains("role `ml-lead` may not approve a policy"),
        "{}",
        ran.stderr
    );
    ok(reg.aims(&[
        "policy",
        "approve-record",
        "ai-policy",
        "--by",
        "lead",
        "--date",
        "2026-11-01",
    ]));
    ok(reg.aims(&[
        "policy",
        "communicate",
        "ai-policy",
        "--to",
        "all staff",
        "--how",
        "intranet",
    ]));
    let ran = ok(reg.aims(&["policy", "review", "ai-policy", "--date", "2026-11-02"]));
    assert!(!ran.stdout.contains("error"), "{}", ran.stdout);
    assert_eq!(reg.findings(), []);
    let text = read(&reg, "policies/ai-policy.yaml");
    for expected in [
        "version: \"1.0\"",
        "approved:\n  by: lead\n  date: 2026-11-01",
        "to: all staff",
        "last: 2026-11-02",
    ] {
        assert!(text.contains(expected), "{expected} in\n{text}");
    }
    let list = ok(reg.aims(&["policy", "list", "--format", "json"])).stdout;
    let json: Value = serde_json::from_str(&list).expect("json");
    assert_eq!(json[0]["next_review"], "2027-11-02");
    assert_eq!(json[0]["missing"], serde_json::json!([]));
    let shown = ok(reg.aims(&["policy", "show", "ai-policy"])).stdout;
    assert!(shown.contains("by lead on 2026-11-01"), "{shown}");
}

#[test]
fn an_objective_is_planned_measured_and_closed() {
    let reg = Reg::new().file("evidence/p1.md", "done\n");
    ok(reg.aims(&[
        "objective",
        "add",
        "--title",
        "Keep the gap under 3 points",
        "--metric",
        "Gap (points)",
        "--target",
        "3",
        "--direction",
        "at-most",
        "--measure-every",
        "1m",
        "--owner",
        "lead",
        "--due",
        "2027-06-30",
    ]));
    ok(reg.aims(&[
        "objective",
        "plan",
        "add",
        "OBJ-001",
        "--description",
        "Reweight",
        "--owner",
        "ml-lead",
        "--due",
        "2027-01-31",
    ]));
    ok(reg.aims(&[
        "objective",
        "plan",
        "add",
        "OBJ-001",
        "--description",
        "Gate releases",
        "--owner",
        "ml-lead",
        "--due",
        "2027-03-31",
    ]));
    ok(reg.aims(&[
        "objective",
        "measure",
        "OBJ-001",
        "3.5",
        "--date",
        "2026-11-01",
    ]));
    let ran = ok(reg.aims(&[
        "objective",
        "measure",
        "OBJ-001",
        "2.5",
        "--date",
        "2026-11-20",
    ]));
    assert!(
        !ran.stdout.contains("objective-off-target"),
        "{}",
        ran.stdout
    );
    ok(reg.aims(&[
        "objective",
        "plan",
        "done",
        "OBJ-001",
        "P1",
        "--evidence",
        "evidence/p1.md",
        "--completed",
        "2026-11-15",
    ]));
    assert_eq!(reg.findings(), []);
    let text = read(&reg, "objectives/OBJ-001.yaml");
    for expected in [
        "id: P1",
        "id: P2",
        "status: done",
        "completed: 2026-11-15",
        "value: 2.5",
    ] {
        assert!(text.contains(expected), "{expected} in\n{text}");
    }
    let list = ok(reg.aims(&["objective", "list", "--format", "json"])).stdout;
    let json: Value = serde_json::from_str(&list).expect("json");
    assert_eq!(json[0]["latest"]["value"], 2.5);
    assert_eq!(json[0]["on_target"], true);
    assert_eq!(json[0]["plan_done"], 1);

    // a measurement in the future is refused
    let ran = reg.aims(&[
        "objective",
        "measure",
        "OBJ-001",
        "1",
        "--date",
        "2027-01-01",
    ]);
    assert_eq!(ran.code, 2);
    assert!(ran.stderr.contains("in the future"), "{}", ran.stderr);
    // an unknown plan action names the known ones
    let ran = reg.aims(&[
        "objective",
        "plan",
        "done",
        "OBJ-001",
        "P9",
        "--evidence",
        "evidence/p1.md",
    ]);
    assert_eq!(ran.code, 2);
    assert!(
        ran.stderr.contains("its actions are P1, P2"),
        "{}",
        ran.stderr
    );
    ok(reg.aims(&["objective", "set", "OBJ-001", "--target", "2"]));
    assert!(read(&reg, "objectives/OBJ-001.yaml").contains("target: 2"));
    ok(reg.aims(&["objective", "close", "OBJ-001", "--status", "achieved"]));
    assert!(read(&reg, "objectives/OBJ-001.yaml").contains("status: achieved"));
}

#[test]
fn roles_are_added_with_authority_competence_and_keys() {
    let reg = Reg::new().file("evidence/cert.md", "certificate\n");
    ok(reg.aims(&[
        "role",
        "add",
        "cro",
        "--name",
        "Helena Brandt",
        "--email",
        "helena@example.com",
        "--approver",
        "--top-management",
    ]));
    ok(reg.aims(&[
        "role",
        "set",
        "ml-lead",
        "--competence",
        "Fairness testing",
        "--competence-evidence",
        "evidence/cert.md",
        "--competence-date",
        "2026-01-10",
        "--competence-expires",
        "2028-01-10",
    ]));
    let key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHk+Jv4J6mOG+0Q1kq/9d9mWJ6fPz1U8YQ3fQj0bKq3W helena@laptop";
    ok(reg.aims(&["role", "set", "cro", "--signing-key", key]));
    let ran = reg.aims(&[
        "role",
        "set",
        "cro",
        "--signing-key",
        "ssh-ed25519 not-a-key",
    ]);
    assert_eq!(ran.code, 2);
    assert!(
        ran.stderr.contains("not a usable signing key"),
        "{}",
        ran.stderr
    );
    let ran = reg.aims(&["role", "add", "cro", "--name", "Someone"]);
    assert_eq!(ran.code, 2);
    assert!(
        ran.stderr.contains("role `cro` already exists"),
        "{}",
        ran.stderr
    );
    ok(reg.aims(&["role", "set", "ml-lead", "--approver", "yes"]));
    assert_eq!(reg.findings(), []);
    let text = read(&reg, "aims.yaml");
    for expected in [
        "id: cro",
        "approver: true",
        "top_management: true",
        "need: Fairness testing",
        "expires: 2028-01-10",
        key,
    ] {
        assert!(text.contains(expected), "{expected} in\n{text}");
    }
    // the rest of aims.yaml is untouched
    assert!(
        text.starts_with(
            &crate::register::AIMS_YAML[..crate::register::AIMS_YAML
                .find("  - { id: ml-lead")
                .expect("ml-lead")]
        )
    );
    let list = ok(reg.aims(&["role", "list", "--format", "json"])).stdout;
    let json: Value = serde_json::from_str(&list).expect("json");
    let cro = json
        .as_array()
        .expect("roles")
        .iter()
        .find(|r| r["id"] == "cro")
        .expect("cro");
    assert_eq!(cro["top_management"], true);
    assert_eq!(cro["signing_keys"], 1);
}

#[test]
fn clause_statements_are_created_and_changed() {
    let reg = Reg::new().file("evidence/training.md", "records\n");
    let ran = reg.aims(&[
        "clause",
        "set",
        "11.2",
        "--status",
        "planned",
        "--statement",
        "s",
    ]);
    assert_eq!(ran.code, 2);
    assert!(ran.stderr.contains("no clause `11.2`"), "{}", ran.stderr);
    ok(reg.aims(&[
        "clause",
        "set",
        "7.3",
        "--status",
        "partial",
        "--statement",
        "Training for data science only",
    ]));
    ok(reg.aims(&[
        "clause",
        "set",
        "7.3",
        "--status",
        "implemented",
        "--evidence",
        "evidence/training.md",
    ]));
    let text = read(&reg, "clauses/7.3.yaml");
    assert!(text.contains("id: \"7.3\""), "{text}");
    assert!(text.contains("status: implemented"), "{text}");
    assert!(text.contains("evidence/training.md"), "{text}");
    let list = ok(reg.aims(&["clause", "list", "--format", "json"])).stdout;
    let json: Value = serde_json::from_str(&list).expect("json");
    let c = json["clauses"]
        .as_array()
        .expect("clauses")
        .iter()
        .find(|c| c["id"] == "7.3")
        .expect("7.3");
    assert_eq!(c["status"], "met");
    assert_eq!(c["statement"]["status"], "implemented");
}

#[test]
fn the_catalog_lists_clauses_and_crosswalks() {
    let reg = Reg::new();
    let json: Value =
        serde_json::from_str(&ok(reg.aims(&["catalog", "clauses", "--format", "json"])).stdout)
            .expect("json");
    let ids: Vec<&str> = json
        .as_array()
        .expect("clauses")
        .iter()
        .filter(|c| c["assessed"] == true)
        .map(|c| c["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids.len(), 27);
    let json: Value = serde_json::from_str(
        &ok(reg.aims(&["catalog", "crosswalk", "nist-ai-rmf", "--format", "json"])).stdout,
    )
    .expect("json");
    let govern6 = json["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .find(|e| e["id"] == "GOVERN 6")
        .expect("GOVERN 6");
    assert_eq!(govern6["controls"], serde_json::json!(["A.10.2", "A.10.3"]));
    assert!(
        json["source"]
            .as_str()
            .expect("source")
            .contains("informative")
    );
    let owasp: Value = serde_json::from_str(
        &ok(reg.aims(&["catalog", "crosswalk", "owasp-llm", "--format", "json"])).stdout,
    )
    .expect("json");
    assert_eq!(owasp["entries"].as_array().expect("entries").len(), 10);
    assert_eq!(owasp["entries"][0]["id"], "LLM01:2025");
    // controls carry their crosswalk in show, the SoA and the export
    let shown = ok(reg.aims(&["control", "show", "A.10.2"])).stdout;
    assert!(shown.contains("GOVERN 6"), "{shown}");
    let soa: Value =
        serde_json::from_str(&ok(reg.aims(&["report", "soa", "--format", "json"])).stdout)
            .expect("json");
    let a102 = soa["controls"]
        .as_array()
        .expect("controls")
        .iter()
        .find(|c| c["id"] == "A.10.2")
        .expect("A.10.2");
    assert!(
        a102["nist_ai_rmf"]
            .as_array()
            .expect("list")
            .contains(&Value::from("GOVERN 6"))
    );
    assert!(
        a102["owasp_llm"]
            .as_array()
            .expect("list")
            .contains(&Value::from("LLM03:2025"))
    );
    let export: Value = serde_json::from_str(&ok(reg.aims(&["export"])).stdout).expect("json");
    assert_eq!(export["clauses"].as_array().expect("clauses").len(), 27);
    assert!(export["controls"][0]["nist_ai_rmf"].is_array());
}

#[test]
fn show_and_export_include_every_recorded_field() {
    let reg = Reg::new().risk(
        "R-1",
        "cause: Old data\nevent: Drift\nconsequence: Wrong scores\nconsequence_areas: [financial]\naffected_parties: [applicants]\nsources: [C.3.2]\nowasp: [LLM09:2025]\ninfosec_refs: [ISMS-R-014]\n",
    );
    let shown = ok(reg.aims(&["risk", "show", "R-1"])).stdout;
    for expected in [
        "Old data",
        "Drift",
        "Wrong scores",
        "financial",
        "applicants",
        "C.3.2",
        "LLM09:2025",
        "ISMS-R-014",
    ] {
        assert!(shown.contains(expected), "{expected} in\n{shown}");
    }
    let system = ok(reg.aims(&["system", "show", "sys"])).stdout;
    assert!(system.contains("screened, no risk"), "{system}");
    let export: Value = serde_json::from_str(&ok(reg.aims(&["export"])).stdout).expect("json");
    let risk = &export["risks"][0];
    assert_eq!(risk["infosec_refs"], serde_json::json!(["ISMS-R-014"]));
    assert_eq!(risk["owasp"], serde_json::json!(["LLM09:2025"]));
    assert_eq!(risk["affected_parties"], serde_json::json!(["applicants"]));
    let sys = &export["systems"][0];
    assert_eq!(sys["screening"].as_array().expect("screening").len(), 8);
    let register: Value =
        serde_json::from_str(&ok(reg.aims(&["report", "register", "--format", "json"])).stdout)
            .expect("json");
    assert_eq!(register["risks"][0]["cause"], "Old data");
    assert_eq!(
        register["risks"][0]["infosec_refs"],
        serde_json::json!(["ISMS-R-014"])
    );
}
