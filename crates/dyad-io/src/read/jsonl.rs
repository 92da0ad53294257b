//! JSON Lines: one story object per line.

use super::source::{Line, Source};
use super::{ReadOptions, RecordError, RejectReason};
use dyad_doc::{Date, Story};
use serde_json::{Map, Value};
use std::sync::Arc;

/// Yields the stories of a JSON Lines input, one per non-blank line.
pub(super) struct JsonlReader {
    source: Source,
    options: Arc<ReadOptions>,
    done: bool,
}

impl JsonlReader {
    pub(super) fn new(source: Source, options: Arc<ReadOptions>) -> JsonlReader {
        JsonlReader {
            source,
            options,
            done: false,
        }
    }

    fn reject(&self, line: u64, reason: RejectReason, detail: impl Into<String>) -> RecordError {
        RecordError::new(self.source.location(line), reason, detail)
    }

    fn parse_line(&self, bytes: Vec<u8>, line: u64) -> Result<Story, RecordError> {
        let json = String::from_utf8(bytes).map_err(|error| {
            let at = error.utf8_error().valid_up_to();
            self.reject(
                line,
                RejectReason::InvalidUtf8,
                format!("at byte {at} of the line"),
            )
        })?;
        let object = parse_object(&json)
            .map_err(|detail| self.reject(line, RejectReason::MalformedJson, detail))?;
        drop(json);
        self.story(object, line)
    }

    fn story(&self, mut object: Map<String, Value>, line: u64) -> Result<Story, RecordError> {
        let fields = &self.options.fields;
        let id = match object.remove(&fields.id) {
            None | Some(Value::Null) => self.source.location(line),
            Some(Value::String(id)) if id.is_empty() => self.source.location(line),
            Some(Value::String(id)) => id,
            Some(Value::Number(id)) => id.to_string(),
            Some(other) => {
                let detail = format!(
                    "`{}` must be a string or a number, not {}",
                    fields.id,
                    kind(&other)
                );
                return Err(self.reject(line, RejectReason::MalformedJson, detail));
            }
        };
        let text = self.text(object.remove(&fields.text), line)?;
        let date = self.date(object.remove(&fields.date), line)?;
        Ok(Story {
            id,
            date,
            source: optional_string(object.remove(&fields.source)),
            title: optional_string(object.remove(&fields.title)),
            text,
        })
    }

    fn text(&self, value: Option<Value>, line: u64) -> Result<String, RecordError> {
        let name = &self.options.fields.text;
        let detail = match value {
            Some(Value::String(text)) if !text.trim().is_empty() => return Ok(text),
            Some(Value::String(_)) => format!("`{name}` is empty"),
            None | Some(Value::Null) => format!("no `{name}` field"),
            Some(other) => format!("`{name}` must be a string, not {}", kind(&other)),
        };
        Err(self.reject(line, RejectReason::MissingText, detail))
    }

    fn date(&self, value: Option<Value>, line: u64) -> Result<Date, RecordError> {
        let name = &self.options.fields.date;
        match value {
            Some(Value::String(text)) => Date::parse(&text)
                .map_err(|error| self.reject(line, RejectReason::BadDate, error.to_string())),
            None | Some(Value::Null) => self.options.default_date.ok_or_else(|| {
                let detail = format!("no `{name}` field; add one or give --date");
                self.reject(line, RejectReason::MissingDate, detail)
            }),
            Some(other) => {
                let detail = format!(
                    "`{name}` must be a string such as \"2021-03-23\", not {}",
                    kind(&other)
                );
                Err(self.reject(line, RejectReason::BadDate, detail))
            }
        }
    }
}

impl Iterator for JsonlReader {
    type Item = Result<Story, RecordError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let line = self.source.line();
            match self.source.read_line(self.options.max_story_bytes) {
                Ok(Some(Line::Complete(bytes))) if is_blank(&bytes) => {}
                Ok(Some(Line::Complete(bytes))) => return Some(self.parse_line(bytes, line)),
                Ok(Some(Line::TooLong)) => {
                    let max = self.options.max_story_bytes;
                    let detail = format!("the line is longer than the limit of {max} bytes");
                    return Some(Err(self.reject(line, RejectReason::TooLarge, detail)));
                }
                Ok(None) => self.done = true,
                Err(error) => {
                    self.done = true;
                    return Some(Err(self.source.broken(error)));
                }
            }
        }
        None
    }
}

fn is_blank(bytes: &[u8]) -> bool {
    bytes.iter().all(u8::is_ascii_whitespace)
}

/// Parses one line as a JSON object; the error names the column, not the line,
/// which is always the first.
fn parse_object(json: &str) -> Result<Map<String, Value>, String> {
    match serde_json::from_str(json) {
        Ok(Value::Object(object)) => Ok(object),
        Ok(other) => Err(format!("expected a JSON object, found {}", kind(&other))),
        Err(error) => {
            let message = error.to_string();
            let position = format!(" at line {} column {}", error.line(), error.column());
            let message = message.strip_suffix(&position).unwrap_or(&message);
            Err(format!("{message} at column {}", error.column()))
        }
    }
}

fn optional_string(value: Option<Value>) -> Option<String> {
    match value {
        Some(Value::String(text)) if !text.trim().is_empty() => Some(text),
        _ => None,
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{read_stream, InputFormat};

    fn read(bytes: &[u8]) -> Vec<Result<Story, RecordError>> {
        let options = ReadOptions {
            format: InputFormat::Jsonl,
            ..ReadOptions::default()
        };
        read_stream("n.jsonl", bytes, options)
    }

    fn detail(bytes: &[u8]) -> (RejectReason, String) {
        let error = read(bytes).remove(0).unwrap_err();
        (error.reason, error.detail)
    }

    #[test]
    fn json_errors_name_the_column() {
        assert_eq!(
            detail(b"{\"text\": }"),
            (
                RejectReason::MalformedJson,
                "expected value at column 10".into()
            )
        );
        assert_eq!(
            detail(b"[1, 2]"),
            (
                RejectReason::MalformedJson,
                "expected a JSON object, found an array".into()
            )
        );
    }

    #[test]
    fn field_errors_say_which_field() {
        let date = "\"date\": \"2021-01-01\"";
        assert_eq!(
            detail(format!("{{{date}, \"text\": 7}}").as_bytes()),
            (
                RejectReason::MissingText,
                "`text` must be a string, not a number".into()
            )
        );
        assert_eq!(
            detail(format!("{{{date}, \"text\": \" \"}}").as_bytes()),
            (RejectReason::MissingText, "`text` is empty".into())
        );
        assert_eq!(
            detail(b"{\"text\": \"a\", \"date\": 20210101}"),
            (
                RejectReason::BadDate,
                "`date` must be a string such as \"2021-03-23\", not a number".into()
            )
        );
        assert_eq!(
            detail(b"{\"text\": \"a\"}"),
            (
                RejectReason::MissingDate,
                "no `date` field; add one or give --date".into()
            )
        );
        assert_eq!(
            detail(format!("{{{date}, \"text\": \"a\", \"id\": [1]}}").as_bytes()),
            (
                RejectReason::MalformedJson,
                "`id` must be a string or a number, not an array".into()
            )
        );
    }

    #[test]
    fn blank_lines_and_crlf_are_skipped() {
        let results = read(b"\r\n  \n{\"text\": \"a\", \"date\": \"2021-01-01\"}\r\n\n");
        assert_eq!(results.len(), 1);
        assert_eq!(results[0].as_ref().unwrap().id, "n.jsonl:3");
    }
}
