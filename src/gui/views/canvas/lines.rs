//! Line pieces for the edge mesh, built by hand: clipped to the view,
//! feathered for anti-aliasing, dashed, curved and with arrow heads.

use egui::{Color32, Pos2, Rect, Vec2};

/// An edge of the prerequisite view: a cubic curve that leaves and enters
/// its nodes level (as in layered drawings), in 12 feathered pieces, with
/// an arrow at its end. An edge within one layer (a prerequisite cycle)
/// bows out to the side, downward edges right and upward ones left, so
/// that it does not run straight through the layer's other notes and a
/// two-note cycle reads as a loop, not a chain.
pub(super) fn curved_edge(
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
pub(super) fn control_points(from: Pos2, tip: Pos2) -> (Pos2, Pos2) {
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

/// A filled triangle pointing along `unit`, its tip at `tip`.
#[inline]
pub(super) fn arrow_head(mesh: &mut egui::Mesh, tip: Pos2, unit: Vec2, len: f32, color: Color32) {
    let side = Vec2::new(-unit.y, unit.x) * len * 0.45;
    let base = tip - unit * len;
    let first = mesh.vertices.len() as u32;
    mesh.colored_vertex(tip, color);
    mesh.colored_vertex(base + side, color);
    mesh.colored_vertex(base - side, color);
    mesh.add_triangle(first, first + 1, first + 2);
}

/// The part of segment `a`–`b` inside `rect` (Liang–Barsky).
pub(super) fn clip_segment(a: Pos2, b: Pos2, rect: Rect) -> Option<(Pos2, Pos2)> {
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
pub(super) fn line_geometry(
    a: Pos2,
    b: Pos2,
    width: f32,
    color: Color32,
) -> Option<(Vec2, f32, Color32)> {
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
pub(super) fn plain_line(mesh: &mut egui::Mesh, a: Pos2, b: Pos2, width: f32, color: Color32) {
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
pub(super) fn feathered_line(mesh: &mut egui::Mesh, a: Pos2, b: Pos2, width: f32, color: Color32) {
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

pub(super) fn dashed_line(mesh: &mut egui::Mesh, a: Pos2, b: Pos2, width: f32, color: Color32) {
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
