//! The site's template environment: the report environment (strict, sandboxed, HTML
//! escaped, with every report template), the site's own templates under `site/`, the
//! register's overrides of either, and the functions pages link with.
//!
//! Every function that returns markup builds it in `links`, which escapes what it
//! puts between the tags and percent-encodes what it puts in a URL: templates never
//! assemble a link from register text themselves. Each page learns the way back to
//! the site root from its `root` variable.

use std::sync::Arc;

use minijinja::value::{Kwargs, Value, ValueKind};
use minijinja::{Environment, Error, ErrorKind, State};

use super::kinds::{Cell, Column, page_kind};
use super::links::{Links, escape, text_of};
use crate::report::{self, ReportError};

/// The site's built-in templates, by name.
pub const TEMPLATES: &[(&str, &str)] = &[
    (
        "site/_layout.html.j2",
        include_str!("../../templates/site/_layout.html.j2"),
    ),
    (
        "site/_macros.html.j2",
        include_str!("../../templates/site/_macros.html.j2"),
    ),
    (
        "site/_footer.html.j2",
        include_str!("../../templates/site/_footer.html.j2"),
    ),
    (
        "site/home.html.j2",
        include_str!("../../templates/site/home.html.j2"),
    ),
    (
        "site/index.html.j2",
        include_str!("../../templates/site/index.html.j2"),
    ),
    (
        "site/system.html.j2",
        include_str!("../../templates/site/system.html.j2"),
    ),
    (
        "site/risk.html.j2",
        include_str!("../../templates/site/risk.html.j2"),
    ),
    (
        "site/impact.html.j2",
        include_str!("../../templates/site/impact.html.j2"),
    ),
    (
        "site/control.html.j2",
        include_str!("../../templates/site/control.html.j2"),
    ),
    (
        "site/incident.html.j2",
        include_str!("../../templates/site/incident.html.j2"),
    ),
    (
        "site/policy.html.j2",
        include_str!("../../templates/site/policy.html.j2"),
    ),
    (
        "site/objective.html.j2",
        include_str!("../../templates/site/objective.html.j2"),
    ),
    (
        "site/monitor.html.j2",
        include_str!("../../templates/site/monitor.html.j2"),
    ),
    (
        "site/internal-audit.html.j2",
        include_str!("../../templates/site/internal-audit.html.j2"),
    ),
    (
        "site/management-review.html.j2",
        include_str!("../../templates/site/management-review.html.j2"),
    ),
    (
        "site/clause.html.j2",
        include_str!("../../templates/site/clause.html.j2"),
    ),
    (
        "site/role.html.j2",
        include_str!("../../templates/site/role.html.j2"),
    ),
    (
        "site/context.html.j2",
        include_str!("../../templates/site/context.html.j2"),
    ),
    (
        "site/configuration.html.j2",
        include_str!("../../templates/site/configuration.html.j2"),
    ),
    (
        "site/reference.html.j2",
        include_str!("../../templates/site/reference.html.j2"),
    ),
    (
        "site/evidence.html.j2",
        include_str!("../../templates/site/evidence.html.j2"),
    ),
    (
        "site/history.html.j2",
        include_str!("../../templates/site/history.html.j2"),
    ),
    (
        "site/commit.html.j2",
        include_str!("../../templates/site/commit.html.j2"),
    ),
    (
        "site/soa.html.j2",
        include_str!("../../templates/site/soa.html.j2"),
    ),
    (
        "site/register.html.j2",
        include_str!("../../templates/site/register.html.j2"),
    ),
    (
        "site/audit.html.j2",
        include_str!("../../templates/site/audit.html.j2"),
    ),
    (
        "site/check.html.j2",
        include_str!("../../templates/site/check.html.j2"),
    ),
    (
        "site/due.html.j2",
        include_str!("../../templates/site/due.html.j2"),
    ),
    (
        "site/heat.html.j2",
        include_str!("../../templates/site/heat.html.j2"),
    ),
    (
        "site/search.html.j2",
        include_str!("../../templates/site/search.html.j2"),
    ),
    (
        "site/site.css.j2",
        include_str!("../../templates/site/site.css.j2"),
    ),
    (
        "site/site.js.j2",
        include_str!("../../templates/site/site.js.j2"),
    ),
];

