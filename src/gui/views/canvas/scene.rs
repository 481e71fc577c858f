//! The visible part of the model on the canvas: which nodes and edges, the
//! layout thread that moves them, and pins.

use super::adapter::{CanvasEdge, CanvasGraph, Look, NodeData};
use super::labels::Labels;
use super::regions::Regions;
use super::transition::Transition;
use crate::graph::{Node as ModelNode, NoteGraph};
use crate::layout::{LayoutParams, LayoutWorker, Simulation};
use crate::vault::EdgeKind;
use egui::{Color32, Pos2, Rect};
use petgraph::stable_graph::NodeIndex;
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use std::collections::HashMap;
use std::sync::Arc;

/// Where nodes start: known positions, pinned nodes, layout strengths.
pub struct Placement<'a> {
    pub positions: &'a HashMap<NodeIndex, [f32; 2]>,
    pub pinned: &'a std::collections::HashSet<NodeIndex>,
    pub params: LayoutParams,
    /// Keep every node with a known position where it is (after a reload),
    /// so that only new notes find their place.
    pub hold_known: bool,
    /// Community and sub-topics of each member (`NO_GROUP`: none), for
    /// the layout's community forces.
    pub topics: crate::layout::TopicLevels,
}

/// The visible part of the model, laid out and ready to draw.
pub struct GraphCanvas {
    pub graph: CanvasGraph,
    /// The force simulation, running on its own thread.
    pub(super) layout: LayoutWorker,
    /// The positions last taken from the layout thread, by canvas index.
    pub(super) positions: Vec<[f32; 2]>,
    /// Nodes moving from the other view's places (transition.rs).
    pub(super) transition: Option<Transition>,
    /// Edges drawn as curves (the prerequisite view).
    pub(super) curved: bool,
    pub(super) positions_version: u64,
    /// Model node of each canvas node; canvas index == simulation index.
    pub members: Vec<NodeIndex>,
    pub canvas_of: HashMap<NodeIndex, NodeIndex>,
    /// Which labels are shown, and in what order they get one.
    pub(super) labels: Labels,
    /// Undirected neighbours among visible nodes, by canvas index.
    pub neighbours: Vec<Vec<u32>>,
    /// Edges between canvas nodes. They are drawn here, as one mesh, not
    /// through egui_graphs, whose drawer clones both end nodes of every
    /// edge on every frame.
    pub edges: Vec<CanvasEdge>,
    /// Bumped whenever positions or looks change, so cached work
    /// (label placement) knows to redo itself.
    pub style_version: u64,
    /// Nodes held in place after a reload (not user pins): released as
    /// soon as the user asks the layout to move things.
    pub(super) held: Vec<bool>,
    /// Radius of each node before zoom compensation.
    pub base_radius: Vec<f32>,
    /// Nodes grow slower than the zoom, so a small vault fitted to the
    /// window is not all circles and a big one is not all dust.
    pub(super) radius_factor: f32,
    /// Communities named far out, and the prerequisite view's cycles.
    pub(super) regions: Regions,
}

/// The edges between visible nodes, by canvas index.
struct Links {
    /// Every edge of an enabled kind, to draw.
    edges: Vec<CanvasEdge>,
    /// One per linked pair, for the simulation.
    pairs: Vec<(u32, u32)>,
    /// Undirected neighbours of each node.
    neighbours: Vec<Vec<u32>>,
}

