//! dyad's event stage: from parsed sentences and resolved actors to events —
//! CAMEO codes with QuadClass, Goldstein value, PLOVER type, issue tags, location
//! and the evidence (spans and the pattern that fired).
//!
//! ```text
//! Document { syntax, actors, places } ──EventStage──▶ Document { events }
//! ```
//!
//! The dictionaries are text (docs/events.md), compiled once into an immutable
//! [`EventDictionary`]; [`EventStage::shipped`] embeds the ones in data/events.
#![warn(missing_docs)]

mod cameo;
mod coder;
mod dict;
mod error;
mod examples;
mod issues;
mod petrarch;

pub use cameo::{CameoInfo, CameoTable};
pub use dict::{
    Condition, EventDictionary, Example, Issue, Pattern, Role, StorySignals, VerbBlock,
};
pub use error::{DictError, DictErrors, Location};
pub use examples::{check_example, ExampleMismatch, DEFAULT_EXAMPLE_DATE};
pub use petrarch::{outside_codes, petrarch_to_dyad, petrarch_to_dyad_with, ImportStats};

use dyad_doc::Document;
use dyad_engine::Stage;

include!(concat!(env!("OUT_DIR"), "/shipped.rs"));

const CAMEO_FILE: &str = "data/events/cameo.tsv";
const VERBS_DIR: &str = "data/events/verbs/";

/// The shipped CAMEO table's text (data/events/cameo.tsv).
pub fn shipped_cameo() -> &'static str {
    SHIPPED
        .iter()
        .find(|(name, _)| *name == CAMEO_FILE)
        .map_or("", |(_, text)| text)
}

/// The shipped dictionary files other than the CAMEO table, as (name, text):
/// classes, intent rules, issues, discards and, when `verbs`, the verb patterns
/// of data/events/verbs.
pub fn shipped_sources(verbs: bool) -> Vec<(String, String)> {
    SHIPPED
        .iter()
        .filter(|(name, _)| *name != CAMEO_FILE)
        .filter(|(name, _)| verbs || !name.starts_with(VERBS_DIR))
        .map(|(name, text)| (name.to_string(), text.to_string()))
        .collect()
}

/// The shipped CAMEO table, read.
pub fn shipped_cameo_table() -> CameoTable {
    CameoTable::parse(shipped_cameo(), CAMEO_FILE).unwrap_or_default()
}

/// Codes events into documents.
#[derive(Clone)]
pub struct EventStage {
    dictionary: EventDictionary,
    cameo: CameoTable,
    one_sided: bool,
}

impl EventStage {
    /// The stage over the dictionaries shipped in data/events.
    pub fn shipped() -> Result<EventStage, DictErrors> {
        EventStage::shipped_with(true, &[])
    }

    /// The stage over the shipped CAMEO table, the shipped dictionaries (with
    /// their verb patterns only when `default_verbs`) and `extra` sources, given
    /// as (name, text) in dyad's format — e.g. from [`petrarch_to_dyad`].
    pub fn shipped_with(
        default_verbs: bool,
        extra: &[(String, String)],
    ) -> Result<EventStage, DictErrors> {
        let mut sources = shipped_sources(default_verbs);
        sources.extend(extra.iter().cloned());
        EventStage::from_sources(shipped_cameo(), &sources)
    }

    /// A stage over the CAMEO table text and dictionary files given as (name, text).
    pub fn from_sources(
        cameo: &str,
        sources: &[(String, String)],
    ) -> Result<EventStage, DictErrors> {
        let cameo = CameoTable::parse(cameo, CAMEO_FILE).map_err(DictErrors)?;
        EventStage::from_table(cameo, sources)
    }

    /// A stage over a CAMEO table already read (e.g. with codes added by
    /// [`CameoTable::add_outside`]) and dictionary files given as (name, text).
    pub fn from_table(
        cameo: CameoTable,
        sources: &[(String, String)],
    ) -> Result<EventStage, DictErrors> {
        let dictionary = EventDictionary::load(sources, &cameo)?;
        Ok(EventStage {
            dictionary,
            cameo,
            one_sided: false,
        })
    }

    /// Also code events that have a source but no target actor, with the
    /// target left empty (PETRARCH's `require_dyad = False`). Off by default:
    /// an event needs both actors.
    pub fn one_sided(mut self, allow: bool) -> EventStage {
        self.one_sided = allow;
        self
    }

    fn coding(&self) -> coder::Coding<'_> {
        coder::Coding {
            dict: &self.dictionary,
            cameo: &self.cameo,
            one_sided: self.one_sided,
        }
    }

    /// The verb dictionary.
    pub fn dictionary(&self) -> &EventDictionary {
        &self.dictionary
    }

    /// The CAMEO table.
    pub fn cameo(&self) -> &CameoTable {
        &self.cameo
    }

    /// What the coder saw and did in every sentence of a parsed document: the
    /// predicates, their roles and actors, each pattern tried and why it fired or
    /// did not.
    pub fn explain(&self, doc: &Document) -> Vec<String> {
        let mut lines = Vec::new();
        if !doc.is_parsed() {
            lines.push("the document is not parsed; nothing is coded".to_owned());
            return lines;
        }
        let trees = sentence_trees(doc, &self.dictionary);
        if let Some((name, found)) = issues::story_signals(&trees, &self.dictionary) {
            lines.push(format!(
                "story discarded: {name} signals {}",
                found.join(", ")
            ));
            return lines;
        }
        for tree in &trees {
            lines.push(format!(
                "sentence {}: {}",
                tree.index,
                doc.text(doc.sentences[tree.index].span)
            ));
            if let Some(phrase) = issues::discard(tree, &self.dictionary) {
                lines.push(format!("  discarded: contains {:?}", phrase.join(" ")));
                continue;
            }
            let mut trace = Vec::new();
            let events = coder::code_sentence(tree, &self.coding(), Some(&mut trace));
            lines.extend(trace.into_iter().map(|l| format!("  {l}")));
            for event in events {
                lines.push(format!(
                    "  event: {} {} {} ({}, rule {})",
                    event.source.as_ref().map_or("-", |a| a.code.as_str()),
                    event.cameo.as_str(),
                    event.target.as_ref().map_or("-", |a| a.code.as_str()),
                    self.cameo.get(&event.cameo).map_or("", |i| i.name.as_str()),
                    event.rule
                ));
            }
        }
        lines
    }
}

/// Every sentence's tree, with the words the dictionary codes as predicates marked.
fn sentence_trees<'d>(doc: &'d Document, dict: &EventDictionary) -> Vec<coder::Tree<'d>> {
    (0..doc.sentences.len())
        .map(|index| {
            let mut tree = coder::Tree::new(doc, index);
            tree.mark_event_verbs(dict);
            tree
        })
        .collect()
}

impl Stage for EventStage {
    fn name(&self) -> &'static str {
        "events"
    }

    fn emits_events(&self) -> bool {
        true
    }

    fn process(&self, doc: &mut Document) {
        if !doc.is_parsed() {
            return;
        }
        let trees = sentence_trees(doc, &self.dictionary);
        if issues::story_signals(&trees, &self.dictionary).is_some() {
            return;
        }
        let mut events = Vec::new();
        for tree in &trees {
            if issues::discard(tree, &self.dictionary).is_some() {
                // A discard in the first sentence (after the title) drops the story.
                if tree.index == 0 {
                    return;
                }
                continue;
            }
            events.extend(coder::code_sentence(tree, &self.coding(), None));
        }
        doc.events = events;
    }
}
