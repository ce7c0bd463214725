//! The register's own options for prompts and for checking flags: systems,
//! categories, roles, controls and scale levels.

use crate::catalog;
use crate::criteria::Scoring;
use crate::register::Register;

use super::prompt::Choice;

pub fn systems(register: &Register) -> Vec<Choice> {
    register
        .systems
        .iter()
        .map(|s| Choice::new(&s.value.id, &s.value.name))
        .collect()
}

pub fn categories(register: &Register) -> Vec<Choice> {
    let mut choices: Vec<Choice> = catalog::CATEGORIES
        .iter()
        .map(|c| Choice::new(c.id, c.title))
        .collect();
    if let Some(config) = &register.config {
        choices.extend(
            config
                .value
                .categories
                .iter()
                .map(|c| Choice::new(&c.id, &c.title)),
        );
    }
    choices
}

pub fn roles(register: &Register) -> Vec<Choice> {
    register
        .config
        .iter()
        .flat_map(|c| c.value.roles.iter())
        .map(|r| Choice::new(&r.id, &r.name))
        .collect()
}

/// Annex A controls and the register's custom controls.
pub fn controls(register: &Register) -> Vec<Choice> {
    let mut choices: Vec<Choice> = catalog::CONTROLS
        .iter()
        .map(|c| Choice::new(c.id, c.title))
        .collect();
    for control in &register.controls {
        if catalog::control(&control.value.id).is_none() {
            choices.push(Choice::new(
                &control.value.id,
                control.value.title.clone().unwrap_or_default(),
            ));
        }
    }
    choices
}

pub fn likelihood(scoring: &Scoring) -> Vec<Choice> {
    levels(&scoring.likelihood_names)
}

pub fn consequence(scoring: &Scoring) -> Vec<Choice> {
    levels(&scoring.consequence_names)
}

fn levels(names: &[String]) -> Vec<Choice> {
    names
        .iter()
        .enumerate()
        .map(|(i, name)| Choice::new((i + 1).to_string(), name))
        .collect()
}
