//! Link suggestions: notes a body names without linking them (unlinked
//! mentions, found for all titles and aliases in one pass per body), and
//! pairs that share neighbours (Adamic–Adar) or tags.

use super::communities::NoteNetwork;
use crate::vault::pieces::{pieces, PARSE_PIECE_BYTES};
use crate::vault::{NoteId, Target, Vault};
use aho_corasick::{AhoCorasick, MatchKind};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

/// Suggestions kept per note.
pub const PER_NOTE: usize = 5;
/// Titles shorter than this (in characters) are not looked for: too many
/// are ordinary words.
const MIN_TITLE_CHARS: usize = 4;
/// Words that name many notes in real vaults and mean nothing as a mention.
const COMMON_TITLES: &[&str] = &[
    "notes",
    "note",
    "types",
    "concepts",
    "installation",
    "install",
    "index",
    "readme",
    "overview",
    "introduction",
    "intro",
    "summary",
    "todo",
    "ideas",
    "misc",
    "journal",
    "inbox",
    "home",
    "about",
    "usage",
    "examples",
    "example",
    "reference",
    "glossary",
    "faq",
    "configuration",
    "setup",
    "features",
    "changelog",
    "license",
    "contents",
    "getting started",
    "basics",
    "tutorial",
    "guide",
    "questions",
    "resources",
    "links",
    "untitled",
    "draft",
    "test",
    "templates",
    "template",
];
/// Neighbours with more links than this are skipped when counting shared
/// neighbours: a hub is shared by everyone and would cost its degree
/// squared in pairs.
const MAX_SHARED_HUB_DEGREE: usize = 200;
/// Tags carried by more notes than this say little about a pair.
const MAX_TAG_NOTES: usize = 60;

#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// The body names the other note's title or alias as plain text.
    Mention {
        text: String,
        line: u32,
    },
    /// They share this many neighbours (Adamic–Adar score in `score`).
    Neighbours(usize),
    Tags(Vec<String>),
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            Reason::Mention { text, line } => write!(f, "mentions '{text}' on line {line}"),
            Reason::Neighbours(n) => write!(f, "shares {n} neighbours"),
            Reason::Tags(tags) => {
                let tags: Vec<String> = tags.iter().map(|t| format!("#{t}")).collect();
                write!(f, "shares tags {}", tags.join(" "))
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub to: NoteId,
    pub reason: Reason,
    /// Higher is better; mentions rank above structure.
    pub score: f64,
}

/// The best suggestions for every note, by `NoteId`.
pub fn suggestions(vault: &Vault, net: &NoteNetwork) -> Vec<Vec<Suggestion>> {
    let linked: Vec<HashSet<usize>> = (net.adjacency.iter())
        .map(|a| a.iter().map(|e| e.0).collect())
        .collect();
    let mentions = unlinked_mentions(vault, &linked);
    let shared = shared_neighbours(net, &linked);
    let tags = shared_tags(vault, &linked);
    (0..vault.notes.len())
        .map(|n| {
            let mut all: Vec<Suggestion> = Vec::new();
            let mut seen = HashSet::new();
            for s in mentions[n].iter().chain(&shared[n]).chain(&tags[n]) {
                if seen.insert(s.to) {
                    all.push(s.clone());
                }
            }
            all.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.to.cmp(&b.to)));
            all.truncate(PER_NOTE);
            all
        })
        .collect()
}

/// One automaton over every title and alias (lowercased, longest match
/// first), run over the plain text of each body: outside code, links and
/// frontmatter, whole words only (CJK text has no spaces: any position).
pub fn unlinked_mentions(vault: &Vault, linked: &[HashSet<usize>]) -> Vec<Vec<Suggestion>> {
    let mut by_text: HashMap<String, Option<NoteId>> = HashMap::new();
    for (id, note) in vault.notes.iter().enumerate() {
        let names = std::iter::once(&note.title).chain(&note.frontmatter.aliases);
        for name in names {
            let key = name.trim().to_lowercase();
            if key.chars().count() < MIN_TITLE_CHARS || COMMON_TITLES.contains(&key.as_str()) {
                continue;
            }
            // A name two notes share names neither for sure.
            let slot = by_text.entry(key).or_insert(Some(id));
            if *slot != Some(id) {
                *slot = None;
            }
        }
    }
    let mut patterns: Vec<(String, NoteId)> = (by_text.into_iter())
        .filter_map(|(k, v)| Some((k, v?)))
        .collect();
    patterns.sort();
    let Some(automaton) = Automata::new(&patterns) else {
        return vec![Vec::new(); vault.notes.len()];
    };
    (0..vault.notes.len())
        .into_par_iter()
        .map(|id| mentions_in(vault, id, &automaton, &patterns, &linked[id]))
        .collect()
}

