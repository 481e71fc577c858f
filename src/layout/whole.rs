//! A settled layout of a whole note graph, without a window: for exports
//! and for measuring the layout against peers.

use super::{LayoutParams, Simulation, TopicLevels};
use crate::graph::NoteGraph;
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use std::collections::HashSet;

/// Most steps run; a layout settles well before on real vaults.
const MAX_STEPS: usize = 2_000;

/// Positions of every node in export order (notes by `NoteId`, then
/// ghosts), laid out as the window lays them out, run to rest.
pub fn settled_positions(
    graph: &NoteGraph,
    params: LayoutParams,
    topics: Option<TopicLevels>,
) -> Vec<[f32; 2]> {
    let order: Vec<_> = graph
        .note_nodes
        .iter()
        .chain(&graph.ghost_nodes)
        .copied()
        .collect();
    let index: std::collections::HashMap<_, u32> = order
        .iter()
        .enumerate()
        .map(|(i, &n)| (n, i as u32))
        .collect();
    let mut pairs = HashSet::new();
    let mut edges = Vec::new();
    for e in graph.graph.edge_references() {
        let (a, b) = (index[&e.source()], index[&e.target()]);
        if a != b && pairs.insert((a.min(b), a.max(b))) {
            edges.push((a, b));
        }
    }
    let radii = vec![6.0; order.len()];
    let mut sim = Simulation::new(&vec![None; order.len()], radii, edges, params, 1);
    if let Some(mut topics) = topics {
        // Notes by their topics; ghosts in none.
        topics.resize(order.len());
        sim.set_topics(topics);
    }
    sim.run(MAX_STEPS);
    sim.positions().to_vec()
}
