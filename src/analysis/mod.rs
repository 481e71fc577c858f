//! Questions about a vault's graph, as pure functions with sorted output.

pub mod by_checks;
pub mod centrality;
pub mod communities;
pub mod effort;
pub mod filter;
pub mod focus;
pub mod fold;
pub mod implied;
pub mod louvain;
pub mod names;
pub mod path;
pub mod placement;
pub mod progress;
pub mod prompts;
pub mod ready;
pub mod restarts;
pub mod review;
pub mod search;
pub mod selfcheck;
pub mod shown;
pub mod study;
pub mod suggest;
pub mod text;
pub mod topic_names;
pub mod topic_words;
pub mod topics;

use crate::diagnostics::{self, Diagnostic, DiagnosticKind, Severity};
use crate::graph::NoteGraph;
use crate::vault::{LinkSyntax, NoteId, Target, Vault};
use petgraph::graph::DiGraph;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

pub use filter::{Facets, NoteFilter, TagMode};
pub use names::display_names;
pub use search::SearchIndex;
pub use study::{
    status_class, study_plan, study_plan_with_cycles, StatusClass, StudyConfig, StudyPlan,
    StudyStep, LEARNED_STATUSES,
};

/// Notes with no resolved link in or out (self links ignored).
pub fn orphans(graph: &NoteGraph) -> Vec<NoteId> {
    (0..graph.note_nodes.len())
        .filter(|&id| graph.targets(id, None).is_empty() && graph.sources(id, None).is_empty())
        .collect()
}

/// Notes that no other note links to.
pub fn unlinked(graph: &NoteGraph) -> Vec<NoteId> {
    (0..graph.note_nodes.len())
        .filter(|&id| graph.sources(id, None).is_empty())
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnresolvedLink {
    pub source: NoteId,
    pub line: u32,
    pub target: String,
}

/// Links that name no note, in file and line order.
pub fn unresolved_links(vault: &Vault) -> Vec<UnresolvedLink> {
    vault
        .notes
        .iter()
        .enumerate()
        .flat_map(|(id, note)| {
            note.links.iter().filter_map(move |link| match link.target {
                Target::Missing(_) => Some(UnresolvedLink {
                    source: id,
                    line: link.raw.line,
                    target: link.raw.target.to_string(),
                }),
                Target::Note(_) | Target::Excluded(_) => None,
            })
        })
        .collect()
}

/// Frontmatter ids used by more than one note, with those notes.
pub fn duplicate_ids(vault: &Vault) -> Vec<(String, Vec<NoteId>)> {
    let mut by_id: BTreeMap<&str, Vec<NoteId>> = BTreeMap::new();
    for (id, note) in vault.notes.iter().enumerate() {
        if let Some(note_id) = &note.frontmatter.id {
            by_id.entry(note_id).or_default().push(id);
        }
    }
    by_id
        .into_iter()
        .filter(|(_, notes)| notes.len() > 1)
        .map(|(id, notes)| (id.to_string(), notes))
        .collect()
}

/// Notes whose frontmatter block could not be read as YAML.
pub fn frontmatter_errors(vault: &Vault) -> Vec<NoteId> {
    let mut notes: Vec<NoteId> = vault
        .diagnostics
        .iter()
        .filter(|d| d.kind == DiagnosticKind::Frontmatter && d.severity == Severity::Error)
        .filter_map(|d| vault.note_by_path(&d.path))
        .collect();
    notes.dedup();
    notes
}

/// Strongly connected components of two or more notes among the
/// prerequisite edges. Members are in path order; cycles by first member.
pub fn prerequisite_cycles(graph: &NoteGraph) -> Vec<Vec<NoteId>> {
    let n = graph.note_nodes.len();
    let mut prereq = DiGraph::<(), ()>::with_capacity(n, n);
    for _ in 0..n {
        prereq.add_node(());
    }
    for id in 0..n {
        for target in graph.prerequisites(id) {
            prereq.add_edge(
                petgraph::graph::NodeIndex::new(id),
                petgraph::graph::NodeIndex::new(target),
                (),
            );
        }
    }
    let mut cycles: Vec<Vec<NoteId>> = petgraph::algo::kosaraju_scc(&prereq)
        .into_iter()
        .filter(|scc| scc.len() > 1)
        .map(|scc| {
            let mut members: Vec<NoteId> = scc.into_iter().map(|n| n.index()).collect();
            members.sort_unstable();
            members
        })
        .collect();
    cycles.sort();
    cycles
}

/// The figures `notegraph stats` prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// `.md` files loaded.
    pub notes: usize,
    /// Link occurrences that name a note.
    pub links: usize,
    pub resolved_links: usize,
    pub unresolved_links: usize,
    /// Distinct ordered (source, target) note pairs, self links excluded.
    pub edges: usize,
    pub orphans: usize,
    pub prerequisite_cycles: usize,
    pub notes_with_frontmatter: usize,
    pub frontmatter_errors: usize,
    pub notes_nothing_links_to: usize,
    pub duplicate_ids: usize,
    pub missing_targets: usize,
    pub attachments: usize,
    pub links_by_kind: BTreeMap<&'static str, usize>,
    pub links_by_syntax: BTreeMap<&'static str, usize>,
}

