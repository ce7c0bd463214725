//! A new user's first register, from `aims init` to a green `aims check`, by commands
//! alone: three AI systems, twelve risks (six treated, two accepted), the 38 SoA
//! decisions, three impact assessments and an incident. Once with flags only (as a
//! script or CI would), once with prompts only (as a person at a terminal would). Not
//! one register file is written by the test itself: before every command the register
//! is exactly as the previous command left it.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::register::{ANNEX_A, TODAY};
use crate::{Ran, aims_in};

/// A register being built by `aims` alone.
struct Journey {
    _dir: tempfile::TempDir,
    root: PathBuf,
    /// Files outside the register, as a user has them (policies, test reports).
    desk: tempfile::TempDir,
    /// The register as the last command left it.
    last: BTreeMap<String, Vec<u8>>,
    commands: usize,
}

impl Journey {
    fn start() -> Journey {
        let dir = crate::tempdir();
        let root = dir.path().join("acme-aims");
        let mut journey = Journey {
            last: BTreeMap::new(),
            root: root.clone(),
            _dir: dir,
            desk: crate::tempdir(),
            commands: 0,
        };
        let ran = aims_in(
            journey._dir.path(),
            &[
                "init",
                "acme-aims",
                "--organisation",
                "Acme Lending",
                "--today",
                TODAY,
            ],
        );
        assert_eq!(ran.code, 0, "{}", ran.stderr);
        journey.last = files(&root);
        journey.commands = 1;
        journey
    }

    /// Runs `aims` in the register, after checking nothing else touched it.
    fn run(&mut self, args: &[&str]) -> Ran {
        assert!(
            files(&self.root) == self.last,
            "something other than aims changed the register before {args:?}"
        );
        let mut all = args.to_vec();
        all.extend(["--today", TODAY]);
        let ran = aims_in(&self.root, &all);
        self.last = files(&self.root);
        self.commands += 1;
        ran
    }

    fn ok(&mut self, args: &[&str]) -> String {
        let ran = self.run(args);
        assert_eq!(ran.code, 0, "{args:?}: {}", ran.stderr);
        ran.stdout
    }

    /// A file on the user's desk, outside the register, to bring in as evidence.
    fn desk_file(&self, name: &str, text: &str) -> String {
        let path = self.desk.path().join(name);
        fs::write(&path, text).expect("write");
        path.to_str().expect("utf-8").to_string()
    }

    /// `aims check --format json`: exit status and summary.
    fn check(&mut self) -> (i32, Value) {
        let ran = self.run(&["check", "--format", "json"]);
        (ran.code, serde_json::from_str(&ran.stdout).expect("json"))
    }
}

/// The rules that judge the absence of a whole kind of record of the management
/// system (clauses 4 to 10 beyond the risk register): warnings a register of risks,
/// impact assessments and an SoA rightly still gets.
const ABSENCE: &[&str] = &[
    "context-missing",
    "policy-missing",
    "clause-unaddressed",
    "internal-audit-overdue",
    "management-review-overdue",
    "monitoring-missing",
    "audit-coverage",
];

/// `aims check` passes: exit 0, no error, and no warning but those of absence.
fn green(code: i32, json: &Value) {
    let left: Vec<&Value> = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| !ABSENCE.contains(&d["rule"].as_str().unwrap_or_default()))
        .collect();
    assert!(left.is_empty(), "{left:#?}");
    assert_eq!(json["summary"]["errors"], 0);
    assert_eq!(code, 0);
}

