//! Folding groups of notes into one node: which group a note belongs to
//! (its community, top folder or first tag, the same rule that colours
//! it), and the shown nodes with the folded groups' members taken in.
//! What a fold draws (sizes, one weighted edge per pair) is the canvas's.

use super::communities::Communities;
use crate::graph::{Node, NoteGraph};
use crate::vault::{NoteId, Vault};
use petgraph::stable_graph::NodeIndex;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// What groups notes for folding: as the canvas colours them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum GroupBy {
    Community,
    Folder,
    Tag,
}

/// One group that can fold: a community by its number (the order of
/// `Communities::members`, largest first), a top folder (`/` for notes at
/// the vault's root) or a first tag.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum GroupKey {
    Community(u32),
    Folder(String),
    Tag(String),
}

impl GroupKey {
    pub fn by(&self) -> GroupBy {
        match self {
            GroupKey::Community(_) => GroupBy::Community,
            GroupKey::Folder(_) => GroupBy::Folder,
            GroupKey::Tag(_) => GroupBy::Tag,
        }
    }

    /// How the group is named: the community's name, the folder, `#tag`.
    pub fn name(&self, community_names: &[String]) -> String {
        match self {
            GroupKey::Community(c) => (community_names.get(*c as usize).cloned())
                .unwrap_or_else(|| format!("topic {}", c + 1)),
            GroupKey::Folder(f) => format!("{f}/"),
            GroupKey::Tag(t) => format!("#{t}"),
        }
    }
}

/// The group of note `id` by `by`; none for a note alone in its
/// community or without a tag.
pub fn group_of(
    vault: &Vault,
    communities: &Communities,
    by: GroupBy,
    id: NoteId,
) -> Option<GroupKey> {
    let note = &vault.notes[id];
    match by {
        GroupBy::Community => {
            let c = communities.of[id];
            (communities.members[c].len() > 1).then_some(GroupKey::Community(c as u32))
        }
        GroupBy::Folder => Some(GroupKey::Folder(note.top_folder().to_string())),
        GroupBy::Tag => (note.frontmatter.tags.first()).map(|t| GroupKey::Tag(t.clone())),
    }
}

/// Every group of `by` with at least two notes, largest first (then by
/// key): what "Fold all" folds.
pub fn groups(vault: &Vault, communities: &Communities, by: GroupBy) -> Vec<(GroupKey, usize)> {
    let mut count: HashMap<GroupKey, usize> = HashMap::new();
    for id in 0..vault.notes.len() {
        if let Some(key) = group_of(vault, communities, by, id) {
            *count.entry(key).or_default() += 1;
        }
    }
    let mut out: Vec<(GroupKey, usize)> = count.into_iter().filter(|(_, n)| *n > 1).collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

/// A folded group among the shown nodes: its members (notes, and missing
/// notes only its members link to).
#[derive(Debug, Clone, PartialEq)]
pub struct FoldedGroup {
    pub key: GroupKey,
    pub members: Vec<NodeIndex>,
    /// How many of `members` are notes.
    pub notes: usize,
}

/// The shown nodes with folded groups taken in.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Folding {
    /// Shown nodes in no folded group, in the order given.
    pub open: Vec<NodeIndex>,
    /// The folded groups that have a shown member, in the order folded.
    pub groups: Vec<FoldedGroup>,
}

impl Folding {
    /// The group each folded model node is in (its index in `groups`).
    pub fn group_index(&self) -> HashMap<NodeIndex, usize> {
        let mut of = HashMap::new();
        for (g, group) in self.groups.iter().enumerate() {
            of.extend(group.members.iter().map(|&m| (m, g)));
        }
        of
    }
}

/// Takes the members of each folded group out of `shown`: a note goes
/// into the group its key names (a note is in one group of each kind;
/// with groups of two kinds folded, the first folded takes it); a missing
/// note goes into a group when every shown note linking to it is there.
pub fn fold(
    vault: &Vault,
    graph: &NoteGraph,
    communities: &Communities,
    shown: &[NodeIndex],
    folded: &[GroupKey],
) -> Folding {
    if folded.is_empty() {
        return Folding {
            open: shown.to_vec(),
            groups: Vec::new(),
        };
    }
    let order: HashMap<&GroupKey, usize> = folded.iter().enumerate().map(|(i, k)| (k, i)).collect();
    let mut kinds: Vec<GroupBy> = folded.iter().map(GroupKey::by).collect();
    kinds.dedup();
    let note_group = |id: NoteId| -> Option<usize> {
        (kinds.iter())
            .filter_map(|&by| group_of(vault, communities, by, id))
            .filter_map(|k| order.get(&k).copied())
            .min()
    };
    let mut group_at: HashMap<NodeIndex, usize> = HashMap::new();
    for &n in shown {
        if let Some(g) = graph.note_of(n).and_then(note_group) {
            group_at.insert(n, g);
        }
    }
    let shown_set: std::collections::HashSet<NodeIndex> = shown.iter().copied().collect();
    for &n in shown {
        if let Node::Ghost(_) = graph.graph[n] {
            let mut linkers = (graph.graph)
                .neighbors_directed(n, petgraph::Direction::Incoming)
                .filter(|s| shown_set.contains(s))
                .map(|s| group_at.get(&s).copied());
            if let Some(Some(first)) = linkers.next() {
                if linkers.all(|g| g == Some(first)) {
                    group_at.insert(n, first);
                }
            }
        }
    }
    let mut groups: Vec<FoldedGroup> = (folded.iter())
        .map(|k| FoldedGroup {
            key: k.clone(),
            members: Vec::new(),
            notes: 0,
        })
        .collect();
    let mut open = Vec::new();
    for &n in shown {
        match group_at.get(&n) {
            Some(&g) => {
                groups[g].members.push(n);
                groups[g].notes += usize::from(graph.note_of(n).is_some());
            }
            None => open.push(n),
        }
    }
    groups.retain(|g| !g.members.is_empty());
    Folding { open, groups }
}
