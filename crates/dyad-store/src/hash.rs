//! The text hash that `--resume` compares: 64-bit FNV-1a over the UTF-8 bytes of a
//! story's text, written as 16 lower-case hex digits.
//!
//! FNV-1a is defined by two constants and one loop, so the value never changes with
//! a library version or platform — the stories table stays comparable across dyad
//! releases. It is not cryptographic; it only has to tell an edited story from the
//! one already coded, and a 64-bit accidental collision is vanishingly unlikely.

use std::fmt;

const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01b3;

/// The hash of a story text; displays as 16 hex digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TextHash(pub u64);

impl fmt::Display for TextHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

impl TextHash {
    /// Parses the 16-hex-digit form written by [`Display`](fmt::Display).
    pub fn parse(hex: &str) -> Option<TextHash> {
        (hex.len() == 16)
            .then(|| u64::from_str_radix(hex, 16).ok())
            .flatten()
            .map(TextHash)
    }
}

/// The FNV-1a hash of `text`.
pub fn text_hash(text: &str) -> TextHash {
    let mut hash = OFFSET_BASIS;
    for &byte in text.as_bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(PRIME);
    }
    TextHash(hash)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_published_fnv1a_test_vectors() {
        // From the FNV reference (isthe.com/chongo/tech/comp/fnv): these pin the
        // value, so a database written today is resumable by later releases.
        assert_eq!(text_hash("").to_string(), "cbf29ce484222325");
        assert_eq!(text_hash("a").to_string(), "af63dc4c8601ec8c");
        assert_eq!(text_hash("foobar").to_string(), "85944171f73967e8");
    }

    #[test]
    fn round_trips_through_hex() {
        let hash = text_hash("Blinken pressed Turkey.");
        assert_eq!(TextHash::parse(&hash.to_string()), Some(hash));
        assert_eq!(TextHash::parse("xyz"), None);
    }
}
