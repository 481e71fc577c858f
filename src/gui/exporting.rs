//! File › Export, applied: what the view shows (its filters, focus and
//! depth), where the window draws it and coloured as it colours it (the
//! notes of a folded group, which it does not draw, are listed and not
//! drawn), written in any export format by the rules
//! the command line's `export` follows (`export::write_file`,
//! `workspace::looks`, `workspace::map`).

use super::app::App;
use super::model::Loaded;
use crate::export::{self, Extras, Format, Part};
use crate::workspace::map::{html_map, MapAsk};
use crate::workspace::{looks, Workspace};
use std::path::Path;

/// Writes the export and says how it went.
pub(super) fn apply(app: &mut App, format: Format, file: &Path) {
    let Some(loaded) = app.shared.session.loaded() else {
        return;
    };
    match write(app, loaded, format, file) {
        Ok(()) => (app.shared.notices).say(format!("exported to {}", file.display())),
        Err(e) => app.shared.notices.error = Some(format!("Could not export: {e}")),
    }
}

fn write(app: &App, loaded: &Loaded, format: Format, file: &Path) -> Result<(), String> {
    let ws: &Workspace = &loaded.ws;
    let view = super::named::capture(app, loaded, "");
    let shown = view.shown(&ws.vault, &ws.graph);
    let mut extras = Extras {
        positions: Some(drawn_positions(app, ws)),
        community: Some(ws.communities().of.clone()),
        part: Some(Part::of(&ws.graph, &shown.nodes, &view.edge_kinds)),
        ..Extras::default()
    };
    if format.carries_looks() {
        extras.looks = Some(looks::node_looks(ws, view.color_by, view.size_by));
    }
    if format == Format::Canvas {
        extras.groups = Some(ws.topic_names().to_vec());
    }
    let plan = (app.shared.focus.plan.as_ref()).map(|p| p.targets.clone());
    let map = (format == Format::Html).then(|| {
        let ask = MapAsk {
            color_by: view.color_by,
            size_by: view.size_by,
            plan: plan.as_deref().unwrap_or_default(),
            include_learned: false,
            progress: true,
        };
        html_map(ws, &ask)
    });
    export::write_file(&ws.vault, format, file, |w| match &map {
        Some(map) => export::html::write_html(&ws.vault, &ws.graph, &extras, map, w),
        None => export::write_with(&ws.vault, &ws.graph, format, &extras, w),
    })
}

/// Where the canvas draws each node, by export index; a node it does not
/// draw has no place (NaN), as the exports expect.
fn drawn_positions(app: &App, ws: &Workspace) -> Vec<[f32; 2]> {
    let graph = &ws.graph;
    let mut at = vec![[f32::NAN; 2]; graph.note_nodes.len() + graph.ghost_nodes.len()];
    for (node, p) in app.views.canvas.positions() {
        at[export::export_index(graph, node)] = p;
    }
    at
}
