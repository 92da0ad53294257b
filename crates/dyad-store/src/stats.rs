//! Counts and mean Goldstein score by directed country dyad and period.
//!
//! A dyad is (source country → target country), the ISO 3166 alpha-3 countries of
//! the event's actors; an actor without a country (an organisation) counts under an
//! absent country. Negated events ("did not attack") are left out: they record
//! that something did not happen. Per group:
//!
//! - `events`: event records,
//! - `daily_events`: distinct (date, source code, target code, CAMEO code) cells —
//!   the count after daily de-duplication ([`crate::dedup`]),
//! - `stories`: distinct stories,
//! - `mean_goldstein`: mean Goldstein score of the event records.
//!
//! Periods: `day` (`2021-03-23`), `week` (the Monday it starts on, `2021-03-22`),
//! `month` (`2021-03`).

use crate::table::{Table, Value};
use crate::{EventStore, StoreError};
use rusqlite::params;

/// How rows are grouped in time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    /// By day, `YYYY-MM-DD`.
    Day,
    /// By week, labelled with its Monday, `YYYY-MM-DD`.
    Week,
    /// By month, `YYYY-MM`.
    Month,
}

impl Period {
    fn sql(self) -> &'static str {
        match self {
            Period::Day => "date",
            // `weekday 0` moves forward to Sunday (or stays on one); six days back
            // is that week's Monday.
            Period::Week => "date(date, 'weekday 0', '-6 days')",
            Period::Month => "substr(date, 1, 7)",
        }
    }
}

/// A directed dyad filter, `SRC:TGT`; `*` on either side matches any country.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct DyadFilter {
    /// Source country, or any.
    pub source: Option<String>,
    /// Target country, or any.
    pub target: Option<String>,
}

impl DyadFilter {
    /// Parses `USA:TUR`, `USA:*` or `*:TUR`.
    pub fn parse(text: &str) -> Result<DyadFilter, String> {
        let (source, target) = text.split_once(':').ok_or_else(|| {
            format!("dyad {text:?}: expected SRC:TGT such as USA:TUR (* for any)")
        })?;
        let side = |code: &str| -> Result<Option<String>, String> {
            let code = code.trim();
            if code == "*" {
                return Ok(None);
            }
            if code.len() == 3 && code.bytes().all(|b| b.is_ascii_alphabetic()) {
                Ok(Some(code.to_ascii_uppercase()))
            } else {
                Err(format!(
                    "dyad {text:?}: {code:?} is not a three-letter country code (ISO 3166 alpha-3) or *"
                ))
            }
        };
        Ok(DyadFilter {
            source: side(source)?,
            target: side(target)?,
        })
    }
}

/// What to count.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct StatsQuery {
    /// Only this dyad.
    pub dyad: Option<DyadFilter>,
    /// Group by this period too; over the whole time when `None`.
    pub by: Option<Period>,
    /// Only this CAMEO root, two digits (`14` protest).
    pub root: Option<String>,
    /// Only this QuadClass, 1–4.
    pub quad: Option<u8>,
}

/// One group's numbers.
#[derive(Clone, Debug, PartialEq)]
pub struct StatsRow {
    /// The period, when grouped by one.
    pub period: Option<String>,
    /// Source country; `None` when the source has none.
    pub source_country: Option<String>,
    /// Target country; `None` when the target has none.
    pub target_country: Option<String>,
    /// Event records.
    pub events: i64,
    /// Distinct daily events.
    pub daily_events: i64,
    /// Distinct stories.
    pub stories: i64,
    /// Mean Goldstein score.
    pub mean_goldstein: f64,
}

/// The numbers for `query`, sorted by period, source and target (absent first).
pub fn stats(store: &EventStore, query: &StatsQuery) -> Result<Vec<StatsRow>, StoreError> {
    let period = query.by.map_or("NULL", Period::sql);
    let sql = format!(
        "SELECT {period} AS period, source_country, target_country, count(*),
                count(DISTINCT date || '|' || ifnull(source_code, '') || '|'
                      || ifnull(target_code, '') || '|' || cameo),
                count(DISTINCT story_id), avg(goldstein)
         FROM events
         WHERE negated = 0
           AND (?1 IS NULL OR source_country = ?1) AND (?2 IS NULL OR target_country = ?2)
           AND (?3 IS NULL OR cameo_root = ?3) AND (?4 IS NULL OR quad_class = ?4)
         GROUP BY 1, 2, 3
         ORDER BY 1, 2, 3"
    );
    let dyad = query.dyad.clone().unwrap_or_default();
    let mut statement = store
        .connection()
        .prepare(&sql)
        .map_err(|e| store.error(e))?;
    let rows = statement
        .query_map(
            params![dyad.source, dyad.target, query.root, query.quad],
            |row| {
                Ok(StatsRow {
                    period: row.get(0)?,
                    source_country: row.get(1)?,
                    target_country: row.get(2)?,
                    events: row.get(3)?,
                    daily_events: row.get(4)?,
                    stories: row.get(5)?,
                    mean_goldstein: row.get(6)?,
                })
            },
        )
        .map_err(|e| store.error(e))?;
    rows.collect::<Result<_, _>>().map_err(|e| store.error(e))
}

