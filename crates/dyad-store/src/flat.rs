//! The event record as typed flat cells: one list of columns, in the order of
//! [`Event::flat_header`], shared by the SQLite `events` table and the Parquet file
//! so the two can never disagree on a name, a type or what is optional.

use dyad_doc::{ActorMention, Date, Event};
use std::borrow::Cow;

/// The type of a column's values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// UTF-8 text.
    Text,
    /// A 64-bit integer.
    Int,
    /// A 64-bit float.
    Real,
    /// True or false.
    Bool,
    /// A calendar date.
    Date,
}

/// One column of the flat record.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Column {
    pub name: &'static str,
    pub kind: Kind,
    /// True when the value can be absent (the part of the record is `null`).
    pub optional: bool,
}

const fn col(name: &'static str, kind: Kind, optional: bool) -> Column {
    Column {
        name,
        kind,
        optional,
    }
}

use Kind::{Bool, Date as D, Int, Real, Text};

/// Every column, in [`Event::flat_header`] order.
pub(crate) const COLUMNS: [Column; 36] = [
    col("story_id", Text, false),
    col("sentence", Int, false),
    col("date", D, false),
    col("source_code", Text, true),
    col("source_country", Text, true),
    col("source_sectors", Text, true),
    col("source_text", Text, true),
    col("source_start", Int, true),
    col("source_end", Int, true),
    col("target_code", Text, true),
    col("target_country", Text, true),
    col("target_sectors", Text, true),
    col("target_text", Text, true),
    col("target_start", Int, true),
    col("target_end", Int, true),
    col("cameo", Text, false),
    col("cameo_root", Text, false),
    col("quad_class", Int, false),
    col("goldstein", Real, false),
    col("plover_type", Text, true),
    col("plover_mode", Text, true),
    col("plover_context", Text, true),
    col("issues", Text, false),
    col("location_name", Text, true),
    col("location_country", Text, true),
    col("location_admin1", Text, true),
    col("location_lat", Real, true),
    col("location_lon", Real, true),
    col("location_start", Int, true),
    col("location_end", Int, true),
    col("verb_text", Text, true),
    col("verb_start", Int, true),
    col("verb_end", Int, true),
    col("rule", Text, false),
    col("negated", Bool, false),
    col("text", Text, false),
];

/// One cell; `None` is an absent part of the record.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Cell<'a> {
    Text(Option<Cow<'a, str>>),
    Int(Option<i64>),
    Real(Option<f64>),
    Bool(bool),
    Date(Date),
}

fn text(value: &str) -> Cell<'_> {
    Cell::Text(Some(Cow::Borrowed(value)))
}

fn int(value: usize) -> Cell<'static> {
    // Offsets and indexes of real text are far below i64::MAX.
    Cell::Int(Some(value as i64))
}

/// The cells of `event`, in [`COLUMNS`] order. Lists are joined with `;` as in CSV;
/// an actor, place or verb that is absent gives absent cells, while an empty list
/// of a present actor gives empty text, so the two stay distinguishable.
pub(crate) fn cells(event: &Event) -> Vec<Cell<'_>> {
    let mut row = Vec::with_capacity(COLUMNS.len());
    row.extend([
        text(&event.story_id),
        int(event.sentence),
        Cell::Date(event.date),
    ]);
    push_actor(&mut row, event.source.as_ref());
    push_actor(&mut row, event.target.as_ref());
    row.extend([
        text(event.cameo.as_str()),
        text(event.cameo.root()),
        Cell::Int(Some(i64::from(event.quad_class))),
        Cell::Real(Some(event.goldstein)),
    ]);
    let plover = event.plover.as_ref();
    row.extend([
        Cell::Text(plover.map(|p| Cow::Borrowed(p.kind.as_str()))),
        Cell::Text(plover.map(|p| Cow::Borrowed(p.mode.as_str()))),
        Cell::Text(plover.map(|p| Cow::Owned(p.context.join(";")))),
        Cell::Text(Some(Cow::Owned(event.issues.join(";")))),
    ]);
    let place = event.location.as_ref();
    row.extend([
        Cell::Text(place.map(|l| Cow::Borrowed(l.name.as_str()))),
        Cell::Text(place.and_then(|l| l.country.as_deref()).map(Cow::Borrowed)),
        Cell::Text(place.and_then(|l| l.admin1.as_deref()).map(Cow::Borrowed)),
        Cell::Real(place.map(|l| l.lat)),
        Cell::Real(place.map(|l| l.lon)),
        Cell::Int(place.map(|l| l.span.start as i64)),
        Cell::Int(place.map(|l| l.span.end as i64)),
    ]);
    let verb = event.verb.as_ref();
    row.extend([
        Cell::Text(verb.map(|v| Cow::Borrowed(v.text.as_str()))),
        Cell::Int(verb.map(|v| v.span.start as i64)),
        Cell::Int(verb.map(|v| v.span.end as i64)),
        text(&event.rule),
        Cell::Bool(event.negated),
        text(&event.text),
    ]);
    row
}

