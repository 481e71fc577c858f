//! Named views: what the window shows (filters, colours, sizes, layout,
//! link kinds, the focus and its depth, hidden notes, folded groups and
//! the camera) kept under a name, per vault, in notegraph's data folder
//! beside the vault's own file (`vaults/NAME-HASH.views.json`), never in
//! the vault. Notes are kept by path, so that a view outlives a reload;
//! a path the vault no longer has is reported, never an error.
//!
//! One view moves between vaults and machines as a small JSON file
//! (`to_json`, `read_file`), marked `"notegraph_view": 1`. What a view
//! shows is `analysis::shown`'s rule, for the canvas and `export --view`
//! alike (`NamedView::shown_in`).

use super::choices::{CanvasMode, ColorBy, SizeBy};
use super::data::{read_json, DataDir, DataError};
use super::source::VaultSource;
use crate::analysis::filter::NoteFilter;
use crate::analysis::focus::FocusSet;
use crate::analysis::fold::GroupKey;
use crate::analysis::shown::{shown_nodes, Showing};
use crate::output::{self, OutputError};
use crate::vault::{EdgeKind, NoteId, Vault};
use petgraph::stable_graph::NodeIndex;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The version of the view file format this notegraph writes and reads:
/// a file of a later version is refused, not half read.
pub const VIEW_FILE_VERSION: u32 = 1;
/// A view file larger than this is no view (one names notes by path, a
/// few KiB even with hundreds of them).
const LARGEST_VIEW_FILE: u64 = 4 << 20;
/// The focus depths the window offers.
const DEPTHS: std::ops::RangeInclusive<u8> = 1..=5;

/// What the window showed, under a name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NamedView {
    pub name: String,
    pub filter: NoteFilter,
    pub color_by: ColorBy,
    pub size_by: SizeBy,
    /// The force layout, or prerequisites left to right.
    pub layout: CanvasMode,
    /// The kinds of link drawn.
    pub edge_kinds: Vec<EdgeKind>,
    /// Missing notes are drawn.
    pub ghosts: bool,
    pub orphans_only: bool,
    /// The notes in focus, by path (none: the whole vault).
    pub focus: Vec<String>,
    /// Notes whose neighbours joined the focus, by path.
    pub expanded: Vec<String>,
    /// The focus's notes alone, none of their neighbours (a path's chain).
    pub exact: bool,
    /// How many links out from the focus.
    pub depth: u8,
    /// The rest is drawn faint around the focus instead of hidden.
    pub fade: bool,
    /// Notes the user hid, by path.
    pub hidden: Vec<String>,
    /// Groups folded into one node, in the order folded.
    pub folded: Vec<GroupKey>,
    /// Where the canvas looked; none: fitted to what shows.
    pub camera: Option<ViewCamera>,
}

/// Where the canvas looks: the zoom and the graph point at the middle of
/// the canvas, so that a window of another size shows the same place.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ViewCamera {
    pub zoom: f32,
    pub centre: [f32; 2],
}

impl Default for NamedView {
    /// The window's defaults: everything shown, no focus.
    fn default() -> Self {
        NamedView {
            name: String::new(),
            filter: NoteFilter::default(),
            color_by: ColorBy::default(),
            size_by: SizeBy::default(),
            layout: CanvasMode::default(),
            edge_kinds: EdgeKind::ALL.to_vec(),
            ghosts: true,
            orphans_only: false,
            focus: Vec::new(),
            expanded: Vec::new(),
            exact: false,
            depth: 1,
            fade: false,
            hidden: Vec::new(),
            folded: Vec::new(),
            camera: None,
        }
    }
}

/// What a view shows of a vault, and the notes it names that the vault no
/// longer has.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Shown {
    pub nodes: Vec<NodeIndex>,
    pub missing: Vec<String>,
}

impl NamedView {
    /// Keeps `set` (focus, expanded, hidden, exact) by note path.
    pub fn set_focus(&mut self, set: &FocusSet, vault: &Vault) {
        let paths = |notes: &BTreeSet<NoteId>| -> Vec<String> {
            (notes.iter().map(|&n| vault.notes[n].path.clone())).collect()
        };
        self.focus = paths(&set.notes);
        self.expanded = paths(&set.expanded);
        self.hidden = paths(&set.hidden);
        self.exact = set.exact;
    }

    /// The focus on `vault`'s notes, and the paths it names that `vault`
    /// lacks (sorted, each once): those drop out.
    pub fn focus_in(&self, vault: &Vault) -> (FocusSet, Vec<String>) {
        let mut missing = BTreeSet::new();
        let mut notes = |paths: &[String]| -> BTreeSet<NoteId> {
            (paths.iter())
                .filter_map(|p| {
                    let found = vault.note_by_path(p);
                    if found.is_none() {
                        missing.insert(p.clone());
                    }
                    found
                })
                .collect()
        };
        let set = FocusSet {
            notes: notes(&self.focus),
            expanded: notes(&self.expanded),
            hidden: notes(&self.hidden),
            exact: self.exact,
        };
        (set, missing.into_iter().collect())
    }