impl Links {
    fn between(
        model: &NoteGraph,
        canvas_of: &HashMap<NodeIndex, NodeIndex>,
        edge_kinds: &[EdgeKind],
        nodes: usize,
    ) -> Links {
        let mut links = Links {
            edges: Vec::new(),
            pairs: Vec::new(),
            neighbours: vec![Vec::new(); nodes],
        };
        // By model index, not through the map: a dense vault has millions
        // of edges, and two hash lookups each cost more than the rest.
        use petgraph::visit::NodeIndexable;
        let mut canvas_index = vec![u32::MAX; model.graph.node_bound()];
        for (m, c) in canvas_of {
            canvas_index[m.index()] = c.index() as u32;
        }
        // The enabled edges, bucketed by their lower end (a counting sort),
        // so that edges between the same two nodes meet in one bucket:
        // there they are drawn side by side, each in a lane of its own.
        // No map per edge: a dense vault has millions of edges.
        let mut found: Vec<(u32, u32, EdgeKind)> = Vec::new();
        let mut starts = vec![0u32; nodes + 1];
        for e in model.graph.edge_references() {
            let kind = e.weight().kind;
            if !edge_kinds.contains(&kind) {
                continue;
            }
            let (a, b) = (
                canvas_index[e.source().index()],
                canvas_index[e.target().index()],
            );
            if a != u32::MAX && b != u32::MAX {
                starts[a.min(b) as usize + 1] += 1;
                found.push((a, b, kind));
            }
        }
        for i in 0..nodes {
            starts[i + 1] += starts[i];
        }
        let mut next = starts.clone();
        let mut bucketed = vec![0u32; found.len()];
        for (i, &(a, b, _)) in found.iter().enumerate() {
            let low = a.min(b) as usize;
            bucketed[next[low] as usize] = i as u32;
            next[low] += 1;
        }
        // Lanes by the higher end, reset per bucket by a stamp.
        let mut lane = vec![0u8; nodes];
        let mut stamp = vec![u32::MAX; nodes];
        links.edges.reserve(found.len());
        for low in 0..nodes {
            for &i in &bucketed[starts[low] as usize..starts[low + 1] as usize] {
                let (a, b, kind) = found[i as usize];
                let high = a.max(b) as usize;
                if stamp[high] != low as u32 {
                    stamp[high] = low as u32;
                    lane[high] = 0;
                    links.pairs.push((a, b));
                    links.neighbours[a as usize].push(b);
                    links.neighbours[b as usize].push(a);
                }
                links.edges.push(CanvasEdge {
                    from: a,
                    to: b,
                    kind,
                    look: Look::Normal,
                    lane: lane[high],
                });
                lane[high] = lane[high].saturating_add(1);
            }
        }
        links
    }
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
            topics,
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
                title: titles(m),
                radius: r,
                color: Color32::GRAY,
                ghost: matches!(model.graph[m], ModelNode::Ghost(_)),
                look: Look::Normal,
                selected: false,
                show_label: false,
                label_side: Default::default(),
                badge: None,
                ticked: false,
                ring: None,
                hit: false,
                progress: None,
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
        let links = Links::between(model, &canvas_of, edge_kinds, members.len());
        let radii_for_display = radii.clone();
        let mut sim = Simulation::new(&initial, radii, links.pairs, params, 1);
        sim.set_topics(topics);
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
        let labels = Labels::by_links(&links.neighbours, &radii_for_display);
        let mut canvas = GraphCanvas {
            graph,
            positions: sim.positions().to_vec(),
            transition: None,
            curved: false,
            positions_version: 0,
            layout: LayoutWorker::start(sim),
            members,
            canvas_of,
            labels,
            neighbours: links.neighbours,
            edges: links.edges,
            base_radius: radii_for_display,
            held,
            style_version: 0,
            radius_factor: 1.0,
            regions: Regions::default(),
        };
        canvas.push_positions();
        canvas
    }

    /// Community of each canvas node (`u32::MAX` for ghosts) and their
    /// names, for semantic zoom; labels are placed afresh.
    pub fn set_communities(&mut self, of: Vec<u32>, names: Vec<String>) {
        self.regions.set_communities(of, names);
        self.labels.forget();
    }

    /// New names for the same communities; labels are placed afresh.
    pub fn rename_communities(&mut self, names: Vec<String>) {
        self.regions.rename(names);
        self.labels.forget();
    }

    /// Picks which labels to show for this view (labels.rs).
    pub fn assign_labels(&mut self, meta: &egui_graphs::MetadataFrame, screen: Rect) {
        let version = self.style_version;
        (self.labels).assign(
            &mut self.graph,
            &mut self.regions,
            self.curved,
            version,
            meta,
            screen,
        );
    }

    /// Starts moving members from `from` (model node → old position).
    pub fn start_transition(&mut self, from: &HashMap<NodeIndex, [f32; 2]>) {
        self.transition = Transition::start(&self.members, from);
    }

    /// Places members along the way; at the end, at their own positions.
    fn step_transition(&mut self) {
        let Some(t) = &self.transition else { return };
        if t.step(&mut self.graph, &self.positions) {
            self.style_version += 1;
        } else {
            self.transition = None;
            self.push_positions();
        }
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
        self.layout.is_moving()
            || self.layout.version() != self.positions_version
            || self.transition.is_some()
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
        self.step_transition();
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
}
