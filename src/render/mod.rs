//! Output: a small document model that every command builds, and one
//! renderer per format.
//!
//! A command turns its result into a [`View`]: serializable data (for
//! `--format json`) that can also describe itself as a [`Document`] of
//! headings, paragraphs, lists and tables. The terminal and Markdown renderers
//! share that skeleton, so every view gets every format. Colour appears only
//! in the terminal renderer.
//!
//! Text in a document is raw: it may come from a shared store. Each renderer
//! passes it through [`crate::untrusted`] on its way out; views and commands
//! never escape it themselves. JSON needs no such step.

pub mod html;
mod markdown;
pub mod plot;
mod terminal;

pub use terminal::{Columns, paint};

use serde::Serialize;

/// An output format chosen with `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// A table for the terminal, coloured when it is one.
    #[default]
    Table,
    /// GitHub-flavoured Markdown.
    Markdown,
    /// One pretty-printed JSON document.
    Json,
}

/// A closed set of names a flag accepts; lets `cli` build parsers without
/// this module knowing about clap.
pub trait Choice: Copy + Send + Sync + 'static {
    /// Every accepted name with its value, in the order `--help` lists them.
    const VALUES: &'static [(&'static str, Self)];
}

impl Choice for Format {
    const VALUES: &'static [(&'static str, Self)] =
        &[("table", Format::Table), ("markdown", Format::Markdown), ("json", Format::Json)];
}

/// An output format of `rungs list`: one of [`Format`], or a flat one that
/// analytics tools (DuckDB, pandas, a warehouse) read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListFormat {
    /// As every command prints.
    Plain(Format),
    /// Comma-separated values with a header row.
    Csv,
    /// One JSON object a line.
    Ndjson,
}

impl Choice for ListFormat {
    const VALUES: &'static [(&'static str, Self)] = &[
        ("table", ListFormat::Plain(Format::Table)),
        ("markdown", ListFormat::Plain(Format::Markdown)),
        ("json", ListFormat::Plain(Format::Json)),
        ("csv", ListFormat::Csv),
        ("ndjson", ListFormat::Ndjson),
    ];
}

/// An output format of `rungs team`: one of [`Format`], or the heatmap page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TeamFormat {
    /// As every command prints.
    Plain(Format),
    /// One self-contained HTML page: people × competencies by status ([`crate::documents::heatmap`]).
    Html,
}

impl Choice for TeamFormat {
    const VALUES: &'static [(&'static str, Self)] = &[
        ("table", TeamFormat::Plain(Format::Table)),
        ("markdown", TeamFormat::Plain(Format::Markdown)),
        ("json", TeamFormat::Plain(Format::Json)),
        ("html", TeamFormat::Html),
    ];
}

/// The format of a document written for people to keep: `--format` of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentFormat {
    /// GitHub-flavoured Markdown.
    Markdown,
    /// One self-contained HTML page.
    Html,
}

impl Choice for DocumentFormat {
    const VALUES: &'static [(&'static str, Self)] =
        &[("markdown", DocumentFormat::Markdown), ("html", DocumentFormat::Html)];
}

/// What `rungs ladder export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LadderFormat {
    /// One row per level and competency, for spreadsheets.
    Csv,
    /// The ladder page as GitHub-flavoured Markdown.
    Markdown,
    /// The ladder page as one self-contained HTML page.
    Html,
}

impl Choice for LadderFormat {
    const VALUES: &'static [(&'static str, Self)] =
        &[("csv", LadderFormat::Csv), ("markdown", LadderFormat::Markdown), ("html", LadderFormat::Html)];
}

/// How terminal output should look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// Whether to use colour.
    pub color: bool,
    /// The width to wrap and fit tables to.
    pub width: u16,
}

impl Default for Style {
    fn default() -> Self {
        Style { color: false, width: 100 }
    }
}

/// The emphasis of a table cell or line, mapped to colour on a terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tone {
    /// Normal text.
    #[default]
    Plain,
    /// Good news: ready, up, met.
    Good,
    /// Between: growing, partly met.
    Warn,
    /// Bad news: below, down, a problem.
    Bad,
    /// Less important.
    Muted,
    /// More important.
    Strong,
}

