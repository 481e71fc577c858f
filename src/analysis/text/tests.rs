//! Behaviour of the whole index on a small vault in five languages.

use super::*;
use crate::vault::tests::vault;
use crate::vault::{NoteId, Vault};

const RAFT: &str = "---
id: raft-note
title: Raft consensus
aliases: [Replicated state machine]
tags: [distributed, Consensus/Leader]
status: learning
source: zebra
---
# Raft consensus

Leader election keeps one **base** case simple.

The log replication protocol sends entries.

```
fenced quokka
```

Tagged #inline-tag here.
";

const CASES: &str = "---
title: Test cases
status: done
tags: [testing]
---
# Test cases

Every case matters.
A split phrase ends here with apple

pie starts the next paragraph.
";

const OTHER: &str = "---
status: todo
---
# Other

Notes about lag.

Here is the base case again, `inline quoted` code.
";

const PAXOS: &str = "# Paxos\n\nPaxos also reaches consensus.\n";
const ZH: &str = "# 插件系统\n\n我们的插件系统支持热加载。\n";
const JA: &str =
    "---\ntitle: 日本語のメモ\n---\n東京で寿司を食べました。\nカタカナのデータベースを使う。\n";
const KO: &str = "# 한국어 노트\n\n오늘은 날씨가 좋습니다.\n";
const RU: &str = "# Русская заметка\n\nМы читаем интересные книги каждый день.\n";

fn fixture() -> Vault {
    vault(&[
        ("en/raft.md", RAFT),
        ("en/cases.md", CASES),
        ("en/other.md", OTHER),
        ("en/paxos.md", PAXOS),
        ("zh/plugin.md", ZH),
        ("ja/memo.md", JA),
        ("ko/note.md", KO),
        ("ru/note.md", RU),
    ])
}

fn run(v: &Vault, index: &TextIndex, text: &str) -> SearchResults {
    index.search(v, &Query::parse(text, true), &frontmatter_status(v), 100)
}

/// (path, line) of every hit, in rank order.
fn found(v: &Vault, index: &TextIndex, text: &str) -> Vec<(String, u32)> {
    let results = run(v, index, text);
    assert_eq!(results.total, results.hits.len(), "{text}");
    results
        .hits
        .iter()
        .map(|h| (v.notes[h.note].path.clone(), h.line))
        .collect()
}

fn paths(v: &Vault, index: &TextIndex, text: &str) -> Vec<String> {
    let mut p: Vec<String> = found(v, index, text).into_iter().map(|h| h.0).collect();
    p.sort();
    p
}

#[test]
fn planted_phrases_are_found_where_they_are_and_nowhere_else() {
    let v = fixture();
    let index = TextIndex::build(&v);
    let cases: &[(&str, &[(&str, u32)])] = &[
        ("\"base case\"", &[("en/other.md", 8), ("en/raft.md", 11)]),
        ("\"log replication\"", &[("en/raft.md", 13)]),
        ("\"apple pie\"", &[]),
        ("\"fenced quokka\"", &[]),
        ("\"inline quoted\"", &[("en/other.md", 8)]),
        ("\"插件\"", &[("zh/plugin.md", 1)]),
        ("\"加载\"", &[("zh/plugin.md", 3)]),
        ("\"寿司\"", &[("ja/memo.md", 4)]),
        ("\"データベース\"", &[("ja/memo.md", 5)]),
        ("\"날씨가 좋습니다\"", &[("ko/note.md", 3)]),
        ("\"интересные книги\"", &[("ru/note.md", 3)]),
        ("\"Replicated state machine\"", &[("en/raft.md", 9)]),
    ];
    for (query, expected) in cases {
        let mut got = found(&v, &index, query);
        got.sort();
        let expected: Vec<(String, u32)> =
            expected.iter().map(|(p, l)| (p.to_string(), *l)).collect();
        assert_eq!(got, expected, "{query}");
    }
}

#[test]
fn task_boxes_are_not_words() {
    let v = vault(&[("a.md", "# A\n\n- [x] I can define it\n- [ ] I can use it\n")]);
    let index = TextIndex::build(&v);
    assert!(index.terms.find("x").is_none());
    assert_eq!(paths(&v, &index, "\"can define\""), vec!["a.md"]);
}

