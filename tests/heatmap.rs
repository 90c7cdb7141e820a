//! `rungs team --format html`: the heatmap page, checked in headless Chromium
//! against `team --format json` over a store of 50 people on two ladders.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use crate::export::{chromium, console_lines, headless};
use crate::support::{Rungs, assess, json as parse};

const COMPETENCIES: [&str; 5] = ["technology", "system", "people", "process", "influence"];
const STATUSES: [&str; 3] = ["ready", "growing", "below"];
const HOSTILE: &str = "<script>alert(1)</script>";

/// The status person `i` gives themselves on competency `j`.
fn own(i: usize, j: usize) -> &'static str {
    STATUSES[(i + i / 3 + j) % 3]
}

/// Ratings that score as `statuses`; `people` expects the same step at the
/// current and target levels of both ladders, so it takes one rating.
fn ratings(statuses: &[&str]) -> Map<String, Value> {
    COMPETENCIES
        .iter()
        .zip(statuses)
        .map(|(c, s)| {
            let entry = match (*c, *s) {
                ("people", "ready") => json!({ "current": "meets" }),
                ("people", _) => json!({ "current": "developing" }),
                (_, "ready") => json!({ "current": "meets", "target": "meets" }),
                (_, "growing") => json!({ "current": "meets", "target": "developing" }),
                _ => json!({ "current": "developing", "target": "not-yet" }),
            };
            ((*c).to_owned(), entry)
        })
        .collect()
}

fn name(i: usize) -> String {
    if i == 7 { HOSTILE.to_owned() } else { format!("Person {i:02}") }
}

/// 50 people, every third on the developer ladder; managers' views of
/// persons 1 and 2 (tech-lead) and 3 (developer): person 1's manager
/// disagrees on technology and process, person 2's agrees, person 3's
/// disagrees on system.
fn store(dir: &Path) {
    for i in 0..50 {
        let (ladder, level) = if i % 3 == 0 { ("developer", "D4") } else { ("tech-lead", "TL4") };
        let statuses: Vec<&str> = (0..5)
            .map(|j| if COMPETENCIES[j] == "people" { ["ready", "below"][(i + j) % 2] } else { own(i, j) })
            .collect();
        let base = json!({ "ladder": ladder, "person": name(i), "current": level, "date": "2026-01-10" });
        let mut answers = base.clone();
        answers["ratings"] = Value::Object(ratings(&statuses));
        assess(dir, &answers);
        let flipped: &[&str] = match i {
            1 => &["technology", "process"],
            2 => &[],
            3 => &["system"],
            _ => continue,
        };
        let theirs: Vec<&str> = COMPETENCIES
            .iter()
            .zip(&statuses)
            .map(|(c, s)| if flipped.contains(c) { if *s == "ready" { "growing" } else { "ready" } } else { *s })
            .collect();
        let mut answers = base;
        answers["relationship"] = json!("manager");
        answers["assessor"] = json!("Kim Park");
        answers["date"] = json!("2026-02-10");
        answers["ratings"] = Value::Object(ratings(&theirs));
        assess(dir, &answers);
    }
}

/// The `<tr>` of one person in a dumped DOM, up to its end.
fn row<'a>(dom: &'a str, person: &str) -> &'a str {
    let start = dom.find(&format!("<tr data-person=\"{person}\"")).unwrap_or_else(|| panic!("no row for {person}"));
    let rest = &dom[start..];
    &rest[..rest.find("</tr>").unwrap()]
}

/// The competencies a row marks as disagreeing.
fn marked(row: &str) -> BTreeSet<String> {
    row.split("<td class=\"square ")
        .skip(1)
        .filter(|cell| cell.split('"').next().unwrap().split(' ').any(|c| c == "differ"))
        .map(|cell| cell.split("data-competency=\"").nth(1).unwrap().split('"').next().unwrap().to_owned())
        .collect()
}

/// The `data-` counts of one competency in one ladder's table.
fn counts(dom: &str, ladder: &str, competency: &str) -> [usize; 3] {
    let section = dom.split(&format!("data-ladder=\"{ladder}\"")).nth(1).unwrap().split("</section>").next().unwrap();
    let cell = section
        .split("class=\"count\" data-column=")
        .skip(1)
        .find(|c| c.contains(&format!("data-competency=\"{competency}\"")))
        .unwrap();
    STATUSES.map(|s| cell.split(&format!("data-{s}=\"")).nth(1).unwrap().split('"').next().unwrap().parse().unwrap())
}

fn dump(browser: &Path, home: &Path, profile: &str, page: &str) -> String {
    let (log, dom) = headless(browser, &home.join(profile), Path::new(page), &["--dump-dom"]);
    assert!(console_lines(&log).is_empty(), "console messages:\n{}", console_lines(&log).join("\n"));
    dom
}

