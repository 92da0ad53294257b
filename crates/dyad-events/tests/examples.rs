//! Every example sentence in the shipped event dictionaries, coded through the
//! whole pipeline (segment, parse, actors, places, events), must give the event
//! its line promises. A failure lists every example that does not, with what it
//! gave instead.

use dyad_actors::{ActorDictionaryBuilder, ActorStage};
use dyad_doc::{Date, Story};
use dyad_engine::{Coder, CoderBuilder};
use dyad_events::{EventStage, Example};
use dyad_nlp::ParseStage;
use dyad_places::PlaceStage;
use std::collections::HashSet;

fn pipeline() -> Coder {
    CoderBuilder::new()
        .stage(ParseStage::shipped().unwrap())
        .stage(ActorStage::new(
            ActorDictionaryBuilder::new().defaults().build().unwrap(),
        ))
        .stage(PlaceStage::default())
        .stage(EventStage::shipped().unwrap())
        .build()
}

fn check(coder: &Coder, example: &Example) -> Result<(), String> {
    let doc = coder.code(Story {
        id: "example".into(),
        date: example
            .date
            .unwrap_or_else(|| Date::parse("2021-03-23").unwrap()),
        source: None,
        title: None,
        text: example.text.clone(),
    });
    let found = doc.events.iter().any(|e| {
        e.cameo == example.code
            && e.source.as_ref().map(|a| &a.code) == example.source.as_ref()
            && e.target.as_ref().map(|a| &a.code) == example.target.as_ref()
    });
    if found {
        return Ok(());
    }
    let got: Vec<String> = doc
        .events
        .iter()
        .map(|e| {
            format!(
                "{} {} {}",
                e.source.as_ref().map_or("-", |a| a.code.as_str()),
                e.cameo.as_str(),
                e.target.as_ref().map_or("-", |a| a.code.as_str())
            )
        })
        .collect();
    Err(format!(
        "{} ({}): {:?} gave [{}]",
        example.location,
        example.block,
        example.text,
        got.join("; ")
    ))
}

#[test]
fn every_dictionary_example_gives_its_event() {
    let coder = pipeline();
    let stage = EventStage::shipped().unwrap();
    let examples = stage.dictionary().examples();
    assert!(!examples.is_empty());
    let failures: Vec<String> = examples
        .iter()
        .filter_map(|e| check(&coder, e).err())
        .collect();
    println!(
        "{} of {} examples give their event",
        examples.len() - failures.len(),
        examples.len()
    );
    assert!(
        failures.is_empty(),
        "{} examples fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_verb_block_has_an_example_and_known_codes() {
    let stage = EventStage::shipped().unwrap();
    let dict = stage.dictionary();
    let (verbs, patterns) = dict.counts();
    println!(
        "{verbs} verb lemmas, {patterns} patterns, {} examples",
        dict.examples().len()
    );
    for code in dict.codes() {
        assert!(stage.cameo().get(code).is_some(), "{}", code.as_str());
    }
    let with_examples: HashSet<&str> = dict.examples().iter().map(|e| e.block.as_str()).collect();
    let mut missing: Vec<String> = dict
        .blocks()
        .filter_map(|block| {
            let name = match &block.particle {
                Some(p) => format!("verb {} {p}", block.lemma),
                None => format!("verb {}", block.lemma),
            };
            (!with_examples.contains(name.as_str())).then(|| format!("{}: {name}", block.location))
        })
        .collect();
    missing.sort();
    assert!(
        missing.is_empty(),
        "verb blocks without an example:\n{}",
        missing.join("\n")
    );
}
