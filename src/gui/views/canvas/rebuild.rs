//! Building the canvas's scene for the current filters and view: which
//! nodes, and where they start (known positions; a local graph afresh
//! round its centre; the prerequisite view's computed places). The view
//! (mod.rs) keeps what it needs of the old scene and fits the new one.

use super::persist::Known;
use super::scene::{GraphCanvas, GroupNode, Placement};
use super::{members, prerequisites};
use crate::analysis::fold::{self, GroupKey};
use crate::graph::Node as ModelNode;
use crate::gui::context::ViewContext;
use crate::gui::model::Loaded;
use crate::layout::TopicLevels;
use petgraph::stable_graph::NodeIndex;
use std::collections::{HashMap, HashSet};

/// Where a scene's nodes start, and which are held.
struct Start {
    positions: HashMap<NodeIndex, [f32; 2]>,
    pinned: HashSet<NodeIndex>,
}

/// Where a focus's nodes start: where they were in the focus, and the
/// note held in the middle (a focus on one note).
pub struct LocalStart {
    pub centre: Option<NodeIndex>,
    pub kept: HashMap<NodeIndex, [f32; 2]>,
}

/// A scene built for the current filters and view, and what the canvas
/// says of it.
pub struct Built {
    pub scene: GraphCanvas,
    pub visible_notes: usize,
    /// How many visible notes the prerequisite view leaves out.
    pub left_out: usize,
}

/// Builds the scene for the current filters: in the prerequisite view
/// (`layered`) at its computed places, each held there; else from what is
/// `known`, or for a focus from `local`. `hold_known`
/// keeps every known node still (a reload).
pub fn scene(
    cx: &ViewContext,
    loaded: &Loaded,
    known: &Known,
    layered: bool,
    local: Option<LocalStart>,
    (hold_known, seeds): (bool, &HashMap<NodeIndex, [f32; 2]>),
) -> Built {
    let view = &cx.settings.view;
    let members = members::visible_members(loaded, cx.settings, cx.focus);
    let (members, start, left_out) = if layered {
        let s = prerequisites::scene(loaded, &members, cx.focus.plan.as_ref());
        // Every node at its layered place, held there.
        let pinned = s.members.iter().copied().collect();
        let start = Start {
            positions: s.positions,
            pinned,
        };
        (s.members, start, s.left_out)
    } else {
        (members, force_start(known, local), 0)
    };
    // The prerequisite view places every note by its layer: it folds
    // nothing.
    let folded = if layered {
        &[][..]
    } else {
        &cx.focus.folded[..]
    };
    let (members, groups) = fold_groups(loaded, members, folded);
    let (community_of, topics) = topic_levels(loaded, &members);
    let placement = Placement {
        positions: &start.positions,
        seeds,
        pinned: &start.pinned,
        params: cx.settings.layout,
        hold_known: layered || hold_known,
        topics: if layered { Default::default() } else { topics },
    };
    let edge_kinds = if layered {
        vec![crate::vault::EdgeKind::Prerequisite]
    } else {
        members::enabled_edge_kinds(view)
    };
    let mut scene = GraphCanvas::build(
        &loaded.graph,
        (members, groups),
        &edge_kinds,
        &|n| loaded.titles[&n].clone(),
        &|n| members::radius_of(view.size_by, loaded, n),
        placement,
    );
    let visible_notes = (scene.members[..scene.open_count()].iter())
        .filter(|m| matches!(loaded.graph.graph[**m], ModelNode::Note(_)))
        .count()
        + scene.groups.iter().map(|g| g.notes).sum::<usize>();
    scene.set_communities(community_of, loaded.community_names().to_vec());
    scene.curved = layered;
    if layered {
        scene.regions.cycles = cycle_groups(loaded, &scene.members);
    }
    Built {
        scene,
        visible_notes,
        left_out,
    }
}

/// The shown nodes less the members of the `folded` groups, and a node
/// for each of those groups.
fn fold_groups(
    loaded: &Loaded,
    members: Vec<NodeIndex>,
    folded: &[GroupKey],
) -> (Vec<NodeIndex>, Vec<GroupNode>) {
    if folded.is_empty() {
        return (members, Vec::new());
    }
    let folding = fold::fold(
        &loaded.vault,
        &loaded.graph,
        loaded.communities(),
        &members,
        folded,
    );
    let names = loaded.community_names();
    let groups = (folding.groups.into_iter())
        .map(|group| GroupNode {
            title: group_title(&group.key, group.notes, names).into(),
            radius: (6.0 + 2.2 * (group.notes as f32).sqrt()).min(40.0),
            group,
        })
        .collect();
    (folding.open, groups)
}

/// What a folded group is called on the canvas: its name and how many
/// notes it holds.
pub fn group_title(key: &GroupKey, notes: usize, community_names: &[String]) -> String {
    format!("{} ({notes})", key.name(community_names))
}

/// Where the force view's nodes start: where they were, or for a focus
/// where the focus had them, else afresh round its centre, as Obsidian
/// does (the graph's positions would put it in a corner of the map), its
/// centre held in the middle.
fn force_start(known: &Known, local: Option<LocalStart>) -> Start {
    match local {
        Some(LocalStart { centre, mut kept }) => {
            let mut pinned = HashSet::new();
            if let Some(c) = centre {
                kept.entry(c).or_insert([0.0, 0.0]);
                pinned.insert(c);
            }
            Start {
                positions: kept,
                pinned,
            }
        }
        None => Start {
            positions: known.positions.clone(),
            pinned: known.pinned.clone(),
        },
    }
}

/// The community of each member for colours and names (`NO_GROUP` for
/// ghosts and notes alone), and the layout's topic levels.
fn topic_levels(loaded: &Loaded, members: &[NodeIndex]) -> (Vec<u32>, TopicLevels) {
    let communities = &loaded.communities();
    let of_members = |group_of: &dyn Fn(usize) -> u32| -> Vec<u32> {
        (members.iter())
            .map(|&m| (loaded.graph.note_of(m)).map_or(crate::layout::NO_GROUP, group_of))
            .collect()
    };
    let community_of = of_members(&|id| {
        // Notes of one (unlinked notes) need no pull.
        if communities.members[communities.of[id]].len() > 1 {
            communities.of[id] as u32
        } else {
            crate::layout::NO_GROUP
        }
    });
    // The layout groups what most Louvain runs agree on (restarts.rs).
    let topics = TopicLevels {
        communities: of_members(&|id| communities.consensus[id] as u32),
        finer: (communities.finer.iter())
            .map(|level| of_members(&|id| level[id] as u32))
            .collect(),
    };
    (community_of, topics)
}

/// The prerequisite cycles among `members`: each cycle's number (1-based,
/// as the panel and the plan name it) and its members' canvas indices.
fn cycle_groups(loaded: &Loaded, members: &[NodeIndex]) -> Vec<(usize, Vec<u32>)> {
    let mut groups: std::collections::BTreeMap<usize, Vec<u32>> = Default::default();
    for (i, &m) in members.iter().enumerate() {
        let cycle = loaded
            .graph
            .note_of(m)
            .and_then(|n| loaded.cycle_of().get(&n));
        if let Some(&c) = cycle {
            groups.entry(c).or_default().push(i as u32);
        }
    }
    groups.into_iter().filter(|(_, g)| g.len() > 1).collect()
}