/// Every file under `root` with its bytes (`.aims/`, aims' own, left out).
fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let rel = path
                .strip_prefix(root)
                .expect("inside")
                .to_string_lossy()
                .into_owned();
            if rel == ".aims" {
                continue;
            }
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                out.insert(rel, fs::read(&path).expect("read"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

const SYSTEMS: [(&str, &str, &str, &str); 3] = [
    (
        "Credit scoring",
        "Scores personal loan applications",
        "developer",
        "deployed",
    ),
    (
        "Support chatbot",
        "Answers customers' questions about their loans",
        "user",
        "deployed",
    ),
    (
        "CV screening",
        "Ranks job applications for recruiters",
        "user",
        "validation",
    ),
];

/// (systems, category, likelihood, consequence, title)
const RISKS: [(&[&str], &str, &str, &str, &str); 12] = [
    (
        &["credit-scoring"],
        "bias-fairness",
        "Likely",
        "Major",
        "Model under-scores a protected group",
    ),
    (
        &["credit-scoring"],
        "explainability-transparency",
        "3",
        "3",
        "Refusal reasons do not explain the score",
    ),
    (
        &["credit-scoring"],
        "privacy",
        "2",
        "4",
        "Bank data used beyond its purpose",
    ),
    (
        &["credit-scoring"],
        "operational",
        "2",
        "3",
        "Bureau data arrives late",
    ),
    (
        &["support-chatbot"],
        "security",
        "3",
        "4",
        "Prompt injection leaks account data",
    ),
    (
        &["support-chatbot"],
        "privacy",
        "2",
        "2",
        "Chat logs kept too long",
    ),
    (
        &["support-chatbot"],
        "supply-chain",
        "3",
        "3",
        "Model vendor changes the model unannounced",
    ),
    (
        &["support-chatbot"],
        "operational",
        "1",
        "3",
        "Chatbot unavailable at peak times",
    ),
    (
        &["cv-screening"],
        "bias-fairness",
        "4",
        "5",
        "Ranking disadvantages career breaks",
    ),
    (
        &["cv-screening"],
        "societal",
        "2",
        "3",
        "Candidates cannot contest a ranking",
    ),
    (
        &["cv-screening"],
        "explainability-transparency",
        "2",
        "2",
        "Recruiters over-trust the ranking",
    ),
    (
        &["credit-scoring", "cv-screening"],
        "supply-chain",
        "2",
        "2",
        "Cloud region outage",
    ),
];

#[test]
fn a_new_register_turns_green_with_flags_alone() {
    let mut j = Journey::start();
    for (name, use_, role, lifecycle) in SYSTEMS {
        j.ok(&[
            "system",
            "add",
            "--name",
            name,
            "--intended-use",
            use_,
            "--lifecycle",
            lifecycle,
            "--role",
            role,
            "--owner",
            "aims-lead",
        ]);
    }
    j.ok(&[
        "system",
        "set",
        "credit-scoring",
        "--add-data-input",
        "application form",
        "--add-data-input",
        "credit bureau file",
        "--add-user",
        "underwriters",
        "--add-affected-party",
        "loan applicants",
        "--add-supplier",
        "Bureau Co=credit data",
        "--criticality",
        "high",
        "--deployment",
        "EU cloud, batch and API",
    ]);

    // Twelve risks: every add above the threshold says a treatment is required ...
    for (systems, category, likelihood, consequence, title) in RISKS {
        let mut args = vec!["risk", "add", "--title", title, "--category", category];
        for s in systems {
            args.extend(["--system", s]);
        }
        args.extend([
            "--likelihood",
            likelihood,
            "--consequence",
            consequence,
            "--owner",
            "aims-lead",
            "--rationale",
            "Assessed in the risk workshop",
        ]);
        if category == "bias-fairness" {
            args.extend(["--control", "A.6.2.4"]);
        }
        j.ok(&args);
    }
    // ... and is answered by commands: six treated, each with an action ...
    for (risk, option) in [
        ("R-001", "mitigate"),
        ("R-002", "mitigate"),
        ("R-003", "mitigate"),
        ("R-005", "transfer"),
        ("R-007", "mitigate"),
        ("R-009", "avoid"),
    ] {
        let out = j.ok(&[
            "risk",
            "treat",
            risk,
            "--option",
            option,
            "--rationale",
            "Agreed in the risk workshop",
        ]);
        assert!(out.contains("its treatment has no actions"), "{out}");
        let out = j.ok(&[
            "risk",
            "action",
            "add",
            risk,
            "--description",
            "Carry out the treatment",
            "--owner",
            "aims-lead",
            "--due",
            "2027-03-31",
        ]);
        assert_eq!(
            out,
            format!("added T1 to risks/{risk}.yaml\n"),
            "the risk is green"
        );
    }
    j.ok(&[
        "risk",
        "target",
        "R-001",
        "--likelihood",
        "2",
        "--consequence",
        "4",
    ]);
    let report = j.desk_file("reweighting.md", "Reweighting merged in PR 412.\n");
    j.ok(&[
        "evidence",
        "add",
        &report,
        "--to",
        "R-001/T1",
        "--date",
        "2026-11-20",
    ]);
    j.ok(&[
        "risk",
        "action",
        "done",
        "R-001",
        "T1",
        "--evidence",
        "evidence/R-001/reweighting.md",
        "--completed",
        "2026-11-20",
    ]);
    // ... two accepted at the threshold or below by the approver ...
    for risk in ["R-004", "R-006"] {
        j.ok(&[
            "risk",
            "accept",
            risk,
            "--justification",
            "Within the risk appetite",
            "--by",
            "aims-lead",
            "--expires",
            "2027-11-22",
        ]);
    }
    // ... one identified earlier, reviewed after a change of its system.
    j.ok(&[
        "risk",
        "set",
        "R-004",
        "--identified",
        "2026-10-01",
        "--add-control",
        "A.7.2",
    ]);
    j.ok(&[
        "system",
        "change",
        "credit-scoring",
        "--description",
        "Retrained on 2026 data",
        "--date",
        "2026-11-01",
    ]);
    j.ok(&[
        "risk",
        "review",
        "R-004",
        "--by",
        "aims-lead",
        "--note",
        "The retraining changes nothing",
    ]);

    // Every category of every system: a risk or a screening.
    for (system, categories) in [
        ("credit-scoring", &["security", "safety", "societal"][..]),
        (
            "support-chatbot",
            &[
                "bias-fairness",
                "explainability-transparency",
                "safety",
                "societal",
            ],
        ),
        (
            "cv-screening",
            &["security", "privacy", "safety", "operational"],
        ),
    ] {
        for category in categories {
            j.ok(&[
                "system",
                "screen",
                system,
                "--category",
                category,
                "--rationale",
                "Assessed in the risk workshop; no risk found",
            ]);
        }
    }

    // Three impact assessments.
    for system in ["credit-scoring", "support-chatbot", "cv-screening"] {
        j.ok(&[
            "impact",
            "add",
            "--system",
            system,
            "--assessor",
            "aims-lead",
            "--group",
            "customers",
            "--dimension",
            "fairness=3x2:Some people may be treated worse",
            "--dimension",
            "privacy=2x2:Personal data is processed",
            "--not-applicable",
            "safety=No physical effect",
            "--not-applicable",
            "transparency=Covered by the notices",
            "--not-applicable",
            "human-oversight=Every decision is reviewed by a person",
            "--not-applicable",
            "fundamental-rights=Assessed under fairness",
        ]);
    }
    j.ok(&[
        "impact",
        "set",
        "IA-cv-screening-2026",
        "--add-risk",
        "fairness=R-009",
    ]);

    // The Statement of Applicability: all 38 decisions, several at a time.
    j.ok(&[
        "control",
        "set",
        "A.2.2",
        "--applicable",
        "yes",
        "--justification",
        "The AI policy is the basis of the management system",
        "--status",
        "implemented",
        "--owner",
        "aims-lead",
        "--verified",
        "2026-11-20",
    ]);
    let policy = j.desk_file("ai-policy.md", "# AI policy\n");
    j.ok(&["evidence", "add", &policy, "--to", "A.2.2"]);
    let excluded = ["A.10.3", "A.10.4"];
    let mut rest: Vec<&str> = vec!["control", "set"];
    rest.extend(
        ANNEX_A
            .iter()
            .filter(|id| **id != "A.2.2" && !excluded.contains(id)),
    );
    rest.extend([
        "--applicable",
        "yes",
        "--justification",
        "Needed for the AI systems in scope",
        "--status",
        "planned",
        "--owner",
        "aims-lead",
    ]);
    let out = j.ok(&rest);
    assert_eq!(out.lines().count(), 35, "{out}");
    let mut excluded_args = vec!["control", "set"];
    excluded_args.extend(excluded);
    excluded_args.extend([
        "--applicable",
        "no",
        "--justification",
        "Acme offers no AI system to customers or suppliers",
    ]);
    j.ok(&excluded_args);

    // An incident, its corrective action done with evidence, and its closure.
    j.ok(&[
        "incident",
        "add",
        "--title",
        "Chatbot quoted a wrong fee",
        "--severity",
        "medium",
        "--description",
        "A customer was told the wrong early repayment fee",
        "--reporter",
        "aims-lead",
        "--system",
        "support-chatbot",
        "--risk",
        "R-008",
    ]);
    j.ok(&[
        "incident",
        "action",
        "add",
        "INC-2026-001",
        "--description",
        "Correct the fee table",
        "--owner",
        "aims-lead",
        "--due",
        "2026-12-15",
    ]);
    let fix = j.desk_file("fee-table-fix.md", "Fee table corrected.\n");
    j.ok(&["evidence", "add", &fix, "--to", "INC-2026-001/CA1"]);
    j.ok(&[
        "incident",
        "action",
        "done",
        "INC-2026-001",
        "CA1",
        "--evidence",
        "evidence/INC-2026-001/fee-table-fix.md",
    ]);
    j.ok(&[
        "incident",
        "close",
        "INC-2026-001",
        "--root-cause",
        "The fee table was out of date",
    ]);

    let (code, json) = j.check();
    green(code, &json);
    assert_eq!(json["summary"]["files"], 1 + 3 + 12 + 3 + 38 + 1);
    assert!(j.commands < 90, "{} commands", j.commands);
    // the SoA reads as a report, outside the register
    let soa = j.desk.path().join("soa.html");
    j.ok(&[
        "report",
        "soa",
        "--format",
        "html",
        "--output",
        soa.to_str().expect("utf-8"),
    ]);
    assert!(fs::read_to_string(&soa).expect("soa").contains("A.10.4"));
}

/// Runs one command in a pseudo-terminal with `answers` typed in; returns the screen.
fn terminal(root: &Path, args: &str, answers: &str) -> String {
    crate::terminal::terminal(root, &format!("{args} --today {TODAY}"))
        .typing(answers)
        .screen()
}

#[test]
fn a_new_register_turns_green_with_prompts_alone() {
    let mut j = Journey::start();
    let root = j.root.clone();
    let mut say = |args: &str, answers: &str, expect: &str| {
        assert!(files(&root) == j.last, "only aims writes");
        let screen = terminal(&root, args, answers);
        j.last = files(&root);
        assert!(screen.contains(expect), "{args}: {screen}");
        screen
    };
    // name, intended use, life cycle (the default shown), role, owner
    let screen = say(
        "system add",
        "Support chatbot\nAnswers customers' questions\n\nuser\n1\n",
        "created systems/support-chatbot.yaml",
    );
    assert!(screen.contains("life cycle stage:"), "{screen}");
    assert!(
        screen.contains("[deployed]"),
        "the default is shown: {screen}"
    );
    // above the threshold: the treatment and its first action are asked for
    let screen = say(
        "risk add",
        "Prompt injection leaks account data\n\n\n1\nsecurity\nLikely\nMajor\n1\nTwo attempts seen in testing\nmitigate\nFilter inputs and outputs\nAdd an injection filter\n\n2027-03-31\n",
        "created risks/R-001.yaml",
    );
    assert!(
        screen.contains("above the acceptance threshold 6: it needs a treatment"),
        "{screen}"
    );
    assert!(
        !screen.contains("error["),
        "one command leaves the risk complete: {screen}"
    );
    // at the threshold or below: the approver may accept it
    let screen = say(
        "risk add",
        "Chat logs kept too long\n\n\nsupport-chatbot\nprivacy\nUnlikely\nMinor\naims-lead\nLogs purged monthly\ny\nRetention is within policy\n1\n2027-11-22\n",
        "created risks/R-002.yaml",
    );
    assert!(!screen.contains("error["), "{screen}");
    // a bare n/a is asked again, with the reason it needs
    let screen = say(
        "impact add",
        "1\n1\nSome customers get worse answers\n3\n2\nn/a\nn/a: No physical effect\nChat logs hold personal data\nModerate\nPossible\nn/a: The bot says it is a bot\nn/a: Staff answer every complaint\nn/a: Assessed under fairness\n",
        "created impacts/IA-support-chatbot-2026.yaml",
    );
    assert!(screen.contains("give a reason: `n/a: ...`"), "{screen}");
    assert!(
        screen.contains("Moderate: Noticeable harm"),
        "impact levels are described: {screen}"
    );
    for category in [
        "bias-fairness",
        "explainability-transparency",
        "safety",
        "societal",
        "operational",
        "supply-chain",
    ] {
        say(
            &format!("system screen support-chatbot --category {category}"),
            "Assessed in the workshop; no risk found\n\n",
            "screened",
        );
    }
    // every Annex A control, decided one by one
    let mut answers = String::new();
    for id in ANNEX_A {
        if ["A.10.3", "A.10.4"].contains(&id) {
            answers.push_str("no\nNo AI system is offered to customers or suppliers\n");
        } else {
            // applicable, why, the default status, the owner
            answers.push_str("yes\nNeeded for the AI systems in scope\n\naims-lead\n");
        }
    }
    let screen = say("control review", &answers, "created controls/A.10.4.yaml");
    assert!(screen.contains("[38/38] A.10.4"), "{screen}");
    let (code, json) = j.check();
    green(code, &json);
}
