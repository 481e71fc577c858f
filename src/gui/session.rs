//! The open vault: loading it in the background, the folder picker, the
//! watcher that asks for reloads (`watching.rs`), and the `Loaded` vault
//! itself.

use super::model::{Loaded, VaultSource};
pub use super::records::Records;
use super::watching::{Seen, Watching};
use crate::analysis::review::history::{self, DoneByDay};
use crate::workspace::{Options, Recorded, Workspace};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::sync::Arc;
use std::time::Instant;

struct Loading {
    source: VaultSource,
    done: Arc<AtomicUsize>,
    total: Arc<AtomicUsize>,
    result: Receiver<Result<Loaded, String>>,
}

/// What happened in the background since the last frame.
pub enum SessionEvent {
    /// A load finished: install it.
    Loaded(Box<Loaded>),
    Failed(String),
    /// The user picked a folder to open.
    Picked(PathBuf),
}

#[derive(Default)]
pub struct Session {
    loaded: Option<Loaded>,
    loading: Option<Loading>,
    picking: Option<Receiver<Option<PathBuf>>>,
    watching: Watching,
    /// Changes arrived while a load was running: load again after it.
    reload_pending: bool,
    /// Loads installed.
    loads: u64,
    /// Loads installed and changes made in place: `Loaded::generation`.
    changes: u64,
    /// Where the statuses recorded in notegraph are kept.
    pub records: Records,
    /// The window to wake when a load ends, once it has one.
    waker: Arc<std::sync::OnceLock<egui::Context>>,
}

