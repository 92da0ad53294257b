//! Streams [`Story`] values out of plain text, JSON Lines and PETRARCH XML.
//!
//! [`read_stories`] takes files, directories or stdin, gzip-compressed or not, and
//! yields one story at a time, holding at most about one record in memory. A record
//! that cannot become a story is a [`RecordError`] naming where it is (`file:line`)
//! and why ([`RejectReason`]); reading then goes on with the next record.
//!
//! ```no_run
//! use dyad_io::read::{read_stories, Input, ReadOptions};
//!
//! let inputs = vec![Input::Path("news.jsonl.gz".into()), Input::Stdin];
//! for result in read_stories(inputs, ReadOptions::default()) {
//!     match result {
//!         Ok(story) => println!("{}: {}", story.id, story.text.len()),
//!         Err(error) => eprintln!("skipped {error}"),
//!     }
//! }
//! ```

mod jsonl;
mod source;
mod text;
mod xml;

use dyad_doc::{Date, Story};
use source::Source;
use std::collections::VecDeque;
use std::fmt;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How the records of an input are laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum InputFormat {
    /// Chosen per input: by file extension (ignoring `.gz`), or for stdin by the
    /// first non-blank byte (`{` JSON Lines, `<` PETRARCH XML, else plain text).
    #[default]
    Auto,
    /// One story per file; the whole of stdin is one story.
    Text,
    /// One JSON object per line.
    Jsonl,
    /// PETRARCH's `<Sentences>` of `<Sentence>` records.
    PetrarchXml,
}

/// The JSON Lines field names each story field is read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonFields {
    /// The story id (a string or a number); default `id`.
    pub id: String,
    /// The story body; default `text`.
    pub text: String,
    /// The publication date; default `date`.
    pub date: String,
    /// The headline; default `title`.
    pub title: String,
    /// The publisher; default `source`.
    pub source: String,
}

impl Default for JsonFields {
    fn default() -> Self {
        JsonFields {
            id: "id".into(),
            text: "text".into(),
            date: "date".into(),
            title: "title".into(),
            source: "source".into(),
        }
    }
}

/// How [`read_stories`] reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadOptions {
    /// The layout of the inputs; [`InputFormat::Auto`] decides per input.
    pub format: InputFormat,
    /// JSON Lines field names.
    pub fields: JsonFields,
    /// The date of every plain-text story, and of JSON or XML records that have none.
    pub default_date: Option<Date>,
    /// The largest record accepted, in bytes; a larger one is skipped as
    /// [`RejectReason::TooLarge`]. This bounds the reader's memory.
    pub max_story_bytes: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            format: InputFormat::Auto,
            fields: JsonFields::default(),
            default_date: None,
            max_story_bytes: 5 * 1024 * 1024,
        }
    }
}

/// Where stories come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// Standard input, named `<stdin>` in locations.
    Stdin,
    /// A file, or a directory whose story files are read in name order.
    Path(PathBuf),
}

/// Why a record did not become a story.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RejectReason {
    /// No text, or only whitespace.
    MissingText,
    /// No date in the record and no default date given.
    MissingDate,
    /// A date that is not `YYYY-MM-DD`, `YYYYMMDD` or RFC 3339, or no such day.
    BadDate,
    /// Bytes that are not UTF-8.
    InvalidUtf8,
    /// Larger than [`ReadOptions::max_story_bytes`].
    TooLarge,
    /// A JSON Lines line that is not a JSON object.
    MalformedJson,
    /// A PETRARCH `<Sentence>` record that is not well-formed XML.
    MalformedXml,
    /// A gzip stream cut short or corrupt; the input ends here.
    Truncated,
    /// An input that could not be opened or read.
    Unreadable,
}

impl RejectReason {
    /// A short lower-case name, as used in messages and counts.
    pub fn as_str(&self) -> &'static str {
        match self {
            RejectReason::MissingText => "missing text",
            RejectReason::MissingDate => "missing date",
            RejectReason::BadDate => "bad date",
            RejectReason::InvalidUtf8 => "invalid UTF-8",
            RejectReason::TooLarge => "too large",
            RejectReason::MalformedJson => "malformed JSON",
            RejectReason::MalformedXml => "malformed XML",
            RejectReason::Truncated => "truncated input",
            RejectReason::Unreadable => "unreadable",
        }
    }
}

impl fmt::Display for RejectReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A record that was skipped: where, why, and the particulars.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{location}: {reason}: {detail}")]
pub struct RecordError {
    /// `file:line` of the line the record starts on (1-based), or just the path
    /// for an input that could not be opened; the file is `<stdin>` for stdin.
    pub location: String,
    /// Why the record was skipped.
    pub reason: RejectReason,
    /// What exactly was wrong, and where useful what to do about it.
    pub detail: String,
}

impl RecordError {
    fn new(location: String, reason: RejectReason, detail: impl Into<String>) -> RecordError {
        RecordError {
            location,
            reason,
            detail: detail.into(),
        }
    }
}

