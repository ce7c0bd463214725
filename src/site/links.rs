//! Where everything lives in the site, and the links to it.
//!
//! Every page sits one folder below the site root (`risks/R-001.html`), the home page
//! at the root, so a link is the page's path behind `../` (or nothing, from home):
//! relative links are what make the site work from `file://`, from any folder of a web
//! server and from a zip. Paths are built from ids and evidence file names, so each
//! segment is percent-encoded here and nowhere else; text is HTML-escaped here before
//! any markup is put around it. Ids are schema-constrained, but evidence file names
//! and free text are not: nothing a register holds can close an attribute, open a tag
//! or form a `javascript:` URL.

use std::collections::{BTreeMap, HashMap};

use minijinja::value::Value;

/// A page the site holds for an id of one kind.
#[derive(Debug, Clone)]
pub struct Target {
    /// From the site root, percent-encoded: `risks/R-001.html`.
    pub href: String,
    /// What the page is about, in a few words (a title or name); may be empty.
    pub title: String,
}

/// Every linkable thing, by kind and id.
#[derive(Debug, Default)]
pub struct Links {
    /// By kind, then id: looked up by `&str`, with no key to build.
    targets: HashMap<&'static str, HashMap<String, Target>>,
    /// The first kind (in the order pages were added) holding each id: how an id of
    /// no stated kind (in free text, in `addressed_by`) is linked.
    first: HashMap<String, (&'static str, String)>,
    /// Register evidence paths (as cited) to the copy in the site.
    files: BTreeMap<String, String>,
    /// Role ids to names.
    roles: HashMap<String, String>,
}

impl Links {
    /// Adds the page of `id` of `kind` at `path` (unencoded, from the site root).
    /// Returns false when the kind already has a page for the id (a duplicate id).
    pub fn add(&mut self, kind: &'static str, id: &str, path: &str, title: &str) -> bool {
        self.add_at(kind, id, path, None, title)
    }

    /// Adds an id whose place is a part of a page: `path#fragment`.
    pub fn add_at(
        &mut self,
        kind: &'static str,
        id: &str,
        path: &str,
        fragment: Option<&str>,
        title: &str,
    ) -> bool {
        let of_kind = self.targets.entry(kind).or_default();
        if of_kind.contains_key(id) {
            return false;
        }
        let mut href = encode_path(path);
        if let Some(fragment) = fragment {
            href.push('#');
            href.push_str(&encode_segment(fragment));
        }
        of_kind.insert(
            id.to_string(),
            Target {
                href,
                title: title.to_string(),
            },
        );
        self.first
            .entry(id.to_string())
            .or_insert((kind, id.to_string()));
        true
    }

    /// Records a role's name, shown wherever the role is.
    pub fn add_role(&mut self, id: &str, name: &str) {
        self.roles.insert(id.to_string(), name.to_string());
    }

    /// Records where the copy of an evidence file sits (unencoded, from the site root).
    pub fn add_file(&mut self, reference: &str, path: &str) {
        self.files.insert(reference.to_string(), encode_path(path));
    }

    pub fn get(&self, kind: &str, id: &str) -> Option<&Target> {
        if kind == "any" {
            let (kind, id) = self.first.get(id)?;
            return self.targets.get(kind)?.get(id);
        }
        self.targets.get(kind)?.get(id)
    }

    /// The kind and id `("any", id)` stands for: the first kind holding the id.
    pub fn resolve(&self, kind: &'static str, id: &str) -> Option<(&'static str, String)> {
        if kind != "any" {
            return self
                .targets
                .get(kind)
                .is_some_and(|t| t.contains_key(id))
                .then(|| (kind, id.to_string()));
        }
        self.first.get(id).cloned()
    }

    /// The site copy of an evidence file, encoded, from the site root.
    pub fn file(&self, reference: &str) -> Option<&str> {
        self.files.get(reference).map(String::as_str)
    }

    pub fn role_name(&self, id: &str) -> Option<&str> {
        self.roles.get(id).map(String::as_str)
    }

