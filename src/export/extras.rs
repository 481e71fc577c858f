//! What an export may carry besides the graph: a settled layout, the
//! community of each node and how the window draws it, in each format's
//! own terms; and the part of the graph it is about (a named view's).

use super::{export_index, graphml_data};
use crate::graph::NoteGraph;
use crate::palette::{self, Rgb};
use crate::vault::EdgeKind;
use petgraph::stable_graph::NodeIndex;
use serde_json::{json, Value};
use std::io::{self, Write};

/// What an export may carry besides the graph, by export index.
#[derive(Debug, Clone, Default)]
pub struct Extras {
    /// Only this part of the graph is written (none: all of it).
    pub part: Option<Part>,
    /// A settled layout: (x, y) of every node; a node the layout leaves
    /// out (not finite) gets none.
    pub positions: Option<Vec<[f32; 2]>>,
    /// The community of every note (ghosts have none).
    pub community: Option<Vec<usize>>,
    /// The layer of each node in the prerequisite view, where it has one.
    pub layer: Option<Vec<Option<u32>>>,
    /// Each node's colour and size as the window draws it.
    pub looks: Option<Looks>,
    /// A name for each community: JSON Canvas draws the communities as
    /// groups so named.
    pub groups: Option<Vec<String>>,
}

/// Each node's colour and radius (in the layout's units), by export
/// index; `workspace::looks` works them out as the window does.
#[derive(Debug, Clone, Default)]
pub struct Looks {
    pub colour: Vec<Rgb>,
    pub radius: Vec<f32>,
}

/// The part of the graph an export writes: some nodes (an exported node
/// keeps its index, so that indices mean the same in every export) and
/// the links of some kinds between them.
#[derive(Debug, Clone)]
pub struct Part {
    /// By export index.
    nodes: Vec<bool>,
    kinds: Vec<EdgeKind>,
}

impl Part {
    /// `nodes` of `graph`, and links of `kinds` among them.
    pub fn of(graph: &NoteGraph, nodes: &[NodeIndex], kinds: &[EdgeKind]) -> Part {
        let mut keep = vec![false; graph.note_nodes.len() + graph.ghost_nodes.len()];
        for &n in nodes {
            keep[export_index(graph, n)] = true;
        }
        Part {
            nodes: keep,
            kinds: kinds.to_vec(),
        }
    }
}

impl Extras {
    /// Whether node `i` is written.
    pub(super) fn keeps(&self, i: usize) -> bool {
        (self.part.as_ref()).is_none_or(|p| p.nodes.get(i).copied().unwrap_or(false))
    }

    /// Whether links of `kind` are written (between nodes written).
    pub(super) fn keeps_kind(&self, kind: EdgeKind) -> bool {
        (self.part.as_ref()).is_none_or(|p| p.kinds.contains(&kind))
    }

    /// Where node `i` is drawn, if the layout placed it.
    pub(super) fn position(&self, i: usize) -> Option<[f32; 2]> {
        let p = *self.positions.as_ref()?.get(i)?;
        p.iter().all(|v| v.is_finite()).then_some(p)
    }

    /// Node `i`'s colour: as the window draws it, else grey (a missing
    /// note, `ghost`, the grey of missing notes).
    pub(super) fn colour(&self, i: usize, ghost: bool) -> Rgb {
        let given = self.looks.as_ref().and_then(|l| l.colour.get(i)).copied();
        given.unwrap_or(if ghost { palette::GHOST } else { palette::NONE })
    }

    /// Node `i`'s radius, as the window draws it at zoom 1.
    pub(super) fn radius(&self, i: usize) -> f32 {
        let given = self.looks.as_ref().and_then(|l| l.radius.get(i)).copied();
        given.unwrap_or(6.0)
    }

