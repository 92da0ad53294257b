//! Plain text: the whole input is one story, headed by an optional title line.

use super::source::{count_newlines, Source};
use super::{ReadOptions, RecordError, RejectReason};
use dyad_doc::Story;
use std::sync::Arc;

/// Yields the one story of a plain-text input.
pub(super) struct TextReader {
    source: Option<Source>,
    id: String,
    options: Arc<ReadOptions>,
}

impl TextReader {
    pub(super) fn new(source: Source, id: String, options: Arc<ReadOptions>) -> TextReader {
        TextReader {
            source: Some(source),
            id,
            options,
        }
    }

    fn read_story(&self, source: &mut Source) -> Result<Story, RecordError> {
        let max = self.options.max_story_bytes;
        let start = (source.offset(), source.line());
        let bytes = source
            .read_at_most(max.saturating_add(1))
            .map_err(|error| source.broken(error))?;
        let reject = |reason, detail: String| RecordError::new(source.location(1), reason, detail);
        if bytes.len() > max {
            let detail = format!("the story is larger than the limit of {max} bytes");
            return Err(reject(RejectReason::TooLarge, detail));
        }
        let content = String::from_utf8(bytes).map_err(|error| {
            let bad = error.utf8_error().valid_up_to();
            let line = start.1 + count_newlines(&error.as_bytes()[..bad]);
            let detail = format!("at line {line}, byte offset {}", start.0 + bad as u64);
            reject(RejectReason::InvalidUtf8, detail)
        })?;
        let (title, text) = split_title(&content);
        if text.is_empty() {
            return Err(reject(
                RejectReason::MissingText,
                "the input has no text".into(),
            ));
        }
        let Some(date) = self.options.default_date else {
            let detail = "plain text has no date; give one with --date YYYY-MM-DD";
            return Err(reject(RejectReason::MissingDate, detail.into()));
        };
        Ok(Story {
            id: self.id.clone(),
            date,
            source: None,
            title: title.map(str::to_owned),
            text: text.to_owned(),
        })
    }
}

impl Iterator for TextReader {
    type Item = Result<Story, RecordError>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut source = self.source.take()?;
        Some(self.read_story(&mut source))
    }
}

/// Splits off the first line as a title when a blank line follows it and text
/// follows that. Both parts are trimmed slices of `content`.
fn split_title(content: &str) -> (Option<&str>, &str) {
    let body = content.trim();
    if let Some((first, rest)) = body.split_once('\n') {
        let next_line = rest.split('\n').next().unwrap_or_default();
        if next_line.trim().is_empty() {
            return (Some(first.trim()), rest.trim());
        }
    }
    (None, body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{read_stream, InputFormat};
    use dyad_doc::Date;

    fn read(bytes: &[u8]) -> Result<Story, RecordError> {
        let options = ReadOptions {
            format: InputFormat::Text,
            default_date: Date::from_ymd(2020, 1, 2),
            max_story_bytes: 64,
            ..ReadOptions::default()
        };
        let mut results = read_stream("s.txt", bytes, options);
        assert_eq!(results.len(), 1);
        results.remove(0)
    }

    #[test]
    fn a_first_line_followed_by_a_blank_line_is_the_title() {
        assert_eq!(
            split_title("  Rain in Oslo \r\n\r\n\nIt rained.\nA lot.\n\n"),
            (Some("Rain in Oslo"), "It rained.\nA lot.")
        );
        assert_eq!(
            split_title("It rained.\nA lot.\n"),
            (None, "It rained.\nA lot.")
        );
        assert_eq!(
            split_title("\n\nHeadline only\n\n"),
            (None, "Headline only")
        );
        assert_eq!(split_title(" \n\t"), (None, ""));
    }

    #[test]
    fn a_story_takes_the_default_date() {
        let story = read(b"Talks resume\n\nThe talks resumed today.\n").unwrap();
        assert_eq!(story.title.as_deref(), Some("Talks resume"));
        assert_eq!(story.text, "The talks resumed today.");
        assert_eq!(story.date, Date::from_ymd(2020, 1, 2).unwrap());
        assert_eq!(story.id, "stdin");
    }

    #[test]
    fn bad_inputs_are_rejected_at_line_one() {
        let reason = |bytes: &[u8]| {
            let error = read(bytes).unwrap_err();
            assert_eq!(error.location, "s.txt:1");
            (error.reason, error.detail)
        };
        assert_eq!(reason(b" \n \n").0, RejectReason::MissingText);
        assert_eq!(reason(&[b'a'; 65]).0, RejectReason::TooLarge);
        assert_eq!(
            reason(b"ok\nok\n\xff"),
            (RejectReason::InvalidUtf8, "at line 3, byte offset 6".into())
        );
    }
}
