//! Helpers shared by the window's test files.
#![allow(dead_code)]

use egui_kittest::Harness;
use notegraph::gui::{App, Settings, VaultSource};

pub fn sample_app(settings: Settings) -> App {
    App::new_blocking(settings, VaultSource::Sample)
}

pub fn harness(app: App) -> Harness<'static, App> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    // `run()` waits for the graph to stop asking for repaints, which it
    // never does while shown; step a fixed number of frames instead.
    harness.run_steps(4);
    // The topic details (hubs, bridges, suggested links) arrive once the
    // vault is on screen, and lengthen the note panel: wait for them, so
    // that a click does not land where a widget was a frame before.
    if let Some(loaded) = harness.state().loaded() {
        loaded.topic_details.wait();
        harness.run_steps(2);
    }
    harness
}

pub fn note_id(app: &App, path: &str) -> usize {
    app.loaded().unwrap().vault.note_by_path(path).expect(path)
}

pub fn selected_path(app: &App) -> Option<String> {
    let loaded = app.loaded()?;
    Some(loaded.vault.notes[app.selected()?].path.clone())
}
