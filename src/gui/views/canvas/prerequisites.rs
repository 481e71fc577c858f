//! The canvas's second view, "Prerequisites": each note right of all of its
//! prerequisites (`layout::layered`). Without a plan it draws every note
//! with a prerequisite link, at the positions computed for the whole vault
//! on the loading thread; with a plan, the target's prerequisite closure
//! only, laid out afresh (small, on the spot). The others are counted, not
//! drawn in a pile.

use crate::analysis::StudyPlan;
use crate::gui::model::Loaded;
use crate::layout::layered;
use crate::vault::NoteId;
use petgraph::stable_graph::NodeIndex;
use std::collections::{HashMap, HashSet};

/// What the view draws: members, their fixed positions, and how many
/// visible notes it leaves out.
pub struct LayeredScene {
    pub members: Vec<NodeIndex>,
    pub positions: HashMap<NodeIndex, [f32; 2]>,
    pub left_out: usize,
}

/// The layered scene over the visible `members` (filters applied).
pub fn scene(loaded: &Loaded, members: &[NodeIndex], plan: Option<&StudyPlan>) -> LayeredScene {
    let visible: Vec<NoteId> = members
        .iter()
        .filter_map(|&m| loaded.graph.note_of(m))
        .collect();
    let (placed, left_out) = match plan {
        Some(plan) => {
            let closure = closure(loaded, &plan.targets);
            let keep: Vec<NoteId> = visible
                .iter()
                .copied()
                .filter(|n| closure.contains(n))
                .collect();
            (layout_of(loaded, &keep), visible.len() - keep.len())
        }
        None => {
            let whole = loaded.layered().positions();
            let placed: Vec<(NoteId, [f32; 2])> = (visible.iter())
                .filter_map(|&n| whole[n].map(|p| (n, p)))
                .collect();
            let left_out = visible.len() - placed.len();
            (placed, left_out)
        }
    };
    LayeredScene {
        members: placed.iter().map(|&(n, _)| loaded.node_of(n)).collect(),
        positions: placed
            .iter()
            .map(|&(n, p)| (loaded.node_of(n), p))
            .collect(),
        left_out,
    }
}

/// The targets and everything they need, transitively (iterative).
fn closure(loaded: &Loaded, targets: &[NoteId]) -> HashSet<NoteId> {
    let mut seen: HashSet<NoteId> = targets.iter().copied().collect();
    let mut stack: Vec<NoteId> = targets.to_vec();
    while let Some(n) = stack.pop() {
        for pre in loaded.graph.prerequisites(n) {
            if seen.insert(pre) {
                stack.push(pre);
            }
        }
    }
    seen
}

/// A layered layout of `notes` alone (a plan's closure). A lone target with
/// no prerequisite at all still gets a place.
fn layout_of(loaded: &Loaded, notes: &[NoteId]) -> Vec<(NoteId, [f32; 2])> {
    let local: HashMap<NoteId, u32> = (notes.iter().enumerate())
        .map(|(i, &n)| (n, i as u32))
        .collect();
    let edges: Vec<(u32, u32)> = (notes.iter())
        .flat_map(|&n| {
            let local = &local;
            (loaded.graph.prerequisites(n).into_iter())
                .filter_map(move |pre| Some((*local.get(&pre)?, local[&n])))
        })
        .collect();
    let drawn = layered::layered(notes.len(), &edges).positions();
    (notes.iter().zip(drawn))
        .map(|(&n, p)| (n, p.unwrap_or([0.0, 0.0])))
        .collect()
}
