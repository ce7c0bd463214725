//! ISO/IEC 42001:2023 Annex C: organisational objectives (C.2) and risk sources (C.3),
//! by identifier and short title.

use super::AnnexC;

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