    /// The link kinds on and off, in `EdgeKind::ALL`'s order, as the
    /// window's settings hold them.
    pub fn edge_switches(&self) -> [bool; 4] {
        EdgeKind::ALL.map(|k| self.edge_kinds.contains(&k))
    }

    pub fn set_edge_switches(&mut self, on: [bool; 4]) {
        self.edge_kinds = (EdgeKind::ALL.into_iter().zip(on))
            .filter(|(_, on)| *on)
            .map(|(k, _)| k)
            .collect();
    }

    /// What the view shows of `vault` with its focus `focus` (from
    /// `focus_in`): the window's rule with no community shown alone and
    /// every missing note drawn. The rest of a faded focus is context, not
    /// part of what the view is about: only the focus's region shows.
    pub fn shown(&self, vault: &Vault, graph: &crate::graph::NoteGraph) -> Shown {
        let (focus, missing) = self.focus_in(vault);
        let orphans = self.orphans_only.then(|| {
            let mut table = vec![false; vault.notes.len()];
            crate::analysis::orphans(graph)
                .into_iter()
                .for_each(|o| table[o] = true);
            table
        });
        let showing = Showing {
            depth: self.depth,
            ghosts: self.ghosts,
            orphans_only: orphans.as_deref(),
            ..Showing::everything(&self.filter, &focus)
        };
        Shown {
            nodes: shown_nodes(vault, graph, &showing),
            missing,
        }
    }

    /// Values a hand-edited file may hold out of range, put back in it.
    fn checked(mut self) -> NamedView {
        self.name = self.name.trim().to_string();
        self.depth = self.depth.clamp(*DEPTHS.start(), *DEPTHS.end());
        let fine = |c: &ViewCamera| {
            c.zoom.is_finite() && c.zoom > 0.0 && c.centre.iter().all(|v| v.is_finite())
        };
        self.camera = self.camera.filter(fine);
        self.edge_kinds.sort();
        self.edge_kinds.dedup();
        self
    }
}

/// Why a view could not be kept, found or moved.
#[derive(Debug, thiserror::Error)]
pub enum ViewError {
    #[error("no view named “{0}”")]
    NotFound(String),
    #[error("a view named “{0}” already exists")]
    Taken(String),
    #[error("a view needs a name")]
    NoName,
    #[error("{} is not a notegraph view: {reason}", .path.display())]
    NotAView { path: PathBuf, reason: String },
    #[error("cannot read {}: {}", .0.display(), .1)]
    Read(PathBuf, std::io::Error),
    /// Every file notegraph writes stays out of the vault.
    #[error(
        "{0}; notegraph writes nothing into a vault, but you may copy the file there yourself"
    )]
    InsideVault(OutputError),
    #[error(transparent)]
    Write(OutputError),
    #[error(transparent)]
    Data(#[from] DataError),
}

/// The views kept for one vault, in the order saved.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ViewList {
    pub views: Vec<NamedView>,
}

impl ViewList {
    pub fn get(&self, name: &str) -> Option<&NamedView> {
        self.views.iter().find(|v| v.name == name)
    }

    fn position(&self, name: &str) -> Result<usize, ViewError> {
        (self.views.iter().position(|v| v.name == name))
            .ok_or_else(|| ViewError::NotFound(name.to_string()))
    }

    /// Keeps `view` under its name: one of the same name is replaced in
    /// place, else it goes last.
    pub fn save(&mut self, view: NamedView) -> Result<(), ViewError> {
        let view = view.checked();
        if view.name.is_empty() {
            return Err(ViewError::NoName);
        }
        match self.position(&view.name) {
            Ok(i) => self.views[i] = view,
            Err(_) => self.views.push(view),
        }
        Ok(())
    }

    pub fn rename(&mut self, from: &str, to: &str) -> Result<(), ViewError> {
        let i = self.position(from)?;
        let to = to.trim();
        if to.is_empty() {
            return Err(ViewError::NoName);
        }
        if to != from && self.get(to).is_some() {
            return Err(ViewError::Taken(to.to_string()));
        }
        self.views[i].name = to.to_string();
        Ok(())
    }

    pub fn delete(&mut self, name: &str) -> Result<NamedView, ViewError> {
        let i = self.position(name)?;
        Ok(self.views.remove(i))
    }

    /// A copy of view `name` beside it, under a free name; returns that
    /// name.
    pub fn duplicate(&mut self, name: &str) -> Result<String, ViewError> {
        let i = self.position(name)?;
        let mut copy = self.views[i].clone();
        copy.name = self.free_name(&format!("{name} copy"));
        let new = copy.name.clone();
        self.views.insert(i + 1, copy);
        Ok(new)
    }

    /// Adds `view` (an imported one) last, renamed `NAME (2)` and so on
    /// where its name is taken; returns its name.
    pub fn add(&mut self, mut view: NamedView) -> Result<String, ViewError> {
        view = view.checked();
        if view.name.is_empty() {
            return Err(ViewError::NoName);
        }
        view.name = self.free_name(&view.name);
        let name = view.name.clone();
        self.views.push(view);
        Ok(name)
    }

