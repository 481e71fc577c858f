//! Edges and node discs as two meshes, built by hand: clipped to the view,
//! with a level of detail for crowded views, and feathered for
//! anti-aliasing. egui_graphs' own drawer clones both end nodes of every
//! edge on every frame; this is several times faster.

use super::adapter::{EdgeData, Look, NodeData, NodeShape};
use super::discs::node_disc;
use super::scene::GraphCanvas;
use crate::gui::style::edge_style;
use crate::vault::EdgeKind;
use egui::{Color32, Pos2, Rect, Shape, Vec2};
use egui_graphs::{DisplayNode, DrawContext, MetadataFrame, Node};
use petgraph::stable_graph::DefaultIx;
use petgraph::Directed;

/// Above this many edges with an end in view, edges with both ends out of
/// view are not drawn.
const PASSING_EDGES_LIMIT: usize = 3_000;

/// At most about this many edges are drawn in a frame; past it every k-th
/// is (chosen by its index, so the choice holds while panning), plus every
/// edge of the selected or hovered note. Beyond it a view is a solid mass
/// either way, and each edge costs a quad to build, tessellate and upload:
/// 1,500 notes each linked to every other drew 1.1 million edges at
/// 200 ms a frame.
pub const EDGES_DRAWN_LIMIT: usize = 100_000;

/// At most about this many pixels of edge length are drawn in a frame;
/// past it every k-th edge is, as above. Fill is what a software renderer
/// pays for: 2,121 notes each linked to every other drew 100,000 edges
/// about 500 px long each, and a frame took over a second under Mesa's
/// llvmpipe; a 10k-note vault fitted to the window draws all of its short
/// edges well under this.
pub const EDGE_PIXELS_DRAWN_LIMIT: f32 = 15_000_000.0;

impl GraphCanvas {
    /// Paints the graph as egui_graphs would, without `GraphView::show`,
    /// which asks for another frame every time: at rest, with no input,
    /// this lets the window sleep.
    pub fn paint_at_rest(&self, ui: &mut egui::Ui, meta: &MetadataFrame) -> egui::Response {
        let (response, painter) =
            ui.allocate_painter(ui.available_size(), egui::Sense::click_and_drag());
        painter.extend(self.outlines.shapes(meta, response.rect));
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
        painter.extend((self.regions).shapes(
            &self.graph,
            ui.ctx(),
            ui.visuals(),
            meta,
            response.rect,
        ));
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
        let mut selected = Vec::new();
        // Search hits over the faint rest, so that none hides under them.
        let mut hits = Vec::new();
        let draw =
            |mesh: &mut egui::Mesh,
             node: &Node<NodeData, EdgeData, Directed, DefaultIx, NodeShape>| {
                let props = node.props();
                let center = meta.canvas_to_screen_pos(node.location()) + offset;
                let r = (props.payload.radius * meta.zoom).max(1.5);
                if clip.expand(r).contains(center) {
                    node_disc(mesh, center, r, props, visuals);
                }
            };
        for (_, node) in self.graph.nodes_iter() {
            let data = &node.props().payload;
            if data.selected {
                selected.push(node);
            } else if data.hit {
                hits.push(node);
            } else {
                draw(&mut mesh, node);
            }
        }
        for node in hits.into_iter().chain(selected) {
            draw(&mut mesh, node);
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
        // Edge length in view, roughly (unclipped, at most the diagonal).
        let (mut touching_px, mut in_view_px) = (0f32, 0f32);
        let diagonal = rect.size().length();
        for e in &self.edges {
            let (a, b) = (nodes[e.from as usize].0, nodes[e.to as usize].0);
            if clip.intersects(Rect::from_two_pos(a, b)) {
                let d = b - a;
                let px = (d.x.abs() + d.y.abs()).min(diagonal);
                in_view += 1;
                in_view_px += px;
                if clip.contains(a) || clip.contains(b) {
                    touching += 1;
                    touching_px += px;
                }
            }
        }
        let skip_passing = touching > PASSING_EDGES_LIMIT;
        // Thousands of thin lines in view: one quad each, without the
        // feathered fringe, a third of the triangles for a look that the
        // crowd hides anyway.
        let crowded = in_view > PASSING_EDGES_LIMIT;
        let (drawn, drawn_px) = if skip_passing {
            (touching, touching_px)
        } else {
            (in_view, in_view_px)
        };
        let by_fill = (drawn_px / EDGE_PIXELS_DRAWN_LIMIT).ceil() as usize;
        let stride = drawn.div_ceil(EDGES_DRAWN_LIMIT).max(by_fill).max(1);
        let drawn = drawn / stride;
        let per_edge = if crowded { 4 } else { 8 };
        mesh.reserve_vertices(drawn * (per_edge + 3) + 64);
        mesh.reserve_triangles(drawn * (per_edge / 2 + 2) + 64);
        // Focused edges (a plan's, a path's, the selection's) go last, on
        // top of the others, so that they can be followed.
        let focused_last = (self.edges.iter().enumerate())
            .filter(|(_, e)| e.look != Look::Focus)
            .chain(
                self.edges
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| e.look == Look::Focus),
            );
        for (index, e) in focused_last {
            if stride > 1 && index % stride != 0 && e.look != Look::Focus {
                continue;
            }
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
            let (color, width) = if e.bundle {
                bundle_paint(e.weight, self.max_weight, e.look, dark)
            } else {
                edge_paint(e.kind, e.look, dark)
            };
            if self.curved {
                curved_edge(
                    &mut mesh,
                    a + unit * ra,
                    b - unit * (rb + 1.0),
                    width,
                    color,
                    clip,
                );
                continue;
            }
            // A bundle of a folded group's links runs both ways.
            let arrow = (len - ra - rb) > 18.0 && zoom > 0.35 && !e.bundle;
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
            } else if e.kind == EdgeKind::Compare && !e.bundle {
                dashed_line(&mut mesh, p, q, width, color);
            } else {
                feathered_line(&mut mesh, p, q, width, color);
            }
            if arrow && clip.contains(tip) {
                arrow_head(&mut mesh, tip, unit, arrow_len, color);
            }
        }
        Shape::mesh(mesh)
    }
}

