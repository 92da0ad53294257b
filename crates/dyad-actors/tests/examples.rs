//! The shipped dictionaries' own example sentences give their entries' codes, and
//! the lint finds nothing in them.

use dyad_actors::{check, ActorDictionaryBuilder};

#[test]
fn every_example_sentence_in_the_shipped_dictionaries_codes_as_written() {
    let dict = ActorDictionaryBuilder::new().defaults().build().unwrap();
    let examples: usize = dict.entries().iter().map(|e| e.examples.len()).sum();
    let failing = check::failing_examples(&dict);
    let list: Vec<String> = failing.iter().map(ToString::to_string).collect();
    assert!(
        failing.is_empty(),
        "{} of {examples} examples fail:\n{}",
        failing.len(),
        list.join("\n")
    );
    assert!(examples >= 40, "only {examples} examples");
}

#[test]
fn the_shipped_dictionaries_are_lint_clean() {
    let dict = ActorDictionaryBuilder::new().defaults().build().unwrap();
    let findings: Vec<String> = check::check(&dict)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(findings.is_empty(), "{}", findings.join("\n"));
}
