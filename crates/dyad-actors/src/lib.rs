//! The actor stage: who the words of a story name, as CAMEO-style codes.
//!
//! ```text
//! Document { sentences, tokens[, syntax] } ──ActorStage──▶ Document { actors }
//! ```
//!
//! Dictionaries (dyad's own format, see `docs/actors.md`, or PETRARCH's) are read
//! by an [`ActorDictionaryBuilder`] and compiled into an immutable
//! [`ActorDictionary`]: a trie over normalised token ids. The [`ActorStage`] finds
//! the longest dictionary phrases in each sentence, picks the code that holds on
//! the story's date (office-holders have date-bounded roles), composes countries
//! with sectors ("Russian" + "troops" → `RUSMIL`), and keeps a document memory so
//! that "Cavusoglu", "the minister" and "he" resolve to the person named before.
//! It needs sentences and tokens; it uses the parse when there is one.
#![warn(missing_docs)]

pub mod check;
mod compile;
pub mod dict;
mod error;
mod memory;
mod petrarch;
mod resolve;
mod stage;

pub use compile::{
    ActorDictionary, ActorDictionaryBuilder, Case, Hit, ImportStats, Unmatchable, DEFAULT_FILES,
};
pub use error::{Error, ErrorKind, LoadErrors};
pub use resolve::{code_on, Explained, Explanation};
pub use stage::ActorStage;