#[test]
fn hidden_text_is_not_indexed() {
    let v = fixture();
    let index = TextIndex::build(&v);
    for query in ["zebra", "quokka", "fenced", "learning", "source"] {
        assert!(paths(&v, &index, query).is_empty(), "{query}");
    }
}

#[test]
fn words_match_by_stem_and_the_last_by_prefix() {
    let v = fixture();
    let index = TextIndex::build(&v);
    assert_eq!(
        paths(&v, &index, "cases"),
        ["en/cases.md", "en/other.md", "en/raft.md"]
    );
    assert_eq!(paths(&v, &index, "repl"), ["en/raft.md"]);
    assert!(
        paths(&v, &index, "repl ").is_empty(),
        "a finished word is whole"
    );
    assert_eq!(paths(&v, &index, "книга"), ["ru/note.md"]);
    // One Han or Kana character finds the runs that hold it.
    assert_eq!(paths(&v, &index, "寿"), ["ja/memo.md"]);
    assert_eq!(paths(&v, &index, "载"), ["zh/plugin.md"]);
    assert_eq!(paths(&v, &index, "插件"), ["zh/plugin.md"]);
    // Stopwords alone still search; beside a word they are dropped.
    assert_eq!(paths(&v, &index, "the base"), ["en/other.md", "en/raft.md"]);
}

#[test]
fn titles_rank_above_bodies_and_snippets_mark_hits() {
    let v = fixture();
    let index = TextIndex::build(&v);
    let results = run(&v, &index, "consensus");
    let order: Vec<&str> = results
        .hits
        .iter()
        .map(|h| v.notes[h.note].path.as_str())
        .collect();
    assert_eq!(order, ["en/raft.md", "en/paxos.md"]);
    let paxos = &results.hits[1].snippet;
    let marked: Vec<&str> = paxos
        .highlights
        .iter()
        .map(|r| &paxos.text[r.clone()])
        .collect();
    assert_eq!(marked, ["consensus"]);
    assert_eq!(results.hits[1].line, 3);
}

#[test]
fn exclusions_and_filters_narrow() {
    let v = fixture();
    let index = TextIndex::build(&v);
    assert_eq!(
        paths(&v, &index, "case -election"),
        ["en/cases.md", "en/other.md"]
    );
    assert_eq!(paths(&v, &index, "case -\"base case\""), ["en/cases.md"]);
    assert_eq!(paths(&v, &index, "case tag:testing"), ["en/cases.md"]);
    assert_eq!(paths(&v, &index, "tag:consensus"), ["en/raft.md"]);
    assert_eq!(paths(&v, &index, "tag:CONSENSUS/leader"), ["en/raft.md"]);
    assert!(paths(&v, &index, "tag:consensus/lead").is_empty());
    assert_eq!(paths(&v, &index, "tag:inline-tag"), ["en/raft.md"]);
    assert_eq!(paths(&v, &index, "case status:Done"), ["en/cases.md"]);
    assert_eq!(paths(&v, &index, "path:EN/ -case").len(), 1);
    assert_eq!(paths(&v, &index, "path:zh"), ["zh/plugin.md"]);
    // Filters alone list every note passing them, by title.
    let titles: Vec<String> = found(&v, &index, "path:en/")
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    assert_eq!(
        titles,
        ["en/other.md", "en/paxos.md", "en/raft.md", "en/cases.md"]
    );
    // The caller's statuses override the frontmatter's.
    let all_done = |_: NoteId| Some("done".to_string());
    let q = Query::parse("case status:done", true);
    assert_eq!(index.search(&v, &q, &all_done, 10).total, 3);
    // A limit cuts the hits, not the total.
    let r = index.search(&v, &Query::parse("case", true), &frontmatter_status(&v), 1);
    assert_eq!((r.total, r.hits.len()), (3, 1));
}

