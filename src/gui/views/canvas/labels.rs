//! Which labels to show: placed on an occupancy bitmap, most linked first,
//! once per change of view (not per frame). A label goes below its node,
//! else above, right or left of it, wherever it first fits.

use super::adapter::{label_rect, label_width, CanvasGraph, LabelSide, NodeData};
use super::regions::Regions;
use egui::{Pos2, Rect, Vec2};
use egui_graphs::MetadataFrame;
use petgraph::stable_graph::NodeIndex;

const CELL: f32 = 6.0;

/// The view (zoom, pan, screen) and the scene's style version that the
/// labels were last placed for.
type PlacedFor = (u32, u32, u32, Rect, u64);

/// The labels' state: the order in which nodes get one, and what they were
/// last placed for, so that an unchanged view places nothing.
pub struct Labels {
    /// Canvas nodes in label priority order (most linked first).
    order: Vec<NodeIndex>,
    placed_for: Option<PlacedFor>,
}

/// Which 6 px cells of the screen a label, name or node covers.
struct Occupancy {
    taken: Vec<bool>,
    cols: usize,
    rows: usize,
    screen: Rect,
}

impl Occupancy {
    fn new(screen: Rect) -> Option<Occupancy> {
        let cols = (screen.width() / CELL).ceil().max(1.0) as usize;
        let rows = (screen.height() / CELL).ceil().max(1.0) as usize;
        (screen.is_positive() && cols * rows <= 4_000_000).then(|| Occupancy {
            taken: vec![false; cols * rows],
            cols,
            rows,
            screen,
        })
    }

    fn cells(&self, r: Rect) -> (usize, usize, usize, usize) {
        let s = self.screen;
        let x0 = (((r.min.x - s.min.x) / CELL).floor().max(0.0) as usize).min(self.cols);
        let y0 = (((r.min.y - s.min.y) / CELL).floor().max(0.0) as usize).min(self.rows);
        let x1 = (((r.max.x - s.min.x) / CELL).ceil().max(0.0) as usize).min(self.cols);
        let y1 = (((r.max.y - s.min.y) / CELL).ceil().max(0.0) as usize).min(self.rows);
        (x0, y0, x1.max(x0), y1.max(y0))
    }

    fn mark(&mut self, r: Rect) {
        let (x0, y0, x1, y1) = self.cells(r);
        for y in y0..y1 {
            self.taken[y * self.cols + x0..y * self.cols + x1].fill(true);
        }
    }

    /// The first side of a node at `center` (radius `r`) where a label
    /// `width` wide has room, taken for it; with `below_only`, below or
    /// none, as the prerequisite view, read along its layers, wants.
    fn take_side(
        &mut self,
        center: Pos2,
        r: f32,
        width: f32,
        below_only: bool,
    ) -> Option<LabelSide> {
        let sides = if below_only {
            &LabelSide::ALL[..1]
        } else {
            &LabelSide::ALL[..]
        };
        let side = (sides.iter().copied()).find(|&s| self.free(label_rect(center, r, width, s)));
        if let Some(s) = side {
            self.mark(label_rect(center, r, width, s));
        }
        side
    }

    /// Whether `r` lies on screen and over no taken cell. The cells
    /// asked about are those wholly inside `r` (marking rounds outward):
    /// rounding outward both ways made two labels 2 px apart collide, and
    /// a plan step lost its label to its neighbour's.
    fn free(&self, r: Rect) -> bool {
        let s = self.screen;
        let inner = |v: f32, origin: f32, up: bool, n: usize| {
            let cell = (v - origin) / CELL;
            let cell = if up { cell.ceil() } else { cell.floor() };
            (cell.max(0.0) as usize).min(n)
        };
        let (x0, y0) = (
            inner(r.min.x, s.min.x, true, self.cols),
            inner(r.min.y, s.min.y, true, self.rows),
        );
        let (x1, y1) = (
            inner(r.max.x, s.min.x, false, self.cols),
            inner(r.max.y, s.min.y, false, self.rows),
        );
        let (x1, y1) = (x1.max(x0), y1.max(y0));
        self.screen.contains_rect(r)
            && (y0..y1).all(|y| !self.taken[y * self.cols + x0..y * self.cols + x1].contains(&true))
    }
}

impl Labels {
    /// Most linked first (`neighbours`), then biggest (`radii`), by canvas
    /// index.
    pub fn by_links(neighbours: &[Vec<u32>], radii: &[f32]) -> Labels {
        let mut order: Vec<NodeIndex> = (0..neighbours.len()).map(NodeIndex::new).collect();
        order.sort_by_key(|n| {
            let i = n.index();
            std::cmp::Reverse((neighbours[i].len(), (radii[i] * 10.0) as i64))
        });
        Labels {
            order,
            placed_for: None,
        }
    }

    /// Places them afresh on the next call, whatever the view.
    pub fn forget(&mut self) {
        self.placed_for = None;
    }

