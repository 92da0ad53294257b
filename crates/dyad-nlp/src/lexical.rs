//! What the classifiers know of a word by itself: hashes of its lower-cased form,
//! affixes and shape, computed once per word and shared by every template.

use crate::hash::{hash_bytes, hash_str};

/// Hashes of one word's lexical properties.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Lexeme {
    /// The form lower-cased, digits folded to 0 ("1,200" → "0,000").
    pub(crate) lower: u64,
    /// The form as written.
    pub(crate) form: u64,
    pub(crate) prefix1: u64,
    pub(crate) prefix2: u64,
    pub(crate) prefix3: u64,
    pub(crate) suffix1: u64,
    pub(crate) suffix2: u64,
    pub(crate) suffix3: u64,
    pub(crate) suffix4: u64,
    /// Character classes ("Blinken" → "Xxx", "S-400" → "X-ddd" capped).
    pub(crate) shape: u64,
    /// Capitalisation and character-class flags.
    pub(crate) flags: u64,
    /// A closed-class word: determiner, preposition, auxiliary, particle, …
    pub(crate) function: bool,
}

impl Lexeme {
    /// The properties of `form`.
    pub(crate) fn of(form: &str) -> Lexeme {
        let lower = fold(form);
        // The first `n` and last `n` characters (all of a shorter word), found from
        // either end without listing every character's offset.
        let prefix = |n: usize| {
            let end = lower.char_indices().nth(n).map_or(lower.len(), |(i, _)| i);
            hash_str(&lower[..end])
        };
        let suffix = |n: usize| {
            let start = lower.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i);
            hash_str(&lower[start..])
        };
        Lexeme {
            lower: hash_str(&lower),
            form: hash_str(form),
            prefix1: prefix(1),
            prefix2: prefix(2),
            prefix3: prefix(3),
            suffix1: suffix(1),
            suffix2: suffix(2),
            suffix3: suffix(3),
            suffix4: suffix(4),
            shape: shape_hash(form),
            flags: flags(form),
            function: FUNCTION_WORDS.binary_search(&lower.as_str()).is_ok(),
        }
    }

    /// Whether this is a closed-class word.
    pub(crate) fn is_function_word(&self) -> bool {
        self.function
    }

    /// The marker for positions outside the sentence.
    pub(crate) fn padding() -> Lexeme {
        let h = crate::hash::marker::PAD;
        Lexeme {
            lower: h,
            form: h,
            prefix1: h,
            prefix2: h,
            prefix3: h,
            suffix1: h,
            suffix2: h,
            suffix3: h,
            suffix4: h,
            shape: h,
            flags: 0,
            function: false,
        }
    }
}

/// Closed-class words whose identity the labeler looks at.
/// Sorted, for binary search.
const FUNCTION_WORDS: &[&str] = &[
    "\"", "'", "'s", "(", ")", ",", "-", ".", ":", ";", "a", "about", "after", "against", "am",
    "an", "are", "as", "at", "be", "because", "been", "before", "being", "between", "but", "by",
    "can", "could", "did", "do", "does", "during", "for", "from", "had", "has", "have", "having",
    "how", "if", "in", "into", "is", "it", "may", "might", "must", "n't", "no", "nor", "not", "of",
    "off", "on", "or", "out", "over", "shall", "should", "since", "so", "than", "that", "the",
    "then", "there", "these", "this", "those", "though", "through", "to", "under", "until", "up",
    "upon", "was", "were", "what", "when", "where", "whether", "which", "while", "who", "whom",
    "whose", "why", "will", "with", "within", "without", "would",
];

/// Lower-cases and folds digits, so that numbers generalise.
pub(crate) fn fold(form: &str) -> String {
    form.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect()
}

/// The hash of [`shape`].
fn shape_hash(form: &str) -> u64 {
    hash_bytes(shape(form).as_bytes())
}

/// A shape, built on the stack: at most 12 bytes and then one more character.
struct Shape {
    bytes: [u8; 16],
    len: usize,
}

impl Shape {
    fn push(&mut self, c: char) {
        self.len += c.encode_utf8(&mut self.bytes[self.len..]).len();
    }

    fn len(&self) -> usize {
        self.len
    }

    fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

fn shape(form: &str) -> Shape {
    let mut out = Shape {
        bytes: [0; 16],
        len: 0,
    };
    let mut last = ' ';
    let mut run = 0;
    for c in form.chars() {
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        run = if class == last { run + 1 } else { 1 };
        last = class;
        if run <= 3 {
            out.push(class);
        }
        if out.len() >= 12 {
            break;
        }
    }
    out
}

fn flags(form: &str) -> u64 {
    let mut chars = form.chars();
    let first = chars.next().unwrap_or(' ');
    let bits = [
        first.is_uppercase(),
        form.chars().all(|c| !c.is_lowercase()) && form.chars().any(char::is_uppercase),
        form.chars().any(|c| c.is_ascii_digit()),
        form.contains('-'),
        form.chars().all(|c| !c.is_alphanumeric()),
    ];
    bits.iter()
        .enumerate()
        .fold(0, |acc, (i, &b)| acc | (u64::from(b) << i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_cap_runs() {
        assert_eq!(shape("Blinken").as_bytes(), b"Xxxx");
        assert_eq!(shape("S-400").as_bytes(), b"X-ddd");
        assert_eq!(shape("2021-03-23").as_bytes(), b"ddd-dd-dd");
        assert_eq!(shape("-€-€-€-€-€").as_bytes(), "-€-€-€".as_bytes());
        // Eleven bytes and then a three-byte character: the longest a shape gets.
        assert_eq!(shape("a-a-a-a-a-a€€").as_bytes(), "x-x-x-x-x-x€".as_bytes());
    }

    #[test]
    fn function_words_are_sorted_for_binary_search() {
        assert!(FUNCTION_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(Lexeme::of("The").is_function_word());
        assert!(!Lexeme::of("Turkey").is_function_word());
    }

    #[test]
    fn affixes_cover_short_and_multibyte_words() {
        let word = Lexeme::of("Çavuşoğlu");
        assert_eq!(word.suffix3, hash_str("ğlu"));
        assert_eq!(word.prefix2, hash_str("ça"));
        assert_eq!(Lexeme::of("a").suffix4, hash_str("a"));
        assert_eq!(Lexeme::of("").prefix1, hash_str(""));
    }

    #[test]
    fn digits_fold_so_numbers_share_features() {
        assert_eq!(Lexeme::of("1,200").lower, Lexeme::of("3,500").lower);
        assert_ne!(Lexeme::of("Turkey").form, Lexeme::of("turkey").form);
        assert_eq!(Lexeme::of("Turkey").lower, Lexeme::of("turkey").lower);
    }
}
