//! The actor stage: the one entry the pipeline calls.

use crate::compile::ActorDictionary;
use crate::resolve::{resolve, Explanation};
use dyad_doc::Document;
use dyad_engine::Stage;

/// Adds [`Document::actors`]: every actor mention, coded on the story's date.
///
/// Needs sentences and tokens; uses the parse when [`Document::is_parsed`].
pub struct ActorStage {
    dictionary: ActorDictionary,
}

impl ActorStage {
    /// A stage that codes with `dictionary`.
    pub fn new(dictionary: ActorDictionary) -> ActorStage {
        ActorStage { dictionary }
    }

    /// The dictionary in use.
    pub fn dictionary(&self) -> &ActorDictionary {
        &self.dictionary
    }

    /// What each mention resolves to and why, without changing `doc`.
    pub fn explain(&self, doc: &Document) -> Explanation {
        resolve(&self.dictionary, doc)
    }
}

impl Stage for ActorStage {
    fn name(&self) -> &'static str {
        "actors"
    }

    fn process(&self, doc: &mut Document) {
        doc.actors = resolve(&self.dictionary, doc)
            .actors
            .into_iter()
            .map(|e| e.actor)
            .collect();
    }
}
