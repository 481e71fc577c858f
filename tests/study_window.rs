//! The window's study map and panels on vaults written for them: what the
//! note panel says is to learn first, cycles explained, the study buttons
//! only where a vault has prerequisites, pins, a community shown alone,
//! the debug overlay, and ticking turned on from the panel.

mod common;

use common::{open_selected, write};
use egui_kittest::kittest::Queryable;
use notegraph::gui::{Command, RightTab};

/// `### Prerequisites` naming `names`.
fn needs(names: &[&str]) -> String {
    let links: String = names.iter().map(|n| format!("- [[{n}]]\n")).collect();
    format!("### Prerequisites\n{links}")
}

/// Goal needs three notes, which need four more between them; Left and
/// Right need each other.
fn study_vault() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in [
        ("goal.md", needs(&["one", "two", "three"])),
        ("one.md", needs(&["four"])),
        ("two.md", needs(&["five"])),
        ("three.md", needs(&["six", "seven"])),
        ("four.md", String::new()),
        ("five.md", String::new()),
        ("six.md", String::new()),
        ("seven.md", needs(&["four"])),
        ("left.md", needs(&["right"])),
        ("right.md", needs(&["left"])),
    ] {
        write(dir.path(), path, text);
    }
    dir
}

/// Three direct prerequisites, seven steps in the plan before the note:
/// the panel says both.
#[test]
fn the_panel_counts_direct_prerequisites_and_all_of_them() {
    let dir = study_vault();
    let (h, _) = open_selected(dir.path(), "goal.md");
    assert!(
        h.query_by_label("prerequisites to learn first: 3 direct, 7 in all")
            .is_some(),
        "the chip"
    );
    // And the steps are listed: seven of them.
    assert!(h.query_by_label("7.").is_some());
    assert!(h.query_by_label("8.").is_none());
}

/// "in prerequisite cycle 1" says on hover what a cycle is and which
/// notes form it.
#[test]
fn a_cycle_chip_says_what_it_means_and_who_forms_it() {
    let dir = study_vault();
    let (mut h, _) = open_selected(dir.path(), "left.md");
    h.get_by_label("in prerequisite cycle 1").hover();
    // Tooltips wait half a second; a step is a sixtieth.
    h.run_steps(40);
    let tip = h
        .query_by_label_contains("require each other through prerequisite links")
        .expect("the tooltip");
    let text = tip.value().unwrap_or_default();
    assert!(text.ends_with("learned together: left, right"), "{text}");
}

/// Without a prerequisite link in the vault there is nothing to plan: no
/// "Plan to learn this", no ready highlight, and the plan tab says how to
/// add prerequisites. With one, the button is there.
#[test]
fn a_vault_without_prerequisites_shows_no_study_buttons_and_says_how_to_add_some() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "sets.md", "# Sets\nSee [[functions]].\n");
    write(
        dir.path(),
        "functions.md",
        "# Functions\n## Self-check\n- [ ] x\n",
    );
    let (mut h, _) = open_selected(dir.path(), "sets.md");
    assert!(
        h.query_by_label("Local graph").is_some(),
        "the note's buttons"
    );
    assert!(h.query_by_label("Plan to learn this").is_none());
    assert!(h.query_by_label("ready to study now").is_none());
    assert!(h
        .query_by_label_contains("highlight ready to study")
        .is_none());
    h.state_mut().push(Command::ShowTab(RightTab::Plan));
    h.run_steps(3);
    assert!(h
        .query_by_label_contains("To add some, give a note a `### Prerequisites` heading")
        .is_some());
    assert!(h.query_by_label_contains("Ready to study now").is_none());

    let dir = study_vault();
    let (h, _) = open_selected(dir.path(), "goal.md");
    assert!(h.query_by_label("Plan to learn this").is_some());
    assert!(h
        .query_by_label_contains("highlight ready to study")
        .is_some());
}

/// The prerequisite view holds every note in place, but no note there was
/// pinned by the user: selecting one offers no "Unpin", nor in the graph
/// view, where nothing was dragged.
#[test]
fn no_unpin_in_the_prerequisite_view_or_on_notes_never_dragged() {
    let dir = study_vault();
    let (mut h, _) = open_selected(dir.path(), "one.md");
    assert!(h.query_by_label("Local graph").is_some());
    assert!(h.query_by_label("Unpin").is_none(), "never dragged");
    let mut view = h.state().settings().view.clone();
    view.canvas = notegraph::gui::CanvasMode::Prerequisites;
    h.state_mut().push(Command::SetView(view));
    h.run_steps(4);
    assert_eq!(h.state().visible_notes(), 10, "every note is drawn there");
    for path in ["goal.md", "four.md", "left.md"] {
        let id = common::note_id(h.state(), path);
        h.state_mut().push(Command::Select(id));
        h.run_steps(3);
        assert!(h.query_by_label("Local graph").is_some());
        assert!(h.query_by_label("Unpin").is_none(), "{path}");
    }
}

