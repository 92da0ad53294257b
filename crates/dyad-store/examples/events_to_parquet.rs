//! Converts a JSON Lines event file (as `dyad code` writes it) to Parquet:
//! `cargo run -p dyad-store --example events_to_parquet -- events.jsonl events.parquet`.

use dyad_store::{read_events_jsonl, ParquetEventWriter, StoreError};
use std::path::PathBuf;

fn main() -> Result<(), StoreError> {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [input, output] = args.as_slice() else {
        eprintln!("usage: events_to_parquet EVENTS.jsonl OUT.parquet");
        std::process::exit(2);
    };
    let mut writer = ParquetEventWriter::create(output)?;
    let mut count = 0;
    for event in read_events_jsonl(input)? {
        writer.write(&event?)?;
        count += 1;
    }
    writer.finish()?;
    eprintln!("{count} events written to {}", output.display());
    Ok(())
}
