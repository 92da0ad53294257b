//! Training a whole [`Analyzer`] from a treebank.
//!
//! The parser and labeler must learn from tags as the tagger will predict them,
//! not gold ones, or they trust tags too much; so their training tags come from
//! jackknifing: each fold of the treebank is tagged by a tagger trained on the
//! other folds.

use crate::labeler::{LabelExample, Labeler};
use crate::lexical::Lexeme;
use crate::morph::Morphology;
use crate::parser::{ParseExample, Parser};
use crate::tagger::{Tag, Tagger};
use crate::treebank::{projectivize, TreeSentence};
use crate::Analyzer;
use rayon::prelude::*;

/// How to train. Training is deterministic for given data and settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrainSettings {
    /// Seed for shuffling and exploration.
    pub seed: u64,
    /// Passes of the tagger over the data.
    pub tagger_epochs: usize,
    /// Passes of the parser.
    pub parser_epochs: usize,
    /// Passes of the labeler.
    pub labeler_epochs: usize,
    /// Folds for jackknifed training tags.
    pub folds: usize,
}

impl Default for TrainSettings {
    fn default() -> Self {
        TrainSettings {
            seed: 1,
            tagger_epochs: 10,
            parser_epochs: 15,
            labeler_epochs: 10,
            folds: 10,
        }
    }
}

impl TrainSettings {
    fn describe(&self) -> String {
        format!(
            "seed={} tagger_epochs={} parser_epochs={} labeler_epochs={} folds={}",
            self.seed, self.tagger_epochs, self.parser_epochs, self.labeler_epochs, self.folds
        )
    }
}

/// A fingerprint of training data: 64-bit FNV-1a over its bytes, in hex.
pub fn fingerprint(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Trains every part on `sentences`. `data` names the training data and its
/// fingerprint for the provenance; `progress` hears what is happening.
pub fn train(
    sentences: &[TreeSentence],
    data: &str,
    settings: TrainSettings,
    progress: &(dyn Fn(&str) + Sync),
) -> Analyzer {
    let all: Vec<&TreeSentence> = sentences.iter().collect();
    progress(&format!(
        "training {} taggers ({} folds and the final one) on {} sentences",
        settings.folds + 1,
        settings.folds,
        all.len()
    ));
    let (tagger, training_tags) = train_taggers(&all, settings);
    progress("taggers done; learning lemmas and features");
    let morphology = Morphology::train(&all);
    let lexemes: Vec<Vec<Lexeme>> = all
        .iter()
        .map(|s| s.words.iter().map(|w| Lexeme::of(&w.form)).collect())
        .collect();
    progress("training the parser and the labeler");
    let (parser, labeler) = rayon::join(
        || {
            let examples = parse_examples(&all, &lexemes, &training_tags);
            Parser::train(&examples, settings.parser_epochs, settings.seed)
        },
        || {
            let examples = label_examples(&all, &lexemes, &training_tags);
            Labeler::train(&examples, settings.labeler_epochs, settings.seed)
        },
    );
    Analyzer {
        provenance: format!(
            "data={data}; {}; format={}",
            settings.describe(),
            crate::FORMAT_VERSION
        ),
        tagger,
        morphology,
        parser,
        labeler,
    }
}

/// The final tagger, and for every sentence the tags a tagger that never saw it
/// predicts, as indexes into the final tagger's tag set.
fn train_taggers(all: &[&TreeSentence], settings: TrainSettings) -> (Tagger, Vec<Vec<u16>>) {
    let folds = settings.folds.max(2);
    let mut jobs: Vec<Option<usize>> = (0..folds).map(Some).collect();
    jobs.push(None);
    let mut taggers: Vec<Tagger> = jobs
        .par_iter()
        .map(|fold| {
            let training: Vec<&TreeSentence> = all
                .iter()
                .enumerate()
                .filter(|(i, _)| fold.is_none_or(|f| i % folds != f))
                .map(|(_, s)| *s)
                .collect();
            Tagger::train(&training, settings.tagger_epochs, settings.seed)
        })
        .collect();
    let final_tagger = taggers.pop().expect("final tagger");
    let tags: Vec<Vec<u16>> = all
        .par_iter()
        .enumerate()
        .map(|(i, sentence)| {
            let fold_tagger = &taggers[i % folds];
            let words: Vec<Lexeme> = sentence.words.iter().map(|w| Lexeme::of(&w.form)).collect();
            fold_tagger
                .tag(&words)
                .into_iter()
                .map(|t| to_final_index(&fold_tagger.tags()[t as usize], final_tagger.tags()))
                .collect()
        })
        .collect();
    (final_tagger, tags)
}

fn to_final_index(tag: &Tag, final_tags: &[Tag]) -> u16 {
    final_tags
        .binary_search(tag)
        .expect("the final tagger has seen every tag") as u16
}

fn parse_examples(
    all: &[&TreeSentence],
    lexemes: &[Vec<Lexeme>],
    tags: &[Vec<u16>],
) -> Vec<ParseExample> {
    all.iter()
        .zip(lexemes.iter().zip(tags))
        .map(|(sentence, (words, tags))| ParseExample {
            words: words.clone(),
            tags: tags.clone(),
            heads: to_transition_heads(&projectivize(&sentence.heads())),
        })
        .collect()
}

fn label_examples(
    all: &[&TreeSentence],
    lexemes: &[Vec<Lexeme>],
    tags: &[Vec<u16>],
) -> Vec<LabelExample> {
    all.iter()
        .zip(lexemes.iter().zip(tags))
        .map(|(sentence, (words, tags))| LabelExample {
            words: words.clone(),
            tags: tags.clone(),
            heads: to_transition_heads(&sentence.heads()),
            labels: sentence.words.iter().map(|w| w.deprel.clone()).collect(),
        })
        .collect()
}

/// UD heads (0 = root, else 1-based) as the transition system numbers them
/// (0-based, root = n).
pub(crate) fn to_transition_heads(heads: &[usize]) -> Vec<u32> {
    let n = heads.len() as u32;
    heads
        .iter()
        .map(|&h| if h == 0 { n } else { h as u32 - 1 })
        .collect()
}
