//! Folding groups into one node: a folded topic is one node with one
//! weighted edge per neighbour, "Fold all" leaves one node per group and
//! one edge per pair, a double click unfolds, and the unfolded notes are
//! back where they were.

mod common;

use common::{harness, sample_app};
use egui_kittest::Harness;
use notegraph::analysis::fold::GroupKey;
use notegraph::graph::Node;
use notegraph::gui::{App, ColorBy, Command, FoldCommand, Settings};
use petgraph::stable_graph::NodeIndex;
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use std::collections::{BTreeMap, HashSet};

fn window(settings: Settings) -> Harness<'static, App> {
    let mut app = sample_app(settings);
    app.settle_layout();
    harness(app)
}

fn push(h: &mut Harness<'static, App>, command: FoldCommand) {
    h.state_mut().push(Command::Fold(command));
    h.run_steps(3);
}

/// The model nodes of community `c`, and the missing notes only they
/// link to: worked out here, not by the window.
fn community(app: &App, c: usize) -> HashSet<NodeIndex> {
    let loaded = app.loaded().unwrap();
    let graph = &loaded.graph;
    let notes = &loaded.communities().members[c];
    let mut inside: HashSet<NodeIndex> = notes.iter().map(|&n| graph.note_nodes[n]).collect();
    let ghosts: Vec<NodeIndex> = (graph.graph.node_indices())
        .filter(|&n| matches!(graph.graph[n], Node::Ghost(_)))
        .filter(|&n| {
            let mut from = graph
                .graph
                .neighbors_directed(n, petgraph::Direction::Incoming);
            from.all(|s| inside.contains(&s))
        })
        .collect();
    inside.extend(ghosts);
    inside
}

/// The title of each node outside `inside` linked to it, with how many
/// links join them.
fn links_out(app: &App, inside: &HashSet<NodeIndex>) -> Vec<(String, u32)> {
    let loaded = app.loaded().unwrap();
    let mut count: BTreeMap<NodeIndex, u32> = BTreeMap::new();
    for e in loaded.graph.graph.edge_references() {
        let (a, b) = (e.source(), e.target());
        if inside.contains(&a) != inside.contains(&b) {
            let outside = if inside.contains(&a) { b } else { a };
            *count.entry(outside).or_default() += 1;
        }
    }
    let mut out: Vec<(String, u32)> = (count.into_iter())
        .map(|(n, k)| (loaded.titles[&n].to_string(), k))
        .collect();
    out.sort();
    out
}

#[test]
fn a_folded_topic_is_one_node_with_one_weighted_edge_per_neighbour() {
    let mut h = window(Settings::default());
    let before = h.state().visible_nodes();
    let inside = community(h.state(), 0);
    assert!(inside.len() >= 3, "the sample's first topic has notes");
    push(&mut h, FoldCommand::Fold(GroupKey::Community(0)));

    assert_eq!(h.state().visible_nodes(), before - inside.len() + 1);
    let (folded, shown) = h.state().folded();
    assert_eq!(folded, [GroupKey::Community(0)]);
    assert_eq!(shown.len(), 1);
    let group = &shown[0];
    let notes = h.state().loaded().unwrap().communities().members[0].len();
    assert_eq!(group.notes, notes);
    assert!(
        group.title.ends_with(&format!("({notes})")),
        "named with its count: {}",
        group.title
    );
    let mut edges = group.edges.clone();
    edges.sort();
    assert_eq!(edges, links_out(h.state(), &inside));
    // None of its notes is drawn on its own.
    let loaded = h.state().loaded().unwrap();
    for &n in &loaded.communities().members[0] {
        assert!(h
            .state()
            .node_position(&loaded.vault.notes[n].path)
            .is_none());
    }
}

