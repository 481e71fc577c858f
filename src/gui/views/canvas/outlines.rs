//! Outlines around groups (View › Outline groups): each group of the
//! colouring (a topic, folder or tag) with three notes or more in view is
//! drawn as a soft region round its notes, so that areas read as areas.
//! A group is a colour here: the palette gives each group its own, and
//! notes of no group share the grey no outline is drawn for.

use egui::{Color32, Pos2, Rect, Shape, Stroke, Vec2};
use egui_graphs::MetadataFrame;
use std::collections::HashMap;

/// How far an outline stands off its outermost notes, on screen.
const PAD: f32 = 14.0;

/// The groups' hulls in canvas coordinates, worked out once per change of
/// positions or colours.
#[derive(Default)]
pub struct Outlines {
    hulls: Vec<(Color32, Vec<Pos2>)>,
    made_for: Option<u64>,
}

impl Outlines {
    /// Whether these are the outlines of `version` of the positions and
    /// colours.
    pub fn made_for(&self, version: u64) -> bool {
        self.made_for == Some(version)
    }

    /// The outlines of the notes at `points`, grouped by colour, for
    /// `version` of the positions and colours.
    pub fn of(points: impl Iterator<Item = (Color32, Pos2)>, version: u64) -> Outlines {
        let mut by_color: HashMap<Color32, Vec<Pos2>> = HashMap::new();
        for (color, point) in points {
            by_color.entry(color).or_default().push(point);
        }
        let mut hulls: Vec<(Color32, Vec<Pos2>)> = (by_color.into_iter())
            .filter(|(_, points)| points.len() >= 3)
            .map(|(color, points)| (color, convex_hull(points)))
            .collect();
        hulls.sort_by_key(|(c, _)| c.to_array());
        Outlines {
            hulls,
            made_for: Some(version),
        }
    }

    /// The outlines on screen, beneath edges and nodes.
    pub fn shapes(&self, meta: &MetadataFrame, rect: Rect) -> Vec<Shape> {
        let offset = rect.left_top().to_vec2();
        let mut shapes = Vec::new();
        for (color, hull) in &self.hulls {
            let screen: Vec<Pos2> = (hull.iter())
                .map(|p| meta.canvas_to_screen_pos(*p) + offset)
                .collect();
            let bounds = Rect::from_points(&screen).expand(PAD);
            if !bounds.intersects(rect) {
                continue;
            }
            let fill = color.gamma_multiply(0.10);
            let stroke = Stroke::new(1.5, color.gamma_multiply(0.55));
            shapes.push(Shape::convex_polygon(padded(&screen), fill, stroke));
        }
        shapes
    }
}

/// `hull` (convex, counter-clockwise or clockwise) pushed out by `PAD`
/// with rounded corners: each corner becomes an arc of a few points.
fn padded(hull: &[Pos2]) -> Vec<Pos2> {
    let n = hull.len();
    if n < 3 {
        return hull.to_vec();
    }
    let area: f32 = (0..n)
        .map(|i| {
            let (a, b) = (hull[i], hull[(i + 1) % n]);
            a.x * b.y - b.x * a.y
        })
        .sum();
    let outward = |d: Vec2| {
        let normal = Vec2::new(d.y, -d.x).normalized();
        if area > 0.0 {
            normal
        } else {
            -normal
        }
    };
    let mut out = Vec::with_capacity(n * 4);
    for i in 0..n {
        let (prev, at, next) = (hull[(i + n - 1) % n], hull[i], hull[(i + 1) % n]);
        let (from, to) = (outward(at - prev), outward(next - at));
        let (a0, mut a1) = (from.y.atan2(from.x), to.y.atan2(to.x));
        // The short way round, in the hull's turning direction.
        let turn = if area > 0.0 { -1.0 } else { 1.0 };
        while (a1 - a0) * turn < 0.0 {
            a1 += turn * std::f32::consts::TAU;
        }
        for k in 0..=3 {
            let angle = a0 + (a1 - a0) * k as f32 / 3.0;
            out.push(at + Vec2::angled(angle) * PAD);
        }
    }
    out
}

/// The convex hull of `points` (Andrew's monotone chain), without
/// repeated or collinear points.
fn convex_hull(mut points: Vec<Pos2>) -> Vec<Pos2> {
    points.sort_by(|a, b| a.x.total_cmp(&b.x).then(a.y.total_cmp(&b.y)));
    points.dedup();
    if points.len() < 3 {
        return points;
    }
    let cross = |o: Pos2, a: Pos2, b: Pos2| (a - o).x * (b - o).y - (a - o).y * (b - o).x;
    let mut hull: Vec<Pos2> = Vec::with_capacity(points.len() * 2);
    for pass in 0..2 {
        let start = hull.len();
        let iter: Box<dyn Iterator<Item = &Pos2>> = if pass == 0 {
            Box::new(points.iter())
        } else {
            Box::new(points.iter().rev())
        };
        for &p in iter {
            while hull.len() >= start + 2
                && cross(hull[hull.len() - 2], hull[hull.len() - 1], p) <= 0.0
            {
                hull.pop();
            }
            hull.push(p);
        }
        hull.pop();
    }
    hull
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hull_of_a_square_with_a_middle_point_is_its_four_corners() {
        let p = |x: f32, y: f32| Pos2::new(x, y);
        let hull = convex_hull(vec![
            p(0.0, 0.0),
            p(1.0, 0.0),
            p(0.5, 0.5),
            p(1.0, 1.0),
            p(0.0, 1.0),
            p(0.5, 0.0),
        ]);
        assert_eq!(hull.len(), 4, "{hull:?}");
        for corner in [p(0.0, 0.0), p(1.0, 0.0), p(1.0, 1.0), p(0.0, 1.0)] {
            assert!(hull.contains(&corner), "{corner:?} missing from {hull:?}");
        }
    }

    #[test]
    fn a_padded_outline_keeps_every_corner_at_least_pad_away() {
        let p = |x: f32, y: f32| Pos2::new(x, y);
        let hull = convex_hull(vec![p(0.0, 0.0), p(100.0, 0.0), p(50.0, 80.0)]);
        let outline = padded(&hull);
        for corner in &hull {
            let nearest =
                (outline.iter().map(|o| (*o - *corner).length())).fold(f32::MAX, f32::min);
            assert!((nearest - PAD).abs() < 0.01, "{nearest}");
        }
        // Every outline point lies outside the triangle's own bounds or on
        // their padding, never inside the hull.
        let inside = Rect::from_points(&hull).shrink(1.0);
        assert!(outline.iter().all(|o| !inside.shrink(PAD).contains(*o)));
    }
}
