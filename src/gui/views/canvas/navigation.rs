//! The canvas's camera from frame to frame: where the last frame looked,
//! and what was asked of it since (a fit, a zoom, a note to centre on),
//! carried out at the start of the next frame along with the wheel, a
//! pinch and a resize (the camera's arithmetic is in camera.rs).

use super::camera::{self, Camera, Fit};
use super::scene::GraphCanvas;
use super::GRAPH_ID;
use egui::{Pos2, Rect, Ui};
use egui_graphs::MetadataFrame;
use petgraph::stable_graph::NodeIndex;

/// The camera's state between frames.
pub struct Navigation {
    /// A fit under way.
    pub fit: Option<Fit>,
    /// Fit again each frame while the first layout settles, until the
    /// user pans or zooms.
    pub auto_fit: bool,
    centre_on: Option<NodeIndex>,
    zoom_request: Option<f32>,
    /// A zoom and graph point to put in the middle (a named view opened),
    /// over any fit.
    look_at: Option<(f32, Pos2)>,
    /// Where the graph was drawn last.
    pub rect: Rect,
    /// The camera of the last frame drawn, and the canvas size it was for.
    pub camera: Camera,
    /// Where egui_graphs' view last drew its top left corner.
    shown_at: Option<Pos2>,
}

impl Default for Navigation {
    fn default() -> Self {
        Navigation {
            fit: None,
            auto_fit: true,
            centre_on: None,
            zoom_request: None,
            look_at: None,
            rect: Rect::NOTHING,
            camera: Camera {
                zoom: 1.0,
                pan: egui::Vec2::ZERO,
            },
            shown_at: None,
        }
    }
}

impl Navigation {
    /// Glides to show every node.
    pub fn fit_all(&mut self) {
        self.fit = Some(Fit::all(true));
    }

    /// Glides to show `nodes` (model nodes), if any is shown.
    pub fn fit_to(&mut self, nodes: Vec<NodeIndex>) {
        if !nodes.is_empty() {
            self.fit = Some(Fit::to(nodes));
            self.auto_fit = false;
        }
    }

    pub fn centre_on(&mut self, node: NodeIndex) {
        self.centre_on = Some(node);
        self.auto_fit = false;
    }

    /// Zooms the graph by `factor` around the centre of the view.
    pub fn zoom_by(&mut self, factor: f32) {
        self.zoom_request = Some(self.zoom_request.unwrap_or(1.0) * factor);
        self.auto_fit = false;
        self.fit = None;
    }

    /// Looks at graph point `centre` at `zoom` from the next frame, in
    /// place of the fit a new scene starts.
    pub fn look_at(&mut self, zoom: f32, centre: Pos2) {
        self.look_at = Some((zoom, centre));
    }

    /// The user moved the camera: no fit now, nor while the layout
    /// settles.
    pub fn stop_fitting(&mut self) {
        (self.fit, self.auto_fit) = (None, false);
    }

    /// Glides to a new scene and keeps it in view while it settles,
    /// until the user pans or zooms; unless the camera is kept, or a fit
    /// to some notes was asked for in the same frame (a plan opened at
    /// start-up, before saved positions arrive).
    pub fn fit_new_scene(&mut self, keep_camera: bool) {
        let fitting_some = self.fit.as_ref().is_some_and(|f| f.only.is_some());
        if !keep_camera && !fitting_some {
            self.fit = Some(Fit::all(true));
            self.auto_fit = true;
        }
    }

    /// egui_graphs' view drew the canvas at `rect`.
    pub fn shown(&mut self, rect: Rect) {
        self.rect = rect;
        self.shown_at = Some(rect.min);
    }

    /// Moves the camera for this frame: a resize, the wheel or a pinch at
    /// the pointer, a zoom asked for by key or menu, a fit under way and a
    /// note to centre on. Returns this frame's pan and zoom, and whether
    /// the canvas moved on screen.
    pub fn navigate(&mut self, ui: &mut Ui, scene: &GraphCanvas) -> (MetadataFrame, bool) {
        let mut meta = MetadataFrame::new(Some(GRAPH_ID.to_string())).load(ui);
        // Where egui_graphs' view will be this frame.
        let rect = ui.available_rect_before_wrap();
        if !rect.is_positive() || !meta.zoom.is_finite() {
            return (meta, false);
        }
        let size = rect.size();
        let before = Camera {
            zoom: meta.zoom,
            pan: meta.pan,
        };
        let mut camera = before;
        let moved = self.rect != rect;
        if self.rect.is_positive() && self.rect.size() != size {
            camera = camera.resized(self.rect.size(), size);
        }
        let wheel = ui.input(camera::wheel_factor);
        let pointer = ui.input(|i| i.pointer.hover_pos());
        if let Some(at) = pointer.filter(|_| wheel != 1.0 && ui.rect_contains_pointer(rect)) {
            camera = camera.zoomed_at(wheel, at - rect.min.to_vec2());
            self.stop_fitting();
        }
        if let Some(factor) = self.zoom_request.take() {
            camera = camera.zoomed_at(factor, (size / 2.0).to_pos2());
        }
        if let Some((zoom, centre)) = self.look_at.take() {
            self.stop_fitting();
            camera = Camera::looking_at(zoom, centre, size);
        }
        camera = self.fit_step(ui, scene, camera, size);
        if let Some(target) = self.centre_on.take() {
            camera = centred(scene, target, camera, size);
        }
        if camera != before || moved {
            // A moved canvas is drawn through egui_graphs this frame, which
            // shifts the pan by how far the canvas's corner moved since it
            // last drew: saved here less that shift, it draws `camera`.
            let shift = self.shown_at.map_or(egui::Vec2::ZERO, |at| rect.min - at);
            let mut saved = meta.clone();
            (saved.zoom, saved.pan) = (camera.zoom, camera.pan - shift);
            saved.save(ui);
            (meta.zoom, meta.pan) = (camera.zoom, camera.pan);
        }
        self.rect = rect;
        self.camera = camera;
        (meta, moved)
    }

    /// `camera` moved on by the fit under way (one is started while the
    /// first layout settles, if the user has not taken over).
    fn fit_step(
        &mut self,
        ui: &Ui,
        scene: &GraphCanvas,
        camera: Camera,
        size: egui::Vec2,
    ) -> Camera {
        if self.fit.is_none() && self.auto_fit && scene.is_moving() {
            self.fit = Some(Fit::all(false));
        }
        let Some(fit) = &mut self.fit else {
            return camera;
        };
        let now = ui.input(|i| i.time);
        let step = fit.step(scene, now, camera, size);
        if step.is_none_or(|(_, done)| done) {
            self.fit = None;
        }
        step.map_or(camera, |(fitted, _)| fitted)
    }
}

/// `camera` panned to put model node `target` in the middle, unless it is
/// in plain view already: the graph does not slide under the pointer of a
/// user who clicked it.
fn centred(scene: &GraphCanvas, target: NodeIndex, camera: Camera, size: egui::Vec2) -> Camera {
    let node = (scene.canvas_of.get(&target)).and_then(|&c| scene.graph.node(c));
    let local = Rect::from_min_size(Pos2::ZERO, size).shrink2(size * 0.1);
    let at = |n: &egui_graphs::Node<_, _, _, _, _>| {
        (n.location().to_vec2() * camera.zoom + camera.pan).to_pos2()
    };
    match node.filter(|n| !local.contains(at(n))) {
        Some(node) => Camera {
            pan: size / 2.0 - node.location().to_vec2() * camera.zoom,
            ..camera
        },
        None => camera,
    }
}
