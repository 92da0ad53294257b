//! Every example sentence in the shipped event dictionaries, coded through the
//! whole pipeline (segment, parse, actors, places, events), must give the event
//! its line promises. A failure lists every example that does not, with what it
//! gave instead.

use dyad_actors::{ActorDictionaryBuilder, ActorStage};
use dyad_engine::{Coder, CoderBuilder};
use dyad_events::{check_example, EventStage};
use dyad_nlp::ParseStage;
use dyad_places::PlaceStage;

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

/// The CAMEO codes `coder` gives `text` on 2021-03-23.
fn codes(coder: &Coder, text: &str) -> Vec<String> {
    coder
        .code(dyad_doc::Story {
            id: "test".into(),
            date: dyad_doc::Date::parse("2021-03-23").unwrap(),
            source: None,
            title: None,
            text: text.into(),
        })
        .events
        .iter()
        .map(|e| e.cameo.as_str().to_owned())
        .collect()
}

#[test]
fn every_dictionary_example_gives_its_event() {
    let coder = pipeline();
    let stage = EventStage::shipped().unwrap();
    let examples = stage.dictionary().examples();
    assert!(!examples.is_empty());
    let failures: Vec<String> = examples
        .iter()
        .filter_map(|e| check_example(&coder, e).err().map(|m| m.to_string()))
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
    let missing = dict.blocks_without_example();
    assert!(
        missing.is_empty(),
        "verb blocks without an example:\n{}",
        missing.join("\n")
    );
}

/// A sports report is discarded whole by its story signals even where one of
/// its sentences reads like an event; a political story that names a match
/// or the Olympics once is still coded.
#[test]
fn story_signals_discard_sports_reports_not_boycotts() {
    let coder = pipeline();
    let code = |text: &str| {
        coder.code(dyad_doc::Story {
            id: "signals".into(),
            date: dyad_doc::Date::parse("2008-03-01").unwrap(),
            source: None,
            title: None,
            text: text.into(),
        })
    };
    let report = code(
        "France attacked Italy from the first whistle. The coach praised his striker after the match. \
         The squad will play in the cup next season.",
    );
    assert!(report.events.is_empty(), "{:?}", report.events);
    let boycott = code(
        "France urged Germany to boycott the Olympics. Paris summoned the Chinese ambassador over the match.",
    );
    assert!(!boycott.events.is_empty());
}

/// What only might, ought to or failed to happen is not coded; the same
/// clause stated as done is.
#[test]
fn hypotheticals_and_failures_are_not_coded() {
    let coder = pipeline();
    let codes = |text: &str| codes(&coder, text);
    assert!(!codes("Washington imposed sanctions on Moscow.").is_empty());
    for text in [
        "Washington could impose sanctions on Moscow.",
        "Washington should impose sanctions on Moscow.",
        "Washington failed to impose sanctions on Moscow.",
        "Kyiv did not persuade Washington to impose sanctions on Moscow.",
        "Neither Washington nor London imposed sanctions on Moscow.",
        "Experts urged senators to push Washington to impose sanctions on Moscow.",
        "Kyiv rejected a proposal for Washington to impose sanctions on Moscow.",
    ] {
        let found = codes(text);
        assert!(
            found.iter().all(|c| !c.starts_with("16")),
            "{text}: {found:?}"
        );
    }
}

/// "is to", "is going to": arranged or intended, coded with intent codes
/// where CAMEO has them and not at all where it has none.
#[test]
fn arranged_and_intended_acts_take_intent_codes() {
    let coder = pipeline();
    let codes = |text: &str| codes(&coder, text);
    assert_eq!(codes("Russia is going to meet Ukraine."), ["036"]);
    assert_eq!(codes("The WTO is to hold talks with Iraq."), ["036"]);
    // A promise is the promiser's, not the promisee's, intention.
    let promise = coder.code(dyad_doc::Story {
        id: "intent".into(),
        date: dyad_doc::Date::parse("2023-01-10").unwrap(),
        source: None,
        title: None,
        text: "Berlin promised Warsaw to deliver more tanks to Kyiv.".into(),
    });
    let triples: Vec<String> = promise
        .events
        .iter()
        .map(|e| {
            let code = |a: &Option<dyad_doc::ActorMention>| {
                a.as_ref()
                    .map_or("-".to_owned(), |a| a.code.as_str().to_owned())
            };
            format!(
                "{} {} {}",
                code(&e.source),
                e.cameo.as_str(),
                code(&e.target)
            )
        })
        .collect();
    assert_eq!(triples, ["DEUGOV 0332 UKRGOV"]);
    assert!(codes("Russia is going to attack Ukraine.").is_empty());
    assert!(codes("Terrorists wanted to attack Britain.").is_empty());
}

/// Control: the asking verb codes the demand between the asker and the one
/// asked (the two sentences), whatever the complement.
#[test]
fn a_demand_with_a_complement_is_coded_from_the_asking_verb() {
    let coder = pipeline();
    for (text, source, target) in [
        (
            "Brussels urged Belgrade not to recognise the vote.",
            "IGOEUREEC",
            "SRBGOV",
        ),
        (
            "Washington pressed Seoul to raise its defence spending.",
            "USAGOV",
            "KORGOV",
        ),
    ] {
        let doc = coder.code(dyad_doc::Story {
            id: "control".into(),
            date: dyad_doc::Date::parse("2021-03-23").unwrap(),
            source: None,
            title: None,
            text: text.into(),
        });
        let found = doc.events.iter().any(|e| {
            e.cameo.root() == "10"
                && e.source.as_ref().is_some_and(|a| a.code.as_str() == source)
                && e.target.as_ref().is_some_and(|a| a.code.as_str() == target)
        });
        assert!(found, "{text}: {:?}", codes(&coder, text));
    }
}
