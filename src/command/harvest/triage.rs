//! Triage on a terminal: the candidates week by week, each with its tags;
//! the user accepts one, edits its text, changes its tags, merges others of
//! the week into it, or skips it. Behind the interview's
//! [`Prompter`], so the flow is tested without a terminal.

use chrono::NaiveDate;

use crate::harvest::Candidate;
use crate::interview::{PromptError, Prompter};
use crate::journal::{MAX_LINKS, MAX_SOURCES, MAX_TEXT};

/// `text` cut to at most `limit` bytes, at a character's boundary.
fn cut(text: &str, limit: usize) -> String {
    let mut end = text.len().min(limit);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].to_owned()
}

/// A note to be: a candidate, or several merged, as the user left it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The day of the work (the latest, for merged candidates).
    pub date: NaiveDate,
    /// The note's text.
    pub text: String,
    /// Its competency ids.
    pub competencies: Vec<String>,
    /// Its links.
    pub links: Vec<String>,
    /// The keys of the candidates it stands for.
    pub sources: Vec<String>,
}

impl Draft {
    /// A candidate as it is.
    pub fn of(candidate: &Candidate) -> Self {
        Draft {
            date: candidate.date,
            text: candidate.text(),
            competencies: candidate.competencies.clone(),
            links: candidate.links.clone(),
            sources: vec![candidate.key.clone()],
        }
    }

    /// Takes `other` into this one: texts one below the other, tags, links
    /// and sources together, the later day; the text and the links are cut
    /// to what a note may hold. Sources are never cut (they are what makes a
    /// second import add nothing), so a merge that would pass
    /// [`MAX_SOURCES`] is refused and `other` handed back.
    fn merge(&mut self, other: Draft) -> Result<(), Draft> {
        if self.sources.len() + other.sources.len() > MAX_SOURCES {
            return Err(other);
        }
        self.text = cut(&format!("{}\n{}", self.text, other.text), MAX_TEXT);
        self.date = self.date.max(other.date);
        for (mine, theirs) in [
            (&mut self.competencies, other.competencies),
            (&mut self.links, other.links),
            (&mut self.sources, other.sources),
        ] {
            for item in theirs {
                if !mine.contains(&item) {
                    mine.push(item);
                }
            }
        }
        self.links.truncate(MAX_LINKS);
        Ok(())
    }

    /// One line for the screen.
    fn summary(&self) -> String {
        let first = self.text.lines().next().unwrap_or("");
        let tags = if self.competencies.is_empty() { "untagged".to_owned() } else { self.competencies.join(", ") };
        let merged = if self.sources.len() > 1 { format!(" · {} merged", self.sources.len()) } else { String::new() };
        format!("{} {first}  [{tags}]{merged}", self.date)
    }
}

/// What the triage decided.
#[derive(Debug, Default)]
pub struct Decisions {
    /// The notes to save.
    pub accepted: Vec<Draft>,
    /// The keys skipped, to be remembered.
    pub skipped: Vec<String>,
    /// How many candidates were left undecided (offered again next time).
    pub left: usize,
}

/// The actions offered for each candidate, in menu order.
const ACTIONS: [&str; 6] = [
    "Accept",
    "Edit the text",
    "Change the tags",
    "Merge others of this week into it",
    "Skip (not offered again)",
    "Stop here: save what is accepted",
];

/// Goes through `candidates` (oldest first) week by week.
///
/// # Errors
/// Ctrl-C or a terminal failure: nothing is to be saved.
pub fn triage(prompter: &mut dyn Prompter, candidates: &[Candidate], ids: &[String]) -> Result<Decisions, PromptError> {
    let mut decisions = Decisions::default();
    let total = candidates.len();
    let mut seen = 0;
    let mut rest = candidates;
    while let Some(first) = rest.first() {
        let week = first.week();
        let count = rest.iter().take_while(|c| c.week() == week).count();
        let (this, later) = rest.split_at(count);
        rest = later;
        let stopped = week_of(prompter, week, this, ids, &mut decisions)?;
        seen += count;
        if stopped {
            decisions.left += total - seen;
            break;
        }
    }
    Ok(decisions)
}

