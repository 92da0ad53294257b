//! Issue tags and discards: phrases of lemmas looked for in a sentence.

use crate::coder::Tree;
use crate::dict::EventDictionary;

/// Whether the lemmas of `tree`'s sentence contain `phrase` as consecutive words.
fn contains(tree: &Tree<'_>, phrase: &[String]) -> bool {
    !phrase.is_empty()
        && tree
            .lemmas()
            .windows(phrase.len())
            .any(|window| window == phrase)
}

/// The issue tags the sentence raises, sorted.
pub(crate) fn tags(tree: &Tree<'_>, dict: &EventDictionary) -> Vec<String> {
    dict.issues()
        .iter()
        .filter(|issue| issue.phrases.iter().any(|p| contains(tree, p)))
        .map(|issue| issue.name.clone())
        .collect()
}

/// The discard phrase the sentence contains, if any: the first in the
/// dictionary's order. Each word looks up the phrases that start with it.
pub(crate) fn discard<'a>(tree: &Tree<'_>, dict: &'a EventDictionary) -> Option<&'a [String]> {
    let lemmas = tree.lemmas();
    let phrases = dict.discards();
    let first = (0..lemmas.len())
        .flat_map(|i| {
            dict.discards_starting_with(&lemmas[i])
                .iter()
                .filter(move |&&d| lemmas[i..].starts_with(&phrases[d]))
        })
        .min()?;
    Some(&phrases[*first])
}
