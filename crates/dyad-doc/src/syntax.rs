//! What the parse stage adds to each word: tags, lemma, features, head and relation,
//! in Universal Dependencies terms (as in UD English EWT).

use std::fmt;
use std::str::FromStr;

/// A universal part-of-speech tag.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[allow(missing_docs)] // the variants are UD's own tag names
pub enum Upos {
    Adj,
    Adp,
    Adv,
    Aux,
    Cconj,
    Det,
    Intj,
    Noun,
    Num,
    Part,
    Pron,
    Propn,
    Punct,
    Sconj,
    Sym,
    Verb,
    X,
}

impl Upos {
    /// Every tag, in a fixed order (a tag's index is stable across versions).
    pub const ALL: [Upos; 17] = [
        Upos::Adj,
        Upos::Adp,
        Upos::Adv,
        Upos::Aux,
        Upos::Cconj,
        Upos::Det,
        Upos::Intj,
        Upos::Noun,
        Upos::Num,
        Upos::Part,
        Upos::Pron,
        Upos::Propn,
        Upos::Punct,
        Upos::Sconj,
        Upos::Sym,
        Upos::Verb,
        Upos::X,
    ];

    /// The tag as UD writes it (`PROPN`).
    pub fn as_str(self) -> &'static str {
        match self {
            Upos::Adj => "ADJ",
            Upos::Adp => "ADP",
            Upos::Adv => "ADV",
            Upos::Aux => "AUX",
            Upos::Cconj => "CCONJ",
            Upos::Det => "DET",
            Upos::Intj => "INTJ",
            Upos::Noun => "NOUN",
            Upos::Num => "NUM",
            Upos::Part => "PART",
            Upos::Pron => "PRON",
            Upos::Propn => "PROPN",
            Upos::Punct => "PUNCT",
            Upos::Sconj => "SCONJ",
            Upos::Sym => "SYM",
            Upos::Verb => "VERB",
            Upos::X => "X",
        }
    }

    /// True for nouns, proper nouns and pronouns: the words that can name actors.
    pub fn is_nominal(self) -> bool {
        matches!(self, Upos::Noun | Upos::Propn | Upos::Pron)
    }
}

impl fmt::Display for Upos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A string that is not one of UD's 17 universal tags.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown UPOS tag {0:?}: expected one of ADJ, ADP, ADV, AUX, CCONJ, DET, INTJ, NOUN, NUM, PART, PRON, PROPN, PUNCT, SCONJ, SYM, VERB, X")]
pub struct UposError(pub String);

impl FromStr for Upos {
    type Err = UposError;
    fn from_str(s: &str) -> Result<Upos, UposError> {
        Upos::ALL
            .into_iter()
            .find(|tag| tag.as_str() == s)
            .ok_or_else(|| UposError(s.to_owned()))
    }
}

/// Morphological features in UD's `Name=Value|Name=Value` form, names sorted;
/// empty when the word has none.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Feats(String);

impl Feats {
    /// Features from their UD text; `_` and the empty string mean none.
    pub fn new(text: &str) -> Feats {
        if text == "_" {
            Feats::default()
        } else {
            Feats(text.to_owned())
        }
    }

    /// The value of feature `name` (`Tense` → `Past`), if the word has it.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.split('|').find_map(|pair| {
            let (key, value) = pair.split_once('=')?;
            (key == name).then_some(value)
        })
    }

    /// Sets feature `name` to `value`, keeping names sorted.
    pub fn set(&mut self, name: &str, value: &str) {
        let mut pairs: Vec<&str> = self
            .0
            .split('|')
            .filter(|p| !p.is_empty() && p.split_once('=').map(|(k, _)| k) != Some(name))
            .collect();
        let new_pair = format!("{name}={value}");
        pairs.push(&new_pair);
        pairs.sort_by_key(|p| {
            p.split_once('=')
                .map_or(*p, |(k, _)| k)
                .to_ascii_lowercase()
        });
        self.0 = pairs.join("|");
    }

    /// The UD text, empty when there are none.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True when the word has no features.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The parse of one word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WordSyntax {
    /// Universal part of speech.
    pub upos: Upos,
    /// Penn Treebank tag, as EWT has it (`VBD`, `NNP`).
    pub xpos: String,
    /// Dictionary form (`pressed` → `press`, `n't` → `not`).
    pub lemma: String,
    /// Morphological features.
    pub feats: Feats,
    /// The head word, as an index into [`Document::tokens`](crate::Document::tokens);
    /// `None` for the root of the sentence.
    pub head: Option<usize>,
    /// The UD relation to the head (`nsubj`, `obl:agent`, `root`).
    pub deprel: String,
}

impl WordSyntax {
    /// The relation without its subtype (`nsubj:pass` → `nsubj`).
    pub fn base_deprel(&self) -> &str {
        self.deprel.split(':').next().unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upos_round_trips_through_text() {
        for tag in Upos::ALL {
            assert_eq!(tag.as_str().parse::<Upos>(), Ok(tag));
        }
        assert!("NN".parse::<Upos>().is_err());
    }

    #[test]
    fn feats_read_and_set_keep_ud_order() {
        let mut feats = Feats::new("Mood=Ind|Tense=Past|VerbForm=Fin");
        assert_eq!(feats.get("Tense"), Some("Past"));
        assert_eq!(feats.get("Voice"), None);
        feats.set("Voice", "Pass");
        assert_eq!(
            feats.as_str(),
            "Mood=Ind|Tense=Past|VerbForm=Fin|Voice=Pass"
        );
        feats.set("Tense", "Pres");
        assert_eq!(feats.get("Tense"), Some("Pres"));
        assert!(Feats::new("_").is_empty());
    }
}
