//! The graph canvas: egui_graphs drawing our model, with custom node and
//! edge shapes (culled, level of detail) and positions pushed from
//! `layout::Simulation`.

use crate::graph::{Node as ModelNode, NoteGraph};
use crate::layout::{LayoutParams, LayoutWorker, Simulation};
use crate::vault::EdgeKind;
use egui::{epaint::TextShape, Color32, FontId, Pos2, Rect, Shape, Vec2};
use egui_graphs::{
    DisplayEdge, DisplayNode, DrawContext, EdgeProps, MetadataFrame, Node, NodeProps,
};
use petgraph::stable_graph::{DefaultIx, NodeIndex};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use petgraph::Directed;
use std::collections::HashMap;
use std::sync::Arc;

/// How a node or edge stands out right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Look {
    #[default]
    Normal,
    /// Pushed back: something else is hovered or highlighted.
    Dim,
    /// Hovered, selected, or next to them.
    Focus,
}

#[derive(Debug, Clone)]
pub struct NodeData {
    /// The node in `NoteGraph::graph`.
    pub model: NodeIndex,
    pub title: Arc<str>,
    pub radius: f32,
    pub color: Color32,
    pub ghost: bool,
    pub look: Look,
    pub selected: bool,
    pub show_label: bool,
    /// Study plan step number.
    pub badge: Option<u32>,
    /// Outline for "ready now" notes.
    pub ring: Option<Color32>,
    pub pinned: bool,
}

/// The edge payload egui_graphs' types ask for; no edge is ever added.
#[derive(Debug, Clone)]
pub struct EdgeData;

pub type CanvasGraph =
    egui_graphs::Graph<NodeData, EdgeData, Directed, DefaultIx, NodeShape, EdgeShape>;

#[derive(Debug, Clone, Copy)]
pub struct CanvasEdge {
    pub from: u32,
    pub to: u32,
    pub kind: EdgeKind,
    pub look: Look,
    /// Several edges between the same two nodes are drawn side by side.
    pub lane: u8,
}

/// A layout that does nothing: positions come from our own simulation.
#[derive(Debug, Default, Clone, serde::Serialize, serde::Deserialize)]
pub struct ExternalState;

impl egui_graphs::LayoutState for ExternalState {}

#[derive(Debug, Default)]
pub struct ExternalLayout;

impl egui_graphs::Layout<ExternalState> for ExternalLayout {
    fn from_state(_: ExternalState) -> impl egui_graphs::Layout<ExternalState> {
        ExternalLayout
    }

    fn next<N, E, Ty, Ix, Dn, De>(
        &mut self,
        _: &mut egui_graphs::Graph<N, E, Ty, Ix, Dn, De>,
        _: &egui::Ui,
    ) where
        N: Clone,
        E: Clone,
        Ty: petgraph::EdgeType,
        Ix: petgraph::stable_graph::IndexType,
        Dn: DisplayNode<N, E, Ty, Ix>,
        De: DisplayEdge<N, E, Ty, Ix, Dn>,
    {
    }

    fn state(&self) -> ExternalState {
        ExternalState
    }
}

pub type View = egui_graphs::GraphView<ExternalState, ExternalLayout>;

#[derive(Debug, Clone)]
pub struct NodeShape {
    pos: Pos2,
    hovered: bool,
    dragged: bool,
    data: NodeData,
}

impl From<NodeProps<NodeData>> for NodeShape {
    fn from(props: NodeProps<NodeData>) -> Self {
        NodeShape {
            pos: props.location(),
            hovered: props.hovered,
            dragged: props.dragged,
            data: props.payload,
        }
    }
}

pub const LABEL_FONT: f32 = 12.5;

/// Above this many edges with an end in view, edges with both ends out of
/// view are not drawn.
const PASSING_EDGES_LIMIT: usize = 3_000;

fn faded(color: Color32, look: Look) -> Color32 {
    match look {
        Look::Dim => color.gamma_multiply(0.18),
        _ => color,
    }
}

impl DisplayNode<NodeData, EdgeData, Directed, DefaultIx> for NodeShape {
    fn closest_boundary_point(&self, dir: Vec2) -> Pos2 {
        self.pos + dir.normalized() * self.data.radius
    }

