//! The prerequisite view's drawing: a layered (Sugiyama-style) layout in
//! which every note sits right of all of its prerequisites.
//!
//! Layers by longest path over the prerequisite graph with each cycle
//! (strongly connected part) collapsed into one layer; order within layers
//! by barycenter sweeps over a graph where links that skip layers pass
//! through one dummy point per layer, so that long links count in the
//! order too; crossings counted exactly between neighbouring layers. No
//! recursion: SCCs by petgraph's Kosaraju (iterative DFS; its Tarjan
//! recurses and overflows the stack on a 200,000-note chain), layers in topological
//! order. Written here: no maintained crate for it was at hand to check
//! (rust-sugiyama was not in the registry cache), and the whole is a few
//! passes over arrays.

use petgraph::graph::{DiGraph, NodeIndex};

/// Horizontal distance between layers, vertical between rows, in layout
/// units (the force view's link length is 60).
pub const LAYER_GAP: f32 = 180.0;
pub const ROW_GAP: f32 = 64.0;
/// Sweeps of barycenter ordering (each one down and one up).
const SWEEPS: usize = 8;
/// Most dummy points for long links; past it, links longer than one layer
/// take no part in ordering (so a dense vault costs bounded memory).
const DUMMY_BUDGET: usize = 2_000_000;

/// The layered drawing of nodes `0..n`.
#[derive(Debug, Clone, PartialEq)]
pub struct Layered {
    /// Layer of each node, `None` for nodes with no prerequisite link.
    pub layer: Vec<Option<u32>>,
    /// Row of each placed node within its layer.
    pub row: Vec<u32>,
    /// Whether a node is in a prerequisite cycle (its layer shared with the
    /// rest of the cycle).
    pub in_cycle: Vec<bool>,
    /// Link crossings between neighbouring layers, after ordering.
    pub crossings: u64,
}

impl Layered {
    /// Where each node is drawn; `None` for nodes left out.
    pub fn positions(&self) -> Vec<Option<[f32; 2]>> {
        let mut rows_in = Vec::new();
        for l in self.layer.iter().flatten() {
            let l = *l as usize;
            if rows_in.len() <= l {
                rows_in.resize(l + 1, 0u32);
            }
            rows_in[l] += 1;
        }
        (self.layer.iter().zip(&self.row))
            .map(|(l, &r)| {
                l.map(|l| {
                    let centre = (rows_in[l as usize] as f32 - 1.0) / 2.0;
                    [l as f32 * LAYER_GAP, (r as f32 - centre) * ROW_GAP]
                })
            })
            .collect()
    }
}

/// Lays out nodes `0..n` joined by `edges` (prerequisite, dependent): each
/// dependent right of its prerequisites, unless both are in one cycle.
/// Nodes without an edge get no layer.
pub fn layered(n: usize, edges: &[(u32, u32)]) -> Layered {
    let (layer, in_cycle) = layers(n, edges);
    let mut ordering = Ordering::new(&layer, edges);
    ordering.sweep();
    let crossings = ordering.crossings();
    let mut row = vec![0u32; n];
    for nodes in &ordering.layers {
        for (r, &v) in nodes.iter().enumerate() {
            if (v as usize) < n {
                row[v as usize] = r as u32;
            }
        }
    }
    Layered {
        layer,
        row,
        in_cycle,
        crossings,
    }
}

/// The layered drawing of a vault's notes (by `NoteId`) over its
/// prerequisite links.
pub fn of_graph(graph: &crate::graph::NoteGraph) -> Layered {
    let edges = prerequisite_edges(graph);
    layered(graph.note_nodes.len(), &edges)
}

/// (prerequisite, dependent) of every prerequisite link between notes.
pub fn prerequisite_edges(graph: &crate::graph::NoteGraph) -> Vec<(u32, u32)> {
    (0..graph.note_nodes.len())
        .flat_map(|id| {
            (graph.prerequisites(id).into_iter()).map(move |pre| (pre as u32, id as u32))
        })
        .collect()
}

/// Crossings of the same layers with each layer's nodes in an order fixed
/// by `seed` (the yardstick for docs/performance.md).
pub fn crossings_in_random_order(n: usize, edges: &[(u32, u32)], seed: u64) -> u64 {
    let (layer, _) = layers(n, edges);
    let mut ordering = Ordering::new(&layer, edges);
    let mut state = seed.max(1);
    for nodes in &mut ordering.layers {
        for i in (1..nodes.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            nodes.swap(i, (state % (i as u64 + 1)) as usize);
        }
    }
    ordering.crossings()
}

