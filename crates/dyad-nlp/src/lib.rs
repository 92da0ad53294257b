//! dyad's second stage: part-of-speech tags, lemmas, morphological features and
//! dependency trees for every sentence, in Universal Dependencies terms.
//!
//! ```text
//! Document { sentences, tokens } ──ParseStage──▶ Document { syntax: one WordSyntax per token }
//! ```
//!
//! Four learned parts make up one [`Analyzer`], trained together by [`train`] on a
//! UD treebank (the shipped model on UD English EWT's training set only):
//! a greedy averaged-perceptron tagger over joint UPOS+XPOS tags; a lemmatizer and
//! feature guesser from the treebank's (form, tag) pairs with suffix rules for
//! unseen words; an arc-hybrid transition parser trained with a dynamic oracle;
//! and a labeler that names each arc once the tree is built. Everything is hashed
//! features and lookups, so a core parses well over a hundred thousand words a second.
//!
//! The model file carries a format version and its provenance: the training
//! data's fingerprint and the settings ([`Analyzer::provenance`]).
#![warn(missing_docs)]

mod codec;
pub mod eval;
mod hash;
mod labeler;
mod lexical;
mod morph;
mod parser;
mod perceptron;
mod stage;
mod tagger;
mod train;
mod transition;
pub mod treebank;

pub use stage::ParseStage;
pub use tagger::Tag;
pub use train::{fingerprint, train, TrainSettings};

use codec::{Decoder, Encoder};
use dyad_doc::{Feats, WordSyntax};
use labeler::Labeler;
use lexical::Lexeme;
use morph::Morphology;
use parser::Parser;
use tagger::Tagger;

/// The model that ships with dyad, trained on UD English EWT train by
/// `dyad parser train` (see docs/parsing.md).
const SHIPPED_MODEL: &[u8] = include_bytes!("../models/en-ewt.dyadnlp");

const MAGIC: &[u8; 8] = b"DYADNLP\0";
/// Version of the model file format; a file of another version is refused.
pub const FORMAT_VERSION: u32 = 2;

/// A model file that cannot be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ModelError {
    /// Not a dyad parser model at all.
    #[error("not a dyad parser model (the file does not start with DYADNLP)")]
    NotAModel,
    /// Written by another version of the format.
    #[error("parser model format version {found}, but this dyad reads version {FORMAT_VERSION}; retrain it with `dyad parser train`")]
    Version {
        /// The file's version.
        found: u32,
    },
    /// Damaged or truncated.
    #[error("parser model is corrupt: {0}")]
    Corrupt(String),
}

/// Tagger, lemmatizer, parser and labeler: immutable once built, shared by threads.
#[derive(Debug, Clone, PartialEq)]
pub struct Analyzer {
    provenance: String,
    tagger: Tagger,
    morphology: Morphology,
    parser: Parser,
    labeler: Labeler,
}

/// Sizes of a model's parts, for reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ModelStats {
    /// Features with weights in the tagger.
    pub tagger_features: usize,
    /// Features with weights in the parser.
    pub parser_features: usize,
    /// Features with weights in the labeler.
    pub labeler_features: usize,
    /// Tags the tagger predicts.
    pub tags: usize,
}

impl Analyzer {
    /// The model that ships with dyad.
    pub fn shipped() -> Result<Analyzer, ModelError> {
        Analyzer::from_bytes(SHIPPED_MODEL)
    }