/// The environment every page renders in; shared by the threads rendering pages.
pub fn environment(
    overrides: &[(String, String)],
    links: Arc<Links>,
    fuel: u64,
) -> Result<Environment<'static>, ReportError> {
    let mut env = report::environment(&[], report::Escape::Html)?;
    env.set_fuel(Some(fuel));
    for (name, source) in TEMPLATES {
        env.add_template(name, source)
            .map_err(report::template_error)?;
    }
    for (name, source) in overrides {
        env.add_template_owned(name.clone(), source.clone())
            .map_err(report::template_error)?;
    }
    // `ref`: ids of a kind, linked; `refs`: the same, or `none` for no id.
    env.add_filter("ref", ref_filter(links.clone(), ""));
    env.add_filter("refs", ref_filter(links.clone(), NONE));
    let l = links.clone();
    env.add_filter("role", move |state: &State, ids: Value| -> Value {
        let root = root(state);
        let html = items(&ids)
            .iter()
            .map(|id| l.role(&root, id))
            .collect::<Vec<_>>()
            .join(", ");
        Value::from_safe_string(html)
    });
    let l = links.clone();
    env.add_filter("linkify", move |state: &State, text: Value| -> Value {
        Value::from_safe_string(l.linkify(&root(state), &text_of(&text)))
    });
    let l = links.clone();
    env.add_filter(
        "evidence",
        move |state: &State, item: Value| -> Result<Value, Error> {
            evidence(&l, &root(state), &item)
        },
    );
    // The small building blocks every page uses many times are filters rather than
    // macros: a macro call costs a template frame, and the site renders one page per
    // entity.
    env.add_filter("status", |word: Value| -> Value {
        Value::from_safe_string(status(&text_of(&word)))
    });
    let l = links.clone();
    env.add_filter("text", move |state: &State, text: Value| -> Value {
        let text = text_of(&text);
        Value::from_safe_string(if text.is_empty() {
            NOT_RECORDED.to_string()
        } else {
            format!(
                "<span class=\"text\">{}</span>",
                l.linkify(&root(state), &text)
            )
        })
    });
    env.add_filter("joined", |list: Value| -> Value {
        let list = items(&list);
        Value::from_safe_string(if list.is_empty() {
            NONE.to_string()
        } else {
            escape(&list.join(", "))
        })
    });
    env.add_filter(
        "date",
        |date: Value, kwargs: Kwargs| -> Result<Value, Error> {
            let overdue: Option<bool> = kwargs.get("overdue")?;
            kwargs.assert_all_used()?;
            let date = text_of(&date);
            Ok(Value::from_safe_string(if date.is_empty() {
                NONE.to_string()
            } else if overdue.unwrap_or(false) {
                format!(
                    "<span class=\"date overdue\">{} (overdue)</span>",
                    escape(&date)
                )
            } else {
                format!("<span class=\"date\">{}</span>", escape(&date))
            }))
        },
    );
    env.add_filter("score", |entry: Value| -> Value {
        Value::from_safe_string(score(&entry))
    });
    env.add_filter("band", |entry: Value| -> Value {
        Value::from_safe_string(band(&entry))
    });
    env.add_filter("url", |state: &State, path: String| -> Value {
        Value::from_safe_string(format!(
            "{}{}",
            escape(&root(state)),
            escape(&super::links::encode_path(&path))
        ))
    });
    env.add_filter("anchor", |text: String| -> String {
        super::links::anchor_id(&text)
    });
    env.add_filter("fields", |value: Value| -> Value {
        Value::from_safe_string(fields(&value))
    });
    let l = links.clone();
    env.add_function(
        "cells",
        move |state: &State, row: Value, kind: String| -> Result<Value, Error> {
            let kind = page_kind(&kind).ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidOperation,
                    format!("no page kind `{kind}`"),
                )
            })?;
            let root = root(state);
            Ok(Value::from(
                kind.columns
                    .iter()
                    .map(|c| cell(&l, &root, kind.key, &row, c))
                    .collect::<Vec<_>>(),
            ))
        },
    );
    Ok(env)
}

