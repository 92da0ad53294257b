//! Readers (being written).
