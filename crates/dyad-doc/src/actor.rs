//! What the actor stage adds: who each mention in the text is, as a CAMEO-style code.

use crate::{ActorCode, Span};
use std::fmt;
use std::ops::Range;

/// One mention of an actor in the story, resolved to a code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    /// The words of the mention, as indexes into [`Document::tokens`](crate::Document::tokens).
    pub tokens: Range<usize>,
    /// Bytes of the story text the mention covers.
    pub span: Span,
    /// The code on the story's date (`TURGOV`, `RUSMIL`, `IGOUNO`).
    pub code: ActorCode,
    /// The country part of the code (`TUR`), when the actor belongs to one.
    pub country: Option<String>,
    /// The sector parts of the code after the country (`GOV`, `MIL`).
    pub sectors: Vec<String>,
    /// The dictionary entry the code came from: a Wikidata id for a person
    /// (`Q249206`), otherwise the entry's code or name.
    pub entry: String,
    /// How the mention was resolved.
    pub how: Resolution,
}

/// How an actor mention got its code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Resolution {
    /// A dictionary name matched the words directly.
    Dictionary,
    /// A country and a sector were put together ("Russian" + "troops").
    Composition,
    /// A later, partial mention was tied to an earlier full one in the same story
    /// (a surname, "the minister", "the Turkish side").
    Memory,
    /// "he" or "she" as a clause subject, tied to the latest matching person.
    Pronoun,
}

impl Resolution {
    /// A lower-case name for output (`dictionary`, `composition`, `memory`, `pronoun`).
    pub fn as_str(self) -> &'static str {
        match self {
            Resolution::Dictionary => "dictionary",
            Resolution::Composition => "composition",
            Resolution::Memory => "memory",
            Resolution::Pronoun => "pronoun",
        }
    }
}

impl fmt::Display for Resolution {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
