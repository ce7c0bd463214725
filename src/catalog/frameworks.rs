//! Other frameworks an AI management system is mapped to, by identifier and short
//! title: the NIST AI RMF 1.0 categories (NIST AI 100-1, public domain) with the
//! public crosswalk of the NIST AI RMF to ISO/IEC 42001, and the OWASP Top 10 for LLM
//! Applications 2025 with this project's own mapping to its risk categories.
//!
//! Both crosswalks are informative, not equivalences. The NIST one is the "NIST AI RMF
//! to ISO/IEC FDIS 42001 AI Management system Crosswalk" hosted on the NIST AI Resource
//! Center (provided by Microsoft, mapped against the FDIS text), rolled up from its 72
//! subcategories to the 19 categories, with its Annex B ids read as the Annex A ids
//! they mirror. The OWASP one is ours: no published mapping exists, so each OWASP item
//! is placed in the risk categories whose suggested controls treat it.

use serde::Serialize;

/// A NIST AI RMF 1.0 category (of the functions GOVERN, MAP, MEASURE and MANAGE).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct NistCategory {
    pub id: &'static str,
    pub title: &'static str,
    pub subcategories: u32,
    /// ISO/IEC 42001 clauses the crosswalk maps the category's subcategories to.
    pub clauses: &'static [&'static str],
    /// Annex A controls the crosswalk maps them to.
    pub controls: &'static [&'static str],
}

/// An OWASP Top 10 for LLM Applications 2025 item.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct OwaspItem {
    pub id: &'static str,
    pub title: &'static str,
    /// The aims risk categories it belongs to (this project's informative mapping).
    pub categories: &'static [&'static str],
}

/// Where the NIST crosswalk comes from, for every output that shows it.
pub const NIST_SOURCE: &str = "NIST AI RMF to ISO/IEC FDIS 42001 crosswalk (NIST AI Resource Center, provided by Microsoft), rolled up to categories; informative";

/// Where the OWASP mapping comes from.
pub const OWASP_SOURCE: &str = "OWASP Top 10 for LLM Applications 2025; the mapping to aims risk categories is this project's own, informative";

