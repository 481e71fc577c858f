//! Where the window keeps the statuses recorded in notegraph ("Mark
//! learned") and the review schedules: notegraph's data folder, shared
//! with the command line (`workspace::data`), and moving the statuses
//! older versions kept in the window's settings there.

use super::model::VaultSource;
use super::settings::Settings;
use crate::analysis::review::{Schedule, Schedules};
use crate::workspace::data::GradeLine;
use crate::workspace::views::{self, ViewError, ViewList};
use crate::workspace::{DataDir, DataError, Recorded, Stored};
use std::collections::HashMap;

#[derive(Clone)]
/// The statuses recorded in notegraph and the review schedules: in its
/// data folder, or, where there is none (tests, a home-less environment),
/// for this run only, by vault.
pub enum Records {
    Files(DataDir),
    Memory(HashMap<String, InMemory>),
}

/// What `Records::Memory` keeps for one vault.
#[derive(Clone, Default)]
pub struct InMemory {
    recorded: Recorded,
    schedules: Schedules,
    grades: Vec<GradeLine>,
    /// What the last accepted placement recorded (path → status).
    placed: Recorded,
    views: ViewList,
}

impl Default for Records {
    fn default() -> Self {
        Records::Memory(HashMap::new())
    }
}

impl Records {
    pub fn new(data: Option<DataDir>) -> Records {
        data.map_or_else(Records::default, Records::Files)
    }

    /// What is recorded for `source`, and what went wrong reading it.
    /// What is recorded for `source`, each on the note of `vault` it was
    /// recorded for (renamed notes followed), and what went wrong.
    pub fn read_in(
        &self,
        source: &VaultSource,
        vault: &crate::vault::Vault,
    ) -> (Recorded, Option<String>) {
        let (stored, problem) = self.stored_in(source, vault);
        (stored.recorded, problem)
    }

    /// `read_in` with the review schedules and the last placement, from
    /// one read of the file.
    pub fn stored_in(
        &self,
        source: &VaultSource,
        vault: &crate::vault::Vault,
    ) -> (Stored, Option<String>) {
        match self {
            Records::Files(data) => match data.stored_in(source, vault) {
                Ok(stored) => (stored, None),
                Err(e) => (Default::default(), Some(e.to_string())),
            },
            Records::Memory(by_source) => {
                let kept = by_source.get(&source.label()).cloned().unwrap_or_default();
                let stored = Stored {
                    recorded: kept.recorded,
                    schedules: kept.schedules,
                    placed: kept.placed,
                };
                (stored, None)
            }
        }
    }

    pub fn read(&self, source: &VaultSource) -> (Recorded, Option<String>) {
        match self {
            Records::Files(data) => match data.recorded(source) {
                Ok(recorded) => (recorded, None),
                Err(e) => (Recorded::new(), Some(e.to_string())),
            },
            Records::Memory(by_source) => {
                let recorded = by_source.get(&source.label()).map(|k| k.recorded.clone());
                (recorded.unwrap_or_default(), None)
            }
        }
    }

    /// The review schedules kept for `source` now: the file read again,
    /// so that a grade made meanwhile on the command line counts.
    pub fn schedules_now(
        &self,
        source: &VaultSource,
        vault: &crate::vault::Vault,
    ) -> Result<Schedules, DataError> {
        match self {
            Records::Files(data) => data.schedules_in(source, vault),
            Records::Memory(by_source) => Ok((by_source.get(&source.label()))
                .map(|k| k.schedules.clone())
                .unwrap_or_default()),
        }
    }

    /// The log of grades given for `source`, oldest first (none where
    /// the log cannot be read: the chart shows what it can).
    pub fn grades(&self, source: &VaultSource) -> Vec<GradeLine> {
        match self {
            Records::Files(data) => data.grades(source).unwrap_or_default(),
            Records::Memory(by_source) => (by_source.get(&source.label()))
                .map(|k| k.grades.clone())
                .unwrap_or_default(),
        }
    }

    /// Keeps the schedules a graded review changed (`changes`, by note
    /// key: the note's own and those it pushed out) and logs `line`.
    pub fn keep_review(
        &mut self,
        source: &VaultSource,
        vault: &crate::vault::Vault,
        line: &GradeLine,
        changes: Vec<(String, Schedule)>,
    ) -> Result<(), DataError> {
        match self {
            Records::Files(data) => data.record_reviews(source, vault, line, changes),
            Records::Memory(by_source) => {
                let kept = by_source.entry(source.label()).or_default();
                kept.schedules.extend(changes);
                kept.grades.push(line.clone());
                Ok(())
            }
        }
    }