/// The stories of a list of inputs, read lazily in order; see [`read_stories`].
#[must_use = "stories are read only when iterated"]
pub struct Stories {
    options: Arc<ReadOptions>,
    pending: VecDeque<Pending>,
    current: Option<Records>,
}

type Records = Box<dyn Iterator<Item = Result<Story, RecordError>> + Send>;

/// An input not yet opened. Files listed from a directory are kept apart from
/// inputs so that a directory is never descended into twice.
enum Pending {
    Given(Input),
    Listed(PathBuf),
}

/// Reads stories from `inputs`, in order, one record at a time.
///
/// Nothing is read until the iterator is advanced. A directory yields its `.txt`,
/// `.jsonl`, `.json`, `.ndjson` and `.xml` files (each also as `.gz`) in file name
/// order, without descending into subdirectories. Any input starting with the gzip
/// magic bytes is decompressed, whatever its name. An input that cannot be opened
/// is one [`RejectReason::Unreadable`] error, and reading goes on with the next.
pub fn read_stories(inputs: Vec<Input>, options: ReadOptions) -> Stories {
    Stories {
        options: Arc::new(options),
        pending: inputs.into_iter().map(Pending::Given).collect(),
        current: None,
    }
}

impl Iterator for Stories {
    type Item = Result<Story, RecordError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(records) = &mut self.current {
                match records.next() {
                    Some(result) => return Some(result),
                    None => self.current = None,
                }
            }
            match self.pending.pop_front()? {
                Pending::Given(Input::Stdin) => self.current = Some(self.open_stdin()),
                Pending::Given(Input::Path(path)) if path.is_dir() => {
                    if let Err(error) = self.queue_directory(&path) {
                        return Some(Err(unreadable(&path, &error)));
                    }
                }
                Pending::Given(Input::Path(path)) | Pending::Listed(path) => {
                    self.current = Some(self.open_file(&path));
                }
            }
        }
    }
}

impl std::iter::FusedIterator for Stories {}

impl Stories {
    fn open_stdin(&self) -> Records {
        let source = Source::new("<stdin>".into(), Box::new(io::stdin()));
        match source {
            Ok(source) => records(source, Origin::Stdin, &self.options),
            Err(error) => single(RecordError::new(
                "<stdin>".into(),
                RejectReason::Unreadable,
                format!("cannot read stdin: {error}"),
            )),
        }
    }

    fn open_file(&self, path: &Path) -> Records {
        let opened = File::open(path)
            .and_then(|file| Source::new(path.display().to_string(), Box::new(file)));
        match opened {
            Ok(source) => records(source, Origin::File(path), &self.options),
            Err(error) => single(unreadable(path, &error)),
        }
    }

    fn queue_directory(&mut self, directory: &Path) -> io::Result<()> {
        let files = story_files(directory)?;
        for path in files.into_iter().rev() {
            self.pending.push_front(Pending::Listed(path));
        }
        Ok(())
    }
}

fn unreadable(path: &Path, error: &io::Error) -> RecordError {
    RecordError::new(
        path.display().to_string(),
        RejectReason::Unreadable,
        format!("cannot open: {error}"),
    )
}

fn single(error: RecordError) -> Records {
    Box::new(std::iter::once(Err(error)))
}

/// The story files directly inside `directory`, sorted by name bytes.
fn story_files(directory: &Path) -> io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(directory)? {
        let path = entry?.path();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if path.is_file() && has_story_extension(&name) {
            files.push(path);
        }
    }
    files.sort_by(|a, b| name_bytes(a).cmp(name_bytes(b)));
    Ok(files)
}

fn name_bytes(path: &Path) -> &[u8] {
    path.file_name().unwrap_or_default().as_encoded_bytes()
}

const STORY_EXTENSIONS: [&str; 5] = ["txt", "jsonl", "json", "ndjson", "xml"];

fn has_story_extension(name: &str) -> bool {
    let name = strip_gz(name);
    STORY_EXTENSIONS
        .iter()
        .any(|extension| extension_is(name, extension))
}

/// `name` without a final `.gz`.
fn strip_gz(name: &str) -> &str {
    if extension_is(name, "gz") {
        &name[..name.len() - 3]
    } else {
        name
    }
}

fn extension_is(name: &str, extension: &str) -> bool {
    let Some(dot) = name.len().checked_sub(extension.len() + 1) else {
        return false;
    };
    name.as_bytes()[dot] == b'.' && name[dot + 1..].eq_ignore_ascii_case(extension)
}

/// Where an input came from, for choosing its format and a plain-text story's id.
enum Origin<'a> {
    Stdin,
    File(&'a Path),
}

impl Origin<'_> {
    /// The id of a plain-text story: the file name without `.gz` and `.txt`.
    fn text_id(&self) -> String {
        let Origin::File(path) = self else {
            return "stdin".into();
        };
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let name = strip_gz(&name);
        if extension_is(name, "txt") && name.len() > ".txt".len() {
            name[..name.len() - ".txt".len()].to_owned()
        } else {
            name.to_owned()
        }
    }
}

