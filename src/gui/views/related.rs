//! "Related by content" in the note panel: the notes whose words are most
//! alike (the full-text index's cosine of BM25-weighted terms), each with
//! the words they share, marked "not linked yet" where no link joins the
//! two either way, with a ready link to copy. notegraph writes nothing.

use super::memo::Memo;
use super::widgets::note_link;
use crate::analysis::text::Related;
use crate::gui::command::Command;
use crate::gui::model::Loaded;
use crate::vault::links::LinkSyntax;
use crate::vault::{Note, NoteId, Vault};
use egui::{RichText, Ui};

/// Related notes listed per note.
const LISTED: usize = 10;

#[derive(Default)]
pub struct RelatedView {
    /// Hide the notes a link already joins to this one.
    only_unlinked: bool,
    /// The list by (load, note); empty until the index is built.
    list: Memo<(u64, NoteId, bool), Vec<(Related, bool)>>,
    /// Whether the vault writes wikilinks (else relative Markdown links).
    wiki: Memo<u64, bool>,
}

impl RelatedView {
    pub fn show(&mut self, ui: &mut Ui, loaded: &Loaded, note: NoteId, out: &mut Vec<Command>) {
        let ready = loaded.text.get().is_some();
        let list = self.list.get((loaded.generation, note, ready), || {
            let Some(index) = loaded.text.get() else {
                return Vec::new();
            };
            (index.related(&loaded.vault, note, LISTED).into_iter())
                .map(|r| {
                    let linked = loaded.graph.linked(note, r.note);
                    (r, linked)
                })
                .collect()
        });
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            ui.label(RichText::new("Related by content").strong());
            ui.checkbox(&mut self.only_unlinked, "not linked yet only");
        });
        if !ready {
            ui.label(RichText::new("indexing the notes' text…").weak());
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(200));
            return;
        }
        if list.is_empty() {
            ui.label(RichText::new("no note shares enough words with this one").weak())
                .on_hover_text(
                    "Notes alike to a tenth of the vault or more are listed only after five others",
                );
            return;
        }
        let wiki = *self
            .wiki
            .get(loaded.generation, || writes_wikilinks(&loaded.vault));
        let notes = &loaded.vault.notes;
        for (r, linked) in list.iter().filter(|(_, l)| !(self.only_unlinked && *l)) {
            ui.horizontal_wrapped(|ui| {
                ui.add_space(8.0);
                note_link(ui, loaded, out, r.note);
                if !linked {
                    let warn = ui.visuals().warn_fg_color;
                    ui.label(RichText::new("not linked yet").small().color(warn));
                    let link = link_text(&notes[note], &notes[r.note], wiki);
                    let copy = ui.small_button("copy link");
                    if copy.on_hover_text(format!("Copy {link}")).clicked() {
                        ui.ctx().copy_text(link);
                    }
                }
                let shares = format!("shares: {}", r.shared.join(", "));
                ui.label(RichText::new(shares).weak());
            });
        }
    }
}

/// Whether the vault's notes link with `[[…]]` more than with `[…](…)`.
fn writes_wikilinks(vault: &Vault) -> bool {
    let (mut wiki, mut markdown) = (0usize, 0usize);
    for link in vault.notes.iter().flat_map(|n| &n.links) {
        match link.raw.syntax {
            LinkSyntax::Markdown => markdown += 1,
            _ => wiki += 1,
        }
    }
    wiki >= markdown
}

/// A link from `from` to `to` as the vault writes them: `[[name|Title]]`
/// (the title only where it differs from the file name), or a relative
/// Markdown link.
pub fn link_text(from: &Note, to: &Note, wiki: bool) -> String {
    if wiki {
        let name = to.stem();
        return if name == to.title {
            format!("[[{name}]]")
        } else {
            format!("[[{name}|{}]]", to.title)
        };
    }
    let from_dirs: Vec<&str> = from.folder().split('/').filter(|s| !s.is_empty()).collect();
    let to_parts: Vec<&str> = to.path.split('/').collect();
    let shared = (from_dirs.iter().zip(&to_parts))
        .take_while(|(a, b)| a == b)
        .count();
    let mut path = "../".repeat(from_dirs.len() - shared);
    path.push_str(&to_parts[shared..].join("/"));
    format!("[{}]({})", to.title, path.replace(' ', "%20"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::{Origin, SourceFile, Vault};

    #[test]
    fn links_are_written_as_the_vault_writes_them() {
        let files = [
            ("net/tcp-ip.md", "---\ntitle: TCP/IP\n---\n"),
            ("db/deep/raft.md", "# raft\n"),
            ("db/paxos notes.md", "---\ntitle: Paxos\n---\n"),
        ];
        let v = Vault::from_files(
            Origin::Embedded,
            (files.iter())
                .map(|(p, t)| SourceFile {
                    path: p.to_string(),
                    bytes: t.as_bytes().to_vec(),
                })
                .collect(),
        );
        let n = |p: &str| &v.notes[v.note_by_path(p).unwrap()];
        let (raft, tcp, paxos) = (
            n("db/deep/raft.md"),
            n("net/tcp-ip.md"),
            n("db/paxos notes.md"),
        );
        assert_eq!(link_text(raft, tcp, true), "[[tcp-ip|TCP/IP]]");
        assert_eq!(link_text(tcp, raft, true), "[[raft]]");
        assert_eq!(link_text(raft, tcp, false), "[TCP/IP](../../net/tcp-ip.md)");
        assert_eq!(
            link_text(raft, paxos, false),
            "[Paxos](../paxos%20notes.md)"
        );
        assert_eq!(link_text(paxos, raft, false), "[raft](deep/raft.md)");
    }
}
