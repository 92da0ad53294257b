//! A learned second opinion on sentence boundaries.
//!
//! The rules in `sentences.rs` suit well-punctuated text. Web text, e-mail and
//! forum posts often end sentences without punctuation ("Thanks, Sean || Here you
//! go", "03:48 PM || John Griffith") and put full stops where no sentence ends. An
//! averaged perceptron reviews each gap between words, given the rules' decision,
//! the words around the gap and their shapes, and makes the final call.
//!
//! Features are hashed into a fixed table, so a model is one flat array of
//! weights, stored quantised to 16 bits. Two things are never left to the model: a
//! fused word ("n't") is never split from the word before it, and a blank line
//! always ends a sentence.

use crate::sentences::{is_paragraph_break, is_terminal};
use crate::tokenize::Word;
use std::collections::HashSet;

/// First bytes of a stored model.
const MAGIC: &[u8; 6] = b"DYADSB";
/// Bumped whenever the features or layout change: old weights would mean nothing.
const FORMAT_VERSION: u32 = 1;
/// Magic, version, table size, weight scale, margin.
const HEADER_LEN: usize = 6 + 4 + 4 + 4 + 4;
/// log2 of the number of weights trained. 2^18 16-bit weights make a 512 KiB file.
const TABLE_BITS: u32 = 18;
/// Passes over the training data.
const EPOCHS: usize = 6;
/// Features seen in fewer training gaps are left out: mostly names and one-off
/// strings, which the model would memorise and then misapply to news.
const MIN_COUNT: u32 = 3;
/// How far the score must lean against the rules' decision to overrule it, in
/// perceptron update units. Chosen on EWT dev and Wikinews: against no margin it
/// cuts the changes made to well-punctuated news from 48 to 30 in 100 stories —
/// those dropped include names split in two ("The Vice President, Mike || Pence")
/// — for about 0.5 F1 on dev.
const MARGIN: f32 = 5.0;
/// Seed for shuffling the examples, so training is reproducible.
const SEED: u64 = 0x5EED_DAD5_0B0D_1E55;
/// How many words to look back and ahead for the nearest sentence-final punctuation.
const REACH: usize = 40;
/// Features per gap: 23 templates, each alone and joined with the rules' decision.
const FEATURES: usize = 46;

/// Averaged-perceptron weights over hashed features of a gap between words.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct BoundaryModel {
    /// Length is a power of two; a feature's hash is masked to index it.
    weights: Vec<f32>,
    /// See [`MARGIN`].
    margin: f32,
    /// What the model was trained on and with which settings, written by the
    /// training command and kept in the file so a model can be traced to its data.
    provenance: String,
}

/// One training document: its text and words, the rules' decisions and the truth.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TrainingDoc<'a> {
    pub text: &'a str,
    pub words: &'a [Word],
    /// `rules[i]`: whether the rules end a sentence after word `i`. The model
    /// learns to correct the rules, so it must see what they decided.
    pub rules: &'a [bool],
    /// Indexes of the words that end a gold sentence.
    pub gold: &'a HashSet<usize>,
}

impl BoundaryModel {
    /// Whether a sentence ends after word `i`, given the rules' decision there.
    /// `facts` are the text's [`WordFacts`], computed once for all its gaps.
    pub(crate) fn is_boundary(
        &self,
        text: &str,
        words: &[Word],
        facts: &WordFacts,
        i: usize,
        rule_says: bool,
    ) -> bool {
        if let Some(decision) = forced(text, words, i) {
            return decision;
        }
        let score = self.score(text, words, facts, i, rule_says);
        if rule_says {
            score > -self.margin
        } else {
            score > self.margin
        }
    }

