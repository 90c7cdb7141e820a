//! A manager view by someone outside the person's management chain in the
//! roster: asked on a terminal, refused without one unless
//! `--assessor-not-manager` says it is meant.

use crate::assessment::Relationship;
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::interview::{PromptError, Prompter as _, Terminal};
use crate::store::Store;

/// Who gives which view, and whether it was said to be meant.
pub(super) struct View<'a> {
    pub person: &'a str,
    pub assessor: &'a str,
    pub relationship: Relationship,
    pub meant: bool,
}

/// Checks that a manager view's assessor manages the person, when the
/// roster knows the person.
///
/// # Errors
/// Outside the chain: without a terminal (exit 2, naming the flag), or when
/// the answer on a terminal is not yes.
pub(super) fn check_chain(store: &Store, view: &View<'_>, interactive: bool, settings: &Settings) -> Result<()> {
    if view.relationship != Relationship::Manager || view.meant {
        return Ok(());
    }
    if crate::who::manages(store, view.assessor, view.person)? != Some(false) {
        return Ok(());
    }
    let (person, assessor) = (view.person, view.assessor);
    let why = format!("{assessor} is not in {person}'s management chain in the roster");
    if !interactive {
        return Err(Error::Usage(format!(
            "{why}; a manager view is given by a manager above them\n  to give it all the same, add --assessor-not-manager"
        )));
    }
    super::install_interrupt_handler();
    let mut terminal = Terminal::new(settings.stderr);
    let answer =
        terminal.input(&format!("{why}. Give a manager view all the same? (yes/no)"), "").map_err(|e| match e {
            PromptError::Interrupted => {
                Error::Interrupted { draft: None, resume: String::new(), signal: crate::signal::received() }
            }
            PromptError::Io(e) => Error::io("cannot use the terminal", "stderr", e),
        })?;
    if matches!(answer.trim().to_lowercase().as_str(), "y" | "yes") {
        Ok(())
    } else {
        Err(Error::Usage(format!("{why}; nothing was saved")))
    }
}