    /// `<a href="…">id</a>`, or the id marked as unknown when the site holds no page
    /// for it.
    pub fn anchor(&self, root: &str, kind: &str, id: &str, titled: bool) -> String {
        // A commit is shown by the first 12 digits of its id, as git shows it.
        let shown: String = if kind == "commit" {
            id.chars().take(12).collect()
        } else {
            id.to_string()
        };
        match self.get(kind, id) {
            Some(t) => {
                let mut out = format!(
                    "<a href=\"{}{}\" class=\"ref\">{}</a>",
                    escape(root),
                    t.href,
                    escape(&shown)
                );
                if titled && !t.title.is_empty() {
                    out.push(' ');
                    out.push_str(&escape(&t.title));
                }
                out
            }
            None => format!(
                "<span class=\"ref unknown\" title=\"not in the register\">{}</span>",
                escape(&shown)
            ),
        }
    }

    /// A role as people read it: the person's name linked to the role's page, then the
    /// role id.
    pub fn role(&self, root: &str, id: &str) -> String {
        match (self.get("role", id), self.role_name(id)) {
            (Some(t), Some(name)) => format!(
                "<a href=\"{}{}\" class=\"ref\">{}</a> <span class=\"muted\">({})</span>",
                escape(root),
                t.href,
                escape(name),
                escape(id)
            ),
            _ => self.anchor(root, "role", id, false),
        }
    }

    /// Text, escaped, with every id of the register in it linked to its page. Only
    /// ids with a digit, a dot, a hyphen or an underscore are looked for: a one-word
    /// id such as `context` would otherwise link every use of the word.
    pub fn linkify(&self, root: &str, text: &str) -> String {
        // Text between a pair of backticks (`aims.yaml`, as messages name files and
        // commands) is code; a backtick without its pair is left as it is.
        let parts: Vec<&str> = text.split('`').collect();
        if parts.len() < 3 {
            return self.linkify_plain(root, text);
        }
        let mut out = String::with_capacity(text.len() + 32);
        let paired = (parts.len() - 1) / 2 * 2;
        for (i, part) in parts.iter().enumerate() {
            if i % 2 == 1 && i <= paired {
                out.push_str("<code>");
                out.push_str(&self.linkify_plain(root, part));
                out.push_str("</code>");
            } else {
                if i > paired {
                    out.push('`');
                }
                out.push_str(&self.linkify_plain(root, part));
            }
        }
        out
    }

    /// [`Links::linkify`] for text without code.
    fn linkify_plain(&self, root: &str, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + 16);
        let mut rest = text;
        while let Some(start) = rest.find(is_id_char) {
            out.push_str(&escape(&rest[..start]));
            let word_len = rest[start..]
                .find(|c: char| !is_id_char(c))
                .unwrap_or(rest.len() - start);
            let word = &rest[start..start + word_len];
            // Trailing punctuation ends a sentence, not an id: `see R-001.`
            let id = word.trim_end_matches(['.', '-', '_']);
            // An audit finding is named by its audit and its own id: `AUD-2026-1/F2`.
            if id.len() == word.len()
                && let Some(finding) = rest[start + word_len..].strip_prefix('/')
            {
                let tail = finding
                    .find(|c: char| !is_id_char(c))
                    .unwrap_or(finding.len());
                let name = format!("{id}/{}", finding[..tail].trim_end_matches(['.', '-', '_']));
                if self.get("finding", &name).is_some() {
                    out.push_str(&self.anchor(root, "finding", &name, false));
                    rest = &rest[start + name.len()..];
                    continue;
                }
            }
            match self.first.get(id).filter(|_| linkable_in_text(id)) {
                Some((kind, id)) => {
                    out.push_str(&self.anchor(root, kind, id, false));
                    out.push_str(&escape(&word[id.len()..]));
                }
                None => out.push_str(&escape(word)),
            }
            rest = &rest[start + word_len..];
        }
        out.push_str(&escape(rest));
        out
    }
}

/// The kinds of page ids are linked by, as templates name them.
pub const KINDS: &[&str] = &[
    "system",
    "risk",
    "impact",
    "control",
    "incident",
    "policy",
    "objective",
    "monitor",
    "audit",
    "finding",
    "management-review",
    "clause",
    "context",
    "role",
    "commit",
    "reference",
    "configuration",
    "evidence",
];

fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')
}

fn linkable_in_text(id: &str) -> bool {
    id.contains(|c: char| c.is_ascii_digit() || matches!(c, '.' | '-' | '_'))
}

