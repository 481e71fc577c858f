//! What to study now: the notes ready now (`study::ready_now`), best
//! first, without the notes that are no study material. The one list
//! behind the window's "Ready to study now", `order`'s "Ready now" and
//! `progress`'s "Next up", so that they never disagree.
//!
//! Ranked by how many unlearned notes each unblocks, transitively (or
//! directly, on a vault too big for that), then higher importance, lower
//! difficulty, title and path. Left out: notes with no prerequisite link
//! either way and no self-check, such as a read-me, an index or an alias
//! stub, which are "ready" only because nothing says otherwise.

use super::study::{difficulty_rank, ready_now, StudyConfig};
use crate::graph::NoteGraph;
use crate::vault::{EdgeKind, NoteId, Vault};

/// A note ready now, and how many unlearned notes it unblocks.
#[derive(Debug, Clone, PartialEq)]
pub struct NextUp {
    pub note: NoteId,
    /// Unlearned notes that need it, directly or through others.
    pub unblocks: usize,
}

/// The notes to study now, best first, and those left out.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReadyList {
    pub notes: Vec<NextUp>,
    /// Ready notes that are no study material (no prerequisite link either
    /// way, no self-check), by `NoteId`.
    pub left_out: Vec<NoteId>,
    /// `unblocks` counts notes unblocked transitively (else directly).
    pub transitive: bool,
}

/// "12 notes left out: no prerequisites and no self-check", for `count`
/// notes left out (none: `None`); both front ends say it so.
pub fn left_out_line(count: usize) -> Option<String> {
    let notes = if count == 1 { "note" } else { "notes" };
    (count > 0).then(|| format!("{count} {notes} left out: no prerequisites and no self-check"))
}

/// Most link visits spent counting what ready notes unblock transitively
/// (about 0.1 s); past it, every ready note counts what it unblocks
/// directly, so that the ranking stays fair (gen 100k).
const UNBLOCK_BUDGET: usize = 2_000_000;

/// The ready list. `has_self_check(note)` says whether a note has a
/// self-check; it is asked only of ready notes without prerequisite links
/// (the window answers from the tallies it has, the command line reads
/// those few notes).
pub fn ready_list(
    vault: &Vault,
    graph: &NoteGraph,
    config: &StudyConfig,
    has_self_check: &dyn Fn(NoteId) -> bool,
) -> ReadyList {
    let (ready, left_out): (Vec<NoteId>, Vec<NoteId>) = ready_now(vault, graph, config)
        .into_iter()
        .partition(|&n| has_prerequisite_link(vault, graph, n) || has_self_check(n));
    let (notes, transitive) = ranked(vault, graph, config, &ready);
    ReadyList {
        notes,
        left_out,
        transitive,
    }
}

/// Whether any note has a prerequisite link (even to a missing note):
/// without one, a vault has nothing to plan and every note is "ready".
pub fn has_prerequisites(vault: &Vault) -> bool {
    (vault.notes.iter()).any(|n| (n.links.iter()).any(|l| l.raw.kind == EdgeKind::Prerequisite))
}

/// A prerequisite link in the note (even to a missing note) or to it.
fn has_prerequisite_link(vault: &Vault, graph: &NoteGraph, note: NoteId) -> bool {
    let links = &vault.notes[note].links;
    links.iter().any(|l| l.raw.kind == EdgeKind::Prerequisite)
        || !graph.sources(note, Some(EdgeKind::Prerequisite)).is_empty()
}

/// `ready` best first, and whether `unblocks` counts transitively.
fn ranked(
    vault: &Vault,
    graph: &NoteGraph,
    config: &StudyConfig,
    ready: &[NoteId],
) -> (Vec<NextUp>, bool) {
    let learned: Vec<bool> = (vault.notes.iter()).map(|n| config.is_learned(n)).collect();
    // Who needs each note (reverse prerequisite links), unlearned only.
    let needed_by: Vec<Vec<NoteId>> = (0..vault.notes.len())
        .map(|id| {
            let mut v = graph.sources(id, Some(EdgeKind::Prerequisite));
            v.retain(|&s| !learned[s]);
            v
        })
        .collect();
    let transitive = transitive_counts(ready, &needed_by);
    let mut list: Vec<NextUp> = (ready.iter().enumerate())
        .map(|(i, &note)| NextUp {
            note,
            unblocks: transitive.as_ref().map_or(needed_by[note].len(), |t| t[i]),
        })
        .collect();
    let importance = |id: NoteId| vault.notes[id].frontmatter.importance.unwrap_or(0.0);
    let difficulty =
        |id: NoteId| difficulty_rank(vault.notes[id].frontmatter.difficulty.as_deref());
    let note = |id: NoteId| &vault.notes[id];
    list.sort_by(|a, b| {
        (b.unblocks.cmp(&a.unblocks))
            .then(importance(b.note).total_cmp(&importance(a.note)))
            .then(difficulty(a.note).total_cmp(&difficulty(b.note)))
            .then_with(|| note(a.note).title.cmp(&note(b.note).title))
            .then_with(|| note(a.note).path.cmp(&note(b.note).path))
    });
    (list, transitive.is_some())
}