    fn shapes(&mut self, ctx: &DrawContext) -> Vec<Shape> {
        let center = ctx.meta.canvas_to_screen_pos(self.pos);
        let r = ctx.meta.canvas_to_screen_size(self.data.radius).max(1.5);
        let clip = ctx.painter.clip_rect();
        let wants_label =
            self.data.show_label || self.hovered || self.data.selected || self.dragged;
        let margin = if wants_label { 200.0 } else { r + 2.0 };
        if !clip.expand(margin).contains(center) {
            return Vec::new();
        }
        // The disc itself is in the canvas's node mesh; here go the
        // pin mark, the plan badge and the label.
        let visuals = &ctx.ctx.global_style().visuals;
        let mut shapes = Vec::new();
        let look = if self.hovered {
            Look::Focus
        } else {
            self.data.look
        };
        if self.data.pinned && r > 3.0 {
            shapes.push(Shape::circle_filled(
                center + Vec2::new(r * 0.7, -r * 0.7),
                2.5,
                visuals.strong_text_color(),
            ));
        }
        if let Some(step) = self.data.badge {
            let galley = ctx.ctx.fonts_mut(|f| {
                f.layout_no_wrap(step.to_string(), FontId::proportional(11.0), Color32::WHITE)
            });
            let size = galley.size() + Vec2::new(8.0, 2.0);
            let at = center + Vec2::new(r * 0.6, -r * 0.6 - size.y);
            let rect = Rect::from_min_size(at, size);
            shapes.push(Shape::rect_filled(
                rect,
                6.0,
                Color32::from_rgb(224, 49, 49),
            ));
            shapes.push(
                TextShape::new(rect.min + Vec2::new(4.0, 1.0), galley, Color32::WHITE).into(),
            );
        }
        if wants_label && look != Look::Dim {
            let text_color = if self.data.selected || self.hovered {
                visuals.strong_text_color()
            } else {
                visuals.text_color()
            };
            let galley = ctx.ctx.fonts_mut(|f| {
                f.layout_no_wrap(
                    self.data.title.to_string(),
                    FontId::proportional(LABEL_FONT),
                    text_color,
                )
            });
            let at = Pos2::new(center.x - galley.size().x / 2.0, center.y + r + 2.0);
            // A backing plate keeps text readable over the edges beneath.
            let plate = if self.hovered || self.data.selected {
                0.92
            } else {
                0.6
            };
            let bg = Rect::from_min_size(at, galley.size()).expand2(Vec2::new(2.0, 0.0));
            shapes.push(Shape::rect_filled(
                bg,
                3.0,
                visuals.panel_fill.gamma_multiply(plate),
            ));
            shapes.push(TextShape::new(at, galley, text_color).into());
        }
        shapes
    }

    fn update(&mut self, props: &NodeProps<NodeData>) {
        self.pos = props.location();
        self.hovered = props.hovered;
        self.dragged = props.dragged;
        self.data = props.payload.clone();
    }

    fn is_inside(&self, pos: Pos2) -> bool {
        (pos - self.pos).length() <= self.data.radius + 2.0
    }
}

/// egui_graphs needs an edge display type; it never draws one, since edges
/// are not in its graph (see `GraphCanvas::edges`).
#[derive(Debug, Clone)]
pub struct EdgeShape;

impl From<EdgeProps<EdgeData>> for EdgeShape {
    fn from(_: EdgeProps<EdgeData>) -> Self {
        EdgeShape
    }
}

/// Colour and width of each edge kind; also used by the legend.
pub fn edge_style(kind: EdgeKind, dark: bool) -> (Color32, f32) {
    match kind {
        EdgeKind::Prerequisite => (Color32::from_rgb(247, 103, 7), 2.0),
        EdgeKind::Related => (Color32::from_rgb(51, 154, 240), 1.3),
        EdgeKind::Compare => (Color32::from_rgb(151, 117, 250), 1.3),
        EdgeKind::Mention => (
            if dark {
                Color32::from_gray(110)
            } else {
                Color32::from_gray(160)
            },
            0.9,
        ),
    }
}

impl DisplayEdge<NodeData, EdgeData, Directed, DefaultIx, NodeShape> for EdgeShape {
    fn shapes(
        &mut self,
        _start: &Node<NodeData, EdgeData, Directed, DefaultIx, NodeShape>,
        _end: &Node<NodeData, EdgeData, Directed, DefaultIx, NodeShape>,
        _ctx: &DrawContext,
    ) -> Vec<Shape> {
        Vec::new()
    }

    fn update(&mut self, _: &EdgeProps<EdgeData>) {}

    fn is_inside(
        &self,
        _start: &Node<NodeData, EdgeData, Directed, DefaultIx, NodeShape>,
        _end: &Node<NodeData, EdgeData, Directed, DefaultIx, NodeShape>,
        _pos: Pos2,
    ) -> bool {
        false
    }
}

/// Where nodes start: known positions, pinned nodes, layout strengths.
pub struct Placement<'a> {
    pub positions: &'a HashMap<NodeIndex, [f32; 2]>,
    pub pinned: &'a std::collections::HashSet<NodeIndex>,
    pub params: LayoutParams,
    /// Keep every node with a known position where it is (after a reload),
    /// so that only new notes find their place.
    pub hold_known: bool,
}

