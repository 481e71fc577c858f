//! The window's full-text index: built on a thread of its own once the
//! loaded vault is on screen, and on reload from the previous load's.

use crate::analysis::text::{Related, TextIndex};
use crate::vault::{NoteId, Vault};
use std::collections::HashMap;
use std::sync::Arc;

/// The full-text index of a load, and each orphan's best related notes
/// (for the Problems tab), built by a thread of its own that `start`s once
/// the window has drawn the loaded vault: started earlier, it took a core
/// from the first frames (13k notes: shown after 2.45 s instead of 1.8 s).
#[derive(Clone, Default)]
pub struct TextSlot {
    ready: Arc<std::sync::OnceLock<TextReady>>,
    /// What the thread needs, until it is started.
    pending: Arc<std::sync::Mutex<Option<TextInput>>>,
    /// The previous load's slot (live reload): its notes that did not
    /// change are not read again (`TextIndex::rebuild`).
    previous: Arc<std::sync::Mutex<Option<TextSlot>>>,
}

/// The vault to index and the orphans to find related notes for.
type TextInput = (Arc<Vault>, Vec<NoteId>);

struct TextReady {
    vault: Arc<Vault>,
    index: TextIndex,
    orphans: HashMap<NoteId, Vec<Related>>,
    /// Notes read to build it (all of them, unless it was rebuilt).
    read: usize,
}

/// Related notes listed beside each orphan.
const ORPHAN_RELATED: usize = 3;

impl TextSlot {
    pub(super) fn new(vault: Arc<Vault>, orphans: Vec<NoteId>) -> TextSlot {
        let slot = TextSlot::default();
        *slot.pending.lock().expect("not poisoned") = Some((vault, orphans));
        slot
    }

    /// Builds on `previous`, the slot of the load this one replaces: the
    /// notes it indexed and that did not change are not read again. A
    /// previous slot never started passes on (a copy of) its own previous
    /// one, so that no chain of slots builds up.
    pub fn follow(&self, previous: &TextSlot) {
        let started = previous.pending.lock().expect("not poisoned").is_none();
        let basis = if started {
            Some(previous.clone())
        } else {
            // Shared, not taken: the previous slot may still start.
            previous.previous.lock().expect("not poisoned").clone()
        };
        *self.previous.lock().expect("not poisoned") = basis;
    }

    /// Starts building the index, once.
    pub fn start(&self) {
        let Some((vault, orphans)) = self.pending.lock().expect("not poisoned").take() else {
            return;
        };
        let previous = self.previous.lock().expect("not poisoned").take();
        let filled = self.ready.clone();
        std::thread::spawn(move || {
            // Owns the previous slot, which goes (with its index) as soon as
            // the new index is built.
            let of = vault.clone();
            let work = move || Self::index(&of, previous, orphans);
            // A failed build leaves an empty index, which finds nothing,
            // rather than a search box "indexing…" for good.
            let (index, orphans, read) =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(work))
                    .unwrap_or_else(|_| (TextIndex::default(), HashMap::new(), 0));
            let _ = filled.set(TextReady {
                vault,
                index,
                orphans,
                read,
            });
        });
    }

    /// The index of `vault` (built on `previous`'s where it is ready), its
    /// related lists prepared, each orphan's related notes, and how many
    /// notes were read.
    fn index(
        vault: &Arc<Vault>,
        previous: Option<TextSlot>,
        orphans: Vec<NoteId>,
    ) -> (TextIndex, HashMap<NoteId, Vec<Related>>, usize) {
        // One thread: on the rayon pool it would take every core from the
        // window and the layout.
        let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build();
        // A previous index still building is not waited for: a thread that
        // failed would never fill it.
        let build = || match previous.as_ref().and_then(|p| p.ready.get()) {
            Some(old) => TextIndex::rebuild_counting(vault, &old.vault, &old.index),
            None => (TextIndex::build(vault), vault.notes.len()),
        };
        let (index, read) = match &pool {
            Ok(pool) => pool.install(build),
            Err(_) => build(),
        };
        drop(previous);
        match &pool {
            Ok(pool) => pool.install(|| index.prepare_related()),
            Err(_) => index.prepare_related(),
        }
        let orphans = (orphans.into_iter())
            .map(|o| (o, index.related(vault, o, ORPHAN_RELATED)))
            .collect();
        (index, orphans, read)
    }

    /// How many notes the index read (fewer than the vault's after a
    /// reload that changed few), once built.
    pub fn notes_read(&self) -> Option<usize> {
        self.ready.get().map(|t| t.read)
    }

    /// The index, once built.
    pub fn get(&self) -> Option<&TextIndex> {
        self.ready.get().map(|t| &t.index)
    }

    /// An orphan's best related notes, once the index is built.
    pub fn orphan_related(&self, note: NoteId) -> Option<&[Related]> {
        Some(self.ready.get()?.orphans.get(&note)?.as_slice())
    }

    /// Starts the build if needed and waits for it (tests, benchmarks).
    pub fn wait(&self) -> &TextIndex {
        self.start();
        &self.wait_ready().index
    }

    /// Waits for a started build.
    fn wait_ready(&self) -> &TextReady {
        // `OnceLock::wait` needs Rust 1.86; the crate builds on 1.85.
        loop {
            if let Some(ready) = self.ready.get() {
                return ready;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }
}