    /// Reads a model file's bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Analyzer, ModelError> {
        if bytes.len() < MAGIC.len() + 4 || &bytes[..MAGIC.len()] != MAGIC {
            return Err(ModelError::NotAModel);
        }
        let mut input = Decoder::new(&bytes[MAGIC.len()..]);
        let found = input.u32()?;
        if found != FORMAT_VERSION {
            return Err(ModelError::Version { found });
        }
        let analyzer = Analyzer {
            provenance: input.str()?,
            tagger: Tagger::decode(&mut input)?,
            morphology: Morphology::decode(&mut input)?,
            parser: Parser::decode(&mut input)?,
            labeler: Labeler::decode(&mut input)?,
        };
        if !input.is_empty() {
            return Err(ModelError::Corrupt(
                "unexpected bytes after the labeler".into(),
            ));
        }
        Ok(analyzer)
    }

    /// The model file's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Encoder::default();
        out.bytes.extend_from_slice(MAGIC);
        out.u32(FORMAT_VERSION);
        out.str(&self.provenance);
        self.tagger.encode(&mut out);
        self.morphology.encode(&mut out);
        self.parser.encode(&mut out);
        self.labeler.encode(&mut out);
        out.bytes
    }

    /// What the model was trained on and how: data name and fingerprint, settings.
    pub fn provenance(&self) -> &str {
        &self.provenance
    }

    /// Sizes of the model's parts.
    pub fn stats(&self) -> ModelStats {
        ModelStats {
            tagger_features: self.tagger.feature_count(),
            parser_features: self.parser.feature_count(),
            labeler_features: self.labeler.feature_count(),
            tags: self.tagger.tags().len(),
        }
    }

    /// Analyses one sentence given its words. Heads index into `forms`; the root
    /// word's head is `None`.
    pub fn analyze(&self, forms: &[&str]) -> Vec<WordSyntax> {
        let words: Vec<Lexeme> = forms.iter().map(|f| Lexeme::of(f)).collect();
        let tags = self.tagger.tag(&words);
        self.parse_tagged(forms, &words, &tags)
    }

    /// Like [`Analyzer::analyze`] but with the tags given, for measuring how much
    /// tagging errors cost the parser. Tags the model does not know fall back to
    /// the tagger's.
    pub fn analyze_with_tags(&self, forms: &[&str], given: &[Tag]) -> Vec<WordSyntax> {
        let words: Vec<Lexeme> = forms.iter().map(|f| Lexeme::of(f)).collect();
        let predicted = self.tagger.tag(&words);
        let tags: Vec<u16> = given
            .iter()
            .zip(predicted)
            .map(|(tag, fallback)| {
                self.tagger
                    .tags()
                    .binary_search(tag)
                    .map_or(fallback, |i| i as u16)
            })
            .collect();
        self.parse_tagged(forms, &words, &tags)
    }

    /// Parses, labels and completes tagged words.
    fn parse_tagged(&self, forms: &[&str], words: &[Lexeme], tags: &[u16]) -> Vec<WordSyntax> {
        let heads = self.parser.parse(&parser::ParseInput { words, tags });
        let labels = self.labeler.label(words, tags, &heads);
        self.assemble(forms, tags, &heads, labels)
    }

    fn assemble(
        &self,
        forms: &[&str],
        tags: &[u16],
        heads: &[u32],
        labels: Vec<String>,
    ) -> Vec<WordSyntax> {
        let root = forms.len() as u32;
        let mut syntax: Vec<WordSyntax> = forms
            .iter()
            .zip(tags)
            .zip(heads.iter().zip(labels))
            .map(|((form, &tag), (&head, deprel))| {
                let tag = &self.tagger.tags()[tag as usize];
                let (lemma, feats) = self.morphology.analyze(form, &tag.xpos);
                WordSyntax {
                    upos: tag.upos,
                    xpos: tag.xpos.clone(),
                    lemma,
                    feats: Feats::new(feats),
                    head: (head != root).then_some(head as usize),
                    deprel,
                }
            })
            .collect();
        mark_passive_voice(&mut syntax);
        syntax
    }

    /// Analyses every sentence of `doc`, filling [`dyad_doc::Document::syntax`].
    pub fn analyze_document(&self, doc: &mut dyad_doc::Document) {
        let mut syntax = Vec::with_capacity(doc.tokens.len());
        for sentence in &doc.sentences {
            let forms: Vec<&str> = doc.tokens[sentence.tokens.clone()]
                .iter()
                .map(|t| t.span.text(&doc.story.text))
                .collect();
            let offset = sentence.tokens.start;
            syntax.extend(self.analyze(&forms).into_iter().map(|mut word| {
                word.head = word.head.map(|h| h + offset);
                word
            }));
        }
        doc.syntax = syntax;
    }
}

fn mark_passive_voice(syntax: &mut [WordSyntax]) {
    let mut has_passive_dependent = vec![false; syntax.len()];
    for word in syntax.iter() {
        if let Some(head) = word.head.filter(|_| morph::marks_passive(&word.deprel)) {
            has_passive_dependent[head] = true;
        }
    }
    for (word, has_passive) in syntax.iter_mut().zip(has_passive_dependent) {
        if morph::voice_is_passive(&word.xpos, &word.deprel, has_passive) {
            word.feats.set("Voice", "Pass");
        }
    }
}
