//! `rungs calibrate`: on a generated team whose one manager rates everyone a
//! step above the truth, that manager alone is flagged, and alpha and kappa
//! equal an independent reference (the `krippendorff` Python package, which
//! `.ci/run` installs, and the kappa formula) computed from the store's
//! files; peers below the floor leave no trace; the pack opens in Chromium.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use serde_json::{Value, json};

use crate::export::{chromium, console_lines, headless};
use crate::support::{Rungs, assess, json as parse, repo};

const TODAY: &str = "2026-12-01";
const RATINGS: [&str; 4] = ["not-yet", "developing", "meets", "exceeds"];
/// TL4 → TL5 of the Tech Lead ladder: `people` expects the same step at
/// both levels and is asked once.
const COMPETENCIES: [&str; 5] = ["technology", "system", "people", "process", "influence"];

/// A small, seeded generator: the team is the same on every run.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }

    /// −1, 0 or +1: one step either way now and then, up a little more often
    /// than down (ratings run lenient).
    fn noise(&mut self) -> i64 {
        match self.below(10) {
            0 => -1,
            1..=5 => 0,
            _ => 1,
        }
    }
}

fn rating(value: i64) -> &'static str {
    RATINGS[usize::try_from(value.clamp(1, 4) - 1).unwrap()]
}

/// Answers for one view: `values` per competency (current, target).
fn answers(person: &str, (assessor, relationship): (&str, &str), date: &str, values: &[(i64, i64)]) -> Value {
    let ratings: serde_json::Map<String, Value> = COMPETENCIES
        .iter()
        .zip(values)
        .map(|(c, (now, next))| {
            let cell = if *c == "people" {
                json!({ "current": rating(*now) })
            } else {
                json!({ "current": rating(*now), "target": rating(*next) })
            };
            ((*c).to_owned(), cell)
        })
        .collect();
    json!({ "person": person, "assessor": assessor, "relationship": relationship, "current": "TL4",
            "target": "TL5", "date": date, "ratings": ratings })
}

/// The generated team, fictional.
const PEOPLE: [&str; 12] = [
    "Ada Quill",
    "Ben Ortiz",
    "Cleo Hart",
    "Dev Patel",
    "Eli Stone",
    "Fay Moreno",
    "Gus Lind",
    "Hana Sato",
    "Ivo Berg",
    "Jun Abe",
    "Kai Dunn",
    "Lia Roth",
];

/// 12 people, each rated by themselves and two managers: Kim Park around
/// the truth, Lee Moss exactly one step above it. Kim's view is the latest
/// for even people, Lee's for odd ones.
fn team(dir: &Path) {
    let mut rng = Lcg(2026);
    for (p, person) in PEOPLE.iter().enumerate() {
        let truth: Vec<(i64, i64)> = (0..5).map(|_| (2 + (rng.below(2) as i64), 1 + (rng.below(3) as i64))).collect();
        let own: Vec<(i64, i64)> = truth.iter().map(|(a, b)| (a + rng.noise(), b + rng.noise())).collect();
        let fair: Vec<(i64, i64)> = truth.iter().map(|(a, b)| (a + rng.noise(), b + rng.noise())).collect();
        let lenient: Vec<(i64, i64)> = truth.iter().map(|(a, b)| (a + 1, b + 1)).collect();
        let kim = if p % 2 == 0 { "2026-11-20" } else { "2026-11-10" };
        assess(dir, &answers(person, (person, "self"), "2026-11-01", &own));
        assess(dir, &answers(person, ("Kim Park", "manager"), kim, &fair));
        assess(dir, &answers(person, ("Lee Moss", "manager"), "2026-11-15", &lenient));
    }
}

fn calibrate(dir: &Path, args: &[&str]) -> String {
    Rungs::new().args(["calibrate", "--dir"]).args([dir]).args(args).env("RUNGS_TODAY", TODAY).ok()
}

