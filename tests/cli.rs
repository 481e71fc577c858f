//! Runs the real `notegraph` binary on the sample vault and on small vaults
//! built inside each test.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;

use common::notegraph;

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample-vault")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("utf-8 output")
}

fn json(args: &[&str]) -> Value {
    let out = notegraph(args);
    assert!(
        out.status.code() != Some(2),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

/// A vault in a temporary folder, from `(path, text)` pairs.
fn fixture(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn stats_on_the_sample_vault() {
    let stats = json(&["stats", s(&sample()), "--json"]);
    assert_eq!(stats["notes"], 36);
    assert_eq!(stats["notes_with_frontmatter"], 36);
    assert_eq!(stats["frontmatter_errors"], 1);
    assert_eq!(stats["orphans"], 2);
    assert_eq!(stats["prerequisite_cycles"], 1);
    assert_eq!(stats["unresolved_links"], 1);
    let links = stats["links"].as_u64().unwrap();
    assert_eq!(stats["resolved_links"].as_u64().unwrap(), links - 1);
    assert!(stats["edges"].as_u64().unwrap() > 60, "a well-linked demo");
}

#[test]
fn check_on_the_sample_vault_lists_each_planted_problem() {
    let out = notegraph(&["check", s(&sample())]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "the broken frontmatter is an error"
    );
    let text = stdout(&out);
    assert!(
        text.contains("system-design/rate-limiting.md:3: error: invalid YAML frontmatter"),
        "{text}"
    );
    assert!(text.contains("system-design/caching.md:"), "{text}");
    assert!(text.contains("`cache-eviction-policies.md`"), "{text}");
    assert!(text.contains("prerequisite cycle 1 of 2 notes: databases/consistency-models.md <-> databases/isolation-levels.md"));
}

#[test]
fn check_exit_codes() {
    let clean = fixture(&[("a.md", "[[b]]"), ("b.md", "[b](a.md)")]);
    let out = notegraph(&["check", s(clean.path())]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("2 notes checked: 0 error(s), 0 warning(s)"));

    let warnings_only = fixture(&[("a.md", "[[missing]]")]);
    assert_eq!(
        notegraph(&["check", s(warnings_only.path())]).status.code(),
        Some(0)
    );

    let missing = notegraph(&["check", "/no/such/vault"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/no/such/vault"));
}

#[test]
fn check_json_gives_machine_readable_diagnostics() {
    let vault = fixture(&[("a.md", "---\nid: [\n---\n")]);
    let diags = json(&["check", s(vault.path()), "--json"]);
    assert_eq!(diags[0]["path"], "a.md");
    assert_eq!(diags[0]["severity"], "error");
    assert_eq!(diags[0]["kind"], "frontmatter");
}

#[test]
fn empty_vault_and_vault_without_frontmatter() {
    let empty = fixture(&[]);
    let stats = json(&["stats", s(empty.path()), "--json"]);
    assert_eq!(stats["notes"], 0);
    assert_eq!(stats["links"], 0);
    assert_eq!(
        notegraph(&["check", s(empty.path())]).status.code(),
        Some(0)
    );
    assert_eq!(
        json(&["order", s(empty.path()), "--json"])["steps"],
        Value::Array(vec![])
    );

    let plain = fixture(&[
        ("one.md", "# One\nSee [two](two.md).\n"),
        ("two.md", "plain text"),
    ]);
    let stats = json(&["stats", s(plain.path()), "--json"]);
    assert_eq!(stats["notes"], 2);
    assert_eq!(stats["notes_with_frontmatter"], 0);
    assert_eq!(stats["edges"], 1);
    assert_eq!(stats["orphans"], 0);
}

#[test]
fn order_puts_every_prerequisite_first() {
    let plan = json(&["order", s(&sample()), "raft", "--json"]);
    assert_eq!(plan["targets"], serde_json::json!(["databases/raft.md"]));
    let steps: Vec<&str> = plan["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["path"].as_str().unwrap())
        .collect();
    assert_eq!(steps.last(), Some(&"databases/raft.md"));
    let pos = |p: &str| steps.iter().position(|s| *s == p);
    // The sample's chain: replication -> quorums -> consensus -> raft.
    assert!(pos("databases/replication.md") < pos("databases/quorums.md"));
    assert!(pos("databases/quorums.md") < pos("databases/consensus.md"));
    assert!(pos("databases/consensus.md") < pos("databases/raft.md"));
    // Mastered notes are left out unless asked for.
    assert!(plan["steps"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["learned"] == false));
    let full = json(&["order", s(&sample()), "raft", "--include-learned", "--json"]);
    assert!(full["steps"].as_array().unwrap().len() > steps.len());
    assert_eq!(full["steps"][0]["learned"], true);
}

#[test]
fn order_names_notes_by_id_title_alias_or_path() {
    let vault = fixture(&[
        (
            "t.md",
            "---\nid: the-id\ntitle: The Title\naliases: [Nick]\n---\n### Prerequisites\n- [[p]]\n",
        ),
        ("p.md", "---\nstatus: todo\n---\n"),
    ]);
    for name in ["the-id", "The Title", "nick", "t.md"] {
        let plan = json(&["order", s(vault.path()), name, "--json"]);
        assert_eq!(plan["steps"][0]["path"], "p.md", "{name}");
        assert_eq!(plan["steps"][1]["path"], "t.md", "{name}");
    }
    let out = notegraph(&["order", s(vault.path()), "nobody"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no note named `nobody`"));
}

#[test]
fn order_flags_cycles_and_lists_ready_notes() {
    let vault = fixture(&[
        ("a.md", "### Prerequisites\n- [[b]]\n"),
        ("b.md", "### Prerequisites\n- [[a]]\n"),
        ("c.md", "# C\n"),
        ("d.md", "### Prerequisites\n- [[c]]\n"),
        ("index.md", "# Index\n[[a]] [[c]]\n"),
    ]);
    let plan = json(&["order", s(vault.path()), "--json"]);
    let cycles: Vec<&Value> = plan["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| &s["cycle"])
        .collect();
    assert_eq!(cycles.iter().filter(|c| **c == &Value::from(1)).count(), 2);
    let text = stdout(&notegraph(&["order", s(vault.path())]));
    assert!(text.contains("[prerequisite cycle 1]"), "{text}");
    assert!(text.contains("Ready now: C\n"), "{text}");
    assert!(
        text.contains("  1 note left out: no prerequisites and no self-check\n"),
        "the index is no study material: {text}"
    );
}

#[test]
fn export_json_dot_and_graphml() {
    let vault = sample();
    let doc = json(&["export", s(&vault), "--format", "json"]);
    let nodes = doc["nodes"].as_array().unwrap();
    assert_eq!(nodes.iter().filter(|n| n["ghost"] == false).count(), 36);
    assert_eq!(nodes.iter().filter(|n| n["ghost"] == true).count(), 1);
    let kinds: std::collections::BTreeSet<&str> = doc["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        ["compare", "mention", "prerequisite", "related"]
    );

    let out_dir = tempfile::tempdir().unwrap();
    let graphml = out_dir.path().join("g.graphml");
    let out = notegraph(&[
        "export",
        s(&vault),
        "--format",
        "graphml",
        "-o",
        s(&graphml),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let xml = std::fs::read_to_string(&graphml).unwrap();
    let parsed = roxmltree::Document::parse(&xml).expect("well-formed GraphML");
    let count = |tag: &str| parsed.descendants().filter(|n| n.has_tag_name(tag)).count();
    assert_eq!(count("node"), 37);
    assert_eq!(count("edge"), doc["edges"].as_array().unwrap().len());

    let dot = stdout(&notegraph(&["export", s(&vault), "--format", "dot"]));
    assert!(dot.starts_with("digraph notegraph {"));
    // Graphviz, when installed, must accept it. CI installs it and sets
    // NOTEGRAPH_REQUIRE_DOT=1, so that there a missing `dot` fails the test
    // instead of skipping its point.
    let spawned = Command::new("dot")
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn();
    if std::env::var_os("NOTEGRAPH_REQUIRE_DOT").is_some_and(|v| v == "1") {
        if let Err(e) = &spawned {
            panic!("NOTEGRAPH_REQUIRE_DOT=1 but `dot` cannot run: {e}");
        }
    }
    if let Ok(mut child) = spawned {
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(dot.as_bytes())
            .unwrap();
        let result = child.wait_with_output().unwrap();
        assert!(
            result.status.success(),
            "{}",
            String::from_utf8_lossy(&result.stderr)
        );
        assert!(String::from_utf8_lossy(&result.stdout).contains("<svg"));
    }
}

#[test]
fn every_link_syntax_resolves_end_to_end() {
    let vault = fixture(&[
        ("notes/from.md", concat!(
            "---\nup: \"[[fm-target]]\"\n---\n",
            "[rel](../a/rel.md) [root](b/root.md) [case](../A/CASE.md) [name](far/away/unique.md)\n",
            "[ref][r] [pct](../a/with%20space.md#part)\n\n[r]: ../a/ref.md\n\n",
            "[[wiki]] [[alias target|shown]] [[stem#Heading]] ![[embedded]] ![[pic.png]]\n",
            "[[Shown Label|dotted.name]] [[By Title]] [[by-id]] [[An Alias]]\n",
            "`[[in code]]` <!-- [[in comment]] --> [web](https://example.org/x.md) [[#local]]\n",
        )),
        ("a/rel.md", ""), ("b/root.md", ""), ("a/case.md", ""), ("deep/unique.md", ""),
        ("a/ref.md", ""), ("a/with space.md", ""), ("fm-target.md", ""), ("x/wiki.md", ""),
        ("alias target.md", ""), ("stem.md", ""), ("embedded.md", ""), ("dotted.name.md", ""),
        ("t.md", "---\ntitle: By Title\n---\n"), ("i.md", "---\nid: by-id\naliases: [An Alias]\n---\n"),
    ]);
    let stats = json(&["stats", s(vault.path()), "--json"]);
    assert_eq!(stats["links"], 15, "{stats}");
    assert_eq!(stats["resolved_links"], 15, "{stats}");
    assert_eq!(stats["edges"], 14, "two links reach i.md");
    assert_eq!(stats["attachments"], 1);
    assert_eq!(stats["orphans"], 0);
}

#[test]
fn wikilinks_in_tables_resolve_without_the_escaping_backslash() {
    let dir = fixture(&[
        (
            "Views.md",
            "# Views\n\n| View | About |\n|---|---|\n| [[Map view\\|Map]] | ![[shot.png\\|200]] |\n| [[Views#Map view\\|here]] | [[Graph\\|graph]] |\n",
        ),
        ("Map view.md", "# Map view\n[[Views]]\n"),
        ("Graph.md", "# Graph\n[[Views]]\n"),
    ]);
    let out = notegraph(&["check", s(dir.path())]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(!text.contains('\\'), "{text}");
    let stats = json(&["stats", s(dir.path()), "--json"]);
    assert_eq!(stats["unresolved_links"], 0, "{stats}");
    assert_eq!(stats["resolved_links"], 5, "{stats}");
    assert_eq!(stats["attachments"], 1, "{stats}");
}

#[test]
fn analyze_reports_communities_hubs_and_suggestions_as_json() {
    let report = json(&["analyze", s(&sample()), "--json", "--limit", "2"]);
    let q = report["modularity"].as_f64().unwrap();
    assert!(q > 0.3 && q < 1.0, "{q}");
    let communities = report["communities"].as_array().unwrap();
    let total: u64 = communities
        .iter()
        .map(|c| c["size"].as_u64().unwrap())
        .sum();
    assert_eq!(total, 36, "every note in one community");
    assert!(communities[0]["name"].as_str().unwrap().starts_with('#'));
    assert_eq!(report["hubs"].as_array().unwrap().len(), 10);
    assert!(report["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["suggestions"].as_array().unwrap().len() <= 2));
}

#[test]
fn path_lists_the_steps_or_exits_1() {
    let out = notegraph(&["path", s(&sample()), "raft", "consensus"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("Consensus"), "{}", stdout(&out));
    let apart = fixture(&[("a.md", "[[b]]"), ("b.md", ""), ("c.md", "")]);
    let out = notegraph(&["path", s(apart.path()), "a", "c"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("no path"));
    let missing = notegraph(&["path", s(apart.path()), "a", "zzz"]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn export_with_layout_carries_positions_and_communities() {
    let doc = json(&["export", s(&sample()), "--format", "json", "--layout"]);
    let nodes = doc["nodes"].as_array().unwrap();
    for n in nodes {
        assert!(n["x"].as_f64().unwrap().is_finite() && n["y"].as_f64().unwrap().is_finite());
        assert_eq!(
            n["community"].is_u64(),
            !n["ghost"].as_bool().unwrap(),
            "{n}"
        );
    }
    let spread: Vec<f64> = nodes.iter().map(|n| n["x"].as_f64().unwrap()).collect();
    assert!(
        spread.iter().any(|&x| x != spread[0]),
        "a real layout, not one point"
    );
    let out = notegraph(&["export", s(&sample()), "--format", "graphml", "--layout"]);
    let text = stdout(&out);
    let xml = roxmltree::Document::parse(&text).unwrap();
    let with_x = xml
        .descendants()
        .filter(|n| n.has_tag_name("data") && n.attribute("key") == Some("x"))
        .count();
    assert_eq!(with_x, nodes.len());
}

/// The layered view: every prerequisite link outside a cycle points left
/// to right (x of the prerequisite < x of the note that needs it), and
/// notes with no prerequisite link are not placed.
#[test]
fn prerequisite_layout_reads_left_to_right() {
    let doc = json(&[
        "export",
        s(&sample()),
        "--format",
        "json",
        "--layout",
        "prerequisites",
    ]);
    let nodes = doc["nodes"].as_array().unwrap();
    let x = |i: &serde_json::Value| nodes[i.as_u64().unwrap() as usize]["x"].as_f64();
    let path = |i: &serde_json::Value| nodes[i.as_u64().unwrap() as usize]["path"].clone();
    let mut checked = 0;
    for e in doc["edges"].as_array().unwrap() {
        if e["kind"] != "prerequisite" {
            continue;
        }
        let (needs, pre) = (x(&e["source"]).unwrap(), x(&e["target"]).unwrap());
        // The sample's deliberate two-note cycle shares a layer.
        let cycle = [path(&e["source"]), path(&e["target"])].iter().all(|p| {
            p.as_str()
                .is_some_and(|p| p.contains("consistency-models") || p.contains("isolation-levels"))
        });
        if needs <= pre {
            assert!(cycle && needs == pre, "{e} points right to left");
        } else {
            checked += 1;
        }
    }
    assert!(checked >= 30, "{checked} links checked");
    let unplaced: Vec<_> = nodes.iter().filter(|n| n["x"].is_null()).collect();
    assert!(!unplaced.is_empty() && unplaced.len() < 5, "{unplaced:?}");
    for n in unplaced {
        assert!(n["layer"].is_null());
    }
}

/// `export -o` never writes into the vault, nor onto a note by another
/// name (a hard link), nor through a symbolic link into the vault.
#[test]
fn export_never_writes_where_a_note_is() {
    let vault = fixture(&[("a.md", "# A\n[[b]]\n"), ("b.md", "# B\n")]);
    let outside = tempfile::tempdir().unwrap();
    let before = std::fs::read_to_string(vault.path().join("a.md")).unwrap();
    let hard = outside.path().join("out.json");
    std::fs::hard_link(vault.path().join("a.md"), &hard).unwrap();
    let dangling = outside.path().join("through.json");
    std::os::unix::fs::symlink(vault.path().join("img.png"), &dangling).unwrap();
    let refused = [
        hard.clone(),
        vault.path().join("new.md"),
        vault.path().join("img.png"),
        dangling.clone(),
    ];
    for dest in &refused {
        let out = notegraph(&["export", s(vault.path()), "--format", "json", "-o", s(dest)]);
        assert_eq!(out.status.code(), Some(2), "{dest:?}: {out:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("refusing to write"));
    }
    assert_eq!(
        std::fs::read_to_string(vault.path().join("a.md")).unwrap(),
        before
    );
    assert!(!vault.path().join("new.md").exists() && !vault.path().join("img.png").exists());
    let mut names: Vec<_> = std::fs::read_dir(vault.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(names, ["a.md", "b.md"], "nothing new in the vault");
    // Outside the vault it writes, atomically, replacing the file.
    let fine = outside.path().join("graph.json");
    std::fs::write(&fine, "old").unwrap();
    let out = notegraph(&[
        "export",
        s(vault.path()),
        "--format",
        "json",
        "-o",
        s(&fine),
    ]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&fine).unwrap()).unwrap();
    assert_eq!(written["nodes"].as_array().unwrap().len(), 2);
}

#[test]
fn search_finds_text_in_bodies_with_lines_and_exits_1_on_nothing() {
    let vault = sample();
    let v = vault.to_str().unwrap();
    let report = json(&["search", v, "\"leader election\"", "--json"]);
    assert_eq!(report["total"], 2);
    let hits = report["hits"].as_array().unwrap();
    let mut paths: Vec<&str> = hits.iter().map(|h| h["path"].as_str().unwrap()).collect();
    paths.sort();
    assert_eq!(paths, ["databases/consensus.md", "databases/raft.md"]);
    for hit in hits {
        let text = std::fs::read_to_string(vault.join(hit["path"].as_str().unwrap())).unwrap();
        let line = hit["line"].as_u64().unwrap() as usize;
        let at = text.lines().nth(line - 1).unwrap().to_lowercase();
        assert!(at.contains("leader election"), "line {line}: {at}");
        assert!(hit["snippet"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("leader election"));
    }
    // `-word` inside the one argument, and after `--`.
    let narrowed = json(&["search", v, "leader -paxos", "--json"]);
    assert_eq!(narrowed["total"], 1);
    let out = notegraph(&["search", v, "--", "-paxos"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let none = notegraph(&["search", v, "zyzzyva"]);
    assert_eq!(none.status.code(), Some(1));
}

#[test]
fn related_lists_similar_notes_with_shared_words_and_links() {
    let report = json(&["related", sample().to_str().unwrap(), "raft", "--json"]);
    let list = report["related"].as_array().unwrap();
    assert!(!list.is_empty() && list.len() <= 10);
    assert_eq!(list[0]["path"], "databases/consensus.md");
    assert_eq!(list[0]["linked"], true);
    assert!(list.iter().any(|r| r["linked"] == false));
    assert!(list
        .iter()
        .all(|r| !r["shares"].as_array().unwrap().is_empty()));
}

/// A pasted book as a query: the first `MAX_PIECES` terms are searched for
/// and the rest left out with a note, instead of a postings walk per word
/// (a single argument holds at most 128 KiB, hence 40,000 short words).
#[test]
fn a_query_of_40000_terms_searches_its_first_terms_and_says_so() {
    let mut query = "raft ".repeat(32);
    query.push_str(&"zq ".repeat(40_000));
    let root = sample();
    let out = notegraph(&["search", s(&root), &query]);
    let text = stdout(&out);
    assert!(out.status.success(), "{out:?}");
    assert!(text.contains("databases/raft.md"), "{text}");
    assert!(
        text.contains("Searched for the first 32 terms; 40000 more left out"),
        "{text}"
    );
    let out = notegraph(&["search", s(&root), &query, "--json"]);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["terms_left_out"], 40_000);
}
