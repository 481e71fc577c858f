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
