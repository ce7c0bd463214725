//! The eight built-in AI risk categories with the Annex A controls suggested for each,
//! and the dimensions every impact assessment covers.

use super::Category;

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

/// The dimensions every impact assessment (clause 6.1.4) assesses or marks not
/// applicable.
pub const IMPACT_DIMENSIONS: &[&str] = &[
    "fairness",
    "safety",
    "privacy",
    "transparency",
    "human-oversight",
    "fundamental-rights",
];

/// A level of one of the impact assessment scales, as the defaults describe it.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct ImpactLevel {
    pub name: &'static str,
    pub description: &'static str,
}

/// The default labels of an impact dimension's severity, levels 1 to 5 (clause 6.1.4
/// assesses consequences for individuals, groups and society).
pub const IMPACT_SEVERITY: [ImpactLevel; 5] = [
    ImpactLevel {
        name: "Negligible",
        description: "An inconvenience; nobody is lastingly affected",
    },
    ImpactLevel {
        name: "Minor",
        description: "Limited harm to some people, easily put right",
    },
    ImpactLevel {
        name: "Moderate",
        description: "Noticeable harm to individuals, put right with effort",
    },
    ImpactLevel {
        name: "Major",
        description: "Serious harm to individuals or a group, hard to put right",
    },
    ImpactLevel {
        name: "Severe",
        description: "Irreversible harm, or harm to fundamental rights at scale",
    },
];

/// The default labels of an impact dimension's likelihood, levels 1 to 5.
pub const IMPACT_LIKELIHOOD: [ImpactLevel; 5] = [
    ImpactLevel {
        name: "Rare",
        description: "Not expected over the system's life",
    },
    ImpactLevel {
        name: "Unlikely",
        description: "Could happen, but not expected within a year",
    },
    ImpactLevel {
        name: "Possible",
        description: "May happen within a year",
    },
    ImpactLevel {
        name: "Likely",
        description: "Expected to happen within a year",
    },
    ImpactLevel {
        name: "Almost certain",
        description: "Happens routinely",
    },
];
