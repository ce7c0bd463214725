//! `aims report site`: the example register's site on a real history (committed by
//! the ML lead, then approved by the head of AI governance), read back by an HTML5
//! parser. Every internal `href` and `src` resolves to a file of the site (and a
//! fragment to an element of it), every page parses without an error and is reached
//! from the home page within three clicks, the walk from home to a high risk, its
//! control, the control's evidence and the commit that approved it is made by
//! following links only, and the same register gives the same bytes. Registers that
//! try to break out (paths with `..`, symlinks, markup in names and text) are shown,
//! not obeyed.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fs;
use std::path::{Path, PathBuf};

use html5ever::parse_document;
use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{Handle, NodeData, RcDom};

use crate::trail::{DEV, git};
use crate::{Ran, Reg, aims_in, copy_dir};

const PRIYA: (&str, &str) = ("Priya Natarajan", "priya@northwind.example");
const TOM: (&str, &str) = ("Tom Okafor", "tom@northwind.example");

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/northwind")
}

/// The example committed by the ML lead on 2026-11-01, then R-001, A.6.2.4 and
/// `aims.yaml` approved by the head of AI governance with `aims approve`.
fn approved_example() -> Reg {
    let reg = Reg::empty();
    copy_dir(&example(), reg.path());
    git(reg.path(), TOM, "2026-11-01", &["init", "-q", "-b", "main"]);
    git(reg.path(), TOM, "2026-11-01", &["add", "-A"]);
    git(
        reg.path(),
        TOM,
        "2026-11-01",
        &["commit", "-qm", "Northwind register"],
    );
    git(
        reg.path(),
        DEV,
        "2026-11-02",
        &["config", "user.name", PRIYA.0],
    );
    git(
        reg.path(),
        DEV,
        "2026-11-02",
        &["config", "user.email", PRIYA.1],
    );
    let Ran { code, stderr, .. } = reg.run(&[
        "approve",
        "R-001",
        "A.6.2.4",
        "aims",
        "-m",
        "Approve the fairness risk and its validation control",
    ]);
    assert_eq!(code, 0, "{stderr}");
    reg
}

/// Writes the site of `reg` to `out` (a path outside the register) as of 2026-11-22.
fn site(reg: &Path, out: &Path, extra: &[&str]) -> Ran {
    let out = out.to_str().expect("utf-8 path");
    let mut args = vec!["report", "site", "--output", out, "--today", "2026-11-22"];
    args.extend(extra);
    aims_in(reg, &args)
}

/// Every file of a folder tree, by its path relative to `root`, `/`-separated.
fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in fs::read_dir(dir).expect("read dir") {
            let entry = entry.expect("entry");
            let path = entry.path();
            let kind = entry.file_type().expect("type");
            assert!(!kind.is_symlink(), "the site holds a symlink: {path:?}");
            if kind.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).expect("inside");
                let rel = rel.to_str().expect("utf-8").replace('\\', "/");
                out.insert(rel, fs::read(&path).expect("read"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

/// One element of a parsed page: its name, attributes and text.
#[derive(Debug, Clone)]
struct Element {
    name: String,
    attrs: BTreeMap<String, String>,
    text: String,
    /// The indexes (in the page's list) of the elements inside it.
    inner: Vec<usize>,
}

/// A page parsed as browsers parse it, with the parser's errors.
struct Page {
    elements: Vec<Element>,
    errors: Vec<String>,
}

impl Page {
    fn parse(html: &[u8]) -> Page {
        let dom = parse_document(RcDom::default(), Default::default())
            .from_utf8()
            .read_from(&mut &html[..])
            .expect("parses");
        let mut elements = Vec::new();
        collect(&dom.document, &mut elements);
        let errors = dom.errors.borrow().iter().map(|e| e.to_string()).collect();
        Page { elements, errors }
    }

    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.elements.iter().filter(move |e| e.name == name)
    }

    /// The `href`s of the links inside element `at`.
    fn links_in(&self, at: &Element) -> Vec<String> {
        at.inner
            .iter()
            .map(|&i| &self.elements[i])
            .filter(|e| e.name == "a")
            .filter_map(|e| e.attrs.get("href").cloned())
            .collect()
    }

    fn ids(&self) -> BTreeSet<String> {
        self.elements
            .iter()
            .filter_map(|e| e.attrs.get("id").cloned())
            .collect()
    }
}

/// Appends the elements under `node` in document order; returns their indexes and
/// their text.
fn collect(node: &Handle, out: &mut Vec<Element>) -> (Vec<usize>, String) {
    let mut inner = Vec::new();
    let mut text = String::new();
    for child in node.children.borrow().iter() {
        match &child.data {
            NodeData::Element { name, attrs, .. } => {
                let at = out.len();
                out.push(Element {
                    name: name.local.to_string(),
                    attrs: attrs
                        .borrow()
                        .iter()
                        .map(|a| (a.name.local.to_string(), a.value.to_string()))
                        .collect(),
                    text: String::new(),
                    inner: Vec::new(),
                });
                let (below, words) = collect(child, out);
                out[at].inner = below.clone();
                out[at].text = words.clone();
                inner.push(at);
                inner.extend(below);
                text.push_str(&words);
            }
            NodeData::Text { contents } => text.push_str(&contents.borrow()),
            _ => {
                let (below, words) = collect(child, out);
                inner.extend(below);
                text.push_str(&words);
            }
        }
    }
    (inner, text)
}

/// Percent-decodes a URL path.
fn decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = path.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).expect("utf-8 path")
}

