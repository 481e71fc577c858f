//! The application: the state views read (`Shared`), the state of each
//! view (`Views`), and the frame that draws them. Commands the views push
//! are applied in one place, `apply.rs`.

use super::command::Side;
use super::command::{Command, RightTab};
use super::context::{CanvasSummary, Focus, Notices, PanelsShown, SessionSummary, ViewContext};
use super::fonts::SystemFonts;
use super::model::{Loaded, VaultSource};

use super::selection::Selection;
use super::session::{Session, SessionEvent};
use super::settings::{RunOnly, Settings};
use super::views::canvas::{NodeStyle, SavedPositions, ShownGroup};
use super::views::side::Folding;
use super::views::Views;
use crate::analysis::StudyPlan;
use crate::vault::NoteId;
use std::time::Duration;

/// What views read. Only `App::apply` changes it.
#[derive(Default)]
pub(super) struct Shared {
    pub settings: Settings,
    pub session: Session,
    pub selection: Selection,
    pub focus: Focus,
    pub notices: Notices,
    /// Side panels folded away for a narrow window (not saved).
    pub folding: Folding,
    /// The named views of the open vault, as last read or changed.
    pub named_views: crate::workspace::views::ViewList,
}

impl Shared {
    pub fn context(&self, canvas: CanvasSummary) -> ViewContext<'_> {
        ViewContext {
            loaded: self.session.loaded(),
            settings: &self.settings,
            selection: &self.selection,
            focus: &self.focus,
            notices: &self.notices,
            named_views: &self.named_views,
            canvas,
            session: SessionSummary {
                progress: self.session.progress(),
                loading: self.session.is_loading(),
                unwatched: self.session.unwatched(),
            },
            panels: self.panels(),
        }
    }

    fn panels(&self) -> PanelsShown {
        let (view, folding) = (&self.settings.view, &self.folding);
        let filters = folding.shows(Side::Filters, view.show_filters);
        let details = folding.shows(Side::Details, view.show_details);
        PanelsShown {
            filters,
            details,
            filters_narrow: folding.folds(Side::Filters),
            details_narrow: folding.folds(Side::Details),
        }
    }
}

/// What the command line asks for once the vault has loaded.
#[derive(Default)]
pub(super) struct Startup {
    /// A note to select (id, path, title or alias).
    pub select: Option<String>,
    /// A note to show the study plan for.
    pub plan: Option<String>,
    /// A named view to open (`--view`).
    pub view: Option<String>,
    /// The view `--view` opened: what it set is this run's only.
    pub opened_view: Option<crate::workspace::views::NamedView>,
}

pub struct App {
    pub(super) shared: Shared,
    pub(super) views: Views,
    pub(super) commands: Vec<Command>,
    pub(super) startup: Startup,
    /// Set when a new vault is installed: the key under which its saved
    /// positions live, for the eframe wrapper to restore.
    pub(super) positions_wanted: Option<String>,
    /// The system's fonts, found in the background.
    fonts: SystemFonts,
    /// What the command line set for this run only, and the settings as
    /// saved before it: what `settings_to_save` takes them back to.
    run_only: RunOnly,
    saved: Settings,
}

/// How the window starts: where notegraph's data lives (none: records
/// last this run only) and what its command line sets for this run.
#[derive(Debug, Clone, Default)]
pub struct Launch {
    pub data: Option<crate::workspace::DataDir>,
    pub run_only: RunOnly,
}

impl App {
    /// Opens `source`, else the last vault, else the sample, loading in the
    /// background.
    pub fn new(settings: Settings, source: Option<VaultSource>) -> App {
        App::launch(settings, source, Launch::default())
    }

    /// Opens `source` (else the last vault, else the sample) as `launch`
    /// says, loading in the background.
    pub fn launch(settings: Settings, source: Option<VaultSource>, launch: Launch) -> App {
        let source = source.unwrap_or_else(|| match &settings.last_vault {
            Some(path) if path.is_dir() => VaultSource::Folder(path.clone()),
            _ => VaultSource::Sample,
        });
        let mut app = App::empty(settings, launch);
        let options = app.shared.settings.options();
        app.shared.session.start_loading(source, options);
        app
    }

