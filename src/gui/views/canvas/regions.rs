//! Semantic zoom: at a distance the canvas names communities, at their
//! centres and sized by how many of their notes are in view; note labels
//! take over community by community as the user zooms in: a community is
//! named while its notes are too close together on screen for their labels.
//! Names are painted beneath note labels, and fade where a selected,
//! hovered or numbered note is.

use super::adapter::{label_width, CanvasGraph, Look, LABEL_FONT};
use egui::{epaint::TextShape, FontId, Pos2, Rect, Shape, Vec2};
use egui_graphs::MetadataFrame;
use petgraph::stable_graph::NodeIndex;

/// With more notes than this in view, communities are named instead.
pub const REGION_MODE_NODES: usize = 300;
/// At most this many community names at once.
const MAX_REGIONS: usize = 24;
/// Screen area per note (px²) from which a community's notes are labelled
/// instead of the community named: about one label and its gap.
const LABEL_ROOM: f32 = 110.0 * 30.0;

/// A community's name where its notes are.
#[derive(Debug, Clone)]
pub struct Region {
    pub at: Pos2,
    pub text: String,
    pub size: f32,
}

impl Region {
    /// The name's plate as placing reckons it (from its length, before
    /// any text is laid out).
    pub fn plate(&self) -> Rect {
        let width = self.text.chars().count() as f32 * self.size * 0.55 + 12.0;
        Rect::from_center_size(self.at, Vec2::new(width, self.size + 8.0))
    }
}

/// What the canvas names over groups of notes: communities, and in the
/// prerequisite view its cycles.
#[derive(Default)]
pub struct Regions {
    /// Community of each canvas node (`u32::MAX`: none) and community names.
    community: Vec<u32>,
    community_names: Vec<String>,
    /// Community names placed for the current view (semantic zoom).
    placed: Vec<Region>,
    /// In the prerequisite view, each prerequisite cycle's number and its
    /// notes (canvas indices), drawn as one group.
    pub cycles: Vec<(usize, Vec<u32>)>,
}

impl Regions {
    /// Community of each canvas node (`u32::MAX` for ghosts) and their
    /// names, for semantic zoom.
    pub fn set_communities(&mut self, of: Vec<u32>, names: Vec<String>) {
        self.community = of;
        self.community_names = names;
    }

    /// New names for the same communities (the topic names arrived).
    pub fn rename(&mut self, names: Vec<String>) {
        self.community_names = names;
    }

    /// The community of canvas node `i`, if known.
    pub fn community_of(&self, i: usize) -> Option<&u32> {
        self.community.get(i)
    }

    /// The community names placed for the current view.
    pub fn placed(&self) -> &[Region] {
        &self.placed
    }

    /// Names the communities too crowded on screen for their notes'
    /// labels (no two names overlapping, biggest first), when the view is
    /// far enough out. Returns, then, the communities whose notes have room
    /// for labels (the others' notes, and notes of no community, are not
    /// labelled); `None` when every note may be.
    pub fn place(
        &mut self,
        graph: &CanvasGraph,
        meta: &MetadataFrame,
        screen: Rect,
    ) -> Option<std::collections::HashSet<u32>> {
        self.placed.clear();
        if self.community_names.is_empty() {
            return None;
        }
        let offset = screen.left_top().to_vec2();
        let mut sums: std::collections::HashMap<u32, (Vec2, usize, Rect)> = Default::default();
        let mut in_view = 0;
        for (idx, node) in graph.nodes_iter() {
            let at = meta.canvas_to_screen_pos(node.location()) + offset;
            if !screen.contains(at) {
                continue;
            }
            in_view += 1;
            let c = self.community.get(idx.index()).copied().unwrap_or(u32::MAX);
            if c != u32::MAX {
                let e = sums.entry(c).or_insert((Vec2::ZERO, 0, Rect::NOTHING));
                e.0 += at.to_vec2();
                e.1 += 1;
                e.2.extend_with(at);
            }
        }
        if in_view <= REGION_MODE_NODES {
            return None;
        }
        let least = (in_view / 150).max(5);
        let crowded = |n: usize, spread: Rect| spread.area() / (n as f32) < LABEL_ROOM;
        let open = (sums.iter())
            .filter(|(_, (_, n, spread))| *n >= least && !crowded(*n, *spread))
            .map(|(&c, _)| c)
            .collect();
        let mut big: Vec<(u32, Vec2, usize)> = (sums.into_iter())
            .filter(|(_, (_, n, spread))| *n >= least && crowded(*n, *spread))
            .map(|(c, (sum, n, _))| (c, sum / n as f32, n))
            .collect();
        big.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
        let mut placed: Vec<Rect> = Vec::new();
        for (c, centre, n) in big {
            if self.placed.len() >= MAX_REGIONS {
                break;
            }
            let Some(text) = self.community_names.get(c as usize) else {
                continue;
            };
            let region = Region {
                at: centre.to_pos2(),
                text: text.clone(),
                size: (11.0 + 2.5 * (n as f32).log2()).clamp(13.0, 24.0),
            };
            let rect = region.plate();
            if placed.iter().any(|r| r.intersects(rect)) || !screen.contains_rect(rect) {
                continue;
            }
            placed.push(rect);
            self.placed.push(region);
        }
        Some(open)
    }

