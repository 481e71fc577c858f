//! Edges and node discs as two meshes, built by hand: clipped to the view,
//! with a level of detail for crowded views, and feathered for
//! anti-aliasing. egui_graphs' own drawer clones both end nodes of every
//! edge on every frame; this is several times faster.

use super::adapter::{faded, CanvasEdge, Look, NodeData, NodeShape};
use super::discs::node_disc;
use super::lines::{
    arrow_head, clip_segment, curved_edge, dashed_line, feathered_line, plain_line,
};
use super::lod::{Dots, Drawn, EdgeCells, MeshKey, CROWDED_EDGE_MIN, DOT_RADIUS};
use super::scene::GraphCanvas;
use crate::gui::style::edge_style;
use crate::vault::EdgeKind;
use egui::{Color32, Mesh, Pos2, Rect, Shape, Vec2};
use egui_graphs::{DisplayNode, DrawContext, MetadataFrame, NodeProps};
use std::sync::Arc;

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
    pub fn paint_at_rest(&mut self, ui: &mut egui::Ui, meta: &MetadataFrame) -> egui::Response {
        let (response, painter) =
            ui.allocate_painter(ui.available_size(), egui::Sense::click_and_drag());
        painter.extend(self.outlines.shapes(meta, response.rect));
        painter.add(self.meshes(meta, response.rect, ui.visuals()));
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
        // Only nodes with a label, mark or badge draw anything here.
        let decorated = (self.graph.nodes_iter()).filter(|(_, n)| n.payload().decorated());
        for (_, node) in decorated {
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

    /// The edge mesh and the node mesh, beneath everything else: built
    /// again only when the view, the positions, the looks or the hover
    /// changed, else the last ones submitted again (lod.rs).
    pub fn meshes(&mut self, meta: &MetadataFrame, rect: Rect, visuals: &egui::Visuals) -> Shape {
        let dragged = (self.graph.dragged_node())
            .and_then(|d| Some((d.index(), self.graph.node(d)?.location())));
        let key = MeshKey {
            style_version: self.style_version,
            zoom: meta.zoom,
            pan: meta.pan,
            rect,
            colors: [
                visuals.panel_fill,
                visuals.strong_text_color(),
                visuals.weak_text_color(),
            ],
            hovered: self.graph.hovered_node().map(|h| h.index()),
            dragged,
        };
        if self.drawn.key != Some(key) {
            let edges = if self.guessed {
                Mesh::default()
            } else {
                self.edge_mesh(meta, rect, visuals.dark_mode)
            };
            let nodes = self.node_mesh(meta, rect, visuals);
            self.drawn = Drawn {
                key: Some(key),
                edges: Arc::new(edges),
                nodes: Arc::new(nodes),
            };
        }
        Shape::Vec(vec![
            Shape::Mesh(self.drawn.edges.clone()),
            Shape::Mesh(self.drawn.nodes.clone()),
        ])
    }

    /// Every node disc in one mesh (selected last, on top), culled to the
    /// view, with as many segments as the on-screen size needs; a plain
    /// node too small to show a disc is a dot, drawn beneath the discs.
    fn node_mesh(&self, meta: &MetadataFrame, rect: Rect, visuals: &egui::Visuals) -> Mesh {
        let mut mesh = Mesh::default();
        let mut dots = Dots::new(rect);
        let offset = rect.left_top().to_vec2();
        let clip = rect.expand(8.0);
        let mut selected = Vec::new();
        // Search hits over the faint rest, so that none hides under them.
        let mut hits = Vec::new();
        let mut discs = Vec::new();
        for (_, node) in self.graph.nodes_iter() {
            let props = node.props();
            let center = meta.canvas_to_screen_pos(node.location()) + offset;
            let r = (props.payload.radius * meta.zoom).max(1.5);
            if !clip.expand(r).contains(center) {
                continue;
            }
            let data = &props.payload;
            if data.selected {
                selected.push((center, r, props));
            } else if data.hit {
                hits.push((center, r, props));
            } else if r < DOT_RADIUS && dot(props) {
                dots.push(center, r, faded(data.color, data.look), data.look);
            } else {
                discs.push((center, r, props));
            }
        }
        let n = discs.len() + hits.len() + selected.len();
        mesh.reserve_vertices(n * 16 + dots.len().min(1 << 20) * 4);
        mesh.reserve_triangles(n * 20);
        dots.paint(&mut mesh);
        for (center, r, props) in discs.into_iter().chain(hits).chain(selected) {
            node_disc(&mut mesh, center, r, props, visuals);
        }
        mesh
    }

    /// Every edge in one mesh, in screen space for the widget at `rect`:
    /// segments are clipped to the view, dashes and arrows drawn only
    /// where seen, and lines feathered by hand for anti-aliasing.
    fn edge_mesh(&self, meta: &MetadataFrame, rect: Rect, dark: bool) -> Mesh {
        let mut mesh = Mesh::default();
        let offset = rect.left_top().to_vec2();
        let clip = rect.expand(4.0);
        let zoom = meta.zoom;
        let nodes: Vec<(Pos2, f32)> = (self.graph.nodes_iter())
            .map(|(_, n)| {
                let at = meta.canvas_to_screen_pos(n.location()) + offset;
                (at, n.payload().radius * zoom)
            })
            .collect();
        let budget = EdgeBudget::new(&self.edges, &nodes, clip, rect.size().length());
        mesh.reserve_vertices(budget.drawn * (budget.per_edge + 3) + 64);
        mesh.reserve_triangles(budget.drawn * (budget.per_edge / 2 + 2) + 64);
        let mut cells = EdgeCells::new(rect);
        // Focused edges (a plan's, a path's, the selection's) go last, on
        // top of the others, so that they can be followed.
        let focused_last = (self.edges.iter().enumerate())
            .filter(|(_, e)| e.look != Look::Focus)
            .chain((self.edges.iter().enumerate()).filter(|(_, e)| e.look == Look::Focus));
        for (index, e) in focused_last {
            if budget.stride > 1 && index % budget.stride != 0 && e.look != Look::Focus {
                continue;
            }
            let ((a, ra), (b, rb)) = (nodes[e.from as usize], nodes[e.to as usize]);
            if !clip.intersects(Rect::from_two_pos(a, b))
                || (budget.skip_passing && !clip.contains(a) && !clip.contains(b))
            {
                continue;
            }
            let dir = b - a;
            // `Vec2::length` uses `hypot`, several times slower than this.
            let len = (dir.x * dir.x + dir.y * dir.y).sqrt();
            let shown = len - ra - rb;
            let speck = budget.crowded && shown < CROWDED_EDGE_MIN && e.look != Look::Focus;
            if shown <= 1.0 || speck {
                continue;
            }
            let unit = dir / len;
            let (color, width) = if e.bundle {
                bundle_paint(e.weight, self.max_weight, e.look, dark)
            } else {
                edge_paint(e.kind, e.look, dark)
            };
            if self.curved {
                let (from, tip) = (a + unit * ra, b - unit * (rb + 1.0));
                curved_edge(&mut mesh, from, tip, width, color, clip);
                continue;
            }
            let normal = Vec2::new(-unit.y, unit.x) * (e.lane as f32 * 3.0);
            let from = a + unit * ra + normal;
            let tip = b - unit * (rb + 1.0) + normal;
            // A bundle of a folded group's links runs both ways.
            let arrow = shown > 18.0 && zoom > 0.35 && !e.bundle;
            let arrow_len = 6.0 + width * 1.5;
            let end = if arrow {
                tip - unit * arrow_len * 0.8
            } else {
                tip
            };
            let Some((p, q)) = clip_segment(from, end, clip) else {
                continue;
            };
            if budget.crowded && e.look != Look::Focus {
                // Dashes cost one quad each: in a crowd, compare edges are
                // told apart by colour alone; and a line over one already
                // drawn between the same few pixels adds nothing.
                if arrow || cells.first(p, q) {
                    plain_line(&mut mesh, p, q, width, color);
                }
            } else if e.kind == EdgeKind::Compare && !e.bundle {
                dashed_line(&mut mesh, p, q, width, color);
            } else {
                feathered_line(&mut mesh, p, q, width, color);
            }
            if arrow && clip.contains(tip) {
                arrow_head(&mut mesh, tip, unit, arrow_len, color);
            }
        }
        mesh
    }
}

/// How much of the edges in view a frame draws.
struct EdgeBudget {
    /// Leave out edges with both ends out of view.
    skip_passing: bool,
    /// Thousands of lines in view: bare quads.
    crowded: bool,
    /// Draw every `stride`-th edge.
    stride: usize,
    drawn: usize,
    per_edge: usize,
}

impl EdgeBudget {
    fn new(edges: &[CanvasEdge], nodes: &[(Pos2, f32)], clip: Rect, diagonal: f32) -> EdgeBudget {
        // Level of detail: when many edges touch the view, those passing
        // through it between two off-screen nodes are left out; they are
        // long lines that say little and cost as much as any other.
        let (mut touching, mut in_view) = (0usize, 0usize);
        // Edge length in view, roughly (unclipped, at most the diagonal).
        let (mut touching_px, mut in_view_px) = (0f32, 0f32);
        for e in edges {
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
        EdgeBudget {
            skip_passing,
            crowded,
            stride,
            drawn: drawn / stride,
            per_edge: if crowded { 4 } else { 8 },
        }
    }
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

/// Whether a node is drawn as a dot when small: a plain note, with no
/// ring, mark or highlight that a dot could not show.
fn dot(props: &NodeProps<NodeData>) -> bool {
    let d = &props.payload;
    !(props.hovered || props.dragged || d.ghost || d.group || d.ring.is_some())
}
