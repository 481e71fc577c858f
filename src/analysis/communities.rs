//! Topics of a vault: Louvain modularity clustering of the undirected note
//! graph (ghosts excluded, edges weighted by link count), deterministic for
//! a given vault, and a name for each community.

use super::louvain::modularity;
use crate::graph::{Node, NoteGraph};
use crate::vault::{NoteId, Vault};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The undirected note graph as adjacency lists with weights, by `NoteId`.
pub struct NoteNetwork {
    /// (neighbour, weight) of each note; each undirected edge once per end.
    pub adjacency: Vec<Vec<(usize, f64)>>,
    /// Sum of all edge weights (each edge once).
    pub total_weight: f64,
}

impl NoteNetwork {
    pub fn of(vault: &Vault, graph: &NoteGraph) -> NoteNetwork {
        let n = vault.notes.len();
        // Each link once per pair of notes, sorted, then the links of one
        // pair summed: counts are whole numbers, so any order sums alike.
        let mut pairs: Vec<((usize, usize), f64)> = (graph.graph.edge_references())
            .filter_map(
                |e| match (graph.graph[e.source()], graph.graph[e.target()]) {
                    (Node::Note(a), Node::Note(b)) if a != b => {
                        Some(((a.min(b), a.max(b)), e.weight().count as f64))
                    }
                    _ => None,
                },
            )
            .collect();
        pairs.sort_unstable_by_key(|p| p.0);
        pairs.dedup_by(|later, first| {
            let same = later.0 == first.0;
            if same {
                first.1 += later.1;
            }
            same
        });
        let mut adjacency = vec![Vec::new(); n];
        let mut total_weight = 0.0;
        for ((a, b), w) in pairs {
            adjacency[a].push((b, w));
            adjacency[b].push((a, w));
            total_weight += w;
        }
        NoteNetwork {
            adjacency,
            total_weight,
        }
    }

    pub fn degree(&self, node: usize) -> usize {
        self.adjacency[node].len()
    }
}

/// A partition of the notes into communities, largest first.
#[derive(Debug, Clone, PartialEq)]
pub struct Communities {
    /// Community of each note; isolated notes get a community of their own.
    pub of: Vec<usize>,
    /// Members of each community, by size (largest first), then first note.
    pub members: Vec<Vec<NoteId>>,
    pub names: Vec<String>,
    /// Newman's modularity of the partition.
    pub modularity: f64,
    /// Louvain's finer levels, finest first, each nesting inside the next
    /// and the last inside `of`: sub-topics, for a layout that shows
    /// structure at more than one scale.
    pub finer: Vec<Vec<usize>>,
    /// Groups of notes that most Louvain runs put together (see
    /// restarts.rs): what the layout pulls together, so that it shows
    /// topics that do not hang on one run's choices.
    pub consensus: Vec<usize>,
}

/// Louvain: move nodes to the neighbouring community that gains most
/// modularity until none gains, then merge communities and repeat.
pub fn communities(vault: &Vault, graph: &NoteGraph) -> Communities {
    communities_of(vault, &NoteNetwork::of(vault, graph))
}

/// `communities` over a network already built.
pub fn communities_of(vault: &Vault, net: &NoteNetwork) -> Communities {
    communities_named(vault, net, &super::names::display_names(vault))
}

/// `communities_of`, with every note's display name (`display_names`)
/// already worked out: the window has them, and they cost a tenth of the
/// communities' time at 100k notes.
pub fn communities_named(vault: &Vault, net: &NoteNetwork, display: &[String]) -> Communities {
    let runs = super::restarts::Runs::of(&net.adjacency, net.total_weight);
    let consensus = runs.consensus(&net.adjacency);
    let mut finer = runs.best();
    let of = finer
        .pop()
        .unwrap_or_else(|| (0..net.adjacency.len()).collect());
    let members = group(&of);
    let mut of_sorted = vec![0; of.len()];
    for (c, m) in members.iter().enumerate() {
        for &n in m {
            of_sorted[n] = c;
        }
    }
    let modularity = modularity(&net.adjacency, net.total_weight, &of_sorted);
    let names = names(vault, net, &members, display);
    Communities {
        of: of_sorted,
        members,
        names,
        modularity,
        finer,
        consensus,
    }
}

/// At most `k` of `members`, hubs first: the most linked notes
/// (`degree`, by `NoteId`), then higher PageRank where it is known, then
/// title and path. What names a community shown alone: its best known notes.
pub fn hubs_first(
    vault: &Vault,
    members: &[NoteId],
    degree: &dyn Fn(NoteId) -> usize,
    pagerank: Option<&[f64]>,
    k: usize,
) -> Vec<NoteId> {
    let rank = |n: NoteId| pagerank.map_or(0.0, |p| p[n]);
    let mut list = members.to_vec();
    list.sort_by(|&a, &b| {
        (degree(b).cmp(&degree(a)))
            .then(rank(b).total_cmp(&rank(a)))
            .then_with(|| vault.notes[a].title.cmp(&vault.notes[b].title))
            .then_with(|| vault.notes[a].path.cmp(&vault.notes[b].path))
    });
    list.truncate(k);
    list
}

/// Communities as member lists, largest first, ties by first member.
fn group(of: &[usize]) -> Vec<Vec<usize>> {
    let mut by: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (n, &c) in of.iter().enumerate() {
        by.entry(c).or_default().push(n);
    }
    let mut members: Vec<Vec<usize>> = by.into_values().collect();
    members.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
    members
}

