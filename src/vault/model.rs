//! The vault's types: notes, links and their kinds, and the vault itself.

use super::exclude::Excluded;
use super::{Frontmatter, RawLink, TemplateRule};
use crate::diagnostics::Diagnostic;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Index of a note in `Vault::notes`.
pub type NoteId = usize;

/// What a link means, from the section it sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EdgeKind {
    /// The target should be learned before the note that links to it.
    Prerequisite,
    Related,
    Compare,
    /// Any other link.
    Mention,
}

impl EdgeKind {
    pub const ALL: [EdgeKind; 4] = [
        EdgeKind::Prerequisite,
        EdgeKind::Related,
        EdgeKind::Compare,
        EdgeKind::Mention,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::Prerequisite => "prerequisite",
            EdgeKind::Related => "related",
            EdgeKind::Compare => "compare",
            EdgeKind::Mention => "mention",
        }
    }
}

/// Where a link leads once resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Note(NoteId),
    /// No note matched; the key names the missing target (one ghost each).
    Missing(Box<str>),
    /// A file left out of the graph (`Vault::excluded`, by its index
    /// there): the link is not broken, and leads to no node.
    Excluded(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub raw: RawLink,
    pub target: Target,
}

#[derive(Debug, Clone)]
pub struct Note {
    /// Relative to the vault root, with `/` separators.
    pub path: String,
    /// Frontmatter title, else the first `#` heading, else the file stem.
    pub title: String,
    pub frontmatter: Frontmatter,
    pub has_frontmatter: bool,
    /// The whole file, decoded; `body_offset` is where the Markdown starts.
    pub text: String,
    pub body_offset: usize,
    pub links: Vec<Link>,
    pub attachments: Vec<String>,
}

impl Note {
    pub fn body(&self) -> &str {
        &self.text[self.body_offset..]
    }

    /// The file name without `.md`.
    pub fn stem(&self) -> &str {
        stem_of(&self.path)
    }

    /// The folder part of the path, empty at the vault root.
    pub fn folder(&self) -> &str {
        self.path.rsplit_once('/').map_or("", |(folder, _)| folder)
    }

    /// Whether the note asks to be left off the graph (`graph: hide`, or
    /// `graph: false`): it stays a note, searched, planned and counted,
    /// and is drawn nowhere (`HIDE_KEY`).
    pub fn hidden_from_graph(&self) -> bool {
        match self.frontmatter.extra.get(HIDE_KEY) {
            Some(serde_json::Value::String(v)) => v.trim().eq_ignore_ascii_case("hide"),
            Some(serde_json::Value::Bool(shown)) => !shown,
            _ => false,
        }
    }

    /// Folder shown in filters: the top-level folder, or `/` at the root.
    pub fn top_folder(&self) -> &str {
        self.path.split_once('/').map_or("/", |(top, _)| top)
    }
}

/// The frontmatter key of `Note::hidden_from_graph`.
pub const HIDE_KEY: &str = "graph";

pub fn stem_of(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    strip_md_extension(name)
}

/// Whether a file name, or a path by its last component, names a note:
/// `.md` or `.markdown` in any case, after a non-empty stem. This is the
/// loader's rule; links, the watcher and the command line use it too, so
/// that they all agree on what is a note. (`.md` alone is a hidden file,
/// which the loader skips.)
pub fn is_markdown_name(name: &str) -> bool {
    let last = name.rsplit(['/', '\\']).next().unwrap_or(name);
    strip_md_extension(last).len() != last.len()
}

pub fn strip_md_extension(name: &str) -> &str {
    let lower_len = name.len();
    for ext in [".md", ".markdown"] {
        if lower_len > ext.len()
            && name.is_char_boundary(lower_len - ext.len())
            && name[lower_len - ext.len()..].eq_ignore_ascii_case(ext)
        {
            return &name[..lower_len - ext.len()];
        }
    }
    name
}

/// A file's bytes, named by its path relative to the vault root.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Where a vault came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Folder(PathBuf),
    /// The sample vault compiled into the binary.
    Embedded,
}

#[derive(Debug, Clone)]
pub struct Vault {
    pub origin: Origin,
    /// Sorted by path.
    pub notes: Vec<Note>,
    /// Loading and resolution findings, sorted by file and line.
    pub diagnostics: Vec<Diagnostic>,
    /// Templates found and left out (`vault/templates.rs`), by path,
    /// sorted; empty when they were loaded as notes.
    pub templates: Vec<String>,
    /// Files left out by the vault's own rules (`vault/exclude.rs`): not
    /// notes, but links to them resolve.
    pub excluded: Excluded,
}

/// Why a vault could not be opened at all.
#[derive(Debug, thiserror::Error)]
#[error("cannot read vault {}: {message}", path.display())]
pub struct LoadError {
    pub path: PathBuf,
    pub message: String,
}

impl Vault {
    /// Parses and resolves notes from memory. Never fails.
    /// Templates are left out (`TemplateRule::default()`).
    pub fn from_files(origin: Origin, files: Vec<SourceFile>) -> Vault {
        super::parse::parse_vault(
            origin,
            files,
            Vec::new(),
            &TemplateRule::default(),
            Excluded::default(),
        )
    }

    pub fn name(&self) -> String {
        match &self.origin {
            Origin::Folder(path) => path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| path.display().to_string()),
            Origin::Embedded => "sample-vault".to_string(),
        }
    }

    /// The folder on disk, when the vault has one.
    pub fn root(&self) -> Option<&Path> {
        match &self.origin {
            Origin::Folder(path) => Some(path),
            Origin::Embedded => None,
        }
    }

    pub fn note_by_path(&self, path: &str) -> Option<NoteId> {
        self.notes
            .binary_search_by(|n| n.path.as_str().cmp(path))
            .ok()
    }

    /// The sample vault compiled into the binary.
    pub fn sample() -> Vault {
        Vault::from_files(Origin::Embedded, super::sample::files())
    }

    /// The sample vault from the source tree when it is there (so that it
    /// can be opened in an editor), else the embedded copy.
    pub fn sample_folder() -> Option<PathBuf> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample-vault");
        dir.is_dir().then_some(dir)
    }
}
