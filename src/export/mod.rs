//! Writing the graph for other tools: JSON, Graphviz DOT, GraphML, GEXF,
//! SVG and JSON Canvas; and for readers: a single-file HTML map (`html/`).

mod canvas;
mod dot;
mod extras;
mod file;
mod gexf;
mod graphml;
pub mod html;
mod svg;

pub use extras::{Extras, Looks, Part};
pub use file::write_file;
use graphml::graphml_data;

use crate::graph::{Node, NoteGraph};
use crate::palette::{self, EdgeStyle};
use crate::vault::{EdgeKind, Note, Vault};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use serde_json::{json, Value};
use std::borrow::Cow;
use std::io::{self, Write};

/// An output format. The command line maps its own `--format` values to
/// these, so the library does not depend on clap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Dot,
    Graphml,
    /// GEXF 1.3 (Gephi), with the window's colours, sizes and positions.
    Gexf,
    /// A picture of the laid-out graph, as the window draws it.
    Svg,
    /// JSON Canvas 1.0 (Obsidian's `.canvas`): a card per note.
    Canvas,
    /// A page to read in a browser (`html::write_html`).
    Html,
}

impl Format {
    /// Whether the format writes each node's colour and size from
    /// `Extras::looks` (the HTML map takes its own, with a legend, from
    /// `html::Map`).
    pub fn carries_looks(self) -> bool {
        matches!(
            self,
            Format::Graphml | Format::Gexf | Format::Svg | Format::Canvas
        )
    }

    /// Whether the format is a drawing, meaningless without positions:
    /// the command line lays the graph out for it unless told how.
    pub fn needs_layout(self) -> bool {
        matches!(
            self,
            Format::Gexf | Format::Svg | Format::Canvas | Format::Html
        )
    }
}

/// Position of every graph node in the exported node list: notes in path
/// order, then ghosts.
pub fn export_index(graph: &NoteGraph, node: petgraph::stable_graph::NodeIndex) -> usize {
    match graph.graph[node] {
        Node::Note(id) => id,
        Node::Ghost(g) => graph.note_nodes.len() + g,
    }
}

struct ExportEdge {
    source: usize,
    target: usize,
    kind: EdgeKind,
    count: u32,
}

/// The edges, those of notes hidden from the graph (`graph: hide`) left
/// out with the notes, and those outside the part written.
fn edges(vault: &Vault, graph: &NoteGraph, extras: &Extras) -> Vec<ExportEdge> {
    let shown = |n| {
        (graph.note_of(n)).is_none_or(|id| !vault.notes[id].hidden_from_graph())
            && extras.keeps(export_index(graph, n))
    };
    let mut out: Vec<ExportEdge> = graph
        .graph
        .edge_references()
        .filter(|e| shown(e.source()) && shown(e.target()) && extras.keeps_kind(e.weight().kind))
        .map(|e| ExportEdge {
            source: export_index(graph, e.source()),
            target: export_index(graph, e.target()),
            kind: e.weight().kind,
            count: e.weight().count,
        })
        .collect();
    // By name, as the exports have always listed them.
    out.sort_by(|a, b| {
        (a.source, a.target, a.kind.as_str()).cmp(&(b.source, b.target, b.kind.as_str()))
    });
    out
}

pub fn write(
    vault: &Vault,
    graph: &NoteGraph,
    format: Format,
    out: &mut dyn Write,
) -> io::Result<()> {
    write_with(vault, graph, format, &Extras::default(), out)
}

/// `write`, with positions and communities when given.
pub fn write_with(
    vault: &Vault,
    graph: &NoteGraph,
    format: Format,
    extras: &Extras,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Json => write_json(vault, graph, extras, out),
        Format::Dot => dot::write_dot(vault, graph, extras, out),
        Format::Graphml => graphml::write_graphml(vault, graph, extras, out),
        Format::Gexf => gexf::write_gexf(vault, graph, extras, out),
        Format::Svg => svg::write_svg(vault, graph, extras, out),
        Format::Canvas => canvas::write_canvas(vault, graph, extras, out),
        Format::Html => html::write_html(vault, graph, extras, &html::Map::plain(vault), out),
    }
}

fn note_json(index: usize, note: &Note) -> Value {
    let fm = &note.frontmatter;
    json!({
        "index": index,
        "ghost": false,
        "path": note.path,
        "id": fm.id,
        "title": note.title,
        "type": fm.note_type,
        "status": fm.status,
        "importance": fm.importance,
        "difficulty": fm.difficulty,
        "tags": fm.tags,
        "canonical": fm.canonical,
        "aliases": fm.aliases,
        "created_at": fm.created_at,
        "updated_at": fm.updated_at,
        "extra": fm.extra,
    })
}

