//! Writers (being written).
