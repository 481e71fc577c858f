//! The inverted index: a sorted term dictionary, compressed postings of
//! (note, weighted term frequency), stems, lengths and tags.
//!
//! Positions are not kept: they would cost more than the text itself.
//! Phrases are checked by reading the candidate notes again (`plain.rs`).

use super::pairs::{filter_of, pair_hash, term_hash, PairFilters};
use super::plain::{walk, Found};
use super::tokens::{self, tokenize, Kind};
use super::vectors::RelatedVectors;
use crate::vault::{Note, Vault};
use rayon::prelude::*;
use rustc_hash::FxHashMap as FxMap;
use std::ops::Range;

/// A title, alias or id hit counts as this many body hits (BM25F-style),
/// so that notes named by a word rank above notes that mention it.
const TITLE_WEIGHT: u32 = 4;
const K1: f32 = 1.2;
const B: f32 = 0.75;

/// Every term once, sorted, in one string: binary search for a term,
/// a range for a prefix.
#[derive(Debug, Clone, Default)]
pub struct Dictionary {
    pub(super) text: String,
    pub(super) ends: Vec<u32>,
}

impl Dictionary {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn get(&self, id: u32) -> &str {
        let end = self.ends[id as usize] as usize;
        let start = if id == 0 {
            0
        } else {
            self.ends[id as usize - 1] as usize
        };
        &self.text[start..end]
    }

