//! The register's own options for prompts and for checking flags: systems,
//! categories, roles, controls and scale levels.

use anyhow::Result;

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
    // Descriptions of risk levels are in aims.yaml; the names are what people choose by.
    names
        .iter()
        .enumerate()
        .map(|(i, name)| Choice::new((i + 1).to_string(), name))
        .collect()
}

/// The bands of the criteria, lowest first.
pub fn bands(view: &View<'_>) -> Vec<Choice> {
    view.criteria
        .scoring
        .iter()
        .flat_map(|s| s.bands.iter())
        .map(|b| Choice::new(&b.name, ""))
        .collect()
}

/// A list filter's value, checked like a flag of `add`: an unknown value is refused
/// (exit 2) with the valid ones and a did-you-mean.
pub fn filter(
    flag: &str,
    what: &str,
    given: Option<String>,
    options: &[Choice],
) -> Result<Option<String>> {
    given
        .map(|g| super::prompt::check(flag, what, &g, options))
        .transpose()
}

/// What an empty listing says: that the register has none yet, or that none of those
/// it has match the filters.
pub fn nothing(total: usize, one: &str, many: &str, add: &str) -> String {
    match total {
        0 => format!("the register has no {many} yet; add one with `{add}`"),
        n => format!(
            "no {many} match these filters ({})",
            super::output::count(n, one, many) + " in the register"
        ),
    }
}
