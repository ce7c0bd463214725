//! The register's own options for prompts and for checking flags: systems,
//! categories, roles, controls and scale levels.

use crate::criteria::Scoring;
use crate::register::Register;
use crate::view::View;

use super::prompt::Choice;

pub fn systems(register: &Register) -> Vec<Choice> {
    register
        .systems
        .iter()
        .map(|s| Choice::new(&s.value.id, &s.value.name))
        .collect()
}

pub fn categories(view: &View<'_>) -> Vec<Choice> {
    view.categories
        .iter()
        .map(|c| Choice::new(c.id, c.title))
        .collect()
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
pub fn controls(view: &View<'_>) -> Vec<Choice> {
    view.controls
        .iter()
        .map(|c| Choice::new(c.id, c.title))
        .collect()
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
