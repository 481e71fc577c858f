//! notegraph's own data, apart from the notes and from the window's
//! settings: one JSON file per vault under the data folder
//! (`$XDG_DATA_HOME/notegraph`, else `~/.local/share/notegraph`), read by
//! both front ends. Today it holds the statuses recorded in notegraph
//! ("Mark learned", `mark --record`) and review state; views lie beside.
//!
//! Every write reads the file again first and changes only what it was
//! asked to, so that a mark made on the command line while the window is
//! open is not lost. A file that cannot be read is set aside with a
//! message, never silently emptied.

use super::source::VaultSource;
use crate::analysis::review::{Grade, Schedule, Schedules};
use crate::output;
use renamed::follow_renamed;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Statuses recorded in notegraph for one vault: note path → status.
pub type Recorded = BTreeMap<String, String>;

/// What a load takes from a vault's file, in one read.
#[derive(Debug, Default)]
pub struct Stored {
    pub recorded: Recorded,
    pub schedules: Schedules,
    /// What the last accepted placement recorded (path → status), to say
    /// why those notes count as learned.
    pub placed: Recorded,
}

/// The data folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDir {
    root: PathBuf,
}

/// One vault's file.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
struct VaultData {
    /// The vault this file is for, for a person reading the folder.
    vault: String,
    statuses: Recorded,
    /// Review schedules by note key (`analysis::review::key_of`).
    reviews: Schedules,
    /// The notes the last accepted placement recorded as learned, with
    /// the status it gave them: what `placement --undo` takes back.
    placement: BTreeMap<String, String>,
    /// What each note with a recorded status was, by path: a note renamed
    /// since is found again by its id, else by its text.
    notes: BTreeMap<String, Fingerprint>,
    /// The text hash of each note whose schedule is kept by its path (it
    /// has no id): a note renamed since is found again by its text.
    review_texts: BTreeMap<String, String>,
}

/// What finds a note again after a rename: its id, and a hash of its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    text: String,
}

impl Fingerprint {
    /// Whether `self` (a note now) is the note `then` was: the same id
    /// where it had one, else the same text.
    fn same_note(&self, then: &Fingerprint) -> bool {
        match &then.id {
            Some(id) => self.id.as_ref() == Some(id),
            None => self.text == then.text,
        }
    }

    pub fn of(note: &crate::vault::Note) -> Fingerprint {
        let id = note
            .frontmatter
            .id
            .as_deref()
            .map(str::trim)
            .filter(|i| !i.is_empty());
        Fingerprint {
            id: id.map(str::to_string),
            text: format!("{:016x}", stable_hash(note.text.as_bytes())),
        }
    }
}

/// One line of a vault's grade log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GradeLine {
    pub at: chrono::DateTime<chrono::Utc>,
    pub key: String,
    pub path: String,
    pub grade: Grade,
    pub due: chrono::DateTime<chrono::Utc>,
}

#[derive(Debug, thiserror::Error)]
pub enum DataError {
    #[error("{} could not be read ({reason}); it was moved to {}", .path.display(), .moved.display())]
    SetAside {
        path: PathBuf,
        reason: String,
        moved: PathBuf,
    },
    #[error("cannot read {}: {}", .0.display(), .1)]
    Read(PathBuf, std::io::Error),
    #[error(transparent)]
    Write(#[from] output::OutputError),
    #[error("notegraph's data folder {} lies inside the vault {}: nothing is read or written there (set XDG_DATA_HOME to a folder outside the vault)", .0.display(), .1.display())]
    InsideVault(PathBuf, PathBuf),
}

impl DataDir {
    /// The data folder this environment names: `$XDG_DATA_HOME/notegraph`,
    /// else `~/.local/share/notegraph`; none without either.
    pub fn from_env() -> Option<DataDir> {
        let absolute = |v: std::ffi::OsString| Some(PathBuf::from(v)).filter(|p| p.is_absolute());
        let base = std::env::var_os("XDG_DATA_HOME")
            .and_then(absolute)
            .or_else(|| {
                std::env::var_os("HOME")
                    .and_then(absolute)
                    .map(|h| h.join(".local/share"))
            })?;
        Some(DataDir::at(base.join("notegraph")))
    }

