//! The window's full-text index: built on a thread of its own once the
//! loaded vault is on screen, and on reload from the previous load's.

use super::later::Later;
use crate::analysis::text::{Related, TextIndex};
use crate::vault::{NoteId, Vault};
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

/// The full-text index of a load, and each orphan's best related notes
/// (for the Problems tab), worked out (`Later`) once the window has drawn
/// the loaded vault: started earlier, it took a core from the first frames
/// (13k notes: shown after 2.45 s instead of 1.8 s).
#[derive(Clone)]
pub struct TextSlot {
    work: Later<TextReady>,
    /// The previous load's slot (live reload): its notes that did not
    /// change are not read again (`TextIndex::rebuild`). Taken when the
    /// work starts.
    previous: Arc<Mutex<Option<TextSlot>>>,
}

struct TextReady {
    vault: Arc<Vault>,
    index: TextIndex,
    orphans: HashMap<NoteId, Vec<Related>>,
    /// Notes read to build it (all of them, unless it was rebuilt).
    read: usize,
}

/// Related notes listed beside each orphan.
const ORPHAN_RELATED: usize = 3;

/// What a failed build leaves: an index that finds nothing, rather than a
/// search box "indexing…" for good.
static EMPTY: LazyLock<TextIndex> = LazyLock::new(TextIndex::default);

impl TextSlot {
    pub(super) fn new(vault: Arc<Vault>, orphans: Vec<NoteId>) -> TextSlot {
        let previous: Arc<Mutex<Option<TextSlot>>> = Arc::default();
        let basis = previous.clone();
        let work = Later::new(move || {
            // Owned here, so that the previous slot goes (with its index)
            // as soon as the new index is built.
            let previous = basis.lock().expect("not poisoned").take();
            let (index, orphans, read) = TextSlot::index(&vault, previous, orphans);
            TextReady {
                vault,
                index,
                orphans,
                read,
            }
        });
        TextSlot { work, previous }
    }

    /// Builds on `previous`, the slot of the load this one replaces: the
    /// notes it indexed and that did not change are not read again. A
    /// previous slot never started passes on (a copy of) its own previous
    /// one, so that no chain of slots builds up.
    pub fn follow(&self, previous: &TextSlot) {
        let basis = if previous.work.started() {
            Some(previous.clone())
        } else {
            // Shared, not taken: the previous slot may still start.
            previous.previous.lock().expect("not poisoned").clone()
        };
        *self.previous.lock().expect("not poisoned") = basis;
    }

    /// Starts building the index, once.
    pub fn start(&self) {
        self.work.start(|| {});
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
        let build = move || {
            let (index, read) = match previous.as_ref().and_then(|p| p.work.get()) {
                Some(old) => TextIndex::rebuild_counting(vault, &old.vault, &old.index),
                None => (TextIndex::build(vault), vault.notes.len()),
            };
            // The previous index goes before the related lists are made.
            drop(previous);
            index.prepare_related();
            (index, read)
        };
        let (index, read) = match &pool {
            Ok(pool) => pool.install(build),
            Err(_) => build(),
        };
        let orphans = (orphans.into_iter())
            .map(|o| (o, index.related(vault, o, ORPHAN_RELATED)))
            .collect();
        (index, orphans, read)
    }

    /// How many notes the index read (fewer than the vault's after a
    /// reload that changed few), once built.
    pub fn notes_read(&self) -> Option<usize> {
        self.work.get().map(|t| t.read)
    }

    /// The index, once built (an empty one if the build failed).
    pub fn get(&self) -> Option<&TextIndex> {
        match self.work.get() {
            Some(ready) => Some(&ready.index),
            None => self.work.finished().then(|| &*EMPTY),
        }
    }

    /// An orphan's best related notes, once the index is built.
    pub fn orphan_related(&self, note: NoteId) -> Option<&[Related]> {
        Some(self.work.get()?.orphans.get(&note)?.as_slice())
    }

    /// Starts the build if needed and waits for it (tests, benchmarks).
    pub fn wait(&self) -> &TextIndex {
        match self.work.wait() {
            Some(ready) => &ready.index,
            None => &EMPTY,
        }
    }
}
