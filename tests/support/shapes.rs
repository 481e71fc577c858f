//! Big vaults of one shape, at any size: a prerequisite chain (every note
//! needs the one before) and a star (every note needs one hub). Shared by
//! `tests/parallel_read.rs` (small) and `examples/read_bench.rs` (100k,
//! timed against the hostile vaults' budgets).
#![allow(dead_code)]

use std::fs;
use std::path::Path;

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().expect("a file has a folder")).expect("create folder");
    fs::write(path, text).expect("write file");
}

/// `n` notes in folders of 1,000, each a prerequisite of the next.
pub fn chain(root: &Path, n: usize) {
    for i in 0..n {
        let mut text = format!("---\nid: c{i:07}\ntitle: Step {i}\n---\n# Step {i}\n");
        if i > 0 {
            text.push_str(&format!("\n### Prerequisites\n- [[c{:07}]]\n", i - 1));
        }
        write(root, &format!("f{:03}/c{i:07}.md", i / 1000), &text);
    }
}

/// A hub and `n - 1` notes in folders of 1,000, each needing the hub and
/// linking to a note that is not there (one ghost each).
pub fn star(root: &Path, n: usize) {
    write(root, "hub.md", "---\nid: hub\n---\n# The hub\n");
    for i in 1..n {
        let text = format!(
            "---\nid: s{i:07}\ntags: [spoke]\n---\n# Spoke {i}\n\n### Prerequisites\n- [[hub]]\n\nSee [[missing {i}]].\n"
        );
        write(root, &format!("f{:03}/s{i:07}.md", i / 1000), &text);
    }
}
