//! Watching a vault folder for changes (notify 8 + notify-debouncer-full).
//!
//! The watcher says which notes changed (a few, by path; a burst only
//! *that* notes changed); the owner reloads. A burst (a `git checkout` of
//! a thousand files) arrives as one or a few debounced batches, and each
//! reload reads the folder afresh, so the end state is exactly what a
//! fresh load gives.

use notify::event::ModifyKind;
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

/// What the watcher reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WatchEvent {
    /// Notes were added, changed, renamed or removed: their paths (and
    /// folders') relative to the root with `/` separators, so that the
    /// window can tell its own writes from others'; `None` when there were
    /// more than `LISTED` or one outside the root.
    Changed(Option<Vec<String>>),
    /// Watching failed (for example, the inotify limit); reload by hand.
    Failed(String),
}

/// Keeps the folder watched while it lives.
pub struct VaultWatcher {
    _debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    events: Receiver<WatchEvent>,
}

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
        let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
            let event = match result {
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
        })
    }

    /// Every event since the last call, most important first: a failure,
    /// else one `Changed` for any number of changes, their paths merged.
    pub fn poll(&self) -> Option<WatchEvent> {
        let mut found: Option<Option<Vec<String>>> = None;
        for event in self.events.try_iter() {
            match event {
                WatchEvent::Failed(_) => return Some(event),
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
        let watcher = VaultWatcher::start(dir.path(), || {}).unwrap();
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
}
