//! A first register built by command only, as the getting-started guide leads one: each
//! act clause 4 to 10 asks for has a command, each command says what it did, and each
//! refusal writes nothing.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::register::refused;
use crate::trail::{DEV, LEAD, git};
use crate::{Ran, Reg, copy_dir};

/// Runs `aims` and insists it succeeded; returns what it printed.
fn ok(reg: &Reg, args: &[&str]) -> Ran {
    let ran = reg.aims(args);
    assert_eq!(ran.code, 0, "{args:?}: {}", ran.stderr);
    ran
}

fn commit(reg: &Reg, who: (&str, &str), date: &str, message: &str) {
    git(reg.path(), who, date, &["add", "-A"]);
    git(reg.path(), who, date, &["commit", "-qm", message]);
}

/// A repository with git configured as `who`, nothing committed yet.
fn repository(reg: Reg, who: (&str, &str)) -> Reg {
    git(reg.path(), who, "2026-11-20", &["init", "-q", "-b", "main"]);
    git(
        reg.path(),
        who,
        "2026-11-20",
        &["config", "user.name", who.0],
    );
    git(
        reg.path(),
        who,
        "2026-11-20",
        &["config", "user.email", who.1],
    );
    reg
}

const AIMS_RISK: [&str; 13] = [
    "risk",
    "add",
    "--scope",
    "aims",
    "--title",
    "Only one person knows the register",
    "--category",
    "operational",
    "--likelihood",
    "Rare",
    "--consequence",
    "Moderate",
    "--owner=ml-lead",
];

#[test]
fn a_risk_of_the_management_system_itself_concerns_no_system() {
    let reg = Reg::new();
    let out = ok(&reg, &AIMS_RISK);
    assert_eq!(out.stdout, "created risks/R-001.yaml\n");
    let text = reg.read("risks/R-001.yaml");
    assert!(
        text.contains(
            "title: Only one person knows the register\nscope: aims\ncategory: operational\n"
        ),
        "{text}"
    );
    assert!(!text.contains("systems"), "{text}");
    let list = ok(&reg, &["risk", "list"]).stdout;
    assert!(list.contains("AIMS · operational"), "{list}");
    assert_eq!(reg.fresh().check_json().0, 0);
    // with a system it is refused, and so is a risk of systems in a register without one
    let mut with_system = AIMS_RISK.to_vec();
    with_system.extend(["--system", "sys"]);
    let err = refused(&Reg::new(), &with_system);
    assert!(
        err.contains("--system was given with --scope aims; nothing was written"),
        "{err}"
    );
    let bare = Reg::empty().file("aims.yaml", crate::register::AIMS_YAML);
    let mut of_systems = AIMS_RISK.to_vec();
    of_systems[3] = "system";
    let err = refused(&bare, &of_systems);
    assert!(err.contains("give `--scope aims`"), "{err}");
    assert_eq!(ok(&bare, &AIMS_RISK).stdout, "created risks/R-001.yaml\n");
}

#[test]
fn an_opportunity_is_scored_and_needs_no_treatment() {
    let reg = Reg::new();
    let out = ok(
        &reg,
        &[
            "risk",
            "add",
            "--kind",
            "opportunity",
            "--system",
            "sys",
            "--title",
            "Reuse the fairness gate",
            "--category",
            "bias-fairness",
            "--likelihood",
            "3",
            "--consequence",
            "3",
            "--owner",
            "ml-lead",
        ],
    );
    assert_eq!(
        out.stdout, "created risks/R-001.yaml\n",
        "no treatment asked"
    );
    let text = reg.read("risks/R-001.yaml");
    assert!(
        text.contains("title: Reuse the fairness gate\nkind: opportunity\nsystems: [sys]\n"),
        "{text}"
    );
    let list = ok(&reg, &["risk", "list"]).stdout;
    assert!(list.contains("opportunity · sys · bias-fairness"), "{list}");
    let err = refused(&reg, &["risk", "add", "--kind", "chance"]);
    assert!(err.contains("possible values: risk, opportunity"), "{err}");
}

