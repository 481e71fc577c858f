//! The menus, tooltips and the Help menu name each action's shortcut from
//! the window's one table of actions: Ctrl elsewhere, Cmd on a Mac.
// A window test: it builds only with the window, as the `[[test]]`
// entries with `required-features = ["gui"]` do.
#![cfg(feature = "gui")]

mod common;

use common::{harness, note_id, sample_app};
use egui::os::OperatingSystem;
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use notegraph::gui::{App, Command, Settings};

/// The window as egui reports it on `os`.
fn harness_on(os: OperatingSystem) -> Harness<'static, App> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_os(os)
        .build_ui_state(
            |ui, app: &mut App| app.ui(ui),
            sample_app(Settings::default()),
        );
    h.run_steps(4);
    h
}

/// Opens the top menu `menu`.
fn open_menu(h: &mut Harness<'static, App>, menu: &str) {
    h.get_by_label(menu).click();
    h.run_steps(2);
}

fn assert_labels(h: &Harness<'static, App>, labels: &[&str]) {
    for label in labels {
        assert!(h.query_by_label(label).is_some(), "no {label:?}");
    }
}

#[test]
fn menu_entries_show_their_shortcuts() {
    let mut h = harness(sample_app(Settings::default()));
    open_menu(&mut h, "File");
    assert_labels(&h, &["Open folder… Ctrl+O", "Reload Ctrl+R"]);
    let mut h = harness(sample_app(Settings::default()));
    open_menu(&mut h, "View");
    let view = [
        "Fit to view F",
        "Zoom in +",
        "Zoom out -",
        "Pause layout Space",
    ];
    assert_labels(&h, &view);
}

#[test]
fn the_help_menu_lists_each_shortcut() {
    let mut h = harness(sample_app(Settings::default()));
    open_menu(&mut h, "Help");
    let keys = ["Ctrl+O", "Ctrl+F", "Ctrl+R", "Esc", "+ / -", "F", "Space"];
    assert_labels(&h, &keys);
    assert_labels(&h, &["Alt+← / →", "back / forward through selections"]);
    assert_labels(&h, &["zoom at the pointer (also Ctrl+wheel, pinch)"]);
}

#[test]
fn the_history_buttons_name_their_shortcuts() {
    let app = sample_app(Settings::default());
    let (raft, quorums) = (
        note_id(&app, "databases/raft.md"),
        note_id(&app, "databases/quorums.md"),
    );
    let mut h = harness(app);
    // Two notes selected, so that Back is enabled: a disabled button has
    // no tooltip.
    h.state_mut().push(Command::Select(raft));
    h.state_mut().push(Command::Select(quorums));
    h.run_steps(3);
    h.get_by_label("◀").hover();
    // Tooltips wait half a second; a step is a sixtieth.
    h.run_steps(40);
    assert_labels(&h, &["Back (Alt+←)"]);
}

#[test]
fn on_a_mac_the_window_says_cmd() {
    let mut h = harness_on(OperatingSystem::Mac);
    // The hint over the empty note panel, before a note is selected.
    assert_labels(
        &h,
        &["Click a note in the graph, or search for one (Cmd+F)."],
    );
    open_menu(&mut h, "File");
    assert_labels(&h, &["Open folder… Cmd+O", "Reload Cmd+R"]);
    let mut h = harness_on(OperatingSystem::Mac);
    open_menu(&mut h, "Help");
    assert_labels(&h, &["Cmd+O", "Cmd+F", "Cmd+R", "Option+← / →"]);
    assert_labels(&h, &["zoom at the pointer (also Cmd+wheel, pinch)"]);
    let ctrl = h.query_all_by_label_contains("Ctrl").count();
    assert_eq!(ctrl, 0, "a label says Ctrl on a Mac");
}
