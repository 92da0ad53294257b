//! The event record: dyad's output schema, defined here and only here.
//!
//! One record is one coded event — who did what to whom, when and where — with the
//! evidence for it. As JSON Lines (the default output) a record looks like this:
//!
//! ```json
//! {"story_id": "…", "sentence": 0, "date": "2021-03-23",
//!  "source": {"code": "USAGOV", "country": "USA", "sectors": ["GOV"], "text": "Secretary Blinken", "span": [120, 137]},
//!  "target": {"code": "TUR", "country": "TUR", "sectors": [], "text": "Turkey", "span": [145, 151]},
//!  "cameo": "1041", "cameo_root": "10", "quad_class": 3, "goldstein": -5.0,
//!  "plover": {"type": "DEMAND", "mode": "", "context": []},
//!  "issues": ["ARMS"],
//!  "location": {"name": "Brussels", "country": "BEL", "admin1": "Brussels Capital", "lat": 50.85, "lon": 4.35, "span": [60, 68]},
//!  "verb": {"text": "urged", "span": [138, 143]},
//!  "rule": "urge/02", "negated": false, "text": "…the sentence…"}
//! ```
//!
//! | field | meaning |
//! |---|---|
//! | `story_id` | the story's id as read |
//! | `sentence` | index of the sentence in the story, from 0 |
//! | `date` | the event date, `YYYY-MM-DD` (the story date unless the text says otherwise) |
//! | `source`, `target` | the actors: full code, country (ISO 3166 alpha-3, or `null` for organisations), sector codes, the words that named them and their span; `null` when the sentence names none |
//! | `cameo`, `cameo_root` | the CAMEO event code and its two-digit root |
//! | `quad_class` | 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict |
//! | `goldstein` | the Goldstein score of the CAMEO code, −10 to +10 |
//! | `plover` | the PLOVER event type, mode and contexts of the CAMEO code; `null` where the table has none |
//! | `issues` | issue tags found in the sentence (`ARMS`, `NUCLEAR`, …) |
//! | `location` | where the event happened: place name, country, first-level division, coordinates and the span that named it; `null` when nothing says |
//! | `verb` | the words of the predicate that was coded and their span |
//! | `rule` | the id of the dictionary pattern that fired |
//! | `negated` | true when the predicate is negated ("did not attack") |
//! | `text` | the sentence |
//!
//! Spans are byte offsets `[start, end)` into the story text. Absent parts are `null`,
//! never invented. CSV and TSV output flattens the record into [`Event::COLUMNS`].

use crate::{ActorCode, CameoCode, Date, Span};
use serde::{Deserialize, Serialize, Serializer};

/// An actor as named in a sentence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActorMention {
    /// The full code, e.g. `USAGOV`.
    pub code: ActorCode,
    /// ISO 3166 alpha-3 country, `null` for organisations without one.
    pub country: Option<String>,
    /// Sector codes, e.g. `["GOV"]`.
    pub sectors: Vec<String>,
    /// The words that named the actor.
    pub text: String,
    /// Where those words are in the story text.
    pub span: Span,
}

/// The PLOVER classification of an event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plover {
    /// Event type, e.g. `CONSULT`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Mode within the type; empty when the type has none.
    pub mode: String,
    /// Contexts, e.g. `["diplomatic"]`.
    pub context: Vec<String>,
}

/// Where an event happened.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Location {
    /// The place as the gazetteer names it.
    pub name: String,
    /// ISO 3166 alpha-3 country, when the place is in one.
    pub country: Option<String>,
    /// First-level administrative division, when known.
    pub admin1: Option<String>,
    /// Latitude in degrees.
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
    /// The words in the story text that named the place.
    pub span: Span,
}

/// Words in the text that a part of the record rests on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// The words.
    pub text: String,
    /// Their span in the story text.
    pub span: Span,
}

