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
    fn ties_are_deterministic() {
        assert_eq!(closest("ab", ["ac", "ad"]), Some("ac"));
        assert_eq!(closest("ab", ["ad", "ac"]), Some("ac"));
    }
}
