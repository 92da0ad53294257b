use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A half-open byte range `[start, end)` into a story's original text.
///
/// Serialised as a two-element array, `[start, end]`, as in the event record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(from = "[usize; 2]", into = "[usize; 2]")]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`; panics in debug builds if `end < start`.
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span end {end} before start {start}");
        Span { start, end }
    }

    /// Number of bytes covered.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The same range as a `Range`, for slicing.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// The text this span covers.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.range()]
    }
}

impl From<[usize; 2]> for Span {
    fn from([start, end]: [usize; 2]) -> Self {
        Span { start, end }
    }
}

impl From<Span> for [usize; 2] {
    fn from(span: Span) -> Self {
        [span.start, span.end]
    }
}

impl From<Range<usize>> for Span {
    fn from(range: Range<usize>) -> Self {
        Span::new(range.start, range.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_pair() {
        let span = Span::new(3, 9);
        assert_eq!(serde_json::to_string(&span).unwrap(), "[3,9]");
        assert_eq!(serde_json::from_str::<Span>("[3,9]").unwrap(), span);
    }

    #[test]
    fn slices_text() {
        assert_eq!(Span::new(4, 9).text("the quick fox"), "quick");
        assert_eq!(Span::new(4, 9).cover(Span::new(1, 5)), Span::new(1, 9));
    }
}
