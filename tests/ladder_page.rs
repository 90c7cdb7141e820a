//! `rungs ladder export --format html|markdown`: the ladder page, and the
//! radar labels it draws, measured in headless Chromium.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::export::{chromium, console_lines, headless};
use crate::support::{Rungs, fixture, json};

const BUILT_IN: [&str; 4] = ["developer", "tech-lead", "technical-program-manager", "engineering-manager"];

/// Writes the ladder page of `ladder` (a name or a path) to `home/NAME.html`.
fn page(home: &Path, ladder: &str, name: &str) -> PathBuf {
    let out = home.join(format!("{name}.html"));
    Rungs::new().args(["ladder", "export", ladder, "--format", "html", "-o"]).args([&out]).ok();
    out
}

fn real(name: &str) -> String {
    fixture(&format!("ladders/real/{name}.toml")).display().to_string()
}

/// A script that measures, in every SVG of the page, each `<text>`'s box
/// against the picture's viewBox and against every other text, and the
/// widest element against the page; it writes what it found as JSON into
/// `<pre id="measured">`.
const MEASURE: &str = r#"<script>
const problems = [];
let labels = 0;
const svgs = [...document.querySelectorAll('svg')];
svgs.forEach((svg, k) => {
  const v = svg.viewBox.baseVal;
  const texts = [...svg.querySelectorAll('text')].map(t => {
    const b = t.getBBox();
    return { name: t.getAttribute('data-competency') || t.textContent, label: t.classList.contains('label'), x: b.x, y: b.y, w: b.width, h: b.height };
  });
  labels += texts.filter(t => t.label).length;
  for (const t of texts) {
    if (t.w <= 0 || t.h <= 0) problems.push(`svg ${k}: ${t.name} has no box`);
    if (t.x < v.x || t.y < v.y || t.x + t.w > v.x + v.width || t.y + t.h > v.y + v.height)
      problems.push(`svg ${k}: ${t.name} leaves the picture: ${JSON.stringify(t)} in ${v.x} ${v.y} ${v.width} ${v.height}`);
  }
  texts.forEach((a, i) => texts.slice(i + 1).forEach(b => {
    if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h)
      problems.push(`svg ${k}: ${a.name} overlaps ${b.name}`);
  }));
});
const main = document.querySelector('main');
const right = main ? main.getBoundingClientRect().right + 1 : innerWidth;
for (const e of document.querySelectorAll('main *')) {
  const r = e.getBoundingClientRect();
  if (r.right > right) problems.push(`${e.tagName.toLowerCase()}.${e.className.baseVal ?? e.className} ends at ${r.right}, past ${right}`);
}
if (document.documentElement.scrollWidth > innerWidth) problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth}`);
const pre = document.createElement('pre');
pre.id = 'measured';
pre.textContent = JSON.stringify({ svgs: svgs.length, labels, problems });
document.body.append(pre);
</script>"#;

/// Opens `page` with [`MEASURE`] added, at `width` pixels; returns the
/// measurements and the DOM.
fn measure(browser: &Path, page: &Path, width: u32) -> (Value, String) {
    let html = std::fs::read_to_string(page).unwrap();
    let measured = page.with_extension(format!("{width}.measured.html"));
    std::fs::write(&measured, html.replace("</body>", &format!("{MEASURE}</body>"))).unwrap();
    let profile = page.with_extension(format!("{width}.profile"));
    let size = format!("--window-size={width},2000");
    let (log, dom) = headless(browser, &profile, &measured, &["--dump-dom", &size]);
    assert!(console_lines(&log).is_empty(), "console messages:\n{}", console_lines(&log).join("\n"));
    let start = dom.find("<pre id=\"measured\">").unwrap_or_else(|| panic!("the script did not run:\n{log}"));
    let text = &dom[start + 19..];
    let text = text[..text.find("</pre>").unwrap()].replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    (json(&text), dom)
}

fn no_problems(measured: &Value, what: &str) {
    let problems = measured["problems"].as_array().unwrap();
    assert!(problems.is_empty(), "{what}:\n{}", problems.iter().map(Value::to_string).collect::<Vec<_>>().join("\n"));
}

fn browser() -> PathBuf {
    chromium().expect("Chromium is needed for this test: apt-get install -y chromium (bash .ci/run does it)")
}

/// Writes a ladder of `n` competencies with long titles in four groups,
/// three steps each, and two levels; returns its path.
fn wide(dir: &Path, n: usize) -> String {
    let mut text = format!("id = \"wide-{n}\"\ntitle = \"Wide {n}\"\nversion = \"1\"\n");
    let words = ["Communication", "architecture", "and", "collaboration", "across", "many", "distributed", "teams"];
    for i in 0..n {
        let title: Vec<&str> = (0..3 + i % 6).map(|w| words[(i + w) % words.len()]).collect();
        let group = ["Craft", "Delivery", "People", "Direction"][i * 4 / n];
        text += &format!(
            "\n[[competencies]]\nid = \"c{i}\"\ntitle = \"{} {i}\"\ngroup = \"{group}\"\nsteps = [{{ name = \"Low\" }}, {{ name = \"Mid\" }}, {{ name = \"High\" }}]\n",
            title.join(" ")
        );
    }
    for (level, step) in [("W1", "Low"), ("W2", "Mid")] {
        text += &format!("\n[[levels]]\nid = \"{level}\"\ntitle = \"{level}\"\n[levels.expectations]\n");
        for i in 0..n {
            let step = if i % 3 == 0 { "High" } else { step };
            text += &format!("c{i} = {{ step = \"{step}\", text = \"does {step} things\" }}\n");
        }
    }
    let path = dir.join(format!("wide-{n}.toml"));
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn radar_labels_stay_inside_the_picture_and_apart_in_chromium() {
    let browser = browser();
    let rungs = Rungs::new();
    let home = rungs.home();
    let mut ladders: Vec<(String, usize, usize)> = Vec::new();
    for id in BUILT_IN {
        ladders.push((id.to_owned(), 5, 0));
    }
    ladders.push((real("points-style"), 16, 15));
    ladders.push((real("long-names"), 16, 3));
    for n in [3, 24, 32] {
        ladders.push((wide(home, n), n, 2));
    }
    for (ladder, axes, levels) in ladders {
        let name = Path::new(&ladder).file_stem().unwrap().to_string_lossy().into_owned();
        let page = page(home, &ladder, &name);
        let (measured, _) = measure(&browser, &page, 1000);
        no_problems(&measured, &name);
        let svgs = measured["svgs"].as_u64().unwrap() as usize;
        assert!(svgs > 0 && (levels == 0 || svgs == levels), "{name}: a radar per level, {svgs}");
        assert_eq!(measured["labels"].as_u64().unwrap() as usize, axes * svgs, "{name}: a label per axis");
    }
}

#[test]
fn the_chart_of_an_assessment_on_a_grouped_ladder_without_steps_stays_readable_in_chromium() {
    let browser = browser();
    let rungs = Rungs::new();
    let home = rungs.home();
    let ratings: serde_json::Map<String, Value> =
        ["delivery", "scope", "technical-skill", "architecture", "feedback", "leadership", "hiring", "org-impact"]
            .iter()
            .map(|c| {
                // E2 expects nothing of hiring and org-impact: only E3's cell is rated.
                let given = if *c == "hiring" || *c == "org-impact" {
                    serde_json::json!({ "target": "developing" })
                } else {
                    serde_json::json!({ "current": "meets", "target": "developing" })
                };
                ((*c).to_owned(), given)
            })
            .collect();
    let answers = serde_json::json!({ "ladder": real("lists-style"), "person": "Sam", "current": "E2", "date": "2026-11-24", "ratings": ratings });
    let dir = home.join("D");
    crate::support::assess(&dir, &answers);
    let svg = Rungs::new()
        .args(["chart", "Sam", "--ladders"])
        .args([fixture("ladders/real")])
        .args(["--dir"])
        .args([&dir])
        .ok();
    assert!(!svg.contains('—'), "no placeholder dashes: {svg}");
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let arcs = doc.descendants().filter(|n| n.attribute("class") == Some("group")).count();
    assert_eq!(arcs, 4, "Impact is split in two runs around the rim, then Technical and Behaviours");
    let keys: Vec<&str> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("group-key"))
        .filter_map(|n| n.descendants().find(|t| t.has_tag_name("text")).and_then(|t| t.text()))
        .collect();
    assert_eq!(keys, ["Impact", "Technical", "Behaviours"]);
    let page = home.join("chart.html");
    std::fs::write(&page, format!("<!DOCTYPE html><html><body><main>{svg}</main></body></html>")).unwrap();
    let (measured, _) = measure(&browser, &page, 1000);
    no_problems(&measured, "chart");
    assert_eq!(measured["labels"], 8);
}

#[test]
fn the_measuring_script_sees_labels_outside_the_picture_and_overlapping() {
    let browser = browser();
    let rungs = Rungs::new();
    let page = rungs.home().join("bad.html");
    let bad = r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="100" height="100"><text class="label" data-competency="a" x="-50" y="20">Outside on the left</text><text class="label" data-competency="b" x="10" y="60">One</text><text class="label" data-competency="c" x="12" y="62">Two</text></svg>"#;
    std::fs::write(&page, format!("<!DOCTYPE html><html><body><main>{bad}</main></body></html>")).unwrap();
    let (measured, _) = measure(&browser, &page, 1000);
    let problems: Vec<&str> = measured["problems"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert!(problems.iter().any(|p| p.contains("a leaves the picture")), "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("b overlaps c")), "{problems:?}");
}

/// The groups of the two real-world fixtures, in order.
const POINTS_GROUPS: [&str; 4] = ["Building", "Executing", "Supporting", "Strengthening"];
const LISTS_GROUPS: [&str; 3] = ["Impact", "Technical", "Behaviours"];

#[test]
fn the_ladder_page_shows_every_level_with_its_radar_lists_and_groups_in_chromium() {
    let browser = browser();
    let rungs = Rungs::new();
    let home = rungs.home();
    let cases: [(&str, usize, usize, &[&str]); 2] =
        [("points-style", 15, 15, &POINTS_GROUPS), ("lists-style", 6, 0, &LISTS_GROUPS)];
    for (name, levels, radars, groups) in cases {
        let page = page(home, &real(name), name);
        let html = std::fs::read_to_string(&page).unwrap();
        let outside = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        assert!(
            !outside.contains("http") && !outside.contains(" src=") && !outside.contains("<link"),
            "self-contained"
        );
        for width in [1000, 480] {
            let (measured, _) = measure(&browser, &page, width);
            no_problems(&measured, &format!("{name} at {width} px"));
        }
        let profile = home.join(format!("{name}.profile"));
        let (log, dom) = headless(&browser, &profile, &page, &["--dump-dom"]);
        assert!(console_lines(&log).is_empty(), "console messages:\n{}", console_lines(&log).join("\n"));
        assert_eq!(dom.matches("<section class=\"level\"").count(), levels, "{name}: every level");
        for i in 0..levels {
            assert!(dom.contains(&format!("<a href=\"#level-{i}\">")), "{name}: level {i} in the contents");
        }
        assert_eq!(dom.matches("<figure class=\"radar\"><svg").count(), radars, "{name}: a radar per level");
        for group in groups {
            assert!(dom.contains(&format!("<h3 class=\"group-name\">{group}</h3>")), "{name}: {group} section");
            assert_eq!(dom.matches(&format!("<h4 class=\"group-name\">{group}</h4>")).count(), levels, "{group}");
        }
        assert!(!dom.contains('—'), "{name}: no placeholder dashes");
    }
    let lists = std::fs::read_to_string(home.join("lists-style.html")).unwrap();
    assert!(
        lists.contains("<ul><li>Delivery: handles work of size 1 with the team&#39;s help</li><li>"),
        "items as a list"
    );
    assert_eq!(lists.matches("<p class=\"not-expected\">not expected at this level</p>").count(), 4);
    assert!(lists.contains("No radar: this ladder has no steps"), "says why there is no radar");
    let points = std::fs::read_to_string(home.join("points-style.html")).unwrap();
    assert!(points.contains("<strong>Milestone 5</strong> <span class=\"points\">20 points</span>"));
    assert!(points.contains("Senior level · at least 135 points"));
    assert!(points.contains("<li class=\"up\"><strong>Foundations</strong>: step up, Milestone 1 → Milestone 2"));

    let shot = home.join("points-style.png");
    let (log, _) = headless(
        &browser,
        &home.join("shot"),
        &home.join("points-style.html"),
        &[&format!("--screenshot={}", shot.display())],
    );
    let png = std::fs::read(&shot).unwrap_or_else(|e| panic!("no screenshot ({e}):\n{log}"));
    assert_eq!(&png[1..4], b"PNG");
    assert!(png.len() > 50_000, "a blank page compresses to almost nothing: {} bytes", png.len());
    if let Some(keep) = std::env::var_os("RUNGS_KEEP_SCREENSHOT") {
        std::fs::copy(&shot, keep).unwrap();
    }

    let pdf = home.join("lists-style.pdf");
    let print = format!("--print-to-pdf={}", pdf.display());
    let page = home.join("lists-style.html");
    let (log, _) = headless(&browser, &home.join("pdf"), &page, &[&print, "--no-pdf-header-footer"]);
    let pdf = std::fs::read(&pdf).unwrap_or_else(|e| panic!("no PDF ({e}):\n{log}"));
    let pages = pdf.windows(12).filter(|w| w.starts_with(b"/Type /Page") && w[11] != b's').count();
    assert!(pages > 6, "each of the 6 levels starts a page after the contents: {pages}");
}

/// Checks that every row of every table has as many cells as its header,
/// counting only the pipes that are not escaped.
fn tables_keep_their_columns(markdown: &str) {
    let cells = |line: &str| line.replace("\\\\", "").replace("\\|", "").matches('|').count();
    let mut header = None;
    for line in markdown.lines() {
        match (line.starts_with('|'), header) {
            (true, None) => header = Some(cells(line)),
            (true, Some(n)) => assert_eq!(cells(line), n, "a row with other columns: {line}"),
            (false, _) => header = None,
        }
    }
}

#[test]
fn the_markdown_page_has_lists_groups_points_and_changes() {
    let lists = Rungs::new().args(["ladder", "export"]).args([real("lists-style")]).ok();
    assert!(lists.starts_with("# Backend Engineer (lists)\n\nSeveral expectations per cell"), "{lists}");
    assert!(lists.contains("| E3 | Senior Engineer | yes |"), "{lists}");
    for group in LISTS_GROUPS {
        assert!(lists.contains(&format!("\n### {group}\n")), "{group} under the competencies");
        assert_eq!(lists.matches(&format!("\n#### {group}\n")).count(), 6, "{group} under every level");
    }
    assert!(lists.contains("#### Feedback, communication &amp; collaboration\n"), "{lists}");
    assert!(lists.contains("- **Delivery**:\n  - Delivery: handles work of size 1 with the team's help\n  - "));
    assert!(lists.contains("- **Hiring and growing the team**: *not expected at this level*\n"));
    assert!(lists.contains("### What changes from E2\n\n"), "{lists}");
    assert!(lists.contains("- **Hiring and growing the team**: expected from this level:\n  - Hiring: handles"));
    assert!(!lists.contains('—') && !lists.contains("<svg"), "{lists}");
    tables_keep_their_columns(&lists);

    let points = Rungs::new().args(["ladder", "export", "--format", "markdown"]).args([real("points-style")]).ok();
    assert!(points.contains("| EE1.2 | Engineer I (EE1.2) | no | 5 |"), "{points}");
    tables_keep_their_columns(&points);
    assert!(points.contains("1. **Milestone 1** (1 point): Milestone 1 of mobile.\n"), "{points}");
    assert!(points.contains("Senior level · at least 135 points"), "{points}");
    assert!(
        points.contains("- **Foundations**: step up, Milestone 1 → Milestone 2: works at milestone 2 of foundations")
    );
    assert_eq!(points.matches("\n## ").count(), 2 + 15, "contents, competencies and a section per level");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("page.md");
    Rungs::new().args(["ladder", "export", "tech-lead", "-o"]).args([&out]).ok();
    let written = std::fs::read_to_string(&out).unwrap();
    assert_eq!(written, Rungs::new().args(["ladder", "export", "tech-lead"]).ok(), "the .md extension picks Markdown");
}

/// A ladder whose every text tries to break out of HTML, SVG, Markdown or
/// the terminal.
const HOSTILE: &str = r##"id = "hostile"
title = "Evil <script>alert(1)</script> </svg> \u001b]0;pwned\u0007 | `code`"
summary = "# not a heading <img src=x onerror=alert(2)> [x](javascript:alert(3))"
version = "1 | 2"

[[competencies]]
id = "a"
title = "A </svg><script>alert(4)</script>"
group = "G <b>bold</b> | `tick`"
description = "- not a list\u0000"
steps = [{ name = "S1 <i>", description = "one `x`" }, { name = "S2 | pipe", points = 3 }]

[[competencies]]
id = "b"
title = "B \u202e reversed & more"
group = "G <b>bold</b> | `tick`"
steps = [{ name = "S1" }, { name = "S2" }]

[[competencies]]
id = "c"
title = "C ]]> <!-- comment"
steps = [{ name = "S1" }, { name = "S2" }]

[[levels]]
id = "L1"
title = "Level | one <script>"
[levels.expectations]
a = { step = "S1 <i>", items = ["<script>alert(5)</script>", "1. numbered | pipe `tick`"] }
b = { step = "S1", text = "text with \u001b[2J clear" }
c = { none = true }

[[levels]]
id = "L2"
title = "Level two"
min_points = 3
[levels.expectations]
a = { step = "S2 | pipe", text = "> quote </svg>" }
b = { step = "S2", text = "ok" }
c = { step = "S2", text = "now" }
"##;

#[test]
fn hostile_ladder_text_is_text_in_the_html_page_its_svg_and_the_markdown_page() {
    let browser = browser();
    let rungs = Rungs::new();
    let home = rungs.home();
    let ladder = home.join("hostile.toml");
    std::fs::write(&ladder, HOSTILE).unwrap();
    let ladder = ladder.display().to_string();
    let page = page(home, &ladder, "hostile");
    let html = std::fs::read_to_string(&page).unwrap();
    for raw in ["<script", "<b>", "<i>", "<img", "<!--", "\u{1b}", "\u{0}", "\u{7}"] {
        assert!(!html.contains(raw), "{raw:?} reached the page raw");
    }
    assert_eq!(html.matches("<svg ").count(), 2, "a radar per level");
    assert_eq!(html.matches("</svg>").count(), 2, "only the radars' own ends");
    for svg in html.split("<svg ").skip(1) {
        let svg = format!("<svg {}</svg>", svg.split("</svg>").next().unwrap());
        let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{e}: {svg}"));
        let label = doc.root_element().attribute("aria-label").unwrap();
        assert!(
            label.starts_with("Evil <script>alert(1)</script> </svg> \u{fffd}]0;pwned\u{fffd} | `code`"),
            "{label}"
        );
        let texts: String = doc.descendants().filter_map(|n| n.text()).collect();
        assert!(texts.contains("</svg><script>aler"), "the title is the label's text: {texts}");
    }
    let (log, dom) = headless(&browser, &home.join("profile"), &page, &["--dump-dom"]);
    assert!(console_lines(&log).is_empty(), "console messages:\n{}", console_lines(&log).join("\n"));
    assert!(!dom.contains("<script") && !dom.contains("<img") && !dom.contains("<b>"), "{dom}");
    assert!(dom.contains("<h1>Evil &lt;script&gt;alert(1)&lt;/script&gt; &lt;/svg&gt;"), "{dom}");

    let markdown = Rungs::new().args(["ladder", "export"]).args([&ladder]).ok();
    assert!(!markdown.contains('<') && !markdown.contains('\u{1b}') && !markdown.contains('\u{0}'), "{markdown}");
    assert_eq!(markdown.matches('`').count(), 2, "only the page's own `--format html`: {markdown}");
    assert!(markdown.starts_with(
        "# Evil &lt;script&gt;alert(1)&lt;/script&gt; &lt;/svg&gt; \\u{1b}&#93;0;pwned\\u{7} | &#96;code&#96;\n"
    ));
    assert!(
        markdown.contains("\n\\# not a heading &lt;img src=x onerror=alert(2)&gt; &#91;x&#93;(javascript:alert(3))\n")
    );
    assert!(markdown.contains("\n| L1 | Level \\| one &lt;script&gt; | no |  |\n"), "a pipe cannot end a cell");
    tables_keep_their_columns(&markdown);
    assert!(markdown.contains("\n  - 1\\. numbered | pipe &#96;tick&#96;\n"), "{markdown}");
    assert!(markdown.contains("\n\\- not a list\\u{0}\n"), "{markdown}");
}

