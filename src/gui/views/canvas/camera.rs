//! Where the canvas looks: the wheel and a trackpad pinch zoom at the
//! pointer by their real delta, a fit glides to all shown nodes or to some
//! of them, and a resize keeps what was in view in view.
//!
//! egui_graphs zooms by a fixed step for every frame with Ctrl+wheel input,
//! whatever the delta, so a slow frame turned a few notches into a jump;
//! its zoom is turned off (`ZOOM_SPEED_OFF`) and done here instead. Pan and
//! drag stay egui_graphs'.

use super::adapter::label_width;
use super::regions::REGION_MODE_NODES;
use super::scene::GraphCanvas;
use egui::{Pos2, Rect, Vec2};
use petgraph::stable_graph::NodeIndex;

/// egui_graphs' own zoom step, turned off: zooming is ours.
pub const ZOOM_SPEED_OFF: f32 = 0.0;
/// Zoom per point of plain wheel scroll: a notch (40 points in egui, more
/// from some X11 mice) is ×1.1 to ×1.2.
const WHEEL_ZOOM_PER_POINT: f32 = 1.0 / 450.0;
const MIN_ZOOM: f32 = 1e-3;
const MAX_ZOOM: f32 = 40.0;
/// A fit glides this long, in seconds.
const FIT_SECONDS: f64 = 0.25;
/// Room left around fitted nodes, in points: above, below (a label under
/// the lowest nodes, clear of the legend, which wraps to two rows in a
/// narrow window), and at the sides beyond the labels.
const FIT_MARGIN_TOP: f32 = 24.0;
const FIT_MARGIN_BOTTOM: f32 = 64.0;
const FIT_MARGIN_X: f32 = 12.0;
/// A fit never zooms in past where a lone node looks like a button.
const FIT_MAX_ZOOM: f32 = 3.0;

/// What a fit must show: nodes (graph coordinates) and, where notes are
/// labelled, each label's centre x (graph) and half width (on screen).
#[derive(Debug, Clone)]
pub struct Bounds {
    pub nodes: Rect,
    pub labels: Vec<(f32, f32)>,
}

impl Bounds {
    /// What a fit to `scene` must show: where its nodes are going (the
    /// layout's positions, not those on the way of a transition), with
    /// room for each node's disc: of every member, or of `only` (model
    /// nodes) among them.
    pub fn of(scene: &GraphCanvas, only: Option<&[NodeIndex]>) -> Option<Bounds> {
        let mut bounds = Rect::NOTHING;
        let mut labels = Vec::new();
        // Past a few hundred notes, communities are named, not notes.
        let labelled = only.map_or(scene.members.len(), <[_]>::len) <= REGION_MODE_NODES;
        let mut add = |i: usize| {
            let Some(p) = scene.positions.get(i) else {
                return;
            };
            if let Some(n) = scene.graph.node(NodeIndex::new(i)).filter(|_| labelled) {
                labels.push((p[0], label_width(&n.payload().title) / 2.0));
            }
            let r = scene.base_radius.get(i).copied().unwrap_or(0.0);
            bounds = bounds.union(Rect::from_center_size(
                Pos2::new(p[0], p[1]),
                Vec2::splat(2.0 * r),
            ));
        };
        match only {
            Some(nodes) => (nodes.iter())
                .filter_map(|n| scene.canvas_of.get(n))
                .for_each(|c| add(c.index())),
            None => (0..scene.members.len()).for_each(&mut add),
        }
        let nodes = if bounds.is_positive() {
            bounds
        } else if bounds.min.x.is_finite() {
            // One node, or several at one point: centre on it.
            bounds.expand(50.0)
        } else {
            return None;
        };
        Some(Bounds { nodes, labels })
    }

    /// Left and right screen x of nodes and labels at `zoom` (pan 0).
    fn span(&self, zoom: f32) -> (f32, f32) {
        let (mut left, mut right) = (self.nodes.min.x * zoom, self.nodes.max.x * zoom);
        for &(x, half) in &self.labels {
            left = left.min(x * zoom - half);
            right = right.max(x * zoom + half);
        }
        (left, right)
    }
}