#[test]
fn related_notes_find_the_neighbour_not_the_hub() {
    let notes = [
        (
            "raft.md",
            "Raft leader election uses terms, quorum votes and heartbeats.",
        ),
        (
            "paxos.md",
            "Paxos leader election needs a quorum of acceptors and ballots.",
        ),
        (
            "bloom.md",
            "Bloom filters hash keys into bit arrays with false positives.",
        ),
        (
            "cuckoo.md",
            "Cuckoo filters hash fingerprints into buckets, fewer false positives.",
        ),
        (
            "btree.md",
            "B-trees keep sorted pages with fanout and splits on disk.",
        ),
        (
            "lsm.md",
            "LSM trees flush sorted runs to disk and compact pages later.",
        ),
    ];
    let hub_text: String = notes
        .iter()
        .map(|(_, t)| *t)
        .collect::<Vec<_>>()
        .join("\n\n");
    let mut files: Vec<(&str, &str)> = notes.to_vec();
    files.push(("index.md", &hub_text));
    let v = vault(&files);
    let index = TextIndex::build(&v);
    let id = |p: &str| v.note_by_path(p).unwrap();
    let mut hub_first = 0;
    for (me, neighbour) in [
        ("raft.md", "paxos.md"),
        ("paxos.md", "raft.md"),
        ("bloom.md", "cuckoo.md"),
        ("cuckoo.md", "bloom.md"),
        ("btree.md", "lsm.md"),
        ("lsm.md", "btree.md"),
    ] {
        let related = index.related(&v, id(me), 3);
        assert!(!related.is_empty(), "{me}");
        if related[0].note == id("index.md") {
            hub_first += 1;
        }
        let rank = related.iter().position(|r| r.note == id(neighbour));
        assert!(rank.is_some_and(|r| r <= 1), "{me}: {related:?}");
    }
    assert_eq!(hub_first, 0, "the hub tops no list");
    let raft = index.related(&v, id("raft.md"), 10);
    assert_eq!(raft[0].note, id("paxos.md"));
    assert!(raft[0].shared.len() <= 3 && !raft[0].shared.is_empty());
    for word in &raft[0].shared {
        assert!(
            ["leader", "election", "quorum"].contains(&word.as_str()),
            "{word}"
        );
    }
    assert!(raft.iter().all(|r| r.score > 0.0 && r.score <= 1.0));
    // Shared terms are shown as written.
    let bloom = index.related(&v, id("bloom.md"), 1);
    assert!(bloom[0]
        .shared
        .iter()
        .all(|w| w.chars().all(|c| c.is_lowercase())));
    let lsm = index.related(&v, id("lsm.md"), 1);
    assert_eq!(lsm[0].note, id("btree.md"));
}

#[test]
fn index_is_deterministic_and_small() {
    let v = fixture();
    let a = TextIndex::build(&v);
    let b = TextIndex::build(&v);
    assert_eq!(a.terms.len(), b.terms.len());
    assert_eq!(a.postings, b.postings);
    let text: usize = v.notes.iter().map(|n| n.text.len()).sum();
    assert!(a.memory_bytes() > 0);
    assert!(a.len() == v.notes.len() && text > 0);
}

#[test]
fn a_common_phrase_reads_only_the_notes_shown() {
    let files: Vec<(String, String)> = (0..600)
        .map(|i| {
            let text = if i % 2 == 0 {
                "alpha beta gamma"
            } else {
                "alpha gamma beta\n\nalpha"
            };
            (format!("n{i:03}.md"), text.to_string())
        })
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let v = vault(&refs);
    let index = TextIndex::build(&v);
    let r = index.search(
        &v,
        &Query::parse("\"alpha beta\"", false),
        &frontmatter_status(&v),
        5,
    );
    assert!(r.total_is_estimate);
    assert!((300..=320).contains(&r.total), "{}", r.total);
    assert_eq!(r.hits.len(), 5);
    assert!(r.hits.iter().all(|h| h.note % 2 == 0));
    // Few candidates: every one is read, the total is exact.
    let r = index.search(
        &v,
        &Query::parse("\"alpha beta\" path:n00", false),
        &frontmatter_status(&v),
        5,
    );
    assert!(!r.total_is_estimate);
    assert_eq!(r.total, 5);
    let r = index.search(
        &v,
        &Query::parse("alpha -\"gamma beta\"", false),
        &frontmatter_status(&v),
        500,
    );
    // Every candidate was read to fill 500 hits: the total is exact.
    assert!(!r.total_is_estimate);
    assert_eq!((r.total, r.hits.len()), (300, 300));
}
