//! The petgraph model: one node per note, one ghost node per missing
//! target, and typed edges in the direction of the link.

use crate::vault::{EdgeKind, NoteId, Target, Vault};
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use petgraph::Direction;
use rustc_hash::FxHashMap;
use std::collections::HashMap;

/// What a graph node stands for. Nodes carry ids, never text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Node {
    Note(NoteId),
    Ghost(usize),
}

/// A link target that no note matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ghost {
    pub key: String,
    /// The target as first written, for display.
    pub label: String,
}

/// All links of one kind from one node to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edge {
    pub kind: EdgeKind,
    /// How many links it stands for.
    pub count: u32,
}

#[derive(Debug, Clone, Default)]
pub struct NoteGraph {
    pub graph: StableDiGraph<Node, Edge>,
    /// `note_nodes[note]` is the node of that note.
    pub note_nodes: Vec<NodeIndex>,
    pub ghosts: Vec<Ghost>,
    pub ghost_nodes: Vec<NodeIndex>,
}

impl NoteGraph {
    /// Builds the model. Self links give no edge; several links of the same
    /// kind between the same two nodes give one edge with a count.
    pub fn build(vault: &Vault) -> NoteGraph {
        let mut graph: StableDiGraph<Node, Edge> =
            StableDiGraph::with_capacity(vault.notes.len(), vault.notes.len() * 3);
        let note_nodes: Vec<NodeIndex> = (0..vault.notes.len())
            .map(|id| graph.add_node(Node::Note(id)))
            .collect();
        let mut ghosts = Vec::new();
        let mut ghost_nodes = Vec::new();
        // Edges by their nodes' indices, with FxHash: every link is looked
        // up here, and no note can choose an index. Ghosts stay keyed with
        // SipHash: their keys are the vault's text.
        let mut ghost_by_key: HashMap<&str, usize> = HashMap::new();
        let mut edge_by_key: FxHashMap<(NodeIndex, NodeIndex, EdgeKind), EdgeIndex> =
            FxHashMap::with_capacity_and_hasher(vault.notes.len() * 3, Default::default());
        for (id, note) in vault.notes.iter().enumerate() {
            let source = note_nodes[id];
            for link in &note.links {
                let target = match &link.target {
                    // Left out of the graph: the link resolves, to no node.
                    Target::Note(target) if *target == id => continue,
                    Target::Excluded(_) => continue,
                    Target::Note(target) => note_nodes[*target],
                    Target::Missing(key) => {
                        let ghost = *ghost_by_key.entry(&**key).or_insert_with(|| {
                            ghosts.push(Ghost {
                                key: key.to_string(),
                                label: crate::vault::stem_of(&link.raw.target).to_string(),
                            });
                            ghost_nodes.push(graph.add_node(Node::Ghost(ghosts.len() - 1)));
                            ghosts.len() - 1
                        });
                        ghost_nodes[ghost]
                    }
                };
                let kind = link.raw.kind;
                match edge_by_key.get(&(source, target, kind)) {
                    Some(&edge) => graph[edge].count += 1,
                    None => {
                        let edge = graph.add_edge(source, target, Edge { kind, count: 1 });
                        edge_by_key.insert((source, target, kind), edge);
                    }
                }
            }
        }
        NoteGraph {
            graph,
            note_nodes,
            ghosts,
            ghost_nodes,
        }
    }

    pub fn note_of(&self, node: NodeIndex) -> Option<NoteId> {
        match self.graph.node_weight(node)? {
            Node::Note(id) => Some(*id),
            Node::Ghost(_) => None,
        }
    }

    /// Whether a link joins the two notes, either way.
    pub fn linked(&self, a: NoteId, b: NoteId) -> bool {
        let (na, nb) = (self.note_nodes[a], self.note_nodes[b]);
        self.graph.find_edge(na, nb).is_some() || self.graph.find_edge(nb, na).is_some()
    }

    /// Notes this note links to with edges of `kind` (all kinds if `None`),
    /// without ghosts, each once, in note order.
    pub fn targets(&self, note: NoteId, kind: Option<EdgeKind>) -> Vec<NoteId> {
        self.neighbours(note, kind, Direction::Outgoing)
    }

    /// Notes that link to this note.
    pub fn sources(&self, note: NoteId, kind: Option<EdgeKind>) -> Vec<NoteId> {
        self.neighbours(note, kind, Direction::Incoming)
    }

    fn neighbours(&self, note: NoteId, kind: Option<EdgeKind>, dir: Direction) -> Vec<NoteId> {
        let mut out: Vec<NoteId> = self
            .graph
            .edges_directed(self.note_nodes[note], dir)
            .filter(|e| kind.is_none_or(|k| e.weight().kind == k))
            .filter_map(|e| {
                let other = if dir == Direction::Outgoing {
                    e.target()
                } else {
                    e.source()
                };
                self.note_of(other)
            })
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The direct prerequisites of a note: the notes its Prerequisites
    /// section names.
    pub fn prerequisites(&self, note: NoteId) -> Vec<NoteId> {
        self.targets(note, Some(EdgeKind::Prerequisite))
    }

    /// Distinct (source note, target note) pairs joined by a resolved link.
    pub fn note_edge_pairs(&self) -> usize {
        let mut pairs: Vec<(NodeIndex, NodeIndex)> = self
            .graph
            .edge_references()
            .filter(|e| self.note_of(e.target()).is_some())
            .map(|e| (e.source(), e.target()))
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        pairs.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::tests::vault;

    #[test]
    fn typed_edges_ghosts_and_no_self_loops() {
        let v = vault(&[
            (
                "a.md",
                "[[b]] [[b]] [[a]] [[gone]]\n### Prerequisites\n- [B](b.md)\n- [G](gone.md)\n",
            ),
            ("b.md", ""),
        ]);
        let g = NoteGraph::build(&v);
        assert_eq!(g.ghosts.len(), 1, "both spellings of `gone` share a ghost");
        assert_eq!(g.graph.node_count(), 3);
        let mut edges: Vec<_> = g
            .graph
            .edge_references()
            .map(|e| {
                (
                    e.source().index(),
                    e.target().index(),
                    e.weight().kind,
                    e.weight().count,
                )
            })
            .collect();
        edges.sort();
        assert_eq!(
            edges,
            vec![
                (0, 1, EdgeKind::Prerequisite, 1),
                (0, 1, EdgeKind::Mention, 2),
                (0, 2, EdgeKind::Prerequisite, 1),
                (0, 2, EdgeKind::Mention, 1),
            ]
        );
        assert_eq!(g.note_edge_pairs(), 1);
        assert_eq!(g.prerequisites(0), vec![1]);
        assert_eq!(g.sources(1, None), vec![0]);
    }
}
