use super::*;
use crate::flat::tests::{bare_event, full_event};
use dyad_doc::CameoCode;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn story(id: &str, text: &str, events: Vec<Event>) -> StoredStory {
    StoredStory {
        id: id.into(),
        date: Date::parse("2021-03-23").unwrap(),
        source: Some("AFP".into()),
        title: None,
        text_hash: text_hash(text),
        events,
    }
}

/// A deterministic run of `count` stories with 0 to 3 events each; story 300
/// re-codes story 10 with other text (an id given twice in one input).
fn run_input(count: usize) -> Vec<StoredStory> {
    (0..count)
        .map(|i| {
            let id = if i == 300 {
                "s00010".to_string()
            } else {
                format!("s{i:05}")
            };
            let date = format!("2021-03-{:02}", i % 28 + 1);
            let events = (0..i % 4)
                .map(|k| {
                    let mut event = if k == 2 {
                        bare_event(&id, k, &date)
                    } else {
                        full_event(&id, k, &date)
                    };
                    event.goldstein = (i % 21) as f64 - 10.0;
                    event
                })
                .collect();
            StoredStory {
                date: Date::parse(&date).unwrap(),
                ..story(&id, &format!("text of story {i}"), events)
            }
        })
        .collect()
}

const BATCH: usize = 64;

/// What `dyad code --db --resume` does: skip what is stored, write the rest in
/// batches.
fn write_resuming(store: &mut EventStore, input: &[StoredStory]) -> usize {
    let mut index = ResumeIndex::load(store).unwrap();
    let mut skipped = 0;
    let mut to_write = Vec::new();
    for stored in input {
        let as_story = Story {
            id: stored.id.clone(),
            date: stored.date,
            source: stored.source.clone(),
            title: stored.title.clone(),
            text: text_of(stored),
        };
        if index.should_code(&as_story) {
            to_write.push(stored.clone());
        } else {
            skipped += 1;
        }
    }
    for batch in to_write.chunks(BATCH) {
        store.write_stories(batch).unwrap();
    }
    skipped
}

/// The text the run input hashed (recovered from the hash: the inputs are ours).
fn text_of(stored: &StoredStory) -> String {
    (0..1000)
        .map(|i| format!("text of story {i}"))
        .find(|text| text_hash(text) == stored.text_hash)
        .unwrap()
}

#[test]
fn opens_a_new_file_with_the_current_schema_in_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("events.db");
    let store = EventStore::open(&path).unwrap();
    let mode: String = store
        .connection()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    assert_eq!(store.story_count().unwrap(), 0);
    drop(store);
    // Reopening checks the version and finds it right.
    assert!(EventStore::open(&path).is_ok());
}

