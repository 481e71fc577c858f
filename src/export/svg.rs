//! The SVG writer: the laid-out graph as the window draws it on a light
//! background, in vectors: links styled by kind with arrowheads, notes as
//! discs in their colours and sizes, titles as text. Nodes the layout did
//! not place (a layered drawing's notes without prerequisite links) are
//! left out with their links.

use super::{edges, export_style, xml_escape, Extras};
use crate::graph::NoteGraph;
use crate::vault::{EdgeKind, Vault};
use std::io::{self, Write};

/// Room around the drawing, in pixels.
const MARGIN: f32 = 24.0;
/// The labels' size, as the window's, in pixels.
const FONT_SIZE: f32 = 11.0;
/// How far from its nearest neighbour a note is typically drawn, in
/// pixels: the layout is spread to it, while discs keep the window's size
/// at zoom 1 and labels its size at any zoom, so that notes and their
/// labels have room between them.
const TYPICAL_NEIGHBOUR: f32 = 40.0;
/// The labels' colour, and the halo that keeps them readable over links.
const INK: &str = "#343a40";
const PAPER: &str = "#ffffff";

/// A node the drawing shows, in pixels.
struct Placed<'a> {
    index: usize,
    at: [f32; 2],
    radius: f32,
    label: &'a str,
    /// The note's path, shown on hover; none for a missing note.
    path: Option<&'a str>,
}

impl Placed<'_> {
    /// Half its label's width, roughly: an average glyph is about 0.55 of
    /// the font size wide.
    fn half_label(&self) -> f32 {
        self.label.chars().count() as f32 * 0.55 * FONT_SIZE / 2.0
    }

    /// The label's baseline, centred under the disc as in the window.
    fn baseline(&self) -> f32 {
        self.at[1] + self.radius + FONT_SIZE
    }
}

pub(super) fn write_svg(
    vault: &Vault,
    graph: &NoteGraph,
    extras: &Extras,
    out: &mut dyn Write,
) -> io::Result<()> {
    let placed = placed(vault, graph, extras);
    let mut by_index: Vec<Option<&Placed>> = vec![None; vault.notes.len() + graph.ghosts.len()];
    for p in &placed {
        by_index[p.index] = Some(p);
    }
    let (mut lo, mut hi) = ([f32::MAX; 2], [f32::MIN; 2]);
    for p in &placed {
        let half = p.half_label().max(p.radius);
        lo = [lo[0].min(p.at[0] - half), lo[1].min(p.at[1] - p.radius)];
        hi = [hi[0].max(p.at[0] + half), hi[1].max(p.baseline() + 3.0)];
    }
    if placed.is_empty() {
        (lo, hi) = ([0.0; 2], [0.0; 2]);
    }
    let (x0, y0) = (lo[0] - MARGIN, lo[1] - MARGIN);
    let (w, h) = (hi[0] - lo[0] + 2.0 * MARGIN, hi[1] - lo[1] + 2.0 * MARGIN);
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x0:.1} {y0:.1} {w:.1} {h:.1}" width="{w:.0}" height="{h:.0}" font-family="Helvetica, Arial, sans-serif">"#
    )?;
    writeln!(out, "<title>{}</title>", xml_escape(&vault.name()))?;
    write_markers(out)?;
    writeln!(
        out,
        r#"<rect x="{x0:.1}" y="{y0:.1}" width="{w:.1}" height="{h:.1}" fill="{PAPER}"/>"#
    )?;
    write_links(vault, graph, extras, &by_index, out)?;
    writeln!(out, r#"<g stroke="{PAPER}" stroke-width="0.8">"#)?;
    for p in &placed {
        let [r, g, b] = extras.colour(p.index, p.path.is_none());
        let [x, y] = p.at;
        write!(
            out,
            r#"<circle cx="{x:.1}" cy="{y:.1}" r="{:.1}" fill="rgb({r},{g},{b})""#,
            p.radius
        )?;
        // The title on hover names the note where its label gave way.
        let title = match p.path {
            Some(path) => format!("{}\n{}", p.label, path),
            None => p.label.to_string(),
        };
        let dash = if p.path.is_none() {
            r#" stroke-dasharray="2 1.5""#
        } else {
            ""
        };
        writeln!(out, "{dash}><title>{}</title></circle>", xml_escape(&title))?;
    }
    writeln!(out, "</g>")?;
    writeln!(
        out,
        r#"<g font-size="{FONT_SIZE}" text-anchor="middle" fill="{INK}" stroke="{PAPER}" stroke-width="2.5" stroke-linejoin="round" paint-order="stroke">"#
    )?;
    let labelled = labelled(&placed);
    for p in placed
        .iter()
        .zip(&labelled)
        .filter(|(_, &on)| on)
        .map(|(p, _)| p)
    {
        writeln!(
            out,
            r#"<text x="{:.1}" y="{:.1}">{}</text>"#,
            p.at[0],
            p.baseline(),
            xml_escape(p.label)
        )?;
    }
    writeln!(out, "</g>")?;
    writeln!(out, "</svg>")
}

