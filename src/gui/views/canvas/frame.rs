//! One frame of the canvas: egui_graphs for pan, zoom, hover, click and
//! drag, our meshes beneath it, and a cheap repaint at rest.

use super::adapter::View;
use super::scene::GraphCanvas;
use super::{CanvasView, GRAPH_ID};
use crate::gui::command::Command;
use crate::gui::context::ViewContext;
use egui::Ui;
use egui_graphs::{GraphChange, MetadataFrame};
use petgraph::stable_graph::NodeIndex;

impl CanvasView {
    pub fn show(&mut self, ui: &mut Ui, cx: &ViewContext, out: &mut Vec<Command>) {
        // Out of `self` while drawing, so that the methods below can take
        // both; always put back.
        let Some(mut scene) = self.scene.take() else {
            if cx.loaded.is_none() && !cx.session.loading {
                ui.centered_and_justified(|ui| {
                    ui.add(
                        egui::Label::new("Open a folder of Markdown notes: File › Open folder… (Ctrl+O), or drop it here.")
                            .wrap(),
                    );
                });
            }
            return;
        };
        if scene.members.is_empty() {
            ui.centered_and_justified(|ui| ui.label("No note matches the filters."));
        } else {
            self.show_scene(ui, cx, &mut scene, out);
        }
        self.scene = Some(scene);
    }

    fn show_scene(
        &mut self,
        ui: &mut Ui,
        cx: &ViewContext,
        scene: &mut GraphCanvas,
        out: &mut Vec<Command>,
    ) {
        scene.tick();
        let fit = self.fit_frames > 0 || (self.auto_fit && scene.is_moving());
        self.fit_frames = self.fit_frames.saturating_sub(1);
        let meta = self.navigate(ui, scene);
        scene.apply_zoom(meta.zoom);
        scene.assign_labels(&meta, self.rect);
        // egui_graphs' view asks for a repaint on every frame it shows, so
        // at rest and with no input we paint the same shapes ourselves.
        let input = ui.input(|i| !i.events.is_empty() || i.pointer.any_down());
        if !fit && !scene.is_moving() && !input && self.show_frames_left == 0 {
            self.rect = scene.paint_at_rest(ui, &meta).rect;
            self.shown = (meta.pan, meta.zoom);
            return;
        }
        // One more full frame after input, so hover and drag states settle.
        self.show_frames_left = if input {
            2
        } else {
            self.show_frames_left.saturating_sub(1)
        };
        let changes = self.show_graph(ui, scene, fit);
        self.take_changes(cx, scene, &changes, out);
        if scene.is_moving() {
            ui.ctx().request_repaint();
        }
    }

    /// Applies zoom and centre requests, which wait until the widget's
    /// size is known; returns this frame's pan and zoom.
    fn navigate(&mut self, ui: &mut Ui, scene: &GraphCanvas) -> MetadataFrame {
        let sized = self.rect.is_positive();
        let mut meta = MetadataFrame::new(Some(GRAPH_ID.to_string())).load(ui);
        if let Some(factor) = self.zoom_request.take_if(|_| sized) {
            let centre = self.rect.size() / 2.0;
            meta.pan = centre - (centre - meta.pan) * factor;
            meta.zoom *= factor;
            meta.clone().save(ui);
        }
        if let Some(nodes) = self.fit_to.take_if(|_| sized) {
            if let Some((pan, zoom)) = fit_box(scene, &nodes, self.rect.size()) {
                (meta.pan, meta.zoom) = (pan, zoom);
                meta.clone().save(ui);
            }
        }
        if let Some(target) = self.centre_on.take_if(|_| sized && meta.zoom.is_finite()) {
            let node = (scene.canvas_of.get(&target)).and_then(|&c| scene.graph.node(c));
            if let Some(node) = node {
                meta.pan = self.rect.size() / 2.0 - node.location().to_vec2() * meta.zoom;
                meta.clone().save(ui);
            }
        }
        meta
    }

