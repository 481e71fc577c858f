//! The Graphviz DOT writer.

use super::{edges, export_style, Extras};
use crate::graph::NoteGraph;
use crate::vault::{EdgeKind, Vault};
use std::io::{self, Write};

/// A DOT double-quoted string.
pub(super) fn dot_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' | '\t' => out.push(' '),
            // Graphviz rejects NUL and chokes on other controls: a title
            // may hold any of them.
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// DOT attributes of an edge of `kind`.
fn dot_edge_style(kind: EdgeKind) -> String {
    let style = export_style(kind);
    let mut attrs = format!("color=\"{}\", penwidth={}", style.hex(), style.width);
    if style.dashed {
        attrs.push_str(", style=dashed");
    } else if style.dotted {
        attrs.push_str(", style=dotted");
    }
    attrs
}

pub(super) fn write_dot(
    vault: &Vault,
    graph: &NoteGraph,
    extras: &Extras,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, "digraph notegraph {{")?;
    writeln!(
        out,
        "  graph [label={}, rankdir=LR, overlap=false];",
        dot_str(&vault.name())
    )?;
    writeln!(out, "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#f1f3f5\", fontname=\"Helvetica\"];")?;
    let shown = vault.notes.iter().enumerate();
    for (i, note) in shown.filter(|(i, n)| !n.hidden_from_graph() && extras.keeps(*i)) {
        let fm = &note.frontmatter;
        write!(
            out,
            "  n{i} [label={}, tooltip={}",
            dot_str(&note.title),
            dot_str(&note.path)
        )?;
        for (key, value) in [
            ("note_id", fm.id.as_deref()),
            ("status", fm.status.as_deref()),
            ("type", fm.note_type.as_deref()),
            ("difficulty", fm.difficulty.as_deref()),
        ] {
            if let Some(value) = value {
                write!(out, ", {key}={}", dot_str(value))?;
            }
        }
        if !fm.tags.is_empty() {
            write!(out, ", tags={}", dot_str(&fm.tags.join(",")))?;
        }
        writeln!(out, "{}];", extras.dot_fields(i))?;
    }
    let ghosts = graph.ghosts.iter().enumerate();
    for (g, ghost) in ghosts.filter(|(g, _)| extras.keeps(vault.notes.len() + g)) {
        writeln!(
            out,
            "  n{} [label={}, style=\"rounded,dashed\", fontcolor=\"#868e96\", ghost=true{}];",
            vault.notes.len() + g,
            dot_str(&ghost.label),
            extras.dot_fields(vault.notes.len() + g)
        )?;
    }
    for e in edges(vault, graph, extras) {
        writeln!(
            out,
            "  n{} -> n{} [kind={}, {}];",
            e.source,
            e.target,
            e.kind.as_str(),
            dot_edge_style(e.kind)
        )?;
    }
    writeln!(out, "}}")
}
