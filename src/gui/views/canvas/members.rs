//! What the canvas shows and how: which model nodes pass the filters, how
//! big each is, and how each node and edge stands out (focus, dimmed,
//! plan badges).

use super::adapter::Look;
use super::scene::GraphCanvas;
use crate::analysis::fold::GroupBy;
use crate::analysis::shown::{shown_nodes, Showing};
use crate::graph::Node as ModelNode;
use crate::gui::context::{Focus, ViewContext};
use crate::gui::model::Loaded;
use crate::gui::settings::{ColorBy, Settings, SizeBy, ViewSettings};
use crate::gui::style;
use crate::vault::{EdgeKind, NoteId};
use petgraph::stable_graph::NodeIndex;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Past this many missing notes in a vault, the whole graph draws none of
/// them (1,000,000 dead links would be 1,000,000 more nodes to lay out
/// and draw); the local graph of a note still shows its own.
pub const MAX_GHOSTS_DRAWN: usize = 50_000;

/// Which model nodes pass the filters and toggles, within the focus if
/// there is one (unless the rest is only faded), less the hidden notes:
/// the library's rule (`analysis::shown`), which `export --view` follows.
pub fn visible_members(loaded: &Loaded, settings: &Settings, focus: &Focus) -> Vec<NodeIndex> {
    let view = &settings.view;
    let community = &loaded.communities().of;
    let showing = Showing {
        filter: &settings.filter,
        focus: &focus.set,
        depth: view.local_depth,
        fade: view.fade_outside_focus,
        ghosts: view.show_ghosts,
        orphans_only: view.orphans_only.then_some(&loaded.is_orphan[..]),
        community: focus.community.map(|c| (c, &community[..])),
        max_ghosts: MAX_GHOSTS_DRAWN,
    };
    shown_nodes(&loaded.vault, &loaded.graph, &showing)
}

pub fn enabled_edge_kinds(view: &ViewSettings) -> Vec<EdgeKind> {
    EdgeKind::ALL
        .iter()
        .zip(view.edge_kinds)
        .filter(|(_, on)| *on)
        .map(|(k, _)| *k)
        .collect()
}

/// A node's radius before zoom: by importance within the vault's range, or
/// by its number of links.
pub fn radius_of(size_by: SizeBy, loaded: &Loaded, n: NodeIndex) -> f32 {
    let ModelNode::Note(id) = loaded.graph.graph[n] else {
        return 4.0;
    };
    match size_by {
        SizeBy::Importance => crate::palette::importance_radius(
            loaded.vault.notes[id].frontmatter.importance,
            loaded.facets.importance,
        ),
        SizeBy::Links => {
            let d = loaded.degree.get(&n).copied().unwrap_or(0) as f32;
            (3.5 + 1.8 * d.sqrt()).min(18.0)
        }
    }
}

/// What decides every look: the hovered or selected node and its
/// neighbours, and the plan's steps.
struct Emphasis {
    hovered: Option<NodeIndex>,
    selected: Option<NodeIndex>,
    /// The focused node and its neighbours, by canvas index.
    near_focus: HashSet<u32>,
    /// Plan step number of each note in the plan.
    steps: HashMap<NoteId, u32>,
    /// The plan's targets (an already learned target has no step).
    targets: HashSet<NoteId>,
    plan_active: bool,
    /// The notes the search box matches, by `NoteId`: the rest dim.
    search: Option<Arc<Vec<bool>>>,
    /// The other selected notes (Ctrl+click), by canvas index: ringed.
    chosen: HashSet<u32>,
    /// With the rest faded, what the focus shows, by canvas index: the
    /// rest is drawn faint.
    in_focus: Option<HashSet<u32>>,
}

