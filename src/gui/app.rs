//! The application: persisted settings, runtime state, and one place where
//! the commands that panels return are applied.

use super::canvas::{GraphCanvas, Look, Placement, View};
use super::model::{Loaded, VaultSource};
use super::style;
use crate::analysis::{NoteFilter, StudyConfig, StudyPlan};
use crate::graph::Node as ModelNode;
use crate::layout::LayoutParams;
use crate::vault::{EdgeKind, NoteId, Target};
use egui::{Key, KeyboardShortcut, Modifiers};
use petgraph::stable_graph::NodeIndex;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum ColorBy {
    #[default]
    Status,
    Tag,
    Folder,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum SizeBy {
    #[default]
    Importance,
    Links,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ViewSettings {
    pub color_by: ColorBy,
    pub size_by: SizeBy,
    pub show_ghosts: bool,
    pub orphans_only: bool,
    /// Prerequisite, related, compare, mention.
    pub edge_kinds: [bool; 4],
    pub local_depth: u8,
    pub highlight_ready: bool,
    pub dark_mode: bool,
}

impl Default for ViewSettings {
    fn default() -> Self {
        ViewSettings {
            color_by: ColorBy::Status,
            size_by: SizeBy::Importance,
            show_ghosts: true,
            orphans_only: false,
            edge_kinds: [true; 4],
            local_depth: 1,
            highlight_ready: false,
            dark_mode: true,
        }
    }
}

/// Everything kept between runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub last_vault: Option<PathBuf>,
    pub recent: Vec<PathBuf>,
    pub filter: NoteFilter,
    pub view: ViewSettings,
    pub layout: LayoutParams,
    pub learned_statuses: Vec<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            last_vault: None,
            recent: Vec::new(),
            filter: NoteFilter::default(),
            view: ViewSettings::default(),
            layout: LayoutParams::default(),
            learned_statuses: StudyConfig::default().learned_statuses,
        }
    }
}

impl Settings {
    pub fn study_config(&self) -> StudyConfig {
        StudyConfig {
            learned_statuses: self.learned_statuses.clone(),
            include_learned: false,
        }
    }

    fn remember_vault(&mut self, path: PathBuf) {
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path.clone());
        self.recent.truncate(10);
        self.last_vault = Some(path);
    }
}

/// Node positions by note path (ghosts as `?ghost:KEY`).
pub type SavedPositions = Vec<(String, [f32; 2])>;

/// View state carried across a reload, by note path.
#[derive(Default)]
struct Carried {
    positions: SavedPositions,
    pinned: Vec<String>,
    selected: Option<String>,
    history: Vec<String>,
    history_pos: usize,
    local_center: Option<String>,
    plan_target: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RightTab {
    #[default]
    Note,
    Problems,
    Plan,
}

/// What panels ask for; applied once per frame by `App::apply`.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Select(NoteId),
    ClearSelection,
    Back,
    Forward,
    Open(VaultSource),
    PickFolder,
    Reload,
    /// Filters or view toggles changed: rebuild what is visible.
    Refilter,
    /// Colours, sizes or highlights changed: restyle only.
    Restyle,
    Fit,
    TogglePause,
    RerunLayout,
    LayoutParamsChanged,
    LocalGraph(Option<NoteId>),
    PlanFor(Option<NoteId>),
    OpenInEditor(NoteId),
    OpenUrl(String),
    Unpin(NoteId),
    UnpinAll,
    ShowTab(RightTab),
}

struct Loading {
    source: VaultSource,
    done: Arc<AtomicUsize>,
    total: Arc<AtomicUsize>,
    result: Receiver<Result<Loaded, String>>,
}

pub struct App {
    pub settings: Settings,
    pub loaded: Option<Loaded>,
    pub canvas: Option<GraphCanvas>,
    loading: Option<Loading>,
    picking: Option<Receiver<Option<PathBuf>>>,
    pub selected: Option<NoteId>,
    history: Vec<NoteId>,
    history_pos: usize,
    pub error: Option<String>,
    pub message: Option<String>,
    pub local_center: Option<NoteId>,
    pub plan: Option<StudyPlan>,
    pub ready: HashSet<NoteId>,
    pub tab: RightTab,
    pub search: String,
    pub focus_search: bool,
    pub commands: Vec<Command>,
    /// Visible note count (ghosts not counted).
    pub visible_notes: usize,
    pub visible_nodes: usize,
    positions: HashMap<NodeIndex, [f32; 2]>,
    pinned: HashSet<NodeIndex>,
    fit_frames: u8,
    /// Fit again each frame while the first layout settles, until the
    /// user pans or zooms.
    auto_fit: bool,
    centre_on: Option<NodeIndex>,
    pub frame_ms: f32,
    last_frame: Option<Instant>,
    pub md_cache: egui_commonmark::CommonMarkCache,
    /// The selected note's body, prepared for the Markdown viewer.
    pub rendered: Option<(NoteId, String)>,
    pub graph_rect: egui::Rect,
    /// A note to select once the vault has loaded (`--select`).
    pub pending_select: Option<String>,
    /// Off for screenshots, where the pointer rests wherever the display
    /// server put it.
    pub hover_enabled: bool,
    zoom_request: Option<f32>,
    /// Watches the open folder for changes.
    watcher: Option<crate::vault::watch::VaultWatcher>,
    /// A folder to start watching on the next frame (which has the
    /// context the watcher needs to wake the window).
    watch_wanted: Option<PathBuf>,
    /// Changes arrived while a load was running: load again after it.
    reload_pending: bool,
    /// The next canvas keeps known nodes still (set by a reload).
    hold_next_layout: bool,
    /// Set when a vault is installed: the key under which its saved
    /// positions live, for the eframe wrapper to restore.
    pub positions_wanted: Option<String>,
    /// Frames still to run through `GraphView::show` after the last input.
    show_frames_left: u8,
    /// A note to show the study plan for once loaded (`--plan`).
    pub pending_plan: Option<String>,
}

