//! The team table: one row per person, the view `team` chose, the status
//! of each competency, and how far their self and manager views differ.
//! One table per ladder shown, so competencies of different ladders never
//! share a column.

pub mod heatmap;

use std::borrow::Cow;

use serde::Serialize;

use crate::analysis::Scored;
use crate::analysis::calibrate::StatusDisagreement;
use crate::documents::status::{glyph, tone};
use crate::error::Result;
use crate::ladder::catalog::{Catalog, Titles};
use crate::parallel::{ROWS_PER_PART, in_parts};
use crate::render::{Cell, Columns, Document, Style, Table, Tone, View, render_document};

#[derive(Serialize)]
#[serde(transparent)]
pub(crate) struct Team {
    pub(crate) members: Vec<Member>,
    /// One table per ladder shown, so that competencies of different
    /// ladders never share a column.
    #[serde(skip)]
    pub(crate) sections: Vec<Section>,
}

/// The people on one ladder: its competency columns and their titles.
pub(crate) struct Section {
    pub(crate) ladder: String,
    pub(crate) title: String,
    pub(crate) competencies: Vec<String>,
    pub(crate) titles: Titles,
}

/// One row: the view shown, and how far the person's self and manager views are apart.
#[derive(Serialize)]
pub(crate) struct Member {
    #[serde(flatten)]
    pub(crate) shown: Scored,
    /// Competencies whose status differs between the latest self and
    /// manager views (counted in JSON); `None` when either view is missing.
    #[serde(serialize_with = "count")]
    pub(crate) disagreements: Option<Vec<StatusDisagreement>>,
}

/// The disagreements as JSON has always shown them: how many.
fn count<S: serde::Serializer>(found: &Option<Vec<StatusDisagreement>>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_some(&found.as_ref().map(Vec::len))
}

/// Short names for competency titles, so a dozen competencies fit in 80
/// columns: three characters of each, more where titles start alike, so that
/// no two read the same. Where titles share a long start, the short name is
/// its first four characters and the title's end (`Comm…ion`, `Comm…ity` for
/// Communication and Community). A short name never starts or ends with a
/// space, and two different titles never get short names that read alike
/// (compared without case); failing all else, a title stands whole.
pub(crate) fn abbreviations(titles: &[&str]) -> Vec<String> {
    let titles: Vec<&str> = titles.iter().map(|t| t.trim()).collect();
    let keys: Vec<String> = titles.iter().map(|t| t.to_lowercase()).collect();
    let shared = |a: &str, b: &str| a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let mut short: Vec<String> = titles
        .iter()
        .zip(&keys)
        .enumerate()
        .map(|(i, (title, key))| {
            let others = keys.iter().enumerate().filter(|&(j, _)| j != i);
            let longest = others.map(|(_, k)| shared(key, k)).max().unwrap_or(0);
            abbreviate(title, (longest + 1).max(3))
        })
        .collect();
    // What still reads alike stands whole.
    for i in 0..short.len() {
        let alike = (0..short.len()).any(|j| keys[j] != keys[i] && short[j].to_lowercase() == short[i].to_lowercase());
        if alike {
            short[i] = titles[i].to_owned();
        }
    }
    short
}

/// `title` cut to about `want` characters: the start, or the first four
/// characters and the end when the start alone would run long.
fn abbreviate(title: &str, want: usize) -> String {
    let chars: Vec<char> = title.chars().collect();
    if want >= chars.len() {
        return title.to_owned();
    }
    let start = |n: usize| -> String {
        // Never end on a space: take the next word's first letter too.
        let mut n = n;
        while n < chars.len() && chars[n - 1].is_whitespace() {
            n += 1;
        }
        chars[..n].iter().collect::<String>().trim_end().to_owned()
    };
    if want <= 6 {
        return start(want);
    }
    let end: String = chars[chars.len() - 3..].iter().collect();
    format!("{}…{}", start(4), end.trim_start())
}

impl Section {
    /// The competency columns' short names, and the titles they stand for.
    fn columns(&self) -> (Vec<String>, Vec<&str>) {
        let titles: Vec<&str> = self.competencies.iter().map(|c| self.titles.get(c)).collect();
        (abbreviations(&titles), titles)
    }

    /// One member's row as cells.
    fn cells(&self, member: &Member) -> Vec<Cell> {
        self.row(member).into_iter().map(|(text, tone)| Cell::new(text, tone)).collect()
    }

    /// One member's row: each cell's text, borrowed where it can be, and tone.
    fn row<'a>(&self, member: &'a Member) -> Vec<(Cow<'a, str>, Tone)> {
        let m = &member.shown;
        let mut row = Vec::with_capacity(self.competencies.len() + 6);
        row.push((Cow::Borrowed(m.person.as_str()), Tone::Strong));
        row.push((Cow::Borrowed(m.relationship.as_str()), Tone::Plain));
        row.push((Cow::Owned(format!("{} → {}", m.current, m.target)), Tone::Plain));
        for id in &self.competencies {
            let status = m.status(id);
            row.push(status.map_or((Cow::Borrowed("·"), Tone::Muted), |s| (Cow::Borrowed(glyph(s)), tone(s))));
        }
        let all = if m.is_ready() { Tone::Good } else { Tone::Plain };
        row.push((Cow::Owned(m.ready_cell()), all));
        row.push(match member.disagreements.as_ref().map(Vec::len) {
            None => (Cow::Borrowed("—"), Tone::Muted),
            Some(0) => (Cow::Borrowed("0"), Tone::Good),
            Some(n) => (Cow::Owned(n.to_string()), Tone::Warn),
        });
        row.push((Cow::Owned(m.date.to_string()), Tone::Plain));
        row
    }
}

