//! The one document type that travels through dyad's pipeline.
//!
//! A [`Story`] is what a reader yields: id, date, source, title, text. The engine wraps
//! it in a [`Document`], and every stage adds to that document — sentences and tokens
//! first, then tags, lemmas and dependencies ([`WordSyntax`]), later actors, events and places — always with byte offsets ([`Span`])
//! into the story's original text, so that every event points back to its evidence.
//!
//! The output schema, [`Event`], is defined and documented in [`event`].
#![warn(missing_docs)]

mod actor;
mod codes;
mod date;
mod document;
pub mod event;
mod place;
mod span;
mod syntax;

pub use actor::{Actor, Resolution};
pub use codes::{ActorCode, CameoCode, CodeError};
pub use date::{Date, DateError};
pub use document::{written_tokens, Document, Sentence, Story, Token};
pub use event::{ActorMention, Event, Evidence, Location, Plover};
pub use place::{Place, PlaceCue, PlaceKind, PlaceReading, PlaceResolution};
pub use span::Span;
pub use syntax::{Feats, Upos, UposError, WordSyntax};