    fn empty(mut saved: Settings, launch: Launch) -> App {
        let Launch { data, run_only } = launch;
        let mut notices = super::context::Notices::default();
        if let Err(e) = super::records::move_old_records(&mut saved, data.as_ref()) {
            notices.error = Some(e);
        }
        App {
            shared: Shared {
                settings: run_only.over(&saved),
                session: Session::with_records(super::session::Records::new(data)),
                notices,
                ..Default::default()
            },
            views: Views::default(),
            commands: Vec::new(),
            startup: Startup {
                view: run_only.view.clone(),
                ..Startup::default()
            },
            positions_wanted: None,
            fonts: SystemFonts::default(),
            run_only,
            saved,
        }
    }

    /// Loads on this thread; for tests and benchmarks.
    pub fn new_blocking(settings: Settings, source: VaultSource) -> App {
        App::launch_blocking(settings, source, Launch::default())
    }

    /// Loads on this thread as `launch` says; for tests and benchmarks.
    pub fn launch_blocking(settings: Settings, source: VaultSource, launch: Launch) -> App {
        let mut app = App::empty(settings, launch);
        let options = app.shared.settings.options();
        match app.shared.session.load_now(source, &options) {
            Ok(loaded) => app.install(loaded),
            Err(e) => app.shared.notices.error = Some(e),
        }
        app
    }

    /// The settings to keep: what the user chose, without what the
    /// command line set for this run only.
    pub fn settings_to_save(&self) -> Settings {
        let mut out = (self.run_only).taken_back(&self.shared.settings, &self.saved);
        if let Some(view) = &self.startup.opened_view {
            out.take_back_view(view, &self.saved);
        }
        out
    }

    /// Notes to select and to plan for once the vault has loaded
    /// (`--select`, `--plan`).
    pub fn set_startup(&mut self, select: Option<String>, plan: Option<String>) {
        (self.startup.select, self.startup.plan) = (select, plan);
    }

    /// Types `text` into the search box (`--search`, tests).
    pub fn set_search(&mut self, text: String) {
        self.views.filters.search.set_text(text);
    }

    /// What the search box holds.
    pub fn search_text(&self) -> &str {
        self.views.filters.search.text()
    }

    /// Looks for the system's fonts in the background and installs them as
    /// fallbacks (the window; tests keep egui's fonts).
    pub fn use_system_fonts(&mut self) {
        self.fonts = SystemFonts::start();
    }

    /// Hover and drag off, for screenshots: the pointer rests wherever the
    /// display server put it.
    pub fn set_hover_enabled(&mut self, on: bool) {
        self.views.canvas.set_hover_enabled(on);
    }

