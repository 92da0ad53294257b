//! `dyad validate`: a PETRARCH validation suite (`<Sentence>` records with
//! `<EventCoding>` lines) coded from each record's raw `<Text>` through dyad's
//! own pipeline — segmenter, parser, actors from the given PETRARCH
//! dictionaries only, events from the given PETRARCH verbs only — and compared
//! with the expected events. A record passes when the set of (source, code,
//! target) it yields equals the expected set exactly; `noevents` and an
//! `error="…"` coding expect none. Records under `<Config option="require_dyad"
//! value="false">` are coded with one-sided events allowed.
//! The records' `<Parse>` is ignored.

use super::Outcome;
use crate::cli::ValidateArgs;
use anyhow::{bail, Context, Result};
use dyad_actors::{ActorDictionary, ActorDictionaryBuilder, ActorStage};
use dyad_doc::{Date, Story};
use dyad_engine::{CoderBuilder, Stage};
use dyad_events::EventStage;
use dyad_nlp::ParseStage;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::{BTreeMap, BTreeSet};

type Triple = (String, String, String);

/// One `<Sentence>` record.
struct Record {
    id: String,
    date: Option<Date>,
    line: usize,
    expected: BTreeSet<Triple>,
    text: String,
    /// `<Config>` options in force when the record was read.
    config: BTreeMap<String, String>,
}

pub fn run(args: &ValidateArgs) -> Result<Outcome> {
    let xml = std::fs::read_to_string(&args.records)
        .with_context(|| format!("cannot read {}", args.records.display()))?;
    let (records, configs) = read_records(&xml)
        .with_context(|| format!("{} is not PETRARCH validation XML", args.records.display()))?;
    if records.is_empty() {
        bail!("{} holds no <Sentence> records", args.records.display());
    }
    // One parse and actor pipeline; records under `<Config option="require_dyad"
    // value="false">` get a copy of the event stage that also codes events
    // without a target.
    let coder = CoderBuilder::new()
        .stage(ParseStage::new(super::parse::load_analyzer(None)?))
        .stage(ActorStage::new(actor_dictionary(args)?))
        .build();
    let events = events_stage(args)?;
    let one_sided_events = events.clone().one_sided(true);
    for (option, value) in configs.iter().filter(|(o, _)| *o != "require_dyad") {
        eprintln!(
            "validate: <Config option=\"{option}\" value=\"{value}\"> is ignored: {}",
            config_note(option)
        );
    }
    let mut passed = 0;
    let mut undated = 0;
    for record in &records {
        let Some(date) = record.date else {
            undated += 1;
            println!(
                "FAIL {} (line {}): no valid date=\"YYYYMMDD\"",
                record.id, record.line
            );
            continue;
        };
        let mut doc = coder.code(Story {
            id: record.id.clone(),
            date,
            source: None,
            title: None,
            text: record.text.clone(),
        });
        if requires_dyad(record) {
            events.process(&mut doc);
        } else {
            one_sided_events.process(&mut doc);
        }
        let got: BTreeSet<Triple> = doc
            .events
            .iter()
            .map(|e| {
                (
                    e.source
                        .as_ref()
                        .map_or("---".into(), |a| a.code.to_string()),
                    e.cameo.as_str().to_owned(),
                    e.target
                        .as_ref()
                        .map_or("---".into(), |a| a.code.to_string()),
                )
            })
            .collect();
        let pass = got == record.expected;
        passed += usize::from(pass);
        if !pass || !args.failures_only {
            println!(
                "{} {} expected=[{}] got=[{}]",
                if pass { "PASS" } else { "FAIL" },
                record.id,
                show(&record.expected),
                show(&got),
            );
        }
    }
    println!("{passed} of {} records pass", records.len());
    if undated > 0 {
        eprintln!("validate: {undated} records without a valid date were counted as failures");
    }
    Ok(if passed == records.len() {
        Outcome::Clean
    } else {
        Outcome::SomeRejected
    })
}

/// The suite's actors and agents alone.
fn actor_dictionary(args: &ValidateArgs) -> Result<ActorDictionary> {
    let mut actors = ActorDictionaryBuilder::new();
    for path in &args.actors_petrarch {
        actors = actors.petrarch_actors(path);
    }
    for path in &args.agents_petrarch {
        actors = actors.petrarch_agents(path);
    }
    Ok(actors.build()?)
}

/// PETRARCH's default: an event needs a source and a target.
fn requires_dyad(record: &Record) -> bool {
    !record
        .config
        .get("require_dyad")
        .is_some_and(|v| v.eq_ignore_ascii_case("false"))
}

/// The event stage over the suite's verbs and discards.
fn events_stage(args: &ValidateArgs) -> Result<EventStage> {
    let mut discards = String::new();
    for path in &args.discards_petrarch {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        discards.push_str(&discards_to_dyad(&text));
    }
    let mut stage_args = args.verbs_petrarch.clone();
    stage_args.dedup();
    super::verbs::petrarch_only(&stage_args, &[("PETRARCH discards".into(), discards)])
}

/// PETRARCH discards (`+PHRASE` for the story, `PHRASE` for the sentence) as
/// dyad `discard` lines; each validation record is one story of one sentence,
/// so both kinds discard the record.
fn discards_to_dyad(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        let phrase = line.trim_start_matches('+').trim();
        if phrase.is_empty() || phrase.contains('"') {
            continue;
        }
        out.push_str(&format!("discard \"{}\"\n", phrase.replace('_', " ")));
    }
    out
}

