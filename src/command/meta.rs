//! `rungs completions` and `rungs man`: the command line describing itself.
//!
//! Completion is dynamic: the script printed here only registers `rungs`
//! with the shell, and on each Tab the shell calls `COMPLETE=SHELL rungs --
//! WORDS…`, which `main` answers from the real store and ladders (see
//! [`crate::complete`]). Man pages come from the same clap definition, one
//! page per command and subcommand, each naming only pages that exist.

use std::path::{Path, PathBuf};

use clap::CommandFactory;
use clap_mangen::roff::{Inline, Roff, bold, italic, roman};

use crate::cli::Cli;
use crate::error::{Error, Result};
use crate::output::{Access, emit, say, write_file};

/// Prints the script that registers `rungs` with `shell`'s completion.
///
/// # Errors
/// A shell the dynamic engine does not know, or stdout cannot be written.
pub fn completions(shell: clap_complete::Shell) -> Result<()> {
    let shells = clap_complete::env::Shells::builtins();
    let name = shell.to_string();
    let engine = shells.completer(&name).ok_or_else(|| {
        let known: Vec<&str> = shells.names().collect();
        Error::Usage(format!("no dynamic completion for {name}; use one of {}", known.join(", ")))
    })?;
    let mut script = Vec::new();
    engine
        .write_registration(crate::config::COMPLETE_ENV, "rungs", "rungs", &completer(), &mut script)
        .expect("writing into memory cannot fail");
    emit(&String::from_utf8_lossy(&script))
}

/// The program the shell calls to complete, as `COMPLETE=SHELL rungs`
/// names it: how it was called, made absolute when it was called by a path.
fn completer() -> String {
    let called = PathBuf::from(std::env::args_os().next().unwrap_or_else(|| "rungs".into()));
    let called = match std::env::current_dir() {
        Ok(dir) if called.components().count() > 1 => dir.join(called),
        _ => called,
    };
    called.to_string_lossy().into_owned()
}

/// Prints the page of `rungs` or of the command `path` names (`["ladder",
/// "show"]`), or with `dir` writes every page there.
///
/// # Errors
/// An unknown command (a usage error), or a page that cannot be written.
pub fn man(path: &[String], dir: Option<&Path>) -> Result<()> {
    let root = root();
    if let Some(dir) = dir {
        return write_pages(&root, dir);
    }
    let mut lineage = vec![&root];
    for name in path {
        let current = lineage[lineage.len() - 1];
        let next = visible(current).find(|c| c.get_name() == name).ok_or_else(|| unknown(current, name))?;
        lineage.push(next);
    }
    emit(&page(&lineage))
}

/// The whole command line, built, without the `help` subcommands (which
/// have no page of their own).
fn root() -> clap::Command {
    fn no_help(command: clap::Command) -> clap::Command {
        command.disable_help_subcommand(true).mut_subcommands(no_help)
    }
    let mut root = no_help(Cli::command());
    root.build();
    root
}

/// The subcommands that get a page.
fn visible(command: &clap::Command) -> impl Iterator<Item = &clap::Command> {
    command.get_subcommands().filter(|c| !c.is_hide_set())
}

fn unknown(parent: &clap::Command, name: &str) -> Error {
    let names: Vec<&str> = visible(parent).map(clap::Command::get_name).collect();
    let near = crate::text::near_matches(name, names.iter().copied());
    let hint = match near.first() {
        Some(near) => format!("did you mean `{near}`?"),
        None => format!("commands: {}", names.join(", ")),
    };
    let at = parent.get_bin_name().unwrap_or("rungs");
    Error::Usage(format!("`{at}` has no command `{name}`; {hint}"))
}

/// Writes `rungs.1` and one `rungs-COMMAND[-SUBCOMMAND].1` per command into `dir`.
fn write_pages(root: &clap::Command, dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io("cannot create", dir, e))?;
    let mut written = 0;
    let mut pending = vec![vec![root]];
    while let Some(lineage) = pending.pop() {
        let command = lineage[lineage.len() - 1];
        let path = dir.join(file_name(command));
        // Man pages are public documentation: readable by all (0644), and
        // written like every other output, never through a planted link.
        write_file(&path, &page(&lineage), Access::Public)?;
        written += 1;
        pending.extend(visible(command).map(|c| lineage.iter().copied().chain([c]).collect()));
    }
    say(&format!("wrote {written} man pages to {}", dir.display()));
    Ok(())
}

/// `rungs-ladder-show.1`: the name of a command's page.
fn file_name(command: &clap::Command) -> String {
    format!("{}.1", page_name(command))
}

fn page_name(command: &clap::Command) -> &str {
    command.get_display_name().unwrap_or_else(|| command.get_name())
}