#[test]
fn the_heatmap_of_50_people_opens_in_chromium_with_counts_and_markers() {
    let browser =
        chromium().expect("Chromium is needed for this test: apt-get install -y chromium (bash .ci/run does it)");
    let rungs = Rungs::new();
    let home = rungs.home();
    let dir = home.join("D");
    store(&dir);
    let team = parse(&Rungs::new().args(["team", "--format", "json", "--dir"]).args([&dir]).ok());
    let members = team.as_array().unwrap();
    assert_eq!(members.len(), 50);

    let page: PathBuf = home.join("team.html");
    Rungs::new().args(["team", "--format", "html", "-o"]).args([&page]).args(["--dir"]).args([&dir]).ok();
    let html = std::fs::read_to_string(&page).unwrap();
    let stdout = Rungs::new().args(["team", "--format", "html", "-o", "-", "--dir"]).args([&dir]).ok();
    assert_eq!(stdout, html, "-o - is stdout");
    assert!(!html.contains("http://") && !html.contains("https://") && !html.contains(" src="), "self-contained");

    let dom = dump(&browser, home, "profile", &page.display().to_string());
    assert_eq!(dom.matches("<tr data-person=").count(), 50, "one row per person");
    for status in STATUSES {
        assert!(dom.contains(&format!("<td class=\"square {status}")), "no {status} square");
    }
    let squares = STATUSES.iter().map(|s| dom.matches(&format!("<td class=\"square {s}")).count()).sum::<usize>();
    assert_eq!(squares, 50 * 5, "every square carries its status");
    assert!(dom.contains("id=\"filter\"") && dom.contains("<th scope=\"col\"><button"), "the script ran");

    // Per-competency counts, from the JSON.
    for (ladder, competency) in [("tech-lead", "technology"), ("developer", "process")] {
        let on_ladder = members.iter().filter(|m| m["ladder"] == ladder);
        let expected = on_ladder.fold([0; 3], |mut n, m| {
            n[STATUSES.iter().position(|s| m["statuses"][competency] == *s).unwrap()] += 1;
            n
        });
        assert_eq!(counts(&dom, ladder, competency), expected, "{ladder} {competency}");
    }

    // Markers exactly where self and manager disagree, as many as JSON counts.
    assert_eq!(marked(row(&dom, "Person 01")), BTreeSet::from(["technology".to_owned(), "process".to_owned()]));
    assert_eq!(marked(row(&dom, "Person 03")), BTreeSet::from(["system".to_owned()]));
    assert!(marked(row(&dom, "Person 02")).is_empty() && marked(row(&dom, "Person 04")).is_empty());
    assert!(row(&dom, "Person 01").contains("<td data-sort=\"manager\">manager</td>"), "the row says which view");
    let disagreements: u64 = members.iter().filter_map(|m| m["disagreements"].as_u64()).sum();
    assert_eq!(disagreements, 3);
    let tbody = dom.split("<tbody>").skip(1).collect::<String>();
    assert_eq!(tbody.matches("class=\"mark\"").count(), 3);

    // A hostile name is text.
    assert_eq!(dom.matches("<script>").count(), 1, "only the page's own script");
    assert!(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;</th>"), "the name shows as text");

    // Filtering (from the address) hides the other rows and recounts.
    let filtered = dump(&browser, home, "profile-filter", &format!("{}#filter=person%2001", page.display()));
    assert_eq!(filtered.matches("<tr data-person=").count() - filtered.matches(" hidden=\"\"").count(), 1);
    assert!(filtered.contains("1 of 50 shown"), "{filtered}");
    let [ready, growing, below] = counts(&filtered, "tech-lead", "technology");
    assert_eq!(ready + growing + below, 1);

    // Sorting: a click on a competency's header puts ready first.
    let clicked = home.join("clicked.html");
    let click = "<script>document.querySelector('section[data-ladder=tech-lead] th.competency[data-competency=technology] button').click()</script>";
    std::fs::write(&clicked, html.replace("</body>", &format!("{click}</body>"))).unwrap();
    let sorted = dump(&browser, home, "profile-sort", &clicked.display().to_string());
    let section = sorted.split("data-ladder=\"tech-lead\"").nth(1).unwrap().split("</section>").next().unwrap();
    let keys: Vec<i32> = section
        .split("data-competency=\"technology\" data-status=")
        .skip(1)
        .map(|c| c.split("data-sort=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap())
        .collect();
    assert_eq!(keys.len(), members.iter().filter(|m| m["ladder"] == "tech-lead").count());
    assert!(keys.windows(2).all(|w| w[0] >= w[1]), "ready first: {keys:?}");
    assert!(section.contains("aria-sort=\"descending\""));

    // A screenshot at 50 people.
    let shot = home.join("team.png");
    let (log, _) = headless(
        &browser,
        &home.join("profile-shot"),
        &page,
        &[&format!("--screenshot={}", shot.display()), "--window-size=1400,2000"],
    );
    let png = std::fs::read(&shot).unwrap_or_else(|e| panic!("no screenshot ({e}):\n{log}"));
    assert_eq!(&png[1..4], b"PNG");
    let size =
        (u32::from_be_bytes(png[16..20].try_into().unwrap()), u32::from_be_bytes(png[20..24].try_into().unwrap()));
    assert_eq!(size, (1400, 2000));
    assert!(png.len() > 20_000, "a blank page compresses to almost nothing: {} bytes", png.len());
    if let Some(keep) = std::env::var_os("RUNGS_KEEP_SCREENSHOT") {
        std::fs::copy(&shot, keep).unwrap();
    }
}
