//! `dyad dedup`: GDELT-style daily de-duplication of a database or an event file.

use super::Outcome;
use crate::cli::{DedupArgs, TableFormatArg};
use anyhow::{Context, Result};
use dyad_store::table::{Table, TableFormat};
use dyad_store::{dedup, open_events};
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

pub fn run(args: DedupArgs) -> Result<Outcome> {
    let store = open_events(&args.input)?;
    let rows = dedup::daily_events(&store)?;
    write_table(&dedup::to_table(&rows), args.format, args.output.as_deref())?;
    Ok(Outcome::Clean)
}

/// Writes a result table to `output` or stdout.
pub(super) fn write_table(
    table: &Table,
    format: TableFormatArg,
    output: Option<&Path>,
) -> Result<()> {
    let format = match format {
        TableFormatArg::Table => TableFormat::Table,
        TableFormatArg::Csv => TableFormat::Csv,
        TableFormatArg::Json => TableFormat::Json,
    };
    let mut out: Box<dyn Write> = match output {
        Some(path) => Box::new(BufWriter::new(
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        )),
        None => Box::new(BufWriter::new(io::stdout().lock())),
    };
    table
        .write(&mut out, format)
        .context("cannot write output")?;
    out.flush().context("cannot write output")
}
