//! The graph canvas view: its state (the laid-out scene, known positions,
//! pins, fit and zoom requests) and the frame that draws it.
//!
//! - `adapter.rs`: the egui_graphs types (payload, node shape, no-op layout)
//! - `scene.rs`: the visible nodes and edges and the layout thread
//! - `members.rs`: which nodes are visible, their sizes and looks
//! - `meshes.rs`: edges and discs as two meshes; `labels.rs`: label placement

mod adapter;
mod camera;
mod discs;
mod frame;
mod labels;
mod members;
mod meshes;
mod persist;
mod prerequisites;
mod rebuild;
mod regions;
mod scene;
mod transition;

pub use members::MAX_GHOSTS_DRAWN;
pub use persist::positions_key;

use crate::gui::context::{CanvasSummary, ViewContext};
use crate::gui::model::Loaded;
use crate::vault::NoteId;
use camera::{Camera, Fit};
use petgraph::stable_graph::NodeIndex;
use scene::GraphCanvas;
use std::collections::{HashMap, HashSet};

const GRAPH_ID: &str = "notegraph-canvas";

/// Node positions by note path (ghosts as `?ghost:KEY`).
pub type SavedPositions = Vec<(String, [f32; 2])>;

/// Positions and pins carried across a reload, by note path.
#[derive(Default)]
pub struct CarriedCanvas {
    positions: SavedPositions,
    pinned: Vec<String>,
}

pub struct CanvasView {
    scene: Option<GraphCanvas>,
    /// Last known positions of nodes, kept across rebuilds and filters.
    positions: HashMap<NodeIndex, [f32; 2]>,
    /// Nodes the user dragged into place.
    pinned: HashSet<NodeIndex>,
    /// A fit under way (camera.rs).
    fit: Option<Fit>,
    /// Fit again each frame while the first layout settles, until the
    /// user pans or zooms.
    auto_fit: bool,
    centre_on: Option<NodeIndex>,
    zoom_request: Option<f32>,
    rect: egui::Rect,
    /// The camera of the last frame drawn, and the canvas size it was for.
    camera: Camera,
    /// Where egui_graphs' view last drew its top left corner.
    shown_at: Option<egui::Pos2>,
    /// The scene is a local graph, laid out afresh: its positions are not
    /// the graph's.
    local_scene: bool,
    /// Frames still to run through `GraphView::show` after the last input.
    show_frames_left: u8,
    /// The next scene keeps known nodes still (set by a reload).
    hold_next_layout: bool,

    /// Off for screenshots, where the pointer rests wherever the display
    /// server put it.
    hover_enabled: bool,
    visible_notes: usize,
    /// The scene is the prerequisite view (positions computed, not laid
    /// out), and how many visible notes it leaves out.
    layered_scene: bool,
    left_out: usize,
}

/// How a node is drawn now (tests): ringed as a search hit, and how much
/// of its colour it keeps (1 in full, less when pushed back).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NodeStyle {
    pub search_ring: bool,
    pub opacity: f32,
}

impl Default for CanvasView {
    fn default() -> Self {
        CanvasView {
            scene: None,
            positions: HashMap::new(),
            pinned: HashSet::new(),
            fit: None,
            auto_fit: true,
            centre_on: None,
            zoom_request: None,
            rect: egui::Rect::NOTHING,
            camera: Camera {
                zoom: 1.0,
                pan: egui::Vec2::ZERO,
            },
            shown_at: None,
            local_scene: false,
            show_frames_left: 2,
            hold_next_layout: false,

            hover_enabled: true,
            visible_notes: 0,
            layered_scene: false,
            left_out: 0,
        }
    }
}

impl CanvasView {
    /// Where the graph was drawn last; nothing when no node is shown.
    pub fn rect(&self) -> egui::Rect {
        match &self.scene {
            Some(scene) if !scene.members.is_empty() => self.rect,
            _ => egui::Rect::NOTHING,
        }
    }

    pub fn set_hover_enabled(&mut self, on: bool) {
        self.hover_enabled = on;
    }

    pub fn summary(&self, loaded: Option<&Loaded>, selected: Option<NoteId>) -> CanvasSummary {
        let scene = self.scene.as_ref();
        let selected_node = loaded.zip(selected).map(|(l, s)| l.node_of(s));
        CanvasSummary {
            visible_notes: self.visible_notes,
            visible_nodes: scene.map_or(0, |s| s.members.len()),
            paused: scene.is_some_and(|s| s.is_paused()),
            settled: scene.is_none_or(|s| s.is_settled()),
            left_out: self.layered_scene.then_some(self.left_out),
            // Only a pin the user made by dragging: the prerequisite view
            // holds every node in place, which no one can unpin.
            selected_pinned: !self.layered_scene
                && selected_node.is_some_and(|n| self.pinned.contains(&n)),
        }
    }

    /// The layout has settled (or there is nothing to lay out).
    pub fn is_at_rest(&self) -> bool {
        self.scene.as_ref().is_none_or(|c| !c.is_moving())
    }

    pub fn contains(&self, node: NodeIndex) -> bool {
        self.scene
            .as_ref()
            .is_some_and(|c| c.canvas_of.contains_key(&node))
    }

