//! The focus commands, applied: several notes selected, a focus on them
//! (the local graph is a focus on one), expanded, hidden, a path's chain;
//! and the focus carried across a reload by note path. What a focus shows
//! is worked out by `analysis::focus`.

use super::app::App;
use super::command::{FocusCommand, Redraw, RightTab};
use super::context::NotePath;
use crate::analysis::focus::{self, FocusSet};
use crate::vault::{NoteId, Vault};
use petgraph::stable_graph::NodeIndex;
use std::collections::HashSet;

/// A focus by note path, to carry across a reload that renumbers notes.
pub(super) struct CarriedFocus {
    notes: Vec<String>,
    expanded: Vec<String>,
    hidden: Vec<String>,
    exact: bool,
}

pub(super) fn carry_out(set: &FocusSet, vault: &Vault) -> CarriedFocus {
    let paths = |notes: &std::collections::BTreeSet<NoteId>| {
        (notes.iter().map(|&n| vault.notes[n].path.clone())).collect()
    };
    CarriedFocus {
        notes: paths(&set.notes),
        expanded: paths(&set.expanded),
        hidden: paths(&set.hidden),
        exact: set.exact,
    }
}

/// The focus of before a reload; notes that are gone drop out.
pub(super) fn carry_in(carried: CarriedFocus, vault: &Vault) -> FocusSet {
    let notes = |paths: Vec<String>| (paths.iter().filter_map(|p| vault.note_by_path(p))).collect();
    FocusSet {
        notes: notes(carried.notes),
        expanded: notes(carried.expanded),
        hidden: notes(carried.hidden),
        exact: carried.exact,
    }
}

/// Applies one focus command; returns what the canvas needs.
pub(super) fn apply(app: &mut App, command: FocusCommand) -> Redraw {
    match command {
        FocusCommand::ToggleSelect(note) => {
            app.shared.selection.toggle(note);
            app.views.details.show_tab(RightTab::Note);
            Redraw::Restyle
        }
        FocusCommand::SelectMany(notes) => {
            app.shared.selection.select_many(&notes);
            Redraw::Restyle
        }
        FocusCommand::On(notes) => set(app, FocusSet::on(notes)),
        FocusCommand::OnSelection => {
            let notes = app.shared.selection.all().to_vec();
            if notes.is_empty() {
                (app.shared.notices).say(
                    "Select notes to focus on: click one, then more with Ctrl (Cmd on a Mac) held",
                );
                return Redraw::Nothing;
            }
            set(app, FocusSet::on(notes))
        }
        FocusCommand::Expand(note) => {
            let mut next = app.shared.focus.set.clone();
            if !next.is_active() {
                return set(app, FocusSet::on([note]));
            }
            next.expanded.insert(note);
            next.hidden.remove(&note);
            set(app, next)
        }
        FocusCommand::Hide(note) => hide(app, &[note]),
        FocusCommand::HideBranch(note) => {
            let notes = branch_of(app, note);
            hide(app, &notes)
        }
        FocusCommand::ShowHidden => {
            app.shared.focus.set.hidden.clear();
            Redraw::Rebuild
        }
        FocusCommand::ShowPath => show_path(app),
        FocusCommand::Clear => {
            app.shared.focus.set = FocusSet::default();
            app.shared.focus.path = None;
            app.views.canvas.fit();
            Redraw::Rebuild
        }
    }
}

/// Makes `next` the focus and fits the view to what it shows.
fn set(app: &mut App, next: FocusSet) -> Redraw {
    app.shared.focus.set = next;
    let depth = app.shared.settings.view.local_depth;
    let fade = app.shared.settings.view.fade_outside_focus;
    match app.shared.session.loaded() {
        // The rest faded: the view fits the focus among it.
        Some(loaded) if fade => {
            let shown = app.shared.focus.set.shown(&loaded.graph, depth);
            let nodes = shown.unwrap_or_default().into_iter().collect();
            app.views.canvas.fit_to(nodes);
        }
        // The rest hidden: the focus is all there is, fitted as it
        // finds its place.
        _ => app.views.canvas.fit(),
    }
    Redraw::Rebuild
}

fn hide(app: &mut App, notes: &[NoteId]) -> Redraw {
    app.shared.focus.set.hidden.extend(notes.iter().copied());
    if notes.len() > 1 {
        (app.shared.notices).say(format!("{} notes hidden", notes.len()));
    }
    Redraw::Rebuild
}

/// The notes of `note`'s branch among what the canvas shows now (its
/// ghosts go with the notes that link to them).
fn branch_of(app: &App, note: NoteId) -> Vec<NoteId> {
    let Some(loaded) = app.shared.session.loaded() else {
        return Vec::new();
    };
    let graph = &loaded.graph;
    let focus = &app.shared.focus.set;
    let depth = app.shared.settings.view.local_depth;
    let mut shown: HashSet<NodeIndex> = app.views.canvas.members().into_iter().collect();
    // Faded notes outside a focus are on the canvas but not in it.
    if let Some(region) = focus.shown(graph, depth) {
        shown.retain(|n| region.contains(n));
    }
    let anchors: HashSet<NodeIndex> = focus.notes.iter().map(|&n| loaded.node_of(n)).collect();
    let nodes = focus::branch(graph, &shown, loaded.node_of(note), &anchors);
    nodes.into_iter().filter_map(|n| graph.note_of(n)).collect()
}

/// A focus on the shortest chain of links between the two selected notes,
/// highlighted as the path finder does.
fn show_path(app: &mut App) -> Redraw {
    let &[from, to] = app.shared.selection.all() else {
        (app.shared.notices).say(
            "Select two notes (the second with Ctrl or Cmd held) to show the path between them",
        );
        return Redraw::Nothing;
    };
    let Some(loaded) = app.shared.session.loaded() else {
        return Redraw::Nothing;
    };
    let Some(steps) = crate::analysis::path::shortest_path(&loaded.graph, from, to) else {
        let (a, b) = (&loaded.names[from], &loaded.names[to]);
        (app.shared.notices).say(format!("no chain of links joins “{a}” and “{b}”"));
        return Redraw::Nothing;
    };
    let chain = std::iter::once(from).chain(steps.iter().map(|s| s.note));
    let mut next = FocusSet::on(chain);
    next.exact = true;
    app.shared.focus.path = Some(NotePath { from, to, steps });
    set(app, next)
}
