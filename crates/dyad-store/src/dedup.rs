//! GDELT-style daily de-duplication.
//!
//! GDELT records one event per day and dyad however many articles report it, and
//! counts the mentions. Here: events with the same **date, source code, target
//! code, CAMEO code and negation** collapse into one row, with
//!
//! - `num_mentions`: how many event records collapsed (a sentence may give two),
//! - `num_sentences`: how many distinct (story, sentence) pairs,
//! - `num_stories`: how many distinct stories,
//! - `mentions`: the (story, sentence) pairs, as a JSON array of `[story_id, sentence]`.
//!
//! Negation is part of the key so that "did not attack" never swells a count of
//! attacks. Absent actors (no source, no target) group together as absent.
//!
//! The rule is written once, as the SQL view [`DAILY_EVENTS_VIEW`] that every
//! database carries; `dyad dedup` on an event file loads the file into a database
//! in memory and reads the same view.

use crate::table::{Table, Value};
use crate::{EventStore, StoreError};
use dyad_doc::Date;

/// The view `daily_events`, part of every database's schema. The order of
/// `mentions` inside the view is SQLite's; [`daily_events`] sorts it. (An ORDER BY
/// inside the aggregate would need SQLite 3.44, and older readers such as many
/// Python builds could then not open the database at all.)
pub const DAILY_EVENTS_VIEW: &str = "CREATE VIEW daily_events AS
SELECT date, source_code, target_code, cameo, negated,
       substr(cameo, 1, 2) AS cameo_root,
       min(quad_class) AS quad_class,
       min(goldstein) AS goldstein,
       min(source_country) AS source_country,
       min(target_country) AS target_country,
       sum(records) AS num_mentions,
       count(*) AS num_sentences,
       count(DISTINCT story_id) AS num_stories,
       json_group_array(json_array(story_id, sentence)) AS mentions
FROM (SELECT date, source_code, target_code, cameo, negated, story_id, sentence,
             min(quad_class) AS quad_class, min(goldstein) AS goldstein,
             min(source_country) AS source_country, min(target_country) AS target_country,
             count(*) AS records
      FROM events
      GROUP BY date, source_code, target_code, cameo, negated, story_id, sentence
      ORDER BY story_id, sentence)
GROUP BY date, source_code, target_code, cameo, negated";

/// One de-duplicated event: a (date, source, target, CAMEO, negation) cell.
#[derive(Clone, Debug, PartialEq)]
pub struct DailyEvent {
    /// The day.
    pub date: Date,
    /// Source actor code; `None` when the events name no source.
    pub source_code: Option<String>,
    /// Target actor code; `None` when the events name no target.
    pub target_code: Option<String>,
    /// CAMEO event code.
    pub cameo: String,
    /// True for negated events ("did not attack").
    pub negated: bool,
    /// The CAMEO root (first two digits).
    pub cameo_root: String,
    /// QuadClass of the code.
    pub quad_class: i64,
    /// Goldstein score of the code.
    pub goldstein: f64,
    /// Source country, when the source has one.
    pub source_country: Option<String>,
    /// Target country, when the target has one.
    pub target_country: Option<String>,
    /// Event records collapsed.
    pub num_mentions: i64,
    /// Distinct (story, sentence) pairs.
    pub num_sentences: i64,
    /// Distinct stories.
    pub num_stories: i64,
    /// The (story id, sentence) pairs, sorted.
    pub mentions: Vec<(String, i64)>,
}

/// Every row of the `daily_events` view, sorted by date, source, target, CAMEO code
/// and negation (absent codes first).
pub fn daily_events(store: &EventStore) -> Result<Vec<DailyEvent>, StoreError> {
    let mut statement = store
        .connection()
        .prepare(
            "SELECT date, source_code, target_code, cameo, negated, cameo_root, quad_class,
                    goldstein, source_country, target_country, num_mentions, num_sentences,
                    num_stories, mentions
             FROM daily_events
             ORDER BY date, source_code, target_code, cameo, negated",
        )
        .map_err(|e| store.error(e))?;
    let rows = statement
        .query_map([], |row| {
            let date: String = row.get(0)?;
            let mentions: String = row.get(13)?;
            Ok(DailyEvent {
                date: Date::parse(&date).map_err(|e| conversion(0, e))?,
                source_code: row.get(1)?,
                target_code: row.get(2)?,
                cameo: row.get(3)?,
                negated: row.get(4)?,
                cameo_root: row.get(5)?,
                quad_class: row.get(6)?,
                goldstein: row.get(7)?,
                source_country: row.get(8)?,
                target_country: row.get(9)?,
                num_mentions: row.get(10)?,
                num_sentences: row.get(11)?,
                num_stories: row.get(12)?,
                mentions: parse_mentions(&mentions).map_err(|e| conversion(13, e))?,
            })
        })
        .map_err(|e| store.error(e))?;
    rows.collect::<Result<_, _>>().map_err(|e| store.error(e))
}