pub const NIST_CATEGORIES: &[NistCategory] = &[
    NistCategory {
        id: "GOVERN 1",
        title: "Policies, processes, procedures and practices for mapping, measuring and managing AI risk are in place, transparent and effective",
        subcategories: 7,
        clauses: &[
            "4.1", "4.4", "5.2", "6.1.1", "6.1.2", "6.1.3", "6.2", "8.2", "8.3", "8.4",
        ],
        controls: &[
            "A.2.2", "A.2.4", "A.4.2", "A.4.3", "A.4.4", "A.4.5", "A.4.6", "A.6.1.2", "A.6.1.3",
            "A.6.2.6", "A.9.3", "A.10.3",
        ],
    },
    NistCategory {
        id: "GOVERN 2",
        title: "Accountability structures (teams empowered, responsible, trained)",
        subcategories: 3,
        clauses: &[
            "5.1", "5.2", "5.3", "7.1", "7.2", "7.3", "7.4", "9.1", "9.3.1", "9.3.2", "9.3.3",
        ],
        controls: &["A.3.2"],
    },
    NistCategory {
        id: "GOVERN 3",
        title: "Workforce diversity, equity, inclusion and accessibility prioritized",
        subcategories: 2,
        clauses: &["7.2"],
        controls: &["A.3.2", "A.4.6", "A.5.3", "A.5.4", "A.6.1.3", "A.9.3"],
    },
    NistCategory {
        id: "GOVERN 4",
        title: "Culture that considers and communicates AI risk",
        subcategories: 3,
        clauses: &["6.1.4", "7.4"],
        controls: &[
            "A.5.2", "A.5.4", "A.5.5", "A.6.1.2", "A.6.1.3", "A.6.2.4", "A.6.2.6", "A.6.2.7",
            "A.8.2", "A.8.3", "A.8.4", "A.8.5", "A.9.2", "A.9.3", "A.10.3",
        ],
    },
    NistCategory {
        id: "GOVERN 5",
        title: "Robust engagement with relevant AI actors",
        subcategories: 2,
        clauses: &[],
        controls: &[
            "A.5.3", "A.5.4", "A.5.5", "A.6.1.3", "A.6.2.6", "A.8.3", "A.10.4",
        ],
    },
    NistCategory {
        id: "GOVERN 6",
        title: "Third-party software, data and supply-chain risks and benefits",
        subcategories: 2,
        clauses: &[],
        controls: &["A.10.2", "A.10.3"],
    },
    NistCategory {
        id: "MAP 1",
        title: "Context is established and understood",
        subcategories: 6,
        clauses: &[
            "4.1", "5.1", "5.2", "6.1.1", "6.1.4", "6.2", "7.2", "7.3", "7.4", "7.5.3",
        ],
        controls: &[
            "A.2.2", "A.4.6", "A.5.2", "A.5.3", "A.5.4", "A.5.5", "A.6.2.2", "A.9.4",
        ],
    },
    NistCategory {
        id: "MAP 2",
        title: "Categorization of the AI system",
        subcategories: 3,
        clauses: &[],
        controls: &[
            "A.4.2", "A.4.3", "A.4.4", "A.4.5", "A.4.6", "A.6.1.3", "A.6.2.3", "A.6.2.4",
            "A.6.2.7", "A.7.2", "A.7.3", "A.7.4", "A.7.5", "A.7.6", "A.8.2", "A.9.3",
        ],
    },
    NistCategory {
        id: "MAP 3",
        title: "Capabilities, targeted usage, goals, benefits and costs vs. benchmarks",
        subcategories: 5,
        clauses: &["4.3", "7.2", "8.2", "8.3", "8.4"],
        controls: &[
            "A.4.6", "A.5.2", "A.5.3", "A.5.4", "A.5.5", "A.6.1.3", "A.6.2.7", "A.8.2",
        ],
    },
    NistCategory {
        id: "MAP 4",
        title: "Risks and benefits mapped for all components, incl. third-party software and data",
        subcategories: 2,
        clauses: &["4.1"],
        controls: &["A.2.2", "A.6.2.7", "A.8.2", "A.9.2", "A.9.4", "A.10.3"],
    },
    NistCategory {
        id: "MAP 5",
        title: "Impacts on individuals, groups, communities, organizations and society characterized",
        subcategories: 2,
        clauses: &["6.1.2"],
        controls: &["A.5.2", "A.6.1.3", "A.6.2.6", "A.8.3"],
    },
    NistCategory {
        id: "MEASURE 1",
        title: "Appropriate methods and metrics identified and applied",
        subcategories: 3,
        clauses: &["6.1.1", "6.1.2", "9.2.2"],
        controls: &["A.5.2", "A.5.4", "A.5.5", "A.6.2.4"],
    },
    NistCategory {
        id: "MEASURE 2",
        title: "AI systems evaluated for trustworthy characteristics",
        subcategories: 13,
        clauses: &["6.1.2", "8.2", "9.1"],
        controls: &[
            "A.2.3", "A.3.2", "A.4.2", "A.4.5", "A.5.2", "A.5.4", "A.5.5", "A.6.1.2", "A.6.2.3",
            "A.6.2.4", "A.6.2.5", "A.6.2.6", "A.6.2.7", "A.6.2.8", "A.7.2", "A.7.3", "A.7.4",
            "A.7.5", "A.8.2", "A.8.4", "A.9.3",
        ],
    },
    NistCategory {
        id: "MEASURE 3",
        title: "Mechanisms to track identified AI risks over time",
        subcategories: 3,
        clauses: &["4.4", "8.2", "8.4", "10.1"],
        controls: &["A.6.2.6", "A.6.2.8", "A.8.2", "A.8.3", "A.8.4"],
    },
    NistCategory {
        id: "MEASURE 4",
        title: "Feedback about efficacy of measurement gathered and assessed",
        subcategories: 3,
        clauses: &["9.1", "9.2.1", "9.3.1"],
        controls: &[
            "A.5.4", "A.5.5", "A.6.2.4", "A.6.2.6", "A.6.2.7", "A.8.2", "A.8.3",
        ],
    },
    NistCategory {
        id: "MANAGE 1",
        title: "AI risks from MAP/MEASURE prioritized, responded to and managed",
        subcategories: 4,
        clauses: &["6.1.1", "6.1.2", "6.1.3", "6.1.4", "9.3.3"],
        controls: &[
            "A.5.3", "A.5.4", "A.6.1.3", "A.6.2.4", "A.6.2.7", "A.8.2", "A.9.2", "A.9.3", "A.9.4",
        ],
    },
    NistCategory {
        id: "MANAGE 2",
        title: "Strategies to maximize benefits and minimize negative impacts",
        subcategories: 4,
        clauses: &["6.1.1", "6.1.2", "6.1.3", "7.1", "10.1", "10.2"],
        controls: &[
            "A.3.3", "A.4.2", "A.6.1.2", "A.6.1.3", "A.6.2.4", "A.6.2.6", "A.6.2.7", "A.7.2",
            "A.8.2", "A.9.4",
        ],
    },
    NistCategory {
        id: "MANAGE 3",
        title: "AI risks and benefits from third-party entities managed",
        subcategories: 2,
        clauses: &[],
        controls: &["A.4.4", "A.6.2.6", "A.10.2", "A.10.3"],
    },
    NistCategory {
        id: "MANAGE 4",
        title: "Risk treatments, incl. response, recovery and communication plans, documented and monitored",
        subcategories: 3,
        clauses: &["9.2.1", "9.3.2", "9.3.3"],
        controls: &["A.6.2.4", "A.6.2.6", "A.8.3", "A.8.5", "A.10.4"],
    },
];

