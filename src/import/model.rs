//! Import: the small document model a `.docx` is read into.
//!
//! Paragraphs with what decides how they read (style, alignment, size,
//! list, borders), their runs of text, images and links, and tables of
//! such paragraphs. [`super::docx`] builds it; [`super::masthead`] and
//! [`super::markdown`] read it. Data only.

/// One piece of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// Text with its emphasis.
    Text {
        /// The characters.
        text: String,
        /// Bold.
        bold: bool,
        /// Italic.
        italic: bool,
    },
    /// An image: the relationship id of its bytes.
    Image(String),
    /// A hyperlink to `url` around some text.
    Link {
        /// The target.
        url: String,
        /// The text shown.
        text: String,
    },
    /// A footnote reference: the footnote's id.
    Note(String),
    /// A line break inside the paragraph.
    Break,
}

/// A list item's kind and depth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListItem {
    /// Numbered (1. 2. 3.) rather than bulleted.
    pub ordered: bool,
    /// 0 for the outer list.
    pub level: usize,
}

/// A paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Para {
    /// The style's name as the document names it (`heading 1`, `标题 1`, `Title`).
    pub style: String,
    /// Heading level from the style or the outline level (1 = top).
    pub heading: Option<u8>,
    /// Styled as the document's title.
    pub title: bool,
    /// Centred.
    pub centered: bool,
    /// The largest font size of its text, in half-points (32 = 16 pt).
    pub size: u32,
    /// Some text is red.
    pub red: bool,
    /// Has a rule below (a bottom border): the red line of a masthead.
    pub rule_below: bool,
    /// Written inside a text box.
    pub in_box: bool,
    /// A list item.
    pub list: Option<ListItem>,
    /// Its content.
    pub inlines: Vec<Inline>,
}

impl Para {
    /// Its text, emphasis and images left out.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for i in &self.inlines {
            match i {
                Inline::Text { text, .. } | Inline::Link { text, .. } => out.push_str(text),
                Inline::Break => out.push('\n'),
                Inline::Image(_) | Inline::Note(_) => {}
            }
        }
        out
    }

    /// Whether every piece of its text is bold.
    pub fn all_bold(&self) -> bool {
        let mut texts = self.inlines.iter().filter_map(|i| match i {
            Inline::Text { text, bold, .. } if !text.trim().is_empty() => Some(*bold),
            _ => None,
        });
        texts.clone().next().is_some() && texts.all(|b| b)
    }

    /// The images in it, by relationship id.
    pub fn images(&self) -> Vec<&str> {
        (self.inlines.iter())
            .filter_map(|i| match i {
                Inline::Image(id) => Some(id.as_str()),
                _ => None,
            })
            .collect()
    }
}

/// A table cell.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cell {
    /// Its paragraphs.
    pub paras: Vec<Para>,
    /// Columns it spans (`w:gridSpan`), at least 1.
    pub span: usize,
    /// It continues the cell above (`w:vMerge` without `restart`).
    pub merged_up: bool,
}

/// A block of the document body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph.
    Para(Para),
    /// A table: rows of cells.
    Table(Vec<Vec<Cell>>),
}

/// An image part of the package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Media {
    /// Relationship id in the document (`rId5`).
    pub id: String,
    /// File extension, lower case (`jpeg` as `jpg`).
    pub ext: String,
    /// The bytes, unchanged.
    pub bytes: Vec<u8>,
}

/// A document read from a `.docx`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    /// The body, in order.
    pub blocks: Vec<Block>,
    /// Footnotes: id and text.
    pub notes: Vec<(String, String)>,
    /// Images referenced by the body, by relationship id.
    pub media: Vec<Media>,
}
