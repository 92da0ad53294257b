//! Gold treebanks: UD CoNLL-U read into the sentences the trainers and the
//! evaluation use.

use dyad_doc::Upos;
use dyad_io::conllu::ConlluReader;
use std::io::BufRead;

/// One gold word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeWord {
    /// Word form.
    pub form: String,
    /// Lemma.
    pub lemma: String,
    /// Universal tag.
    pub upos: Upos,
    /// Penn tag.
    pub xpos: String,
    /// Features, empty for none.
    pub feats: String,
    /// Head position from 1; 0 for the root.
    pub head: usize,
    /// Relation to the head.
    pub deprel: String,
}

/// One gold sentence.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TreeSentence {
    /// The words in order.
    pub words: Vec<TreeWord>,
    /// The `# text` comment, when present.
    pub text: Option<String>,
    /// Written tokens as `(first word, last word)` index pairs from 0; several
    /// words for a multi-word token such as "don't".
    pub tokens: Vec<(usize, usize)>,
    /// Written forms of `tokens`.
    pub token_forms: Vec<String>,
    /// Starts a new document.
    pub new_document: bool,
    /// Starts a new paragraph.
    pub new_paragraph: bool,
}

impl TreeSentence {
    /// The gold heads, 0 for the root, one per word.
    pub fn heads(&self) -> Vec<usize> {
        self.words.iter().map(|w| w.head).collect()
    }
}

/// A treebank that could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TreebankError {
    /// Not valid CoNLL-U.
    #[error(transparent)]
    Conllu(#[from] dyad_io::conllu::ConlluError),
    /// A word with an unknown UPOS tag or a missing head.
    #[error("line {line}: {reason}")]
    Word {
        /// Line of the sentence.
        line: usize,
        /// What was wrong.
        reason: String,
    },
}

/// Reads every sentence of a CoNLL-U treebank.
pub fn read_treebank(input: impl BufRead) -> Result<Vec<TreeSentence>, TreebankError> {
    let mut sentences = Vec::new();
    for sentence in ConlluReader::new(input) {
        let sentence = sentence?;
        let bad = |reason: String| TreebankError::Word {
            line: sentence.line,
            reason,
        };
        let mut words = Vec::with_capacity(sentence.words.len());
        for word in &sentence.words {
            let upos = word.upos.parse::<Upos>().map_err(|e| bad(e.to_string()))?;
            let head = word
                .head
                .ok_or_else(|| bad(format!("word {} has no head", word.id)))?;
            if head > sentence.words.len() {
                return Err(bad(format!(
                    "word {} has head {head} outside the sentence",
                    word.id
                )));
            }
            words.push(TreeWord {
                form: word.form.clone(),
                lemma: word.lemma.clone(),
                upos,
                xpos: word.xpos.clone(),
                feats: if word.feats == "_" {
                    String::new()
                } else {
                    word.feats.clone()
                },
                head,
                deprel: word.deprel.clone(),
            });
        }
        let (tokens, token_forms) = written_tokens(&sentence);
        sentences.push(TreeSentence {
            words,
            text: sentence.comment("text").map(str::to_owned),
            tokens,
            token_forms,
            new_document: sentence.starts_document(),
            new_paragraph: sentence.starts_paragraph() || sentence.starts_document(),
        });
    }
    Ok(sentences)
}

fn written_tokens(
    sentence: &dyad_io::conllu::ConlluSentence,
) -> (Vec<(usize, usize)>, Vec<String>) {
    let mut spans = Vec::new();
    let mut forms = Vec::new();
    let mut next = 1;
    for word in &sentence.words {
        if word.id < next {
            continue;
        }
        match sentence.multiword.iter().find(|m| m.first == word.id) {
            Some(m) => {
                spans.push((m.first - 1, m.last - 1));
                forms.push(m.form.clone());
                next = m.last + 1;
            }
            None => {
                spans.push((word.id - 1, word.id - 1));
                forms.push(word.form.clone());
                next = word.id + 1;
            }
        }
    }
    (spans, forms)
}

/// Makes `heads` (0 = root, else 1-based) projective by lifting the shortest
/// crossing arc to its grandparent until none cross — the transition system builds
/// only projective trees, so it trains on the nearest one.
pub fn projectivize(heads: &[usize]) -> Vec<usize> {
    let mut heads = heads.to_vec();
    while let Some(dependent) = shortest_crossing_arc(&heads) {
        let parent = heads[dependent];
        heads[dependent] = heads[parent - 1];
    }
    heads
}

fn shortest_crossing_arc(heads: &[usize]) -> Option<usize> {
    (0..heads.len())
        .filter(|&d| heads[d] != 0 && !is_projective_arc(heads, d))
        .min_by_key(|&d| (heads[d].abs_diff(d + 1), d))
}

/// An arc is projective when its head dominates every word between the two ends.
fn is_projective_arc(heads: &[usize], dependent: usize) -> bool {
    let head = heads[dependent];
    let (lo, hi) = if head < dependent + 1 {
        (head, dependent + 1)
    } else {
        (dependent + 1, head)
    };
    (lo + 1..hi).all(|between| dominates(heads, head, between))
}

fn dominates(heads: &[usize], ancestor: usize, mut word: usize) -> bool {
    for _ in 0..=heads.len() {
        if word == ancestor {
            return true;
        }
        if word == 0 {
            return false;
        }
        word = heads[word - 1];
    }
    false
}

/// Whether the tree `heads` (0 = root, else 1-based) has no crossing arcs.
pub fn is_projective(heads: &[usize]) -> bool {
    (0..heads.len()).all(|d| heads[d] == 0 || is_projective_arc(heads, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifting_removes_a_crossing_arc() {
        // 1 ← 2 (root) ; 3 → 1 crosses 2's arc to 4.
        let heads = [2, 0, 1, 2];
        assert!(!is_projective(&heads));
        let fixed = projectivize(&heads);
        assert!(is_projective(&fixed));
        assert_eq!(fixed, vec![2, 0, 2, 2]);
    }

    #[test]
    fn projective_trees_are_left_alone() {
        let heads = [2, 0, 4, 2, 2];
        assert!(is_projective(&heads));
        assert_eq!(projectivize(&heads), heads.to_vec());
    }
}