/// The reference figures, from the store's files.
fn reference(dir: &Path) -> Value {
    let script = repo("tests/calibrate_reference.py");
    let out = Command::new("python3")
        .arg(script)
        .arg(dir)
        .args(["tech-lead", "2026-09-02", TODAY])
        .output()
        .expect("python3 is needed for this test (bash .ci/run installs the krippendorff package)");
    assert!(out.status.success(), "the reference failed: {}", String::from_utf8_lossy(&out.stderr));
    parse(&String::from_utf8_lossy(&out.stdout))
}

fn close(ours: &Value, theirs: &Value, what: &str) {
    let (a, b) = (ours.as_f64().unwrap_or_else(|| panic!("{what}: {ours}")), theirs.as_f64().unwrap());
    assert!((a - b).abs() < 5e-4, "{what}: rungs {a}, reference {b}");
}

#[test]
fn the_lenient_manager_alone_is_flagged_and_alpha_and_kappa_match_an_independent_reference() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    team(&dir);
    let out = parse(&calibrate(&dir, &["--format", "json"]));
    let flagged: Vec<&str> = out["assessors"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["flagged"] == true)
        .map(|a| a["assessor"].as_str().unwrap())
        .collect();
    assert_eq!(flagged, ["Lee Moss"], "{:#}", out["assessors"]);
    let lee = &out["assessors"][0];
    assert_eq!((lee["relationship"].as_str(), lee["units"].as_u64()), (Some("manager"), Some(108)));
    assert!(lee["leniency"].as_f64().unwrap() >= 0.5 && lee["low"].as_f64().unwrap() > 0.0, "{lee}");

    let truth = reference(&dir);
    assert_eq!(out["units"], truth["units"]);
    assert_eq!(out["alpha"]["units"], 108);
    close(&out["alpha"]["value"], &truth["alpha"], "alpha");
    close(&out["kappa_self_manager"], &truth["kappa"], "kappa overall");
    let competencies = out["competencies"].as_array().unwrap();
    assert_eq!(competencies.len(), 5);
    for c in competencies {
        let id = c["id"].as_str().unwrap();
        close(&c["kappa_self_manager"], &truth["kappa_by_competency"][id], &format!("kappa of {id}"));
    }
    let (low, high) = (out["alpha"]["low"].as_f64().unwrap(), out["alpha"]["high"].as_f64().unwrap());
    assert!(low < out["alpha"]["value"].as_f64().unwrap() && out["alpha"]["value"].as_f64().unwrap() < high);
}

/// A team whose truth stays below `exceeds`, so that the lenient manager's
/// step is never cut off by the top of the scale; self and the fair manager
/// give the truth, or with `noisy` the truth a step off either way as often.
fn neutral_team(dir: &Path, seed: u64, noisy: bool) {
    let mut rng = Lcg(seed);
    let off = |rng: &mut Lcg| -> i64 {
        match rng.below(20) {
            0..=2 if noisy => -1,
            3..=5 if noisy => 1,
            _ => 0,
        }
    };
    for person in PEOPLE {
        let truth: Vec<(i64, i64)> = (0..5).map(|_| (1 + rng.below(3) as i64, 1 + rng.below(3) as i64)).collect();
        let own: Vec<(i64, i64)> = truth.iter().map(|(a, b)| (a + off(&mut rng), b + off(&mut rng))).collect();
        let fair: Vec<(i64, i64)> = truth.iter().map(|(a, b)| (a + off(&mut rng), b + off(&mut rng))).collect();
        let lenient: Vec<(i64, i64)> = truth.iter().map(|(a, b)| (a + 1, b + 1)).collect();
        assess(dir, &answers(person, (person, "self"), "2026-11-01", &own));
        assess(dir, &answers(person, ("Kim Park", "manager"), "2026-11-10", &fair));
        assess(dir, &answers(person, ("Lee Moss", "manager"), "2026-11-15", &lenient));
    }
}

