//! Full-text search and related notes in the window, driven headless.

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use notegraph::gui::{Command, Settings};

mod common;

use common::{harness, note_id, sample_app, selected_path};

/// The sample, with its text index built (it is built on a thread of its
/// own after loading).
fn indexed_harness() -> egui_kittest::Harness<'static, notegraph::gui::App> {
    let app = sample_app(Settings::default());
    app.loaded().unwrap().text.wait();
    harness(app)
}

#[test]
fn a_phrase_found_only_in_bodies_lists_snippets_dims_the_rest_and_opens_at_the_hit() {
    let mut h = indexed_harness();
    h.get_by_role(Role::TextInput).click();
    h.run_steps(2);
    // "leader election" stands in two bodies and in no title.
    h.get_by_role(Role::TextInput)
        .type_text("\"leader election\"");
    h.run_steps(3);
    assert!(h.query_by_label("2 notes match").is_some());
    assert!(
        h.query_by_label("2 match the search").is_some(),
        "status bar"
    );
    assert!(h.query_by_label("Raft").is_some() && h.query_by_label("Consensus").is_some());
    // Arrow down to the second result, Enter opens it, scrolled to the hit.
    h.key_press(egui::Key::ArrowDown);
    h.run_steps(2);
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    let opened = selected_path(h.state()).expect("a note is selected");
    assert!(
        ["databases/raft.md", "databases/consensus.md"].contains(&opened.as_str()),
        "{opened}"
    );
    // Esc empties the search first, keeping the selection; then clears it.
    h.key_press(egui::Key::Escape);
    h.run_steps(3);
    assert!(h.query_by_label("2 match the search").is_none());
    assert_eq!(selected_path(h.state()), Some(opened));
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert_eq!(h.state().selected(), None);
}

#[test]
fn filters_in_the_box_narrow_the_list() {
    let mut h = indexed_harness();
    h.get_by_role(Role::TextInput).click();
    h.run_steps(2);
    h.get_by_role(Role::TextInput)
        .type_text("leader path:databases/ -paxos");
    h.run_steps(3);
    // Four notes of databases/ say "leader"; Raft, Paxos and Consensus
    // also say "Paxos".
    assert!(h.query_by_label("1 notes match").is_some());
    assert!(h.query_by_label("Replication").is_some());
    for gone in ["Paxos", "Raft", "Consensus"] {
        assert!(h.query_by_label(gone).is_none(), "{gone} is listed");
    }
}

#[test]
fn the_note_panel_lists_related_notes_with_what_they_share() {
    let mut h = indexed_harness();
    let raft = note_id(h.state(), "databases/raft.md");
    h.state_mut().push(Command::Select(raft));
    h.run_steps(4);
    assert!(h.query_by_label("Related by content").is_some());
    // Consensus is linked to Raft; Indexing shares words but no link.
    assert!(h.query_all_by_label_contains("shares: ").count() >= 3);
    let unlinked = h.query_all_by_label("not linked yet").count();
    assert!(unlinked >= 1);
    assert_eq!(h.query_all_by_label("copy link").count(), unlinked);
}

/// The notes `query` matches, by path.
fn hits_of(app: &notegraph::gui::App, query: &str) -> Vec<String> {
    use notegraph::analysis::text::{frontmatter_status, Query};
    let loaded = app.loaded().unwrap();
    let index = loaded.text.get().expect("the index is built");
    let status = frontmatter_status(&loaded.vault);
    let found = index.search(&loaded.vault, &Query::parse(query, true), &status, 1);
    let paths = found
        .all
        .iter()
        .map(|&n| loaded.vault.notes[n].path.clone());
    paths.collect()
}

#[test]
fn keys_typed_in_the_frame_of_ctrl_f_go_to_the_search_box() {
    let mut h = indexed_harness();
    h.run_steps(3);
    assert!(!h.state().is_fit_pending() && !h.state().is_layout_paused());
    // A slow frame: Ctrl+F and a whole query arrive together. `f` would
    // fit the graph and Space pause the layout, were they the canvas's.
    let typed = "first \"base case\"";
    let key = |key: Key, modifiers: Modifiers| egui::Event::Key {
        key,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers,
    };
    let mut events = vec![key(Key::F, Modifiers::COMMAND)];
    for c in typed.chars() {
        let name = if c == ' ' {
            "Space".to_string()
        } else {
            c.to_ascii_uppercase().to_string()
        };
        events.extend(Key::from_name(&name).map(|k| key(k, Modifiers::NONE)));
        events.push(egui::Event::Text(c.to_string()));
    }
    h.input_mut().events.extend(events);
    h.run_steps(1);
    assert_eq!(h.state().search_text(), typed);
    assert!(!h.state().is_layout_paused(), "Space paused the layout");
    assert!(!h.state().is_fit_pending(), "F fitted the graph");
}

#[test]
fn a_search_rings_its_hits_and_fades_the_rest_further_than_a_plan_dims() {
    let mut h = indexed_harness();
    let paths: Vec<String> = (h.state().loaded().unwrap().vault.notes.iter())
        .map(|n| n.path.clone())
        .collect();
    let style = |h: &egui_kittest::Harness<'_, notegraph::gui::App>, p: &str| {
        h.state().node_style(p).expect("shown")
    };
    // The usual dimming: a plan pushes back the notes outside it.
    let raft = note_id(h.state(), "databases/raft.md");
    h.state_mut().push(Command::PlanFor(Some(raft)));
    h.run_steps(3);
    let dim = (paths.iter())
        .map(|p| style(&h, p).opacity)
        .fold(1.0f32, f32::min);
    assert!(dim < 1.0, "a plan dims some notes");
    assert!(paths.iter().all(|p| !style(&h, p).search_ring));
    h.state_mut().push(Command::PlanFor(None));
    h.state_mut().set_search("\"leader election\"".into());
    h.run_steps(3);
    let hits = hits_of(h.state(), "\"leader election\"");
    assert_eq!(hits.len(), 2);
    for p in &paths {
        let s = style(&h, p);
        if hits.contains(p) {
            assert!(s.search_ring && s.opacity == 1.0, "{p}: {s:?}");
        } else {
            assert!(!s.search_ring, "{p} is ringed");
            assert!(s.opacity < dim / 2.0, "{p}: {} against {dim}", s.opacity);
        }
    }
}

#[test]
fn enter_with_no_result_chosen_fits_the_graph_to_the_hits() {
    let mut h = indexed_harness();
    h.state_mut().settle_layout();
    h.run_steps(3);
    // Far in, most of the graph is out of view.
    h.state_mut().zoom_by(12.0);
    h.run_steps(3);
    let query = "leader";
    let hits = hits_of(h.state(), query);
    assert!(hits.len() >= 3, "{hits:?}");
    let inside = |h: &egui_kittest::Harness<'_, notegraph::gui::App>, p: &str| {
        let at = h.state().node_screen_position(p).expect("shown");
        h.state().canvas_rect().contains(at)
    };
    assert!(
        hits.iter().any(|p| !inside(&h, p)),
        "a hit starts out of view"
    );
    h.get_by_role(Role::TextInput).click();
    h.run_steps(2);
    h.get_by_role(Role::TextInput).type_text(query);
    h.run_steps(3);
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert_eq!(h.state().selected(), None, "no result was opened");
    for p in &hits {
        assert!(inside(&h, p), "{p} is out of view");
    }
}