fn conversion(
    column: usize,
    error: impl std::error::Error + Send + Sync + 'static,
) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, Box::new(error))
}

fn parse_mentions(json: &str) -> Result<Vec<(String, i64)>, serde_json::Error> {
    let mut pairs: Vec<(String, i64)> = serde_json::from_str(json)?;
    pairs.sort();
    Ok(pairs)
}

/// The rows as a table for printing.
pub fn to_table(rows: &[DailyEvent]) -> Table {
    Table {
        columns: vec![
            "date",
            "source_code",
            "target_code",
            "cameo",
            "negated",
            "cameo_root",
            "quad_class",
            "goldstein",
            "source_country",
            "target_country",
            "num_mentions",
            "num_sentences",
            "num_stories",
            "mentions",
        ],
        rows: rows.iter().map(row_values).collect(),
    }
}

fn row_values(row: &DailyEvent) -> Vec<Value> {
    let mentions = row
        .mentions
        .iter()
        .map(|(story, sentence)| serde_json::json!([story, sentence]))
        .collect();
    vec![
        Value::Text(row.date.to_string()),
        Value::text(row.source_code.clone()),
        Value::text(row.target_code.clone()),
        Value::Text(row.cameo.clone()),
        Value::Text(row.negated.to_string()),
        Value::Text(row.cameo_root.clone()),
        Value::Int(row.quad_class),
        Value::Real(row.goldstein),
        Value::text(row.source_country.clone()),
        Value::text(row.target_country.clone()),
        Value::Int(row.num_mentions),
        Value::Int(row.num_sentences),
        Value::Int(row.num_stories),
        Value::Json(serde_json::Value::Array(mentions)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flat::tests::{bare_event, full_event};
    use dyad_doc::{CameoCode, Event};

    fn store_with(events: Vec<Event>) -> EventStore {
        let mut store = EventStore::open_in_memory().unwrap();
        store.load_events(events.into_iter().map(Ok)).unwrap();
        store
    }

    #[test]
    fn same_day_dyad_and_code_collapse_with_counts() {
        let mut other_code = full_event("b", 2, "2021-03-23");
        other_code.cameo = CameoCode::new("042").unwrap();
        let store = store_with(vec![
            full_event("b", 4, "2021-03-23"),
            full_event("a", 1, "2021-03-23"),
            // Two records from one sentence: two mentions, one sentence.
            full_event("a", 1, "2021-03-23"),
            full_event("a", 3, "2021-03-23"),
            full_event("a", 0, "2021-03-24"),
            other_code,
        ]);
        let rows = daily_events(&store).unwrap();
        assert_eq!(rows.len(), 3, "{rows:#?}");
        let main = rows
            .iter()
            .find(|r| r.cameo == "1041" && r.date.day() == 23)
            .unwrap();
        assert_eq!(main.num_mentions, 4);
        assert_eq!(main.num_sentences, 3);
        assert_eq!(main.num_stories, 2);
        assert_eq!(
            main.mentions,
            [
                ("a".to_string(), 1),
                ("a".to_string(), 3),
                ("b".to_string(), 4)
            ]
        );
        assert_eq!(main.source_code.as_deref(), Some("USAGOV"));
        assert_eq!(main.source_country.as_deref(), Some("USA"));
        assert_eq!(main.cameo_root, "10");
        assert_eq!(main.goldstein, -5.0);
    }

    #[test]
    fn negated_and_actorless_events_stay_apart() {
        let mut negated = full_event("a", 1, "2021-03-23");
        negated.negated = true;
        let store = store_with(vec![
            full_event("a", 0, "2021-03-23"),
            negated,
            bare_event("a", 2, "2021-03-23"),
            bare_event("b", 0, "2021-03-23"),
        ]);
        let rows = daily_events(&store).unwrap();
        assert_eq!(rows.len(), 3, "{rows:#?}");
        // Absent codes sort first and group together.
        assert_eq!(rows[0].source_code, None);
        assert_eq!(rows[0].num_stories, 2);
        assert_eq!(rows.iter().filter(|r| r.negated).count(), 2);
    }

    #[test]
    fn table_has_a_value_per_column() {
        let store = store_with(vec![full_event("a", 0, "2021-03-23")]);
        let table = to_table(&daily_events(&store).unwrap());
        assert_eq!(table.rows[0].len(), table.columns.len());
        assert_eq!(
            table.rows[0][13],
            Value::Json(serde_json::json!([["a", 0]]))
        );
    }
}
