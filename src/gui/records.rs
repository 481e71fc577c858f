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

/// The statuses recorded in notegraph and the review schedules: in its
/// data folder, or, where there is none (tests, a home-less environment)
/// or it lies inside the vault (notegraph never writes into a vault), for
/// this run only, by vault.
#[derive(Clone, Default)]
pub struct Records {
    data: Option<DataDir>,
    memory: HashMap<String, InMemory>,
}

/// What `Records` keeps for this run for one vault.
#[derive(Clone, Default)]
pub struct InMemory {
    recorded: Recorded,
    schedules: Schedules,
    grades: Vec<GradeLine>,
    /// What the last accepted placement recorded (path → status).
    placed: Recorded,
    views: ViewList,
}

/// Where `source`'s records go: the data folder, unless there is none or
/// it lies inside that vault; else what is kept for this run.
fn place<'a>(
    data: &'a Option<DataDir>,
    memory: &'a mut HashMap<String, InMemory>,
    source: &VaultSource,
) -> Result<&'a DataDir, &'a mut InMemory> {
    match data.as_ref().filter(|d| d.check_outside(source).is_ok()) {
        Some(data) => Ok(data),
        None => Err(memory.entry(source.label()).or_default()),
    }
}

impl Records {
    pub fn new(data: Option<DataDir>) -> Records {
        Records {
            data,
            memory: HashMap::new(),
        }
    }

    /// Why `source`'s records last this run only though there is a data
    /// folder: it lies inside that vault.
    pub fn kept_for_the_run(&self, source: &VaultSource) -> Option<String> {
        let refused = self.data.as_ref()?.check_outside(source).err()?;
        Some(format!("{refused}; what you record lasts this run only"))
    }

    /// `place` for reading: nothing is kept for a vault not recorded in.
    fn find(&self, source: &VaultSource) -> Result<&DataDir, Option<&InMemory>> {
        match self
            .data
            .as_ref()
            .filter(|d| d.check_outside(source).is_ok())
        {
            Some(data) => Ok(data),
            None => Err(self.memory.get(&source.label())),
        }
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
        match self.find(source) {
            Ok(data) => match data.stored_in(source, vault) {
                Ok(stored) => (stored, None),
                Err(e) => (Default::default(), Some(e.to_string())),
            },
            Err(kept) => {
                let kept = kept.cloned().unwrap_or_default();
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
        match self.find(source) {
            Ok(data) => match data.recorded(source) {
                Ok(recorded) => (recorded, None),
                Err(e) => (Recorded::new(), Some(e.to_string())),
            },
            Err(kept) => (kept.map(|k| k.recorded.clone()).unwrap_or_default(), None),
        }
    }

    /// The review schedules kept for `source` now: the file read again,
    /// so that a grade made meanwhile on the command line counts.
    pub fn schedules_now(
        &self,
        source: &VaultSource,
        vault: &crate::vault::Vault,
    ) -> Result<Schedules, DataError> {
        match self.find(source) {
            Ok(data) => data.schedules_in(source, vault),
            Err(kept) => Ok(kept.map(|k| k.schedules.clone()).unwrap_or_default()),
        }
    }

    /// The log of grades given for `source`, oldest first (none where
    /// the log cannot be read: the chart shows what it can).
    pub fn grades(&self, source: &VaultSource) -> Vec<GradeLine> {
        match self.find(source) {
            Ok(data) => data.grades(source).unwrap_or_default(),
            Err(kept) => kept.map(|k| k.grades.clone()).unwrap_or_default(),
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
        match place(&self.data, &mut self.memory, source) {
            Ok(data) => data.record_reviews(source, vault, line, changes),
            Err(kept) => {
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
        match place(&self.data, &mut self.memory, source) {
            Ok(data) => {
                let notes = (changes.into_iter()).filter_map(|(path, status)| {
                    Some((&vault.notes[vault.note_by_path(&path)?], status))
                });
                data.record_notes(source, notes)?;
                data.recorded_in(source, vault)
            }
            Err(kept) => {
                let recorded = &mut kept.recorded;
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
        match place(&self.data, &mut self.memory, source) {
            Ok(data) => {
                data.accept_placement(source, paths, status)?;
                data.recorded_in(source, vault)
            }
            Err(InMemory {
                recorded, placed, ..
            }) => {
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
        match place(&self.data, &mut self.memory, source) {
            Ok(data) => {
                let undone = data.undo_placement(source)?;
                Ok((undone, data.recorded_in(source, vault)?))
            }
            Err(InMemory {
                recorded, placed, ..
            }) => {
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
        match self.find(source) {
            Ok(data) => match views::read_views(data, source) {
                Ok(list) => (list, None),
                Err(e) => (ViewList::default(), Some(e.to_string())),
            },
            Err(kept) => (kept.map(|k| k.views.clone()).unwrap_or_default(), None),
        }
    }

    /// Applies `change` to the views kept for `source` (in the data folder
    /// as it is now); returns what it gave and the views after.
    pub fn change_views<T>(
        &mut self,
        source: &VaultSource,
        change: impl FnOnce(&mut ViewList) -> Result<T, ViewError>,
    ) -> Result<(T, ViewList), ViewError> {
        match place(&self.data, &mut self.memory, source) {
            Ok(data) => views::change_views(data, source, change),
            Err(kept) => {
                let mut list = kept.views.clone();
                let out = change(&mut list)?;
                kept.views = list.clone();
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
