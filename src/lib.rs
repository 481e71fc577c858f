//! notegraph: turn a folder of Markdown notes into a knowledge graph.
//!
//! The crate is layered (see ARCHITECTURE.md): `vault` reads files and
//! resolves links, `graph` builds the petgraph model, `analysis` answers
//! questions about it, `export` writes it out, `layout` places it,
//! `workspace` holds a loaded vault with its options and notegraph's own
//! data, and `cli` / `gui` are the two front ends on it.

pub mod analysis;
pub mod cli;
pub mod diagnostics;
pub mod export;
pub mod graph;
#[cfg(feature = "gui")]
pub mod gui;
pub mod layout;
pub mod output;
pub mod palette;
pub mod vault;
pub mod workspace;

pub use diagnostics::{Diagnostic, Severity};
pub use graph::NoteGraph;
pub use vault::{EdgeKind, Vault};
