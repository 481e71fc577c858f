//! How a note looks: its colour under a colouring and its size, in plain
//! numbers (`palette::Rgb`), one rule for the window and the exports. The
//! window turns them into egui's colours and adds the colourings that
//! depend on the day or on its own state (review, self-check, placement).

use super::choices::{ColorBy, SizeBy};
use super::Workspace;
use crate::analysis::filter::{Facets, NONE_LABEL};
use crate::export::Looks;
use crate::graph::Node;
use crate::palette::{self, Rgb};
pub use crate::palette::{importance_radius, status_rgb};
use crate::vault::{Note, NoteId};
use std::collections::{BTreeMap, HashMap};

/// Whether colouring by status tells notes apart: at least two values
/// ("no status" counts as one) hold 5 % of the notes or more each, and
/// fewer than four notes in five lack a status (else the graph is grey).
/// `statuses` counts notes by status, as `Facets::statuses` does.
pub fn status_tells_notes_apart(statuses: &BTreeMap<String, usize>, notes: usize) -> bool {
    let without = statuses.get(NONE_LABEL).copied().unwrap_or(0);
    let sizeable = (statuses.values()).filter(|&&n| n * 20 >= notes).count();
    sizeable >= 2 && without * 5 < notes * 4
}

/// The colouring in effect: status colouring on a vault where status does
/// not tell notes apart would paint them all one colour, so it shows
/// communities instead.
pub fn effective(by: ColorBy, facets: &Facets, notes: usize) -> ColorBy {
    if by == ColorBy::Status && !status_tells_notes_apart(&facets.statuses, notes) {
        ColorBy::Community
    } else {
        by
    }
}

/// Which colour each value of a colouring gets.
#[derive(Debug, Clone)]
pub struct Colouring {
    by: ColorBy,
    /// Colour of each value (all but community colouring).
    assigned: HashMap<String, Rgb>,
    /// (value, colour) in the order given: most common first, or a
    /// scale's own order; by community number for communities.
    ordered: Vec<(String, Rgb)>,
}

impl Colouring {
    /// Colours for `values` of colouring `by` (the one in effect), each
    /// with its count: "no value" and a community of one are grey, `fixed`
    /// gives the colours some values always have, and the rest take the
    /// categorical palette in order, so the common ones are the most
    /// distinct (communities past it get hues of their own).
    pub fn new(
        by: ColorBy,
        values: Vec<(String, usize)>,
        fixed: impl Fn(&str) -> Option<Rgb>,
    ) -> Colouring {
        let mut assigned = HashMap::new();
        let mut ordered = Vec::with_capacity(values.len());
        let mut next = 0;
        for (i, (value, count)) in values.into_iter().enumerate() {
            let colour = match by {
                _ if value == NONE_LABEL => Some(palette::NONE),
                ColorBy::Community if count < 2 => Some(palette::NONE),
                ColorBy::Community if i >= palette::CATEGORICAL.len() => Some(palette::spread(i)),
                ColorBy::Community => None,
                _ => fixed(&value),
            }
            .unwrap_or_else(|| {
                let c = palette::CATEGORICAL
                    .get(next)
                    .copied()
                    .unwrap_or(palette::NONE);
                next += 1;
                c
            });
            if by != ColorBy::Community {
                assigned.insert(value.clone(), colour);
            }
            ordered.push((value, colour));
        }
        Colouring {
            by,
            assigned,
            ordered,
        }
    }

    /// Colouring `by` (the one in effect) of `ws`, whose values `facets`
    /// counts: by status, first tag, top folder or community. The window
    /// builds its other colourings with `new`.
    pub fn of(ws: &Workspace, facets: &Facets, by: ColorBy) -> Colouring {
        let values = match by {
            ColorBy::Status => sorted(&facets.statuses),
            ColorBy::Tag => sorted(&facets.tags),
            ColorBy::Folder => sorted(&facets.folders),
            ColorBy::Community => {
                let c = ws.communities();
                (ws.community_names().iter().zip(&c.members))
                    .map(|(n, m)| (n.clone(), m.len()))
                    .collect()
            }
            ColorBy::SelfCheck | ColorBy::Review => Vec::new(),
        };
        Colouring::new(by, values, |v| {
            status_rgb(v).filter(|_| by == ColorBy::Status)
        })
    }

    pub fn by(&self) -> ColorBy {
        self.by
    }

    /// (value, colour), in the order given to `new`.
    pub fn ordered(&self) -> &[(String, Rgb)] {
        &self.ordered
    }

    /// The colour of `value` (grey for none or one not listed).
    pub fn of_value(&self, value: Option<&str>) -> Rgb {
        (value.and_then(|v| self.assigned.get(v)).copied()).unwrap_or(palette::NONE)
    }

    /// Note `id`'s colour under a colouring by status, tag, folder or
    /// community (grey under the others, which the window colours).
    pub fn of_note(&self, ws: &Workspace, id: NoteId) -> Rgb {
        match self.by {
            ColorBy::Community => {
                let c = ws.communities().of[id];
                self.ordered.get(c).map_or(palette::NONE, |e| e.1)
            }
            _ => self.of_value(value_of(self.by, &ws.vault.notes[id])),
        }
    }
}

