//! Where the window keeps the statuses recorded in notegraph ("Mark
//! learned") and the review schedules: notegraph's data folder, shared
//! with the command line (`workspace::data`), and moving the statuses
//! older versions kept in the window's settings there.

use super::model::VaultSource;
use super::settings::Settings;
use crate::analysis::review::{Schedule, Schedules};
use crate::workspace::data::GradeLine;
use crate::workspace::{DataDir, DataError, Recorded};
use std::collections::HashMap;

#[derive(Clone)]
/// The statuses recorded in notegraph and the review schedules: in its
/// data folder, or, where there is none (tests, a home-less environment),
/// for this run only, by vault.
pub enum Records {
    Files(DataDir),
    Memory(HashMap<String, (Recorded, Schedules, Vec<GradeLine>)>),
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
        let ((recorded, _), problem) = self.stored_in(source, vault);
        (recorded, problem)
    }

    /// `read_in` with the review schedules, from one read of the file.
    pub fn stored_in(
        &self,
        source: &VaultSource,
        vault: &crate::vault::Vault,
    ) -> ((Recorded, Schedules), Option<String>) {
        match self {
            Records::Files(data) => match data.stored_in(source, vault) {
                Ok(stored) => (stored, None),
                Err(e) => (Default::default(), Some(e.to_string())),
            },
            Records::Memory(_) => {
                let (recorded, problem) = self.read(source);
                (
                    (
                        recorded,
                        self.schedules_now(source, vault).unwrap_or_default(),
                    ),
                    problem,
                )
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
                let recorded = by_source.get(&source.label()).map(|(r, ..)| r.clone());
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
                .map(|(_, s, _)| s.clone())
                .unwrap_or_default()),
        }
    }

    /// The log of grades given for `source`, oldest first (none where
    /// the log cannot be read: the chart shows what it can).
    pub fn grades(&self, source: &VaultSource) -> Vec<GradeLine> {
        match self {
            Records::Files(data) => data.grades(source).unwrap_or_default(),
            Records::Memory(by_source) => (by_source.get(&source.label()))
                .map(|(.., lines)| lines.clone())
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
                let (_, schedules, lines) = by_source.entry(source.label()).or_default();
                schedules.extend(changes);
                lines.push(line.clone());
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
                let (recorded, ..) = by_source.entry(source.label()).or_default();
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
