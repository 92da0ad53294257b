//! The PETRARCH-2 verb dictionaries in ../shared import, and load into dyad's
//! matcher. Skipped, with a note, when the shared data is absent.
//!
//! The expected counts were made once, independently of this code, by a small
//! script that follows PETRARCH2's `read_verb_dictionary`: a line starting with
//! `---` is a block, one starting with `-` a pattern, `&`/`+` before the
//! "VERB PATTERNS" header a synset and its members, `~` a transformation, and
//! any other line with words after `#` comments are cut a member verb.

use dyad_events::{petrarch_to_dyad, EventStage, ImportStats};
use std::path::Path;

const SHARED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/petrarch2"
);

fn import(relative: &str) -> Option<(String, ImportStats)> {
    let path = Path::new(SHARED).join(relative);
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!("note: {} is absent; test skipped", path.display());
        return None;
    };
    Some(petrarch_to_dyad(&text, relative))
}

fn loads(name: &str, dyad: String) -> (usize, usize) {
    let stage = EventStage::shipped_with(false, &[(name.to_owned(), dyad)]).unwrap_or_else(|e| {
        panic!(
            "imported patterns do not load: {:#?}",
            e.0.iter().take(20).collect::<Vec<_>>()
        )
    });
    stage.dictionary().counts()
}

#[test]
fn cameo_2_0_imports_what_petrarch_reads() {
    let Some((dyad, stats)) = import("dictionaries/CAMEO.2.0.txt") else {
        return;
    };
    println!("{stats:#?}");
    assert_eq!(stats.verb_blocks, 397);
    assert_eq!(stats.patterns, 4668);
    assert_eq!(stats.verbs, 1817);
    assert_eq!(stats.synsets, 40);
    assert_eq!(stats.synset_members, 558);
    assert_eq!(stats.transformations, 8);
    assert!(
        stats.patterns_imported > stats.patterns * 9 / 10,
        "{stats:#?}"
    );
    let (lemmas, patterns) = loads("CAMEO.2.0.txt (imported)", dyad);
    println!("loaded: {lemmas} verb lemmas, {patterns} patterns");
    assert!(lemmas > 1000 && patterns > stats.patterns_imported);
}

#[test]
fn validation_verbs_import() {
    let Some((dyad, stats)) = import("validation-2.0/PETR.Validate.verbs.2.0.txt") else {
        return;
    };
    println!("{stats:#?}");
    assert_eq!(stats.verb_blocks, 69);
    assert_eq!(stats.patterns, 452);
    assert_eq!(stats.verbs, 126);
    assert_eq!(stats.synsets, 31);
    assert_eq!(stats.synset_members, 266);
    let (lemmas, patterns) = loads("PETR.Validate.verbs.2.0.txt (imported)", dyad);
    println!("loaded: {lemmas} verb lemmas, {patterns} patterns");
}
