//! The GEXF 1.3 writer, for Gephi: each node with its attributes (path,
//! status, tags, importance, community...) and, as the window draws it,
//! `viz:color`, `viz:size` and `viz:position`; each link with its kind
//! (GEXF's edge `kind`, which Gephi keeps apart), count as weight, colour,
//! width and line shape.

use super::{edges, export_style, xml_escape, Extras};
use crate::graph::NoteGraph;
use crate::palette::Rgb;
use crate::vault::Vault;
use std::io::{self, Write};

/// Node attributes: (id and title, GEXF type).
const NODE_ATTRIBUTES: &[(&str, &str)] = &[
    ("path", "string"),
    ("note_id", "string"),
    ("type", "string"),
    ("status", "string"),
    ("importance", "double"),
    ("difficulty", "string"),
    ("tags", "string"),
    ("ghost", "boolean"),
];

pub(super) fn write_gexf(
    vault: &Vault,
    graph: &NoteGraph,
    extras: &Extras,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">"#
    )?;
    writeln!(
        out,
        "  <meta>\n    <creator>notegraph</creator>\n    <description>{}</description>\n  </meta>",
        xml_escape(&vault.name())
    )?;
    writeln!(out, r#"  <graph defaultedgetype="directed" mode="static">"#)?;
    writeln!(out, r#"    <attributes class="node">"#)?;
    let mut declared: Vec<(&str, &str)> = NODE_ATTRIBUTES.to_vec();
    if extras.community.is_some() {
        declared.push(("community", "integer"));
    }
    if extras.layer.is_some() {
        declared.push(("layer", "integer"));
    }
    for (id, ty) in declared {
        writeln!(
            out,
            r#"      <attribute id="{id}" title="{id}" type="{ty}"/>"#
        )?;
    }
    writeln!(out, "    </attributes>")?;
    writeln!(out, r#"    <attributes class="edge">"#)?;
    writeln!(
        out,
        r#"      <attribute id="kind" title="kind" type="string"/>"#
    )?;
    writeln!(
        out,
        r#"      <attribute id="count" title="count" type="integer"/>"#
    )?;
    writeln!(out, "    </attributes>")?;
    writeln!(out, "    <nodes>")?;
    write_nodes(vault, graph, extras, out)?;
    writeln!(out, "    </nodes>")?;
    writeln!(out, "    <edges>")?;
    for (i, e) in edges(vault, graph, extras).iter().enumerate() {
        let kind = e.kind.as_str();
        let style = export_style(e.kind);
        let shape = if style.dashed {
            "dashed"
        } else if style.dotted {
            "dotted"
        } else {
            "solid"
        };
        writeln!(
            out,
            r#"      <edge id="e{i}" source="n{}" target="n{}" label="{kind}" kind="{kind}" weight="{}">"#,
            e.source, e.target, e.count
        )?;
        writeln!(
            out,
            r#"        <attvalues><attvalue for="kind" value="{kind}"/><attvalue for="count" value="{}"/></attvalues>"#,
            e.count
        )?;
        writeln!(out, "        {}", viz_color(style.rgb))?;
        writeln!(out, r#"        <viz:thickness value="{}"/>"#, style.width)?;
        writeln!(out, r#"        <viz:shape value="{shape}"/>"#)?;
        writeln!(out, "      </edge>")?;
    }
    writeln!(out, "    </edges>")?;
    writeln!(out, "  </graph>")?;
    writeln!(out, "</gexf>")
}

fn viz_color([r, g, b]: Rgb) -> String {
    format!(r#"<viz:color r="{r}" g="{g}" b="{b}" a="1.0"/>"#)
}

fn write_nodes(
    vault: &Vault,
    graph: &NoteGraph,
    extras: &Extras,
    out: &mut dyn Write,
) -> io::Result<()> {
    let shown = vault.notes.iter().enumerate();
    for (i, note) in shown.filter(|(i, n)| !n.hidden_from_graph() && extras.keeps(*i)) {
        let fm = &note.frontmatter;
        let mut values: Vec<(&str, String)> = vec![("path", note.path.clone())];
        for (key, value) in [
            ("note_id", &fm.id),
            ("type", &fm.note_type),
            ("status", &fm.status),
            ("difficulty", &fm.difficulty),
        ] {
            values.extend(value.clone().map(|v| (key, v)));
        }
        let importance = fm.importance.filter(|v| v.is_finite());
        values.extend(importance.map(|v| ("importance", v.to_string())));
        values.push(("tags", fm.tags.join(",")));
        values.push(("ghost", "false".to_string()));
        write_node(out, extras, i, &note.title, values, false)?;
    }
    let ghosts = graph.ghosts.iter().enumerate();
    for (g, ghost) in ghosts.filter(|(g, _)| extras.keeps(vault.notes.len() + g)) {
        let values = vec![("ghost", "true".to_string())];
        write_node(
            out,
            extras,
            vault.notes.len() + g,
            &ghost.label,
            values,
            true,
        )?;
    }
    Ok(())
}

/// One `<node>`: its attribute values, then how it is drawn. Gephi's y
/// axis points up, the layout's down: y is turned over so that Gephi
/// shows the window's picture.
fn write_node(
    out: &mut dyn Write,
    extras: &Extras,
    i: usize,
    label: &str,
    mut values: Vec<(&str, String)>,
    ghost: bool,
) -> io::Result<()> {
    if let Some(c) = extras.community.as_ref().and_then(|c| c.get(i)) {
        values.push(("community", c.to_string()));
    }
    if let Some(Some(l)) = extras.layer.as_ref().and_then(|l| l.get(i)) {
        values.push(("layer", l.to_string()));
    }
    writeln!(
        out,
        r#"      <node id="n{i}" label="{}">"#,
        xml_escape(label)
    )?;
    write!(out, "        <attvalues>")?;
    for (key, value) in values {
        write!(
            out,
            r#"<attvalue for="{key}" value="{}"/>"#,
            xml_escape(&value)
        )?;
    }
    writeln!(out, "</attvalues>")?;
    writeln!(out, "        {}", viz_color(extras.colour(i, ghost)))?;
    if let Some([x, y]) = extras.position(i) {
        writeln!(out, r#"        <viz:position x="{x}" y="{}" z="0.0"/>"#, -y)?;
    }
    writeln!(out, r#"        <viz:size value="{}"/>"#, extras.radius(i))?;
    writeln!(out, "      </node>")
}
