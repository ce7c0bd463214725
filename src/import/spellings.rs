//! The common ways sheets write the register's fixed values: treatment options
//! ("Reduce", "Modify", "Tolerate"), risk statuses, yes and no (✓, x, "N/A"), control
//! statuses (✅, 🔄), lifecycle stages ("Production", "Pilot"), and the rest. Each
//! function returns the value and how the register writes it, or `None` when the
//! text is not one of its spellings.

use std::collections::BTreeSet;

use super::values::key;

/// What a sheet's risk status means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Open,
    Closed,
    /// An open risk whose treatment action has this status.
    Action(&'static str),
}

pub fn one_of<T: Copy>(
    text: &str,
    table: &[(&[&str], T, &'static str)],
) -> Option<(T, &'static str)> {
    let k = key(text);
    table
        .iter()
        .find(|(spellings, _, _)| spellings.contains(&k.as_str()))
        .map(|(_, value, written)| (*value, *written))
}

pub fn treatment(text: &str) -> Option<(&'static str, &'static str)> {
    one_of(
        text,
        &[
            (
                &["avoid", "avoidance", "terminate", "eliminate", "avoid risk"],
                "avoid",
                "avoid",
            ),
            (
                &[
                    "mitigate",
                    "mitigation",
                    "reduce",
                    "reduction",
                    "treat",
                    "modify",
                    "modification",
                    "control",
                    "reduce risk",
                    "mitigate risk",
                ],
                "mitigate",
                "mitigate",
            ),
            (
                &[
                    "transfer",
                    "transference",
                    "share",
                    "sharing",
                    "insure",
                    "insurance",
                    "transfer risk",
                ],
                "transfer",
                "transfer",
            ),
            (
                &[
                    "accept",
                    "acceptance",
                    "retain",
                    "retention",
                    "tolerate",
                    "accept risk",
                ],
                "accept",
                "accept",
            ),
        ],
    )
}

/// Statuses whose meaning for the register the user must choose with `--value`.
pub const AMBIGUOUS_STATUSES: &[&str] = &[
    "mitigated",
    "treated",
    "complete",
    "completed",
    "done",
    "implemented",
    "remediated",
    "addressed",
    "resolved in prototype",
];

pub fn status(text: &str) -> Option<(Status, &'static str)> {
    one_of(
        text,
        &[
            (
                &[
                    "open",
                    "new",
                    "identified",
                    "active",
                    "ongoing",
                    "current",
                    "live",
                    "under review",
                    "in review",
                    "monitoring",
                    "monitor",
                    "monitored",
                    "assessed",
                    "draft",
                    "accepted",
                    "tolerated",
                ],
                Status::Open,
                "open",
            ),
            (
                &[
                    "closed",
                    "close",
                    "retired",
                    "resolved",
                    "obsolete",
                    "no longer applicable",
                    "withdrawn",
                    "archived",
                    "eliminated",
                    "avoided",
                ],
                Status::Closed,
                "closed",
            ),
            (
                &[
                    "in progress",
                    "wip",
                    "underway",
                    "under way",
                    "under treatment",
                    "being treated",
                    "started",
                    "in hand",
                ],
                Status::Action("in-progress"),
                "in-progress",
            ),
            (
                &[
                    "planned",
                    "not started",
                    "to do",
                    "todo",
                    "pending",
                    "scheduled",
                    "proposed",
                ],
                Status::Action("planned"),
                "planned",
            ),
        ],
    )
}

/// What `--value "status:X=..."` may map to.
pub fn status_target(text: &str) -> Option<(Status, &'static str)> {
    match key(text).as_str() {
        "open" => Some((Status::Open, "open")),
        "closed" => Some((Status::Closed, "closed")),
        "done" => Some((Status::Action("done"), "done")),
        "in progress" => Some((Status::Action("in-progress"), "in-progress")),
        "planned" => Some((Status::Action("planned"), "planned")),
        "cancelled" => Some((Status::Action("cancelled"), "cancelled")),
        _ => None,
    }
}

pub fn yes_no(text: &str) -> Option<(bool, &'static str)> {
    let t = text.trim();
    if ["✓", "✔", "✅", "☑", "☒", "x", "X", "●"].contains(&t) {
        return Some((true, "yes"));
    }
    if ["✗", "✘", "❌", "-", "–", "—"].contains(&t) {
        return Some((false, "no"));
    }
    one_of(
        text,
        &[
            (
                &[
                    "yes",
                    "y",
                    "true",
                    "1",
                    "applicable",
                    "included",
                    "include",
                    "in scope",
                    "selected",
                    "required",
                    "relevant",
                    "ja",
                    "oui",
                    "si",
                ],
                true,
                "yes",
            ),
            (
                &[
                    "no",
                    "n",
                    "false",
                    "0",
                    "not applicable",
                    "n a",
                    "na",
                    "excluded",
                    "exclude",
                    "out of scope",
                    "not selected",
                    "not required",
                    "not relevant",
                    "nee",
                    "nein",
                    "non",
                ],
                false,
                "no",
            ),
        ],
    )
}

/// The built-in category a common spelling means, by its words in any order.
pub fn category(text: &str) -> Option<&'static str> {
    const NOISE: &[&str] = &[
        "and", "ai", "risk", "risks", "the", "of", "related", "issues", "concerns", "model",
    ];
    const SPELLINGS: &[(&str, &[&str])] = &[
        (
            "bias-fairness",
            &[
                "bias",
                "fairness",
                "bias fairness",
                "discrimination",
                "bias discrimination",
                "equity",
            ],
        ),
        (
            "explainability-transparency",
            &[
                "explainability",
                "transparency",
                "explainability transparency",
                "interpretability",
                "transparency interpretability",
                "accountability transparency",
            ],
        ),
        (
            "security",
            &[
                "security",
                "security adversarial",
                "adversarial",
                "cybersecurity",
                "cyber security",
                "information security",
                "cyber",
                "robustness security",
            ],
        ),
        (
            "privacy",
            &[
                "privacy",
                "data privacy",
                "privacy data protection",
                "data protection",
                "personal data",
            ],
        ),
        (
            "safety",
            &["safety", "physical safety", "health safety", "human safety"],
        ),
        (
            "societal",
            &[
                "societal",
                "societal impact",
                "social",
                "society",
                "environmental societal",
            ],
        ),
        (
            "operational",
            &[
                "operational",
                "operations",
                "reliability performance",
                "reliability",
                "performance",
                "robustness",
                "availability",
                "accuracy",
            ],
        ),
        (
            "supply-chain",
            &[
                "supply chain",
                "third party",
                "vendor",
                "supplier",
                "third party vendor",
                "vendor third party",
                "procurement",
            ],
        ),
    ];
    let words = |s: &str| -> BTreeSet<String> {
        key(s)
            .split(' ')
            .filter(|w| !w.is_empty() && !NOISE.contains(w))
            .map(String::from)
            .collect()
    };
    let given = words(text);
    if given.is_empty() {
        return None;
    }
    SPELLINGS
        .iter()
        .find(|(_, spellings)| spellings.iter().any(|s| words(s) == given))
        .map(|(id, _)| *id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings() {
        assert_eq!(treatment("Reduce"), Some(("mitigate", "mitigate")));
        assert_eq!(treatment("tolerate"), Some(("accept", "accept")));
        assert_eq!(treatment("Modify + planned Avoid"), None);
        assert_eq!(
            status("In Progress").map(|s| s.0),
            Some(Status::Action("in-progress"))
        );
        assert_eq!(status("Closed").map(|s| s.0), Some(Status::Closed));
        assert_eq!(status("Mitigated"), None);
        assert_eq!(yes_no("✓"), Some((true, "yes")));
        assert_eq!(yes_no("N/A"), Some((false, "no")));
    }
    #[test]
    fn categories_have_common_spellings() {
        assert_eq!(category("Bias/Fairness"), Some("bias-fairness"));
        assert_eq!(
            category("Transparency/Explainability"),
            Some("explainability-transparency")
        );
        assert_eq!(category("Privacy/Data Protection"), Some("privacy"));
        assert_eq!(category("Security/Adversarial"), Some("security"));
        assert_eq!(category("Reliability/Performance"), Some("operational"));
        assert_eq!(category("Legal/Regulatory"), None);
    }
}