    fn score(&self, text: &str, words: &[Word], facts: &WordFacts, i: usize, rule: bool) -> f32 {
        let mask = self.weights.len() - 1;
        // All table slots first, then the sum: the loads are then independent and
        // overlap, where adding each weight as its hash is made queued them behind
        // the hashing. The sum keeps the features' order, so the float is the same.
        let mut slots = [0usize; FEATURES];
        let mut n = 0;
        features(text, words, facts, i, rule, &mut |h| {
            slots[n] = index(h, mask);
            n += 1;
        });
        slots[..n]
            .iter()
            .fold(0.0, |total, &s| total + self.weights[s])
    }

    /// Reads a model written by [`BoundaryModel::to_bytes`].
    pub(crate) fn from_bytes(bytes: &[u8]) -> Result<Self, String> {
        if bytes.len() < HEADER_LEN || &bytes[..6] != MAGIC {
            return Err("not a dyad sentence-boundary model (bad magic bytes)".into());
        }
        let word = |at: usize| [bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]];
        let version = u32::from_le_bytes(word(6));
        if version != FORMAT_VERSION {
            return Err(format!(
                "sentence-boundary model has format version {version}, expected {FORMAT_VERSION}"
            ));
        }
        let size = u32::from_le_bytes(word(10)) as usize;
        let scale = f32::from_le_bytes(word(14));
        let margin = f32::from_le_bytes(word(18));
        if !size.is_power_of_two() || !scale.is_finite() || !margin.is_finite() {
            return Err(format!(
                "sentence-boundary model is corrupt (table size {size}, scale {scale}, margin {margin})"
            ));
        }
        let (provenance, body) = read_provenance(&bytes[HEADER_LEN..])?;
        if body.len() != 2 * size {
            return Err(format!(
                "sentence-boundary model is truncated or padded: {} weight bytes for {size} weights",
                body.len()
            ));
        }
        let weights = body
            .chunks_exact(2)
            .map(|b| f32::from(i16::from_le_bytes([b[0], b[1]])) * scale)
            .collect();
        Ok(BoundaryModel {
            weights,
            margin,
            provenance,
        })
    }

    /// The model as bytes: magic, format version, table size, weight scale and
    /// margin (little endian), then each weight as a 16-bit multiple of the scale.
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let scale = quantisation_scale(&self.weights);
        let mut out = Vec::with_capacity(HEADER_LEN + 2 * self.weights.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&(self.weights.len() as u32).to_le_bytes());
        out.extend_from_slice(&scale.to_le_bytes());
        out.extend_from_slice(&self.margin.to_le_bytes());
        out.extend_from_slice(&(self.provenance.len() as u32).to_le_bytes());
        out.extend_from_slice(self.provenance.as_bytes());
        for &w in &self.weights {
            out.extend_from_slice(&quantise(w, scale).to_le_bytes());
        }
        out
    }

    /// Rounds the weights to what [`BoundaryModel::to_bytes`] stores, so a trained
    /// model decides exactly as it will once saved and loaded.
    fn quantised(weights: Vec<f32>, margin: f32) -> BoundaryModel {
        let scale = quantisation_scale(&weights);
        let weights = weights
            .iter()
            .map(|&w| f32::from(quantise(w, scale)) * scale)
            .collect();
        BoundaryModel {
            weights,
            margin,
            provenance: String::new(),
        }
    }

    /// What the model was trained on, as recorded at training time.
    pub(crate) fn provenance(&self) -> &str {
        &self.provenance
    }

    /// Records what the model was trained on.
    pub(crate) fn set_provenance(&mut self, provenance: String) {
        self.provenance = provenance;
    }
}

fn quantisation_scale(weights: &[f32]) -> f32 {
    let largest = weights.iter().fold(0.0f32, |m, w| m.max(w.abs()));
    if largest == 0.0 {
        1.0
    } else {
        largest / f32::from(i16::MAX)
    }
}

fn quantise(w: f32, scale: f32) -> i16 {
    (w / scale)
        .round()
        .clamp(f32::from(i16::MIN), f32::from(i16::MAX)) as i16
}

