//! Reading stories in and writing records out.
//!
//! [`read`] streams [`Story`](dyad_doc::Story) values from plain text, JSON Lines or
//! PETRARCH XML (gzip or not, files, directories or stdin) with bounded memory; a bad
//! record becomes a [`RecordError`](read::RecordError) naming its file and line or id,
//! and reading goes on. [`write`](mod@write) turns events and segmented documents into JSON Lines,
//! CSV, TSV or CoNLL-U.
#![warn(missing_docs)]

pub mod conllu;
pub mod read;
pub mod write;
