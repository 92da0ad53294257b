//! Segmentation (being written).
