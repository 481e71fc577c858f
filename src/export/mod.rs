//! Writing the graph for other tools: JSON, Graphviz DOT and GraphML;
//! and for readers: a single-file HTML map (`html/`).

mod dot;
mod extras;
pub mod html;

pub use extras::{Extras, Part};

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
    /// A page to read in a browser (`html::write_html`).
    Html,
}

/// Position of every graph node in the exported node list: notes in path
/// order, then ghosts.
fn export_index(graph: &NoteGraph, node: petgraph::stable_graph::NodeIndex) -> usize {
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
        Format::Graphml => write_graphml(vault, graph, extras, out),
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

/// Node attributes declared as GraphML keys: (key id, name, type).
const NODE_KEYS: &[(&str, &str, &str)] = &[
    ("label", "label", "string"),
    ("path", "path", "string"),
    ("note_id", "note_id", "string"),
    ("type", "type", "string"),
    ("status", "status", "string"),
    ("importance", "importance", "double"),
    ("difficulty", "difficulty", "string"),
    ("tags", "tags", "string"),
    ("aliases", "aliases", "string"),
    ("canonical", "canonical", "boolean"),
    ("created_at", "created_at", "string"),
    ("updated_at", "updated_at", "string"),
    ("ghost", "ghost", "boolean"),
];

fn write_graphml(
    vault: &Vault,
    graph: &NoteGraph,
    extras: &Extras,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:y="http://www.yworks.com/xml/graphml" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd">"#
    )?;
    write_graphml_keys(extras, out)?;
    writeln!(
        out,
        r#"  <graph id="{}" edgedefault="directed">"#,
        xml_escape(&vault.name())
    )?;
    let data = graphml_data;
    // yEd reads positions from its own geometry.
    let yed_label = |out: &mut dyn Write, i: usize, label: &str| -> io::Result<()> {
        extras.graphml_fields(out, i)?;
        let at = extras.position(i);
        let xy = at.map_or(String::new(), |[x, y]| format!(r#" x="{x}" y="{y}""#));
        writeln!(
            out,
            r#"      <data key="yed"><y:ShapeNode><y:Geometry width="{}" height="30"{xy}/><y:Shape type="roundrectangle"/><y:NodeLabel>{}</y:NodeLabel></y:ShapeNode></data>"#,
            (label.chars().count() * 7 + 20).min(400),
            xml_escape(label)
        )
    };
    let shown = vault.notes.iter().enumerate();
    for (i, note) in shown.filter(|(i, n)| !n.hidden_from_graph() && extras.keeps(*i)) {
        let fm = &note.frontmatter;
        writeln!(out, r#"    <node id="n{i}">"#)?;
        data(out, "label", &note.title)?;
        data(out, "path", &note.path)?;
        for (key, value) in [
            ("note_id", &fm.id),
            ("type", &fm.note_type),
            ("status", &fm.status),
            ("difficulty", &fm.difficulty),
            ("created_at", &fm.created_at),
            ("updated_at", &fm.updated_at),
        ] {
            if let Some(value) = value {
                data(out, key, value)?;
            }
        }
        if let Some(importance) = fm.importance {
            data(out, "importance", &importance.to_string())?;
        }
        if let Some(canonical) = fm.canonical {
            data(out, "canonical", &canonical.to_string())?;
        }
        data(out, "tags", &fm.tags.join(","))?;
        data(out, "aliases", &fm.aliases.join(","))?;
        data(out, "ghost", "false")?;
        yed_label(out, i, &note.title)?;
        writeln!(out, "    </node>")?;
    }
    let ghosts = graph.ghosts.iter().enumerate();
    for (g, ghost) in ghosts.filter(|(g, _)| extras.keeps(vault.notes.len() + g)) {
        writeln!(out, r#"    <node id="n{}">"#, vault.notes.len() + g)?;
        data(out, "label", &ghost.label)?;
        data(out, "ghost", "true")?;
        yed_label(out, vault.notes.len() + g, &ghost.label)?;
        writeln!(out, "    </node>")?;
    }
    write_graphml_edges(vault, graph, extras, out)?;
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")
}

/// The `<key>` declarations: note fields, edge fields, positions and
/// communities when exported, and yEd's graphics.
fn write_graphml_keys(extras: &Extras, out: &mut dyn Write) -> io::Result<()> {
    for (id, name, ty) in NODE_KEYS {
        writeln!(
            out,
            r#"  <key id="{id}" for="node" attr.name="{name}" attr.type="{ty}"/>"#
        )?;
    }
    for (id, ty) in [("kind", "string"), ("count", "int"), ("color", "string")] {
        writeln!(
            out,
            r#"  <key id="{id}" for="edge" attr.name="{id}" attr.type="{ty}"/>"#
        )?;
    }
    // Gephi reads positions from node attributes named x and y.
    if extras.positions.is_some() {
        for axis in ["x", "y"] {
            writeln!(
                out,
                r#"  <key id="{axis}" for="node" attr.name="{axis}" attr.type="float"/>"#
            )?;
        }
    }
    if extras.community.is_some() {
        writeln!(
            out,
            r#"  <key id="community" for="node" attr.name="community" attr.type="int"/>"#
        )?;
    }
    // yEd shows labels only from its own graphics element; Gephi ignores it.
    writeln!(
        out,
        r#"  <key id="yed" for="node" yfiles.type="nodegraphics"/>"#
    )?;
    writeln!(
        out,
        r#"  <key id="yed_edge" for="edge" yfiles.type="edgegraphics"/>"#
    )?;
    Ok(())
}

fn graphml_data(out: &mut dyn Write, key: &str, value: &str) -> io::Result<()> {
    writeln!(
        out,
        r#"      <data key="{key}">{}</data>"#,
        xml_escape(value)
    )
}

/// The `<edge>` elements, with their kind, count and style.
fn write_graphml_edges(
    vault: &Vault,
    graph: &NoteGraph,
    extras: &Extras,
    out: &mut dyn Write,
) -> io::Result<()> {
    let data = graphml_data;
    for (i, e) in edges(vault, graph, extras).iter().enumerate() {
        writeln!(
            out,
            r#"    <edge id="e{i}" source="n{}" target="n{}">"#,
            e.source, e.target
        )?;
        data(out, "kind", e.kind.as_str())?;
        data(out, "count", &e.count.to_string())?;
        let style = export_style(e.kind);
        data(out, "color", &style.hex())?;
        let line = if style.dashed {
            "dashed"
        } else if style.dotted {
            "dotted"
        } else {
            "line"
        };
        writeln!(
            out,
            r#"      <data key="yed_edge"><y:PolyLineEdge><y:LineStyle color="{}" type="{line}" width="{}"/><y:Arrows source="none" target="standard"/></y:PolyLineEdge></data>"#,
            style.hex(),
            style.width
        )?;
        writeln!(out, "    </edge>")?;
    }
    Ok(())
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
