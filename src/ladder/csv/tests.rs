//! The spreadsheet round trip: every ladder rungs ships or tests with, and
//! every whole ladder in the format's documentation, goes to CSV and back
//! unchanged; generated ladders too.

use std::path::{Path, PathBuf};

use proptest::prelude::*;

use super::{import, write};
use crate::ladder::parse::parse;
use crate::ladder::{Competency, Expectation, Expected, Ladder, Level, Source, Step, builtin};
use crate::spreadsheet::Target;

fn load(text: &str, name: &str) -> Ladder {
    parse(text, name, Source::BuiltIn).unwrap_or_else(|found| panic!("{name}: {found:?}"))
}

/// TOML → CSV → TOML, and the ladder read back.
fn round_trip(ladder: &Ladder) -> (String, String, Ladder) {
    let csv = write(ladder, Target::File).unwrap_or_else(|e| panic!("{}: {e}", ladder.id));
    let toml = import(&csv, Path::new("round-trip.csv"), None).unwrap_or_else(|e| panic!("{}:\n{e}\n{csv}", ladder.id));
    let back = parse(&toml, "round-trip.toml", Source::BuiltIn).unwrap();
    (csv, toml, back)
}

/// The round trip gives the same ladder, and the CSV of the result is the
/// same bytes; the ladder file shows no hidden character as itself.
fn assert_round_trips(ladder: &Ladder) {
    let (csv, toml, back) = round_trip(ladder);
    assert!(matches!(crate::untrusted::terminal(&toml), std::borrow::Cow::Borrowed(_)), "{toml}");
    let mut original = ladder.clone();
    original.source = Source::BuiltIn;
    assert_eq!(back, original, "{}:\n{csv}\n{toml}", ladder.id);
    assert_eq!(write(&back, Target::File).unwrap(), csv, "{}: CSV → TOML → CSV changed the bytes", ladder.id);
}

fn files(folder: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    found.sort();
    found
}

#[test]
fn every_builtin_ladder_round_trips() {
    for (id, text) in builtin::LADDERS {
        assert_round_trips(&load(text, id));
    }
}

#[test]
fn every_fixture_ladder_round_trips() {
    let mut count = 0;
    for folder in ["custom", "wide", "real"] {
        for path in files(&format!("tests/fixtures/ladders/{folder}")) {
            let text = std::fs::read_to_string(&path).unwrap();
            assert_round_trips(&load(&text, &path.display().to_string()));
            count += 1;
        }
    }
    assert!(count >= 4, "only {count} fixtures found");
}

/// Every ```toml block of the format's documentation that is a whole ladder:
/// it sets a top-level `id` and has competencies and levels (a snippet of a
/// few keys is not one).
fn documented_ladders() -> Vec<String> {
    let doc = include_str!("../../../docs/ladder-format.md");
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in doc.lines() {
        match &mut current {
            None if line.trim() == "```toml" => current = Some(String::new()),
            None => {}
            Some(block) if line.trim() == "```" => {
                let has = |start: &str| block.lines().any(|l| l.starts_with(start));
                let top_id = block.lines().take_while(|l| !l.starts_with('[')).any(|l| l.starts_with("id ="));
                let whole = top_id && has("[[competencies]]") && has("[[levels]]");
                if whole {
                    blocks.push(std::mem::take(block));
                }
                current = None;
            }
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
        }
    }
    blocks
}

#[test]
fn every_documented_ladder_round_trips() {
    let blocks = documented_ladders();
    assert!(blocks.len() >= 2, "found {} whole ladders in docs/ladder-format.md", blocks.len());
    for (n, block) in blocks.iter().enumerate() {
        assert_round_trips(&load(block, &format!("docs/ladder-format.md, example {}", n + 1)));
    }
}

#[test]
fn export_has_one_cell_row_per_level_and_competency_in_order() {
    let ladder = load(builtin::LADDERS[1].1, "tech-lead");
    let csv = write(&ladder, Target::File).unwrap();
    let cells: Vec<(String, String)> = csv
        .lines()
        .filter(|l| l.starts_with("cell,"))
        .map(|l| {
            let mut parts = l.split(',').skip(1);
            (parts.next().unwrap().to_owned(), parts.next().unwrap().to_owned())
        })
        .collect();
    let expected: Vec<(String, String)> = ladder
        .levels
        .iter()
        .flat_map(|level| ladder.competencies.iter().map(|c| (level.id.clone(), c.id.clone())))
        .collect();
    assert_eq!(cells, expected);
    assert!(csv.starts_with(
        "kind,level,competency,step,title,description,text,items,none,senior,min_points,points,group,ladder,version\n"
    ));
}

