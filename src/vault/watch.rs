//! Watching a vault folder for changes (notify 8 + notify-debouncer-full).
//!
//! The watcher says which notes changed (a few, by path; a burst only
//! *that* notes changed); the owner reloads. A burst (a `git checkout` of
//! a thousand files) arrives as one or a few debounced batches, and each
//! reload reads the folder afresh, so the end state is exactly what a
//! fresh load gives.
//!
//! The folder itself may go: removed, moved away (`mv vault vault.old`),
//! or replaced by another of the same name (a fresh clone, a sync tool,
//! `mv new vault`). inotify then watches the old folder, or nothing, and
//! never the new one. So the watcher keeps the folder's identity (device
//! and inode) from when it began, and compares the path's with it after
//! every batch of events (one removing or moving the folder itself comes
//! from inotify) and, at most every `CHECK_EVERY`, when polled: once they
//! differ it reports `Gone`, once, and nothing more. The owner then looks
//! for a folder at the path (`is_folder`) and watches that one anew.

use notify::event::ModifyKind;
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

/// What the watcher reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WatchEvent {
    /// Notes were added, changed, renamed or removed: their paths (and
    /// folders') relative to the root with `/` separators, so that the
    /// window can tell its own writes from others'; `None` when there were
    /// more than `LISTED` or one outside the root.
    Changed(Option<Vec<String>>),
    /// The folder watched is no longer at its path: removed, moved away
    /// or replaced by another. Nothing more comes from this watcher.
    Gone,
    /// Watching failed (for example, the inotify limit); reload by hand.
    Failed(String),
}

/// Keeps the folder watched while it lives.
pub struct VaultWatcher {
    _debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    events: Receiver<WatchEvent>,
    place: Place,
    /// When `poll` last compared the path with the folder watched.
    looked: Instant,
    /// `Gone` was reported.
    gone: bool,
}

/// A folder at a path, as it was when watching began.
#[derive(Debug, Clone)]
struct Place {
    path: PathBuf,
    /// Device and inode, where the system has them (else only whether a
    /// folder is there counts).
    id: Option<(u64, u64)>,
}

impl Place {
    fn of(path: &Path) -> Place {
        let id = std::fs::metadata(path).ok().and_then(|m| identity(&m));
        Place {
            path: path.to_path_buf(),
            id,
        }
    }

    /// Whether the folder watched is still the one at the path.
    fn holds(&self) -> bool {
        match std::fs::metadata(&self.path) {
            Ok(meta) => meta.is_dir() && identity(&meta) == self.id,
            Err(_) => false,
        }
    }
}

#[cfg(unix)]
fn identity(meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn identity(_: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
}

/// Whether a folder is at `path` (links followed): one to watch and load.
pub fn is_folder(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_dir())
}

/// How often `poll` compares the path with the folder watched, at most:
/// events catch a folder removed or moved; this, one replaced without an
/// event, while the window draws anyway.
const CHECK_EVERY: Duration = Duration::from_millis(250);

/// Paths listed in one report at most; a burst is reported without them.
pub const LISTED: usize = 64;

/// Time to wait for a burst of changes to end before reporting it.
const DEBOUNCE: Duration = Duration::from_millis(300);

impl VaultWatcher {
    /// Watches `root`; `wake` is called from the watcher's thread after
    /// each event is queued (the window uses it to repaint).
    pub fn start(root: &Path, wake: impl Fn() + Send + 'static) -> Result<VaultWatcher, String> {
        let (tx, events) = channel();
        let root_buf: PathBuf = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let handler_root = root_buf.clone();
        let place = Place::of(root);
        let (handler_place, mut gone) = (place.clone(), false);
        let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
            if gone {
                return;
            }
            // First whether the folder is still there: its removal is a
            // batch of events, and so is what happens in it afterwards.
            gone = !handler_place.holds();
            let event = match result {
                _ if gone => WatchEvent::Gone,
                Ok(events) => match changed(&handler_root, &events) {
                    Some(event) => event,
                    None => return,
                },
                Err(errors) => WatchEvent::Failed(
                    errors
                        .iter()
                        .map(|e| e.to_string())
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
            };
            let _ = tx.send(event);
            wake();
        })
        .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
        debouncer
            .watch(&root_buf, RecursiveMode::Recursive)
            .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
        Ok(VaultWatcher {
            _debouncer: debouncer,
            events,
            place,
            looked: Instant::now(),
            gone: false,
        })
    }

    /// The folder watched, as given.
    pub fn path(&self) -> &Path {
        &self.place.path
    }

    /// Whether the folder watched is still the one at its path (one look
    /// at the path's metadata).
    pub fn holds(&self) -> bool {
        !self.gone && self.place.holds()
    }

    /// Every event since the last call, most important first: the folder
    /// gone, a failure, else one `Changed` for any number of changes,
    /// their paths merged. Compares the path with the folder watched
    /// when it last did so `CHECK_EVERY` ago or more.
    pub fn poll(&mut self) -> Option<WatchEvent> {
        if self.gone {
            return None;
        }
        if self.looked.elapsed() >= CHECK_EVERY {
            self.looked = Instant::now();
            if !self.place.holds() {
                self.gone = true;
                return Some(WatchEvent::Gone);
            }
        }
        let (mut found, mut failed): (Option<Option<Vec<String>>>, _) = (None, None);
        for event in self.events.try_iter() {
            match event {
                WatchEvent::Gone => {
                    self.gone = true;
                    return Some(event);
                }
                WatchEvent::Failed(_) => failed = failed.or(Some(event)),
                WatchEvent::Changed(paths) => {
                    let merged = match (found.take(), paths) {
                        (None, paths) => paths,
                        (Some(Some(mut a)), Some(b)) if a.len() + b.len() <= LISTED => {
                            a.extend(b);
                            Some(a)
                        }
                        _ => None,
                    };
                    found = Some(merged);
                }
            }
        }
        if failed.is_some() {
            return failed;
        }
        found.map(|paths| {
            WatchEvent::Changed(paths.map(|mut p| {
                p.sort();
                p.dedup();
                p
            }))
        })
    }
}

