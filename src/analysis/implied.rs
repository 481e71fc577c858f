//! What the learner already knows without having said so: a note is
//! *known* when it is learned, or when it is a prerequisite (directly or
//! transitively) of a learned note. Known notes that are not learned
//! themselves are *implied* by the learned notes that have them as
//! prerequisites (Metacademy's "implicitly learned"). Iterative: no
//! recursion with the input's depth.

use crate::graph::NoteGraph;
use crate::vault::NoteId;

/// Prerequisite visits spent naming who implies what; past it the
/// "implied by" lists stay partial (the implied notes themselves do not).
const VISIT_BUDGET: usize = 2_000_000;

/// Which notes are known, by `NoteId`, given which are learned.
pub fn known_notes(graph: &NoteGraph, learned: &[bool]) -> Vec<bool> {
    let mut known = learned.to_vec();
    let mut stack: Vec<NoteId> = (0..known.len()).filter(|&n| known[n]).collect();
    while let Some(note) = stack.pop() {
        for prereq in graph.prerequisites(note) {
            if !known[prereq] {
                known[prereq] = true;
                stack.push(prereq);
            }
        }
    }
    known
}

/// A note the plan leaves out because learned notes imply it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Implied {
    pub note: NoteId,
    /// The learned notes among the plan's that have it as a prerequisite.
    pub by: Vec<NoteId>,
}

/// The implied notes among `within` (sorted), each with the learned notes
/// of `within` that imply it.
pub fn implied_within(
    graph: &NoteGraph,
    learned: &[bool],
    known: &[bool],
    within: &[NoteId],
) -> Vec<Implied> {
    let learned = |n: NoteId| learned[n];
    let mut out: Vec<Implied> = (within.iter())
        .filter(|&&n| known[n] && !learned(n))
        .map(|&note| Implied {
            note,
            by: Vec::new(),
        })
        .collect();
    let slot = |n: NoteId, out: &[Implied]| out.binary_search_by_key(&n, |i| i.note).ok();
    let in_plan = |n: NoteId| within.binary_search(&n).is_ok();
    let mut visits = 0usize;
    let mut seen = vec![usize::MAX; known.len()];
    for &from in within.iter().filter(|&&n| learned(n)) {
        let mut stack = vec![from];
        while let Some(note) = stack.pop() {
            for prereq in graph.prerequisites(note) {
                visits += 1;
                if seen[prereq] == from || !in_plan(prereq) || visits > VISIT_BUDGET {
                    continue;
                }
                seen[prereq] = from;
                if let Some(i) = slot(prereq, &out) {
                    out[i].by.push(from);
                }
                stack.push(prereq);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::tests::vault;

    #[test]
    fn prerequisites_of_learned_notes_are_known_and_named_by_them() {
        // basics <- replication (mastered) <- raft; quorums <- raft.
        let v = vault(&[
            ("basics.md", "# Basics\n"),
            (
                "replication.md",
                "---\nstatus: mastered\n---\n### Prerequisites\n- [[basics]]\n",
            ),
            ("quorums.md", "# Quorums\n"),
            (
                "raft.md",
                "### Prerequisites\n- [[replication]]\n- [[quorums]]\n",
            ),
        ]);
        let g = NoteGraph::build(&v);
        let config = crate::analysis::StudyConfig::default();
        let learned: Vec<bool> = v.notes.iter().map(|n| config.is_learned(n)).collect();
        let id = |p: &str| v.note_by_path(p).unwrap();
        let known = known_notes(&g, &learned);
        let names: Vec<&str> = (0..v.notes.len())
            .filter(|&n| known[n])
            .map(|n| v.notes[n].path.as_str())
            .collect();
        assert_eq!(names, ["basics.md", "replication.md"]);
        let all: Vec<NoteId> = (0..v.notes.len()).collect();
        let implied = implied_within(&g, &learned, &known, &all);
        assert_eq!(
            implied,
            vec![Implied {
                note: id("basics.md"),
                by: vec![id("replication.md")]
            }]
        );
    }
}
