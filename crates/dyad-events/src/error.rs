//! Errors in the event dictionaries, each with its file and line.

use std::fmt;

/// Where in the dictionaries something is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file, as given or as shipped (`data/events/verbs/04-consult.txt`).
    pub file: String,
    /// Line number from 1.
    pub line: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// A line of an event dictionary that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{location}: {reason}")]
pub struct DictError {
    /// Where.
    pub location: Location,
    /// What is wrong and, where it helps, what would be right.
    pub reason: String,
}

/// Every error found while loading, so that one pass shows them all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} error(s) in the event dictionaries; the first: {}", .0.len(), .0[0])]
pub struct DictErrors(pub Vec<DictError>);
