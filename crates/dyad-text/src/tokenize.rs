//! Words in UD English EWT's conventions, with byte spans into the text.

use crate::lexicon::Lexicon;

/// A word found by the tokenizer: its byte range and whether it is written fused
/// to the word before it (as "n't" in "don't").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Word {
    pub start: usize,
    pub end: usize,
    pub fused: bool,
}

/// Splits `text` into words. Whitespace separates chunks; each chunk is cut into
/// words, punctuation and contractions.
pub(crate) fn tokenize(text: &str, lexicon: &Lexicon) -> Vec<Word> {
    let mut words = Vec::with_capacity(text.len() / 5);
    let mut chars = Vec::new();
    let mut chunk_start = None;
    for (at, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c.is_whitespace(), chunk_start) {
            (true, Some(start)) => {
                chars.clear();
                chars.extend(text[start..at].char_indices().map(|(i, c)| (start + i, c)));
                Chunk::new(text, &chars, at, lexicon).split(&mut words);
                chunk_start = None;
            }
            (false, None) => chunk_start = Some(at),
            _ => {}
        }
    }
    words
}

/// One whitespace-free stretch of text, as characters with their byte offsets.
struct Chunk<'a> {
    text: &'a str,
    chars: &'a [(usize, char)],
    end: usize,
    lexicon: &'a Lexicon,
}

impl<'a> Chunk<'a> {
    /// `chars` are the chunk's characters with their byte offsets in `text`;
    /// the caller reuses one buffer for all chunks.
    fn new(text: &'a str, chars: &'a [(usize, char)], end: usize, lexicon: &'a Lexicon) -> Self {
        Chunk {
            text,
            chars,
            end,
            lexicon,
        }
    }

    fn offset(&self, index: usize) -> usize {
        self.chars.get(index).map_or(self.end, |&(at, _)| at)
    }

    fn char_at(&self, index: usize) -> Option<char> {
        self.chars.get(index).map(|&(_, c)| c)
    }

    fn split(&self, out: &mut Vec<Word>) {
        if let Some((from, to)) = self.link_core() {
            self.split_range(0, from, out);
            push(out, self.offset(from), self.offset(to), false);
            self.split_range(to, self.chars.len(), out);
        } else {
            self.split_range(0, self.chars.len(), out);
        }
    }

    /// A URL or e-mail address inside the chunk, as char indexes, with the
    /// punctuation around it left out.
    fn link_core(&self) -> Option<(usize, usize)> {
        let from = (0..self.chars.len()).find(|&i| !is_opener(self.chars[i].1))?;
        let mut to = self.chars.len();
        while to > from + 1 && is_link_trailer(self.chars[to - 1].1) {
            to -= 1;
        }
        let core = &self.text[self.offset(from)..self.offset(to)];
        is_link(core).then_some((from, to))
    }

    fn split_range(&self, mut i: usize, end: usize, out: &mut Vec<Word>) {
        while i < end {
            let c = self.chars[i].1;
            i = if is_word_char(c) {
                self.word(i, end, out)
            } else if let Some(stop) = is_apostrophe(c)
                .then(|| self.clitic_after(i, end))
                .flatten()
            {
                push(out, self.offset(i), self.offset(stop), false);
                stop
            } else {
                let stop = self.punctuation_run(i, end);
                push(out, self.offset(i), self.offset(stop), false);
                stop
            };
        }
    }

    /// At an apostrophe that starts a chunk-level clitic or year ("'s", "'ll", "'72"),
    /// the index after it.
    fn clitic_after(&self, i: usize, end: usize) -> Option<usize> {
        let stop = (i + 1..end)
            .find(|&j| !self.chars[j].1.is_alphanumeric())
            .unwrap_or(end);
        let body = &self.text[self.offset(i + 1)..self.offset(stop)];
        let clitic = matches!(
            body.to_ascii_lowercase().as_str(),
            "s" | "re" | "ve" | "ll" | "d" | "m" | "em"
        );
        let year = body.len() == 2 && body.bytes().all(|b| b.is_ascii_digit());
        (clitic || year).then_some(stop)
    }