#[test]
fn one_lenient_manager_is_the_only_one_flagged_however_the_others_rate() {
    for (seed, noisy) in [(1, false), (2, false), (3, true), (4, true), (5, true), (6, true)] {
        let rungs = Rungs::new();
        let dir = rungs.home().join("D");
        neutral_team(&dir, seed, noisy);
        let out = parse(&calibrate(&dir, &["--format", "json"]));
        let flagged: Vec<&str> = out["assessors"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["flagged"] == true)
            .map(|a| a["assessor"].as_str().unwrap())
            .collect();
        assert_eq!(flagged, ["Lee Moss"], "seed {seed}, noisy {noisy}: {:#}", out["assessors"]);
    }
}

#[test]
fn the_json_keys_are_the_pinned_ones_and_a_seed_repeats_the_intervals() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    team(&dir);
    let text = calibrate(&dir, &["--format", "json"]);
    let out = parse(&text);
    for key in ["scope", "units", "raters", "alpha", "alpha_others", "competencies", "assessors", "distribution"] {
        assert!(out.get(key).is_some(), "no {key}");
    }
    // serde_json sorts an object's keys; the sets are the pinned ones.
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<BTreeSet<_>>();
    let set = |names: &[&str]| names.iter().map(|n| (*n).to_owned()).collect::<BTreeSet<_>>();
    assert_eq!(keys(&out["alpha"]), set(&["value", "low", "high", "units"]));
    let competency = ["id", "alpha", "kappa_self_manager", "self_other_gap", "ready", "single_holder"];
    assert_eq!(keys(&out["competencies"][0]), set(&competency));
    let assessor = ["assessor", "relationship", "units", "leniency", "low", "high", "spread", "halo", "flagged"];
    assert_eq!(keys(&out["assessors"][0]), set(&assessor));
    assert_eq!(out["raters"], 14, "12 selves and two managers");
    assert_eq!(calibrate(&dir, &["--format", "json"]), text, "no clock in the seed");
    let other = parse(&calibrate(&dir, &["--format", "json", "--seed", "9"]));
    assert_eq!(other["alpha"]["value"], out["alpha"]["value"]);
    assert_ne!(other["alpha"]["low"], out["alpha"]["low"], "another seed, another resample");
    let others_only = parse(&calibrate(&dir, &["--format", "json", "--exclude-self"]));
    assert_eq!(others_only["alpha"]["value"], out["alpha_others"]["value"]);
    assert_eq!(others_only["alpha"]["units"], out["alpha_others"]["units"]);
    assert_ne!(others_only["alpha"]["value"], out["alpha"]["value"]);
}

/// Three people rated by themselves and a manager, and each by `peers` peers.
fn with_peers(dir: &Path, peers: usize) {
    for p in 0..3 {
        let person = format!("Person {p}");
        let values = [(3, 2), (2, 2), (3, 3), (3, 1), (2, 2)];
        assess(dir, &answers(&person, (&person, "self"), "2026-11-01", &values));
        assess(dir, &answers(&person, ("Kim Park", "manager"), "2026-11-02", &values.map(|(a, b)| (a, b + 1))));
        for q in 0..peers {
            let peer = format!("Secret Peer {q}");
            assess(dir, &answers(&person, (&peer, "peer"), "2026-11-03", &values.map(|(a, b)| (a + 1, b + 1))));
        }
    }
}

#[test]
fn below_the_floor_no_peer_figure_appears_and_no_output_names_a_peer() {
    let rungs = Rungs::new();
    let (none, two, three) = (rungs.home().join("none"), rungs.home().join("two"), rungs.home().join("three"));
    with_peers(&none, 0);
    with_peers(&two, 2);
    with_peers(&three, 3);
    for format in ["json", "table", "markdown", "html"] {
        let bare = calibrate(&none, &["--format", format]);
        let run =
            Rungs::new().args(["calibrate", "--format", format, "--dir"]).args([&two]).env("RUNGS_TODAY", TODAY).run();
        assert_eq!(run.code, 0, "{run:#?}");
        assert_eq!(run.stdout, bare, "{format}: two peers change nothing");
        assert!(run.stderr.contains("note: 54 peer ratings left out: fewer than 3 peers rated them"), "{}", run.stderr);
        let shown = calibrate(&three, &["--format", format]);
        assert!(!shown.contains("Secret") && !run.stdout.contains("Secret"), "{format} names a peer:\n{shown}");
        assert!(shown.contains("peers (3)"), "{format}: the peers together\n{shown}");
    }
    let out = parse(&calibrate(&three, &["--format", "json"]));
    let peers: Vec<&Value> =
        out["assessors"].as_array().unwrap().iter().filter(|a| a["relationship"] == "peer").collect();
    assert_eq!(peers.len(), 1, "one pooled row");
    assert_eq!(peers[0]["assessor"], "peers (3)");
    assert!(peers[0]["leniency"].as_f64().is_some());
    let four = parse(&calibrate(&three, &["--format", "json", "--min-raters", "4"]));
    assert!(four["assessors"].as_array().unwrap().iter().all(|a| a["relationship"] != "peer"), "a raised floor");
    assert!(four["distribution"]["by_relationship"].as_array().unwrap().iter().all(|g| g["group"] != "peer"));
}

