//! Reading the notes while the folder is still being listed: each file
//! found goes to a reader at once, so that no core waits for the walk.

use super::{walk, MAX_NOTE_BYTES};
use crate::diagnostics::{Diagnostic, DiagnosticKind, Severity};
use crate::vault::Note;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

/// A file read and parsed, with its findings, or why it cannot be read.
pub(super) type Read = Result<(Note, Vec<Diagnostic>), Diagnostic>;

/// The files found, as (vault-relative, absolute) paths.
pub(super) type Found = Vec<(String, PathBuf)>;

/// Lists the notes under `root` (canonical) and reads and parses each as
/// soon as it is listed. Returns the files found as (relative, absolute)
/// paths, sorted, with names made valid UTF-8 that clash told apart, and
/// what reading each gave, in the same order. `progress` hears (files
/// read, files listed so far) as the reading goes.
pub(super) fn read_while_listing(
    root: &Path,
    diagnostics: &mut Vec<Diagnostic>,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> std::io::Result<(Found, Vec<Read>)> {
    let read: Mutex<Vec<(usize, Read)>> = Mutex::new(Vec::new());
    let (done, listed) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let mut found: Found = Vec::new();
    let walked = {
        let (read, done, listed) = (&read, &done, &listed);
        in_readers(|scope| {
            walk(root, diagnostics, &mut |rel, abs| {
                let index = found.len();
                found.push((rel.clone(), abs.clone()));
                listed.fetch_add(1, Ordering::Relaxed);
                scope.spawn_fifo(move |_| {
                    let result = read_and_parse(rel, &abs);
                    read.lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push((index, result));
                    let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                    if n % 256 == 0 {
                        progress(n, listed.load(Ordering::Relaxed));
                    }
                })
            })
        })
    };
    walked?;
    let total = found.len();
    progress(total, total);
    let mut read = read.into_inner().unwrap_or_else(|e| e.into_inner());
    // In the order of the paths, as the vault keeps its notes.
    let mut order: Vec<usize> = (0..total).collect();
    order.sort_unstable_by(|&a, &b| found[a].cmp(&found[b]));
    let mut position = vec![0; total];
    for (at, &index) in order.iter().enumerate() {
        position[index] = at;
    }
    let mut sorted: Found = (order.iter())
        .map(|&index| std::mem::take(&mut found[index]))
        .collect();
    let renamed = keep_lossy_twins(&mut sorted, diagnostics);
    read.sort_unstable_by_key(|&(index, _)| position[index]);
    let mut read: Vec<Read> = read.into_iter().map(|(_, read)| read).collect();
    for at in renamed {
        rename(&mut read[at], &sorted[at].0);
    }
    Ok((sorted, read))
}

/// Runs `op` on this thread with a scope whose jobs run on the readers.
fn in_readers<'scope, R>(op: impl FnOnce(&rayon::ScopeFifo<'scope>) -> R) -> R {
    match readers() {
        Some(pool) => pool.in_place_scope_fifo(op),
        None => rayon::in_place_scope_fifo(op),
    }
}

/// The pool that reads the notes, made once: twice as many readers as
/// cores, as a file not in the page cache blocks its reader on the disk
/// while another parses. `None` where no thread can be started.
fn readers() -> Option<&'static rayon::ThreadPool> {
    static READERS: OnceLock<Option<rayon::ThreadPool>> = OnceLock::new();
    READERS
        .get_or_init(|| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(2 * rayon::current_num_threads())
                .thread_name(|i| format!("notegraph-read-{i}"))
                .build()
                .ok()
        })
        .as_ref()
}

/// What was read of a file listed under another name: the note and its
/// findings take the new one.
fn rename(read: &mut Read, name: &str) {
    match read {
        Ok((note, found)) => {
            for diagnostic in found.iter_mut().filter(|d| d.path == note.path) {
                diagnostic.path = name.to_string();
            }
            note.path = name.to_string();
        }
        Err(diagnostic) => diagnostic.path = name.to_string(),
    }
}

/// Reads the note at `abs` and parses it: the note and its findings, a
/// note over `MAX_NOTE_BYTES` without its text, or why it cannot be read.
fn read_and_parse(rel: String, abs: &Path) -> Read {
    match read_note(abs) {
        Ok((bytes, skipped)) => {
            let (note, mut found) = crate::vault::parse::parse_note(rel, bytes);
            if let Some(size) = skipped {
                found.push(Diagnostic::new(
                    &note.path,
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
            Ok((note, found))
        }
        Err(e) => Err(Diagnostic::new(
            rel,
            None,
            Severity::Error,
            DiagnosticKind::File,
            format!("cannot read file: {e}"),
        )),
    }
}

/// Reads a note, or only its size when over `MAX_NOTE_BYTES`.
///
/// Read into this reader's own buffer, then copied out at its size: no
/// `stat` to size it first (a system call a note, a twentieth of reading
/// a large vault), and no spare capacity kept with the note.
fn read_note(path: &Path) -> std::io::Result<(Vec<u8>, Option<u64>)> {
    use std::io::Read;
    thread_local! {
        static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let mut file = std::fs::File::open(path)?;
    BUFFER.with_borrow_mut(|buffer| {
        buffer.clear();
        // `take` guards against a file that grows while we read it.
        let read = (&mut file).take(MAX_NOTE_BYTES + 1).read_to_end(buffer);
        let over = buffer.len() as u64 > MAX_NOTE_BYTES;
        let bytes = (!over).then(|| buffer.to_vec());
        // A long note's room is not kept for the short ones after it.
        buffer.clear();
        buffer.shrink_to(KEPT_BUFFER_BYTES);
        read?;
        match bytes {
            Some(bytes) => Ok((bytes, None)),
            None => Ok((Vec::new(), Some(file.metadata()?.len()))),
        }
    })
}

/// The room a reader keeps between notes.
const KEPT_BUFFER_BYTES: usize = 256 * 1024;

/// Two names that are not valid UTF-8 can read the same once made valid
/// (`\xFF.md` and `\xFE.md` both read `�.md`): both are kept, the later
/// ones under a numbered name, and each says so. Returns where the files
/// renamed stand in `files`.
fn keep_lossy_twins(
    files: &mut [(String, PathBuf)],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<usize> {
    // Sorted, so twins are neighbours; nearly every vault has none, and
    // the table of names taken cost a copy of every path.
    let mut renamed_at = Vec::new();
    if !files.windows(2).any(|w| w[0].0 == w[1].0) {
        return renamed_at;
    }
    // Compare with the previous original. Every name in the vault is
    // taken, so a new name clashes with none.
    let mut taken: HashSet<String> = files.iter().map(|f| f.0.clone()).collect();
    let mut previous: Option<String> = None;
    for (at, file) in files.iter_mut().enumerate() {
        let original = file.0.clone();
        let twin = previous.as_ref() == Some(&original);
        previous = Some(original);
        if !twin {
            continue;
        }
        let (stem, ext) = file.0.rsplit_once('.').unwrap_or((&file.0, "md"));
        let (stem, ext) = (stem.to_string(), ext.to_string());
        let mut n = 2;
        while taken.contains(&format!("{stem} ({n}).{ext}")) {
            n += 1;
        }
        let renamed = format!("{stem} ({n}).{ext}");
        diagnostics.push(Diagnostic::new(
            renamed.clone(),
            None,
            Severity::Warning,
            DiagnosticKind::File,
            format!(
                "another file's name also reads `{}`; listed as `{renamed}`",
                file.0
            ),
        ));
        taken.insert(renamed.clone());
        file.0 = renamed;
        renamed_at.push(at);
    }
    renamed_at
}