/// The page of the last command of `lineage` (the root first): clap_mangen's
/// sections, then the text after the help as its own sections (EXAMPLES,
/// EXIT STATUS), then SEE ALSO naming the root and the parent.
fn page(lineage: &[&clap::Command]) -> String {
    let command = lineage[lineage.len() - 1];
    let after = command.get_after_help().map(ToString::to_string);
    let mut out = Vec::new();
    clap_mangen::Man::new(command.clone().after_help(None::<&str>))
        .source(concat!("rungs ", env!("CARGO_PKG_VERSION")))
        .render(&mut out)
        .expect("rendering into memory cannot fail");
    let mut roff = Roff::new();
    if let Some(after) = after {
        after_help(&mut roff, &after);
    }
    see_also(&mut roff, lineage);
    with_synopsis(&String::from_utf8_lossy(&out), command) + &roff.to_roff()
}

/// The page with its SYNOPSIS in place of clap_mangen's, which names no
/// option's value.
fn with_synopsis(page: &str, command: &clap::Command) -> String {
    let head = ".SH SYNOPSIS\n";
    let Some(start) = page.find(head) else { return page.to_owned() };
    let end = page[start + head.len()..].find("\n.SH ").map_or(page.len(), |i| start + head.len() + i + 1);
    let mut roff = Roff::new();
    roff.text(synopsis(command));
    format!("{}{head}{}{}", &page[..start], roff.to_roff(), &page[end..])
}

/// `rungs export [-f|--format FORMAT] … [ASSESSMENT]`: optional options in
/// brackets, required ones bare, each with its value's name, then the
/// arguments and the subcommand.
fn synopsis(command: &clap::Command) -> Vec<Inline> {
    let name = command.get_bin_name().unwrap_or_else(|| command.get_name()).to_owned();
    let mut line = vec![bold(name)];
    let shown = || command.get_arguments().filter(|a| !a.is_hide_set());
    let options = shown().filter(|a| !a.is_positional());
    let (required, optional): (Vec<&clap::Arg>, Vec<&clap::Arg>) = options.partition(|a| a.is_required_set());
    for arg in optional.into_iter().chain(required).chain(shown().filter(|a| a.is_positional())) {
        let (open, close) = if arg.is_required_set() { ("", "") } else { ("[", "]") };
        line.push(roman(format!(" {open}")));
        line.extend(switches(arg));
        if arg.get_action().takes_values() {
            let value = arg.get_value_names().map_or_else(
                || arg.get_id().as_str().to_uppercase(),
                |names| names.iter().map(ToString::to_string).collect::<Vec<_>>().join(" "),
            );
            let space = if arg.is_positional() { "" } else { " " };
            line.extend([roman(space), italic(value)]);
        }
        line.push(roman(close));
    }
    if command.has_subcommands() {
        line.push(roman(" "));
        line.push(italic("COMMAND"));
    }
    line
}

/// `-f|--format`, in bold, or nothing for an argument.
fn switches(arg: &clap::Arg) -> Vec<Inline> {
    match (arg.get_short(), arg.get_long()) {
        (Some(short), Some(long)) => vec![bold(format!("-{short}")), roman("|"), bold(format!("--{long}"))],
        (Some(short), None) => vec![bold(format!("-{short}"))],
        (None, Some(long)) => vec![bold(format!("--{long}"))],
        (None, None) => Vec::new(),
    }
}

/// The text after the help, as sections: a paragraph that opens with
/// `Examples:` becomes EXAMPLES, `Exit status: …` EXIT STATUS; indented
/// lines (the examples themselves) are kept as typed.
fn after_help(roff: &mut Roff, text: &str) {
    for paragraph in text.split("\n\n") {
        let mut lines = paragraph.lines();
        let first = lines.next().unwrap_or_default();
        let (heading, rest) = match first.split_once(':') {
            Some((heading, rest)) if heading.split_whitespace().count() <= 2 => (heading, rest.trim()),
            _ => ("Notes", first),
        };
        let heading = if heading == "Example" { "EXAMPLES".to_owned() } else { heading.to_uppercase() };
        roff.control("SH", [heading.as_str()]);
        if !rest.is_empty() {
            roff.text([roman(rest)]);
        }
        let indented: Vec<&str> = lines.collect();
        if !indented.is_empty() {
            roff.control("RS", ["4"]).control("nf", []);
            for line in indented {
                roff.text([roman(line.trim_start())]);
            }
            roff.control("fi", []).control("RE", []);
        }
    }
}

/// SEE ALSO: `rungs(1)` and the parent's page on every subcommand's page,
/// and the other subcommands of the same parent below the top level.
fn see_also(roff: &mut Roff, lineage: &[&clap::Command]) {
    let Some((command, ancestors)) = lineage.split_last() else { return };
    let mut names: Vec<&str> = ancestors.iter().map(|c| page_name(c)).collect();
    if ancestors.len() > 1 {
        let parent = ancestors[ancestors.len() - 1];
        names.extend(visible(parent).filter(|c| c.get_name() != command.get_name()).map(page_name));
    }
    if names.is_empty() {
        return;
    }
    roff.control("SH", ["SEE ALSO"]);
    let mut line = Vec::new();
    for (i, name) in names.iter().enumerate() {
        line.push(bold(*name));
        line.push(roman(if i + 1 < names.len() { "(1), " } else { "(1)" }));
    }
    roff.text(line);
}