/// How many notes each of `ready` unblocks through `needed_by`, or `None`
/// when that costs more than the budget.
fn transitive_counts(ready: &[NoteId], needed_by: &[Vec<NoteId>]) -> Option<Vec<usize>> {
    let mut stamp = vec![usize::MAX; needed_by.len()];
    let mut spent = 0usize;
    let mut stack = Vec::new();
    let mut counts = Vec::with_capacity(ready.len());
    for &note in ready {
        stamp[note] = note;
        stack.push(note);
        let mut count = 0;
        while let Some(v) = stack.pop() {
            spent += needed_by[v].len();
            if spent > UNBLOCK_BUDGET {
                return None;
            }
            for &w in &needed_by[v] {
                if stamp[w] != note {
                    stamp[w] = note;
                    count += 1;
                    stack.push(w);
                }
            }
        }
        counts.push(count);
    }
    Some(counts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::selfcheck::{self_check, SelfCheckHeadings};
    use crate::vault::tests::vault;

    fn titles(v: &Vault, list: &ReadyList) -> Vec<(String, usize)> {
        (list.notes.iter())
            .map(|n| (v.notes[n.note].title.clone(), n.unblocks))
            .collect()
    }

    fn list_of(v: &Vault) -> ReadyList {
        let g = NoteGraph::build(v);
        let headings = SelfCheckHeadings::default();
        let checks = |n: NoteId| self_check(&v.notes[n], &headings).is_some();
        ready_list(v, &g, &StudyConfig::default(), &checks)
    }

    /// A read-me and alias stubs are ready but no study material: left
    /// out and counted. The rest rank by what they unblock, through other
    /// notes too, ties by title.
    #[test]
    fn ranks_by_what_each_note_unblocks_and_leaves_out_the_rest() {
        let pre = |names: &[&str]| -> String {
            let links: String = names.iter().map(|n| format!("- [[{n}]]\n")).collect();
            format!("### Prerequisites\n{links}")
        };
        let files: Vec<(&str, String)> = vec![
            ("README.md", "# Read me\nSee [[basics]].\n".to_string()),
            ("alias-a.md", "---\naliases: [A]\n---\n[[basics]]\n".into()),
            ("alias-b.md", "Moved to [[trees]].\n".into()),
            ("basics.md", "# basics\n".into()),
            ("sets.md", "# sets\n".into()),
            ("aardvark.md", "# aardvark\n".into()),
            ("graphs.md", pre(&["basics"])),
            ("trees.md", pre(&["graphs"])),
            ("heaps.md", pre(&["trees", "sets"])),
            ("zebra.md", pre(&["aardvark"])),
            ("quiz.md", "# quiz\n## Self-check\n- [ ] recall it\n".into()),
            ("missing.md", pre(&["not written yet"])),
            ("done.md", "---\nstatus: mastered\n---\n".into()),
        ];
        let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
        let v = vault(&files);
        let list = list_of(&v);
        assert_eq!(
            titles(&v, &list),
            [
                ("basics".to_string(), 3),
                ("aardvark".to_string(), 1),
                ("sets".to_string(), 1),
                ("missing".to_string(), 0),
                ("quiz".to_string(), 0),
            ]
        );
        assert!(list.transitive);
        let left: Vec<&str> = (list.left_out.iter())
            .map(|&n| v.notes[n].path.as_str())
            .collect();
        assert_eq!(left, ["README.md", "alias-a.md", "alias-b.md"]);
        assert_eq!(
            left_out_line(list.left_out.len()).as_deref(),
            Some("3 notes left out: no prerequisites and no self-check")
        );
        assert_eq!(
            left_out_line(1).as_deref(),
            Some("1 note left out: no prerequisites and no self-check")
        );
        assert_eq!(left_out_line(0), None);
    }

    #[test]
    fn a_learned_note_unblocks_nothing_and_unlocks_what_needs_it() {
        let v = vault(&[
            ("a.md", "---\nstatus: mastered\n---\n"),
            (
                "b.md",
                "---\nstatus: learning\n---\n### Prerequisites\n- [[a]]\n",
            ),
            ("c.md", "### Prerequisites\n- [[b]]\n"),
            ("d.md", "### Prerequisites\n- [[c]]\n"),
            ("e.md", "### Prerequisites\n- [[a]]\n"),
        ]);
        // b unblocks c and, through c, d; e unblocks nothing.
        let list = list_of(&v);
        assert_eq!(
            titles(&v, &list),
            [("b".to_string(), 2), ("e".to_string(), 0)]
        );
        assert!(list.left_out.is_empty());
        assert!(has_prerequisites(&v));
        assert!(!has_prerequisites(&vault(&[
            ("a.md", "[[b]]"),
            ("b.md", "")
        ])));
    }
}