    /// Picks which labels of `graph` to show: most linked first, none
    /// overlapping a label, a community name (placed here too, in
    /// `regions`) or a node, at most one per 9,000 px² of view; with
    /// `below_only`, below their notes or not at all. Occupancy is a
    /// bitmap of 6 px cells, so each candidate costs a few dozen reads.
    pub fn assign(
        &mut self,
        graph: &mut CanvasGraph,
        regions: &mut Regions,
        below_only: bool,
        style_version: u64,
        meta: &MetadataFrame,
        screen: Rect,
    ) {
        let key = (
            meta.zoom.to_bits(),
            meta.pan.x.to_bits(),
            meta.pan.y.to_bits(),
            screen,
            style_version,
        );
        if self.placed_for == Some(key) {
            return;
        }
        self.placed_for = Some(key);
        let Some(mut room) = Occupancy::new(screen) else {
            return;
        };
        // Far out, crowded communities are named instead of their notes.
        let open = regions.place(graph, meta, screen);
        // The graph's pan is relative to the widget; labels work on screen.
        let offset = screen.left_top().to_vec2();
        mark_badges(&mut room, graph, meta, offset);
        let first = marked_first(graph);
        if first.is_empty() && open.as_ref().is_some_and(|o| o.is_empty()) {
            // Far out with every community named: no note label to place.
            hide_labels(graph);
            return;
        }
        let mut place = Placing {
            room,
            shown: 0,
            budget: ((screen.area() / 9000.0) as usize).clamp(12, 400),
            open,
            offset,
            screen,
            below_only,
        };
        for region in regions.placed() {
            place.room.mark(region.plate());
        }
        for &idx in &first {
            place.one(graph, regions, meta, idx);
        }
        let rest = (self.order.iter().copied())
            .filter(|&i| !graph.node(i).is_some_and(|n| marked(n.payload())));
        for idx in rest.collect::<Vec<_>>() {
            place.one(graph, regions, meta, idx);
        }
    }
}

/// One pass of label placement: the room taken so far and its limits.
struct Placing {
    room: Occupancy,
    shown: usize,
    budget: usize,
    /// Communities whose notes may be named (none: all).
    open: Option<std::collections::HashSet<u32>>,
    offset: Vec2,
    screen: Rect,
    below_only: bool,
}

impl Placing {
    /// Names the node `idx` where it has room, or hides its label.
    fn one(
        &mut self,
        graph: &mut CanvasGraph,
        regions: &Regions,
        meta: &MetadataFrame,
        idx: NodeIndex,
    ) {
        let Some(node) = graph.node(idx) else {
            return;
        };
        let data = node.payload();
        let center = meta.canvas_to_screen_pos(node.location()) + self.offset;
        let r = meta.canvas_to_screen_size(data.radius);
        let mut side = None;
        if self.shown < self.budget && self.screen.contains(center) {
            // A node blocks the labels of less linked nodes, not its own
            // (only cells well inside it are marked) and not those of
            // better linked ones, placed before it.
            self.room
                .mark(Rect::from_center_size(center, Vec2::splat(2.0 * r)).shrink(CELL));
            let community = regions.community_of(idx.index());
            let has_room =
                (self.open.as_ref()).is_none_or(|o| community.is_some_and(|c| o.contains(c)));
            if data.named(data.look) && (has_room || marked(data)) {
                let width = label_width(&data.title);
                side = self.room.take_side(center, r, width, self.below_only);
                self.shown += usize::from(side.is_some());
            }
        }
        if let Some(n) = graph.node_mut(idx) {
            n.payload_mut().show_label = side.is_some();
            n.payload_mut().label_side = side.unwrap_or_default();
        }
    }
}

/// What the user looks at, named first even far out: the selection, a
/// plan's or a path's notes, search hits, folded groups.
fn marked(d: &NodeData) -> bool {
    d.selected || d.badge.is_some() || d.hit || d.group
}

/// The marked nodes (`marked`): the selection, then a plan's steps in
/// their order, then the rest by index.
fn marked_first(graph: &CanvasGraph) -> Vec<NodeIndex> {
    let mut first: Vec<_> = (graph.nodes_iter())
        .filter(|(_, n)| marked(n.payload()))
        .map(|(i, n)| (!n.payload().selected, n.payload().badge, i))
        .collect();
    first.sort_by_key(|&(unselected, badge, i)| (unselected, badge.unwrap_or(u32::MAX), i));
    first.into_iter().map(|(_, _, i)| i).collect()
}

/// Plan step numbers are never covered by a label.
fn mark_badges(room: &mut Occupancy, graph: &CanvasGraph, meta: &MetadataFrame, offset: Vec2) {
    for (_, node) in graph.nodes_iter() {
        if node.payload().badge.is_some() {
            let center = meta.canvas_to_screen_pos(node.location()) + offset;
            let r = meta.canvas_to_screen_size(node.payload().radius);
            let corner = center + Vec2::new(r * 0.6, -r * 0.6);
            room.mark(Rect::from_min_size(
                corner - Vec2::new(0.0, 16.0),
                Vec2::new(24.0, 16.0),
            ));
        }
    }
}

fn hide_labels(graph: &mut CanvasGraph) {
    for i in 0..graph.node_count() {
        if let Some(n) = graph.node_mut(NodeIndex::new(i)) {
            n.payload_mut().show_label = false;
        }
    }
}