/// Longest-path layers over the graph of strongly connected parts.
fn layers(n: usize, edges: &[(u32, u32)]) -> (Vec<Option<u32>>, Vec<bool>) {
    let mut graph: DiGraph<(), ()> = DiGraph::with_capacity(n, edges.len());
    for _ in 0..n {
        graph.add_node(());
    }
    let mut linked = vec![false; n];
    for &(a, b) in edges {
        if a != b {
            graph.add_edge(NodeIndex::new(a as usize), NodeIndex::new(b as usize), ());
            linked[a as usize] = true;
            linked[b as usize] = true;
        }
    }
    // Kosaraju returns parts in reverse topological order.
    let mut parts = petgraph::algo::kosaraju_scc(&graph);
    parts.reverse();
    let mut part_of = vec![0usize; n];
    let mut in_cycle = vec![false; n];
    for (p, members) in parts.iter().enumerate() {
        for m in members {
            part_of[m.index()] = p;
            in_cycle[m.index()] = members.len() > 1;
        }
    }
    let mut part_layer = vec![0u32; parts.len()];
    for (p, members) in parts.iter().enumerate() {
        for m in members {
            for pre in graph.neighbors_directed(*m, petgraph::Direction::Incoming) {
                let q = part_of[pre.index()];
                if q != p {
                    part_layer[p] = part_layer[p].max(part_layer[q] + 1);
                }
            }
        }
    }
    let layer = (0..n)
        .map(|v| linked[v].then(|| part_layer[part_of[v]]))
        .collect();
    (layer, in_cycle)
}

/// Nodes of each layer in order, real ones (`< n`) and dummies, and the
/// links between neighbouring layers.
struct Ordering {
    layers: Vec<Vec<u32>>,
    /// Links from each point to points one layer right, and back.
    right: Vec<Vec<u32>>,
    left: Vec<Vec<u32>>,
    layer_of: Vec<u32>,
}

impl Ordering {
    fn new(layer: &[Option<u32>], edges: &[(u32, u32)]) -> Ordering {
        let mut layer_of: Vec<u32> = layer.iter().map(|l| l.unwrap_or(u32::MAX)).collect();
        let spans: usize = (edges.iter())
            .filter_map(|&(a, b)| Some((layer[a as usize]?, layer[b as usize]?)))
            .map(|(la, lb)| lb.saturating_sub(la).saturating_sub(1) as usize)
            .sum();
        let with_dummies = spans <= DUMMY_BUDGET;
        let mut right: Vec<Vec<u32>> = vec![Vec::new(); layer.len()];
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        for &(a, b) in edges {
            let (Some(la), Some(lb)) = (layer[a as usize], layer[b as usize]) else {
                continue;
            };
            if lb <= la || (lb > la + 1 && !with_dummies) {
                continue; // inside a cycle, or too long to route
            }
            let mut from = a;
            for l in la + 1..lb {
                let dummy = layer_of.len() as u32;
                layer_of.push(l);
                right.push(Vec::new());
                pairs.push((from, dummy));
                from = dummy;
            }
            pairs.push((from, b));
        }
        pairs.sort_unstable();
        pairs.dedup();
        let mut left: Vec<Vec<u32>> = vec![Vec::new(); layer_of.len()];
        for &(a, b) in &pairs {
            right[a as usize].push(b);
            left[b as usize].push(a);
        }
        let count = layer_of
            .iter()
            .filter(|&&l| l != u32::MAX)
            .max()
            .map_or(0, |&l| l + 1);
        let mut layers = vec![Vec::new(); count as usize];
        for (v, &l) in layer_of.iter().enumerate() {
            if l != u32::MAX {
                layers[l as usize].push(v as u32);
            }
        }
        Ordering {
            layers,
            right,
            left,
            layer_of,
        }
    }

    /// Barycenter sweeps, left to right then right to left; the order of
    /// least crossings seen is kept.
    fn sweep(&mut self) {
        let mut rank = vec![0f32; self.layer_of.len()];
        for nodes in &self.layers {
            for (r, &v) in nodes.iter().enumerate() {
                rank[v as usize] = r as f32;
            }
        }
        let mut best = (self.crossings(), self.layers.clone());
        for _ in 0..SWEEPS {
            for l in 1..self.layers.len() {
                self.order_by(l, &mut rank, true);
            }
            for l in (0..self.layers.len().saturating_sub(1)).rev() {
                self.order_by(l, &mut rank, false);
            }
            let now = self.crossings();
            if now < best.0 {
                best = (now, self.layers.clone());
            } else if now == best.0 {
                break;
            }
        }
        self.layers = best.1;
    }