    pub fn find(&self, term: &str) -> Option<u32> {
        let (mut lo, mut hi) = (0u32, self.len() as u32);
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.get(mid).cmp(term) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    /// Ids of the terms that start with `prefix`.
    pub fn prefix_range(&self, prefix: &str) -> Range<u32> {
        let first = self.partition(|t| t < prefix);
        let end = self.partition(|t| t < prefix || t.starts_with(prefix));
        first..end
    }

    fn partition(&self, before: impl Fn(&str) -> bool) -> u32 {
        let (mut lo, mut hi) = (0u32, self.len() as u32);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if before(self.get(mid)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    fn bytes(&self) -> usize {
        self.text.capacity() + self.ends.capacity() * 4
    }
}

/// The full-text index of a vault. Build it once per load.
#[derive(Debug, Clone, Default)]
pub struct TextIndex {
    pub(super) terms: Dictionary,
    /// Notes holding each term.
    pub(super) df: Vec<u32>,
    /// `postings[post_start[t]..post_start[t + 1]]`: LEB128 pairs of
    /// (note id delta, weighted term frequency), by note id.
    pub(super) post_start: Vec<u32>,
    pub(super) postings: Vec<u8>,
    /// Stem → the terms with that stem, when it differs from the term.
    pub(super) stems: FxMap<Box<str>, Vec<u32>>,
    /// Weighted length of each note (title tokens count `TITLE_WEIGHT`).
    pub(super) doc_len: Vec<f32>,
    pub(super) avg_len: f32,
    /// Frontmatter and inline tags, lowercased, sorted.
    pub(super) tags: Vec<Vec<Box<str>>>,
    /// Each note's place in title order (case-insensitive), for results
    /// that have no score.
    pub(super) title_rank: Vec<u32>,
    pub(super) related: RelatedVectors,
    /// Which notes may hold a phrase.
    pub(super) pairs: PairFilters,
    /// The related lists' first places, shared out on first use.
    pub(super) crowd: std::sync::OnceLock<super::vectors::Uncrowded>,
}

/// What one note contributes: (term, weighted frequency) sorted by term.
pub(super) struct NoteTerms {
    pub(super) terms: Vec<(Box<str>, u32)>,
    pub(super) len: u32,
    pub(super) tags: Vec<Box<str>>,
    /// The Bloom filter of adjacent token pairs.
    pub(super) pairs: Vec<u64>,
}

/// What the index is assembled from, by note: its (term id, weighted
/// frequency) pairs sorted by term, weighted length, tags and pair filter.
pub(super) struct Docs {
    pub(super) terms: Dictionary,
    pub(super) ids: Vec<Vec<(u32, u32)>>,
    pub(super) doc_len: Vec<f32>,
    pub(super) tags: Vec<Vec<Box<str>>>,
    pub(super) pairs: PairFilters,
}

pub(super) fn read_note(note: &Note) -> NoteTerms {
    // (body hits, title hits) per term.
    let mut counts: FxMap<Box<str>, (u32, u32)> = FxMap::default();
    let mut len = 0u32;
    let mut tags: Vec<Box<str>> = Vec::new();
    let mut count = |term: &str, title: bool| match counts.get_mut(term) {
        Some(c) => *(if title { &mut c.1 } else { &mut c.0 }) += 1,
        None => {
            counts.insert(term.into(), if title { (0, 1) } else { (1, 0) });
        }
    };
    let mut pairs: Vec<u64> = Vec::new();
    // Adds the pair (previous positional token, this one) when adjacent;
    // `prev` is (hash, position).
    let mut pair = |term: &str, pos: u32, prev: &mut Option<(u64, u32)>| {
        let h = term_hash(term);
        if let Some((p, at)) = *prev {
            if at + 1 == pos {
                pairs.push(pair_hash(p, h));
            }
        }
        *prev = Some((h, pos));
    };
    let mut prev = None;
    walk(note, &mut |found| match found {
        Found::Token(term, _, pos, kind) => {
            count(term, false);
            if kind != Kind::CjkChar {
                len += 1;
                pair(term, pos, &mut prev);
            }
        }
        Found::Tag(tag) => tags.push(tag.into()),
    });
    let fm = &note.frontmatter;
    for field in std::iter::once(&note.title)
        .chain(&fm.aliases)
        .chain(&fm.id)
    {
        let (mut prev, mut pos) = (None, 0);
        tokenize(field, 0, &mut |term, _, kind| {
            count(term, true);
            if kind != Kind::CjkChar {
                len += TITLE_WEIGHT;
                pos += 1;
                pair(term, pos, &mut prev);
            }
        });
    }
    for tag in &fm.tags {
        tags.push(tag.trim_start_matches('#').to_lowercase().into());
    }
    tags.sort_unstable();
    tags.dedup();
    let mut terms: Vec<(Box<str>, u32)> = counts
        .into_iter()
        .map(|(t, (body, title))| (t, body + TITLE_WEIGHT * title))
        .collect();
    terms.sort_unstable();
    NoteTerms {
        terms,
        len,
        tags,
        pairs: filter_of(&mut pairs),
    }
}

pub(super) fn push_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn read_varint(bytes: &[u8], at: &mut usize) -> u32 {
    let mut v = 0u32;
    let mut shift = 0;
    loop {
        let b = bytes[*at];
        *at += 1;
        v |= u32::from(b & 0x7f) << shift;
        if b < 0x80 {
            return v;
        }
        shift += 7;
    }
}

/// The sorted dictionary and each note's terms as (term id, weighted tf).
fn dictionary(notes: &[NoteTerms]) -> (Dictionary, Vec<Vec<(u32, u32)>>) {
    let mut provisional: FxMap<&str, u32> = FxMap::default();
    let mut ids: Vec<Vec<(u32, u32)>> = notes
        .iter()
        .map(|n| {
            n.terms
                .iter()
                .map(|(t, tf)| {
                    let next = provisional.len() as u32;
                    (*provisional.entry(t).or_insert(next), *tf)
                })
                .collect()
        })
        .collect();
    let mut sorted: Vec<(&str, u32)> = provisional.into_iter().collect();
    sorted.sort_unstable();
    let mut final_id = vec![0u32; sorted.len()];
    let mut dict = Dictionary {
        text: String::with_capacity(sorted.iter().map(|(t, _)| t.len()).sum()),
        ends: Vec::with_capacity(sorted.len()),
    };
    for (rank, (term, prov)) in sorted.iter().enumerate() {
        final_id[*prov as usize] = rank as u32;
        dict.text.push_str(term);
        dict.ends.push(dict.text.len() as u32);
    }
    for note in &mut ids {
        for entry in note.iter_mut() {
            entry.0 = final_id[entry.0 as usize];
        }
    }
    (dict, ids)
}

impl TextIndex {
    /// The index without its related-note vectors, and each note's
    /// (term, weighted frequency) pairs they are built from
    /// (`related.rs` makes them: `build`).
    pub(super) fn without_vectors(vault: &Vault) -> (TextIndex, Vec<Vec<(u32, u32)>>) {
        let notes: Vec<NoteTerms> = vault.notes.par_iter().map(read_note).collect();
        let (terms, ids) = dictionary(&notes);
        let doc_len: Vec<f32> = notes.iter().map(|n| n.len as f32).collect();
        let mut pairs = PairFilters::default();
        for note in &notes {
            pairs.push(&note.pairs);
        }
        let tags = notes.into_iter().map(|n| n.tags).collect();
        let docs = Docs {
            terms,
            ids,
            doc_len,
            tags,
            pairs,
        };
        TextIndex::assemble(vault, docs)
    }

    /// The postings, stems and ranks of `docs` (the index without its
    /// related-note vectors), and each note's term pairs.
    pub(super) fn assemble(vault: &Vault, docs: Docs) -> (TextIndex, Vec<Vec<(u32, u32)>>) {
        let Docs {
            terms,
            ids,
            doc_len,
            tags,
            pairs,
        } = docs;
        let n_terms = terms.len();
        let mut df = vec![0u32; n_terms];
        let mut lists: Vec<Vec<u8>> = vec![Vec::new(); n_terms];
        let mut last = vec![0u32; n_terms];
        for (doc, note) in ids.iter().enumerate() {
            for &(t, tf) in note {
                let t = t as usize;
                push_varint(&mut lists[t], doc as u32 - last[t]);
                push_varint(&mut lists[t], tf);
                last[t] = doc as u32;
                df[t] += 1;
            }
        }
        let mut post_start = Vec::with_capacity(n_terms + 1);
        let mut postings = Vec::with_capacity(lists.iter().map(Vec::len).sum());
        for list in lists {
            post_start.push(postings.len() as u32);
            postings.extend_from_slice(&list);
        }
        post_start.push(postings.len() as u32);
        let avg_len = doc_len.iter().sum::<f32>() / doc_len.len().max(1) as f32;
        let index = TextIndex {
            stems: stems(&terms),
            terms,
            df,
            post_start,
            postings,
            doc_len,
            avg_len: avg_len.max(1.0),
            tags,
            title_rank: title_rank(vault),
            related: RelatedVectors::default(),
            pairs,
            crowd: Default::default(),
        };
        (index, ids)
    }

    pub fn len(&self) -> usize {
        self.doc_len.len()
    }

    pub fn is_empty(&self) -> bool {
        self.doc_len.is_empty()
    }

    /// (note, weighted tf) of every note holding `term`, by note id.
    pub(super) fn postings(&self, term: u32) -> impl Iterator<Item = (u32, u32)> + '_ {
        let (start, end) = (
            self.post_start[term as usize] as usize,
            self.post_start[term as usize + 1] as usize,
        );
        let bytes = &self.postings[..end];
        let mut at = start;
        let mut doc = 0u32;
        std::iter::from_fn(move || {
            (at < end).then(|| {
                doc += read_varint(bytes, &mut at);
                (doc, read_varint(bytes, &mut at))
            })
        })
    }

    pub(super) fn idf(&self, term: u32) -> f32 {
        let n = self.len() as f32;
        let df = self.df[term as usize] as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// BM25 weight of `term` in `doc`, whose weighted frequency is `tf`.
    pub(super) fn weight(&self, idf: f32, doc: u32, tf: u32) -> f32 {
        let tf = tf as f32;
        let norm = K1 * (1.0 - B + B * self.doc_len[doc as usize] / self.avg_len);
        idf * tf * (K1 + 1.0) / (tf + norm)
    }

    /// Bytes the index holds (capacities times sizes), without the vault.
    pub fn memory_bytes(&self) -> usize {
        let stems: usize = self
            .stems
            .iter()
            .map(|(k, v)| k.len() + 16 + v.capacity() * 4 + 24 + 8)
            .sum();
        let tags: usize = self
            .tags
            .iter()
            .map(|t| t.capacity() * 16 + t.iter().map(|s| s.len()).sum::<usize>() + 24)
            .sum();
        self.terms.bytes()
            + self.df.capacity() * 4
            + self.post_start.capacity() * 4
            + self.postings.capacity()
            + stems
            + self.doc_len.capacity() * 4
            + tags
            + self.title_rank.capacity() * 4
            + self.related.bytes()
            + self.pairs.bytes()
    }
}

fn stems(terms: &Dictionary) -> FxMap<Box<str>, Vec<u32>> {
    let stemmed: Vec<Option<String>> = (0..terms.len() as u32)
        .into_par_iter()
        .map(|id| {
            let term = terms.get(id);
            match tokens::stem(term) {
                std::borrow::Cow::Owned(s) if s != term => Some(s),
                _ => None,
            }
        })
        .collect();
    let mut map: FxMap<Box<str>, Vec<u32>> = FxMap::default();
    for (id, stem) in stemmed.into_iter().enumerate() {
        if let Some(stem) = stem {
            map.entry(stem.into()).or_default().push(id as u32);
        }
    }
    map
}

fn title_rank(vault: &Vault) -> Vec<u32> {
    let mut order: Vec<(String, usize)> = vault
        .notes
        .iter()
        .enumerate()
        .map(|(id, n)| (n.title.to_lowercase(), id))
        .collect();
    order.sort_unstable();
    let mut rank = vec![0u32; order.len()];
    for (r, (_, id)) in order.into_iter().enumerate() {
        rank[id] = r as u32;
    }
    rank
}
