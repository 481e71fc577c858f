//! The visible part of the model on the canvas: which nodes and edges, the
//! layout thread that moves them, and pins.

use super::adapter::{CanvasEdge, CanvasGraph, NodeData};
use super::edges::Links;
use super::labels::Labels;
use super::outlines::Outlines;
use super::regions::Regions;
use super::transition::Transition;
use crate::analysis::fold::FoldedGroup;
use crate::graph::{Node as ModelNode, NoteGraph};
use crate::layout::{LayoutParams, LayoutWorker, Simulation};
use crate::vault::EdgeKind;
use egui::{Color32, Pos2, Rect};
use petgraph::stable_graph::NodeIndex;
use std::collections::HashMap;
use std::sync::Arc;

/// Where nodes start: known positions, pinned nodes, layout strengths.
pub struct Placement<'a> {
    pub positions: &'a HashMap<NodeIndex, [f32; 2]>,
    /// Where nodes with no known position start (the members of a group
    /// just unfolded, round where it was); never held there.
    pub seeds: &'a HashMap<NodeIndex, [f32; 2]>,
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
    /// The positions are the spiral that a multilevel start will replace:
    /// its edges, long lines across the disc, say nothing and took most
    /// of a frame under a software renderer, so none is drawn until the
    /// layout publishes places of its own.
    pub(super) guessed: bool,
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
    /// The folded groups, drawn as the last canvas nodes: group `g` is
    /// canvas node `members.len() - groups.len() + g`, and its entry in
    /// `members` is one of its own (`canvas_of` maps every one of them
    /// there).
    pub groups: Vec<FoldedGroup>,
    /// The most links one edge of a folded group stands for.
    pub max_weight: u32,
    /// Outlines round the colouring's groups, when asked for.
    pub(super) outlines: Outlines,
    /// The edge and node meshes last drawn, for the next frame of the
    /// same view.
    pub(super) drawn: super::lod::Drawn,
}

/// A folded group as the canvas draws it.
pub struct GroupNode {
    pub group: FoldedGroup,
    pub title: Arc<str>,
    pub radius: f32,
}

/// The middle of the known places of `members`, if any is known.
fn centroid(members: &[NodeIndex], positions: &HashMap<NodeIndex, [f32; 2]>) -> Option<[f32; 2]> {
    let known: Vec<[f32; 2]> = members
        .iter()
        .filter_map(|m| positions.get(m).copied())
        .collect();
    let n = known.len() as f32;
    (!known.is_empty()).then(|| {
        let (x, y) = known
            .iter()
            .fold((0.0, 0.0), |(x, y), p| (x + p[0], y + p[1]));
        [x / n, y / n]
    })
}

impl GraphCanvas {
    /// Works the group outlines out again if the positions or colours
    /// changed (none when `on` is false); notes coloured `none` have none.
    pub(super) fn update_outlines(&mut self, on: bool, none: Color32) {
        if !on {
            self.outlines = Outlines::default();
            return;
        }
        if self.outlines.made_for(self.style_version) {
            return;
        }
        let open = self.open_count();
        let points = self.graph.nodes_iter().filter_map(|(i, node)| {
            let data = node.payload();
            let drawn = i.index() < open && !data.ghost && data.color != none;
            drawn.then(|| (data.color, node.location()))
        });
        self.outlines = Outlines::of(points, self.style_version);
    }