#[test]
fn fold_all_leaves_one_node_per_topic_and_one_edge_per_pair() {
    let settings = Settings {
        view: notegraph::gui::ViewSettings {
            color_by: ColorBy::Community,
            ..Default::default()
        },
        ..Default::default()
    };
    let mut h = window(settings);
    push(&mut h, FoldCommand::FoldAll);
    let loaded = h.state().loaded().unwrap();
    let topics: Vec<usize> = (0..loaded.communities().members.len())
        .filter(|&c| loaded.communities().members[c].len() > 1)
        .collect();
    let (folded, shown) = h.state().folded();
    assert_eq!(folded.len(), topics.len());
    assert_eq!(shown.len(), topics.len());
    let titles: HashSet<&str> = shown.iter().map(|g| g.title.as_str()).collect();
    assert_eq!(
        titles.len(),
        shown.len(),
        "every group has a name of its own"
    );
    for group in &shown {
        let others: Vec<&String> = group.edges.iter().map(|(t, _)| t).collect();
        let distinct: HashSet<&&String> = others.iter().collect();
        assert_eq!(
            distinct.len(),
            others.len(),
            "one edge per pair: {others:?}"
        );
    }
    // Between two topics, the weight is the number of links between them.
    let (a, b) = (&shown[0], &shown[1]);
    let GroupKey::Community(ca) = a.key else {
        panic!()
    };
    let GroupKey::Community(cb) = b.key else {
        panic!()
    };
    let (ia, ib) = (
        community(h.state(), ca as usize),
        community(h.state(), cb as usize),
    );
    let graph = &h.state().loaded().unwrap().graph.graph;
    let between = (graph.edge_references())
        .filter(|e| {
            (ia.contains(&e.source()) && ib.contains(&e.target()))
                || (ib.contains(&e.source()) && ia.contains(&e.target()))
        })
        .count() as u32;
    let drawn = (a.edges.iter())
        .find(|(t, _)| *t == b.title)
        .map_or(0, |e| e.1);
    assert_eq!(drawn, between);
    // Unfold all: the whole vault again.
    push(&mut h, FoldCommand::UnfoldAll);
    assert!(h.state().folded().1.is_empty());
}

#[test]
fn folding_by_folder_folds_the_folders() {
    let settings = Settings {
        view: notegraph::gui::ViewSettings {
            color_by: ColorBy::Folder,
            ..Default::default()
        },
        ..Default::default()
    };
    let mut h = window(settings);
    push(&mut h, FoldCommand::FoldAll);
    let (folded, shown) = h.state().folded();
    assert!(
        folded.contains(&GroupKey::Folder("databases".into())),
        "{folded:?}"
    );
    let databases = (shown.iter()).find(|g| g.key == GroupKey::Folder("databases".into()));
    let loaded = h.state().loaded().unwrap();
    let notes = (loaded.vault.notes.iter())
        .filter(|n| n.path.starts_with("databases/"))
        .count();
    assert_eq!(databases.unwrap().notes, notes);
    assert_eq!(databases.unwrap().title, format!("databases/ ({notes})"));
}

/// A double click on a folded group (as a person does it: the pointer
/// over it, pressed and released twice) unfolds it, and its notes are
/// back where they were before it folded.
#[test]
fn a_double_click_on_a_folded_group_unfolds_it_where_it_was() {
    let mut h = window(Settings::default());
    let before = h.state().visible_nodes();
    let loaded = h.state().loaded().unwrap();
    let path = loaded.vault.notes[loaded.communities().members[0][0]]
        .path
        .clone();
    let place = h.state().node_position(&path).unwrap();
    push(&mut h, FoldCommand::Fold(GroupKey::Community(0)));
    h.state_mut().settle_layout();
    h.run_steps(3);
    let at = h.state().folded().1[0].at.expect("drawn");
    h.input_mut().events.push(egui::Event::PointerMoved(at));
    h.run_steps(2);
    // A frame is a quarter of a second here: each click in one frame,
    // the second within egui's double-click delay of the first.
    for _ in 0..2 {
        for pressed in [true, false] {
            h.input_mut().events.push(egui::Event::PointerButton {
                pos: at,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: Default::default(),
            });
        }
        h.run_steps(1);
    }
    h.run_steps(3);
    assert!(h.state().folded().0.is_empty(), "unfolded");
    assert_eq!(h.state().visible_nodes(), before);
    let back = h.state().node_position(&path).unwrap();
    let moved = ((back[0] - place[0]).powi(2) + (back[1] - place[1]).powi(2)).sqrt();
    assert!(
        moved < 1.0,
        "its notes are back where they were ({moved} apart)"
    );
}
