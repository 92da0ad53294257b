//! Issue tags and discards: phrases of lemmas looked for in a sentence, and
//! story signals: phrases counted over a whole story.

use crate::coder::Tree;
use crate::dict::EventDictionary;
use std::collections::HashSet;

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

/// The discard phrase the sentence contains, if any: the first in the
/// dictionary's order. Each word looks up the phrases that start with its
/// lemma or its (normalised) written form.
pub(crate) fn discard<'a>(tree: &Tree<'_>, dict: &'a EventDictionary) -> Option<&'a [String]> {
    let lemmas = tree.lemmas();
    let phrases = dict.discards();
    let first = (0..lemmas.len())
        .flat_map(|i| {
            let form = tree.doc.tokens[tree.tokens().start + i].norm.as_str();
            let by_form = if form == lemmas[i] {
                &[][..]
            } else {
                dict.discards_starting_with(form)
            };
            dict.discards_starting_with(&lemmas[i])
                .iter()
                .chain(by_form)
                .filter(move |&&d| {
                    let phrase = &phrases[d];
                    i + phrase.len() <= lemmas.len()
                        && phrase
                            .iter()
                            .enumerate()
                            .all(|(k, word)| word_matches(tree, i + k, word))
                })
        })
        .min()?;
    Some(&phrases[*first])
}

/// The first signal set of which the story's sentences hold enough different
/// phrases to discard it: its name and the phrases found.
pub(crate) fn story_signals<'a>(
    trees: &[Tree<'_>],
    dict: &'a EventDictionary,
) -> Option<(&'a str, Vec<String>)> {
    if dict.story_signals().is_empty() {
        return None;
    }
    // One pass over the story's words, so a phrase is searched for only in the
    // sentences that hold its first word.
    let words: HashSet<&str> = trees
        .iter()
        .flat_map(|tree| tree.lemmas())
        .map(String::as_str)
        .collect();
    let in_story = |phrase: &Vec<String>| match phrase.as_slice() {
        [] => false,
        [word] => words.contains(word.as_str()),
        [first, ..] => {
            words.contains(first.as_str()) && trees.iter().any(|tree| contains(tree, phrase))
        }
    };
    dict.story_signals().iter().find_map(|set| {
        let found: Vec<String> = set
            .phrases
            .iter()
            .filter(|phrase| in_story(phrase))
            .take(set.at_least)
            .map(|phrase| phrase.join(" "))
            .collect();
        (found.len() >= set.at_least).then_some((set.name.as_str(), found))
    })
}
