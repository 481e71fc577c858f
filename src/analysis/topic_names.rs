//! A name for each topic (community) that says what sets it apart: the
//! words frequent in it and rare elsewhere, by class-based TF-IDF over the
//! full-text index's terms (`topic_words.rs`), a title or alias counting
//! more than the body, with its dominant tag in front where it has one:
//! `#math · eigenvalue · matrix` against `#math · integral · limit`.
//!
//! The rules, each checked by a test below:
//! - every word of a name occurs in at least a fifth of its community's
//!   notes, and is shown as most of those notes write it;
//! - no stop word, pure number or lone letter;
//! - a tag (`#tag`) only in front of words, where at least half of the
//!   community's notes carry it, so that a tag shared by several
//!   communities is never the whole name;
//! - a tag dominant in one community only is its word of its own (the name
//!   may be the tag alone); a word no more frequent in a community than in
//!   the whole vault names no community (unless it is the whole vault);
//! - each other community takes one word of its own, largest first,
//!   that no other name may use: names are unique and each holds a word no
//!   other has, without numbered duplicates. Up to three parts in all.
//!
//! A community of more than `topic_words::SAMPLE` notes is read from an
//! evenly spaced sample of that many, and "a fifth" is of those.
//!
//! A community with no word left to take (a small one whose words larger
//! ones took, or notes without text) is named by its best linked note's
//! display name, unique among notes (its path where that name is taken):
//! such a name is unique but may share its words.

use super::communities::NoteNetwork;
use super::topic_words::{count, Stat, Words};
use crate::vault::{NoteId, Vault};
use rustc_hash::FxHashMap as FxMap;
use std::collections::{HashMap, HashSet};

/// A community whose every title holds a word counts it this many times.
const TITLE_WEIGHT: u32 = 2;
/// Parts of a name, a tag included.
const MAX_PARTS: usize = 3;
/// Words each community may choose its own from.
const CANDIDATES: usize = 16;
/// A further word joins a name when it scores at least this share of the
/// community's own word.
const FURTHER: f64 = 0.5;
/// Between the parts of a name.
pub const SEPARATOR: &str = " · ";

/// One candidate word: score, term, counts.
type Ranked<'a> = (f64, &'a str, &'a Stat);

/// A name for each community of `members` (largest first, as
/// `Communities` lists them). Deterministic.
pub fn topic_names(vault: &Vault, net: &NoteNetwork, members: &[Vec<NoteId>]) -> Vec<String> {
    let started = std::time::Instant::now();
    let names = name_all(vault, net, members);
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    log::debug!("analyze: topic names {ms:.1} ms");
    names
}

fn name_all(vault: &Vault, net: &NoteNetwork, members: &[Vec<NoteId>]) -> Vec<String> {
    let counted = count(vault, members);
    // Notes read: in how many of them a word occurs says how rare it is.
    let total = counted.words.iter().map(|w| w.size).sum::<usize>().max(1) as f64;
    let ranked: Vec<Vec<Ranked>> = (counted.words.iter())
        .map(|w| rank(w, &counted.df, total))
        .collect();
    // A tag dominant in one community only is that community's own word:
    // its name may be the tag, and no other name uses the tag's word.
    let tags: Vec<Option<&str>> = (counted.words.iter())
        .map(|w| dominant_tag(w).map(|t| t.0))
        .collect();
    let mut tag_count: HashMap<&str, usize> = HashMap::new();
    for tag in tags.iter().flatten() {
        *tag_count.entry(tag).or_default() += 1;
    }
    let own_tag = |c: usize| tags[c].filter(|t| tag_count[t] == 1);
    let mut owner: HashMap<&str, usize> = HashMap::new();
    for c in 0..members.len() {
        if let Some(tag) = own_tag(c) {
            owner.insert(tag, c);
        }
    }
    // Each other community's own word, by position in its ranking.
    let mut own: Vec<Option<usize>> = Vec::with_capacity(members.len());
    for (c, list) in ranked.iter().enumerate() {
        if own_tag(c).is_some() {
            own.push(None);
            continue;
        }
        let pick = list.iter().position(|r| !owner.contains_key(r.1));
        if let Some(i) = pick {
            owner.insert(list[i].1, c);
        }
        own.push(pick);
    }
    let mut names: Vec<Option<String>> = (0..members.len())
        .map(|c| {
            let free = |t: &str| owner.get(t).is_none_or(|&o| o == c);
            if own_tag(c).is_some() {
                return Some(compose_tagged(&counted.words[c], &ranked[c], &free));
            }
            let i = own[c]?;
            Some(compose(&counted.words[c], &ranked[c], i, &free))
        })
        .collect();
    let mut taken: HashSet<String> = names.iter().flatten().map(|n| n.to_lowercase()).collect();
    let display = super::names::display_names(vault);
    for (c, name) in names.iter_mut().enumerate() {
        if name.is_some() {
            continue;
        }
        let hub =
            (members[c].iter().copied()).max_by_key(|&n| (net.degree(n), std::cmp::Reverse(n)));
        let Some(hub) = hub else {
            *name = Some(String::new());
            continue;
        };
        let mut fallback = display[hub].clone();
        if !taken.insert(fallback.to_lowercase()) {
            fallback = vault.notes[hub].path.clone();
            taken.insert(fallback.to_lowercase());
        }
        *name = Some(fallback);
    }
    names.into_iter().map(Option::unwrap_or_default).collect()
}