const GRAPH_ID: &str = "notegraph-canvas";

impl App {
    /// Opens `source`, else the last vault, else the sample, loading in the
    /// background.
    pub fn new(settings: Settings, source: Option<VaultSource>) -> App {
        let source = source.unwrap_or_else(|| match &settings.last_vault {
            Some(path) if path.is_dir() => VaultSource::Folder(path.clone()),
            _ => VaultSource::Sample,
        });
        let mut app = App::empty(settings);
        app.start_loading(source);
        app
    }

    fn empty(settings: Settings) -> App {
        App {
            settings,
            loaded: None,
            canvas: None,
            loading: None,
            picking: None,
            selected: None,
            history: Vec::new(),
            history_pos: 0,
            error: None,
            message: None,
            local_center: None,
            plan: None,
            ready: HashSet::new(),
            tab: RightTab::Note,
            search: String::new(),
            focus_search: false,
            commands: Vec::new(),
            visible_notes: 0,
            visible_nodes: 0,
            positions: HashMap::new(),
            pinned: HashSet::new(),
            fit_frames: 0,
            auto_fit: true,
            centre_on: None,
            frame_ms: 0.0,
            last_frame: None,
            md_cache: Default::default(),
            rendered: None,
            pending_select: None,
            pending_plan: None,
            hover_enabled: true,
            zoom_request: None,
            show_frames_left: 2,
            positions_wanted: None,
            watcher: None,
            watch_wanted: None,
            reload_pending: false,
            hold_next_layout: false,
            graph_rect: egui::Rect::NOTHING,
        }
    }

    /// Loads on this thread; for tests and the screenshot path.
    pub fn new_blocking(settings: Settings, source: VaultSource) -> App {
        let mut app = App::empty(settings);
        match source.load() {
            Ok(vault) => app.install(Loaded::new(source, vault, 0.0)),
            Err(e) => app.error = Some(e),
        }
        app
    }

    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// Changes were seen on disk and a reload is still to come.
    pub fn is_reload_pending(&self) -> bool {
        self.reload_pending
    }

    pub fn is_watching(&self) -> bool {
        self.watcher.is_some()
    }

    /// The layout has settled (or there is nothing to lay out).
    pub fn is_at_rest(&self) -> bool {
        self.loading.is_none() && self.canvas.as_ref().is_none_or(|c| !c.is_moving())
    }

    pub fn loading_progress(&self) -> Option<(String, usize, usize)> {
        self.loading.as_ref().map(|l| {
            (
                l.source.label(),
                l.done.load(Ordering::Relaxed),
                l.total.load(Ordering::Relaxed),
            )
        })
    }

    fn start_loading(&mut self, source: VaultSource) {
        let done = Arc::new(AtomicUsize::new(0));
        let total = Arc::new(AtomicUsize::new(0));
        let (tx, rx) = std::sync::mpsc::channel();
        let (d, t, s) = (done.clone(), total.clone(), source.clone());
        std::thread::spawn(move || {
            let started = Instant::now();
            let progress = move |n: usize, of: usize| {
                d.store(n, Ordering::Relaxed);
                t.store(of, Ordering::Relaxed);
            };
            let result = s
                .load_with_progress(&progress)
                .map(|vault| Loaded::new(s, vault, started.elapsed().as_secs_f64() * 1000.0));
            let _ = tx.send(result);
        });
        self.loading = Some(Loading {
            source,
            done,
            total,
            result: rx,
        });
    }