/// The visible part of the model, laid out and ready to draw.
pub struct GraphCanvas {
    pub graph: CanvasGraph,
    /// The force simulation, running on its own thread.
    layout: LayoutWorker,
    /// The positions last taken from the layout thread, by canvas index.
    positions: Vec<[f32; 2]>,
    positions_version: u64,
    /// Model node of each canvas node; canvas index == simulation index.
    pub members: Vec<NodeIndex>,
    pub canvas_of: HashMap<NodeIndex, NodeIndex>,
    /// Canvas nodes in label priority order (most linked first).
    label_order: Vec<NodeIndex>,
    /// Undirected neighbours among visible nodes, by canvas index.
    pub neighbours: Vec<Vec<u32>>,
    /// Edges between canvas nodes. They are drawn here, as one mesh, not
    /// through egui_graphs, whose drawer clones both end nodes of every
    /// edge on every frame.
    pub edges: Vec<CanvasEdge>,
    /// Bumped whenever positions or looks change, so cached work
    /// (label placement) knows to redo itself.
    pub style_version: u64,
    labels_for: Option<(u32, u32, u32, Rect, u64)>,
    /// Nodes held in place after a reload (not user pins): released as
    /// soon as the user asks the layout to move things.
    held: Vec<bool>,
    /// Radius of each node before zoom compensation.
    pub base_radius: Vec<f32>,
    /// Nodes grow slower than the zoom, so a small vault fitted to the
    /// window is not all circles and a big one is not all dust.
    radius_factor: f32,
}

impl GraphCanvas {
    /// Builds a canvas over the model nodes in `members` and the edges
    /// between them whose kinds are enabled.
    pub fn build(
        model: &NoteGraph,
        members: Vec<NodeIndex>,
        edge_kinds: &[EdgeKind],
        titles: &dyn Fn(NodeIndex) -> Arc<str>,
        radius: &dyn Fn(NodeIndex) -> f32,
        placement: Placement,
    ) -> GraphCanvas {
        let Placement {
            positions,
            pinned,
            params,
            hold_known,
        } = placement;
        let mut graph = CanvasGraph::new();
        let mut canvas_of = HashMap::with_capacity(members.len());
        let mut initial = Vec::with_capacity(members.len());
        let mut radii = Vec::with_capacity(members.len());
        for &m in &members {
            let pos = positions.get(&m).copied();
            initial.push(pos);
            let r = radius(m);
            radii.push(r);
            let data = NodeData {
                model: m,
                title: titles(m),
                radius: r,
                color: Color32::GRAY,
                ghost: matches!(model.graph[m], ModelNode::Ghost(_)),
                look: Look::Normal,
                selected: false,
                show_label: false,
                badge: None,
                ring: None,
                pinned: pinned.contains(&m),
            };
            let idx = graph.add_node_custom(data, |n| {
                n.set_location(Pos2::new(
                    pos.map_or(0.0, |p| p[0]),
                    pos.map_or(0.0, |p| p[1]),
                ));
            });
            canvas_of.insert(m, idx);
        }
        let mut sim_edges = Vec::new();
        let mut neighbours = vec![Vec::new(); members.len()];
        let mut seen_pairs = std::collections::HashSet::new();
        let mut edges = Vec::new();
        let mut lanes: HashMap<(u32, u32), u8> = HashMap::new();
        for e in model.graph.edge_references() {
            if !edge_kinds.contains(&e.weight().kind) {
                continue;
            }
            let (Some(&a), Some(&b)) = (canvas_of.get(&e.source()), canvas_of.get(&e.target()))
            else {
                continue;
            };
            let (ai, bi) = (a.index() as u32, b.index() as u32);
            let lane = lanes.entry((ai.min(bi), ai.max(bi))).or_insert(0u8);
            edges.push(CanvasEdge {
                from: ai,
                to: bi,
                kind: e.weight().kind,
                look: Look::Normal,
                lane: *lane,
            });
            *lane = lane.saturating_add(1);
            if seen_pairs.insert((ai.min(bi), ai.max(bi))) {
                sim_edges.push((ai, bi));
                neighbours[ai as usize].push(bi);
                neighbours[bi as usize].push(ai);
            }
        }
        let radii_for_display = radii.clone();
        let mut sim = Simulation::new(&initial, radii, sim_edges, params, 1);
        let mut held = vec![false; members.len()];
        for (i, m) in members.iter().enumerate() {
            if let Some(p) = positions.get(m) {
                if pinned.contains(m) {
                    sim.pin(i, *p);
                } else if hold_known {
                    sim.pin(i, *p);
                    held[i] = true;
                }
            }
        }
        let mut label_order: Vec<NodeIndex> = (0..members.len()).map(NodeIndex::new).collect();
        label_order.sort_by_key(|n| {
            std::cmp::Reverse((
                neighbours[n.index()].len(),
                (radius(members[n.index()]) * 10.0) as i64,
            ))
        });
        let mut canvas = GraphCanvas {
            graph,
            positions: sim.positions().to_vec(),
            positions_version: 0,
            layout: LayoutWorker::start(sim),
            members,
            canvas_of,
            label_order,
            neighbours,
            edges,
            base_radius: radii_for_display,
            held,
            style_version: 0,
            labels_for: None,
            radius_factor: 1.0,
        };
        canvas.push_positions();
        canvas
    }

