//! A focus on some notes: which nodes it shows, and which a "hide branch"
//! takes away. Links count in either direction, ghosts included, as the
//! window draws them.
//!
//! - Shown: every node within `depth` links of a focus note, plus each
//!   expanded note and its direct neighbours, less the hidden notes.
//! - A branch of a node: the node, and every node that, once the node is
//!   removed from the shown graph, lies in a piece joined to no anchor.
//!   The anchors are the focus notes other than the node; with none, the
//!   largest piece left (ties: the one holding the lowest node) is the
//!   anchor. Only pieces that touched the node count: an island elsewhere
//!   is not the node's branch.

use crate::graph::NoteGraph;
use crate::vault::NoteId;
use petgraph::stable_graph::NodeIndex;
use std::collections::{BTreeSet, HashSet};

/// The notes a focus is on, those expanded and those hidden.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FocusSet {
    pub notes: BTreeSet<NoteId>,
    /// Notes whose direct neighbours joined the focus.
    pub expanded: BTreeSet<NoteId>,
    /// Notes taken away (with a focus or without).
    pub hidden: BTreeSet<NoteId>,
    /// The focus notes alone, none of their neighbours (a path's chain).
    pub exact: bool,
}

impl FocusSet {
    /// A focus on `notes` at the chosen depth.
    pub fn on(notes: impl IntoIterator<Item = NoteId>) -> FocusSet {
        FocusSet {
            notes: notes.into_iter().collect(),
            ..FocusSet::default()
        }
    }

    pub fn is_active(&self) -> bool {
        !self.notes.is_empty()
    }

    /// The nodes the focus shows (hidden notes removed); `None` when there
    /// is no focus, so that everything not hidden shows.
    pub fn shown(&self, graph: &NoteGraph, depth: u8) -> Option<HashSet<NodeIndex>> {
        if !self.is_active() {
            return None;
        }
        let depth = if self.exact { 0 } else { depth };
        let starts = self.notes.iter().map(|&n| graph.note_nodes[n]);
        let mut shown = neighbourhood(graph, starts, depth);
        for &e in &self.expanded {
            shown.extend(neighbourhood(graph, [graph.note_nodes[e]], 1));
        }
        for &h in &self.hidden {
            shown.remove(&graph.note_nodes[h]);
        }
        Some(shown)
    }

    /// Whether `node` is hidden by the user.
    pub fn hides(&self, graph: &NoteGraph, node: NodeIndex) -> bool {
        graph
            .note_of(node)
            .is_some_and(|n| self.hidden.contains(&n))
    }
}

/// Every node within `depth` links of any of `starts`, in either
/// direction: the union of their neighbourhoods.
pub fn neighbourhood(
    graph: &NoteGraph,
    starts: impl IntoIterator<Item = NodeIndex>,
    depth: u8,
) -> HashSet<NodeIndex> {
    let mut seen: HashSet<NodeIndex> = HashSet::new();
    let mut frontier: Vec<NodeIndex> = starts.into_iter().filter(|&s| seen.insert(s)).collect();
    for _ in 0..depth {
        let mut next = Vec::new();
        for n in frontier {
            for m in graph.graph.neighbors_undirected(n) {
                if seen.insert(m) {
                    next.push(m);
                }
            }
        }
        frontier = next;
    }
    seen
}

/// The branch of `node` within the `shown` nodes (see the module's
/// header), `node` included, sorted.
pub fn branch(
    graph: &NoteGraph,
    shown: &HashSet<NodeIndex>,
    node: NodeIndex,
    anchors: &HashSet<NodeIndex>,
) -> Vec<NodeIndex> {
    // The pieces left when `node` goes, each found from one of its
    // neighbours.
    let mut seen: HashSet<NodeIndex> = HashSet::from([node]);
    let mut pieces: Vec<Vec<NodeIndex>> = Vec::new();
    let starts: BTreeSet<NodeIndex> = (graph.graph.neighbors_undirected(node))
        .filter(|m| shown.contains(m))
        .collect();
    for start in starts {
        if seen.insert(start) {
            pieces.push(piece(graph, shown, start, &mut seen));
        }
    }
    let anchored = |p: &Vec<NodeIndex>| p.iter().any(|m| anchors.contains(m));
    let kept: Vec<bool> = if anchors.iter().any(|a| *a != node) {
        pieces.iter().map(anchored).collect()
    } else {
        let largest = largest_piece(graph, shown, node, &pieces);
        (0..pieces.len()).map(|i| Some(i) == largest).collect()
    };
    let mut out: Vec<NodeIndex> = (pieces.into_iter().zip(kept))
        .filter(|(_, keep)| !keep)
        .flat_map(|(p, _)| p)
        .chain([node])
        .collect();
    out.sort();
    out
}

/// The nodes of `shown` joined to `start` without passing `seen` ones.
fn piece(
    graph: &NoteGraph,
    shown: &HashSet<NodeIndex>,
    start: NodeIndex,
    seen: &mut HashSet<NodeIndex>,
) -> Vec<NodeIndex> {
    let mut out = vec![start];
    let mut stack = vec![start];
    while let Some(n) = stack.pop() {
        for m in graph.graph.neighbors_undirected(n) {
            if shown.contains(&m) && seen.insert(m) {
                out.push(m);
                stack.push(m);
            }
        }
    }
    out
}