#[test]
fn a_ladder_of_tracks_shows_its_fork_side_by_side_in_chromium() {
    let browser = browser();
    let rungs = Rungs::new();
    let home = rungs.home();
    let ladder = crate::support::repo("tests/fixtures/ladders/tracks/forked.toml");
    let page = page(home, &ladder.display().to_string(), "forked");
    let (measured, _) = measure(&browser, &page, 1000);
    no_problems(&measured, "forked at 1000 px");
    let (log, dom) = headless(&browser, &home.join("forked.profile"), &page, &["--dump-dom"]);
    assert!(console_lines(&log).is_empty(), "console messages:\n{}", console_lines(&log).join("\n"));
    let table = &dom[dom.find("<table class=\"tracks\">").expect("the tracks table")..];
    let table = &table[..table.find("</table>").unwrap()];
    assert!(table.contains("<th>Technical</th><th>Management</th>"), "{table}");
    assert!(table.contains("<tr><td>senior2-ic</td><td>senior2-em</td></tr>"), "the fork, side by side: {table}");
    assert!(table.contains("<tr><td>principal</td><td>head</td></tr>"), "{table}");
    // The level below head is on its own track, and an inherited cell says so.
    let head = &dom[dom.find("data-level=\"head\"").unwrap()..];
    assert!(head.contains("What changes from senior2-em"), "{head}");
    assert!(dom.contains("as at eng1"), "an inherited cell names the level that says it");
    assert!(dom.contains("<p class=\"about\">Answers for the technical health of a whole area.</p>"));
}
