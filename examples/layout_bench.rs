//! Times the force layout on a graph.
//!
//! `cargo run --release --example layout_bench -- GRAPH.json [--steps K] [--threads T]`
//!
//! GRAPH.json is `{"nodes":[...],"edges":[[i,j],...]}` with i and j
//! positions in `nodes`, so the same graph can be timed with other tools.
//! A vault folder works too. Prints one JSON line:
//! `{"n":..,"m":..,"ms_per_step":..,"settle_ms":..}`: the median of K
//! steps from a fresh start, and the time from scratch to rest.

// The binary's allocator, so that figures match what users get.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use notegraph::layout::{LayoutParams, Simulation};
use std::time::Instant;

fn load(path: &str) -> (usize, Vec<(u32, u32)>) {
    if std::path::Path::new(path).is_dir() {
        let vault = notegraph::vault::load(path.as_ref()).expect("readable vault");
        let graph = notegraph::NoteGraph::build(&vault);
        let mut edges = Vec::new();
        for id in 0..vault.notes.len() {
            for t in graph.targets(id, None) {
                edges.push((id as u32, t as u32));
            }
        }
        return (vault.notes.len(), edges);
    }
    let text = std::fs::read_to_string(path).expect("readable GRAPH.json");
    let doc: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let n = doc["nodes"].as_array().expect("nodes array").len();
    let edges = doc["edges"]
        .as_array()
        .expect("edges array")
        .iter()
        .filter_map(|e| Some((e[0].as_u64()? as u32, e[1].as_u64()? as u32)))
        .filter(|&(a, b)| (a as usize) < n && (b as usize) < n)
        .collect();
    (n, edges)
}

fn fresh(n: usize, edges: &[(u32, u32)]) -> Simulation {
    Simulation::new(
        &vec![None; n],
        vec![5.0; n],
        edges.to_vec(),
        LayoutParams::default(),
        1,
    )
}

fn main() {
    let mut args = std::env::args().skip(1);
    let usage = "usage: layout_bench GRAPH.json|VAULT [--steps K] [--threads T]";
    let path = args.next().expect(usage);
    let mut steps = 50usize;
    while let Some(flag) = args.next() {
        match flag.as_str() {
            "--steps" => steps = args.next().and_then(|s| s.parse().ok()).expect(usage),
            "--threads" => {
                let t: usize = args.next().and_then(|s| s.parse().ok()).expect(usage);
                rayon::ThreadPoolBuilder::new()
                    .num_threads(t)
                    .build_global()
                    .expect("thread pool");
            }
            _ => panic!("{usage}"),
        }
    }
    let (n, edges) = load(&path);

    let mut sim = fresh(n, &edges);
    let mut times: Vec<f64> = Vec::with_capacity(steps);
    for _ in 0..steps {
        let t = Instant::now();
        if !sim.step() {
            break;
        }
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let median = times.get(times.len() / 2).copied().unwrap_or(0.0);

    let mut sim = fresh(n, &edges);
    let t = Instant::now();
    let settle_steps = sim.run(100_000);
    let settle_ms = t.elapsed().as_secs_f64() * 1000.0;
    println!(
        "{}",
        serde_json::json!({
            "n": n,
            "m": edges.len(),
            "ms_per_step": (median * 1000.0).round() / 1000.0,
            "settle_ms": settle_ms.round(),
            "settle_steps": settle_steps,
        })
    );
}
