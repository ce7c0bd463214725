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
