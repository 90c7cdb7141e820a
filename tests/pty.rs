//! Driving `rungs` through a real pseudo-terminal with expectrl, keeping a
//! transcript of everything it drew.

use std::process::Command;
use std::time::Duration;

use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession;
use expectrl::{Eof, Expect};

/// Arrow down, as a terminal sends it.
pub const DOWN: &str = "\x1b[B";
/// Enter.
pub const ENTER: &str = "\r";
/// Ctrl-C.
pub const CTRL_C: &str = "\x03";

/// A running program on a pseudo-terminal.
pub struct Pty {
    session: OsSession,
    /// Everything read from the terminal so far.
    pub transcript: String,
}

impl Pty {
    /// Starts `command` on a 100×30 terminal.
    #[expect(clippy::needless_pass_by_value, reason = "callers hand over a command they are done with")]
    pub fn spawn(command: Command) -> Self {
        Self::spawn_sized(&command, 100, 30)
    }

    /// Starts `command` on a terminal of `cols` columns and `rows` rows.
    pub fn spawn_sized(command: &Command, cols: u16, rows: u16) -> Self {
        // The size is set by the shell on the terminal itself before the
        // program starts: set from outside after the spawn, a quick program
        // could ask for it first and see the default.
        let mut sized = Command::new("sh");
        sized.arg("-c").arg(format!("stty cols {cols} rows {rows} && exec \"$@\"")).arg("sh");
        sized.arg(command.get_program()).args(command.get_args());
        for (key, value) in command.get_envs() {
            match value {
                Some(value) => sized.env(key, value),
                None => sized.env_remove(key),
            };
        }
        if let Some(dir) = command.get_current_dir() {
            sized.current_dir(dir);
        }
        sized.env("TERM", "xterm-256color");
        let mut session = OsSession::spawn(sized).expect("spawn on a pty");
        session.get_process_mut().set_window_size(cols, rows).unwrap();
        session.set_expect_timeout(Some(Duration::from_secs(30)));
        Pty { session, transcript: String::new() }
    }

    /// Waits until `text` appears.
    pub fn expect(&mut self, text: &str) {
        match self.session.expect(text) {
            Ok(found) => {
                self.transcript.push_str(&String::from_utf8_lossy(found.before()));
                self.transcript.push_str(text);
            }
            Err(e) => panic!("waiting for {text:?}: {e}\n--- transcript ---\n{}", self.transcript),
        }
    }

    /// Sends keys.
    pub fn send(&mut self, keys: &str) {
        self.session.send(keys).unwrap();
    }

    /// Sends a signal (`TERM`, `HUP`, …) to the program, as `kill -s` does.
    pub fn signal(&mut self, name: &str) {
        let pid = self.session.get_process().pid().to_string();
        let status = Command::new("kill").args(["-s", name, &pid]).status().unwrap();
        assert!(status.success(), "kill -s {name} {pid}");
    }

    /// Waits for `prompt`, then sends `keys`.
    pub fn answer(&mut self, prompt: &str, keys: &str) {
        self.expect(prompt);
        // Let the prompt finish drawing and switch the terminal to raw mode.
        std::thread::sleep(Duration::from_millis(30));
        self.send(keys);
    }

    /// Picks the item `downs` places below the highlighted one.
    pub fn pick(&mut self, prompt: &str, downs: usize) {
        self.answer(prompt, &format!("{}{ENTER}", DOWN.repeat(downs)));
    }

    /// Reads to the end and returns the exit code.
    pub fn finish(mut self) -> (i32, String) {
        if let Ok(rest) = self.session.expect(Eof) {
            self.transcript.push_str(&String::from_utf8_lossy(rest.before()));
            for part in rest.matches() {
                self.transcript.push_str(&String::from_utf8_lossy(part));
            }
        }
        let code = match self.session.get_process().wait().unwrap() {
            WaitStatus::Exited(_, code) => code,
            other => panic!("did not exit normally: {other:?}\n{}", self.transcript),
        };
        (code, self.transcript)
    }
}
