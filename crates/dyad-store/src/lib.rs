//! Where coded events are kept and how they are counted.
//!
//! - [`EventStore`]: a SQLite database of stories and events (schema version
//!   [`SCHEMA_VERSION`], documented in `docs/stores.md`), written one transaction per
//!   batch, so a killed run loses at most the batch it was writing and a resumed run
//!   ([`ResumeIndex`]) finishes with the same content as an uninterrupted one.
//! - [`ParquetEventWriter`]: events as a Parquet file with flat typed columns, the
//!   columns of [`dyad_doc::Event::COLUMNS`] plus `rule`, `negated` and `text`.
//! - [`dedup`]: GDELT-style daily de-duplication, defined once as the SQL view
//!   `daily_events` and used for databases and event files alike.
//! - [`stats`]: event counts and mean Goldstein score by directed country dyad and
//!   by day, week or month.
//! - [`text_hash`]: the stable 64-bit hash of a story's text that resuming compares.
//!
//! Needs coded [`dyad_doc::Document`]s or [`dyad_doc::Event`]s; writes nothing else.
#![warn(missing_docs)]

pub mod dedup;
mod error;
mod flat;
mod hash;
mod jsonl;
mod parquet_file;
mod sqlite;
pub mod stats;
pub mod table;

pub use error::StoreError;
pub use hash::{text_hash, TextHash};
pub use jsonl::read_events_jsonl;
pub use parquet_file::{parquet_schema, ParquetEventWriter};
pub use sqlite::{open_events, EventStore, ResumeIndex, StoredStory, SCHEMA_VERSION};