#[test]
fn hostile_text_survives_the_round_trip() {
    let mut ladder = load(builtin::LADDERS[1].1, "tech-lead");
    let nasty =
        "say \"\"\"hi\"\"\" \\n ''' it's\r\nline two\ttab \u{7}\u{0}\u{1b}[31m \u{7f} \u{85} é 日本 \u{202e}\u{2066}";
    ladder.title = nasty.to_owned();
    ladder.summary = format!("{nasty}\n");
    ladder.competencies[0].description = nasty.to_owned();
    ladder.competencies[0].steps[0].description = nasty.to_owned();
    ladder.competencies[1].group = Some("a, \"group\"".to_owned());
    ladder.levels[0].title = "'single' and \"double\"".to_owned();
    ladder.levels[0].expectations[0].expected = Expected::Text(nasty.to_owned());
    ladder.levels[0].expectations[1].expected = Expected::Items(vec![" lead \"x\"".into(), "=SUM(A1)".into()]);
    ladder.levels[0].expectations[2].expected = Expected::Text(String::new());
    assert_round_trips(&ladder);
}

#[test]
fn items_a_cell_cannot_hold_are_refused_on_export() {
    let mut ladder = load(builtin::LADDERS[1].1, "tech-lead");
    ladder.levels[1].expectations[2].expected = Expected::Items(vec!["one".into(), "two\nlines".into()]);
    let error = write(&ladder, Target::File).unwrap_err().to_string();
    let level = &ladder.levels[1].id;
    let start = format!(
        "ladder `tech-lead` (built-in): level `{level}`, competency `people`: item 2 is blank or holds a line break"
    );
    assert!(error.starts_with(&start), "{error}");
}

#[test]
fn the_id_comes_from_the_flag_then_the_sheet_then_the_file_name() {
    let ladder = load(builtin::LADDERS[1].1, "tech-lead");
    let csv = write(&ladder, Target::File).unwrap();
    let id = |csv: &str, path: &str, flag: Option<&str>| load(&import(csv, Path::new(path), flag).unwrap(), path).id;
    assert_eq!(id(&csv, "x.csv", Some("ours")), "ours");
    assert_eq!(id(&csv, "x.csv", None), "tech-lead");
    let unnamed = csv.replacen(",tech-lead,1\n", ",,1\n", 1);
    assert_eq!(id(&unnamed, "dir/Our Team Ladder.csv", None), "our-team-ladder");
}

#[test]
fn excel_csv_with_a_bom_and_crlf_imports() {
    let ladder = load(builtin::LADDERS[0].1, "developer");
    let csv = write(&ladder, Target::File).unwrap();
    let excel = format!("\u{feff}{}", csv.replace('\n', "\r\n"));
    let back = load(&import(&excel, Path::new("excel.csv"), None).unwrap(), "excel");
    // Line ends inside quoted texts come back as the spreadsheet wrote them.
    let mut original = ladder.clone();
    original.source = Source::BuiltIn;
    assert_eq!(back, original);
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![".{0,12}", "[a-z \"'\\\\\n\r\t,]{0,12}", Just(String::new())]
}

fn item() -> impl Strategy<Value = String> {
    "[^\n\r]{0,10}".prop_filter("a blank item", |s: &String| !s.trim().is_empty())
}

fn id() -> impl Strategy<Value = String> {
    "[a-z0-9][a-z0-9-]{0,8}"
}

prop_compose! {
    fn competency()(id in id(), title in text(), description in text(),
                    group in proptest::option::of("[^\\s]{1,4}( [^\\s]{1,4})?"),
                    steps in proptest::collection::vec(("[A-Za-z][A-Za-z ]{0,8}", text(), proptest::option::of(0u32..100)), 0..4))
                    -> Competency {
        let mut seen = Vec::new();
        let steps = steps.into_iter().filter(|(name, _, _)| {
            let key = name.to_lowercase();
            let fresh = !seen.contains(&key);
            seen.push(key);
            fresh
        }).map(|(name, description, points)| Step { name, description, points }).collect::<Vec<_>>();
        // Steps are cumulative: points that are given never fall.
        let mut steps = steps;
        let mut given: Vec<u32> = steps.iter().filter_map(|s| s.points).collect();
        given.sort_unstable();
        for (step, points) in steps.iter_mut().filter(|s| s.points.is_some()).zip(given) {
            step.points = Some(points);
        }
        let group = group.map(|g| crate::text::nfc(&g));
        Competency { id, title, description, steps, group }
    }
}

