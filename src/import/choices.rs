//! The common ways sheets write the fixed values of SoA decisions and AI systems:
//! control statuses (✅, 🔄, "Partially implemented"), lifecycle stages ("Production",
//! "Pilot"), the organisation's role ("Deployer"), criticality and model types. Each
//! returns the value and how the register writes it, or `None`.

use super::spellings::one_of;

pub fn control_status(text: &str) -> Option<(&'static str, &'static str)> {
    let t = text.trim();
    if ["✅", "✓", "✔", "☑", "🟢"].contains(&t) {
        return Some(("implemented", "implemented"));
    }
    if ["🔄", "⚠", "⚠️", "🟡", "◐", "🚧"].contains(&t) {
        return Some(("partial", "partial"));
    }
    if ["⏳", "❌", "✗", "🔴", "○", "⭕"].contains(&t) {
        return Some(("planned", "planned"));
    }
    one_of(
        text,
        &[
            (
                &[
                    "implemented",
                    "done",
                    "complete",
                    "completed",
                    "in place",
                    "yes",
                    "operational",
                    "effective",
                    "fully implemented",
                    "live",
                    "operating",
                ],
                "implemented",
                "implemented",
            ),
            (
                &[
                    "partial",
                    "partially",
                    "partially implemented",
                    "in progress",
                    "ongoing",
                    "started",
                    "wip",
                    "under way",
                    "underway",
                    "in implementation",
                ],
                "partial",
                "partial",
            ),
            (
                &[
                    "planned",
                    "not started",
                    "to do",
                    "todo",
                    "not implemented",
                    "pending",
                    "no",
                    "open",
                    "gap",
                    "scheduled",
                ],
                "planned",
                "planned",
            ),
        ],
    )
}

pub fn lifecycle(text: &str) -> Option<(&'static str, &'static str)> {
    one_of(
        text,
        &[
            (
                &[
                    "concept",
                    "idea",
                    "ideation",
                    "proposed",
                    "proposal",
                    "planning",
                    "planned",
                    "design",
                    "discovery",
                ],
                "concept",
                "concept",
            ),
            (
                &[
                    "development",
                    "in development",
                    "build",
                    "building",
                    "develop",
                    "prototype",
                    "prototyping",
                    "poc",
                    "proof of concept",
                ],
                "development",
                "development",
            ),
            (
                &[
                    "validation",
                    "testing",
                    "test",
                    "pilot",
                    "piloting",
                    "uat",
                    "trial",
                    "evaluation",
                    "beta",
                ],
                "validation",
                "validation",
            ),
            (
                &[
                    "deployed",
                    "production",
                    "in production",
                    "live",
                    "in use",
                    "operational",
                    "operation",
                    "active",
                    "in service",
                    "released",
                ],
                "deployed",
                "deployed",
            ),
            (
                &[
                    "retired",
                    "decommissioned",
                    "sunset",
                    "withdrawn",
                    "archived",
                    "discontinued",
                    "end of life",
                ],
                "retired",
                "retired",
            ),
        ],
    )
}

pub fn organisation_role(text: &str) -> Option<(&'static str, &'static str)> {
    one_of(
        text,
        &[
            (
                &[
                    "developer",
                    "develop",
                    "builder",
                    "in house",
                    "built in house",
                ],
                "developer",
                "developer",
            ),
            (&["provider", "vendor", "supplier"], "provider", "provider"),
            (
                &[
                    "user", "deployer", "customer", "consumer", "operator", "buyer",
                ],
                "user",
                "user",
            ),
        ],
    )
}

pub fn criticality(text: &str) -> Option<(&'static str, &'static str)> {
    one_of(
        text,
        &[
            (
                &["low", "minimal", "minimal risk", "low risk"],
                "low",
                "low",
            ),
            (
                &[
                    "medium",
                    "moderate",
                    "limited",
                    "limited risk",
                    "medium risk",
                ],
                "medium",
                "medium",
            ),
            (&["high", "high risk", "significant"], "high", "high"),
            (
                &[
                    "critical",
                    "very high",
                    "unacceptable",
                    "prohibited",
                    "severe",
                ],
                "critical",
                "critical",
            ),
        ],
    )
}

pub fn model_type(text: &str) -> Option<(&'static str, &'static str)> {
    one_of(
        text,
        &[
            (
                &["proprietary", "in house", "custom", "own model", "bespoke"],
                "proprietary",
                "proprietary",
            ),
            (
                &["fine tuned", "finetuned", "fine tuning"],
                "fine-tuned",
                "fine-tuned",
            ),
            (
                &[
                    "third party foundation",
                    "foundation model",
                    "foundation",
                    "open source model",
                    "open weights",
                ],
                "third-party-foundation",
                "third-party-foundation",
            ),
            (
                &["third party api", "api", "saas", "vendor api", "hosted api"],
                "third-party-api",
                "third-party-api",
            ),
            (
                &["rules", "rule based", "rules based", "expert system"],
                "rules",
                "rules",
            ),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings() {
        assert_eq!(control_status("✅"), Some(("implemented", "implemented")));
        assert_eq!(control_status("🔄"), Some(("partial", "partial")));
        assert_eq!(lifecycle("In production"), Some(("deployed", "deployed")));
        assert_eq!(organisation_role("Deployer"), Some(("user", "user")));
    }
}
