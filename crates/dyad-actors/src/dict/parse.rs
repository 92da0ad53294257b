//! The parser for dyad's dictionary format: entry headers at the start of a line,
//! indented `key: value | value` lines below them, `include` and `codes` directives,
//! `#` comments. Every error carries its file and line, and parsing goes on after
//! one so that all of them are reported together.

use super::{
    Alias, AliasKind, DateRange, Entry, EntryKind, Example, Gender, Parsed, Placement, Role,
};
use crate::error::Error;
use dyad_doc::{ActorCode, Date};
use std::path::{Path, PathBuf};

/// Where dictionary files (and the files they include) are read from.
#[derive(Clone, Copy, Debug)]
pub enum FileSource<'a> {
    /// The file system; includes are relative to the including file.
    Disk,
    /// Files compiled into the program, by path relative to `data/actors/`.
    Embedded(&'a [(&'a str, &'a str)]),
}

impl FileSource<'_> {
    fn read(&self, path: &Path) -> std::io::Result<String> {
        match self {
            FileSource::Disk => std::fs::read_to_string(path),
            FileSource::Embedded(files) => {
                let wanted = path.to_string_lossy().replace('\\', "/");
                files
                    .iter()
                    .find(|(name, _)| *name == wanted)
                    .map(|(_, text)| (*text).to_owned())
                    .ok_or_else(|| {
                        std::io::Error::new(std::io::ErrorKind::NotFound, "no such embedded file")
                    })
            }
        }
    }
}

/// Parses `path` (and what it includes) into `out`, adding every problem to `errors`.
pub fn parse_file(source: FileSource, path: &Path, out: &mut Parsed, errors: &mut Vec<Error>) {
    let mut stack = Vec::new();
    parse_one(source, path, out, errors, &mut stack);
}

fn parse_one(
    source: FileSource,
    path: &Path,
    out: &mut Parsed,
    errors: &mut Vec<Error>,
    stack: &mut Vec<PathBuf>,
) {
    let path = &lexical(path);
    let name = path.display().to_string();
    if stack.iter().any(|p| p == path) {
        errors.push(Error::new(
            &name,
            0,
            crate::error::ErrorKind::IncludeCycle(name.clone()),
        ));
        return;
    }
    let text = match source.read(path) {
        Ok(text) => text,
        Err(e) => return errors.push(Error::new(&name, 0, e)),
    };
    stack.push(path.to_owned());
    let mut current: Option<Entry> = None;
    for (index, raw) in text.lines().enumerate() {
        let line_no = index + 1;
        let line = strip_comment(raw);
        if line.trim().is_empty() {
            continue;
        }
        let indented = line.starts_with([' ', '\t']);
        let line = line.trim();
        if indented {
            match current.as_mut() {
                Some(entry) => {
                    if let Err(e) = attribute(entry, line, &name, line_no) {
                        errors.push(e);
                    }
                }
                None => errors.push(Error::syntax(
                    &name,
                    line_no,
                    "an indented line must follow an entry header such as `country TUR Turkey`",
                )),
            }
            continue;
        }
        out.entries.extend(current.take());
        let (word, rest) = split_word(line);
        match word {
            "include" => {
                let target = path.parent().unwrap_or(Path::new("")).join(rest.trim());
                parse_one(source, &target, out, errors, stack);
            }
            "codes" => out
                .declared
                .codes
                .extend(rest.split_whitespace().map(str::to_owned)),
            _ => match header(word, rest, &name, line_no) {
                Ok(entry) => current = Some(entry),
                Err(e) => errors.push(e),
            },
        }
    }
    out.entries.extend(current.take());
    stack.pop();
}

