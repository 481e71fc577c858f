//! Measures the topic names (`analysis::topic_names`) of each vault named:
//! how many communities, the share whose name no other shares and the
//! share whose name holds a word no other name holds (all communities,
//! and those of five notes or more), and the time to name them.
//!
//! `cargo run --release --no-default-features --example topic_names -- VAULT... [--show K]`
//!
//! Prints one JSON line per vault; `--show K` adds the K largest
//! communities' names, quick (before the names arrive) and final.

// The binary's allocator, so that figures match what users get.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use notegraph::analysis::topic_names::{topic_names, Distinctness};
use notegraph::workspace::{Options, VaultSource, Workspace};
use serde_json::json;
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let mut show = 0;
    let mut vaults: Vec<PathBuf> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--show" => show = args.next().and_then(|s| s.parse().ok()).expect("--show K"),
            _ => vaults.push(a.into()),
        }
    }
    for path in vaults {
        let source = VaultSource::Folder(path.clone());
        let ws = Workspace::open(source, &Options::default(), None, &|_, _| {})
            .expect("the vault loads");
        let c = ws.communities();
        let started = Instant::now();
        let names = topic_names(&ws.vault, &ws.network(), &c.members);
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        let big: Vec<&String> = (names.iter().zip(&c.members))
            .filter(|(_, m)| m.len() >= 5)
            .map(|(n, _)| n)
            .collect();
        let (all, five) = (Distinctness::of(&names), Distinctness::of(&big));
        let quick = Distinctness::of(&c.names);
        let mut line = json!({
            "vault": path.file_name().map(|n| n.to_string_lossy().into_owned()),
            "notes": ws.vault.notes.len(),
            "communities": names.len(),
            "unique": all.unique, "own_word": all.own_word,
            "communities_5_plus": big.len(),
            "unique_5_plus": five.unique, "own_word_5_plus": five.own_word,
            "quick_unique": quick.unique, "quick_own_word": quick.own_word,
            "name_ms": (ms * 10.0).round() / 10.0,
        });
        if show > 0 {
            let shown: Vec<_> = (0..names.len().min(show))
                .map(|i| json!([c.members[i].len(), c.names[i], names[i]]))
                .collect();
            line["largest"] = json!(shown);
        }
        println!("{line}");
    }
}
