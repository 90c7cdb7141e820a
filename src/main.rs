//! The `rungs` binary: answer a shell's completion request, or parse, run,
//! print any error once, exit with its code.

use clap::CommandFactory;

fn main() {
    // `COMPLETE=SHELL rungs -- WORDS…` is a shell asking for completions:
    // answer from the real store and ladders, and exit.
    clap_complete::CompleteEnv::with_factory(rungs::cli::Cli::command).var(rungs::config::COMPLETE_ENV).complete();
    let cli = rungs::cli::parse_command_line();
    if let Err(error) = rungs::run(cli) {
        let prefix = console::style("error:").red().bold().for_stderr();
        // Errors quote file names and their contents: shown, never obeyed.
        let message = format!("{prefix} {}", rungs::untrusted::terminal(&error.to_string()));
        eprintln!("{}", rungs::output::for_stderr(&message));
        std::process::exit(error.exit_code());
    }
}
