//! The JSON Schemas run as data: every file under `tests/fixtures/schemas/<kind>/valid`
//! must pass, every file under `.../invalid` must fail with the position and message
//! its first line announces (`# expect: LINE:COLUMN message`).
//!
//! `scripts/crosscheck-schemas.sh` runs an independent validator (check-jsonschema)
//! over the same files and must reach the same verdicts.

use std::fs;
use std::path::{Path, PathBuf};

use aims::model::FileKind;
use aims::schema;
use aims::yaml;

fn kinds() -> Vec<(FileKind, &'static str)> {
    FileKind::ALL
        .iter()
        .map(|&kind| (kind, kind.schema_name()))
        .collect()
}

fn fixtures(kind: &str, verdict: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/schemas")
        .join(kind)
        .join(verdict);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fixtures in {}", dir.display());
    files
}

/// `(line:column message)` of every violation in the file.
fn violations(kind: FileKind, path: &Path) -> Vec<String> {
    let text = fs::read_to_string(path).expect("read");
    let parsed = yaml::parse(&text).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
    schema::validate(kind, &parsed.value, usize::MAX)
        .0
        .into_iter()
        .map(|v| {
            let at = parsed.positions.locate_node(&v.pointer, v.at_key);
            format!("{}:{} {}", at.line, at.column, v.message)
        })
        .collect()
}

#[test]
fn valid_fixtures_pass() {
    for (kind, name) in kinds() {
        for path in fixtures(name, "valid") {
            assert_eq!(
                violations(kind, &path),
                Vec::<String>::new(),
                "{}",
                path.display()
            );
        }
    }
}

#[test]
fn invalid_fixtures_fail_where_and_how_they_say() {
    for (kind, name) in kinds() {
        for path in fixtures(name, "invalid") {
            let text = fs::read_to_string(&path).expect("read");
            let expect = text
                .lines()
                .next()
                .and_then(|l| l.strip_prefix("# expect: "))
                .unwrap_or_else(|| {
                    panic!(
                        "{}: first line must be `# expect: LINE:COL message`",
                        path.display()
                    )
                });
            let found = violations(kind, &path);
            assert!(
                found.iter().any(|v| v.starts_with(expect)),
                "{}: expected `{expect}`, found {found:#?}",
                path.display()
            );
        }
    }
}

#[test]
#[allow(clippy::print_stdout)]
#[ignore = "prints every invalid fixture's findings with a caret under the position"]
fn show_invalid_positions() {
    for (kind, name) in kinds() {
        for path in fixtures(name, "invalid") {
            let text = fs::read_to_string(&path).expect("read");
            for v in violations(kind, &path) {
                let (pos, msg) = v.split_once(' ').expect("pos");
                let (line, col) = pos.split_once(':').expect("line:col");
                let (line, col): (usize, usize) =
                    (line.parse().expect("line"), col.parse().expect("col"));
                let src = text.lines().nth(line - 1).unwrap_or_default();
                println!(
                    "{} {pos} {msg}\n    {src}\n    {}^",
                    path.display(),
                    " ".repeat(col - 1)
                );
            }
        }
    }
}
