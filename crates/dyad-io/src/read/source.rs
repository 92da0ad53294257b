//! A byte stream that knows where it is: gzip detection, line counting and reads
//! bounded by a size limit, so that no reader ever holds more than one record.

use super::{RecordError, RejectReason};
use flate2::read::MultiGzDecoder;
use std::io::{self, BufRead, BufReader, Cursor, Read};

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];
const BOM: &[u8] = b"\xEF\xBB\xBF";
const BUFFER_BYTES: usize = 64 * 1024;

/// One input's bytes (decompressed if need be) with the 1-based line and byte
/// offset of the next unread byte.
pub(super) struct Source {
    name: String,
    inner: Box<dyn BufRead + Send>,
    line: u64,
    offset: u64,
    gzip: bool,
}

/// One line read with [`Source::read_line`].
pub(super) enum Line {
    /// The line's bytes, without its `\n`.
    Complete(Vec<u8>),
    /// The line was longer than the limit; it was skipped, not kept.
    TooLong,
}

impl Source {
    /// Wraps `raw`, decompressing it when it starts with the gzip magic bytes.
    /// `name` is the file as the user gave it, or `<stdin>`; locations start with it.
    pub(super) fn new(name: String, mut raw: Box<dyn Read + Send>) -> io::Result<Source> {
        let magic = read_prefix(&mut raw, GZIP_MAGIC.len())?;
        let gzip = magic == GZIP_MAGIC;
        let stream = Cursor::new(magic).chain(raw);
        let inner: Box<dyn BufRead + Send> = if gzip {
            Box::new(BufReader::with_capacity(
                BUFFER_BYTES,
                MultiGzDecoder::new(stream),
            ))
        } else {
            Box::new(BufReader::with_capacity(BUFFER_BYTES, stream))
        };
        Ok(Source {
            name,
            inner,
            line: 1,
            offset: 0,
            gzip,
        })
    }

    /// The 1-based line of the next unread byte.
    pub(super) fn line(&self) -> u64 {
        self.line
    }

    /// How many (decompressed) bytes have been consumed.
    pub(super) fn offset(&self) -> u64 {
        self.offset
    }

    /// `name:line`.
    pub(super) fn location(&self, line: u64) -> String {
        format!("{}:{}", self.name, line)
    }

    /// The error for a read that failed at the current line: a damaged gzip stream is
    /// `Truncated`, any other read failure `Unreadable`.
    pub(super) fn broken(&self, error: io::Error) -> RecordError {
        let location = self.location(self.line);
        if self.gzip {
            let detail = format!("the gzip stream is cut short or corrupt ({error})");
            RecordError::new(location, RejectReason::Truncated, detail)
        } else {
            let detail = format!("reading failed: {error}");
            RecordError::new(location, RejectReason::Unreadable, detail)
        }
    }

    /// Skips a UTF-8 byte order mark at the start of the stream.
    pub(super) fn skip_bom(&mut self) -> io::Result<()> {
        // The first chunk may be shorter than a BOM, so read ahead and put back.
        let mut inner = std::mem::replace(&mut self.inner, Box::new(io::empty()));
        let mut prefix = read_prefix(&mut inner, BOM.len())?;
        if prefix == BOM {
            prefix.clear();
            self.offset += BOM.len() as u64;
        }
        self.inner = Box::new(Cursor::new(prefix).chain(inner));
        Ok(())
    }

    /// Consumes leading ASCII whitespace and returns the first other byte, left unread.
    pub(super) fn peek_past_whitespace(&mut self) -> io::Result<Option<u8>> {
        loop {
            let found = self.with_chunk(|chunk| {
                match chunk.iter().position(|b| !b.is_ascii_whitespace()) {
                    Some(at) => (at, Some(chunk[at])),
                    None => (chunk.len(), None),
                }
            })?;
            match found {
                None => return Ok(None),
                Some(Some(byte)) => return Ok(Some(byte)),
                Some(None) => continue,
            }
        }
    }

