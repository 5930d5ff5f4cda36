//! Import: the parts of a `.docx` (XML) as a flat list of events with
//! namespace prefixes dropped.
//!
//! Takes the text of one XML part; gives [`Ev`]s: element starts (local
//! name and attributes by local name), ends and text with references
//! resolved. Word writes `w:`, WPS sometimes other prefixes for the same
//! namespaces (and adds `wpsCustomData`, `w14`, `wp14`): reading by local
//! name treats them alike. Pure.

use quick_xml::XmlVersion;
use quick_xml::events::Event;
use quick_xml::reader::Reader;

/// One event of an XML part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ev {
    /// An element opens (an empty element gives a start and an end).
    Start(Element),
    /// An element closes: its local name.
    End(String),
    /// Character data, references resolved.
    Text(String),
}

/// An opening element: its local name and its attributes by local name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    /// `p` for `<w:p>`.
    pub name: String,
    /// `("val", "Heading1")` for `w:val="Heading1"`.
    pub attrs: Vec<(String, String)>,
}

impl Element {
    /// The attribute with local name `name`.
    pub fn attr(&self, name: &str) -> Option<&str> {
        (self.attrs.iter())
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// A `w:val` that switches a property (`<w:b/>`, `<w:b w:val="0"/>`).
    pub fn on(&self) -> bool {
        !matches!(self.attr("val"), Some("0" | "false" | "off" | "none"))
    }
}

fn local(name: &str) -> String {
    match name.rsplit_once(':') {
        Some((_, l)) => l.to_string(),
        None => name.to_string(),
    }
}

fn element(e: &quick_xml::events::BytesStart) -> Result<Element, String> {
    let mut attrs = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(|e| e.to_string())?;
        let value = a
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|e| e.to_string())?;
        attrs.push((local(a.key.as_ref()), value.into_owned()));
    }
    Ok(Element {
        name: local(e.name().as_ref()),
        attrs,
    })
}

fn entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => return None,
    })
}

/// The events of `text`; an error (in words of the XML reader) when it is
/// not well-formed.
pub fn events(text: &str) -> Result<Vec<Ev>, String> {
    let mut reader = Reader::from_str(text);
    let mut out = Vec::new();
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) => out.push(Ev::Start(element(&e)?)),
            Event::Empty(e) => {
                let el = element(&e)?;
                let name = el.name.clone();
                out.push(Ev::Start(el));
                out.push(Ev::End(name));
            }
            Event::End(e) => out.push(Ev::End(local(e.name().as_ref()))),
            Event::Text(t) => out.push(Ev::Text(
                t.xml_content(XmlVersion::Implicit1_0).into_owned(),
            )),
            Event::CData(t) => out.push(Ev::Text(t.into_inner().into_owned())),
            Event::GeneralRef(r) => {
                let c = match r.clone().resolve_char_ref().map_err(|e| e.to_string())? {
                    Some(c) => Some(c),
                    None => entity(&r.into_inner()),
                };
                out.extend(c.map(|c| Ev::Text(c.to_string())));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_are_dropped_and_references_resolved() {
        let ev = events(r#"<?xml version="1.0"?><w:p xmlns:w="x"><w:b w:val="0"/><w:t>A&amp;B&#x4E2D;</w:t></w:p>"#).unwrap();
        let Ev::Start(b) = &ev[1] else {
            panic!("{ev:?}")
        };
        assert_eq!((b.name.as_str(), b.on()), ("b", false));
        let text: String = ev
            .iter()
            .filter_map(|e| match e {
                Ev::Text(t) => Some(t.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(text, "A&B中");
        assert!(events("<w:p><w:r></w:p>").is_err());
    }
}
