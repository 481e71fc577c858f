//! `export --format html`'s own options: the plan `order` makes
//! (`--plan`, `--include-learned`) and the notes the status overlay counts
//! as learned (`--progress`), handed to `workspace::map`, the rule the
//! window's export follows too.

use super::{find_notes, CliError};
use crate::export::html::Map;
use crate::workspace::choices::{ColorBy, SizeBy};
use crate::workspace::map::{html_map, MapAsk};
use crate::workspace::Workspace;

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

/// The map's colours (as `color_by` and `size_by` say), plan and progress.
pub(super) fn map(
    ws: &Workspace,
    study: &Study,
    (color_by, size_by): (ColorBy, SizeBy),
) -> Result<Map, CliError> {
    let targets = if study.plan.is_empty() {
        Vec::new()
    } else {
        find_notes(ws, study.plan)?
    };
    Ok(html_map(
        ws,
        &MapAsk {
            color_by,
            size_by,
            plan: &targets,
            include_learned: study.include_learned,
            progress: study.progress,
        },
    ))
}