/// One coded event. See the [module documentation](self) for the schema.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Event {
    /// The story's id.
    pub story_id: String,
    /// Index of the sentence in the story, from 0.
    pub sentence: usize,
    /// The event date.
    pub date: Date,
    /// Who acted.
    pub source: Option<ActorMention>,
    /// Who was acted upon.
    pub target: Option<ActorMention>,
    /// The CAMEO event code.
    pub cameo: CameoCode,
    /// 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    pub quad_class: u8,
    /// Goldstein score of the code.
    pub goldstein: f64,
    /// PLOVER classification.
    pub plover: Option<Plover>,
    /// Issue tags.
    pub issues: Vec<String>,
    /// Where it happened.
    pub location: Option<Location>,
    /// The predicate's words.
    pub verb: Option<Evidence>,
    /// Id of the pattern that fired.
    pub rule: String,
    /// True when the predicate is negated.
    pub negated: bool,
    /// The sentence.
    pub text: String,
}

/// The JSON shape of [`Event`]: the struct plus `cameo_root`, which is derived from
/// `cameo` when written rather than stored twice.
#[derive(Serialize)]
struct EventRecord<'a> {
    story_id: &'a str,
    sentence: usize,
    date: Date,
    source: &'a Option<ActorMention>,
    target: &'a Option<ActorMention>,
    cameo: &'a CameoCode,
    cameo_root: &'a str,
    quad_class: u8,
    goldstein: f64,
    plover: &'a Option<Plover>,
    issues: &'a [String],
    location: &'a Option<Location>,
    verb: &'a Option<Evidence>,
    rule: &'a str,
    negated: bool,
    text: &'a str,
}

impl Serialize for Event {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        EventRecord {
            story_id: &self.story_id,
            sentence: self.sentence,
            date: self.date,
            source: &self.source,
            target: &self.target,
            cameo: &self.cameo,
            cameo_root: self.cameo.root(),
            quad_class: self.quad_class,
            goldstein: self.goldstein,
            plover: &self.plover,
            issues: &self.issues,
            location: &self.location,
            verb: &self.verb,
            rule: &self.rule,
            negated: self.negated,
            text: &self.text,
        }
        .serialize(serializer)
    }
}

impl Event {
    /// Column names of the flat (CSV/TSV) form, in order. Lists (sectors, issues,
    /// PLOVER contexts) are joined with `;`; absent parts are empty cells.
    pub const COLUMNS: [&'static str; 33] = [
        "story_id",
        "sentence",
        "date",
        "source_code",
        "source_country",
        "source_sectors",
        "source_text",
        "source_start",
        "source_end",
        "target_code",
        "target_country",
        "target_sectors",
        "target_text",
        "target_start",
        "target_end",
        "cameo",
        "cameo_root",
        "quad_class",
        "goldstein",
        "plover_type",
        "plover_mode",
        "plover_context",
        "issues",
        "location_name",
        "location_country",
        "location_admin1",
        "location_lat",
        "location_lon",
        "location_start",
        "location_end",
        "verb_text",
        "verb_start",
        "verb_end",
    ];

    /// Column names of the flat form including the trailing `rule`, `negated`, `text`.
    pub fn flat_header() -> Vec<&'static str> {
        let mut header = Self::COLUMNS.to_vec();
        header.extend(["rule", "negated", "text"]);
        header
    }

    /// The record as flat cells, matching [`Event::flat_header`].
    pub fn flat_row(&self) -> Vec<String> {
        let mut row = vec![
            self.story_id.clone(),
            self.sentence.to_string(),
            self.date.to_string(),
        ];
        push_actor(&mut row, self.source.as_ref());
        push_actor(&mut row, self.target.as_ref());
        row.extend([
            self.cameo.to_string(),
            self.cameo.root().to_owned(),
            self.quad_class.to_string(),
            self.goldstein.to_string(),
        ]);
        match &self.plover {
            Some(p) => row.extend([p.kind.clone(), p.mode.clone(), p.context.join(";")]),
            None => row.extend([String::new(), String::new(), String::new()]),
        }
        row.push(self.issues.join(";"));
        match &self.location {
            Some(l) => row.extend([
                l.name.clone(),
                l.country.clone().unwrap_or_default(),
                l.admin1.clone().unwrap_or_default(),
                l.lat.to_string(),
                l.lon.to_string(),
                l.span.start.to_string(),
                l.span.end.to_string(),
            ]),
            None => row.extend(std::iter::repeat_n(String::new(), 7)),
        }
        match &self.verb {
            Some(v) => row.extend([
                v.text.clone(),
                v.span.start.to_string(),
                v.span.end.to_string(),
            ]),
            None => row.extend(std::iter::repeat_n(String::new(), 3)),
        }
        row.extend([
            self.rule.clone(),
            self.negated.to_string(),
            self.text.clone(),
        ]);
        row
    }
}