pub fn stats(vault: &Vault, graph: &NoteGraph) -> Stats {
    let mut links = 0;
    let mut resolved = 0;
    let mut by_kind: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut by_syntax: BTreeMap<&'static str, usize> = BTreeMap::new();
    for note in &vault.notes {
        for link in &note.links {
            links += 1;
            // A link to a file left out is not broken.
            if matches!(link.target, Target::Note(_) | Target::Excluded(_)) {
                resolved += 1;
            }
            *by_kind.entry(link.raw.kind.as_str()).or_default() += 1;
            let syntax = match link.raw.syntax {
                LinkSyntax::Markdown => "markdown",
                LinkSyntax::Wiki => "wikilink",
                LinkSyntax::Embed => "embed",
                LinkSyntax::Frontmatter => "frontmatter",
            };
            *by_syntax.entry(syntax).or_default() += 1;
        }
    }
    Stats {
        notes: vault.notes.len(),
        links,
        resolved_links: resolved,
        unresolved_links: links - resolved,
        edges: graph.note_edge_pairs(),
        orphans: orphans(graph).len(),
        prerequisite_cycles: prerequisite_cycles(graph).len(),
        notes_with_frontmatter: vault.notes.iter().filter(|n| n.has_frontmatter).count(),
        frontmatter_errors: frontmatter_errors(vault).len(),
        notes_nothing_links_to: unlinked(graph).len(),
        duplicate_ids: duplicate_ids(vault).len(),
        missing_targets: graph.ghosts.len(),
        attachments: vault.notes.iter().map(|n| n.attachments.len()).sum(),
        links_by_kind: by_kind,
        links_by_syntax: by_syntax,
    }
}

/// Everything `check` reports: loading findings plus duplicate ids and
/// prerequisite cycles, sorted by file and line.
pub fn all_diagnostics(vault: &Vault, graph: &NoteGraph) -> Vec<Diagnostic> {
    let mut out = vault.diagnostics.clone();
    for (id, notes) in duplicate_ids(vault) {
        let paths: Vec<&str> = notes
            .iter()
            .map(|&n| vault.notes[n].path.as_str())
            .collect();
        if notes.len() > DUPLICATES_LISTED_ONE_BY_ONE {
            // A big group is one diagnostic, so output grows with the
            // vault: 20,000 notes sharing an id are one line, not 20,000.
            out.push(Diagnostic::new(
                paths[0],
                Some(id_line(vault, notes[0])),
                Severity::Error,
                DiagnosticKind::DuplicateId,
                format!(
                    "duplicate id `{id}`, used by {} notes: {}",
                    notes.len(),
                    others(&paths, "")
                ),
            ));
            continue;
        }
        for &note in &notes {
            out.push(Diagnostic::new(
                &vault.notes[note].path,
                Some(id_line(vault, note)),
                Severity::Error,
                DiagnosticKind::DuplicateId,
                format!(
                    "duplicate id `{id}`, also used by {}",
                    others(&paths, &vault.notes[note].path)
                ),
            ));
        }
    }
    for (number, cycle) in prerequisite_cycles(graph).iter().enumerate() {
        let paths: Vec<&str> = cycle
            .iter()
            .map(|&n| vault.notes[n].path.as_str())
            .collect();
        out.push(Diagnostic::new(
            paths[0],
            None,
            Severity::Warning,
            DiagnosticKind::PrerequisiteCycle,
            format!(
                "prerequisite cycle {} of {} notes: {}",
                number + 1,
                paths.len(),
                paths.join(" <-> ")
            ),
        ));
    }
    diagnostics::sort(&mut out);
    out
}

/// The other notes of a duplicate group: the first few by name and a
/// count, so that 20,000 duplicates give 20,000 short lines, not 20,000²
/// names.
/// Groups of notes sharing an id up to this size get a diagnostic on each
/// note; a bigger group gets one.
const DUPLICATES_LISTED_ONE_BY_ONE: usize = 8;

fn others(paths: &[&str], me: &str) -> String {
    const NAMED: usize = 3;
    let rest: Vec<&str> = paths.iter().filter(|p| **p != me).copied().collect();
    let named = rest[..rest.len().min(NAMED)].join(", ");
    match rest.len().saturating_sub(NAMED) {
        0 => named,
        more => format!("{named} and {more} more"),
    }
}

