//! Checking the dictionary's example sentences: each is coded through a whole
//! pipeline and must give the event its line promises.

use crate::dict::Example;
use dyad_doc::{Date, Event, Story};
use dyad_engine::Coder;
use std::fmt;

/// The date an example is coded on when its line gives none.
pub const DEFAULT_EXAMPLE_DATE: &str = "2021-03-23";

/// An example that did not give its event: what it gave instead.
#[derive(Debug, Clone)]
pub struct ExampleMismatch {
    /// Where the example is written and its block (`verb meet`).
    pub example: String,
    /// The events coded instead, as `SOURCE CODE TARGET`.
    pub got: Vec<String>,
}

impl fmt::Display for ExampleMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} gave [{}]", self.example, self.got.join("; "))
    }
}

/// Codes `example` with `coder` (which must include an event stage) and checks
/// that one of the events has the example's source, code and target.
pub fn check_example(coder: &Coder, example: &Example) -> Result<(), ExampleMismatch> {
    let date = example
        .date
        .or_else(|| Date::parse(DEFAULT_EXAMPLE_DATE).ok())
        .expect("the default example date parses");
    let doc = coder.code(Story {
        id: "example".into(),
        date,
        source: None,
        title: None,
        text: example.text.clone(),
    });
    if doc.events.iter().any(|e| gives(example, e)) {
        return Ok(());
    }
    Err(ExampleMismatch {
        example: format!(
            "{} ({}): {:?}",
            example.location, example.block, example.text
        ),
        got: doc.events.iter().map(triple).collect(),
    })
}

fn gives(example: &Example, event: &Event) -> bool {
    event.cameo == example.code
        && event.source.as_ref().map(|a| &a.code) == example.source.as_ref()
        && event.target.as_ref().map(|a| &a.code) == example.target.as_ref()
}

fn triple(event: &Event) -> String {
    format!(
        "{} {} {}",
        event.source.as_ref().map_or("-", |a| a.code.as_str()),
        event.cameo.as_str(),
        event.target.as_ref().map_or("-", |a| a.code.as_str())
    )
}
