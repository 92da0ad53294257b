//! Scoring segmentation against a treebank: token and sentence-boundary F1.
//!
//! The treebank's sentences are joined back into documents — sentences of a
//! paragraph with a space, paragraphs with a blank line — and segmented afresh.
//! A predicted token or sentence counts as right when its byte span equals a gold
//! one, which on the same text is the CoNLL 2018 shared task's alignment.

use crate::Segmenter;
use dyad_doc::written_tokens;
use std::collections::HashSet;
use std::fmt;

/// One gold sentence: its text and written tokens (multi-word tokens whole).
#[derive(Debug, Clone)]
pub struct GoldSentence {
    /// The sentence text (`# text`).
    pub text: String,
    /// The written tokens in order.
    pub tokens: Vec<String>,
    /// True when the sentence starts a new document.
    pub new_document: bool,
    /// True when the sentence starts a new paragraph.
    pub new_paragraph: bool,
}

/// Precision, recall and F1 of one kind of unit.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Score {
    /// Units both in gold and predicted.
    pub correct: usize,
    /// Gold units.
    pub gold: usize,
    /// Predicted units.
    pub predicted: usize,
}

impl Score {
    /// Share of predicted units that are right.
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }

    /// Share of gold units found.
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn add(&mut self, gold: &[(usize, usize)], predicted: &[(usize, usize)]) {
        let gold_set: HashSet<_> = gold.iter().collect();
        self.correct += predicted.iter().filter(|s| gold_set.contains(s)).count();
        self.gold += gold.len();
        self.predicted += predicted.len();
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "P {:6.2}  R {:6.2}  F1 {:6.2}  ({} gold, {} predicted, {} correct)",
            100.0 * self.precision(),
            100.0 * self.recall(),
            100.0 * self.f1(),
            self.gold,
            self.predicted,
            self.correct
        )
    }
}

/// Token and sentence scores over a treebank.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SegmentationScore {
    /// Written tokens.
    pub tokens: Score,
    /// Sentences.
    pub sentences: Score,
    /// Gold tokens that could not be located in their sentence text (a treebank
    /// inconsistency); they count as missed.
    pub unlocated_tokens: usize,
}

/// A document rebuilt from gold sentences, with its gold sentence spans: what a
/// sentence model trains on.
#[derive(Debug, Clone, Default)]
pub struct GoldText {
    /// The rebuilt text.
    pub text: String,
    /// Byte spans of the gold sentences in it.
    pub sentences: Vec<(usize, usize)>,
}

/// Rebuilds documents from `gold` (see the module documentation).
pub fn gold_texts(gold: impl IntoIterator<Item = GoldSentence>) -> Vec<GoldText> {
    gold_documents(gold)
        .into_iter()
        .map(|d| GoldText {
            text: d.text,
            sentences: d.sentences,
        })
        .collect()
}

fn gold_documents(gold: impl IntoIterator<Item = GoldSentence>) -> Vec<GoldDocument> {
    let mut documents = Vec::new();
    let mut document = GoldDocument::default();
    for sentence in gold {
        if sentence.new_document && !document.sentences.is_empty() {
            documents.push(std::mem::take(&mut document));
        }
        document.push(&sentence);
    }
    if !document.sentences.is_empty() {
        documents.push(document);
    }
    documents
}

/// A document rebuilt from gold sentences, with the gold spans in it.
#[derive(Debug, Default)]
struct GoldDocument {
    text: String,
    sentences: Vec<(usize, usize)>,
    tokens: Vec<(usize, usize)>,
    unlocated: usize,
}

impl GoldDocument {
    fn push(&mut self, sentence: &GoldSentence) {
        if !self.text.is_empty() {
            self.text
                .push_str(if sentence.new_paragraph { "\n\n" } else { " " });
        }
        let base = self.text.len();
        self.text.push_str(&sentence.text);
        self.sentences.push((base, base + sentence.text.len()));
        let mut at = 0;
        for token in &sentence.tokens {
            match sentence.text[at..].find(token.as_str()) {
                Some(found) => {
                    let start = at + found;
                    at = start + token.len();
                    self.tokens.push((base + start, base + at));
                }
                None => self.unlocated += 1,
            }
        }
    }
}

/// Segments the documents rebuilt from `gold` and scores the result.
pub fn evaluate(
    segmenter: &Segmenter,
    gold: impl IntoIterator<Item = GoldSentence>,
) -> SegmentationScore {
    let mut score = SegmentationScore::default();
    for document in gold_documents(gold) {
        score_document(segmenter, &document, &mut score);
    }
    score
}

fn score_document(segmenter: &Segmenter, gold: &GoldDocument, score: &mut SegmentationScore) {
    let (sentences, tokens) = segmenter.segment_text(&gold.text);
    let written: Vec<(usize, usize)> = written_tokens(&tokens)
        .into_iter()
        .map(|group| {
            (
                tokens[group.start].span.start,
                tokens[group.end - 1].span.end,
            )
        })
        .collect();
    let predicted_sentences: Vec<_> = sentences
        .iter()
        .map(|s| (s.span.start, s.span.end))
        .collect();
    score.tokens.add(&gold.tokens, &written);
    score.tokens.gold += gold.unlocated;
    score.sentences.add(&gold.sentences, &predicted_sentences);
    score.unlocated_tokens += gold.unlocated;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gold(text: &str, tokens: &[&str], new_paragraph: bool) -> GoldSentence {
        GoldSentence {
            text: text.into(),
            tokens: tokens.iter().map(|t| t.to_string()).collect(),
            new_document: false,
            new_paragraph,
        }
    }

    #[test]
    fn perfect_segmentation_scores_one() {
        let score = evaluate(
            &Segmenter::new(),
            [
                gold("They don't agree.", &["They", "don't", "agree", "."], true),
                gold("Talks resume.", &["Talks", "resume", "."], false),
            ],
        );
        assert_eq!(score.tokens.f1(), 1.0, "{}", score.tokens);
        assert_eq!(score.sentences.f1(), 1.0, "{}", score.sentences);
    }

    #[test]
    fn a_missed_boundary_costs_sentences_not_tokens() {
        let score = evaluate(
            &Segmenter::new(),
            [
                gold("He said so", &["He", "said", "so"], true),
                gold("and left.", &["and", "left", "."], false),
            ],
        );
        assert_eq!(score.tokens.f1(), 1.0);
        assert_eq!(score.sentences.correct, 0);
        assert_eq!((score.sentences.gold, score.sentences.predicted), (2, 1));
    }
}