/// Decisions the model may not change: the end of the text, a fused word (never
/// split off), a blank line (always a boundary).
fn forced(text: &str, words: &[Word], i: usize) -> Option<bool> {
    let Some(next) = words.get(i + 1) else {
        return Some(true);
    };
    if next.fused {
        Some(false)
    } else if is_paragraph_break(&text[words[i].end..next.start]) {
        Some(true)
    } else {
        None
    }
}

/// Trains a model on `docs`. Deterministic: examples are visited in a fixed
/// pseudo-random order.
/// A fingerprint of the training documents (texts and gold boundaries), recorded
/// in the model so it can be traced to its data.
pub(crate) fn fingerprint(docs: &[TrainingDoc]) -> u64 {
    let mut h = Fnv::new();
    for doc in docs {
        h = doc.text.bytes().fold(h, Fnv::byte);
        let mut ends: Vec<usize> = doc.gold.iter().copied().collect();
        ends.sort_unstable();
        h = ends.into_iter().fold(h, |h, end| h.hash(end as u64));
    }
    h.0
}

/// The training settings, for the model's provenance.
pub(crate) fn settings() -> String {
    format!(
        "averaged perceptron, 2^{TABLE_BITS} hashed features, {EPOCHS} epochs, min count {MIN_COUNT}, margin {MARGIN}, seed {SEED:#x}"
    )
}

pub(crate) fn train(docs: &[TrainingDoc]) -> BoundaryModel {
    let mut examples = examples(docs);
    drop_rare_features(&mut examples);
    let mut perceptron = Perceptron::new(1 << TABLE_BITS);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = XorShift(SEED);
    for _ in 0..EPOCHS {
        rng.shuffle(&mut order);
        for &e in &order {
            perceptron.learn(&examples[e]);
        }
    }
    BoundaryModel::quantised(perceptron.averaged(), MARGIN)
}

/// Removes features (table slots) seen in fewer than [`MIN_COUNT`] examples; their
/// weights stay zero.
fn drop_rare_features(examples: &mut [Example]) {
    let mut counts = vec![0u32; 1 << TABLE_BITS];
    for f in examples.iter().flat_map(|e| &e.features) {
        counts[*f as usize] += 1;
    }
    for e in examples {
        e.features.retain(|&f| counts[f as usize] >= MIN_COUNT);
    }
}

/// One gap the model decides: its features (as table indexes) and the truth.
struct Example {
    features: Vec<u32>,
    boundary: bool,
}

fn examples(docs: &[TrainingDoc]) -> Vec<Example> {
    let mask = (1usize << TABLE_BITS) - 1;
    let mut out = Vec::new();
    for doc in docs {
        let facts = WordFacts::new(doc.text, doc.words);
        for i in 0..doc.words.len() {
            if forced(doc.text, doc.words, i).is_some() {
                continue;
            }
            let mut indexes = Vec::with_capacity(64);
            let rule = doc.rules.get(i).copied().unwrap_or(false);
            features(doc.text, doc.words, &facts, i, rule, &mut |h| {
                indexes.push(index(h, mask) as u32);
            });
            out.push(Example {
                features: indexes,
                boundary: doc.gold.contains(&i),
            });
        }
    }
    out
}

/// A perceptron whose final weights are the average over all training steps,
/// kept with the usual trick: `total[f]` sums each update times its step.
struct Perceptron {
    weights: Vec<f32>,
    total: Vec<f64>,
    step: f64,
}

impl Perceptron {
    fn new(size: usize) -> Perceptron {
        Perceptron {
            weights: vec![0.0; size],
            total: vec![0.0; size],
            step: 1.0,
        }
    }

    fn learn(&mut self, example: &Example) {
        let score: f32 = example
            .features
            .iter()
            .map(|&f| self.weights[f as usize])
            .sum();
        if (score > 0.0) != example.boundary {
            let delta = if example.boundary { 1.0 } else { -1.0 };
            for &f in &example.features {
                self.weights[f as usize] += delta;
                self.total[f as usize] += self.step * f64::from(delta);
            }
        }
        self.step += 1.0;
    }