fn push_actor(row: &mut Vec<String>, actor: Option<&ActorMention>) {
    match actor {
        Some(a) => row.extend([
            a.code.to_string(),
            a.country.clone().unwrap_or_default(),
            a.sectors.join(";"),
            a.text.clone(),
            a.span.start.to_string(),
            a.span.end.to_string(),
        ]),
        None => row.extend(std::iter::repeat_n(String::new(), 6)),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The event of the issue's example, built by hand: USAGOV demands of TUR.
    pub fn blinken_event() -> Event {
        Event {
            story_id: "s1".into(),
            sentence: 0,
            date: Date::parse("2021-03-23").unwrap(),
            source: Some(ActorMention {
                code: ActorCode::new("USAGOV").unwrap(),
                country: Some("USA".into()),
                sectors: vec!["GOV".into()],
                text: "Secretary Blinken".into(),
                span: Span::new(120, 137),
            }),
            target: Some(ActorMention {
                code: ActorCode::new("TUR").unwrap(),
                country: Some("TUR".into()),
                sectors: vec![],
                text: "Turkey".into(),
                span: Span::new(145, 151),
            }),
            cameo: CameoCode::new("1041").unwrap(),
            quad_class: 3,
            goldstein: -5.0,
            plover: Some(Plover {
                kind: "DEMAND".into(),
                mode: String::new(),
                context: vec![],
            }),
            issues: vec!["ARMS".into()],
            location: None,
            verb: Some(Evidence {
                text: "urged".into(),
                span: Span::new(138, 143),
            }),
            rule: "urge/02".into(),
            negated: false,
            text: "Secretary Blinken urged Turkey to give up the S-400.".into(),
        }
    }

    #[test]
    fn json_has_the_fixed_fields_in_order() {
        let json = serde_json::to_string(&blinken_event()).unwrap();
        let fields = [
            "story_id",
            "sentence",
            "date",
            "source",
            "target",
            "cameo",
            "cameo_root",
            "quad_class",
            "goldstein",
            "plover",
            "issues",
            "location",
            "verb",
            "rule",
            "negated",
            "text",
        ];
        let mut last = 0;
        for field in fields {
            let at = json[last..].find(&format!("\"{field}\":"));
            last += at.unwrap_or_else(|| panic!("{field} missing or out of order in {json}"));
        }
        assert!(json.contains(r#""cameo_root":"10""#), "{json}");
        assert!(json.contains(r#""location":null"#), "{json}");
        assert!(json.contains(r#""span":[120,137]"#), "{json}");
        assert!(json.contains(r#""plover":{"type":"DEMAND","mode":"","context":[]}"#));
    }

    #[test]
    fn json_round_trips() {
        let event = blinken_event();
        let json = serde_json::to_string(&event).unwrap();
        assert_eq!(serde_json::from_str::<Event>(&json).unwrap(), event);
    }

    #[test]
    fn flat_row_matches_header() {
        let row = blinken_event().flat_row();
        let header = Event::flat_header();
        assert_eq!(row.len(), header.len());
        let cell = |name| &row[header.iter().position(|h| *h == name).unwrap()];
        assert_eq!(cell("source_code"), "USAGOV");
        assert_eq!(cell("target_end"), "151");
        assert_eq!(cell("location_name"), "");
        assert_eq!(cell("issues"), "ARMS");
        assert_eq!(cell("negated"), "false");
    }
}