    /// Repeated punctuation ("...", "--", "!!!", "``") is one token; other
    /// punctuation is one character each.
    fn punctuation_run(&self, i: usize, end: usize) -> usize {
        let c = self.chars[i].1;
        let mut j = i + 1;
        if matches!(
            c,
            '.' | '-' | '!' | '?' | '*' | '=' | '_' | '~' | '`' | '\'' | '#' | '+'
        ) {
            while j < end && self.chars[j].1 == c {
                j += 1;
            }
        }
        if matches!(c, '!' | '?') {
            while j < end && matches!(self.chars[j].1, '!' | '?') {
                j += 1;
            }
        }
        j
    }

    /// Reads one word starting at `i`, emits it (split into its parts) and returns
    /// the index after it.
    fn word(&self, i: usize, end: usize, out: &mut Vec<Word>) -> usize {
        let mut j = i + 1;
        while j < end {
            let c = self.chars[j].1;
            if is_word_char(c) {
                j += 1;
            } else if j + 1 < end && is_word_char(self.chars[j + 1].1) && self.joins(i, j) {
                j += 2;
            } else {
                break;
            }
        }
        if self.char_at(j) == Some('.') && j < end && self.keeps_full_stop(i, j, end) {
            j += 1;
        }
        self.emit_word(i, j, out);
        if j < end && is_apostrophe(self.chars[j].1) && self.is_plural_possessive(i, j, end) {
            push(out, self.offset(j), self.offset(j + 1), true);
            j += 1;
        }
        j
    }

    /// Whether the joiner at `j` stays inside the word that began at `i`.
    fn joins(&self, i: usize, j: usize) -> bool {
        let before = self.chars[j - 1].1;
        let after = self.chars[j + 1].1;
        let both_digits = before.is_ascii_digit() && after.is_ascii_digit();
        match self.chars[j].1 {
            '.' => true,
            ',' | ':' | '/' => both_digits,
            '\'' | '’' | '`' => before.is_alphabetic() && after.is_alphabetic(),
            '&' => before.is_uppercase() && after.is_uppercase(),
            '_' => true,
            '-' | '‐' => both_digits || self.hyphen_prefix(i, j),
            _ => false,
        }
    }

    /// The part before a hyphen is a prefix kept attached (`e-mail`, `non-state`).
    fn hyphen_prefix(&self, i: usize, j: usize) -> bool {
        let part_start = (i..j)
            .rev()
            .find(|&k| !is_word_char(self.chars[k].1))
            .map_or(i, |k| k + 1);
        let part = &self.text[self.offset(part_start)..self.offset(j)];
        part.len() <= 7 && self.lexicon.is_prefix(&part.to_lowercase())
    }

    /// A full stop right after the word `i..j` belongs to it: abbreviations,
    /// initials and dotted acronyms ("Gen.", "J.", "U.S.").
    fn keeps_full_stop(&self, i: usize, j: usize, end: usize) -> bool {
        if self.char_at(j + 1) == Some('.') {
            return false;
        }
        let word = &self.text[self.offset(i)..self.offset(j)];
        let dotted = word.contains('.') && word.chars().any(char::is_alphabetic);
        let initial = j == i + 1 && self.chars[i].1.is_uppercase();
        if word == "No" || word == "no" {
            return self.next_nonspace_is_digit(j + 1, end);
        }
        dotted || initial || self.lexicon.takes_full_stop(word)
    }

    fn next_nonspace_is_digit(&self, index: usize, end: usize) -> bool {
        if index < end {
            return false;
        }
        self.text[self.end..]
            .chars()
            .find(|c| !c.is_whitespace())
            .is_some_and(|c| c.is_ascii_digit())
    }

    /// "Tigers'" ends in a possessive apostrophe: written fused, a word of its own.
    fn is_plural_possessive(&self, i: usize, j: usize, end: usize) -> bool {
        let ends_in_s = matches!(self.chars[j - 1].1, 's' | 'S');
        let alone = j + 1 == end || !is_word_char(self.chars[j + 1].1);
        ends_in_s && alone && j > i + 1
    }