#[test]
fn groups_of_fewer_people_than_the_floor_are_suppressed_and_said_so() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    with_peers(&dir, 0);
    // TL5 → TL6 expects the same step of People and Process: asked once.
    let once = json!({ "current": "meets" });
    let twice = json!({ "current": "meets", "target": "developing" });
    let ratings = json!({ "technology": twice, "system": twice, "people": once, "process": once, "influence": twice });
    let lone = json!({ "person": "Solo", "current": "TL5", "target": "TL6", "date": "2026-11-01", "ratings": ratings });
    assess(&dir, &lone);
    let out = parse(&calibrate(&dir, &["--format", "json"]));
    let levels = out["distribution"]["by_level"].as_array().unwrap();
    let tl5 = levels.iter().find(|g| g["group"] == "TL5").unwrap();
    assert_eq!((&tl5["suppressed"], &tl5["counts"], &tl5["people"]), (&json!(true), &Value::Null, &Value::Null));
    let tl4 = levels.iter().find(|g| g["group"] == "TL4").unwrap();
    assert_eq!(tl4["people"], 3);
    assert_eq!(
        tl4["counts"]["meets"].as_u64().unwrap()
            + tl4["counts"]["developing"].as_u64().unwrap()
            + tl4["counts"]["not-yet"].as_u64().unwrap()
            + tl4["counts"]["exceeds"].as_u64().unwrap(),
        54
    );
    // The lone person's ratings cannot be found by subtraction: the rows by
    // kind of rater count only what the rows by level show.
    let sum = |g: &Value| ["not-yet", "developing", "meets", "exceeds"].map(|k| g["counts"][k].as_u64().unwrap_or(0));
    let by_kind = out["distribution"]["by_relationship"].as_array().unwrap();
    let mut kinds = [0; 4];
    for g in by_kind {
        for (total, n) in kinds.iter_mut().zip(sum(g)) {
            *total += n;
        }
    }
    assert_eq!(kinds, sum(tl4), "{:#}", out["distribution"]);
    let table = calibrate(&dir, &[]);
    assert!(table.contains("Not shown, as about fewer than 3 people: level TL5"), "{table}");
}

#[test]
fn bad_flags_are_clear_errors() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    with_peers(&dir, 0);
    let run = |args: &[&str]| {
        Rungs::new().args(["calibrate", "--dir"]).args([&dir]).args(args).env("RUNGS_TODAY", TODAY).fails(2)
    };
    let under = run(&["--under", "Kim Park"]);
    assert!(under.stderr.contains("--under needs a roster"), "{under:#?}");
    assert!(run(&["--seed", "-1"]).stderr.contains("'--seed <N>'"));
    let nowhere = run(&["--format", "html", "-o", "/nonexistent/folder/pack.html"]);
    assert!(nowhere.stderr.contains("there is no folder /nonexistent/folder"), "{nowhere:#?}");
    assert!(run(&["--since", "2026-13-01"]).stderr.contains("--since: `2026-13-01` is not a date"));
    assert!(
        run(&["--since", "2026-11-02", "--until", "2026-11-01"])
            .stderr
            .contains("--since 2026-11-02 is after --until 2026-11-01")
    );
    let empty = run(&["--until", "2026-01-01"]);
    assert!(empty.stderr.contains("no assessments dated 2025-10-03 to 2026-01-01"), "{empty:#?}");
    assert!(run(&["--person", "Nobody"]).stderr.contains("no assessments of `Nobody`"));
    assert!(run(&["--resamples", "10"]).stderr.contains("10"));
    let ladder = run(&["--ladder", "developer"]);
    assert!(ladder.stderr.contains("no assessments on developer dated"), "{ladder:#?}");
}