fn write_json(
    vault: &Vault,
    graph: &NoteGraph,
    extras: &Extras,
    out: &mut dyn Write,
) -> io::Result<()> {
    // Nodes and edges are written one at a time, not built as one JSON
    // tree: edges can number millions (1,500 notes each a prerequisite of
    // every other: 2.25 million, 3.7 GB as a tree) and so can missing
    // notes (1,000,000 dead links: 2.2 GB).
    let vault_name = serde_json::to_string(&vault.name())?;
    write!(out, "{{\n  \"vault\": {vault_name},\n  \"nodes\": [")?;
    let ghosts = (graph.ghosts.iter().enumerate())
        .filter(|(g, _)| extras.keeps(vault.notes.len() + g))
        .map(|(g, ghost)| {
            let index = vault.notes.len() + g;
            let node = json!({
                "index": index,
                "ghost": true,
                "title": ghost.label,
                "target": ghost.key,
            });
            (index, node)
        });
    let notes = (vault.notes.iter().enumerate())
        .filter(|(i, n)| !n.hidden_from_graph() && extras.keeps(*i))
        .map(|(i, n)| (i, note_json(i, n)));
    for (k, (i, mut node)) in notes.chain(ghosts).enumerate() {
        extras.json_fields(i, &mut node);
        let sep = if k == 0 { "" } else { "," };
        write!(out, "{sep}\n    {}", serde_json::to_string(&node)?)?;
    }
    write!(out, "\n  ],\n  \"edges\": [")?;
    for (i, e) in edges(vault, graph, extras).iter().enumerate() {
        let sep = if i == 0 { "" } else { "," };
        write!(
            out,
            "{sep}\n    {{\"source\": {}, \"target\": {}, \"kind\": \"{}\", \"count\": {}}}",
            e.source,
            e.target,
            e.kind.as_str(),
            e.count
        )?;
    }
    writeln!(out, "\n  ]\n}}")
}

/// Exports are read on white paper and screens, hence the light style.
fn export_style(kind: EdgeKind) -> EdgeStyle {
    palette::edge_style(kind, false)
}

/// XML text or attribute value. quick-xml escapes the markup characters;
/// characters that XML 1.0 forbids even escaped (most controls, U+FFFE,
/// U+FFFF) are dropped first, as a note title may hold any of them.
fn xml_escape(s: &str) -> Cow<'_, str> {
    let forbidden = |c: char| {
        ((c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
            || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    };
    if s.contains(forbidden) {
        quick_xml::escape::escape(s.replace(forbidden, ""))
    } else {
        quick_xml::escape::escape(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::tests::vault;

    fn export(format: Format) -> String {
        let v = vault(&[
            ("a.md", "---\ntitle: \"Quote \\\" & <tag>\"\ntags: [x]\n---\n### Prerequisites\n- [[b]]\n- [[gone]]\n"),
            ("b.md", "# B\n"),
        ]);
        let g = NoteGraph::build(&v);
        let mut out = Vec::new();
        write(&v, &g, format, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn json_has_nodes_ghosts_and_typed_edges() {
        let doc: Value = serde_json::from_str(&export(Format::Json)).unwrap();
        let nodes = doc["nodes"].as_array().unwrap();
        assert_eq!(nodes.len(), 3);
        assert_eq!(nodes[0]["title"], "Quote \" & <tag>");
        assert_eq!(nodes[0]["tags"], json!(["x"]));
        assert_eq!(nodes[2]["ghost"], true);
        assert_eq!(
            doc["edges"],
            json!([
                {"source": 0, "target": 1, "kind": "prerequisite", "count": 1},
                {"source": 0, "target": 2, "kind": "prerequisite", "count": 1}
            ])
        );
    }

    #[test]
    fn dot_drops_control_characters() {
        let v = crate::vault::tests::vault(&[(
            "a.md",
            "---\ntitle: \"bad\\0\\x01\\x1b[31m name\"\n---\n",
        )]);
        let g = NoteGraph::build(&v);
        let mut out = Vec::new();
        write(&v, &g, Format::Dot, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{text:?}"
        );
        assert!(text.contains("bad[31m name"), "{text}");
    }

    #[test]
    fn dot_escapes_labels() {
        let dot = export(Format::Dot);
        assert!(dot.starts_with("digraph notegraph {"));
        assert!(dot.contains(r#"n0 [label="Quote \" & <tag>""#), "{dot}");
        assert!(
            dot.contains(r##"n0 -> n1 [kind=prerequisite, color="#f76707", penwidth=2];"##),
            "{dot}"
        );
        assert!(dot.trim_end().ends_with('}'));
    }

    #[test]
    fn xml_escape_drops_what_xml_forbids() {
        let raw = "a<b>&'\"\u{1}\u{1F}\tz\u{FFFE}\u{FFFF}é";
        let escaped = xml_escape(raw);
        assert_eq!(escaped, "a&lt;b&gt;&amp;&apos;&quot;\tzé");
        let doc = format!("<x a=\"{escaped}\">{escaped}</x>");
        let parsed = roxmltree::Document::parse(&doc).expect("well-formed");
        assert_eq!(parsed.root_element().text(), Some("a<b>&'\"\tzé"));
        assert!(matches!(xml_escape("plain"), Cow::Borrowed("plain")));
    }

    #[test]
    fn graphml_escapes_and_declares_keys() {
        let xml = export(Format::Graphml);
        assert!(xml.contains(r#"<data key="label">Quote &quot; &amp; &lt;tag&gt;</data>"#));
        assert!(xml.contains(r#"<edge id="e0" source="n0" target="n1">"#));
        assert!(
            xml.contains(r##"<data key="color">#f76707</data>"##),
            "{xml}"
        );
        let parsed = roxmltree::Document::parse(&xml).expect("well-formed GraphML");
        assert_eq!(
            parsed
                .descendants()
                .filter(|n| n.has_tag_name("LineStyle"))
                .count(),
            2
        );
        assert_eq!(xml.matches("<node ").count(), 3);
        assert!(xml.trim_end().ends_with("</graphml>"));
    }
}
