//! The graph canvas view: its state (the laid-out scene, known positions,
//! pins, fit and zoom requests) and the frame that draws it.
//!
//! - `adapter.rs`: the egui_graphs types (payload, node shape, no-op layout)
//! - `scene.rs`: the visible nodes and edges and the layout thread
//! - `members.rs`: which nodes are visible, their sizes and looks
//! - `meshes.rs`: edges and discs as two meshes (`lines.rs`: line pieces;
//!   `lod.rs`: dots, merged edges and meshes kept between frames);
//!   `labels.rs`: label placement
//! - `frame.rs`: one frame; `navigation.rs`: the camera from frame to frame
//! - `rebuild.rs`: a new scene; `persist.rs`: positions and pins kept

mod adapter;
mod camera;
mod discs;
mod edges;
mod frame;
mod labels;
mod lines;
mod lod;
mod members;
mod meshes;
mod navigation;
mod outlines;
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
use crate::gui::settings::CanvasMode;
use crate::vault::NoteId;
use camera::Camera;
use navigation::Navigation;
use persist::Known;
use petgraph::stable_graph::NodeIndex;
use scene::GraphCanvas;
use std::collections::HashMap;

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
    /// Positions and pins of nodes, shown or not (persist.rs).
    known: Known,
    /// Where the canvas looks and what was asked of its camera.
    nav: Navigation,
    /// The scene is a local graph, laid out afresh: its positions are not
    /// the graph's.
    local_scene: bool,
    /// Frames still to run through `GraphView::show` after the last input.
    show_frames_left: u8,

    /// Off for screenshots, where the pointer rests wherever the display
    /// server put it.
    hover_enabled: bool,
    visible_notes: usize,
    /// The scene is the prerequisite view (positions computed, not laid
    /// out), and how many visible notes it leaves out.
    layered_scene: bool,
    left_out: usize,
    /// What the open menu (right click) is for, if the click was on a
    /// note or a folded group.
    menu_target: Option<crate::gui::views::focus::MenuTarget>,
    /// The scene names its communities with the workspace's topic names,
    /// not yet the quick names shown before them.
    topic_names: bool,
}

/// How a node is drawn now (tests): ringed as a search hit, how much
/// of its colour it keeps (1 in full, less when pushed back), and that
/// colour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NodeStyle {
    pub search_ring: bool,
    pub opacity: f32,
    pub color: egui::Color32,
}

/// A folded group as the canvas draws it (tests).
#[derive(Debug, Clone, PartialEq)]
pub struct ShownGroup {
    pub key: crate::analysis::fold::GroupKey,
    /// Where it was on screen in the last frame drawn.
    pub at: Option<egui::Pos2>,
    pub title: String,
    pub notes: usize,
    /// Each edge drawn from it: the other end's title and how many links
    /// it stands for.
    pub edges: Vec<(String, u32)>,
}

impl Default for CanvasView {
    fn default() -> Self {
        CanvasView {
            scene: None,
            known: Known::default(),
            nav: Navigation::default(),
            local_scene: false,
            show_frames_left: 2,

            hover_enabled: true,
            visible_notes: 0,
            layered_scene: false,
            left_out: 0,
            menu_target: None,
            topic_names: false,
        }
    }
}

impl CanvasView {
    /// Where the graph was drawn last; nothing when no node is shown.
    pub fn rect(&self) -> egui::Rect {
        match &self.scene {
            Some(scene) if !scene.members.is_empty() => self.nav.rect,
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
                && selected_node.is_some_and(|n| self.known.pinned.contains(&n)),
        }
    }

    /// The layout has settled (or there is nothing to lay out).
    /// Nothing moves: the layout has settled and no fit is gliding (a
    /// screenshot taken mid-glide caught the prerequisite view at a zoom
    /// that differed from run to run).
    pub fn is_at_rest(&self) -> bool {
        self.nav.fit.is_none() && self.scene.as_ref().is_none_or(|c| !c.is_moving())
    }

    pub fn contains(&self, node: NodeIndex) -> bool {
        self.scene
            .as_ref()
            .is_some_and(|c| c.canvas_of.contains_key(&node))
    }

