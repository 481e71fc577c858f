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
pub use query::{Phrase, Query};
pub use related::Related;
pub use run::{frontmatter_status, Hit, SearchResults};
pub use snippet::Snippet;

#[cfg(test)]
mod tests;
