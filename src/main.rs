//! The `rungs` binary: parse, run, print any error once, exit with its code.

use clap::Parser;

fn main() {
    let cli = rungs::cli::Cli::parse();
    if let Err(error) = rungs::run(cli) {
        let prefix = console::style("error:").red().bold().for_stderr();
        // Errors quote file names and their contents: shown, never obeyed.
        eprintln!("{prefix} {}", rungs::untrusted::terminal(&error.to_string()));
        std::process::exit(error.exit_code());
    }
}
