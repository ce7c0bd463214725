//! What `aims init` writes: `aims.yaml` with a risk-criteria preset and commented
//! guidance, and the entity folders.
//!
//! Files are written to a temporary file in the same folder and then linked into
//! place, so an existing file is never overwritten and a crash never leaves half a
//! file behind.

use std::fs;
use std::io;
use std::path::Path;

use crate::model::{FileKind, Kind};
use crate::register::CONFIG_FILE;
use crate::register::write::write_new;

/// A likelihood x consequence preset for the risk criteria.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    ThreeByThree,
    FourByFour,
    FiveByFive,
}

/// What the new register starts with.
#[derive(Debug, Clone)]
pub struct Starter {
    pub organisation: String,
    pub preset: Preset,
    /// Name and email of the person creating the register, for its first role.
    pub lead_name: Option<String>,
    pub lead_email: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    #[error("`{}` already holds a register (aims.yaml); nothing was changed", dir.display())]
    AlreadyARegister { dir: std::path::PathBuf },
    #[error("`{}` is inside the register in `{}`; a register cannot hold another", dir.display(), root.display())]
    InsideARegister {
        dir: std::path::PathBuf,
        root: std::path::PathBuf,
    },
    #[error("cannot write `{}`", path.display())]
    Io {
        path: std::path::PathBuf,
        source: io::Error,
    },
}

/// Creates the register in `dir` and returns the paths it created, relative to `dir`.
pub fn create(dir: &Path, starter: &Starter) -> Result<Vec<String>, ScaffoldError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ScaffoldError::Io { path, source }
    };
    let config = dir.join(CONFIG_FILE);
    if config.exists() {
        return Err(ScaffoldError::AlreadyARegister {
            dir: dir.to_path_buf(),
        });
    }
    // Every command finds its register by walking up: one inside another would be
    // found in place of the outer one, from its folders.
    let existing = dir.ancestors().find(|d| d.is_dir()).unwrap_or(dir);
    if let Ok(root) = crate::register::discover(existing) {
        return Err(ScaffoldError::InsideARegister {
            dir: dir.to_path_buf(),
            root,
        });
    }
    fs::create_dir_all(dir).map_err(io(dir))?;
    let mut created = Vec::new();
    let folders = Kind::ALL.iter().map(|k| k.folder()).chain(["evidence"]);
    for folder in folders {
        let path = dir.join(folder);
        fs::create_dir_all(&path).map_err(io(&path))?;
        // git does not keep empty folders; the marker makes the layout survive a clone.
        let keep = path.join(".gitkeep");
        if !keep.exists() {
            write_new(&keep, b"").map_err(io(&keep))?;
        }
        created.push(format!("{folder}/"));
    }
    write_new(&config, aims_yaml(starter).as_bytes()).map_err(|source| match source.kind() {
        io::ErrorKind::AlreadyExists => ScaffoldError::AlreadyARegister {
            dir: dir.to_path_buf(),
        },
        _ => ScaffoldError::Io {
            path: config.clone(),
            source,
        },
    })?;
    created.insert(0, CONFIG_FILE.to_string());
    let schemas = crate::register::schemas::write_schemas(dir, false).map_err(|source| {
        ScaffoldError::Io {
            path: dir.join(crate::schema::REGISTER_SCHEMAS),
            source,
        }
    })?;
    if !schemas.is_empty() {
        created.push(format!("{}/", crate::schema::REGISTER_SCHEMAS));
    }
    Ok(created)
}

/// A YAML scalar that reads back as exactly `text`.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("a string always serialises")
}