/// The format an extension calls for, `.gz` aside; plain text when none does.
fn format_by_name(path: &Path) -> InputFormat {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let name = strip_gz(&name);
    if ["jsonl", "json", "ndjson"]
        .iter()
        .any(|extension| extension_is(name, extension))
    {
        InputFormat::Jsonl
    } else if extension_is(name, "xml") {
        InputFormat::PetrarchXml
    } else {
        InputFormat::Text
    }
}

/// The records of one opened input, in the format the options or the input call for.
fn records(mut source: Source, origin: Origin<'_>, options: &Arc<ReadOptions>) -> Records {
    if let Err(error) = source.skip_bom() {
        return single(source.broken(error));
    }
    let format = match (options.format, &origin) {
        (InputFormat::Auto, Origin::File(path)) => format_by_name(path),
        (InputFormat::Auto, Origin::Stdin) => match sniff(&mut source) {
            Ok(format) => format,
            Err(error) => return single(source.broken(error)),
        },
        (format, _) => format,
    };
    let options = Arc::clone(options);
    match format {
        InputFormat::Jsonl => Box::new(jsonl::JsonlReader::new(source, options)),
        InputFormat::PetrarchXml => Box::new(xml::XmlReader::new(source, options)),
        InputFormat::Text | InputFormat::Auto => {
            Box::new(text::TextReader::new(source, origin.text_id(), options))
        }
    }
}

/// Guesses the format of a stream from its first non-blank byte.
fn sniff(source: &mut Source) -> io::Result<InputFormat> {
    Ok(match source.peek_past_whitespace()? {
        Some(b'{') => InputFormat::Jsonl,
        Some(b'<') => InputFormat::PetrarchXml,
        _ => InputFormat::Text,
    })
}

#[cfg(test)]
fn read_stream(name: &str, bytes: &[u8], options: ReadOptions) -> Vec<Result<Story, RecordError>> {
    let raw = Box::new(io::Cursor::new(bytes.to_vec()));
    let source = Source::new(name.into(), raw).expect("reading from memory");
    records(source, Origin::Stdin, &Arc::new(options)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_have_readable_names() {
        assert_eq!(RejectReason::BadDate.to_string(), "bad date");
        assert_eq!(RejectReason::Truncated.as_str(), "truncated input");
        let error = RecordError::new(
            "news.jsonl:17".into(),
            RejectReason::BadDate,
            "invalid date",
        );
        assert_eq!(error.to_string(), "news.jsonl:17: bad date: invalid date");
    }

    #[test]
    fn formats_follow_the_extension_without_gz() {
        let format = |name: &str| format_by_name(Path::new(name));
        assert_eq!(format("a.jsonl"), InputFormat::Jsonl);
        assert_eq!(format("a.NDJSON.gz"), InputFormat::Jsonl);
        assert_eq!(format("a.json"), InputFormat::Jsonl);
        assert_eq!(format("dir/a.xml.gz"), InputFormat::PetrarchXml);
        assert_eq!(format("a.md"), InputFormat::Text);
        assert_eq!(format("jsonl"), InputFormat::Text);
        assert_eq!(format("a.gz"), InputFormat::Text);
    }

    #[test]
    fn text_ids_drop_txt_and_gz() {
        let id = |name: &str| Origin::File(Path::new(name)).text_id();
        assert_eq!(id("dir/story-1.txt"), "story-1");
        assert_eq!(id("story-1.txt.gz"), "story-1");
        assert_eq!(id("notes.md"), "notes.md");
        assert_eq!(id(".txt"), ".txt");
        assert_eq!(Origin::Stdin.text_id(), "stdin");
    }

    #[test]
    fn directories_list_only_story_extensions() {
        for name in ["a.txt", "b.JSONL", "c.json.gz", "d.ndjson", "e.xml"] {
            assert!(has_story_extension(name), "{name}");
        }
        for name in ["a.md", "gz", "a.gz", "a.tar.gz", "txt", "a.txt.bak"] {
            assert!(!has_story_extension(name), "{name}");
        }
    }

    #[test]
    fn stdin_is_sniffed_by_its_first_byte() {
        let options = || ReadOptions {
            default_date: Date::from_ymd(2021, 3, 23),
            ..ReadOptions::default()
        };
        let json = read_stream("<stdin>", b"\n  {\"text\": \"Hi.\"}\n", options());
        assert_eq!(json[0].as_ref().unwrap().id, "<stdin>:2");
        let xml = b"<Sentences><Sentence id=\"x\"><Text>Hi.</Text></Sentence></Sentences>";
        assert_eq!(
            read_stream("<stdin>", xml, options())[0]
                .as_ref()
                .unwrap()
                .id,
            "x"
        );
        let text = read_stream("<stdin>", b"Just words.\n", options());
        assert_eq!(text[0].as_ref().unwrap().id, "stdin");
        assert_eq!(text[0].as_ref().unwrap().text, "Just words.");
    }
}
