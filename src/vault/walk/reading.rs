//! Reading the notes while the folder is still being listed: each file
//! found goes to a reader at once, so that no core waits for the walk.

use super::{walk, MAX_NOTE_BYTES};
use crate::diagnostics::{Diagnostic, DiagnosticKind, Severity};
use crate::vault::Note;
use std::collections::HashSet;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

/// A file read and parsed, with its findings, or why it cannot be read.
pub(super) type Read = Result<(Note, Vec<Diagnostic>), Diagnostic>;

/// Lists the notes under `root` (canonical) and reads and parses each as
/// soon as it is listed. Returns what reading each gave, in the order of
/// their vault-relative paths; names made valid UTF-8 that clash are told
/// apart. `progress` hears (files read, files listed so far) as it goes.
pub(super) fn read_while_listing(
    root: &Path,
    diagnostics: &mut Vec<Diagnostic>,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> std::io::Result<Vec<Read>> {
    let read: Mutex<Vec<(usize, Read)>> = Mutex::new(Vec::new());
    let (done, listed) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let walked = {
        let (read, done, listed) = (&read, &done, &listed);
        in_readers(|scope| {
            walk(root, diagnostics, &mut |rel, abs| {
                let index = listed.fetch_add(1, Ordering::Relaxed);
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
    let total = listed.load(Ordering::Relaxed);
    progress(total, total);
    let mut read = read.into_inner().unwrap_or_else(|e| e.into_inner());
    // In the order of the paths, as the vault keeps its notes; names that
    // read alike in the order they were listed (folder by folder, by name).
    read.sort_unstable_by(|(i, a), (j, b)| path_of(a).cmp(path_of(b)).then(i.cmp(j)));
    let mut read: Vec<Read> = read.into_iter().map(|(_, read)| read).collect();
    keep_lossy_twins(&mut read, diagnostics);
    Ok(read)
}

/// The vault-relative path of a file read.
pub(super) fn path_of(read: &Read) -> &str {
    match read {
        Ok((note, _)) => &note.path,
        Err(diagnostic) => &diagnostic.path,
    }
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
/// ones under a numbered name, and each says so.
fn keep_lossy_twins(files: &mut [Read], diagnostics: &mut Vec<Diagnostic>) {
    // Sorted, so twins are neighbours; nearly every vault has none, and
    // the table of names taken cost a copy of every path.
    if !files.windows(2).any(|w| path_of(&w[0]) == path_of(&w[1])) {
        return;
    }
    // Compare with the previous original. Every name in the vault is
    // taken, so a new name clashes with none.
    let mut taken: HashSet<String> = files.iter().map(|f| path_of(f).to_string()).collect();
    let mut previous: Option<String> = None;
    for file in files.iter_mut() {
        let original = path_of(file).to_string();
        let twin = previous.as_ref() == Some(&original);
        previous = Some(original.clone());
        if !twin {
            continue;
        }
        let (stem, ext) = original.rsplit_once('.').unwrap_or((&original, "md"));
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
            format!("another file's name also reads `{original}`; listed as `{renamed}`"),
        ));
        taken.insert(renamed.clone());
        rename(file, &renamed);
    }
}