/// An HTML `id` for a catalog entry or an anchor: the text with every character but
/// ASCII letters, digits and `.-_` replaced by `-` (`GOVERN 1` is `GOVERN-1`).
pub fn anchor_id(text: &str) -> String {
    text.chars()
        .map(|c| if is_id_char(c) { c } else { '-' })
        .collect()
}

/// HTML-escapes text for an element or a quoted attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
}

/// A path of the site, each `/`-separated segment percent-encoded: every byte but
/// ASCII letters, digits and `-._~`.
pub fn encode_path(path: &str) -> String {
    path.split('/')
        .map(encode_segment)
        .collect::<Vec<_>>()
        .join("/")
}

/// One path segment (or a fragment), percent-encoded.
pub fn encode_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A template value as text: strings as they are, nothing for none.
pub fn text_of(value: &Value) -> String {
    if value.is_none() || value.is_undefined() {
        String::new()
    } else if let Some(s) = value.as_str() {
        s.to_string()
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links() -> Links {
        let mut links = Links::default();
        links.add("risk", "R-001", "risks/R-001.html", "Bias <b>");
        links.add(
            "control",
            "A.6.2.4",
            "controls/A.6.2.4.html",
            "Verification",
        );
        links.add("context", "context", "organisation/context.html", "");
        links.add("role", "ml-lead", "roles/ml-lead.html", "Tom");
        links.add_role("ml-lead", "Tom <O'Kafor>");
        links.add_at(
            "finding",
            "AUD-1/F2",
            "audits/AUD-1.html",
            Some("finding-F2"),
            "",
        );
        links.add("audit", "AUD-1", "audits/AUD-1.html", "");
        links
    }

    #[test]
    fn text_between_backticks_is_code() {
        let l = links();
        assert_eq!(
            l.linkify("", "in `aims.yaml` and `R-001`; a ` alone"),
            "in <code>aims.yaml</code> and <code><a href=\"risks/R-001.html\" class=\"ref\">R-001</a></code>; a ` alone"
        );
        assert_eq!(l.linkify("", "`<b>`"), "<code>&lt;b&gt;</code>");
    }

    #[test]
    fn findings_are_linked_with_their_audit() {
        let l = links();
        assert_eq!(
            l.linkify("", "see AUD-1/F2. And AUD-1/F9"),
            "see <a href=\"audits/AUD-1.html#finding-F2\" class=\"ref\">AUD-1/F2</a>. And <a href=\"audits/AUD-1.html\" class=\"ref\">AUD-1</a>/F9"
        );
    }

    #[test]
    fn segments_are_percent_encoded() {
        assert_eq!(
            encode_segment("a b?#%/\"<>é"),
            "a%20b%3F%23%25%2F%22%3C%3E%C3%A9"
        );
        assert_eq!(
            encode_path("files/evidence/x y.md"),
            "files/evidence/x%20y.md"
        );
        assert_eq!(encode_segment("A.6.2.4"), "A.6.2.4");
        assert_eq!(
            encode_segment("javascript:alert(1)"),
            "javascript%3Aalert%281%29"
        );
    }

    #[test]
    fn anchors_escape_ids_and_titles() {
        let l = links();
        assert_eq!(
            l.anchor("../", "risk", "R-001", true),
            "<a href=\"../risks/R-001.html\" class=\"ref\">R-001</a> Bias &lt;b&gt;"
        );
        assert_eq!(
            l.anchor("", "risk", "R-<9>", false),
            "<span class=\"ref unknown\" title=\"not in the register\">R-&lt;9&gt;</span>"
        );
        assert!(l.role("", "ml-lead").contains("Tom &lt;O&#x27;Kafor&gt;"));
    }

    #[test]
    fn text_links_ids_but_not_words_or_markup() {
        let l = links();
        let out = l.linkify("", "See R-001. Per A.6.2.4, the <script> context: R-0011");
        assert_eq!(
            out,
            "See <a href=\"risks/R-001.html\" class=\"ref\">R-001</a>. Per <a href=\"controls/A.6.2.4.html\" class=\"ref\">A.6.2.4</a>, the &lt;script&gt; context: R-0011"
        );
    }
}
