//! Drafts for Statement of Applicability decisions: a justification worded from what
//! the register says about a control (the risks citing it, the categories suggesting
//! it), offered to a person to accept or rewrite, never written on its own.

use crate::view::{ControlView, View};

/// A draft justification for including a control, from the risks citing it or the
/// categories suggesting it; `None` when the register says nothing about it.
pub fn draft_justification(view: &View<'_>, control: &ControlView<'_>) -> Option<String> {
    let titled: Vec<String> = control
        .risks
        .iter()
        .filter_map(|id| view.risk(id))
        .filter(|r| r.is_open())
        .map(|r| format!("{} ({})", r.id(), r.risk.title))
        .collect();
    if !titled.is_empty() {
        return Some(format!("Treats {}.", join(&titled)));
    }
    if !control.suggested_by.is_empty() {
        let titles: Vec<String> = control
            .suggested_by
            .iter()
            .map(|c| view.category_title(c).to_lowercase())
            .collect();
        return Some(format!(
            "Needed for the {} risks of the AI systems in scope.",
            join(&titles)
        ));
    }
    None
}

/// `a`, `a and b`, `a, b and c`.
fn join(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn lists_read_as_prose() {
        let items: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
        assert_eq!(super::join(&items[..1]), "a");
        assert_eq!(super::join(&items[..2]), "a and b");
        assert_eq!(super::join(&items), "a, b and c");
    }
}
