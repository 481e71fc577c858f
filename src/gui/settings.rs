//! What the window keeps between runs: filters, view toggles, layout
//! strengths and recent vaults, kept in notegraph's data folder
//! (`own_files.rs`); eframe's storage is only read, for older settings.

use crate::analysis::{NoteFilter, StudyConfig};
use crate::layout::LayoutParams;
pub use crate::workspace::choices::{CanvasMode, ColorBy, SizeBy, Theme};
use crate::workspace::views::NamedView;
use crate::workspace::{Given, Options};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

const STORAGE_KEY: &str = "notegraph-settings";

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
    /// Notes outside a focus are drawn faded (and stay clickable) instead
    /// of hidden.
    pub fade_outside_focus: bool,
    /// A soft outline round each group of the colouring (topic, folder,
    /// tag), so that areas read as areas.
    pub group_outlines: bool,
    pub highlight_ready: bool,
    pub theme: Theme,
    /// The side panels are shown (each can be folded away).
    pub show_filters: bool,
    pub show_details: bool,
    /// The side panels' widths, as the user dragged them.
    pub filters_width: f32,
    pub details_width: f32,
    pub canvas: CanvasMode,
    /// The frame time over the window, for developers (also with
    /// `NOTEGRAPH_DEBUG=1`).
    pub debug_overlay: bool,
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
            fade_outside_focus: false,
            group_outlines: false,
            highlight_ready: false,
            theme: Theme::System,
            show_filters: true,
            show_details: true,
            filters_width: 250.0,
            details_width: 380.0,
            canvas: CanvasMode::Force,
            debug_overlay: false,
        }
    }
}

impl ViewSettings {
    /// Whether going from `self` to `next` changes which nodes and edges
    /// are on the canvas (a rebuild), not only how they look (a restyle).
    pub fn changes_membership(&self, next: &ViewSettings) -> bool {
        self.show_ghosts != next.show_ghosts
            || self.orphans_only != next.orphans_only
            || self.edge_kinds != next.edge_kinds
            || self.local_depth != next.local_depth
            || self.fade_outside_focus != next.fade_outside_focus
            || self.canvas != next.canvas
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
    /// Progress recorded by earlier versions, which kept it here: moved
    /// into notegraph's data folder on start (`workspace::data`), and kept
    /// here only while that fails.
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub recorded: Recorded,
    /// Hours a note takes when it gives no `effort`, by difficulty.
    pub effort: crate::analysis::effort::EffortDefaults,
    /// A note whose self-check boxes are all ticked counts as learned.
    pub learned_from_checks: bool,
    /// Plan from what is learned alone, not what it implies.
    pub explicit_plans: bool,
    /// The headings that open a self-check section.
    pub self_check_headings: Vec<String>,
    /// A click on a self-check box in the note panel ticks it in the file
    /// (one character, atomically); off, the boxes are read-only.
    pub tick_boxes_in_notes: bool,
    /// Load templates as notes.
    pub include_templates: bool,
    /// Leave out what the vault's `.gitignore` names.
    pub gitignore: bool,
    /// The desired retention of reviews (`Options::retention`).
    pub review_retention: f64,
    /// Cards in a day's review queue at most.
    pub review_limit: usize,
}

/// Statuses recorded in notegraph: vault label → note path → status.
pub type Recorded = std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>>;

impl Default for Settings {
    fn default() -> Self {
        Settings {
            last_vault: None,
            recent: Vec::new(),
            filter: NoteFilter::default(),
            view: ViewSettings::default(),
            layout: LayoutParams::default(),
            learned_statuses: StudyConfig::default().learned_statuses,
            recorded: Recorded::new(),
            effort: Default::default(),
            learned_from_checks: false,
            explicit_plans: false,
            self_check_headings: (crate::analysis::selfcheck::DEFAULT_HEADINGS.iter())
                .map(|h| h.to_string())
                .collect(),
            tick_boxes_in_notes: false,
            include_templates: false,
            gitignore: false,
            review_retention: Options::default().retention,
            review_limit: Options::default().daily_limit,
        }
    }
}

impl Settings {
    pub fn study_config(&self) -> StudyConfig {
        self.options().study_config()
    }

