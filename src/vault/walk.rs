//! The filesystem edge: walking a vault folder and reading its notes.

use super::exclude::{ExcludeRules, Excluded};
use super::templates::TemplateRule;
use super::{is_markdown_name, LoadError, Origin, Vault};
use crate::diagnostics::{Diagnostic, DiagnosticKind, Severity};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// What a load leaves out besides Obsidian's excluded files, which it
/// always leaves out (`exclude.rs`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Loading {
    /// Load templates as notes after all (`--include-templates`).
    pub include_templates: bool,
    /// Leave out what the vault's `.gitignore` names (`--gitignore`).
    pub gitignore: bool,
}

/// Reads every `.md` file under `root`.
pub fn load(root: &Path) -> Result<Vault, LoadError> {
    load_with(root, Loading::default(), &|_, _| {})
}

/// Like `load`, reporting (files read, files found) as it goes.
pub fn load_with_progress(
    root: &Path,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Vault, LoadError> {
    load_with(root, Loading::default(), progress)
}

/// Like `load_with_progress`, leaving out what `loading` says.
pub fn load_with(
    root: &Path,
    loading: Loading,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Vault, LoadError> {
    let error = |message: String| LoadError {
        path: root.to_path_buf(),
        message,
    };
    let meta = std::fs::metadata(root).map_err(|e| error(e.to_string()))?;
    if !meta.is_dir() {
        return Err(error("not a folder".to_string()));
    }
    let canonical_root = root.canonicalize().map_err(|e| error(e.to_string()))?;
    let mut phases = super::timing::Phases::start("read");
    let mut diagnostics = Vec::new();
    let read = reading::read_while_listing(&canonical_root, &mut diagnostics, progress)
        .map_err(|e| error(e.to_string()))?;
    phases.done("list, read and parse the notes");
    let excluded = left_out(&canonical_root, loading.gitignore, &read, &mut diagnostics);
    // In the order of their paths, each under its final name (`reading`).
    let parsed = reading::into_notes(read, &mut diagnostics);
    phases.done("sort out the unread");
    let rule = TemplateRule {
        include: loading.include_templates,
        obsidian_folder: super::templates::obsidian_folder_of(root),
    };
    Ok(super::parse::assemble(
        Origin::Folder(root.to_path_buf()),
        parsed,
        diagnostics,
        &rule,
        excluded,
    ))
}

/// The files of `found` that the vault's rules leave out, by rule.
fn left_out(
    root: &Path,
    gitignore: bool,
    found: &[reading::Gathered],
    diagnostics: &mut Vec<Diagnostic>,
) -> Excluded {
    let has_gitignore = root.join(super::exclude::GITIGNORE).is_file();
    let rules = ExcludeRules::read(root, gitignore, diagnostics);
    if rules.is_empty() {
        return Excluded {
            has_gitignore,
            ..Excluded::default()
        };
    }
    let files = (found.par_iter().map(reading::path_of))
        .filter_map(|rel| Some((rel.to_string(), rules.rule_for(rel)?)))
        .collect();
    Excluded {
        rules: rules.names(),
        files,
        names: Vec::new(),
        has_gitignore,
    }
}

/// What a name that is not valid UTF-8 is told (`reading::Twins` finds it).
const NOT_UTF8: &str = "file name is not valid UTF-8; shown with replacement characters";

/// Notes larger than this are listed but their text is not read: a note
/// of this size is a log or a data dump, and parsing it would hold the
/// whole vault up.
pub(crate) const MAX_NOTE_BYTES: u64 = 32 * 1024 * 1024;

/// Lists `.md` files under `root` (already canonical) as (relative,
/// absolute) paths to `listed`, folder by folder, each folder's entries by
/// name (not the paths' order: `a/b.md` comes before `a-c.md`). Hidden
/// entries are skipped; symlinks are followed only when they stay inside
/// the vault, and each folder is entered once (by its canonical path), so
/// loops end and nothing is listed twice.
fn walk(
    root: &Path,
    diagnostics: &mut Vec<Diagnostic>,
    listed: &mut dyn FnMut(String, PathBuf),
) -> std::io::Result<()> {
    let mut visited: HashSet<PathBuf> = HashSet::new();
    // The real path of each folder on the way down, by depth.
    let mut real_dirs: Vec<PathBuf> = Vec::new();
    let mut skipped = Vec::new();
    let entries = WalkDir::new(root)
        .follow_links(true)
        // Real entries before links, so that a folder reached both ways
        // is listed under its own name.
        // Entries of one folder share its path, so their whole paths
        // compare as their names do: a name is a parse of the path's
        // components, and a sort asks for it a dozen times an entry.
        .sort_by(|a, b| {
            let (pa, pb) = (a.path().as_os_str(), b.path().as_os_str());
            let (pa, pb) = (pa.as_encoded_bytes(), pb.as_encoded_bytes());
            (a.path_is_symlink(), pa).cmp(&(b.path_is_symlink(), pb))
        })
        .into_iter()
        .filter_entry(|entry| keep_entry(root, entry, &mut visited, &mut real_dirs, &mut skipped));
    for entry in entries {
        match entry {
            Ok(entry) => {
                let name = entry.file_name().to_string_lossy();
                let kind = entry.file_type();
                if kind.is_file() && is_markdown_name(&name) {
                    listed(rel_path(root, entry.path()), entry.into_path());
                } else if !kind.is_file() && !kind.is_dir() && is_markdown_name(&name) {
                    // A FIFO, socket or device named like a note: opening
                    // it could block forever or never end. Never opened.
                    diagnostics.push(Diagnostic::new(
                        rel_path(root, entry.path()),
                        None,
                        Severity::Warning,
                        DiagnosticKind::File,
                        "not a regular file (a FIFO, socket or device): skipped".to_string(),
                    ));
                }
            }
            Err(err) => walk_error(root, err, diagnostics)?,
        }
    }
    diagnostics.extend(skipped);
    Ok(())
}

/// Largest picture the note panel shows.
const MAX_SHOWN_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// Whether the note panel may show the vault file at `rel`: a file that
/// exists must be a regular file, at most `MAX_SHOWN_FILE_BYTES`, whose
/// real path (links followed) is inside the vault. A missing file passes:
/// there is nothing to read. `Err` says why not, for the panel to show.
pub fn check_shown_file(root: &Path, rel: &str) -> Result<(), &'static str> {
    let Ok(root) = root.canonicalize() else {
        return Ok(());
    };
    let Ok(real) = root.join(rel).canonicalize() else {
        return Ok(());
    };
    if !real.starts_with(&root) {
        return Err("links outside the vault, not shown");
    }
    match std::fs::metadata(&real) {
        Ok(m) if !m.is_file() => Err("not a regular file, not shown"),
        Ok(m) if m.len() > MAX_SHOWN_FILE_BYTES => Err("larger than 32 MB, not shown"),
        _ => Ok(()),
    }
}

/// The vault-relative path with `/` separators.
pub(super) fn rel_path(root: &Path, path: &Path) -> String {
    // Nearly always the path is the root, a separator and valid UTF-8:
    // cut as bytes, not as components (a twentieth of listing).
    let (root_bytes, bytes) = (
        root.as_os_str().as_encoded_bytes(),
        path.as_os_str().as_encoded_bytes(),
    );
    let rest = bytes
        .strip_prefix(root_bytes)
        .and_then(|r| r.strip_prefix(b"/"));
    if let Some(Ok(rel)) = rest.map(std::str::from_utf8) {
        if std::path::MAIN_SEPARATOR == '/' && !rel.is_empty() && !rel.starts_with('/') {
            return rel.to_string();
        }
    }
    let rel = path.strip_prefix(root).unwrap_or(path).to_string_lossy();
    if std::path::MAIN_SEPARATOR == '/' {
        rel.into_owned()
    } else {
        rel.replace(std::path::MAIN_SEPARATOR, "/")
    }
}

/// Whether the walk lists `entry` and, for a folder, enters it.
fn keep_entry(
    root: &Path,
    entry: &walkdir::DirEntry,
    visited: &mut HashSet<PathBuf>,
    real_dirs: &mut Vec<PathBuf>,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    if entry.depth() == 0 {
        visited.insert(root.to_path_buf());
        real_dirs.clear();
        real_dirs.push(root.to_path_buf());
        return true;
    }
    let diagnostic = |severity, message: String| {
        Diagnostic::new(
            rel_path(root, entry.path()),
            None,
            severity,
            DiagnosticKind::File,
            message,
        )
    };
    let name = entry.file_name().to_string_lossy();
    if entry.file_name().to_str().is_none() {
        diagnostics.push(diagnostic(Severity::Warning, NOT_UTF8.into()));
    }
    if name.starts_with('.') {
        return false;
    }
    let target = if entry.path_is_symlink() {
        match entry.path().canonicalize() {
            Ok(target) if target.starts_with(root) => Some(target),
            Ok(_) => {
                diagnostics.push(diagnostic(
                    Severity::Info,
                    "symlink points outside the vault; skipped".into(),
                ));
                return false;
            }
            Err(e) => {
                diagnostics.push(diagnostic(
                    Severity::Warning,
                    format!("broken symlink skipped: {e}"),
                ));
                return false;
            }
        }
    } else {
        None
    };
    if !entry.file_type().is_dir() {
        return true;
    }
    // A plain folder's real path is its parent's plus its name: no
    // `canonicalize` (which costs the whole depth) per folder, so a tree
    // 2,000 deep costs linear time, not the depth cubed.
    let depth = entry.depth();
    let canonical = target.unwrap_or_else(|| match real_dirs.get(depth - 1) {
        Some(parent) => parent.join(entry.file_name()),
        None => entry
            .path()
            .canonicalize()
            .unwrap_or_else(|_| entry.path().to_path_buf()),
    });
    real_dirs.truncate(depth);
    real_dirs.push(canonical.clone());
    visited.insert(canonical)
}

/// What the walk makes of an entry it could not read: an error when it is
/// the vault folder itself, else a diagnostic (or nothing, for a loop).
fn walk_error(
    root: &Path,
    err: walkdir::Error,
    diagnostics: &mut Vec<Diagnostic>,
) -> std::io::Result<()> {
    // A link back to a folder being walked: the folder is listed already.
    if err.loop_ancestor().is_some() {
        return Ok(());
    }
    if err.depth() == 0 {
        let message = err.to_string();
        return Err(err
            .into_io_error()
            .unwrap_or_else(|| std::io::Error::other(message)));
    }
    let (Some(path), Some(io)) = (err.path(), err.io_error()) else {
        return Ok(());
    };
    let hidden = path
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'));
    if hidden {
        return Ok(());
    }
    let rel = rel_path(root, path);
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    diagnostics.push(if is_link {
        Diagnostic::new(
            rel,
            None,
            Severity::Warning,
            DiagnosticKind::File,
            format!("broken symlink skipped: {io}"),
        )
    } else {
        Diagnostic::new(
            format!("{rel}/"),
            None,
            Severity::Warning,
            DiagnosticKind::File,
            format!("cannot read folder: {io}"),
        )
    });
    Ok(())
}

mod reading;
#[cfg(test)]
mod tests;
