//! What an export may carry besides the graph: a settled layout and the
//! community of each node, in each format's own terms.

use super::graphml_data;
use serde_json::{json, Value};
use std::io::{self, Write};

/// What an export may carry besides the graph, by export index.
#[derive(Debug, Clone, Default)]
pub struct Extras {
    /// A settled layout: (x, y) of every node.
    pub positions: Option<Vec<[f32; 2]>>,
    /// The community of every note (ghosts have none).
    pub community: Option<Vec<usize>>,
}

impl Extras {
    /// `, pos="x,y!", community=c` for DOT (neato and fdp keep `!` fixed).
    pub(super) fn dot_fields(&self, i: usize) -> String {
        let mut s = String::new();
        if let Some([x, y]) = self.positions.as_ref().and_then(|p| p.get(i)) {
            s.push_str(&format!(", pos=\"{x:.1},{:.1}!\"", -y));
        }
        if let Some(c) = self.community.as_ref().and_then(|c| c.get(i)) {
            s.push_str(&format!(", community={c}"));
        }
        s
    }

    pub(super) fn graphml_fields(&self, out: &mut dyn Write, i: usize) -> io::Result<()> {
        if let Some([x, y]) = self.positions.as_ref().and_then(|p| p.get(i)) {
            graphml_data(out, "x", &x.to_string())?;
            graphml_data(out, "y", &y.to_string())?;
        }
        if let Some(c) = self.community.as_ref().and_then(|c| c.get(i)) {
            graphml_data(out, "community", &c.to_string())?;
        }
        Ok(())
    }

    /// `"x": .., "y": .., "community": ..` of node `i`, where known.
    pub(super) fn json_fields(&self, i: usize, node: &mut Value) {
        if let Some([x, y]) = self.positions.as_ref().and_then(|p| p.get(i)) {
            node["x"] = json!(x);
            node["y"] = json!(y);
        }
        if let Some(c) = self.community.as_ref().and_then(|c| c.get(i)) {
            node["community"] = json!(c);
        }
    }
}
