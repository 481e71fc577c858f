//! Keeping noise out, in the window: files left out by Obsidian's excluded
//! files and the vault's `.gitignore` are not notes (the Filters panel
//! counts them, its switch brings the `.gitignore` ones back), and a note
//! marked `graph: hide` is found by search but not drawn.

mod common;

use common::{excluded_vault, harness, wait_for_label};
use egui_kittest::kittest::Queryable;
use notegraph::gui::{App, Settings, VaultSource};

fn paths(app: &App) -> Vec<String> {
    let loaded = app.loaded().unwrap();
    loaded.vault.notes.iter().map(|n| n.path.clone()).collect()
}

#[test]
fn excluded_files_are_no_notes_and_the_hidden_note_is_searched_not_drawn() {
    let dir = excluded_vault();
    let settings = Settings {
        gitignore: true,
        ..Settings::default()
    };
    let app = App::new_blocking(settings, VaultSource::Folder(dir.path().into()));
    app.loaded().unwrap().text.wait();
    let mut h = harness(app);
    assert_eq!(paths(h.state()), ["Secret.md", "Topic.md", "index.md"]);
    assert!(h.query_by_label("4 files excluded").is_some());
    assert_eq!(h.state().visible_notes(), 2, "Secret is not drawn");
    assert!(h.state().node_style("Secret.md").is_none());
    assert!(h.state().node_style("Topic.md").is_some());
    // The broken link is the one to `gone`: a ghost, the only one.
    assert_eq!(h.state().visible_nodes(), 3);

    h.state_mut().set_search("zebrafish".into());
    h.run_steps(3);
    assert!(h.query_by_label("1 notes match").is_some());
    assert!(h.query_all_by_label("Secret").count() >= 1);

    // Off, build/out.md is a note again: the window loads the vault anew.
    h.state_mut().set_search(String::new());
    h.run_steps(2);
    h.get_by_label("leave out what .gitignore names").click();
    h.run_steps(1);
    wait_for_label(&mut h, "3 files excluded");
    assert_eq!(
        paths(h.state()),
        ["Secret.md", "Topic.md", "build/out.md", "index.md"]
    );
    assert!(!h.state().settings().gitignore);
}
