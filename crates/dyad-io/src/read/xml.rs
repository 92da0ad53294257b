//! PETRARCH XML: `<Sentence date=".." id=".." source="..">` records holding a `<Text>`.
//!
//! The file is not parsed as one document: one bad record would then lose the rest.
//! A small scanner finds each `<Sentence …>…</Sentence>` in the byte stream (stepping
//! over comments and CDATA, which may contain anything), holds at most
//! `max_story_bytes` of it, and only that record is parsed with quick-xml.

use super::source::{count_newlines, Source};
use super::{ReadOptions, RecordError, RejectReason};
use dyad_doc::{Date, Story};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::sync::Arc;

/// Yields the stories of a PETRARCH XML input, one per `<Sentence>`.
pub(super) struct XmlReader {
    source: Source,
    options: Arc<ReadOptions>,
    scanner: Scanner,
    done: bool,
}

impl XmlReader {
    pub(super) fn new(source: Source, options: Arc<ReadOptions>) -> XmlReader {
        XmlReader {
            scanner: Scanner::new(options.max_story_bytes),
            source,
            options,
            done: false,
        }
    }

    fn reject(&self, line: u64, reason: RejectReason, detail: impl Into<String>) -> RecordError {
        RecordError::new(self.source.location(line), reason, detail)
    }

    /// Feeds the scanner until it has a record, or the stream ends.
    fn next_found(&mut self) -> Result<Option<Found>, RecordError> {
        loop {
            let scanner = &mut self.scanner;
            let first_line = self.source.line();
            let found = self.source.with_chunk(|chunk| {
                let mut line = first_line;
                for (at, &byte) in chunk.iter().enumerate() {
                    if let Some(found) = scanner.feed(byte, line) {
                        return (at + 1, Some(found));
                    }
                    line += u64::from(byte == b'\n');
                }
                (chunk.len(), None)
            });
            match found {
                Ok(Some(None)) => continue,
                Ok(Some(found)) => return Ok(found),
                Ok(None) => return Ok(self.scanner.finish().map(Found::Unclosed)),
                Err(error) => return Err(self.source.broken(error)),
            }
        }
    }

    fn story(&self, record: Record) -> Result<Story, RecordError> {
        let line = record.line;
        if record.overflow {
            let max = self.options.max_story_bytes;
            let detail = format!("the record is longer than the limit of {max} bytes");
            return Err(self.reject(line, RejectReason::TooLarge, detail));
        }
        let xml = String::from_utf8(record.bytes).map_err(|error| {
            let bad = error.utf8_error().valid_up_to();
            let bad_line = line + count_newlines(&error.as_bytes()[..bad]);
            self.reject(
                line,
                RejectReason::InvalidUtf8,
                format!("at line {bad_line}"),
            )
        })?;
        let sentence = parse_sentence(&xml).map_err(|(message, at)| {
            let bad_line = line + count_newlines(&xml.as_bytes()[..at.min(xml.len())]);
            let detail = format!("{message} (line {bad_line})");
            self.reject(line, RejectReason::MalformedXml, detail)
        })?;
        self.story_from(sentence, line)
    }

    fn story_from(&self, sentence: Sentence, line: u64) -> Result<Story, RecordError> {
        let text = match sentence.text.as_deref().map(str::trim) {
            Some(text) if !text.is_empty() => text.to_owned(),
            Some(_) => return Err(self.reject(line, RejectReason::MissingText, "<Text> is empty")),
            None => return Err(self.reject(line, RejectReason::MissingText, "no <Text> element")),
        };
        let date = match sentence.date {
            Some(date) => Date::parse(&date)
                .map_err(|error| self.reject(line, RejectReason::BadDate, error.to_string()))?,
            None => self.options.default_date.ok_or_else(|| {
                let detail = "no `date` attribute; add one or give --date";
                self.reject(line, RejectReason::MissingDate, detail)
            })?,
        };
        Ok(Story {
            id: sentence.id.unwrap_or_else(|| self.source.location(line)),
            date,
            source: sentence.source,
            title: None,
            text,
        })
    }
}

impl Iterator for XmlReader {
    type Item = Result<Story, RecordError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let found = match self.next_found() {
            Ok(Some(found)) => found,
            Ok(None) => {
                self.done = true;
                return None;
            }
            Err(error) => {
                self.done = true;
                return Some(Err(error));
            }
        };
        Some(match found {
            Found::Complete(record) => self.story(record),
            Found::Unclosed(record) => {
                let detail = "no </Sentence> before the next <Sentence> or the end of the input";
                Err(self.reject(record.line, RejectReason::MalformedXml, detail))
            }
        })
    }
}

