//! Full-text search over a vault's notes, and related notes.
//!
//! Pure and deterministic: `TextIndex::build(&Vault)` reads every note's
//! plain text (`plain.rs`: what a reader sees, no code blocks, HTML or
//! frontmatter but the title, aliases and id) through one tokenizer for
//! every script (`tokens.rs`), into an inverted index (`index.rs`) ranked
//! by BM25 with title hits weighted up. `Query::parse` reads the query
//! language (`query.rs`); `TextIndex::search` runs it (`run.rs`) and cuts
//! snippets for the hits it returns (`snippet.rs`); `TextIndex::related`
//! finds similar notes (`related.rs`).
//!
//! Memory: the index keeps no token positions, only compressed postings,
//! a sorted dictionary and a pruned vector per note, well under the size
//! of the notes' text; phrases are checked by reading candidate notes again.

mod index;
mod pairs;
mod plain;
mod query;
mod related;
mod run;
mod snippet;
pub mod tokens;

pub use index::{TextIndex, TITLE_WEIGHT};
pub use query::{Phrase, Query};
pub use related::Related;
pub use run::{frontmatter_status, Hit, SearchResults};
pub use snippet::{Snippet, SNIPPET_CHARS};

#[cfg(test)]
mod tests;