#[test]
fn the_pack_opens_in_chromium_with_every_chart_beside_its_table() {
    let browser =
        chromium().expect("Chromium is needed for this test: apt-get install -y chromium (bash .ci/run does it)");
    let rungs = Rungs::new();
    let home = rungs.home();
    let dir = home.join("D");
    team(&dir);
    let page = home.join("pack.html");
    Rungs::new()
        .args(["calibrate", "--format", "html", "-o"])
        .args([&page])
        .args(["--dir"])
        .args([&dir])
        .env("RUNGS_TODAY", TODAY)
        .ok();
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(!html.contains("https://") && !html.contains(" src=") && !html.contains("<link"), "self-contained");
    let (log, dom) = headless(&browser, &home.join("profile"), &page, &["--dump-dom"]);
    assert!(console_lines(&log).is_empty(), "console messages:\n{}", console_lines(&log).join("\n"));
    let sections: Vec<&str> =
        dom.split("<section class=\"keep\">").skip(1).map(|s| s.split("</section>").next().unwrap()).collect();
    assert_eq!(sections.len(), 4, "four charts");
    for section in &sections {
        assert!(section.contains("<svg class=\"plot\"") && section.contains("role=\"img\""), "{section}");
        assert!(section.contains("<title>"), "a chart has a title for screen readers");
        let (chart, table) = section.split_once("</figure>").unwrap();
        assert!(chart.contains("<svg") && table.contains("<table>"), "each chart has its table beside it");
    }
    for heading in ["Leniency by rater", "Agreement per competency", "Self–other gaps", "Distribution per level"] {
        assert!(dom.contains(&format!("<h2>{heading}</h2>")), "no {heading}");
    }
    assert_eq!(sections[0].matches("<circle class=\"mark\"").count(), 1, "the flagged rater is marked");
    assert!(sections[0].contains("Lee Moss (manager)") && sections[0].contains("self (12 people)"));

    let shot = home.join("pack.png");
    let (log, _) =
        headless(&browser, &home.join("profile-shot"), &page, &[&format!("--screenshot={}", shot.display())]);
    let png = std::fs::read(&shot).unwrap_or_else(|e| panic!("no screenshot ({e}):\n{log}"));
    assert_eq!(&png[1..4], b"PNG");
    assert!(png.len() > 30_000, "a blank page compresses to almost nothing: {} bytes", png.len());
    if let Some(keep) = std::env::var_os("RUNGS_KEEP_SCREENSHOT") {
        std::fs::copy(&shot, keep).unwrap();
    }
}

#[test]
fn the_readme_shows_a_real_calibrate_output_of_the_generated_team() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    team(&dir);
    let out = calibrate(&dir, &[]);
    std::fs::write(std::env::temp_dir().join("rungs-readme-calibrate.txt"), &out).unwrap();
    let readme = std::fs::read_to_string(repo("README.md")).unwrap();
    let shown = readme.split("```console\n$ rungs calibrate\n").nth(1).expect("a calibrate example in the README");
    let shown = shown.split("\n```").next().unwrap();
    assert_eq!(shown.trim_end(), out.trim_end(), "the README's example is not what calibrate prints");
}

