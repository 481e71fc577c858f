//! What views ask for. Views never change shared state themselves: they
//! push a `Command`, and `App::apply` (in `apply.rs`) carries it out.

use super::model::VaultSource;
use super::settings::ViewSettings;
use crate::analysis::review::Grade;
use crate::analysis::NoteFilter;
use crate::layout::LayoutParams;
use crate::vault::NoteId;

/// The two side panels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Filters,
    Details,
}

pub use crate::workspace::choices::RightTab;

/// What the canvas needs after a command is applied.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Redraw {
    Nothing,
    Restyle,
    Rebuild,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Select(NoteId),
    ClearSelection,
    Back,
    Forward,
    Open(VaultSource),
    PickFolder,
    Reload,
    /// New filters: rebuild what is visible.
    SetFilter(NoteFilter),
    /// New view toggles: rebuild or restyle, whichever they need.
    SetView(ViewSettings),
    /// New layout strengths: the layout moves again.
    SetLayout(LayoutParams),
    /// Rebuild what is visible from the current settings.
    Refilter,
    /// Colours, sizes or highlights changed (or the hovered node): restyle.
    Restyle,
    Fit,
    /// Zoom by a factor around the canvas's centre (keys and menu; the
    /// wheel zooms at the pointer in the canvas itself).
    Zoom(f32),
    /// Fit the view to the notes the search matches (Enter in the box).
    FitSearch,
    TogglePause,
    RerunLayout,
    /// A focus on one note (none: the whole vault again), as the local
    /// graph was.
    LocalGraph(Option<NoteId>),
    /// Select several notes, focus on them, expand, hide (focus.rs).
    Focus(FocusCommand),
    /// Fold groups into one node each, or unfold them (fold.rs).
    Fold(FoldCommand),
    /// Show one community only, or all again.
    FocusCommunity(Option<usize>),
    PlanFor(Option<NoteId>),
    /// The path from the selected note to this one, or none.
    PathTo(Option<NoteId>),
    OpenInEditor(NoteId),
    /// A link clicked in a note body.
    OpenUrl(String),
    Unpin(NoteId),
    UnpinAll,
    ShowTab(RightTab),
    /// The user dragged a side panel's edge: remember its width.
    SetPanelWidth(Side, f32),
    /// Show or hide a side panel folded away for a narrow window, without
    /// changing the user's saved choice.
    OpenFolded(Side, bool),
    FocusSearch,
    /// What the search box matches now (none: no search).
    SearchMatches(Option<super::context::SearchFocus>),
    /// Empty the search box (Esc, first).
    ClearSearch,
    /// Select a note and show this text of it in the note panel.
    Reveal(NoteId, String),
    DismissError,
    DismissMessage,
    /// Say something in the status bar (what went wrong reading the
    /// window's own files at start).
    Notice(String),
    /// Count notes whose self-check is all ticked as learned, or not.
    LearnedFromChecks(bool),
    /// Leave out what the vault's `.gitignore` names (true), or not.
    Gitignore(bool),
    /// Plan from what is learned alone (true), or count what it implies.
    ExplicitPlans(bool),
    /// New default hours per difficulty for plan effort.
    SetEffort(crate::analysis::effort::EffortDefaults),
    /// Record a note's status in notegraph (none: forget the record).
    Record(NoteId, Option<String>),
    /// Write the recorded status of these notes into their files.
    WriteToNotes(Vec<NoteId>),
    /// Tick or clear one self-check box in its note's file (the box's `[`
    /// at byte `marker` of the loaded text).
    TickBox {
        note: NoteId,
        marker: usize,
        ticked: bool,
    },
    /// Allow (or not) ticking self-check boxes from the note panel.
    TickBoxesInNotes(bool),
    /// The headings that open a self-check section.
    SelfCheckHeadings(Vec<String>),
    /// Grade a review of a note: its next review is scheduled (FSRS) and
    /// kept in notegraph's data, never in the note.
    Grade(NoteId, Grade),
    /// The desired retention and the daily cap of reviews.
    ReviewSettings {
        retention: f64,
        limit: usize,
    },
    /// The placement under way (none: no longer shown): the canvas colours
    /// notes by it, and its question's note is selected.
    Placement(Option<super::context::PlacementFocus>),
    /// Record these notes as learned, with the reason "placement".
    AcceptPlacement(Vec<NoteId>),
    /// Take back what the last accepted placement recorded.
    UndoPlacement,
    /// Save, open, rename, export or import a named view (named.rs).
    Views(ViewsCommand),
    /// Write what the view shows, where the window draws it, to a file in
    /// a format (exporting.rs).
    ExportGraph(crate::export::Format, std::path::PathBuf),
}

/// What the Views menu does with named views (applied by `gui/named.rs`).
#[derive(Debug, Clone, PartialEq)]
pub enum ViewsCommand {
    /// Keep what the window shows now under this name (replacing a view
    /// of that name).
    Save(String),
    /// Show the view of this name as it was saved.
    Open(String),
    Rename {
        from: String,
        to: String,
    },
    Duplicate(String),
    Delete(String),
    /// Write the view of this name to a file (picked in a dialog).
    Export(String, std::path::PathBuf),
    /// Add the view in this file to the vault's views.
    Import(std::path::PathBuf),
}

/// What the multi-selection and the focus do (applied by `gui/focus.rs`).
#[derive(Debug, Clone, PartialEq)]
pub enum FocusCommand {
    /// Ctrl+click (Cmd on a Mac): add the note to the selection or take it
    /// out.
    ToggleSelect(NoteId),
    /// Select these notes together (a search's results).
    SelectMany(Vec<NoteId>),
    /// Focus on these notes, at the chosen depth.
    On(Vec<NoteId>),
    /// Focus on the selected notes.
    OnSelection,
    /// The note's neighbours join the focus (outside one: a focus on it).
    Expand(NoteId),
    Hide(NoteId),
    /// Hide the note and what only it joins to the rest.
    HideBranch(NoteId),
    /// Bring every hidden note back.
    ShowHidden,
    /// Focus on the shortest chain of links between the two selected notes.
    ShowPath,
    Clear,
}

/// Folding groups of notes into one node each (applied by `gui/fold.rs`).
#[derive(Debug, Clone, PartialEq)]
pub enum FoldCommand {
    Fold(crate::analysis::fold::GroupKey),
    Unfold(crate::analysis::fold::GroupKey),
    /// Fold every group of what the canvas is coloured by (its topics
    /// when it is coloured by something else than topics, folders or
    /// tags).
    FoldAll,
    UnfoldAll,
}