/// What a debounced batch changed, if anything that can matter.
fn changed(root: &Path, events: &[notify_debouncer_full::DebouncedEvent]) -> Option<WatchEvent> {
    // Reading a note (our own loads included) is an access event, and
    // atime a metadata change: neither is an edit.
    let edits = events.iter().filter(|e| {
        !matches!(
            e.kind,
            EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_))
        )
    });
    let mut paths = (edits.flat_map(|e| &e.paths))
        .filter(|p| is_note_path(root, p))
        .peekable();
    paths.peek()?;
    let listed = paths.take(LISTED + 1).try_fold(Vec::new(), |mut l, path| {
        path.starts_with(root).then(|| {
            l.push(super::walk::rel_path(root, path));
            l
        })
    });
    Some(WatchEvent::Changed(listed.filter(|l| l.len() <= LISTED)))
}

/// A change that can matter: a `.md` file or a folder (a renamed folder
/// moves notes), outside hidden folders.
fn is_note_path(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return true;
    };
    let hidden = rel
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
    if hidden {
        return false;
    }
    super::is_markdown_name(&rel.to_string_lossy()) || path.extension().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_notes_and_folders_outside_hidden_ones_count() {
        let root = Path::new("/v");
        assert!(is_note_path(root, Path::new("/v/a/b.md")));
        assert!(is_note_path(root, Path::new("/v/renamed-folder")));
        assert!(!is_note_path(root, Path::new("/v/.git/index")));
        assert!(!is_note_path(
            root,
            Path::new("/v/.obsidian/workspace.json")
        ));
        assert!(!is_note_path(root, Path::new("/v/picture.png")));
    }

    #[test]
    fn a_new_note_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let mut watcher = VaultWatcher::start(dir.path(), || {}).unwrap();
        std::thread::sleep(Duration::from_millis(100));
        std::fs::write(dir.path().join("new.md"), "# New").unwrap();
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        let mut seen = None;
        while seen.is_none() && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
            seen = watcher.poll();
        }
        assert_eq!(seen, Some(WatchEvent::Changed(Some(vec!["new.md".into()]))));
    }

    /// Polls until an event comes, for at most 10 s.
    fn next_event(watcher: &mut VaultWatcher) -> Option<WatchEvent> {
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
            if let Some(event) = watcher.poll() {
                return Some(event);
            }
        }
        None
    }

    #[test]
    fn a_folder_removed_is_gone() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("vault");
        std::fs::create_dir(&root).unwrap();
        std::fs::write(root.join("a.md"), "# A").unwrap();
        let mut watcher = VaultWatcher::start(&root, || {}).unwrap();
        assert!(watcher.holds());
        std::fs::remove_dir_all(&root).unwrap();
        assert_eq!(next_event(&mut watcher), Some(WatchEvent::Gone));
        assert!(!watcher.holds());
        // Made again, the path holds another folder: still gone, and
        // nothing more comes.
        std::fs::create_dir(&root).unwrap();
        std::fs::write(root.join("b.md"), "# B").unwrap();
        std::thread::sleep(Duration::from_millis(500));
        assert_eq!(watcher.poll(), None);
        assert!(!watcher.holds());
        assert!(is_folder(&root));
    }

    /// `mv vault vault.old && mv new vault`: inotify follows the old
    /// folder; the path holds another.
    #[test]
    fn a_folder_replaced_by_a_rename_is_gone() {
        let dir = tempfile::tempdir().unwrap();
        let (root, new) = (dir.path().join("vault"), dir.path().join("new"));
        std::fs::create_dir(&root).unwrap();
        std::fs::create_dir(&new).unwrap();
        std::fs::write(new.join("b.md"), "# B").unwrap();
        let mut watcher = VaultWatcher::start(&root, || {}).unwrap();
        std::fs::rename(&root, dir.path().join("vault.old")).unwrap();
        std::fs::rename(&new, &root).unwrap();
        assert_eq!(next_event(&mut watcher), Some(WatchEvent::Gone));
        assert!(!is_folder(&new) && is_folder(&root));
    }
}
