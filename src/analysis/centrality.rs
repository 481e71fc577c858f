//! Hubs and bridges: degree and PageRank for hubs; betweenness (exact up to
//! `EXACT_BETWEENNESS_LIMIT` notes, sampled above within a budget) and articulation points
//! for bridges; dead ends (links in, none out).

use super::communities::NoteNetwork;
use crate::graph::{Node, NoteGraph};
use crate::vault::NoteId;
use petgraph::graph::NodeIndex;
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use rayon::prelude::*;
use std::collections::VecDeque;

/// Above this many notes, betweenness is estimated from a sample of
/// sources.
pub const EXACT_BETWEENNESS_LIMIT: usize = 5_000;
/// Sources sampled above the limit: at most this many...
pub const BETWEENNESS_SAMPLE: usize = 512;
/// ...and no more than this many node and link visits in all, so that the
/// time stays bounded on huge vaults (100k notes: about 90 sources).
const BETWEENNESS_BUDGET: usize = 60_000_000;
/// Most node and link visits exact betweenness may take (powershell-docs,
/// 3,097 notes and 28,000 link ends, needs about 10⁸).
const EXACT_WORK: usize = 500_000_000;

#[derive(Debug, Clone, PartialEq)]
pub struct Centrality {
    /// Distinct linked notes, either direction.
    pub degree: Vec<usize>,
    /// PageRank over note-to-note links (damping 0.85), summing to 1.
    pub pagerank: Vec<f64>,
    /// Shortest paths through each note, normalised to [0, 1].
    pub betweenness: Vec<f64>,
    /// How many sources betweenness was computed from (all notes when exact).
    pub betweenness_sources: usize,
    /// Notes whose removal splits their part of the vault, sorted.
    pub articulation_points: Vec<NoteId>,
    /// Notes that other notes link to and that link to no note, sorted.
    pub dead_ends: Vec<NoteId>,
}

pub fn centrality(graph: &NoteGraph, net: &NoteNetwork) -> Centrality {
    let n = net.adjacency.len();
    let mut out_links = vec![Vec::new(); n];
    let mut has_in = vec![false; n];
    for e in graph.graph.edge_references() {
        if let (Node::Note(a), Node::Note(b)) = (graph.graph[e.source()], graph.graph[e.target()]) {
            if a != b {
                out_links[a].push((b, e.weight().count as f64));
                has_in[b] = true;
            }
        }
    }
    let dead_ends = (0..n)
        .filter(|&i| has_in[i] && out_links[i].is_empty())
        .collect();
    let (betweenness, sources) = betweenness(&net.adjacency);
    Centrality {
        degree: (0..n).map(|i| net.degree(i)).collect(),
        pagerank: pagerank(&out_links, 0.85, 60),
        betweenness,
        betweenness_sources: sources,
        articulation_points: articulation_points(&net.adjacency),
        dead_ends,
    }
}

/// Power iteration over sparse out-links; dangling notes spread their rank
/// evenly. petgraph's `page_rank` scans every node pair each iteration
/// (O(n²)), far too slow at 10k notes; this is O(links) per iteration.
fn pagerank(out: &[Vec<(usize, f64)>], damping: f64, iterations: usize) -> Vec<f64> {
    let n = out.len();
    if n == 0 {
        return Vec::new();
    }
    let strength: Vec<f64> = out.iter().map(|o| o.iter().map(|e| e.1).sum()).collect();
    let mut rank = vec![1.0 / n as f64; n];
    for _ in 0..iterations {
        let dangling: f64 = (0..n).filter(|&i| out[i].is_empty()).map(|i| rank[i]).sum();
        let base = (1.0 - damping) / n as f64 + damping * dangling / n as f64;
        let mut next = vec![base; n];
        for (u, edges) in out.iter().enumerate() {
            for &(v, w) in edges {
                next[v] += damping * rank[u] * w / strength[u];
            }
        }
        let change: f64 = next.iter().zip(&rank).map(|(a, b)| (a - b).abs()).sum();
        rank = next;
        if change < 1e-10 {
            break;
        }
    }
    rank
}

/// Brandes' algorithm on the unweighted undirected graph, in parallel over
/// sources: exact up to the limit, else from evenly spaced sources, scaled.
/// How many parts betweenness sums its sources in: enough for the cores,
/// few enough that their sums (one float per note each) stay small.
const BETWEENNESS_PARTS: usize = 16;