/// The tag at least half of the community's notes carry, the most
/// carried (ties by name), if any.
fn dominant_tag(words: &Words) -> Option<(&str, &Stat)> {
    (words.tags.iter())
        .max_by(|a, b| a.1.notes.cmp(&b.1.notes).then(b.0.cmp(&a.0)))
        .filter(|(_, s)| s.notes as usize * 2 >= words.size)
        .map(|(t, s)| (&**t, s))
}

/// The community's words best first, at most `CANDIDATES`: the share of
/// its notes holding each, squared, weighted up by the share of titles
/// holding it, times how rare it is in the vault (BM25's idf); not the word of its tag, which the name shows already.
fn rank<'a>(words: &'a Words, df: &FxMap<Box<str>, u32>, total: f64) -> Vec<Ranked<'a>> {
    let size = words.size.max(1) as f64;
    let tag = dominant_tag(words).map(|t| t.0);
    // A word no more frequent in the community than in the vault says
    // nothing of it (unless the community is the whole vault).
    let common = |term: &str, stat: &Stat| {
        let vault_share = df.get(term).map_or(0.0, |&d| f64::from(d) / total);
        vault_share >= f64::from(stat.notes) / size
    };
    let mut list: Vec<Ranked> = (words.terms.iter())
        .filter(|(term, stat)| Some(&**term) != tag && (size >= total || !common(term, stat)))
        .map(|(term, stat)| {
            let (notes, titles) = (stat.notes as f64, stat.titles as f64);
            let everywhere = df.get(term).copied().unwrap_or(1).max(1) as f64;
            // BM25's idf: near nothing for a word in every note.
            let idf = (1.0 + (total - everywhere + 0.5) / (everywhere + 0.5)).ln();
            // The share squared: a word most notes hold says more of the
            // topic than a rarer one a few titles hold.
            let share = notes / size;
            let title = 1.0 + f64::from(TITLE_WEIGHT - 1) * titles / size;
            // A bigram from inside a Chinese or Japanese word counts half.
            let whole = 0.5 + 0.5 * f64::from(stat.leads) / notes.max(1.0);
            let score = share * share * title * whole * idf;
            (score, &**term, stat)
        })
        .collect();
    list.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    list.truncate(CANDIDATES);
    list
}

/// The community's tag in front (`dominant_tag`), its own word
/// `ranked[own]` and the next best words that are `free` (no other
/// community's own word), best first.
fn compose(words: &Words, ranked: &[Ranked], own: usize, free: &dyn Fn(&str) -> bool) -> String {
    let tag = dominant_tag(words);
    let mut parts: Vec<String> = tag
        .iter()
        .map(|(t, s)| format!("#{}", s.shown(t)))
        .collect();
    let best = ranked[own].0;
    let chosen = (ranked.iter().enumerate())
        .filter(|&(i, r)| i == own || (i > own && r.0 >= best * FURTHER && free(r.1)))
        .take(MAX_PARTS - parts.len());
    parts.extend(chosen.map(|(_, r)| r.2.shown(r.1).to_string()));
    parts.join(SEPARATOR)
}

