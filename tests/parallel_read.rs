//! The load reads and parses notes on every core: the vault it gives must
//! not depend on how many there are. Each vault here is loaded on one
//! thread and on four, and the two compared whole (notes with their text,
//! frontmatter and resolved links, diagnostics in order, templates and
//! files left out). `examples/read_bench.rs` times the same shapes at
//! 100,000 notes.

#[path = "support/shapes.rs"]
mod shapes;

use notegraph::vault::{self, EdgeKind, Target, Vault};
use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

/// Loads `root` on a pool of `threads`.
fn load_on(threads: usize, root: &Path) -> Vault {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool");
    pool.install(|| vault::load(root))
        .expect("a readable vault")
}

/// Everything a load gives, spelled out: equal texts, equal vaults.
fn spelled(vault: &Vault) -> String {
    let mut out = String::new();
    for note in &vault.notes {
        writeln!(out, "{note:?}").unwrap();
    }
    for diagnostic in &vault.diagnostics {
        writeln!(out, "{diagnostic:?}").unwrap();
    }
    writeln!(out, "{:?}\n{:?}", vault.templates, vault.excluded).unwrap();
    out
}

/// Loads `root` on one thread and on four; both must give the same vault.
fn same_on_any_pool(root: &Path) -> Vault {
    let one = load_on(1, root);
    let four = load_on(4, root);
    assert_eq!(one.notes.len(), four.notes.len());
    let (a, b) = (spelled(&one), spelled(&four));
    if a != b {
        let first = a.lines().zip(b.lines()).find(|(x, y)| x != y);
        panic!("the loads differ, first at {first:?}");
    }
    four
}

/// A vault with something of each kind the loader reports: names shared
/// by several notes, dead links, broken frontmatter, links in frontmatter,
/// invalid UTF-8, a template and an excluded folder.
fn mixed(root: &Path, n: usize) {
    let write = |rel: String, bytes: Vec<u8>| {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    };
    for i in 0..n {
        let folder = format!("d{}", i % 7);
        let front = if i % 97 == 0 {
            "---\ntitle: [unclosed\n---\n".to_string()
        } else {
            format!(
                "---\nid: m{i}\nrelated: \"[[m{}]]\"\ntags: [t{}]\n---\n",
                (i * 7) % n,
                i % 5
            )
        };
        let body = format!(
            "# Note {i}\n\n## Prerequisites\n- [[shared]]\n- [[m{}]]\n\n[next](../d{}/n{}.md) [[gone {}]]\n",
            (i + 1) % n,
            (i + 1) % 7,
            i + 1,
            i % 13
        );
        let mut bytes = (front + &body).into_bytes();
        if i % 101 == 0 {
            bytes.extend_from_slice(b"\n\xFF\xFE bad bytes\n");
        }
        write(format!("{folder}/n{i}.md"), bytes);
    }
    // Ambiguous: three notes answer to `shared`.
    for folder in ["d0", "d3", "x/y"] {
        write(format!("{folder}/shared.md"), b"# Shared\n".to_vec());
    }
    write(
        "templates/t.md".into(),
        b"---\nid: <slug>\n---\n[[m1]]\n".to_vec(),
    );
    write(
        ".obsidian/app.json".into(),
        br#"{"userIgnoreFilters": ["d6/"]}"#.to_vec(),
    );
}

#[test]
fn a_parallel_read_equals_a_sequential_one() {
    let dir = tempfile::tempdir().unwrap();
    mixed(dir.path(), 1_500);
    let vault = same_on_any_pool(dir.path());
    // The vault holds what the comparison is about.
    let kinds: Vec<String> = (vault.diagnostics.iter())
        .map(|d| format!("{:?}", d.kind))
        .collect();
    for kind in ["AmbiguousLink", "UnresolvedLink", "Frontmatter", "File"] {
        assert!(kinds.iter().any(|k| k == kind), "no {kind} diagnostic");
    }
    assert_eq!(vault.templates, ["templates/t.md"]);
    assert!(!vault.excluded.files.is_empty(), "d6/ left out");
    assert!(vault.notes.iter().all(|n| !n.path.starts_with("d6/")));
    let sorted = vault.notes.windows(2).all(|w| w[0].path < w[1].path);
    assert!(sorted, "notes sorted by path");
}

#[test]
fn a_long_chain_loads_whole_and_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let n = 3_000;
    shapes::chain(dir.path(), n);
    let started = Instant::now();
    let vault = same_on_any_pool(dir.path());
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(vault.notes.len(), n);
    assert!(vault.diagnostics.is_empty(), "{:?}", vault.diagnostics);
    // Paths sort as the chain runs: each note needs the one before it.
    for (i, note) in vault.notes.iter().enumerate().skip(1) {
        let targets: Vec<&Target> = note.links.iter().map(|l| &l.target).collect();
        assert_eq!(targets, [&Target::Note(i - 1)], "{}", note.path);
        assert_eq!(note.links[0].raw.kind, EdgeKind::Prerequisite);
    }
}

#[test]
fn a_big_star_loads_whole() {
    let dir = tempfile::tempdir().unwrap();
    let n = 3_000;
    shapes::star(dir.path(), n);
    let started = Instant::now();
    let vault = same_on_any_pool(dir.path());
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(vault.notes.len(), n);
    let hub = vault.note_by_path("hub.md").expect("the hub");
    let spokes = (vault.notes.iter())
        .filter(|n| n.links.first().map(|l| &l.target) == Some(&Target::Note(hub)))
        .count();
    assert_eq!(spokes, n - 1);
    // One dead link per spoke, each reported, in path order.
    assert_eq!(vault.diagnostics.len(), n - 1);
    let paths: Vec<&str> = vault.diagnostics.iter().map(|d| d.path.as_str()).collect();
    assert!(paths.windows(2).all(|w| w[0] <= w[1]));
}
