//! A single-file HTML study map: the graph at the positions the caller
//! laid out, coloured as the window colours it, each note rendered to
//! HTML, and (when asked) a study plan and what is learned, in one page
//! that works offline and asks nothing of the network.
//!
//! Nothing in a note runs in the page: raw HTML in a note becomes text,
//! only http(s), mailto and in-page links survive (`render.rs`), the data
//! is embedded as JSON with `<` escaped, and a Content-Security-Policy
//! allows only the page's own script and style, by their SHA-256, and
//! pictures as `data:` (`page.rs`). The script (`map.js`, `draw.js`,
//! `panel.js`, `selftest.js`) and the style are our own, included here.

mod data;
mod page;
mod pictures;
mod render;

use super::Extras;
use crate::graph::NoteGraph;
use crate::palette::Rgb;
use crate::vault::{NoteId, Vault};
use std::io::{self, Write};

/// What the map shows besides the graph, worked out by the caller (the
/// analyses lie beside this module, not below it).
#[derive(Debug, Clone, Default)]
pub struct Map {
    /// What the colours mean ("status", "topic"), for the legend.
    pub colored_by: String,
    /// The colour of every note, by `NoteId`; missing ones are grey.
    pub colors: Vec<Rgb>,
    /// (value, colour) for the legend, most common first.
    pub legend: Vec<(String, Rgb)>,
    /// Each note's radius before zoom, by `NoteId`.
    pub radius: Vec<f32>,
    pub plan: Option<Plan>,
    /// `--progress`: whether each note is learned, by `NoteId`.
    pub learned: Option<Vec<bool>>,
}

/// A study plan, in order, as `order` makes it.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// The notes it leads to (none: the whole vault).
    pub targets: Vec<NoteId>,
    pub steps: Vec<Step>,
    /// Notes left out as implied by learned ones: (note, learned by).
    pub implied: Vec<(NoteId, Vec<NoteId>)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub note: NoteId,
    pub learned: bool,
    /// The prerequisite cycle it is part of, numbered as `order` does.
    pub cycle: Option<usize>,
}

impl Map {
    /// Status colours (grey where a note has none of the format's), by
    /// importance: what a library caller gets without the analyses.
    pub fn plain(vault: &Vault) -> Map {
        let importance = (vault.notes.iter()).filter_map(|n| n.frontmatter.importance);
        let range = importance.fold(None, |r: Option<(f64, f64)>, i| {
            Some(r.map_or((i, i), |(lo, hi)| (lo.min(i), hi.max(i))))
        });
        let status = |id: NoteId| vault.notes[id].frontmatter.status.as_deref();
        Map {
            colored_by: "status".into(),
            colors: (0..vault.notes.len())
                .map(|id| status(id).and_then(crate::palette::status_rgb))
                .map(|c| c.unwrap_or(crate::palette::NONE))
                .collect(),
            radius: (vault.notes.iter())
                .map(|n| crate::palette::importance_radius(n.frontmatter.importance, range))
                .collect(),
            ..Map::default()
        }
    }
}

/// Writes the page: `extras` gives the positions (a node without one is
/// searched and shown, not drawn) and the part of the graph drawn.
pub fn write_html(
    vault: &Vault,
    graph: &NoteGraph,
    extras: &Extras,
    map: &Map,
    out: &mut dyn Write,
) -> io::Result<()> {
    let json = data::map_json(vault, graph, extras, map);
    page::write_page(&vault.name(), &json, out)
}

#[cfg(test)]
mod tests;