impl Emphasis {
    fn new(scene: &GraphCanvas, loaded: &Loaded, cx: &ViewContext) -> Emphasis {
        let hovered = scene.graph.hovered_node();
        let selected = cx
            .selected()
            .and_then(|s| scene.canvas_of.get(&loaded.node_of(s)).copied());
        let canvas_of = |note: &NoteId| scene.canvas_of.get(&loaded.node_of(*note));
        let chosen = (cx.selection.all().iter())
            .filter_map(canvas_of)
            .map(|i| i.index() as u32)
            .collect();
        let view = &cx.settings.view;
        let in_focus = (view.fade_outside_focus)
            .then(|| cx.focus.set.shown(&loaded.graph, view.local_depth))
            .flatten()
            .map(|region| {
                (region.iter())
                    .filter_map(|n| scene.canvas_of.get(n))
                    .map(|i| i.index() as u32)
                    .collect()
            });
        let near_focus = hovered
            .or(selected)
            .map(|f| {
                let mut s: HashSet<u32> = scene.neighbours[f.index()].iter().copied().collect();
                s.insert(f.index() as u32);
                s
            })
            .unwrap_or_default();
        // A path found by the path finder shows like a plan: numbered
        // steps, the rest faded.
        if let Some(path) = &cx.focus.path {
            return Emphasis {
                hovered,
                selected,
                near_focus,
                steps: (path.steps.iter().enumerate())
                    .map(|(i, s)| (s.note, i as u32 + 1))
                    .collect(),
                targets: HashSet::from([path.from]),
                plan_active: true,
                search: None,
                chosen,
                in_focus,
            };
        }
        let plan = cx.focus.plan.as_ref();
        let steps = plan.map_or_else(HashMap::new, |p| {
            (p.steps.iter().enumerate())
                .map(|(i, s)| (s.note, i as u32 + 1))
                .collect()
        });
        let targets = plan.map_or_else(HashSet::new, |p| p.targets.iter().copied().collect());
        Emphasis {
            hovered,
            selected,
            near_focus,
            steps,
            targets,
            plan_active: plan.is_some(),
            search: cx.focus.search.as_ref().map(|s| s.matches.clone()),
            chosen,
            in_focus,
        }
    }

    /// Outside a focus whose rest is faded.
    fn outside(&self, i: usize) -> bool {
        (self.in_focus.as_ref()).is_some_and(|f| !f.contains(&(i as u32)))
    }

    fn node_look(&self, i: usize, note: Option<NoteId>) -> Look {
        if self.outside(i) && !self.near_focus.contains(&(i as u32)) {
            return Look::Faint;
        }
        let near = self.near_focus.contains(&(i as u32));
        let in_plan =
            note.is_some_and(|n| self.steps.contains_key(&n) || self.targets.contains(&n));
        let on = |yes: bool| if yes { Look::Focus } else { Look::Dim };
        if self.hovered.is_some() {
            on(near)
        } else if self.plan_active {
            on(in_plan)
        } else if self.search.is_some() {
            // Much fainter than a plan's dimming: hits among thousands.
            if self.matched(note) {
                Look::Focus
            } else {
                Look::Faint
            }
        } else if self.selected.is_some() && near {
            Look::Focus
        } else {
            Look::Normal
        }
    }

    fn matched(&self, note: Option<NoteId>) -> bool {
        let search = self.search.as_deref();
        note.is_some_and(|n| search.is_some_and(|m| m.get(n).copied().unwrap_or(false)))
    }

    /// Edge looks follow their ends; a plan shows edges between its steps,
    /// a search those between two matches (`step` says which ends count).
    fn edge_look(&self, a: NodeIndex, b: NodeIndex, step: &dyn Fn(NodeIndex) -> bool) -> Look {
        let touches = |n: Option<NodeIndex>| n.is_some_and(|n| n == a || n == b);
        let on = |yes: bool| if yes { Look::Focus } else { Look::Dim };
        if self.outside(a.index()) || self.outside(b.index()) {
            if touches(self.hovered) {
                return Look::Focus;
            }
            return Look::Faint;
        }
        if self.hovered.is_some() {
            on(touches(self.hovered))
        } else if self.plan_active {
            on(step(a) && step(b))
        } else if self.search.is_some() {
            if step(a) && step(b) {
                Look::Focus
            } else {
                Look::Faint
            }
        } else if touches(self.selected) {
            Look::Focus
        } else {
            Look::Normal
        }
    }
}