    /// Reads up to `limit` bytes, fewer only at the end of the stream.
    pub(super) fn read_at_most(&mut self, limit: usize) -> io::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        while bytes.len() < limit {
            let more = self.with_chunk(|chunk| {
                let take = chunk.len().min(limit - bytes.len());
                bytes.extend_from_slice(&chunk[..take]);
                (take, ())
            })?;
            if more.is_none() {
                break;
            }
        }
        Ok(bytes)
    }

    /// Reads the next line, or `None` at the end of the stream. A line longer than
    /// `max` bytes is consumed in chunks and dropped, never held whole.
    pub(super) fn read_line(&mut self, max: usize) -> io::Result<Option<Line>> {
        let mut bytes = Vec::new();
        let mut too_long = false;
        let mut started = false;
        loop {
            let ended = self.with_chunk(|chunk| {
                let newline = chunk.iter().position(|&b| b == b'\n');
                let content = &chunk[..newline.unwrap_or(chunk.len())];
                if !too_long && bytes.len() + content.len() > max {
                    too_long = true;
                    bytes = Vec::new();
                }
                if !too_long {
                    bytes.extend_from_slice(content);
                }
                (newline.map_or(chunk.len(), |at| at + 1), newline.is_some())
            })?;
            match ended {
                None if !started => return Ok(None),
                None | Some(true) => break,
                Some(false) => started = true,
            }
        }
        Ok(Some(if too_long {
            Line::TooLong
        } else {
            Line::Complete(bytes)
        }))
    }

    /// Hands the buffered bytes to `use_chunk`, which says how many it used; those
    /// are consumed and counted. `None` at the end of the stream.
    pub(super) fn with_chunk<T>(
        &mut self,
        use_chunk: impl FnOnce(&[u8]) -> (usize, T),
    ) -> io::Result<Option<T>> {
        let chunk = loop {
            match self.inner.fill_buf() {
                Ok(chunk) => break chunk,
                Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
                Err(error) => return Err(error),
            }
        };
        if chunk.is_empty() {
            return Ok(None);
        }
        let (used, value) = use_chunk(chunk);
        self.line += count_newlines(&chunk[..used]);
        self.offset += used as u64;
        self.inner.consume(used);
        Ok(Some(value))
    }
}

/// Reads up to `len` bytes, fewer only if the stream is shorter.
fn read_prefix(raw: &mut dyn Read, len: usize) -> io::Result<Vec<u8>> {
    let mut prefix = Vec::with_capacity(len);
    raw.take(len as u64).read_to_end(&mut prefix)?;
    Ok(prefix)
}

pub(super) fn count_newlines(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| b == b'\n').count() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(bytes: &[u8]) -> Source {
        Source::new("t".into(), Box::new(Cursor::new(bytes.to_vec()))).unwrap()
    }

    fn complete(line: Option<Line>) -> Vec<u8> {
        match line {
            Some(Line::Complete(bytes)) => bytes,
            Some(Line::TooLong) => panic!("line reported too long"),
            None => panic!("unexpected end of stream"),
        }
    }

    #[test]
    fn lines_are_counted_as_they_are_consumed() {
        let mut src = source(b"one\ntwo\n\nfour");
        assert_eq!(complete(src.read_line(100).unwrap()), b"one");
        assert_eq!(src.line(), 2);
        assert_eq!(complete(src.read_line(100).unwrap()), b"two");
        assert_eq!(complete(src.read_line(100).unwrap()), b"");
        assert_eq!(complete(src.read_line(100).unwrap()), b"four");
        assert_eq!(src.line(), 4);
        assert!(src.read_line(100).unwrap().is_none());
    }

    #[test]
    fn a_long_line_is_skipped_and_the_next_one_read() {
        let mut src = source(b"short\nfar too long\nok\n");
        assert_eq!(complete(src.read_line(5).unwrap()), b"short");
        assert!(matches!(src.read_line(5).unwrap(), Some(Line::TooLong)));
        assert_eq!(complete(src.read_line(5).unwrap()), b"ok");
        assert_eq!(src.line(), 4);
    }

    #[test]
    fn a_bom_is_skipped_and_whitespace_peeked_past() {
        let mut src = source(b"\xEF\xBB\xBF \n\t{\"a\":1}");
        src.skip_bom().unwrap();
        assert_eq!(src.peek_past_whitespace().unwrap(), Some(b'{'));
        assert_eq!(src.line(), 2);
        assert_eq!(src.read_at_most(3).unwrap(), b"{\"a");
    }

    #[test]
    fn a_stream_shorter_than_the_gzip_magic_is_read_as_is() {
        let mut src = source(b"x");
        assert_eq!(src.read_at_most(10).unwrap(), b"x");
    }
}