fn id_line(vault: &Vault, note: NoteId) -> u32 {
    let note = &vault.notes[note];
    note.text[..note.body_offset]
        .lines()
        .position(|l| l.starts_with("id:"))
        .map_or(1, |i| i as u32 + 1)
}

/// For each note, the number of its prerequisite cycle (1-based), if any.
pub fn cycle_numbers(graph: &NoteGraph) -> HashMap<NoteId, usize> {
    prerequisite_cycles(graph)
        .into_iter()
        .enumerate()
        .flat_map(|(i, members)| members.into_iter().map(move |m| (m, i + 1)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::tests::vault;

    fn build(files: &[(&str, &str)]) -> (Vault, NoteGraph) {
        let v = vault(files);
        let g = NoteGraph::build(&v);
        (v, g)
    }

    fn paths(v: &Vault, ids: &[NoteId]) -> Vec<String> {
        ids.iter().map(|&i| v.notes[i].path.clone()).collect()
    }

    #[test]
    fn orphans_ignore_self_links_and_ghosts() {
        let (v, g) = build(&[
            ("a.md", "[[b]]"),
            ("b.md", ""),
            ("self.md", "[[self]]"),
            ("dead.md", "[[nowhere]]"),
        ]);
        assert_eq!(paths(&v, &orphans(&g)), ["dead.md", "self.md"]);
        assert_eq!(paths(&v, &unlinked(&g)), ["a.md", "dead.md", "self.md"]);
    }

    #[test]
    fn cycles_are_components_of_two_or_more() {
        let pre = |t: &str| format!("### Prerequisites\n- [[{t}]]\n");
        let (v, g) = build(&[
            ("a.md", &pre("b")),
            ("b.md", &pre("c")),
            ("c.md", &pre("a")),
            ("d.md", &pre("d")),
            ("e.md", &pre("a")),
            ("x.md", "[[y]]"),
            ("y.md", "[[x]]"),
        ]);
        let cycles = prerequisite_cycles(&g);
        assert_eq!(
            cycles.len(),
            1,
            "mention links and self links form no cycle"
        );
        assert_eq!(paths(&v, &cycles[0]), ["a.md", "b.md", "c.md"]);
    }

    #[test]
    fn stats_count_links_edges_and_frontmatter() {
        let (v, g) = build(&[
            (
                "a.md",
                "---\nid: a\n---\n[[b]] [[b]] [x](b.md) [[a]] [[gone]] ![[pic.png]] [[#h]]",
            ),
            ("b.md", "---\nid: a\n---\n"),
            ("c.md", "---\ntitle: [unclosed\n---\n"),
        ]);
        let s = stats(&v, &g);
        assert_eq!(s.notes, 3);
        assert_eq!(s.links, 5);
        assert_eq!(s.resolved_links, 4);
        assert_eq!(s.unresolved_links, 1);
        assert_eq!(s.edges, 1);
        assert_eq!(s.orphans, 1);
        assert_eq!(s.notes_with_frontmatter, 3);
        assert_eq!(s.frontmatter_errors, 1);
        assert_eq!(s.duplicate_ids, 1);
        assert_eq!(s.attachments, 1);
    }

    #[test]
    fn a_big_duplicate_group_gives_short_lines() {
        let files: Vec<(String, String)> = (0..500)
            .map(|i| (format!("n{i:03}.md"), "---\nid: same\n---\n".to_string()))
            .collect();
        let refs: Vec<(&str, &str)> = files
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        let v = crate::vault::tests::vault(&refs);
        let d = all_diagnostics(&v, &NoteGraph::build(&v));
        // One line for the group, on its first note, with a count.
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].path, "n000.md");
        assert_eq!(
            d[0].message,
            "duplicate id `same`, used by 500 notes: n000.md, n001.md, n002.md and 497 more"
        );
    }

    #[test]
    fn check_reports_duplicates_cycles_and_dead_links_with_lines() {
        let (v, g) = build(&[
            (
                "a.md",
                "---\nid: same\n---\n### Prerequisites\n- [[b]]\n- [[gone]]\n",
            ),
            ("b.md", "---\nid: same\n---\n### Prerequisites\n- [[a]]\n"),
        ]);
        let lines: Vec<String> = all_diagnostics(&v, &g)
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(
            lines,
            [
                "a.md:1: warning: prerequisite cycle 1 of 2 notes: a.md <-> b.md",
                "a.md:2: error: duplicate id `same`, also used by b.md",
                "a.md:6: warning: unresolved prerequisite link `gone`: no such note",
                "b.md:2: error: duplicate id `same`, also used by a.md",
            ]
        );
    }
}
