//! The words of each topic (community), counted for naming it
//! (`topic_names.rs`): in how many of its notes each term occurs, in how
//! many titles, and how those notes write it. Terms are the full-text
//! index's (`text::tokens`, the plain text `text::walk` reads): every
//! script, Chinese and Japanese as character bigrams.

use super::text::tokens::{self, tokenize, Kind};
use super::text::{walk, Found};
use crate::vault::{Note, NoteId, Vault};
use rayon::prelude::*;
use rustc_hash::FxHashMap as FxMap;

/// Notes read of one community: a larger one is read from an evenly
/// spaced sample of this many, so that naming a large vault costs a part
/// of building its text index, not all of it.
pub const SAMPLE: usize = 256;

/// Words a note's text is full of besides the English stop words: link
/// targets and file names.
const NOISE: &[&str] = &["com", "html", "http", "https", "jpg", "md", "png", "www"];

/// One term (or tag) in one community.
#[derive(Debug, Default, Clone)]
pub struct Stat {
    /// Notes that hold it.
    pub notes: u32,
    /// Notes whose title or an alias holds it.
    pub titles: u32,
    /// Notes where it starts a word: every spaced-script word, and a
    /// Chinese or Japanese bigram at the start of its run (`件系`, inside
    /// `插件系统`, never is).
    pub leads: u32,
    /// Notes that write it mostly as the term itself (lowercase)...
    lower: u32,
    /// ...and the other ways notes write it, with how many notes do.
    forms: Vec<(Box<str>, u32)>,
}

impl Stat {
    /// The form most of its notes write it in; on a tie, lowercase, then
    /// the first in byte order.
    pub fn shown<'a>(&'a self, term: &'a str) -> &'a str {
        let mut best = (term, self.lower);
        for (form, n) in &self.forms {
            if *n > best.1 || (*n == best.1 && best.0 != term && **form < *best.0) {
                best = (form, *n);
            }
        }
        best.0
    }

    fn vote(&mut self, form: Option<&str>) {
        match form {
            None => self.lower += 1,
            Some(form) => match self.forms.iter_mut().find(|(f, _)| &**f == form) {
                Some(entry) => entry.1 += 1,
                None => self.forms.push((form.into(), 1)),
            },
        }
    }
}

/// What one community says: its terms in at least a fifth of its notes
/// (the only ones a name may use) and its tags.
#[derive(Debug, Default)]
pub struct Words {
    /// Notes read (all, or `SAMPLE` of a larger community).
    pub size: usize,
    pub terms: Vec<(Box<str>, Stat)>,
    pub tags: Vec<(Box<str>, Stat)>,
}

/// Every community's words, and in how many notes of the whole vault
/// each term and each tag occurs.
pub struct Counted {
    pub words: Vec<Words>,
    pub df: FxMap<Box<str>, u32>,
    pub tag_df: FxMap<Box<str>, u32>,
}

type Folded = (
    Vec<(usize, Words)>,
    FxMap<Box<str>, u32>,
    FxMap<Box<str>, u32>,
);

/// Counts the words of each community of `members`, in parallel.
pub fn count(vault: &Vault, members: &[Vec<NoteId>]) -> Counted {
    let add = |into: &mut FxMap<Box<str>, u32>, from: FxMap<Box<str>, u32>| {
        for (t, n) in from {
            *into.entry(t).or_default() += n;
        }
    };
    let (mut words, df, tag_df) = (0..members.len())
        .into_par_iter()
        .map(|c| (c, community(vault, &sample(&members[c]))))
        .fold(
            || -> Folded { Default::default() },
            |(mut words, mut df, mut tag_df), (c, (w, all))| {
                add(&mut df, all);
                for (t, s) in &w.tags {
                    *tag_df.entry(t.clone()).or_default() += s.notes;
                }
                words.push((c, w));
                (words, df, tag_df)
            },
        )
        .reduce(Folded::default, |mut a, b| {
            a.0.extend(b.0);
            add(&mut a.1, b.1);
            add(&mut a.2, b.2);
            a
        });
    words.sort_by_key(|w| w.0);
    Counted {
        words: words.into_iter().map(|w| w.1).collect(),
        df,
        tag_df,
    }
}

/// All of `members`, or `SAMPLE` of them evenly spaced.
fn sample(members: &[NoteId]) -> Vec<NoteId> {
    let n = members.len();
    if n <= SAMPLE {
        return members.to_vec();
    }
    (0..SAMPLE).map(|i| members[i * n / SAMPLE]).collect()
}

