use super::*;
use crate::ladder::catalog::Catalog;

const FILE_TEXT: &str = r#"cycle = "13w"

[[person]]
name = "Ada"
email = "ada@example.com"
roles = ["hr"]
left = 2026-03-31

[[person]]
name = "Bo"
manager = "Ada"
ladder = "developer"
level = "D3"
target = "tech-lead:TL4"
keys = ["age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"]

[[person]]
name = "Cy"
manager = "Bo"
"#;

#[test]
fn a_roster_reads_its_fields_and_places_and_writes_back_the_same() {
    let roster = parse(FILE_TEXT, "people.toml").unwrap();
    assert_eq!(roster.cycle, Some(91));
    assert_eq!(roster.people.len(), 3);
    let bo = roster.get("bo").unwrap();
    assert_eq!(bo.at.of("level"), At { line: 13, column: 9 });
    assert_eq!(roster.find("ADA@example.com").unwrap().name, "Ada");
    assert!(!roster.people[0].is_current("2026-04-01".parse().unwrap()));
    assert!(check(&roster, &Catalog::builtin()).is_empty(), "{:?}", check(&roster, &Catalog::builtin()));
    let again = parse(&write(&roster), "people.toml").unwrap();
    let fields =
        |r: &Roster| r.people.iter().map(|p| Person { at: Places::default(), ..p.clone() }).collect::<Vec<_>>();
    assert_eq!(fields(&again), fields(&roster));
    assert_eq!(again.cycle, roster.cycle);
}

#[test]
fn under_and_chain_follow_the_reporting_lines_and_stop_at_a_cycle() {
    let mut people: Vec<Person> = ["A", "B", "C", "D"].iter().map(|n| Person::named(n)).collect();
    people[1].manager = Some("A".into());
    people[2].manager = Some("B".into());
    people[3].manager = Some("A".into());
    let mut roster = Roster::new(people, None, "p");
    assert_eq!(roster.under(0, Some(1)), [1, 3]);
    assert_eq!(roster.under(0, None), [1, 3, 2]);
    assert_eq!(roster.chain(2), [1, 0]);
    roster.people[0].manager = Some("C".into());
    roster.index();
    assert_eq!(roster.under(0, None), [1, 3, 2], "the cycle back to A ends the walk");
    assert_eq!(roster.chain(2), [1, 0]);
    let problems = check(&roster, &Catalog::builtin());
    assert_eq!(problems.len(), 1, "one cycle, named once: {problems:?}");
    assert!(problems[0].message.contains("A → C → B → A"), "{problems:?}");
}

#[test]
fn keys_are_checked_for_their_shape() {
    let ed = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG0l+CWq4LVD/vUeUjjxNcayfajh4XzhLk4urV9XltoS me@host";
    assert!(check::key_syntax(ed).is_ok());
    assert!(check::key_syntax("age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p").is_ok());
    for bad in ["age1QL3Z", "ssh-ed25519", "ssh-ed25519 AAAAB3NzaC1yc2E", "ssh-dss AAAA", "pgp key", ""] {
        assert!(check::key_syntax(bad).is_err(), "{bad}");
    }
}

#[test]
fn syntax_types_and_bounds_are_named_at_their_place() {
    let problems = parse("[[person]]\nname = 3\n", "p.toml").unwrap_err();
    assert_eq!((problems[0].line, problems[0].column), (2, 8), "{problems:?}");
    let problems =
        parse("[[person]]\nname = \"A\\u0007\"\nroles = [\"boss\"]\nleft = \"soon\"\n", "p.toml").unwrap_err();
    let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [2, 3, 4], "{problems:?}");
    assert!(parse("cycle = \"soon\"\n", "p.toml").is_err());
    assert_eq!(cycle_days("90d"), Ok(90));
    assert!(cycle_days("0d").is_err() && cycle_days("9999w").is_err() && cycle_days("d").is_err());
}

#[test]
fn an_import_matches_by_email_then_name_and_resolves_managers_given_by_email() {
    let roster = parse(FILE_TEXT, "people.toml").unwrap();
    let csv =
        "EMAIL,Name,manager,level\nada@example.com,Ada Lovelace,,\n,Cy,ada@example.com,D2\nnew@example.com,New,bo,D1\n";
    let (merged, changes) = merge::merge(&roster, csv, "hr.csv", false).unwrap();
    assert_eq!(changes.added, ["New"]);
    let updated: Vec<&str> = changes.updated.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(updated, ["Ada Lovelace", "Cy"]);
    assert_eq!(merged.get("Cy").unwrap().manager.as_deref(), Some("Ada Lovelace"));
    assert_eq!(merged.get("New").unwrap().manager.as_deref(), Some("Bo"));
    let problems = merge::merge(&roster, "level\nD1\n", "hr.csv", false).unwrap_err();
    assert!(problems[0].contains("hr.csv:1"), "{problems:?}");
    let problems = merge::merge(&roster, "email\nnobody@example.com\n", "hr.csv", false).unwrap_err();
    assert!(problems[0].starts_with("hr.csv:2:"), "{problems:?}");
}

#[test]
fn two_names_that_share_a_folder_are_a_problem() {
    let people = vec![Person::named("Jo Park"), Person::named("jo-park")];
    let problems = check(&Roster::new(people, None, "p"), &Catalog::builtin());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].message.contains("would share the folder `jo-park` with Jo Park"), "{problems:?}");
}
