//! Times loading a vault against merely reading its files, in one run.
//!
//! `cargo run --release --example load_bench -- VAULT [--runs K]`
//!
//! Prints one JSON line: the median wall time to walk and read every `.md`
//! file, to load the vault (parse, resolve), and to load + build the graph +
//! compute `stats` (what `notegraph stats` does), and their ratio.

// The binary's allocator, so that figures match what users get.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::{Path, PathBuf};
use std::time::Instant;

fn md_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if hidden {
            continue;
        }
        if path.is_dir() {
            md_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let usage = "usage: load_bench VAULT [--runs K]";
    let vault = PathBuf::from(args.next().expect(usage));
    let mut runs = 7usize;
    while let Some(flag) = args.next() {
        match flag.as_str() {
            "--runs" => runs = args.next().and_then(|s| s.parse().ok()).expect(usage),
            _ => panic!("{usage}"),
        }
    }
    let (mut read, mut load, mut stats) = (Vec::new(), Vec::new(), Vec::new());
    let mut parse = Vec::new();
    let mut notes = 0;
    let mut bytes = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let mut files = Vec::new();
        md_files(&vault, &mut files);
        use rayon::prelude::*;
        bytes = files
            .par_iter()
            .map(|f| std::fs::read(f).map_or(0, |b| b.len()))
            .sum::<usize>();
        read.push(t.elapsed().as_secs_f64() * 1000.0);

        let t = Instant::now();
        let v = notegraph::vault::load(&vault).expect("readable vault");
        load.push(t.elapsed().as_secs_f64() * 1000.0);
        drop(v);

        // Parsing and resolution alone, from bytes already in memory.
        let sources: Vec<notegraph::vault::SourceFile> = files
            .iter()
            .map(|f| notegraph::vault::SourceFile {
                path: f
                    .strip_prefix(&vault)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                bytes: std::fs::read(f).unwrap_or_default(),
            })
            .collect();
        let t = Instant::now();
        let v = notegraph::vault::Vault::from_files(notegraph::vault::Origin::Embedded, sources);
        parse.push(t.elapsed().as_secs_f64() * 1000.0);
        drop(v);

        let t = Instant::now();
        let v = notegraph::vault::load(&vault).expect("readable vault");
        let g = notegraph::NoteGraph::build(&v);
        let s = notegraph::analysis::stats(&v, &g);
        notes = s.notes;
        stats.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let (read, load, stats, parse) = (median(read), median(load), median(stats), median(parse));
    println!(
        "{}",
        serde_json::json!({
            "notes": notes,
            "bytes": bytes,
            "read_ms": (read * 10.0).round() / 10.0,
            "load_ms": (load * 10.0).round() / 10.0,
            "parse_resolve_ms": (parse * 10.0).round() / 10.0,
            "stats_ms": (stats * 10.0).round() / 10.0,
            "stats_over_read": (stats / read * 100.0).round() / 100.0,
        })
    );
}