/// One week; returns whether the user stopped.
fn week_of(
    prompter: &mut dyn Prompter,
    week: NaiveDate,
    candidates: &[Candidate],
    ids: &[String],
    decisions: &mut Decisions,
) -> Result<bool, PromptError> {
    let mut drafts: Vec<Option<Draft>> = candidates.iter().map(|c| Some(Draft::of(c))).collect();
    let mut listing = format!("\nWeek of {week}: {}", crate::text::plural(candidates.len(), "candidate"));
    for (n, draft) in drafts.iter().flatten().enumerate() {
        listing.push_str(&format!("\n  {}. {}", n + 1, draft.summary()));
    }
    prompter.say(&listing);
    for at in 0..drafts.len() {
        let Some(mut draft) = drafts[at].take() else { continue };
        loop {
            prompter.say(&format!("{}. {}", at + 1, draft.summary()));
            let prompt = format!("{} of {} this week", at + 1, drafts.len());
            match prompter.select(&prompt, &ACTIONS.map(str::to_owned), 0)? {
                0 => {
                    decisions.accepted.push(draft);
                    break;
                }
                1 => edit(prompter, &mut draft)?,
                2 => draft.competencies = retag(prompter, &draft.competencies, ids)?,
                3 => merge(prompter, &mut draft, &mut drafts)?,
                4 => {
                    decisions.skipped.extend(draft.sources);
                    break;
                }
                _ => {
                    decisions.left += 1 + drafts.iter().flatten().count();
                    return Ok(true);
                }
            }
        }
    }
    Ok(false)
}

/// Edits the first line of the text; the lines below it stay.
fn edit(prompter: &mut dyn Prompter, draft: &mut Draft) -> Result<(), PromptError> {
    let (first, below) = draft.text.split_once('\n').unwrap_or((&draft.text, ""));
    let edited = prompter.input("Text", first)?;
    let edited = edited.trim();
    if edited.is_empty() {
        prompter.say("The text cannot be empty; it was kept.");
        return Ok(());
    }
    draft.text = if below.is_empty() { edited.to_owned() } else { format!("{edited}\n{below}") };
    Ok(())
}

/// Asks for the tags until every id is one of the ladder's.
fn retag(prompter: &mut dyn Prompter, current: &[String], ids: &[String]) -> Result<Vec<String>, PromptError> {
    let mut typed = current.join(", ");
    loop {
        typed = prompter.input("Competencies (ids, comma-separated; empty for none)", &typed)?;
        match parse_tags(&typed, ids) {
            Ok(tags) => return Ok(tags),
            Err(unknown) => {
                prompter.say(&format!("`{unknown}` is not a competency here; the ids are: {}", ids.join(", ")));
            }
        }
    }
}

/// Comma- or space-separated ids, as the ladder spells them; the first
/// unknown one as the error.
fn parse_tags(typed: &str, ids: &[String]) -> Result<Vec<String>, String> {
    let mut tags: Vec<String> = Vec::new();
    for word in typed.split([',', ' ']).map(str::trim).filter(|w| !w.is_empty()) {
        let id = ids.iter().find(|id| id.eq_ignore_ascii_case(word)).ok_or_else(|| word.to_owned())?;
        if !tags.contains(id) {
            tags.push(id.clone());
        }
    }
    Ok(tags)
}