fn betweenness(adj: &[Vec<(usize, f64)>]) -> (Vec<f64>, usize) {
    let n = adj.len();
    let size = n + adj.iter().map(Vec::len).sum::<usize>();
    // Exact costs a walk of the whole graph per note: a small but dense
    // vault (1,500 notes each linked to all, 2.25 million links) is
    // sampled too, or it takes 5 s.
    let exact = n <= EXACT_BETWEENNESS_LIMIT && n.saturating_mul(size) <= EXACT_WORK;
    let sources: Vec<usize> = if exact {
        (0..n).collect()
    } else {
        let k = (BETWEENNESS_BUDGET / size.max(1)).clamp(64, BETWEENNESS_SAMPLE);
        (0..k).map(|i| i * n / k).collect()
    };
    // A fixed number of parts, each summed in order and then added up in
    // order: the same bits whatever the number of threads (a fold and
    // reduce grouped the sums by thread, and the last bit moved with it).
    let part = sources.len().div_ceil(BETWEENNESS_PARTS).max(1);
    let parts: Vec<Vec<f64>> = sources
        .par_chunks(part)
        .map(|chunk| {
            let (mut acc, mut scratch) = (vec![0.0; n], Scratch::new(n));
            for &s in chunk {
                from_source(adj, s, &mut acc, &mut scratch);
            }
            acc
        })
        .collect();
    let mut total = vec![0.0; n];
    for part in parts {
        total.iter_mut().zip(part).for_each(|(x, y)| *x += y);
    }
    // Undirected: every path was counted from both ends; scale a sample up;
    // normalise by the pairs a node can lie between.
    let scale = n as f64 / sources.len().max(1) as f64 / 2.0;
    let pairs = if n > 2 {
        ((n - 1) * (n - 2)) as f64 / 2.0
    } else {
        1.0
    };
    total.iter_mut().for_each(|b| *b = *b * scale / pairs);
    (total, sources.len())
}

/// Buffers one thread reuses for every source it runs.
struct Scratch {
    order: Vec<usize>,
    sigma: Vec<f64>,
    dist: Vec<u32>,
    delta: Vec<f64>,
    queue: VecDeque<usize>,
}

impl Scratch {
    fn new(n: usize) -> Scratch {
        Scratch {
            order: Vec::with_capacity(n),
            sigma: vec![0.0; n],
            dist: vec![u32::MAX; n],
            delta: vec![0.0; n],
            queue: VecDeque::new(),
        }
    }
}

/// One source of Brandes' algorithm. Predecessors are found again from
/// the distances instead of being stored: no list per node per source.
fn from_source(adj: &[Vec<(usize, f64)>], s: usize, acc: &mut [f64], b: &mut Scratch) {
    for &v in &b.order {
        b.sigma[v] = 0.0;
        b.dist[v] = u32::MAX;
        b.delta[v] = 0.0;
    }
    b.order.clear();
    b.sigma[s] = 1.0;
    b.dist[s] = 0;
    b.queue.push_back(s);
    while let Some(v) = b.queue.pop_front() {
        b.order.push(v);
        for &(w, _) in &adj[v] {
            if b.dist[w] == u32::MAX {
                b.dist[w] = b.dist[v] + 1;
                b.queue.push_back(w);
            }
            if b.dist[w] == b.dist[v] + 1 {
                b.sigma[w] += b.sigma[v];
            }
        }
    }
    for &w in b.order.iter().rev() {
        let dw = b.dist[w];
        for &(v, _) in &adj[w] {
            if dw > 0 && b.dist[v] == dw - 1 {
                b.delta[v] += b.sigma[v] / b.sigma[w] * (1.0 + b.delta[w]);
            }
        }
        if w != s {
            acc[w] += b.delta[w];
        }
    }
}

/// petgraph's iterative Tarjan, over the undirected note graph.
fn articulation_points(adj: &[Vec<(usize, f64)>]) -> Vec<NoteId> {
    let mut g = petgraph::graph::UnGraph::<(), ()>::with_capacity(adj.len(), 0);
    for _ in 0..adj.len() {
        g.add_node(());
    }
    for (u, edges) in adj.iter().enumerate() {
        for &(v, _) in edges.iter().filter(|e| e.0 > u) {
            g.add_edge(NodeIndex::new(u), NodeIndex::new(v), ());
        }
    }
    let mut points: Vec<NoteId> = petgraph::algo::articulation_points::articulation_points(&g)
        .into_iter()
        .map(|n| n.index())
        .collect();
    points.sort_unstable();
    points
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::tests::vault;

    #[test]
    fn a_path_centre_is_the_bridge_and_the_end_a_dead_end() {
        // a - b - c - d - e, each linking the next: c lies on most paths.
        let v = vault(&[
            ("a.md", "[[b]]"),
            ("b.md", "[[c]]"),
            ("c.md", "[[d]]"),
            ("d.md", "[[e]]"),
            ("e.md", ""),
        ]);
        let g = NoteGraph::build(&v);
        let c = centrality(&g, &NoteNetwork::of(&v, &g));
        let id = |p: &str| v.note_by_path(p).unwrap();
        // Exact betweenness of a path of 5: ends 0, next 3/6, centre 4/6.
        assert!(
            (c.betweenness[id("c.md")] - 4.0 / 6.0).abs() < 1e-9,
            "{:?}",
            c.betweenness
        );
        assert!((c.betweenness[id("b.md")] - 3.0 / 6.0).abs() < 1e-9);
        assert_eq!(c.betweenness[id("a.md")], 0.0);
        assert_eq!(
            c.articulation_points,
            vec![id("b.md"), id("c.md"), id("d.md")]
        );
        assert_eq!(c.dead_ends, vec![id("e.md")]);
        assert_eq!(c.betweenness_sources, 5);
        let sum: f64 = c.pagerank.iter().sum();
        assert!((sum - 1.0).abs() < 1e-9);
        assert!(
            c.pagerank[id("e.md")] > c.pagerank[id("a.md")],
            "links flow to e"
        );
    }
}