    /// Sorts layer `l` by the mean row of each point's neighbours on the
    /// left (or right); points without one keep their row. `rank` holds
    /// every point's row and is brought up to date for layer `l`.
    fn order_by(&mut self, l: usize, rank: &mut [f32], from_left: bool) {
        let links = if from_left { &self.left } else { &self.right };
        let mut keyed: Vec<(f32, u32, u32)> = (self.layers[l].iter().enumerate())
            .map(|(r, &v)| {
                let near = &links[v as usize];
                let key = if near.is_empty() {
                    r as f32
                } else {
                    near.iter().map(|&u| rank[u as usize]).sum::<f32>() / near.len() as f32
                };
                (key, r as u32, v)
            })
            .collect();
        keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        self.layers[l] = keyed.into_iter().map(|k| k.2).collect();
        for (r, &v) in self.layers[l].iter().enumerate() {
            rank[v as usize] = r as f32;
        }
    }

    /// Crossings between each pair of neighbouring layers: inversions of
    /// the links' lower ends when sorted by their upper ends (a Fenwick
    /// tree, O(links · log rows)).
    fn crossings(&self) -> u64 {
        let mut row = vec![0u32; self.layer_of.len()];
        for nodes in &self.layers {
            for (r, &v) in nodes.iter().enumerate() {
                row[v as usize] = r as u32;
            }
        }
        let mut total = 0u64;
        for l in 0..self.layers.len().saturating_sub(1) {
            let mut ends: Vec<(u32, u32)> = (self.layers[l].iter())
                .flat_map(|&a| self.right[a as usize].iter().map(move |&b| (a, b)))
                .map(|(a, b)| (row[a as usize], row[b as usize]))
                .collect();
            ends.sort_unstable();
            let size = self.layers[l + 1].len() + 1;
            let mut tree = vec![0u64; size + 1];
            for (seen, &(_, b)) in ends.iter().enumerate() {
                // Links seen so far that end below b cross this one.
                let mut i = b as usize + 1;
                let mut not_crossing = 0u64;
                while i > 0 {
                    not_crossing += tree[i];
                    i &= i - 1;
                }
                total += seen as u64 - not_crossing;
                let mut i = b as usize + 1;
                while i <= size {
                    tree[i] += 1;
                    i += i & i.wrapping_neg();
                }
            }
        }
        total
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_note_sits_right_of_its_prerequisites() {
        // A diamond, a tail and a long link that skips two layers.
        let edges = [(0, 1), (0, 2), (1, 3), (2, 3), (3, 4), (0, 4)];
        let l = layered(6, &edges);
        for &(a, b) in &edges {
            assert!(l.layer[a as usize] < l.layer[b as usize], "{a} -> {b}");
        }
        assert_eq!(l.layer[0], Some(0));
        assert_eq!(l.layer[4], Some(3), "longest path, not shortest");
        assert_eq!(l.layer[5], None, "a note with no prerequisite link");
        let p = l.positions();
        assert!(p[5].is_none());
        assert!(p[0].unwrap()[0] < p[3].unwrap()[0]);
    }

    #[test]
    fn a_cycle_shares_one_layer_and_is_marked() {
        // 0 -> {1 <-> 2} -> 3
        let l = layered(4, &[(0, 1), (1, 2), (2, 1), (2, 3)]);
        assert_eq!(l.layer[1], l.layer[2]);
        assert!(l.in_cycle[1] && l.in_cycle[2] && !l.in_cycle[0]);
        assert!(l.layer[0] < l.layer[1] && l.layer[2] < l.layer[3]);
    }

    #[test]
    fn ordering_removes_avoidable_crossings() {
        // Two chains drawn crossed when their ends are swapped: 0->3, 1->2
        // with 2 listed before 3 in layer 1.
        let mut edges = Vec::new();
        for k in 0..20u32 {
            // Layer 0: 0..20; layer 1: 20..40, reversed partners.
            edges.push((k, 39 - k));
        }
        let l = layered(40, &edges);
        assert_eq!(l.crossings, 0);
        assert!(crossings_in_random_order(40, &edges, 7) > 0);
    }

    #[test]
    fn a_long_chain_needs_no_deep_recursion() {
        let edges: Vec<(u32, u32)> = (0..200_000).map(|i| (i, i + 1)).collect();
        let l = layered(200_001, &edges);
        assert_eq!(l.layer[200_000], Some(200_000));
        assert_eq!(l.crossings, 0);
    }
}
