//! What `export --format html` shows besides the graph, worked out from
//! the workspace: the window's colouring (status where it tells notes
//! apart, else topics, by `workspace::looks`'s one rule), sizes by importance, the
//! plan `order` makes (`--plan`, `--include-learned`) and the notes the
//! status overlay counts as learned (`--progress`).

use super::{find_notes, CliError};
use crate::analysis::Facets;
use crate::export::html::{Map, Plan, Step};
use crate::workspace::choices::ColorBy;
use crate::workspace::{looks, Workspace};

/// `--plan`, `--include-learned` and `--progress`.
pub(super) struct Study<'a> {
    pub plan: &'a [String],
    pub include_learned: bool,
    pub progress: bool,
}

impl Study<'_> {
    /// Whether any of them was given.
    pub fn asked(&self) -> bool {
        !self.plan.is_empty() || self.include_learned || self.progress
    }
}

/// The map's colours, sizes, plan and progress.
pub(super) fn map(ws: &Workspace, study: &Study) -> Result<Map, CliError> {
    let vault = &*ws.vault;
    let facets = Facets::of(vault);
    let mut map = colors(ws, &facets);
    map.radius = (vault.notes.iter())
        .map(|n| looks::importance_radius(n.frontmatter.importance, facets.importance))
        .collect();
    if !study.plan.is_empty() {
        let targets = find_notes(ws, study.plan)?;
        let plan = ws.plan(&targets, study.include_learned);
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
    if study.progress {
        let config = ws.study_config();
        map.learned = Some(vault.notes.iter().map(|n| config.is_learned(n)).collect());
    }
    Ok(map)
}

/// The window's colouring of a vault it opens (status where it tells
/// notes apart, else topics), by `workspace::looks`'s one rule.
fn colors(ws: &Workspace, facets: &Facets) -> Map {
    let vault = &*ws.vault;
    let by = looks::effective(ColorBy::Status, facets, vault.notes.len());
    let colouring = looks::Colouring::of(ws, facets, by);
    let legend = match by {
        // A topic of one note has no colour of its own to explain.
        ColorBy::Community => {
            let members = &ws.communities().members;
            (colouring.ordered().iter().zip(members))
                .filter(|(_, m)| m.len() >= 2)
                .map(|(entry, _)| entry.clone())
                .collect()
        }
        _ => colouring.ordered().to_vec(),
    };
    Map {
        colored_by: if by == ColorBy::Status {
            "status"
        } else {
            "topic"
        }
        .into(),
        colors: (0..vault.notes.len())
            .map(|id| colouring.of_note(ws, id))
            .collect(),
        legend,
        ..Map::default()
    }
}
