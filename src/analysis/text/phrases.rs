//! Phrases: which notes hold a quoted phrase, checked on a note's tokens
//! read again (the index keeps no positions), and the pairs the per-note
//! filters are asked about.

use super::pairs::{pair_hash, term_hash};
use super::plain::PlainToken;
use super::query::Phrase;
use super::tokens::{is_cjk, terms, Kind};
use crate::vault::Note;
use std::ops::Range;

/// A single Chinese or Japanese character, which stands inside bigrams.
pub(super) fn lone_cjk(term: &str) -> Option<char> {
    let mut chars = term.chars();
    let c = chars.next()?;
    (chars.next().is_none() && is_cjk(c)).then_some(c)
}

/// Whether a body token satisfies one query term (see `Kind::CjkChar`).
pub(super) fn token_matches(token: &PlainToken, term: &str) -> bool {
    if token.term == term {
        return true;
    }
    match (lone_cjk(term), token.kind) {
        (Some(c), Kind::Cjk { run_end }) => {
            token.term.starts_with(c) || (run_end && token.term.ends_with(c))
        }
        _ => false,
    }
}

/// Adjacent pairs of a phrase for the pair filters, leaving out pairs with
/// a lone CJK character (it stands inside a bigram in the text).
pub(super) fn phrase_pairs(phrase: &Phrase) -> Vec<u64> {
    phrase
        .windows(2)
        .filter(|w| lone_cjk(&w[0].0).is_none() && lone_cjk(&w[1].0).is_none())
        .map(|w| pair_hash(term_hash(&w[0].0), term_hash(&w[1].0)))
        .collect()
}

/// Byte ranges of each occurrence of `phrase` among `tokens`.
pub(super) fn phrase_ranges(tokens: &[PlainToken], phrase: &[(String, Kind)]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let n = phrase.len();
    if n == 0 || tokens.len() < n {
        return out;
    }
    for i in 0..=tokens.len() - n {
        let first = &tokens[i];
        let whole = phrase.iter().enumerate().all(|(j, (term, _))| {
            let t = &tokens[i + j];
            t.pos == first.pos + j as u32 && token_matches(t, term)
        });
        if whole {
            out.push(first.range.start..tokens[i + n - 1].range.end);
        }
    }
    out
}

/// Whether the title, an alias or the id holds `phrase`.
pub(super) fn title_has(note: &Note, phrase: &[(String, Kind)]) -> bool {
    let fm = &note.frontmatter;
    std::iter::once(&note.title)
        .chain(&fm.aliases)
        .chain(&fm.id)
        .any(|field| {
            let toks: Vec<PlainToken> = terms(field)
                .into_iter()
                .enumerate()
                .map(|(pos, (term, kind))| PlainToken {
                    term,
                    range: 0..0,
                    pos: pos as u32,
                    kind,
                })
                .collect();
            !phrase_ranges(&toks, phrase).is_empty()
        })
}

pub(super) fn has_phrase(note: &Note, body: &[PlainToken], phrase: &[(String, Kind)]) -> bool {
    !phrase_ranges(body, phrase).is_empty() || title_has(note, phrase)
}
