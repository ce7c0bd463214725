//! The XML plumbing the workbook readers share: a pull parser over a [`Bounded`]
//! zip part, attribute lookup by name, and text assembled from text, CDATA and
//! character references.

use std::io::{BufReader, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::limits::{Bounded, Overrun, OverrunError};

pub type Xml<R> = Reader<BufReader<Bounded<R>>>;

/// A pull parser over one part, read through the limits.
pub fn reader<R: Read>(inner: R) -> Xml<R> {
    let mut xml = Reader::from_reader(BufReader::new(Bounded::new(inner)));
    let config = xml.config_mut();
    config.expand_empty_elements = true;
    config.check_end_names = false;
    config.trim_text(false);
    xml
}

/// Why a part could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum XmlProblem {
    Overrun(Overrun),
    Malformed(String),
}

impl From<quick_xml::Error> for XmlProblem {
    fn from(error: quick_xml::Error) -> XmlProblem {
        if let quick_xml::Error::Io(io) = &error
            && let Some(OverrunError(o)) = io.get_ref().and_then(|e| e.downcast_ref())
        {
            return XmlProblem::Overrun(*o);
        }
        XmlProblem::Malformed(error.to_string())
    }
}

impl From<quick_xml::events::attributes::AttrError> for XmlProblem {
    fn from(error: quick_xml::events::attributes::AttrError) -> XmlProblem {
        XmlProblem::Malformed(error.to_string())
    }
}

/// The value of the attribute `name` (`r`, `table:number-columns-repeated`), matched
/// by its full name, or by its local name when `name` has no prefix.
pub fn attr(element: &BytesStart<'_>, name: &str) -> Result<Option<String>, XmlProblem> {
    for attribute in element.attributes().with_checks(false) {
        let attribute = attribute?;
        let key: &str = attribute.key.as_ref();
        let local = key.rsplit(':').next().unwrap_or(key);
        if key == name || (!name.contains(':') && local == name && !key.starts_with("xmlns")) {
            let value = attribute
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|e| XmlProblem::Malformed(e.to_string()))?;
            return Ok(Some(value.into_owned()));
        }
    }
    Ok(None)
}

/// The local name of an element: `c` for `<x:c>`.
pub fn local(element: &BytesStart<'_>) -> String {
    element.local_name().as_ref().to_string()
}

/// Appends the text an event carries to `out`; false when it carries none.
pub fn push_text(event: &Event<'_>, out: &mut String) -> Result<bool, XmlProblem> {
    match event {
        Event::Text(t) => out.push_str(&t.xml10_content()),
        Event::CData(t) => out.push_str(&t.xml10_content()),
        Event::GeneralRef(r) => {
            let name: &str = r;
            if let Some(s) = quick_xml::escape::resolve_xml_entity(name) {
                out.push_str(s);
            } else if let Some(c) = r
                .resolve_char_ref()
                .map_err(|e| XmlProblem::Malformed(e.to_string()))?
            {
                out.push(c);
            } else {
                return Err(XmlProblem::Malformed(format!("unknown entity `&{name};`")));
            }
        }
        _ => return Ok(false),
    }
    Ok(true)
}
