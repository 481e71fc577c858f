//! Keeping the open folder watched (`vault::watch`): the watcher, why
//! there is none when there should be (the status bar says it until there
//! is one again), and the look for a folder that went away.
//!
//! A folder removed, moved away or replaced (a fresh clone, a sync tool,
//! `mv new vault`) is *gone*: the notes loaded stay shown, and every
//! `LOOK_EVERY` the window wakes to look for a folder at the path (one
//! look at its metadata; the window sleeps in between). Once one is there
//! it is watched and loaded. Reload by hand always drops the watcher and
//! watches the folder anew, also after an error stopped watching.

use super::actions::{shortcut_text, Action};
use super::context::Unwatched;
use crate::vault::watch::{self, VaultWatcher, WatchEvent};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

/// How often the window looks for a folder that went away.
pub const LOOK_EVERY: Duration = Duration::from_millis(500);

#[derive(Default)]
pub(super) struct Watching {
    watcher: Option<VaultWatcher>,
    /// A folder to start watching on the next frame (which has the
    /// context the watcher needs to wake the window).
    wanted: Option<PathBuf>,
    /// A watcher starting on a thread of its own: the start walks the
    /// whole folder (the debouncer notes every file's id), which held the
    /// frame that shows a big vault up.
    starting: Option<(PathBuf, Receiver<Result<VaultWatcher, String>>)>,
    /// Why the open folder is not watched.
    unwatched: Option<Unwatched>,
    /// When to look next for a folder gone.
    next_look: Option<Instant>,
    /// What to tell the user, once.
    notice: Option<String>,
}

/// What watching saw since the last frame.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Seen {
    /// Notes changed: these, relative to the root (`None`: too many to
    /// list).
    Changed(Option<Vec<String>>),
    /// The folder went away: a load of it is of a folder going.
    Gone,
    /// A folder is at the path again, watched where that could be: load
    /// it.
    Back,
}

impl Watching {
    pub fn is_watching(&self) -> bool {
        self.watcher.is_some()
    }

    /// Whether the open folder's watcher is starting on its thread.
    pub fn is_starting(&self) -> bool {
        self.starting.is_some()
    }

    pub fn unwatched(&self) -> Option<Unwatched> {
        self.unwatched.clone()
    }

    /// Whether the open folder is gone and looked for.
    pub fn is_gone(&self) -> bool {
        matches!(self.unwatched, Some(Unwatched::Gone(_)))
    }

    /// Watches `path` from the next frame on.
    pub fn want(&mut self, path: PathBuf) {
        self.wanted = Some(path);
    }

    /// Watches nothing, and says nothing of it (the sample is open).
    pub fn stop(&mut self) {
        let notice = self.notice.take();
        *self = Watching {
            notice,
            ..Watching::default()
        };
    }

    /// Watches `path` anew now, the watcher there was dropped first; with
    /// no folder there, waits for one (`is_gone`).
    pub fn start(&mut self, path: &Path, ctx: &egui::Context) {
        self.watcher = None;
        self.wanted = None;
        self.starting = None;
        if !watch::is_folder(path) {
            self.go(path);
            return;
        }
        self.keep(start_watcher(path, ctx), ctx);
    }

