//! The dyad engine: one immutable [`Coder`] that takes a story through every
//! installed stage, and a [`Runner`] that codes a stream of stories in parallel with
//! output in input order.
//!
//! ```text
//! Story ──segment──▶ Document ──stage──▶ … ──stage──▶ Document { sentences, tokens, events }
//! ```
//!
//! Segmentation always runs; later stages (parser, actors, events, places) are added
//! with [`CoderBuilder::stage`]. A `Coder` is `Send + Sync`: the CLI, a server or
//! Python bindings share one across threads.
#![warn(missing_docs)]

mod runner;

pub use runner::{RunError, Runner, Summary};

use dyad_doc::{Document, Story};
use dyad_text::Segmenter;

/// One step of the pipeline after segmentation: it reads what earlier stages put
/// in the document and adds its own part.
pub trait Stage: Send + Sync {
    /// A short name for summaries and `explain` output ("parse", "actors", "events").
    fn name(&self) -> &'static str;

    /// Whether this stage emits events. A run without one says so instead of
    /// pretending the text had no events.
    fn emits_events(&self) -> bool {
        false
    }

    /// Adds this stage's annotations to `doc`.
    fn process(&self, doc: &mut Document);
}

/// Builds a [`Coder`].
#[derive(Default)]
pub struct CoderBuilder {
    segmenter: Option<Segmenter>,
    stages: Vec<Box<dyn Stage>>,
}

impl CoderBuilder {
    /// A builder with the default segmenter and no further stages.
    pub fn new() -> Self {
        CoderBuilder::default()
    }

    /// Uses `segmenter` instead of the default one.
    pub fn segmenter(mut self, segmenter: Segmenter) -> Self {
        self.segmenter = Some(segmenter);
        self
    }

    /// Appends a stage; stages run in the order added.
    pub fn stage(mut self, stage: impl Stage + 'static) -> Self {
        self.stages.push(Box::new(stage));
        self
    }

    /// The finished, immutable coder.
    pub fn build(self) -> Coder {
        Coder {
            segmenter: self.segmenter.unwrap_or_default(),
            stages: self.stages,
        }
    }
}

/// Runs stories through segmentation and the installed stages.
pub struct Coder {
    segmenter: Segmenter,
    stages: Vec<Box<dyn Stage>>,
}

impl Coder {
    /// Segments `story` and runs every stage over it.
    pub fn code(&self, story: Story) -> Document {
        let mut doc = Document::new(story);
        self.segmenter.segment(&mut doc);
        for stage in &self.stages {
            stage.process(&mut doc);
        }
        doc
    }

    /// Names of the stages that run, in order, starting with segmentation.
    pub fn stage_names(&self) -> Vec<&'static str> {
        std::iter::once("segment")
            .chain(self.stages.iter().map(|s| s.name()))
            .collect()
    }

    /// Whether any installed stage emits events.
    pub fn emits_events(&self) -> bool {
        self.stages.iter().any(|s| s.emits_events())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_doc::Date;

    struct CountWords;
    impl Stage for CountWords {
        fn name(&self) -> &'static str {
            "count"
        }
        fn process(&self, doc: &mut Document) {
            doc.story.title = Some(doc.tokens.len().to_string());
        }
    }

    fn story(text: &str) -> Story {
        Story {
            id: "t".into(),
            date: Date::parse("2021-03-23").unwrap(),
            source: None,
            title: None,
            text: text.into(),
        }
    }

    #[test]
    fn coder_is_shareable_across_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Coder>();
    }

    #[test]
    fn stages_run_after_segmentation_in_order() {
        let coder = CoderBuilder::new().stage(CountWords).build();
        assert_eq!(coder.stage_names(), ["segment", "count"]);
        assert!(!coder.emits_events());
        let doc = coder.code(story("Ankara said no. Talks end."));
        assert_eq!(doc.sentences.len(), 2);
        assert_eq!(doc.story.title.as_deref(), Some("7"));
    }
}
