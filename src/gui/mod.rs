//! The window. The only module that uses egui.
//!
//! `App` (app.rs) holds the state views read and one state per view
//! (views/); views push `Command`s (command.rs), applied in apply.rs.

mod actions;
mod app;
mod apply;
mod command;
mod context;
mod edits;
mod exporting;
mod focus;
mod fold;
mod fonts;
mod keys;
mod later;
mod links;
mod markdown;
mod model;
mod named;
mod own_files;
mod record;
mod records;
mod selection;
mod session;
mod settings;
mod style;
mod text_slot;
mod views;
mod watching;

pub use app::{App, Launch};
pub use command::{Command, FocusCommand, FoldCommand, RightTab, ViewsCommand};
pub use context::Placed;
pub use model::{ByChecks, Loaded, VaultSource};
pub use settings::{
    load_settings, save_settings, CanvasMode, ColorBy, RunOnly, Settings, SizeBy, Theme,
    ViewSettings,
};
pub use style::placed_color;
pub use views::bars::GONE_LINE;
pub use views::canvas::{NodeStyle, ShownGroup, MAX_GHOSTS_DRAWN};

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Takes one screenshot once the layout has settled, then closes.
struct Screenshot {
    path: PathBuf,
    started: Instant,
    /// When the vault was on screen: the layout is waited for from here.
    settle_from: Instant,
    requested: bool,
    calm_frames: u32,
    result: Arc<Mutex<Option<Result<(), String>>>>,
}

struct EframeApp {
    app: App,
    /// When the window was asked for, to log the time to the first frame.
    started: Instant,
    first_frame: bool,
    /// Whether `--select` named a note, and whether the frame that shows
    /// the loaded vault (with that note selected) has been logged.
    wants_selection: bool,
    shown_logged: bool,
    /// Whether the first frame with the layout at rest has been logged.
    rest_logged: bool,
    screenshot: Option<Screenshot>,
    /// notegraph's data folder, where the window keeps its own files.
    data: Option<crate::workspace::DataDir>,
    /// The window's inner size now, kept at exit.
    size: Option<[f32; 2]>,
}

impl eframe::App for EframeApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        let shown = self.app.loaded().is_some()
            && !self.app.is_loading()
            && (!self.wants_selection || self.app.selected().is_some());
        let frame_started = Instant::now();
        if let Some(rect) = ui.ctx().input(|i| i.viewport().inner_rect) {
            self.size = Some([rect.width(), rect.height()]);
        }
        self.app.ui(ui);
        if log::log_enabled!(log::Level::Debug) {
            let ms = self.started.elapsed().as_secs_f64() * 1000.0;
            let took = frame_started.elapsed().as_secs_f64() * 1000.0;
            if took > 100.0 {
                log::debug!("slow frame at {ms:.0} ms: {took:.0} ms");
            }
            if std::mem::take(&mut self.first_frame) {
                log::debug!("first frame after {ms:.0} ms");
            }
            if shown && !std::mem::replace(&mut self.shown_logged, true) {
                // The budget script (examples/hostile_budget.rs) reads this.
                log::debug!("vault shown after {ms:.0} ms");
            }
            if shown && self.app.is_at_rest() && !std::mem::replace(&mut self.rest_logged, true) {
                // examples/read_bench.rs reads this.
                log::debug!("layout at rest after {ms:.0} ms");
            }
        }
        if let Some(key) = self.app.take_positions_wanted() {
            let saved: Option<views::canvas::SavedPositions> = (self.screenshot.is_none())
                .then(|| own_files::positions(self.data.as_ref(), frame.storage(), &key))
                .flatten();
            if let Some(saved) = saved {
                self.app.restore_positions(saved);
            }
        }
        if let Some(shot) = &mut self.screenshot {
            take_screenshot(ui.ctx(), &self.app, shot);
        }
    }

    /// eframe writes its storage in place, through links: nothing is kept
    /// there (`own_files` keeps the settings, size and positions).
    fn persist_egui_memory(&self) -> bool {
        false
    }

    fn save(&mut self, _: &mut dyn eframe::Storage) {
        // Nothing is written into the vault open, notegraph's own files
        // included: with the data folder inside it, they last this run.
        let open = self.app.loaded().map(|l| &l.source);
        let data = (self.data.as_ref())
            .filter(|d| open.is_none_or(|source| d.check_outside(source).is_ok()));
        if self.screenshot.is_none() {
            let kept = own_files::Kept {
                settings: self.app.settings_to_save(),
                size: self.size,
            };
            if let Some(e) = own_files::save(data, &kept) {
                log::warn!("{e}");
            }
            if let Some((key, positions)) = self.app.saved_positions() {
                own_files::save_positions(data, &key, &positions);
            }
        }
    }
}

