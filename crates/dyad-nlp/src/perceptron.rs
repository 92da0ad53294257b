//! The averaged perceptron behind every classifier here: training with lazy
//! averaging over dense per-feature rows, then compiled into [`Weights`], a compact
//! open-addressing table of sparse rows that is what ships.

use crate::codec::{Decoder, Encoder};
use crate::hash::BuildPassThrough;
use crate::ModelError;
use std::collections::HashMap;

/// A perceptron being trained.
pub(crate) struct Trainer {
    classes: usize,
    rows: HashMap<u64, u32, BuildPassThrough>,
    weights: Vec<f32>,
    totals: Vec<f64>,
    stamps: Vec<u32>,
    step: u32,
}

impl Trainer {
    pub(crate) fn new(classes: usize) -> Trainer {
        Trainer {
            classes,
            rows: HashMap::default(),
            weights: Vec::new(),
            totals: Vec::new(),
            stamps: Vec::new(),
            step: 0,
        }
    }

    /// Adds each class's score over `features` to `scores` (cleared first).
    pub(crate) fn score(&self, features: &[u64], scores: &mut [f32]) {
        scores.fill(0.0);
        for key in features {
            if let Some(&row) = self.rows.get(key) {
                let at = row as usize * self.classes;
                for (s, w) in scores.iter_mut().zip(&self.weights[at..at + self.classes]) {
                    *s += w;
                }
            }
        }
    }

    /// Marks the end of one training instance (the averaging clock).
    pub(crate) fn tick(&mut self) {
        self.step += 1;
    }

    /// Rewards `truth` and penalises `guess` on `features`.
    pub(crate) fn update(&mut self, features: &[u64], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        for &key in features {
            let row = self.row(key);
            self.nudge(row + truth, 1.0);
            self.nudge(row + guess, -1.0);
        }
    }

    fn row(&mut self, key: u64) -> usize {
        let next = self.rows.len() as u32;
        let row = *self.rows.entry(key).or_insert(next) as usize;
        if row as u32 == next {
            let len = self.weights.len() + self.classes;
            self.weights.resize(len, 0.0);
            self.totals.resize(len, 0.0);
            self.stamps.resize(len, 0);
        }
        row * self.classes
    }

    fn nudge(&mut self, at: usize, delta: f32) {
        let elapsed = self.step - self.stamps[at];
        self.totals[at] += f64::from(elapsed) * f64::from(self.weights[at]);
        self.stamps[at] = self.step;
        self.weights[at] += delta;
    }

    /// The averaged weights, without entries whose magnitude is below `prune`.
    pub(crate) fn finish(&self, prune: f32) -> Weights {
        let step = f64::from(self.step.max(1));
        let mut keys: Vec<(u64, u32)> = self.rows.iter().map(|(&k, &r)| (k, r)).collect();
        keys.sort_unstable();
        let mut rows = Vec::with_capacity(keys.len());
        for (key, row) in keys {
            let at = row as usize * self.classes;
            let entries: Vec<(u16, f32)> = (0..self.classes)
                .filter_map(|c| {
                    let i = at + c;
                    let elapsed = f64::from(self.step - self.stamps[i]);
                    let total = self.totals[i] + elapsed * f64::from(self.weights[i]);
                    let average = (total / step) as f32;
                    (average.abs() >= prune && average != 0.0).then_some((c as u16, average))
                })
                .collect();
            if !entries.is_empty() {
                rows.push((key, entries));
            }
        }
        Weights::from_rows(self.classes, rows)
    }
}

/// Compiled weights: for each feature, the classes it votes for and how much,
/// quantised to 16 bits (the classifiers only compare scores, so one scale for
/// the whole table changes no decision beyond rounding).
///
/// An open-addressing table: a feature's slot is its key's low bits, and the
/// high 32 bits check that the slot holds that feature. Slot `i`'s entries are
/// `entries[slots[i].start..slots[i + 1].start]`, each a class in the low 8 bits
/// and a weight in the high 16 (the byte between is free; see [`WideRows`]).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Weights {
    classes: usize,
    mask: usize,
    slots: Vec<Slot>,
    entries: Vec<u32>,
    /// The rows with many entries (the bias, common suffixes and words), also
    /// written out in full, one weight per class, so scoring adds them with
    /// vector instructions instead of class by class.
    wide: WideRows,
}

