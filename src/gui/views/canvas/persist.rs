//! What the canvas knows of nodes whatever the scene: where each was last
//! and which the user pinned. Kept across rebuilds and filters by node,
//! and by note path between runs and across a reload, which renumbers
//! every node.

use super::{CarriedCanvas, SavedPositions};
use crate::graph::Node as ModelNode;
use crate::gui::model::{Loaded, VaultSource};
use petgraph::stable_graph::NodeIndex;
use std::collections::{HashMap, HashSet};

/// Storage key for the node positions of a vault.
pub fn positions_key(source: &VaultSource) -> String {
    format!("positions:{}", source.label())
}

fn node_key(loaded: &Loaded, node: NodeIndex) -> String {
    match loaded.graph.graph[node] {
        ModelNode::Note(id) => loaded.vault.notes[id].path.clone(),
        ModelNode::Ghost(g) => format!("?ghost:{}", loaded.graph.ghosts[g].key),
    }
}

/// Positions and pins of nodes, whether shown or not.
#[derive(Default)]
pub struct Known {
    /// Last known positions of nodes, kept across rebuilds and filters.
    pub positions: HashMap<NodeIndex, [f32; 2]>,
    /// Nodes the user dragged into place.
    pub pinned: HashSet<NodeIndex>,
    /// The next scene keeps known nodes still (set by a reload).
    pub hold_next_layout: bool,
}

impl Known {
    /// Forgets every position and pin: a new vault, or a fresh layout.
    pub fn forget(&mut self) {
        self.positions.clear();
        self.pinned.clear();
    }

    /// Every position known, and those of `shown` over them, by note path.
    pub fn saved(
        &self,
        loaded: &Loaded,
        shown: impl Iterator<Item = (NodeIndex, [f32; 2])>,
    ) -> SavedPositions {
        let mut all = self.positions.clone();
        all.extend(shown);
        all.into_iter()
            .map(|(n, p)| (node_key(loaded, n), p))
            .collect()
    }

    /// Takes saved positions of a reopened vault's nodes.
    pub fn restore(&mut self, saved: SavedPositions, loaded: &Loaded) {
        let by_key: HashMap<String, [f32; 2]> = saved.into_iter().collect();
        for node in loaded.graph.graph.node_indices() {
            if let Some(p) = by_key.get(&node_key(loaded, node)) {
                if p[0].is_finite() && p[1].is_finite() {
                    self.positions.insert(node, *p);
                }
            }
        }
    }

    /// `positions` (saved) and the pins, by note path, for a reload.
    pub fn carry_out(&self, loaded: &Loaded, positions: SavedPositions) -> CarriedCanvas {
        CarriedCanvas {
            positions,
            pinned: self.pinned.iter().map(|&n| node_key(loaded, n)).collect(),
        }
    }

    /// Takes positions and pins back after a reload; the next scene holds
    /// known nodes still, so that only new notes find their place.
    pub fn carry_in(&mut self, carried: CarriedCanvas, loaded: &Loaded) {
        let nodes: HashMap<String, NodeIndex> = loaded
            .graph
            .graph
            .node_indices()
            .map(|n| (node_key(loaded, n), n))
            .collect();
        for (key, p) in carried.positions {
            if let Some(&n) = nodes.get(&key) {
                self.positions.insert(n, p);
            }
        }
        self.pinned = (carried.pinned.iter())
            .filter_map(|k| nodes.get(k).copied())
            .collect();
        self.hold_next_layout = true;
    }
}
