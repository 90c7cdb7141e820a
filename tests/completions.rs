//! Dynamic completion, called the way each shell's registered script calls
//! it: `COMPLETE=SHELL rungs -- rungs WORD…` with the shell's own variables,
//! answered from the real store and ladders.

use std::path::{Path, PathBuf};

use crate::support::{Rungs, fixture, json, repo};

#[derive(Clone, Copy, Debug)]
enum Shell {
    Bash,
    Zsh,
    Fish,
}

const SHELLS: [Shell; 3] = [Shell::Bash, Shell::Zsh, Shell::Fish];

/// A store of two people, beside things that are not people: a folder
/// whose name rungs would never write, a link to a person, a file, a FIFO.
fn store() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let robin = dir.path().join("robin-quill");
    std::fs::create_dir(&robin).unwrap();
    for file in std::fs::read_dir(repo("assessments/robin-quill")).unwrap() {
        let file = file.unwrap().path();
        std::fs::copy(&file, robin.join(file.file_name().unwrap())).unwrap();
    }
    let sam = dir.path().join("sam-lee");
    std::fs::create_dir(&sam).unwrap();
    let robin_file = std::fs::read_to_string(repo("assessments/robin-quill/2026-05-15-tech-lead-self.json")).unwrap();
    std::fs::write(sam.join("2026-05-15-tech-lead-self.json"), robin_file.replace("Robin Quill", "Sam Lee")).unwrap();
    // A folder with only a draft is not a person yet: it is never offered.
    std::fs::create_dir(dir.path().join("dee-raft")).unwrap();
    std::fs::write(dir.path().join("dee-raft/.draft-tech-lead-self.json"), "{}").unwrap();
    std::fs::create_dir(dir.path().join("Not A Slug")).unwrap();
    std::fs::create_dir(dir.path().join(".hidden")).unwrap();
    std::fs::write(dir.path().join("stray.json"), "{}").unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&robin, dir.path().join("linked")).unwrap();
        mkfifo(&dir.path().join("fifo"));
    }
    dir
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

/// Asks for the completions of the last of `words` (the program name
/// first) as `shell` does, with `env` set, and returns the values offered,
/// without their descriptions.
fn complete_with(shell: Shell, words: &[&str], env: &[(&str, &Path)]) -> Vec<String> {
    let index = (words.len() - 1).to_string();
    let mut rungs = Rungs::new().args(["--"]).args(words).timeout(std::time::Duration::from_secs(20));
    for (key, value) in env {
        rungs = rungs.env(key, *value);
    }
    rungs = match shell {
        // As the script from `rungs completions bash` sets them.
        Shell::Bash => rungs
            .env("COMPLETE", "bash")
            .env("_CLAP_COMPLETE_INDEX", &index)
            .env("_CLAP_COMPLETE_COMP_TYPE", "9")
            .env("_CLAP_COMPLETE_SPACE", "true")
            .env("_CLAP_IFS", "\u{0b}"),
        Shell::Zsh => rungs.env("COMPLETE", "zsh").env("_CLAP_COMPLETE_INDEX", &index).env("_CLAP_IFS", "\n"),
        Shell::Fish => rungs.env("COMPLETE", "fish"),
    };
    let run = rungs.run();
    assert_eq!(run.code, 0, "{shell:?} {words:?}: {run:#?}");
    assert_eq!(run.stderr, "", "{shell:?} {words:?} printed on stderr");
    match shell {
        Shell::Bash => run.stdout.split('\u{0b}').filter(|v| !v.is_empty()).map(String::from).collect(),
        Shell::Zsh => run.stdout.lines().filter(|l| !l.is_empty()).map(zsh_value).collect(),
        Shell::Fish => run.stdout.lines().map(|l| l.split('\t').next().unwrap().to_owned()).collect(),
    }
}

/// The value of a zsh candidate line, `VALUE:HELP` with `:` in the value as `\:`.
fn zsh_value(line: &str) -> String {
    let mut value = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => value.extend(chars.next()),
            ':' => break,
            c => value.push(c),
        }
    }
    value
}

fn complete(shell: Shell, words: &[&str], store: &Path) -> Vec<String> {
    complete_with(shell, words, &[("RUNGS_DIR", store)])
}

/// The candidates that are not flags: an empty word offers the flags too.
fn values(candidates: Vec<String>) -> Vec<String> {
    candidates.into_iter().filter(|c| !c.starts_with('-')).collect()
}

