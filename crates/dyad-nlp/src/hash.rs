//! Feature hashing: every feature is a 64-bit key made by mixing a template id with
//! the hashes of the values it looks at, so extraction allocates nothing.

use std::hash::{BuildHasherDefault, Hasher};

/// Hashes a string (FNV-1a, then a finaliser so that short strings spread well).
pub(crate) const fn hash_str(text: &str) -> u64 {
    hash_bytes(text.as_bytes())
}

/// [`hash_str`] of text given as its bytes.
pub(crate) const fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        h ^= bytes[i] as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
        i += 1;
    }
    finish(h)
}

/// Values for positions and relations that are not words: computed once, at
/// compile time.
pub(crate) mod marker {
    use super::hash_str;
    pub(crate) const NONE: u64 = hash_str("<none>");
    pub(crate) const ROOT: u64 = hash_str("<root>");
    pub(crate) const TOP: u64 = hash_str("<top>");
    pub(crate) const PAD: u64 = hash_str("<pad>");
    pub(crate) const UNLABELLED: u64 = hash_str("<unlabelled>");
    pub(crate) const START: u64 = hash_str("<start>");
    pub(crate) const END: u64 = hash_str("<end>");
}

/// Combines a running key with one more value.
#[inline]
pub(crate) fn mix(key: u64, value: u64) -> u64 {
    finish(key.rotate_left(27) ^ value.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

#[inline]
const fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h
}

/// A feature key from a template id and up to three values. Never zero, because
/// zero marks an empty slot in [`crate::perceptron::Weights`].
#[inline]
pub(crate) fn feature(template: u64, values: &[u64]) -> u64 {
    let mut key = finish(template.wrapping_add(0x5851_f42d_4c95_7f2d));
    for &v in values {
        key = mix(key, v);
    }
    key.max(1)
}

/// A hasher for keys that are already well-mixed hashes: it passes them through.
#[derive(Default)]
pub(crate) struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = mix(self.0, u64::from(b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Deterministic `HashMap` state for pre-hashed keys.
pub(crate) type BuildPassThrough = BuildHasherDefault<PassThrough>;

/// A small deterministic random source (SplitMix64) for shuffling and exploration.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        finish(self.0)
    }

    /// A float in [0, 1).
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub(crate) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_depend_on_template_and_values() {
        let a = hash_str("minister");
        assert_ne!(feature(1, &[a]), feature(2, &[a]));
        assert_ne!(feature(1, &[a, 2]), feature(1, &[2, a]));
        assert_eq!(feature(7, &[a]), feature(7, &[hash_str("minister")]));
    }

    #[test]
    fn rng_is_deterministic() {
        let mut a = Rng::new(9);
        let mut b = Rng::new(9);
        assert_eq!(a.next_u64(), b.next_u64());
        let mut items: Vec<u32> = (0..20).collect();
        a.shuffle(&mut items);
        let mut sorted = items.clone();
        sorted.sort();
        assert_eq!(sorted, (0..20).collect::<Vec<_>>());
    }
}