    /// Starts watching a newly opened folder, and reloads on changes.
    fn poll_watcher(&mut self, ctx: &egui::Context) {
        if let Some(path) = self.watch_wanted.take() {
            let waker = ctx.clone();
            self.watcher = match crate::vault::watch::VaultWatcher::start(&path, move || {
                waker.request_repaint()
            }) {
                Ok(w) => Some(w),
                Err(e) => {
                    self.message = Some(format!("{e}; not watching for changes (Ctrl+R reloads)"));
                    None
                }
            };
        }
        let event = self.watcher.as_ref().and_then(|w| w.poll());
        match event {
            Some(crate::vault::watch::WatchEvent::Changed) => self.reload_pending = true,
            Some(crate::vault::watch::WatchEvent::Failed(e)) => {
                self.message = Some(format!("watching stopped: {e}; Ctrl+R reloads"));
                self.watcher = None;
            }
            None => {}
        }
        if self.reload_pending && self.loading.is_none() {
            if let Some(loaded) = &self.loaded {
                self.reload_pending = false;
                let source = loaded.source.clone();
                self.start_loading(source);
            }
        }
    }

    fn poll_background(&mut self) {
        if let Some(loading) = &self.loading {
            match loading.result.try_recv() {
                Ok(Ok(loaded)) => {
                    self.loading = None;
                    self.install(loaded);
                }
                Ok(Err(e)) => {
                    self.error = Some(e);
                    self.loading = None;
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => {
                    self.error = Some("loading stopped unexpectedly".into());
                    self.loading = None;
                }
            }
        }
        if let Some(picking) = &self.picking {
            match picking.try_recv() {
                Ok(Some(path)) => {
                    self.picking = None;
                    self.commands.push(Command::Open(VaultSource::Folder(path)));
                }
                Ok(None) | Err(TryRecvError::Disconnected) => self.picking = None,
                Err(TryRecvError::Empty) => {}
            }
        }
    }

    fn install(&mut self, loaded: Loaded) {
        let same_vault = self
            .loaded
            .as_ref()
            .is_some_and(|l| l.source == loaded.source);
        if let VaultSource::Folder(path) = &loaded.source {
            self.settings.remember_vault(path.clone());
            if !same_vault || self.watcher.is_none() {
                self.watch_wanted = Some(path.clone());
            }
        }
        // A reload renumbers notes and nodes: carry state over by path.
        let carried = same_vault.then(|| self.carry_out());
        self.positions.clear();
        self.pinned.clear();
        self.selected = None;
        self.history.clear();
        self.history_pos = 0;
        self.local_center = None;
        self.plan = None;
        if !same_vault {
            self.auto_fit = true;
            self.positions_wanted = Some(Self::positions_key(&loaded.source));
        }
        self.error = None;
        self.rendered = None;
        self.ready = loaded
            .ready_now(&self.settings.study_config())
            .into_iter()
            .collect();
        self.loaded = Some(loaded);
        if let Some(carried) = carried {
            self.carry_in(carried);
            self.hold_next_layout = true;
        }
        self.canvas = None;
        self.rebuild();
        let find = |name: &str, loaded: &Loaded| {
            crate::vault::resolve::find_note(&loaded.vault.notes, name)
        };
        if let Some(loaded) = &self.loaded {
            if let Some(note) = self.pending_select.take().and_then(|n| find(&n, loaded)) {
                self.commands.push(Command::Select(note));
            }
            if let Some(note) = self.pending_plan.take().and_then(|n| find(&n, loaded)) {
                self.commands.push(Command::PlanFor(Some(note)));
            }
        }
    }

    /// Which model nodes pass the filters and toggles.
    pub fn visible_members(&self) -> Vec<NodeIndex> {
        let Some(loaded) = &self.loaded else {
            return Vec::new();
        };
        let filter = &self.settings.filter;
        let view = &self.settings.view;
        let local = self
            .local_center
            .map(|c| loaded.neighbourhood(c, view.local_depth));
        let mut notes_visible = vec![false; loaded.vault.notes.len()];
        for (id, note) in loaded.vault.notes.iter().enumerate() {
            notes_visible[id] = filter.matches(note)
                && (!view.orphans_only || loaded.is_orphan[id])
                && local
                    .as_ref()
                    .is_none_or(|l| l.contains(&loaded.node_of(id)));
        }
        let mut members: Vec<NodeIndex> = Vec::new();
        for n in loaded.graph.graph.node_indices() {
            let show = match loaded.graph.graph[n] {
                ModelNode::Note(id) => notes_visible[id],
                // A ghost shows when a visible note links to it.
                ModelNode::Ghost(_) => {
                    view.show_ghosts
                        && !view.orphans_only
                        && local.as_ref().is_none_or(|l| l.contains(&n))
                        && loaded
                            .graph
                            .graph
                            .neighbors_directed(n, petgraph::Direction::Incoming)
                            .any(|src| {
                                loaded
                                    .graph
                                    .note_of(src)
                                    .is_some_and(|id| notes_visible[id])
                            })
                }
            };
            if show {
                members.push(n);
            }
        }
        members
    }

    fn enabled_edge_kinds(&self) -> Vec<EdgeKind> {
        EdgeKind::ALL
            .iter()
            .zip(self.settings.view.edge_kinds)
            .filter(|(_, on)| *on)
            .map(|(k, _)| *k)
            .collect()
    }

    fn radius_of(size_by: SizeBy, loaded: &Loaded, n: NodeIndex) -> f32 {
        match loaded.graph.graph[n] {
            ModelNode::Ghost(_) => 4.0,
            ModelNode::Note(id) => match size_by {
                SizeBy::Importance => {
                    let (lo, hi) = loaded.facets.importance.unwrap_or((0.0, 100.0));
                    let imp = loaded.vault.notes[id].frontmatter.importance.unwrap_or(lo);
                    let t = if hi > lo {
                        ((imp - lo) / (hi - lo)) as f32
                    } else {
                        0.5
                    };
                    4.0 + 7.0 * t.clamp(0.0, 1.0)
                }
                SizeBy::Links => {
                    let d = loaded.degree.get(&n).copied().unwrap_or(0) as f32;
                    (3.5 + 1.8 * d.sqrt()).min(18.0)
                }
            },
        }
    }

    /// Rebuilds the canvas for the current filters, keeping positions.
    pub fn rebuild(&mut self) {
        let Some(loaded) = &self.loaded else { return };
        if let Some(canvas) = &self.canvas {
            self.positions.extend(canvas.positions());
        }
        let members = self.visible_members();
        let kinds = self.enabled_edge_kinds();
        let canvas = GraphCanvas::build(
            &loaded.graph,
            members,
            &kinds,
            &|n| loaded.titles[&n].clone(),
            &|n| Self::radius_of(self.settings.view.size_by, loaded, n),
            Placement {
                positions: &self.positions,
                pinned: &self.pinned,
                params: self.settings.layout,
                hold_known: std::mem::take(&mut self.hold_next_layout),
            },
        );
        self.visible_nodes = canvas.members.len();
        self.visible_notes = canvas
            .members
            .iter()
            .filter(|m| matches!(loaded.graph.graph[**m], ModelNode::Note(_)))
            .count();
        self.canvas = Some(canvas);
        self.fit_frames = 2;
        self.restyle();
    }

    /// Sets colours, sizes, highlights and dimming from the current state.
    pub fn restyle(&mut self) {
        let (Some(loaded), Some(canvas)) = (&self.loaded, &mut self.canvas) else {
            return;
        };
        let view = &self.settings.view;
        let hovered = canvas.graph.hovered_node();
        let selected = self
            .selected
            .and_then(|s| canvas.canvas_of.get(&loaded.node_of(s)).copied());
        let focus = hovered.or(selected);
        let focus_set: HashSet<u32> = focus
            .map(|f| {
                let mut s: HashSet<u32> = canvas.neighbours[f.index()].iter().copied().collect();
                s.insert(f.index() as u32);
                s
            })
            .unwrap_or_default();
        let steps: HashMap<NoteId, u32> = self
            .plan
            .as_ref()
            .map(|p| {
                p.steps
                    .iter()
                    .enumerate()
                    .map(|(i, s)| (s.note, i as u32 + 1))
                    .collect()
            })
            .unwrap_or_default();
        let plan_active = self.plan.is_some();
        let palette = style::Palette::new(loaded, view.color_by);
        canvas.style_version += 1;
        for i in 0..canvas.members.len() {
            let idx = NodeIndex::new(i);
            let model = canvas.members[i];
            let note = loaded.graph.note_of(model);
            let in_plan = note.is_some_and(|n| {
                steps.contains_key(&n) || self.plan.as_ref().is_some_and(|p| p.targets.contains(&n))
            });
            let look = if hovered.is_some() {
                if focus_set.contains(&(i as u32)) {
                    Look::Focus
                } else {
                    Look::Dim
                }
            } else if plan_active {
                if in_plan {
                    Look::Focus
                } else {
                    Look::Dim
                }
            } else if selected.is_some() && focus_set.contains(&(i as u32)) {
                Look::Focus
            } else {
                Look::Normal
            };
            let color = match note {
                Some(id) => palette.color_of(&loaded.vault.notes[id]),
                None => style::GHOST,
            };
            let radius = Self::radius_of(view.size_by, loaded, model);
            let ready = view.highlight_ready && note.is_some_and(|n| self.ready.contains(&n));
            canvas.set_base_radius(i, radius);
            if let Some(node) = canvas.graph.node_mut(idx) {
                let data = node.payload_mut();
                data.look = look;
                data.color = color;
                data.selected = Some(idx) == selected;
                data.badge = note.and_then(|n| steps.get(&n).copied());
                data.ring = ready.then_some(style::READY);
            }
        }
        let members = &canvas.members;
        for edge in &mut canvas.edges {
            let a = NodeIndex::new(edge.from as usize);
            let b = NodeIndex::new(edge.to as usize);
            let touches = |n: Option<NodeIndex>| n.is_some_and(|n| n == a || n == b);
            let in_plan = |n: NodeIndex| {
                loaded
                    .graph
                    .note_of(members[n.index()])
                    .is_some_and(|id| steps.contains_key(&id))
            };
            edge.look = if hovered.is_some() {
                if touches(hovered) {
                    Look::Focus
                } else {
                    Look::Dim
                }
            } else if plan_active {
                if in_plan(a) && in_plan(b) {
                    Look::Focus
                } else {
                    Look::Dim
                }
            } else if touches(selected) {
                Look::Focus
            } else {
                Look::Normal
            };
        }
    }

    pub fn select(&mut self, note: NoteId) {
        if self.selected != Some(note) {
            self.history.truncate(self.history_pos);
            self.history.push(note);
            self.history_pos = self.history.len();
        }
        self.selected = Some(note);
        self.tab = RightTab::Note;
        let Some(loaded) = &self.loaded else { return };
        let node = loaded.node_of(note);
        let hidden = self
            .canvas
            .as_ref()
            .is_none_or(|c| !c.canvas_of.contains_key(&node));
        if hidden {
            // Jumping to a note hidden by filters: show it, leave filters be.
            self.message = Some(format!(
                "“{}” is hidden by the current filters or view",
                loaded.vault.notes[note].title
            ));
        }
        self.centre_on = Some(node);
        self.auto_fit = false;
    }

    fn go_history(&mut self, forward: bool) {
        let target = if forward {
            (self.history_pos < self.history.len()).then(|| self.history_pos + 1)
        } else {
            (self.history_pos > 1).then(|| self.history_pos - 1)
        };
        if let Some(pos) = target {
            self.history_pos = pos;
            let note = self.history[pos - 1];
            self.selected = Some(note);
            if let Some(loaded) = &self.loaded {
                self.centre_on = Some(loaded.node_of(note));
            }
        }
    }

    /// The view state that must survive a reload, by note path.
    fn carry_out(&self) -> Carried {
        let Some(loaded) = &self.loaded else {
            return Carried::default();
        };
        let path = |note: NoteId| loaded.vault.notes[note].path.clone();
        Carried {
            positions: self.saved_positions().map(|(_, p)| p).unwrap_or_default(),
            pinned: self
                .pinned
                .iter()
                .map(|&n| Self::node_key(loaded, n))
                .collect(),
            selected: self.selected.map(path),
            history: self.history.iter().map(|&n| path(n)).collect(),
            history_pos: self.history_pos,
            local_center: self.local_center.map(path),
            plan_target: self
                .plan
                .as_ref()
                .and_then(|p| p.targets.first().copied())
                .map(path),
        }
    }

    fn carry_in(&mut self, carried: Carried) {
        let Some(loaded) = &self.loaded else { return };
        let note = |path: &String| loaded.vault.note_by_path(path);
        let nodes: HashMap<String, NodeIndex> = loaded
            .graph
            .graph
            .node_indices()
            .map(|n| (Self::node_key(loaded, n), n))
            .collect();
        for (key, p) in carried.positions {
            if let Some(&n) = nodes.get(&key) {
                self.positions.insert(n, p);
            }
        }
        self.pinned = carried
            .pinned
            .iter()
            .filter_map(|k| nodes.get(k).copied())
            .collect();
        self.selected = carried.selected.as_ref().and_then(note);
        let before_pos: Vec<Option<NoteId>> = carried.history.iter().map(note).collect();
        self.history_pos = before_pos[..carried.history_pos.min(before_pos.len())]
            .iter()
            .flatten()
            .count();
        self.history = before_pos.into_iter().flatten().collect();
        self.local_center = carried.local_center.as_ref().and_then(note);
        if let Some(target) = carried.plan_target.as_ref().and_then(note) {
            self.commands.push(Command::PlanFor(Some(target)));
        }
    }

    /// Storage key for the node positions of a vault.
    pub fn positions_key(source: &VaultSource) -> String {
        format!("positions:{}", source.label())
    }

    fn node_key(loaded: &Loaded, node: NodeIndex) -> String {
        match loaded.graph.graph[node] {
            ModelNode::Note(id) => loaded.vault.notes[id].path.clone(),
            ModelNode::Ghost(g) => format!("?ghost:{}", loaded.graph.ghosts[g].key),
        }
    }

    /// Positions of the current vault's nodes, by note path, to save under
    /// the returned key.
    pub fn saved_positions(&self) -> Option<(String, SavedPositions)> {
        let (loaded, canvas) = (self.loaded.as_ref()?, self.canvas.as_ref()?);
        let mut all = self.positions.clone();
        all.extend(canvas.positions());
        let list = all
            .into_iter()
            .map(|(n, p)| (Self::node_key(loaded, n), p))
            .collect();
        Some((Self::positions_key(&loaded.source), list))
    }

    /// Starts the graph from saved positions: a reopened vault is at rest.
    pub fn restore_positions(&mut self, saved: SavedPositions) {
        let Some(loaded) = &self.loaded else { return };
        let by_key: HashMap<String, [f32; 2]> = saved.into_iter().collect();
        for node in loaded.graph.graph.node_indices() {
            if let Some(p) = by_key.get(&Self::node_key(loaded, node)) {
                if p[0].is_finite() && p[1].is_finite() {
                    self.positions.insert(node, *p);
                }
            }
        }
        self.canvas = None;
        self.auto_fit = false;
        self.fit_frames = 2;
        self.rebuild();
    }

    /// Where a note is drawn, if it is visible (tests).
    pub fn node_position(&self, path: &str) -> Option<[f32; 2]> {
        let loaded = self.loaded.as_ref()?;
        let node = loaded.node_of(loaded.vault.note_by_path(path)?);
        self.canvas
            .as_ref()?
            .positions()
            .find(|(n, _)| *n == node)
            .map(|(_, p)| p)
    }

    /// Runs the layout to rest now (benchmarks, tests).
    pub fn settle_layout(&mut self) {
        if let Some(canvas) = &mut self.canvas {
            canvas.settle_now();
        }
    }

    /// Zooms the graph by `factor` around the centre of the view.
    pub fn zoom_by(&mut self, factor: f32) {
        self.zoom_request = Some(factor);
        self.auto_fit = false;
        self.fit_frames = 0;
    }

    pub fn can_go_back(&self) -> bool {
        self.history_pos > 1
    }

    pub fn can_go_forward(&self) -> bool {
        self.history_pos < self.history.len()
    }

    /// Applies every queued command.
    pub fn apply(&mut self, ctx: &egui::Context) {
        let commands = std::mem::take(&mut self.commands);
        let mut refilter = false;
        let mut restyle = false;
        for command in commands {
            match command {
                Command::Select(note) => {
                    self.select(note);
                    restyle = true;
                }
                Command::ClearSelection => {
                    self.selected = None;
                    restyle = true;
                }
                Command::Back => {
                    self.go_history(false);
                    restyle = true;
                }
                Command::Forward => {
                    self.go_history(true);
                    restyle = true;
                }
                Command::Open(source) => {
                    self.message = None;
                    self.start_loading(source);
                }
                Command::PickFolder => self.pick_folder(),
                Command::Reload => {
                    if let Some(loaded) = &self.loaded {
                        let source = loaded.source.clone();
                        self.start_loading(source);
                    }
                }
                Command::Refilter => refilter = true,
                Command::Restyle => restyle = true,
                Command::Fit => {
                    self.fit_frames = 2;
                }
                Command::TogglePause => {
                    if let Some(c) = &mut self.canvas {
                        c.set_paused(!c.is_paused());
                    }
                }
                Command::RerunLayout => {
                    self.positions.clear();
                    self.pinned.clear();
                    self.canvas = None;
                    self.auto_fit = true;
                    refilter = true;
                }
                Command::LayoutParamsChanged => {
                    if let Some(c) = &mut self.canvas {
                        c.set_layout_params(self.settings.layout);
                    }
                }
                Command::LocalGraph(center) => {
                    self.local_center = center;
                    if let Some(c) = center {
                        self.select(c);
                    }
                    refilter = true;
                }
                Command::PlanFor(target) => {
                    self.plan = match (target, &self.loaded) {
                        (Some(t), Some(loaded)) => {
                            self.tab = RightTab::Plan;
                            Some(crate::analysis::study_plan_with_cycles(
                                &loaded.vault,
                                &loaded.graph,
                                &[t],
                                &self.settings.study_config(),
                                &loaded.cycle_of,
                            ))
                        }
                        _ => None,
                    };
                    restyle = true;
                }
                Command::OpenInEditor(note) => self.open_in_editor(note),
                Command::OpenUrl(url) => self.open_url(ctx, &url),
                Command::Unpin(note) => {
                    if let (Some(loaded), Some(c)) = (&self.loaded, &mut self.canvas) {
                        let node = loaded.node_of(note);
                        c.unpin(node);
                        self.pinned.remove(&node);
                    }
                }
                Command::UnpinAll => {
                    if let Some(c) = &mut self.canvas {
                        c.unpin_all();
                    }
                    self.pinned.clear();
                }
                Command::ShowTab(tab) => self.tab = tab,
            }
        }
        if refilter {
            self.rebuild();
        } else if restyle {
            self.restyle();
        }
    }

    fn pick_folder(&mut self) {
        if self.picking.is_some() {
            return;
        }
        let (tx, rx) = std::sync::mpsc::channel();
        // rfd talks to the desktop portal, which may block: never on the UI thread.
        std::thread::spawn(move || {
            let picked = rfd::FileDialog::new()
                .set_title("Open a vault folder")
                .pick_folder();
            let _ = tx.send(picked);
        });
        self.picking = Some(rx);
    }

    fn open_in_editor(&mut self, note: NoteId) {
        let Some(loaded) = &self.loaded else { return };
        match loaded.vault.root() {
            Some(root) => {
                let path = root.join(&loaded.vault.notes[note].path);
                if let Err(e) = open::that_detached(&path) {
                    self.message = Some(format!("cannot open {}: {e}", path.display()));
                }
            }
            None => self.message = Some("the embedded sample vault has no files to open".into()),
        }
    }

    /// A link clicked in a note: notes open here, web links in the browser,
    /// anything else is refused.
    fn open_url(&mut self, ctx: &egui::Context, url: &str) {
        let Some(loaded) = &self.loaded else { return };
        let Some(current) = self.selected else { return };
        let note = &loaded.vault.notes[current];
        let target = if let Some(index) = url.strip_prefix(super::markdown::LINK_SCHEME) {
            index
                .parse::<usize>()
                .ok()
                .and_then(|i| note.links.get(i))
                .map(|l| l.target.clone())
        } else {
            let lower = url.to_ascii_lowercase();
            if lower.starts_with("http://")
                || lower.starts_with("https://")
                || lower.starts_with("mailto:")
            {
                ctx.open_url(egui::OpenUrl::new_tab(url));
                return;
            }
            let decoded =
                percent_encoding::percent_decode_str(url.split(['#', '?']).next().unwrap_or(url))
                    .decode_utf8_lossy()
                    .into_owned();
            note.links
                .iter()
                .find(|l| {
                    l.raw.syntax == crate::vault::LinkSyntax::Markdown && l.raw.target == decoded
                })
                .map(|l| l.target.clone())
        };
        match target {
            Some(Target::Note(id)) => self.commands.push(Command::Select(id)),
            Some(Target::Missing(_)) => {
                self.message = Some(format!("`{url}` names a note that does not exist"))
            }
            None => {
                self.message = Some(format!(
                    "link not opened: `{url}` is not a note in this vault or a web address"
                ))
            }
        }
    }

    fn handle_keys(&mut self, ctx: &egui::Context) {
        let shortcut = |m: Modifiers, k: Key| KeyboardShortcut::new(m, k);
        let typing = ctx.egui_wants_keyboard_input();
        ctx.input_mut(|i| {
            if i.consume_shortcut(&shortcut(Modifiers::COMMAND, Key::O)) {
                self.commands.push(Command::PickFolder);
            }
            if i.consume_shortcut(&shortcut(Modifiers::COMMAND, Key::F)) {
                self.focus_search = true;
            }
            if i.consume_shortcut(&shortcut(Modifiers::COMMAND, Key::R)) {
                self.commands.push(Command::Reload);
            }
            if i.consume_shortcut(&shortcut(Modifiers::ALT, Key::ArrowLeft)) {
                self.commands.push(Command::Back);
            }
            if i.consume_shortcut(&shortcut(Modifiers::ALT, Key::ArrowRight)) {
                self.commands.push(Command::Forward);
            }
            if !typing {
                if i.consume_key(Modifiers::NONE, Key::Escape) {
                    self.commands.push(Command::ClearSelection);
                    if self.plan.is_some() {
                        self.commands.push(Command::PlanFor(None));
                    }
                }
                if i.consume_key(Modifiers::NONE, Key::F) {
                    self.commands.push(Command::Fit);
                }
                if i.consume_key(Modifiers::NONE, Key::Space) {
                    self.commands.push(Command::TogglePause);
                }
            }
            for file in &i.raw.dropped_files {
                let path = file.path();
                if !path.as_os_str().is_empty() {
                    let dir = if path.is_dir() {
                        path.to_path_buf()
                    } else {
                        path.parent().map(PathBuf::from).unwrap_or_default()
                    };
                    self.commands.push(Command::Open(VaultSource::Folder(dir)));
                }
            }
        });
    }

    /// One frame of the whole window.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let now = Instant::now();
        if let Some(last) = self.last_frame {
            self.frame_ms = self.frame_ms * 0.9 + (now - last).as_secs_f32() * 1000.0 * 0.1;
        }
        self.last_frame = Some(now);
        ctx.set_visuals(if self.settings.view.dark_mode {
            egui::Visuals::dark()
        } else {
            egui::Visuals::light()
        });
        self.poll_background();
        self.poll_watcher(&ctx);
        self.handle_keys(&ctx);
        super::panels::top_bar(ui, self);
        super::panels::status_bar(ui, self);
        super::panels::left_panel(ui, self);
        super::panels::right_panel(ui, self);
        egui::CentralPanel::default().show(ui, |ui| self.central(ui));
        self.apply(&ctx);
        if self.loading.is_some() || self.picking.is_some() {
            ctx.request_repaint_after(Duration::from_millis(50));
        }
    }