impl Team {
    fn header(short: &[String]) -> Vec<String> {
        ["Person".to_owned(), "View".to_owned(), "Levels".to_owned()]
            .into_iter()
            .chain(short.iter().cloned())
            .chain(["Ready".to_owned(), "Differ".to_owned(), "Date".to_owned()])
            .collect()
    }

    /// The members shown on one section's ladder, in the team's order.
    fn on<'a>(&'a self, section: &'a Section) -> impl Iterator<Item = &'a Member> + 'a {
        let alone = self.sections.len() == 1;
        self.members.iter().filter(move |m| alone || m.shown.ladder == section.ladder)
    }

    /// The heading over a section's table, when there are several ladders.
    fn section_heading(&self, section: &Section) -> Option<String> {
        let title = if section.title == section.ladder {
            section.ladder.clone()
        } else {
            format!("{} ({})", section.title, section.ladder)
        };
        (self.sections.len() > 1).then_some(title)
    }

    fn title(&self) -> String {
        let people =
            if self.members.len() == 1 { "1 person".to_owned() } else { format!("{} people", self.members.len()) };
        format!("Team: {people}, latest assessment each")
    }

    /// The legend of one table's columns.
    fn legend(short: &[String], titles: &[&str], doc: &mut Document) {
        let legend: Vec<String> = short.iter().zip(titles).map(|(short, title)| format!("{short} {title}")).collect();
        doc.text(Cell::new(
            format!("● ready  ◐ growing  ○ below   ({})", crate::text::join_names(&legend)),
            Tone::Muted,
        ));
    }

    /// What the View and Differ columns mean.
    fn key(doc: &mut Document) {
        doc.text(Cell::new(
            "View: whose view the row shows. Differ: competencies whose status the latest self and manager views disagree on.",
            Tone::Muted,
        ));
    }

    /// The terminal table, drawn row by row instead of held as a document
    /// first: at 50,000 people the cells alone took tens of megabytes. The
    /// same text as [`crate::render::render`] of [`View::document`].
    pub(crate) fn terminal(&self, style: Style) -> String {
        let mut heading = Document::default();
        heading.heading(1, self.title());
        // Blocks are apart by one blank line, and the text ends in a newline.
        let mut out = render_document(&heading, style);
        let mut key = Document::default();
        Team::key(&mut key);
        let several = self.sections.len() > 1;
        if !several {
            out.push('\n');
        }
        for section in &self.sections {
            if let Some(title) = self.section_heading(section) {
                let mut heading = Document::default();
                heading.heading(2, title);
                out.push('\n');
                out.push_str(&render_document(&heading, style));
                out.push('\n');
            }
            let (short, titles) = section.columns();
            let header = Team::header(&short);
            let header: Vec<&str> = header.iter().map(String::as_str).collect();
            // Fitted and drawn a part at a time on every core: a team can be 50,000 people.
            let members: Vec<&Member> = self.on(section).collect();
            let mut columns = Columns::new(&header, style);
            let fitted = in_parts(&members, ROWS_PER_PART, |_, part| {
                let mut fitted = Columns::new(&header, style);
                for member in part {
                    fitted.fit(section.row(member).iter().map(|(text, _)| text.as_ref()));
                }
                fitted
            });
            for part in fitted {
                columns.absorb(&part);
            }
            let start = out.len();
            out.push_str(&columns.head());
            let drawn = in_parts(&members, ROWS_PER_PART, |first, part| {
                let rows = part.iter().enumerate().map(|(n, member)| columns.row_at(first + n, &section.row(member)));
                rows.collect::<String>()
            });
            for rows in drawn {
                out.push_str(&rows);
            }
            out.push_str(&columns.foot());
            out.truncate(start + out[start..].trim_end().len());
            out.push_str("\n\n");
            let mut notes = Document::default();
            if !several {
                Team::key(&mut notes);
            }
            Team::legend(&short, &titles, &mut notes);
            out.push_str(&render_document(&notes, style));
        }
        if several {
            out.push('\n');
            out.push_str(&render_document(&key, style));
        }
        out
    }
}

impl View for Team {
    fn document(&self) -> Document {
        let mut doc = Document::default();
        doc.heading(1, self.title());
        for section in &self.sections {
            if let Some(title) = self.section_heading(section) {
                doc.heading(2, title);
            }
            let (short, titles) = section.columns();
            let mut table = Table::new(Team::header(&short));
            for member in self.on(section) {
                table.row(section.cells(member));
            }
            doc.table(table);
            if self.sections.len() == 1 {
                Team::key(&mut doc);
            }
            Team::legend(&short, &titles, &mut doc);
        }
        if self.sections.len() > 1 {
            Team::key(&mut doc);
        }
        doc
    }
}

/// One section per ladder shown, by ladder id as the heatmap groups them:
/// the competencies its people were rated on, in the order first met.
pub(crate) fn sections<'m>(catalog: &Catalog, members: impl Iterator<Item = &'m Member>) -> Vec<Section> {
    let mut by_ladder: std::collections::BTreeMap<&str, Vec<String>> = std::collections::BTreeMap::new();
    for m in members {
        let competencies = by_ladder.entry(m.shown.ladder.as_str()).or_default();
        for (id, _) in &m.shown.statuses.0 {
            if !competencies.contains(id) {
                competencies.push(id.clone());
            }
        }
    }
    by_ladder
        .into_iter()
        .map(|(ladder, competencies)| {
            let title = catalog.entries().iter().find(|e| e.ladder.id == ladder).map_or(ladder, |e| &e.ladder.title);
            Section {
                ladder: ladder.to_owned(),
                title: title.to_owned(),
                competencies,
                titles: Titles::of(catalog, ladder),
            }
        })
        .collect()
}