/// The rows as a table; the `period` column only when grouped by a period.
pub fn to_table(rows: &[StatsRow], by: Option<Period>) -> Table {
    let mut columns = vec![
        "source_country",
        "target_country",
        "events",
        "daily_events",
        "stories",
        "mean_goldstein",
    ];
    if by.is_some() {
        columns.insert(0, "period");
    }
    let rows = rows
        .iter()
        .map(|row| {
            let mut values = vec![
                Value::text(row.source_country.clone()),
                Value::text(row.target_country.clone()),
                Value::Int(row.events),
                Value::Int(row.daily_events),
                Value::Int(row.stories),
                Value::Real(row.mean_goldstein),
            ];
            if by.is_some() {
                values.insert(0, Value::text(row.period.clone()));
            }
            values
        })
        .collect();
    Table { columns, rows }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flat::tests::full_event;
    use dyad_doc::{ActorCode, CameoCode, Event};

    fn event(
        story: &str,
        date: &str,
        source: &str,
        target: &str,
        cameo: &str,
        goldstein: f64,
    ) -> Event {
        let mut event = full_event(story, 0, date);
        let source_mention = event.source.as_mut().unwrap();
        source_mention.code = ActorCode::new(source).unwrap();
        source_mention.country = Some(source.into());
        let target_mention = event.target.as_mut().unwrap();
        target_mention.code = ActorCode::new(target).unwrap();
        target_mention.country = Some(target.into());
        event.cameo = CameoCode::new(cameo).unwrap();
        event.quad_class = if goldstein < 0.0 { 3 } else { 1 };
        event.goldstein = goldstein;
        event
    }

    fn store() -> EventStore {
        let mut negated = event("n", "2021-03-23", "USA", "TUR", "190", -10.0);
        negated.negated = true;
        let events = vec![
            event("a", "2021-03-22", "USA", "TUR", "1041", -5.0),
            event("b", "2021-03-22", "USA", "TUR", "1041", -5.0),
            event("c", "2021-03-28", "USA", "TUR", "042", 1.9),
            event("d", "2021-03-29", "USA", "TUR", "042", 1.9),
            event("e", "2021-04-02", "TUR", "USA", "1041", -5.0),
            negated,
        ];
        let mut store = EventStore::open_in_memory().unwrap();
        store.load_events(events.into_iter().map(Ok)).unwrap();
        store
    }

    #[test]
    fn groups_by_directed_dyad() {
        let rows = stats(&store(), &StatsQuery::default()).unwrap();
        assert_eq!(rows.len(), 2);
        let usa_tur = &rows[1];
        assert_eq!(usa_tur.source_country.as_deref(), Some("USA"));
        assert_eq!(usa_tur.events, 4, "the negated event is left out");
        assert_eq!(usa_tur.daily_events, 3, "a and b are one daily event");
        assert_eq!(usa_tur.stories, 4);
        assert!((usa_tur.mean_goldstein - (-5.0 - 5.0 + 1.9 + 1.9) / 4.0).abs() < 1e-9);
    }

    #[test]
    fn weeks_start_on_monday_and_months_are_calendar_months() {
        let query = |by| StatsQuery {
            dyad: Some(DyadFilter::parse("usa:tur").unwrap()),
            by: Some(by),
            ..StatsQuery::default()
        };
        let weeks = stats(&store(), &query(Period::Week)).unwrap();
        let labels: Vec<_> = weeks.iter().map(|r| r.period.clone().unwrap()).collect();
        // 22 (Mon) to 28 (Sun) are one week; 29 starts the next.
        assert_eq!(labels, ["2021-03-22", "2021-03-29"]);
        assert_eq!(weeks[0].events, 3);
        let months = stats(&store(), &query(Period::Month)).unwrap();
        assert_eq!(months.len(), 1);
        assert_eq!(months[0].period.as_deref(), Some("2021-03"));
    }

    #[test]
    fn filters_by_root_and_quad_class() {
        let by_root = StatsQuery {
            root: Some("04".into()),
            ..StatsQuery::default()
        };
        let rows = stats(&store(), &by_root).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].events, 2);
        let by_quad = StatsQuery {
            quad: Some(3),
            by: Some(Period::Day),
            ..StatsQuery::default()
        };
        let rows = stats(&store(), &by_quad).unwrap();
        assert_eq!(rows.iter().map(|r| r.events).sum::<i64>(), 3);
    }

    #[test]
    fn dyad_filters_parse_with_wildcards_and_explain_mistakes() {
        assert_eq!(
            DyadFilter::parse("USA:*").unwrap(),
            DyadFilter {
                source: Some("USA".into()),
                target: None
            }
        );
        assert!(DyadFilter::parse("USA").unwrap_err().contains("SRC:TGT"));
        assert!(DyadFilter::parse("USA:TURKEY")
            .unwrap_err()
            .contains("three-letter"));
    }
}
