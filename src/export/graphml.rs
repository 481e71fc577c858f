//! The GraphML writer: note fields as keys, positions and communities
//! when given, the colours and sizes Gephi reads (`r`, `g`, `b`, `size`,
//! edge `weight`), and yEd's graphics for its labels and fill colours.

use super::{edges, export_style, xml_escape, Extras};
use crate::graph::NoteGraph;
use crate::vault::Vault;
use std::io::{self, Write};

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

pub(super) fn write_graphml(
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
        let fill = (extras.looks.as_ref()).and_then(|l| l.colour.get(i));
        let fill = fill.map_or(String::new(), |&rgb| {
            format!(r#"<y:Fill color="{}"/>"#, crate::palette::hex(rgb))
        });
        writeln!(
            out,
            r#"      <data key="yed"><y:ShapeNode><y:Geometry width="{}" height="30"{xy}/>{fill}<y:Shape type="roundrectangle"/><y:NodeLabel>{}</y:NodeLabel></y:ShapeNode></data>"#,
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
    // Gephi reads an edge's colour from keys named `r`, `g`, `b` and its
    // weight (here the link count) from `weight`; `color` is for the
    // rest. A node's `r` holds the id `r`, hence `edge_r`.
    let edge_keys = [
        ("kind", "kind", "string"),
        ("count", "count", "int"),
        ("color", "color", "string"),
        ("edge_r", "r", "int"),
        ("edge_g", "g", "int"),
        ("edge_b", "b", "int"),
        ("weight", "weight", "double"),
    ];
    for (id, name, ty) in edge_keys {
        writeln!(
            out,
            r#"  <key id="{id}" for="edge" attr.name="{name}" attr.type="{ty}"/>"#
        )?;
    }
    // And a node's colour and size from these.
    if extras.looks.is_some() {
        for (id, ty) in [("r", "int"), ("g", "int"), ("b", "int"), ("size", "float")] {
            writeln!(
                out,
                r#"  <key id="{id}" for="node" attr.name="{id}" attr.type="{ty}"/>"#
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

pub(super) fn graphml_data(out: &mut dyn Write, key: &str, value: &str) -> io::Result<()> {
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
        for (key, value) in ["edge_r", "edge_g", "edge_b"].iter().zip(style.rgb) {
            data(out, key, &value.to_string())?;
        }
        data(out, "weight", &e.count.to_string())?;
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
