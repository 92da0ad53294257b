//! The place stage: where things happened.
//!
//! dyad finds the places a story names with an offline gazetteer ([`Gazetteer`]:
//! GeoNames cities of 15,000 people or more, countries and US states, plus
//! hand-written regions such as "the Middle East" and "Crimea"). [`PlaceStage`]
//! needs sentences and tokens, uses the parse when there is one, and adds
//! [`dyad_doc::Place`]s to [`dyad_doc::Document::places`]:
//!
//! 1. **Mentions.** Gazetteer names are matched over normalised words, longest first,
//!    and kept only in a place's context: the dateline ("BRUSSELS (Reuters) -"), after
//!    in/at/near/from…, followed by its country or state ("Paris, Texas"), or as a
//!    proper noun that is not part of a longer name ("Barack Obama") and not a common
//!    word ("Reading is fun", "Split the bill", "Of the 20").
//! 2. **Readings.** An ambiguous name is read as the qualifier says, else as the
//!    story's other places and country adjectives suggest ("Lebanese … Tripoli"),
//!    else as the most populous reading, which an event's actors may still overturn.
//!
//! [`event_location`] is what the event coder calls: the place attached to the
//! event's clause, else a place in its sentence, else the story's dateline.
//! The rules are written out in `docs/places.md`.
#![warn(missing_docs)]

mod gazetteer;
mod location;
mod mention;
mod resolve;
mod stage;

pub use gazetteer::{Gazetteer, GazetteerBuilder, FORMAT_VERSION};
pub use location::{event_location, LocationRule};
pub use stage::PlaceStage;

/// Why a gazetteer file could not be loaded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The bytes are not a dyad gazetteer (no `#dyad-gazetteer` header).
    #[error("not a dyad gazetteer: the first line must be `#dyad-gazetteer<TAB>{FORMAT_VERSION}`; build one with tools/build_gazetteer.py")]
    NotAGazetteer,
    /// The gazetteer was written in a format version this dyad does not read.
    #[error("gazetteer format version {found} is not supported (this dyad reads version {expected}); rebuild it with tools/build_gazetteer.py")]
    Version {
        /// The version in the file.
        found: u32,
        /// The version this code reads.
        expected: u32,
    },
    /// A line of a gazetteer file is malformed.
    #[error("{file}:{line}: {message}")]
    Parse {
        /// Which file (`geonames.tsv`, `regions.txt`, `countries.txt`).
        file: String,
        /// Line number, from 1.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
}
