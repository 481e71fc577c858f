//! The window, driven headless through egui_kittest (no display, no GPU).

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use notegraph::gui::{App, Command, RightTab, Settings, VaultSource};
use std::collections::HashMap;

mod common;

use common::{harness, note_id, sample_app, selected_path};

#[test]
fn search_selects_a_note_and_the_panel_shows_it() {
    let mut h = harness(sample_app(Settings::default()));
    h.get_by_role(Role::TextInput).click();
    h.run_steps(2);
    h.get_by_role(Role::TextInput).type_text("raft");
    h.run_steps(2);
    // Down to the first result; Enter opens it (with none chosen, Enter
    // fits the graph to the hits).
    h.key_press(egui::Key::ArrowDown);
    h.run_steps(2);
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    assert_eq!(
        selected_path(h.state()).as_deref(),
        Some("databases/raft.md")
    );
    assert_eq!(h.state().tab(), RightTab::Note);
    // The panel shows its properties and its body, without frontmatter.
    assert!(h.query_by_label("databases/raft.md").is_some(), "path row");
    assert!(h.query_by_label("Plan to learn this").is_some());
    assert!(
        h.query_all_by_label_contains("id: raft").next().is_none(),
        "frontmatter is not shown as text"
    );
}

#[test]
fn clicking_links_in_the_note_body_navigates() {
    let mut app = sample_app(Settings::default());
    app.select(note_id(&app, "databases/replication.md"));
    let mut h = harness(app);
    // A wikilink with an alias: [[quorums|read/write quorums]].
    h.get_by_label("read/write quorums").click();
    h.run_steps(3);
    assert_eq!(
        selected_path(h.state()).as_deref(),
        Some("databases/quorums.md")
    );

    // A relative Markdown link in the body, then back with Alt+Left.
    let mut app = sample_app(Settings::default());
    app.select(note_id(&app, "databases/replication.md"));
    let mut h = harness(app);
    h.get_all_by_label("CAP theorem").next().unwrap().click();
    h.run_steps(3);
    assert_eq!(
        selected_path(h.state()).as_deref(),
        Some("system-design/cap-theorem.md")
    );
    h.key_press_modifiers(egui::Modifiers::ALT, egui::Key::ArrowLeft);
    h.run_steps(3);
    assert_eq!(
        selected_path(h.state()).as_deref(),
        Some("databases/replication.md")
    );
}

#[test]
fn filters_change_the_visible_count() {
    let mut h = harness(sample_app(Settings::default()));
    assert_eq!(h.state().visible_notes(), 36);
    assert!(h.query_by_label("36 / 36 notes shown").is_some());
    h.get_by_label("Status").click();
    h.run_steps(2);
    h.get_by_label("todo  (12)").click();
    h.run_steps(3);
    assert_eq!(h.state().visible_notes(), 12);
    assert!(h.query_by_label("12 / 36 notes shown").is_some());
    h.get_by_label("orphans only (2)").click();
    h.run_steps(3);
    // Of the two orphans, one is todo.
    let loaded = h.state().loaded().unwrap();
    let todo_orphans = loaded
        .orphans
        .iter()
        .filter(|&&o| loaded.vault.notes[o].frontmatter.status.as_deref() == Some("todo"))
        .count();
    assert_eq!(h.state().visible_notes(), todo_orphans);
}

#[test]
fn problems_panel_lists_the_sample_orphans_and_selects_them() {
    let mut h = harness(sample_app(Settings::default()));
    h.get_by_label_contains("Problems (").click();
    h.run_steps(3);
    assert_eq!(h.state().tab(), RightTab::Problems);
    assert!(h.query_by_label("Orphans (2)").is_some());
    h.get_by_label("Sorting").click();
    h.run_steps(3);
    assert_eq!(
        selected_path(h.state()).as_deref(),
        Some("algorithms/sorting.md")
    );
    // The note tab opens on the orphan: its path row is shown.
    assert_eq!(h.state().tab(), RightTab::Note);
    assert!(h.query_by_label("algorithms/sorting.md").is_some());
}