/// Each community's most frequent tag, else its best linked note's title;
/// a name already given takes that note's title after it (its path, if
/// that is taken too). Quick, for the window's first frames: the names
/// shown everywhere are `topic_names.rs`'s.
fn names(
    vault: &Vault,
    net: &NoteNetwork,
    members: &[Vec<NoteId>],
    display: &[String],
) -> Vec<String> {
    let mut used: HashSet<String> = HashSet::new();
    // Hubs are named as everywhere else: shared titles with their folder.
    members
        .iter()
        .map(|m| {
            let mut tags: HashMap<&str, usize> = HashMap::new();
            for &n in m {
                for t in &vault.notes[n].frontmatter.tags {
                    *tags.entry(t.as_str()).or_default() += 1;
                }
            }
            let tag = (tags.into_iter())
                // A tag names a group, not one or two notes.
                .filter(|&(_, count)| m.len() >= 3 && count >= 2)
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
                .map(|(t, _)| format!("#{t}"));
            let hub = m
                .iter()
                .copied()
                .max_by_key(|&n| (net.degree(n), std::cmp::Reverse(n)));
            let hub_name = hub.map(|h| display[h].clone()).unwrap_or_default();
            let mut tries = [
                tag.clone(),
                tag.map(|t| format!("{t} · {hub_name}")),
                Some(hub_name),
                hub.map(|h| vault.notes[h].path.clone()),
            ]
            .into_iter()
            .flatten();
            let mut name = tries.next().unwrap_or_default();
            for next in tries {
                if used.insert(name.clone()) {
                    break;
                }
                name = next;
            }
            used.insert(name.clone());
            name
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::tests::vault;

    /// Two triangles joined by one edge: two communities, Q = 5/14.
    #[test]
    fn two_cliques_joined_by_a_bridge_split_in_two() {
        let v = vault(&[
            ("a.md", "---\ntags: [left]\n---\n[[b]] [[c]]"),
            ("b.md", "---\ntags: [left]\n---\n[[c]]"),
            ("c.md", "---\ntags: [left]\n---\n[[d]]"),
            ("d.md", "[[e]] [[f]]"),
            ("e.md", "[[f]]"),
            ("f.md", "# Right hub"),
            ("lonely.md", ""),
        ]);
        let g = NoteGraph::build(&v);
        let c = communities(&v, &g);
        let id = |p: &str| v.note_by_path(p).unwrap();
        assert_eq!(c.of[id("a.md")], c.of[id("b.md")]);
        assert_eq!(c.of[id("a.md")], c.of[id("c.md")]);
        assert_eq!(c.of[id("d.md")], c.of[id("f.md")]);
        assert_ne!(c.of[id("a.md")], c.of[id("d.md")]);
        assert_eq!(c.members.len(), 3, "{:?}", c.members);
        assert!((c.modularity - 5.0 / 14.0).abs() < 1e-9, "{}", c.modularity);
        assert!(c.names.contains(&"#left".to_string()), "{:?}", c.names);
        assert_eq!(communities(&v, &g), c, "deterministic");
    }

    #[test]
    fn a_community_lists_its_hubs_first() {
        let v = vault(&[
            ("a.md", "[[hub]] [[b]]"),
            ("b.md", "[[hub]]"),
            ("c.md", "[[hub]]"),
            ("hub.md", "[[d]]"),
            ("d.md", ""),
        ]);
        let g = NoteGraph::build(&v);
        let members: Vec<NoteId> = (0..v.notes.len()).collect();
        let degree = |n: NoteId| g.targets(n, None).len() + g.sources(n, None).len();
        let title = |list: Vec<NoteId>| -> Vec<String> {
            list.iter().map(|&n| v.notes[n].title.clone()).collect()
        };
        // hub: 4 links; a and b: 2; c and d: 1, ties by title.
        let top = hubs_first(&v, &members, &degree, None, 3);
        assert_eq!(title(top), ["hub", "a", "b"]);
        // Among equals, PageRank decides before the title.
        let mut pagerank = vec![0.0; v.notes.len()];
        pagerank[v.note_by_path("b.md").unwrap()] = 0.5;
        let top = hubs_first(&v, &members, &degree, Some(&pagerank), 5);
        assert_eq!(title(top), ["hub", "b", "a", "c", "d"]);
    }

    #[test]
    fn ring_of_cliques_finds_each_clique() {
        // Ten 5-cliques in a ring: the textbook case Louvain must solve.
        let mut files: Vec<(String, String)> = Vec::new();
        for k in 0..10 {
            for i in 0..5 {
                let mut body = String::new();
                for j in (i + 1)..5 {
                    body.push_str(&format!("[[n{k}-{j}]] "));
                }
                if i == 0 {
                    body.push_str(&format!("[[n{}-1]]", (k + 1) % 10));
                }
                files.push((format!("n{k}-{i}.md"), body));
            }
        }
        let refs: Vec<(&str, &str)> = files
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        let v = vault(&refs);
        let c = communities(&v, &NoteGraph::build(&v));
        assert_eq!(c.members.len(), 10, "{:?}", c.members);
        assert!(c.members.iter().all(|m| m.len() == 5));
        assert!(c.modularity > 0.8, "{}", c.modularity);
    }
}
