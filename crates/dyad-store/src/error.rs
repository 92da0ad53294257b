//! What can go wrong when opening, writing or reading a store.

use std::path::PathBuf;

/// A store operation that failed, with the file (and record) it concerns.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The database was written by a dyad with another schema version.
    #[error(
        "{path}: event database has schema version {found}, this dyad reads version {expected}; \
         re-code into a new database, or use the dyad release that wrote it"
    )]
    SchemaVersion {
        /// The database file.
        path: PathBuf,
        /// The version recorded in the file.
        found: i64,
        /// The version this build reads and writes.
        expected: i64,
    },
    /// The file is a SQLite database, but not one dyad made.
    #[error("{path}: a SQLite database without dyad's tables (no dyad_meta table); give an empty or new file, or one written by `dyad code --db`")]
    NotAnEventDatabase {
        /// The database file.
        path: PathBuf,
    },
    /// SQLite failed (not a database, disk full, locked, …). The message names the
    /// file; SQLite's own words are the error's `source`.
    #[error("{path}")]
    Sqlite {
        /// The database file, or `:memory:`.
        path: PathBuf,
        /// SQLite's error.
        #[source]
        source: rusqlite::Error,
    },
    /// Writing or reading a Parquet file failed (the cause is the `source`).
    #[error("{path}")]
    Parquet {
        /// The Parquet file.
        path: PathBuf,
        /// The parquet crate's error.
        #[source]
        source: ::parquet::errors::ParquetError,
    },
    /// A record of an event file could not be read as an event.
    #[error("{path}:{line}: not an event record: {message}")]
    BadRecord {
        /// The file.
        path: PathBuf,
        /// Line number, from 1.
        line: usize,
        /// What was wrong.
        message: String,
    },
    /// Reading or writing a file failed (the cause is the `source`).
    #[error("{path}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
}