    /// The interactive frame: egui_graphs' view, with our edge and disc
    /// meshes painted beneath it.
    fn show_graph(&mut self, ui: &mut Ui, scene: &mut GraphCanvas, fit: bool) -> Vec<GraphChange> {
        // Edges go beneath the nodes: keep their place in the paint order
        // now, fill it once this frame's pan and zoom are known.
        let edge_painter = ui.painter_at(ui.available_rect_before_wrap());
        let edge_slot = edge_painter.add(egui::Shape::Noop);
        let response = View::new()
            .with_id(Some(GRAPH_ID.to_string()))
            .with_interactions(
                &egui_graphs::SettingsInteraction::new()
                    .with_dragging_enabled(self.hover_enabled)
                    .with_hover_enabled(self.hover_enabled)
                    .with_node_clicking_enabled(true),
            )
            .with_navigations(
                &egui_graphs::SettingsNavigation::new()
                    .with_zoom_and_pan_enabled(true)
                    .with_fit_to_screen_enabled(fit)
                    .with_fit_to_screen_padding(FIT_PADDING),
            )
            .show(ui, &mut scene.graph);
        self.rect = response.response.rect;
        let meta = MetadataFrame::new(Some(GRAPH_ID.to_string())).load(ui);
        self.shown = (meta.pan, meta.zoom);
        let dark = ui.visuals().dark_mode;
        edge_painter.set(
            edge_slot,
            egui::Shape::Vec(vec![
                scene.edge_mesh(&meta, self.rect, dark),
                scene.node_mesh(&meta, self.rect, ui.visuals()),
            ]),
        );
        ui.painter()
            .extend(scene.region_shapes(ui.ctx(), ui.visuals()));
        response.changes
    }

    /// Clicks select, double clicks open the local graph, a drag pins, a
    /// hover restyles, and panning stops the automatic fit.
    fn take_changes(
        &mut self,
        cx: &ViewContext,
        scene: &GraphCanvas,
        changes: &[GraphChange],
        out: &mut Vec<Command>,
    ) {
        let Some(loaded) = cx.loaded else { return };
        let note_at = |node: &petgraph::stable_graph::NodeIndex| {
            (scene.members.get(node.index())).and_then(|m| loaded.graph.note_of(*m))
        };
        let mut hover_changed = false;
        for change in changes {
            match change {
                GraphChange::NodeClicked { node } => {
                    out.extend(note_at(node).map(Command::Select));
                }
                GraphChange::NodeDoubleClicked { node } => {
                    out.extend(note_at(node).map(|n| Command::LocalGraph(Some(n))));
                }
                GraphChange::NodeHoverEntered { .. } | GraphChange::NodeHoverExited { .. } => {
                    hover_changed = true
                }
                GraphChange::NodeDragEnded { node } => {
                    self.pinned.insert(scene.members[node.index()]);
                }
                GraphChange::Panned { .. } | GraphChange::Zoomed { .. } => self.auto_fit = false,
                _ => {}
            }
        }
        if hover_changed {
            out.push(Command::Restyle);
        }
    }
}

/// The pan and zoom that show the bounding box of `nodes` (those shown) in
/// a canvas of `size`, with the margin of a fit to the whole graph; a
/// lone node or a tight group is not zoomed into past `MIN_FIT_EXTENT`.
fn fit_box(
    scene: &GraphCanvas,
    nodes: &[NodeIndex],
    size: egui::Vec2,
) -> Option<(egui::Vec2, f32)> {
    let mut bounds = egui::Rect::NOTHING;
    for node in nodes {
        let shown = scene.canvas_of.get(node).and_then(|&c| scene.graph.node(c));
        if let Some(n) = shown {
            let r = n.payload().radius;
            bounds = bounds.union(egui::Rect::from_center_size(
                n.location(),
                egui::Vec2::splat(2.0 * r),
            ));
        }
    }
    if !bounds.is_positive() {
        return None;
    }
    let extent = bounds.size().max(egui::Vec2::splat(MIN_FIT_EXTENT)) * (1.0 + FIT_PADDING);
    let zoom = (size.x / extent.x).min(size.y / extent.y);
    Some((size / 2.0 - bounds.center().to_vec2() * zoom, zoom))
}

/// Margin around a fitted graph, as a share of its size.
const FIT_PADDING: f32 = 0.08;
/// The smallest extent, in graph units, that a fit to some nodes shows.
const MIN_FIT_EXTENT: f32 = 120.0;
