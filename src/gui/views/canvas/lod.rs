//! Level of detail for a view of many notes: what a frame draws grows with
//! the pixels on screen, not with the notes and links in view.
//!
//! - Meshes are kept between frames (`Drawn`): at rest, with the camera
//!   still, the same edge and node meshes are submitted again, unbuilt.
//! - A plain node smaller than `DOT_RADIUS` on screen is a dot, a bare
//!   quad, and of the dots whose centres fall in one `DOT_CELL` cell only
//!   the one on top is drawn (`Dots`).
//! - In a crowded view, of the edges whose visible parts run between the
//!   same two `EDGE_CELL` cells only the first is drawn (`EdgeCells`),
//!   and an edge shorter than `CROWDED_EDGE_MIN` between its discs not
//!   at all.
//!
//! At the zoom where any node is big enough to read, every node is a disc
//! and every edge its own line, as before.

use super::adapter::Look;
use egui::{Color32, Mesh, Pos2, Rect, Vec2};
use std::sync::Arc;

/// Below this radius on screen (px) a plain node is drawn as a dot: a
/// disc this small is a blob of a few pixels either way.
pub const DOT_RADIUS: f32 = 2.5;

/// Dots whose centres fall in one cell this wide (px) are drawn as one.
pub const DOT_CELL: f32 = 2.0;

/// Crowded edges whose visible ends fall in the same two cells this wide
/// (px) are drawn as one.
pub const EDGE_CELL: f32 = 4.0;

/// A crowded edge showing less than this (px) between its two discs is
/// left out: among thousands of lines it is a speck beside its dots.
pub const CROWDED_EDGE_MIN: f32 = 3.0;

/// What a cached pair of meshes was built for: the view, the scene's
/// positions and looks (`style_version`), the colours of the theme and
/// what egui_graphs changes by itself (hover, drag).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MeshKey {
    pub style_version: u64,
    pub zoom: f32,
    pub pan: Vec2,
    pub rect: Rect,
    pub colors: [Color32; 3],
    pub hovered: Option<usize>,
    pub dragged: Option<(usize, Pos2)>,
}

/// The edge and node meshes last built, and what for.
#[derive(Default)]
pub struct Drawn {
    pub key: Option<MeshKey>,
    pub edges: Arc<Mesh>,
    pub nodes: Arc<Mesh>,
}

/// How strongly a look shows: in a cell of dots, the strongest is kept,
/// so that a faint dot never hides a highlighted one.
fn rank(look: Look) -> u8 {
    match look {
        Look::Faint => 0,
        Look::Dim => 1,
        Look::Normal => 2,
        Look::Focus => 3,
    }
}

/// Dots gathered in paint order, merged per cell of the screen `rect`.
pub struct Dots {
    rect: Rect,
    dots: Vec<(Pos2, f32, Color32, u8)>,
}

impl Dots {
    pub fn new(rect: Rect) -> Dots {
        Dots {
            rect,
            dots: Vec::new(),
        }
    }

    /// A dot at `center` standing for a disc of radius `r`.
    pub fn push(&mut self, center: Pos2, r: f32, color: Color32, look: Look) {
        self.dots.push((center, r, color, rank(look)));
    }

    /// How many dots were pushed.
    pub fn len(&self) -> usize {
        self.dots.len()
    }

    /// The dots into `mesh`, one per cell (the strongest look, then the
    /// last pushed: the one on top), in the order pushed. Each is a square
    /// of the disc's area, so that a view looks as dense as before.
    pub fn paint(self, mesh: &mut Mesh) {
        let cols = (self.rect.width() / DOT_CELL).ceil().max(1.0) as usize + 1;
        let rows = (self.rect.height() / DOT_CELL).ceil().max(1.0) as usize + 1;
        let cell_of = |p: Pos2| {
            let x = ((p.x - self.rect.min.x) / DOT_CELL).clamp(0.0, (cols - 1) as f32) as usize;
            let y = ((p.y - self.rect.min.y) / DOT_CELL).clamp(0.0, (rows - 1) as f32) as usize;
            y * cols + x
        };
        let mut top = vec![u32::MAX; cols * rows];
        for (i, &(p, _, _, rank)) in self.dots.iter().enumerate() {
            let cell = &mut top[cell_of(p)];
            if *cell == u32::MAX || self.dots[*cell as usize].3 <= rank {
                *cell = i as u32;
            }
        }
        let kept = (self.dots.iter().enumerate()).filter(|&(i, d)| top[cell_of(d.0)] == i as u32);
        let count = top.iter().filter(|&&c| c != u32::MAX).count();
        mesh.reserve_vertices(count * 4);
        mesh.reserve_triangles(count * 2);
        for (_, &(p, r, color, _)) in kept {
            // √π / 2: the half side of a square as big as the disc.
            let h = r * 0.886;
            let first = mesh.vertices.len() as u32;
            for (dx, dy) in [(-h, -h), (h, -h), (-h, h), (h, h)] {
                mesh.colored_vertex(p + Vec2::new(dx, dy), color);
            }
            mesh.add_triangle(first, first + 1, first + 2);
            mesh.add_triangle(first + 1, first + 3, first + 2);
        }
    }
}

