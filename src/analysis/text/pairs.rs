//! Per-note Bloom filters of adjacent token pairs: which notes may hold a
//! phrase, without keeping positions.
//!
//! Checking a phrase means reading the note again (tens of microseconds);
//! a phrase of two common words has thousands of candidates. A note whose
//! filter lacks one of the phrase's adjacent pairs cannot hold it, and
//! about 0.2 % of the rest are false positives, so only the notes shown are
//! read again. Fourteen bits per distinct pair: a fraction of the text's size.

use rustc_hash::FxHasher;
use std::hash::Hasher;

const BITS_PER_PAIR: usize = 14;
const PROBES: u64 = 7;

pub fn term_hash(term: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(term.as_bytes());
    h.finish()
}

/// The pair (a, b), in that order, mixed (splitmix64's finaliser).
pub fn pair_hash(a: u64, b: u64) -> u64 {
    let mut z = a.rotate_left(23) ^ b.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn bits(pair: u64, len: u64) -> impl Iterator<Item = u64> {
    // Double hashing: the probes are h1 + i·h2.
    let h2 = pair.rotate_left(32) | 1;
    (0..PROBES).map(move |i| pair.wrapping_add(i.wrapping_mul(h2)) % len)
}

/// The filter words of one note's pairs (sorted and deduplicated here).
pub fn filter_of(pairs: &mut Vec<u64>) -> Vec<u64> {
    pairs.sort_unstable();
    pairs.dedup();
    if pairs.is_empty() {
        return Vec::new();
    }
    let len = (pairs.len() * BITS_PER_PAIR).div_ceil(64) * 64;
    let mut words = vec![0u64; len / 64];
    for &pair in pairs.iter() {
        for bit in bits(pair, len as u64) {
            words[(bit / 64) as usize] |= 1 << (bit % 64);
        }
    }
    words
}

#[derive(Debug, Clone, Default)]
pub struct PairFilters {
    /// `words[start[d]..start[d + 1]]` is note d's filter.
    start: Vec<u32>,
    words: Vec<u64>,
}

impl PairFilters {
    pub fn push(&mut self, filter: &[u64]) {
        if self.start.is_empty() {
            self.start.push(0);
        }
        self.words.extend_from_slice(filter);
        self.start.push(self.words.len() as u32);
    }

    /// Note `doc`'s filter words.
    pub fn filter(&self, doc: usize) -> &[u64] {
        match (self.start.get(doc), self.start.get(doc + 1)) {
            (Some(&a), Some(&b)) => &self.words[a as usize..b as usize],
            _ => &[],
        }
    }

    /// Whether note `doc` may hold every pair of `pairs` (always, for none).
    pub fn may_hold(&self, doc: usize, pairs: &[u64]) -> bool {
        if pairs.is_empty() {
            return true;
        }
        let words = &self.words[self.start[doc] as usize..self.start[doc + 1] as usize];
        let len = words.len() as u64 * 64;
        len > 0
            && pairs.iter().all(|&p| {
                bits(p, len).all(|bit| words[(bit / 64) as usize] & (1 << (bit % 64)) != 0)
            })
    }

    pub fn bytes(&self) -> usize {
        self.start.capacity() * 4 + self.words.capacity() * 8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_its_pairs_and_rarely_others() {
        let h = |a: &str, b: &str| pair_hash(term_hash(a), term_hash(b));
        let mut pairs: Vec<u64> = (0..200)
            .map(|i| h(&format!("w{i}"), &format!("w{}", i + 1)))
            .collect();
        let mut filters = PairFilters::default();
        filters.push(&filter_of(&mut pairs));
        filters.push(&filter_of(&mut Vec::new()));
        assert!(
            (0..200).all(|i| filters.may_hold(0, &[h(&format!("w{i}"), &format!("w{}", i + 1))]))
        );
        let false_positives = (0..1000)
            .filter(|i| filters.may_hold(0, &[h(&format!("w{}", i + 1), &format!("w{i}"))]))
            .count();
        assert!(false_positives < 15, "{false_positives}");
        assert!(!filters.may_hold(1, &[h("a", "b")]));
        assert!(filters.may_hold(1, &[]));
    }
}
