//! Whatever bytes an input holds, the readers never panic, every story has text,
//! and every error says where it is.

use dyad_doc::Date;
use dyad_io::read::{read_stories, Input, ReadOptions};
use flate2::write::GzEncoder;
use flate2::Compression;
use proptest::prelude::*;
use std::io::Write;
use tempfile::TempDir;

/// Pieces of the three formats, so that random inputs come near the interesting
/// paths (records, comments, bad dates, long lines) more often than pure noise does.
const PIECES: &[&str] = &[
    "<Sentence ",
    "<Sentence>",
    "</Sentence>",
    "</Sentence >",
    "<Sentences>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<Text>",
    "</Text>",
    "<Parse>",
    "</Parse>",
    " id=\"a\"",
    " date=\"20200101\"",
    " date = '2020-13-01'",
    "/>",
    ">",
    "&amp;",
    "&",
    "{",
    "}",
    "\"text\": ",
    "\"date\": ",
    "\"id\": 7",
    "\"2021-03-23\"",
    "\"words\"",
    ", ",
    "null",
    "[]",
    "\n",
    "\r\n",
    " ",
    "\t",
    "é",
    "\u{feff}",
    "x",
];

fn soup() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        4 => proptest::sample::select(PIECES).prop_map(|piece| piece.as_bytes().to_vec()),
        1 => proptest::collection::vec(any::<u8>(), 1..4),
    ];
    proptest::collection::vec(piece, 0..64).prop_map(|pieces| pieces.concat())
}

fn noise() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(any::<u8>(), 0..512)
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// Reads `bytes` as each format, plain and gzipped (cut at `cut` per mille), with
/// and without a default date, and checks every result.
fn check_all_readers(bytes: &[u8], cut: usize) -> Result<(), TestCaseError> {
    let dir = TempDir::new().unwrap();
    let zipped = gzip(bytes);
    let cut_zipped = &zipped[..zipped.len() * cut / 1000];
    for extension in ["jsonl", "xml", "txt"] {
        let plain = dir.path().join(format!("plain.{extension}"));
        std::fs::write(&plain, bytes).unwrap();
        let cut_gz = dir.path().join(format!("cut.{extension}.gz"));
        std::fs::write(&cut_gz, cut_zipped).unwrap();
        for default_date in [None, Date::from_ymd(2021, 3, 23)] {
            let options = ReadOptions {
                default_date,
                max_story_bytes: 200,
                ..ReadOptions::default()
            };
            let inputs = vec![Input::Path(plain.clone()), Input::Path(cut_gz.clone())];
            for result in read_stories(inputs, options) {
                match result {
                    Ok(story) => {
                        prop_assert!(!story.text.trim().is_empty());
                        prop_assert!(!story.id.is_empty());
                        if extension == "txt" {
                            // Offsets into the text must be offsets into the file. A
                            // gzip cut inside its magic bytes is read as plain bytes.
                            let text = story.text.as_bytes();
                            let within = |file: &[u8]| file.windows(text.len()).any(|w| w == text);
                            prop_assert!(within(bytes) || within(cut_zipped));
                        }
                    }
                    Err(error) => {
                        prop_assert!(!error.location.is_empty());
                        prop_assert!(!error.detail.is_empty());
                    }
                }
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn arbitrary_bytes_never_break_a_reader(bytes in noise(), cut in 0usize..=1000) {
        check_all_readers(&bytes, cut)?;
    }

    #[test]
    fn format_fragments_never_break_a_reader(bytes in soup(), cut in 0usize..=1000) {
        check_all_readers(&bytes, cut)?;
    }
}