/// A folded group's colour (its group's, when the canvas is coloured by
/// groups of its kind) and look, which follows the member that matters
/// most: one in the plan or matched by the search.
fn style_group(
    scene: &mut GraphCanvas,
    i: usize,
    loaded: &Loaded,
    emphasis: &Emphasis,
    palette: &style::Palette,
) {
    let group = &scene.groups[i - scene.open_count()];
    let notes: Vec<NoteId> = (group.members.iter())
        .filter_map(|&m| loaded.graph.note_of(m))
        .collect();
    let marked = |n: &&NoteId| {
        emphasis.steps.contains_key(n)
            || emphasis.targets.contains(n)
            || emphasis.matched(Some(**n))
    };
    let note = notes.iter().find(marked).or(notes.first()).copied();
    let by = match group.key.by() {
        GroupBy::Community => ColorBy::Community,
        GroupBy::Folder => ColorBy::Folder,
        GroupBy::Tag => ColorBy::Tag,
    };
    let color = match notes.first() {
        Some(&first) if palette.by() == by => palette.color_of(loaded, first),
        _ => style::GROUP,
    };
    let look = emphasis.node_look(i, note);
    let selected = Some(NodeIndex::new(i)) == emphasis.selected;
    if let Some(node) = scene.graph.node_mut(NodeIndex::new(i)) {
        let data = node.payload_mut();
        data.look = look;
        data.color = color;
        data.selected = selected;
        data.hit = emphasis.search.is_some() && notes.iter().any(|&n| emphasis.matched(Some(n)));
        node.set_selected(selected);
    }
}

/// Sets colours, sizes, highlights and dimming from the current state.
pub fn restyle(scene: &mut GraphCanvas, loaded: &Loaded, cx: &ViewContext) {
    let view = &cx.settings.view;
    let emphasis = Emphasis::new(scene, loaded, cx);
    // The prerequisite view ticks what is learned.
    let study = cx.settings.study_config();
    let curved = scene.curved;
    // And what a plan takes as known: prerequisites of learned notes.
    let implied: HashSet<NoteId> = (cx.focus.plan.iter())
        .flat_map(|p| p.implied.iter().map(|i| i.note))
        .collect();
    let ticked = |note: Option<NoteId>| {
        curved
            && note
                .is_some_and(|n| study.is_learned(&loaded.vault.notes[n]) || implied.contains(&n))
    };
    let palette = style::Palette::new(loaded, view.color_by);
    let by_checks = palette.by() == crate::gui::settings::ColorBy::SelfCheck;
    scene.style_version += 1;
    let first_group = scene.open_count();
    for g in 0..scene.groups.len() {
        style_group(scene, first_group + g, loaded, &emphasis, &palette);
    }
    for i in 0..first_group {
        let idx = NodeIndex::new(i);
        let model = scene.members[i];
        let note = loaded.graph.note_of(model);
        let look = emphasis.node_look(i, note);
        let color = note.map_or(style::GHOST, |id| match &cx.focus.placement {
            Some(placing) => {
                let place = placing.marks.get(id).copied();
                style::placed_color(place.unwrap_or(crate::gui::context::Placed::Open))
            }
            None => palette.color_of(loaded, id),
        });
        let ready = view.highlight_ready
            && cx.focus.placement.is_none()
            && loaded.has_prerequisites
            && note.is_some_and(|n| loaded.ready_set.contains(&n));
        scene.set_base_radius(i, radius_of(view.size_by, loaded, model));
        if let Some(node) = scene.graph.node_mut(idx) {
            let data = node.payload_mut();
            data.look = look;
            data.color = color;
            data.selected = Some(idx) == emphasis.selected || emphasis.chosen.contains(&(i as u32));
            data.badge = note.and_then(|n| emphasis.steps.get(&n).copied());
            data.ticked = ticked(note);
            // Every node of the prerequisite view is held in place: no
            // pin marks there.
            data.pinned &= !curved;
            data.ring = ready.then_some(style::READY);
            data.hit = emphasis.search.is_some() && emphasis.matched(note);
            data.progress = note
                .and_then(|n| loaded.self_checks()[n])
                .map(|t| t.share())
                // Coloured by self-check, all or nothing is the colour
                // itself: an arc only says how far one in progress is.
                .filter(|&share| !by_checks || (share > 0.0 && share < 1.0))
                // A placement's colours stand alone.
                .filter(|_| cx.focus.placement.is_none());
            // egui_graphs draws its selected nodes last: the selected
            // note's label then lies over every other in live frames too,
            // as `paint_at_rest` draws it at rest.
            let selected = node.payload().selected;
            node.set_selected(selected);
        }
    }
    let members = &scene.members;
    // An edge is in the plan when both its ends are plan steps (in a
    // search, when both match).
    let step = |n: NodeIndex| {
        let note = loaded.graph.note_of(members[n.index()]);
        if emphasis.plan_active {
            note.is_some_and(|id| emphasis.steps.contains_key(&id))
        } else {
            emphasis.matched(note)
        }
    };
    for edge in &mut scene.edges {
        let a = NodeIndex::new(edge.from as usize);
        let b = NodeIndex::new(edge.to as usize);
        edge.look = emphasis.edge_look(a, b, &step);
    }
}
