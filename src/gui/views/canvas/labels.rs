//! Which labels to show: placed on an occupancy bitmap, most linked first,
//! once per change of view (not per frame). A label goes below its node,
//! else above, right or left of it, wherever it first fits.

use super::adapter::{label_rect, label_width, LabelSide};
use super::scene::GraphCanvas;
use egui::{Rect, Vec2};
use egui_graphs::MetadataFrame;

const CELL: f32 = 6.0;

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

    /// Whether `r` lies on screen and over no taken cell.
    fn free(&self, r: Rect) -> bool {
        let (x0, y0, x1, y1) = self.cells(r);
        self.screen.contains_rect(r)
            && (y0..y1).all(|y| !self.taken[y * self.cols + x0..y * self.cols + x1].contains(&true))
    }
}

impl GraphCanvas {
    fn hide_labels(&mut self) {
        for i in 0..self.members.len() {
            if let Some(n) = self
                .graph
                .node_mut(petgraph::stable_graph::NodeIndex::new(i))
            {
                n.payload_mut().show_label = false;
            }
        }
    }

    /// Picks which labels to show: most linked first, none overlapping a
    /// label, a community name or a node, at most one per 9,000 px² of
    /// view. Occupancy is a bitmap of 6 px cells, so each candidate costs a
    /// few dozen reads.
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
        let Some(mut room) = Occupancy::new(screen) else {
            return;
        };
        // Far out, crowded communities are named instead of their notes.
        let open = self.place_regions(meta, screen);
        for region in &self.regions {
            let width = region.text.chars().count() as f32 * region.size * 0.55 + 12.0;
            room.mark(Rect::from_center_size(
                region.at,
                Vec2::new(width, region.size + 8.0),
            ));
        }
        // The graph's pan is relative to the widget; labels work on screen.
        let offset = screen.left_top().to_vec2();
        // Plan step numbers are never covered by a label.
        for (_, node) in self.graph.nodes_iter() {
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
        let budget = ((screen.area() / 9000.0) as usize).clamp(12, 400);
        let mut shown = 0usize;
        // What the user looks at is named first, even far out: the
        // selection, a plan's or a path's notes, search hits; then the most
        // linked.
        let marked = |d: &super::adapter::NodeData| d.selected || d.badge.is_some() || d.hit;
        let mut first: Vec<_> = (self.graph.nodes_iter())
            .filter(|(_, n)| marked(n.payload()))
            .map(|(i, n)| (!n.payload().selected, n.payload().badge, i))
            .collect();
        // The selection, then a plan's steps in their order.
        first.sort_by_key(|&(unselected, badge, i)| (unselected, badge.unwrap_or(u32::MAX), i));
        let first: Vec<_> = first.into_iter().map(|(_, _, i)| i).collect();
        if first.is_empty() && open.as_ref().is_some_and(|o| o.is_empty()) {
            // Far out with every community named: no note label to place.
            self.hide_labels();
            return;
        }
        let order: Vec<_> = (first.iter().copied())
            .chain(
                (self.label_order.iter().copied())
                    .filter(|&i| !self.graph.node(i).is_some_and(|n| marked(n.payload()))),
            )
            .collect();
        for idx in order {
            let Some(node) = self.graph.node(idx) else {
                continue;
            };
            let data = node.payload();
            let center = meta.canvas_to_screen_pos(node.location()) + offset;
            let r = meta.canvas_to_screen_size(data.radius);
            let mut side = None;
            if shown < budget && screen.contains(center) {
                // A node blocks the labels of less linked nodes, not its
                // own (only cells well inside it are marked) and not those
                // of better linked ones, placed before it.
                room.mark(Rect::from_center_size(center, Vec2::splat(2.0 * r)).shrink(CELL));
                let community = self.community.get(idx.index());
                let has_room =
                    (open.as_ref()).is_none_or(|o| community.is_some_and(|c| o.contains(c)));
                if data.named(data.look) && (has_room || marked(data)) {
                    let width = label_width(&data.title);
                    // The prerequisite view reads along its layers: labels
                    // there go below their notes or not at all.
                    let sides = if self.curved {
                        &LabelSide::ALL[..1]
                    } else {
                        &LabelSide::ALL[..]
                    };
                    side = (sides.iter().copied())
                        .find(|&s| room.free(label_rect(center, r, width, s)));
                    if let Some(s) = side {
                        room.mark(label_rect(center, r, width, s));
                        shown += 1;
                    }
                }
            }
            if let Some(n) = self.graph.node_mut(idx) {
                n.payload_mut().show_label = side.is_some();
                n.payload_mut().label_side = side.unwrap_or_default();
            }
        }
    }
}
