//! The window's own files in notegraph's data folder: its settings and
//! size, and the node positions of each vault. Written through `output.rs`
//! (a temporary file renamed into place), so a full disk or a crash never
//! cuts the user's file short and a link there is replaced, never written
//! through, as eframe's `app.ron` was. A file that cannot be read is set
//! aside with a message; numbers read from it are checked. The settings an
//! older version kept in `app.ron` are read once, when there is no file.

use super::settings::Settings;
use crate::workspace::data::stable_hash;
use crate::workspace::{DataDir, RETENTION_RANGE};
use serde::{de::DeserializeOwned, Deserialize, Serialize};

const SETTINGS: &str = "window/settings.json";

/// What the window keeps between runs.
#[derive(Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Kept {
    pub settings: Settings,
    /// The window's inner size, in points.
    pub size: Option<[f32; 2]>,
}

/// What was kept in notegraph's file, and what went wrong reading it (for
/// the status bar); none where there is no file (then the settings an
/// older version kept in eframe's storage are read, `load_settings`).
pub fn load(data: Option<&DataDir>) -> Option<(Kept, Option<String>)> {
    match data?.read_own::<Kept>(SETTINGS) {
        Ok(Some(kept)) => Some(checked(kept)),
        Ok(None) => None,
        Err(e) => Some((
            Kept::default(),
            Some(format!("{e}; the settings were reset")),
        )),
    }
}

/// Keeps `kept`; says what went wrong.
pub fn save(data: Option<&DataDir>, kept: &Kept) -> Option<String> {
    let e = data?.write_own(SETTINGS, kept).err()?;
    Some(e.to_string())
}

/// The node positions kept under `key` (a vault), else those eframe's
/// storage `old` held.
pub fn positions<T: DeserializeOwned>(
    data: Option<&DataDir>,
    old: Option<&dyn eframe::Storage>,
    key: &str,
) -> Option<T> {
    match data.map(|d| d.read_own(&positions_file(key))) {
        Some(Ok(Some(saved))) => Some(saved),
        Some(Err(e)) => {
            log::warn!("{e}");
            None
        }
        _ => old.and_then(|s| eframe::get_value(s, key)),
    }
}

pub fn save_positions<T: Serialize>(data: Option<&DataDir>, key: &str, positions: &T) {
    if let Some(Err(e)) = data.map(|d| d.write_own(&positions_file(key), positions)) {
        log::warn!("{e}");
    }
}

fn positions_file(key: &str) -> String {
    format!("window/positions/{:016x}.json", stable_hash(key.as_bytes()))
}

/// `kept` with every number that is not finite, or out of its range, put
/// back to its default, and a message saying so.
fn checked(mut kept: Kept) -> (Kept, Option<String>) {
    let defaults = Settings::default();
    let s = &mut kept.settings;
    let mut reset = Vec::new();
    let mut fix = |value: &mut f32, default: f32, what: &str, ok: fn(f32) -> bool| {
        if !value.is_finite() || !ok(*value) {
            *value = default;
            reset.push(what.to_string());
        }
    };
    let positive = |v: f32| v > 0.0;
    fix(
        &mut s.layout.repulsion,
        defaults.layout.repulsion,
        "repulsion",
        positive,
    );
    fix(
        &mut s.layout.link_distance,
        defaults.layout.link_distance,
        "link distance",
        positive,
    );
    fix(
        &mut s.layout.gravity,
        defaults.layout.gravity,
        "gravity",
        |v| v >= 0.0,
    );
    let width = |v: f32| (0.0..=10_000.0).contains(&v);
    fix(
        &mut s.view.filters_width,
        defaults.view.filters_width,
        "panel width",
        width,
    );
    fix(
        &mut s.view.details_width,
        defaults.view.details_width,
        "panel width",
        width,
    );
    if !(s.review_retention.is_finite() && RETENTION_RANGE.contains(&s.review_retention)) {
        s.review_retention = defaults.review_retention;
        reset.push("desired retention".into());
    }
    if !(s.effort.by_rank.iter()).all(|h| h.is_finite() && *h >= 0.0) {
        s.effort = defaults.effort;
        reset.push("effort hours".into());
    }
    if kept
        .size
        .is_some_and(|[w, h]| !(w.is_finite() && h.is_finite() && w > 0.0 && h > 0.0))
    {
        kept.size = None;
    }
    let message = (!reset.is_empty())
        .then(|| format!("settings out of range were reset: {}", reset.join(", ")));
    (kept, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_replace_a_link_never_write_through_it() {
        let (dir, vault) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let data = DataDir::at(dir.path());
        let note = vault.path().join("note.md");
        std::fs::write(&note, "# A note\n").unwrap();
        let file = dir.path().join(SETTINGS);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(&note, &file).unwrap();
        let mut kept = Kept::default();
        kept.settings.layout.gravity = 0.25;
        kept.size = Some([900.0, 700.0]);
        assert_eq!(save(Some(&data), &kept), None);
        assert_eq!(std::fs::read_to_string(&note).unwrap(), "# A note\n");
        assert!(!std::fs::symlink_metadata(&file).unwrap().is_symlink());
        let (back, problem) = load(Some(&data)).expect("kept");
        assert_eq!(
            (back.settings.layout.gravity, back.size),
            (0.25, Some([900.0, 700.0]))
        );
        assert_eq!(problem, None);
    }

    #[test]
    fn a_torn_file_is_set_aside_and_numbers_out_of_range_are_reset() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::at(dir.path());
        let file = dir.path().join(SETTINGS);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, b"{\"settings\": {\"layout\": {\"repul").unwrap();
        let (kept, problem) = load(Some(&data)).expect("a file was there");
        let problem = problem.expect("a message");
        assert!(
            problem.contains("could not be read") && problem.contains("reset"),
            "{problem}"
        );
        assert_eq!(kept.settings.layout, Settings::default().layout);
        let moved: Vec<_> = std::fs::read_dir(file.parent().unwrap()).unwrap().collect();
        assert_eq!(moved.len(), 1, "the torn file, moved aside, not emptied");
        let moved = moved[0].as_ref().unwrap().path();
        assert!(std::fs::read(moved).unwrap().starts_with(b"{\"settings\""));

        let mut wild = serde_json::to_value(Kept::default()).unwrap();
        wild["settings"]["layout"]["repulsion"] = serde_json::json!(-3.0);
        wild["settings"]["view"]["details_width"] = serde_json::json!(1e30);
        std::fs::write(&file, serde_json::to_vec(&wild).unwrap()).unwrap();
        let (kept, problem) = load(Some(&data)).expect("kept");
        let defaults = Settings::default();
        assert_eq!(kept.settings.layout.repulsion, defaults.layout.repulsion);
        assert_eq!(
            kept.settings.view.details_width,
            defaults.view.details_width
        );
        let problem = problem.expect("a message");
        assert!(
            problem.contains("repulsion") && problem.contains("panel width"),
            "{problem}"
        );
    }
}