/// A community shown alone is named in the note tab with its size, "39
/// notes", and its hubs listed most linked first, each a link.
#[test]
fn a_community_shown_alone_lists_its_hubs() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..38 {
        // Links to notes not written yet count as links, not as members.
        let more = match i {
            5 => " [[not yet a]] [[not yet b]]",
            6 => " [[not yet c]]",
            _ => "",
        };
        write(
            dir.path(),
            &format!("leaf {i:02}.md"),
            format!("See [[hub]].{more}\n"),
        );
    }
    write(dir.path(), "hub.md", "# hub\n");
    let (mut h, _) = open_selected(dir.path(), "hub.md");
    let loaded = h.state().loaded().unwrap();
    let c = loaded.communities().of[common::note_id(h.state(), "hub.md")];
    assert_eq!(loaded.communities().members[c].len(), 39, "one community");
    assert!(
        h.query_by_label("39 notes").is_some(),
        "the note's community with its size, not (39)"
    );
    // Nothing selected: the tab holds the community alone.
    h.state_mut().push(Command::ClearSelection);
    h.state_mut().push(Command::FocusCommunity(Some(c)));
    h.run_steps(3);
    assert!(h
        .query_by_label_contains("”, shown alone · 39 notes")
        .is_some());
    assert!(h.query_by_label("Its hubs, most linked first").is_some());
    let shown: Vec<&str> = ["hub", "leaf 05", "leaf 06", "leaf 10", "leaf 11", "leaf 37"]
        .into_iter()
        .filter(|name| h.query_all_by_label(name).count() > 0)
        .collect();
    // hub: 38 links; leaf 05: 3; leaf 06: 2; then by title.
    assert_eq!(shown, ["hub", "leaf 05", "leaf 06", "leaf 10"]);
    assert!(h.query_by_label("and 27 more").is_some());
}

/// The frame time is for developers: not in the window by default, shown
/// once View › Debug overlay is on.
#[test]
fn the_frame_time_shows_only_in_the_debug_overlay() {
    if std::env::var("NOTEGRAPH_DEBUG").is_ok_and(|v| v == "1") {
        return; // The overlay is on whatever the setting.
    }
    let mut h = common::harness(common::sample_app(notegraph::gui::Settings::default()));
    assert!(
        h.query_by_label_contains("notes visible").is_some(),
        "the status bar"
    );
    assert!(h.query_by_label_contains("ms/frame").is_none());
    let mut view = h.state().settings().view.clone();
    view.debug_overlay = true;
    h.state_mut().push(Command::SetView(view));
    h.run_steps(3);
    assert!(h.query_by_label_contains("ms/frame").is_some());
}

/// Boxes that cannot be ticked say so beside them, with the button that
/// turns ticking on; a click on it lets the next click tick a box.
#[test]
fn read_only_boxes_say_why_and_offer_to_turn_ticking_on() {
    let dir = tempfile::tempdir().unwrap();
    let text = "# Note\n\n## Self-check\n- [ ] I can define it\n";
    write(dir.path(), "note.md", text);
    let (mut h, _) = open_selected(dir.path(), "note.md");
    assert!(h
        .query_by_label("Read-only: tick them in your editor, or")
        .is_some());
    h.get_by_label("tick them here").click();
    h.run_steps(3);
    assert!(h.state().settings().tick_boxes_in_notes);
    assert!(h.query_by_label("tick them here").is_none());
    assert!(h.query_by_label_contains("Read-only").is_none());
    // The panel's box comes first, the body's copy after it.
    h.query_all_by_label("I can define it")
        .next()
        .unwrap()
        .click();
    h.run_steps(3);
    let after = std::fs::read_to_string(dir.path().join("note.md")).unwrap();
    assert_eq!(after, text.replace("- [ ]", "- [x]"));

    // The sample cannot be written: said, with nothing to turn on.
    let mut app = common::sample_app(notegraph::gui::Settings::default());
    let checked = (app.loaded().unwrap().self_checks().iter())
        .position(|t| t.is_some())
        .expect("a sample note with a self-check");
    app.push(Command::Select(checked));
    let mut h = common::harness(app);
    h.run_steps(2);
    assert!(h
        .query_by_label_contains("the bundled sample vault is never written")
        .is_some());
    assert!(h.query_by_label("tick them here").is_none());
}
