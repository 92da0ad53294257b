//! The SQLite event store: stories and their events, one transaction per batch.
//!
//! Schema version [`SCHEMA_VERSION`] (see `docs/stores.md`):
//!
//! - `dyad_meta(key, value)`: `schema_version` and nothing else that varies, so two
//!   runs over the same input give databases with the same content.
//! - `stories(story_id PRIMARY KEY, date, source, title, text_hash)`.
//! - `events(story_id, event_index, <the flat event columns>)`, primary key
//!   `(story_id, event_index)`; `event_index` is the event's place in its story.
//! - the view `daily_events`, GDELT-style de-duplication ([`crate::dedup`]).
//!
//! Re-coding a story replaces its row and all its events, so writing the same
//! documents twice leaves the database as writing them once.

use crate::flat::{self, Cell, Kind};
use crate::{dedup, text_hash, StoreError, TextHash};
use dyad_doc::{Date, Document, Event, Story};
use rusqlite::types::{ToSql, ToSqlOutput, Value, ValueRef};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, Transaction};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The version of the schema this build reads and writes; a database of another
/// version is refused with [`StoreError::SchemaVersion`].
pub const SCHEMA_VERSION: i64 = 1;

/// A story as stored: what identifies it and the events coded from it.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredStory {
    /// The story's id, unique in the database.
    pub id: String,
    /// Publication date.
    pub date: Date,
    /// Publisher, when known.
    pub source: Option<String>,
    /// Headline, when known.
    pub title: Option<String>,
    /// [`text_hash`] of the story text.
    pub text_hash: TextHash,
    /// The events coded from it, in order.
    pub events: Vec<Event>,
}

impl StoredStory {
    /// The stored form of a coded document.
    pub fn from_document(doc: &Document) -> StoredStory {
        let story = &doc.story;
        StoredStory {
            id: story.id.clone(),
            date: story.date,
            source: story.source.clone(),
            title: story.title.clone(),
            text_hash: text_hash(&story.text),
            events: doc.events.clone(),
        }
    }
}

/// An open event database. Not `Sync` (SQLite connections are used by one thread
/// at a time); the runner hands documents to it on the calling thread, in order.
pub struct EventStore {
    conn: Connection,
    path: PathBuf,
}

impl EventStore {
    /// Opens the database at `path`, creating it with the current schema when the
    /// file is new or empty; switches it to WAL mode.
    pub fn open(path: &Path) -> Result<EventStore, StoreError> {
        let conn = Connection::open(path).map_err(|source| StoreError::Sqlite {
            path: path.to_owned(),
            source,
        })?;
        let mut store = EventStore {
            conn,
            path: path.to_owned(),
        };
        store.configure()?;
        store.check_or_create_schema()?;
        Ok(store)
    }

