//! `analyze` and `path`: the topic map on the command line.

use super::{CliError, Outcome};
use crate::analysis::communities::Communities;
use crate::analysis::path::shortest_path;
use crate::analysis::topics::TopicDetails;
use crate::vault::Vault;
use crate::workspace::Workspace;
use serde_json::{json, Value};
use std::io::{self, Write};

/// How many hubs and bridges are listed.
const TOP: usize = 10;

pub fn analyze(
    ws: &Workspace,
    as_json: bool,
    limit: usize,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let vault = &*ws.vault;
    let (communities, details) = (ws.communities(), ws.topic_details());
    let names = ws.topic_names();
    let report = report(vault, communities, names, details, limit);
    if as_json {
        serde_json::to_writer_pretty(&mut *out, &report).map_err(io::Error::from)?;
        writeln!(out)?;
        return Ok(Outcome::Clean);
    }
    let c = communities;
    writeln!(
        out,
        "{} communities, modularity {:.3}",
        c.members.len(),
        c.modularity
    )?;
    for (name, members) in names.iter().zip(&c.members).take(TOP) {
        writeln!(out, "  {name}: {} notes", members.len())?;
    }
    let title = |n: usize| vault.notes[n].title.as_str();
    writeln!(out, "hubs (PageRank):")?;
    for n in top(&details.centrality.pagerank) {
        writeln!(out, "  {}  {:.4}", title(n), details.centrality.pagerank[n])?;
    }
    writeln!(out, "bridges (betweenness):")?;
    for n in top(&details.centrality.betweenness) {
        writeln!(
            out,
            "  {}  {:.4}",
            title(n),
            details.centrality.betweenness[n]
        )?;
    }
    let h = &details.centrality;
    writeln!(
        out,
        "articulation points: {}; dead ends: {}",
        h.articulation_points.len(),
        h.dead_ends.len()
    )?;
    let with = details.suggestions.iter().filter(|s| !s.is_empty()).count();
    writeln!(out, "suggestions for {with} notes (--json lists them)")?;
    Ok(Outcome::Clean)
}

/// The notes with the highest scores, best first, ties by `NoteId`.
fn top(scores: &[f64]) -> Vec<usize> {
    let mut ids: Vec<usize> = (0..scores.len()).filter(|&i| scores[i] > 0.0).collect();
    ids.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
    ids.truncate(TOP);
    ids
}

/// The documented JSON shape of `analyze --json`.
fn report(
    vault: &Vault,
    c: &Communities,
    names: &[String],
    t: &TopicDetails,
    limit: usize,
) -> Value {
    let path = |n: usize| vault.notes[n].path.clone();
    let communities: Vec<Value> = (names.iter().zip(&c.members))
        .map(|(name, m)| json!({"name": name, "size": m.len(), "members": m.iter().map(|&n| path(n)).collect::<Vec<_>>()}))
        .collect();
    let h = &t.centrality;
    let scored = |scores: &[f64]| -> Vec<Value> {
        top(scores)
            .into_iter()
            .map(|n| json!({"path": path(n), "score": scores[n]}))
            .collect()
    };
    let suggestions: Vec<Value> = (t.suggestions.iter().enumerate())
        .filter(|(_, s)| !s.is_empty())
        .map(|(n, s)| {
            let list: Vec<Value> = s
                .iter()
                .take(limit)
                .map(
                    |s| json!({"to": path(s.to), "reason": s.reason.to_string(), "score": s.score}),
                )
                .collect();
            json!({"from": path(n), "suggestions": list})
        })
        .collect();
    json!({
        "modularity": c.modularity,
        "communities": communities,
        "hubs": scored(&h.pagerank),
        "bridges": scored(&h.betweenness),
        "betweenness_sources": h.betweenness_sources,
        "articulation_points": h.articulation_points.iter().map(|&n| path(n)).collect::<Vec<_>>(),
        "dead_ends": h.dead_ends.iter().map(|&n| path(n)).collect::<Vec<_>>(),
        "suggestions": suggestions,
    })
}

/// `path FROM TO`: exit 1 when no path joins them.
pub fn path(
    ws: &Workspace,
    from: &str,
    to: &str,
    as_json: bool,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let (vault, graph) = (&*ws.vault, &*ws.graph);
    let found = super::find_notes(ws, &[from, to])?;
    let (a, b) = (found[0], found[1]);
    let steps = shortest_path(graph, a, b);
    let title = |n: usize| vault.notes[n].title.as_str();
    if as_json {
        let list: Option<Vec<Value>> = steps.as_ref().map(|s| {
            s.iter().map(|s| json!({"path": vault.notes[s.note].path, "kind": s.kind.as_str(), "forward": s.forward})).collect()
        });
        let report = json!({"from": vault.notes[a].path, "to": vault.notes[b].path, "steps": list});
        serde_json::to_writer_pretty(&mut *out, &report).map_err(io::Error::from)?;
        writeln!(out)?;
    } else if let Some(steps) = &steps {
        writeln!(out, "{}", title(a))?;
        for s in steps {
            let arrow = if s.forward { "→" } else { "←" };
            writeln!(out, "  {arrow} {} ({})", title(s.note), s.kind.as_str())?;
        }
    } else {
        writeln!(out, "no path between {} and {}", title(a), title(b))?;
    }
    Ok(if steps.is_some() {
        Outcome::Clean
    } else {
        Outcome::Findings
    })
}
