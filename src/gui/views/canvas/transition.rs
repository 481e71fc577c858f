//! Switching between the force view and the prerequisite view moves each
//! node from where it was to where it goes, in 300 ms, so that the eye can
//! follow a note from one drawing to the other.

use super::scene::{GraphCanvas, Transition};
use egui::Pos2;
use petgraph::stable_graph::NodeIndex;
use std::collections::HashMap;
use std::time::{Duration, Instant};

const LENGTH: Duration = Duration::from_millis(300);

impl GraphCanvas {
    /// Starts moving members from `from` (model node → old position).
    pub fn start_transition(&mut self, from: &HashMap<NodeIndex, [f32; 2]>) {
        let from: Vec<Option<[f32; 2]>> =
            self.members.iter().map(|m| from.get(m).copied()).collect();
        if from.iter().any(Option::is_some) {
            self.transition = Some(Transition {
                from,
                started: Instant::now(),
            });
        }
    }

    /// Places members along the way (ease in and out); at the end, at
    /// their own positions.
    pub(super) fn step_transition(&mut self) {
        let Some(t) = &self.transition else { return };
        let done = t.started.elapsed().as_secs_f32() / LENGTH.as_secs_f32();
        if done >= 1.0 {
            self.transition = None;
            self.push_positions();
            return;
        }
        let k = done * done * (3.0 - 2.0 * done);
        for (i, from) in t.from.iter().enumerate() {
            let (Some(a), Some(b)) = (from, self.positions.get(i)) else {
                continue;
            };
            let at = Pos2::new(a[0] + (b[0] - a[0]) * k, a[1] + (b[1] - a[1]) * k);
            if let Some(n) = self.graph.node_mut(NodeIndex::new(i)) {
                n.set_location(at);
            }
        }
        self.style_version += 1;
    }
}