    /// Opens an existing database for reading only (`dyad stats`, `dyad dedup`,
    /// or watching a run in progress): nothing is created or changed.
    pub fn open_read_only(path: &Path) -> Result<EventStore, StoreError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(sqlite_error(path))?;
        let store = EventStore {
            conn,
            path: path.to_owned(),
        };
        store.check_schema()?;
        Ok(store)
    }

    /// An empty database in memory, for aggregating event files.
    pub fn open_in_memory() -> Result<EventStore, StoreError> {
        let path = PathBuf::from(":memory:");
        let conn = Connection::open_in_memory().map_err(|source| StoreError::Sqlite {
            path: path.clone(),
            source,
        })?;
        let mut store = EventStore { conn, path };
        store.check_or_create_schema()?;
        Ok(store)
    }

    /// The file this store is in (`:memory:` for one in memory).
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Wraps a SQLite error with this store's path.
    pub(crate) fn error(&self, source: rusqlite::Error) -> StoreError {
        sqlite_error(&self.path)(source)
    }

    fn configure(&mut self) -> Result<(), StoreError> {
        // WAL: readers (`dyad stats`) never block the writer, and a killed writer
        // leaves the last committed batch intact. NORMAL sync is safe against a
        // killed process; only a power cut may lose the newest commits.
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))
            .map_err(|e| self.error(e))?;
        debug_assert!(mode.eq_ignore_ascii_case("wal"), "journal mode {mode}");
        self.conn
            .execute_batch("PRAGMA synchronous = NORMAL")
            .map_err(|e| self.error(e))
    }

    fn check_or_create_schema(&mut self) -> Result<(), StoreError> {
        let tables: i64 = self
            .conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |row| row.get(0))
            .map_err(|e| self.error(e))?;
        if tables == 0 {
            return self.create_schema();
        }
        self.check_schema()
    }

    /// Checks that this is a dyad database of [`SCHEMA_VERSION`].
    fn check_schema(&self) -> Result<(), StoreError> {
        let has_meta: bool = self
            .conn
            .query_row(
                "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'dyad_meta'",
                [],
                |row| row.get(0),
            )
            .map_err(|e| self.error(e))?;
        if !has_meta {
            return Err(StoreError::NotAnEventDatabase {
                path: self.path.clone(),
            });
        }
        let found: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM dyad_meta WHERE key = 'schema_version'",
                [],
                |row| row.get(0),
            )
            .optional()
            .map_err(|e| self.error(e))?;
        let found = found.and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
        if found != SCHEMA_VERSION {
            return Err(StoreError::SchemaVersion {
                path: self.path.clone(),
                found,
                expected: SCHEMA_VERSION,
            });
        }
        Ok(())
    }

    fn create_schema(&mut self) -> Result<(), StoreError> {
        let sql = format!(
            "BEGIN;
             CREATE TABLE dyad_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
             INSERT INTO dyad_meta VALUES ('schema_version', '{SCHEMA_VERSION}');
             {STORIES_TABLE};
             {};
             {};
             COMMIT;",
            events_table(),
            dedup::DAILY_EVENTS_VIEW,
        );
        self.conn.execute_batch(&sql).map_err(|e| self.error(e))
    }

    /// Writes coded documents in one transaction: each story's row is inserted or
    /// replaced and its events replace whatever the story had.
    pub fn write_batch(&mut self, docs: &[Document]) -> Result<(), StoreError> {
        let stories: Vec<StoredStory> = docs.iter().map(StoredStory::from_document).collect();
        self.write_stories(&stories)
    }

    /// Writes stories and their events in one transaction, in order (a story id
    /// given twice keeps the later one).
    pub fn write_stories(&mut self, stories: &[StoredStory]) -> Result<(), StoreError> {
        self.write_stories_then(stories, |_| Ok(()))
    }

    /// [`write_stories`](Self::write_stories), calling `after` with the number of
    /// stories written so far inside the open transaction (tests use it to kill the
    /// writer mid-transaction).
    fn write_stories_then(
        &mut self,
        stories: &[StoredStory],
        mut after: impl FnMut(usize) -> rusqlite::Result<()>,
    ) -> Result<(), StoreError> {
        let wrap = sqlite_error(&self.path);
        let tx = self.conn.transaction().map_err(&wrap)?;
        let written = write_in(&tx, stories, &mut after).and_then(|()| tx.commit());
        written.map_err(wrap)
    }

    /// Loads events without story rows (an event file read for `dyad dedup` or
    /// `dyad stats`), numbering each story's events in the order given.
    pub fn load_events(
        &mut self,
        events: impl IntoIterator<Item = Result<Event, StoreError>>,
    ) -> Result<usize, StoreError> {
        let wrap = sqlite_error(&self.path);
        let tx = self.conn.transaction().map_err(&wrap)?;
        let mut next_index: HashMap<String, i64> = HashMap::new();
        let mut count = 0;
        {
            let mut insert = tx.prepare_cached(&insert_event_sql()).map_err(&wrap)?;
            for event in events {
                let event = event?;
                let index = next_index.entry(event.story_id.clone()).or_default();
                insert_event(&mut insert, &event.story_id, *index, &event).map_err(&wrap)?;
                *index += 1;
                count += 1;
            }
        }
        tx.commit().map_err(wrap)?;
        Ok(count)
    }

    /// True when the database holds story `id` with this text hash and date.
    pub fn has_story(&self, id: &str, hash: TextHash, date: Date) -> Result<bool, StoreError> {
        let stored: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT text_hash, date FROM stories WHERE story_id = ?1",
                [id],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()
            .map_err(|e| self.error(e))?;
        Ok(stored.is_some_and(|(h, d)| h == hash.to_string() && d == date.to_string()))
    }

    /// Number of stories stored.
    pub fn story_count(&self) -> Result<usize, StoreError> {
        self.count("SELECT count(*) FROM stories")
    }

    /// Number of events stored.
    pub fn event_count(&self) -> Result<usize, StoreError> {
        self.count("SELECT count(*) FROM events")
    }

    fn count(&self, sql: &str) -> Result<usize, StoreError> {
        let n: i64 = self
            .conn
            .query_row(sql, [], |row| row.get(0))
            .map_err(|e| self.error(e))?;
        Ok(n as usize)
    }

    /// Every row of every table, in key order, one line per row — what "the same
    /// content" means when two databases are compared.
    pub fn content_lines(&self) -> Result<Vec<String>, StoreError> {
        let mut lines = Vec::new();
        for (table, order) in [
            ("dyad_meta", "key"),
            ("stories", "story_id"),
            ("events", "story_id, event_index"),
        ] {
            let sql = format!("SELECT * FROM {table} ORDER BY {order}");
            let mut statement = self.conn.prepare(&sql).map_err(|e| self.error(e))?;
            let columns = statement.column_count();
            let mut rows = statement.query([]).map_err(|e| self.error(e))?;
            while let Some(row) = rows.next().map_err(|e| self.error(e))? {
                let cells: Vec<String> = (0..columns)
                    .map(|i| row.get_ref(i).map(show_value))
                    .collect::<Result<_, _>>()
                    .map_err(|e| self.error(e))?;
                lines.push(format!("{table}: {}", cells.join(" | ")));
            }
        }
        Ok(lines)
    }
}