fn config_note(option: &str) -> &'static str {
    match option {
        "new_actor_length" => "dyad does not make actors from unknown phrases",
        o if o.starts_with("comma_") => {
            "dyad parses the whole sentence instead of dropping comma clauses"
        }
        _ => "not a setting dyad has",
    }
}

fn show(set: &BTreeSet<Triple>) -> String {
    set.iter()
        .map(|(s, c, t)| format!("{s} {c} {t}"))
        .collect::<Vec<_>>()
        .join("; ")
}

fn attribute(start: &BytesStart, name: &str) -> Option<String> {
    start
        .try_get_attribute(name)
        .ok()
        .flatten()
        .and_then(|a| a.unescape_value().ok())
        .map(|v| v.into_owned())
}

fn says_no_events(start: &BytesStart) -> bool {
    attribute(start, "noevents").is_some_and(|v| v.eq_ignore_ascii_case("true"))
}

fn marks_error(start: &BytesStart) -> bool {
    attribute(start, "error").is_some()
}

/// The `<Sentence>` records, and the `<Config>` options seen (last value of each).
fn read_records(xml: &str) -> Result<(Vec<Record>, BTreeMap<String, String>)> {
    let mut reader = Reader::from_str(xml);
    let mut records = Vec::new();
    let mut config: BTreeMap<String, String> = BTreeMap::new();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let mut current: Option<Record> = None;
    let mut in_text = false;
    loop {
        let position = reader.buffer_position() as usize;
        let event = reader
            .read_event()
            .with_context(|| format!("line {}", line_of(xml, position)))?;
        match event {
            Event::Eof => break,
            Event::Start(start) | Event::Empty(start) => match start.name().as_ref() {
                b"Sentence" => {
                    let date = attribute(&start, "date").and_then(|d| petrarch_date(&d));
                    // `noevents="True"` expects none: the set stays empty.
                    let expected = BTreeSet::new();
                    current = Some(Record {
                        id: attribute(&start, "id").unwrap_or_default(),
                        date,
                        line: line_of(xml, position),
                        expected,
                        text: String::new(),
                        config: config.clone(),
                    });
                }
                // `<EventCoding noevents="True"/>` expects no event, like the
                // attribute on `<Sentence>`; so does `error="…"` (a dateline,
                // a story or sentence discard, a bad parse): PETRARCH codes
                // nothing for the record. Nothing is added.
                b"EventCoding" if !says_no_events(&start) && !marks_error(&start) => {
                    if let Some(record) = current.as_mut() {
                        let get = |n| attribute(&start, n).unwrap_or_else(|| "---".into());
                        record.expected.insert((
                            get("sourcecode"),
                            get("eventcode"),
                            get("targetcode"),
                        ));
                    }
                }
                b"Text" => in_text = current.is_some(),
                b"Config" => {
                    if let (Some(option), Some(value)) =
                        (attribute(&start, "option"), attribute(&start, "value"))
                    {
                        config.insert(option.clone(), value.clone());
                        seen.insert(option, value);
                    }
                }
                _ => {}
            },
            Event::Text(text) if in_text => {
                if let Some(record) = current.as_mut() {
                    record.text.push_str(&text.unescape()?);
                }
            }
            Event::CData(text) if in_text => {
                if let Some(record) = current.as_mut() {
                    record.text.push_str(&String::from_utf8_lossy(&text));
                }
            }
            Event::End(end) => match end.name().as_ref() {
                b"Text" => in_text = false,
                b"Sentence" => {
                    if let Some(mut record) = current.take() {
                        record.text = record.text.split_whitespace().collect::<Vec<_>>().join(" ");
                        records.push(record);
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
    Ok((records, seen))
}

fn line_of(xml: &str, at: usize) -> usize {
    xml.as_bytes()[..at.min(xml.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// `19950101` → 1995-01-01.
fn petrarch_date(text: &str) -> Option<Date> {
    let text = text.trim();
    if text.len() != 8 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Date::from_ymd(
        text[..4].parse().ok()?,
        text[4..6].parse().ok()?,
        text[6..].parse().ok()?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_configs_and_codings_are_read() {
        let xml = r#"<Validation><Sentences>
<Config option="require_dyad" value="false" />
<Sentence date="19950101" id="A_1"><!-- note -->
<EventCoding eventcode="050" sourcecode="ARN" targetcode="GON" />
<Text>
Arnor restored ties
  with Gondor.
</Text><Parse>1 x</Parse></Sentence>
<Sentence date="1995" id="A_2" noevents="True"><Text>Nothing.</Text></Sentence>
<Sentence date="19950101" id="A_3"><EventCoding error="storydiscard" />
<Text>Arnor restored ties with Gondor.</Text></Sentence>
</Sentences></Validation>"#;
        let (records, configs) = read_records(xml).unwrap();
        assert_eq!(records.len(), 3);
        assert_eq!(records[0].text, "Arnor restored ties with Gondor.");
        assert_eq!(records[0].expected.len(), 1);
        assert_eq!(records[0].config["require_dyad"], "false");
        assert!(records[1].date.is_none() && records[1].expected.is_empty());
        assert!(
            records[2].expected.is_empty(),
            "an error coding expects nothing"
        );
        assert!(!requires_dyad(&records[0]));
        assert_eq!(configs.len(), 1);
    }

    #[test]
    fn discards_become_discard_lines() {
        assert_eq!(
            discards_to_dyad("# c\n+World Golf   # x\nBASEBALL\n"),
            "discard \"World Golf\"\ndiscard \"BASEBALL\"\n"
        );
    }
}
