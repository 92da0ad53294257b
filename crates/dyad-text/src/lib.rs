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

pub mod eval;
mod lexicon;
mod normalize;
mod sentences;
mod tokenize;

use dyad_doc::{Document, Sentence, Span, Token};
use lexicon::Lexicon;

pub use normalize::normalize;

/// Splits text into sentences and words. Built once, shared by all threads.
#[derive(Debug, Clone)]
pub struct Segmenter {
    lexicon: Lexicon,
}

impl Default for Segmenter {
    fn default() -> Self {
        Segmenter::new()
    }
}

impl Segmenter {
    /// A segmenter for English news.
    pub fn new() -> Segmenter {
        Segmenter {
            lexicon: Lexicon::english(),
        }
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
        let ranges = sentences::split(text, &words, &self.lexicon);
        let tokens = words
            .iter()
            .map(|w| Token {
                span: Span::new(w.start, w.end),
                norm: normalize(&text[w.start..w.end]),
                fused: w.fused,
            })
            .collect();
        let sentences = ranges
            .into_iter()
            .map(|range| Sentence {
                span: Span::new(words[range.start].start, words[range.end - 1].end),
                tokens: range,
            })
            .collect();
        (sentences, tokens)
    }
}