/// What colouring `by` reads of a note: its status, first tag or top
/// folder (none for the others).
pub fn value_of(by: ColorBy, note: &Note) -> Option<&str> {
    match by {
        ColorBy::Status => note.frontmatter.status.as_deref(),
        ColorBy::Tag => note.frontmatter.tags.first().map(String::as_str),
        ColorBy::Folder => Some(note.top_folder()),
        _ => None,
    }
}

/// Values by count, most common first, then by name.
pub fn sorted(counts: &BTreeMap<String, usize>) -> Vec<(String, usize)> {
    let mut values: Vec<(String, usize)> = counts.iter().map(|(k, v)| (k.clone(), *v)).collect();
    values.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    values
}

/// A missing note's radius.
pub const GHOST_RADIUS: f32 = 4.0;

/// A note's radius by its number of links (undirected, a link each way
/// counted twice), capped so that hubs do not cover their neighbours.
pub fn links_radius(degree: usize) -> f32 {
    (3.5 + 1.8 * (degree as f32).sqrt()).min(18.0)
}

/// The colouring an export uses for the window's `by`: the colourings by
/// self-check and by review, which change with the day where an export
/// must not, colour by status.
pub fn exported(by: ColorBy) -> ColorBy {
    match by {
        ColorBy::SelfCheck | ColorBy::Review => ColorBy::Status,
        by => by,
    }
}

/// Every node's colour and radius as the window draws it with `color_by`
/// and `size_by`, by export index (notes, then missing notes). The
/// window's colourings by self-check and by review (which changes with
/// the day, where an export must not) colour by status here.
pub fn node_looks(ws: &Workspace, color_by: ColorBy, size_by: SizeBy) -> Looks {
    let (vault, graph) = (&ws.vault, &ws.graph);
    let facets = Facets::of(vault);
    let by = effective(exported(color_by), &facets, vault.notes.len());
    let colouring = Colouring::of(ws, &facets, by);
    let mut colour: Vec<Rgb> = (0..vault.notes.len())
        .map(|id| colouring.of_note(ws, id))
        .collect();
    colour.resize(vault.notes.len() + graph.ghosts.len(), palette::GHOST);
    let mut radius = vec![GHOST_RADIUS; vault.notes.len() + graph.ghosts.len()];
    for n in graph.graph.node_indices() {
        let Node::Note(id) = graph.graph[n] else {
            continue;
        };
        radius[id] = match size_by {
            SizeBy::Importance => {
                importance_radius(vault.notes[id].frontmatter.importance, facets.importance)
            }
            SizeBy::Links => links_radius(graph.graph.neighbors_undirected(n).count()),
        };
    }
    Looks { colour, radius }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tells_apart(counts: &[(&str, usize)]) -> bool {
        let map: BTreeMap<String, usize> =
            (counts.iter()).map(|(k, n)| (k.to_string(), *n)).collect();
        status_tells_notes_apart(&map, counts.iter().map(|(_, n)| n).sum())
    }

    #[test]
    fn status_colours_only_where_status_tells_notes_apart() {
        // Every note the same status: one colour.
        assert!(!tells_apart(&[("todo", 500)]));
        // One status and a few stray values under 5 % each.
        assert!(!tells_apart(&[
            ("todo", 960),
            ("done", 20),
            (NONE_LABEL, 20)
        ]));
        // Almost no note has a status.
        assert!(!tells_apart(&[
            (NONE_LABEL, 850),
            ("todo", 100),
            ("done", 50)
        ]));
        // Two sizeable values, "no status" one of them.
        assert!(tells_apart(&[("todo", 900), (NONE_LABEL, 100)]));
        assert!(tells_apart(&[("todo", 50), ("mastered", 50)]));
        // Exactly 5 % is enough.
        assert!(tells_apart(&[("todo", 95), ("done", 5)]));
        assert!(!tells_apart(&[]));
    }

    #[test]
    fn values_take_fixed_colours_then_the_palette_in_order() {
        let values = vec![
            ("someday".to_string(), 9),
            ("mastered".to_string(), 5),
            (NONE_LABEL.to_string(), 3),
            ("later".to_string(), 1),
        ];
        let c = Colouring::new(ColorBy::Status, values, status_rgb);
        assert_eq!(c.of_value(Some("someday")), palette::CATEGORICAL[0]);
        assert_eq!(c.of_value(Some("mastered")), palette::STAGES[0]);
        assert_eq!(c.of_value(Some("later")), palette::CATEGORICAL[1]);
        assert_eq!(c.of_value(None), palette::NONE);
        assert_eq!(c.of_value(Some("unknown")), palette::NONE);
        // A community of one is grey; past ten, hues of their own.
        let communities = (0..12).map(|i| (format!("c{i}"), 12 - i)).collect();
        let c = Colouring::new(ColorBy::Community, communities, |_| None);
        assert_eq!(c.ordered()[0].1, palette::CATEGORICAL[0]);
        assert_eq!(c.ordered()[10].1, palette::spread(10));
        assert_eq!(c.ordered()[11].1, palette::NONE);
    }

    #[test]
    fn radii_grow_with_importance_and_links() {
        let range = Some((1.0, 5.0));
        assert_eq!(importance_radius(None, range), 4.0);
        assert_eq!(importance_radius(Some(5.0), range), 11.0);
        assert_eq!(importance_radius(Some(3.0), Some((3.0, 3.0))), 7.5);
        assert!(links_radius(9) > links_radius(1));
        assert_eq!(links_radius(10_000), 18.0);
    }
}
