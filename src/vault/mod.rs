//! Reading a vault: the only module that touches the filesystem.
//!
//! `load` walks a folder and reads its notes in parallel; `from_files` does
//! the rest (frontmatter, links, resolution) on bytes already in memory, so
//! tests and the embedded sample vault go through the same code.

pub mod frontmatter;
pub mod links;
pub mod resolve;
mod sample;
pub mod watch;

use crate::diagnostics::{self, Diagnostic, DiagnosticKind, Severity};
pub use frontmatter::Frontmatter;
pub use links::{LinkSyntax, RawLink};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// Index of a note in `Vault::notes`.
pub type NoteId = usize;

/// What a link means, from the section it sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
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
    Missing(String),
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

    /// Folder shown in filters: the top-level folder, or `/` at the root.
    pub fn top_folder(&self) -> &str {
        self.path.split_once('/').map_or("/", |(top, _)| top)
    }
}

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
}

/// Why a vault could not be opened at all.
#[derive(Debug, thiserror::Error)]
#[error("cannot read vault {}: {message}", path.display())]
pub struct LoadError {
    pub path: PathBuf,
    pub message: String,
}

impl Vault {
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

    /// Parses and resolves notes from memory. Never fails.
    pub fn from_files(origin: Origin, files: Vec<SourceFile>) -> Vault {
        Vault::from_files_with(origin, files, Vec::new())
    }

    fn from_files_with(
        origin: Origin,
        mut files: Vec<SourceFile>,
        mut diagnostics: Vec<Diagnostic>,
    ) -> Vault {
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files.dedup_by(|a, b| a.path == b.path);
        let parsed: Vec<(Note, Vec<Diagnostic>)> = files
            .into_par_iter()
            .map(|file| parse_note(file.path, &file.bytes))
            .collect();
        let mut notes = Vec::with_capacity(parsed.len());
        for (note, diags) in parsed {
            notes.push(note);
            diagnostics.extend(diags);
        }
        resolve::resolve_all(&mut notes, &mut diagnostics);
        diagnostics::sort(&mut diagnostics);
        Vault {
            origin,
            notes,
            diagnostics,
        }
    }

    /// The sample vault compiled into the binary.
    pub fn sample() -> Vault {
        Vault::from_files(Origin::Embedded, sample::files())
    }

    /// The sample vault from the source tree when it is there (so that it
    /// can be opened in an editor), else the embedded copy.
    pub fn sample_folder() -> Option<PathBuf> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample-vault");
        dir.is_dir().then_some(dir)
    }
}

/// Reads every `.md` file under `root`.
pub fn load(root: &Path) -> Result<Vault, LoadError> {
    load_with_progress(root, &|_, _| {})
}

/// Like `load`, reporting (files read, files found) as it goes.
pub fn load_with_progress(
    root: &Path,
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
    let mut diagnostics = Vec::new();
    let found = walk(&canonical_root, &mut diagnostics).map_err(|e| error(e.to_string()))?;
    let total = found.len();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let too_large = std::sync::Mutex::new(Vec::new());
    let read: Vec<Result<SourceFile, Diagnostic>> = found
        .into_par_iter()
        .map(|(rel, abs)| {
            let result = read_note(&abs)
                .map(|(bytes, skipped)| {
                    if let Some(size) = skipped {
                        too_large
                            .lock()
                            .expect("not poisoned")
                            .push(Diagnostic::new(
                                &rel,
                                None,
                                Severity::Warning,
                                DiagnosticKind::File,
                                format!(
                                    "note is {} MB, over the {} MB limit; loaded without its text",
                                    size / (1024 * 1024),
                                    MAX_NOTE_BYTES / (1024 * 1024)
                                ),
                            ));
                    }
                    SourceFile {
                        path: rel.clone(),
                        bytes,
                    }
                })
                .map_err(|e| {
                    Diagnostic::new(
                        rel,
                        None,
                        Severity::Error,
                        DiagnosticKind::File,
                        format!("cannot read file: {e}"),
                    )
                });
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            if n % 256 == 0 || n == total {
                progress(n, total);
            }
            result
        })
        .collect();
    diagnostics.extend(too_large.into_inner().expect("not poisoned"));
    let mut files = Vec::with_capacity(read.len());
    for item in read {
        match item {
            Ok(file) => files.push(file),
            Err(diag) => diagnostics.push(diag),
        }
    }
    Ok(Vault::from_files_with(
        Origin::Folder(root.to_path_buf()),
        files,
        diagnostics,
    ))
}

