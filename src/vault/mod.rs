//! Reading a vault: files in, resolved notes out.
//!
//! `load` walks a folder and reads its notes in parallel (`walk`, the only
//! module that touches the filesystem); `Vault::from_files` does the rest
//! (`parse`: frontmatter, links, resolution) on bytes already in memory, so
//! tests and the embedded sample vault go through the same code. The types
//! are in `model`.

mod edit;
pub mod exclude;
pub mod frontmatter;
pub(crate) mod lines;
pub mod links;
mod model;
mod parse;
pub mod pictures;
pub mod pieces;
pub mod resolve;
mod sample;
pub mod status;
pub mod templates;
pub mod timing;
mod title;
mod walk;
pub mod watch;
pub mod write;

pub use exclude::Excluded;
pub use frontmatter::Frontmatter;
pub use links::{LinkSyntax, RawLink};
pub use model::{
    is_markdown_name, stem_of, strip_md_extension, EdgeKind, Link, LoadError, Note, NoteId, Origin,
    SourceFile, Target, Vault,
};
pub use templates::TemplateRule;
pub use walk::{check_shown_file, load, load_with, load_with_progress, Loading};

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
}
