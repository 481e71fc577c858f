//! Times the full-text index: building it, searching with snippets, and
//! related notes.
//!
//! `cargo run --release --no-default-features --example search_bench -- VAULT [--runs K]`
//!
//! Prints one JSON line: the median build time on one thread and on all,
//! the rebuild after one note changed (live reload) on one thread,
//! the index's memory against the notes' text, p50/p95 latency of ~200
//! queries drawn from the vault's own words (one to three words, prefixes,
//! phrases; 20 hits with snippets each), of related notes for 200 notes,
//! and the time to find the top 3 related notes of every orphan. With
//! `SLOW=1` in the environment, queries over 5 ms are listed on stderr.

// The binary's allocator, so that figures match what users get.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use notegraph::analysis::text::{frontmatter_status, tokens, Query, TextIndex};
use std::path::PathBuf;
use std::time::Instant;

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

fn percentile(v: &[f64], p: f64) -> f64 {
    let mut v = v.to_vec();
    v.sort_by(f64::total_cmp);
    let x = v[((v.len() - 1) as f64 * p).round() as usize];
    (x * 1000.0).round() / 1000.0
}

/// ~200 queries from the notes' own words: the kind cycles through one,
/// two and three words, a prefix of a word, and a two-word phrase.
fn queries(vault: &notegraph::Vault) -> Vec<(String, bool)> {
    let n = vault.notes.len();
    let mut out = Vec::new();
    for k in 0..200 {
        let note = &vault.notes[(k * 7919) % n];
        let words: Vec<String> = tokens::terms(note.body())
            .into_iter()
            .filter(|(t, kind)| *kind == tokens::Kind::Word && t.chars().count() >= 3)
            .map(|(t, _)| t)
            .collect();
        if words.len() < 4 {
            continue;
        }
        let at = (k * 31) % (words.len() - 3);
        let w = &words[at..at + 3];
        let (text, prefix) = match k % 5 {
            0 => (w[0].clone(), false),
            1 => (format!("{} {}", w[0], w[2]), false),
            2 => (w.join(" "), false),
            3 => (w[1].chars().take(3).collect(), true),
            _ => (format!("\"{} {}\"", w[0], w[1]), false),
        };
        out.push((text, prefix));
    }
    out
}

fn main() {
    let mut args = std::env::args().skip(1);
    let usage = "usage: search_bench VAULT [--runs K]";
    let path = PathBuf::from(args.next().expect(usage));
    let mut runs = 3usize;
    while let Some(flag) = args.next() {
        match flag.as_str() {
            "--runs" => runs = args.next().and_then(|s| s.parse().ok()).expect(usage),
            _ => panic!("{usage}"),
        }
    }
    let vault = notegraph::vault::load(&path).expect("readable vault");
    let text_bytes: usize = vault.notes.iter().map(|n| n.text.len()).sum();
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let (mut build_1, mut build_all) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let t = Instant::now();
        drop(one.install(|| TextIndex::build(&vault)));
        build_1.push(ms(t));
        let t = Instant::now();
        drop(TextIndex::build(&vault));
        build_all.push(ms(t));
    }
    let index = TextIndex::build(&vault);
    let memory = index.memory_bytes();
    // Live reload: one note edited, the index rebuilt from the previous.
    let mut edited = vault.clone();
    edited.notes[vault.notes.len() / 2]
        .text
        .push_str("\nan edit with a quokka\n");
    let mut rebuild_1 = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        drop(one.install(|| TextIndex::rebuild(&edited, &vault, &index)));
        rebuild_1.push(ms(t));
    }

    let status = frontmatter_status(&vault);
    let queries = queries(&vault);
    let mut search = Vec::new();
    let mut totals = 0usize;
    let mut empty = 0usize;
    for (text, prefix) in &queries {
        let t = Instant::now();
        let q = Query::parse(text, *prefix);
        let r = index.search(&vault, &q, &status, 20);
        search.push(ms(t));
        if std::env::var_os("SLOW").is_some() && ms(t) > 5.0 {
            eprintln!("{:.1} ms {text:?} {} hits", ms(t), r.total);
        }
        totals += r.total;
        empty += usize::from(r.total == 0);
    }

    let n = vault.notes.len();
    // Sharing out the related lists' first places (once per index, on the
    // window's indexing thread), then lists as the panel asks for them.
    let t = Instant::now();
    one.install(|| index.prepare_related());
    let prepare_ms = ms(t);
    let mut related = Vec::new();
    for k in 0..200.min(n) {
        let t = Instant::now();
        let r = index.related(&vault, (k * 7919) % n, 10);
        related.push(ms(t));
        std::hint::black_box(r);
    }
    let graph = notegraph::NoteGraph::build(&vault);
    let orphans = notegraph::analysis::orphans(&graph);
    let t = Instant::now();
    for &o in &orphans {
        std::hint::black_box(index.related(&vault, o, 3));
    }
    let orphans_ms = ms(t);

    println!(
        "{}",
        serde_json::json!({
            "notes": n,
            "text_bytes": text_bytes,
            "threads": rayon::current_num_threads(),
            "build_ms_1_thread": percentile(&build_1, 0.5),
            "build_ms": percentile(&build_all, 0.5),
            "rebuild_one_changed_ms_1_thread": percentile(&rebuild_1, 0.5),
            "index_bytes": memory,
            "index_over_text": (memory as f64 / text_bytes.max(1) as f64 * 1000.0).round() / 1000.0,
            "queries": queries.len(),
            "queries_without_hits": empty,
            "mean_total_hits": totals / queries.len().max(1),
            "search_ms_p50": percentile(&search, 0.5),
            "search_ms_p95": percentile(&search, 0.95),
            "related_prepare_ms_1_thread": (prepare_ms * 1000.0).round() / 1000.0,
            "related_cap": index.related_cap(),
            "related_ms_p50": percentile(&related, 0.5),
            "related_ms_p95": percentile(&related, 0.95),
            "orphans": orphans.len(),
            "orphans_top3_ms": (orphans_ms * 10.0).round() / 10.0,
        })
    );
}
