//! One note's text replaced in a loaded vault: after notegraph's own write
//! into that note (`write.rs`), the window takes the new text without
//! reading the whole vault again, and ends where a fresh load would; and
//! whether a note's file still holds the text loaded.

use super::parse::parse_note;
use super::resolve::{self, Index};
use super::{NoteId, Vault};
use crate::diagnostics::{self, DiagnosticKind};

impl Vault {
    /// Makes `text` the text of note `id`: parsed and its links resolved
    /// as a load would, every other note kept. Refused (`false`, nothing
    /// changed) where a fresh load could differ elsewhere: when the edit
    /// changes what other notes' links resolve by (title, id, aliases), or
    /// when the note has a finding of its file (read limits, too many
    /// links), which a load makes outside this parse.
    pub fn replace_text(&mut self, id: NoteId, text: &str) -> bool {
        let old = &self.notes[id];
        let (mut note, mut found) = parse_note(old.path.clone(), text.as_bytes().to_vec());
        let same_names = note.title == old.title
            && note.frontmatter.id == old.frontmatter.id
            && note.frontmatter.aliases == old.frontmatter.aliases;
        let file_findings = (self.diagnostics.iter().chain(&found))
            .any(|d| d.path == old.path && d.kind == DiagnosticKind::File);
        if !same_names || file_findings {
            return false;
        }
        // Built over the old note, whose names are the new one's: every
        // target resolves as it would over the new one.
        let index = Index::with_excluded(&self.notes, &self.excluded.names);
        resolve::resolve_note(&index, id, &mut note, &mut found);
        self.diagnostics.retain(|d| d.path != note.path);
        self.diagnostics.extend(found);
        diagnostics::sort(&mut self.diagnostics);
        self.notes[id] = note;
        true
    }

    /// Whether the file of the note at `path` (vault-relative) holds the
    /// text loaded: a change the watcher saw there was this vault's own
    /// write (or none), and needs no load.
    pub fn file_holds_note(&self, path: &str) -> bool {
        let (Some(root), Some(id)) = (self.root(), self.note_by_path(path)) else {
            return false;
        };
        let Ok(bytes) = std::fs::read(root.join(path)) else {
            return false;
        };
        let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        text == self.notes[id].text.as_bytes()
    }
}

#[cfg(test)]
mod tests {
    use crate::vault::tests::vault;

    fn files(b: &str) -> [(&'static str, String); 3] {
        [
            ("a.md", "# A\n\n[[b]] [[gone]]\n".to_string()),
            ("b.md", b.to_string()),
            ("c.md", "# C\n\n[[B]]\n".to_string()),
        ]
    }

    fn load(b: &str) -> crate::vault::Vault {
        let files = files(b);
        let pairs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
        vault(&pairs)
    }

    /// A status added, a box ticked, a link added and one broken: the
    /// vault equals a fresh load of the new text.
    #[test]
    fn a_replaced_note_reads_as_a_fresh_load() {
        let before = "# B\n\n[[a]]\n\n- [ ] box\n";
        for after in [
            "---\nstatus: learned\n---\n# B\n\n[[a]]\n\n- [ ] box\n",
            "# B\n\n[[a]]\n\n- [x] box\n",
            "# B\n\n[[a]] [[c]] [[nowhere]]\n",
        ] {
            let mut edited = load(before);
            assert!(edited.replace_text(1, after), "{after:?}");
            let fresh = load(after);
            let note = (&edited.notes[1], &fresh.notes[1]);
            assert_eq!(note.0.text, note.1.text);
            assert_eq!(note.0.body_offset, note.1.body_offset);
            assert_eq!(note.0.frontmatter.status, note.1.frontmatter.status);
            assert_eq!(note.0.links, note.1.links);
            assert_eq!(edited.diagnostics, fresh.diagnostics, "{after:?}");
        }
    }

    /// A new title, alias or id changes what `[[B]]` finds: left to a full load.
    #[test]
    fn a_change_of_names_is_refused() {
        let mut v = load("# B\n");
        for after in [
            "---\ntitle: Other\n---\n# B\n",
            "---\naliases: [x]\n---\n# B\n",
            "---\nid: b2\n---\n# B\n",
        ] {
            assert!(!v.replace_text(1, after), "{after:?}");
            assert_eq!(v.notes[1].text, "# B\n");
        }
    }

    /// The file as loaded, a byte order mark aside, holds the note; any
    /// other text, or no file, does not.
    #[test]
    fn a_file_holds_the_note_until_it_changes() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "\u{FEFF}# A\n").unwrap();
        let v = crate::vault::load(dir.path()).unwrap();
        assert!(v.file_holds_note("a.md"));
        assert!(!v.file_holds_note("b.md"));
        std::fs::write(dir.path().join("a.md"), "# A\nmore\n").unwrap();
        assert!(!v.file_holds_note("a.md"));
    }
}