/// One table cell.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cell {
    /// The text.
    pub text: String,
    /// How to emphasize it.
    pub tone: Tone,
}

impl Cell {
    /// A cell with a tone.
    pub fn new(text: impl Into<String>, tone: Tone) -> Self {
        Cell { text: text.into(), tone }
    }
}

/// What a table row's cell shows: a [`Cell`], or a text borrowed where it
/// can be, so a long listing drawn row by row need not copy every text.
pub trait Shown {
    /// The text.
    fn text(&self) -> &str;
    /// How to emphasize it.
    fn tone(&self) -> Tone;
}

impl Shown for Cell {
    fn text(&self) -> &str {
        &self.text
    }

    fn tone(&self) -> Tone {
        self.tone
    }
}

impl Shown for (std::borrow::Cow<'_, str>, Tone) {
    fn text(&self) -> &str {
        &self.0
    }

    fn tone(&self) -> Tone {
        self.1
    }
}

impl<T: Into<String>> From<T> for Cell {
    fn from(text: T) -> Self {
        Cell::new(text, Tone::Plain)
    }
}

/// A table: a header row and body rows of equal length.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    /// Column titles.
    pub header: Vec<String>,
    /// The rows.
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// A table with these column titles and no rows yet.
    pub fn new<S: Into<String>>(header: impl IntoIterator<Item = S>) -> Self {
        Table { header: header.into_iter().map(Into::into).collect(), rows: Vec::new() }
    }

    /// Adds a row.
    pub fn row<C: Into<Cell>>(&mut self, cells: impl IntoIterator<Item = C>) {
        self.rows.push(cells.into_iter().map(Into::into).collect());
    }
}

/// A list item that carries web links: a note and the work it points to.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Linked {
    /// The item's text.
    pub item: Cell,
    /// Its links. Renderers make links only of `http` and `https` addresses
    /// ([`crate::untrusted::is_web_link`]) and show any other as text.
    pub links: Vec<String>,
}

/// One part of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading; level 1 is the title.
    Heading(u8, String),
    /// A paragraph, wrapped on a terminal.
    Text(Cell),
    /// A bulleted list.
    List(Vec<Cell>),
    /// A list under the item before it: the items of a cell of several
    /// expectations.
    Sublist(Vec<Cell>),
    /// A numbered list.
    Numbered(Vec<Cell>),
    /// A checklist to fill in: Markdown task items, HTML checkboxes.
    Checklist(Vec<Cell>),
    /// A table.
    Table(Table),
    /// Quoted text, such as evidence; may span lines.
    Quote(String),
    /// An SVG image with a caption; Markdown links to `link` when set, else inlines it.
    Figure {
        /// The SVG document.
        svg: String,
        /// What it shows.
        caption: String,
        /// A file the SVG was written to, for Markdown to link.
        link: Option<String>,
    },
    /// A small SVG picture with its words: HTML shows the picture, Markdown
    /// and the terminal the words.
    Picture {
        /// The SVG element, built by rungs with every label escaped.
        svg: String,
        /// The same facts in words.
        text: String,
    },
    /// A bulleted list whose items carry links: `<a href>` in HTML, `<url>`
    /// in Markdown, the address as text on a terminal.
    Links(Vec<Linked>),
    /// Blocks that belong together, such as one competency of a promotion
    /// case: one `<section>` in HTML, never split across printed pages.
    /// Other formats show the blocks in order.
    Section(Vec<Block>),
}

/// What a view looks like, independent of format.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    /// The blocks, in order.
    pub blocks: Vec<Block>,
}

impl Document {
    /// Adds a heading.
    pub fn heading(&mut self, level: u8, text: impl Into<String>) -> &mut Self {
        self.blocks.push(Block::Heading(level, text.into()));
        self
    }

    /// Adds a paragraph.
    pub fn text(&mut self, text: impl Into<Cell>) -> &mut Self {
        self.blocks.push(Block::Text(text.into()));
        self
    }