/// Reads and opens `source` as `options` say, with what `records` holds
/// for it (a thread's copy of the session's), and the reviews its grade
/// log counts by day.
fn open(
    source: VaultSource,
    options: &Options,
    records: &Records,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<(Workspace, DoneByDay), String> {
    let vault = (source.load(options.loading(), progress)).map_err(|e| e.to_string())?;
    let mut phases = crate::vault::timing::Phases::start("open");
    let (stored, problem) = records.stored_in(&source, &vault);
    let done = history::done_by_day(records.grades(&source).iter().map(|l| (l.at, l.grade)));
    phases.done("the data folder's records");
    let ws = Workspace::new(source, options, vault, &stored.recorded, problem).with_stored(stored);
    phases.done("the overlay and the graph");
    Ok((ws, done))
}

/// The window's answers on `ws`, with the reviews done by day.
fn loaded((ws, done): (Workspace, DoneByDay), load_ms: f64) -> Loaded {
    let mut loaded = Loaded::new(ws, load_ms);
    loaded.done = done;
    loaded
}

impl Session {
    pub fn with_records(records: Records) -> Session {
        Session {
            records,
            ..Session::default()
        }
    }

    /// Has loads end with a frame of `ctx` rather than wait for the next.
    pub fn wake(&self, ctx: &egui::Context) {
        self.waker.get_or_init(|| ctx.clone());
    }

    pub fn loaded(&self) -> Option<&Loaded> {
        self.loaded.as_ref()
    }

    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    pub fn is_busy(&self) -> bool {
        self.loading.is_some() || self.picking.is_some()
    }

    pub fn is_reload_pending(&self) -> bool {
        self.reload_pending
    }

    pub fn is_watching(&self) -> bool {
        self.watching.is_watching()
    }

    /// Stops watching as an error in the watcher does (tests).
    pub fn stop_watching(&mut self, error: String, ctx: &egui::Context) {
        self.watching.fail(error, ctx);
    }

    /// Why the open folder is not watched, when it should be.
    pub fn unwatched(&self) -> Option<super::context::Unwatched> {
        self.watching.unwatched()
    }

    /// How many loads were installed since the window opened.
    pub fn loads(&self) -> u64 {
        self.loads
    }

    /// Applies a change the window made itself to the loaded vault in
    /// place (`Loaded::apply_edits`); where that cannot be, loads again.
    /// Returns whether it was applied in place.
    pub fn edit(
        &mut self,
        texts: &[(crate::vault::NoteId, String)],
        recorded: &Recorded,
        options: Options,
    ) -> bool {
        let Some(loaded) = self.loaded.as_mut() else {
            return false;
        };
        if loaded.options.loads_like(&options) && loaded.apply_edits(texts, recorded) {
            self.changes += 1;
            loaded.generation = self.changes;
            true
        } else {
            self.reload(options);
            false
        }
    }

    /// Takes `schedules`, all kept for the open vault after a grade, in
    /// place: nothing loads, and only the review tab works out again.
    pub fn set_schedules(&mut self, schedules: crate::analysis::review::Schedules) {
        if let Some(loaded) = self.loaded.as_mut() {
            loaded.ws.schedules = schedules;
            loaded.reviews += 1;
        }
    }

    /// Counts a review graded in the window among those done, in place.
    pub fn count_review(&mut self, line: &crate::workspace::data::GradeLine) {
        if let Some(loaded) = self.loaded.as_mut() {
            let day = loaded.done.entry(line.at.date_naive()).or_default();
            day[line.grade as usize] += 1;
        }
    }

    /// Takes what the last accepted placement recorded (path → status)
    /// in place, to say why those notes count as learned.
    pub fn set_placed(&mut self, placed: Recorded) {
        if let Some(loaded) = self.loaded.as_mut() {
            loaded.ws.placed = placed;
        }
    }

    /// Whether every note in `paths` already holds, on disk, the text
    /// loaded: the watcher's echo of the window's own write, which needs no
    /// load. Not while a load runs (it may have read the file before).
    fn holds(&self, paths: Option<&[String]>) -> bool {
        let (Some(loaded), Some(paths), None) = (&self.loaded, paths, &self.loading) else {
            return false;
        };
        paths.iter().all(|path| loaded.vault.file_holds_note(path))
    }

    /// (what, files read, files in all) while a load runs.
    pub fn progress(&self) -> Option<(String, usize, usize)> {
        self.loading.as_ref().map(|l| {
            (
                l.source.label(),
                l.done.load(Ordering::Relaxed),
                l.total.load(Ordering::Relaxed),
            )
        })
    }

    /// Starts loading `source` on a thread of its own.
    pub fn start_loading(&mut self, source: VaultSource, options: Options) {
        self.start_loading_after(source, options, None);
    }

    /// Loads on this thread (tests, benchmarks), with what the window works
    /// out once the vault is on screen beside it (`Loaded::beside`) done too,
    /// so that a test's first frame shows it.
    pub fn load_now(&self, source: VaultSource, options: &Options) -> Result<Loaded, String> {
        let opened = open(source, options, &self.records_copy(), &|_, _| {})?;
        let loaded = loaded(opened, 0.0);
        loaded.beside.wait();
        Ok(loaded)
    }

    /// What a loading thread reads the records from: the same folder, or
    /// this run's records as they are now.
    fn records_copy(&self) -> Records {
        self.records.clone()
    }

    /// Starts loading `source`; its text index builds on `previous`'s.
    fn start_loading_after(
        &mut self,
        source: VaultSource,
        options: Options,
        previous: Option<super::model::TextSlot>,
    ) {
        let done = Arc::new(AtomicUsize::new(0));
        let total = Arc::new(AtomicUsize::new(0));
        let (tx, rx) = std::sync::mpsc::channel();
        let (d, t, s) = (done.clone(), total.clone(), source.clone());
        let records = self.records_copy();
        let waker = self.waker.clone();
        std::thread::spawn(move || {
            let started = Instant::now();
            let progress = move |n: usize, of: usize| {
                d.store(n, Ordering::Relaxed);
                t.store(of, Ordering::Relaxed);
            };
            let result = open(s, &options, &records, &progress).map(|opened| {
                let ms = started.elapsed().as_secs_f64() * 1000.0;
                log::debug!("load: read the vault {ms:.0} ms");
                let loaded = loaded(opened, ms);
                if let Some(previous) = &previous {
                    loaded.text.follow(previous);
                }
                let ms = started.elapsed().as_secs_f64() * 1000.0;
                log::debug!("load: ready to show after {ms:.0} ms");
                loaded
            });
            let _ = tx.send(result);
            if let Some(ctx) = waker.get() {
                ctx.request_repaint();
            }
        });
        self.loading = Some(Loading {
            source,
            done,
            total,
            result: rx,
        });
    }

    /// Loads the open vault again, if there is one; its text index reads
    /// again only the notes that changed.
    pub fn reload(&mut self, options: Options) {
        if let Some(loaded) = &self.loaded {
            let (source, text) = (loaded.source.clone(), loaded.text.clone());
            self.start_loading_after(source, options, Some(text));
        }
    }

    /// Reload by hand: watches the open folder anew (the watcher there was
    /// dropped, also one an error stopped), then loads it again; a folder
    /// gone is looked for at once, and the notes loaded stay until it is
    /// back. Returns what to tell the user.
    pub fn reload_by_hand(&mut self, ctx: &egui::Context, options: Options) -> Option<String> {
        let source = self.loaded.as_ref().map(|l| l.source.clone());
        if let Some(VaultSource::Folder(path)) = &source {
            let was_gone = self.watching.is_gone();
            self.watching.start(path, ctx);
            if self.watching.is_gone() {
                self.reload_pending = false;
                return (self.watching.take_notice()).or_else(|| {
                    was_gone.then(|| {
                        format!(
                            "{} is still gone: waiting for it to come back",
                            path.display()
                        )
                    })
                });
            }
        }
        self.reload_pending = false;
        self.reload(options);
        self.watching.take_notice()
    }

    /// Whether a load of `source`, just ended, is a reload of the open
    /// folder while it went away: not to install, nor to report.
    fn of_a_folder_gone(&mut self, source: &VaultSource) -> bool {
        let open = self.loaded.as_ref().map(|l| &l.source);
        match source {
            VaultSource::Folder(path) if open == Some(source) => self.watching.vanished(path),
            _ => false,
        }
    }

    /// Whether the load running is a reload of the open vault.
    fn is_reloading(&self) -> bool {
        let open = self.loaded.as_ref().map(|l| &l.source);
        self.loading
            .as_ref()
            .is_some_and(|l| open == Some(&l.source))
    }

    /// Opens the folder picker on its own thread: rfd talks to the desktop
    /// portal, which may block.
    pub fn pick_folder(&mut self) {
        if self.picking.is_some() {
            return;
        }
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let picked = rfd::FileDialog::new()
                .set_title("Open a vault folder")
                .pick_folder();
            let _ = tx.send(picked);
        });
        self.picking = Some(rx);
    }

    /// Makes `loaded` the open vault; returns the one it replaces. Starts
    /// watching a newly opened folder.
    pub fn install(&mut self, mut loaded: Loaded) -> Option<Loaded> {
        self.loads += 1;
        self.changes += 1;
        loaded.generation = self.changes;
        let same = self
            .loaded
            .as_ref()
            .is_some_and(|l| l.source == loaded.source);
        match &loaded.source {
            VaultSource::Folder(path)
                if !same || !(self.watching.is_watching() || self.watching.is_starting()) =>
            {
                self.watching.want(path.clone())
            }
            VaultSource::Folder(_) => {}
            VaultSource::Sample => self.watching.stop(),
        }
        self.loaded.replace(loaded)
    }

    /// Takes what finished in the background.
    pub fn poll(&mut self) -> Vec<SessionEvent> {
        let mut events = Vec::new();
        if let Some(loading) = &self.loading {
            let result = match loading.result.try_recv() {
                Ok(result) => Some(result),
                Err(TryRecvError::Empty) => None,
                Err(TryRecvError::Disconnected) => Some(Err("loading stopped unexpectedly".into())),
            };
            if let Some(result) = result {
                let source = loading.source.clone();
                self.loading = None;
                // A reload of a folder going away shows a folder going
                // (half its notes, or none): the notes loaded stay.
                if !self.of_a_folder_gone(&source) {
                    events.push(match result {
                        Ok(loaded) => SessionEvent::Loaded(Box::new(loaded)),
                        Err(e) => SessionEvent::Failed(e),
                    });
                }
            }
        }
        if let Some(picking) = &self.picking {
            match picking.try_recv() {
                Ok(Some(path)) => {
                    self.picking = None;
                    events.push(SessionEvent::Picked(path));
                }
                Ok(None) | Err(TryRecvError::Disconnected) => self.picking = None,
                Err(TryRecvError::Empty) => {}
            }
        }
        events
    }

    /// Starts watching a newly opened folder, reloads on changes, and
    /// looks for a folder gone (`Watching`); returns what to tell the
    /// user.
    pub fn watch(&mut self, ctx: &egui::Context, options: &Options) -> Option<String> {
        match self.watching.poll(ctx, self.loading.is_none()) {
            // The echo of the window's own write needs no load.
            Some(Seen::Changed(paths)) if self.holds(paths.as_deref()) => {}
            Some(Seen::Changed(_) | Seen::Back) => self.reload_pending = true,
            Some(Seen::Gone) => {
                self.reload_pending = false;
                if self.is_reloading() {
                    self.loading = None;
                }
            }
            None => {}
        }
        if self.reload_pending && self.loading.is_none() && self.loaded.is_some() {
            self.reload_pending = false;
            self.reload(options.clone());
        }
        self.watching.take_notice()
    }
}
