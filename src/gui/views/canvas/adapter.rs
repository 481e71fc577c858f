//! The egui_graphs side of the canvas: the node payload, a node shape that
//! draws labels, badges and pin marks (discs and edges are meshes, see
//! `meshes.rs`), and a layout that leaves positions to our own simulation.

use crate::vault::EdgeKind;
use egui::{epaint::TextShape, Color32, FontId, Pos2, Rect, Shape, Vec2};
use egui_graphs::{DisplayEdge, DisplayNode, DrawContext, EdgeProps, Node, NodeProps};
use petgraph::stable_graph::DefaultIx;
use petgraph::Directed;
use std::sync::Arc;

/// How a node or edge stands out right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Look {
    #[default]
    Normal,
    /// Pushed back: something else is hovered or highlighted.
    Dim,
    /// Hovered, selected, or next to them.
    Focus,
    /// Left out by a search: much further back than `Dim`, so that a few
    /// hits stand out among thousands of notes.
    Faint,
}

/// How much of its colour a node of `look` keeps.
pub fn opacity(look: Look) -> f32 {
    match look {
        Look::Dim => 0.18,
        Look::Faint => 0.05,
        Look::Normal | Look::Focus => 1.0,
    }
}

/// `color` as a node or edge of `look` shows it: pushed back when dim.
pub fn faded(color: Color32, look: Look) -> Color32 {
    match look {
        Look::Normal | Look::Focus => color,
        _ => color.gamma_multiply(opacity(look)),
    }
}

/// Which side of its node a label is drawn on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LabelSide {
    #[default]
    Below,
    Above,
    Right,
    Left,
}

impl LabelSide {
    /// In the order tried.
    pub const ALL: [LabelSide; 4] = [
        LabelSide::Below,
        LabelSide::Above,
        LabelSide::Right,
        LabelSide::Left,
    ];
}

/// Where a label of `width` goes on `side` of a node at `center` with
/// on-screen radius `r`.
pub fn label_rect(center: Pos2, r: f32, width: f32, side: LabelSide) -> Rect {
    let size = Vec2::new(width, LABEL_FONT + 4.0);
    let min = match side {
        LabelSide::Below => Pos2::new(center.x - width / 2.0, center.y + r + 1.0),
        LabelSide::Above => Pos2::new(center.x - width / 2.0, center.y - r - 1.0 - size.y),
        LabelSide::Right => Pos2::new(center.x + r + 3.0, center.y - size.y / 2.0),
        LabelSide::Left => Pos2::new(center.x - r - 3.0 - width, center.y - size.y / 2.0),
    };
    Rect::from_min_size(min, size)
}

/// A label's width on screen for `title`.
pub fn label_width(title: &str) -> f32 {
    title.chars().count() as f32 * LABEL_FONT * 0.52 + 6.0
}

#[derive(Debug, Clone)]
pub struct NodeData {
    pub title: Arc<str>,
    pub radius: f32,
    pub color: Color32,
    pub ghost: bool,
    pub look: Look,
    pub selected: bool,
    pub show_label: bool,
    /// Where the label goes, when shown by placement (labels.rs).
    pub label_side: LabelSide,
    /// Study plan step number.
    pub badge: Option<u32>,
    /// A check mark: learned, in the prerequisite view.
    pub ticked: bool,
    /// Outline for "ready now" notes.
    pub ring: Option<Color32>,
    /// The share of its self-check that is ticked, drawn as a thin arc
    /// when the node is big enough on screen.
    pub progress: Option<f32>,
    pub pinned: bool,
    /// Matched by the search: ringed and drawn above the others.
    pub hit: bool,
    /// A folded group standing for its notes: drawn with an outer ring
    /// and always named.
    pub group: bool,
}

impl NodeData {
    /// A node as first built, before any restyle.
    pub fn new(title: Arc<str>, radius: f32, ghost: bool, pinned: bool) -> NodeData {
        NodeData {
            title,
            radius,
            color: Color32::GRAY,
            ghost,
            look: Look::Normal,
            selected: false,
            show_label: false,
            label_side: LabelSide::default(),
            badge: None,
            ticked: false,
            ring: None,
            progress: None,
            pinned,
            hit: false,
            group: false,
        }
    }

    /// Whether the node may be named when it looks `look`: a dimmed node
    /// is not, unless it is known (ticked) in the prerequisite view, so
    /// that a plan names what it takes as known.
    pub fn named(&self, look: Look) -> bool {
        !matches!(look, Look::Dim | Look::Faint) || self.ticked
    }

