//! Full-text search over a vault's notes, and related notes.
//!
//! Pure and deterministic: `TextIndex::build(&Vault)` reads every note's
//! plain text (`plain.rs`: what a reader sees, no code blocks, HTML or
//! frontmatter but the title, aliases and id) through one tokenizer for
//! every script (`tokens.rs`), into an inverted index (`index.rs`) ranked
//! by BM25 with title hits weighted up. `Query::parse` reads the query
//! language (`query.rs`); `TextIndex::search` runs it (`run.rs`) and cuts
//! snippets for the hits it returns (`snippet.rs`); `TextIndex::related`
//! finds similar notes (`related.rs`). On reload, `TextIndex::rebuild`
//! reads again only the notes whose text changed (`update.rs`).
//!
//! Memory: the index keeps no token positions, only compressed postings,
//! a sorted dictionary and a pruned vector per note, well under the size
//! of the notes' text; phrases are checked by reading candidate notes again,
//! after per-note Bloom filters of adjacent token pairs (`pairs.rs`) have
//! ruled most out.
//!
//! Why not a crate: `bm25` (2.3) embeds each text as a bag of hashed
//! tokens (fxhash, so collisions are possible) and scores whole queries;
//! its default tokenizer transliterates with deunicode (Chinese becomes
//! pinyin-like ASCII, no bigrams) and splits by UAX 29 words; it keeps no
//! positions or offsets, so it has no phrases, no prefixes and no
//! snippets, and it stores a copy of every document. Tantivy does all of
//! it but is a large dependency with its own storage, for a few thousand
//! notes. `rust-stemmers` (Snowball, pure Rust, serde only) is used for the
//! English and Russian stems.

mod crowd;
pub mod emphasis;
mod index;
mod pairs;
mod phrases;
mod plain;
mod query;
mod reading;
mod related;
mod run;
mod snippet;
pub mod tokens;
mod update;
mod vectors;

pub use index::TextIndex;
pub use plain::{walk, Found};
pub use query::{Phrase, Query};
pub use related::Related;
pub use run::{frontmatter_status, Hit, SearchResults};
pub use snippet::Snippet;

use crate::vault::{NoteId, Vault};

// What the index can do, in one place: each hands over to the file that
// does it (index.rs keeps what the index is and reads), so that those
// files depend on the index and not the index on them.
impl TextIndex {
    /// Reads every note (in parallel) and builds the index, with its
    /// related-note vectors. The same vault always gives the same index.
    pub fn build(vault: &Vault) -> TextIndex {
        let (mut index, ids) = TextIndex::without_vectors(vault);
        index.related = related::vectors(&index, &ids);
        index
    }

    /// The index of `vault`, reusing `old`, the index of `old_vault`, for
    /// every note whose path and text are the same in both (`update.rs`).
    /// The result is the index `build` gives (a test compares them).
    pub fn rebuild(vault: &Vault, old_vault: &Vault, old: &TextIndex) -> TextIndex {
        update::rebuild(vault, old_vault, old).0
    }

    /// `rebuild`, and how many notes it read again.
    pub fn rebuild_counting(
        vault: &Vault,
        old_vault: &Vault,
        old: &TextIndex,
    ) -> (TextIndex, usize) {
        update::rebuild(vault, old_vault, old)
    }

    /// The notes matching `query`, best first: by BM25 when it has words
    /// or phrases, else by title (`run.rs`). `status_of` gives each note's
    /// status as the caller sees it (`frontmatter_status` by default).
    /// Snippets are made for the `limit` hits returned only.
    pub fn search(
        &self,
        vault: &Vault,
        query: &Query,
        status_of: &dyn Fn(NoteId) -> Option<String>,
        limit: usize,
    ) -> SearchResults {
        run::search(self, vault, query, status_of, limit)
    }

    /// The `k` notes most like `note`, best first (ties by note id), each
    /// with up to three shared terms (`related.rs`). Whether they are
    /// linked is for the caller to show.
    pub fn related(&self, vault: &Vault, note: NoteId, k: usize) -> Vec<Related> {
        related::related(self, vault, note, k)
    }

    /// Shares out the related lists' first places now (`crowd.rs`; the
    /// window calls it on the indexing thread, so that the first list
    /// asked for is quick).
    pub fn prepare_related(&self) {
        let _ = crowd::uncrowded(self);
    }

    /// The most of the first places one note may take (`None` past
    /// `crowd::UNCROWDED_MAX_NOTES`), for reports.
    pub fn related_cap(&self) -> Option<usize> {
        crowd::uncrowded(self).map(|u| u.cap)
    }
}

#[cfg(test)]
mod tests;
