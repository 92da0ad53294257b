//! The Phoenix dictionaries of PETRARCH2 load with the counts PETRARCH's own
//! reader would store, and their date-restricted codes resolve on the right days.
//!
//! The expected counts were made once by an independent count of the files under
//! PETRARCH's reading rules (a Python re-reading of `read_actor_dictionary` and
//! `read_agent_dictionary`): actor blocks, distinct phrases with synonyms,
//! date-restricted codes; agent lines with a code, distinct phrases with plurals
//! and substitutions. (PETRARCH's loop drops the last block of an actor file;
//! dyad keeps it, and so does the count.)

use dyad_actors::{ActorDictionaryBuilder, ActorStage, ImportStats};
use dyad_doc::{Date, Document, Story};
use dyad_engine::Stage;
use std::path::{Path, PathBuf};

fn dictionaries() -> Option<PathBuf> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/petrarch2/dictionaries");
    if path.exists() {
        Some(path)
    } else {
        eprintln!(
            "skipped: {} is absent (tests that need ../shared run in CI)",
            path.display()
        );
        None
    }
}

fn counts(stats: &ImportStats) -> (usize, usize, usize) {
    (stats.entries, stats.phrases, stats.dated_codes)
}

#[test]
fn phoenix_files_load_with_the_counts_petrarch_reads() {
    let Some(dir) = dictionaries() else { return };
    let dict = ActorDictionaryBuilder::new()
        .petrarch_actors(&dir.join("Phoenix.Countries.actors.txt"))
        .petrarch_actors(&dir.join("Phoenix.International.actors.txt"))
        .petrarch_actors(&dir.join("Phoenix.MilNonState.actors.txt"))
        .petrarch_agents(&dir.join("Phoenix.agents.txt"))
        .build()
        .unwrap();
    let imports = dict.imports();
    assert_eq!(counts(&imports[0]), (18390, 25848, 26110), "Countries");
    assert_eq!(counts(&imports[1]), (7841, 6751, 452), "International");
    assert_eq!(counts(&imports[2]), (1021, 1778, 1), "MilNonState");
    assert_eq!(
        (imports[3].entries, imports[3].phrases),
        (2244, 5113),
        "agents"
    );
    for import in imports {
        eprintln!("{}: {} lines skipped", import.file, import.problems.len());
    }
}

fn code(stage: &ActorStage, text: &str, date: &str) -> Vec<String> {
    let mut doc = Document::new(Story {
        id: "t".into(),
        date: Date::parse(date).unwrap(),
        source: None,
        title: None,
        text: text.into(),
    });
    dyad_text::Segmenter::new().segment(&mut doc);
    stage.process(&mut doc);
    doc.actors.iter().map(|a| a.code.to_string()).collect()
}

#[test]
fn date_restricted_phoenix_codes_hold_on_their_days() {
    let Some(dir) = dictionaries() else { return };
    let dict = ActorDictionaryBuilder::new()
        .petrarch_actors(&dir.join("Phoenix.Countries.actors.txt"))
        .petrarch_actors(&dir.join("Phoenix.International.actors.txt"))
        .petrarch_agents(&dir.join("Phoenix.agents.txt"))
        .build()
        .unwrap();
    let stage = ActorStage::new(dict);
    // JOHN_KERRY_: [USAGOVLEG 850103-130201] then [USAGOV >130201].
    assert_eq!(
        code(&stage, "John Kerry spoke.", "2010-06-01"),
        ["USAGOVLEG"]
    );
    assert_eq!(code(&stage, "John Kerry spoke.", "2013-02-01"), ["USAGOV"]);
    // JAVIER_SOLANA_ [IGOEUREEC 950701-951231][IGOWSTNAT 951205-991006] on one line.
    assert_eq!(
        code(&stage, "Javier Solana spoke.", "1998-01-01"),
        ["IGOWSTNAT"]
    );
    // Country synonym + agent: TURKISH is a synonym of TURKEY [TUR], SOLDIER [~MIL].
    assert_eq!(
        code(&stage, "Turkish soldiers crossed.", "2015-01-01"),
        ["TURMIL"]
    );
}
