//! Switching between the force view and the prerequisite view moves each
//! node from where it was to where it goes, in 300 ms, so that the eye can
//! follow a note from one drawing to the other.

use super::adapter::CanvasGraph;
use egui::Pos2;
use petgraph::stable_graph::NodeIndex;
use std::collections::HashMap;
use std::time::{Duration, Instant};

const LENGTH: Duration = Duration::from_millis(300);

/// Nodes on their way from the other view's places: where each member
/// starts (none: it appears at its place), and since when.
pub struct Transition {
    from: Vec<Option<[f32; 2]>>,
    started: Instant,
}

impl Transition {
    /// Moves `members` from `from` (model node → old position); none when
    /// no member was drawn before.
    pub fn start(members: &[NodeIndex], from: &HashMap<NodeIndex, [f32; 2]>) -> Option<Self> {
        let from: Vec<Option<[f32; 2]>> = members.iter().map(|m| from.get(m).copied()).collect();
        (from.iter().any(Option::is_some)).then(|| Transition {
            from,
            started: Instant::now(),
        })
    }

    /// Places the nodes of `graph` along the way (ease in and out) towards
    /// `to` (by canvas index). Returns false, placing nothing, once the
    /// time is up: the caller then puts them at their own positions.
    pub fn step(&self, graph: &mut CanvasGraph, to: &[[f32; 2]]) -> bool {
        let done = self.started.elapsed().as_secs_f32() / LENGTH.as_secs_f32();
        if done >= 1.0 {
            return false;
        }
        let k = done * done * (3.0 - 2.0 * done);
        for (i, from) in self.from.iter().enumerate() {
            let (Some(a), Some(b)) = (from, to.get(i)) else {
                continue;
            };
            let at = Pos2::new(a[0] + (b[0] - a[0]) * k, a[1] + (b[1] - a[1]) * k);
            if let Some(n) = graph.node_mut(NodeIndex::new(i)) {
                n.set_location(at);
            }
        }
        true
    }
}
