//! Typed load errors: every one names the file and line it came from.

use std::fmt;

/// What was wrong with a dictionary line.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file could not be read.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    /// The line does not follow the format; the text says what was expected.
    #[error("{0}")]
    Syntax(String),
    /// A code that is not a CAMEO-style actor code.
    #[error(transparent)]
    Code(#[from] dyad_doc::CodeError),
    /// A date that does not parse.
    #[error(transparent)]
    Date(#[from] dyad_doc::DateError),
    /// A file includes itself, directly or through others.
    #[error("include cycle: {0} is already being read")]
    IncludeCycle(String),
}

/// A load error at `file:line` (line 0 when the whole file is concerned).
#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {kind}")]
pub struct Error {
    /// The dictionary file, as named to the loader.
    pub file: String,
    /// 1-based line number; 0 for errors about the whole file.
    pub line: usize,
    /// What was wrong.
    #[source]
    pub kind: ErrorKind,
}

impl Error {
    /// An error of `kind` at `file:line`.
    pub fn new(file: &str, line: usize, kind: impl Into<ErrorKind>) -> Error {
        Error {
            file: file.to_owned(),
            line,
            kind: kind.into(),
        }
    }

    /// A syntax error with a message saying what was expected.
    pub fn syntax(file: &str, line: usize, message: impl Into<String>) -> Error {
        Error::new(file, line, ErrorKind::Syntax(message.into()))
    }
}

/// Every error found while loading, so a user can fix them all in one pass.
#[derive(Debug)]
pub struct LoadErrors(pub Vec<Error>);

impl fmt::Display for LoadErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        write!(
            f,
            "{n} error{} in the actor dictionaries",
            if n == 1 { "" } else { "s" }
        )?;
        for error in &self.0 {
            write!(f, "\n  {error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadErrors {}
