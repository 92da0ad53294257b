//! `dyad dict examples`: every example sentence of the event dictionaries, coded
//! through the whole pipeline, must give its block's event.

use super::parse::load_analyzer;
use super::Outcome;
use crate::cli::ExamplesArgs;
use anyhow::Result;
use dyad_actors::{ActorDictionaryBuilder, ActorStage};
use dyad_engine::{Coder, CoderBuilder};
use dyad_events::{check_example, Example, ExampleMismatch};
use dyad_nlp::ParseStage;
use dyad_places::PlaceStage;
use std::collections::BTreeSet;

pub fn run(args: &ExamplesArgs) -> Result<Outcome> {
    let events = super::verbs::stage(&args.verbs)?;
    let dict = events.dictionary();
    let (lemmas, patterns) = dict.counts();
    let codes = dict
        .codes()
        .map(|c| c.as_str())
        .collect::<BTreeSet<_>>()
        .len();
    let examples: Vec<Example> = dict
        .examples()
        .iter()
        .filter(|e| {
            args.only.is_empty()
                || args
                    .only
                    .iter()
                    .any(|f| e.location.file.ends_with(f.as_str()))
        })
        .cloned()
        .collect();
    let unexampled = dict.blocks_without_example();
    let coder = CoderBuilder::new()
        .stage(ParseStage::new(load_analyzer(None)?))
        .stage(ActorStage::new(
            ActorDictionaryBuilder::new().defaults().build()?,
        ))
        .stage(PlaceStage::default())
        .stage(events)
        .build();
    let failures = check_all(&coder, &examples, args.threads);
    for failure in &failures {
        println!("{failure}");
    }
    for block in &unexampled {
        println!("{block}: no example");
    }
    eprintln!(
        "dict examples: {lemmas} verb lemmas, {patterns} patterns, {codes} codes; \
         {} of {} examples give their event; {} blocks without an example",
        examples.len() - failures.len(),
        examples.len(),
        unexampled.len()
    );
    Ok(if failures.is_empty() && unexampled.is_empty() {
        Outcome::Clean
    } else {
        Outcome::SomeRejected
    })
}

/// Checks the examples on `threads` threads; failures in dictionary order.
fn check_all(coder: &Coder, examples: &[Example], threads: Option<usize>) -> Vec<ExampleMismatch> {
    let threads = threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let chunk = examples.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = examples
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .filter_map(|e| check_example(coder, e).err())
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("an example check panicked"))
            .collect()
    })
}
