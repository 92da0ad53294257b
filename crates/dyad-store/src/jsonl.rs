//! Reading events back from JSON Lines, the format `dyad code` writes by default.

use crate::StoreError;
use dyad_doc::Event;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

/// The events of a JSON Lines file, one record per line (blank lines are
/// skipped); a line that is not an event record is an error naming file and line.
pub fn read_events_jsonl(
    path: &Path,
) -> Result<impl Iterator<Item = Result<Event, StoreError>>, StoreError> {
    let file = File::open(path).map_err(|source| StoreError::Io {
        path: path.to_owned(),
        source,
    })?;
    let path = path.to_owned();
    let lines = BufReader::new(file).lines().enumerate();
    Ok(lines.filter_map(move |(at, line)| {
        let line = match line {
            Ok(line) => line,
            Err(source) => {
                return Some(Err(StoreError::Io {
                    path: path.clone(),
                    source,
                }))
            }
        };
        if line.trim().is_empty() {
            return None;
        }
        Some(
            serde_json::from_str::<Event>(&line).map_err(|e| StoreError::BadRecord {
                path: path.clone(),
                line: at + 1,
                message: e.to_string(),
            }),
        )
    }))
}
