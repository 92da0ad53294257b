//! Sentence boundaries between words.

use crate::boundary::{BoundaryModel, WordFacts};
use crate::lexicon::Lexicon;
use crate::tokenize::Word;
use std::ops::Range;

/// Longest sentence handed on, in words. Text without punctuation (lists, tables,
/// scraped navigation) would otherwise become one sentence of unbounded length.
pub(crate) const MAX_SENTENCE_WORDS: usize = 300;

/// Groups `words` into sentences, as ranges of word indexes. A boundary model, when
/// given, reviews each of the rules' decisions.
pub(crate) fn split(
    text: &str,
    words: &[Word],
    lexicon: &Lexicon,
    model: Option<&BoundaryModel>,
) -> Vec<Range<usize>> {
    let facts = model.map(|_| WordFacts::new(text, words));
    let decide = |i: usize| {
        let rule = ends_sentence(text, words, i, lexicon);
        model.zip(facts.as_ref()).map_or(rule, |(m, facts)| {
            m.is_boundary(text, words, facts, i, rule)
        })
    };
    let mut sentences = Vec::new();
    let mut start = 0;
    for i in 0..words.len() {
        let next = words.get(i + 1);
        let ends = match next {
            None => true,
            Some(next) => !next.fused && (i + 1 - start >= MAX_SENTENCE_WORDS || decide(i)),
        };
        if ends {
            sentences.push(start..i + 1);
            start = i + 1;
        }
    }
    sentences
}

/// The rules' decision after each word but the last, as a boundary model is
/// trained on.
pub(crate) fn rule_decisions(text: &str, words: &[Word], lexicon: &Lexicon) -> Vec<bool> {
    (0..words.len().saturating_sub(1))
        .map(|i| ends_sentence(text, words, i, lexicon))
        .collect()
}

/// Whether a sentence ends after word `i` (which has a successor).
fn ends_sentence(text: &str, words: &[Word], i: usize, lexicon: &Lexicon) -> bool {
    let form = |k: usize| &text[words[k].start..words[k].end];
    let next = words[i + 1];
    let gap = &text[words[i].end..next.start];
    if is_paragraph_break(gap) {
        return true;
    }
    if is_closer(form(i + 1)) && gap.is_empty() {
        return false;
    }
    // Look back over closing quotes and brackets to the word they close.
    let mut k = i;
    while k > 0 && is_closer(form(k)) && words[k].start == words[k - 1].end {
        k -= 1;
    }
    let last = form(k);
    let next_form = form(i + 1);
    let next_first = next_form.chars().next().unwrap_or(' ');
    if is_dash(last) && ends_dateline(text, words, sentence_start(text, words, i), i) {
        return true;
    }
    if is_terminal(last) {
        let ellipsis = last.starts_with("..") || last == "…";
        let quoted = k < i;
        let continues = (ellipsis || quoted) && next_first.is_lowercase();
        return !continues && !is_continuation(next_form) && starts_like_a_sentence(next_form);
    }
    if last.len() > 1 && last.ends_with('.') && k == i {
        let bare = &last[..last.len() - 1];
        return !lexicon.is_title(bare)
            && next_first.is_uppercase()
            && lexicon.is_starter(&next_form.to_lowercase());
    }
    false
}

/// Index of the first word of the sentence containing word `i`, looking back only
/// to the last paragraph break or terminal punctuation (enough for datelines, which
/// open a story).
fn sentence_start(text: &str, words: &[Word], i: usize) -> usize {
    (1..=i)
        .rev()
        .take(12)
        .find(|&k| {
            let gap = &text[words[k - 1].end..words[k].start];
            is_paragraph_break(gap) || is_terminal(&text[words[k - 1].start..words[k - 1].end])
        })
        .unwrap_or(if i < 12 { 0 } else { i })
}

/// Words `from..i` are a dateline ending in a dash: "BRUSSELS (AP) —",
/// "WASHINGTON (CNN) --", "NEW DELHI -", "HATOULA, La. --". UD English treats the
/// dateline as a sentence of its own.
fn ends_dateline(text: &str, words: &[Word], from: usize, i: usize) -> bool {
    let forms: Vec<&str> = words[from..i]
        .iter()
        .map(|w| &text[w.start..w.end])
        .collect();
    let place_words = forms
        .iter()
        .take_while(|f| is_capitals(f) || **f == ",")
        .count();
    let rest = &forms[place_words..];
    let agency = match rest {
        [] => true,
        ["(", agency, ")"] => agency.chars().any(char::is_alphabetic),
        [state] | [state, "(", _, ")"] => state.ends_with('.'),
        _ => false,
    };
    place_words > 0 && is_capitals(forms[0]) && agency
}