/// Which pairs of cells of the screen already have a crowded edge drawn
/// between them.
pub struct EdgeCells {
    origin: Pos2,
    seen: rustc_hash::FxHashSet<u64>,
}

impl EdgeCells {
    pub fn new(rect: Rect) -> EdgeCells {
        EdgeCells {
            origin: rect.min,
            seen: Default::default(),
        }
    }

    /// Whether a line from `a` to `b` (both on screen) is the first
    /// between their cells, either way round.
    pub fn first(&mut self, a: Pos2, b: Pos2) -> bool {
        let cell = |p: Pos2| {
            let x = ((p.x - self.origin.x) / EDGE_CELL).max(0.0) as u64;
            let y = ((p.y - self.origin.y) / EDGE_CELL).max(0.0) as u64;
            (y << 16) | (x & 0xFFFF)
        };
        let (a, b) = (cell(a), cell(b));
        self.seen.insert((a.min(b) << 32) | a.max(b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn screen(size: f32) -> Rect {
        Rect::from_min_size(Pos2::ZERO, Vec2::splat(size))
    }

    /// `n` dots spread over a square of `size` px, as a far zoom puts
    /// thousands of notes.
    fn spread(n: usize, size: f32) -> Mesh {
        let mut dots = Dots::new(screen(size));
        for i in 0..n {
            let (x, y) = ((i * 37 % 997) as f32, (i * 91 % 991) as f32);
            let at = Pos2::new(x / 997.0 * size, y / 991.0 * size);
            dots.push(at, 1.5, Color32::RED, Look::Normal);
        }
        let mut mesh = Mesh::default();
        dots.paint(&mut mesh);
        mesh
    }

    #[test]
    fn dots_cost_at_most_one_quad_per_cell_whatever_the_count() {
        let cells = (100.0f32 / DOT_CELL + 1.0).powi(2) as usize;
        let few = spread(200, 100.0);
        assert_eq!(few.vertices.len(), 200 * 4, "sparse dots are each drawn");
        let many = spread(50_000, 100.0);
        assert!(many.vertices.len() <= cells * 4, "{}", many.vertices.len());
        assert_eq!(
            many.indices.len() * 4,
            many.vertices.len() * 6,
            "two triangles each"
        );
    }

    #[test]
    fn in_a_cell_the_highlighted_dot_stays_over_faint_ones() {
        let mut dots = Dots::new(screen(10.0));
        let at = Pos2::new(5.0, 5.0);
        dots.push(at, 1.5, Color32::RED, Look::Focus);
        dots.push(at, 1.5, Color32::GRAY, Look::Faint);
        let mut mesh = Mesh::default();
        dots.paint(&mut mesh);
        assert_eq!(mesh.vertices.len(), 4);
        assert_eq!(mesh.vertices[0].color, Color32::RED);
    }

    #[test]
    fn crowded_edges_between_the_same_cells_are_drawn_once() {
        let mut cells = EdgeCells::new(screen(100.0));
        let (a, b) = (Pos2::new(10.0, 10.0), Pos2::new(60.0, 40.0));
        assert!(cells.first(a, b));
        assert!(!cells.first(b + Vec2::splat(0.5), a), "either way round");
        assert!(cells.first(a, b + Vec2::new(EDGE_CELL, 0.0)));
    }
}
