//! Import: the bytes of a `.docx` → a [`Document`].
//!
//! Takes the file's bytes; opens the package with `zip`, reads
//! `word/document.xml` and what it refers to (styles, lists, footnotes,
//! relationships, images) with `quick-xml`; gives the document, or why the
//! bytes are not a document that can be read: an old binary `.doc` or
//! `.wps`, a damaged zip, a zip that is not a Word document. Pure: the
//! bytes come from the command.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use super::body::{self, Context, Style, heading_of_name, is_title_name};
use super::model::{Document, Media};
use super::xml::{Ev, events};

/// Why a file cannot be read as a `.docx`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotRead {
    /// An old binary Word or WPS file (OLE compound document).
    OldFormat,
    /// Not a zip at all.
    NotZip,
    /// A zip, but without `word/document.xml`.
    NotWord,
    /// A damaged package: the part and the reader's words.
    Broken(String, String),
}

/// The first bytes of an OLE compound file: `.doc`, `.wps`, `.xls` ….
pub const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

type Archive<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

/// Reads the document in `bytes`.
pub fn read(bytes: &[u8]) -> Result<Document, NotRead> {
    if bytes.starts_with(&OLE_MAGIC[..4]) {
        return Err(NotRead::OldFormat);
    }
    if !bytes.starts_with(b"PK") {
        return Err(NotRead::NotZip);
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| NotRead::Broken(String::new(), e.to_string()))?;
    let document = part(&mut zip, "word/document.xml")?.ok_or(NotRead::NotWord)?;
    let rels = relationships(&mut zip)?;
    let cx = Context {
        styles: styles(&parsed(&mut zip, "word/styles.xml")?),
        lists: lists(&parsed(&mut zip, "word/numbering.xml")?),
        links: (rels.iter())
            .filter(|r| r.external)
            .map(|r| (r.id.clone(), r.target.clone()))
            .collect(),
    };
    let doc_events = events(&document).map_err(|e| broken("word/document.xml", e))?;
    let blocks = body::blocks(&doc_events, &cx);
    let notes = notes(&parsed(&mut zip, "word/footnotes.xml")?);
    let mut media = Vec::new();
    for r in rels
        .iter()
        .filter(|r| !r.external && r.kind.ends_with("/image"))
    {
        let name = resolve("word", &r.target);
        let mut bytes = Vec::new();
        let found = zip.by_name(&name).map(|mut f| f.read_to_end(&mut bytes));
        if let Ok(Ok(_)) = found {
            media.push(Media {
                id: r.id.clone(),
                ext: extension(&name),
                bytes,
            });
        }
    }
    Ok(Document {
        blocks,
        notes,
        media,
    })
}

fn broken(part: &str, why: String) -> NotRead {
    NotRead::Broken(part.to_string(), why)
}

/// The text of the part `name`, if the package has it.
fn part(zip: &mut Archive, name: &str) -> Result<Option<String>, NotRead> {
    let mut file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(broken(name, e.to_string())),
    };
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)
        .map_err(|e| broken(name, e.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|e| broken(name, e.to_string()))?;
    Ok(Some(text.trim_start_matches('\u{feff}').to_string()))
}

/// The events of the part `name` (none when it is missing).
fn parsed(zip: &mut Archive, name: &str) -> Result<Vec<Ev>, NotRead> {
    match part(zip, name)? {
        Some(text) => events(&text).map_err(|e| broken(name, e)),
        None => Ok(Vec::new()),
    }
}

struct Rel {
    id: String,
    kind: String,
    target: String,
    external: bool,
}

fn relationships(zip: &mut Archive) -> Result<Vec<Rel>, NotRead> {
    let evs = parsed(zip, "word/_rels/document.xml.rels")?;
    Ok(evs
        .iter()
        .filter_map(|ev| match ev {
            Ev::Start(e) if e.name == "Relationship" => Some(Rel {
                id: e.attr("Id")?.to_string(),
                kind: e.attr("Type").unwrap_or_default().to_string(),
                target: e.attr("Target")?.to_string(),
                external: e.attr("TargetMode") == Some("External"),
            }),
            _ => None,
        })
        .collect())
}

/// `target` relative to the folder `base` of the package (`media/a.png`
/// from `word` is `word/media/a.png`; `/word/media/a.png` is absolute).
fn resolve(base: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    }
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    for seg in target.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

fn extension(name: &str) -> String {
    let ext = name
        .rsplit_once('.')
        .map_or("", |e| e.1)
        .to_ascii_lowercase();
    match ext.as_str() {
        "jpeg" | "jpe" => "jpg".to_string(),
        _ => ext,
    }
}