    /// A data folder at `root` (tests, or an explicit choice).
    pub fn at(root: impl Into<PathBuf>) -> DataDir {
        DataDir { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Refuses a vault this folder lies inside: notegraph never writes
    /// into a vault, its own data included.
    pub fn check_outside(&self, source: &VaultSource) -> Result<(), DataError> {
        match source {
            VaultSource::Folder(vault) if output::lies_inside(&self.root, vault) => Err(
                DataError::InsideVault(self.root.clone(), vault.to_path_buf()),
            ),
            _ => Ok(()),
        }
    }

    /// The file of `source`'s data: a readable name from the folder's
    /// last part, and a hash of its whole path to tell apart folders of
    /// the same name.
    pub fn vault_file(&self, source: &VaultSource) -> PathBuf {
        let name = match source {
            VaultSource::Sample => "sample".to_string(),
            VaultSource::Folder(path) => {
                // One file whichever way the folder is named (a link to
                // it, `..`), where it can be resolved.
                let path = &path.canonicalize().unwrap_or_else(|_| path.clone());
                let last = path.file_name().unwrap_or_default().to_string_lossy();
                let slug: String = (last.chars())
                    .map(|c| {
                        if c.is_alphanumeric() || c == '-' {
                            c
                        } else {
                            '_'
                        }
                    })
                    .take(40)
                    .collect();
                format!(
                    "{slug}-{:016x}",
                    stable_hash(path.to_string_lossy().as_bytes())
                )
            }
        };
        self.root.join("vaults").join(format!("{name}.json"))
    }

    /// The statuses recorded for `source`; none where nothing was recorded.
    pub fn recorded(&self, source: &VaultSource) -> Result<Recorded, DataError> {
        Ok(self.read(source)?.statuses)
    }

    /// Records each `(path, status)` of `changes` (none: forgets the
    /// note's), on the file as it is now; returns what it holds after.
    pub fn record(
        &self,
        source: &VaultSource,
        changes: impl IntoIterator<Item = (String, Option<String>)>,
    ) -> Result<Recorded, DataError> {
        self.record_with(source, changes.into_iter().map(|(p, s)| (p, s, None)))
    }

    /// Records each `(note, status)` of `changes` as `record` does, with
    /// what finds the note again after a rename.
    pub fn record_notes<'a>(
        &self,
        source: &VaultSource,
        changes: impl IntoIterator<Item = (&'a crate::vault::Note, Option<String>)>,
    ) -> Result<Recorded, DataError> {
        let changes =
            (changes.into_iter()).map(|(n, s)| (n.path.clone(), s, Some(Fingerprint::of(n))));
        self.record_with(source, changes)
    }

    fn record_with(
        &self,
        source: &VaultSource,
        changes: impl IntoIterator<Item = (String, Option<String>, Option<Fingerprint>)>,
    ) -> Result<Recorded, DataError> {
        let mut data = self.read(source)?;
        for (path, status, print) in changes {
            match (status, print) {
                (Some(s), Some(p)) => {
                    data.notes.insert(path.clone(), p);
                    data.statuses.insert(path, s);
                }
                (Some(s), None) => {
                    data.statuses.insert(path, s);
                }
                (None, print) => {
                    data.statuses.remove(&path);
                    data.notes.remove(&path);
                    // Recorded under the path it had before a rename.
                    let before: Vec<String> = (data.notes.iter())
                        .filter(|(_, p)| print.as_ref().is_some_and(|n| n.same_note(p)))
                        .map(|(path, _)| path.clone())
                        .collect();
                    for path in before {
                        data.statuses.remove(&path);
                        data.notes.remove(&path);
                    }
                }
            }
        }
        self.write(source, &mut data)?;
        Ok(data.statuses)
    }

    /// The statuses recorded for `source`, each on the note of `vault` it
    /// was recorded for: a note renamed since (its path gone) is found by
    /// its id, else by its text, where no other record holds that note.
    pub fn recorded_in(
        &self,
        source: &VaultSource,
        vault: &crate::vault::Vault,
    ) -> Result<Recorded, DataError> {
        Ok(self.stored_in(source, vault)?.recorded)
    }

    /// `recorded_in`, the review schedules and the last placement, from
    /// one read of the file.
    pub fn stored_in(
        &self,
        source: &VaultSource,
        vault: &crate::vault::Vault,
    ) -> Result<Stored, DataError> {
        let data = self.read(source)?;
        let reviews = follow_renamed(&data, vault);
        let mut recorded = data.statuses.clone();
        for (path, status) in &data.statuses {
            if vault.note_by_path(path).is_some() {
                continue;
            }
            let Some(print) = data.notes.get(path) else {
                continue;
            };
            let same = |n: &&crate::vault::Note| Fingerprint::of(n).same_note(print);
            if let Some(note) = vault.notes.iter().find(same) {
                if !recorded.contains_key(&note.path) {
                    recorded.remove(path);
                    recorded.insert(note.path.clone(), status.clone());
                }
            }
        }
        Ok(Stored {
            recorded,
            schedules: reviews,
            placed: data.placement,
        })
    }

    /// The review schedules kept for `source`, as the file holds them.
    pub fn schedules(&self, source: &VaultSource) -> Result<Schedules, DataError> {
        Ok(self.read(source)?.reviews)
    }

    /// The review schedules kept for `source`, each on the note of `vault`
    /// it was kept for (a note without an id renamed since is found by its
    /// text).
    pub fn schedules_in(
        &self,
        source: &VaultSource,
        vault: &crate::vault::Vault,
    ) -> Result<Schedules, DataError> {
        Ok(follow_renamed(&self.read(source)?, vault))
    }

    /// Keeps `schedule`, the outcome of the review `line` logs, on the
    /// file as it is now, and appends `line` to the vault's grade log.
    pub fn record_review(
        &self,
        source: &VaultSource,
        vault: &crate::vault::Vault,
        schedule: Schedule,
        line: &GradeLine,
    ) -> Result<(), DataError> {
        self.record_reviews(source, vault, line, [(line.key.clone(), schedule)])
    }

    /// Keeps each `(key, schedule)` of `changes` (the reviewed note's, and
    /// those a review pushed out) in one write, and logs `line`.
    pub fn record_reviews(
        &self,
        source: &VaultSource,
        vault: &crate::vault::Vault,
        line: &GradeLine,
        changes: impl IntoIterator<Item = (String, Schedule)>,
    ) -> Result<(), DataError> {
        self.set_schedules(source, vault, changes)?;
        let json = serde_json::to_string(line).map_err(std::io::Error::from);
        let json = json.map_err(|e| DataError::Read(self.log_file(source), e))?;
        output::append_line(&self.log_file(source), &json)?;
        Ok(())
    }

    /// Keeps each `(key, schedule)` of `changes` (no grade: a backlog
    /// spread over days), on the file as it is now.
    pub fn set_schedules(
        &self,
        source: &VaultSource,
        vault: &crate::vault::Vault,
        changes: impl IntoIterator<Item = (String, Schedule)>,
    ) -> Result<(), DataError> {
        let mut data = self.read(source)?;
        for (key, schedule) in changes {
            let path = key.strip_prefix("path:");
            if let Some(note) = path.and_then(|p| vault.note_by_path(p)) {
                let text = Fingerprint::of(&vault.notes[note]).text;
                data.review_texts.insert(key.clone(), text);
            }
            data.reviews.insert(key, schedule);
        }
        self.write(source, &mut data)
    }

    /// Records `status` for each of `paths` (a placement accepted) and
    /// remembers them, replacing the last placement's list.
    pub fn accept_placement(
        &self,
        source: &VaultSource,
        paths: &[String],
        status: &str,
    ) -> Result<(), DataError> {
        let mut data = self.read(source)?;
        data.placement.clear();
        for path in paths {
            data.statuses.insert(path.clone(), status.to_string());
            data.placement.insert(path.clone(), status.to_string());
        }
        self.write(source, &mut data)
    }

    /// Forgets what the last accepted placement recorded (where the status
    /// is still the one it gave); returns those paths.
    pub fn undo_placement(&self, source: &VaultSource) -> Result<Vec<String>, DataError> {
        let mut data = self.read(source)?;
        let placed = std::mem::take(&mut data.placement);
        let mut undone = Vec::new();
        for (path, status) in placed {
            if data.statuses.get(&path) == Some(&status) {
                data.statuses.remove(&path);
                undone.push(path);
            }
        }
        self.write(source, &mut data)?;
        Ok(undone)
    }

    /// Every grade logged for `source`, oldest first; a torn last line
    /// (a crash mid-write) is left out.
    pub fn grades(&self, source: &VaultSource) -> Result<Vec<GradeLine>, DataError> {
        self.check_outside(source)?;
        let path = self.log_file(source);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(DataError::Read(path, e)),
        };
        Ok(text
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect())
    }

    fn log_file(&self, source: &VaultSource) -> PathBuf {
        self.vault_file(source).with_extension("grades.jsonl")
    }

    fn write(&self, source: &VaultSource, data: &mut VaultData) -> Result<(), DataError> {
        self.check_outside(source)?;
        data.vault = source.label();
        let json = serde_json::to_string_pretty(&data).map_err(std::io::Error::from);
        let file = self.vault_file(source);
        output::write_data_file(&file, |w| {
            w.write_all(json?.as_bytes())?;
            w.write_all(b"\n")
        })?;
        Ok(())
    }

    fn read(&self, source: &VaultSource) -> Result<VaultData, DataError> {
        self.check_outside(source)?;
        Ok(read_json(&self.vault_file(source))?.unwrap_or_default())
    }

    /// The value kept in notegraph's own file `name` under the data folder
    /// (the window's settings, node positions); none where there is none.
    pub fn read_own<T: DeserializeOwned>(&self, name: &str) -> Result<Option<T>, DataError> {
        read_json(&self.root.join(name))
    }

    /// Keeps `value` in notegraph's own file `name`, replaced atomically: a
    /// link there is replaced, never written through.
    pub fn write_own<T: Serialize>(&self, name: &str, value: &T) -> Result<(), DataError> {
        let path = self.root.join(name);
        let json =
            serde_json::to_vec(value).map_err(|e| DataError::Read(path.clone(), e.into()))?;
        output::write_data_file(&path, |w| w.write_all(&json))?;
        Ok(())
    }
}

/// Files of notegraph's own larger than this are set aside unread.
const LARGEST_OWN_FILE: u64 = 256 << 20;

/// The JSON value in `path`, none where there is no file; a file that
/// cannot be read as one (torn, or too large) is set aside with a message,
/// never emptied or read again.
pub(super) fn read_json<T: DeserializeOwned>(path: &Path) -> Result<Option<T>, DataError> {
    let read = std::fs::metadata(path).and_then(|m| {
        if m.len() > LARGEST_OWN_FILE {
            return Ok(Err(format!("larger than {} MiB", LARGEST_OWN_FILE >> 20)));
        }
        std::fs::read(path).map(Ok)
    });
    let parsed = match read {
        Ok(Ok(bytes)) => serde_json::from_slice(&bytes).map_err(|e| e.to_string()),
        Ok(Err(too_large)) => Err(too_large),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(DataError::Read(path.to_path_buf(), e)),
    };
    parsed.map(Some).or_else(|reason| {
        let suffix = format!(".unreadable-{}", unix_seconds());
        let moved =
            output::set_aside(path, &suffix).map_err(|e| DataError::Read(path.to_path_buf(), e))?;
        Err(DataError::SetAside {
            path: path.to_path_buf(),
            reason,
            moved,
        })
    })
}

fn unix_seconds() -> u64 {
    (std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)).map_or(0, |d| d.as_secs())
}

/// FNV-1a: a file name must stay the same across versions of notegraph
/// and of its dependencies, which no hasher of std or rustc-hash promises.
pub(crate) fn stable_hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

mod renamed;
#[cfg(test)]
mod tests;