    pub fn set_base_radius(&mut self, i: usize, r: f32) {
        self.style_version += 1;
        self.base_radius[i] = r;
        if let Some(n) = self.graph.node_mut(NodeIndex::new(i)) {
            n.payload_mut().radius = r * self.radius_factor;
        }
    }

    /// Updates node sizes for the zoom level: on screen a node grows with
    /// the square root of the zoom.
    pub fn apply_zoom(&mut self, zoom: f32) {
        let factor = (1.0 / zoom.max(1e-3).sqrt()).clamp(0.3, 4.0);
        if (factor / self.radius_factor - 1.0).abs() < 0.02 {
            return;
        }
        self.radius_factor = factor;
        for i in 0..self.base_radius.len() {
            let r = self.base_radius[i];
            self.set_base_radius(i, r);
        }
    }

    pub fn is_settled(&self) -> bool {
        self.layout.is_settled()
    }

    /// Runs the layout until it settles, at once.
    pub fn settle_now(&mut self) {
        self.layout.settle();
        self.pull_positions();
    }

    /// The layout is moving, or has positions not yet shown.
    pub fn is_moving(&self) -> bool {
        self.layout.is_moving() || self.layout.version() != self.positions_version
    }

    pub fn is_paused(&self) -> bool {
        self.layout.is_paused()
    }

    pub fn set_paused(&mut self, paused: bool) {
        self.layout.set_paused(paused);
    }

    fn release_held(&mut self) {
        for i in 0..self.held.len() {
            if std::mem::take(&mut self.held[i])
                && !self
                    .graph
                    .node(NodeIndex::new(i))
                    .is_some_and(|n| n.payload().pinned)
            {
                self.layout.unpin(i);
            }
        }
    }

    pub fn set_layout_params(&mut self, params: LayoutParams) {
        self.release_held();
        self.layout.set_params(params);
        self.layout.set_paused(false);
        self.layout.reheat(0.5);
    }

    /// Sends a drag to the layout (pinning the node there) and takes the
    /// newest positions from the layout thread.
    pub fn tick(&mut self) {
        if let Some(dragged) = self.graph.dragged_node() {
            let p = self
                .graph
                .node(dragged)
                .map(|n| n.location())
                .unwrap_or_default();
            if self.positions.get(dragged.index()) != Some(&[p.x, p.y]) {
                self.layout.pin(dragged.index(), [p.x, p.y]);
                // Neighbours follow a dragged node a little, as in d3.
                self.layout.reheat(0.05);
            }
            if let Some(n) = self.graph.node_mut(dragged) {
                n.payload_mut().pinned = true;
            }
        }
        self.pull_positions();
    }

    fn pull_positions(&mut self) {
        if self.layout.version() == self.positions_version {
            return;
        }
        let (version, positions) = self.layout.positions();
        self.positions_version = version;
        self.positions = positions;
        self.push_positions();
    }

    fn push_positions(&mut self) {
        self.style_version += 1;
        let dragged = self.graph.dragged_node();
        for (i, p) in self.positions.iter().enumerate() {
            let idx = NodeIndex::new(i);
            if Some(idx) == dragged {
                continue;
            }
            if let Some(n) = self.graph.node_mut(idx) {
                n.set_location(Pos2::new(p[0], p[1]));
            }
        }
    }

