//! Related notes: cosine similarity of BM25-weighted term vectors.
//!
//! Each note keeps a pruned vector, its `VECTOR_TERMS` heaviest terms, so
//! that a query walks a few postings lists. Terms in more than a tenth of
//! the vault (and at least `COMMON_FLOOR` notes) and English stopwords are
//! left out of every vector: what is everywhere says nothing.
//!
//! Hubs: a note that holds every other note's words (an index, a glossary)
//! would share the most terms with everyone and top every list. Its norm is
//! therefore multiplied by `1 + ln(distinct terms / median distinct terms)`
//! when it has more distinct terms than the median note: the more general
//! a note, the more it must share to rank.

use super::crowd::{cosines, uncrowded, POOL};
use super::index::TextIndex;
use super::plain::{walk, Found};
use super::tokens::{is_stopword, tokenize};
use super::vectors::RelatedVectors;
use crate::vault::{NoteId, Vault};
use rayon::prelude::*;
use std::collections::BTreeMap;

const VECTOR_TERMS: usize = 32;

/// (term, weight) pairs.
type Vector = Vec<(u32, f32)>;
const COMMON_FLOOR: u32 = 10;

/// A related note and why: the terms that weigh most in both, as written
/// in the note asked about.
#[derive(Debug, Clone, PartialEq)]
pub struct Related {
    pub note: NoteId,
    /// Cosine similarity, damped for general notes; in (0, 1].
    pub score: f32,
    pub shared: Vec<String>,
}

/// Each note's vector: its `VECTOR_TERMS` heaviest eligible terms.
pub(super) fn vectors(index: &TextIndex, notes: &[Vec<(u32, u32)>]) -> RelatedVectors {
    let n = notes.len() as u32;
    let common = (n / 10).max(COMMON_FLOOR);
    let idf: Vec<f32> = (0..index.terms.len() as u32)
        .map(|t| index.idf(t))
        .collect();
    let eligible: Vec<bool> = (0..index.terms.len() as u32)
        .map(|t| index.df[t as usize] <= common && !is_stopword(index.terms.get(t)))
        .collect();
    let per_note: Vec<(Vector, f32, usize)> = notes
        .par_iter()
        .enumerate()
        .map(|(doc, terms)| {
            let mut vector: Vec<(u32, f32)> = terms
                .iter()
                .filter(|(t, _)| eligible[*t as usize])
                .map(|&(t, tf)| (t, index.weight(idf[t as usize], doc as u32, tf)))
                .collect();
            let norm = vector.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
            let distinct = vector.len();
            // Terms no other note holds can match nothing.
            vector.retain(|(t, _)| index.df[*t as usize] > 1);
            let by_weight =
                |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
            if vector.len() > VECTOR_TERMS {
                vector.select_nth_unstable_by(VECTOR_TERMS, by_weight);
                vector.truncate(VECTOR_TERMS);
            }
            vector.sort_unstable_by_key(|(t, _)| *t);
            (vector, norm, distinct)
        })
        .collect();
    let mut distinct: Vec<usize> = per_note.iter().map(|p| p.2).collect();
    distinct.sort_unstable();
    let median = distinct
        .get(distinct.len() / 2)
        .copied()
        .unwrap_or(1)
        .max(1) as f32;
    let mut out = RelatedVectors::default();
    for (vector, norm, distinct) in per_note {
        out.start.push(out.terms.len() as u32);
        let damping = 1.0 + (distinct as f32 / median).ln().max(0.0);
        out.norms.push(norm * damping);
        for (t, w) in vector {
            out.terms.push(t);
            out.weights.push(w);
        }
    }
    out.start.push(out.terms.len() as u32);
    out
}

/// `TextIndex::related`: the best cosines, their first places as shared
/// out (`crowd.rs`), and the terms that weigh most in both.
pub(super) fn related(index: &TextIndex, vault: &Vault, note: NoteId, k: usize) -> Vec<Related> {
    if note >= index.len() || k == 0 || index.related.norms[note] == 0.0 {
        return Vec::new();
    }
    let scored = match uncrowded(index) {
        Some(lists) => lists.first_then_rest(cosines(index, note, POOL.max(k)), note, k),
        None => cosines(index, note, k),
    };
    let shared = shared_terms(index, note, &scored);
    let surface = surface_forms(index, vault, note, &shared);
    scored
        .iter()
        .zip(shared)
        .map(|(&(score, doc), terms)| Related {
            note: doc as NoteId,
            score: score.min(1.0),
            shared: terms
                .into_iter()
                .map(|t| {
                    surface
                        .get(&t)
                        .cloned()
                        .unwrap_or_else(|| index.terms.get(t).to_string())
                })
                .collect(),
        })
        .collect()
}

/// For each chosen note, the three terms contributing most to its score.
fn shared_terms(index: &TextIndex, note: NoteId, chosen: &[(f32, u32)]) -> Vec<Vec<u32>> {
    let (terms, weights) = index.related.vector(note);
    let mut parts: Vec<Vec<(f32, u32)>> = vec![Vec::new(); chosen.len()];
    for (&t, &wq) in terms.iter().zip(weights) {
        let idf = index.idf(t);
        for (doc, tf) in index.postings(t) {
            if let Some(i) = chosen.iter().position(|c| c.1 == doc) {
                parts[i].push((wq * index.weight(idf, doc, tf), t));
            }
        }
    }
    parts
        .into_iter()
        .map(|mut p| {
            p.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            p.into_iter().take(3).map(|(_, t)| t).collect()
        })
        .collect()
}

/// The most frequent way each wanted term is written in `note` (ties: the
/// smallest string), by term id.
fn surface_forms(
    index: &TextIndex,
    vault: &Vault,
    note: NoteId,
    wanted: &[Vec<u32>],
) -> BTreeMap<u32, String> {
    let Some(n) = vault.notes.get(note) else {
        return BTreeMap::new();
    };
    let mut by_term: BTreeMap<&str, (u32, BTreeMap<String, usize>)> = wanted
        .iter()
        .flatten()
        .map(|&t| (index.terms.get(t), (t, BTreeMap::new())))
        .collect();
    let mut add = |term: &str, written: &str| {
        if let Some((_, forms)) = by_term.get_mut(term) {
            *forms.entry(written.to_string()).or_default() += 1;
        }
    };
    walk(n, &mut |found| {
        if let Found::Token(term, range, _, _) = found {
            add(term, &n.text[range]);
        }
    });
    let fm = &n.frontmatter;
    for field in std::iter::once(&n.title).chain(&fm.aliases).chain(&fm.id) {
        tokenize(field, 0, &mut |term, range, _| add(term, &field[range]));
    }
    by_term
        .into_values()
        .filter_map(|(t, forms)| {
            let best = forms
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))?;
            Some((t, best.0))
        })
        .collect()
}
