//! Node discs as mesh pieces: the disc, its outline, the "ready" ring, the
//! search hit's ring and glow, and the self-check arc, each feathered by hand for anti-aliasing.

use super::adapter::{faded, Look, NodeData};
use crate::analysis::selfcheck::CheckState;
use crate::gui::style;
use egui::{Color32, Pos2, Vec2};
use egui_graphs::NodeProps;

/// One node: its "ready" ring, its disc (hollow for a missing note) and its
/// outline.
pub(super) fn node_disc(
    mesh: &mut egui::Mesh,
    center: Pos2,
    r: f32,
    props: &NodeProps<NodeData>,
    visuals: &egui::Visuals,
) {
    let data = &props.payload;
    let hovered = props.hovered || props.dragged;
    let look = if hovered { Look::Focus } else { data.look };
    let color = faded(data.color, look);
    // The self-check arc, once a node is big enough to read one.
    let arc = data.progress.filter(|_| r >= ARC_MIN_RADIUS && !data.ghost);
    if let Some(share) = arc {
        let track = visuals.weak_text_color().gamma_multiply(0.35);
        ring_mesh(mesh, center, r + 3.0, 1.6, faded(track, look));
        let done = style::check_state_color(CheckState::AllTicked);
        arc_mesh(mesh, center, r + 3.0, 2.2, share, faded(done, look));
    }
    let mut out = if arc.is_some() { 7.0 } else { 3.5 };
    if let Some(ring) = data.ring {
        ring_mesh(mesh, center, r + out, 2.5, faded(ring, look));
        out += 3.5;
    }
    if data.hit {
        // A soft glow and a ring, wide enough to find at any zoom.
        let glow = style::SEARCH_HIT.gamma_multiply(0.3);
        ring_mesh(mesh, center, r + out + 2.0, 6.0, glow);
        ring_mesh(mesh, center, r + out, 2.5, style::SEARCH_HIT);
    }
    if data.group {
        // A second ring: a folded group reads as many notes in one.
        ring_mesh(mesh, center, r + out + 1.0, 2.0, color);
    }
    if data.ghost && r < SMALL_RADIUS {
        // A ring too small to feather: two plain discs, ring over fill.
        small_disc(mesh, center, r + 0.6, color);
        small_disc(mesh, center, r - 0.6, visuals.panel_fill);
        return;
    }
    if data.ghost {
        disc_mesh(mesh, center, r, visuals.panel_fill);
        ring_mesh(mesh, center, r, 1.2, color);
        return;
    }
    if r > 5.0 && !data.selected && !hovered {
        // A thin ring of background colour keeps touching nodes apart.
        disc_mesh(mesh, center, r + 1.0, faded(visuals.panel_fill, look));
    }
    disc_mesh(mesh, center, r, color);
    if data.selected {
        ring_mesh(mesh, center, r, 3.0, visuals.strong_text_color());
    } else if hovered {
        ring_mesh(
            mesh,
            center,
            r,
            2.0,
            visuals.strong_text_color().gamma_multiply(0.8),
        );
    }
}

/// On-screen radius from which a node shows its self-check arc.
const ARC_MIN_RADIUS: f32 = 9.0;

/// `share` of a ring of `width` on radius `r`, clockwise from the top,
/// feathered on both sides.
fn arc_mesh(mesh: &mut egui::Mesh, center: Pos2, r: f32, width: f32, share: f32, color: Color32) {
    let share = share.clamp(0.0, 1.0);
    if share <= 0.0 {
        return;
    }
    let n = ((circle_segments(r + width) as f32 * share).ceil() as u32).max(2);
    let first = mesh.vertices.len() as u32;
    let half = width / 2.0;
    let radii = [
        r - half - 0.5,
        r - half + 0.5,
        r + half - 0.5,
        r + half + 0.5,
    ];
    for i in 0..=n {
        let a = -std::f32::consts::FRAC_PI_2 + share * std::f32::consts::TAU * i as f32 / n as f32;
        let dir = Vec2::new(a.cos(), a.sin());
        for (k, radius) in radii.iter().enumerate() {
            let c = if k == 0 || k == 3 {
                Color32::TRANSPARENT
            } else {
                color
            };
            mesh.colored_vertex(center + dir * radius.max(0.0), c);
        }
    }
    for i in 0..n {
        let (a, b) = (first + 4 * i, first + 4 * (i + 1));
        for k in 0..3 {
            mesh.add_triangle(a + k, a + k + 1, b + k);
            mesh.add_triangle(a + k + 1, b + k + 1, b + k);
        }
    }
}

fn circle_segments(r: f32) -> u32 {
    (r * 0.9).ceil().clamp(6.0, 48.0) as u32
}

/// A filled disc with a one-pixel feathered rim.
/// Below this radius on screen a disc is a plain hexagon (`small_disc`).
const SMALL_RADIUS: f32 = 3.0;

/// A disc of radius `r` as a plain hexagon: 4 triangles where a feathered
/// disc takes 18. A vault of 100,000 notes fitted to the window is mostly
/// such specks, and a software renderer (Mesa's llvmpipe, under Xvfb)
/// keeps memory for every triangle of a frame: the feathered specks took
/// most of the window's memory at 100k.
fn small_disc(mesh: &mut egui::Mesh, center: Pos2, r: f32, color: Color32) {
    let first = mesh.vertices.len() as u32;
    for i in 0..6 {
        let a = i as f32 / 6.0 * std::f32::consts::TAU;
        mesh.colored_vertex(center + Vec2::new(a.cos(), a.sin()) * r.max(0.5), color);
    }
    for i in 1..5 {
        mesh.add_triangle(first, first + i, first + i + 1);
    }
}

fn disc_mesh(mesh: &mut egui::Mesh, center: Pos2, r: f32, color: Color32) {
    if r < SMALL_RADIUS {
        return small_disc(mesh, center, r, color);
    }
    let n = circle_segments(r);
    let first = mesh.vertices.len() as u32;
    mesh.colored_vertex(center, color);
    let inner = (r - 0.5).max(0.0);
    for i in 0..n {
        let a = i as f32 / n as f32 * std::f32::consts::TAU;
        let dir = Vec2::new(a.cos(), a.sin());
        mesh.colored_vertex(center + dir * inner, color);
        mesh.colored_vertex(center + dir * (r + 0.5), Color32::TRANSPARENT);
    }
    for i in 0..n {
        let (a, b) = (first + 1 + 2 * i, first + 1 + 2 * ((i + 1) % n));
        mesh.add_triangle(first, a, b);
        mesh.add_triangle(a, a + 1, b);
        mesh.add_triangle(a + 1, b + 1, b);
    }
}

/// A ring of `width` centred on radius `r`, feathered on both sides: the
/// whole of an arc.
fn ring_mesh(mesh: &mut egui::Mesh, center: Pos2, r: f32, width: f32, color: Color32) {
    arc_mesh(mesh, center, r, width, 1.0, color);
}