#[test]
fn risk_set_moves_a_risk_between_scopes_and_kinds() {
    let reg = Reg::new().risk("R-001", "");
    let out = ok(&reg, &["risk", "set", "R-001", "--scope", "aims"]);
    assert_eq!(out.stdout, "updated risks/R-001.yaml\n");
    let text = reg.read("risks/R-001.yaml");
    assert!(
        text.contains("title: Something goes wrong\nscope: aims\ncategory:"),
        "{text}"
    );
    let err = refused(&reg, &["risk", "set", "R-001", "--scope", "system"]);
    assert!(
        err.contains("risk `R-001` would concern no AI system"),
        "{err}"
    );
    let err = refused(
        &reg,
        &[
            "risk",
            "set",
            "R-001",
            "--scope",
            "aims",
            "--add-system",
            "sys",
        ],
    );
    assert!(
        err.contains("--add-system was given with --scope aims"),
        "{err}"
    );
    ok(
        &reg,
        &[
            "risk",
            "set",
            "R-001",
            "--scope",
            "system",
            "--add-system",
            "sys",
            "--kind",
            "opportunity",
        ],
    );
    let text = reg.read("risks/R-001.yaml");
    assert!(!text.contains("scope"), "{text}");
    assert!(text.contains("kind: opportunity"), "{text}");
    assert!(
        text.contains("systems: [sys]") || text.contains("systems:\n  - sys"),
        "{text}"
    );
    assert_eq!(reg.fresh().check_json().0, 0, "valid again");
}

