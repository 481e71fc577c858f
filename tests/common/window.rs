//! Driving the window headless (egui_kittest): only with the `gui`
//! feature.

use egui_kittest::Harness;
use notegraph::gui::{App, Command, Settings, VaultSource};
use std::path::Path;

pub fn sample_app(settings: Settings) -> App {
    App::new_blocking(settings, VaultSource::Sample)
}

pub fn harness(app: App) -> Harness<'static, App> {
    harness_stepping(app, 0.25)
}

/// `harness`, each frame predicted to take `step_dt` seconds (egui asks
/// for a repaint that much before the time asked for).
pub fn harness_stepping(app: App, step_dt: f32) -> Harness<'static, App> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_step_dt(step_dt)
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
    // So do the topic names, which rename communities in the legend and
    // the note panel.
    for _ in 0..1000 {
        if harness.state().loaded().is_none_or(|l| l.has_topic_names()) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
        harness.run_steps(1);
    }
    harness.run_steps(1);
    harness
}

pub fn note_id(app: &App, path: &str) -> usize {
    app.loaded().unwrap().vault.note_by_path(path).expect(path)
}

/// The window on the vault in `root`, with the note at `path` selected.
pub fn open_selected(root: &Path, path: &str) -> (Harness<'static, App>, usize) {
    let app = App::new_blocking(Settings::default(), VaultSource::Folder(root.into()));
    let id = note_id(&app, path);
    let mut h = harness(app);
    h.state_mut().push(Command::Select(id));
    h.run_steps(3);
    (h, id)
}

pub fn selected_path(app: &App) -> Option<String> {
    let loaded = app.loaded()?;
    Some(loaded.vault.notes[app.selected()?].path.clone())
}

/// Runs frames until a widget labelled `label` shows, for at most 20 s
/// (a reload after a change on disk takes a moment).
pub fn wait_for_label(h: &mut Harness<'_, App>, label: &str) {
    use egui_kittest::kittest::Queryable;
    let started = std::time::Instant::now();
    while h.query_by_label(label).is_none() {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "never showed {label:?}"
        );
        std::thread::sleep(std::time::Duration::from_millis(30));
        h.run_steps(1);
    }
}

/// Runs frames until the open folder is watched (its watcher starts on a
/// thread of its own), for at most 20 s.
pub fn wait_until_watching(h: &mut Harness<'_, App>) {
    let started = std::time::Instant::now();
    while !h.state().is_watching() {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "never watched the folder: {:?}",
            h.state().message()
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.run_steps(1);
    }
}