/// Full copies of the rows with at least half the classes: the few
/// thousand rows most features hit. Scores are integer sums, so adding a row in
/// full gives exactly the sum of its entries.
///
/// A wide row's number (from 1) is kept in its own entries, in the byte between
/// class and weight that packing leaves unused: the low byte in the first entry,
/// the high byte in the second. Scoring reads those entries anyway, so finding
/// the full row costs no search.
#[derive(Debug, Clone, PartialEq, Default)]
struct WideRows {
    /// `classes` weights per wide row; 32 bits, as the scores are, so adding
    /// needs no widening.
    weights: Vec<i32>,
}

impl WideRows {
    /// Copies the wide rows out and numbers them in `entries`.
    fn build(classes: usize, slots: &[Slot], entries: &mut [u32]) -> WideRows {
        let mut wide = WideRows::default();
        for pair in slots.windows(2) {
            let (from, to) = (pair[0].start as usize, pair[1].start as usize);
            let number = wide.weights.len() / classes + 1;
            if pair[0].check == 0 || to - from < wide_row_min(classes) || number > 0xffff {
                continue;
            }
            wide.weights.resize(number * classes, 0);
            let row = &mut entries[from..to];
            for &entry in row.iter() {
                let (class, weight) = unpack(entry);
                wide.weights[(number - 1) * classes + class] = weight;
            }
            row[0] |= ((number & 0xff) as u32) << 8;
            row[1] |= ((number >> 8) as u32) << 8;
        }
        wide
    }

    /// The full copy of `row` (a row's entries), if it has one.
    #[inline]
    fn of(&self, row: &[u32], classes: usize) -> Option<&[i32]> {
        if row.len() < wide_row_min(classes) {
            return None;
        }
        let spare = |entry: u32| ((entry >> 8) & 0xff) as usize;
        let number = spare(row[0]) | spare(row[1]) << 8;
        let at = number.checked_sub(1)? * classes;
        Some(&self.weights[at..at + classes])
    }
}

/// Entries from which a row is kept in full as well (half the classes).
fn wide_row_min(classes: usize) -> usize {
    (classes / 2).max(8)
}

#[derive(Debug, Clone, Copy, PartialEq, Default)]
struct Slot {
    /// High 32 bits of the key (never 0); 0 marks an empty slot.
    check: u32,
    start: u32,
}

fn check_of(key: u64) -> u32 {
    ((key >> 32) as u32).max(1)
}

fn pack(class: u16, weight: i16) -> u32 {
    u32::from(class) | (u32::from(weight as u16) << 16)
}

fn unpack(entry: u32) -> (usize, i32) {
    (
        (entry & 0xff) as usize,
        i32::from((entry >> 16) as u16 as i16),
    )
}

impl Weights {
    /// Builds the table from rows of (class, weight), quantising the weights.
    fn from_rows(classes: usize, rows: Vec<(u64, Vec<(u16, f32)>)>) -> Weights {
        let largest = rows
            .iter()
            .flat_map(|(_, e)| e.iter().map(|(_, w)| w.abs()))
            .fold(0.0f32, f32::max);
        let scale = if largest > 0.0 {
            f32::from(i16::MAX) / largest
        } else {
            1.0
        };
        let quantised = rows
            .into_iter()
            .map(|(key, entries)| {
                let entries = entries
                    .into_iter()
                    .map(|(c, w)| (c, (w * scale).round() as i16))
                    .filter(|&(_, q)| q != 0)
                    .map(|(c, q)| pack(c, q))
                    .collect::<Vec<u32>>();
                (key, entries)
            })
            .filter(|(_, entries)| !entries.is_empty())
            .collect();
        Weights::from_packed(classes, quantised)
    }

