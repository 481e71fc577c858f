//! Reading the notes while the folder is still being listed: each file
//! found goes to a reader at once, so that no core waits for the walk.

use super::{walk, MAX_NOTE_BYTES};
use crate::diagnostics::{Diagnostic, DiagnosticKind, Severity};
use crate::vault::Note;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

/// A file read and parsed, with its findings, or why it cannot be read.
pub(super) type Read = Result<(Note, Vec<Diagnostic>), Diagnostic>;

/// A `Read` as the readers hand it in: boxed, as a note is hundreds of
/// bytes, and the gathering, its sort and the split into notes and
/// findings would each move all of them.
pub(super) struct Gathered(Box<Read>);

/// Lists the notes under `root` (canonical) and reads and parses each as
/// soon as it is listed. Returns what reading each gave, in the order of
/// their vault-relative paths. A name that is not valid UTF-8 is read
/// last, once every name is known, under a name of its own if another
/// reads the same (`Twins`). `progress` hears (files read, files listed
/// so far) as it goes.
pub(super) fn read_while_listing(
    root: &Path,
    diagnostics: &mut Vec<Diagnostic>,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> std::io::Result<Vec<Gathered>> {
    let read: Mutex<Vec<Gathered>> = Mutex::new(Vec::new());
    let (done, listed) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let mut twins = Twins::default();
    let walked = {
        let (read, done, listed) = (&read, &done, &listed);
        in_readers(|scope| {
            let read_one = |rel: String, abs: PathBuf| {
                listed.fetch_add(1, Ordering::Relaxed);
                scope.spawn_fifo(move |_| {
                    let result = Gathered(Box::new(read_and_parse(rel, &abs)));
                    read.lock().unwrap_or_else(|e| e.into_inner()).push(result);
                    let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                    if n % 256 == 0 {
                        progress(n, listed.load(Ordering::Relaxed));
                    }
                })
            };
            let walked = walk(root, diagnostics, &mut |rel, abs| {
                if let Some((rel, abs)) = twins.list(rel, abs) {
                    read_one(rel, abs);
                }
            });
            for (rel, abs) in twins.named(diagnostics) {
                read_one(rel, abs);
            }
            walked
        })
    };
    walked?;
    let total = listed.load(Ordering::Relaxed);
    progress(total, total);
    let mut read = read.into_inner().unwrap_or_else(|e| e.into_inner());
    // In the order of the paths, as the vault keeps its notes.
    read.par_sort_unstable_by(|a, b| path_of(a).cmp(path_of(b)));
    Ok(read)
}

/// The notes read, each with its findings, in the order of `read`; the
/// files that could not be read are told in `diagnostics`.
pub(super) fn into_notes(
    read: Vec<Gathered>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<Note>, Vec<Vec<Diagnostic>>) {
    let (notes, unread): (Vec<Gathered>, Vec<Gathered>) =
        read.into_par_iter().partition(|read| read.0.is_ok());
    diagnostics.extend(unread.into_iter().filter_map(|read| (*read.0).err()));
    // Each note moved once, into its place, on every core.
    (notes.into_par_iter())
        .map(|read| match *read.0 {
            Ok(note) => note,
            Err(_) => unreachable!("the unread were taken out above"),
        })
        .unzip()
}

/// The vault-relative path of a file read.
pub(super) fn path_of(read: &Gathered) -> &str {
    match &*read.0 {
        Ok((note, _)) => &note.path,
        Err(diagnostic) => &diagnostic.path,
    }
}

/// Runs `op` on this thread with a scope whose jobs run on the readers,
/// or on the pool this thread works for, if it does (a test's, or a
/// caller's that set its own number of threads).
fn in_readers<'scope, R>(op: impl FnOnce(&rayon::ScopeFifo<'scope>) -> R) -> R {
    match readers().filter(|_| rayon::current_thread_index().is_none()) {
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
/// A note up to `SHORT_NOTE_BYTES` (nearly every one) is read into this
/// reader's own buffer, then copied out at its size: no `stat` to size it
/// first (a system call a note, a twentieth of reading a large vault).
/// A longer one is sized, and read whole only within the limit.
fn read_note(path: &Path) -> std::io::Result<(Vec<u8>, Option<u64>)> {
    use std::io::Read;
    thread_local! {
        static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let mut file = std::fs::File::open(path)?;
    let start = BUFFER.with_borrow_mut(|buffer| {
        buffer.clear();
        buffer.reserve(SHORT_NOTE_BYTES as usize);
        (&mut file).take(SHORT_NOTE_BYTES).read_to_end(buffer)?;
        Ok::<_, std::io::Error>(buffer.to_vec())
    })?;
    if (start.len() as u64) < SHORT_NOTE_BYTES {
        return Ok((start, None));
    }
    let size = file.metadata()?.len();
    if size > MAX_NOTE_BYTES {
        return Ok((Vec::new(), Some(size)));
    }
    let mut bytes = Vec::with_capacity(size as usize + 1);
    bytes.extend_from_slice(&start);
    // `take` guards against a file that grows while we read it.
    let left = (MAX_NOTE_BYTES + 1).saturating_sub(bytes.len() as u64);
    file.take(left).read_to_end(&mut bytes)?;
    Ok((bytes, None))
}

/// Notes up to this size are read without asking their size first.
const SHORT_NOTE_BYTES: u64 = 256 * 1024;

/// Names that are not valid UTF-8, kept back until the walk ends: made
/// valid, two can read the same (`\xFF.md` and `\xFE.md` both read
/// `�.md`), or read as a valid name does. Each keeps its own name where
/// none other reads the same, else takes a numbered one, and says so;
/// valid names are never changed, so links to them hold.
#[derive(Default)]
struct Twins {
    /// Names made valid, as listed.
    held: Vec<(String, PathBuf)>,
    /// Valid names listed that could read as one made valid: with `�`.
    taken: HashSet<String>,
}

impl Twins {
    /// The file to read now, or `None` when it is held back.
    fn list(&mut self, rel: String, abs: PathBuf) -> Option<(String, PathBuf)> {
        if abs.to_str().is_none() {
            self.held.push((rel, abs));
            return None;
        }
        if rel.contains(char::REPLACEMENT_CHARACTER) {
            self.taken.insert(rel.clone());
        }
        Some((rel, abs))
    }

    /// The files held back, each under the name it is read by.
    fn named(&mut self, diagnostics: &mut Vec<Diagnostic>) -> Vec<(String, PathBuf)> {
        if self.held.is_empty() {
            return Vec::new();
        }
        // The walk's word on each name made valid, to go with the file;
        // and the next number to try for each name: many files can read
        // the same, and neither may cost a search per file.
        let mut invalid: HashMap<String, Vec<usize>> = HashMap::new();
        for (at, d) in diagnostics.iter().enumerate() {
            if d.message == super::NOT_UTF8 {
                invalid.entry(d.path.clone()).or_default().push(at);
            }
        }
        let mut next: HashMap<String, usize> = HashMap::new();
        let mut named = Vec::new();
        for (rel, abs) in std::mem::take(&mut self.held) {
            if self.taken.insert(rel.clone()) {
                named.push((rel, abs));
                continue;
            }
            let (stem, ext) = rel.rsplit_once('.').unwrap_or((&rel, "md"));
            let numbered = |n: usize| format!("{stem} ({n}).{ext}");
            let from = next.get(&rel).copied().unwrap_or(2);
            let n = (from..).find(|&n| !self.taken.contains(&numbered(n)));
            let n = n.unwrap_or(from);
            let renamed = numbered(n);
            next.insert(rel.clone(), n + 1);
            diagnostics.push(Diagnostic::new(
                renamed.clone(),
                None,
                Severity::Warning,
                DiagnosticKind::File,
                format!("another file's name also reads `{rel}`; listed as `{renamed}`"),
            ));
            if let Some(at) = invalid.get_mut(&rel).and_then(Vec::pop) {
                diagnostics[at].path = renamed.clone();
            }
            self.taken.insert(renamed.clone());
            named.push((renamed, abs));
        }
        named
    }
}