/// A filter linking an id, or each of a list of ids, of the kind it is given
/// (`titled=true` adds each page's title); `empty` is what no id shows.
fn ref_filter(
    links: Arc<Links>,
    empty: &'static str,
) -> impl Fn(&State, Value, String, Kwargs) -> Result<Value, Error> + Send + Sync + 'static {
    move |state, ids, kind, kwargs| {
        let titled: Option<bool> = kwargs.get("titled")?;
        kwargs.assert_all_used()?;
        let root = root(state);
        let ids = items(&ids);
        Ok(Value::from_safe_string(if ids.is_empty() {
            empty.to_string()
        } else {
            ids.iter()
                .map(|id| links.anchor(&root, &kind, id, titled.unwrap_or(false)))
                .collect::<Vec<_>>()
                .join(", ")
        }))
    }
}

/// The way from the page being rendered back to the site root.
fn root(state: &State) -> String {
    state
        .lookup("root")
        .map(|r| text_of(&r))
        .unwrap_or_default()
}

/// The ids a value holds: one string, or each item of a list.
fn items(value: &Value) -> Vec<String> {
    if value.kind() == ValueKind::Seq {
        value
            .try_iter()
            .map(|i| i.map(|v| text_of(&v)).collect())
            .unwrap_or_default()
    } else if value.is_none() || value.is_undefined() {
        Vec::new()
    } else {
        vec![text_of(value)]
    }
}

/// An evidence entry as a link: to the copy of a register file (and its line in the
/// evidence index), to a URL, or the path marked as missing.
fn evidence(links: &Links, root: &str, item: &Value) -> Result<Value, Error> {
    let reference = if item.kind() == ValueKind::Map {
        text_of(&item.get_attr("reference")?)
    } else {
        text_of(item)
    };
    let root_attr = escape(root);
    let index = links.get("evidence", &reference).map(|t| t.href.clone());
    let mut html = if let Some(copy) = links.file(&reference) {
        format!(
            "<a href=\"{root_attr}{copy}\" class=\"file\">{}</a>",
            escape(&reference)
        )
    } else if reference.starts_with("https://") || reference.starts_with("http://") {
        format!(
            "<a href=\"{}\" class=\"external\" rel=\"noopener noreferrer\">{}</a>",
            escape(&reference),
            escape(&reference)
        )
    } else {
        format!(
            "<span class=\"missing\" title=\"not a file in the register\">{}</span>",
            escape(&reference)
        )
    };
    if let Some(index) = index {
        html.push_str(&format!(
            " <a href=\"{root_attr}{index}\" class=\"detail\" aria-label=\"{} in the evidence index\">(index)</a>",
            escape(&reference)
        ));
    }
    Ok(Value::from_safe_string(html))
}

/// One cell of an index row: its markup and its class.
fn cell(links: &Links, root: &str, kind: &str, row: &Value, column: &Column) -> Value {
    let value = field(row, column.field);
    let list = || items(&value);
    let (html, class) = match column.cell {
        Cell::Id => {
            let id = text_of(&value);
            (links.anchor(root, kind, &id, false), "id")
        }
        Cell::Text => (escape(&list().join(", ")), ""),
        Cell::Link(k) | Cell::Links(k) => (
            list()
                .iter()
                .map(|id| links.anchor(root, k, id, false))
                .collect::<Vec<_>>()
                .join(", "),
            "",
        ),
        Cell::Role => (
            list()
                .iter()
                .map(|id| links.role(root, id))
                .collect::<Vec<_>>()
                .join(", "),
            "",
        ),
        Cell::Date(overdue) => {
            let text = escape(&text_of(&value));
            let late = overdue.is_some_and(|f| field(row, f).is_true());
            if late && !text.is_empty() {
                (
                    format!("<span class=\"overdue\">{text} (overdue)</span>"),
                    "date",
                )
            } else {
                (text, "date")
            }
        }
        Cell::Score => (score(&value), "score"),
        Cell::Flag => (
            match value.is_true() {
                true => "yes",
                false => "no",
            }
            .to_string(),
            "",
        ),
        Cell::Number => (escape(&text_of(&value)), "num"),
        Cell::Count => (value.len().unwrap_or(0).to_string(), "num"),
        Cell::Status => (status(&text_of(&value)), ""),
    };
    minijinja::context! { html => Value::from_safe_string(html), class => class }
}