    /// Current position of every member, for keeping across rebuilds.
    pub fn positions(&self) -> impl Iterator<Item = (NodeIndex, [f32; 2])> + '_ {
        self.members
            .iter()
            .zip(&self.positions)
            .map(|(m, p)| (*m, *p))
    }

    pub fn unpin_all(&mut self) {
        self.held.iter_mut().for_each(|h| *h = false);
        self.layout.unpin_all();
        for i in 0..self.members.len() {
            if let Some(n) = self.graph.node_mut(NodeIndex::new(i)) {
                n.payload_mut().pinned = false;
            }
        }
        self.layout.reheat(0.3);
    }

    pub fn unpin(&mut self, model: NodeIndex) {
        if let Some(&c) = self.canvas_of.get(&model) {
            self.layout.unpin(c.index());
            if let Some(n) = self.graph.node_mut(c) {
                n.payload_mut().pinned = false;
            }
            self.layout.reheat(0.1);
        }
    }

    pub fn is_pinned(&self, model: NodeIndex) -> bool {
        self.canvas_of
            .get(&model)
            .is_some_and(|c| self.layout.is_pinned(c.index()))
    }

    /// Paints the graph as egui_graphs would, without `GraphView::show`,
    /// which asks for another frame every time: at rest, with no input,
    /// this lets the window sleep.
    pub fn paint_at_rest(&self, ui: &mut egui::Ui, meta: &MetadataFrame) -> egui::Response {
        let (response, painter) =
            ui.allocate_painter(ui.available_size(), egui::Sense::click_and_drag());
        painter.add(self.edge_mesh(meta, response.rect, ui.visuals().dark_mode));
        painter.add(self.node_mesh(meta, response.rect, ui.visuals()));
        let mut screen_meta = meta.clone();
        screen_meta.pan += response.rect.left_top().to_vec2();
        let style = egui_graphs::SettingsStyle::default();
        let ctx = DrawContext {
            ctx: ui.ctx(),
            painter: &painter,
            style: &style,
            is_directed: true,
            meta: &screen_meta,
        };
        let mut on_top = Vec::new();
        for (_, node) in self.graph.nodes_iter() {
            let mut display = NodeShape::from(node.props().clone());
            let shapes = display.shapes(&ctx);
            if node.props().payload.selected {
                on_top.extend(shapes);
            } else {
                painter.extend(shapes);
            }
        }
        painter.extend(on_top);
        response
    }

    /// Every node disc in one mesh (selected last, on top), culled to the
    /// view, with as many segments as the on-screen size needs.
    pub fn node_mesh(&self, meta: &MetadataFrame, rect: Rect, visuals: &egui::Visuals) -> Shape {
        let mut mesh = egui::Mesh::default();
        mesh.reserve_vertices(self.members.len() * 16);
        mesh.reserve_triangles(self.members.len() * 20);
        let offset = rect.left_top().to_vec2();
        let clip = rect.expand(8.0);
        let mut selected = None;
        for (_, node) in self.graph.nodes_iter() {
            let props = node.props();
            if props.payload.selected {
                selected = Some(node);
                continue;
            }
            let center = meta.canvas_to_screen_pos(node.location()) + offset;
            let r = (props.payload.radius * meta.zoom).max(1.5);
            if clip.expand(r).contains(center) {
                node_disc(&mut mesh, center, r, props, visuals);
            }
        }
        if let Some(node) = selected {
            let center = meta.canvas_to_screen_pos(node.location()) + offset;
            let r = (node.props().payload.radius * meta.zoom).max(1.5);
            node_disc(&mut mesh, center, r, node.props(), visuals);
        }
        Shape::mesh(mesh)
    }

    /// Every edge in one mesh, in screen space for the widget at `rect`:
    /// segments are clipped to the view, dashes and arrows drawn only
    /// where seen, and lines feathered by hand for anti-aliasing.
    pub fn edge_mesh(&self, meta: &MetadataFrame, rect: Rect, dark: bool) -> Shape {
        let mut mesh = egui::Mesh::default();
        let offset = rect.left_top().to_vec2();
        let clip = rect.expand(4.0);
        let zoom = meta.zoom;
        let nodes: Vec<(Pos2, f32)> = self
            .graph
            .nodes_iter()
            .map(|(_, n)| {
                (
                    meta.canvas_to_screen_pos(n.location()) + offset,
                    n.payload().radius * zoom,
                )
            })
            .collect();
        // Level of detail: when many edges touch the view, those passing
        // through it between two off-screen nodes are left out; they are
        // long lines that say little and cost as much as any other.
        let (mut touching, mut in_view) = (0usize, 0usize);
        for e in &self.edges {
            let (a, b) = (nodes[e.from as usize].0, nodes[e.to as usize].0);
            if clip.intersects(Rect::from_two_pos(a, b)) {
                in_view += 1;
                touching += (clip.contains(a) || clip.contains(b)) as usize;
            }
        }
        let skip_passing = touching > PASSING_EDGES_LIMIT;
        // Thousands of thin lines in view: one quad each, without the
        // feathered fringe, a third of the triangles for a look that the
        // crowd hides anyway.
        let crowded = in_view > PASSING_EDGES_LIMIT;
        let drawn = if skip_passing { touching } else { in_view };
        let per_edge = if crowded { 4 } else { 8 };
        mesh.reserve_vertices(drawn * (per_edge + 3) + 64);
        mesh.reserve_triangles(drawn * (per_edge / 2 + 2) + 64);
        for e in &self.edges {
            let ((a, ra), (b, rb)) = (nodes[e.from as usize], nodes[e.to as usize]);
            if !clip.intersects(Rect::from_two_pos(a, b))
                || (skip_passing && !clip.contains(a) && !clip.contains(b))
            {
                continue;
            }
            let dir = b - a;
            // `Vec2::length` uses `hypot`, several times slower than this.
            let len = (dir.x * dir.x + dir.y * dir.y).sqrt();
            if len <= ra + rb + 1.0 {
                continue;
            }
            let unit = dir / len;
            let normal = Vec2::new(-unit.y, unit.x) * (e.lane as f32 * 3.0);
            let from = a + unit * ra + normal;
            let tip = b - unit * (rb + 1.0) + normal;
            let (color, width) = edge_style(e.kind, dark);
            let (color, width) = match e.look {
                Look::Normal => (color.gamma_multiply(0.75), width),
                Look::Dim => (color.gamma_multiply(0.08), width),
                Look::Focus => (color, width + 1.0),
            };
            let arrow = (len - ra - rb) > 18.0 && zoom > 0.35;
            let arrow_len = 6.0 + width * 1.5;
            let end = if arrow {
                tip - unit * arrow_len * 0.8
            } else {
                tip
            };
            let Some((p, q)) = clip_segment(from, end, clip) else {
                continue;
            };
            if crowded && e.look != Look::Focus {
                // Dashes cost one quad each: in a crowd, compare edges are
                // told apart by colour alone.
                plain_line(&mut mesh, p, q, width, color);
            } else if e.kind == EdgeKind::Compare {
                dashed_line(&mut mesh, p, q, width, color);
            } else {
                feathered_line(&mut mesh, p, q, width, color);
            }
            if arrow && clip.contains(tip) {
                let side = Vec2::new(-unit.y, unit.x) * arrow_len * 0.45;
                let base = tip - unit * arrow_len;
                let first = mesh.vertices.len() as u32;
                mesh.colored_vertex(tip, color);
                mesh.colored_vertex(base + side, color);
                mesh.colored_vertex(base - side, color);
                mesh.add_triangle(first, first + 1, first + 2);
            }
        }
        Shape::mesh(mesh)
    }

    /// Picks which labels to show: most linked first, none overlapping a
    /// label or a node, at most one per 9,000 px² of view. Occupancy is a
    /// bitmap of 6 px cells, so each candidate costs a few dozen reads.
    pub fn assign_labels(&mut self, meta: &MetadataFrame, screen: Rect) {
        let key = (
            meta.zoom.to_bits(),
            meta.pan.x.to_bits(),
            meta.pan.y.to_bits(),
            screen,
            self.style_version,
        );
        if self.labels_for == Some(key) {
            return;
        }
        self.labels_for = Some(key);
        const CELL: f32 = 6.0;
        let cols = (screen.width() / CELL).ceil().max(1.0) as usize;
        let rows = (screen.height() / CELL).ceil().max(1.0) as usize;
        if !screen.is_positive() || cols * rows > 4_000_000 {
            return;
        }
        let mut taken = vec![false; cols * rows];
        let cells = |r: Rect| {
            let x0 = ((r.min.x - screen.min.x) / CELL).floor().max(0.0) as usize;
            let y0 = ((r.min.y - screen.min.y) / CELL).floor().max(0.0) as usize;
            let x1 = (((r.max.x - screen.min.x) / CELL).ceil() as usize).min(cols);
            let y1 = (((r.max.y - screen.min.y) / CELL).ceil() as usize).min(rows);
            (x0, y0, x1, y1)
        };
        // The graph's pan is relative to the widget; labels work on screen.
        let offset = screen.left_top().to_vec2();
        let to_screen = |p: Pos2| meta.canvas_to_screen_pos(p) + offset;
        let budget = ((screen.area() / 9000.0) as usize).clamp(12, 400);
        let mut shown = 0usize;
        for &idx in &self.label_order {
            let Some(node) = self.graph.node(idx) else {
                continue;
            };
            let data = node.payload();
            let mut show = false;
            let center = to_screen(node.location());
            if shown >= budget {
                // Past the budget only flags change; nothing is placed.
            } else if screen.contains(center) {
                // A node blocks the labels of less linked nodes, not its
                // own (only cells well inside it are marked) and not those
                // of better linked ones, placed before it.
                let r = meta.canvas_to_screen_size(data.radius);
                let inner = Rect::from_center_size(center, Vec2::splat(2.0 * r)).shrink(CELL);
                let (x0, y0, x1, y1) = cells(inner);
                for y in y0..y1 {
                    if x0 < x1 {
                        taken[y * cols + x0..y * cols + x1].fill(true);
                    }
                }
            }
            if shown < budget && data.look != Look::Dim && screen.contains(center) {
                let r = meta.canvas_to_screen_size(data.radius);
                let width = data.title.chars().count() as f32 * LABEL_FONT * 0.52 + 6.0;
                let rect = Rect::from_min_size(
                    Pos2::new(center.x - width / 2.0, center.y + r + 1.0),
                    Vec2::new(width, LABEL_FONT + 4.0),
                );
                let (x0, y0, x1, y1) = cells(rect);
                let inside = rect.min.x >= screen.min.x
                    && rect.max.x <= screen.max.x
                    && rect.max.y <= screen.max.y;
                show = inside
                    && (y0..y1).all(|y| !taken[y * cols + x0..y * cols + x1].contains(&true));
                if show {
                    for y in y0..y1 {
                        taken[y * cols + x0..y * cols + x1].fill(true);
                    }
                    shown += 1;
                }
            }
            if let Some(n) = self.graph.node_mut(idx) {
                n.payload_mut().show_label = show;
            }
        }
    }
}

