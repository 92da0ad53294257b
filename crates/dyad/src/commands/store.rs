//! `dyad code --db FILE [--resume]` and `dyad code --format parquet -o FILE`:
//! coded stories into a SQLite database, events into a Parquet file, or both.

use super::code::{event_format, EventSink};
use super::run::{run_stories_filtered, DocumentSink};
use super::Outcome;
use crate::cli::{CodeArgs, RunArgs};
use anyhow::{bail, Result};
use dyad_doc::Document;
use dyad_engine::{Coder, Summary};
use dyad_store::{EventStore, ParquetEventWriter, ResumeIndex, StoredStory};
use std::fs::File;
use std::io::{self, BufWriter, Write};

/// Stories per database transaction: a killed run loses at most this many.
const DB_BATCH: usize = 256;

/// Runs `dyad code` with a database, a Parquet output, or both.
pub fn code(
    args: CodeArgs,
    coder: &Coder,
    describe: impl FnOnce(&Summary) -> Option<String>,
) -> Result<Outcome> {
    let text_format = event_format(args.format);
    if text_format.is_none() && args.run.output.is_none() {
        bail!("--format parquet needs -o FILE: a Parquet file is written whole, not streamed to stdout");
    }
    let store = match &args.store.db {
        Some(path) => Some(EventStore::open(path)?),
        None => None,
    };
    let mut resume = match (&store, args.store.resume) {
        (Some(store), true) => Some(ResumeIndex::load(store)?),
        _ => None,
    };
    // Parquet opens its own file; with a database and no -o, events go to it only.
    let parquet_path = args.run.output.clone().filter(|_| text_format.is_none());
    let text_events = text_format.filter(|_| store.is_none() || args.run.output.is_some());
    let run = RunArgs {
        output: args.run.output.clone().filter(|_| text_events.is_some()),
        threads: args.run.threads,
        quiet: args.run.quiet,
    };
    let mut skipped = 0;
    let keep = |story: &dyad_doc::Story| {
        let code = match resume.as_mut() {
            Some(index) => index.should_code(story),
            None => true,
        };
        skipped += usize::from(!code);
        code
    };
    let make_sink = |out: Box<dyn Write>| -> io::Result<StoreSink> {
        let events = match (text_events, &parquet_path) {
            (Some(format), _) => Some(Events::Text(EventSink::new(out, format)?)),
            (None, Some(path)) => Some(Events::Parquet(Box::new(
                ParquetEventWriter::create(path).map_err(io::Error::other)?,
            ))),
            (None, None) => None,
        };
        Ok(StoreSink {
            events,
            db: store.map(|store| DbWriter {
                store,
                pending: Vec::with_capacity(DB_BATCH),
            }),
        })
    };
    let outcome = run_stories_filtered("code", args.input, &run, coder, keep, make_sink, describe)?;
    if args.store.resume && !args.run.quiet {
        eprintln!("code: resumed: {skipped} stories already in the database were skipped");
    }
    Ok(outcome)
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