    /// Forgets the scene and everything known about nodes: a new vault.
    pub fn reset(&mut self, new_vault: bool) {
        self.scene = None;
        self.known.forget();
        if new_vault {
            self.nav.auto_fit = true;
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
        self.known.hold_next_layout = true;
    }

    /// Glides to show every node.
    pub fn fit(&mut self) {
        self.nav.fit_all();
    }

    /// Glides to show `nodes` (model nodes), if any is shown.
    pub fn fit_to(&mut self, nodes: Vec<NodeIndex>) {
        self.nav.fit_to(nodes);
    }

    /// The zoom and pan of the last frame, and where the canvas is.
    pub fn camera(&self) -> (f32, egui::Vec2, egui::Rect) {
        let nav = &self.nav;
        (nav.camera.zoom, nav.camera.pan, nav.rect)
    }

    /// The zoom and the graph point in the middle of the canvas (a named
    /// view's camera); none before the canvas was drawn.
    pub fn looking(&self) -> Option<(f32, [f32; 2])> {
        let nav = &self.nav;
        let middle = (nav.rect.size() / 2.0).to_pos2();
        let centre = nav.camera.graph_point(middle);
        (nav.rect.is_positive() && centre.is_finite()).then_some((nav.camera.zoom, centre.into()))
    }

    /// Looks at graph point `centre` at `zoom` once the scene is drawn,
    /// instead of fitting it.
    pub fn look_at(&mut self, zoom: f32, centre: [f32; 2]) {
        self.nav.look_at(zoom, centre.into());
    }

    /// Where each shown node was drawn last, on screen.
    pub fn screen_positions(&self) -> Vec<egui::Pos2> {
        let Some(scene) = &self.scene else {
            return Vec::new();
        };
        let (camera, corner) = (self.nav.camera, self.nav.rect.min.to_vec2());
        (scene.graph.nodes_iter())
            .map(|(_, n)| (n.location().to_vec2() * camera.zoom + camera.pan + corner).to_pos2())
            .collect()
    }

    pub fn centre_on(&mut self, node: NodeIndex) {
        self.nav.centre_on(node);
    }

    /// Zooms the graph by `factor` around the centre of the view.
    pub fn zoom_by(&mut self, factor: f32) {
        self.nav.zoom_by(factor);
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
        self.known.pinned.remove(&node);
    }

    pub fn unpin_all(&mut self) {
        if let Some(c) = &mut self.scene {
            c.unpin_all();
        }
        self.known.pinned.clear();
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
        self.nav.fit.is_some()
    }

    /// How a model node is drawn, if it is visible (tests).
    pub fn node_style(&self, node: NodeIndex) -> Option<NodeStyle> {
        let scene = self.scene.as_ref()?;
        let data = scene.graph.node(*scene.canvas_of.get(&node)?)?.payload();
        Some(NodeStyle {
            search_ring: data.hit,
            opacity: adapter::opacity(data.look),
            color: data.color,
        })
    }

    /// Where a model node was on screen in the last frame drawn.
    pub fn screen_position_of(&self, node: NodeIndex) -> Option<egui::Pos2> {
        let scene = self.scene.as_ref()?;
        let location = scene.graph.node(*scene.canvas_of.get(&node)?)?.location();
        let Camera { zoom, pan } = self.nav.camera;
        Some(self.nav.rect.left_top() + pan + location.to_vec2() * zoom)
    }

    /// Where each visible model node is drawn, in the layout's units.
    pub fn positions(&self) -> Vec<(NodeIndex, [f32; 2])> {
        (self.scene.iter()).flat_map(|s| s.positions()).collect()
    }

    /// Rebuilds the scene for the current filters (rebuild.rs), keeping
    /// positions.
    pub fn rebuild(&mut self, cx: &ViewContext) {
        let Some(loaded) = cx.loaded else { return };
        let layered = cx.settings.view.canvas == CanvasMode::Prerequisites;
        let switching = self.layered_scene != layered;
        // Where each node is drawn now, for the move to the other view.
        let mut drawn: HashMap<NodeIndex, [f32; 2]> = HashMap::new();
        if let Some(scene) = &self.scene {
            if switching {
                drawn.extend(scene.positions());
            }
            if !self.layered_scene && !self.local_scene {
                self.known.positions.extend(scene.positions());
            }
        }
        // A reload, or a change the window made in place, keeps the camera
        // where the user left it.
        let reload = std::mem::take(&mut self.known.hold_next_layout);
        let local = self.focus_start(cx, loaded);
        let focused = local.is_some();
        // Asked before the names are read: names that arrive meanwhile
        // are taken again on the next frame.
        self.topic_names = loaded.has_topic_names();
        let seeds = self.unfolded_seeds();
        let built = rebuild::scene(cx, loaded, &self.known, layered, local, (reload, &seeds));
        let mut scene = built.scene;
        if switching {
            scene.start_transition(&drawn);
        }
        self.scene = Some(scene);
        self.visible_notes = built.visible_notes;
        (self.layered_scene, self.left_out) = (layered, built.left_out);
        self.local_scene = focused && !layered;
        self.nav.fit_new_scene(reload && !switching);
        self.restyle(cx);
    }

    /// Where the members of a folded group start if it unfolds: round the
    /// group's place, those with no place of their own (folded since the
    /// vault opened).
    fn unfolded_seeds(&self) -> HashMap<NodeIndex, [f32; 2]> {
        let mut seeds = HashMap::new();
        let Some(scene) = &self.scene else {
            return seeds;
        };
        let places: HashMap<_, _> = scene.group_positions().collect();
        for group in &scene.groups {
            let Some(&[x, y]) = places.get(&group.key) else {
                continue;
            };
            let unplaced = (group.members.iter()).filter(|m| !self.known.positions.contains_key(m));
            for (k, &m) in unplaced.enumerate() {
                // A sunflower spiral: evenly spread, the same every time.
                let (r, angle) = (6.0 * (k as f32).sqrt(), k as f32 * 2.399_963);
                seeds.insert(m, [x + r * angle.cos(), y + r * angle.sin()]);
            }
        }
        seeds
    }

    /// Where a focus's nodes start (none: not a focus with the rest
    /// hidden): where the focus had them, so that an expanded note's
    /// neighbours find their place among nodes that stay; a new focus on
    /// one note starts afresh round it, held in the middle.
    fn focus_start(&self, cx: &ViewContext, loaded: &Loaded) -> Option<rebuild::LocalStart> {
        let set = &cx.focus.set;
        if !set.is_active() || cx.settings.view.fade_outside_focus {
            return None;
        }
        let kept = (self.scene.as_ref())
            .filter(|_| self.local_scene)
            .map(|s| s.positions().collect())
            .unwrap_or_default();
        let centre = (set.notes.len() == 1)
            .then(|| set.notes.first().map(|&n| loaded.node_of(n)))
            .flatten();
        Some(rebuild::LocalStart { centre, kept })
    }

    /// The folded groups drawn now, each with its edges (tests).
    pub fn folded_shown(&self) -> Vec<ShownGroup> {
        let Some(scene) = &self.scene else {
            return Vec::new();
        };
        let first = scene.open_count();
        let title = |i: u32| {
            let node = scene.graph.node(NodeIndex::new(i as usize));
            node.map_or_else(String::new, |n| n.payload().title.to_string())
        };
        (scene.groups.iter().enumerate())
            .map(|(g, group)| {
                let me = (first + g) as u32;
                let edges = (scene.edges.iter())
                    .filter(|e| e.from == me || e.to == me)
                    .map(|e| (title(if e.from == me { e.to } else { e.from }), e.weight))
                    .collect();
                let location = scene
                    .graph
                    .node(NodeIndex::new(me as usize))
                    .map(|n| n.location());
                let Camera { zoom, pan } = self.nav.camera;
                ShownGroup {
                    key: group.key.clone(),
                    at: location.map(|l| self.nav.rect.left_top() + pan + l.to_vec2() * zoom),
                    title: title(me),
                    notes: group.notes,
                    edges,
                }
            })
            .collect()
    }

    /// The model nodes on the canvas now, faded ones included.
    pub fn members(&self) -> Vec<NodeIndex> {
        self.scene
            .as_ref()
            .map_or_else(Vec::new, |s| s.members.clone())
    }

    /// Takes the topic names once they arrive, in place of the quick
    /// names the scene was built with.
    fn take_topic_names(&mut self, cx: &ViewContext) {
        let (Some(loaded), Some(scene)) = (cx.loaded, &mut self.scene) else {
            return;
        };
        if !self.topic_names && loaded.has_topic_names() {
            self.topic_names = true;
            let names = loaded.community_names();
            scene.rename_communities(names.to_vec());
            scene.retitle_groups(&|key, notes| rebuild::group_title(key, notes, names));
        }
    }

    /// Positions of every node placed so far, by note path.
    pub fn saved_positions(&self, loaded: &Loaded) -> Option<SavedPositions> {
        let scene = self.scene.as_ref()?;
        // The prerequisite view's positions are computed, and a local
        // graph's are its own fresh layout: neither is saved as the graph's.
        let own = !self.layered_scene && !self.local_scene;
        Some(self.known.saved(loaded, scene.positions().filter(|_| own)))
    }

    /// Starts from saved positions, so that a reopened vault is at rest.
    /// The caller rebuilds.
    pub fn restore_positions(&mut self, saved: SavedPositions, loaded: &Loaded) {
        self.known.restore(saved, loaded);
        // The caller's rebuild fits the restored scene (or keeps a fit to
        // some notes asked for before, such as a plan opened at start-up).
        self.scene = None;
    }

    pub fn carry_out(&self, loaded: &Loaded) -> CarriedCanvas {
        let positions = self.saved_positions(loaded).unwrap_or_default();
        self.known.carry_out(loaded, positions)
    }

    /// Takes positions and pins back after a reload; the next scene holds
    /// known nodes still, so that only new notes find their place.
    pub fn carry_in(&mut self, carried: CarriedCanvas, loaded: &Loaded) {
        self.known.carry_in(carried, loaded);
    }
}