/// Patterns per automaton. aho-corasick's leftmost-longest construction
/// grows with the square of the patterns when many are prefixes of others
/// (80,000 titles "Step 1" … "Step 79999": 2.3 s in one automaton, 12 s at
/// 160,000); in automata of 20,000, 0.15 s each. A vault of that many
/// titles then costs a pass per automaton over its bodies instead.
const PATTERNS_PER_AUTOMATON: usize = 20_000;

/// Every title and alias in one automaton, or a few when there are many.
struct Automata(Vec<(AhoCorasick, usize)>);

impl Automata {
    fn new(patterns: &[(String, NoteId)]) -> Option<Automata> {
        Automata::in_chunks(patterns, PATTERNS_PER_AUTOMATON)
    }

    fn in_chunks(patterns: &[(String, NoteId)], size: usize) -> Option<Automata> {
        let mut all = Vec::new();
        for (i, chunk) in patterns.chunks(size).enumerate() {
            let automaton = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(chunk.iter().map(|p| &p.0))
                .ok()?;
            all.push((automaton, i * size));
        }
        Some(Automata(all))
    }

    /// Leftmost-longest matches as (start, end, pattern), not overlapping:
    /// with several automata, the union of theirs, leftmost then longest
    /// first, each kept unless it overlaps one kept before.
    fn find(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        for (automaton, offset) in &self.0 {
            let matches = automaton.find_iter(text);
            found.extend(matches.map(|m| (m.start(), m.end(), offset + m.pattern().as_usize())));
        }
        if self.0.len() > 1 {
            found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
            let mut end = 0;
            found.retain(|m| {
                let keep = m.0 >= end;
                if keep {
                    end = m.1;
                }
                keep
            });
        }
        found
    }
}

fn mentions_in(
    vault: &Vault,
    id: NoteId,
    automaton: &Automata,
    patterns: &[(String, NoteId)],
    linked: &HashSet<usize>,
) -> Vec<Suggestion> {
    let note = &vault.notes[id];
    let links_to: HashSet<NoteId> = (note.links.iter())
        .filter_map(|l| match l.target {
            Target::Note(t) => Some(t),
            Target::Missing(_) | Target::Excluded(_) => None,
        })
        .collect();
    let body = note.body();
    let lines = crate::vault::links::LineIndex::new(&note.text);
    let mut found: Vec<Suggestion> = Vec::new();
    let mut seen: HashSet<NoteId> = HashSet::new();
    for range in plain_text(body) {
        let text = body[range.clone()].to_lowercase();
        for (start, end, pattern) in automaton.find(&text) {
            let to = patterns[pattern].1;
            if to == id || linked.contains(&to) || links_to.contains(&to) || !seen.insert(to) {
                continue;
            }
            if !whole_word(&text, start, end) {
                seen.remove(&to);
                continue;
            }
            // Runs are short (a paragraph's line): counting in one is cheap.
            let line_in_run = crate::vault::lines::line_of(&text, start) - 1;
            let line = lines.line(note.body_offset + range.start) + line_in_run;
            let written = vault.notes[to].title.clone();
            found.push(Suggestion {
                to,
                reason: Reason::Mention {
                    text: written,
                    line,
                },
                score: 10.0,
            });
        }
    }
    found
}