    /// Emits the word `i..j`, split where UD writes a contraction as two words.
    fn emit_word(&self, i: usize, j: usize, out: &mut Vec<Word>) {
        let start = self.offset(i);
        let end = self.offset(j);
        match contraction_split(&self.text[start..end]) {
            Some(cut) => {
                push(out, start, start + cut, false);
                push(out, start + cut, end, true);
            }
            None => push(out, start, end, false),
        }
    }
}

fn push(out: &mut Vec<Word>, start: usize, end: usize, fused: bool) {
    if start < end {
        out.push(Word { start, end, fused });
    }
}

/// Byte offset where a contraction's second word begins: "do|n't", "ca|n't",
/// "it|'s", "can|not", "gon|na", "do|nt".
fn contraction_split(word: &str) -> Option<usize> {
    if !may_be_contraction(word) {
        return None;
    }
    let lower: String = word
        .chars()
        .map(|c| {
            if is_apostrophe(c) {
                '\''
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    let cut_in_chars = if lower.ends_with("n't") {
        lower.chars().count() - 3
    } else if let Some(suffix) = ["'s", "'m", "'d", "'re", "'ve", "'ll"]
        .iter()
        .find(|s| lower.ends_with(*s))
    {
        lower.chars().count() - suffix.len()
    } else {
        match lower.as_str() {
            "cannot" | "gonna" | "wanna" | "gotta" => 3,
            _ => nt_without_apostrophe(&lower)?,
        }
    };
    (cut_in_chars > 0).then(|| word.char_indices().nth(cut_in_chars).map(|(at, _)| at))?
}

/// Whether [`contraction_split`] could split `word`, checked without copying it:
/// without an apostrophe, only "cannot", "gonna", "wanna", "gotta" and words
/// ending in "nt" can be contractions. Most words are none of these.
fn may_be_contraction(word: &str) -> bool {
    let bytes = word.as_bytes();
    word.chars().any(is_apostrophe)
        || (bytes.len() >= 2 && bytes[bytes.len() - 2..].eq_ignore_ascii_case(b"nt"))
        || ["cannot", "gonna", "wanna", "gotta"]
            .iter()
            .any(|w| word.eq_ignore_ascii_case(w))
}

/// "dont", "didnt", "isnt": EWT splits these as "do" + "nt".
fn nt_without_apostrophe(lower: &str) -> Option<usize> {
    const STEMS: &[&str] = &[
        "do", "does", "did", "is", "was", "are", "were", "has", "have", "had", "could", "would",
        "should", "must", "need", "ai", "wo",
    ];
    let stem = lower.strip_suffix("nt")?;
    STEMS.contains(&stem).then_some(stem.len())
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '(' | '[' | '{' | '<' | '«')
}

fn is_link_trailer(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '>' | '"' | '\'' | '”' | '’' | '»'
    )
}

/// A web address or e-mail address, which stays one token.
fn is_link(core: &str) -> bool {
    let lower = core.to_ascii_lowercase();
    let web = ["http://", "https://", "ftp://", "www.", "mailto:"]
        .iter()
        .any(|p| lower.starts_with(p) && lower.len() > p.len());
    let email = match core.split_once('@') {
        Some((user, host)) => {
            !user.is_empty()
                && host.contains('.')
                && !host.ends_with('.')
                && user
                    .chars()
                    .chain(host.chars())
                    .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '+' | '%'))
        }
        None => false,
    };
    web || email
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(text: &str) -> Vec<String> {
        tokenize(text, &Lexicon::english())
            .iter()
            .map(|w| {
                let form = &text[w.start..w.end];
                if w.fused {
                    format!("+{form}")
                } else {
                    form.to_owned()
                }
            })
            .collect()
    }

    #[test]
    fn abbreviations_and_initials_keep_their_full_stop() {
        assert_eq!(
            forms("Gen. Smith met Antony J. Blinken in the U.S. on Jan. 5."),
            [
                "Gen.", "Smith", "met", "Antony", "J.", "Blinken", "in", "the", "U.S.", "on",
                "Jan.", "5", "."
            ]
        );
        assert_eq!(forms("Mr. Tanaka"), ["Mr.", "Tanaka"]);
        assert_eq!(forms("the end."), ["the", "end", "."]);
        assert_eq!(forms("No. 10 and no."), ["No.", "10", "and", "no", "."]);
    }

    #[test]
    fn numbers_stay_whole() {
        assert_eq!(forms("1,000.5 people"), ["1,000.5", "people"]);
        assert_eq!(forms("up 3.5%"), ["up", "3.5", "%"]);
        assert_eq!(forms("$1.2871 at 5:00"), ["$", "1.2871", "at", "5:00"]);
        assert_eq!(
            forms("on 9/11, 2001-2005"),
            ["on", "9/11", ",", "2001-2005"]
        );
    }

    #[test]
    fn hyphens_split_except_after_prefixes() {
        assert_eq!(forms("search-engine"), ["search", "-", "engine"]);
        assert_eq!(forms("e-mail"), ["e-mail"]);
        assert_eq!(forms("anti-war pro-Kremlin"), ["anti-war", "pro-Kremlin"]);
        assert_eq!(forms("U.S.-led"), ["U.S.", "-", "led"]);
        assert_eq!(forms("well-known"), ["well", "-", "known"]);
    }

    #[test]
    fn contractions_and_possessives_are_fused_words() {
        assert_eq!(forms("don't"), ["do", "+n't"]);
        assert_eq!(forms("can't won't"), ["ca", "+n't", "wo", "+n't"]);
        assert_eq!(forms("Turkey's"), ["Turkey", "+'s"]);
        assert_eq!(forms("Turkey’s"), ["Turkey", "+’s"]);
        assert_eq!(forms("didn’t"), ["did", "+n’t"]);
        assert_eq!(
            forms("I'm they're we've"),
            ["I", "+'m", "they", "+'re", "we", "+'ve"]
        );
        assert_eq!(
            forms("cannot gonna dont"),
            ["can", "+not", "gon", "+na", "do", "+nt"]
        );
        assert_eq!(
            forms("the ministers' talks"),
            ["the", "ministers", "+'", "talks"]
        );
        assert_eq!(forms("O'Connell"), ["O'Connell"]);
    }

    #[test]
    fn quotes_brackets_and_dashes() {
        assert_eq!(
            forms("\"We will act,\" he said (in Brussels)."),
            ["\"", "We", "will", "act", ",", "\"", "he", "said", "(", "in", "Brussels", ")", "."]
        );
        assert_eq!(forms("“Yes” — no"), ["“", "Yes", "”", "—", "no"]);
        assert_eq!(forms("wait... what?!"), ["wait", "...", "what", "?!"]);
        assert_eq!(
            forms("BRUSSELS (AP) --"),
            ["BRUSSELS", "(", "AP", ")", "--"]
        );
    }

    #[test]
    fn links_stay_whole() {
        assert_eq!(
            forms("See https://example.org/a-b?c=1."),
            ["See", "https://example.org/a-b?c=1", "."]
        );
        assert_eq!(
            forms("(mail press@un.org)"),
            ["(", "mail", "press@un.org", ")"]
        );
        assert_eq!(forms("www.example.com,"), ["www.example.com", ","]);
    }

    #[test]
    fn spans_cover_the_text_in_order() {
        let text = "  Çavuşoğlu’s “talks” —\tdon’t… ";
        let words = tokenize(text, &Lexicon::english());
        let mut last = 0;
        for w in &words {
            assert!(w.start >= last && w.end > w.start);
            assert!(text.is_char_boundary(w.start) && text.is_char_boundary(w.end));
            last = w.end;
        }
        assert_eq!(&text[words[0].start..words[0].end], "Çavuşoğlu");
    }
}
