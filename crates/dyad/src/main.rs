//! `dyad`: news text in, political event data out. Each subcommand is a thin
//! wrapper over a library function; exit codes are 0 (all fine), 1 (some records
//! were rejected) and 2 (usage or configuration error).

mod cli;
mod commands;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    restore_default_sigpipe();
    let cli = cli::Cli::parse();
    match commands::run(cli) {
        Ok(outcome) => outcome.exit_code(),
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// `dyad explain … | head` closes the pipe early: the process ends quietly, as
/// Unix tools do, instead of `println!` panicking on the failed write. (Rust
/// ignores SIGPIPE by default.)
fn restore_default_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in main, before any thread exists; SIG_DFL is
    // a valid disposition for SIGPIPE.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// `dyad code … | head` closes the pipe early; that is the reader's choice, not a
/// failure to report.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