/// A stored value as text: NULL, a number as SQLite holds it, text quoted.
fn show_value(value: ValueRef<'_>) -> String {
    match value {
        ValueRef::Null => "NULL".into(),
        ValueRef::Integer(n) => n.to_string(),
        ValueRef::Real(x) => format!("{x:?}"),
        ValueRef::Text(text) => format!("{:?}", String::from_utf8_lossy(text)),
        ValueRef::Blob(bytes) => format!("blob of {} bytes", bytes.len()),
    }
}

/// Wraps SQLite errors with the database's path; a function of the path alone, so
/// it can be used while the connection is borrowed for a transaction.
fn sqlite_error(path: &Path) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
    move |source| StoreError::Sqlite {
        path: path.to_owned(),
        source,
    }
}

const STORIES_TABLE: &str = "CREATE TABLE stories (
    story_id TEXT PRIMARY KEY,
    date TEXT NOT NULL,
    source TEXT,
    title TEXT,
    text_hash TEXT NOT NULL
) WITHOUT ROWID";

/// `CREATE TABLE events`, from the flat columns, so the table and the Parquet file
/// share one definition. Events rows hold a sentence each, too wide for a
/// WITHOUT ROWID table to pay off.
fn events_table() -> String {
    let mut sql = String::from(
        "CREATE TABLE events (\n    story_id TEXT NOT NULL,\n    event_index INTEGER NOT NULL",
    );
    for column in &flat::COLUMNS[1..] {
        let kind = match column.kind {
            Kind::Text | Kind::Date => "TEXT",
            Kind::Int | Kind::Bool => "INTEGER",
            Kind::Real => "REAL",
        };
        let null = if column.optional { "" } else { " NOT NULL" };
        sql.push_str(&format!(",\n    {} {kind}{null}", column.name));
    }
    sql.push_str(",\n    PRIMARY KEY (story_id, event_index)\n)");
    sql
}

fn insert_event_sql() -> String {
    let names: Vec<&str> = flat::COLUMNS[1..].iter().map(|c| c.name).collect();
    let marks: Vec<String> = (1..=flat::COLUMNS.len() + 1)
        .map(|i| format!("?{i}"))
        .collect();
    format!(
        "INSERT INTO events (story_id, event_index, {}) VALUES ({})",
        names.join(", "),
        marks.join(", ")
    )
}

fn write_in(
    tx: &Transaction<'_>,
    stories: &[StoredStory],
    after: &mut impl FnMut(usize) -> rusqlite::Result<()>,
) -> rusqlite::Result<()> {
    let mut upsert = tx.prepare_cached(
        "INSERT INTO stories (story_id, date, source, title, text_hash) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (story_id) DO UPDATE SET date = excluded.date, source = excluded.source,
             title = excluded.title, text_hash = excluded.text_hash",
    )?;
    let mut delete = tx.prepare_cached("DELETE FROM events WHERE story_id = ?1")?;
    let mut insert = tx.prepare_cached(&insert_event_sql())?;
    for (done, story) in stories.iter().enumerate() {
        upsert.execute(params![
            story.id,
            story.date.to_string(),
            story.source,
            story.title,
            story.text_hash.to_string()
        ])?;
        delete.execute([&story.id])?;
        for (index, event) in story.events.iter().enumerate() {
            insert_event(&mut insert, &story.id, index as i64, event)?;
        }
        after(done + 1)?;
    }
    Ok(())
}

