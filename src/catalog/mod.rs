//! Built-in reference data: ISO/IEC 42001:2023 Annex A controls, Annex C objectives and
//! risk sources, and the eight built-in AI risk categories with the Annex A controls
//! suggested for each.
//!
//! Only identifiers and short titles (the headings of the standard) are carried: the
//! standard's text is copyrighted. The data is static; nothing here reads files.

use serde::Serialize;

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

pub const OBJECTIVES: &[Objective] = &[
    Objective {
        id: "A.2",
        title: "Policies related to AI",
    },
    Objective {
        id: "A.3",
        title: "Internal organization",
    },
    Objective {
        id: "A.4",
        title: "Resources for AI systems",
    },
    Objective {
        id: "A.5",
        title: "Assessing impacts of AI systems",
    },
    Objective {
        id: "A.6",
        title: "AI system life cycle",
    },
    Objective {
        id: "A.6.1",
        title: "Management guidance for AI system development",
    },
    Objective {
        id: "A.6.2",
        title: "AI system life cycle",
    },
    Objective {
        id: "A.7",
        title: "Data for AI systems",
    },
    Objective {
        id: "A.8",
        title: "Information for interested parties of AI systems",
    },
    Objective {
        id: "A.9",
        title: "Use of AI systems",
    },
    Objective {
        id: "A.10",
        title: "Third-party and customer relationships",
    },
];

/// The 38 Annex A controls, in Annex A order.
pub const CONTROLS: &[Control] = &[
    Control {
        id: "A.2.2",
        title: "AI policy",
        objective: "A.2",
    },
    Control {
        id: "A.2.3",
        title: "Alignment with other organizational policies",
        objective: "A.2",
    },
    Control {
        id: "A.2.4",
        title: "Review of the AI policy",
        objective: "A.2",
    },
    Control {
        id: "A.3.2",
        title: "AI roles and responsibilities",
        objective: "A.3",
    },
    Control {
        id: "A.3.3",
        title: "Reporting of concerns",
        objective: "A.3",
    },
    Control {
        id: "A.4.2",
        title: "Resource documentation",
        objective: "A.4",
    },
    Control {
        id: "A.4.3",
        title: "Data resources",
        objective: "A.4",
    },
    Control {
        id: "A.4.4",
        title: "Tooling resources",
        objective: "A.4",
    },
    Control {
        id: "A.4.5",
        title: "System and computing resources",
        objective: "A.4",
    },
    Control {
        id: "A.4.6",
        title: "Human resources",
        objective: "A.4",
    },
    Control {
        id: "A.5.2",
        title: "AI system impact assessment process",
        objective: "A.5",
    },
    Control {
        id: "A.5.3",
        title: "Documentation of AI system impact assessments",
        objective: "A.5",
    },
    Control {
        id: "A.5.4",
        title: "Assessing AI system impact on individuals or groups of individuals",
        objective: "A.5",
    },
    Control {
        id: "A.5.5",
        title: "Assessing societal impacts of AI systems",
        objective: "A.5",
    },
    Control {
        id: "A.6.1.2",
        title: "Objectives for responsible development of AI system",
        objective: "A.6.1",
    },
    Control {
        id: "A.6.1.3",
        title: "Processes for responsible AI system design and development",
        objective: "A.6.1",
    },
    Control {
        id: "A.6.2.2",
        title: "AI system requirements and specification",
        objective: "A.6.2",
    },
    Control {
        id: "A.6.2.3",
        title: "Documentation of AI system design and development",
        objective: "A.6.2",
    },
    Control {
        id: "A.6.2.4",
        title: "AI system verification and validation",
        objective: "A.6.2",
    },
    Control {
        id: "A.6.2.5",
        title: "AI system deployment",
        objective: "A.6.2",
    },
    Control {
        id: "A.6.2.6",
        title: "AI system operation and monitoring",
        objective: "A.6.2",
    },
    Control {
        id: "A.6.2.7",
        title: "AI system technical documentation",
        objective: "A.6.2",
    },
    Control {
        id: "A.6.2.8",
        title: "AI system recording of event logs",
        objective: "A.6.2",
    },
    Control {
        id: "A.7.2",
        title: "Data for development and enhancement of AI system",
        objective: "A.7",
    },
    Control {
        id: "A.7.3",
        title: "Acquisition of data",
        objective: "A.7",
    },
    Control {
        id: "A.7.4",
        title: "Quality of data for AI systems",
        objective: "A.7",
    },
    Control {
        id: "A.7.5",
        title: "Data provenance",
        objective: "A.7",
    },
    Control {
        id: "A.7.6",
        title: "Data preparation",
        objective: "A.7",
    },
    Control {
        id: "A.8.2",
        title: "System documentation and information for users",
        objective: "A.8",
    },
    Control {
        id: "A.8.3",
        title: "External reporting",
        objective: "A.8",
    },
    Control {
        id: "A.8.4",
        title: "Communication of incidents",
        objective: "A.8",
    },
    Control {
        id: "A.8.5",
        title: "Information for interested parties",
        objective: "A.8",
    },
    Control {
        id: "A.9.2",
        title: "Processes for responsible use of AI systems",
        objective: "A.9",
    },
    Control {
        id: "A.9.3",
        title: "Objectives for responsible use of AI system",
        objective: "A.9",
    },
    Control {
        id: "A.9.4",
        title: "Intended use of the AI system",
        objective: "A.9",
    },
    Control {
        id: "A.10.2",
        title: "Allocating responsibilities",
        objective: "A.10",
    },
    Control {
        id: "A.10.3",
        title: "Suppliers",
        objective: "A.10",
    },
    Control {
        id: "A.10.4",
        title: "Customers",
        objective: "A.10",
    },
];

