//! A builder for running `rungs` in an isolated home, and helpers to read
//! what it printed.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// The path to the built binary.
pub fn binary() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_rungs"))
}

/// The repository root, for shipped files (`ladders/`, `assessments/`, `docs/`).
pub fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// A test fixture under `tests/fixtures`.
pub fn fixture(path: &str) -> PathBuf {
    repo("tests/fixtures").join(path)
}

/// One `rungs` invocation with its own empty home, data and config folders.
pub struct Rungs {
    home: TempDir,
    args: Vec<OsString>,
    env: Vec<(String, OsString)>,
    stdin: Vec<u8>,
    timeout: std::time::Duration,
}

/// What a finished run printed.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Rungs {
    pub fn new() -> Self {
        Rungs {
            home: tempfile::tempdir().unwrap(),
            args: Vec::new(),
            env: Vec::new(),
            stdin: Vec::new(),
            timeout: std::time::Duration::from_secs(60),
        }
    }

    /// The isolated home folder; assessments go to `home/data` by default.
    pub fn home(&self) -> &Path {
        self.home.path()
    }

    pub fn args<I: IntoIterator<Item = S>, S: Into<OsString>>(mut self, args: I) -> Self {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    pub fn env(mut self, key: &str, value: impl Into<OsString>) -> Self {
        self.env.push((key.to_owned(), value.into()));
        self
    }

    pub fn stdin(mut self, input: impl Into<Vec<u8>>) -> Self {
        self.stdin = input.into();
        self
    }

    /// Fails the test when the run takes longer than this (60 s unless set).
    pub fn timeout(mut self, limit: std::time::Duration) -> Self {
        self.timeout = limit;
        self
    }

    /// A `std` command for this run, for tests that need to drive the process themselves.
    pub fn command(&self) -> std::process::Command {
        let mut command = std::process::Command::new(binary());
        isolate(&mut command, self.home());
        command.args(&self.args);
        command.envs(self.env.iter().map(|(k, v)| (k, v)));
        command
    }

    pub fn run(&self) -> Run {
        let output =
            Command::from_std(self.command()).write_stdin(self.stdin.clone()).timeout(self.timeout).output().unwrap();
        assert!(output.status.code().is_some(), "rungs {:?} did not finish within {:?}", self.args, self.timeout);
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8(output.stdout).unwrap(),
            stderr: String::from_utf8(output.stderr).unwrap(),
        }
    }

    /// Runs and expects exit code 0, returning stdout.
    pub fn ok(&self) -> String {
        let run = self.run();
        assert_eq!(run.code, 0, "expected success: {run:#?}");
        run.stdout
    }

    /// Runs and expects this exit code, returning the run.
    pub fn fails(&self, code: i32) -> Run {
        let run = self.run();
        assert_eq!(run.code, code, "unexpected exit code: {run:#?}");
        run
    }
}

/// Points every folder rungs might read at `home`, and clears rungs'
/// variables, `COLUMNS` and git's local ones (`GIT_DIR` and the like).
pub fn isolate(command: &mut std::process::Command, home: &Path) {
    for name in rungs::share::LOCAL_ENV {
        command.env_remove(name);
    }
    command
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("USER", "tester")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", home.join("gitconfig"))
        .env("NO_COLOR", "1")
        .env_remove("RUNGS_DIR")
        .env_remove("RUNGS_USER")
        .env_remove("RUNGS_LADDERS")
        .env_remove("RUNGS_CACHE")
        .env_remove("RUNGS_CACHE_DIR")
        .env_remove("EDITOR")
        .env_remove("VISUAL")
        .env_remove("RUNGS_TODAY")
        .env_remove("RUNGS_ASSESSOR")
        .env_remove("COLUMNS")
        .current_dir(home);
}

/// Parses JSON output.
pub fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

/// Saves an assessment from answers into `dir` and returns its path.
pub fn assess(dir: &Path, answers: &serde_json::Value) -> PathBuf {
    let run = Rungs::new()
        .args(["assess", "--format", "json", "--answers", "-", "--dir"])
        .args([dir])
        .stdin(answers.to_string())
        .run();
    assert_eq!(run.code, 0, "{run:#?}");
    PathBuf::from(json(&run.stdout)["path"].as_str().unwrap())
}

/// Runs git in `dir` with a fixed identity and no user configuration,
/// failing the test on error; returns what it printed.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .args(["-c", "user.name=Tester", "-c", "user.email=t@example.com", "-c", "init.defaultBranch=main"])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}