/// Inserts one event under `story_id` (the story's key, whatever the event says).
fn insert_event(
    insert: &mut rusqlite::CachedStatement<'_>,
    story_id: &str,
    index: i64,
    event: &Event,
) -> rusqlite::Result<()> {
    let cells = flat::cells(event);
    let mut values: Vec<&dyn ToSql> = Vec::with_capacity(cells.len() + 1);
    values.push(&story_id);
    values.push(&index);
    values.extend(cells[1..].iter().map(|c| c as &dyn ToSql));
    insert.execute(values.as_slice())?;
    Ok(())
}

impl ToSql for Cell<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Cell::Text(Some(text)) => ToSqlOutput::Borrowed(ValueRef::Text(text.as_bytes())),
            Cell::Int(Some(n)) => ToSqlOutput::Owned(Value::Integer(*n)),
            Cell::Real(Some(x)) => ToSqlOutput::Owned(Value::Real(*x)),
            Cell::Bool(b) => ToSqlOutput::Owned(Value::Integer(i64::from(*b))),
            Cell::Date(d) => ToSqlOutput::Owned(Value::Text(d.to_string())),
            Cell::Text(None) | Cell::Int(None) | Cell::Real(None) => {
                ToSqlOutput::Owned(Value::Null)
            }
        })
    }
}

/// Which stories a resumed run can skip: those stored with the same text hash and
/// date. Loaded once from the database, then kept up to date as the run decides,
/// so an id that occurs twice in the input ends as in an uninterrupted run.
pub struct ResumeIndex {
    stored: HashMap<String, (TextHash, Date)>,
}

impl ResumeIndex {
    /// The stories already in `store`.
    pub fn load(store: &EventStore) -> Result<ResumeIndex, StoreError> {
        let mut statement = store
            .conn
            .prepare("SELECT story_id, text_hash, date FROM stories")
            .map_err(|e| store.error(e))?;
        let rows = statement
            .query_map([], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                ))
            })
            .map_err(|e| store.error(e))?;
        let mut stored = HashMap::new();
        for row in rows {
            let (id, hash, date) = row.map_err(|e| store.error(e))?;
            // A row this build did not write is simply coded again.
            if let (Some(hash), Ok(date)) = (TextHash::parse(&hash), Date::parse(&date)) {
                stored.insert(id, (hash, date));
            }
        }
        Ok(ResumeIndex { stored })
    }

    /// Number of stories known.
    pub fn len(&self) -> usize {
        self.stored.len()
    }

    /// True when no story is known.
    pub fn is_empty(&self) -> bool {
        self.stored.is_empty()
    }

    /// True when `story` must be coded: it is not stored, or stored with other
    /// text or another date. A story to be coded is remembered as it will be stored.
    pub fn should_code(&mut self, story: &Story) -> bool {
        let key = (text_hash(&story.text), story.date);
        if self.stored.get(&story.id) == Some(&key) {
            return false;
        }
        self.stored.insert(story.id.clone(), key);
        true
    }
}

/// Opens what `dyad dedup` and `dyad stats` read: a dyad database, or an event
/// file (JSON Lines as `dyad code` writes it) loaded into a database in memory.
pub fn open_events(path: &Path) -> Result<EventStore, StoreError> {
    if is_sqlite_file(path)? {
        return EventStore::open_read_only(path);
    }
    let mut store = EventStore::open_in_memory()?;
    store.load_events(crate::read_events_jsonl(path)?)?;
    Ok(store)
}

fn is_sqlite_file(path: &Path) -> Result<bool, StoreError> {
    use std::io::Read;
    let io = |source| StoreError::Io {
        path: path.to_owned(),
        source,
    };
    let mut magic = [0u8; 16];
    let mut file = std::fs::File::open(path).map_err(io)?;
    let mut filled = 0;
    while filled < magic.len() {
        match file.read(&mut magic[filled..]).map_err(io)? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(&magic[..filled] == b"SQLite format 3\0")
}

#[cfg(test)]
mod tests;
