//! What a view reads while it draws: one immutable snapshot per frame.

use super::model::Loaded;
use super::selection::Selection;
use super::settings::Settings;
use crate::analysis::path::Step;
use crate::analysis::StudyPlan;
use crate::vault::NoteId;

/// What narrows the view beyond the filters: the focus and the plan.
#[derive(Debug, Default)]
pub struct Focus {
    /// The notes in focus (a local graph is a focus on one), those
    /// expanded, and those hidden.
    pub set: crate::analysis::focus::FocusSet,
    /// Only this community is shown.
    pub community: Option<usize>,
    /// A chain of links found by the path finder, highlighted on the graph.
    pub path: Option<NotePath>,
    pub plan: Option<StudyPlan>,
    /// What the search box matches: the graph keeps these lit.
    pub search: Option<SearchFocus>,
    /// Text of a search hit in the selected note, which the note panel
    /// scrolls to and highlights.
    pub reveal: Option<(NoteId, String)>,
    /// The placement under way, while its tab shows: the canvas colours
    /// notes by it.
    pub placement: Option<PlacementFocus>,
    /// The groups folded into one node each, in the order folded (a note
    /// in two folded groups goes into the first).
    pub folded: Vec<crate::analysis::fold::GroupKey>,
}

/// Where a placement puts each note, as the canvas colours it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placed {
    /// Learned before the placement began (or recorded by it since).
    Learned,
    /// Proposed as known: an answer implies it, or its folder's answers
    /// suggest it.
    Known,
    /// An answer says it is not known yet.
    NotYet,
    /// Nothing says yet.
    Open,
}

impl Placed {
    pub const ALL: [Placed; 4] = [Placed::Learned, Placed::Known, Placed::NotYet, Placed::Open];

    /// What the legend calls it.
    pub fn label(self) -> &'static str {
        match self {
            Placed::Learned => "already learned",
            Placed::Known => "proposed known",
            Placed::NotYet => "not yet",
            Placed::Open => "still open",
        }
    }
}

/// A placement as the canvas shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacementFocus {
    /// Each note's place, by `NoteId`.
    pub marks: std::sync::Arc<Vec<Placed>>,
    /// The note asked about now: selected and centred on the graph.
    pub question: Option<NoteId>,
}

/// The notes a search matches, by `NoteId`.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchFocus {
    pub matches: std::sync::Arc<Vec<bool>>,
    pub count: usize,
    /// The count is an estimate (a phrase with very many candidates).
    pub estimate: bool,
}

/// The shortest chain of links from one note to another.
#[derive(Debug, Clone)]
pub struct NotePath {
    pub from: NoteId,
    pub to: NoteId,
    pub steps: Vec<Step>,
}

/// Messages drawn over the graph (never moving it): an error stays until
/// dismissed, a message fades after a few seconds.
#[derive(Debug, Default)]
pub struct Notices {
    /// The vault could not be opened, or a write was refused.
    pub error: Option<String>,
    /// Something the user should know (a refused link, a hidden note, a
    /// box ticked); set through `say`, so that each one shows its time.
    pub message: Option<String>,
    /// Counts messages said: the same text said again is shown afresh.
    pub said: u64,
    /// Scripts in the vault that no installed font draws.
    pub fonts: Option<String>,
}

impl Notices {
    /// Shows `text` as the message, for its few seconds from now.
    pub fn say(&mut self, text: impl Into<String>) {
        self.message = Some(text.into());
        self.said += 1;
    }
}

/// The canvas's state that other views show.
#[derive(Debug, Clone, Copy, Default)]
pub struct CanvasSummary {
    pub visible_notes: usize,
    pub visible_nodes: usize,
    pub paused: bool,
    pub settled: bool,
    /// The selected note is pinned on the canvas.
    pub selected_pinned: bool,
    /// In the prerequisite view: visible notes it does not draw (no
    /// prerequisite link, or outside the plan).
    pub left_out: Option<usize>,
}

/// The loading state other views show.
#[derive(Debug, Clone, Default)]
pub struct SessionSummary {
    /// (what, files read, files in all) while a load runs.
    pub progress: Option<(String, usize, usize)>,
    pub loading: bool,
    /// Why the open folder is not watched, when it should be.
    pub unwatched: Option<Unwatched>,
}

/// Why the open folder is not watched for changes, as the status bar says
/// until it is again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unwatched {
    /// The folder went away (removed, moved away or replaced): the notes
    /// loaded stay shown, and the window looks for a folder at the path
    /// to load and watch.
    Gone(std::path::PathBuf),
    /// Watching failed or stopped with this error; Reload watches again.
    Stopped(String),
}

/// Everything a view may read. Views change nothing here: they push
/// `Command`s.
pub struct ViewContext<'a> {
    pub loaded: Option<&'a Loaded>,
    pub settings: &'a Settings,
    pub selection: &'a Selection,
    pub focus: &'a Focus,
    pub notices: &'a Notices,
    /// The named views of the open vault (the Views menu).
    pub named_views: &'a crate::workspace::views::ViewList,
    pub canvas: CanvasSummary,
    pub session: SessionSummary,
    /// Which side panels are shown this frame (the user's choice, less
    /// those folded for a narrow window).
    pub panels: PanelsShown,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct PanelsShown {
    pub filters: bool,
    pub details: bool,
    /// The window is too narrow for each unless the user opens it.
    pub filters_narrow: bool,
    pub details_narrow: bool,
}

impl ViewContext<'_> {
    pub fn selected(&self) -> Option<NoteId> {
        self.selection.selected()
    }
}