    /// The options a load takes, as the settings give them.
    pub fn options(&self) -> Options {
        Options {
            include_templates: self.include_templates,
            self_check_headings: self.self_check_headings.clone(),
            learned_statuses: self.learned_statuses.clone(),
            learned_from_checks: self.learned_from_checks,
            explicit: self.explicit_plans,
            gitignore: self.gitignore,
            retention: self.review_retention,
            daily_limit: self.review_limit,
        }
    }

    pub fn set_options(&mut self, options: Options) {
        self.include_templates = options.include_templates;
        self.self_check_headings = options.self_check_headings;
        self.learned_statuses = options.learned_statuses;
        self.learned_from_checks = options.learned_from_checks;
        self.explicit_plans = options.explicit;
        self.gitignore = options.gitignore;
        self.review_retention = options.retention;
        self.review_limit = options.daily_limit;
    }

    /// These settings with what the named view `view` keeps of them.
    pub fn lay_over(&mut self, view: &NamedView) {
        self.filter = view.filter.clone();
        let s = &mut self.view;
        (s.color_by, s.size_by, s.canvas) = (view.color_by, view.size_by, view.layout);
        s.edge_kinds = view.edge_switches();
        (s.show_ghosts, s.orphans_only) = (view.ghosts, view.orphans_only);
        (s.local_depth, s.fade_outside_focus) = (view.depth, view.fade);
    }

    /// These settings (to save) with what the view the command line
    /// opened set put back as `before` had it, where it is still the
    /// view's: a `--view` is for its run, as every flag is.
    pub fn take_back_view(&mut self, view: &NamedView, before: &Settings) {
        let mut opened = self.clone();
        opened.lay_over(view);
        let (s, v, b) = (&mut self.view, &opened.view, &before.view);
        if self.filter == opened.filter {
            self.filter = before.filter.clone();
        }
        macro_rules! back {
            ($($field:ident),*) => {$(
                if s.$field == v.$field {
                    s.$field = b.$field;
                }
            )*};
        }
        back!(
            color_by,
            size_by,
            canvas,
            edge_kinds,
            show_ghosts,
            orphans_only
        );
        back!(local_depth, fade_outside_focus);
    }

    pub fn remember_vault(&mut self, path: PathBuf) {
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path.clone());
        self.recent.truncate(10);
        self.last_vault = Some(path);
    }
}

/// What the window's command line sets for one run only: laid over the
/// saved settings at start, and taken back out of what is saved (unless
/// the user changed it since), so that a flag never becomes a setting.
#[derive(Debug, Clone, Default)]
pub struct RunOnly {
    pub given: Given,
    pub theme: Option<Theme>,
    pub color: Option<ColorBy>,
    pub prerequisites: bool,
    /// A named view of the vault to open once it loads (`--view`): what
    /// it sets is taken back out of what is saved too (`App`).
    pub view: Option<String>,
}

impl RunOnly {
    /// `saved` with this run's choices in place.
    pub fn over(&self, saved: &Settings) -> Settings {
        let mut run = saved.clone();
        run.set_options(self.given.over(saved.options()));
        let view = &mut run.view;
        view.theme = self.theme.unwrap_or(view.theme);
        view.color_by = self.color.unwrap_or(view.color_by);
        if self.prerequisites {
            view.canvas = CanvasMode::Prerequisites;
        }
        run
    }

    /// What to save of `now`, given the settings `saved` at start.
    pub fn taken_back(&self, now: &Settings, saved: &Settings) -> Settings {
        let mut out = now.clone();
        out.set_options(self.given.taken_back(now.options(), &saved.options()));
        let (view, before) = (&mut out.view, &saved.view);
        if self.theme.is_some_and(|t| t == view.theme) {
            view.theme = before.theme;
        }
        if self.color.is_some_and(|c| c == view.color_by) {
            view.color_by = before.color_by;
        }
        if self.prerequisites && view.canvas == CanvasMode::Prerequisites {
            view.canvas = before.canvas;
        }
        out
    }
}

/// Settings from eframe's storage, or defaults.
pub fn load_settings(storage: Option<&dyn eframe::Storage>) -> Settings {
    storage
        .and_then(|s| eframe::get_value(s, STORAGE_KEY))
        .unwrap_or_default()
}

pub fn save_settings(storage: &mut dyn eframe::Storage, settings: &Settings) {
    eframe::set_value(storage, STORAGE_KEY, settings);
}