/// The part of segment `a`–`b` inside `rect` (Liang–Barsky).
fn clip_segment(a: Pos2, b: Pos2, rect: Rect) -> Option<(Pos2, Pos2)> {
    let d = b - a;
    let (mut t0, mut t1) = (0.0f32, 1.0f32);
    for (p, q) in [
        (-d.x, a.x - rect.min.x),
        (d.x, rect.max.x - a.x),
        (-d.y, a.y - rect.min.y),
        (d.y, rect.max.y - a.y),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let r = q / p;
            if p < 0.0 {
                t0 = t0.max(r);
            } else {
                t1 = t1.min(r);
            }
        }
    }
    (t0 <= t1).then(|| (a + d * t0, a + d * t1))
}

/// The unit normal, half width and colour of a line from `a` to `b`;
/// `None` when it is too short to see. Lines thinner than a pixel are drawn
/// a pixel wide, fainter.
fn line_geometry(a: Pos2, b: Pos2, width: f32, color: Color32) -> Option<(Vec2, f32, Color32)> {
    let d = b - a;
    let len = (d.x * d.x + d.y * d.y).sqrt();
    if len < 0.1 {
        return None;
    }
    let (half, color) = if width < 1.0 {
        (0.5, color.gamma_multiply(width))
    } else {
        (width / 2.0, color)
    };
    Some((Vec2::new(-d.y, d.x) / len, half, color))
}