#[test]
fn hostile_names_stay_text_and_a_broken_file_is_named_after_the_output() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    let values = [(3, 2), (2, 2), (3, 3), (3, 1), (2, 2)];
    for p in 0..3 {
        let person = format!("<script>alert({p})</script>");
        assess(&dir, &answers(&person, (&person, "self"), "2026-11-01", &values));
        let manager = "Kim \u{1b}[31mPark</title>";
        assess(&dir, &answers(&person, (manager, "manager"), "2026-11-02", &values.map(|(a, b)| (a + 1, b + 1))));
    }
    let broken = dir.join("script-alert-0-script").join("2026-11-03-tech-lead-self.json");
    std::fs::write(&broken, "{ not json").unwrap();
    let html =
        Rungs::new().args(["calibrate", "--format", "html", "--dir"]).args([&dir]).env("RUNGS_TODAY", TODAY).fails(1);
    assert!(!html.stdout.contains("<script>") && !html.stdout.contains("</title>P"), "{}", html.stdout);
    assert!(!html.stdout.contains('\u{1b}'), "no escape character in the page");
    assert!(html.stdout.contains("&lt;/title&gt;"), "the name is escaped in the plot and tables");
    let plot = html.stdout.split("<svg").nth(1).unwrap().split("</svg>").next().unwrap();
    roxmltree::Document::parse(&format!("<svg{plot}</svg>")).expect("the leniency plot is well-formed");
    assert!(
        html.stderr.contains("skipped") && html.stderr.contains("2026-11-03-tech-lead-self.json"),
        "{}",
        html.stderr
    );
    let table = Rungs::new().args(["calibrate", "--dir"]).args([&dir]).env("RUNGS_TODAY", TODAY).fails(1);
    assert!(!table.stdout.contains('\u{1b}'), "no escape reaches the terminal:\n{}", table.stdout);
    assert!(table.stdout.contains("Kim"), "{}", table.stdout);
}

#[test]
fn under_a_manager_calibrates_their_team_from_the_roster() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    team(&dir);
    let roster = |args: &[&str]| {
        Rungs::new().args(["roster", "add"]).args(args.iter().copied()).args(["--dir"]).args([&dir]).ok()
    };
    roster(&["Kim Park"]);
    roster(&["Lee Moss"]);
    for (n, person) in PEOPLE.iter().enumerate() {
        roster(&[person, "--manager", if n < 5 { "Kim Park" } else { "Lee Moss" }]);
    }
    let out = parse(&calibrate(&dir, &["--under", "Kim Park", "--format", "json"]));
    let people = out["people"].as_array().unwrap();
    let names: std::collections::BTreeSet<&str> = people.iter().map(|p| p["person"].as_str().unwrap()).collect();
    let expected: std::collections::BTreeSet<&str> = PEOPLE[..5].iter().copied().collect();
    assert_eq!(names, expected, "{out:#}");
    let unknown =
        Rungs::new().args(["calibrate", "--under", "Kim Prk", "--dir"]).args([&dir]).env("RUNGS_TODAY", TODAY).fails(2);
    assert!(unknown.stderr.contains("Kim Park"), "{unknown:#?}");
}

#[test]
fn a_bidi_control_in_a_name_is_shown_not_applied_in_html() {
    let rungs = Rungs::new();
    let dir = rungs.home().join("D");
    team(&dir);
    let values = [(2, 1), (3, 2), (2, 2), (3, 1), (2, 3)];
    assess(&dir, &answers("Eve\u{202e}Moss", ("Eve\u{202e}Moss", "self"), "2026-11-01", &values));
    assess(&dir, &answers("Eve\u{202e}Moss", ("Rex\u{202e}Hale", "manager"), "2026-11-02", &values));
    let pack = rungs.home().join("pack.html");
    Rungs::new()
        .args(["calibrate", "--format", "html", "-o"])
        .args([&pack])
        .args(["--dir"])
        .args([&dir])
        .env("RUNGS_TODAY", TODAY)
        .ok();
    let heatmap = Rungs::new().args(["team", "--format", "html", "--dir"]).args([&dir]).ok();
    for page in [std::fs::read_to_string(&pack).unwrap(), heatmap] {
        assert!(!page.contains('\u{202e}') && !page.to_ascii_lowercase().contains("&#x202e;"), "a live bidi control");
        assert!(page.contains("\\u{202e}"), "the control is shown");
    }
}