    fn from_packed(classes: usize, rows: Vec<(u64, Vec<u32>)>) -> Weights {
        let capacity = (rows.len() * 3 / 2 + 1).next_power_of_two();
        let mask = capacity - 1;
        let mut slot_rows: Vec<u32> = vec![u32::MAX; capacity];
        let mut checks = vec![0u32; capacity];
        for (i, (key, _)) in rows.iter().enumerate() {
            let mut slot = *key as usize & mask;
            while checks[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            checks[slot] = check_of(*key);
            slot_rows[slot] = i as u32;
        }
        let mut slots = Vec::with_capacity(capacity + 1);
        let mut entries = Vec::with_capacity(rows.iter().map(|r| r.1.len()).sum());
        for (slot, &row) in slot_rows.iter().enumerate() {
            slots.push(Slot {
                check: checks[slot],
                start: entries.len() as u32,
            });
            if row != u32::MAX {
                entries.extend_from_slice(&rows[row as usize].1);
            }
        }
        slots.push(Slot {
            check: 0,
            start: entries.len() as u32,
        });
        Weights {
            wide: WideRows::build(classes, &slots, &mut entries),
            classes,
            mask,
            slots,
            entries,
        }
    }

    /// Number of classes scored.
    pub(crate) fn classes(&self) -> usize {
        self.classes
    }

    /// Number of features with weights.
    pub(crate) fn features(&self) -> usize {
        self.slots.iter().filter(|s| s.check != 0).count()
    }

    /// Sets each class's score over `features` in `scores`.
    ///
    /// Scoring is bound by memory latency, so it runs in three passes over blocks
    /// of features — fetch the slots, find the rows and fetch their entries, then
    /// add — letting the fetches of a block overlap instead of queueing.
    #[inline]
    pub(crate) fn score(&self, features: &[u64], scores: &mut [i32]) {
        const BLOCK: usize = 64;
        // Classes are at most 256 (a class is a byte of an entry), so summing into
        // a full-size array needs no bounds check per entry.
        let mut sums = [0i32; 256];
        let mut rows = [(0u32, 0u32); BLOCK];
        for block in features.chunks(BLOCK) {
            for &key in block {
                prefetch(&self.slots[key as usize & self.mask]);
            }
            for (row, &key) in rows.iter_mut().zip(block) {
                *row = match self.find(key) {
                    Some(slot) => {
                        let (from, to) = (self.slots[slot].start, self.slots[slot + 1].start);
                        if from < to {
                            prefetch(&self.entries[from as usize]);
                        }
                        (from, to)
                    }
                    None => (0, 0),
                };
            }
            for &(from, to) in &rows[..block.len()] {
                self.add_row(from, to, &mut sums);
            }
        }
        scores.copy_from_slice(&sums[..scores.len()]);
    }

    /// Adds the row whose entries are `entries[from..to]` to `sums`.
    #[inline]
    fn add_row(&self, from: u32, to: u32, sums: &mut [i32; 256]) {
        let row = &self.entries[from as usize..to as usize];
        match self.wide.of(row, self.classes) {
            Some(full) => {
                for (sum, &weight) in sums.iter_mut().zip(full) {
                    *sum += weight;
                }
            }
            None => {
                for &entry in row {
                    let (class, weight) = unpack(entry);
                    sums[class] += weight;
                }
            }
        }
    }

    #[inline]
    fn find(&self, key: u64) -> Option<usize> {
        let check = check_of(key);
        let mut slot = key as usize & self.mask;
        loop {
            match self.slots[slot].check {
                0 => return None,
                c if c == check => return Some(slot),
                _ => slot = (slot + 1) & self.mask,
            }
        }
    }

    /// Rows in slot order: each as the slot's distance from the previous row,
    /// its check, its entry count and entries.
    pub(crate) fn encode(&self, out: &mut Encoder) {
        out.len(self.classes);
        out.len(self.mask + 1);
        out.len(self.features());
        let mut last = 0usize;
        for slot in 0..=self.mask {
            if self.slots[slot].check == 0 {
                continue;
            }
            let entries =
                &self.entries[self.slots[slot].start as usize..self.slots[slot + 1].start as usize];
            out.varint((slot - last) as u64);
            last = slot;
            out.u32(self.slots[slot].check);
            out.varint(entries.len() as u64);
            for &entry in entries {
                let (class, weight) = unpack(entry);
                if self.classes > 1 {
                    out.u8(class as u8);
                }
                out.u16(weight as i16 as u16);
            }
        }
    }

    pub(crate) fn decode(input: &mut Decoder<'_>) -> Result<Weights, ModelError> {
        let corrupt = |what: &str| ModelError::Corrupt(format!("weight table: {what}"));
        let classes = input.u32()? as usize;
        let capacity = input.u32()? as usize;
        let rows = input.len(6)?;
        if !capacity.is_power_of_two() || rows > capacity || classes == 0 || classes > 256 {
            return Err(corrupt("bad sizes"));
        }
        let mut slots = vec![Slot::default(); capacity + 1];
        let mut entries = Vec::with_capacity(rows * 2);
        let mut slot = 0usize;
        let mut next_free = 0usize;
        for row in 0..rows {
            let gap = input.varint()? as usize;
            slot = slot.saturating_add(gap);
            if (row > 0 && gap == 0) || slot >= capacity {
                return Err(corrupt("slot out of order"));
            }
            let check = input.u32()?;
            let count = input.varint()? as usize;
            if check == 0 || count > classes {
                return Err(corrupt("bad row"));
            }
            for empty in &mut slots[next_free..=slot] {
                empty.start = entries.len() as u32;
            }
            slots[slot].check = check;
            for _ in 0..count {
                let class = if classes > 1 {
                    u16::from(input.u8()?)
                } else {
                    0
                };
                if class as usize >= classes {
                    return Err(corrupt("class out of range"));
                }
                entries.push(pack(class, input.u16()? as i16));
            }
            next_free = slot + 1;
        }
        for empty in &mut slots[next_free..=capacity] {
            empty.start = entries.len() as u32;
        }
        Ok(Weights {
            wide: WideRows::build(classes, &slots, &mut entries),
            classes,
            mask: capacity - 1,
            slots,
            entries,
        })
    }
}

#[inline]
fn prefetch<T>(item: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is a hint; it never faults or changes memory.
    unsafe {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        _mm_prefetch::<_MM_HINT_T0>((item as *const T).cast::<i8>());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = item;
}

/// The index of the highest score among `allowed` classes (the first on ties).
pub(crate) fn best<S: PartialOrd + Copy>(
    scores: &[S],
    allowed: impl Fn(usize) -> bool,
) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (class, &score) in scores.iter().enumerate() {
        if allowed(class) && best.is_none_or(|b| score > scores[b]) {
            best = Some(class);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_rule_and_compiles_the_same_scores() {
        let mut trainer = Trainer::new(2);
        let key = |n: u64| crate::hash::feature(n, &[]);
        let data = [
            (vec![key(11), key(20)], 0usize),
            (vec![key(12), key(20)], 1),
        ];
        let mut scores = [0.0; 2];
        for _ in 0..5 {
            for (features, truth) in &data {
                trainer.score(features, &mut scores);
                let guess = best(&scores, |_| true).unwrap();
                trainer.update(features, *truth, guess);
                trainer.tick();
            }
        }
        let weights = trainer.finish(0.0);
        let mut quantised = [0i32; 2];
        for (features, truth) in &data {
            weights.score(features, &mut quantised);
            assert_eq!(best(&quantised, |_| true), Some(*truth));
        }
        let mut out = Encoder::default();
        weights.encode(&mut out);
        let back = Weights::decode(&mut Decoder::new(&out.bytes)).unwrap();
        assert_eq!(back, weights);
    }

    #[test]
    fn a_truncated_table_is_an_error() {
        let mut trainer = Trainer::new(3);
        trainer.update(
            &[crate::hash::feature(5, &[]), crate::hash::feature(6, &[])],
            0,
            1,
        );
        trainer.tick();
        let mut out = Encoder::default();
        trainer.finish(0.0).encode(&mut out);
        let cut = &out.bytes[..out.bytes.len() - 3];
        assert!(Weights::decode(&mut Decoder::new(cut)).is_err());
    }
}

/// Rows of a hashed table of three-class weights: features share a row when
/// their keys' low bits agree, which training sees too, so the model learns
/// around the collisions. One memory access per feature makes the parser's
/// hundreds of lookups per word cheap.
pub(crate) const HASHED_CLASSES: usize = 3;

/// An averaged perceptron over a hashed table of [`HASHED_CLASSES`] classes.
pub(crate) struct HashedTrainer {
    mask: usize,
    weights: Vec<[f32; HASHED_CLASSES]>,
    totals: Vec<[f64; HASHED_CLASSES]>,
    stamps: Vec<[u32; HASHED_CLASSES]>,
    step: u32,
}

impl HashedTrainer {
    pub(crate) fn new(bits: u32) -> HashedTrainer {
        let rows = 1usize << bits;
        HashedTrainer {
            mask: rows - 1,
            weights: vec![[0.0; HASHED_CLASSES]; rows],
            totals: vec![[0.0; HASHED_CLASSES]; rows],
            stamps: vec![[0; HASHED_CLASSES]; rows],
            step: 0,
        }
    }

    pub(crate) fn score(&self, features: &[u64], scores: &mut [f32; HASHED_CLASSES]) {
        *scores = [0.0; HASHED_CLASSES];
        for &key in features {
            let row = &self.weights[key as usize & self.mask];
            for c in 0..HASHED_CLASSES {
                scores[c] += row[c];
            }
        }
    }

    pub(crate) fn tick(&mut self) {
        self.step += 1;
    }

    pub(crate) fn update(&mut self, features: &[u64], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        for &key in features {
            let row = key as usize & self.mask;
            for (class, delta) in [(truth, 1.0), (guess, -1.0)] {
                let elapsed = self.step - self.stamps[row][class];
                self.totals[row][class] += f64::from(elapsed) * f64::from(self.weights[row][class]);
                self.stamps[row][class] = self.step;
                self.weights[row][class] += delta;
            }
        }
    }

    /// The averaged weights, quantised to 16 bits.
    pub(crate) fn finish(&self) -> HashedWeights {
        let step = f64::from(self.step.max(1));
        let averages: Vec<[f32; HASHED_CLASSES]> = (0..self.weights.len())
            .map(|row| {
                let mut average = [0.0f32; HASHED_CLASSES];
                for (c, slot) in average.iter_mut().enumerate() {
                    let elapsed = f64::from(self.step - self.stamps[row][c]);
                    let total = self.totals[row][c] + elapsed * f64::from(self.weights[row][c]);
                    *slot = (total / step) as f32;
                }
                average
            })
            .collect();
        let largest = averages
            .iter()
            .flatten()
            .fold(0.0f32, |m, w| m.max(w.abs()));
        let scale = if largest > 0.0 {
            f32::from(i16::MAX) / largest
        } else {
            1.0
        };
        HashedWeights {
            mask: self.mask,
            rows: averages
                .iter()
                .map(|a| {
                    let mut row = [0i16; 4];
                    for c in 0..HASHED_CLASSES {
                        row[c] = (a[c] * scale).round() as i16;
                    }
                    row
                })
                .collect(),
        }
    }
}

/// Compiled hashed weights: a row of three 16-bit weights (padded to four) per
/// hash bucket.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct HashedWeights {
    mask: usize,
    rows: Vec<[i16; 4]>,
}

impl HashedWeights {
    /// Buckets with any weight.
    pub(crate) fn features(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| r.iter().any(|&w| w != 0))
            .count()
    }

    #[inline]
    pub(crate) fn score(&self, features: &[u64], scores: &mut [i32; HASHED_CLASSES]) {
        for &key in features {
            prefetch(&self.rows[key as usize & self.mask]);
        }
        // All four lanes of each row (the fourth is padding, always zero) are
        // added at once, which compiles to one vector add per feature.
        let mut sums = [0i32; 4];
        for &key in features {
            let row = &self.rows[key as usize & self.mask];
            for (sum, &weight) in sums.iter_mut().zip(row) {
                *sum += i32::from(weight);
            }
        }
        scores.copy_from_slice(&sums[..HASHED_CLASSES]);
    }

    /// Non-empty rows only: the gap from the previous one, then the weights.
    pub(crate) fn encode(&self, out: &mut Encoder) {
        out.u8(self.mask.count_ones() as u8);
        out.len(self.features());
        let mut last = 0;
        for (i, row) in self.rows.iter().enumerate() {
            if row.iter().all(|&w| w == 0) {
                continue;
            }
            out.varint((i - last) as u64);
            last = i;
            for &w in &row[..HASHED_CLASSES] {
                out.u16(w as u16);
            }
        }
    }

    pub(crate) fn decode(input: &mut Decoder<'_>) -> Result<HashedWeights, ModelError> {
        let bits = u32::from(input.u8()?);
        if !(8..=26).contains(&bits) {
            return Err(ModelError::Corrupt(format!(
                "hashed table of 2^{bits} rows"
            )));
        }
        let mut rows = vec![[0i16; 4]; 1 << bits];
        let n = input.len(7)?;
        let mut at = 0usize;
        for i in 0..n {
            let gap = input.varint()? as usize;
            at = at.saturating_add(gap);
            if (i > 0 && gap == 0) || at >= rows.len() {
                return Err(ModelError::Corrupt("hashed rows out of order".into()));
            }
            for weight in &mut rows[at][..HASHED_CLASSES] {
                *weight = input.u16()? as i16;
            }
        }
        Ok(HashedWeights {
            mask: rows.len() - 1,
            rows,
        })
    }
}