#[test]
fn every_field_of_the_event_is_stored_with_absent_parts_null() {
    let mut store = EventStore::open_in_memory().unwrap();
    let full = full_event("a", 0, "2021-03-23");
    store
        .write_stories(&[story(
            "a",
            "text",
            vec![full.clone(), bare_event("a", 1, "2021-03-23")],
        )])
        .unwrap();
    let row = |column: &str, index: i64| -> String {
        store
            .connection()
            .query_row(
                &format!(
                    "SELECT quote({column}) FROM events WHERE story_id = 'a' AND event_index = ?1"
                ),
                [index],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!(row("source_code", 0), "'USAGOV'");
    assert_eq!(row("target_sectors", 0), "''", "present actor, no sectors");
    assert_eq!(row("target_sectors", 1), "NULL", "absent actor");
    assert_eq!(row("source_start", 0), "120");
    assert_eq!(row("cameo_root", 0), "'10'");
    assert_eq!(row("goldstein", 0), "-5.0");
    assert_eq!(row("plover_context", 0), "'military;diplomatic'");
    assert_eq!(row("location_lat", 0), "50.8505");
    assert_eq!(row("location_admin1", 0), "NULL");
    assert_eq!(row("verb_end", 0), "143");
    assert_eq!(row("rule", 0), "'urge/02'");
    assert_eq!(row("negated", 1), "1");
    assert_eq!(row("text", 0), format!("'{}'", full.text));
    assert_eq!(row("date", 1), "'2021-03-23'");
}

#[test]
fn re_coding_a_story_replaces_its_events_so_runs_are_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = EventStore::open(&dir.path().join("events.db")).unwrap();
    let input = run_input(200);
    for batch in input.chunks(BATCH) {
        store.write_stories(batch).unwrap();
    }
    let once = store.content_lines().unwrap();
    for batch in input.chunks(BATCH) {
        store.write_stories(batch).unwrap();
    }
    assert_eq!(
        store.content_lines().unwrap(),
        once,
        "writing twice = writing once"
    );

    // Story 3 had three events; re-coded with one, only that one remains.
    let mut recoded = input[3].clone();
    recoded.events.truncate(1);
    recoded.events[0].cameo = CameoCode::new("042").unwrap();
    store.write_stories(&[recoded]).unwrap();
    let cameos: Vec<String> = store
        .connection()
        .prepare("SELECT cameo FROM events WHERE story_id = 's00003'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(cameos, ["042"]);
    assert_eq!(store.story_count().unwrap(), 200);
}

#[test]
fn write_batch_stores_documents() {
    let mut store = EventStore::open_in_memory().unwrap();
    let mut doc = Document::new(Story {
        id: "a".into(),
        date: Date::parse("2021-03-23").unwrap(),
        source: None,
        title: Some("Talks".into()),
        text: "Blinken urged Turkey.".into(),
    });
    doc.events.push(full_event("a", 0, "2021-03-23"));
    store
        .write_batch(&[
            doc,
            Document::new(Story {
                id: "b".into(),
                date: Date::parse("2021-03-24").unwrap(),
                source: None,
                title: None,
                text: "Nothing happened.".into(),
            }),
        ])
        .unwrap();
    assert_eq!(
        (store.story_count().unwrap(), store.event_count().unwrap()),
        (2, 1)
    );
    let hash = text_hash("Blinken urged Turkey.");
    let date = Date::parse("2021-03-23").unwrap();
    assert!(store.has_story("a", hash, date).unwrap());
    assert!(!store
        .has_story("a", text_hash("Blinken urged Greece."), date)
        .unwrap());
    assert!(!store
        .has_story("a", hash, Date::parse("2021-03-24").unwrap())
        .unwrap());
    assert!(!store.has_story("c", hash, date).unwrap());
}

#[test]
fn a_database_of_another_schema_version_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let store = EventStore::open(&path).unwrap();
    store
        .connection()
        .execute(
            "UPDATE dyad_meta SET value = '99' WHERE key = 'schema_version'",
            [],
        )
        .unwrap();
    drop(store);
    let error = EventStore::open(&path)
        .err()
        .expect("version 99 is refused");
    assert!(
        matches!(
            error,
            StoreError::SchemaVersion {
                found: 99,
                expected: SCHEMA_VERSION,
                ..
            }
        ),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(
        message.contains("old.db") && message.contains("schema version 99"),
        "{message}"
    );
    assert!(message.contains("reads version 1"), "{message}");
}

#[test]
fn other_files_are_refused_with_their_path() {
    let dir = tempfile::tempdir().unwrap();
    let foreign = dir.path().join("foreign.db");
    Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t (x)")
        .unwrap();
    let error = EventStore::open(&foreign).err().unwrap();
    assert!(
        matches!(error, StoreError::NotAnEventDatabase { .. }),
        "{error:?}"
    );
    let text = dir.path().join("notes.txt");
    std::fs::write(
        &text,
        "these are not the events you are looking for, not at all",
    )
    .unwrap();
    let error = EventStore::open(&text).err().unwrap();
    let message = format!("{error}: {}", std::error::Error::source(&error).unwrap());
    assert!(
        message.contains("notes.txt") && message.contains("not a database"),
        "{message}"
    );
}

#[test]
fn resume_index_skips_stored_stories_and_follows_repeated_ids() {
    let mut store = EventStore::open_in_memory().unwrap();
    store.write_stories(&[story("a", "first", vec![])]).unwrap();
    let mut index = ResumeIndex::load(&store).unwrap();
    let story_with = |text: &str| Story {
        id: "a".into(),
        date: Date::parse("2021-03-23").unwrap(),
        source: None,
        title: None,
        text: text.into(),
    };
    assert!(
        !index.should_code(&story_with("first")),
        "stored with this text"
    );
    assert!(index.should_code(&story_with("second")), "edited");
    // The run will store "second"; "first" given again must be coded again.
    assert!(index.should_code(&story_with("first")));
}

/// Which file the child writer announces it is mid-transaction with.
const CHILD_DB: &str = "DYAD_STORE_TEST_CHILD_DB";
const CHILD_COMMITTED_BATCHES: usize = 3;

/// Not a test on its own: the writer the kill test starts as a child process. It
/// commits some batches, then stops in the middle of the next transaction and
/// waits to be killed.
#[test]
fn child_writer_for_the_kill_test() {
    let Ok(db) = std::env::var(CHILD_DB) else {
        return;
    };
    let db = PathBuf::from(db);
    let mut store = EventStore::open(&db).unwrap();
    let input = run_input(1000);
    let mut batches = input.chunks(BATCH);
    for batch in batches.by_ref().take(CHILD_COMMITTED_BATCHES) {
        store.write_stories(batch).unwrap();
    }
    let ready = db.with_extension("ready");
    store
        .write_stories_then(batches.next().unwrap(), |done| {
            if done == BATCH / 2 {
                std::fs::write(&ready, b"mid-transaction").unwrap();
                // Bounded, so a parent that failed cannot leave it running.
                std::thread::sleep(Duration::from_secs(60));
            }
            Ok(())
        })
        .unwrap();
    panic!("the parent should have killed this writer");
}

#[test]
fn killed_mid_transaction_then_resumed_equals_an_uninterrupted_run() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("killed.db");
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "sqlite::tests::child_writer_for_the_kill_test",
            "--test-threads=1",
        ])
        .env(CHILD_DB, &db)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let ready = db.with_extension("ready");
    let start = Instant::now();
    while !ready.exists() {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the child writer ended before it was killed: {status}");
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the child writer never got ready"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL on Unix: no destructor, no rollback, no checkpoint
    child.wait().unwrap();

    let input = run_input(1000);
    let mut resumed = EventStore::open(&db).unwrap();
    let committed = CHILD_COMMITTED_BATCHES * BATCH;
    assert_eq!(
        resumed.story_count().unwrap(),
        committed,
        "the open transaction is gone"
    );
    let skipped = write_resuming(&mut resumed, &input);
    assert_eq!(skipped, committed);

    let mut whole = EventStore::open(&dir.path().join("whole.db")).unwrap();
    assert_eq!(write_resuming(&mut whole, &input), 0);
    let (resumed, whole) = (
        resumed.content_lines().unwrap(),
        whole.content_lines().unwrap(),
    );
    assert!(
        whole.len() > 1000 + 1000,
        "stories and events: {}",
        whole.len()
    );
    assert!(
        resumed == whole,
        "resumed and uninterrupted databases differ"
    );
    // The repeated id ends with the later text's events (story 300, 0 events).
    assert!(!whole.iter().any(|l| l.starts_with("events: \"s00010\"")));
}

#[test]
fn open_events_reads_a_database_read_only_and_a_jsonl_file_in_memory() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("events.db");
    let mut store = EventStore::open(&db).unwrap();
    store.write_stories(&run_input(10)).unwrap();
    drop(store);
    let read = open_events(&db).unwrap();
    assert_eq!(read.story_count().unwrap(), 10);
    assert!(read.write_stories_is_refused());

    let jsonl = dir.path().join("events.jsonl");
    let lines: Vec<String> = run_input(10)
        .iter()
        .flat_map(|s| s.events.iter().map(|e| serde_json::to_string(e).unwrap()))
        .collect();
    std::fs::write(&jsonl, lines.join("\n") + "\n\n").unwrap();
    let loaded = open_events(&jsonl).unwrap();
    assert_eq!(loaded.event_count().unwrap(), lines.len());

    std::fs::write(&jsonl, "{\"story_id\": \"a\"}\n").unwrap();
    let message = open_events(&jsonl).err().unwrap().to_string();
    assert!(
        message.contains("events.jsonl:1: not an event record"),
        "{message}"
    );
}

impl EventStore {
    fn write_stories_is_refused(&self) -> bool {
        self.conn.execute("DELETE FROM stories", []).is_err()
    }
}