fn take_screenshot(ctx: &egui::Context, app: &App, shot: &mut Screenshot) {
    for event in ctx.input(|i| i.raw.events.clone()) {
        if let egui::Event::Screenshot { image, .. } = event {
            let result = save_png(&shot.path, &image);
            *shot.result.lock().expect("not poisoned") = Some(result);
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        }
    }
    if shot.requested {
        ctx.request_repaint();
        return;
    }
    // The wait for the layout counts from the loaded vault, not from the
    // start: a big vault takes seconds to load (an error ends the wait).
    let loading = app.loaded().is_none() || app.is_loading();
    if loading && app.error().is_none() && shot.started.elapsed() < Duration::from_secs(120) {
        shot.settle_from = Instant::now();
        // The load wakes the window when it ends; until then a frame now
        // and then, as without --screenshot, leaves the cores to the load.
        ctx.request_repaint_after(Duration::from_millis(200));
        return;
    }
    let rest = app.is_at_rest();
    shot.calm_frames = if rest { shot.calm_frames + 1 } else { 0 };
    // The topic names may arrive after the layout settles: the map is
    // shown named by them (or after 30 s, with the quick names).
    let named = app.loaded().is_none_or(|l| l.topic_names.finished());
    let waiting = !named && shot.settle_from.elapsed() < Duration::from_secs(30);
    // A few calm frames let the fit and the labels catch up; give up
    // waiting for the layout after 10 s.
    if !waiting && (shot.calm_frames > 5 || shot.settle_from.elapsed() > Duration::from_secs(10)) {
        ctx.send_viewport_cmd(egui::ViewportCommand::Screenshot(egui::UserData::default()));
        shot.requested = true;
    }
    ctx.request_repaint();
}

fn save_png(path: &std::path::Path, image: &egui::ColorImage) -> Result<(), String> {
    use image::ImageEncoder;
    let [w, h] = image.size;
    let mut bytes = Vec::with_capacity(w * h * 4);
    for pixel in &image.pixels {
        bytes.extend_from_slice(&pixel.to_srgba_unmultiplied());
    }
    // A temporary file renamed into place, like every file notegraph writes.
    crate::output::write_atomically(path, |out| {
        image::codecs::png::PngEncoder::new(out)
            .write_image(&bytes, w as u32, h as u32, image::ExtendedColorType::Rgba8)
            .map_err(std::io::Error::other)
    })
    .map_err(|e| e.to_string())
}

/// A screenshot goes only where an export may: not inside the vault, not
/// onto one of its notes by another name, not over a device or a FIFO;
/// checked before any window opens.
fn check_screenshot(vault: Option<&std::path::Path>, dest: &std::path::Path) -> Result<(), String> {
    let Some(root) = vault else {
        return crate::output::check_kind(dest).map_err(|e| e.to_string());
    };
    // The notes are read only for a destination with another name: a load
    // before the window opens held a big vault's first frame up.
    let notes = || {
        crate::vault::load(root)
            .map(|v| v.notes.into_iter().map(|n| n.path).collect())
            .unwrap_or_default()
    };
    crate::output::check_outside_lazily(root, notes, dest).map_err(|e| e.to_string())
}

/// The window's icon (assets/icon.png, also used by the `.desktop` entry).
fn app_icon() -> Arc<egui::IconData> {
    let png = include_bytes!("../../assets/icon.png");
    Arc::new(eframe::icon_data::from_png_bytes(png).unwrap_or_default())
}