/// A line as a bare quad (4 vertices, 2 triangles).
fn plain_line(mesh: &mut egui::Mesh, a: Pos2, b: Pos2, width: f32, color: Color32) {
    let Some((normal, half, color)) = line_geometry(a, b, width, color) else {
        return;
    };
    let n = normal * half;
    let first = mesh.vertices.len() as u32;
    for p in [a + n, a - n, b + n, b - n] {
        mesh.colored_vertex(p, color);
    }
    mesh.add_triangle(first, first + 1, first + 2);
    mesh.add_triangle(first + 1, first + 3, first + 2);
}

/// A line as a quad with a one-pixel fringe fading to transparent on each
/// side, as egui's own feathering does, in 8 vertices.
fn feathered_line(mesh: &mut egui::Mesh, a: Pos2, b: Pos2, width: f32, color: Color32) {
    let Some((n, half, color)) = line_geometry(a, b, width, color) else {
        return;
    };
    let first = mesh.vertices.len() as u32;
    for p in [a, b] {
        mesh.colored_vertex(p + n * (half + 1.0), Color32::TRANSPARENT);
        mesh.colored_vertex(p + n * half, color);
        mesh.colored_vertex(p - n * half, color);
        mesh.colored_vertex(p - n * (half + 1.0), Color32::TRANSPARENT);
    }
    for k in 0..3 {
        let (i, j) = (first + k, first + 4 + k);
        mesh.add_triangle(i, i + 1, j);
        mesh.add_triangle(i + 1, j + 1, j);
    }
}

fn dashed_line(mesh: &mut egui::Mesh, a: Pos2, b: Pos2, width: f32, color: Color32) {
    let (dash, gap) = (5.0, 4.0);
    let d = b - a;
    let len = d.length();
    if len < 0.1 {
        return;
    }
    let unit = d / len;
    let mut t = 0.0;
    while t < len {
        let end = (t + dash).min(len);
        feathered_line(mesh, a + unit * t, a + unit * end, width, color);
        t = end + gap;
    }
}

