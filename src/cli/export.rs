//! `export`: the graph, or what a named view shows, as JSON, DOT,
//! GraphML, GEXF, SVG or JSON Canvas, with a settled layout when asked
//! (always for the drawings), coloured and sized as the window draws it;
//! or as an HTML map (laid out always, with `html.rs`'s plan and progress).

use super::args::LayoutKind;
use super::{html, views, CliError, Outcome};
use crate::export::{self, Format};
use crate::workspace::choices::{ColorBy, SizeBy};
use crate::workspace::{looks, DataDir, Workspace};
use std::io::Write;
use std::path::Path;

/// What `export` was asked for.
pub(super) struct Ask<'a> {
    pub format: Format,
    pub output: Option<&'a Path>,
    pub layout: Option<LayoutKind>,
    /// A named view whose part of the graph is written.
    pub view: Option<&'a str>,
    /// JSON Canvas: a group round each community.
    pub canvas_groups: bool,
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
    if ask.canvas_groups && ask.format != Format::Canvas {
        return Err(CliError::Usage(
            "--canvas-groups goes with --format canvas".to_string(),
        ));
    }
    let html = ask.format == Format::Html;
    if !html && ask.study.asked() {
        return Err(CliError::Usage(
            "--plan, --include-learned and --progress go with --format html".into(),
        ));
    }
    // A drawing is laid out here, never in the browser or the other tool.
    let layout = (ask.layout).or(ask.format.needs_layout().then_some(LayoutKind::Force));
    let mut extras = layout_extras(ws, layout);
    let (mut color_by, mut size_by) = (ColorBy::default(), SizeBy::default());
    if let Some(name) = ask.view {
        let view = views::find(ws, data, name)?;
        let shown = view.shown(vault, graph);
        views::warn_missing(&view, &shown.missing, warnings)?;
        extras.part = Some(export::Part::of(graph, &shown.nodes, &view.edge_kinds));
        (color_by, size_by) = (view.color_by, view.size_by);
    }
    if ask.format.carries_looks() {
        extras.looks = Some(looks::node_looks(ws, color_by, size_by));
    }
    let map = if html {
        Some(html::map(ws, &ask.study, (color_by, size_by))?)
    } else {
        None
    };
    if ask.canvas_groups {
        extras.community = Some(ws.communities().of.clone());
        extras.groups = Some(ws.topic_names().to_vec());
    }
    let write = |w: &mut dyn Write| match &map {
        Some(map) => export::html::write_html(vault, graph, &extras, map, w),
        None => export::write_with(vault, graph, ask.format, &extras, w),
    };
    match ask.output.filter(|file| file.as_os_str() != "-") {
        Some(file) => {
            export::write_file(vault, ask.format, file, write).map_err(CliError::Usage)?;
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
