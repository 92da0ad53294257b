//! One module per subcommand, each a thin wrapper over a library function.

mod code;
mod eval;
mod run;
mod split;

use crate::cli::{Cli, Command, EvalCommand};
use anyhow::Result;
use std::process::ExitCode;

/// How a command ended when it did not fail outright.
pub enum Outcome {
    /// Everything was processed.
    Clean,
    /// Some records were rejected; the rest were processed.
    SomeRejected,
}

impl Outcome {
    pub fn exit_code(&self) -> ExitCode {
        match self {
            Outcome::Clean => ExitCode::SUCCESS,
            Outcome::SomeRejected => ExitCode::from(1),
        }
    }
}

pub fn run(cli: Cli) -> Result<Outcome> {
    match cli.command {
        Command::Code(args) => code::run(args),
        Command::Split(args) => split::run(args),
        Command::Eval(EvalCommand::Tokenize { gold }) => {
            eval::tokenize(&gold).map(|()| Outcome::Clean)
        }
    }
}
