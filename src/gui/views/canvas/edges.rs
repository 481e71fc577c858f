//! The edges between the canvas's nodes, worked out from the model once
//! per scene: every enabled link to draw (several between two nodes side
//! by side), one pair per linked two for the layout, and a folded group's
//! links to one other node as one weighted edge.

use super::adapter::{CanvasEdge, Look};
use crate::graph::NoteGraph;
use crate::vault::EdgeKind;
use petgraph::stable_graph::NodeIndex;
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use std::collections::HashMap;

/// The edges between visible nodes, by canvas index.
pub(super) struct Links {
    /// Every edge of an enabled kind, to draw.
    pub edges: Vec<CanvasEdge>,
    /// One per linked pair, for the simulation.
    pub pairs: Vec<(u32, u32)>,
    /// Undirected neighbours of each node.
    pub neighbours: Vec<Vec<u32>>,
}

impl Links {
    /// The edges among `nodes` canvas nodes, `canvas_of` mapping model
    /// nodes to them; canvas nodes from `first_group` on are folded
    /// groups, whose links to one other node are drawn as one edge.
    pub fn between(
        model: &NoteGraph,
        canvas_of: &HashMap<NodeIndex, NodeIndex>,
        edge_kinds: &[EdgeKind],
        nodes: usize,
        first_group: usize,
    ) -> Links {
        let mut links = Links {
            edges: Vec::new(),
            pairs: Vec::new(),
            neighbours: vec![Vec::new(); nodes],
        };
        // By model index, not through the map: a dense vault has millions
        // of edges, and two hash lookups each cost more than the rest.
        use petgraph::visit::NodeIndexable;
        let mut canvas_index = vec![u32::MAX; model.graph.node_bound()];
        for (m, c) in canvas_of {
            canvas_index[m.index()] = c.index() as u32;
        }
        // The enabled edges, bucketed by their lower end (a counting sort),
        // so that edges between the same two nodes meet in one bucket:
        // there they are drawn side by side, each in a lane of its own.
        // No map per edge: a dense vault has millions of edges.
        let mut found: Vec<(u32, u32, EdgeKind)> = Vec::new();
        let mut starts = vec![0u32; nodes + 1];
        for e in model.graph.edge_references() {
            let kind = e.weight().kind;
            if !edge_kinds.contains(&kind) {
                continue;
            }
            let (a, b) = (
                canvas_index[e.source().index()],
                canvas_index[e.target().index()],
            );
            // Links inside a folded group are not drawn.
            if a != u32::MAX && b != u32::MAX && a != b {
                starts[a.min(b) as usize + 1] += 1;
                found.push((a, b, kind));
            }
        }
        for i in 0..nodes {
            starts[i + 1] += starts[i];
        }
        let mut next = starts.clone();
        let mut bucketed = vec![0u32; found.len()];
        for (i, &(a, b, _)) in found.iter().enumerate() {
            let low = a.min(b) as usize;
            bucketed[next[low] as usize] = i as u32;
            next[low] += 1;
        }
        // Lanes by the higher end, reset per bucket by a stamp; a pair
        // with a folded end keeps one edge (`pair_edge`) that counts them.
        let mut lane = vec![0u8; nodes];
        let mut stamp = vec![u32::MAX; nodes];
        let mut pair_edge = vec![0usize; nodes];
        links.edges.reserve(found.len());
        for low in 0..nodes {
            for &i in &bucketed[starts[low] as usize..starts[low + 1] as usize] {
                let (a, b, kind) = found[i as usize];
                let high = a.max(b) as usize;
                let folded = high >= first_group;
                if stamp[high] != low as u32 {
                    stamp[high] = low as u32;
                    lane[high] = 0;
                    links.pairs.push((a, b));
                    links.neighbours[a as usize].push(b);
                    links.neighbours[b as usize].push(a);
                } else if folded {
                    let edge = &mut links.edges[pair_edge[high]];
                    edge.weight += 1;
                    // The strongest kind among them shows (prerequisite
                    // first), as `EdgeKind::ALL` orders them.
                    if kind_rank(kind) < kind_rank(edge.kind) {
                        edge.kind = kind;
                    }
                    continue;
                }
                pair_edge[high] = links.edges.len();
                links.edges.push(CanvasEdge {
                    from: a,
                    to: b,
                    kind,
                    look: Look::Normal,
                    lane: lane[high],
                    weight: 1,
                    bundle: folded,
                });
                lane[high] = lane[high].saturating_add(1);
            }
        }
        links
    }
}

fn kind_rank(kind: EdgeKind) -> usize {
    EdgeKind::ALL
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(usize::MAX)
}