/// A community whose tag is its own: the tag, then its best free words
/// that score at least `FURTHER` of the best of them.
fn compose_tagged(words: &Words, ranked: &[Ranked], free: &dyn Fn(&str) -> bool) -> String {
    let Some((tag, stat)) = dominant_tag(words) else {
        return String::new();
    };
    let mut parts = vec![format!("#{}", stat.shown(tag))];
    let usable: Vec<&Ranked> = ranked.iter().filter(|r| free(r.1)).collect();
    if let Some(best) = usable.first().map(|r| r.0) {
        let further = usable.iter().filter(|r| r.0 >= best * FURTHER);
        parts.extend(
            further
                .take(MAX_PARTS - 1)
                .map(|r| r.2.shown(r.1).to_string()),
        );
    }
    parts.join(SEPARATOR)
}

/// How distinct a list of names is: the share of names no other name
/// equals, and the share holding a word (part) no other name holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Distinctness {
    pub unique: f64,
    pub own_word: f64,
}

impl Distinctness {
    /// Over `names`, compared without case.
    pub fn of<S: AsRef<str>>(names: &[S]) -> Distinctness {
        let lower: Vec<String> = names.iter().map(|n| n.as_ref().to_lowercase()).collect();
        let mut whole: HashMap<&str, usize> = HashMap::new();
        let mut parts: HashMap<&str, usize> = HashMap::new();
        for name in &lower {
            *whole.entry(name).or_default() += 1;
            let set: HashSet<&str> = name.split(SEPARATOR).collect();
            for p in set {
                *parts.entry(p).or_default() += 1;
            }
        }
        let n = names.len().max(1) as f64;
        let unique = lower.iter().filter(|l| whole[l.as_str()] == 1).count();
        let own = (lower.iter())
            .filter(|l| l.split(SEPARATOR).any(|p| parts[p] == 1))
            .count();
        Distinctness {
            unique: unique as f64 / n,
            own_word: own as f64 / n,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::communities::communities;
    use crate::graph::NoteGraph;
    use crate::vault::tests::vault;

    /// Six notes each, all tagged `#math`, linked in a ring within their
    /// group and once across: linear algebra and calculus.
    fn two_maths() -> Vec<(String, String)> {
        let algebra = [
            (
                "Matrix multiplication",
                "A matrix times a matrix; each eigenvalue of a product.",
            ),
            (
                "Eigenvalue",
                "An eigenvalue of a matrix, with its eigenvector.",
            ),
            (
                "Eigenvector",
                "The eigenvector of a matrix for one eigenvalue.",
            ),
            (
                "Determinant",
                "The determinant of a matrix is the product of each eigenvalue.",
            ),
            (
                "Matrix inverse",
                "A matrix with nonzero determinant has an inverse matrix.",
            ),
            (
                "Linear map",
                "Every linear map is a matrix; Fourier wrote none.",
            ),
        ];
        let calculus = [
            (
                "Integral",
                "The integral of a function, as the limit of sums.",
            ),
            ("Limit", "A limit of a function; every integral is a limit."),
            (
                "Derivative",
                "The derivative is a limit; its inverse is the integral.",
            ),
            (
                "Integration by parts",
                "An integral of a product, by parts, with a limit.",
            ),
            (
                "Continuity",
                "A function is continuous where its limit is its value.",
            ),
            (
                "Fundamental theorem",
                "The integral of a derivative, by the limit of sums.",
            ),
        ];
        let mut files = Vec::new();
        for (group, notes) in [("a", &algebra), ("c", &calculus)] {
            for (i, (title, body)) in notes.iter().enumerate() {
                let next = format!("{group}{}", (i + 1) % notes.len());
                let across = if i == 0 && group == "a" {
                    " [[c0]]"
                } else {
                    ""
                };
                let text = format!(
                    "---\ntags: [math]\n---\n# {title}\n\n{body} See [[{next}]] and [[{group}{}]].{across}\n",
                    (i + 2) % notes.len()
                );
                files.push((format!("{group}{i}.md"), text));
            }
        }
        files
    }

    fn named(files: &[(String, String)]) -> (Vec<String>, Vec<Vec<NoteId>>, Vault) {
        let refs: Vec<(&str, &str)> = files
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        let v = vault(&refs);
        let g = NoteGraph::build(&v);
        let c = communities(&v, &g);
        let names = topic_names(&v, &NoteNetwork::of(&v, &g), &c.members);
        (names, c.members, v)
    }

    #[test]
    fn two_communities_of_one_tag_are_named_by_their_own_words() {
        let (names, members, v) = named(&two_maths());
        assert_eq!(members.len(), 2, "{members:?}");
        let of = |path: &str| {
            let id = v.note_by_path(path).unwrap();
            let c = members.iter().position(|m| m.contains(&id)).unwrap();
            names[c].clone()
        };
        let (algebra, calculus) = (of("a0.md"), of("c0.md"));
        assert!(algebra.starts_with("#math · "), "{algebra}");
        assert!(calculus.starts_with("#math · "), "{calculus}");
        assert!(
            algebra.contains("matrix") || algebra.contains("eigenvalue"),
            "{algebra}"
        );
        assert!(
            calculus.contains("integral") || calculus.contains("limit"),
            "{calculus}"
        );
        assert!(!algebra.contains('(') && !calculus.contains('('));
        assert_eq!(
            Distinctness::of(&names),
            Distinctness {
                unique: 1.0,
                own_word: 1.0
            }
        );
        assert!(algebra.split(SEPARATOR).count() <= MAX_PARTS);
        // The same vault, the same names.
        assert_eq!(named(&two_maths()).0, names);
    }

    #[test]
    fn every_word_is_in_a_fifth_of_the_notes_and_written_as_most_write_it() {
        let mut files = two_maths();
        // Most algebra notes write "Gauss" capitalised, one does not.
        for (i, (_, text)) in files.iter_mut().take(6).enumerate() {
            text.push_str(if i == 5 { "gauss\n" } else { "Gauss Gauss\n" });
        }
        let (names, members, v) = named(&files);
        for (name, m) in names.iter().zip(&members) {
            for word in name.split(SEPARATOR).filter(|w| !w.starts_with('#')) {
                let holding = (m.iter())
                    .filter(|&&n| {
                        v.notes[n]
                            .text
                            .to_lowercase()
                            .contains(&word.to_lowercase())
                    })
                    .count();
                assert!(holding * 5 >= m.len(), "{word} in {holding} of {}", m.len());
            }
        }
        let algebra = &names[members.iter().position(|m| m.contains(&0)).unwrap()];
        assert!(!algebra.contains("gauss"), "{algebra}");
        let all = names.join(" ");
        assert!(
            !all.contains("the") && !all.contains(" a "),
            "stop words: {all}"
        );
    }

    #[test]
    fn chinese_notes_are_named_by_their_words() {
        let mut files: Vec<(String, String)> = Vec::new();
        for (group, words) in [("p", "插件系统"), ("d", "数据库")] {
            for i in 0..4 {
                let link = format!("[[{group}{}|{words}]]", (i + 1) % 4);
                let text = format!("# 笔记{group}{i}\n\n{words}的设计 {link}\n");
                files.push((format!("{group}{i}.md"), text));
            }
        }
        files[0].1.push_str("[[d0|数据库]]\n");
        let (names, _, _) = named(&files);
        assert_eq!(names.len(), 2, "{names:?}");
        let all = names.join(" ");
        assert!(all.contains("插件") && all.contains("数据"), "{names:?}");
    }

    #[test]
    fn distinctness_counts_shared_names_and_words() {
        let d = Distinctness::of(&["#math · matrix", "#math · integral", "x", "X"]);
        assert_eq!(d.unique, 0.5);
        assert_eq!(d.own_word, 0.5);
    }
}
