//! ISO/IEC 42001:2023 clauses 4 to 10, by identifier and short title (the headings of
//! the harmonized structure), and which of them the clause readiness view assesses.

use serde::Serialize;

/// A clause or sub-clause of the management system requirements.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Clause {
    pub id: &'static str,
    pub title: &'static str,
    /// Whether the readiness view judges it on its own: the x.y sub-clauses, except
    /// 6.1, which is judged as 6.1.1 to 6.1.4. The top-level clauses and the other
    /// x.y.z sub-clauses are judged with their parent.
    pub assessed: bool,
}

const fn clause(id: &'static str, title: &'static str, assessed: bool) -> Clause {
    Clause {
        id,
        title,
        assessed,
    }
}

pub const CLAUSES: &[Clause] = &[
    clause("4", "Context of the organization", false),
    clause(
        "4.1",
        "Understanding the organization and its context",
        true,
    ),
    clause(
        "4.2",
        "Understanding the needs and expectations of interested parties",
        true,
    ),
    clause(
        "4.3",
        "Determining the scope of the AI management system",
        true,
    ),
    clause("4.4", "AI management system", true),
    clause("5", "Leadership", false),
    clause("5.1", "Leadership and commitment", true),
    clause("5.2", "AI policy", true),
    clause("5.3", "Roles, responsibilities and authorities", true),
    clause("6", "Planning", false),
    clause("6.1", "Actions to address risks and opportunities", false),
    clause("6.1.1", "General", true),
    clause("6.1.2", "AI risk assessment", true),
    clause("6.1.3", "AI risk treatment", true),
    clause("6.1.4", "AI system impact assessment", true),
    clause("6.2", "AI objectives and planning to achieve them", true),
    clause("6.3", "Planning of changes", true),
    clause("7", "Support", false),
    clause("7.1", "Resources", true),
    clause("7.2", "Competence", true),
    clause("7.3", "Awareness", true),
    clause("7.4", "Communication", true),
    clause("7.5", "Documented information", true),
    clause("7.5.1", "General", false),
    clause(
        "7.5.2",
        "Creating and updating documented information",
        false,
    ),
    clause("7.5.3", "Control of documented information", false),
    clause("8", "Operation", false),
    clause("8.1", "Operational planning and control", true),
    clause("8.2", "AI risk assessment", true),
    clause("8.3", "AI risk treatment", true),
    clause("8.4", "AI system impact assessment", true),
    clause("9", "Performance evaluation", false),
    clause(
        "9.1",
        "Monitoring, measurement, analysis and evaluation",
        true,
    ),
    clause("9.2", "Internal audit", true),
    clause("9.2.1", "General", false),
    clause("9.2.2", "Internal audit programme", false),
    clause("9.3", "Management review", true),
    clause("9.3.1", "General", false),
    clause("9.3.2", "Management review inputs", false),
    clause("9.3.3", "Management review results", false),
    clause("10", "Improvement", false),
    clause("10.1", "Continual improvement", true),
    clause("10.2", "Nonconformity and corrective action", true),
];

/// Looks up a clause by id.
pub fn clause_by_id(id: &str) -> Option<&'static Clause> {
    CLAUSES.iter().find(|c| c.id == id)
}

/// The assessed clauses an audit scope entry covers: the clause itself when it is
/// assessed, the assessed clauses under it (`6.1` covers 6.1.1 to 6.1.4, `9` covers
/// 9.1 to 9.3), or the assessed clause above it (`9.2.2` covers 9.2).
pub fn covered_by(scope: &str) -> Vec<&'static str> {
    let under = format!("{scope}.");
    let below: Vec<&'static str> = CLAUSES
        .iter()
        .filter(|c| c.assessed && (c.id == scope || c.id.starts_with(&under)))
        .map(|c| c.id)
        .collect();
    if !below.is_empty() {
        return below;
    }
    CLAUSES
        .iter()
        .filter(|c| c.assessed && scope.starts_with(&format!("{}.", c.id)))
        .map(|c| c.id)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twenty_seven_clauses_are_assessed_from_4_1_to_10_2() {
        let assessed: Vec<&str> = CLAUSES
            .iter()
            .filter(|c| c.assessed)
            .map(|c| c.id)
            .collect();
        assert_eq!(assessed.len(), 27);
        assert_eq!(assessed.first(), Some(&"4.1"));
        assert_eq!(assessed.last(), Some(&"10.2"));
    }

    #[test]
    fn audit_scopes_cover_clauses_up_and_down() {
        assert_eq!(covered_by("6.1"), ["6.1.1", "6.1.2", "6.1.3", "6.1.4"]);
        assert_eq!(covered_by("9"), ["9.1", "9.2", "9.3"]);
        assert_eq!(covered_by("9.2.2"), ["9.2"]);
        assert_eq!(covered_by("8.4"), ["8.4"]);
        assert!(covered_by("11").is_empty());
    }
}