    fn averaged(&self) -> Vec<f32> {
        self.weights
            .iter()
            .zip(&self.total)
            .map(|(&w, &t)| (f64::from(w) - t / self.step) as f32)
            .collect()
    }
}

/// xorshift64: a tiny, fixed pseudo-random sequence for shuffling.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// Fisher–Yates.
    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// Table slot of a feature hash.
fn index(hash: u64, mask: usize) -> usize {
    // splitmix64's finaliser spreads FNV's weak low bits over the table.
    let mut z = hash;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    (z ^ (z >> 31)) as usize & mask
}

/// FNV-1a, fed piece by piece so features need no strings.
#[derive(Clone, Copy)]
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xCBF2_9CE4_8422_2325)
    }

    fn byte(mut self, b: u8) -> Fnv {
        self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3);
        self
    }

    fn char(self, c: char) -> Fnv {
        let mut buf = [0; 4];
        c.encode_utf8(&mut buf).bytes().fold(self, Fnv::byte)
    }

    fn hash(self, h: u64) -> Fnv {
        h.to_le_bytes().into_iter().fold(self, Fnv::byte)
    }
}

/// What the features need of each word of a text, computed once per word rather
/// than once for each of the four gaps it is near.
pub(crate) struct WordFacts {
    slots: Vec<Slot>,
    /// `stops[k]`: word `k` is sentence-final punctuation or a blank line follows it.
    stops: Vec<bool>,
}

impl WordFacts {
    pub(crate) fn new(text: &str, words: &[Word]) -> WordFacts {
        let form = |k: usize| &text[words[k].start..words[k].end];
        let slots = (0..words.len()).map(|k| Slot::of(Some(form(k)))).collect();
        let stops = (0..words.len())
            .map(|k| {
                is_terminal(form(k))
                    || words
                        .get(k + 1)
                        .is_some_and(|n| is_paragraph_break(&text[words[k].end..n.start]))
            })
            .collect();
        WordFacts { slots, stops }
    }

    /// The slot of word `k`, or of the padding beyond either end.
    fn slot(&self, k: Option<usize>) -> Slot {
        k.and_then(|k| self.slots.get(k))
            .copied()
            .unwrap_or(Slot::PADDING)
    }
}

/// What the features know about one word near the gap.
#[derive(Clone, Copy)]
struct Slot {
    /// Hash of the lower-cased form.
    lower: u64,
    /// Hash of the shape ("Xx", "X", "x", "d/d/d", ".", "?!").
    shape: u64,
}

impl Slot {
    const PADDING: Slot = Slot { lower: 1, shape: 1 };

    fn of(form: Option<&str>) -> Slot {
        match form {
            None => Slot { lower: 1, shape: 1 },
            Some(form) => Slot {
                lower: lower_hash(form),
                shape: shape(form).0,
            },
        }
    }
}

/// Hash of the lower-cased form. Every number hashes alike: which number it is
/// says little about sentence ends, and remembering the "4" of numbered lists
/// ("4. Alan Greenspan") would join "on February 4. McArthur faces".
fn lower_hash(form: &str) -> u64 {
    if form.chars().any(|c| c.is_ascii_digit()) {
        return 2;
    }
    form.chars()
        .flat_map(char::to_lowercase)
        .fold(Fnv::new(), Fnv::char)
        .0
}

/// Word shape: letters become X or x and digits d, with runs collapsed
/// ("Perlingiere" → "Xx", "08/16/2000" → "d/d/d"); punctuation keeps its
/// characters, uncollapsed, since "." and "..." end sentences differently.
fn shape(form: &str) -> Fnv {
    let punctuation = !form.chars().any(char::is_alphanumeric);
    let mut h = Fnv::new().byte(u8::from(punctuation));
    if punctuation {
        return form.chars().take(4).fold(h, Fnv::char);
    }
    let mut last = None;
    for class in form
        .chars()
        .map(char_class)
        .filter(|&c| {
            let repeat = last == Some(c);
            last = Some(c);
            !repeat
        })
        .take(6)
    {
        h = h.char(class);
    }
    h
}

