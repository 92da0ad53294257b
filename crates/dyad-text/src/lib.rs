//! Segmentation, the pipeline's first stage: a story's text becomes sentences and
//! words, each with byte spans into the original text and a normalised form for
//! matching.
//!
//! Words follow UD English EWT's conventions (the parser is trained on EWT):
//! contractions and possessives are separate words written fused ("do" + "n't"),
//! hyphenated compounds are split except after prefixes ("search - engine", but
//! "e-mail", "anti-war"), abbreviations and initials keep their full stop.
//!
//! Sentences end at `.`, `!`, `?` and ellipses (with the quotes and brackets that
//! close them), after an abbreviation when a typical sentence opener follows, and
//! always at a blank line — so headlines and datelines on their own line stand alone.
#![warn(missing_docs)]

mod boundary;
pub mod eval;
mod lexicon;
mod normalize;
mod sentences;
mod tokenize;

use boundary::{BoundaryModel, TrainingDoc};
use dyad_doc::{Document, Sentence, Span, Token};
use lexicon::Lexicon;
use std::collections::{HashMap, HashSet};

pub use lexicon::is_person_title;
pub use normalize::normalize;

/// The sentence model trained on UD English EWT train by `dyad train sentences`.
const SHIPPED_SENTENCE_MODEL: &[u8] = include_bytes!("../models/sentence-boundary.bin");

/// Splits text into sentences and words. Built once, shared by all threads.
#[derive(Debug, Clone)]
pub struct Segmenter {
    lexicon: Lexicon,
    boundary: Option<BoundaryModel>,
}

impl Default for Segmenter {
    fn default() -> Self {
        Segmenter::new()
    }
}

impl Segmenter {
    /// A segmenter for English news: the rules, reviewed by the shipped sentence
    /// model.
    pub fn new() -> Segmenter {
        let model = BoundaryModel::from_bytes(SHIPPED_SENTENCE_MODEL)
            .expect("the shipped sentence model loads; a test guards it");
        Segmenter {
            boundary: Some(model),
            ..Segmenter::rules_only()
        }
    }

    /// A segmenter that uses the rules alone.
    pub fn rules_only() -> Segmenter {
        Segmenter {
            lexicon: Lexicon::english(),
            boundary: None,
        }
    }

    /// A segmenter whose sentence boundaries are reviewed by a trained model, as
    /// written by [`Segmenter::train_sentence_model`].
    pub fn with_sentence_model(model: &[u8]) -> Result<Segmenter, String> {
        Ok(Segmenter {
            boundary: Some(BoundaryModel::from_bytes(model)?),
            ..Segmenter::rules_only()
        })
    }

    /// What the sentence model was trained on, if there is one.
    pub fn sentence_model_provenance(&self) -> Option<&str> {
        self.boundary.as_ref().map(BoundaryModel::provenance)
    }

    /// Trains a sentence-boundary model over this segmenter's rules on texts with
    /// their gold sentence spans (byte ranges); returns the model file's bytes, with
    /// `data` (the training set's name), a fingerprint of the documents and the
    /// settings recorded in it. Gold
    /// sentences that end inside a word are skipped.
    pub fn train_sentence_model(&self, docs: &[eval::GoldText], data: &str) -> Vec<u8> {
        let prepared: Vec<_> = docs
            .iter()
            .map(|doc| {
                let (text, gold) = (doc.text.as_str(), &doc.sentences);
                let words = tokenize::tokenize(text, &self.lexicon);
                let rules = sentences::rule_decisions(text, &words, &self.lexicon);
                let ending_at: HashMap<usize, usize> =
                    words.iter().enumerate().map(|(i, w)| (w.end, i)).collect();
                let ends: HashSet<usize> = gold
                    .iter()
                    .filter_map(|(_, end)| ending_at.get(end).copied())
                    .collect();
                (text, words, rules, ends)
            })
            .collect();
        let training: Vec<TrainingDoc> = prepared
            .iter()
            .map(|(text, words, rules, gold)| TrainingDoc {
                text,
                words,
                rules,
                gold,
            })
            .collect();
        let mut model = boundary::train(&training);
        let fingerprint = boundary::fingerprint(&training);
        model.set_provenance(format!(
            "trained on {data} ({} documents, fingerprint {fingerprint:016x}); {}",
            training.len(),
            boundary::settings()
        ));
        model.to_bytes()
    }

    /// Adds sentences and tokens to `doc`, replacing any it had.
    pub fn segment(&self, doc: &mut Document) {
        let (sentences, tokens) = self.segment_text(&doc.story.text);
        doc.sentences = sentences;
        doc.tokens = tokens;
    }

    /// Sentences and tokens of `text`; spans are byte offsets into it.
    pub fn segment_text(&self, text: &str) -> (Vec<Sentence>, Vec<Token>) {
        let words = tokenize::tokenize(text, &self.lexicon);
        let ranges = sentences::split(text, &words, &self.lexicon, self.boundary.as_ref());
        let tokens = tokens_of(text, &words);
        let sentences = ranges
            .into_iter()
            .map(|range| Sentence {
                span: Span::new(words[range.start].start, words[range.end - 1].end),
                tokens: range,
            })
            .collect();
        (sentences, tokens)
    }

    /// The tokens of `text`, as [`Segmenter::segment_text`] gives them, without
    /// finding sentences: words never depend on sentence boundaries, and the
    /// dictionaries tokenize their hundreds of thousands of names this way at load.
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        tokens_of(text, &tokenize::tokenize(text, &self.lexicon))
    }
}

fn tokens_of(text: &str, words: &[tokenize::Word]) -> Vec<Token> {
    words
        .iter()
        .map(|w| Token {
            span: Span::new(w.start, w.end),
            norm: normalize(&text[w.start..w.end]),
            fused: w.fused,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_sentence_model_loads_and_records_its_data() {
        let segmenter = Segmenter::new();
        let provenance = segmenter.sentence_model_provenance().unwrap();
        assert!(provenance.contains("en_ewt-ud-train"), "{provenance}");
        assert_eq!(Segmenter::rules_only().sentence_model_provenance(), None);
    }

    #[test]
    fn a_damaged_model_is_refused_with_a_reason() {
        let error = Segmenter::with_sentence_model(b"DYADSB\x02\0\0\0").unwrap_err();
        assert!(
            error.contains("version") || error.contains("magic"),
            "{error}"
        );
        let truncated = &SHIPPED_SENTENCE_MODEL[..SHIPPED_SENTENCE_MODEL.len() - 2];
        assert!(Segmenter::with_sentence_model(truncated).is_err());
    }
}