/// Paragraph styles by id: their names, heading levels and alignment.
fn styles(evs: &[Ev]) -> BTreeMap<String, Style> {
    let mut out = BTreeMap::new();
    let mut current: Option<(String, Style)> = None;
    for ev in evs {
        match ev {
            Ev::Start(e) if e.name == "style" => {
                current = e
                    .attr("styleId")
                    .map(|id| (id.to_string(), Style::default()));
            }
            Ev::Start(e) => {
                let Some((_, s)) = current.as_mut() else {
                    continue;
                };
                match e.name.as_str() {
                    "name" => s.name = e.attr("val").unwrap_or_default().to_string(),
                    "outlineLvl" => {
                        let l: Option<u8> = e.attr("val").and_then(|v| v.parse().ok());
                        s.heading = s.heading.or(l.filter(|l| *l < 6).map(|l| l + 1));
                    }
                    "jc" => s.centered = e.attr("val") == Some("center"),
                    _ => {}
                }
            }
            Ev::End(n) if n == "style" => {
                if let Some((id, mut s)) = current.take() {
                    s.heading = heading_of_name(&s.name)
                        .or(heading_of_name(&id))
                        .or(s.heading);
                    s.title = is_title_name(&s.name) || is_title_name(&id);
                    out.insert(id, s);
                }
            }
            _ => {}
        }
    }
    out
}

/// Whether each list level is numbered: (numId, level) → numbered.
fn lists(evs: &[Ev]) -> BTreeMap<(String, usize), bool> {
    let mut abstract_levels: BTreeMap<(String, usize), bool> = BTreeMap::new();
    let mut nums: Vec<(String, String)> = Vec::new();
    let (mut abs, mut lvl, mut num): (Option<String>, usize, Option<String>) = (None, 0, None);
    for ev in evs {
        let Ev::Start(e) = ev else { continue };
        match e.name.as_str() {
            "abstractNum" => abs = e.attr("abstractNumId").map(str::to_string),
            "lvl" => lvl = e.attr("ilvl").and_then(|v| v.parse().ok()).unwrap_or(0),
            "numFmt" => {
                if let Some(a) = &abs {
                    let fmt = e.attr("val").unwrap_or("bullet");
                    abstract_levels.insert((a.clone(), lvl), !matches!(fmt, "bullet" | "none"));
                }
            }
            "num" => {
                abs = None;
                num = e.attr("numId").map(str::to_string);
            }
            "abstractNumId" => {
                if let (Some(n), Some(a)) = (num.take(), e.attr("val")) {
                    nums.push((n, a.to_string()));
                }
            }
            _ => {}
        }
    }
    let mut out = BTreeMap::new();
    for (n, a) in nums {
        for ((aid, level), ordered) in &abstract_levels {
            if *aid == a {
                out.insert((n.clone(), *level), *ordered);
            }
        }
    }
    out
}

/// The footnotes' texts by id (the separators Word writes left out).
fn notes(evs: &[Ev]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut current: Option<(String, String)> = None;
    let mut in_text = false;
    for ev in evs {
        match ev {
            Ev::Start(e) if e.name == "footnote" => {
                let normal = e.attr("type").is_none_or(|t| t == "normal");
                current = e
                    .attr("id")
                    .filter(|_| normal)
                    .map(|id| (id.to_string(), String::new()));
            }
            Ev::Start(e) if e.name == "t" => in_text = true,
            Ev::End(n) if n == "t" => in_text = false,
            Ev::Text(t) if in_text => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(t);
                }
            }
            Ev::End(n) if n == "footnote" => {
                out.extend(current.take().map(|(id, t)| (id, t.trim().to_string())));
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_not_a_docx() {
        assert_eq!(
            read(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]),
            Err(NotRead::OldFormat)
        );
        assert_eq!(read(b"hello"), Err(NotRead::NotZip));
        assert!(matches!(
            read(b"PK\x03\x04broken"),
            Err(NotRead::Broken(..))
        ));
    }

    #[test]
    fn targets_and_extensions() {
        assert_eq!(resolve("word", "media/image1.png"), "word/media/image1.png");
        assert_eq!(resolve("word", "../media/a.jpeg"), "media/a.jpeg");
        assert_eq!(resolve("word", "/word/media/b.png"), "word/media/b.png");
        assert_eq!(extension("word/media/a.JPEG"), "jpg");
    }

    #[test]
    fn list_levels_and_styles() {
        let numbering = events(concat!(
            r#"<w:numbering><w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl>"#,
            r#"<w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>"#,
            r#"<w:num w:numId="7"><w:abstractNumId w:val="3"/></w:num></w:numbering>"#
        ))
        .unwrap();
        let l = lists(&numbering);
        assert_eq!(l.get(&("7".into(), 0)), Some(&true));
        assert_eq!(l.get(&("7".into(), 1)), Some(&false));
        let st = events(r#"<w:styles><w:style w:styleId="2"><w:name w:val="标题 1"/></w:style><w:style w:styleId="a3"><w:name w:val="Title"/><w:pPr><w:jc w:val="center"/></w:pPr></w:style></w:styles>"#).unwrap();
        let s = styles(&st);
        assert_eq!(s["2"].heading, Some(1));
        assert!(s["a3"].title && s["a3"].centered);
    }
}