/// Merges the candidates of this week whose numbers the user types into
/// `draft`; they are not asked about again.
fn merge(prompter: &mut dyn Prompter, draft: &mut Draft, drafts: &mut [Option<Draft>]) -> Result<(), PromptError> {
    let open: Vec<String> = (0..drafts.len()).filter(|&i| drafts[i].is_some()).map(|i| (i + 1).to_string()).collect();
    if open.is_empty() {
        prompter.say("No other candidate of this week is left to merge.");
        return Ok(());
    }
    let typed = prompter.input(&format!("Merge which into it ({})", open.join(", ")), "")?;
    for word in typed.split([',', ' ']).map(str::trim).filter(|w| !w.is_empty()) {
        let at = word.parse::<usize>().ok().and_then(|n| n.checked_sub(1));
        match at.and_then(|i| Some((i, drafts.get_mut(i)?.take()?))) {
            Some((i, other)) => {
                if let Err(other) = draft.merge(other) {
                    drafts[i] = Some(other);
                    prompter.say(&format!(
                        "A note stands for at most {MAX_SOURCES} pieces of work; {word} was not merged."
                    ));
                }
            }
            None => prompter.say(&format!("`{word}` is not a candidate of this week still open; passed over.")),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Document;

    /// Answers from a script: selects by index, inputs by text.
    struct Script {
        answers: std::collections::VecDeque<&'static str>,
        said: Vec<String>,
    }

    impl Prompter for Script {
        fn say(&mut self, text: &str) {
            self.said.push(text.to_owned());
        }
        fn select(&mut self, _: &str, _: &[String], _: usize) -> Result<usize, PromptError> {
            Ok(self.answers.pop_front().expect("an answer").parse().unwrap())
        }
        fn input(&mut self, _: &str, _: &str) -> Result<String, PromptError> {
            Ok(self.answers.pop_front().expect("an answer").to_owned())
        }
        fn edit(&mut self, initial: &str) -> Result<String, PromptError> {
            Ok(initial.to_owned())
        }
        fn width(&self) -> usize {
            80
        }
        fn show(&mut self, _: &Document) {}
    }

    fn candidate(n: u32, date: &str, tags: &[&str]) -> Candidate {
        Candidate {
            key: format!("https://github.com/o/r/pull/{n}"),
            date: date.parse().unwrap(),
            repo: "o/r".into(),
            title: format!("PR {n}"),
            links: vec![format!("https://github.com/o/r/pull/{n}")],
            competencies: tags.iter().map(|t| (*t).to_owned()).collect(),
            ..Candidate::default()
        }
    }

    #[test]
    fn a_merge_keeps_every_source_and_cuts_only_text_and_links() {
        let mut big = Draft::of(&candidate(1, "2026-03-02", &[]));
        big.text = "é".repeat(MAX_TEXT);
        big.links = (0..MAX_LINKS).map(|n| format!("https://x.example/{n}")).collect();
        big.merge(Draft::of(&candidate(2, "2026-03-03", &[]))).unwrap();
        assert!(big.text.len() <= MAX_TEXT && big.links.len() == MAX_LINKS);
        assert_eq!(big.sources.len(), 2);
        big.sources = (0..MAX_SOURCES).map(|n| format!("https://x.example/pull/{n}")).collect();
        let refused = big.merge(Draft::of(&candidate(3, "2026-03-04", &[]))).unwrap_err();
        assert_eq!(refused.sources, ["https://github.com/o/r/pull/3"]);
    }

    #[test]
    fn each_action_shapes_what_is_saved_and_stop_leaves_the_rest() {
        let ids: Vec<String> = ["technology", "people", "process"].map(str::to_owned).to_vec();
        let candidates = vec![
            candidate(1, "2026-03-02", &["technology"]),
            candidate(2, "2026-03-03", &[]),
            candidate(3, "2026-03-04", &[]),
            candidate(4, "2026-03-05", &["process"]),
            candidate(5, "2026-03-06", &["people"]),
            candidate(6, "2026-03-10", &[]),
            candidate(7, "2026-03-11", &[]),
        ];
        let answers = [
            "0", // 1: accept
            "1",
            "Better words",
            "0", // 2: edit, accept
            "2",
            "peeple",
            "People, process",
            "0", // 3: retag (a typo first), accept
            "3",
            "5",
            "0", // 4: merge 5 into it, accept
            "4", // week 2, 6: skip
            "5", // 7: stop
        ];
        let mut script = Script { answers: answers.into_iter().collect(), said: Vec::new() };
        let d = triage(&mut script, &candidates, &ids).unwrap();
        let texts: Vec<&str> = d.accepted.iter().map(|a| a.text.as_str()).collect();
        assert_eq!(texts, ["PR 1", "Better words", "PR 3", "PR 4\nPR 5"]);
        assert_eq!(d.accepted[2].competencies, ["people", "process"]);
        assert_eq!(d.accepted[3].competencies, ["process", "people"]);
        assert_eq!((d.accepted[3].date, d.accepted[3].sources.len()), ("2026-03-06".parse().unwrap(), 2));
        assert_eq!(d.skipped, ["https://github.com/o/r/pull/6"]);
        assert_eq!(d.left, 1);
        assert!(script.said.iter().any(|s| s.contains("`peeple` is not a competency")), "{:?}", script.said);
        assert!(script.said.iter().any(|s| s.contains("Week of 2026-03-09: 2 candidates")), "{:?}", script.said);
    }
}
