//! `export`: the graph, or what a named view shows, as JSON, DOT or
//! GraphML, with a settled layout when asked, or as an HTML map (laid
//! out always, with `html.rs`'s colours, plan and progress).

use super::args::LayoutKind;
use super::{html, views, CliError, Outcome};
use crate::export::{self, Format};
use crate::workspace::{DataDir, Workspace};
use std::io::Write;
use std::path::Path;

/// What `export` was asked for.
pub(super) struct Ask<'a> {
    pub format: Format,
    pub output: Option<&'a Path>,
    pub layout: Option<LayoutKind>,
    /// A named view whose part of the graph is written.
    pub view: Option<&'a str>,
    /// What the HTML map shows of studying.
    pub study: html::Study<'a>,
}

/// `-o` may name any path, but never a note of the vault: an export must
/// not cost the user a note.
pub(super) fn export(
    ws: &Workspace,
    data: Option<&DataDir>,
    ask: &Ask,
    out: &mut dyn Write,
    warnings: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let (vault, graph) = (&ws.vault, &ws.graph);
    let html = ask.format == Format::Html;
    if !html && ask.study.asked() {
        return Err(CliError::Usage(
            "--plan, --include-learned and --progress go with --format html".into(),
        ));
    }
    // The map is drawn where notegraph lays it out, never in the browser.
    let layout = ask.layout.or(html.then_some(LayoutKind::Force));
    let map = if html {
        Some(html::map(ws, &ask.study)?)
    } else {
        None
    };
    let mut extras = layout_extras(ws, layout);
    if let Some(name) = ask.view {
        let view = views::find(ws, data, name)?;
        let shown = view.shown(vault, graph);
        views::warn_missing(&view, &shown.missing, warnings)?;
        extras.part = Some(export::Part::of(graph, &shown.nodes, &view.edge_kinds));
    }
    let write = |w: &mut dyn Write| match &map {
        Some(map) => export::html::write_html(vault, graph, &extras, map, w),
        None => export::write_with(vault, graph, ask.format, &extras, w),
    };
    match ask.output.filter(|file| file.as_os_str() != "-") {
        Some(file) => {
            // Never inside the vault, never onto a note by another name,
            // and never changed in place.
            let notes: Vec<String> = vault.notes.iter().map(|n| n.path.clone()).collect();
            let usage = |e: crate::output::OutputError| CliError::Usage(e.to_string());
            if let Some(root) = vault.root() {
                crate::output::check_outside(root, &notes, file).map_err(usage)?;
            }
            crate::output::write_atomically(file, |w| write(w)).map_err(usage)?;
        }
        None => write(out)?,
    }
    Ok(Outcome::Clean)
}

/// Positions, communities or layers, as `--layout` asks.
fn layout_extras(ws: &Workspace, layout: Option<LayoutKind>) -> export::Extras {
    let graph = &ws.graph;
    if layout == Some(LayoutKind::Prerequisites) {
        let layered = ws.layered();
        let mut positions: Vec<[f32; 2]> = (layered.positions().into_iter())
            .map(|p| p.unwrap_or([f32::NAN; 2]))
            .collect();
        positions.resize(
            graph.note_nodes.len() + graph.ghost_nodes.len(),
            [f32::NAN; 2],
        );
        export::Extras {
            positions: Some(positions),
            layer: Some(layered.layer.clone()),
            ..Default::default()
        }
    } else if layout.is_some() {
        let params = crate::layout::LayoutParams::default();
        let communities = ws.communities();
        let topics =
            crate::layout::TopicLevels::of_notes(&communities.consensus, &communities.finer);
        export::Extras {
            positions: Some(crate::layout::whole::settled_positions(
                graph,
                params,
                Some(topics),
            )),
            community: Some(communities.of.clone()),
            ..Default::default()
        }
    } else {
        export::Extras::default()
    }
}
