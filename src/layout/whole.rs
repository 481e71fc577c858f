//! A settled layout of a whole note graph, without a window: for exports
//! and for measuring the layout against peers.

use super::{LayoutParams, Simulation};
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
    groups: Option<&[usize]>,
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
    if let Some(of_note) = groups {
        // Notes in their community; ghosts in none.
        let mut g: Vec<u32> = of_note.iter().map(|&c| c as u32).collect();
        g.resize(order.len(), super::NO_GROUP);
        sim.set_groups(g, super::GROUP_PULL);
    }
    sim.run(MAX_STEPS);
    sim.positions().to_vec()
}
