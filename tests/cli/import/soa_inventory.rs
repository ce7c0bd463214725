//! `aims import controls` (a Statement of Applicability) and `aims import systems`
//! (the inventory): the same reading, mapping and all-or-nothing rules.

use std::fs;

use super::{files, import_what, row_errors, sheet};
use crate::Reg;

/// A register without SoA decisions.
fn bare() -> Reg {
    Reg::empty()
        .file("aims.yaml", crate::register::AIMS_YAML)
        .system("sys")
}

#[test]
fn an_soa_sheet_becomes_one_decision_per_control() {
    let reg = bare();
    let path = sheet(
        &reg,
        "soa.csv",
        "Control,Control title,Applicable (Y/N),Justification,Implementation status,Owner,Evidence,Description\n\
         A.2.2,AI policy,Y,Policy approved by the board,✅,Lead Person,evidence/policy.md,\n\
         a.5.4 Impact on individuals,,✓,Needed for R-001,🔄,ml-lead,,\n\
         A.6.1,Management guidance,x,Our lifecycle,Planned,lead,https://wiki.example/lifecycle,\n\
         A.10.4,Customers,No,We have no customers,,,,\n\
         GOV-1,Board AI committee,Yes,Oversight,implemented,lead,evidence/charter.md,A committee of the board reviews AI risks\n",
    );
    let (code, out, _) = import_what(&reg, "controls", &[&path]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(
            "note: row 4: `A.6.1` is an Annex A objective; its decision applies to A.6.1.2, A.6.1.3"
        ),
        "{out}"
    );
    let soa = files(&reg, "controls");
    let names: Vec<&str> = soa.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "A.10.4.yaml",
            "A.2.2.yaml",
            "A.5.4.yaml",
            "A.6.1.2.yaml",
            "A.6.1.3.yaml",
            "GOV-1.yaml"
        ]
    );
    let text = |name: &str| soa.iter().find(|(n, _)| n == name).expect("file").1.clone();
    assert!(text("A.2.2.yaml").ends_with("id: A.2.2\napplicable: true\njustification: Policy approved by the board\nstatus: implemented\nowner: lead\nevidence: [evidence/policy.md]\n"), "{}", text("A.2.2.yaml"));
    assert!(text("A.5.4.yaml").contains("status: partial\nowner: ml-lead\n"));
    assert!(
        text("A.6.1.3.yaml").contains("evidence: [\"https://wiki.example/lifecycle\"]\n")
            || text("A.6.1.3.yaml").contains("evidence: [https://wiki.example/lifecycle]\n"),
        "{}",
        text("A.6.1.3.yaml")
    );
    assert!(
        text("A.10.4.yaml").contains("applicable: false\njustification: We have no customers\n")
    );
    assert!(
        text("GOV-1.yaml").contains(
            "title: Board AI committee\ndescription: A committee of the board reviews AI risks\n"
        ),
        "{}",
        text("GOV-1.yaml")
    );

    // A second import refuses decisions that exist, unless --update.
    let (code, out, _) = import_what(&reg, "controls", &[&path, "--dry-run"]);
    assert_eq!(code, 1);
    assert!(
        row_errors(&out)[0]
            .contains("control `A.2.2` already has a decision in `controls/A.2.2.yaml`"),
        "{out}"
    );
    fs::write(
        &path,
        fs::read_to_string(&path)
            .expect("read")
            .replace("✅", "Partially implemented"),
    )
    .expect("edit");
    let (code, out, _) = import_what(&reg, "controls", &[&path, "--update"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("(0 new, 1 updated, 5 unchanged)"), "{out}");
    assert!(
        fs::read_to_string(reg.join("controls/A.2.2.yaml"))
            .expect("read")
            .contains("status: partial\n")
    );
}

#[test]
fn soa_rows_without_ids_or_applicability_are_refused() {
    let reg = bare();
    let path = sheet(
        &reg,
        "soa.csv",
        "Ref,Applicable,Status\nA.2.2,maybe,done\nNot a control!,yes,done\n,yes,done\n",
    );
    let (code, out, _) = import_what(&reg, "controls", &[&path, "--dry-run"]);
    assert_eq!(code, 1);
    let errors = row_errors(&out);
    assert!(
        errors[0].contains("applicable `maybe` is not yes or no"),
        "{out}"
    );
    assert!(
        errors[1].contains(
            "`Not a control!` is neither an Annex A control nor a valid custom control id"
        ),
        "{out}"
    );
    assert!(errors[2].contains("no control id"), "{out}");
}

#[test]
fn an_inventory_sheet_becomes_system_files() {
    let reg = bare();
    let path = sheet(
        &reg,
        "inventory.csv",
        "AI System,Purpose,Lifecycle stage,Our role,Model type,Business owner,Vendor,Criticality,In scope,Scope note\n\
         Chatbot,Answers customer questions,In production,Deployer,Third-party API,Lead Person,OpenAI,High,Yes,\n\
         Fraud model,Flags card fraud,Pilot,Developer,In-house,ml-lead,,Critical,yes,\n\
         Old scorer,Scored loans,Decommissioned,developer,rules,lead,,low,No,Retired in 2025\n",
    );
    let (code, out, _) = import_what(&reg, "systems", &[&path]);
    assert_eq!(code, 0, "{out}");
    let systems = files(&reg, "systems");
    let names: Vec<&str> = systems.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "chatbot.yaml",
            "fraud-model.yaml",
            "old-scorer.yaml",
            "sys.yaml"
        ]
    );
    assert!(systems[0].1.ends_with(
        "id: chatbot\nname: Chatbot\nintended_use: Answers customer questions\nlifecycle: deployed\norganisation_role: user\nmodel_type: third-party-api\ncriticality: high\nowner: lead\nsuppliers:\n  - name: OpenAI\nin_scope: true\n"
    ), "{}", systems[0].1);
    assert!(systems[1].1.contains(
        "lifecycle: validation\norganisation_role: developer\nmodel_type: proprietary\n"
    ));
    assert!(systems[2].1.contains("lifecycle: retired\n"));
    let (code, out, _) = import_what(&reg, "systems", &[&path, "--dry-run"]);
    assert_eq!(
        code, 1,
        "systems that exist are refused without --update: {out}"
    );
    assert!(
        row_errors(&out)[0].contains("system `chatbot` already exists in `systems/chatbot.yaml`"),
        "{out}"
    );
    let partial = sheet(&reg, "p.csv", "Name,Owner\nNew thing,lead\n");
    let (code, out, _) = import_what(&reg, "systems", &[&partial, "--dry-run"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("no intended use; no lifecycle; no role"),
        "{out}"
    );
    let (code, out, _) = import_what(
        &reg,
        "systems",
        &[
            &partial,
            "--default",
            "intended-use=To be written",
            "--default",
            "lifecycle=concept",
            "--default",
            "role=developer",
        ],
    );
    assert_eq!(code, 0, "{out}");
}
