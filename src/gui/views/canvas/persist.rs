//! Node positions by note path: saved between runs, and carried across a
//! reload, which renumbers every node.

use super::{CanvasView, CarriedCanvas, SavedPositions};
use crate::graph::Node as ModelNode;
use crate::gui::model::{Loaded, VaultSource};
use petgraph::stable_graph::NodeIndex;
use std::collections::HashMap;

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

impl CanvasView {
    /// Positions of every node placed so far, by note path.
    pub fn saved_positions(&self, loaded: &Loaded) -> Option<SavedPositions> {
        let scene = self.scene.as_ref()?;
        let mut all = self.positions.clone();
        // The prerequisite view's positions are computed, and a local
        // graph's are its own fresh layout: neither is saved as the graph's.
        if !self.layered_scene && !self.local_scene {
            all.extend(scene.positions());
        }
        let list = all
            .into_iter()
            .map(|(n, p)| (node_key(loaded, n), p))
            .collect();
        Some(list)
    }

    /// Starts from saved positions, so that a reopened vault is at rest.
    /// The caller rebuilds.
    pub fn restore_positions(&mut self, saved: SavedPositions, loaded: &Loaded) {
        let by_key: HashMap<String, [f32; 2]> = saved.into_iter().collect();
        for node in loaded.graph.graph.node_indices() {
            if let Some(p) = by_key.get(&node_key(loaded, node)) {
                if p[0].is_finite() && p[1].is_finite() {
                    self.positions.insert(node, *p);
                }
            }
        }
        // The caller's rebuild fits the restored scene (or keeps a fit to
        // some notes asked for before, such as a plan opened at start-up).
        self.scene = None;
    }

    pub fn carry_out(&self, loaded: &Loaded) -> CarriedCanvas {
        CarriedCanvas {
            positions: self.saved_positions(loaded).unwrap_or_default(),
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
