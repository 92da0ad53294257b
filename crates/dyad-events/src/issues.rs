//! Issue tags and discards: phrases of lemmas looked for in a sentence.

use crate::coder::Tree;
use crate::dict::EventDictionary;

/// Whether `tree`'s sentence contains `phrase` as consecutive words, each
/// matching a word's lemma or its written form: a phrase is usually written as
/// it appears ("African Nations Cup", whose "Nations" has the lemma "nation").
fn contains(tree: &Tree<'_>, phrase: &[String]) -> bool {
    let words = tree.lemmas();
    !phrase.is_empty()
        && phrase.len() <= words.len()
        && (0..=words.len() - phrase.len()).any(|start| {
            phrase
                .iter()
                .enumerate()
                .all(|(i, word)| word_matches(tree, start + i, word))
        })
}

/// Whether the `i`th word of the sentence has `word` as its lemma or form.
fn word_matches(tree: &Tree<'_>, i: usize, word: &str) -> bool {
    let token = tree.tokens().start + i;
    tree.lemmas()[i] == word
        || tree
            .doc
            .text(tree.doc.tokens[token].span)
            .eq_ignore_ascii_case(word)
}

/// The issue tags the sentence raises, sorted.
pub(crate) fn tags(tree: &Tree<'_>, dict: &EventDictionary) -> Vec<String> {
    dict.issues()
        .iter()
        .filter(|issue| issue.phrases.iter().any(|p| contains(tree, p)))
        .map(|issue| issue.name.clone())
        .collect()
}

/// The discard phrase the sentence contains, if any.
pub(crate) fn discard<'a>(tree: &Tree<'_>, dict: &'a EventDictionary) -> Option<&'a [String]> {
    dict.discards()
        .iter()
        .find(|d| contains(tree, d))
        .map(Vec::as_slice)
}
