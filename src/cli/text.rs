//! `search` and `related`: the full-text index on the command line.

use super::{CliError, Outcome};
use crate::analysis::text::{frontmatter_status, Query};
use crate::vault::{NoteId, Vault};
use crate::workspace::Workspace;
use serde_json::{json, Value};
use std::io::{self, Write};

/// `notegraph search VAULT QUERY`: best first, with line and snippet;
/// exit 1 when nothing matches.
pub fn search(
    ws: &Workspace,
    query: &str,
    limit: usize,
    as_json: bool,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let vault = &*ws.vault;
    let index = ws.text_index();
    // A whole query, typed out: no word is read as a prefix.
    let parsed = Query::parse(query, false);
    let results = index.search(vault, &parsed, &frontmatter_status(vault), limit);
    if as_json {
        let hits: Vec<Value> = (results.hits.iter())
            .map(|h| {
                let note = &vault.notes[h.note];
                json!({
                    "path": note.path,
                    "title": note.title,
                    "score": h.score,
                    "line": h.line,
                    "snippet": h.snippet.text,
                    "highlights": h.snippet.highlights.iter().map(|r| [r.start, r.end]).collect::<Vec<_>>(),
                })
            })
            .collect();
        let report = json!({
            "query": query,
            "total": results.total,
            "total_is_estimate": results.total_is_estimate,
            "terms_left_out": results.terms_left_out,
            "hits": hits,
        });
        serde_json::to_writer_pretty(&mut *out, &report).map_err(io::Error::from)?;
        writeln!(out)?;
    } else {
        for h in &results.hits {
            let note = &vault.notes[h.note];
            writeln!(
                out,
                "{}:{}: {}  ({:.2})",
                note.path, h.line, note.title, h.score
            )?;
            writeln!(
                out,
                "    {}",
                marked(&h.snippet.text, &h.snippet.highlights)
            )?;
        }
        let about = if results.total_is_estimate {
            "about "
        } else {
            ""
        };
        writeln!(
            out,
            "{about}{} notes match; {} shown",
            results.total,
            results.hits.len()
        )?;
        if let Some(note) = results.left_out_note() {
            writeln!(out, "{note}")?;
        }
    }
    Ok(if results.total == 0 {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// The snippet with its matched words in `[` `]`, for a terminal.
fn marked(text: &str, highlights: &[std::ops::Range<usize>]) -> String {
    let mut out = String::with_capacity(text.len() + 4 * highlights.len());
    let mut at = 0;
    for r in highlights {
        if r.start < at || r.end > text.len() {
            continue;
        }
        out.push_str(&text[at..r.start]);
        out.push('[');
        out.push_str(&text[r.clone()]);
        out.push(']');
        at = r.end;
    }
    out.push_str(&text[at..]);
    out
}

/// `notegraph related VAULT NOTE`: the notes most alike in content, with
/// the words they share and whether a link already joins them.
pub fn related(
    ws: &Workspace,
    name: &str,
    limit: usize,
    as_json: bool,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let (vault, graph) = (&*ws.vault, &*ws.graph);
    let note = super::find_notes(ws, &[name])?[0];
    let index = ws.text_index();
    let found = index.related(vault, note, limit);
    if as_json {
        let list: Vec<Value> = (found.iter())
            .map(|r| {
                json!({
                    "path": vault.notes[r.note].path,
                    "title": vault.notes[r.note].title,
                    "score": r.score,
                    "shares": r.shared,
                    "linked": graph.linked(note, r.note),
                })
            })
            .collect();
        let report = json!({"note": vault.notes[note].path, "related": list});
        serde_json::to_writer_pretty(&mut *out, &report).map_err(io::Error::from)?;
        writeln!(out)?;
    } else {
        writeln!(out, "{}", title_of(vault, note))?;
        for r in &found {
            let mark = if graph.linked(note, r.note) {
                ""
            } else {
                "  [not linked yet]"
            };
            writeln!(
                out,
                "  {}  ({:.2}; shares: {}){mark}",
                title_of(vault, r.note),
                r.score,
                r.shared.join(", ")
            )?;
        }
    }
    Ok(if found.is_empty() {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

fn title_of(vault: &Vault, note: NoteId) -> String {
    format!("{} ({})", vault.notes[note].title, vault.notes[note].path)
}