/// Annex C.2: potential AI-related organisational objectives.
pub const ANNEX_C_OBJECTIVES: &[AnnexC] = &[
    AnnexC {
        id: "C.2.1",
        title: "Accountability",
    },
    AnnexC {
        id: "C.2.2",
        title: "AI expertise",
    },
    AnnexC {
        id: "C.2.3",
        title: "Availability and quality of training and test data",
    },
    AnnexC {
        id: "C.2.4",
        title: "Environmental impact",
    },
    AnnexC {
        id: "C.2.5",
        title: "Fairness",
    },
    AnnexC {
        id: "C.2.6",
        title: "Maintainability",
    },
    AnnexC {
        id: "C.2.7",
        title: "Privacy",
    },
    AnnexC {
        id: "C.2.8",
        title: "Robustness",
    },
    AnnexC {
        id: "C.2.9",
        title: "Safety",
    },
    AnnexC {
        id: "C.2.10",
        title: "Security",
    },
    AnnexC {
        id: "C.2.11",
        title: "Transparency and explainability",
    },
];

/// Annex C.3: risk sources, the ids a risk's `sources:` may cite.
pub const RISK_SOURCES: &[AnnexC] = &[
    AnnexC {
        id: "C.3.1",
        title: "Complexity of environment",
    },
    AnnexC {
        id: "C.3.2",
        title: "Lack of transparency and explainability",
    },
    AnnexC {
        id: "C.3.3",
        title: "Level of automation",
    },
    AnnexC {
        id: "C.3.4",
        title: "Risk sources related to machine learning",
    },
    AnnexC {
        id: "C.3.5",
        title: "System hardware issues",
    },
    AnnexC {
        id: "C.3.6",
        title: "System life cycle issues",
    },
    AnnexC {
        id: "C.3.7",
        title: "Technology readiness",
    },
];

/// The eight built-in risk categories. The suggested controls follow the common
/// eight-category taxonomy, corrected where the Annex A titles and the NIST AI RMF
/// crosswalk point at a better fit (see the README's design notes).
pub const CATEGORIES: &[Category] = &[
    Category {
        id: "bias-fairness",
        title: "Bias and fairness",
        controls: &["A.5.4", "A.6.2.2", "A.6.2.4", "A.7.4"],
    },
    Category {
        id: "explainability-transparency",
        title: "Explainability and transparency",
        controls: &["A.6.2.4", "A.6.2.7", "A.8.2", "A.8.5"],
    },
    Category {
        id: "security",
        title: "Security",
        controls: &["A.6.2.3", "A.6.2.6", "A.7.5", "A.8.4"],
    },
    Category {
        id: "privacy",
        title: "Privacy",
        controls: &["A.2.3", "A.7.2", "A.7.3", "A.8.2"],
    },
    Category {
        id: "safety",
        title: "Safety",
        controls: &["A.6.2.4", "A.9.3", "A.9.4"],
    },
    Category {
        id: "societal",
        title: "Societal",
        controls: &["A.5.2", "A.5.3", "A.5.4", "A.5.5"],
    },
    Category {
        id: "operational",
        title: "Operational",
        controls: &["A.6.2.6", "A.6.2.7", "A.6.2.8"],
    },
    Category {
        id: "supply-chain",
        title: "Supply chain",
        controls: &["A.4.4", "A.10.2", "A.10.3", "A.10.4"],
    },
];

/// Looks up an Annex A control by id.
pub fn control(id: &str) -> Option<&'static Control> {
    CONTROLS.iter().find(|c| c.id == id)
}

/// Looks up an Annex C risk source by id.
pub fn risk_source(id: &str) -> Option<&'static AnnexC> {
    RISK_SOURCES.iter().find(|s| s.id == id)
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
}
