//! What the HTML map shows besides the graph, one rule for both front
//! ends: the colouring (as `looks` colours the window, with its legend),
//! sizes, the study plan `order` makes and the notes the status overlay
//! counts as learned.

use super::choices::{ColorBy, SizeBy};
use super::{looks, Workspace};
use crate::analysis::Facets;
use crate::export::html::{Map, Plan, Step};
use crate::vault::NoteId;

/// What a map is asked to show.
#[derive(Debug, Clone, Copy, Default)]
pub struct MapAsk<'a> {
    pub color_by: ColorBy,
    pub size_by: SizeBy,
    /// The notes the plan leads to; none: no plan.
    pub plan: &'a [NoteId],
    /// Keep notes already learned in the plan.
    pub include_learned: bool,
    /// Mark learned notes (and let the reader tick them in the page).
    pub progress: bool,
}

/// The map's colours, sizes, plan and progress.
pub fn html_map(ws: &Workspace, ask: &MapAsk) -> Map {
    let vault = &*ws.vault;
    let notes = vault.notes.len();
    let node_looks = looks::node_looks(ws, ask.color_by, ask.size_by);
    let facets = Facets::of(vault);
    let by = looks::effective(looks::exported(ask.color_by), &facets, notes);
    let mut map = Map {
        colored_by: match by {
            ColorBy::Tag => "tag",
            ColorBy::Folder => "folder",
            ColorBy::Community => "topic",
            _ => "status",
        }
        .into(),
        colors: node_looks.colour[..notes].to_vec(),
        legend: legend(ws, &facets, by),
        radius: node_looks.radius[..notes].to_vec(),
        ..Map::default()
    };
    if !ask.plan.is_empty() {
        let plan = ws.plan(ask.plan, ask.include_learned);
        map.plan = Some(Plan {
            targets: plan.targets.clone(),
            steps: (plan.steps.iter())
                .map(|s| Step {
                    note: s.note,
                    learned: s.learned,
                    cycle: s.cycle,
                })
                .collect(),
            implied: (plan.implied.iter())
                .map(|i| (i.note, i.by.clone()))
                .collect(),
        });
    }
    if ask.progress {
        let config = ws.study_config();
        map.learned = Some(vault.notes.iter().map(|n| config.is_learned(n)).collect());
    }
    map
}

/// The legend of colouring `by` (the one in effect): a topic of one note
/// has no colour of its own to explain.
fn legend(ws: &Workspace, facets: &Facets, by: ColorBy) -> Vec<(String, crate::palette::Rgb)> {
    let colouring = looks::Colouring::of(ws, facets, by);
    match by {
        ColorBy::Community => {
            let members = &ws.communities().members;
            (colouring.ordered().iter().zip(members))
                .filter(|(_, m)| m.len() >= 2)
                .map(|(entry, _)| entry.clone())
                .collect()
        }
        _ => colouring.ordered().to_vec(),
    }
}
