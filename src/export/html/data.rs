//! The map's data as one JSON object, for the page's script: nodes
//! (notes, then the missing notes drawn), their places, colours and sizes,
//! the links, each note's HTML, the pictures, the plan and what is
//! learned. Written into a `<script>`, so every `<`, `>` and `&` is
//! escaped (`\u003c`): no note text can close the element.

use super::pictures::Pictures;
use super::render::NoteRenderer;
use super::Map;
use crate::export::{edges, Extras};
use crate::graph::NoteGraph;
use crate::palette::{self, Rgb};
use crate::vault::{EdgeKind, Vault};
use serde_json::{json, Value};
use std::collections::HashMap;

/// The data, as JS-safe JSON text.
pub fn map_json(vault: &Vault, graph: &NoteGraph, extras: &Extras, map: &Map) -> String {
    let notes = vault.notes.len();
    // The missing notes drawn, by ghost index: their page index.
    let ghosts: Vec<usize> = (0..graph.ghosts.len())
        .filter(|g| extras.keeps(notes + g))
        .collect();
    let mut page_of_ghost = vec![usize::MAX; graph.ghosts.len()];
    for (k, &g) in ghosts.iter().enumerate() {
        page_of_ghost[g] = notes + k;
    }
    let export_to_page = |i: usize| {
        if i < notes {
            i
        } else {
            page_of_ghost[i - notes]
        }
    };
    let drawn = |i: usize| i >= notes || (!vault.notes[i].hidden_from_graph() && extras.keeps(i));

    let mut colors = Colors::default();
    let mut pos = Vec::with_capacity(2 * (notes + ghosts.len()));
    let (mut color, mut radius) = (Vec::new(), Vec::new());
    let export_indices = (0..notes).chain(ghosts.iter().map(|g| notes + g));
    for i in export_indices {
        match extras.position(i).filter(|_| drawn(i)) {
            Some([x, y]) => pos.extend([round(x), round(y)]),
            None => pos.extend([Value::Null, Value::Null]),
        }
        let rgb = match map.colors.get(i) {
            _ if i >= notes => palette::GHOST,
            Some(&c) => c,
            None => palette::NONE,
        };
        color.push(colors.index(rgb));
        radius.push(if i >= notes {
            3.0
        } else {
            map.radius.get(i).copied().unwrap_or(4.0)
        });
    }
    let mut flat_edges = Vec::new();
    for e in edges(vault, graph, extras) {
        let (s, t) = (export_to_page(e.source), export_to_page(e.target));
        let kind = EdgeKind::ALL.iter().position(|&k| k == e.kind).unwrap_or(3);
        flat_edges.extend([s, t, kind]);
    }
    let ghost_page: HashMap<&str, usize> = (ghosts.iter())
        .map(|&g| (graph.ghosts[g].key.as_str(), page_of_ghost[g]))
        .collect();
    let mut pictures = Pictures::default();
    let renderer = NoteRenderer::new(vault, &ghost_page);
    let html: Vec<String> = (0..notes)
        .map(|id| renderer.note_html(id, &mut pictures))
        .collect();
    let titles = (vault.notes.iter().map(|n| n.title.as_str()))
        .chain(ghosts.iter().map(|&g| graph.ghosts[g].label.as_str()));
    let doc = json!({
        "vault": vault.name(),
        "notes": notes,
        "title": titles.collect::<Vec<_>>(),
        "path": vault.notes.iter().map(|n| &n.path).collect::<Vec<_>>(),
        "status": vault.notes.iter().map(|n| &n.frontmatter.status).collect::<Vec<_>>(),
        "tags": vault.notes.iter().map(|n| &n.frontmatter.tags).collect::<Vec<_>>(),
        "pos": pos,
        "r": radius.iter().map(|&r| round(r)).collect::<Vec<_>>(),
        "c": color,
        "colors": colors.hex,
        "edges": flat_edges,
        "kinds": kinds(),
        "legend": {"by": map.colored_by, "items": legend(map)},
        "html": html,
        "img": pictures.uris,
        "plan": plan_json(map),
        "learned": map.learned.as_ref().map(|l| {
            (l.iter().enumerate()).filter(|(_, &on)| on).map(|(i, _)| i).collect::<Vec<_>>()
        }),
    });
    script_safe(&doc.to_string())
}

/// One decimal is far finer than a pixel at any zoom a reader uses.
fn round(v: f32) -> Value {
    let r = (v * 10.0).round() / 10.0;
    if r.is_finite() {
        json!(r)
    } else {
        Value::Null
    }
}

/// The distinct colours used, each once, by index.
#[derive(Default)]
struct Colors {
    hex: Vec<String>,
    index: HashMap<Rgb, usize>,
}

impl Colors {
    fn index(&mut self, rgb: Rgb) -> usize {
        let next = self.hex.len();
        *self.index.entry(rgb).or_insert_with(|| {
            self.hex.push(palette::hex(rgb));
            next
        })
    }
}

/// Each kind of link: its name and look on dark and light paper.
fn kinds() -> Vec<Value> {
    (EdgeKind::ALL.iter())
        .map(|&k| {
            let (dark, light) = (palette::edge_style(k, true), palette::edge_style(k, false));
            let dash = if dark.dashed {
                1
            } else if dark.dotted {
                2
            } else {
                0
            };
            json!({"name": k.as_str(), "dark": dark.hex(), "light": light.hex(),
                "width": dark.width, "dash": dash})
        })
        .collect()
}

fn legend(map: &Map) -> Vec<Value> {
    (map.legend.iter())
        .map(|(label, rgb)| json!([label, palette::hex(*rgb)]))
        .collect()
}

fn plan_json(map: &Map) -> Value {
    let Some(plan) = &map.plan else {
        return Value::Null;
    };
    let steps: Vec<Value> = (plan.steps.iter())
        .map(|s| json!([s.note, s.learned, s.cycle]))
        .collect();
    let implied: Vec<Value> = (plan.implied.iter())
        .map(|(note, by)| json!([note, by]))
        .collect();
    json!({"targets": plan.targets, "steps": steps, "implied": implied})
}

/// JSON that can stand inside a `<script>` element: `<`, `>` and `&`
/// (only ever inside strings) written as `\u003c` and its kin, and the
/// two line separators older parsers took for line ends.
pub fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + json.len() / 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}
