//! Scoring an [`Analyzer`] against a gold treebank, as the CoNLL 2018 shared task
//! does: with the gold words given, and end to end from the raw `# text` through
//! dyad's own splitter and tokenizer, where system and gold words are aligned by
//! their character spans and each score is an F1.
//!
//! LAS compares universal relations (`nsubj:pass` counts as `nsubj`), as the shared
//! task does; the full-label figure is reported beside it.

use crate::treebank::TreeSentence;
use crate::Analyzer;
use dyad_doc::WordSyntax;
use dyad_text::Segmenter;
use std::collections::HashMap;
use std::fmt;

/// Counts of right answers over gold words (gold tokenization).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GoldScores {
    /// Words scored.
    pub words: usize,
    /// Right universal tags.
    pub upos: usize,
    /// Right Penn tags.
    pub xpos: usize,
    /// Right lemmas.
    pub lemma: usize,
    /// Right feature sets.
    pub feats: usize,
    /// Right heads.
    pub uas: usize,
    /// Right heads with the right universal relation.
    pub las: usize,
    /// Right heads with the right relation including its subtype.
    pub las_full: usize,
}

fn pct(n: usize, of: usize) -> f64 {
    if of == 0 {
        0.0
    } else {
        100.0 * n as f64 / of as f64
    }
}

impl GoldScores {
    /// A percentage of the words.
    pub fn percent(&self, n: usize) -> f64 {
        pct(n, self.words)
    }

    fn add(&mut self, gold: &TreeSentence, system: &[WordSyntax]) {
        for (g, s) in gold.words.iter().zip(system) {
            let head = s.head.map_or(0, |h| h + 1);
            self.words += 1;
            self.upos += usize::from(g.upos == s.upos);
            self.xpos += usize::from(g.xpos == s.xpos);
            self.lemma += usize::from(g.lemma == s.lemma);
            self.feats += usize::from(g.feats == s.feats.as_str());
            if g.head == head {
                self.uas += 1;
                self.las += usize::from(universal(&g.deprel) == universal(&s.deprel));
                self.las_full += usize::from(g.deprel == s.deprel);
            }
        }
    }
}

impl fmt::Display for GoldScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = |n| self.percent(n);
        write!(
            f,
            "words {}  UPOS {:.2}  XPOS {:.2}  lemma {:.2}  feats {:.2}  UAS {:.2}  LAS {:.2}  (LAS with subtypes {:.2})",
            self.words,
            p(self.upos),
            p(self.xpos),
            p(self.lemma),
            p(self.feats),
            p(self.uas),
            p(self.las),
            p(self.las_full)
        )
    }
}

fn universal(deprel: &str) -> &str {
    deprel.split(':').next().unwrap_or(deprel)
}

/// Receives each gold sentence with its analysis.
pub type PredictionSink<'a> = &'a mut dyn FnMut(&TreeSentence, &[WordSyntax]);

/// Analyses each gold sentence's words and scores the result; with `gold_tags`
/// the parser gets the gold tags instead of the tagger's. `predictions`, when
/// given, receives each sentence's analysis.
pub fn evaluate_gold(
    analyzer: &Analyzer,
    gold: &[TreeSentence],
    gold_tags: bool,
    mut predictions: Option<PredictionSink<'_>>,
) -> GoldScores {
    let mut scores = GoldScores::default();
    for sentence in gold {
        let forms: Vec<&str> = sentence.words.iter().map(|w| w.form.as_str()).collect();
        let analysis = if gold_tags {
            let tags: Vec<crate::Tag> = sentence
                .words
                .iter()
                .map(|w| crate::Tag {
                    upos: w.upos,
                    xpos: w.xpos.clone(),
                })
                .collect();
            analyzer.analyze_with_tags(&forms, &tags)
        } else {
            analyzer.analyze(&forms)
        };
        scores.add(sentence, &analysis);
        if let Some(write) = predictions.as_mut() {
            write(sentence, &analysis);
        }
    }
    scores
}

/// An F1 count: matches, gold units, system units.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct F1 {
    /// Units right in both.
    pub correct: usize,
    /// Gold units.
    pub gold: usize,
    /// System units.
    pub system: usize,
}

impl F1 {
    /// The harmonic mean of precision and recall, in percent.
    pub fn f1(&self) -> f64 {
        if self.gold + self.system == 0 {
            0.0
        } else {
            200.0 * self.correct as f64 / (self.gold + self.system) as f64
        }
    }
}

/// End-to-end scores from raw text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RawScores {
    /// Sentences (by span).
    pub sentences: F1,
    /// Words (by span).
    pub words: F1,
    /// Aligned words with the right universal tag.
    pub upos: F1,
    /// Aligned words with the right lemma.
    pub lemma: F1,
    /// Aligned words whose head aligns to the gold head.
    pub uas: F1,
    /// … and with the right universal relation.
    pub las: F1,
}

impl fmt::Display for RawScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "sentences {:.2}  words {:.2}  UPOS {:.2}  lemma {:.2}  UAS {:.2}  LAS {:.2}  (F1)",
            self.sentences.f1(),
            self.words.f1(),
            self.upos.f1(),
            self.lemma.f1(),
            self.uas.f1(),
            self.las.f1()
        )
    }
}

/// A gold word placed in a rebuilt document text.
struct GoldWord<'a> {
    span: (usize, usize),
    /// Index of the head word in the document, `None` for a root.
    head: Option<usize>,
    word: &'a crate::treebank::TreeWord,
}

