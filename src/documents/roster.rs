//! The roster as the user reads it: a table (name, manager, ladder, level,
//! team, reports), JSON, CSV that `rungs roster import` reads back, and the
//! reporting lines as a tree.

use serde::Serialize;

use crate::render::{Cell, Choice, Document, Format, Table, Tone, View};
use crate::roster::{Person, Roster};

/// An output format of `rungs roster`: one of [`Format`], or CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RosterFormat {
    /// As every command prints.
    Plain(Format),
    /// Comma-separated values with a header row, as `roster import` reads.
    Csv,
}

impl Choice for RosterFormat {
    const VALUES: &'static [(&'static str, Self)] = &[
        ("table", RosterFormat::Plain(Format::Table)),
        ("markdown", RosterFormat::Plain(Format::Markdown)),
        ("json", RosterFormat::Plain(Format::Json)),
        ("csv", RosterFormat::Csv),
    ];
}

/// One person as listed: the roster's fields, and how many report to them.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Listed<'a> {
    /// The person, as the roster holds them.
    #[serde(flatten)]
    pub person: &'a Person,
    /// How many people report to them directly.
    pub reports: usize,
}

/// The roster as listed, by name.
#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct Listing<'a>(pub Vec<Listed<'a>>);

/// The listing of `roster`.
pub fn listing(roster: &Roster) -> Listing<'_> {
    let reports = roster.reports();
    let people = roster.people.iter().zip(reports).map(|(person, r)| Listed { person, reports: r.len() });
    let mut people: Vec<Listed<'_>> = people.collect();
    people.sort_by_cached_key(|p| (p.person.name.to_lowercase(), p.person.name.clone()));
    Listing(people)
}

/// The CSV columns, in the order `roster import` reads them back.
pub const CSV_COLUMNS: [&str; 8] = ["name", "email", "manager", "ladder", "level", "team", "target", "reports"];

impl Listing<'_> {
    /// The rows of the CSV listing, header first.
    pub fn csv_rows(&self) -> impl Iterator<Item = [String; 8]> + '_ {
        let header = CSV_COLUMNS.map(str::to_owned);
        let rows = self.0.iter().map(|p| {
            let o = |v: &Option<String>| v.clone().unwrap_or_default();
            [
                p.person.name.clone(),
                o(&p.person.email),
                o(&p.person.manager),
                o(&p.person.ladder),
                o(&p.person.level),
                o(&p.person.team),
                o(&p.person.target),
                p.reports.to_string(),
            ]
        });
        std::iter::once(header).chain(rows)
    }
}

impl View for Listing<'_> {
    fn document(&self) -> Document {
        let mut table = Table::new(["Name", "Manager", "Ladder", "Level", "Team", "Reports"]);
        let o = |v: &Option<String>| v.clone().unwrap_or_default();
        for p in &self.0 {
            let name = match p.person.left {
                Some(left) => Cell::new(format!("{} (left {left})", p.person.name), Tone::Muted),
                None => Cell::new(&p.person.name, Tone::Strong),
            };
            let reports = if p.reports == 0 { String::new() } else { p.reports.to_string() };
            table.row([
                name,
                o(&p.person.manager).into(),
                o(&p.person.ladder).into(),
                o(&p.person.level).into(),
                o(&p.person.team).into(),
                reports.into(),
            ]);
        }
        let mut doc = Document::default();
        doc.table(table).text(Cell::new(
            format!(
                "{} {} · the reporting lines: rungs roster tree",
                self.0.len(),
                if self.0.len() == 1 { "person" } else { "people" }
            ),
            Tone::Muted,
        ));
        doc
    }
}

/// A person in the tree, and those who report to them.
#[derive(Debug, Serialize)]
pub struct Node {
    /// Their name.
    pub name: String,
    /// Their level.
    pub level: Option<String>,
    /// Their team.
    pub team: Option<String>,
    /// Their direct reports.
    pub reports: Vec<Node>,
}

/// The reporting lines, from the people at the top (or one person) down.
#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct Tree(pub Vec<Node>);

/// The tree under `top` (with them at its root), else under everyone who
/// has no manager in the roster; each person once, whatever the cycles.
pub fn tree(roster: &Roster, top: Option<usize>) -> Tree {
    let reports = roster.reports();
    let mut seen = vec![false; roster.people.len()];
    let roots: Vec<usize> = match top {
        Some(top) => vec![top],
        None => (0..roster.people.len())
            .filter(|&i| roster.people[i].manager.as_deref().and_then(|m| roster.index_of(m)).is_none_or(|m| m == i))
            .collect(),
    };
    // Iterative, so a deep chain cannot overflow the stack: nodes are made
    // in walk order, then each is moved under its parent, deepest first.
    let mut order: Vec<(usize, Option<usize>)> = Vec::new();
    let mut stack: Vec<(usize, Option<usize>)> = roots.iter().rev().map(|&r| (r, None)).collect();
    while let Some((i, parent)) = stack.pop() {
        if std::mem::replace(&mut seen[i], true) {
            continue;
        }
        let slot = order.len();
        order.push((i, parent));
        stack.extend(reports[i].iter().rev().map(|&r| (r, Some(slot))));
    }
    let mut nodes: Vec<Option<Node>> = order
        .iter()
        .map(|&(i, _)| {
            let p = &roster.people[i];
            Some(Node { name: p.name.clone(), level: p.level.clone(), team: p.team.clone(), reports: Vec::new() })
        })
        .collect();
    let mut tops = Vec::new();
    for slot in (0..order.len()).rev() {
        let node = nodes[slot].take().expect("each node is moved once");
        match order[slot].1 {
            Some(parent) => nodes[parent].as_mut().expect("a parent comes before its reports").reports.insert(0, node),
            None => tops.push(node),
        }
    }
    tops.reverse();
    Tree(tops)
}

/// The deepest level the tree is drawn indented at.
const MAX_INDENT: usize = 16;

impl View for Tree {
    fn document(&self) -> Document {
        let mut table = Table::new(["Reporting lines", "Level", "Team"]);
        let mut stack: Vec<(&Node, String, String, usize)> =
            self.0.iter().rev().map(|n| (n, String::new(), String::new(), 0)).collect();
        while let Some((node, lead, indent, depth)) = stack.pop() {
            let o = |v: &Option<String>| v.clone().unwrap_or_default();
            table.row([
                Cell::new(format!("{lead}{}", node.name), Tone::Plain),
                o(&node.level).into(),
                o(&node.team).into(),
            ]);
            let last = node.reports.len().saturating_sub(1);
            for (n, report) in node.reports.iter().enumerate().rev() {
                let (branch, below) = if n == last { ("└─ ", "   ") } else { ("├─ ", "│  ") };
                // Past a depth no chart is read at, the lines stop moving
                // right and say how deep they are: a chain thousands deep
                // must not make rows thousands of characters wide.
                let (lead, below) = if depth < MAX_INDENT {
                    (format!("{indent}{branch}"), format!("{indent}{below}"))
                } else {
                    (format!("{indent}{branch}({}) ", depth + 1), indent.clone())
                };
                stack.push((report, lead, below, depth + 1));
            }
        }
        let mut doc = Document::default();
        doc.table(table);
        doc
    }
}
