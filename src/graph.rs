//! The petgraph model: one node per note, one ghost node per missing
//! target, and typed edges in the direction of the link.

use crate::vault::{EdgeKind, Link, NoteId, Target, Vault};
use petgraph::stable_graph::{NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use petgraph::Direction;
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

/// Where one of a note's edges leads, before the ghosts have nodes.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum To<'v> {
    Note(NoteId),
    Ghost(&'v str),
}

/// One edge of a note: its links of one kind to one target.
struct NoteEdge<'v> {
    to: To<'v>,
    kind: EdgeKind,
    count: u32,
    /// The first link's target as written: a ghost's label.
    first: &'v str,
}

/// Edges looked over one by one up to this many, in a table past it: a
/// note links a few notes, and one of 50,000 links must not cost 50,000².
const SCAN_PAST: usize = 32;

/// The edges of note `id`, whose links are `links`: each target and kind
/// once, in the order first linked. Links to itself and to files left
/// out give none.
fn edges_of(id: NoteId, links: &[Link]) -> Vec<NoteEdge<'_>> {
    let mut edges: Vec<NoteEdge> = Vec::new();
    // SipHash: a ghost's key is the vault's text.
    let mut table: Option<HashMap<(To, EdgeKind), usize>> = None;
    for link in links {
        let to = match &link.target {
            Target::Note(target) if *target == id => continue,
            Target::Excluded(_) => continue,
            Target::Note(target) => To::Note(*target),
            Target::Missing(key) => To::Ghost(key),
        };
        let kind = link.raw.kind;
        if edges.len() == SCAN_PAST && table.is_none() {
            let keys = edges.iter().enumerate().map(|(i, e)| ((e.to, e.kind), i));
            table = Some(keys.collect());
        }
        let seen = match &table {
            Some(table) => table.get(&(to, kind)).copied(),
            None => edges.iter().position(|e| e.to == to && e.kind == kind),
        };
        match seen {
            Some(at) => edges[at].count += 1,
            None => {
                if let Some(table) = &mut table {
                    table.insert((to, kind), edges.len());
                }
                let first = &link.raw.target;
                edges.push(NoteEdge {
                    to,
                    kind,
                    count: 1,
                    first,
                });
            }
        }
    }
    edges
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
        use rayon::prelude::*;
        // Each note's edges are found on every core; only the nodes and
        // edges are added in one place, in note order, so that the graph
        // (its indices included) is the same on any number of cores.
        let edges: Vec<Vec<NoteEdge>> = (vault.notes.par_iter().enumerate())
            .map(|(id, note)| edges_of(id, &note.links))
            .collect();
        let mut graph: StableDiGraph<Node, Edge> =
            StableDiGraph::with_capacity(vault.notes.len(), edges.iter().map(Vec::len).sum());
        let note_nodes: Vec<NodeIndex> = (0..vault.notes.len())
            .map(|id| graph.add_node(Node::Note(id)))
            .collect();
        let mut ghosts = Vec::new();
        let mut ghost_nodes = Vec::new();
        // SipHash: the ghosts' keys are the vault's text.
        let mut ghost_by_key: HashMap<&str, usize> = HashMap::new();
        for (id, edges) in edges.iter().enumerate() {
            for edge in edges {
                let target = match edge.to {
                    To::Note(target) => note_nodes[target],
                    To::Ghost(key) => {
                        let ghost = *ghost_by_key.entry(key).or_insert_with(|| {
                            ghosts.push(Ghost {
                                key: key.to_string(),
                                label: crate::vault::stem_of(edge.first).to_string(),
                            });
                            ghost_nodes.push(graph.add_node(Node::Ghost(ghosts.len() - 1)));
                            ghosts.len() - 1
                        });
                        ghost_nodes[ghost]
                    }
                };
                let weight = Edge {
                    kind: edge.kind,
                    count: edge.count,
                };
                graph.add_edge(note_nodes[id], target, weight);
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

    #[test]
    fn a_note_of_many_links_gives_each_edge_once_in_the_order_first_linked() {
        // Past SCAN_PAST targets, repeated: the table agrees with the scan.
        let once: String = (0..40).rev().map(|i| format!("[[n{i}]] ")).collect();
        let text = format!("[[Gone Deep]] {once}\n{once} [[gone deep]] [[N3]]\n");
        let mut files = vec![("many.md".to_string(), text)];
        files.extend((0..20).map(|i| (format!("n{i}.md"), String::new())));
        let refs: Vec<(&str, &str)> = files
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        let v = vault(&refs);
        let g = NoteGraph::build(&v);
        let many = v.note_by_path("many.md").unwrap();
        let edges: Vec<(String, u32)> = (g.graph.edge_references())
            .map(|e| {
                assert_eq!(e.source(), g.note_nodes[many]);
                let to = match g.graph[e.target()] {
                    Node::Note(id) => v.notes[id].path.clone(),
                    Node::Ghost(ghost) => format!("ghost {}", g.ghosts[ghost].label),
                };
                (to, e.weight().count)
            })
            .collect();
        let mut expected = vec![("ghost Gone Deep".to_string(), 2)];
        for i in (0..40).rev() {
            let to = if i < 20 {
                format!("n{i}.md")
            } else {
                format!("ghost n{i}")
            };
            expected.push((to, if i == 3 { 3 } else { 2 }));
        }
        assert_eq!(edges, expected);
        assert_eq!(g.ghosts.len(), 21);
    }
}
