//! Where a link clicked in a note body leads: a note of this vault, a web
//! page, or nowhere (refused). Pure, so that it is tested without a window.

use super::markdown::{LINK_SCHEME, NOTE_SCHEME, TAG_SCHEME};
use crate::vault::{LinkSyntax, Note, NoteId, Target};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Click {
    Note(NoteId),
    /// An inline `#tag`: filter the graph by it.
    Tag(String),
    /// The link names a note that does not exist.
    Missing,
    /// The link names a file left out of the graph, by its index in
    /// `Vault::excluded`.
    Excluded(usize),
    /// http, https or mailto: for the browser.
    Web,
    /// Anything else: never opened.
    Refused,
}

/// Resolves `url`, clicked in `note`'s body, exactly as the loader
/// resolved the note's links; `notes` is how many notes the vault has.
pub fn follow(note: &Note, url: &str, notes: usize) -> Click {
    if let Some(id) = url.strip_prefix(NOTE_SCHEME) {
        return match id.parse::<usize>() {
            Ok(id) if id < notes => Click::Note(id),
            _ => Click::Refused,
        };
    }
    if let Some(tag) = url.strip_prefix(TAG_SCHEME) {
        let tag = percent_encoding::percent_decode_str(tag).decode_utf8_lossy();
        return Click::Tag(tag.into_owned());
    }
    let target = if let Some(index) = url.strip_prefix(LINK_SCHEME) {
        index
            .parse::<usize>()
            .ok()
            .and_then(|i| note.links.get(i))
            .map(|l| &l.target)
    } else {
        let lower = url.to_ascii_lowercase();
        if ["http://", "https://", "mailto:"]
            .iter()
            .any(|p| lower.starts_with(p))
        {
            return Click::Web;
        }
        let path = url.split(['#', '?']).next().unwrap_or(url);
        let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
        note.links
            .iter()
            .find(|l| l.raw.syntax == LinkSyntax::Markdown && *l.raw.target == *decoded)
            .map(|l| &l.target)
    };
    match target {
        Some(Target::Note(id)) => Click::Note(*id),
        Some(Target::Missing(_)) => Click::Missing,
        Some(Target::Excluded(i)) => Click::Excluded(*i),
        None => Click::Refused,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::tests::vault;

    #[test]
    fn notes_open_web_links_go_out_and_the_rest_is_refused() {
        let v = vault(&[
            ("a.md", "[[b]] and [c](c.md) and [gone](nope.md)"),
            ("b.md", ""),
            ("c.md", ""),
        ]);
        let a = &v.notes[v.note_by_path("a.md").unwrap()];
        let b = v.note_by_path("b.md").unwrap();
        let c = v.note_by_path("c.md").unwrap();
        let n = v.notes.len();
        assert_eq!(follow(a, &format!("{LINK_SCHEME}0"), n), Click::Note(b));
        assert_eq!(follow(a, "c.md#part", n), Click::Note(c));
        assert_eq!(follow(a, "nope.md", n), Click::Missing);
        assert_eq!(follow(a, "HTTPS://example.org", n), Click::Web);
        assert_eq!(follow(a, &format!("{NOTE_SCHEME}{c}"), n), Click::Note(c));
        let tag = Click::Tag("lang/rust".into());
        assert_eq!(follow(a, "notegraph:tag/lang%2Frust", n), tag);
        for refused in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "d.md",
            "notegraph:link/9",
            "notegraph:note/99",
        ] {
            assert_eq!(follow(a, refused, n), Click::Refused, "{refused}");
        }
    }
}