    /// The prerequisite view's cycles: a ring around each note of a cycle
    /// and a line above its topmost note saying what it is, so that a cycle
    /// drawn in one layer does not read as a chain (a box would take in
    /// the other notes of the layer between them).
    fn cycle_shapes(
        &self,
        graph: &CanvasGraph,
        ctx: &egui::Context,
        visuals: &egui::Visuals,
        meta: &MetadataFrame,
        screen: Rect,
    ) -> Vec<Shape> {
        let offset = screen.left_top().to_vec2();
        let colour = crate::gui::style::CYCLE;
        let stroke = egui::Stroke::new(1.5, colour);
        let mut shapes = Vec::new();
        for (number, group) in &self.cycles {
            let mut top: Option<(Pos2, f32)> = None;
            for &i in group {
                let Some(n) = graph.node(NodeIndex::new(i as usize)) else {
                    continue;
                };
                let at = meta.canvas_to_screen_pos(n.location()) + offset;
                let r = meta.canvas_to_screen_size(n.payload().radius).max(1.5) + 5.0;
                shapes.push(Shape::circle_stroke(at, r, stroke));
                if top.is_none_or(|(t, _)| at.y < t.y) {
                    top = Some((at, r));
                }
            }
            let Some((at, r)) = top.filter(|(at, _)| screen.contains(*at)) else {
                continue;
            };
            let text = format!(
                "cycle {number} ({} notes): each needs the others",
                group.len()
            );
            let galley =
                ctx.fonts_mut(|f| f.layout_no_wrap(text, FontId::proportional(11.0), colour));
            let at = Pos2::new(
                at.x - galley.size().x / 2.0,
                at.y - r - galley.size().y - 2.0,
            );
            let plate = Rect::from_min_size(at, galley.size()).expand(1.0);
            shapes.push(Shape::rect_filled(
                plate,
                3.0,
                visuals.panel_fill.gamma_multiply(0.85),
            ));
            shapes.push(TextShape::new(at, galley, colour).into());
        }
        shapes
    }

    /// The community names, on a plate each, to paint beneath note labels;
    /// a name over a marked note (`marked_rects`) fades.
    pub fn shapes(
        &self,
        graph: &CanvasGraph,
        ctx: &egui::Context,
        visuals: &egui::Visuals,
        meta: &MetadataFrame,
        screen: Rect,
    ) -> Vec<Shape> {
        let mut shapes = self.cycle_shapes(graph, ctx, visuals, meta, screen);
        if self.placed.is_empty() {
            return shapes;
        }
        let marked = marked_rects(graph, meta, screen);
        for r in &self.placed {
            // The plate's size, as the label placer reckons it, decides the
            // fade; the text is laid out in its faded colour.
            let reckoned = r.plate();
            let fade = if marked.iter().any(|m| m.intersects(reckoned)) {
                0.2
            } else {
                1.0
            };
            let color = visuals.strong_text_color().gamma_multiply(fade);
            let galley = ctx.fonts_mut(|f| {
                f.layout_no_wrap(r.text.clone(), FontId::proportional(r.size), color)
            });
            let at = r.at - galley.size() / 2.0;
            let plate = Rect::from_min_size(at, galley.size()).expand2(Vec2::new(6.0, 2.0));
            shapes.push(Shape::rect_filled(
                plate,
                6.0,
                visuals.panel_fill.gamma_multiply(0.78 * fade),
            ));
            shapes.push(TextShape::new(at, galley, color).into());
        }
        shapes
    }
}

/// Screen rectangles of what a community name must not hide: the
/// selected, hovered and numbered notes with their labels.
fn marked_rects(graph: &CanvasGraph, meta: &MetadataFrame, screen: Rect) -> Vec<Rect> {
    let offset = screen.left_top().to_vec2();
    (graph.nodes_iter())
        .filter(|(_, n)| {
            let d = n.payload();
            d.selected || d.badge.is_some() || d.hit || n.hovered() || d.look == Look::Focus
        })
        .map(|(_, n)| {
            let at = meta.canvas_to_screen_pos(n.location()) + offset;
            let r = meta.canvas_to_screen_size(n.payload().radius);
            let width = label_width(&n.payload().title);
            Rect::from_center_size(at, Vec2::splat(2.0 * r + 16.0)).union(Rect::from_min_size(
                Pos2::new(at.x - width / 2.0, at.y + r),
                Vec2::new(width, LABEL_FONT + 6.0),
            ))
        })
        .collect()
}
