//! Keeping noise out: Obsidian's excluded files (a prefix and a `/regex/`)
//! and, with `--gitignore`, the vault's `.gitignore` leave files out of
//! `stats`, `check` and `search` while links to them stay resolved; a note
//! marked `graph: hide` is searched but left out of the exports.

mod common;

use common::{excluded_vault, notegraph};
use std::process::Output;

fn text(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn json(args: &[&str]) -> serde_json::Value {
    let out = notegraph(args);
    serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("{out:?}"))
}

#[test]
fn check_counts_the_excluded_files_by_rule_and_only_the_real_broken_link() {
    let dir = excluded_vault();
    let v = dir.path().to_str().unwrap();
    let report = text(&notegraph(&["check", v]));
    assert!(
        report.contains("3 files excluded (userIgnoreFilters: `Daily/` 2, `/\\.excalidraw/` 1)"),
        "{report}"
    );
    // `[[out]]` is broken without --gitignore: build/out.md is then a note
    // and `out` resolves to it; `[[gone]]` is broken either way.
    assert!(report.contains("unresolved link `gone`"), "{report}");
    assert!(!report.contains("2024-01-01`"), "{report}");
    assert!(!report.contains("Sketch"), "{report}");
    assert!(
        !report.contains("nowhere"),
        "an excluded file's findings are no one's: {report}"
    );
    assert!(report.contains("lost"), "build/out.md is a note: {report}");

    let report = text(&notegraph(&["check", v, "--gitignore", "--verbose"]));
    assert!(
        report.contains(
            "4 files excluded (userIgnoreFilters: `Daily/` 2, `/\\.excalidraw/` 1; .gitignore 1)"
        ),
        "{report}"
    );
    assert!(report.contains("  build/out.md  (.gitignore)"), "{report}");
    assert!(
        report.contains("  Daily/2024-01-02.md  (Daily/)"),
        "{report}"
    );
    assert!(!report.contains("lost"), "{report}");
    let unresolved: Vec<&str> = (report.lines())
        .filter(|l| l.contains("unresolved"))
        .collect();
    assert_eq!(
        unresolved,
        ["index.md:3: warning: unresolved link `gone`: no such note"]
    );
    assert!(report.contains("3 notes checked"), "{report}");

    let entries = json(&["check", v, "--json", "--respect-gitignore"]);
    let excluded = (entries.as_array().unwrap().iter())
        .find(|e| e["kind"] == "excluded")
        .expect("an excluded entry");
    assert_eq!(excluded["count"], 4);
    assert_eq!(
        excluded["rules"],
        serde_json::json!([
            {"source": "userIgnoreFilters", "rule": "Daily/", "count": 2},
            {"source": "userIgnoreFilters", "rule": "/\\.excalidraw/", "count": 1},
            {"source": "gitignore", "rule": ".gitignore", "count": 1},
        ])
    );
}

#[test]
fn stats_count_neither_excluded_files_nor_links_to_them_as_broken() {
    let dir = excluded_vault();
    let v = dir.path().to_str().unwrap();
    let s = json(&["stats", v, "--json", "--gitignore"]);
    // index, Topic and Secret: the hidden note still counts.
    assert_eq!(s["notes"], 3);
    assert_eq!(s["excluded"], 4);
    assert_eq!(s["unresolved_links"], 1, "{s}");
    let s = json(&["stats", v, "--json"]);
    assert_eq!(
        (s["notes"].as_u64(), s["excluded"].as_u64()),
        (Some(4), Some(3))
    );
    let table = text(&notegraph(&["stats", v, "--gitignore"]));
    assert!(table.contains("  excluded (left out)     4\n"), "{table}");
    // Seven of eight links resolve, three of them to files left out.
    assert!(
        table.contains("resolved              7 (87.5 %)"),
        "{table}"
    );
}

#[test]
fn search_finds_the_hidden_note_and_no_excluded_file() {
    let dir = excluded_vault();
    let v = dir.path().to_str().unwrap();
    let out = text(&notegraph(&["search", v, "zebrafish", "--gitignore"]));
    assert!(out.contains("Secret.md"), "{out}");
    for left_out in ["Daily/", "Sketch", "build/"] {
        assert!(!out.contains(left_out), "{left_out}: {out}");
    }
}

#[test]
fn exports_leave_out_the_hidden_note_and_its_edges() {
    let dir = excluded_vault();
    let v = dir.path().to_str().unwrap();
    let graph = json(&["export", v, "--format", "json", "--gitignore"]);
    let paths: Vec<&str> = (graph["nodes"].as_array().unwrap().iter())
        .filter_map(|n| n["path"].as_str())
        .collect();
    assert_eq!(paths, ["Topic.md", "index.md"]);
    let edges = graph["edges"].as_array().unwrap();
    // index → Topic, and index → the ghost `gone`; none to Secret (index
    // 0) or to a file left out.
    assert_eq!(edges.len(), 2, "{edges:?}");
    assert!(edges.iter().all(|e| e["source"] != 0 && e["target"] != 0));
    let dot = text(&notegraph(&["export", v, "--format", "dot"]));
    assert!(!dot.contains("Secret"), "{dot}");
    let graphml = text(&notegraph(&["export", v, "--format", "graphml"]));
    assert!(!graphml.contains("Secret"), "{graphml}");
}