    /// Builds a canvas over the model nodes in `members` and the folded
    /// `groups`, and the edges between them whose kinds are enabled.
    pub fn build(
        model: &NoteGraph,
        (mut members, groups): (Vec<NodeIndex>, Vec<GroupNode>),
        edge_kinds: &[EdgeKind],
        titles: &dyn Fn(NodeIndex) -> Arc<str>,
        radius: &dyn Fn(NodeIndex) -> f32,
        placement: Placement,
    ) -> GraphCanvas {
        let Placement {
            positions,
            seeds,
            pinned,
            params,
            hold_known,
            mut topics,
        } = placement;
        let first_group = members.len();
        let nodes = members.len() + groups.len();
        let mut graph = CanvasGraph::new();
        let mut canvas_of = HashMap::with_capacity(nodes);
        let mut initial = Vec::with_capacity(nodes);
        let mut radii = Vec::with_capacity(nodes);
        let mut add = |graph: &mut CanvasGraph, data: NodeData, pos: Option<[f32; 2]>| {
            initial.push(pos);
            radii.push(data.radius);
            graph.add_node_custom(data, |n| {
                let [x, y] = pos.unwrap_or_default();
                n.set_location(Pos2::new(x, y));
            })
        };
        for &m in &members {
            let ghost = matches!(model.graph[m], ModelNode::Ghost(_));
            let data = NodeData::new(titles(m), radius(m), ghost, pinned.contains(&m));
            let at = positions.get(&m).or_else(|| seeds.get(&m)).copied();
            let idx = add(&mut graph, data, at);
            canvas_of.insert(m, idx);
        }
        for g in &groups {
            let data = NodeData {
                group: true,
                ..NodeData::new(g.title.clone(), g.radius, false, false)
            };
            let idx = add(&mut graph, data, centroid(&g.group.members, positions));
            canvas_of.extend(g.group.members.iter().map(|&m| (m, idx)));
            members.push(g.group.members[0]);
        }
        if !topics.communities.is_empty() {
            // Folded groups are pulled to no topic.
            topics.resize(nodes);
        }
        let links = Links::between(model, &canvas_of, edge_kinds, nodes, first_group);
        let radii_for_display = radii.clone();
        let mut sim = Simulation::new(&initial, radii, links.pairs, params, 1);
        sim.set_topics(topics);
        let mut held = vec![false; nodes];
        for (i, m) in members[..first_group].iter().enumerate() {
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
        let max_weight = links.edges.iter().map(|e| e.weight).max().unwrap_or(1);
        let mut canvas = GraphCanvas {
            graph,
            positions: sim.positions().to_vec(),
            transition: None,
            curved: false,
            positions_version: 0,
            guessed: sim.starts_multilevel(),
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
            max_weight,
            groups: groups.into_iter().map(|g| g.group).collect(),
            outlines: Default::default(),
            drawn: Default::default(),
        };
        canvas.push_positions();
        canvas
    }

    /// Whether a node is under graph point `p`, as egui_graphs' hit test
    /// (`NodeShape::is_inside`) finds it.
    pub fn node_at(&self, p: Pos2) -> bool {
        (self.graph.nodes_iter()).any(|(_, n)| {
            let reach = n.payload().radius + 2.0;
            (p - n.location()).length_sq() <= reach * reach
        })
    }

    /// The folded group drawn as canvas node `i`, if it is one.
    pub fn group_at(&self, i: usize) -> Option<&FoldedGroup> {
        let first = self.members.len() - self.groups.len();
        i.checked_sub(first).and_then(|g| self.groups.get(g))
    }

    /// How many canvas nodes are model nodes of their own, not groups.
    pub fn open_count(&self) -> usize {
        self.members.len() - self.groups.len()
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

    /// Names each folded group afresh (the topic names arrived).
    pub fn retitle_groups(
        &mut self,
        title: &dyn Fn(&crate::analysis::fold::GroupKey, usize) -> String,
    ) {
        let first = self.open_count();
        for (g, group) in self.groups.iter().enumerate() {
            if let Some(n) = self.graph.node_mut(NodeIndex::new(first + g)) {
                n.payload_mut().title = title(&group.key, group.notes).into();
            }
        }
        self.style_version += 1;
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
        // The worker's first version is the places it was started with.
        self.guessed &= version <= 1;
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

    /// Current position of every member, for keeping across rebuilds;
    /// not of folded groups, which are no note's place.
    pub fn positions(&self) -> impl Iterator<Item = (NodeIndex, [f32; 2])> + '_ {
        self.members[..self.open_count()]
            .iter()
            .zip(&self.positions)
            .map(|(m, p)| (*m, *p))
    }

    /// Where each folded group is drawn now, by its key.
    pub fn group_positions(
        &self,
    ) -> impl Iterator<Item = (&crate::analysis::fold::GroupKey, [f32; 2])> + '_ {
        let first = self.open_count();
        (self.groups.iter().enumerate())
            .filter_map(move |(g, group)| Some((&group.key, *self.positions.get(first + g)?)))
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
