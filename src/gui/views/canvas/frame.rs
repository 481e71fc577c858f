//! One frame of the canvas: egui_graphs for pan, zoom, hover, click and
//! drag, our meshes beneath it, and a cheap repaint at rest.

use super::adapter::View;
use super::camera;
use super::scene::GraphCanvas;
use super::{CanvasView, GRAPH_ID};
use crate::gui::actions::{shortcut_text, Action};
use crate::gui::command::{Command, FocusCommand, FoldCommand};
use crate::gui::context::ViewContext;
use crate::gui::views::focus::{self, MenuTarget};
use egui::Ui;
use egui_graphs::{GraphChange, MetadataFrame};

impl CanvasView {
    pub fn show(&mut self, ui: &mut Ui, cx: &ViewContext, out: &mut Vec<Command>) {
        self.take_topic_names(cx);
        // Out of `self` while drawing, so that the methods below can take
        // both; always put back.
        let Some(mut scene) = self.scene.take() else {
            if cx.loaded.is_none() && !cx.session.loading {
                ui.centered_and_justified(|ui| {
                    ui.add(egui::Label::new(open_hint(ui.ctx())).wrap());
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
        let (meta, moved) = self.nav.navigate(ui, scene);
        if moved {
            // A moved canvas is drawn through egui_graphs this frame, for
            // the camera that navigation saved for it.
            self.show_frames_left = self.show_frames_left.max(2);
        }
        let moving_camera = self.nav.fit.is_some();
        scene.apply_zoom(meta.zoom);
        scene.assign_labels(&meta, self.nav.rect);
        let outlines = cx.loaded.is_some_and(|l| {
            use crate::gui::settings::ColorBy;
            let by = crate::gui::style::effective(l, cx.settings.view.color_by);
            let areas = matches!(by, ColorBy::Community | ColorBy::Folder | ColorBy::Tag);
            cx.settings.view.group_outlines && areas && cx.focus.placement.is_none()
        });
        scene.update_outlines(outlines, crate::gui::style::NONE);
        // egui_graphs' view asks for a repaint on every frame it shows, so
        // at rest and with no input we paint the same shapes ourselves.
        let input = self.input_for_graph(ui, scene, &meta);
        if !moving_camera && !scene.is_moving() && !input && self.show_frames_left == 0 {
            self.nav.rect = scene.paint_at_rest(ui, &meta).rect;
            return;
        }
        // One more full frame after input, so hover and drag states settle.
        self.show_frames_left = if input {
            2
        } else {
            self.show_frames_left.saturating_sub(1)
        };
        let (changes, response) = self.show_graph(ui, scene);
        let (dragging, adding) = ui.input(|i| (i.pointer.any_down(), i.modifiers.command));
        self.take_changes(cx, scene, &changes, (dragging, adding), out);
        self.node_menu(&response, cx, scene, out);
        if scene.is_moving() || moving_camera {
            ui.ctx().request_repaint();
        }
    }

    /// Whether this frame's input is for egui_graphs' view. A pointer
    /// moving over empty canvas, with no node hovered before, is not: its
    /// view would only find, node by node, that nothing is under it, which
    /// in a big vault costs more than the rest of the frame.
    fn input_for_graph(&self, ui: &Ui, scene: &GraphCanvas, meta: &MetadataFrame) -> bool {
        let (other, moved, at) = ui.input(|i| {
            let moves = |e: &egui::Event| matches!(e, egui::Event::PointerMoved(_));
            let other = i.pointer.any_down() || !i.events.iter().all(moves);
            (other, i.events.iter().any(moves), i.pointer.hover_pos())
        });
        let over_node = || {
            let at = at.map(|p| meta.screen_to_canvas_pos(p - self.nav.rect.min.to_vec2()));
            scene.graph.hovered_node().is_some() || at.is_some_and(|p| scene.node_at(p))
        };
        other || (moved && self.hover_enabled && over_node())
    }

    /// The interactive frame: egui_graphs' view, with our edge and disc
    /// meshes painted beneath it.
    fn show_graph(
        &mut self,
        ui: &mut Ui,
        scene: &mut GraphCanvas,
    ) -> (Vec<GraphChange>, egui::Response) {
        // Edges go beneath the nodes: keep their place in the paint order
        // now, fill it once this frame's pan and zoom are known.
        let edge_painter = ui.painter_at(ui.available_rect_before_wrap());
        let edge_slot = edge_painter.add(egui::Shape::Noop);
        // Community names go above the discs and beneath note labels.
        let region_slot = edge_painter.add(egui::Shape::Noop);
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
                    .with_zoom_speed(camera::ZOOM_SPEED_OFF)
                    .with_fit_to_screen_enabled(false),
            )
            .show(ui, &mut scene.graph);
        let rect = response.response.rect;
        self.nav.shown(rect);
        let meta = MetadataFrame::new(Some(GRAPH_ID.to_string())).load(ui);
        edge_painter.set(
            edge_slot,
            egui::Shape::Vec(vec![
                egui::Shape::Vec(scene.outlines.shapes(&meta, rect)),
                scene.meshes(&meta, rect, ui.visuals()),
            ]),
        );
        let names = (scene.regions).shapes(&scene.graph, ui.ctx(), ui.visuals(), &meta, rect);
        edge_painter.set(region_slot, egui::Shape::Vec(names));
        (response.changes, response.response)
    }

    /// A right click on a node opens its menu (focus, expand, hide,
    /// select); on empty canvas, the focus's own entries. While it is
    /// open, every frame goes through egui_graphs' view, which draws it.
    fn node_menu(
        &mut self,
        response: &egui::Response,
        cx: &ViewContext,
        scene: &GraphCanvas,
        out: &mut Vec<Command>,
    ) {
        let Some(loaded) = cx.loaded else { return };
        if response.secondary_clicked() {
            let node = scene.graph.hovered_node();
            let group = node.and_then(|n| scene.group_at(n.index()));
            let member = node.and_then(|n| scene.members.get(n.index()));
            self.menu_target = match group {
                Some(g) => Some(MenuTarget::Group(g.key.clone())),
                None => (member.and_then(|m| loaded.graph.note_of(*m))).map(MenuTarget::Note),
            };
        }
        let target = self.menu_target.as_ref();
        let open = response.context_menu(|ui| focus::node_menu(ui, cx, target, out));
        if open.is_some() {
            self.show_frames_left = self.show_frames_left.max(2);
        }
    }

    /// Clicks select (with Ctrl or Cmd: add to the selection), double
    /// clicks expand the focus or start one, a drag pins, a hover
    /// restyles, and panning stops the automatic fit.
    fn take_changes(
        &mut self,
        cx: &ViewContext,
        scene: &GraphCanvas,
        changes: &[GraphChange],
        (dragging, adding): (bool, bool),
        out: &mut Vec<Command>,
    ) {
        let Some(loaded) = cx.loaded else { return };
        // A folded group is no note: a click on it selects nothing.
        let note_at = |node: &petgraph::stable_graph::NodeIndex| {
            let open = scene.group_at(node.index()).is_none();
            (scene.members.get(node.index()).filter(|_| open))
                .and_then(|m| loaded.graph.note_of(*m))
        };
        let mut hover_changed = false;
        for change in changes {
            match change {
                GraphChange::NodeClicked { node } if adding => {
                    let toggle = |n| Command::Focus(FocusCommand::ToggleSelect(n));
                    out.extend(note_at(node).map(toggle));
                }
                GraphChange::NodeClicked { node } => {
                    out.extend(note_at(node).map(Command::Select));
                }
                GraphChange::NodeDoubleClicked { node } => {
                    if let Some(group) = scene.group_at(node.index()) {
                        out.push(Command::Fold(FoldCommand::Unfold(group.key.clone())));
                    }
                    let expand = |n| Command::Focus(FocusCommand::Expand(n));
                    out.extend(note_at(node).map(expand));
                }
                GraphChange::NodeHoverEntered { .. } | GraphChange::NodeHoverExited { .. } => {
                    hover_changed = true
                }
                GraphChange::NodeDragEnded { node } if scene.group_at(node.index()).is_none() => {
                    self.known.pinned.insert(scene.members[node.index()]);
                }
                // A pan by the user stops any fit (egui_graphs' own zoom
                // is off and reports no change).
                GraphChange::Panned { .. } if dragging => self.nav.stop_fitting(),
                _ => {}
            }
        }
        if hover_changed {
            out.push(Command::Restyle);
        }
    }
}

/// What the canvas says before any vault is open.
fn open_hint(ctx: &egui::Context) -> String {
    let open = Action::OpenFolder;
    let (label, keys) = (open.label(), shortcut_text(open, ctx));
    format!("Open a folder of Markdown notes: File › {label} ({keys}), or drop it here.")
}