fn push_actor<'a>(row: &mut Vec<Cell<'a>>, actor: Option<&'a ActorMention>) {
    row.extend([
        Cell::Text(actor.map(|a| Cow::Borrowed(a.code.as_str()))),
        Cell::Text(actor.and_then(|a| a.country.as_deref()).map(Cow::Borrowed)),
        Cell::Text(actor.map(|a| Cow::Owned(a.sectors.join(";")))),
        Cell::Text(actor.map(|a| Cow::Borrowed(a.text.as_str()))),
        Cell::Int(actor.map(|a| a.span.start as i64)),
        Cell::Int(actor.map(|a| a.span.end as i64)),
    ]);
}

/// Days since 1970-01-01 (Parquet's DATE), by the civil-from-days inverse of
/// Howard Hinnant's `days_from_civil`.
pub(crate) fn days_since_epoch(date: Date) -> i32 {
    let (y, m, d) = (
        i64::from(date.year()),
        i64::from(date.month()),
        i64::from(date.day()),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era * 146_097 + doe - 719_468) as i32
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use dyad_doc::{ActorCode, CameoCode, Evidence, Location, Plover, Span};

    /// A full event (every part present) like the record documented in dyad-doc.
    pub fn full_event(story: &str, sentence: usize, date: &str) -> Event {
        Event {
            story_id: story.into(),
            sentence,
            date: Date::parse(date).unwrap(),
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
                context: vec!["military".into(), "diplomatic".into()],
            }),
            issues: vec!["ARMS".into()],
            location: Some(Location {
                name: "Brussels".into(),
                country: Some("BEL".into()),
                admin1: None,
                lat: 50.8505,
                lon: 4.3488,
                span: Span::new(60, 68),
            }),
            verb: Some(Evidence {
                text: "urged".into(),
                span: Span::new(138, 143),
            }),
            rule: "urge/02".into(),
            negated: false,
            text: "Secretary Blinken urged Turkey to give up the S-400.".into(),
        }
    }

    /// An event with every optional part absent.
    pub fn bare_event(story: &str, sentence: usize, date: &str) -> Event {
        Event {
            source: None,
            target: None,
            plover: None,
            issues: vec![],
            location: None,
            verb: None,
            negated: true,
            cameo: CameoCode::new("01").unwrap(),
            quad_class: 1,
            goldstein: 0.0,
            ..full_event(story, sentence, date)
        }
    }

    #[test]
    fn columns_are_the_flat_header() {
        let names: Vec<&str> = COLUMNS.iter().map(|c| c.name).collect();
        assert_eq!(names, Event::flat_header());
    }

    #[test]
    fn cells_have_the_kind_of_their_column() {
        for event in [
            full_event("s", 0, "2021-03-23"),
            bare_event("s", 1, "2021-03-23"),
        ] {
            let row = cells(&event);
            assert_eq!(row.len(), COLUMNS.len());
            for (cell, column) in row.iter().zip(COLUMNS) {
                let (kind, absent) = match cell {
                    Cell::Text(v) => (Kind::Text, v.is_none()),
                    Cell::Int(v) => (Kind::Int, v.is_none()),
                    Cell::Real(v) => (Kind::Real, v.is_none()),
                    Cell::Bool(_) => (Kind::Bool, false),
                    Cell::Date(_) => (Kind::Date, false),
                };
                assert_eq!(kind, column.kind, "{}", column.name);
                assert!(column.optional || !absent, "{} absent", column.name);
            }
        }
    }

    #[test]
    fn flat_cells_agree_with_the_csv_row() {
        let event = full_event("s", 0, "2021-03-23");
        let csv = event.flat_row();
        for ((cell, column), expected) in cells(&event).iter().zip(COLUMNS).zip(&csv) {
            let shown = match cell {
                Cell::Text(v) => v.as_deref().unwrap_or("").to_owned(),
                Cell::Int(v) => v.map(|n| n.to_string()).unwrap_or_default(),
                Cell::Real(v) => v.map(|n| n.to_string()).unwrap_or_default(),
                Cell::Bool(b) => b.to_string(),
                Cell::Date(d) => d.to_string(),
            };
            assert_eq!(&shown, expected, "{}", column.name);
        }
    }

    #[test]
    fn days_since_epoch_matches_known_dates() {
        let days = |text| days_since_epoch(Date::parse(text).unwrap());
        assert_eq!(days("1970-01-01"), 0);
        assert_eq!(days("2000-03-01"), 11_017);
        assert_eq!(days("2021-03-23"), 18_709);
        assert_eq!(days("1969-12-31"), -1);
    }
}