/// How one note writes one term: occurrences as the term itself, and the
/// first other form with its occurrences.
#[derive(Default)]
struct InNote {
    title: bool,
    lead: bool,
    same: u32,
    other: Option<(Box<str>, u32)>,
}

impl InNote {
    fn saw(&mut self, written: &str, term: &str) {
        // A decoded escape reports its whole source: not a way of writing.
        let other_case = written.eq_ignore_ascii_case(term)
            || (!written.is_ascii() && written.to_lowercase() == term);
        if written == term || !other_case {
            self.same += 1;
            return;
        }
        match &mut self.other {
            Some((form, n)) if **form == *written => *n += 1,
            Some(_) => {}
            None => self.other = Some((written.into(), 1)),
        }
    }

    /// The form this note writes most (`None`: the term itself).
    fn form(&self) -> Option<&str> {
        (self.other.as_ref())
            .filter(|(_, n)| *n > self.same)
            .map(|(f, _)| &**f)
    }
}

/// Whether `term` may be a word of a name: no stop word, number or lone
/// letter.
fn worth_naming(term: &str, kind: Kind) -> bool {
    match kind {
        Kind::CjkChar => false,
        Kind::Cjk { .. } => true,
        Kind::Word => {
            term.chars().nth(1).is_some()
                && !term.chars().all(char::is_numeric)
                && !tokens::is_stopword(term)
                && !NOISE.contains(&term)
        }
    }
}

/// One community's words (its eligible terms and tags) and every term's
/// count of notes.
fn community(vault: &Vault, members: &[NoteId]) -> (Words, FxMap<Box<str>, u32>) {
    let mut terms: FxMap<Box<str>, Stat> = FxMap::default();
    let mut tags: FxMap<Box<str>, Stat> = FxMap::default();
    let mut seen: FxMap<String, InNote> = FxMap::default();
    let mut seen_tags: FxMap<String, Option<String>> = FxMap::default();
    for &n in members {
        let note = &vault.notes[n];
        read_note(note, &mut seen, &mut seen_tags);
        for (term, how) in seen.drain() {
            let stat = match terms.get_mut(term.as_str()) {
                Some(stat) => stat,
                None => terms.entry(term.clone().into()).or_default(),
            };
            stat.notes += 1;
            stat.titles += u32::from(how.title);
            stat.leads += u32::from(how.lead);
            stat.vote(how.form());
        }
        for (tag, written) in seen_tags.drain() {
            let stat = tags.entry(tag.into()).or_default();
            stat.notes += 1;
            stat.vote(written.as_deref());
        }
    }
    let size = members.len();
    let all: FxMap<Box<str>, u32> = terms.iter().map(|(t, s)| (t.clone(), s.notes)).collect();
    let mut terms: Vec<(Box<str>, Stat)> = (terms.into_iter())
        .filter(|(_, s)| s.notes as usize * 5 >= size)
        .collect();
    terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut tags: Vec<(Box<str>, Stat)> = tags.into_iter().collect();
    tags.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    (Words { size, terms, tags }, all)
}

/// The terms of `note`'s title, aliases and plain text into `seen`, and
/// its tags (lowercase) with the way its frontmatter writes each.
fn read_note(
    note: &Note,
    seen: &mut FxMap<String, InNote>,
    tags: &mut FxMap<String, Option<String>>,
) {
    // Whether the last token was a bigram its run goes on after.
    let mut open = false;
    let mut saw = |term: &str, written: &str, kind: Kind, title: bool| {
        let lead = match kind {
            Kind::Word => true,
            Kind::Cjk { run_end } => !std::mem::replace(&mut open, !run_end),
            Kind::CjkChar => false,
        };
        if !worth_naming(term, kind) {
            return;
        }
        let entry = match seen.get_mut(term) {
            Some(e) => e,
            None => seen.entry(term.to_string()).or_default(),
        };
        entry.title |= title;
        entry.lead |= lead;
        entry.saw(written, term);
    };
    let fm = &note.frontmatter;
    for field in std::iter::once(&note.title).chain(&fm.aliases) {
        tokenize(field, 0, &mut |term, r, kind| {
            saw(term, &field[r], kind, true);
        });
    }
    walk(note, &mut |found| match found {
        Found::Token(term, r, _, kind) => {
            let written = note.text.get(r).unwrap_or(term);
            saw(term, written, kind, false);
        }
        Found::Tag(tag) => {
            tags.entry(tag).or_insert(None);
        }
    });
    for tag in &fm.tags {
        let written = tag.trim_start_matches('#');
        let lower = written.to_lowercase();
        if lower.is_empty() {
            continue;
        }
        let form = (written != lower).then(|| written.to_string());
        tags.insert(lower, form);
    }
}