/// Byte ranges of `body` that are prose: not code, not inside a link or
/// image, not HTML.
fn plain_text(body: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let (mut code, mut link) = (0usize, 0usize);
    let options = crate::vault::links::MARKDOWN_OPTIONS;
    // In pieces, as the loader parses: a whole long body at once costs
    // pulldown-cmark about 110 bytes per byte.
    for piece in pieces(body, PARSE_PIECE_BYTES) {
        let start = piece.start;
        for (event, range) in Parser::new_ext(&body[piece], options).into_offset_iter() {
            match event {
                Event::Start(Tag::CodeBlock(_)) => code += 1,
                Event::End(TagEnd::CodeBlock) => code = code.saturating_sub(1),
                Event::Start(Tag::Link { .. } | Tag::Image { .. }) => link += 1,
                Event::End(TagEnd::Link | TagEnd::Image) => link = link.saturating_sub(1),
                Event::Text(_) if code == 0 && link == 0 => {
                    out.push(start + range.start..start + range.end)
                }
                _ => {}
            }
        }
        (code, link) = (0, 0);
    }
    out
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF)
}

/// The match is a word of its own: no letter or digit right before or
/// after it, unless it is CJK, written without spaces.
fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let first = text[start..].chars().next();
    let last = text[..end].chars().next_back();
    let open = |edge: Option<char>, near: Option<char>| {
        near.is_some_and(is_cjk) || !edge.is_some_and(|c| c.is_alphanumeric() || c == '_')
    };
    open(before, first) && open(after, last)
}

/// Adamic–Adar: pairs with no link, scored by the shared neighbours, each
/// weighted by 1 / ln(its degree).
fn shared_neighbours(net: &NoteNetwork, linked: &[HashSet<usize>]) -> Vec<Vec<Suggestion>> {
    let n = net.adjacency.len();
    (0..n)
        .into_par_iter()
        .map(|u| {
            let mut score: HashMap<usize, (f64, usize)> = HashMap::new();
            for &(w, _) in &net.adjacency[u] {
                let d = net.degree(w);
                if !(2..=MAX_SHARED_HUB_DEGREE).contains(&d) {
                    continue;
                }
                for &(v, _) in &net.adjacency[w] {
                    if v != u && !linked[u].contains(&v) {
                        let s = score.entry(v).or_default();
                        s.0 += 1.0 / (d as f64).ln();
                        s.1 += 1;
                    }
                }
            }
            let mut best: Vec<Suggestion> = (score.into_iter())
                .filter(|(_, (_, shared))| *shared >= 2)
                .map(|(v, (s, shared))| Suggestion {
                    to: v,
                    reason: Reason::Neighbours(shared),
                    score: s,
                })
                .collect();
            best.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.to.cmp(&b.to)));
            best.truncate(PER_NOTE);
            best
        })
        .collect()
}

