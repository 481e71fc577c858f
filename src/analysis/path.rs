//! The shortest path between two notes, links taken in either direction,
//! with the kind and direction of each step.

use crate::graph::{Node, NoteGraph};
use crate::vault::{EdgeKind, NoteId};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use std::collections::VecDeque;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The note this step arrives at.
    pub note: NoteId,
    pub kind: EdgeKind,
    /// The link points the way the path goes (from the previous note).
    pub forward: bool,
}

/// Breadth-first over note-to-note links; `None` when `to` cannot be
/// reached. Ties go to the lower `NoteId`, so the answer is stable.
pub fn shortest_path(graph: &NoteGraph, from: NoteId, to: NoteId) -> Option<Vec<Step>> {
    let n = graph.note_nodes.len();
    if from >= n || to >= n {
        return None;
    }
    let mut came: Vec<Option<(NoteId, EdgeKind, bool)>> = vec![None; n];
    let mut seen = vec![false; n];
    seen[from] = true;
    let mut queue = VecDeque::from([from]);
    while let Some(u) = queue.pop_front() {
        if u == to {
            break;
        }
        let node = graph.note_nodes[u];
        let mut next: Vec<(NoteId, EdgeKind, bool)> = Vec::new();
        for (dir, forward) in [(Direction::Outgoing, true), (Direction::Incoming, false)] {
            for e in graph.graph.edges_directed(node, dir) {
                let other = if forward { e.target() } else { e.source() };
                if let Node::Note(v) = graph.graph[other] {
                    next.push((v, e.weight().kind, forward));
                }
            }
        }
        next.sort_by_key(|&(v, kind, forward)| (v, !forward, kind));
        for (v, kind, forward) in next {
            if !seen[v] {
                seen[v] = true;
                came[v] = Some((u, kind, forward));
                queue.push_back(v);
            }
        }
    }
    if !seen[to] {
        return None;
    }
    let mut steps = Vec::new();
    let mut at = to;
    while at != from {
        let (prev, kind, forward) = came[at]?;
        steps.push(Step {
            note: at,
            kind,
            forward,
        });
        at = prev;
    }
    steps.reverse();
    Some(steps)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::tests::vault;

    #[test]
    fn links_count_both_ways_and_each_step_says_its_kind() {
        let v = vault(&[
            ("a.md", "### Prerequisites\n- [[b]]\n"),
            ("b.md", ""),
            ("c.md", "### Related topics\n- [[b]]\n"),
            ("island.md", ""),
        ]);
        let g = NoteGraph::build(&v);
        let id = |p: &str| v.note_by_path(p).unwrap();
        let path = shortest_path(&g, id("a.md"), id("c.md")).unwrap();
        assert_eq!(
            path,
            vec![
                Step {
                    note: id("b.md"),
                    kind: EdgeKind::Prerequisite,
                    forward: true
                },
                Step {
                    note: id("c.md"),
                    kind: EdgeKind::Related,
                    forward: false
                },
            ]
        );
        assert_eq!(shortest_path(&g, id("a.md"), id("island.md")), None);
        assert_eq!(shortest_path(&g, id("a.md"), id("a.md")), Some(vec![]));
    }
}
