//! `dyad code --db FILE [--resume]` and `dyad code --format parquet -o FILE`:
//! coded stories into a SQLite database, events into a Parquet file, or both.

use super::code::{event_format, EventSink};
use super::run::{run_stories_filtered, DocumentSink};
use super::Outcome;
use crate::cli::{CodeArgs, RunArgs};
use anyhow::{bail, Result};
use dyad_doc::{Document, Story};
use dyad_engine::{Coder, Summary};
use dyad_io::write::EventFormat;
use dyad_store::{EventStore, ParquetEventWriter, ResumeIndex, StoredStory};
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

/// Stories per database transaction: a killed run loses at most this many.
const DB_BATCH: usize = 256;

/// Runs `dyad code` with a database, a Parquet output, or both.
pub fn code(
    args: CodeArgs,
    coder: &Coder,
    describe: impl FnOnce(&Summary) -> Option<String>,
) -> Result<Outcome> {
    let target = event_target(&args)?;
    let store = match &args.store.db {
        Some(path) => Some(EventStore::open(path)?),
        None => None,
    };
    let mut resume = match (&store, args.store.resume) {
        (Some(store), true) => Some(ResumeIndex::load(store)?),
        _ => None,
    };
    // Only a text format streams through the output that run_stories opens;
    // Parquet opens its own file.
    let run = RunArgs {
        output: args
            .run
            .output
            .clone()
            .filter(|_| matches!(target, EventTarget::Text(_))),
        threads: args.run.threads,
        quiet: args.run.quiet,
    };
    let mut skipped = 0;
    let keep = |story: &Story| {
        let code = match resume.as_mut() {
            Some(index) => index.should_code(story),
            None => true,
        };
        skipped += usize::from(!code);
        code
    };
    let make_sink = |out| StoreSink::new(out, target, store);
    let outcome = run_stories_filtered("code", args.input, &run, coder, keep, make_sink, describe)?;
    if args.store.resume && !args.run.quiet {
        eprintln!("code: resumed: {skipped} stories already in the database were skipped");
    }
    Ok(outcome)
}

/// Where a run's events go besides the database.
enum EventTarget {
    /// JSON Lines, CSV or TSV to -o or stdout.
    Text(EventFormat),
    /// A Parquet file.
    Parquet(PathBuf),
    /// Nowhere: `--db` without -o keeps events in the database only.
    DatabaseOnly,
}

fn event_target(args: &CodeArgs) -> Result<EventTarget> {
    Ok(match (event_format(args.format), &args.run.output) {
        (None, None) => bail!(
            "--format parquet needs -o FILE: a Parquet file is written whole, not streamed to stdout"
        ),
        (None, Some(path)) => EventTarget::Parquet(path.clone()),
        (Some(_), None) if args.store.db.is_some() => EventTarget::DatabaseOnly,
        (Some(format), _) => EventTarget::Text(format),
    })
}

/// Where the events of `--db` and `--format parquet` runs go.
enum Events {
    Text(EventSink),
    Parquet(Box<ParquetEventWriter<BufWriter<File>>>),
}

/// Stories waiting for the next database transaction.
struct DbWriter {
    store: EventStore,
    pending: Vec<StoredStory>,
}

impl DbWriter {
    fn commit(&mut self) -> io::Result<()> {
        self.store
            .write_stories(&self.pending)
            .map_err(io::Error::other)?;
        self.pending.clear();
        Ok(())
    }
}

struct StoreSink {
    events: Option<Events>,
    db: Option<DbWriter>,
}

impl StoreSink {
    fn new(
        out: Box<dyn Write>,
        target: EventTarget,
        store: Option<EventStore>,
    ) -> io::Result<Self> {
        let events = match target {
            EventTarget::Text(format) => Some(Events::Text(EventSink::new(out, format)?)),
            EventTarget::Parquet(path) => Some(Events::Parquet(Box::new(
                ParquetEventWriter::create(&path).map_err(io::Error::other)?,
            ))),
            EventTarget::DatabaseOnly => None,
        };
        let db = store.map(|store| DbWriter {
            store,
            pending: Vec::with_capacity(DB_BATCH),
        });
        Ok(StoreSink { events, db })
    }
}

impl DocumentSink for StoreSink {
    fn write(&mut self, doc: &Document) -> io::Result<()> {
        match &mut self.events {
            Some(Events::Text(sink)) => sink.write(doc)?,
            Some(Events::Parquet(parquet)) => doc
                .events
                .iter()
                .try_for_each(|event| parquet.write(event))
                .map_err(io::Error::other)?,
            None => {}
        }
        if let Some(db) = &mut self.db {
            db.pending.push(StoredStory::from_document(doc));
            if db.pending.len() >= DB_BATCH {
                db.commit()?;
            }
        }
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        if let Some(db) = &mut self.db {
            db.commit()?;
        }
        match &mut self.events {
            Some(Events::Text(sink)) => sink.finish(),
            Some(Events::Parquet(parquet)) => parquet.finish().map_err(io::Error::other),
            None => Ok(()),
        }
    }
}