/// What the scanner reports.
enum Found {
    /// A record from `<Sentence` to its `</Sentence>` (or a self-closed `<Sentence/>`).
    Complete(Record),
    /// A record that another `<Sentence` or the end of the input cut off.
    Unclosed(Record),
}

/// The bytes of one `<Sentence>` record, as far as they fit.
struct Record {
    line: u64,
    bytes: Vec<u8>,
    /// The record outgrew the limit; its bytes are dropped and the rest skipped.
    overflow: bool,
    /// Set while inside the `<Sentence …>` start tag.
    start_tag: Option<StartTag>,
    /// Set after `</Sentence`, until the `>` that closes it or some other byte.
    closing: bool,
}

/// Where the scanner is within the start tag, so that a `>` or `/>` inside an
/// attribute value does not end it.
struct StartTag {
    quote: Option<u8>,
    last: u8,
}

/// Markup whose content is not scanned for tags.
enum Opaque {
    None,
    Comment { seen: usize },
    CData { seen: usize },
}

/// Finds `<Sentence>` records in a byte stream fed one byte at a time.
struct Scanner {
    max: usize,
    tail: Tail,
    opaque: Opaque,
    record: Option<Record>,
}

const SENTENCE_OPEN: &[u8] = b"<Sentence";
const SENTENCE_CLOSE: &[u8] = b"</Sentence";

impl Scanner {
    fn new(max: usize) -> Scanner {
        Scanner {
            max,
            tail: Tail(0),
            opaque: Opaque::None,
            record: None,
        }
    }

    /// Takes the next byte, which is on `line`; returns a record when one ends.
    fn feed(&mut self, byte: u8, line: u64) -> Option<Found> {
        self.tail.push(byte);
        if let Some(record) = &mut self.record {
            record.push(byte, self.max);
        }
        if self.in_opaque() {
            return None;
        }
        if self
            .record
            .as_ref()
            .is_some_and(|record| record.start_tag.is_some())
        {
            return self.feed_start_tag(byte);
        }
        if self.tail.ends_with(b"<!--", 0) {
            self.opaque = Opaque::Comment { seen: 0 };
        } else if self.tail.ends_with(b"<![CDATA[", 0) {
            self.opaque = Opaque::CData { seen: 0 };
        } else if is_name_end(byte) && self.tail.ends_with(SENTENCE_OPEN, 1) {
            return self.start_record(byte, line);
        } else if let Some(record) = &mut self.record {
            if record.closing && byte == b'>' {
                return self.record.take().map(Found::Complete);
            }
            record.closing = (record.closing && byte.is_ascii_whitespace())
                || self.tail.ends_with(SENTENCE_CLOSE, 0);
        }
        None
    }

    /// Steps through a comment or CDATA section; true while inside one.
    fn in_opaque(&mut self) -> bool {
        // `seen` keeps `<!-->` from closing the comment it opens.
        let (seen, end): (&mut usize, &[u8]) = match &mut self.opaque {
            Opaque::None => return false,
            Opaque::Comment { seen } => (seen, b"-->"),
            Opaque::CData { seen } => (seen, b"]]>"),
        };
        *seen += 1;
        if *seen >= end.len() && self.tail.ends_with(end, 0) {
            self.opaque = Opaque::None;
        }
        true
    }

    fn feed_start_tag(&mut self, byte: u8) -> Option<Found> {
        let record = self.record.as_mut()?;
        let tag = record.start_tag.as_mut()?;
        match (tag.quote, byte) {
            (Some(quote), _) if byte == quote => tag.quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => tag.quote = Some(byte),
            (None, b'>') if tag.last == b'/' => return self.record.take().map(Found::Complete),
            (None, b'>') => record.start_tag = None,
            (None, _) if byte.is_ascii_whitespace() => {}
            (None, _) => tag.last = byte,
        }
        None
    }

    fn start_record(&mut self, byte: u8, line: u64) -> Option<Found> {
        let mut bytes = SENTENCE_OPEN.to_vec();
        bytes.push(byte);
        let start_tag = (byte != b'>').then_some(StartTag {
            quote: None,
            last: byte,
        });
        let record = Record {
            line,
            bytes,
            overflow: false,
            start_tag,
            closing: false,
        };
        self.record.replace(record).map(Found::Unclosed)
    }