    /// Forgets the scene and everything known about nodes: a new vault.
    pub fn reset(&mut self, new_vault: bool) {
        self.scene = None;
        self.positions.clear();
        self.pinned.clear();
        if new_vault {
            self.auto_fit = true;
        }
    }

    /// Sets colours, sizes, highlights and dimming from the current state.
    pub fn restyle(&mut self, cx: &ViewContext) {
        if let (Some(loaded), Some(scene)) = (cx.loaded, &mut self.scene) {
            members::restyle(scene, loaded, cx);
        }
    }

    /// The next rebuild keeps the camera and every known node where it is,
    /// as a reload does: the window changed a note in place.
    pub fn keep_place_once(&mut self) {
        self.hold_next_layout = true;
    }

    /// Glides to show every node.
    pub fn fit(&mut self) {
        self.fit = Some(Fit::all(true));
    }

    /// Glides to show `nodes` (model nodes), if any is shown.
    pub fn fit_to(&mut self, nodes: Vec<NodeIndex>) {
        if !nodes.is_empty() {
            self.fit = Some(Fit::to(nodes));
            self.auto_fit = false;
        }
    }

    /// The zoom and pan of the last frame, and where the canvas is.
    pub fn camera(&self) -> (f32, egui::Vec2, egui::Rect) {
        (self.camera.zoom, self.camera.pan, self.rect)
    }

    /// Where each shown node was drawn last, on screen.
    pub fn screen_positions(&self) -> Vec<egui::Pos2> {
        let Some(scene) = &self.scene else {
            return Vec::new();
        };
        let (camera, corner) = (self.camera, self.rect.min.to_vec2());
        (scene.graph.nodes_iter())
            .map(|(_, n)| (n.location().to_vec2() * camera.zoom + camera.pan + corner).to_pos2())
            .collect()
    }

    pub fn centre_on(&mut self, node: NodeIndex) {
        self.centre_on = Some(node);
        self.auto_fit = false;
    }

    /// Zooms the graph by `factor` around the centre of the view.
    pub fn zoom_by(&mut self, factor: f32) {
        self.zoom_request = Some(self.zoom_request.unwrap_or(1.0) * factor);
        self.auto_fit = false;
        self.fit = None;
    }

    pub fn toggle_pause(&mut self) {
        if let Some(c) = &mut self.scene {
            c.set_paused(!c.is_paused());
        }
    }

    /// Starts the layout afresh: positions and pins forgotten.
    pub fn rerun(&mut self) {
        self.reset(true);
    }

    pub fn set_layout_params(&mut self, params: crate::layout::LayoutParams) {
        if let Some(c) = &mut self.scene {
            c.set_layout_params(params);
        }
    }

    pub fn unpin(&mut self, node: NodeIndex) {
        if let Some(c) = &mut self.scene {
            c.unpin(node);
        }
        self.pinned.remove(&node);
    }

    pub fn unpin_all(&mut self) {
        if let Some(c) = &mut self.scene {
            c.unpin_all();
        }
        self.pinned.clear();
    }

    /// Runs the layout to rest now (benchmarks, tests).
    pub fn settle(&mut self) {
        if let Some(c) = &mut self.scene {
            c.settle_now();
        }
    }

    /// What the canvas names now: community names (far out) and the titles
    /// of notes whose labels are shown (nearer in).
    pub fn shown_labels(&self) -> (Vec<String>, Vec<String>) {
        let Some(scene) = &self.scene else {
            return Default::default();
        };
        let regions = scene
            .regions
            .placed()
            .iter()
            .map(|r| r.text.clone())
            .collect();
        let notes = (scene.graph.nodes_iter())
            .filter(|(_, n)| n.payload().show_label)
            .map(|(_, n)| n.payload().title.to_string())
            .collect();
        (regions, notes)
    }

    /// Whether a fit (to every node or to some) is under way (tests).
    pub fn is_fit_pending(&self) -> bool {
        self.fit.is_some()
    }

    /// How a model node is drawn, if it is visible (tests).
    pub fn node_style(&self, node: NodeIndex) -> Option<NodeStyle> {
        let scene = self.scene.as_ref()?;
        let data = scene.graph.node(*scene.canvas_of.get(&node)?)?.payload();
        Some(NodeStyle {
            search_ring: data.hit,
            opacity: adapter::opacity(data.look),
        })
    }

    /// Where a model node was on screen in the last frame drawn.
    pub fn screen_position_of(&self, node: NodeIndex) -> Option<egui::Pos2> {
        let scene = self.scene.as_ref()?;
        let location = scene.graph.node(*scene.canvas_of.get(&node)?)?.location();
        let Camera { zoom, pan } = self.camera;
        Some(self.rect.left_top() + pan + location.to_vec2() * zoom)
    }

    /// Where a model node is drawn, if it is visible.
    pub fn position_of(&self, node: NodeIndex) -> Option<[f32; 2]> {
        let scene = self.scene.as_ref()?;
        scene.positions().find(|(n, _)| *n == node).map(|(_, p)| p)
    }
}