/// Pairs with no link that share two or more tags.
fn shared_tags(vault: &Vault, linked: &[HashSet<usize>]) -> Vec<Vec<Suggestion>> {
    let mut by_tag: HashMap<&str, Vec<NoteId>> = HashMap::new();
    for (id, note) in vault.notes.iter().enumerate() {
        for t in &note.frontmatter.tags {
            by_tag.entry(t.as_str()).or_default().push(id);
        }
    }
    let mut pairs: HashMap<(NoteId, NoteId), Vec<String>> = HashMap::new();
    for (tag, notes) in by_tag.iter().filter(|(_, n)| n.len() <= MAX_TAG_NOTES) {
        for (i, &a) in notes.iter().enumerate() {
            for &b in &notes[i + 1..] {
                if a != b && !linked[a].contains(&b) {
                    pairs.entry((a, b)).or_default().push(tag.to_string());
                }
            }
        }
    }
    let mut out = vec![Vec::new(); vault.notes.len()];
    for ((a, b), mut tags) in pairs.into_iter().filter(|(_, t)| t.len() >= 2) {
        tags.sort();
        let score = tags.len() as f64 * 0.5;
        for (from, to) in [(a, b), (b, a)] {
            out[from].push(Suggestion {
                to,
                reason: Reason::Tags(tags.clone()),
                score,
            });
        }
    }
    for s in &mut out {
        s.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.to.cmp(&b.to)));
        s.truncate(PER_NOTE);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn automata_in_chunks_find_what_one_finds() {
        let mut patterns: Vec<(String, NoteId)> =
            ["step 1", "step 12", "step 123", "other", "step"]
                .iter()
                .enumerate()
                .map(|(i, p)| (p.to_string(), i))
                .collect();
        patterns.sort();
        let text = "see step 123 and other, then step 1, step";
        let one = Automata::in_chunks(&patterns, 100).unwrap().find(text);
        for size in [1, 2, 3] {
            assert_eq!(
                Automata::in_chunks(&patterns, size).unwrap().find(text),
                one,
                "{size}"
            );
        }
        let words: Vec<&str> = one.iter().map(|m| &text[m.0..m.1]).collect();
        assert_eq!(words, ["step 123", "other", "step 1", "step"]);
    }
    use crate::graph::NoteGraph;
    use crate::vault::tests::vault;

    fn mentioned(files: &[(&str, &str)], from: &str) -> Vec<(String, String)> {
        let v = vault(files);
        let g = NoteGraph::build(&v);
        let net = NoteNetwork::of(&v, &g);
        let all = suggestions(&v, &net);
        let id = v.note_by_path(from).unwrap();
        all[id]
            .iter()
            .filter(|s| matches!(s.reason, Reason::Mention { .. }))
            .map(|s| (v.notes[s.to].path.clone(), s.reason.to_string()))
            .collect()
    }

    #[test]
    fn every_planted_mention_is_found_and_nothing_in_code_links_or_frontmatter() {
        let found = mentioned(
            &[
                (
                    "essay.md",
                    "---\ntitle: Essay\nsummary: Raft in frontmatter\n---\n# Essay\n\nWe compare raft with PAXOS here.\nA leader election step.\n\n`Gossip protocols` in code, and\n```\nBloom filters in a block\n```\n[Quorum Systems](elsewhere.md) is a link.\nRafting is not Raft itself. 分布式系统很重要。\n",
                ),
                ("raft.md", "---\ntitle: Raft\n---\n"),
                ("paxos.md", "---\ntitle: Paxos\n---\n"),
                ("election.md", "---\ntitle: Leader Election\naliases: [leader election step]\n---\n"),
                ("gossip.md", "---\ntitle: Gossip protocols\n---\n"),
                ("bloom.md", "---\ntitle: Bloom filters\n---\n"),
                ("quorum.md", "---\ntitle: Quorum Systems\n---\n"),
                ("notes.md", "---\ntitle: Notes\n---\n"),
                ("dist.md", "---\ntitle: 分布式系统\n---\n"),
            ],
            "essay.md",
        );
        let paths: HashSet<&str> = found.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(
            paths,
            HashSet::from(["raft.md", "paxos.md", "election.md", "dist.md"]),
            "{found:?}"
        );
        let raft = found.iter().find(|f| f.0 == "raft.md").unwrap();
        assert_eq!(raft.1, "mentions 'Raft' on line 7");
        let election = found.iter().find(|f| f.0 == "election.md").unwrap();
        assert!(election.1.contains("line 8"), "{election:?}");
    }

    #[test]
    fn linked_notes_are_not_suggested_and_structure_gives_reasons() {
        let v = vault(&[
            (
                "a.md",
                "---\ntags: [x, y]\n---\n[[hub1]] [[hub2]] mentions Bravo",
            ),
            (
                "b.md",
                "---\ntitle: Bravo\ntags: [x, y]\n---\n[[hub1]] [[hub2]] [[a]]",
            ),
            ("c.md", "---\ntags: [x, y]\n---\n[[hub1]] [[hub2]]"),
            ("hub1.md", ""),
            ("hub2.md", ""),
        ]);
        let g = NoteGraph::build(&v);
        let all = suggestions(&v, &NoteNetwork::of(&v, &g));
        let id = |p: &str| v.note_by_path(p).unwrap();
        let for_a: Vec<(usize, String)> = all[id("a.md")]
            .iter()
            .map(|s| (s.to, s.reason.to_string()))
            .collect();
        assert!(
            for_a.iter().all(|(to, _)| *to != id("b.md")),
            "linked: {for_a:?}"
        );
        let c = for_a
            .iter()
            .find(|(to, _)| *to == id("c.md"))
            .expect("c suggested");
        assert!(
            c.1 == "shares 2 neighbours" || c.1 == "shares tags #x #y",
            "{c:?}"
        );
    }
}