#[test]
fn the_scope_statement_is_set_by_command_and_init_points_at_commands() {
    let reg = Reg::new();
    let before = reg.read("aims.yaml");
    let out = ok(
        &reg,
        &[
            "context",
            "scope",
            "--statement",
            "The credit models of Test Org",
        ],
    );
    assert_eq!(out.stdout, "updated aims.yaml\n");
    assert_eq!(
        reg.read("aims.yaml"),
        before.replace(
            "scope: Every AI system of Test Org.",
            "scope: The credit models of Test Org"
        ),
        "only the statement changes"
    );
    let err = refused(
        &reg,
        &[
            "context",
            "scope",
            "--statement",
            "The credit models of Test Org",
        ],
    );
    assert!(err.contains("the scope statement is already this"), "{err}");
    ok(
        &reg,
        &[
            "context",
            "issue",
            "add",
            "--kind",
            "internal",
            "--description",
            "One team",
        ],
    );
    let shown = ok(&reg, &["context", "show"]).stdout;
    assert!(
        shown.starts_with(
            "Scope (clause 4.3)\n  The credit models of Test Org\nIssues (clause 4.1)\n"
        ),
        "{shown}"
    );

    let dir = crate::tempdir();
    let out = crate::run_in(dir.path(), &["init", "--organisation", "Acme"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains("edit aims.yaml"), "{stdout}");
    for command in [
        "aims context scope --statement TEXT",
        "aims role add",
        "aims control review",
        "aims control set",
    ] {
        assert!(
            stdout.contains(command),
            "next steps name `{command}`: {stdout}"
        );
    }
}

#[test]
fn the_first_context_record_says_it_created_the_file() {
    let reg = Reg::new();
    let issue = [
        "context",
        "issue",
        "add",
        "--kind",
        "external",
        "--description",
        "New law",
    ];
    assert_eq!(ok(&reg, &issue).stdout, "created context.yaml\n");
    assert!(
        ok(&reg, &issue)
            .stdout
            .starts_with("updated context.yaml\n")
    );
}

#[test]
fn impact_add_takes_scale_labels_as_impact_set_does() {
    let reg = Reg::new().file(
        "systems/bot.yaml",
        &crate::register::SYSTEM.replace("{id}", "bot"),
    );
    let out = ok(
        &reg,
        &[
            "impact",
            "add",
            "--system",
            "bot",
            "--assessor",
            "lead",
            "--dimension",
            "fairness=Major x Possible:Lower approval rates",
            "--dimension",
            "privacy=2x2:Chat logs",
            "--not-applicable",
            "safety=None",
            "--not-applicable",
            "transparency=None",
            "--not-applicable",
            "human-oversight=None",
            "--not-applicable",
            "fundamental-rights=None",
        ],
    );
    assert!(
        out.stdout.starts_with("created impacts/IA-bot-2026.yaml\n"),
        "{}",
        out.stdout
    );
    let text = reg.read("impacts/IA-bot-2026.yaml");
    assert!(text.contains("severity: 4"), "{text}");
    assert!(text.contains("likelihood: 3"), "{text}");
    let err = refused(
        &reg,
        &[
            "impact",
            "add",
            "--system",
            "bot",
            "--dimension",
            "fairness=Huge x Possible:x",
        ],
    );
    assert!(err.contains("Huge"), "{err}");
}

#[test]
fn clause_7_5_before_the_first_commit_says_there_are_no_commits_yet() {
    let reg = repository(Reg::new(), LEAD);
    let out = ok(&reg, &["clause", "list", "--format", "json"]);
    let json: Value = serde_json::from_str(&out.stdout).expect("json");
    let documented = json["clauses"]
        .as_array()
        .expect("clauses")
        .iter()
        .find(|c| c["id"] == "7.5")
        .expect("7.5");
    assert_eq!(
        documented["reason"],
        "the register is documented information under version control; approvals not read (no commits yet)"
    );
}

/// The example without its reviews: committed on 2026-11-20 with INC-2026-001 open
/// and no audit; then the incident closed on 2026-11-19 and AUD-2026-1 done on
/// 2026-11-18, recorded after that first commit.
fn first_review() -> Reg {
    let reg = Reg::empty();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/northwind");
    copy_dir(&example, reg.path());
    for review in ["MR-2026-1", "MR-2026-2"] {
        fs::remove_file(reg.join(&format!("management-reviews/{review}.yaml"))).expect("rm");
    }
    for audit in ["AUD-2026-1", "AUD-2026-2", "AUD-2027-1"] {
        fs::remove_file(reg.join(&format!("audits/{audit}.yaml"))).expect("rm");
    }
    let incident = reg.join("incidents/INC-2026-001.yaml");
    let closed = fs::read_to_string(&incident)
        .expect("read")
        .replace("reported: 2026-03-14", "reported: 2026-11-10")
        .replace("closed: 2026-04-20", "closed: 2026-11-19");
    fs::write(
        &incident,
        closed.replace(
            "status: closed\nclosed: 2026-11-19\n",
            "status: investigating\n",
        ),
    )
    .expect("write");
    let reg = repository(reg, DEV);
    commit(&reg, DEV, "2026-11-20", "Register");
    fs::write(&incident, closed).expect("write");
    let audit = fs::read_to_string(example.join("audits/AUD-2026-1.yaml"))
        .expect("read")
        .replace("done: 2026-06-12", "done: 2026-11-18");
    fs::write(reg.join("audits/AUD-2026-1.yaml"), audit).expect("write");
    commit(&reg, DEV, "2026-11-21", "Incident closed, first audit");
    reg
}

#[test]
fn the_first_management_review_counts_what_is_dated_in_its_period() {
    let reg = first_review();
    let pack = |extra: &[&str]| -> Value {
        let mut args = vec!["report", "management-review", "--format", "json"];
        args.extend(extra);
        serde_json::from_str(&ok(&reg, &args).stdout).expect("json")
    };
    let ids = |list: &Value| -> Vec<String> {
        list.as_array()
            .expect("list")
            .iter()
            .map(|x| x["id"].as_str().expect("id").to_string())
            .collect()
    };
    let json = pack(&[]);
    let performance = &json["performance"];
    assert!(
        ids(&performance["nonconformities"]["closed"]).contains(&"INC-2026-001".to_string()),
        "{performance:#}"
    );
    assert_eq!(
        ids(&performance["audits"]["done"]),
        ["AUD-2026-1"],
        "{performance:#}"
    );
    assert_eq!(json["period"]["since"]["date"], "2025-11-22", "the last 1y");
    assert!(
        json["period"]["basis"]
            .as_str()
            .expect("basis")
            .contains("compared with its first commit"),
        "{}",
        json["period"]
    );
    // a date before the first commit starts at the beginning, and says so
    let json = pack(&["--since", "2025-11-01"]);
    assert_eq!(json["period"]["since"]["date"], "2025-11-01");
    assert!(
        json["period"]["basis"]
            .as_str()
            .expect("basis")
            .contains("before the register's first commit: from the beginning"),
        "{}",
        json["period"]
    );
    assert_eq!(ids(&json["performance"]["audits"]["done"]), ["AUD-2026-1"]);
    // a date that names no commit after the first is still resolved as before
    let err = refused(
        &reg,
        &["report", "management-review", "--since", "nonsense"],
    );
    assert!(err.contains("names no commit"), "{err}");
}

#[test]
fn screening_takes_several_categories_and_says_what_it_replaced() {
    let reg = Reg::new().file(
        "systems/bot.yaml",
        "id: bot\nname: Bot\nintended_use: Chats.\nlifecycle: deployed\norganisation_role: user\nowner: ml-lead\n",
    );
    let out = ok(
        &reg,
        &[
            "system",
            "screen",
            "bot",
            "--category",
            "safety=No physical effect",
            "--category",
            "security=No access to accounts",
        ],
    );
    assert!(
        out.stdout
            .starts_with("screened safety, security in systems/bot.yaml\n"),
        "{}",
        out.stdout
    );
    assert_eq!(
        out.stdout.matches("category-not-screened").count(),
        6,
        "printed once: {}",
        out.stdout
    );
    let text = reg.read("systems/bot.yaml");
    assert!(
        text.contains("category: safety, date: 2026-11-22, rationale: No physical effect")
            || text.contains(
                "  - category: safety\n    date: 2026-11-22\n    rationale: No physical effect\n"
            ),
        "{text}"
    );
    let out = ok(
        &reg,
        &[
            "system",
            "screen",
            "bot",
            "--category",
            "safety",
            "--category",
            "privacy",
            "--rationale",
            "Looked again",
        ],
    );
    assert!(
        out.stderr
            .contains("replaced the screening of safety of 2026-11-22: No physical effect"),
        "{}",
        out.stderr
    );
    let text = reg.read("systems/bot.yaml");
    assert_eq!(text.matches("Looked again").count(), 2, "{text}");
    let err = refused(
        &reg,
        &[
            "system",
            "screen",
            "bot",
            "--category",
            "societal=None",
            "--rationale",
            "x",
        ],
    );
    assert!(err.contains("every --category carries its own"), "{err}");
    let err = refused(&reg, &["system", "screen", "bot", "--category", "sefety=x"]);
    assert!(err.contains("did you mean `safety`?"), "{err}");
}

#[test]
fn a_report_written_inside_the_register_warns_unless_git_ignores_it() {
    let reg = repository(Reg::new(), DEV);
    commit(&reg, DEV, "2026-11-20", "Register");
    let out = ok(
        &reg,
        &["report", "soa", "--format", "csv", "--output", "soa.csv"],
    );
    assert_eq!(out.stdout, "");
    assert!(out.stderr.contains("wrote soa.csv\n"), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("warning: `soa.csv` is inside the register and not ignored by git"),
        "{}",
        out.stderr
    );
    fs::write(reg.join(".gitignore"), "*.csv\n").expect("write");
    let out = ok(
        &reg,
        &[
            "report", "soa", "--format", "csv", "--output", "soa.csv", "--quiet",
        ],
    );
    assert_eq!(out.stderr, "", "ignored, and --quiet says nothing");
    let outside = crate::tempdir();
    let target = outside.path().join("soa.csv");
    let target = target.to_str().expect("utf-8");
    let out = ok(
        &reg,
        &["report", "soa", "--format", "csv", "--output", target],
    );
    assert_eq!(out.stderr, format!("wrote {target}\n"));
}

#[test]
fn every_list_says_the_same_when_nothing_matches() {
    let reg = Reg::new();
    let out = ok(&reg, &["control", "list", "--status", "none"]);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "no controls match these filters (38 controls in the register)\n"
    );
    for (args, said) in [
        (
            &["audit", "list"][..],
            "the register has no audits yet; add one with `aims audit plan`\n",
        ),
        (
            &["objective", "list"][..],
            "the register has no objectives yet; add one with `aims objective add`\n",
        ),
        (
            &["management-review", "list"][..],
            "the register has no management reviews yet; add one with `aims management-review record`\n",
        ),
        (&["clause", "list", "--status", "met"][..], ""),
    ] {
        let out = ok(&reg, args);
        if !said.is_empty() {
            assert_eq!(out.stderr, said, "{args:?}");
        }
    }
}

#[test]
fn approve_pending_approves_what_awaits_and_warns_once() {
    let reg = repository(Reg::new().risk("R-001", ""), LEAD);
    commit(&reg, LEAD, "2026-11-20", "Register");
    let Ran { code, .. } = reg.aims(&["status"]);
    assert_eq!(code, 1, "everything awaits approval");
    let out = ok(&reg, &["approve", "--pending"]);
    assert!(
        out.stderr
            .contains("approving 43 entities: aims, sys, R-001, IA-sys, A.2.2"),
        "{}",
        out.stderr
    );
    assert_eq!(
        out.stderr.matches("warning: you authored").count(),
        1,
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("warning: you authored the versions of 43 entities you are approving (aims, sys, R-001, IA-sys, A.2.2, and 38 more)"),
        "{}",
        out.stderr
    );
    let Ran { code, stdout, .. } = reg.aims(&["status"]);
    assert_eq!(code, 0, "{stdout}");
    let out = ok(&reg, &["approve", "--pending"]);
    assert!(
        out.stderr.contains("nothing awaits approval by `lead`"),
        "{}",
        out.stderr
    );
    let err = refused(&reg, &["approve", "--pending", "R-001"]);
    assert!(err.contains("cannot be used with"), "{err}");
}
