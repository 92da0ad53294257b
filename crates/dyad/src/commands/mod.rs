//! One module per subcommand, each a thin wrapper over a library function.

mod actor;
mod code;
mod dedup;
mod dict;
mod eval;
mod examples;
mod explain;
mod parse;
mod places;
mod run;
mod split;
mod stats;
mod store;
mod train;
mod validate;
mod verbs;

use crate::cli::{Cli, Command, DictCommand, EvalCommand, ParserCommand, TrainCommand};
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
        Command::Parse(args) => parse::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Parser(ParserCommand::Train {
            train,
            dev,
            output,
            seed,
            tagger_epochs,
            parser_epochs,
            labeler_epochs,
            folds,
        }) => {
            let settings = dyad_nlp::TrainSettings {
                seed,
                tagger_epochs,
                parser_epochs,
                labeler_epochs,
                folds,
            };
            parse::train(&train, dev.as_deref(), &output, settings).map(|()| Outcome::Clean)
        }
        Command::Parser(ParserCommand::Eval {
            gold,
            model,
            predictions,
        }) => parse::eval(&gold, model.as_deref(), predictions.as_deref()).map(|()| Outcome::Clean),
        Command::Places(args) => places::run(args).map(|()| Outcome::Clean),
        Command::Eval(EvalCommand::Tokenize { gold, rules_only }) => {
            eval::tokenize(&gold, rules_only).map(|()| Outcome::Clean)
        }
        Command::Train(TrainCommand::Sentences { train, output }) => {
            train::sentences(&train, &output).map(|()| Outcome::Clean)
        }
        Command::Actor(args) => actor::run(args),
        Command::Dict(DictCommand::Check(args)) => dict::check(&args),
        Command::Dict(DictCommand::Examples(args)) => examples::run(&args),
        Command::Validate(args) => validate::run(&args),
        Command::Dedup(args) => dedup::run(args),
        Command::Stats(args) => stats::run(args),
    }
}