/// Which of the node's `pieces` is the largest piece of the shown graph
/// once the node is gone, if one of them is; else none is kept, as the
/// node's pieces all lie off the main graph.
fn largest_piece(
    graph: &NoteGraph,
    shown: &HashSet<NodeIndex>,
    node: NodeIndex,
    pieces: &[Vec<NodeIndex>],
) -> Option<usize> {
    let key = |p: &Vec<NodeIndex>| (p.len(), std::cmp::Reverse(*p.iter().min().unwrap()));
    let best_own = (0..pieces.len()).max_by_key(|&i| key(&pieces[i]))?;
    // The other pieces of the shown graph, which the node never touched.
    let mut seen: HashSet<NodeIndex> = pieces.iter().flatten().copied().collect();
    seen.insert(node);
    let mut others = shown.iter().copied().collect::<Vec<_>>();
    others.sort();
    for start in others {
        if seen.insert(start) {
            let other = piece(graph, shown, start, &mut seen);
            if key(&other) > key(&pieces[best_own]) {
                return None;
            }
        }
    }
    Some(best_own)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::tests::vault;

    /// hub links a, b, c; a links a2; c links d; d links e (so that
    /// e is two links from c); island x links y.
    fn graph() -> (NoteGraph, impl Fn(&str) -> NoteId) {
        let v = vault(&[
            ("hub.md", "[[a]] [[b]] [[c]]"),
            ("a.md", "[[a2]]"),
            ("a2.md", ""),
            ("b.md", ""),
            ("c.md", "[[d]]"),
            ("d.md", "[[e]]"),
            ("e.md", ""),
            ("x.md", "[[y]]"),
            ("y.md", ""),
        ]);
        let paths: Vec<String> = v.notes.iter().map(|n| n.path.clone()).collect();
        let g = NoteGraph::build(&v);
        (g, move |p: &str| {
            let path = format!("{p}.md");
            paths.iter().position(|q| *q == path).unwrap()
        })
    }

    fn names(
        g: &NoteGraph,
        nodes: impl IntoIterator<Item = NodeIndex>,
        all: &[&str],
    ) -> Vec<String> {
        let mut out: Vec<String> = nodes
            .into_iter()
            .map(|n| all[g.note_of(n).unwrap()].to_string())
            .collect();
        out.sort();
        out
    }

    const ALL: [&str; 9] = ["a", "a2", "b", "c", "d", "e", "hub", "x", "y"];

    #[test]
    fn a_focus_on_two_notes_shows_the_union_of_their_neighbourhoods() {
        let (g, id) = graph();
        let focus = FocusSet::on([id("a"), id("d")]);
        let shown = focus.shown(&g, 1).unwrap();
        assert_eq!(names(&g, shown, &ALL), ["a", "a2", "c", "d", "e", "hub"]);
        let shown = focus.shown(&g, 2).unwrap();
        assert_eq!(
            names(&g, shown, &ALL),
            ["a", "a2", "b", "c", "d", "e", "hub"]
        );
        assert!(FocusSet::default().shown(&g, 1).is_none(), "no focus");
    }

    #[test]
    fn expanding_adds_exactly_the_neighbours_and_hiding_removes() {
        let (g, id) = graph();
        let mut focus = FocusSet::on([id("b")]);
        let before = focus.shown(&g, 1).unwrap();
        assert_eq!(names(&g, before.clone(), &ALL), ["b", "hub"]);
        focus.expanded.insert(id("hub"));
        let after = focus.shown(&g, 1).unwrap();
        let added: HashSet<_> = after.difference(&before).copied().collect();
        assert_eq!(names(&g, added, &ALL), ["a", "c"]);
        focus.hidden.insert(id("c"));
        let hidden = focus.shown(&g, 1).unwrap();
        assert_eq!(names(&g, hidden, &ALL), ["a", "b", "hub"]);
        focus.exact = true;
        focus.expanded.clear();
        assert_eq!(names(&g, focus.shown(&g, 3).unwrap(), &ALL), ["b"]);
    }

    #[test]
    fn a_branch_is_what_only_the_node_joins_to_the_focus() {
        let (g, id) = graph();
        let node = |p| g.note_nodes[id(p)];
        let focus = FocusSet::on([id("hub")]);
        let shown = focus.shown(&g, 3).unwrap();
        let anchors = HashSet::from([node("hub")]);
        let br = branch(&g, &shown, node("c"), &anchors);
        assert_eq!(names(&g, br, &ALL), ["c", "d", "e"]);
        // The focus note itself: anchored by nothing else, the largest
        // piece (c, d, e) stays.
        let br = branch(&g, &shown, node("hub"), &anchors);
        assert_eq!(names(&g, br, &ALL), ["a", "a2", "b", "hub"]);
    }

    #[test]
    fn without_a_focus_the_largest_piece_stays_and_islands_elsewhere_too() {
        let (g, id) = graph();
        let node = |p| g.note_nodes[id(p)];
        let shown: HashSet<NodeIndex> = g.graph.node_indices().collect();
        let none = HashSet::new();
        let br = branch(&g, &shown, node("d"), &none);
        assert_eq!(names(&g, br, &ALL), ["d", "e"], "x and y are not d's");
        // On the island: nothing of it joins the main graph.
        let br = branch(&g, &shown, node("x"), &none);
        assert_eq!(names(&g, br, &ALL), ["x", "y"]);
    }
}