    /// The record left open when the input ends.
    fn finish(&mut self) -> Option<Record> {
        self.record.take()
    }
}

/// The last 16 bytes seen, the newest lowest, to recognise markup that straddles
/// two chunks.
#[derive(Clone, Copy)]
struct Tail(u128);

impl Tail {
    fn push(&mut self, byte: u8) {
        self.0 = (self.0 << 8) | u128::from(byte);
    }

    /// Whether `pattern` ends `back` bytes before the newest byte.
    fn ends_with(self, pattern: &[u8], back: usize) -> bool {
        let mut window = self.0 >> (8 * back);
        pattern.iter().rev().all(|&byte| {
            let matched = window as u8 == byte;
            window >>= 8;
            matched
        })
    }
}

impl Record {
    fn push(&mut self, byte: u8, max: usize) {
        if self.overflow {
            return;
        }
        if self.bytes.len() >= max {
            self.overflow = true;
            self.bytes = Vec::new();
        } else {
            self.bytes.push(byte);
        }
    }
}

/// The bytes that may follow an element name.
fn is_name_end(byte: u8) -> bool {
    byte.is_ascii_whitespace() || byte == b'>' || byte == b'/'
}

/// What a `<Sentence>` record holds, before it is checked.
#[derive(Debug, Default, PartialEq, Eq)]
struct Sentence {
    date: Option<String>,
    id: Option<String>,
    source: Option<String>,
    text: Option<String>,
}

/// Parses one record; an error is a message and the byte offset it concerns.
fn parse_sentence(xml: &str) -> Result<Sentence, (String, usize)> {
    let mut reader = Reader::from_str(xml);
    let mut sentence = Sentence::default();
    let mut depth = 0usize;
    // Some while inside the first <Text> that is a child of <Sentence>.
    let mut text: Option<String> = None;
    loop {
        let event = reader
            .read_event()
            .map_err(|error| (error.to_string(), reader.error_position() as usize))?;
        let fail = |error: quick_xml::Error| (explain(&error), reader.buffer_position() as usize);
        match event {
            Event::Start(start) => {
                if depth == 0 {
                    read_attributes(&start, &mut sentence).map_err(fail)?;
                } else if depth == 1 && is_text(&start) && sentence.text.is_none() {
                    text = Some(String::new());
                }
                depth += 1;
            }
            Event::Empty(start) if depth == 0 => {
                read_attributes(&start, &mut sentence).map_err(fail)?;
            }
            Event::Empty(start) if depth == 1 && is_text(&start) && sentence.text.is_none() => {
                sentence.text = Some(String::new());
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth == 1 && text.is_some() {
                    sentence.text = text.take();
                }
            }
            Event::Text(content) => {
                if let Some(text) = &mut text {
                    text.push_str(&content.unescape().map_err(fail)?);
                }
            }
            Event::CData(content) => {
                if let Some(text) = &mut text {
                    text.push_str(&content.decode().map_err(|error| fail(error.into()))?);
                }
            }
            Event::Eof => return Ok(sentence),
            _ => {}
        }
    }
}

fn explain(error: &quick_xml::Error) -> String {
    match error {
        quick_xml::Error::Escape(_) => format!("{error}; write a literal `&` as `&amp;`"),
        _ => error.to_string(),
    }
}

fn is_text(start: &BytesStart) -> bool {
    start.name().as_ref() == b"Text"
}