#[test]
fn study_plan_lists_prerequisites_in_order_and_numbers_them() {
    let mut app = sample_app(Settings::default());
    app.select(note_id(&app, "databases/raft.md"));
    let mut h = harness(app);
    h.get_by_label("Plan to learn this").click();
    h.run_steps(3);
    let plan = h.state().plan().cloned().expect("a plan");
    let loaded = h.state().loaded().unwrap();
    let paths: Vec<&str> = plan
        .steps
        .iter()
        .map(|s| loaded.vault.notes[s.note].path.as_str())
        .collect();
    assert_eq!(paths.last(), Some(&"databases/raft.md"));
    let pos = |p: &str| paths.iter().position(|x| *x == p).unwrap();
    assert!(pos("databases/consensus.md") < pos("databases/raft.md"));
    assert_eq!(h.state().tab(), RightTab::Plan);
    assert!(h.query_by_label_contains("To learn “Raft”").is_some());
}

/// eframe storage kept in memory.
#[derive(Default)]
struct MemoryStorage(HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_string(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

#[test]
fn settings_round_trip_through_storage() {
    let mut settings = Settings::default();
    settings.filter.statuses.insert("learning".into());
    settings.filter.tags.insert("distributed".into());
    settings.view.show_ghosts = false;
    settings.view.edge_kinds[3] = false;
    settings.layout.link_distance = 80.0;
    settings.recent.push("/some/vault".into());
    let mut storage = MemoryStorage::default();
    notegraph::gui::save_settings(&mut storage, &settings);
    let restored = notegraph::gui::load_settings(Some(&storage));
    assert_eq!(restored, settings);

    // The restored filters give the same view.
    let a = sample_app(settings);
    let b = sample_app(restored);
    assert_eq!(a.visible_notes(), b.visible_notes());
    assert!(a.visible_notes() < 36);
    assert_eq!(notegraph::gui::load_settings(None), Settings::default());
}

#[test]
fn a_missing_folder_shows_an_error_instead_of_crashing() {
    let app = App::new_blocking(
        Settings::default(),
        VaultSource::Folder("/no/such/vault".into()),
    );
    let mut h = harness(app);
    h.run_steps(2);
    assert!(h.state().error().unwrap().contains("/no/such/vault"));
    assert!(h.query_by_label_contains("cannot read vault").is_some());
}

#[test]
fn links_that_are_not_notes_or_web_pages_are_refused() {
    let mut app = sample_app(Settings::default());
    let cap = note_id(&app, "system-design/cap-theorem.md");
    app.select(cap);
    let mut h = harness(app);
    for url in [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "../../../etc/passwd.md",
        "ftp://example.org/x",
        "data:text/html,hi",
    ] {
        h.state_mut().push(Command::DismissMessage);
        h.state_mut().push(Command::OpenUrl(url.into()));
        h.run_steps(2);
        let message = h.state().message().unwrap_or_default().to_string();
        assert!(message.contains("not opened"), "{url}: {message:?}");
        assert_eq!(h.state().selected(), Some(cap), "{url} must not navigate");
    }
}

#[test]
fn side_panels_fold_away_and_the_choice_is_kept() {
    let mut h = harness(sample_app(Settings::default()));
    assert!(
        h.query_by_role(Role::TextInput).is_some(),
        "search box shown"
    );
    h.get_by_label("Filters").click();
    h.run_steps(3);
    assert!(h.query_by_role(Role::TextInput).is_none(), "filters folded");
    assert!(!h.state().settings().view.show_filters);
    h.get_by_label("Details").click();
    h.run_steps(3);
    assert!(h.query_by_label("Problems (5)").is_none(), "details folded");
    // The graph still shows every note.
    assert_eq!(h.state().visible_notes(), 36);
    h.get_by_label("Filters").click();
    h.run_steps(3);
    assert!(h.query_by_role(Role::TextInput).is_some());
}

/// What a screen reader sees: the main controls by role and name.
#[test]
fn main_controls_are_reachable_by_role_and_label() {
    let mut app = sample_app(Settings::default());
    app.select(note_id(&app, "databases/raft.md"));
    let h = harness(app);
    let by_role = |role: Role, label: &str| h.query_all_by_role_and_label(role, label).count() > 0;
    assert_eq!(
        h.query_all_by_role(Role::TextInput).count(),
        2,
        "search and path boxes"
    );
    for button in [
        "File",
        "View",
        "Help",
        "Plan to learn this",
        "Local graph",
        "Re-run",
    ] {
        assert!(by_role(Role::Button, button), "button {button}");
    }
    assert!(
        by_role(Role::CheckBox, "orphans only (2)"),
        "orphans checkbox"
    );
    assert!(by_role(Role::Tab, "Problems (5)") || by_role(Role::Button, "Problems (5)"));
}

/// A note with every Obsidian construct renders without its raw syntax.
#[test]
fn obsidian_markdown_renders_without_raw_syntax() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/obsidian");
    let mut app = App::new_blocking(Settings::default(), VaultSource::Folder(root));
    app.select(note_id(&app, "Everything.md"));
    let mut h = harness(app);
    h.run_steps(2);
    let shown = |text: &str| h.query_all_by_label_contains(text).count();
    for raw in [
        "[!warning]",
        "[!tip]",
        "^para-1",
        "==",
        "%%",
        "secret remark",
        "nobody should see",
    ] {
        assert_eq!(shown(raw), 0, "{raw:?} is shown");
    }
    assert!(shown("a highlight") > 0);
    assert_eq!(shown("Mind the gap"), 1, "callout title");
    assert_eq!(shown("Folded away"), 1, "folded callout title");
    assert_eq!(
        shown("Hidden until opened"),
        0,
        "a folded callout starts closed"
    );
    assert!(
        shown("Quote") > 0,
        "a callout without a title shows its type"
    );
    assert_eq!(shown("Embedded words from the second note"), 1);
    assert_eq!(shown("Only this section is embedded"), 1);
    assert_eq!(shown("Intro that the embed skips"), 0);
    assert_eq!(shown("Not this one"), 0);
    assert!(shown("#topics/graphs") > 0, "inline tag");
    assert!(shown("\\sum") > 0, "block maths shown as source");
    // A tag click filters the graph by that tag.
    // The frontmatter chip comes first, then the inline tag in the body.
    assert_eq!(h.get_all_by_label("#demo").count(), 2);
    h.get_all_by_label("#demo").last().unwrap().click();
    h.run_steps(3);
    assert!(h.state().settings().filter.tags.contains("demo"));
}

/// A vault without statuses is coloured by community; the legend names the
/// communities and a click shows one alone; the note panel says where a
/// note stands and what to link.
#[test]
fn communities_colour_a_vault_without_statuses_and_filter_from_the_legend() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/obsidian");
    let mut app = App::new_blocking(Settings::default(), VaultSource::Folder(root));
    app.select(note_id(&app, "Everything.md"));
    let mut h = harness(app);
    h.run_steps(2);
    assert!(h.query_by_label("community").is_some(), "community line");
    // The legend and the top bar name the community the same way.
    h.run_steps(2);
    let loaded = h.state().loaded().expect("a vault");
    assert!(loaded.has_topic_names(), "the topic names arrive");
    let everything = note_id(h.state(), "Everything.md");
    let community = loaded.communities().of[everything];
    let name = loaded.community_names()[community].clone();
    assert!(!name.contains(" (2)"), "{name}");
    let legend_entry = h.get_all_by_label(&name).count();
    assert!(legend_entry >= 1, "the legend names the community: {name}");
    h.get_all_by_label(&name).last().unwrap().click();
    h.run_steps(3);
    assert!(
        h.query_by_label_contains(&format!("Community “{name}”"))
            .is_some(),
        "{name}"
    );
    h.get_by_label("Show all communities").click();
    h.run_steps(3);
    assert!(h.query_by_label_contains("Community “").is_none());

    let mut app = sample_app(Settings::default());
    app.select(note_id(&app, "algorithms/sorting.md"));
    let h = harness(app);
    assert!(
        h.query_by_label("Suggested links").is_some(),
        "an orphan gets suggestions"
    );
}

/// The path finder lists the chain of links and numbers it on the graph.
#[test]
fn the_path_finder_lists_the_links_between_two_notes() {
    let mut app = sample_app(Settings::default());
    app.select(note_id(&app, "databases/raft.md"));
    let mut h = harness(app);
    assert_eq!(
        h.get_all_by_role(Role::TextInput).count(),
        2,
        "search and path boxes"
    );
    h.get_all_by_role(Role::TextInput).nth(1).unwrap().click();
    h.run_steps(2);
    h.get_all_by_role(Role::TextInput)
        .nth(1)
        .unwrap()
        .type_text("TLS");
    h.run_steps(3);
    h.get_all_by_label("TLS").last().unwrap().click();
    h.run_steps(3);
    assert!(h.query_by_label_contains("link(s) to “TLS”").is_some());
    // The four steps `notegraph path` finds too, numbered, ending at TLS.
    assert!(h.query_by_label_contains("4. ").is_some());
    assert!(h.query_by_label_contains("5. ").is_none());
    assert_eq!(h.get_all_by_label("TLS").count(), 1);
    h.get_by_label("Clear path").click();
    h.run_steps(3);
    assert!(h.query_by_label_contains("link(s) to").is_none());
}