    /// Starts watching `path` on a thread of its own; `poll` takes the
    /// watcher once it is there.
    fn start_beside(&mut self, path: PathBuf, ctx: &egui::Context) {
        self.watcher = None;
        if !watch::is_folder(&path) {
            self.go(&path);
            return;
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let (waker, at) = (ctx.clone(), path.clone());
        std::thread::Builder::new()
            .name("notegraph-watch-start".into())
            .spawn(move || {
                // The watcher's own thread, started from this one, is
                // behind the window too.
                super::later::behind_the_window();
                let _ = tx.send(start_watcher(&at, &waker));
                waker.request_repaint();
            })
            .expect("a thread can start");
        self.starting = Some((path, rx));
    }

    /// Keeps the watcher started, or says why there is none.
    fn keep(&mut self, watcher: Result<VaultWatcher, String>, ctx: &egui::Context) {
        match watcher {
            Ok(watcher) => {
                self.watcher = Some(watcher);
                self.unwatched = None;
                self.next_look = None;
            }
            Err(e) => {
                let reload = shortcut_text(Action::Reload, ctx);
                self.notice = Some(format!(
                    "{e}; not watching for changes ({reload} reloads and watches again)"
                ));
                self.unwatched = Some(Unwatched::Stopped(e));
            }
        }
    }

    /// The folder at `path` went away: look for it from now on.
    fn go(&mut self, path: &Path) {
        self.watcher = None;
        self.starting = None;
        if !self.is_gone() {
            self.notice = Some(format!(
                "{} is gone (deleted, moved or replaced): the notes loaded stay shown, \
                 and a folder there again is loaded and watched",
                path.display()
            ));
        }
        self.unwatched = Some(Unwatched::Gone(path.to_path_buf()));
        // The first look at once: a folder replaced is there already.
        self.next_look = Some(Instant::now());
    }

    /// Whether the open folder, at `path`, went away (a load of it just
    /// ended): then it is looked for.
    pub fn vanished(&mut self, path: &Path) -> bool {
        if self.is_gone() {
            return true;
        }
        let there = match &self.watcher {
            Some(watcher) => watcher.holds(),
            None => watch::is_folder(path),
        };
        if !there {
            self.go(path);
        }
        !there
    }

    /// Starts watching a folder wanted, and says what the watcher saw;
    /// with the folder gone, looks for it when its time has come and
    /// `may_look` (no load runs), and asks the window to wake for the
    /// next look.
    pub fn poll(&mut self, ctx: &egui::Context, may_look: bool) -> Option<Seen> {
        if let Some(path) = self.wanted.take() {
            self.start_beside(path, ctx);
        }
        if let Some((path, rx)) = &self.starting {
            let started = match rx.try_recv() {
                Ok(watcher) => Some(watcher),
                Err(std::sync::mpsc::TryRecvError::Empty) => None,
                Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                    Some(Err(format!("cannot watch {}", path.display())))
                }
            };
            if let Some(watcher) = started {
                let path = path.clone();
                self.starting = None;
                match watcher {
                    // The folder went away while its watcher started: look
                    // for it, as for any folder gone.
                    Err(_) if !watch::is_folder(&path) => self.go(&path),
                    watcher => self.keep(watcher, ctx),
                }
            }
        }
        if let Some(Unwatched::Gone(path)) = &self.unwatched {
            let path = path.clone();
            let now = Instant::now();
            let next = *self.next_look.get_or_insert(now);
            if may_look && now >= next {
                if watch::is_folder(&path) {
                    self.start(&path, ctx);
                    (self.notice)
                        .get_or_insert_with(|| format!("{} is back: loading it", path.display()));
                    return Some(Seen::Back);
                }
                self.next_look = Some(now + LOOK_EVERY);
            }
            let next = self.next_look.unwrap_or(now);
            let wait = if may_look {
                next.saturating_duration_since(now).max(LOOK_EVERY / 10)
            } else {
                LOOK_EVERY
            };
            ctx.request_repaint_after(wait);
            return None;
        }
        let watcher = self.watcher.as_mut()?;
        match watcher.poll()? {
            WatchEvent::Changed(paths) => Some(Seen::Changed(paths)),
            WatchEvent::Gone => {
                let path = watcher.path().to_path_buf();
                self.go(&path);
                ctx.request_repaint();
                Some(Seen::Gone)
            }
            WatchEvent::Failed(e) => {
                self.fail(e, ctx);
                None
            }
        }
    }

    /// An error stopped the watcher: say so until Reload watches again.
    pub fn fail(&mut self, e: String, ctx: &egui::Context) {
        self.watcher = None;
        self.starting = None;
        let reload = shortcut_text(Action::Reload, ctx);
        self.notice = Some(format!(
            "watching stopped: {e}; {reload} reloads and watches again"
        ));
        self.unwatched = Some(Unwatched::Stopped(e));
    }

    /// What to tell the user, once.
    pub fn take_notice(&mut self) -> Option<String> {
        self.notice.take()
    }
}

/// A watcher on `path` that wakes `ctx`'s window when something changed.
fn start_watcher(path: &Path, ctx: &egui::Context) -> Result<VaultWatcher, String> {
    let waker = ctx.clone();
    let started = Instant::now();
    let watcher = VaultWatcher::start(path, move || waker.request_repaint());
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    log::debug!("watching the folder: started in {ms:.0} ms");
    watcher
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A folder removed while its watcher starts is looked for like any
    /// folder gone, not reported as a watcher that failed.
    #[test]
    fn a_folder_gone_while_its_watcher_starts_is_looked_for() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vault");
        std::fs::create_dir(&path).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let mut watching = Watching {
            starting: Some((path.clone(), rx)),
            ..Watching::default()
        };
        std::fs::remove_dir(&path).unwrap();
        tx.send(Err("no such folder".to_string())).unwrap();
        let ctx = egui::Context::default();
        watching.poll(&ctx, false);
        assert!(watching.is_gone(), "{:?}", watching.unwatched());
        assert!(!watching.is_starting() && !watching.is_watching());
    }
}