/// `a/sub/../b.txt` → `a/b.txt`, without touching the file system (embedded
/// files have no file system to ask).
fn lexical(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir if out.file_name().is_some() => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Drops a comment: a line starting with `#`, or ` #` and what follows.
fn strip_comment(line: &str) -> &str {
    if line.trim_start().starts_with('#') {
        return "";
    }
    match line.find(" #").or_else(|| line.find("\t#")) {
        Some(at) => &line[..at],
        None => line,
    }
}

fn split_word(text: &str) -> (&str, &str) {
    let text = text.trim();
    match text.find(char::is_whitespace) {
        Some(at) => (&text[..at], text[at..].trim()),
        None => (text, ""),
    }
}

fn header(word: &str, rest: &str, file: &str, line: usize) -> Result<Entry, Error> {
    let kind = match word {
        "country" => EntryKind::Country,
        "organisation" | "organization" => EntryKind::Organisation,
        "sector" => EntryKind::Sector,
        "generic" => EntryKind::Generic,
        "person" => EntryKind::Person,
        "actor" => EntryKind::Actor,
        _ => {
            return Err(Error::syntax(
                file,
                line,
                format!("unknown directive {word:?}: expected an entry header (country, organisation, sector, generic, person, actor), `include FILE` or `codes AAA BBB`"),
            ))
        }
    };
    let (id, name) = split_word(rest);
    if id.is_empty() {
        return Err(Error::syntax(
            file,
            line,
            format!("`{word}` needs an id and a name, as in `country TUR Turkey`"),
        ));
    }
    let name = if name.is_empty() { id } else { name };
    let mut entry = Entry::new(kind, id, name, file, line);
    match kind {
        EntryKind::Country | EntryKind::Organisation | EntryKind::Sector | EntryKind::Actor => {
            entry.code = Some(ActorCode::new(id).map_err(|e| Error::new(file, line, e))?);
        }
        EntryKind::Person | EntryKind::Generic => {}
    }
    if !matches!(kind, EntryKind::Sector | EntryKind::Generic) {
        entry.aliases.push(Alias {
            text: name.to_owned(),
            kind: AliasKind::Name,
            line,
        });
    }
    if kind == EntryKind::Person && is_wikidata(id) {
        entry.wikidata = Some(id.to_owned());
    }
    Ok(entry)
}

fn is_wikidata(id: &str) -> bool {
    id.len() > 1 && id.starts_with('Q') && id[1..].bytes().all(|b| b.is_ascii_digit())
}

fn attribute(entry: &mut Entry, line: &str, file: &str, line_no: usize) -> Result<(), Error> {
    let Some((key, value)) = line.split_once(':') else {
        return Err(Error::syntax(
            file,
            line_no,
            "expected `key: value`, as in `names: Türkiye | Turkiye`",
        ));
    };
    let value = value.trim();
    let aliases = |kind| {
        value
            .split('|')
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(move |text| Alias {
                text: text.to_owned(),
                kind,
                line: line_no,
            })
    };
    match key.trim() {
        "names" => entry.aliases.extend(aliases(AliasKind::Name)),
        "adjectives" => entry.aliases.extend(aliases(AliasKind::Adjective)),
        "seats" => entry.aliases.extend(aliases(AliasKind::Seat)),
        "nouns" => entry.aliases.extend(aliases(AliasKind::Noun)),
        "role" => entry.roles.push(role(value, file, line_no)?),
        "code" => entry.code = Some(ActorCode::new(value).map_err(|e| Error::new(file, line_no, e))?),
        "country" => entry.country = Some(value.to_owned()),
        "wikidata" => entry.wikidata = Some(value.to_owned()),
        "gender" => {
            entry.gender = Some(match value {
                "male" => Gender::Male,
                "female" => Gender::Female,
                _ => return Err(Error::syntax(file, line_no, "gender is `male` or `female`")),
            })
        }
        "placement" => {
            entry.placement = match value {
                "suffix" => Placement::Suffix,
                "prefix" => Placement::Prefix,
                _ => return Err(Error::syntax(file, line_no, "placement is `suffix` or `prefix`")),
            }
        }
        "example" => entry.examples.push(example(value, file, line_no)?),
        other => {
            return Err(Error::syntax(
                file,
                line_no,
                format!("unknown key {other:?}: expected names, adjectives, seats, nouns, role, code, country, wikidata, gender, placement or example"),
            ))
        }
    }
    Ok(())
}

/// `TURGOV 2015-11-24..2023-06-03 Minister of Foreign Affairs`
fn role(value: &str, file: &str, line: usize) -> Result<Role, Error> {
    let (code, rest) = split_word(value);
    let (range, title) = split_word(rest);
    let code = ActorCode::new(code).map_err(|e| Error::new(file, line, e))?;
    let range = date_range(range, file, line)?;
    Ok(Role {
        code,
        range,
        title: title.to_owned(),
        line,
    })
}

/// `START..END`, either side empty for an open bound.
pub(crate) fn date_range(text: &str, file: &str, line: usize) -> Result<DateRange, Error> {
    let Some((start, end)) = text.split_once("..") else {
        return Err(Error::syntax(
            file,
            line,
            format!("expected a date range START..END (either may be empty), found {text:?}"),
        ));
    };
    let date = |t: &str| -> Result<Option<Date>, Error> {
        if t.is_empty() {
            Ok(None)
        } else {
            Date::parse(t)
                .map(Some)
                .map_err(|e| Error::new(file, line, e))
        }
    };
    let range = DateRange {
        start: date(start)?,
        end: date(end)?,
    };
    if let (Some(s), Some(e)) = (range.start, range.end) {
        if e <= s {
            return Err(Error::syntax(
                file,
                line,
                format!("the range {text} ends before it starts"),
            ));
        }
    }
    Ok(range)
}

/// `Turkish officials met. => TURGOV @ 2021-03-23`
fn example(value: &str, file: &str, line: usize) -> Result<Example, Error> {
    let Some((text, want)) = value.rsplit_once("=>") else {
        return Err(Error::syntax(
            file,
            line,
            "an example is `SENTENCE => CODE` or `SENTENCE => CODE @ DATE`",
        ));
    };
    let (code, date) = match want.split_once('@') {
        Some((code, date)) => (
            code.trim(),
            Some(Date::parse(date.trim()).map_err(|e| Error::new(file, line, e))?),
        ),
        None => (want.trim(), None),
    };
    Ok(Example {
        text: text.trim().to_owned(),
        date,
        code: ActorCode::new(code).map_err(|e| Error::new(file, line, e))?,
        line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Parsed, Vec<Error>) {
        let files = [("t.txt", text)];
        let mut out = Parsed::default();
        let mut errors = Vec::new();
        parse_file(
            FileSource::Embedded(&files),
            Path::new("t.txt"),
            &mut out,
            &mut errors,
        );
        (out, errors)
    }

    #[test]
    fn reads_each_entry_kind() {
        let (parsed, errors) = parse(
            "# countries\ncountry TUR Turkey\n  names: Türkiye | Turkiye\n  adjectives: Turkish\n  seats: Ankara\n\
             organisation IGOUNO United Nations  # the UN\n  names: UN\n\
             sector MIL military\n  nouns: troops | soldiers\n\
             generic side side\n  nouns: side\n\
             person Q7821917 Antony Blinken\n  role: USAGOV 2021-01-26..2025-01-21 Secretary of State\n  gender: male\n  example: Blinken spoke. => USAGOV @ 2022-01-01\n",
        );
        assert!(errors.is_empty(), "{errors:?}");
        let kinds: Vec<_> = parsed.entries.iter().map(|e| e.kind).collect();
        assert_eq!(
            kinds,
            [
                EntryKind::Country,
                EntryKind::Organisation,
                EntryKind::Sector,
                EntryKind::Generic,
                EntryKind::Person
            ]
        );
        assert_eq!(parsed.entries[0].aliases.len(), 5);
        assert_eq!(parsed.entries[1].name, "United Nations");
        assert_eq!(
            parsed.entries[2].aliases.len(),
            2,
            "a sector's name is a label, not an alias"
        );
        let blinken = &parsed.entries[4];
        assert_eq!(blinken.wikidata.as_deref(), Some("Q7821917"));
        assert_eq!(blinken.roles[0].code.as_str(), "USAGOV");
        assert_eq!(blinken.examples[0].code.as_str(), "USAGOV");
        assert_eq!(blinken.gender, Some(Gender::Male));
    }

    #[test]
    fn errors_name_file_and_line_and_all_are_collected() {
        let (parsed, errors) = parse(
            "country tur Turkey\n  names: x\ncountry GRC Greece\n  colour: blue\n  role: GRCGOV 2020-01-01..2019-01-01\nfrobnicate\n",
        );
        let lines: Vec<_> = errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(errors.len(), 5, "{lines:#?}");
        assert!(lines[0].starts_with("t.txt:1:"), "{}", lines[0]);
        assert!(
            lines[1].starts_with("t.txt:2:"),
            "an attribute with no entry: {}",
            lines[1]
        );
        assert!(lines[2].contains("t.txt:4:") && lines[2].contains("unknown key"));
        assert!(lines[3].contains("t.txt:5:") && lines[3].contains("ends before"));
        assert!(lines[4].contains("t.txt:6:"));
        assert_eq!(parsed.entries.len(), 1);
    }

    #[test]
    fn includes_are_relative_and_cycles_are_caught() {
        let files = [
            ("a/main.txt", "include sub/b.txt\ncountry TUR Turkey\n"),
            ("a/sub/b.txt", "country GRC Greece\ninclude ../main.txt\n"),
        ];
        let mut out = Parsed::default();
        let mut errors = Vec::new();
        parse_file(
            FileSource::Embedded(&files),
            Path::new("a/main.txt"),
            &mut out,
            &mut errors,
        );
        assert_eq!(out.entries.len(), 2);
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].to_string().contains("include cycle"),
            "{}",
            errors[0]
        );
    }
}