/// An edge of the prerequisite view: a cubic curve that leaves and enters
/// its nodes level (as in layered drawings), in 12 feathered pieces, with
/// an arrow at its end. An edge within one layer (a prerequisite cycle)
/// bows out to the side, downward edges right and upward ones left, so
/// that it does not run straight through the layer's other notes and a
/// two-note cycle reads as a loop, not a chain.
fn curved_edge(
    mesh: &mut egui::Mesh,
    from: Pos2,
    tip: Pos2,
    width: f32,
    color: Color32,
    clip: Rect,
) {
    let (c1, c2) = control_points(from, tip);
    let at = |t: f32| {
        let u = 1.0 - t;
        let w = [u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t];
        Pos2::new(
            w[0] * from.x + w[1] * c1.x + w[2] * c2.x + w[3] * tip.x,
            w[0] * from.y + w[1] * c1.y + w[2] * c2.y + w[3] * tip.y,
        )
    };
    const PIECES: usize = 12;
    let mut prev = from;
    for i in 1..=PIECES {
        let next = at(i as f32 / PIECES as f32);
        if let Some((p, q)) = clip_segment(prev, next, clip) {
            feathered_line(mesh, p, q, width, color);
        }
        if i == PIECES && clip.contains(tip) {
            let d = next - prev;
            let len = (d.x * d.x + d.y * d.y).sqrt();
            if len > 0.0 {
                arrow_head(mesh, tip, d / len, 6.0 + width * 1.5, color);
            }
        }
        prev = next;
    }
}

/// The inner control points of a prerequisite edge's curve.
fn control_points(from: Pos2, tip: Pos2) -> (Pos2, Pos2) {
    let (dx, dy) = (tip.x - from.x, tip.y - from.y);
    if dx.abs() < 0.25 * dy.abs().max(8.0) {
        let bow = (0.45 * dy.abs()).clamp(24.0, 220.0) * dy.signum();
        return (
            Pos2::new(from.x + bow, from.y),
            Pos2::new(tip.x + bow, tip.y),
        );
    }
    let mid = (from.x + tip.x) / 2.0;
    (Pos2::new(mid, from.y), Pos2::new(mid, tip.y))
}

/// Colour and width of a folded group's bundle of `weight` links, by its
/// share of the heaviest bundle (`max`): one neutral colour, as a bundle
/// mixes kinds, wider and stronger the more links it holds, so that the
/// few heavy ties stand out among the many light ones.
fn bundle_paint(weight: u32, max: u32, look: Look, dark: bool) -> (Color32, f32) {
    let share = (weight as f32 / max.max(1) as f32).sqrt();
    let base = if dark {
        Color32::from_rgb(150, 162, 190)
    } else {
        Color32::from_rgb(110, 122, 150)
    };
    let width = 1.0 + 5.0 * share;
    match look {
        Look::Normal => (base.gamma_multiply(0.12 + 0.55 * share), width),
        Look::Dim => (base.gamma_multiply(0.05), width),
        Look::Faint => (base.gamma_multiply(0.02), width),
        Look::Focus => (base, width + 1.0),
    }
}

/// Colour and width of an edge of `kind` as it stands out now.
#[inline]
fn edge_paint(kind: EdgeKind, look: Look, dark: bool) -> (Color32, f32) {
    let (color, width) = edge_style(kind, dark);
    match look {
        Look::Normal => (color.gamma_multiply(0.75), width),
        Look::Dim => (color.gamma_multiply(0.08), width),
        Look::Faint => (color.gamma_multiply(0.03), width),
        Look::Focus => (color, width + 1.0),
    }
}

/// A filled triangle pointing along `unit`, its tip at `tip`.
#[inline]
fn arrow_head(mesh: &mut egui::Mesh, tip: Pos2, unit: Vec2, len: f32, color: Color32) {
    let side = Vec2::new(-unit.y, unit.x) * len * 0.45;
    let base = tip - unit * len;
    let first = mesh.vertices.len() as u32;
    mesh.colored_vertex(tip, color);
    mesh.colored_vertex(base + side, color);
    mesh.colored_vertex(base - side, color);
    mesh.add_triangle(first, first + 1, first + 2);
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

    #[test]
    fn a_two_note_cycle_in_one_layer_bows_out_as_a_loop() {
        let (a, b) = (Pos2::new(100.0, 0.0), Pos2::new(100.0, 120.0));
        let (down1, down2) = control_points(a, b);
        let (up1, up2) = control_points(b, a);
        // Down bows right, up bows left: two arcs, not one line through
        // the notes between them.
        assert!(down1.x > 120.0 && down2.x > 120.0, "{down1:?} {down2:?}");
        assert!(up1.x < 80.0 && up2.x < 80.0, "{up1:?} {up2:?}");
        // Between layers, the curve leaves and enters level.
        let (c1, c2) = control_points(Pos2::new(0.0, 0.0), Pos2::new(300.0, 80.0));
        assert_eq!((c1.y, c2.y), (0.0, 80.0));
    }
}