    /// `base`, or `base (2)`, `base (3)`, … whichever no view has.
    fn free_name(&self, base: &str) -> String {
        (1..)
            .map(|n| match n {
                1 => base.to_string(),
                n => format!("{base} ({n})"),
            })
            .find(|name| self.get(name).is_none())
            .expect("some number is free")
    }
}

/// The file of `source`'s views, beside its data file.
fn views_file(data: &DataDir, source: &VaultSource) -> PathBuf {
    data.vault_file(source).with_extension("views.json")
}

/// The file as it is kept: the vault named for a person reading the
/// folder.
#[derive(Default, Serialize, Deserialize)]
#[serde(default)]
struct Kept {
    vault: String,
    views: Vec<NamedView>,
}

/// The views kept for `source`; none where none was saved. A file that
/// cannot be read is set aside with a message, never emptied.
pub fn read_views(data: &DataDir, source: &VaultSource) -> Result<ViewList, DataError> {
    // Never in the vault, not even a read (an unreadable file is set
    // aside, a write).
    data.check_outside(source)?;
    let kept: Option<Kept> = read_json(&views_file(data, source))?;
    let views = kept.map_or_else(Vec::new, |k| k.views);
    Ok(ViewList {
        views: views.into_iter().map(NamedView::checked).collect(),
    })
}

/// Applies `change` to `source`'s views as the file holds them now (a
/// view saved meanwhile by another window is kept), and writes them back;
/// returns what `change` gave and the views after.
pub fn change_views<T>(
    data: &DataDir,
    source: &VaultSource,
    change: impl FnOnce(&mut ViewList) -> Result<T, ViewError>,
) -> Result<(T, ViewList), ViewError> {
    let mut list = read_views(data, source)?;
    let out = change(&mut list)?;
    let kept = Kept {
        vault: source.label(),
        views: list.views.clone(),
    };
    let json = serde_json::to_string_pretty(&kept).map_err(std::io::Error::from);
    let file = views_file(data, source);
    output::write_data_file(&file, |w| {
        w.write_all(json?.as_bytes())?;
        w.write_all(b"\n")
    })
    .map_err(|e| ViewError::Data(e.into()))?;
    Ok((out, list))
}

/// One view as a file holds it: the format's mark first.
#[derive(Serialize)]
struct FileOut<'a> {
    notegraph_view: u32,
    #[serde(flatten)]
    view: &'a NamedView,
}

#[derive(Deserialize)]
struct FileIn {
    notegraph_view: Option<u32>,
    #[serde(flatten)]
    view: NamedView,
}

/// `view` as a view file: pretty JSON, to read and to diff.
pub fn to_json(view: &NamedView) -> String {
    let file = FileOut {
        notegraph_view: VIEW_FILE_VERSION,
        view,
    };
    let mut json = serde_json::to_string_pretty(&file).expect("a view is plain data");
    json.push('\n');
    json
}

/// The view in a view file's text; why not, in words.
pub fn from_json(text: &str) -> Result<NamedView, String> {
    let file: FileIn = serde_json::from_str(text).map_err(|e| e.to_string())?;
    match file.notegraph_view {
        None => Err("no `notegraph_view` mark (is it a view exported by notegraph?)".into()),
        Some(v) if v > VIEW_FILE_VERSION => Err(format!(
            "it is format {v}, made by a newer notegraph (this one reads {VIEW_FILE_VERSION})"
        )),
        Some(_) => Ok(file.view.checked()),
    }
}

/// The view in the file the user named to import. Read whole, at most a
/// few MiB; the file is not changed.
pub fn read_file(path: &Path) -> Result<NamedView, ViewError> {
    use std::io::Read;
    let read_error = |e| ViewError::Read(path.to_path_buf(), e);
    let file = std::fs::File::open(path).map_err(read_error)?;
    let mut bytes = Vec::new();
    (file.take(LARGEST_VIEW_FILE + 1).read_to_end(&mut bytes)).map_err(read_error)?;
    let not_a_view = |reason: String| ViewError::NotAView {
        path: path.to_path_buf(),
        reason,
    };
    if bytes.len() as u64 > LARGEST_VIEW_FILE {
        let limit = LARGEST_VIEW_FILE >> 20;
        return Err(not_a_view(format!("larger than {limit} MiB")));
    }
    let text = String::from_utf8(bytes).map_err(|_| not_a_view("not UTF-8 text".into()))?;
    from_json(&text).map_err(not_a_view)
}

/// Writes `view` as a view file at `dest`, atomically; refused inside the
/// vault at `root` (none: not a folder) or onto one of its `notes`.
pub fn write_file(
    view: &NamedView,
    dest: &Path,
    root: Option<&Path>,
    notes: &[String],
) -> Result<(), ViewError> {
    let checked = match root {
        Some(root) => output::check_outside(root, notes, dest),
        None => output::check_kind(dest),
    };
    checked.map_err(|e| match e {
        OutputError::InsideVault(..) | OutputError::SameFile(..) => ViewError::InsideVault(e),
        e => ViewError::Write(e),
    })?;
    let json = to_json(view);
    output::write_atomically(dest, |w| w.write_all(json.as_bytes())).map_err(ViewError::Write)
}

#[cfg(test)]
mod tests;
