//! Which labels to show: placed on an occupancy bitmap, most linked first,
//! once per change of view (not per frame).

use super::adapter::LABEL_FONT;
use super::scene::GraphCanvas;
use egui::{Pos2, Rect, Vec2};
use egui_graphs::MetadataFrame;

impl GraphCanvas {
    fn hide_note_labels(&mut self) {
        for i in 0..self.members.len() {
            let node = self
                .graph
                .node_mut(petgraph::stable_graph::NodeIndex::new(i));
            if let Some(n) = node {
                n.payload_mut().show_label = false;
            }
        }
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
        // Far out, communities are named instead of notes.
        if self.place_regions(meta, screen) {
            self.hide_note_labels();
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
            if shown < budget && data.named(data.look) && screen.contains(center) {
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