/// Rebuilds each document's text from its sentences (paragraphs apart), runs the
/// splitter, tokenizer and analyzer on it, and scores against the gold words.
pub fn evaluate_raw(
    analyzer: &Analyzer,
    segmenter: &Segmenter,
    gold: &[TreeSentence],
) -> RawScores {
    let mut scores = RawScores::default();
    let mut start = 0;
    while start < gold.len() {
        let end = (start + 1..gold.len())
            .find(|&i| gold[i].new_document)
            .unwrap_or(gold.len());
        score_document(analyzer, segmenter, &gold[start..end], &mut scores);
        start = end;
    }
    scores
}

fn score_document(
    analyzer: &Analyzer,
    segmenter: &Segmenter,
    gold: &[TreeSentence],
    scores: &mut RawScores,
) {
    let (text, gold_sentences, gold_words) = rebuild(gold);
    let (sentences, tokens) = segmenter.segment_text(&text);
    let mut system: Vec<((usize, usize), WordSyntax)> = Vec::with_capacity(tokens.len());
    for sentence in &sentences {
        let words = &tokens[sentence.tokens.clone()];
        let forms: Vec<&str> = words.iter().map(|t| t.span.text(&text)).collect();
        let base = system.len();
        for (token, mut syntax) in words.iter().zip(analyzer.analyze(&forms)) {
            syntax.head = syntax.head.map(|h| h + base);
            system.push(((token.span.start, token.span.end), syntax));
        }
    }
    let system_sentences: Vec<(usize, usize)> = sentences
        .iter()
        .map(|s| (s.span.start, s.span.end))
        .collect();
    scores.sentences.gold += gold_sentences.len();
    scores.sentences.system += system_sentences.len();
    scores.sentences.correct += system_sentences
        .iter()
        .filter(|s| gold_sentences.contains(s))
        .count();
    let gold_at: HashMap<(usize, usize), usize> = gold_words
        .iter()
        .enumerate()
        .map(|(i, w)| (w.span, i))
        .collect();
    let aligned: Vec<Option<usize>> = system
        .iter()
        .map(|(span, _)| gold_at.get(span).copied())
        .collect();
    for counts in [
        &mut scores.words,
        &mut scores.upos,
        &mut scores.lemma,
        &mut scores.uas,
        &mut scores.las,
    ] {
        counts.gold += gold_words.len();
        counts.system += system.len();
    }
    for (s, (_, syntax)) in system.iter().enumerate() {
        let Some(g) = aligned[s] else { continue };
        let gold_word = &gold_words[g];
        scores.words.correct += 1;
        scores.upos.correct += usize::from(gold_word.word.upos == syntax.upos);
        scores.lemma.correct += usize::from(gold_word.word.lemma == syntax.lemma);
        let head_right = match (syntax.head, gold_word.head) {
            (None, None) => true,
            (Some(h), Some(gh)) => aligned[h] == Some(gh),
            _ => false,
        };
        if head_right {
            scores.uas.correct += 1;
            scores.las.correct +=
                usize::from(universal(&gold_word.word.deprel) == universal(&syntax.deprel));
        }
    }
}

/// The document text, gold sentence spans and gold words with spans.
fn rebuild(gold: &[TreeSentence]) -> (String, Vec<(usize, usize)>, Vec<GoldWord<'_>>) {
    let mut text = String::new();
    let mut sentence_spans = Vec::new();
    let mut words = Vec::new();
    for sentence in gold {
        let Some(sentence_text) = &sentence.text else {
            continue;
        };
        if !text.is_empty() {
            text.push_str(if sentence.new_paragraph { "\n\n" } else { " " });
        }
        let base = text.len();
        text.push_str(sentence_text);
        sentence_spans.push((base, text.len()));
        let first_word = words.len();
        let mut at = 0;
        for (&(first, last), form) in sentence.tokens.iter().zip(&sentence.token_forms) {
            let Some(found) = sentence_text[at..].find(form.as_str()) else {
                continue;
            };
            let token_start = at + found;
            at = token_start + form.len();
            let spans = word_spans(token_start, form, &sentence.words[first..=last]);
            for (i, span) in (first..=last).zip(spans) {
                let word = &sentence.words[i];
                words.push(GoldWord {
                    span: (base + span.0, base + span.1),
                    head: (word.head != 0).then(|| first_word + word.head - 1),
                    word,
                });
            }
        }
        if words.len() - first_word != sentence.words.len() {
            // A token that could not be located: drop the sentence's words, which
            // then count as missed rather than misaligned.
            words.truncate(first_word);
        }
    }
    (text, sentence_spans, words)
}

/// Spans of the words of one written token: each word found in turn inside the
/// token ("don't" → "do", "n't"); a word that is not a substring takes the rest.
fn word_spans(
    start: usize,
    token: &str,
    words: &[crate::treebank::TreeWord],
) -> Vec<(usize, usize)> {
    if words.len() == 1 {
        return vec![(start, start + token.len())];
    }
    let mut at = 0;
    let mut spans = Vec::with_capacity(words.len());
    for (i, word) in words.iter().enumerate() {
        let form = word.form.as_str();
        let end = match token.get(at..at + form.len()) {
            _ if i + 1 == words.len() => token.len(),
            Some(piece) if piece.eq_ignore_ascii_case(form) => at + form.len(),
            _ => at,
        };
        spans.push((start + at, start + end));
        at = end;
    }
    spans
}