    /// One frame of the whole window.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        // Whether this frame draws a vault that was already there: the
        // frame that installs one still has its canvas to build.
        let had_vault = self.shared.session.loaded().is_some();
        self.views.bars.tick();
        (self.shared.folding).set_width(ctx.content_rect().width());
        let theme = super::style::theme_preference(self.shared.settings.view.theme);
        if ctx.options(|o| o.theme_preference) != theme {
            ctx.set_theme(theme);
        }
        self.shared.session.wake(&ctx);
        for event in self.shared.session.poll() {
            match event {
                SessionEvent::Loaded(loaded) => self.install(*loaded),
                SessionEvent::Failed(e) => self.shared.notices.error = Some(e),
                SessionEvent::Picked(path) => {
                    self.commands.push(Command::Open(VaultSource::Folder(path)))
                }
            }
        }
        let options = self.shared.settings.options();
        if let Some(notice) = self.shared.session.watch(&ctx, &options) {
            self.shared.notices.say(notice);
        }
        self.poll_fonts(&ctx);
        let focus = &self.shared.focus;
        let plan_open = focus.plan.is_some() || focus.path.is_some();
        let searching = self.views.filters.search.is_active();
        // Esc clears a focus once no selection or plan is left to clear.
        let focused = (focus.set.is_active() || !focus.set.hidden.is_empty())
            && !plan_open
            && self.shared.selection.all().is_empty();
        let esc = (searching, plan_open, focused);
        super::keys::read(&ctx, esc, &mut self.commands);
        self.draw(ui);
        if let Some(loaded) = self.shared.session.loaded().filter(|_| had_vault) {
            // The vault is on screen: the topic details may take a core,
            // then the topic names, then the full-text index (one after the
            // other, so that their working memory does not add up: a dense
            // 4.5-million-link vault peaked at 1.96 GB with two at once).
            // The diagnostics and layered view first: they are small, and
            // the Problems tab counts them.
            let wake = ctx.clone();
            loaded.beside.start(move || wake.request_repaint());
            let wake = ctx.clone();
            loaded.topic_details.start(move || wake.request_repaint());
            if loaded.topic_details.finished() {
                let wake = ctx.clone();
                loaded.topic_names.start(move || wake.request_repaint());
            }
            // The full-text index last, alone: its build holds about four
            // times the index (~480 MB at 100k notes), and beside the topic
            // names it took the window past 1.4 GB there.
            if loaded.topic_names.finished() {
                loaded.text.start();
            }
        }
        self.apply(&ctx);
        if self.shared.session.is_busy() {
            // Often enough to show progress, seldom enough to leave the cores to the load.
            ctx.request_repaint_after(Duration::from_millis(200));
        }
    }

    /// Installs the system's fonts once found, and says which scripts of
    /// the vault none of them draws.
    fn poll_fonts(&mut self, ctx: &egui::Context) {
        if let Some((faces, fallbacks, ms)) = self.fonts.poll(ctx) {
            log::debug!("fonts: {faces} faces scanned, {fallbacks} fallbacks, {ms:.0} ms");
        }
        let Some(loaded) = self.shared.session.loaded() else {
            return;
        };
        if let Some(notice) = self.fonts.notice(loaded.generation, loaded.scripts) {
            self.shared.notices.fonts = notice;
        }
    }

    /// Draws every view; each reads the same context and pushes commands.
    fn draw(&mut self, ui: &mut egui::Ui) {
        let cx = self.shared.context(self.canvas_summary());
        let (views, out) = (&mut self.views, &mut self.commands);
        views
            .bars
            .top(ui, &cx, &mut views.named, &mut views.export, out);
        views.bars.status(ui, &cx);
        views.named.show(ui, &cx, out);
        views.export.show(ui, out);
        views.filters.show(ui, &cx, out);
        views.details.show(ui, &cx, out);
        egui::CentralPanel::default().show(ui, |ui| {
            // The graph's whole place, also when it draws nothing.
            let place = ui.available_rect_before_wrap();
            views.canvas.show(ui, &cx, out);
            views.legend.show(ui, &cx, views.canvas.rect(), out);
            views.bars.notices(ui, &cx, place, out);
        });
    }

    pub(super) fn canvas_summary(&self) -> CanvasSummary {
        let loaded = self.shared.session.loaded();
        (self.views.canvas).summary(loaded, self.shared.selection.selected())
    }

    /// Queues a command, applied at the end of the next frame.
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    pub fn settings(&self) -> &Settings {
        &self.shared.settings
    }

    pub fn loaded(&self) -> Option<&Loaded> {
        self.shared.session.loaded()
    }

    pub fn selected(&self) -> Option<NoteId> {
        self.shared.selection.selected()
    }

    /// Every selected note, in the order chosen.
    pub fn selected_notes(&self) -> Vec<NoteId> {
        self.shared.selection.all().to_vec()
    }

    /// The notes in focus (none: no focus).
    pub fn focus_notes(&self) -> Vec<NoteId> {
        self.shared.focus.set.notes.iter().copied().collect()
    }

    /// How many notes the user hid.
    pub fn hidden_notes(&self) -> usize {
        self.shared.focus.set.hidden.len()
    }

    /// The groups folded (in the order folded), and as drawn (tests).
    pub fn folded(&self) -> (&[crate::analysis::fold::GroupKey], Vec<ShownGroup>) {
        (&self.shared.focus.folded, self.views.canvas.folded_shown())
    }

    /// The focus: its notes, those expanded and those hidden.
    pub fn focus_set(&self) -> &crate::analysis::focus::FocusSet {
        &self.shared.focus.set
    }

    /// The named views of the open vault (the Views menu).
    pub fn named_views(&self) -> &crate::workspace::views::ViewList {
        &self.shared.named_views
    }

    /// The canvas's zoom and the graph point in its middle (a named
    /// view's camera); none before it was drawn.
    pub fn looking(&self) -> Option<(f32, [f32; 2])> {
        self.views.canvas.looking()
    }

    /// The model nodes on the canvas now.
    pub fn shown_nodes(&self) -> Vec<petgraph::stable_graph::NodeIndex> {
        self.views.canvas.members()
    }

    pub fn tab(&self) -> RightTab {
        self.views.details.tab()
    }

    pub fn plan(&self) -> Option<&StudyPlan> {
        self.shared.focus.plan.as_ref()
    }

    pub fn error(&self) -> Option<&str> {
        self.shared.notices.error.as_deref()
    }

    pub fn message(&self) -> Option<&str> {
        self.shared.notices.message.as_deref()
    }

    /// Where the graph is drawn: notices float over it, not above it.
    pub fn canvas_rect(&self) -> egui::Rect {
        self.views.canvas.rect()
    }

    /// Visible notes (ghosts not counted).
    pub fn visible_notes(&self) -> usize {
        self.canvas_summary().visible_notes
    }

    /// Visible nodes, ghosts included.
    pub fn visible_nodes(&self) -> usize {
        self.canvas_summary().visible_nodes
    }

    pub fn is_loading(&self) -> bool {
        self.shared.session.is_loading()
    }

    /// Changes were seen on disk and a reload is still to come.
    pub fn is_reload_pending(&self) -> bool {
        self.shared.session.is_reload_pending()
    }

    pub fn is_watching(&self) -> bool {
        self.shared.session.is_watching()
    }

    /// Stops watching the open folder as an error in the watcher does:
    /// the status bar says so until Reload (tests).
    pub fn stop_watching(&mut self, error: &str, ctx: &egui::Context) {
        self.shared.session.stop_watching(error.to_string(), ctx);
    }

    /// Loads installed since the window opened: a change the window makes
    /// itself is applied in place and loads nothing.
    pub fn loads(&self) -> u64 {
        self.shared.session.loads()
    }

    /// Nothing is loading and the layout has settled.
    pub fn is_at_rest(&self) -> bool {
        !self.shared.session.is_loading()
            && !self.fonts.is_pending()
            && self.views.canvas.is_at_rest()
    }

    /// Note `path`'s node in the model, if the vault has the note.
    fn node_named(&self, path: &str) -> Option<petgraph::stable_graph::NodeIndex> {
        let loaded = self.loaded()?;
        Some(loaded.node_of(loaded.vault.note_by_path(path)?))
    }

    /// Where a note is drawn, if it is visible (tests).
    pub fn node_position(&self, path: &str) -> Option<[f32; 2]> {
        let node = self.node_named(path)?;
        (self.views.canvas.positions().into_iter()).find_map(|(n, p)| (n == node).then_some(p))
    }

    /// Where a note was on screen in the last frame, if visible (tests).
    pub fn node_screen_position(&self, path: &str) -> Option<egui::Pos2> {
        self.views.canvas.screen_position_of(self.node_named(path)?)
    }

    /// How a note is drawn now, if it is visible (tests).
    pub fn node_style(&self, path: &str) -> Option<NodeStyle> {
        self.views.canvas.node_style(self.node_named(path)?)
    }

    /// Whether a fit (to every node or to some) is under way (tests).
    pub fn is_fit_pending(&self) -> bool {
        self.views.canvas.is_fit_pending()
    }

    /// Whether the layout is paused (Space).
    pub fn is_layout_paused(&self) -> bool {
        self.canvas_summary().paused
    }

    /// Runs the layout to rest now (benchmarks, tests).
    pub fn settle_layout(&mut self) {
        self.views.canvas.settle();
    }

    /// Community names and note titles the canvas shows now (tests).
    pub fn shown_labels(&self) -> (Vec<String>, Vec<String>) {
        self.views.canvas.shown_labels()
    }

    /// The canvas's zoom, pan (from its top left) and rectangle (tests).
    pub fn camera(&self) -> (f32, egui::Vec2, egui::Rect) {
        self.views.canvas.camera()
    }

    /// Where each shown node was drawn on screen last (tests).
    pub fn node_screen_positions(&self) -> Vec<egui::Pos2> {
        self.views.canvas.screen_positions()
    }

    /// Zooms the graph by `factor` around the centre of the view.
    pub fn zoom_by(&mut self, factor: f32) {
        self.views.canvas.zoom_by(factor);
    }

    /// The storage key of positions to restore, once per opened vault.
    pub fn take_positions_wanted(&mut self) -> Option<String> {
        self.positions_wanted.take()
    }

    /// The open vault's node positions by note path, and their key.
    pub fn saved_positions(&self) -> Option<(String, SavedPositions)> {
        let loaded = self.loaded()?;
        let positions = self.views.canvas.saved_positions(loaded)?;
        let key = super::views::canvas::positions_key(&loaded.source);
        Some((key, positions))
    }
}
