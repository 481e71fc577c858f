//! Running a query: postings walks for words and phrase terms, filters,
//! phrase checks on the candidates only, BM25 ranking, then snippets for
//! the hits returned only.

use super::index::TextIndex;
use super::phrases::{has_phrase, phrase_pairs, phrase_ranges, token_matches};
use super::plain::tokens;
use super::query::{Phrase, Query};
use super::snippet::{snippet, Snippet};
use super::tokens::{is_stopword, stem, Kind};
use crate::vault::{NoteId, Vault};
use rayon::prelude::*;
use std::ops::Range;

/// A prefix matches at most this many terms, the most frequent.
const PREFIX_TERMS: usize = 50;
/// Up to this many candidates, every one is read again to check phrases
/// (exact total); past it, only as many as the hits shown need.
const CHECK_ALL: usize = 256;

#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub note: NoteId,
    /// BM25 (0 when the query has only filters).
    pub score: f32,
    /// 1-based line in `note.text` of the best hit.
    pub line: u32,
    pub snippet: Snippet,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchResults {
    /// Every note that matches; `hits` holds the best `limit`.
    pub total: usize,
    /// With a phrase and many candidates, `total` counts the notes the
    /// pair filters allow (about 0.2 % of the rest too many) instead of reading them all.
    pub total_is_estimate: bool,
    pub hits: Vec<Hit>,
    /// Every matching note, in note order (with an estimated total, those
    /// the pair filters allow): what the graph keeps lit.
    pub all: Vec<NoteId>,
    /// Pieces of the query past `query::MAX_PIECES`, not searched for.
    pub terms_left_out: usize,
}

/// The status of each note as its frontmatter gives it: the default for
/// `TextIndex::search` when the caller overrides none.
pub fn frontmatter_status(vault: &Vault) -> impl Fn(NoteId) -> Option<String> + '_ {
    move |id| vault.notes.get(id)?.frontmatter.status.clone()
}

/// The best `limit` candidates that `keep`, checked in rank order a chunk
/// at a time (in parallel), so that a common phrase reads few notes; and
/// how many kept when every candidate was read.
fn best_kept(
    mut rest: Vec<u32>,
    ranked: impl Fn(&u32, &u32) -> std::cmp::Ordering,
    limit: usize,
    keep: impl Fn(&u32) -> bool + Sync,
) -> (Vec<u32>, Option<usize>) {
    const CHUNK: usize = 32;
    let mut out = Vec::new();
    while out.len() < limit && !rest.is_empty() {
        let n = (limit - out.len()).max(CHUNK).min(rest.len());
        if rest.len() > n {
            rest.select_nth_unstable_by(n, &ranked);
        }
        let mut head: Vec<u32> = rest.drain(..n).collect();
        head.sort_unstable_by(&ranked);
        out.extend(
            head.into_par_iter()
                .filter(|d| keep(d))
                .collect::<Vec<u32>>(),
        );
    }
    // Not cut to `limit`: when every candidate was read, `out` is every
    // match (the caller cuts).
    let exact = rest.is_empty().then_some(out.len());
    (out, exact)
}

