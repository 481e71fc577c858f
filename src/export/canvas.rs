//! The JSON Canvas 1.0 writer (Obsidian's `.canvas`): a file card per
//! note where the layout put it, a labelled, coloured edge per link, and
//! with community names a group round each community. Missing notes have
//! no file to show, so they and their links are left out, as are notes
//! the layout did not place.

use super::{edges, export_style, Extras};
use crate::graph::NoteGraph;
use crate::palette;
use crate::vault::Vault;
use serde_json::json;
use std::collections::{BTreeMap, HashSet};
use std::io::{self, Write};

/// A card's side, Obsidian's default for a file card.
const CARD: i64 = 400;
/// Cards sit on a grid of cells this wide: a card and the gap to the next.
const CELL: i64 = 500;
/// How many cells apart a note and its nearest neighbour typically sit.
const NEIGHBOUR_CELLS: f32 = 1.2;
/// Room between a group's edge and its cards.
const GROUP_PADDING: i64 = 50;

/// A note's card: its cell on the grid.
struct Card {
    index: usize,
    cell: (i64, i64),
}

impl Card {
    /// The top-left corner.
    fn corner(&self) -> (i64, i64) {
        (self.cell.0 * CELL - CARD / 2, self.cell.1 * CELL - CARD / 2)
    }
}

pub(super) fn write_canvas(
    vault: &Vault,
    graph: &NoteGraph,
    extras: &Extras,
    out: &mut dyn Write,
) -> io::Result<()> {
    let cards = cards(vault, extras);
    let mut lines: Vec<String> = Vec::new();
    if let (Some(names), Some(community)) = (&extras.groups, &extras.community) {
        lines.extend(groups(&cards, names, community));
    }
    for card in &cards {
        let (x, y) = card.corner();
        let note = &vault.notes[card.index];
        let node = json!({
            "id": format!("n{}", card.index),
            "type": "file",
            "file": note.path,
            "x": x, "y": y, "width": CARD, "height": CARD,
            "color": palette::hex(extras.colour(card.index, false)),
        });
        lines.push(serde_json::to_string(&node)?);
    }
    write!(out, "{{\n  \"nodes\": [")?;
    write_list(out, &lines)?;
    let mut cell_of = vec![None; vault.notes.len() + graph.ghosts.len()];
    for card in &cards {
        cell_of[card.index] = Some(card.cell);
    }
    let mut lines = Vec::new();
    for e in edges(vault, graph, extras) {
        let (Some(from), Some(to)) = (cell_of[e.source], cell_of[e.target]) else {
            continue;
        };
        let (from_side, to_side) = facing_sides(from, to);
        let edge = json!({
            "id": format!("e{}", lines.len()),
            "fromNode": format!("n{}", e.source),
            "fromSide": from_side,
            "toNode": format!("n{}", e.target),
            "toSide": to_side,
            "toEnd": "arrow",
            "color": export_style(e.kind).hex(),
            "label": e.kind.as_str(),
        });
        lines.push(serde_json::to_string(&edge)?);
    }
    write!(out, "],\n  \"edges\": [")?;
    write_list(out, &lines)?;
    writeln!(out, "]\n}}")
}

/// Items one a line: the file reads and diffs well at any size.
fn write_list(out: &mut dyn Write, items: &[String]) -> io::Result<()> {
    for (i, item) in items.iter().enumerate() {
        let sep = if i == 0 { "" } else { "," };
        write!(out, "{sep}\n    {item}")?;
    }
    if !items.is_empty() {
        write!(out, "\n  ")?;
    }
    Ok(())
}

/// Each placed note's cell. The layout is scaled so that a note's
/// nearest neighbour is typically `NEIGHBOUR_CELLS` cells away, and each
/// note takes the free cell nearest its own place, bigger notes first:
/// cards never overlap and the picture keeps its shape.
fn cards(vault: &Vault, extras: &Extras) -> Vec<Card> {
    let mut placed: Vec<(usize, [f32; 2])> = (vault.notes.iter().enumerate())
        .filter(|(i, n)| !n.hidden_from_graph() && extras.keeps(*i))
        .filter_map(|(i, _)| Some((i, extras.position(i)?)))
        .collect();
    let indices: Vec<usize> = placed.iter().map(|p| p.0).collect();
    let scale = (extras.typical_spacing(&indices)).map_or(1.0, |d| NEIGHBOUR_CELLS / d);
    placed.sort_by(|a, b| extras.radius(b.0).total_cmp(&extras.radius(a.0)));
    let mut taken = HashSet::new();
    let mut cards: Vec<Card> = (placed.into_iter())
        .map(|(index, [x, y])| {
            let cell = nearest_free(&taken, [x * scale, y * scale]);
            taken.insert(cell);
            Card { index, cell }
        })
        .collect();
    cards.sort_by_key(|c| c.index);
    cards
}

