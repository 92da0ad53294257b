//! The parse stage of the pipeline.

use crate::{Analyzer, ModelError};
use dyad_doc::Document;
use dyad_engine::Stage;

/// Tags, lemmatizes and parses every sentence of a document.
pub struct ParseStage {
    analyzer: Analyzer,
}

impl ParseStage {
    /// A stage over `analyzer`.
    pub fn new(analyzer: Analyzer) -> ParseStage {
        ParseStage { analyzer }
    }

    /// A stage over the shipped model.
    pub fn shipped() -> Result<ParseStage, ModelError> {
        Analyzer::shipped().map(ParseStage::new)
    }

    /// The model.
    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }
}

impl Stage for ParseStage {
    fn name(&self) -> &'static str {
        "parse"
    }

    fn process(&self, doc: &mut Document) {
        self.analyzer.analyze_document(doc);
    }
}