fn is_capitals(form: &str) -> bool {
    form.chars().any(char::is_alphabetic)
        && form
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, '.' | '\'' | '-'))
}

fn is_dash(form: &str) -> bool {
    matches!(form, "-" | "--" | "—" | "–")
}

/// Words and openers start sentences; other punctuation (a stray "?" or "*" after a
/// full stop) belongs to the sentence before.
fn starts_like_a_sentence(form: &str) -> bool {
    form.chars().next().is_some_and(|c| {
        c.is_alphanumeric()
            || matches!(
                c,
                '"' | '\'' | '“' | '‘' | '(' | '[' | '«' | '<' | '$' | '#' | '@'
            )
    })
}

pub(crate) fn is_paragraph_break(gap: &str) -> bool {
    gap.bytes().filter(|&b| b == b'\n').count() >= 2
}

pub(crate) fn is_terminal(form: &str) -> bool {
    form == "…" || (!form.is_empty() && form.chars().all(|c| matches!(c, '.' | '!' | '?')))
}

fn is_closer(form: &str) -> bool {
    matches!(form, "\"" | "'" | "”" | "’" | ")" | "]" | "}" | "''" | "»")
}

/// Punctuation that carries on the sentence it follows (", he said" after "?").
fn is_continuation(form: &str) -> bool {
    matches!(
        form,
        "," | ";" | ":" | ")" | "]" | "}" | "-" | "--" | "—" | "–"
    )
}

#[cfg(test)]
mod tests {
    use crate::Segmenter;

    fn sentences(text: &str) -> Vec<String> {
        let (sentences, _) = Segmenter::new().segment_text(text);
        sentences
            .iter()
            .map(|s| text[s.span.range()].to_owned())
            .collect()
    }

    #[test]
    fn splits_at_full_stops_but_not_after_abbreviations() {
        assert_eq!(
            sentences("Gen. Smith met Mr. Lee in the U.S. capital. They talked. It rained!"),
            [
                "Gen. Smith met Mr. Lee in the U.S. capital.",
                "They talked.",
                "It rained!"
            ]
        );
        assert_eq!(
            sentences("He moved to the U.S. The talks failed."),
            ["He moved to the U.S.", "The talks failed."]
        );
        assert_eq!(
            sentences("Antony J. Blinken arrived at 3 p.m. on Monday."),
            ["Antony J. Blinken arrived at 3 p.m. on Monday."]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            sentences("\"We will act.\" The minister left. \"Why?\" he asked."),
            [
                "\"We will act.\"",
                "The minister left.",
                "\"Why?\" he asked."
            ]
        );
    }

    #[test]
    fn blank_lines_end_headlines_and_datelines_stand_alone() {
        assert_eq!(
            sentences("Ministers meet in Brussels\n\nBRUSSELS (AP) — Ministers met on Monday.\nThey agreed."),
            [
                "Ministers meet in Brussels",
                "BRUSSELS (AP) —",
                "Ministers met on Monday.",
                "They agreed."
            ]
        );
    }

    #[test]
    fn datelines_with_state_or_agency() {
        assert_eq!(
            sentences("NEW DELHI - India agreed. HATOULA, La. -- Police left."),
            [
                "NEW DELHI -",
                "India agreed.",
                "HATOULA, La. --",
                "Police left."
            ]
        );
        assert_eq!(
            sentences("The UN - and NATO - agreed."),
            ["The UN - and NATO - agreed."]
        );
    }

    #[test]
    fn ellipsis_before_lower_case_continues() {
        assert_eq!(
            sentences("He paused... and left. Then... Nothing."),
            ["He paused... and left.", "Then...", "Nothing."]
        );
    }

    #[test]
    fn very_long_runs_are_cut() {
        let text = "word ".repeat(super::MAX_SENTENCE_WORDS * 2 + 5);
        let lengths: Vec<usize> = Segmenter::new()
            .segment_text(&text)
            .0
            .iter()
            .map(|s| s.tokens.len())
            .collect();
        assert_eq!(lengths, [300, 300, 5]);
    }
}