/// Every level id of every built-in ladder, from `rungs ladders`.
fn level_ids() -> Vec<String> {
    let ladders = json(&Rungs::new().args(["ladders", "--format", "json"]).ok());
    let ids = ladders.as_array().unwrap().iter().flat_map(|l| l["levels"].as_array().unwrap().clone());
    ids.map(|id| id.as_str().unwrap().to_owned()).collect()
}

#[test]
fn fish_completes_the_people_of_the_store_one_a_line() {
    let store = store();
    let out =
        Rungs::new().env("COMPLETE", "fish").env("RUNGS_DIR", store.path()).args(["--", "rungs", "report", ""]).ok();
    let people: Vec<&str> = out.lines().take_while(|l| !l.starts_with('-')).collect();
    assert_eq!(people, ["robin-quill", "sam-lee"], "{out}");
    // The names work: `report` accepts the folder name as a person's name.
    let report = Rungs::new().args(["report", "robin-quill", "--format", "json", "--dir"]).args([store.path()]).ok();
    assert_eq!(json(&report)["person"], "Robin Quill");
}

#[test]
fn fish_completes_the_levels_that_start_with_what_is_typed() {
    let offered = complete(Shell::Fish, &["rungs", "assess", "--current", "T"], Path::new("/nonexistent"));
    let expected: Vec<String> = level_ids().into_iter().filter(|id| id.starts_with('T')).collect();
    assert!(!expected.is_empty());
    assert_eq!(offered, expected);
}

#[test]
fn bash_and_zsh_get_the_same_candidates_as_fish() {
    let store = store();
    let cases: &[&[&str]] = &[
        &["rungs", "report", ""],
        &["rungs", "history", "r"],
        &["rungs", "diff", "robin-quill", "s"],
        &["rungs", "export", "Robin Q"],
        &["rungs", "chart", "robin-quill@m"],
        &["rungs", "notes", ""],
        &["rungs", "goals", ""],
        &["rungs", "list", "--person", ""],
        &["rungs", "note", "--person", "s"],
        &["rungs", "assess", "--current", "T"],
        &["rungs", "assess", "--target", "tech"],
        &["rungs", "assess", "--relationship", ""],
        &["rungs", "assess", "--ladder", ""],
        &["rungs", "report", "--ladder", "d"],
        &["rungs", "report", "--relationship", "m"],
        &["rungs", "ladder", "show", "t"],
        &["rungs", "ladder", "show", "developer", "--level", ""],
        &["rungs", "ladder", "compare", "TL4", "developer:"],
        &["rungs", "note", "-c", ""],
        &["rungs", "notes", "--competency", "p"],
        &["rungs", "goal", "add", "--ladder", "developer", "--competency", ""],
        &["rungs", "goal", "add", "--level", "D"],
    ];
    for words in cases {
        let fish = complete(Shell::Fish, words, store.path());
        assert!(!values(fish.clone()).is_empty(), "no candidates for {words:?}");
        for shell in [Shell::Bash, Shell::Zsh] {
            assert_eq!(complete(shell, words, store.path()), fish, "{shell:?} {words:?}");
        }
    }
}

#[test]
fn each_kind_of_value_completes_from_its_own_source() {
    let store = store();
    let fish = |words: &[&str]| values(complete(Shell::Fish, words, store.path()));
    assert_eq!(fish(&["rungs", "history", ""]), ["robin-quill", "sam-lee"]);
    assert_eq!(fish(&["rungs", "export", "Robin Q"]), ["robin-quill"]);
    assert_eq!(fish(&["rungs", "diff", "robin-quill", "@"]), Vec::<String>::new());
    assert_eq!(fish(&["rungs", "report", "robin-quill@m"]), ["robin-quill@manager"]);
    assert_eq!(fish(&["rungs", "assess", "--relationship", ""]), ["self", "manager", "peer"]);
    assert_eq!(fish(&["rungs", "team", "--relationship", "s"]), ["self"]);
    let ladders = fish(&["rungs", "assess", "--ladder", ""]);
    assert_eq!(ladders, ["developer", "tech-lead", "technical-program-manager", "engineering-manager"]);
    assert_eq!(fish(&["rungs", "ladder", "show", "developer", "--level", "D1"]), ["D1"]);
    assert_eq!(fish(&["rungs", "ladder", "show", "tech-lead", "-l", "D"]), Vec::<String>::new());
    assert_eq!(fish(&["rungs", "ladder", "compare", "developer:D"]).len(), 7);
    let competencies = fish(&["rungs", "note", "-c", ""]);
    assert!(competencies.contains(&"technology".to_owned()), "{competencies:?}");
}