/// Where a link from page `from` leads inside the site: the file and the fragment.
/// None for a link out of the site (an evidence URL); a panic for anything that is
/// neither a relative link nor `http(s)`.
fn resolve(from: &str, href: &str) -> Option<(String, Option<String>)> {
    if href.starts_with("https://") || href.starts_with("http://") {
        return None;
    }
    assert!(
        !href.contains(':') || href.find(':') > href.find(['/', '?', '#']),
        "`{href}` on {from} is neither relative nor http(s)"
    );
    assert!(!href.starts_with('/'), "`{href}` on {from} is absolute");
    let (rest, fragment) = match href.split_once('#') {
        Some((p, f)) => (p, Some(decode(f))),
        None => (href, None),
    };
    let rest = rest.split('?').next().unwrap_or_default();
    if rest.is_empty() {
        return Some((from.to_string(), fragment));
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for segment in rest.split('/') {
        match segment {
            ".." => {
                assert!(parts.pop().is_some(), "`{href}` on {from} leaves the site");
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    Some((decode(&parts.join("/")), fragment))
}

/// Checks every page and stylesheet of a site: every page parses without error,
/// every internal `href` and `src` (and `url()` of the CSS) resolves to a file of the
/// site and every fragment to an element of the page it names, nothing is loaded
/// from outside. Returns each page's internal links, for walking.
fn check_links(site: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<String>> {
    let mut pages: BTreeMap<String, Page> = BTreeMap::new();
    for (path, bytes) in site {
        if path.ends_with(".html") && !path.starts_with("files/") {
            let page = Page::parse(bytes);
            assert!(page.errors.is_empty(), "{path}: {:?}", page.errors);
            pages.insert(path.clone(), page);
        }
    }
    assert!(pages.len() > 50, "{} pages", pages.len());
    let mut graph = BTreeMap::new();
    let mut broken = Vec::new();
    for (path, page) in &pages {
        let mut out = Vec::new();
        for e in &page.elements {
            for attr in ["href", "src", "action"] {
                let Some(link) = e.attrs.get(attr) else {
                    continue;
                };
                if attr != "href" {
                    assert!(
                        !link.contains("://") && !link.starts_with("//"),
                        "{path} loads `{link}` from outside the site"
                    );
                }
                let Some((target, fragment)) = resolve(path, link) else {
                    continue;
                };
                if !site.contains_key(&target) {
                    broken.push(format!("{path}: {attr}=\"{link}\" (no {target})"));
                    continue;
                }
                if let Some(fragment) = fragment {
                    let ids = pages.get(&target).map(Page::ids).unwrap_or_default();
                    if !ids.contains(&fragment) {
                        broken.push(format!("{path}: {link} (no #{fragment} in {target})"));
                    }
                }
                if e.name == "a" {
                    out.push(target);
                }
            }
        }
        graph.insert(path.clone(), out);
    }
    for (path, bytes) in site.iter().filter(|(p, _)| p.ends_with(".css")) {
        let css = String::from_utf8_lossy(bytes);
        for part in css.split("url(").skip(1) {
            let link = part
                .split(')')
                .next()
                .unwrap_or_default()
                .trim_matches(['"', '\'']);
            if link.starts_with("data:") {
                continue;
            }
            match resolve(path, link) {
                Some((target, _)) if site.contains_key(&target) => {}
                _ => broken.push(format!("{path}: url({link})")),
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    graph
}

/// The fewest clicks from the home page to every page.
fn clicks(graph: &BTreeMap<String, Vec<String>>) -> BTreeMap<String, usize> {
    let mut depth = BTreeMap::from([("index.html".to_string(), 0)]);
    let mut queue = VecDeque::from(["index.html".to_string()]);
    while let Some(page) = queue.pop_front() {
        let d = depth[&page];
        for next in graph.get(&page).into_iter().flatten() {
            if !depth.contains_key(next) {
                depth.insert(next.clone(), d + 1);
                queue.push_back(next.clone());
            }
        }
    }
    depth
}

fn page(site: &BTreeMap<String, Vec<u8>>, path: &str) -> Page {
    Page::parse(site.get(path).unwrap_or_else(|| panic!("no {path}")))
}

#[test]
fn the_example_site_links_everything_and_every_page_is_three_clicks_from_home() {
    let reg = approved_example();
    let out = crate::tempdir();
    let target = out.path().join("site");
    let Ran { code, stderr, .. } = site(reg.path(), &target, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("pages and 38 evidence files"), "{stderr}");
    let site = files(&target);
    let graph = check_links(&site);
    let depth = clicks(&graph);
    let far: Vec<String> = graph
        .keys()
        .filter(|p| depth.get(*p).is_none_or(|d| *d > 3))
        .map(|p| format!("{p} ({:?})", depth.get(p)))
        .collect();
    assert!(far.is_empty(), "more than three clicks from home: {far:?}");
    // Every evidence file of the register is copied, byte for byte.
    for (path, bytes) in site.iter().filter(|(p, _)| p.starts_with("files/")) {
        let rel = path.strip_prefix("files/").expect("files");
        let rel = rel
            .strip_suffix(".txt")
            .filter(|r| r.ends_with(".html"))
            .unwrap_or(rel);
        assert_eq!(
            &fs::read(reg.join(rel)).expect("register file"),
            bytes,
            "{path}"
        );
    }
    // Every kind has its index, every entity its page.
    for (folder, count) in [
        ("systems", 5),
        ("risks", 21),
        ("impacts", 4),
        ("controls", 38),
        ("incidents", 4),
        ("policies", 3),
        ("objectives", 3),
        ("audits", 3),
        ("management-reviews", 2),
        ("roles", 8),
    ] {
        let pages = site
            .keys()
            .filter(|p| p.starts_with(&format!("{folder}/")) && !p.contains("/heat-"))
            .count();
        assert_eq!(pages, count + 1, "{folder}");
    }
    let home = String::from_utf8_lossy(&site["index.html"]).into_owned();
    for words in [
        "Northwind Lending Ltd",
        "Clause readiness",
        "Risk heat maps",
        "Overdue",
        "Recent changes",
        "Approve the fairness risk and its validation control",
    ] {
        assert!(home.contains(words), "home lacks {words}");
    }
}

#[test]
fn a_newcomer_clicks_from_home_to_a_high_risk_its_control_its_evidence_and_the_approval() {
    let reg = approved_example();
    let out = crate::tempdir();
    let target = out.path().join("site");
    let Ran { code, stderr, .. } = site(reg.path(), &target, &[]);
    assert_eq!(code, 0, "{stderr}");
    let site = files(&target);

    // Home: the table of the highest open risks; the first row whose band is high.
    let home = page(&site, "index.html");
    let row = home
        .all("tr")
        .find(|tr| {
            tr.text.contains("high")
                && home
                    .links_in(tr)
                    .iter()
                    .any(|h| h.starts_with("risks/R-001"))
        })
        .expect("a high risk on the home page");
    let href = home.links_in(row)[0].clone();
    let (risk_path, _) = resolve("index.html", &href).expect("internal");
    assert_eq!(risk_path, "risks/R-001.html");

    // The risk: the control that treats it.
    let risk = page(&site, &risk_path);
    assert!(
        risk.all("h1")
            .any(|h| h.text.contains("Credit model under-scores")),
        "risk title"
    );
    let control_href = risk
        .all("a")
        .filter_map(|a| a.attrs.get("href"))
        .find(|h| h.ends_with("controls/A.6.2.4.html"))
        .expect("a link to the control")
        .clone();
    let (control_path, _) = resolve(&risk_path, &control_href).expect("internal");

    // The control: its evidence, copied into the site, and its approval.
    let control = page(&site, &control_path);
    let evidence = control
        .all("a")
        .find(|a| a.attrs.get("class").is_some_and(|c| c == "file"))
        .expect("an evidence file link");
    let (file, _) = resolve(&control_path, &evidence.attrs["href"]).expect("internal");
    assert_eq!(
        file,
        "files/evidence/lifecycle/model-validation-procedure.md"
    );
    assert_eq!(
        site[&file],
        fs::read(reg.join("evidence/lifecycle/model-validation-procedure.md")).expect("read")
    );
    let approval = control
        .all("section")
        .find(|s| {
            s.attrs
                .get("aria-labelledby")
                .is_some_and(|a| a == "approval")
        })
        .expect("an approval section");
    assert!(approval.text.contains("current"), "{}", approval.text);
    assert!(
        approval.text.contains("Priya Natarajan"),
        "{}",
        approval.text
    );
    let commit_href = control
        .links_in(approval)
        .into_iter()
        .find(|h| h.contains("history/"))
        .expect("a link to the approving commit");
    let (commit_path, _) = resolve(&control_path, &commit_href).expect("internal");
    let commit = page(&site, &commit_path);
    let text: String = commit.all("main").map(|m| m.text.clone()).collect();
    assert!(text.contains("Approve the fairness risk"), "{text}");
    assert!(text.contains("Priya Natarajan"), "{text}");
    assert!(text.contains("A.6.2.4"), "{text}");

    // The evidence index names the file's hash, and the control among who cites it.
    let index = String::from_utf8_lossy(&site["evidence/index.html"]).into_owned();
    let sha = sha256_hex(&site[&file]);
    assert!(index.contains(&sha), "the index shows the copy's SHA-256");

    // The SoA page carries its document control: commit, date, who approved.
    let soa = page(&site, "reports/soa.html");
    let control_block: String = soa
        .all("section")
        .filter(|s| {
            s.attrs
                .get("aria-labelledby")
                .is_some_and(|a| a == "doc-control")
        })
        .map(|s| s.text.clone())
        .collect();
    assert!(control_block.contains("Priya Natarajan"), "{control_block}");
    assert!(control_block.contains("2026-11-22"), "{control_block}");
}

fn sha256_hex(bytes: &[u8]) -> String {
    let out = std::process::Command::new("sha256sum")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().expect("stdin").write_all(bytes)?;
            child.wait_with_output()
        })
        .expect("sha256sum runs");
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .next()
        .expect("hash")
        .to_string()
}

#[test]
fn the_same_register_gives_the_same_bytes_and_at_reads_an_older_version() {
    let reg = approved_example();
    let out = crate::tempdir();
    let (a, b) = (out.path().join("a"), out.path().join("b"));
    assert_eq!(site(reg.path(), &a, &[]).code, 0);
    assert_eq!(site(reg.path(), &b, &[]).code, 0);
    let (first, second) = (files(&a), files(&b));
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(bytes == &second[path], "{path} differs between two runs");
    }
    // Writing again over a site replaces it.
    assert_eq!(site(reg.path(), &a, &[]).code, 0);
    assert_eq!(files(&a), first);
    // The default folder, in the register's own folder: written again, it is not an
    // uncommitted change of the register, and the pages say the register is clean.
    for _ in 0..2 {
        let Ran { code, stderr, .. } = reg.run(&["report", "site", "--today", "2026-11-22"]);
        assert_eq!(code, 0, "{stderr}");
    }
    let home = fs::read_to_string(reg.join("aims-site/index.html")).expect("home");
    assert!(!home.contains("uncommitted"), "clean");
    assert_eq!(files(&reg.join("aims-site")), first);

    // --at the commit before the approval: nothing approved yet, and the page says
    // which version it shows.
    let old = out.path().join("old");
    let Ran { code, stderr, .. } = site(reg.path(), &old, &["--at", "HEAD~1"]);
    assert_eq!(code, 0, "{stderr}");
    let old = files(&old);
    check_links(&old);
    let control = String::from_utf8_lossy(&old["controls/A.6.2.4.html"]).into_owned();
    assert!(control.contains("unapproved"), "before the approval");
    assert!(!control.contains("Priya Natarajan"));
    assert!(
        String::from_utf8_lossy(&old["index.html"]).contains("--at HEAD~1"),
        "the home page names the version"
    );
}

#[test]
fn a_site_is_written_only_where_it_cannot_replace_anything_else() {
    let reg = Reg::new();
    let out = crate::tempdir();
    // A folder holding other files is not replaced.
    let busy = out.path().join("busy");
    fs::create_dir_all(&busy).expect("dir");
    fs::write(busy.join("notes.txt"), "mine").expect("write");
    let Ran { code, stderr, .. } = site(reg.path(), &busy, &[]);
    assert_ne!(code, 0);
    assert!(stderr.contains("not a site aims wrote"), "{stderr}");
    assert_eq!(
        fs::read_to_string(busy.join("notes.txt")).expect("kept"),
        "mine"
    );
    // Nor the register's own folders, nor the register itself.
    for inside in ["evidence/site", "risks", "."] {
        let Ran { code, .. } = site(reg.path(), &reg.join(inside), &[]);
        assert_ne!(code, 0, "{inside}");
    }
    // A symlink as the target is refused.
    #[cfg(unix)]
    {
        let link = out.path().join("link");
        std::os::unix::fs::symlink(out.path(), &link).expect("symlink");
        assert_ne!(site(reg.path(), &link, &[]).code, 0);
    }
    // Standard output and other formats are refused with a hint.
    let Ran { code, stderr, .. } = reg.aims(&["report", "site", "--output", "-"]);
    assert_ne!(code, 0);
    assert!(stderr.contains("folder"), "{stderr}");
    let Ran { code, .. } = reg.aims(&["report", "site", "--format", "csv"]);
    assert_ne!(code, 0);
}

#[test]
fn nothing_in_a_register_injects_markup_or_reads_outside_it() {
    let outside = crate::tempdir();
    fs::write(outside.path().join("secret.txt"), "TOP SECRET").expect("write");
    let hostile = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>";
    let reg = Reg::new()
        .file("evidence/a b<i>.md", "fine")
        .file("evidence/page.html", "<script>alert(3)</script>")
        .file(
            "risks/R-001.yaml",
            &format!(
                "id: R-001\ntitle: '{hostile}'\nsystems: [sys]\ncategory: bias-fairness\n\
                 cause: 'javascript:alert(4) </main>'\nowner: lead\nstatus: open\n\
                 identified: 2026-01-01\nreview: {{ last: 2026-10-01 }}\n\
                 assessment: {{ likelihood: 2, consequence: 2, rationale: '{hostile}' }}\n\
                 treatment:\n  option: mitigate\n  rationale: Reduce it.\n  actions:\n\
                 \x20   - id: T1\n      description: '{hostile}'\n      owner: lead\n      due: 2027-01-01\n\
                 \x20     status: done\n      completed: 2026-10-01\n      evidence:\n\
                 \x20       - ../../../../../../etc/passwd\n        - evidence/../../secret.txt\n\
                 \x20       - evidence/link.md\n        - 'evidence/a b<i>.md'\n        - evidence/page.html\n\
                 \x20       - 'javascript:alert(5)'\n"
            ),
        );
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        reg.join("evidence/link.md"),
    )
    .expect("symlink");
    let out = crate::tempdir();
    let target = out.path().join("site");
    let Ran { code, stderr, .. } = site(reg.path(), &target, &[]);
    assert_eq!(code, 0, "{stderr}");
    let site = files(&target);
    let (_, check) = reg.check_json();
    assert!(site.contains_key("risks/R-001.html"), "{check}");
    check_links(&site);
    for (path, bytes) in &site {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains("TOP SECRET"),
            "{path} holds a file from outside"
        );
        assert!(!text.contains("root:x:0"), "{path} holds /etc/passwd");
        if path.ends_with(".html") && !path.starts_with("files/") {
            assert!(!text.contains("<script>alert"), "{path} runs register text");
            assert!(!text.contains("<img src=x"), "{path} holds register markup");
            assert!(
                !text.contains("href=\"javascript:"),
                "{path} links a script"
            );
            let page = Page::parse(bytes);
            for e in &page.elements {
                assert!(
                    !e.attrs.keys().any(|k| k.starts_with("on")),
                    "{path}: an event handler attribute on <{}>",
                    e.name
                );
                if e.name == "script" {
                    let src = e.attrs.get("src").expect("scripts are files");
                    assert!(
                        src.ends_with("assets/site.js") || src.ends_with("assets/search.js"),
                        "{src}"
                    );
                }
            }
        }
    }
    // The evidence file with markup in its name is copied under its own name; the HTML
    // evidence is copied as text.
    assert!(site.contains_key("files/evidence/a b<i>.md"));
    assert!(site.contains_key("files/evidence/page.html.txt"));
    assert!(!site.contains_key("files/evidence/page.html"));
    assert!(
        !site
            .keys()
            .any(|k| k.contains("secret") || k.contains("passwd") || k.contains("link.md"))
    );
    let index = String::from_utf8_lossy(&site["evidence/index.html"]).into_owned();
    assert!(
        index.contains("a%20b%3Ci%3E.md"),
        "the link is percent-encoded"
    );
    let rows: Vec<String> = Page::parse(&site["evidence/index.html"])
        .all("tr")
        .map(|r| r.text.clone())
        .collect();
    for (cited, why) in [
        ("evidence/link.md", "outside: it is a symlink"),
        ("etc/passwd", "outside: `..` leads out of the register"),
        ("evidence/../../secret.txt", "outside: `..` leads out"),
        ("javascript:alert(5)", "missing"),
    ] {
        assert!(
            rows.iter().any(|r| r.contains(cited) && r.contains(why)),
            "{cited}: {rows:?}"
        );
    }
}

#[test]
fn a_register_template_replaces_a_page_of_the_site() {
    let reg = Reg::new().file(
        "templates/site/home.html.j2",
        "{% extends \"site/_layout.html.j2\" %}{% block main %}<h1>Our own home</h1><p>{{ site.organisation }}</p>{% endblock %}",
    );
    let out = crate::tempdir();
    let target = out.path().join("site");
    let Ran { code, stderr, .. } = site(reg.path(), &target, &[]);
    assert_eq!(code, 0, "{stderr}");
    let site = files(&target);
    assert!(String::from_utf8_lossy(&site["index.html"]).contains("<h1>Our own home</h1>"));
    check_links(&site);
}

/// The text of a page's main content, whitespace collapsed, without the file as
/// written (which holds every field trivially).
fn shown_text(page: &Page) -> String {
    let mut skip = BTreeSet::new();
    for e in &page.elements {
        if e.name == "section"
            && e.attrs
                .get("aria-labelledby")
                .is_some_and(|a| a == "source")
        {
            skip.extend(e.inner.iter().copied());
        }
    }
    let main = page.all("main").next().expect("main");
    let mut text = main.text.clone();
    for &i in &skip {
        let e = &page.elements[i];
        if e.name == "pre" {
            text = text.replace(&e.text, " ");
        }
    }
    collapse(&text)
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every text, number and date a YAML value holds, with where it is.
fn leaves(value: &serde_json::Value, at: &str, out: &mut Vec<(String, String)>) {
    match value {
        serde_json::Value::String(s) => out.push((at.to_string(), collapse(s))),
        serde_json::Value::Number(n) => out.push((at.to_string(), n.to_string())),
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                leaves(v, &format!("{at}/{i}"), out);
            }
        }
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                leaves(v, &format!("{at}/{k}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_field_of_every_record_is_shown_on_its_page() {
    let reg = Reg::empty();
    copy_dir(&example(), reg.path());
    let out = crate::tempdir();
    let target = out.path().join("site");
    let Ran { code, stderr, .. } = site(reg.path(), &target, &[]);
    assert_eq!(code, 0, "{stderr}");
    let site = files(&target);
    let evidence = shown_text(&page(&site, "evidence/index.html"));
    let mut missing = Vec::new();
    let mut checked = 0;
    for (file, bytes) in files(reg.path()) {
        if !file.ends_with(".yaml") {
            continue;
        }
        let pages: Vec<String> = match file.as_str() {
            "aims.yaml" => {
                let mut pages = vec!["organisation/index.html".to_string()];
                pages.extend(site.keys().filter(|p| p.starts_with("roles/")).cloned());
                pages
            }
            "context.yaml" => vec!["organisation/context.html".to_string()],
            _ => vec![file.replace(".yaml", ".html")],
        };
        let text: String = pages
            .iter()
            .map(|p| shown_text(&page(&site, p)))
            .collect::<Vec<_>>()
            .join(" ");
        let parsed = aims::yaml::parse(&String::from_utf8_lossy(&bytes)).expect("parses");
        let mut found = Vec::new();
        leaves(&parsed.value, "", &mut found);
        for (at, value) in found {
            checked += 1;
            // Evidence pins are shown on the evidence index, with the file they pin.
            let pinned = at.ends_with("/sha256") && evidence.contains(&value);
            if !(text.contains(&value) || pinned) {
                missing.push(format!("{file}{at}: {value}"));
            }
        }
    }
    assert!(checked > 1000, "{checked} values");
    assert!(missing.is_empty(), "not shown:\n{}", missing.join("\n"));
}

#[test]
fn a_monitor_has_its_page_linked_from_its_system_risk_and_control() {
    let reg = Reg::new().risk("R-001", "").file(
        "monitors/drift.yaml",
        "id: drift\nsystem: sys\nkind: drift\nmetric: Population stability index\n\
         threshold: { max: 0.2 }\nwarn: { max: 0.1 }\nevery: 1m\nowner: ml-lead\n\
         risks: [R-001]\ncontrols: [A.6.2.6]\ndescription: Monthly PSI of the input features.\n",
    );
    let out = crate::tempdir();
    let target = out.path().join("site");
    let Ran { code, stderr, .. } = site(reg.path(), &target, &[]);
    assert_eq!(code, 0, "{stderr}");
    let site = files(&target);
    check_links(&site);
    let monitor = shown_text(&page(&site, "monitors/drift.html"));
    for words in [
        "Population stability index",
        "max 0.2",
        "max 0.1",
        "1m",
        "Monthly PSI",
    ] {
        assert!(monitor.contains(words), "{words}: {monitor}");
    }
    assert!(
        monitor.contains("nothing measured yet") && monitor.contains("now (never measured)"),
        "{monitor}"
    );
    // with measurements: where the latest stands and every breach
    fs::write(
        reg.path().join("measurements/drift.csv"),
        "date,value,source,note\n2026-09-30,0.05,job,\n2026-10-31,0.3,job,\n",
    )
    .expect("measurements");
    let again = out.path().join("again");
    let Ran { code, stderr, .. } = self::site(reg.path(), &again, &[]);
    assert_eq!(code, 0, "{stderr}");
    let monitor = shown_text(&page(&files(&again), "monitors/drift.html"));
    for words in [
        "0.3 on 2026-10-31, beyond the threshold (max 0.2)",
        "Measurements2",
        "0.3 on 2026-10-31",
    ] {
        assert!(monitor.contains(words), "{words}: {monitor}");
    }
    for from in [
        "systems/sys.html",
        "risks/R-001.html",
        "controls/A.6.2.6.html",
    ] {
        let page = page(&site, from);
        assert!(
            page.all("a").any(|a| a
                .attrs
                .get("href")
                .is_some_and(|h| h.ends_with("monitors/drift.html"))),
            "{from} links the monitor"
        );
    }
    let index = page(&site, "monitors/index.html");
    // The first row: the index is in register order, and `drift` comes first.
    let cells: Vec<String> = index
        .all("td")
        .take(8)
        .map(|td| collapse(&td.text))
        .collect();
    assert_eq!(
        cells,
        [
            "drift",
            "sys",
            "drift",
            "Population stability index",
            "max 0.2",
            "1m",
            "ML Lead (ml-lead)",
            ""
        ]
    );
}
