//! A focus on several notes: what it shows at a depth, what expanding a
//! note adds, what hiding a branch takes away and brings back, and a
//! path's chain between two selected notes.

mod common;

use common::{harness, note_id, sample_app};
use egui_kittest::Harness;
use notegraph::gui::{App, Command, FocusCommand, Settings};
use petgraph::stable_graph::NodeIndex;
use std::collections::HashSet;

fn window() -> Harness<'static, App> {
    let mut app = sample_app(Settings::default());
    app.settle_layout();
    harness(app)
}

fn push(h: &mut Harness<'static, App>, command: FocusCommand) {
    h.state_mut().push(Command::Focus(command));
    h.run_steps(3);
}

/// Model nodes one link from any of `notes` (the notes included), either
/// way, ghosts too: worked out here, not by the window.
fn around(app: &App, notes: &[usize]) -> HashSet<NodeIndex> {
    let graph = &app.loaded().unwrap().graph;
    let mut out = HashSet::new();
    for &n in notes {
        let node = graph.note_nodes[n];
        out.insert(node);
        out.extend(graph.graph.neighbors_undirected(node));
    }
    out
}

/// The paths of the notes drawn now.
fn drawn(app: &App) -> HashSet<String> {
    let vault = &app.loaded().unwrap().vault;
    (vault.notes.iter())
        .filter(|n| app.node_position(&n.path).is_some())
        .map(|n| n.path.clone())
        .collect()
}

fn paths(app: &App, nodes: &HashSet<NodeIndex>) -> HashSet<String> {
    let loaded = app.loaded().unwrap();
    (nodes.iter())
        .filter_map(|&n| loaded.graph.note_of(n))
        .map(|id| loaded.vault.notes[id].path.clone())
        .collect()
}

#[test]
fn a_focus_on_two_notes_at_depth_one_shows_exactly_their_neighbours() {
    let mut h = window();
    let all = h.state().visible_nodes();
    let raft = note_id(h.state(), "databases/raft.md");
    let dns = note_id(h.state(), "networking/dns.md");
    // Selected together (a click, then Ctrl+click), then focused.
    h.state_mut().push(Command::Select(raft));
    push(&mut h, FocusCommand::ToggleSelect(dns));
    assert_eq!(
        h.state().selected(),
        Some(dns),
        "the last one clicked shows"
    );
    assert_eq!(h.state().selected_notes(), vec![raft, dns]);
    push(&mut h, FocusCommand::OnSelection);
    let expected = around(h.state(), &[raft, dns]);
    assert_eq!(h.state().visible_nodes(), expected.len());
    assert!(expected.len() < all, "the rest is hidden");
    assert_eq!(drawn(h.state()), paths(h.state(), &expected));

    // Depth 2 reaches further; Clear brings the whole vault back.
    let mut view = h.state().settings().view.clone();
    view.local_depth = 2;
    h.state_mut().push(Command::SetView(view));
    h.run_steps(3);
    assert!(h.state().visible_nodes() > expected.len());
    push(&mut h, FocusCommand::Clear);
    assert_eq!(h.state().visible_nodes(), all);
}

#[test]
fn expanding_a_note_adds_exactly_its_neighbours() {
    let mut h = window();
    let raft = note_id(h.state(), "databases/raft.md");
    push(&mut h, FocusCommand::On(vec![raft]));
    let before = around(h.state(), &[raft]);
    assert_eq!(h.state().visible_nodes(), before.len());
    // Expand a neighbour that has neighbours of its own beyond the focus.
    let loaded = h.state().loaded().unwrap();
    let (next, added) = (before.iter())
        .filter_map(|&n| loaded.graph.note_of(n))
        .filter(|&n| n != raft)
        .map(|n| (n, around(h.state(), &[n])))
        .find(|(_, a)| !a.is_subset(&before))
        .expect("a neighbour with more neighbours");
    push(&mut h, FocusCommand::Expand(next));
    let after: HashSet<NodeIndex> = before.union(&added).copied().collect();
    assert_eq!(h.state().visible_nodes(), after.len());
    assert_eq!(drawn(h.state()), paths(h.state(), &after));
}

#[test]
fn a_double_click_outside_a_focus_starts_one() {
    let mut h = window();
    let raft = note_id(h.state(), "databases/raft.md");
    // What a double click on a node sends (frame.rs): outside any focus,
    // a focus on the note, as the local graph did.
    push(&mut h, FocusCommand::Expand(raft));
    assert_eq!(h.state().focus_notes(), vec![raft]);
    assert_eq!(h.state().visible_nodes(), around(h.state(), &[raft]).len());
}