fn char_class(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_alphabetic() {
        'x'
    } else if c.is_numeric() {
        'd'
    } else {
        c
    }
}

/// Calls `emit` with the hash of each feature of the gap after word `i`. Every
/// feature comes twice, alone and joined with the rules' decision, so the model
/// learns separately when to overrule a "yes" and when to overrule a "no".
fn features(
    text: &str,
    words: &[Word],
    facts: &WordFacts,
    i: usize,
    rule: bool,
    emit: &mut impl FnMut(u64),
) {
    let form = |k: usize| words.get(k).map(|w| &text[w.start..w.end]);
    let [p2, p1, n1, n2] =
        [i.checked_sub(1), Some(i), Some(i + 1), Some(i + 2)].map(|k| facts.slot(k));
    let prev = form(i).unwrap_or("");
    let next = form(i + 1).unwrap_or("");
    let gap = words
        .get(i + 1)
        .map_or("", |n| &text[words[i].end..n.start]);
    let flags = flags(prev, next, gap);
    let before = bucket(words_since_end(&facts.stops, i));
    let after = bucket(words_to_end(&facts.stops, i));

    let templates: [(u8, &[u64]); FEATURES / 2] = [
        (0, &[]),
        (1, &[p1.lower]),
        (2, &[n1.lower]),
        (3, &[p2.lower]),
        (4, &[n2.lower]),
        (5, &[p2.shape]),
        (6, &[p1.shape]),
        (7, &[n1.shape]),
        (8, &[n2.shape]),
        (9, &[p1.lower, n1.lower]),
        (10, &[p1.lower, n1.shape]),
        (11, &[p1.shape, n1.lower]),
        (12, &[p1.shape, n1.shape]),
        (13, &[p2.shape, p1.shape, n1.shape]),
        (14, &[p1.shape, n1.shape, n2.shape]),
        (15, &[p2.lower, p1.lower]),
        (16, &[n1.lower, n2.lower]),
        (17, &[flags]),
        (18, &[flags, p1.shape, n1.shape]),
        (19, &[before, after]),
        (20, &[before, p1.shape, n1.shape]),
        (21, &[after, p1.shape, n1.shape]),
        (22, &[before, p2.shape, p1.shape]),
    ];
    for (id, parts) in templates {
        let h = parts.iter().fold(Fnv::new().byte(id), |h, &p| h.hash(p));
        emit(h.0);
        emit(h.byte(0xF0 | u8::from(rule)).0);
    }
}

/// Facts about the gap packed into one number: what the previous word is
/// (sentence-final punctuation, abbreviation with a full stop, closing quote or
/// bracket), whether the next starts upper case, and the white space between.
fn flags(prev: &str, next: &str, gap: &str) -> u64 {
    let terminal = is_terminal(prev);
    let abbreviation = prev.len() > 1 && prev.ends_with('.') && !terminal;
    let closer = matches!(prev, "\"" | "'" | "”" | "’" | ")" | "]" | "}" | "''" | "»");
    let upper = next.chars().next().is_some_and(char::is_uppercase);
    let space = if gap.is_empty() {
        0
    } else if gap.contains('\n') {
        2
    } else {
        1
    };
    [terminal, abbreviation, closer, upper]
        .iter()
        .fold(space, |bits, &b| bits << 1 | u64::from(b))
}

/// Words since the last sentence-final punctuation or blank line, up to [`REACH`].
/// `stops` as in [`WordFacts`].
fn words_since_end(stops: &[bool], i: usize) -> usize {
    let lo = i.saturating_sub(REACH);
    (lo..i)
        .rev()
        .find(|&k| stops[k])
        .map_or(i - lo + 1, |k| i - k)
}

/// Words from the gap to the next sentence-final punctuation or blank line, up to
/// [`REACH`].
fn words_to_end(stops: &[bool], i: usize) -> usize {
    let hi = (i + REACH).min(stops.len().saturating_sub(1));
    (i + 1..=hi)
        .find(|&k| stops[k])
        .map_or(REACH + 1, |k| k - i)
}