/// Reads the attributes PETRARCH gives a sentence; others (`sentence`, `category`)
/// are ignored, and an empty value counts as absent.
fn read_attributes(start: &BytesStart, sentence: &mut Sentence) -> Result<(), quick_xml::Error> {
    for attribute in start.attributes() {
        let attribute = attribute?;
        let slot = match attribute.key.as_ref() {
            b"date" => &mut sentence.date,
            b"id" => &mut sentence.id,
            b"source" => &mut sentence.source,
            _ => continue,
        };
        let value = attribute.unescape_value()?;
        *slot = (!value.trim().is_empty()).then(|| value.trim().to_owned());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{read_stream, InputFormat};

    fn read(xml: &str, max_story_bytes: usize) -> Vec<Result<Story, RecordError>> {
        let options = ReadOptions {
            format: InputFormat::PetrarchXml,
            max_story_bytes,
            ..ReadOptions::default()
        };
        read_stream("p.xml", xml.as_bytes(), options)
    }

    /// Each result as `id` or `location reason`, for compact comparisons.
    fn outline(xml: &str, max_story_bytes: usize) -> Vec<String> {
        read(xml, max_story_bytes)
            .into_iter()
            .map(|result| match result {
                Ok(story) => story.id,
                Err(error) => format!("{} {}", error.location, error.reason),
            })
            .collect()
    }

    #[test]
    fn markup_inside_comments_and_cdata_is_not_a_record() {
        let xml = "<!-- <Sentence id=\"c\"> --><Sentences>\n\
            <Sentence date=\"20200101\" id=\"a\"><!-- </Sentence> -->\n\
            <Text><![CDATA[x </Sentence> y]]></Text></Sentence>\n\
            <!--> <Sentence id=\"d\"> -->\n\
            </Sentences>";
        let stories = read(xml, 1000);
        assert_eq!(stories.len(), 1);
        assert_eq!(stories[0].as_ref().unwrap().text, "x </Sentence> y");
    }

    #[test]
    fn start_tags_may_hold_quoted_brackets_and_close_themselves() {
        let xml = "<Sentence id='a>b' date=\"2020-01-01\"><Text>t</Text></Sentence >\n\
            <Sentence id=\"e\" date=\"20200101\" />\n\
            <Sentence\tid=\"f/\" date=\"20200101\"><Text>t</Text></Sentence>";
        assert_eq!(outline(xml, 1000), ["a>b", "p.xml:2 missing text", "f/"]);
    }

    #[test]
    fn a_record_cut_off_by_the_next_one_is_malformed() {
        let xml = "<Sentence id=\"a\" date=\"20200101\"><Text>t</Text>\n\
            <Sentence id=\"b\" date=\"20200101\"><Text>t</Text></Sentence>\n\
            <Sentence id=\"c\" date=\"20200101\"><Text>t</Text>";
        assert_eq!(
            outline(xml, 1000),
            ["p.xml:1 malformed XML", "b", "p.xml:3 malformed XML"]
        );
    }

    #[test]
    fn an_oversized_record_is_skipped_to_its_end() {
        let long = "word ".repeat(100);
        let xml = format!(
            "<Sentence id=\"a\" date=\"20200101\"><Text>{long}</Text></Sentence>\n\
            <Sentence id=\"b\" date=\"20200101\"><Text>short</Text></Sentence>"
        );
        assert_eq!(outline(&xml, 200), ["p.xml:1 too large", "b"]);
    }

    #[test]
    fn parse_errors_name_the_line_of_the_fault() {
        let xml = "\n<Sentence id=\"a\" date=\"20200101\">\n<Text>t</Txet>\n</Sentence>";
        let error = read(xml, 1000).remove(0).unwrap_err();
        assert_eq!(error.location, "p.xml:2");
        assert_eq!(error.reason, RejectReason::MalformedXml);
        assert!(error.detail.ends_with("(line 3)"), "{}", error.detail);
    }

    #[test]
    fn bad_entities_and_bytes_are_rejected() {
        let xml = b"<Sentence id=\"a\" date=\"20200101\"><Text>AT&T</Text></Sentence>\n\
            <Sentence id=\"b\" date=\"20200101\">\n<Text>\xff</Text></Sentence>";
        let options = ReadOptions {
            format: InputFormat::PetrarchXml,
            ..ReadOptions::default()
        };
        let errors: Vec<_> = read_stream("p.xml", xml, options)
            .into_iter()
            .map(|result| result.unwrap_err())
            .collect();
        assert_eq!(errors[0].reason, RejectReason::MalformedXml);
        assert_eq!(errors[1].reason, RejectReason::InvalidUtf8);
        assert_eq!(errors[1].location, "p.xml:2");
        assert_eq!(errors[1].detail, "at line 3");
    }

    #[test]
    fn only_the_first_text_child_is_the_story() {
        let sentence = parse_sentence(
            "<Sentence id=\"a\"><Parse><Text>no</Text></Parse>\
             <Text>one <b>two</b> &amp; three</Text><Text>no</Text></Sentence>",
        )
        .unwrap();
        assert_eq!(sentence.text.as_deref(), Some("one two & three"));
    }
}