/// Notes larger than this are listed but their text is not read: a note
/// of this size is a log or a data dump, and parsing it would hold the
/// whole vault up.
pub const MAX_NOTE_BYTES: u64 = 32 * 1024 * 1024;

/// Reads a note, or only its size when over `MAX_NOTE_BYTES`.
fn read_note(path: &Path) -> std::io::Result<(Vec<u8>, Option<u64>)> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    if size > MAX_NOTE_BYTES {
        return Ok((Vec::new(), Some(size)));
    }
    let mut bytes = Vec::with_capacity(size as usize + 1);
    // `take` guards against a file that grows while we read it.
    file.take(MAX_NOTE_BYTES + 1).read_to_end(&mut bytes)?;
    Ok((bytes, None))
}

/// Lists `.md` files under `root` (already canonical) as (relative, absolute)
/// paths, sorted. Hidden entries are skipped; symlinks are followed only
/// when they stay inside the vault, and each folder is entered once (by
/// its canonical path), so loops end and nothing is listed twice.
fn walk(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> std::io::Result<Vec<(String, PathBuf)>> {
    let mut out = Vec::new();
    let mut visited: HashSet<PathBuf> = HashSet::new();
    let mut skipped = Vec::new();
    let entries = WalkDir::new(root)
        .follow_links(true)
        // Real entries before links, so that a folder reached both ways
        // is listed under its own name.
        .sort_by(|a, b| {
            (a.path_is_symlink(), a.file_name()).cmp(&(b.path_is_symlink(), b.file_name()))
        })
        .into_iter()
        .filter_entry(|entry| keep_entry(root, entry, &mut visited, &mut skipped));
    for entry in entries {
        match entry {
            Ok(entry) => {
                let name = entry.file_name().to_string_lossy();
                if entry.file_type().is_file() && is_markdown_name(&name) {
                    out.push((rel_path(root, entry.path()), entry.into_path()));
                }
            }
            Err(err) => walk_error(root, err, diagnostics)?,
        }
    }
    diagnostics.extend(skipped);
    out.sort();
    Ok(out)
}

/// The vault-relative path with `/` separators.
fn rel_path(root: &Path, path: &Path) -> String {
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
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    if entry.depth() == 0 {
        visited.insert(root.to_path_buf());
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
        diagnostics.push(diagnostic(
            Severity::Warning,
            "file name is not valid UTF-8; shown with replacement characters".into(),
        ));
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
    let canonical = target.unwrap_or_else(|| {
        let path = entry.path();
        path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
    });
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

/// Decodes and parses one file: frontmatter, title and raw links.
fn parse_note(path: String, bytes: &[u8]) -> (Note, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // A NUL byte near the start: an image or archive saved as `.md`.
    let bytes = if bytes[..bytes.len().min(8192)].contains(&0) {
        diagnostics.push(Diagnostic::new(
            &path,
            None,
            Severity::Warning,
            DiagnosticKind::File,
            "looks like a binary file, not text; loaded without its content",
        ));
        &[][..]
    } else {
        bytes
    };
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            diagnostics.push(Diagnostic::new(
                &path,
                Some(line as u32),
                Severity::Warning,
                DiagnosticKind::File,
                "file is not valid UTF-8; invalid bytes shown as \u{FFFD}",
            ));
            String::from_utf8_lossy(bytes).into_owned()
        }
    };

    let split = frontmatter::split(&text);
    if split.unclosed {
        diagnostics.push(Diagnostic::new(
            &path,
            Some(1),
            Severity::Error,
            DiagnosticKind::Frontmatter,
            "frontmatter opened with `---` is never closed; read as body text",
        ));
    }
    let (fm, fm_strings) = match split.yaml {
        Some(yaml) => frontmatter::parse(yaml, split.yaml_first_line, &path, &mut diagnostics),
        None => Default::default(),
    };

    let lines = links::LineIndex::new(&text);
    let mut extracted = links::Extracted::default();
    links::extract(
        &text[split.body_offset..],
        split.body_offset,
        &lines,
        None,
        EdgeKind::Mention,
        &mut extracted,
    );
    for fm_string in &fm_strings {
        let kind = links::section_kind(&fm_string.key.replace(['_', '-'], " "));
        let line_index = links::LineIndex::new("");
        let start = extracted.links.len();
        links::extract(
            &fm_string.text,
            0,
            &line_index,
            Some(LinkSyntax::Frontmatter),
            kind,
            &mut extracted,
        );
        for link in &mut extracted.links[start..] {
            link.line = fm_string.line;
        }
    }

    let title = fm
        .title
        .clone()
        .or_else(|| extracted.first_h1.clone())
        .unwrap_or_else(|| stem_of(&path).to_string());
    let note = Note {
        title,
        has_frontmatter: split.yaml.is_some(),
        frontmatter: fm,
        body_offset: split.body_offset,
        text,
        links: extracted
            .links
            .into_iter()
            .map(|raw| Link {
                raw,
                target: Target::Missing(String::new()),
            })
            .collect(),
        attachments: extracted.attachments,
        path,
    };
    (note, diagnostics)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Builds a vault from `(path, text)` pairs.
    pub fn vault(files: &[(&str, &str)]) -> Vault {
        Vault::from_files(
            Origin::Embedded,
            files
                .iter()
                .map(|(path, text)| SourceFile {
                    path: path.to_string(),
                    bytes: text.as_bytes().to_vec(),
                })
                .collect(),
        )
    }

    #[test]
    fn markdown_names_by_extension_in_any_case() {
        for name in [
            "a.md",
            "B.MD",
            "c.Markdown",
            "dir/d.md",
            "dir\\e.md",
            "é.md",
            "x.y.md",
        ] {
            assert!(is_markdown_name(name), "{name}");
        }
        for name in [
            ".md", "dir/.md", "a.mdx", "a.txt", "md", "a.md/b", "", "a.md.bak",
        ] {
            assert!(!is_markdown_name(name), "{name}");
        }
    }

    #[test]
    fn title_falls_back_to_heading_then_file_name() {
        let v = vault(&[
            ("a.md", "---\ntitle: From FM\n---\n# Heading\n"),
            ("b.md", "intro\n\n# From Heading\n"),
            ("dir/c-note.md", "no heading\n"),
        ]);
        let titles: Vec<_> = v.notes.iter().map(|n| n.title.as_str()).collect();
        assert_eq!(titles, ["From FM", "From Heading", "c-note"]);
        assert!(v.notes[0].has_frontmatter);
        assert!(!v.notes[1].has_frontmatter);
    }

    #[test]
    fn bom_and_invalid_utf8_still_load() {
        let v = Vault::from_files(
            Origin::Embedded,
            vec![
                SourceFile {
                    path: "bom.md".into(),
                    bytes: b"\xEF\xBB\xBF---\nid: bom\n---\nx".to_vec(),
                },
                SourceFile {
                    path: "bad.md".into(),
                    bytes: b"ok\n\xFF\xFE [[bom]]".to_vec(),
                },
            ],
        );
        assert_eq!(v.notes[1].frontmatter.id.as_deref(), Some("bom"));
        assert!(matches!(v.notes[0].links[0].target, Target::Note(1)));
        assert_eq!(v.diagnostics.len(), 1);
        assert_eq!(v.diagnostics[0].path, "bad.md");
        assert_eq!(v.diagnostics[0].line, Some(2));
    }

    #[test]
    fn frontmatter_links_take_kind_from_key() {
        let v = vault(&[
            (
                "a.md",
                "---\nprerequisites: [\"[[b]]\"]\nsee: \"[[b]]\"\n---\n",
            ),
            ("b.md", ""),
        ]);
        let kinds: Vec<_> = v.notes[0]
            .links
            .iter()
            .map(|l| (l.raw.kind, l.raw.syntax, l.raw.line))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (EdgeKind::Prerequisite, LinkSyntax::Frontmatter, 2),
                (EdgeKind::Mention, LinkSyntax::Frontmatter, 3)
            ]
        );
    }

    #[test]
    fn load_skips_hidden_folders_and_non_markdown() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join(".obsidian")).unwrap();
        std::fs::create_dir_all(root.join("sub")).unwrap();
        std::fs::write(root.join(".obsidian/x.md"), "hidden").unwrap();
        std::fs::write(root.join("sub/a.md"), "[[b]]").unwrap();
        std::fs::write(root.join("b.MD"), "").unwrap();
        std::fs::write(root.join("c.txt"), "").unwrap();
        let v = load(root).unwrap();
        let paths: Vec<_> = v.notes.iter().map(|n| n.path.as_str()).collect();
        assert_eq!(paths, ["b.MD", "sub/a.md"]);
        assert!(matches!(v.notes[1].links[0].target, Target::Note(0)));
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_and_escapes_are_not_followed() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.md"), "secret").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("sub")).unwrap();
        std::fs::write(root.join("sub/a.md"), "a").unwrap();
        std::os::unix::fs::symlink(root, root.join("sub/loop")).unwrap();
        std::os::unix::fs::symlink(outside.path(), root.join("out")).unwrap();
        let v = load(root).unwrap();
        let paths: Vec<_> = v.notes.iter().map(|n| n.path.as_str()).collect();
        assert_eq!(paths, ["sub/a.md"]);
        assert!(v
            .diagnostics
            .iter()
            .any(|d| d.path == "out" && d.message.contains("outside the vault")));
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_linked_twice_is_listed_once_under_its_own_name() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("sub/deep")).unwrap();
        std::fs::write(root.join("sub/deep/a.md"), "a").unwrap();
        // `alias` sorts before `sub`, and `z/link` points into `sub`.
        std::os::unix::fs::symlink(root.join("sub"), root.join("alias")).unwrap();
        std::fs::create_dir(root.join("z")).unwrap();
        std::os::unix::fs::symlink(root.join("sub/deep"), root.join("z/link")).unwrap();
        std::os::unix::fs::symlink(root.join("sub/deep/a.md"), root.join("file-link.md")).unwrap();
        std::os::unix::fs::symlink(root.join("gone"), root.join("broken.md")).unwrap();
        std::os::unix::fs::symlink(root.join("gone"), root.join(".hidden-broken")).unwrap();
        let bad = std::ffi::OsStr::from_bytes(b"bad-\xff.md");
        std::fs::write(root.join(bad), "b").unwrap();
        let v = load(root).unwrap();
        let paths: Vec<_> = v.notes.iter().map(|n| n.path.as_str()).collect();
        assert_eq!(paths, ["bad-\u{FFFD}.md", "file-link.md", "sub/deep/a.md"]);
        let diags: Vec<_> = v
            .diagnostics
            .iter()
            .map(|d| (d.path.as_str(), d.message.split(':').next().unwrap()))
            .collect();
        assert_eq!(
            diags,
            [
                (
                    "bad-\u{FFFD}.md",
                    "file name is not valid UTF-8; shown with replacement characters"
                ),
                ("broken.md", "broken symlink skipped")
            ]
        );
    }

    #[test]
    fn embedded_sample_matches_the_folder() {
        let embedded = Vault::sample();
        let folder = load(&Vault::sample_folder().expect("source tree has the sample")).unwrap();
        let paths = |v: &Vault| v.notes.iter().map(|n| n.path.clone()).collect::<Vec<_>>();
        assert_eq!(paths(&embedded), paths(&folder));
        assert!(embedded.notes.len() >= 30);
        assert_eq!(embedded.diagnostics, folder.diagnostics);
    }

    #[test]
    fn missing_folder_is_an_error() {
        let err = load(Path::new("/nonexistent/vault/here")).unwrap_err();
        assert!(err.to_string().contains("/nonexistent/vault/here"));
    }
}