    fn central(&mut self, ui: &mut egui::Ui) {
        if let Some(error) = self.error.clone() {
            super::panels::error_banner(ui, self, &error);
        }
        if let Some((label, done, total)) = self.loading_progress() {
            ui.horizontal(|ui| {
                ui.spinner();
                let progress = if total > 0 {
                    format!(" {done} / {total} files")
                } else {
                    String::new()
                };
                ui.label(format!("Loading {label}…{progress}"));
            });
        }
        if let Some(message) = self.message.clone() {
            ui.horizontal(|ui| {
                ui.label(egui::RichText::new(message).color(ui.visuals().warn_fg_color));
                if ui.small_button("✕").clicked() {
                    self.message = None;
                }
            });
        }
        let Some(canvas) = &mut self.canvas else {
            if self.loaded.is_none() && self.loading.is_none() {
                ui.centered_and_justified(|ui| {
                    ui.label("Open a folder of Markdown notes: File › Open folder… (Ctrl+O), or drop it here.");
                });
            }
            return;
        };
        if canvas.members.is_empty() {
            ui.centered_and_justified(|ui| ui.label("No note matches the filters."));
            return;
        }
        canvas.tick();
        let fit = self.fit_frames > 0 || (self.auto_fit && canvas.is_moving());
        self.fit_frames = self.fit_frames.saturating_sub(1);
        let id = Some(GRAPH_ID.to_string());
        // Zoom and centre requests wait until the widget's size is known.
        let sized = self.graph_rect.is_positive();
        let mut meta = egui_graphs::MetadataFrame::new(id.clone()).load(ui);
        if let Some(factor) = self.zoom_request.take_if(|_| sized) {
            let centre = self.graph_rect.size() / 2.0;
            meta.pan = centre - (centre - meta.pan) * factor;
            meta.zoom *= factor;
            meta.clone().save(ui);
        }
        if let Some(target) = self.centre_on.take_if(|_| sized && meta.zoom.is_finite()) {
            let node = canvas
                .canvas_of
                .get(&target)
                .and_then(|&c| canvas.graph.node(c));
            if let Some(node) = node {
                meta.pan = self.graph_rect.size() / 2.0 - node.location().to_vec2() * meta.zoom;
                meta.clone().save(ui);
            }
        }
        canvas.apply_zoom(meta.zoom);
        canvas.assign_labels(&meta, self.graph_rect);
        // egui_graphs' view asks for a repaint on every frame it shows, so
        // at rest and with no input we paint the same shapes ourselves.
        let input = ui.input(|i| !i.events.is_empty() || i.pointer.any_down());
        let at_rest = !fit && !canvas.is_moving() && !input && self.show_frames_left == 0;
        if at_rest {
            self.graph_rect = canvas.paint_at_rest(ui, &meta).rect;
            super::panels::legend(ui, self);
            return;
        }
        // One more full frame after input, so hover and drag states settle.
        self.show_frames_left = if input {
            2
        } else {
            self.show_frames_left.saturating_sub(1)
        };
        // Edges go beneath the nodes: keep their place in the paint order
        // now, fill it once this frame's pan and zoom are known.
        let edge_painter = ui.painter_at(ui.available_rect_before_wrap());
        let edge_slot = edge_painter.add(egui::Shape::Noop);
        let response = View::new()
            .with_id(id)
            .with_interactions(
                &egui_graphs::SettingsInteraction::new()
                    .with_dragging_enabled(self.hover_enabled)
                    .with_hover_enabled(self.hover_enabled)
                    .with_node_clicking_enabled(true),
            )
            .with_navigations(
                &egui_graphs::SettingsNavigation::new()
                    .with_zoom_and_pan_enabled(true)
                    .with_fit_to_screen_enabled(fit)
                    .with_fit_to_screen_padding(0.08),
            )
            .show(ui, &mut canvas.graph);
        self.graph_rect = response.response.rect;
        let meta = egui_graphs::MetadataFrame::new(Some(GRAPH_ID.to_string())).load(ui);
        let dark = ui.visuals().dark_mode;
        edge_painter.set(
            edge_slot,
            egui::Shape::Vec(vec![
                canvas.edge_mesh(&meta, self.graph_rect, dark),
                canvas.node_mesh(&meta, self.graph_rect, ui.visuals()),
            ]),
        );
        let mut hover_changed = false;
        for change in &response.changes {
            use egui_graphs::GraphChange as G;
            match change {
                G::NodeClicked { node } => {
                    if let Some(note) = canvas
                        .members
                        .get(node.index())
                        .and_then(|m| self.loaded.as_ref()?.graph.note_of(*m))
                    {
                        self.commands.push(Command::Select(note));
                    }
                }
                G::NodeDoubleClicked { node } => {
                    if let Some(note) = canvas
                        .members
                        .get(node.index())
                        .and_then(|m| self.loaded.as_ref()?.graph.note_of(*m))
                    {
                        self.commands.push(Command::LocalGraph(Some(note)));
                    }
                }
                G::NodeHoverEntered { .. } | G::NodeHoverExited { .. } => hover_changed = true,
                G::NodeDragEnded { node } => {
                    self.pinned.insert(canvas.members[node.index()]);
                }
                G::Panned { .. } | G::Zoomed { .. } => self.auto_fit = false,
                _ => {}
            }
        }
        if hover_changed {
            self.commands.push(Command::Restyle);
        }
        let moving = canvas.is_moving();
        super::panels::legend(ui, self);
        if moving {
            ui.ctx().request_repaint();
        }
    }
}