/// One node: its "ready" ring, its disc (hollow for a missing note) and its
/// outline.
fn node_disc(
    mesh: &mut egui::Mesh,
    center: Pos2,
    r: f32,
    props: &NodeProps<NodeData>,
    visuals: &egui::Visuals,
) {
    let data = &props.payload;
    let hovered = props.hovered || props.dragged;
    let look = if hovered { Look::Focus } else { data.look };
    let color = faded(data.color, look);
    if let Some(ring) = data.ring {
        ring_mesh(mesh, center, r + 3.5, 2.5, faded(ring, look));
    }
    if data.ghost {
        disc_mesh(mesh, center, r, visuals.panel_fill);
        ring_mesh(mesh, center, r, 1.2, color);
        return;
    }
    if r > 5.0 && !data.selected && !hovered {
        // A thin ring of background colour keeps touching nodes apart.
        disc_mesh(mesh, center, r + 1.0, faded(visuals.panel_fill, look));
    }
    disc_mesh(mesh, center, r, color);
    if data.selected {
        ring_mesh(mesh, center, r, 3.0, visuals.strong_text_color());
    } else if hovered {
        ring_mesh(
            mesh,
            center,
            r,
            2.0,
            visuals.strong_text_color().gamma_multiply(0.8),
        );
    }
}

fn circle_segments(r: f32) -> u32 {
    (r * 0.9).ceil().clamp(6.0, 48.0) as u32
}

/// A filled disc with a one-pixel feathered rim.
fn disc_mesh(mesh: &mut egui::Mesh, center: Pos2, r: f32, color: Color32) {
    let n = circle_segments(r);
    let first = mesh.vertices.len() as u32;
    mesh.colored_vertex(center, color);
    let inner = (r - 0.5).max(0.0);
    for i in 0..n {
        let a = i as f32 / n as f32 * std::f32::consts::TAU;
        let dir = Vec2::new(a.cos(), a.sin());
        mesh.colored_vertex(center + dir * inner, color);
        mesh.colored_vertex(center + dir * (r + 0.5), Color32::TRANSPARENT);
    }
    for i in 0..n {
        let (a, b) = (first + 1 + 2 * i, first + 1 + 2 * ((i + 1) % n));
        mesh.add_triangle(first, a, b);
        mesh.add_triangle(a, a + 1, b);
        mesh.add_triangle(a + 1, b + 1, b);
    }
}

/// A ring of `width` centred on radius `r`, feathered on both sides.
fn ring_mesh(mesh: &mut egui::Mesh, center: Pos2, r: f32, width: f32, color: Color32) {
    let n = circle_segments(r + width);
    let first = mesh.vertices.len() as u32;
    let half = width / 2.0;
    let radii = [
        (r - half - 0.5).max(0.0),
        r - half + 0.5,
        r + half - 0.5,
        r + half + 0.5,
    ];
    for i in 0..n {
        let a = i as f32 / n as f32 * std::f32::consts::TAU;
        let dir = Vec2::new(a.cos(), a.sin());
        for (k, radius) in radii.iter().enumerate() {
            let c = if k == 0 || k == 3 {
                Color32::TRANSPARENT
            } else {
                color
            };
            mesh.colored_vertex(center + dir * radius.max(0.0), c);
        }
    }
    for i in 0..n {
        let (a, b) = (first + 4 * i, first + 4 * ((i + 1) % n));
        for k in 0..3 {
            mesh.add_triangle(a + k, a + k + 1, b + k);
            mesh.add_triangle(a + k + 1, b + k + 1, b + k);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clipping_keeps_the_visible_part_only() {
        let rect = Rect::from_min_max(Pos2::new(0.0, 0.0), Pos2::new(10.0, 10.0));
        let (p, q) = clip_segment(Pos2::new(-10.0, 5.0), Pos2::new(20.0, 5.0), rect).unwrap();
        assert_eq!((p, q), (Pos2::new(0.0, 5.0), Pos2::new(10.0, 5.0)));
        assert!(clip_segment(Pos2::new(-10.0, -5.0), Pos2::new(20.0, -5.0), rect).is_none());
        let inside = clip_segment(Pos2::new(1.0, 1.0), Pos2::new(2.0, 3.0), rect).unwrap();
        assert_eq!(inside, (Pos2::new(1.0, 1.0), Pos2::new(2.0, 3.0)));
    }

    #[test]
    fn a_long_dashed_line_mostly_off_screen_costs_little() {
        let rect = Rect::from_min_max(Pos2::new(0.0, 0.0), Pos2::new(100.0, 100.0));
        // 100 000 px long with 100 px visible: about 11 dashes, not 11 000.
        let (p, q) =
            clip_segment(Pos2::new(-50_000.0, 50.0), Pos2::new(50_000.0, 50.0), rect).unwrap();
        let mut mesh = egui::Mesh::default();
        dashed_line(&mut mesh, p, q, 1.0, Color32::WHITE);
        assert!(
            mesh.vertices.len() <= 12 * 8,
            "{} vertices",
            mesh.vertices.len()
        );
    }
}
