//! Semantic zoom: at a distance the canvas names communities, at their
//! centres and sized by how many of their notes are in view; note labels
//! take over as the user zooms in.

use super::scene::{GraphCanvas, Region};
use egui::{epaint::TextShape, FontId, Rect, Shape, Vec2};
use egui_graphs::MetadataFrame;

/// With more notes than this in view, communities are named instead.
pub const REGION_MODE_NODES: usize = 300;
/// At most this many community names at once.
const MAX_REGIONS: usize = 24;

impl GraphCanvas {
    /// Community of each canvas node (`u32::MAX` for ghosts) and their
    /// names, for semantic zoom.
    pub fn set_communities(&mut self, of: Vec<u32>, names: Vec<String>) {
        self.community = of;
        self.community_names = names;
        self.labels_for = None;
    }

    /// Whether the view is far enough out to name communities; if so,
    /// places their names (no two overlapping, biggest first).
    pub(super) fn place_regions(&mut self, meta: &MetadataFrame, screen: Rect) -> bool {
        self.regions.clear();
        if self.community_names.is_empty() {
            return false;
        }
        let offset = screen.left_top().to_vec2();
        let mut sums: std::collections::HashMap<u32, (Vec2, usize)> = Default::default();
        let mut in_view = 0;
        for (idx, node) in self.graph.nodes_iter() {
            let at = meta.canvas_to_screen_pos(node.location()) + offset;
            if !screen.contains(at) {
                continue;
            }
            in_view += 1;
            let c = self.community.get(idx.index()).copied().unwrap_or(u32::MAX);
            if c != u32::MAX {
                let e = sums.entry(c).or_default();
                e.0 += at.to_vec2();
                e.1 += 1;
            }
        }
        if in_view <= REGION_MODE_NODES {
            return false;
        }
        let least = (in_view / 150).max(5);
        let mut big: Vec<(u32, Vec2, usize)> = (sums.into_iter())
            .filter(|(_, (_, n))| *n >= least)
            .map(|(c, (sum, n))| (c, sum / n as f32, n))
            .collect();
        big.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
        let mut placed: Vec<Rect> = Vec::new();
        for (c, centre, n) in big {
            if self.regions.len() >= MAX_REGIONS {
                break;
            }
            let Some(text) = self.community_names.get(c as usize) else {
                continue;
            };
            let size = (11.0 + 2.5 * (n as f32).log2()).clamp(13.0, 24.0);
            let width = text.chars().count() as f32 * size * 0.55 + 12.0;
            let rect = Rect::from_center_size(centre.to_pos2(), Vec2::new(width, size + 8.0));
            if placed.iter().any(|r| r.intersects(rect)) || !screen.contains_rect(rect) {
                continue;
            }
            placed.push(rect);
            self.regions.push(Region {
                at: centre.to_pos2(),
                text: text.clone(),
                size,
            });
        }
        true
    }

    /// The community names, on a plate each, to paint above the nodes.
    pub fn region_shapes(&self, ctx: &egui::Context, visuals: &egui::Visuals) -> Vec<Shape> {
        let mut shapes = Vec::with_capacity(self.regions.len() * 2);
        for r in &self.regions {
            let color = visuals.strong_text_color();
            let galley = ctx.fonts_mut(|f| {
                f.layout_no_wrap(r.text.clone(), FontId::proportional(r.size), color)
            });
            let at = r.at - galley.size() / 2.0;
            let plate = Rect::from_min_size(at, galley.size()).expand2(Vec2::new(6.0, 2.0));
            shapes.push(Shape::rect_filled(
                plate,
                6.0,
                visuals.panel_fill.gamma_multiply(0.78),
            ));
            shapes.push(TextShape::new(at, galley, color).into());
        }
        shapes
    }
}