/// Which of `placed` get their label: the biggest notes first, each label
/// only where it covers no label already given, so that none overlap (as
/// the window shows labels by rank).
fn labelled(placed: &[Placed]) -> Vec<bool> {
    const CELL: f32 = 64.0;
    let boxes: Vec<[f32; 4]> = (placed.iter())
        .map(|p| {
            let half = p.half_label();
            let base = p.baseline();
            [p.at[0] - half, base - FONT_SIZE, p.at[0] + half, base + 3.0]
        })
        .collect();
    let mut order: Vec<usize> = (0..placed.len()).collect();
    order.sort_by(|&a, &b| {
        placed[b]
            .radius
            .total_cmp(&placed[a].radius)
            .then(a.cmp(&b))
    });
    let cells = |b: &[f32; 4]| {
        let (x0, x1) = ((b[0] / CELL).floor() as i64, (b[2] / CELL).floor() as i64);
        let (y0, y1) = ((b[1] / CELL).floor() as i64, (b[3] / CELL).floor() as i64);
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    };
    let mut grid: std::collections::HashMap<(i64, i64), Vec<usize>> = Default::default();
    let mut on = vec![false; placed.len()];
    for i in order {
        let b = &boxes[i];
        let overlaps = |j: &usize| {
            let o = &boxes[*j];
            b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]
        };
        if cells(b).any(|c| grid.get(&c).is_some_and(|js| js.iter().any(overlaps))) {
            continue;
        }
        on[i] = true;
        for c in cells(b) {
            grid.entry(c).or_default().push(i);
        }
    }
    on
}

/// The notes and missing notes written that the layout placed, spread
/// so that notes typically lie `TYPICAL_NEIGHBOUR` from their nearest.
fn placed<'a>(vault: &'a Vault, graph: &'a NoteGraph, extras: &Extras) -> Vec<Placed<'a>> {
    let mut placed = unscaled(vault, graph, extras);
    let indices: Vec<usize> = placed.iter().map(|p| p.index).collect();
    let spacing = extras.typical_spacing(&indices);
    let zoom = spacing.map_or(1.0, |m| (TYPICAL_NEIGHBOUR / m).clamp(0.1, 50.0));
    for p in &mut placed {
        p.at = p.at.map(|v| v * zoom);
    }
    placed
}

/// The nodes written that the layout placed, in the layout's units.
fn unscaled<'a>(vault: &'a Vault, graph: &'a NoteGraph, extras: &Extras) -> Vec<Placed<'a>> {
    let notes = (vault.notes.iter().enumerate())
        .filter(|(i, n)| !n.hidden_from_graph() && extras.keeps(*i))
        .map(|(i, n)| (i, n.title.as_str(), Some(n.path.as_str())));
    let ghosts = (graph.ghosts.iter().enumerate())
        .map(|(g, ghost)| (vault.notes.len() + g, ghost.label.as_str(), None))
        .filter(|(i, _, _)| extras.keeps(*i));
    (notes.chain(ghosts))
        .filter_map(|(index, label, path)| {
            Some(Placed {
                index,
                at: extras.position(index)?,
                radius: extras.radius(index),
                label,
                path,
            })
        })
        .collect()
}

/// The kinds of link, faintest first, so that prerequisites are drawn
/// over mentions.
const DRAWING_ORDER: [EdgeKind; 4] = [
    EdgeKind::Mention,
    EdgeKind::Related,
    EdgeKind::Compare,
    EdgeKind::Prerequisite,
];

/// An arrowhead per kind, in its colour, sized by the link's width.
fn write_markers(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "<defs>")?;
    for kind in DRAWING_ORDER {
        writeln!(
            out,
            r#"<marker id="arrow-{}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" markerHeight="5" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{}"/></marker>"#,
            kind.as_str(),
            export_style(kind).hex()
        )?;
    }
    writeln!(out, "</defs>")
}

/// One group per kind of link, styled once: a line from disc edge to disc
/// edge, the arrow's tip on the target's rim.
fn write_links(
    vault: &Vault,
    graph: &NoteGraph,
    extras: &Extras,
    by_index: &[Option<&Placed>],
    out: &mut dyn Write,
) -> io::Result<()> {
    let all = edges(vault, graph, extras);
    // Thousands of links would cover the notes: the more there are, the
    // fainter each, as the window fades them when zoomed out.
    let opacity = (500.0 / all.len().max(1) as f32).sqrt().clamp(0.2, 1.0);
    for kind in DRAWING_ORDER {
        let style = export_style(kind);
        let dash = if style.dashed {
            r#" stroke-dasharray="5 3""#
        } else if style.dotted {
            r#" stroke-dasharray="0.5 2.5""#
        } else {
            ""
        };
        writeln!(
            out,
            r#"<g fill="none" stroke="{}" stroke-width="{}" stroke-opacity="{opacity:.2}" stroke-linecap="round"{dash} marker-end="url(#arrow-{})">"#,
            style.hex(),
            style.width,
            kind.as_str()
        )?;
        for e in all.iter().filter(|e| e.kind == kind) {
            let (Some(a), Some(b)) = (by_index[e.source], by_index[e.target]) else {
                continue;
            };
            let (dx, dy) = (b.at[0] - a.at[0], b.at[1] - a.at[1]);
            let d = (dx * dx + dy * dy).sqrt();
            // Discs that touch leave no line to draw.
            if d <= a.radius + b.radius + 1.0 {
                continue;
            }
            let (ux, uy) = (dx / d, dy / d);
            let from = [a.at[0] + ux * a.radius, a.at[1] + uy * a.radius];
            let to = [
                b.at[0] - ux * (b.radius + 1.0),
                b.at[1] - uy * (b.radius + 1.0),
            ];
            writeln!(
                out,
                r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}"/>"#,
                from[0], from[1], to[0], to[1]
            )?;
        }
        writeln!(out, "</g>")?;
    }
    Ok(())
}
