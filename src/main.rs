//! The `rungs` binary: parse, run, print any error once, exit with its code.

use clap::Parser;

fn main() {
    let cli = rungs::cli::Cli::parse();
    if let Err(error) = rungs::run(cli) {
        let prefix = console::style("error:").red().bold().for_stderr();
        eprintln!("{prefix} {error}");
        std::process::exit(error.exit_code());
    }
}