/// What the command line asks of the window.
#[derive(Debug, Clone, Default)]
pub struct WindowOptions {
    pub vault: Option<PathBuf>,
    /// Save a PNG once the layout has settled, then exit.
    pub screenshot: Option<PathBuf>,
    pub size: (u32, u32),
    /// Select this note (id, path, title or alias) once loaded.
    pub select: Option<String>,
    /// Show the study plan for this note once loaded.
    pub plan: Option<String>,
    /// The theme, for this run.
    pub theme: Option<Theme>,
    /// Open on the prerequisite view instead of the force graph.
    pub prerequisites: bool,
    /// Type this into the search box.
    pub search: Option<String>,
    /// Colour nodes by this, for this run.
    pub color: Option<ColorBy>,
    /// The options the command line names, for this run.
    pub given: crate::workspace::Given,
    /// notegraph's data folder.
    pub data: Option<crate::workspace::DataDir>,
    /// The right panel's tab to open on.
    pub tab: Option<RightTab>,
    /// The named view to open on.
    pub view: Option<String>,
}

/// Opens the window.
pub fn run(options: WindowOptions) -> Result<(), String> {
    let started = Instant::now();
    let WindowOptions {
        vault,
        screenshot,
        size,
        select,
        plan,
        theme,
        prerequisites,
        search,
        color,
        given,
        data,
        tab,
        view,
    } = options;
    if let Some(dest) = &screenshot {
        check_screenshot(vault.as_deref(), dest)?;
    }
    let source = vault.map(|p| VaultSource::Folder(std::path::absolute(&p).unwrap_or(p)));
    let result = Arc::new(Mutex::new(None));
    let shot = screenshot.map(|path| Screenshot {
        path,
        started: Instant::now(),
        settle_from: Instant::now(),
        requested: false,
        calm_frames: 0,
        result: result.clone(),
    });
    let taking_screenshot = shot.is_some();
    let kept = (!taking_screenshot)
        .then(|| own_files::load(data.as_ref()))
        .flatten();
    let kept_size = kept.as_ref().and_then(|(k, _)| k.size);
    let app_name = if taking_screenshot {
        "notegraph-screenshot"
    } else {
        "notegraph"
    };
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("notegraph")
        // Screenshots use their own storage (eframe names it after the app
        // id), so nothing a user saved, window size or filters, shows in them.
        .with_app_id(app_name)
        .with_drag_and_drop(true)
        .with_icon(app_icon())
        .with_min_inner_size([640.0, 400.0]);
    viewport = if taking_screenshot {
        viewport
            .with_inner_size([size.0 as f32, size.1 as f32])
            .with_resizable(false)
    } else {
        viewport.with_inner_size(kept_size.unwrap_or([1400.0, 900.0]))
    };
    let options = eframe::NativeOptions {
        viewport,
        renderer: eframe::Renderer::Glow,
        persist_window: false,
        ..Default::default()
    };
    eframe::run_native(
        "notegraph",
        options,
        Box::new(move |cc| {
            // Screenshots are for docs and tests: the same look every time.
            let (settings, problem) = match kept {
                _ if taking_screenshot => (Settings::default(), None),
                Some((kept, problem)) => (kept.settings, problem),
                None => (load_settings(cc.storage), None),
            };
            let run_only = RunOnly {
                given,
                theme,
                color,
                prerequisites,
                view,
            };
            let wants_selection = select.is_some();
            let own = data.clone();
            let mut app = App::launch(settings, source, Launch { data, run_only });
            if let Some(problem) = problem {
                app.push(Command::Notice(problem));
            }
            app.set_startup(select, plan);
            if let Some(text) = search {
                app.set_search(text);
            }
            if let Some(tab) = tab {
                app.push(Command::ShowTab(tab));
            }
            app.set_hover_enabled(!taking_screenshot);
            app.use_system_fonts();
            Ok(Box::new(EframeApp {
                app,
                started,
                first_frame: true,
                wants_selection,
                shown_logged: false,
                rest_logged: false,
                screenshot: shot,
                data: own,
                size: kept_size,
            }))
        }),
    )
    .map_err(|e| format!("cannot open the window: {e}"))?;
    if taking_screenshot {
        return match result.lock().expect("not poisoned").take() {
            Some(r) => r,
            None => Err("the window closed before the screenshot was taken".into()),
        };
    }
    Ok(())
}