#[test]
fn hiding_a_branch_hides_exactly_what_only_it_joins_and_show_all_restores() {
    let mut h = window();
    let raft = note_id(h.state(), "databases/raft.md");
    let mut view = h.state().settings().view.clone();
    view.local_depth = 2;
    h.state_mut().push(Command::SetView(view));
    push(&mut h, FocusCommand::On(vec![raft]));
    let shown = h.state().visible_nodes();
    let before = drawn(h.state());
    // Worked out here: each neighbour of raft, removed, splits off the
    // notes that reach raft only through it.
    let loaded = h.state().loaded().unwrap();
    let graph = &loaded.graph;
    let visible: HashSet<NodeIndex> = h.state().shown_nodes().into_iter().collect();
    let reach = |without: NodeIndex| {
        let mut seen = HashSet::from([graph.note_nodes[raft], without]);
        let mut stack = vec![graph.note_nodes[raft]];
        while let Some(n) = stack.pop() {
            for m in graph.graph.neighbors_undirected(n) {
                if visible.contains(&m) && seen.insert(m) {
                    stack.push(m);
                }
            }
        }
        seen
    };
    let (node, branch) = (graph.graph.neighbors_undirected(graph.note_nodes[raft]))
        .filter(|n| graph.note_of(*n).is_some())
        .map(|n| {
            let kept = reach(n);
            let cut: HashSet<String> = (before.iter())
                .filter(|p| {
                    !kept.contains(&graph.note_nodes[loaded.vault.note_by_path(p).unwrap()])
                })
                .cloned()
                .collect();
            (n, cut)
        })
        .max_by_key(|(_, cut)| cut.len())
        .unwrap();
    let note = graph.note_of(node).unwrap();
    assert!(!branch.is_empty());
    push(&mut h, FocusCommand::HideBranch(note));
    let after = drawn(h.state());
    let gone: HashSet<String> = before.difference(&after).cloned().collect();
    let mut expected = branch.clone();
    expected.insert(loaded_path(h.state(), note));
    assert_eq!(gone, expected, "exactly the branch and the node");
    assert_eq!(h.state().hidden_notes(), expected.len());
    push(&mut h, FocusCommand::ShowHidden);
    assert_eq!(
        h.state().visible_nodes(),
        shown,
        "Show all brings them back"
    );
    assert_eq!(h.state().hidden_notes(), 0);
}

fn loaded_path(app: &App, note: usize) -> String {
    app.loaded().unwrap().vault.notes[note].path.clone()
}

#[test]
fn show_path_with_two_selected_focuses_on_their_chain() {
    let mut h = window();
    let raft = note_id(h.state(), "databases/raft.md");
    let dns = note_id(h.state(), "networking/dns.md");
    let steps =
        notegraph::analysis::path::shortest_path(&h.state().loaded().unwrap().graph, raft, dns)
            .expect("a chain");
    // One selected: nothing happens but a word of why.
    h.state_mut().push(Command::Select(raft));
    push(&mut h, FocusCommand::ShowPath);
    assert!(h.state().focus_notes().is_empty());
    assert!(h.state().message().is_some());
    push(&mut h, FocusCommand::ToggleSelect(dns));
    push(&mut h, FocusCommand::ShowPath);
    let chain: HashSet<String> = std::iter::once(raft)
        .chain(steps.iter().map(|s| s.note))
        .map(|n| loaded_path(h.state(), n))
        .collect();
    assert_eq!(drawn(h.state()), chain, "the chain alone");
    for s in &steps {
        let style = h
            .state()
            .node_style(&loaded_path(h.state(), s.note))
            .unwrap();
        assert_eq!(style.opacity, 1.0, "a step of the path is lit");
    }
}

#[test]
fn esc_clears_the_selection_first_then_the_focus() {
    let mut h = window();
    let all = h.state().visible_nodes();
    let raft = note_id(h.state(), "databases/raft.md");
    h.state_mut().push(Command::LocalGraph(Some(raft)));
    h.run_steps(3);
    assert!(h.state().visible_nodes() < all);
    h.key_press(egui::Key::Escape);
    h.run_steps(3);
    assert_eq!(h.state().selected(), None);
    assert!(h.state().visible_nodes() < all, "the focus stays");
    h.key_press(egui::Key::Escape);
    h.run_steps(3);
    assert_eq!(h.state().visible_nodes(), all);
}