/// Coarse size classes for distances: 1, 2, 3–5, 6–10, 11–20, 21–40, more.
fn bucket(n: usize) -> u64 {
    match n {
        0..=2 => n as u64,
        3..=5 => 3,
        6..=10 => 4,
        11..=20 => 5,
        21..=40 => 6,
        _ => 7,
    }
}

/// Splits the length-prefixed provenance text off the front of `bytes`.
fn read_provenance(bytes: &[u8]) -> Result<(String, &[u8]), String> {
    let corrupt = || "sentence-boundary model is corrupt (bad provenance block)".to_owned();
    let length = bytes.get(..4).ok_or_else(corrupt)?;
    let length = u32::from_le_bytes([length[0], length[1], length[2], length[3]]) as usize;
    let text = bytes.get(4..4 + length).ok_or_else(corrupt)?;
    let text = String::from_utf8(text.to_vec()).map_err(|_| corrupt())?;
    Ok((text, &bytes[4 + length..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<Word> {
        let mut out = Vec::new();
        let mut start = None;
        for (at, c) in text.char_indices().chain([(text.len(), ' ')]) {
            match (c.is_whitespace(), start) {
                (true, Some(s)) => {
                    out.push(Word {
                        start: s,
                        end: at,
                        fused: false,
                    });
                    start = None;
                }
                (false, None) => start = Some(at),
                _ => {}
            }
        }
        out
    }

    fn tiny_model() -> (String, Vec<Word>, BoundaryModel) {
        let text = "Thanks Sean Here you go . See you".to_owned();
        let w = words(&text);
        let rules = vec![false; w.len()];
        let gold: HashSet<usize> = [1, 5].into_iter().collect();
        let doc = TrainingDoc {
            text: &text,
            words: &w,
            rules: &rules,
            gold: &gold,
        };
        (text.clone(), w.clone(), train(&[doc; 3]))
    }

    #[test]
    fn learns_and_round_trips() {
        let (text, w, model) = tiny_model();
        assert!(model.is_boundary(&text, &w, &WordFacts::new(&text, &w), 1, false));
        assert!(!model.is_boundary(&text, &w, &WordFacts::new(&text, &w), 2, false));
        let back = BoundaryModel::from_bytes(&model.to_bytes()).unwrap();
        assert_eq!(back, model);
    }

    #[test]
    fn rejects_foreign_or_damaged_files() {
        let (_, _, model) = tiny_model();
        let bytes = model.to_bytes();
        assert!(BoundaryModel::from_bytes(b"PK\x03\x04").is_err());
        let mut wrong_version = bytes.clone();
        wrong_version[6] = 99;
        assert!(BoundaryModel::from_bytes(&wrong_version)
            .unwrap_err()
            .contains("version 99"));
        assert!(BoundaryModel::from_bytes(&bytes[..bytes.len() - 1]).is_err());
    }

    #[test]
    fn fused_words_and_blank_lines_are_not_the_models_call() {
        let model = BoundaryModel {
            weights: vec![100.0; 16],
            margin: 0.0,
            provenance: String::new(),
        };
        let text = "don't\n\nGo";
        let w = [
            Word {
                start: 0,
                end: 2,
                fused: false,
            },
            Word {
                start: 2,
                end: 5,
                fused: true,
            },
            Word {
                start: 7,
                end: 9,
                fused: false,
            },
        ];
        assert!(!model.is_boundary(text, &w, &WordFacts::new(text, &w), 0, true));
        let against = BoundaryModel {
            weights: vec![-100.0; 16],
            margin: 0.0,
            provenance: String::new(),
        };
        assert!(against.is_boundary(text, &w, &WordFacts::new(text, &w), 1, false));
        assert!(
            against.is_boundary(text, &w, &WordFacts::new(text, &w), 2, false),
            "the end of the text"
        );
    }
}
