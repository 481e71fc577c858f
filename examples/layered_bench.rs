//! Times the prerequisite view's layered layout and counts its crossings
//! against the same layers in random order.
//!
//! `cargo run --release --example layered_bench -- VAULT`
//!
//! Prints one JSON line: notes, placed notes, layers, crossings after
//! ordering and in random order (median of 5 seeds), milliseconds (median
//! of 5 runs), and prerequisite links that do not point left to right
//! outside a cycle (always 0).

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use notegraph::layout::layered;
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("usage: layered_bench VAULT");
    let vault = notegraph::vault::load(path.as_ref()).expect("readable vault");
    let graph = notegraph::NoteGraph::build(&vault);
    let edges = layered::prerequisite_edges(&graph);
    let n = vault.notes.len();
    let mut times = Vec::new();
    let mut result = None;
    for _ in 0..5 {
        let start = Instant::now();
        result = Some(layered::layered(n, &edges));
        times.push(start.elapsed().as_secs_f64() * 1e3);
    }
    let l = result.unwrap();
    times.sort_by(f64::total_cmp);
    let mut random: Vec<u64> = (1..=5)
        .map(|seed| layered::crossings_in_random_order(n, &edges, seed))
        .collect();
    random.sort_unstable();
    let backwards = (edges.iter())
        .filter(|&&(a, b)| {
            !(l.in_cycle[a as usize]
                && l.in_cycle[b as usize]
                && l.layer[a as usize] == l.layer[b as usize])
        })
        .filter(|&&(a, b)| l.layer[a as usize] >= l.layer[b as usize])
        .count();
    let layers = l.layer.iter().flatten().max().map_or(0, |m| m + 1);
    println!(
        "{}",
        serde_json::json!({
            "notes": n,
            "placed": l.layer.iter().filter(|x| x.is_some()).count(),
            "prerequisite_links": edges.len(),
            "layers": layers,
            "crossings": l.crossings,
            "crossings_random_order": random[2],
            "ms": (times[2] * 10.0).round() / 10.0,
            "backwards_links": backwards,
        })
    );
}