#[test]
fn dir_and_ladders_typed_on_the_line_beat_the_environment() {
    let store = store();
    let elsewhere = tempfile::tempdir().unwrap();
    let custom = fixture("ladders/custom");
    let env: &[(&str, &Path)] = &[("RUNGS_DIR", elsewhere.path())];
    let dir = store.path().to_str().unwrap();
    let equals = format!("--dir={dir}");
    let spellings: [&[&str]; 2] = [&["rungs", "--dir", dir, "report", ""], &["rungs", "report", &equals, ""]];
    for words in spellings {
        assert_eq!(values(complete_with(Shell::Fish, words, env)), ["robin-quill", "sam-lee"], "{words:?}");
    }
    assert_eq!(values(complete_with(Shell::Fish, &["rungs", "report", ""], env)), Vec::<String>::new());

    let typed = ["rungs", "--ladders", custom.to_str().unwrap(), "assess", "--ladder", "th"];
    assert_eq!(complete_with(Shell::Fish, &typed, &[]), ["three-by-two"]);
    let from_env = complete_with(Shell::Fish, &["rungs", "assess", "--current", "DE"], &[("RUNGS_LADDERS", &custom)]);
    assert!(from_env.contains(&"DE1".to_owned()), "{from_env:?}");
}

#[test]
fn a_hostile_store_and_ladder_folder_complete_quietly() {
    let store = store();
    let ladders = tempfile::tempdir().unwrap();
    #[cfg(unix)]
    {
        mkfifo(&ladders.path().join("blocking.toml"));
        std::os::unix::fs::symlink("/dev/zero", ladders.path().join("endless.toml")).unwrap();
    }
    std::fs::write(ladders.path().join("broken.toml"), "id = \u{1b}[31m").unwrap();
    let env: &[(&str, &Path)] = &[("RUNGS_DIR", store.path()), ("RUNGS_LADDERS", ladders.path())];
    for shell in SHELLS {
        // Each run ends within the builder's timeout and prints nothing on stderr.
        assert_eq!(values(complete_with(shell, &["rungs", "report", ""], env)), ["robin-quill", "sam-lee"]);
        let levels = complete_with(shell, &["rungs", "assess", "--current", ""], env);
        assert_eq!(values(levels), level_ids());
    }
    // A level id may hold a control character: it is never offered.
    let custom = std::fs::read_to_string(fixture("ladders/custom/three.toml")).unwrap();
    std::fs::write(ladders.path().join("escape.toml"), custom.replace("id = \"DE1\"", "id = \"DE1\\u001b[31m\""))
        .unwrap();
    for shell in SHELLS {
        assert_eq!(complete_with(shell, &["rungs", "assess", "--current", "DE"], env), ["DE2"], "{shell:?}");
    }
}

#[test]
fn the_real_bash_script_completes_through_rungs() {
    if std::process::Command::new("bash").arg("--version").output().is_err() {
        eprintln!("bash is not installed: skipped");
        return;
    }
    let store = store();
    let script = Rungs::new().args(["completions", "bash"]).ok();
    let home = tempfile::tempdir().unwrap();
    let script_path: PathBuf = home.path().join("rungs.bash");
    std::fs::write(&script_path, script).unwrap();
    // What bash does on Tab after `rungs assess --current T`.
    let driver = format!(
        "source '{}'; COMP_WORDS=(rungs assess --current T); COMP_CWORD=3; COMP_TYPE=9; \
         _clap_complete_rungs rungs T --current; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script_path.display()
    );
    let mut bash = std::process::Command::new("bash");
    crate::support::isolate(&mut bash, home.path());
    // The script calls rungs by the path it was printed from.
    let output = bash.args(["-c", &driver]).env("RUNGS_DIR", store.path()).output().unwrap();
    let offered: Vec<String> = String::from_utf8(output.stdout).unwrap().lines().map(String::from).collect();
    let expected: Vec<String> = level_ids().into_iter().filter(|id| id.starts_with('T')).collect();
    assert_eq!(offered, expected, "{}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn the_completions_command_prints_each_shells_registration() {
    let expectations = [
        ("bash", "complete -o nospace"),
        ("zsh", "#compdef rungs"),
        ("fish", "complete --keep-order --exclusive --command rungs"),
        ("elvish", "edit:completion:arg-completer[rungs]"),
        ("powershell", "Register-ArgumentCompleter"),
    ];
    for (shell, marker) in expectations {
        let script = Rungs::new().args(["completions", shell]).ok();
        assert!(script.contains(marker), "{shell}: {script}");
        assert!(script.contains("COMPLETE"), "{shell} does not call the dynamic engine: {script}");
        assert!(script.contains(crate::support::binary().to_str().unwrap()), "{shell}: {script}");
    }
}