    /// Whether `NodeShape` may draw anything for the node besides its
    /// disc (a label, pin mark, tick or badge) when it is not hovered.
    pub fn decorated(&self) -> bool {
        self.show_label || self.selected || self.pinned || self.ticked || self.badge.is_some()
    }
}

/// The edge payload egui_graphs' types ask for; no edge is ever added.
#[derive(Debug, Clone)]
pub struct EdgeData;

pub type CanvasGraph =
    egui_graphs::Graph<NodeData, EdgeData, Directed, DefaultIx, NodeShape, EdgeShape>;

#[derive(Debug, Clone, Copy)]
pub struct CanvasEdge {
    pub from: u32,
    pub to: u32,
    pub kind: EdgeKind,
    pub look: Look,
    /// Several edges between the same two nodes are drawn side by side.
    pub lane: u8,
    /// How many links it stands for: one, or for an edge of a folded
    /// group the links between the two sides.
    pub weight: u32,
    /// An edge of a folded group: a bundle of links of any kind, drawn in
    /// one neutral colour, wider and stronger the more it holds.
    pub bundle: bool,
}

/// A layout that does nothing: positions come from our own simulation.
#[derive(Debug, Default, Clone, serde::Serialize, serde::Deserialize)]
pub struct ExternalState;

impl egui_graphs::LayoutState for ExternalState {}

#[derive(Debug, Default)]
pub struct ExternalLayout;

impl egui_graphs::Layout<ExternalState> for ExternalLayout {
    fn from_state(_: ExternalState) -> impl egui_graphs::Layout<ExternalState> {
        ExternalLayout
    }

    fn next<N, E, Ty, Ix, Dn, De>(
        &mut self,
        _: &mut egui_graphs::Graph<N, E, Ty, Ix, Dn, De>,
        _: &egui::Ui,
    ) where
        N: Clone,
        E: Clone,
        Ty: petgraph::EdgeType,
        Ix: petgraph::stable_graph::IndexType,
        Dn: DisplayNode<N, E, Ty, Ix>,
        De: DisplayEdge<N, E, Ty, Ix, Dn>,
    {
    }

    fn state(&self) -> ExternalState {
        ExternalState
    }
}

pub type View = egui_graphs::GraphView<ExternalState, ExternalLayout>;

/// What egui_graphs keeps of a node to draw it: its place and size for
/// hit tests, and its payload only when it draws something (`decorated`,
/// hovered or dragged), since egui_graphs updates every node's display on
/// every frame and most nodes of a big vault draw nothing here.
#[derive(Debug, Clone)]
pub struct NodeShape {
    pos: Pos2,
    radius: f32,
    hovered: bool,
    dragged: bool,
    data: Option<Box<NodeData>>,
}

impl From<NodeProps<NodeData>> for NodeShape {
    fn from(props: NodeProps<NodeData>) -> Self {
        let mut shape = NodeShape {
            pos: props.location(),
            radius: props.payload.radius,
            hovered: false,
            dragged: false,
            data: None,
        };
        shape.update(&props);
        shape
    }
}

pub const LABEL_FONT: f32 = 12.5;

impl DisplayNode<NodeData, EdgeData, Directed, DefaultIx> for NodeShape {
    fn closest_boundary_point(&self, dir: Vec2) -> Pos2 {
        self.pos + dir.normalized() * self.radius
    }