    /// How far apart the layout draws nodes among `placed` (export
    /// indices): the median distance from a node to its nearest neighbour
    /// (apart from nodes at the very same place); none below two places.
    /// Links are a poor ruler: on a dense vault many notes lie within one
    /// link's length, and islands kept outside stretch any bounding box.
    pub(super) fn typical_spacing(&self, placed: &[usize]) -> Option<f32> {
        let points = placed.iter().filter_map(|&i| self.position(i)).collect();
        median_nearest_distance(points)
    }

    /// `, pos="x,y!", community=c` for DOT (neato and fdp keep `!` fixed).
    pub(super) fn dot_fields(&self, i: usize) -> String {
        let mut s = String::new();
        if let Some([x, y]) = self.position(i) {
            s.push_str(&format!(", pos=\"{x:.1},{:.1}!\"", -y));
        }
        if let Some(c) = self.community.as_ref().and_then(|c| c.get(i)) {
            s.push_str(&format!(", community={c}"));
        }
        s
    }

    /// Position, community, and the colour and size Gephi reads (`r`,
    /// `g`, `b`, `size`).
    pub(super) fn graphml_fields(&self, out: &mut dyn Write, i: usize) -> io::Result<()> {
        if let Some([x, y]) = self.position(i) {
            graphml_data(out, "x", &x.to_string())?;
            graphml_data(out, "y", &y.to_string())?;
        }
        if let Some(looks) = &self.looks {
            if let (Some(rgb), Some(size)) = (looks.colour.get(i), looks.radius.get(i)) {
                for (key, value) in ["r", "g", "b"].iter().zip(rgb) {
                    graphml_data(out, key, &value.to_string())?;
                }
                graphml_data(out, "size", &size.to_string())?;
            }
        }
        if let Some(c) = self.community.as_ref().and_then(|c| c.get(i)) {
            graphml_data(out, "community", &c.to_string())?;
        }
        Ok(())
    }

    /// `"x": .., "y": .., "community": ..` of node `i`, where known.
    pub(super) fn json_fields(&self, i: usize, node: &mut Value) {
        if let Some([x, y]) = self.position(i) {
            node["x"] = json!(x);
            node["y"] = json!(y);
        }
        if let Some(c) = self.community.as_ref().and_then(|c| c.get(i)) {
            node["community"] = json!(c);
        }
        if let Some(Some(l)) = self.layer.as_ref().and_then(|l| l.get(i)) {
            node["layer"] = json!(l);
        }
    }
}

/// The median over points of the distance to the nearest other point
/// (apart from points at the very same place): a sweep along x that stops
/// looking once the gap in x alone is longer than the best found.
fn median_nearest_distance(mut points: Vec<[f32; 2]>) -> Option<f32> {
    points.sort_by(|a, b| a[0].total_cmp(&b[0]));
    let mut nearest: Vec<f32> = Vec::with_capacity(points.len());
    for (i, p) in points.iter().enumerate() {
        let mut best = f32::INFINITY;
        let mut look = |q: &[f32; 2]| {
            let dx = (q[0] - p[0]).abs();
            if dx >= best {
                return false;
            }
            let d = (dx * dx + (q[1] - p[1]).powi(2)).sqrt();
            if d > 0.0 {
                best = best.min(d);
            }
            true
        };
        for q in &points[i + 1..] {
            if !look(q) {
                break;
            }
        }
        for q in points[..i].iter().rev() {
            if !look(q) {
                break;
            }
        }
        nearest.extend(Some(best).filter(|d| d.is_finite()));
    }
    nearest.sort_by(f32::total_cmp);
    nearest.get(nearest.len() / 2).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_spacing_ignores_far_islands_and_twins() {
        let mut points = vec![[0.0, 0.0], [3.0, 4.0], [6.0, 8.0], [6.0, 8.0]];
        points.push([1000.0, -1000.0]);
        // 5, 5, 5 (the twin's other neighbour), and the island's 1,000+.
        assert_eq!(median_nearest_distance(points), Some(5.0));
        assert_eq!(median_nearest_distance(vec![[1.0, 1.0]]), None);
    }
}
