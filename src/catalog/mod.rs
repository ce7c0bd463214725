//! Built-in reference data: ISO/IEC 42001:2023 clauses 4 to 10, Annex A controls,
//! Annex C objectives and risk sources, the eight built-in AI risk categories with the
//! Annex A controls suggested for each, and the NIST AI RMF and OWASP LLM Top 10 with
//! their crosswalks.
//!
//! Only identifiers and short titles (the headings of the standard) are carried: the
//! standard's text is copyrighted. The data is static; nothing here reads files.

mod annex_a;
mod annex_c;
mod categories;
mod clauses;
mod frameworks;

use serde::Serialize;

pub use annex_a::{CONTROLS, OBJECTIVES};
pub use annex_c::{ANNEX_C_OBJECTIVES, RISK_SOURCES};
pub use categories::{
    CATEGORIES, IMPACT_DIMENSIONS, IMPACT_LIKELIHOOD, IMPACT_SEVERITY, ImpactLevel,
};
pub use clauses::{CLAUSES, Clause, clause_by_id, covered_by};
pub use frameworks::{
    NIST_CATEGORIES, NIST_SOURCE, NistCategory, OWASP_LLM, OWASP_SOURCE, OwaspItem,
    nist_for_control, owasp, owasp_for_control,
};

/// An Annex A control objective (A.2 .. A.10, with A.6.1 and A.6.2 under A.6).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Objective {
    pub id: &'static str,
    pub title: &'static str,
}

/// An Annex A control.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Control {
    pub id: &'static str,
    pub title: &'static str,
    /// The objective the control sits under (the sub-objective for A.6).
    pub objective: &'static str,
}

/// An Annex C entry: an organisational objective (C.2.x) or a risk source (C.3.x).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct AnnexC {
    pub id: &'static str,
    pub title: &'static str,
}

/// A built-in AI risk category.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Category {
    pub id: &'static str,
    pub title: &'static str,
    /// Annex A controls that typically treat risks of this category.
    pub controls: &'static [&'static str],
}

/// Looks up an Annex A control by id.
pub fn control(id: &str) -> Option<&'static Control> {
    CONTROLS.iter().find(|c| c.id == id)
}

/// Whether `id` is written like an Annex A control (`A.` or `a.` and a digit): such
/// ids belong to the standard, so one that is not in Annex A is a mistake, never a
/// custom control.
pub fn in_annex_a_namespace(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some('A' | 'a'))
        && chars.next() == Some('.')
        && chars.next().is_some_and(|c| c.is_ascii_digit())
}

/// Annex A ids in Annex A order (`A.2.2` before `A.10.2`), then any other id in
/// natural order (`R-2` before `R-10`): the order of every listing.
pub fn id_order(a: &str, b: &str) -> std::cmp::Ordering {
    let position = |id: &str| CONTROLS.iter().position(|c| c.id == id);
    match (position(a), position(b)) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => natural(a, b),
    }
}

/// Compares ids with their runs of digits as numbers: `A.2` before `A.10`.
fn natural(a: &str, b: &str) -> std::cmp::Ordering {
    let parts = |s: &str| -> Vec<(String, u64)> {
        let mut out = Vec::new();
        let mut text = String::new();
        let mut digits = String::new();
        for c in s.chars() {
            if c.is_ascii_digit() {
                digits.push(c);
            } else {
                if !digits.is_empty() {
                    out.push((
                        std::mem::take(&mut text),
                        digits.parse().unwrap_or(u64::MAX),
                    ));
                    digits.clear();
                }
                text.push(c);
            }
        }
        let number = if digits.is_empty() {
            0
        } else {
            digits.parse().unwrap_or(u64::MAX)
        };
        out.push((text, number));
        out
    };
    parts(a).cmp(&parts(b)).then_with(|| a.cmp(b))
}

/// Looks up an Annex C risk source by id.
pub fn risk_source(id: &str) -> Option<&'static AnnexC> {
    RISK_SOURCES.iter().find(|s| s.id == id)
}

/// Looks up an Annex C objective (C.2.x) by id.
pub fn annex_c_objective(id: &str) -> Option<&'static AnnexC> {
    ANNEX_C_OBJECTIVES.iter().find(|s| s.id == id)
}

/// Looks up a built-in category by id.
pub fn category(id: &str) -> Option<&'static Category> {
    CATEGORIES.iter().find(|c| c.id == id)
}

/// Looks up an Annex A objective by id.
pub fn objective(id: &str) -> Option<&'static Objective> {
    OBJECTIVES.iter().find(|o| o.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_match_the_standard() {
        assert_eq!(CONTROLS.len(), 38);
        assert_eq!(ANNEX_C_OBJECTIVES.len(), 11);
        assert_eq!(RISK_SOURCES.len(), 7);
        assert_eq!(CATEGORIES.len(), 8);
    }

    #[test]
    fn every_reference_inside_the_catalog_resolves() {
        for c in CONTROLS {
            assert!(objective(c.objective).is_some(), "{}", c.id);
            assert!(c.id.starts_with(c.objective), "{}", c.id);
        }
        for cat in CATEGORIES {
            for id in cat.controls {
                assert!(control(id).is_some(), "{} cites {id}", cat.id);
            }
        }
    }

    #[test]
    fn per_objective_counts_are_3_2_5_4_9_5_4_3_3() {
        let count = |prefix: &str| {
            CONTROLS
                .iter()
                .filter(|c| c.objective == prefix || c.objective.starts_with(&format!("{prefix}.")))
                .count()
        };
        let counts: Vec<_> = [
            "A.2", "A.3", "A.4", "A.5", "A.6", "A.7", "A.8", "A.9", "A.10",
        ]
        .iter()
        .map(|p| count(p))
        .collect();
        assert_eq!(counts, [3, 2, 5, 4, 9, 5, 4, 3, 3]);
    }

    #[test]
    fn ids_sort_in_annex_a_order_then_naturally() {
        let mut ids = vec!["R-10", "A.10.2", "custom", "A.2.2", "R-2", "A.6.2.4"];
        ids.sort_by(|a, b| id_order(a, b));
        assert_eq!(ids, ["A.2.2", "A.6.2.4", "A.10.2", "R-2", "R-10", "custom"]);
    }

    #[test]
    fn the_annex_a_namespace() {
        assert!(in_annex_a_namespace("A.6.2.44"));
        assert!(in_annex_a_namespace("a.6.2.4"));
        assert!(!in_annex_a_namespace("AC-1"));
        assert!(!in_annex_a_namespace("A.x"));
    }
}