/// An impact scale's levels, one per line, as a flow mapping each.
fn impact_scale(levels: &[crate::catalog::ImpactLevel]) -> String {
    levels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            format!(
                "    - {{ level: {}, name: {}, description: {} }}",
                i + 1,
                crate::edit::scalar(&serde_json::Value::String(l.name.to_string())),
                crate::edit::scalar(&serde_json::Value::String(l.description.to_string()))
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The text of a new `aims.yaml`.
pub fn aims_yaml(starter: &Starter) -> String {
    let organisation = quoted(&starter.organisation);
    let lead_name = quoted(starter.lead_name.as_deref().unwrap_or("AIMS lead"));
    let lead_email = starter
        .lead_email
        .as_deref()
        .map(|e| format!("\n    email: {}", quoted(e)))
        .unwrap_or_default();
    let criteria = match starter.preset {
        Preset::ThreeByThree => PRESET_3X3,
        Preset::FourByFour => PRESET_4X4,
        Preset::FiveByFive => PRESET_5X5,
    };
    format!(
        r#"{modeline}# aims register: organisation, scope, roles, risk criteria and rule settings.
# Every other file of the register refers to the roles and criteria defined here.
aims: 2                                   # format version

organisation: {organisation}

# AIMS scope statement (ISO/IEC 42001 clause 4.3): which AI systems, activities and
# parts of the organisation the management system covers, and what it excludes.
scope: >
  AI systems developed, provided or used by {organisation_plain}.

# Roles (clause 5.3). Owners, assessors and approvers everywhere in the register are
# role ids from this list. `approver: true` marks roles that may approve changes.
roles:
  - id: aims-lead
    name: {lead_name}{lead_email}
    approver: true

# Risk criteria (clause 6.1.2): scales, bands with their review cycles, and the
# acceptance threshold. Score = likelihood level x consequence level.
criteria:
{criteria}
# Extra risk categories beyond the built-in eight (`aims catalog categories`), e.g.
#   - {{ id: model-risk, title: Model risk (SR 11-7) }}
categories: []

impact_review_every: 1y                   # how often impact assessments are reviewed
control_review_every: 1y                  # how often implemented controls are verified (A.6.2.6)

# The 1-5 scales of impact assessments (clause 6.1.4): how severe the impact of an AI
# system on individuals, groups or society is, and how likely.
impact_scales:
  severity:
{severity}
  likelihood:
{impact_likelihood}

# Severity overrides for `aims check` rules: error, warning or off, e.g.
#   review-triggered: error
rules: {{}}
"#,
        organisation_plain = starter.organisation.replace('\n', " "),
        severity = impact_scale(&crate::catalog::IMPACT_SEVERITY),
        impact_likelihood = impact_scale(&crate::catalog::IMPACT_LIKELIHOOD),
        modeline = crate::schema::modeline(FileKind::Config),
    )
}

const PRESET_3X3: &str = r#"  likelihood:                             # levels 1..n, lowest first
    - { level: 1, name: Unlikely, description: Not expected in the next 3 years }
    - { level: 2, name: Possible, description: Could happen in the next 3 years }
    - { level: 3, name: Likely, description: Expected within a year }
  consequence:
    - { level: 1, name: Minor, description: "Contained, quickly corrected" }
    - { level: 2, name: Moderate, description: Noticeable harm to people or the organisation }
    - { level: 3, name: Major, description: "Serious or lasting harm, regulatory breach" }
  consequence_areas: [financial, operational, regulatory, reputational, safety, societal]
  bands:                                  # lowest first; a score falls in the first band whose max >= score
    - { name: low, max: 2, review_every: 1y }
    - { name: medium, max: 4, review_every: 6m }
    - { name: high, max: 9, review_every: 3m }
  acceptance_threshold: 3                 # a score at or below this may be accepted
"#;

const PRESET_4X4: &str = r#"  likelihood:                             # levels 1..n, lowest first
    - { level: 1, name: Rare, description: Not expected in the next 5 years }
    - { level: 2, name: Unlikely, description: Could happen in the next 5 years }
    - { level: 3, name: Likely, description: Expected in the next 2 years }
    - { level: 4, name: Almost certain, description: Expected within a year }
  consequence:
    - { level: 1, name: Minor, description: "Contained, quickly corrected" }
    - { level: 2, name: Moderate, description: Noticeable harm to people or the organisation }
    - { level: 3, name: Major, description: "Serious or lasting harm, regulatory breach" }
    - { level: 4, name: Severe, description: "Irreversible harm, or harm at scale" }
  consequence_areas: [financial, operational, regulatory, reputational, safety, societal]
  bands:                                  # lowest first; a score falls in the first band whose max >= score
    - { name: low, max: 3, review_every: 1y }
    - { name: medium, max: 6, review_every: 6m }
    - { name: high, max: 9, review_every: 3m }
    - { name: critical, max: 16, review_every: 1m }
  acceptance_threshold: 4                 # a score at or below this may be accepted
"#;

const PRESET_5X5: &str = r#"  likelihood:                             # levels 1..n, lowest first
    - { level: 1, name: Rare, description: Not expected in the next 5 years }
    - { level: 2, name: Unlikely, description: Could happen in the next 5 years }
    - { level: 3, name: Possible, description: Could happen in the next 2 years }
    - { level: 4, name: Likely, description: Expected in the next 2 years }
    - { level: 5, name: Almost certain, description: Expected within a year }
  consequence:
    - { level: 1, name: Negligible, description: "No noticeable harm; corrected in the normal course" }
    - { level: 2, name: Minor, description: "Contained, quickly corrected" }
    - { level: 3, name: Moderate, description: Noticeable harm to people or the organisation }
    - { level: 4, name: Major, description: "Serious or lasting harm, regulatory breach" }
    - { level: 5, name: Severe, description: "Irreversible harm, or harm at scale" }
  consequence_areas: [financial, operational, regulatory, reputational, safety, societal]
  bands:                                  # lowest first; a score falls in the first band whose max >= score
    - { name: low, max: 4, review_every: 1y }
    - { name: medium, max: 9, review_every: 6m }
    - { name: high, max: 16, review_every: 3m }
    - { name: critical, max: 25, review_every: 1m }
  acceptance_threshold: 6                 # a score at or below this may be accepted
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema;
    use crate::yaml;

    #[test]
    fn every_preset_is_valid_and_keeps_odd_names_intact() {
        for preset in [Preset::ThreeByThree, Preset::FourByFour, Preset::FiveByFive] {
            let starter = Starter {
                organisation: "Acme: \"AI\" #1".to_string(),
                preset,
                lead_name: Some("Ann O'Neil".to_string()),
                lead_email: Some("ann@acme.example".to_string()),
            };
            let parsed = yaml::parse(&aims_yaml(&starter)).expect("parses");
            assert_eq!(
                schema::validate(FileKind::Config, &parsed.value, usize::MAX).0,
                vec![],
                "{preset:?}"
            );
            assert_eq!(parsed.value["organisation"], "Acme: \"AI\" #1");
            assert_eq!(parsed.value["roles"][0]["name"], "Ann O'Neil");
        }
    }
}