fn expectation(competency: &Competency) -> impl Strategy<Value = Expectation> + use<> {
    let steps = competency.steps.len();
    let expected = prop_oneof![
        text().prop_map(Expected::Text),
        proptest::collection::vec(item(), 1..4).prop_map(Expected::Items),
        Just(Expected::Nothing),
    ];
    (expected, 0..steps.max(1)).prop_map(move |(expected, step)| {
        let step = (steps > 0 && expected != Expected::Nothing).then_some(step);
        Expectation::new(step, expected)
    })
}

fn ladder() -> impl Strategy<Value = Ladder> {
    let competencies = proptest::collection::vec(competency(), 3..6).prop_map(|mut list| {
        for (n, c) in list.iter_mut().enumerate() {
            c.id = format!("{}-{n}", c.id);
        }
        list
    });
    (id(), text(), text(), "[a-z0-9.]{1,5}", competencies).prop_flat_map(
        |(id, title, summary, version, competencies)| {
            let cells: Vec<_> = competencies.iter().map(expectation).collect();
            let level = ("[A-Z][A-Z0-9]{0,3}", text(), any::<bool>(), proptest::option::of(0u32..1000), cells);
            let has_points = competencies.iter().flat_map(|c| &c.steps).any(|s| s.points.is_some());
            proptest::collection::vec(level, 1..4).prop_map(move |mut levels| {
                // Minimums never fall, and only a ladder with points has them.
                let mut floor = 0;
                for level in &mut levels {
                    level.3 = level.3.filter(|_| has_points).map(|m| m.max(floor));
                    floor = level.3.unwrap_or(floor);
                }
                Ladder {
                    id: id.clone(),
                    title: title.clone(),
                    summary: summary.clone(),
                    version: version.clone(),
                    competencies: competencies.clone(),
                    levels: levels
                        .into_iter()
                        .enumerate()
                        .map(|(n, (id, title, senior, min_points, expectations))| Level {
                            id: format!("{id}-{n}"),
                            title,
                            senior,
                            expectations,
                            min_points,
                            description: String::new(),
                            promotion: None,
                        })
                        .collect(),
                    tracks: Vec::new(),
                    group_descriptions: Vec::new(),
                    source: Source::BuiltIn,
                }
            })
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn generated_ladders_round_trip(ladder in ladder()) {
        assert_round_trips(&ladder);
    }
}

#[test]
fn sheets_separated_by_semicolons_or_tabs_import_alike() {
    let ladder = load(builtin::LADDERS[3].1, "engineering-manager");
    let csv = write(&ladder, Target::File).unwrap();
    let with = |delimiter: u8| {
        let mut out = ::csv::WriterBuilder::new().delimiter(delimiter).from_writer(Vec::new());
        for record in ::csv::ReaderBuilder::new().has_headers(false).from_reader(csv.as_bytes()).records() {
            out.write_record(&record.unwrap()).unwrap();
        }
        String::from_utf8(out.into_inner().unwrap()).unwrap()
    };
    let expected = import(&csv, Path::new("x.csv"), None).unwrap();
    for delimiter in [b';', b'\t'] {
        let text = with(delimiter);
        assert!(!text.lines().next().unwrap().contains(','));
        assert_eq!(import(&text, Path::new("x.csv"), None).unwrap(), expected);
    }
}

#[test]
fn empty_unnamed_columns_and_blank_rows_are_ignored() {
    let ladder = load(builtin::LADDERS[1].1, "tech-lead");
    let csv = write(&ladder, Target::File).unwrap();
    let padded: String = csv.lines().map(|l| format!("{l},\n")).collect::<String>() + &",,,\n".repeat(3000);
    assert_eq!(import(&padded, Path::new("x.csv"), None).unwrap(), import(&csv, Path::new("x.csv"), None).unwrap());
    let noted = padded.replacen(",tech-lead,1,\n", ",tech-lead,1,note\n", 1);
    let error = import(&noted, Path::new("x.csv"), None).unwrap_err().to_string();
    assert_eq!(
        error,
        "x.csv: row 2, column 16 (no header): a value in a column with no name; name the column or empty it"
    );
}
