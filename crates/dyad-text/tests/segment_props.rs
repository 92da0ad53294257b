//! Segmentation never panics and its offsets are always valid, whatever the text.

use dyad_text::Segmenter;
use proptest::prelude::*;

fn check(text: &str) {
    let (sentences, tokens) = Segmenter::new().segment_text(text);
    let mut covered = vec![false; text.len()];
    let mut last_end = 0;
    for token in &tokens {
        let span = token.span;
        assert!(span.start >= last_end && span.start < span.end && span.end <= text.len());
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        assert!(!text[span.range()].contains(char::is_whitespace));
        if token.fused {
            assert_eq!(
                span.start, last_end,
                "a fused word continues the one before"
            );
        }
        covered[span.range()].iter_mut().for_each(|c| *c = true);
        last_end = span.end;
    }
    for (at, c) in text.char_indices() {
        assert!(
            c.is_whitespace() || covered[at],
            "character {c:?} at {at} dropped"
        );
    }
    let mut next_token = 0;
    for sentence in &sentences {
        assert_eq!(
            sentence.tokens.start, next_token,
            "sentences tile the tokens"
        );
        assert!(!sentence.tokens.is_empty());
        assert!(
            !tokens[sentence.tokens.start].fused,
            "no sentence starts inside a word"
        );
        assert_eq!(
            sentence.span.start,
            tokens[sentence.tokens.start].span.start
        );
        assert_eq!(sentence.span.end, tokens[sentence.tokens.end - 1].span.end);
        next_token = sentence.tokens.end;
    }
    assert_eq!(next_token, tokens.len());
}

/// Text built from news-like pieces, so the interesting rules actually fire.
fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("U.S.".to_owned()),
        Just("Gen.".to_owned()),
        Just("don't".to_owned()),
        Just("Çavuşoğlu’s".to_owned()),
        Just("e-mail".to_owned()),
        Just("http://x.org/a.".to_owned()),
        Just("1,000.5".to_owned()),
        Just("...".to_owned()),
        Just("\"".to_owned()),
        Just(" ".to_owned()),
        Just("\n\n".to_owned()),
        Just("—".to_owned()),
        Just("'s".to_owned()),
        Just(".".to_owned()),
        "[A-Za-z]{1,8}",
        "\\PC{1,3}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_segment_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        check(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn arbitrary_unicode_segments_cleanly(text in "\\PC{0,200}") {
        check(&text);
    }

    #[test]
    fn news_like_text_segments_cleanly(text in newsy()) {
        check(&text);
    }
}