/// A zoom and pan of the canvas (pan relative to the canvas's top left).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Camera {
    pub zoom: f32,
    pub pan: Vec2,
}

impl Camera {
    /// The camera after zooming by `factor` around `at` (canvas-local
    /// screen point): the point under `at` stays there.
    pub fn zoomed_at(self, factor: f32, at: Pos2) -> Camera {
        let zoom = (self.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        let factor = zoom / self.zoom;
        Camera {
            zoom,
            pan: at.to_vec2() - (at.to_vec2() - self.pan) * factor,
        }
    }

    /// The camera that shows graph point `centre` in the middle of a
    /// canvas of `size` at `zoom` (a named view's camera).
    pub fn looking_at(zoom: f32, centre: Pos2, size: Vec2) -> Camera {
        let zoom = zoom.clamp(MIN_ZOOM, MAX_ZOOM);
        Camera {
            zoom,
            pan: size / 2.0 - centre.to_vec2() * zoom,
        }
    }

    /// The graph point shown at canvas-local `at`.
    pub fn graph_point(self, at: Pos2) -> Pos2 {
        ((at.to_vec2() - self.pan) / self.zoom).to_pos2()
    }

    /// The camera that shows `bounds` whole in a canvas of `size`,
    /// centred, with every label whole.
    pub fn fitting(bounds: &Bounds, size: Vec2) -> Camera {
        let margins = Vec2::new(2.0 * FIT_MARGIN_X, FIT_MARGIN_TOP + FIT_MARGIN_BOTTOM);
        let room = (size - margins).max(size * 0.5);
        let extent = bounds.nodes.size().max(Vec2::splat(1.0));
        let fits = |zoom: f32| {
            let (left, right) = bounds.span(zoom);
            right - left <= room.x
        };
        // The widest span grows with the zoom: the largest zoom that fits
        // by halving.
        let (mut lo, mut hi) = (MIN_ZOOM, (room.y / extent.y).min(FIT_MAX_ZOOM));
        if !hi.is_finite() || hi < lo {
            hi = lo;
        }
        if fits(hi) {
            lo = hi;
        } else {
            for _ in 0..32 {
                let mid = (lo + hi) / 2.0;
                if fits(mid) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
        }
        let zoom = lo;
        let (left, right) = bounds.span(zoom);
        Camera {
            zoom,
            pan: Vec2::new(
                size.x / 2.0 - (left + right) / 2.0,
                FIT_MARGIN_TOP + room.y / 2.0 - bounds.nodes.center().y * zoom,
            ),
        }
    }

    /// After the canvas changed from `old` to `new` size: the same graph
    /// point at the centre, scaled so that what was in view stays in view.
    pub fn resized(self, old: Vec2, new: Vec2) -> Camera {
        let centre = self.graph_point((old / 2.0).to_pos2());
        let scale = (new.x / old.x).min(new.y / old.y);
        let zoom = (self.zoom * scale).clamp(MIN_ZOOM, MAX_ZOOM);
        Camera {
            zoom,
            pan: new / 2.0 - centre.to_vec2() * zoom,
        }
    }

    /// On the way from `self` to `to`, at `t` in 0..=1 (eased): the view's
    /// centre moves straight and the zoom changes evenly in log scale.
    pub fn towards(self, to: Camera, t: f32, size: Vec2) -> Camera {
        let t = t.clamp(0.0, 1.0);
        let t = t * t * (3.0 - 2.0 * t);
        let zoom = self.zoom * (to.zoom / self.zoom).powf(t);
        let mid = (size / 2.0).to_pos2();
        let (a, b) = (self.graph_point(mid), to.graph_point(mid));
        let centre = a + (b - a) * t;
        Camera {
            zoom,
            pan: size / 2.0 - centre.to_vec2() * zoom,
        }
    }
}

/// The zoom factor asked for by this frame's wheel and pinch input.
pub fn wheel_factor(input: &egui::InputState) -> f32 {
    // With Ctrl (or Cmd), egui turns the wheel into `zoom_delta` itself,
    // smoothed the same way; a trackpad pinch arrives there too.
    let scroll = input.smooth_scroll_delta.y;
    input.zoom_delta() * (scroll * WHEEL_ZOOM_PER_POINT).exp()
}

/// A fit the canvas is carrying out: to every shown node or to `only`
/// (model nodes), gliding from `from` since `started` (input time).
#[derive(Debug, Clone, Default)]
pub struct Fit {
    pub only: Option<Vec<NodeIndex>>,
    pub animate: bool,
    started: Option<(f64, Camera)>,
}

impl Fit {
    pub fn all(animate: bool) -> Fit {
        Fit {
            only: None,
            animate,
            started: None,
        }
    }

    pub fn to(nodes: Vec<NodeIndex>) -> Fit {
        Fit {
            only: Some(nodes),
            animate: true,
            started: None,
        }
    }

    /// This frame's camera on the way to the fit, and whether the fit is
    /// done; `None` when there is nothing to fit to.
    pub fn step(
        &mut self,
        scene: &GraphCanvas,
        now: f64,
        camera: Camera,
        size: Vec2,
    ) -> Option<(Camera, bool)> {
        let target = Camera::fitting(&Bounds::of(scene, self.only.as_deref())?, size);
        if !self.animate {
            return Some((target, true));
        }
        let (started, from) = *self.started.get_or_insert((now, camera));
        let t = ((now - started) / FIT_SECONDS) as f32;
        Some((from.towards(target, t, size), t >= 1.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zooming_at_a_point_keeps_the_point_under_it() {
        let camera = Camera {
            zoom: 0.7,
            pan: Vec2::new(120.0, -40.0),
        };
        let at = Pos2::new(300.0, 200.0);
        let before = camera.graph_point(at);
        let after = camera.zoomed_at(1.3, at).graph_point(at);
        assert!((before - after).length() < 1e-3, "{before:?} {after:?}");
    }

    #[test]
    fn a_fit_shows_every_corner_of_the_bounds() {
        let bounds = Rect::from_min_max(Pos2::new(-500.0, -20.0), Pos2::new(900.0, 300.0));
        let size = Vec2::new(800.0, 600.0);
        let c = Camera::fitting(
            &Bounds {
                nodes: bounds,
                labels: vec![(-500.0, 60.0), (900.0, 60.0)],
            },
            size,
        );
        let canvas = Rect::from_min_size(Pos2::ZERO, size);
        for corner in [bounds.left_top(), bounds.right_bottom()] {
            let at = (corner.to_vec2() * c.zoom + c.pan).to_pos2();
            // With room for a 120-point label centred on it.
            let label = Rect::from_center_size(at, Vec2::new(120.0, 1.0));
            assert!(canvas.contains_rect(label), "{corner:?} shown at {at:?}");
        }
    }

    #[test]
    fn a_resize_keeps_the_centre_and_what_was_in_view() {
        let camera = Camera {
            zoom: 1.0,
            pan: Vec2::new(0.0, 0.0),
        };
        let (old, new) = (Vec2::new(1000.0, 800.0), Vec2::new(500.0, 800.0));
        let resized = camera.resized(old, new);
        let centre = camera.graph_point((old / 2.0).to_pos2());
        assert_eq!(resized.graph_point((new / 2.0).to_pos2()), centre);
        // The old view's corners are still on the new canvas.
        let corner = camera.graph_point(Pos2::new(1000.0, 800.0));
        let at = (corner.to_vec2() * resized.zoom + resized.pan).to_pos2();
        assert!(Rect::from_min_size(Pos2::ZERO, new)
            .expand(0.5)
            .contains(at));
    }

    #[test]
    fn a_glide_starts_where_it_was_and_ends_at_the_target() {
        let size = Vec2::new(800.0, 600.0);
        let a = Camera {
            zoom: 0.5,
            pan: Vec2::new(10.0, 10.0),
        };
        let b = Camera {
            zoom: 2.0,
            pan: Vec2::new(-300.0, 50.0),
        };
        assert_eq!(a.towards(b, 0.0, size).zoom, a.zoom);
        let end = a.towards(b, 1.0, size);
        assert!((end.zoom - b.zoom).abs() < 1e-4 && (end.pan - b.pan).length() < 1e-2);
    }
}