pub const OWASP_LLM: &[OwaspItem] = &[
    OwaspItem {
        id: "LLM01:2025",
        title: "Prompt Injection",
        categories: &["security"],
    },
    OwaspItem {
        id: "LLM02:2025",
        title: "Sensitive Information Disclosure",
        categories: &["privacy", "security"],
    },
    OwaspItem {
        id: "LLM03:2025",
        title: "Supply Chain",
        categories: &["supply-chain"],
    },
    OwaspItem {
        id: "LLM04:2025",
        title: "Data and Model Poisoning",
        categories: &["security", "supply-chain"],
    },
    OwaspItem {
        id: "LLM05:2025",
        title: "Improper Output Handling",
        categories: &["security"],
    },
    OwaspItem {
        id: "LLM06:2025",
        title: "Excessive Agency",
        categories: &["safety", "security"],
    },
    OwaspItem {
        id: "LLM07:2025",
        title: "System Prompt Leakage",
        categories: &["security"],
    },
    OwaspItem {
        id: "LLM08:2025",
        title: "Vector and Embedding Weaknesses",
        categories: &["security", "privacy"],
    },
    OwaspItem {
        id: "LLM09:2025",
        title: "Misinformation",
        categories: &["explainability-transparency", "safety"],
    },
    OwaspItem {
        id: "LLM10:2025",
        title: "Unbounded Consumption",
        categories: &["operational", "security"],
    },
];

/// Looks up an OWASP item by id (`LLM01:2025`).
pub fn owasp(id: &str) -> Option<&'static OwaspItem> {
    OWASP_LLM.iter().find(|o| o.id == id)
}

/// The NIST categories that map to an Annex A control.
pub fn nist_for_control(control: &str) -> Vec<&'static str> {
    NIST_CATEGORIES
        .iter()
        .filter(|c| c.controls.contains(&control))
        .map(|c| c.id)
        .collect()
}

/// The OWASP items whose categories suggest an Annex A control.
pub fn owasp_for_control(control: &str) -> Vec<&'static str> {
    OWASP_LLM
        .iter()
        .filter(|o| {
            o.categories
                .iter()
                .any(|c| super::category(c).is_some_and(|cat| cat.controls.contains(&control)))
        })
        .map(|o| o.id)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reference_resolves_and_every_control_is_crosswalked() {
        assert_eq!(NIST_CATEGORIES.len(), 19);
        assert_eq!(
            NIST_CATEGORIES.iter().map(|c| c.subcategories).sum::<u32>(),
            72
        );
        for c in NIST_CATEGORIES {
            for id in c.controls {
                assert!(super::super::control(id).is_some(), "{} cites {id}", c.id);
            }
            for id in c.clauses {
                assert!(
                    super::super::clause_by_id(id).is_some(),
                    "{} cites {id}",
                    c.id
                );
            }
        }
        for control in super::super::CONTROLS {
            assert!(!nist_for_control(control.id).is_empty(), "{}", control.id);
        }
        for o in OWASP_LLM {
            for c in o.categories {
                assert!(super::super::category(c).is_some(), "{} cites {c}", o.id);
            }
        }
    }

    #[test]
    fn govern_6_maps_to_the_supplier_controls() {
        let govern6 = NIST_CATEGORIES
            .iter()
            .find(|c| c.id == "GOVERN 6")
            .expect("GOVERN 6");
        assert_eq!(govern6.controls, ["A.10.2", "A.10.3"]);
    }
}