    /// Records each `(path, status)` of `changes` for `source` (none:
    /// forgets it); returns all that is recorded for it after.
    pub fn record(
        &mut self,
        source: &VaultSource,
        vault: &crate::vault::Vault,
        changes: impl IntoIterator<Item = (String, Option<String>)>,
    ) -> Result<Recorded, DataError> {
        match self {
            Records::Files(data) => {
                let notes = (changes.into_iter()).filter_map(|(path, status)| {
                    Some((&vault.notes[vault.note_by_path(&path)?], status))
                });
                data.record_notes(source, notes)?;
                data.recorded_in(source, vault)
            }
            Records::Memory(by_source) => {
                let recorded = &mut by_source.entry(source.label()).or_default().recorded;
                for (path, status) in changes {
                    match status {
                        Some(s) => recorded.insert(path, s),
                        None => recorded.remove(&path),
                    };
                }
                Ok(recorded.clone())
            }
        }
    }
}

impl Records {
    /// Records `status` for each of `paths` (an accepted placement) and
    /// remembers them as the last placement; returns all that is recorded
    /// for `source` after.
    pub fn accept_placement(
        &mut self,
        source: &VaultSource,
        vault: &crate::vault::Vault,
        paths: &[String],
        status: &str,
    ) -> Result<Recorded, DataError> {
        match self {
            Records::Files(data) => {
                data.accept_placement(source, paths, status)?;
                data.recorded_in(source, vault)
            }
            Records::Memory(by_source) => {
                let InMemory {
                    recorded, placed, ..
                } = by_source.entry(source.label()).or_default();
                placed.clear();
                for path in paths {
                    recorded.insert(path.clone(), status.to_string());
                    placed.insert(path.clone(), status.to_string());
                }
                Ok(recorded.clone())
            }
        }
    }

    /// Forgets what the last accepted placement recorded (in the window
    /// or on the command line), where its status is still the one it
    /// gave; returns those paths and all that is recorded after.
    pub fn undo_placement(
        &mut self,
        source: &VaultSource,
        vault: &crate::vault::Vault,
    ) -> Result<(Vec<String>, Recorded), DataError> {
        match self {
            Records::Files(data) => {
                let undone = data.undo_placement(source)?;
                Ok((undone, data.recorded_in(source, vault)?))
            }
            Records::Memory(by_source) => {
                let InMemory {
                    recorded, placed, ..
                } = by_source.entry(source.label()).or_default();
                let mut undone = Vec::new();
                for (path, status) in std::mem::take(placed) {
                    if recorded.get(&path) == Some(&status) {
                        recorded.remove(&path);
                        undone.push(path);
                    }
                }
                Ok((undone, recorded.clone()))
            }
        }
    }
}

impl Records {
    /// The named views kept for `source`, and what went wrong reading
    /// them (none are shown then).
    pub fn views(&self, source: &VaultSource) -> (ViewList, Option<String>) {
        match self {
            Records::Files(data) => match views::read_views(data, source) {
                Ok(list) => (list, None),
                Err(e) => (ViewList::default(), Some(e.to_string())),
            },
            Records::Memory(by_source) => {
                let kept = by_source.get(&source.label()).map(|k| k.views.clone());
                (kept.unwrap_or_default(), None)
            }
        }
    }

    /// Applies `change` to the views kept for `source` (in the data folder
    /// as it is now); returns what it gave and the views after.
    pub fn change_views<T>(
        &mut self,
        source: &VaultSource,
        change: impl FnOnce(&mut ViewList) -> Result<T, ViewError>,
    ) -> Result<(T, ViewList), ViewError> {
        match self {
            Records::Files(data) => views::change_views(data, source, change),
            Records::Memory(by_source) => {
                let kept = &mut by_source.entry(source.label()).or_default().views;
                let mut list = kept.clone();
                let out = change(&mut list)?;
                *kept = list.clone();
                Ok((out, list))
            }
        }
    }
}

/// Moves the statuses older versions recorded in the window's settings
/// into notegraph's data folder, where the command line sees them too; a
/// status recorded there since wins. What cannot be moved stays in the
/// settings (and is still saved with them).
pub fn move_old_records(settings: &mut Settings, data: Option<&DataDir>) -> Result<(), String> {
    let Some(data) = data else {
        return Ok(());
    };
    let old = std::mem::take(&mut settings.recorded);
    let mut failed = None;
    for (label, by_path) in old {
        let source = match label.as_str() {
            "sample vault" => VaultSource::Sample,
            _ => VaultSource::Folder(label.clone().into()),
        };
        let moved = data.recorded(&source).and_then(|now| {
            let missing = by_path.iter().filter(|(path, _)| !now.contains_key(*path));
            let changes: Vec<_> = missing.map(|(p, s)| (p.clone(), Some(s.clone()))).collect();
            data.record(&source, changes)
        });
        if let Err(e) = moved {
            failed = Some(format!("recorded statuses stay in the settings: {e}"));
            settings.recorded.insert(label, by_path);
        }
    }
    failed.map_or(Ok(()), Err)
}
