//! Signals during an interview: Ctrl-C (SIGINT), SIGTERM and SIGHUP all keep
//! the draft, show the terminal's cursor again, and end rungs with
//! 128 + the signal's number (130, 143, 129).
//!
//! The interview writes its draft after every answer, so ending the process
//! here loses nothing. This module only learns which signal arrived, restores
//! the cursor and picks the exit code; it owns no interview state. Ctrl-C
//! typed *inside* a prompt arrives as a key, not a signal, and takes the
//! prompt's own error path ([`crate::Error::Interrupted`]).

use std::io::Write;

/// A signal that ends an interview.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// SIGINT: Ctrl-C.
    Interrupt,
    /// SIGTERM: asked to stop (`kill`, a shutdown).
    Terminate,
    /// SIGHUP: the terminal went away.
    HangUp,
}

impl Signal {
    /// The signal's number on unix.
    pub fn number(self) -> i32 {
        match self {
            Signal::Interrupt => 2,
            Signal::Terminate => 15,
            Signal::HangUp => 1,
        }
    }

    /// The exit code after this signal: 128 + its number.
    pub fn exit_code(self) -> i32 {
        128 + self.number()
    }

    /// How the signal is named in messages.
    pub fn name(self) -> &'static str {
        match self {
            Signal::Interrupt => "Ctrl-C",
            Signal::Terminate => "SIGTERM",
            Signal::HangUp => "SIGHUP",
        }
    }

    /// The signal with this number, if it is one of ours.
    pub fn from_number(number: i32) -> Option<Signal> {
        [Signal::Interrupt, Signal::Terminate, Signal::HangUp].into_iter().find(|s| s.number() == number)
    }
}

/// Installs, once, a watcher that ends rungs on SIGINT, SIGTERM or SIGHUP:
/// it shows the cursor, says the draft is kept, and exits 128 + the signal.
/// On systems without these signals it does nothing.
pub fn install_handler() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(watch);
}

#[cfg(unix)]
fn watch() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else { return };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().find_map(Signal::from_number) {
            end(signal);
        }
    });
}

#[cfg(not(unix))]
fn watch() {}

/// Restores the cursor and exits. Nothing here may panic: the terminal may
/// already be gone (SIGHUP).
fn end(signal: Signal) -> ! {
    let _ = console::Term::stderr().show_cursor();
    // A prompt that is failing at the same moment gets to print its own message.
    std::thread::sleep(std::time::Duration::from_millis(500));
    let _ =
        writeln!(std::io::stderr(), "\ninterrupted by {}; answers given so far are kept in the draft", signal.name());
    std::process::exit(signal.exit_code());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_are_128_plus_the_signal() {
        let codes: Vec<i32> = [2, 15, 1].into_iter().filter_map(Signal::from_number).map(Signal::exit_code).collect();
        assert_eq!(codes, [130, 143, 129]);
        assert_eq!(Signal::from_number(9), None);
    }
}