/// The free cell nearest `want` (in cells), searched ring by ring.
fn nearest_free(taken: &HashSet<(i64, i64)>, want: [f32; 2]) -> (i64, i64) {
    let centre = (want[0].round() as i64, want[1].round() as i64);
    let distance = |(x, y): (i64, i64)| {
        let (dx, dy) = (x as f32 - want[0], y as f32 - want[1]);
        dx * dx + dy * dy
    };
    for ring in 0i64.. {
        // The ring's cells: its top and bottom rows, then the columns
        // between them.
        let rows = (-ring..=ring).flat_map(|dx| [(dx, -ring), (dx, ring)]);
        let columns = (1 - ring..ring).flat_map(|dy| [(-ring, dy), (ring, dy)]);
        let free = (rows.chain(columns))
            .map(|(dx, dy)| (centre.0 + dx, centre.1 + dy))
            .filter(|cell| !taken.contains(cell));
        if let Some(cell) = free.min_by(|a, b| distance(*a).total_cmp(&distance(*b))) {
            return cell;
        }
    }
    unreachable!("a ring always has room once it is wider than the cells taken")
}

/// The sides of two cards that face each other.
fn facing_sides(from: (i64, i64), to: (i64, i64)) -> (&'static str, &'static str) {
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    if dx.abs() >= dy.abs() {
        if dx >= 0 {
            ("right", "left")
        } else {
            ("left", "right")
        }
    } else if dy > 0 {
        ("bottom", "top")
    } else {
        ("top", "bottom")
    }
}

/// A group round the cards of each community of two or more, named, and
/// first in the list so that Obsidian draws it under its cards.
fn groups(cards: &[Card], names: &[String], community: &[usize]) -> Vec<String> {
    let mut bounds: BTreeMap<usize, (i64, i64, i64, i64, usize)> = BTreeMap::new();
    for card in cards {
        let Some(&c) = community.get(card.index) else {
            continue;
        };
        let (x, y) = card.corner();
        let b = bounds
            .entry(c)
            .or_insert((i64::MAX, i64::MAX, i64::MIN, i64::MIN, 0));
        *b = (
            b.0.min(x),
            b.1.min(y),
            b.2.max(x + CARD),
            b.3.max(y + CARD),
            b.4 + 1,
        );
    }
    (bounds.into_iter())
        .filter(|(_, b)| b.4 >= 2)
        .map(|(c, (x0, y0, x1, y1, _))| {
            let group = json!({
                "id": format!("g{c}"),
                "type": "group",
                "label": names.get(c).cloned().unwrap_or_else(|| format!("Community {c}")),
                "x": x0 - GROUP_PADDING, "y": y0 - GROUP_PADDING,
                "width": x1 - x0 + 2 * GROUP_PADDING, "height": y1 - y0 + 2 * GROUP_PADDING,
            });
            group.to_string()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_taken_cell_sends_a_card_to_the_nearest_free_one() {
        let mut taken = HashSet::new();
        taken.insert((0, 0));
        assert_eq!(nearest_free(&taken, [0.2, 0.1]), (1, 0));
        assert_eq!(nearest_free(&taken, [-0.1, -0.4]), (0, -1));
        for x in -1..=1 {
            for y in -1..=1 {
                taken.insert((x, y));
            }
        }
        let cell = nearest_free(&taken, [0.0, 0.0]);
        assert_eq!(cell.0.abs().max(cell.1.abs()), 2);
        assert_eq!(facing_sides((0, 0), (3, 1)), ("right", "left"));
        assert_eq!(facing_sides((0, 0), (1, -3)), ("top", "bottom"));
    }
}