    /// Adds a list; an empty list adds nothing.
    pub fn list<C: Into<Cell>>(&mut self, items: impl IntoIterator<Item = C>) -> &mut Self {
        let items: Vec<Cell> = items.into_iter().map(Into::into).collect();
        if !items.is_empty() {
            self.blocks.push(Block::List(items));
        }
        self
    }

    /// Adds a list that belongs under the item or paragraph before it; an
    /// empty list adds nothing.
    pub fn sublist<C: Into<Cell>>(&mut self, items: impl IntoIterator<Item = C>) -> &mut Self {
        let items: Vec<Cell> = items.into_iter().map(Into::into).collect();
        if !items.is_empty() {
            self.blocks.push(Block::Sublist(items));
        }
        self
    }

    /// Adds a numbered list; an empty list adds nothing.
    pub fn numbered<C: Into<Cell>>(&mut self, items: impl IntoIterator<Item = C>) -> &mut Self {
        let items: Vec<Cell> = items.into_iter().map(Into::into).collect();
        if !items.is_empty() {
            self.blocks.push(Block::Numbered(items));
        }
        self
    }

    /// Adds a checklist; an empty one adds nothing.
    pub fn checklist<C: Into<Cell>>(&mut self, items: impl IntoIterator<Item = C>) -> &mut Self {
        let items: Vec<Cell> = items.into_iter().map(Into::into).collect();
        if !items.is_empty() {
            self.blocks.push(Block::Checklist(items));
        }
        self
    }

    /// Adds a quote.
    pub fn quote(&mut self, text: impl Into<String>) -> &mut Self {
        self.blocks.push(Block::Quote(text.into()));
        self
    }

    /// Adds a table.
    pub fn table(&mut self, table: Table) -> &mut Self {
        self.blocks.push(Block::Table(table));
        self
    }

    /// Adds a list of items with links; an empty list adds nothing.
    pub fn links(&mut self, items: Vec<Linked>) -> &mut Self {
        if !items.is_empty() {
            self.blocks.push(Block::Links(items));
        }
        self
    }

    /// Adds the blocks of `part` as one section kept together.
    pub fn section(&mut self, part: Document) -> &mut Self {
        self.blocks.push(Block::Section(part.blocks));
        self
    }
}

/// Something a command prints: JSON data that can also describe itself as a document.
pub trait View: Serialize {
    /// The human-readable form.
    fn document(&self) -> Document;
}

/// Renders a view in a format.
pub fn render<V: View + ?Sized>(view: &V, format: Format, style: Style) -> String {
    match format {
        Format::Json => json(view),
        Format::Markdown => markdown::render(&view.document()),
        Format::Table => terminal::render(&view.document(), style),
    }
}

/// Pretty-printed JSON with a final newline.
pub fn json<T: Serialize + ?Sized>(value: &T) -> String {
    let text = serde_json::to_string_pretty(value).expect("views serialize to JSON");
    // Only an escaped text is a new string: copying the rest would double the
    // peak memory of a large view (`team` at 50,000 people holds 33 MB of it).
    let escaped = match crate::untrusted::json(&text) {
        std::borrow::Cow::Owned(escaped) => Some(escaped),
        std::borrow::Cow::Borrowed(_) => None,
    };
    let mut text = escaped.unwrap_or(text);
    text.push('\n');
    text
}

/// A map that serializes its entries in the order given (JSON objects keyed
/// by competency id follow the ladder's order, not the alphabet).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Ordered<T>(pub Vec<(String, T)>);

impl<T: Serialize> Serialize for Ordered<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// What goes between a block and the one before it in text formats: a
/// blank line, or a line break before a sublist, which belongs to the item
/// above it.
fn separator(next: &Block) -> &'static str {
    if matches!(next, Block::Sublist(_)) { "\n" } else { "\n\n" }
}

/// Renders a document as Markdown.
pub fn render_markdown(document: &Document) -> String {
    markdown::render(document)
}

/// One Markdown table row, escaped as [`render_markdown`] escapes table
/// cells, without a final newline: for listings streamed row by row.
pub fn markdown_row(cells: &[Cell]) -> String {
    markdown::table_row(cells)
}

/// Renders a document for a terminal (used by prompts on stderr).
pub fn render_document(document: &Document, style: Style) -> String {
    terminal::render(document, style)
}