    fn shapes(&mut self, ctx: &DrawContext) -> Vec<Shape> {
        let Some(data) = &self.data else {
            return Vec::new();
        };
        let center = ctx.meta.canvas_to_screen_pos(self.pos);
        let r = ctx.meta.canvas_to_screen_size(self.radius).max(1.5);
        let clip = ctx.painter.clip_rect();
        let wants_label = data.show_label || self.hovered || data.selected || self.dragged;
        let margin = if wants_label { 200.0 } else { r + 2.0 };
        if !clip.expand(margin).contains(center) {
            return Vec::new();
        }
        // The disc itself is in the canvas's node mesh; here go the
        // pin mark, the plan badge and the label.
        let visuals = &ctx.ctx.global_style().visuals;
        let mut shapes = Vec::new();
        let look = if self.hovered { Look::Focus } else { data.look };
        if data.pinned && r > 3.0 {
            shapes.push(Shape::circle_filled(
                center + Vec2::new(r * 0.7, -r * 0.7),
                2.5,
                visuals.strong_text_color(),
            ));
        }
        if data.ticked {
            // Drawn as two strokes, so that it needs no font.
            let at = center + Vec2::new(-r * 1.9, -r * 0.2);
            let stroke = egui::Stroke::new(2.0, crate::gui::style::READY);
            let (a, b, c) = (at, at + Vec2::new(3.0, 3.5), at + Vec2::new(8.0, -4.5));
            shapes.push(Shape::line_segment([a, b], stroke));
            shapes.push(Shape::line_segment([b, c], stroke));
        }
        if let Some(step) = data.badge {
            let galley = ctx.ctx.fonts_mut(|f| {
                f.layout_no_wrap(step.to_string(), FontId::proportional(11.0), Color32::WHITE)
            });
            let size = galley.size() + Vec2::new(8.0, 2.0);
            let at = center + Vec2::new(r * 0.6, -r * 0.6 - size.y);
            let rect = Rect::from_min_size(at, size);
            shapes.push(Shape::rect_filled(
                rect,
                6.0,
                Color32::from_rgb(224, 49, 49),
            ));
            shapes.push(
                TextShape::new(rect.min + Vec2::new(4.0, 1.0), galley, Color32::WHITE).into(),
            );
        }
        // A known node dimmed is named in a weaker colour.
        if wants_label && data.named(look) {
            let text_color = if data.selected || self.hovered {
                visuals.strong_text_color()
            } else if matches!(look, Look::Dim | Look::Faint) {
                visuals.weak_text_color()
            } else {
                visuals.text_color()
            };
            let galley = ctx.ctx.fonts_mut(|f| {
                f.layout_no_wrap(
                    data.title.to_string(),
                    FontId::proportional(LABEL_FONT),
                    text_color,
                )
            });
            // A label placed by labels.rs keeps its side; one shown for
            // hover or selection goes below.
            let side = if data.show_label {
                data.label_side
            } else {
                LabelSide::Below
            };
            let at = label_rect(center, r, galley.size().x, side).min + Vec2::new(0.0, 1.0);
            // A backing plate keeps text readable over the edges beneath.
            let plate = if self.hovered || data.selected {
                0.92
            } else {
                0.6
            };
            let bg = Rect::from_min_size(at, galley.size()).expand2(Vec2::new(2.0, 0.0));
            shapes.push(Shape::rect_filled(
                bg,
                3.0,
                visuals.panel_fill.gamma_multiply(plate),
            ));
            shapes.push(TextShape::new(at, galley, text_color).into());
        }
        shapes
    }

    fn update(&mut self, props: &NodeProps<NodeData>) {
        self.pos = props.location();
        self.radius = props.payload.radius;
        self.hovered = props.hovered;
        self.dragged = props.dragged;
        let wanted = props.hovered || props.dragged || props.payload.decorated();
        match (&mut self.data, wanted) {
            (Some(data), true) => (**data).clone_from(&props.payload),
            (None, true) => self.data = Some(Box::new(props.payload.clone())),
            (data, false) => *data = None,
        }
    }

    fn is_inside(&self, pos: Pos2) -> bool {
        // Squared: `Vec2::length` uses `hypot`, and egui_graphs asks every
        // node in turn on every frame the pointer is over the canvas.
        let reach = self.radius + 2.0;
        (pos - self.pos).length_sq() <= reach * reach
    }
}

/// egui_graphs needs an edge display type; it never draws one, since edges
/// are not in its graph (see `GraphCanvas::edges`).
#[derive(Debug, Clone)]
pub struct EdgeShape;

impl From<EdgeProps<EdgeData>> for EdgeShape {
    fn from(_: EdgeProps<EdgeData>) -> Self {
        EdgeShape
    }
}

impl DisplayEdge<NodeData, EdgeData, Directed, DefaultIx, NodeShape> for EdgeShape {
    fn shapes(
        &mut self,
        _start: &Node<NodeData, EdgeData, Directed, DefaultIx, NodeShape>,
        _end: &Node<NodeData, EdgeData, Directed, DefaultIx, NodeShape>,
        _ctx: &DrawContext,
    ) -> Vec<Shape> {
        Vec::new()
    }

    fn update(&mut self, _: &EdgeProps<EdgeData>) {}

    fn is_inside(
        &self,
        _start: &Node<NodeData, EdgeData, Directed, DefaultIx, NodeShape>,
        _end: &Node<NodeData, EdgeData, Directed, DefaultIx, NodeShape>,
        _pos: Pos2,
    ) -> bool {
        false
    }
}
