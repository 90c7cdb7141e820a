//! Signals during an interview: Ctrl-C (SIGINT), SIGTERM and SIGHUP all keep
//! the draft, show the terminal's cursor again, and end rungs with
//! 128 + the signal's number (130, 143, 129).
//!
//! The interview writes its draft after every answer, so ending the process
//! here loses nothing. This module only learns which signal arrived, restores
//! the cursor and picks the exit code; it owns no interview state.
//!
//! Two paths end an interview. A signal that arrives while a prompt waits for
//! a key interrupts that read: the prompt fails, and the interview returns
//! [`crate::Error::Interrupted`] carrying [`received`], whose exit code is
//! 128 + the signal. A signal that arrives anywhere else is handled by a
//! watcher thread, which ends the process itself after a short grace period.
//! Ctrl-C typed inside a prompt arrives as a key, not a signal, and is
//! [`Signal::Interrupt`].

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

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

/// Which signals arrived (hang-up, terminate, interrupt), set inside the
/// signal handler itself, so they are known before an interrupted read returns.
static RECEIVED: std::sync::LazyLock<[Arc<AtomicBool>; 3]> = std::sync::LazyLock::new(Default::default);

/// In order of precedence: when a read is interrupted by SIGTERM or SIGHUP,
/// the terminal library raises SIGINT itself, and the outside signal wins.
const PRECEDENCE: [Signal; 3] = [Signal::HangUp, Signal::Terminate, Signal::Interrupt];

/// The signal that interrupted rungs, or [`Signal::Interrupt`] (a Ctrl-C
/// key) when none did.
pub fn received() -> Signal {
    PRECEDENCE
        .into_iter()
        .zip(RECEIVED.iter())
        .find(|(_, flag)| flag.load(Ordering::SeqCst))
        .map_or(Signal::Interrupt, |(s, _)| s)
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
    for (signal, flag) in PRECEDENCE.iter().zip(RECEIVED.iter()) {
        let _ = signal_hook::flag::register(signal.number(), Arc::clone(flag));
    }
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