/// What a field with nothing in it shows.
const NONE: &str = "<span class=\"muted\">none</span>";
const NOT_RECORDED: &str = "<span class=\"muted\">not recorded</span>";

/// A status word as a badge (`met`, `current`, `stale`, ...); nothing for none.
fn status(word: &str) -> String {
    if word.is_empty() {
        return String::new();
    }
    format!(
        "<span class=\"status s-{}\">{}</span>",
        escape(&word.replace(' ', "-")),
        escape(word)
    )
}

/// A field of a score entry, as text.
fn attr(value: &Value, name: &str) -> String {
    value
        .get_attr(name)
        .map(|v| text_of(&v))
        .unwrap_or_default()
}

/// The band of a score entry as a coloured badge; nothing without a band.
fn band(value: &Value) -> String {
    if value.is_none() || value.is_undefined() {
        return String::new();
    }
    let band = attr(value, "band");
    if band.is_empty() {
        return String::new();
    }
    format!(
        "<span class=\"band {}\">{}</span>",
        band_class(&attr(value, "colour")),
        escape(&band)
    )
}

/// `3 x 4 = 12` and the band as a badge, from a score entry.
pub fn score(value: &Value) -> String {
    if value.is_none() || value.is_undefined() {
        return String::new();
    }
    let badge = band(value);
    format!(
        "{}&nbsp;x&nbsp;{}&nbsp;=&nbsp;{}{}{badge}",
        escape(&attr(value, "likelihood")),
        escape(&attr(value, "consequence")),
        escape(&attr(value, "score")),
        if badge.is_empty() { "" } else { " " }
    )
}

/// The class that gives a band badge its colour (`#ef5350` is `c-ef5350`); the site's
/// stylesheet defines one for each colour of the band palette.
pub fn band_class(colour: &str) -> String {
    let hex: String = colour
        .trim_start_matches('#')
        .chars()
        .filter(char::is_ascii_hexdigit)
        .collect();
    format!("c-{hex}")
}

/// The value at a dotted path of a record.
fn field(row: &Value, path: &str) -> Value {
    let mut value = row.clone();
    for part in path.split('.') {
        value = value.get_attr(part).unwrap_or(Value::UNDEFINED);
        if value.is_undefined() || value.is_none() {
            return Value::from(());
        }
    }
    value
}

/// Users' own fields (the `x:` map), or any structured value, as nested definition
/// lists.
fn fields(value: &Value) -> String {
    match value.kind() {
        ValueKind::Map => {
            let mut out = String::from("<dl class=\"fields\">");
            if let Ok(keys) = value.try_iter() {
                for key in keys {
                    let item = value.get_item(&key).unwrap_or(Value::from(()));
                    out.push_str(&format!(
                        "<dt>{}</dt><dd>{}</dd>",
                        escape(&text_of(&key)),
                        fields(&item)
                    ));
                }
            }
            out.push_str("</dl>");
            out
        }
        ValueKind::Seq => {
            let mut out = String::from("<ul class=\"plain\">");
            if let Ok(items) = value.try_iter() {
                for item in items {
                    out.push_str(&format!("<li>{}</li>", fields(&item)));
                }
            }
            out.push_str("</ul>");
            out
        }
        _ => escape(&text_of(value)),
    }
}