/// The terms one unquoted word matches: those with its stem, and with
/// `prefix`, the most frequent that start with it.
fn word_terms(index: &TextIndex, word: &str, prefix: bool) -> Vec<u32> {
    let stemmed = stem(word);
    let mut out: Vec<u32> = index.stems.get(&*stemmed).cloned().unwrap_or_default();
    out.extend(index.terms.find(word));
    if let Some(t) = index.terms.find(&stemmed) {
        if stem(&stemmed) == stemmed {
            out.push(t);
        }
    }
    if prefix {
        let mut starts: Vec<u32> = index.terms.prefix_range(word).collect();
        if starts.len() > PREFIX_TERMS {
            let by_df = |a: &u32, b: &u32| {
                index.df[*b as usize]
                    .cmp(&index.df[*a as usize])
                    .then(a.cmp(b))
            };
            starts.select_nth_unstable_by(PREFIX_TERMS, by_df);
            starts.truncate(PREFIX_TERMS);
        }
        out.extend(starts);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The positive words that count (stopwords dropped when others are
/// there), each with its terms.
fn words(index: &TextIndex, query: &Query) -> Vec<(String, Vec<u32>)> {
    let last = query.words.len().saturating_sub(1);
    let open = |i: usize| query.prefix_last && i == last;
    let all_stop = query.phrases.is_empty()
        && query
            .words
            .iter()
            .enumerate()
            .all(|(i, w)| is_stopword(w) && !open(i));
    query
        .words
        .iter()
        .enumerate()
        .filter(|&(i, w)| all_stop || open(i) || !is_stopword(w))
        .map(|(i, w)| (w.clone(), word_terms(index, w, open(i))))
        .collect()
}

/// Per note: how many of `required` it satisfies in order, and the
/// BM25 sum. A note is a candidate when the count is `required.len()`.
fn walk_required(index: &TextIndex, required: &[Vec<u32>]) -> (Vec<u16>, Vec<f32>) {
    let mut level = vec![0u16; index.len()];
    let mut score = vec![0f32; index.len()];
    for (i, terms) in required.iter().enumerate() {
        let i = i as u16;
        for &t in terms {
            let idf = index.idf(t);
            for (doc, tf) in index.postings(t) {
                let l = &mut level[doc as usize];
                if *l == i {
                    *l = i + 1;
                }
                if *l == i + 1 {
                    score[doc as usize] += index.weight(idf, doc, tf);
                }
            }
        }
    }
    (level, score)
}

/// Each token of a phrase as the one term it must be; `None` when one
/// is in no note at all.
fn phrase_terms(index: &TextIndex, phrase: &[(String, Kind)]) -> Option<Vec<Vec<u32>>> {
    phrase
        .iter()
        .map(|(t, _)| index.terms.find(t).map(|id| vec![id]))
        .collect()
}

impl SearchResults {
    /// What to tell a user whose query was too long to read whole.
    pub fn left_out_note(&self) -> Option<String> {
        let (max, n) = (super::query::MAX_PIECES, self.terms_left_out);
        (n > 0).then(|| format!("Searched for the first {max} terms; {n} more left out"))
    }
}

/// `TextIndex::search`: the candidates by postings walks and filters,
/// ranked, phrases checked on as few as the hits need, then snippets.
pub(super) fn search(
    index: &TextIndex,
    vault: &Vault,
    query: &Query,
    status_of: &dyn Fn(NoteId) -> Option<String>,
    limit: usize,
) -> SearchResults {
    let nothing = SearchResults {
        terms_left_out: query.left_out,
        ..SearchResults::default()
    };
    if query.is_empty() || vault.notes.len() != index.len() {
        return nothing;
    }
    let words = words(index, query);
    let mut required: Vec<Vec<u32>> = words.iter().map(|(_, t)| t.clone()).collect();
    for phrase in &query.phrases {
        match phrase_terms(index, phrase) {
            Some(terms) => required.extend(terms),
            None => return nothing,
        }
    }
    if required.iter().any(Vec::is_empty) {
        return nothing;
    }
    required.truncate(usize::from(u16::MAX) - 1);
    let need = required.len() as u16;
    let (level, score) = walk_required(index, &required);
    let excluded = excluded_words(index, query);
    let pairs: Vec<Vec<u64>> = query.phrases.iter().map(phrase_pairs).collect();
    let candidates: Vec<u32> = (0..index.len() as u32)
        .filter(|&d| level[d as usize] == need && !excluded[d as usize])
        .filter(|&d| pairs.iter().all(|p| index.pairs.may_hold(d as usize, p)))
        .filter(|&d| passes_filters(index, vault, d as usize, query, status_of))
        .collect();
    let ranked = |a: &u32, b: &u32| {
        if query.has_terms() {
            score[*b as usize]
                .total_cmp(&score[*a as usize])
                .then(a.cmp(b))
        } else {
            index.title_rank[*a as usize].cmp(&index.title_rank[*b as usize])
        }
    };
    let unwanted = excluded_phrases(index, query);
    let keep = |d: &u32| keeps(vault, query, &unwanted, *d as usize);
    let checks = !query.phrases.is_empty() || !unwanted.is_empty();
    let (mut found, all, total_is_estimate) = if !checks {
        (candidates.clone(), candidates, false)
    } else if candidates.len() <= CHECK_ALL {
        let found: Vec<u32> = candidates.into_par_iter().filter(keep).collect();
        (found.clone(), found, false)
    } else {
        // Too many to read again: count what the pair filters allow,
        // and read in rank order only until `limit` hold.
        let allowed: Vec<u32> = (candidates.iter().copied())
            .filter(|&d| !unwanted.iter().any(|(_, docs)| docs[d as usize]))
            .collect();
        match best_kept(candidates, ranked, limit, keep) {
            // All were read after all: the count is exact.
            (kept, Some(_)) => (kept.clone(), kept, false),
            (kept, None) => (kept, allowed, true),
        }
    };
    let mut all = all;
    all.sort_unstable();
    let total = all.len();
    if found.len() > limit {
        found.select_nth_unstable_by(limit, ranked);
        found.truncate(limit);
    }
    found.sort_unstable_by(ranked);
    let hits = found
        .into_iter()
        .map(|d| hit(index, vault, d as usize, score[d as usize], query, &words))
        .collect();
    SearchResults {
        total,
        total_is_estimate,
        hits,
        all: all.into_iter().map(|d| d as NoteId).collect(),
        terms_left_out: query.left_out,
    }
}

/// Notes holding a term of any `-word`.
fn excluded_words(index: &TextIndex, query: &Query) -> Vec<bool> {
    let mut out = vec![false; index.len()];
    for word in &query.excluded_words {
        for t in word_terms(index, word, false) {
            for (doc, _) in index.postings(t) {
                out[doc as usize] = true;
            }
        }
    }
    out
}

fn passes_filters(
    index: &TextIndex,
    vault: &Vault,
    doc: NoteId,
    query: &Query,
    status_of: &dyn Fn(NoteId) -> Option<String>,
) -> bool {
    let tag_ok = |q: &String| {
        index.tags[doc].iter().any(|t| {
            t.as_ref() == q.as_str() || (t.starts_with(q.as_str()) && t[q.len()..].starts_with('/'))
        })
    };
    if !query.tags.is_empty() && !query.tags.iter().any(tag_ok) {
        return false;
    }
    if !query.paths.is_empty() {
        let path = vault.notes[doc].path.to_lowercase();
        let at_folder = |q: &String| {
            path.starts_with(q.as_str())
                || path
                    .match_indices('/')
                    .any(|(i, _)| path[i + 1..].starts_with(q.as_str()))
        };
        if !query.paths.iter().any(at_folder) {
            return false;
        }
    }
    query.statuses.is_empty()
        || status_of(doc).is_some_and(|s| query.statuses.contains(&s.to_lowercase()))
}

/// Each excluded phrase, with the notes that may hold it (every term,
/// and every adjacent pair by the filters); a phrase with a term in no
/// note cannot match and is left out.
fn excluded_phrases<'q>(index: &TextIndex, query: &'q Query) -> Vec<(&'q Phrase, Vec<bool>)> {
    query
        .excluded_phrases
        .iter()
        .filter_map(|p| {
            let terms = phrase_terms(index, p)?;
            let (level, _) = walk_required(index, &terms);
            let n = terms.len() as u16;
            let pairs = phrase_pairs(p);
            let docs = level
                .into_iter()
                .enumerate()
                .map(|(d, l)| l == n && index.pairs.may_hold(d, &pairs))
                .collect();
            Some((p, docs))
        })
        .collect()
}

/// Whether note `doc` holds every phrase and no unwanted one, read
/// again when it may hold one.
fn keeps(vault: &Vault, query: &Query, unwanted: &[(&Phrase, Vec<bool>)], doc: NoteId) -> bool {
    let maybe: Vec<&Phrase> = unwanted
        .iter()
        .filter(|(_, docs)| docs[doc])
        .map(|(p, _)| *p)
        .collect();
    if query.phrases.is_empty() && maybe.is_empty() {
        return true;
    }
    let note = &vault.notes[doc];
    let body = tokens(note);
    query.phrases.iter().all(|p| has_phrase(note, &body, p))
        && !maybe.iter().any(|p| has_phrase(note, &body, p))
}

/// A result with its line and snippet: the note is read once more.
fn hit(
    index: &TextIndex,
    vault: &Vault,
    doc: NoteId,
    score: f32,
    query: &Query,
    words: &[(String, Vec<u32>)],
) -> Hit {
    // The first marks are enough to place a snippet, and bound its cost.
    const MAX_MARKS: usize = 256;
    let note = &vault.notes[doc];
    let body = tokens(note);
    let mut marks: Vec<(Range<usize>, usize)> = Vec::new();
    for (item, (word, ids)) in words.iter().enumerate() {
        let mut names: Vec<&str> = ids.iter().map(|&t| index.terms.get(t)).collect();
        names.push(word);
        names.sort_unstable();
        for t in &body {
            if names.binary_search(&t.term.as_str()).is_ok() || token_matches(t, word) {
                marks.push((t.range.clone(), item));
            }
        }
    }
    for (j, phrase) in query.phrases.iter().enumerate() {
        for r in phrase_ranges(&body, phrase) {
            marks.push((r, words.len() + j));
        }
    }
    marks.sort_by_key(|(r, item)| (r.start, r.end, *item));
    marks.dedup_by(|a, b| a.0 == b.0);
    marks.truncate(MAX_MARKS);
    let snippet = snippet(note, &marks);
    let line = crate::vault::lines::line_of(&note.text, snippet.offset);
    Hit {
        note: doc,
        score,
        line,
        snippet,
    }
}
