//! "Did you mean ...?": the closest known name to a misspelt one.
//!
//! Plain Levenshtein distance over characters, accepted when it is small relative to
//! the name's length, so that suggestions help rather than distract.

/// The candidate closest to `given`, if one is close enough to be a likely typo.
/// Ties go to the candidate that sorts first, so output is deterministic.
pub fn closest<'a>(given: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (given.chars().count() / 3).clamp(1, 4);
    candidates
        .into_iter()
        .filter(|c| *c != given)
        .map(|c| (distance(&given.to_lowercase(), &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

/// The one candidate with the prefix and the number of `given` but another middle:
/// `INC-2026-001` for `INC-001` or `inc-1`, `MR-2026-1` for `MR-1`. Ids of a sequence
/// differ in their year more than a typo does.
pub fn same_number<'a>(
    given: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let parts = |id: &str| -> Option<(String, u64)> {
        let prefix: String = id
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect::<String>()
            .to_ascii_lowercase();
        let digits = id.len() - id.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let number = id[id.len() - digits..].parse().ok()?;
        (!prefix.is_empty()).then_some((prefix, number))
    };
    let wanted = parts(given)?;
    let mut matching = candidates
        .into_iter()
        .filter(|c| *c != given && parts(c).as_ref() == Some(&wanted));
    match (matching.next(), matching.next()) {
        (Some(one), None) => Some(one),
        _ => None,
    }
}

/// Levenshtein distance between two strings, counted in characters.
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == *cb {
                diagonal
            } else {
                1 + diagonal.min(above).min(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("same", "same"), 0);
    }

    #[test]
    fn suggests_only_close_names() {
        let known = ["device-intelligence", "credit-scoring", "chatbot"];
        assert_eq!(closest("credit-scorin", known), Some("credit-scoring"));
        assert_eq!(closest("chatbto", known), Some("chatbot"));
        assert_eq!(closest("payroll", known), None);
    }

    #[test]
    fn an_id_without_its_year_finds_the_one_of_its_number() {
        let known = ["INC-2026-001", "INC-2026-002", "R-001"];
        assert_eq!(same_number("INC-001", known), Some("INC-2026-001"));
        assert_eq!(same_number("inc-2", known), Some("INC-2026-002"));
        assert_eq!(same_number("INC-003", known), None);
        assert_eq!(same_number("R-1", known), Some("R-001"));
        // two of that number: no guess
        assert_eq!(same_number("X-1", ["X-2025-1", "X-2026-1"]), None);
        assert_eq!(same_number("plain", known), None);
    }

    #[test]
    fn ties_are_deterministic() {
        assert_eq!(closest("ab", ["ac", "ad"]), Some("ac"));
        assert_eq!(closest("ab", ["ad", "ac"]), Some("ac"));
    }
}
