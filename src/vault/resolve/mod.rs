//! Turning link targets into notes, through indexes (no O(n²) step).
//!
//! Markdown links: relative to the linking note, then from the vault root,
//! then case-insensitively, then by a unique file name anywhere.
//! Wikilinks: vault path, path suffix or file stem (ignoring case), then
//! frontmatter `id`, `title`, `aliases`; Dendron's `[[label|target]]` order is
//! accepted when only the second part resolves.

mod index;
mod paths;
mod table;

pub use index::Index;
pub use paths::normalize;

use super::{EdgeKind, Note, NoteId, RawLink, Target};
use crate::diagnostics::{Diagnostic, DiagnosticKind, Severity};

/// Resolves every link of every note, and reports what does not resolve.
/// A link to one of the files left out (`excluded`, by their names)
/// resolves to it, as `Target::Excluded`.
pub fn resolve_all(notes: &mut [Note], excluded: &[Note], diagnostics: &mut Vec<Diagnostic>) {
    let mut phases = super::timing::Phases::start("read");
    let results: Vec<Resolved> = {
        let index = Index::with_excluded(notes, excluded);
        phases.done("index the names");
        let results = (0..notes.len())
            .into_par_iter()
            .map(|from| resolve_links(&index, from, &notes[from]))
            .collect();
        phases.done("resolve the links");
        results
    };
    // On every core, each note's findings in its own list, joined in note
    // order: as one loop this was a tenth of reading a large vault.
    use rayon::prelude::*;
    let found: Vec<Vec<Diagnostic>> = (notes.par_iter_mut().zip(results))
        .map(|(note, results)| {
            let mut found = Vec::new();
            set_targets(note, results, &mut found);
            found
        })
        .collect();
    diagnostics.extend(found.into_iter().flatten());
    phases.done("set the targets");
}

/// Resolves the links of `note`, which stands at `from` among the notes
/// `index` was built over with the same path, title, id and aliases (a
/// note edited in place: `Vault::replace_text`).
pub fn resolve_note(
    index: &Index,
    from: NoteId,
    note: &mut Note,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let results = resolve_links(index, from, note);
    set_targets(note, results, diagnostics);
}

type Resolved = Vec<(Target, Option<Diagnostic>)>;

fn resolve_links(index: &Index, from: NoteId, note: &Note) -> Resolved {
    (note.links.iter())
        .map(|link| resolve_one(index, from, &link.raw))
        .collect()
}

fn set_targets(note: &mut Note, results: Resolved, diagnostics: &mut Vec<Diagnostic>) {
    let mut listed = 0usize;
    for (link, (target, diagnostic)) in note.links.iter_mut().zip(results) {
        link.target = target;
        if let Some(diagnostic) = diagnostic {
            if listed < MAX_LINK_DIAGNOSTICS_PER_NOTE {
                diagnostics.push(diagnostic);
            }
            listed += 1;
        }
    }
    if let Some(more) = listed.checked_sub(MAX_LINK_DIAGNOSTICS_PER_NOTE + 1) {
        diagnostics.push(Diagnostic::new(
            &note.path,
            None,
            Severity::Warning,
            DiagnosticKind::UnresolvedLink,
            format!(
                "{} more unresolved or ambiguous links in this note are not listed",
                more + 1
            ),
        ));
    }
}

/// Unresolved or ambiguous links reported one by one per note; the rest
/// are counted in one line, so that a note of 50,000 dead links gives
/// `check` a screenful, not megabytes (the links still load, as ghosts).
pub const MAX_LINK_DIAGNOSTICS_PER_NOTE: usize = 100;

fn resolve_one(index: &Index, from: NoteId, raw: &RawLink) -> (Target, Option<Diagnostic>) {
    let path = &index.note(from).path;
    match index.resolve(from, raw) {
        Some(found) => {
            let diagnostic = (found.count > 1).then(|| {
                let names: Vec<&str> = found
                    .first
                    .iter()
                    .map(|&id| index.note(id).path.as_str())
                    .collect();
                Diagnostic::new(
                    path,
                    Some(raw.line),
                    Severity::Warning,
                    DiagnosticKind::AmbiguousLink,
                    format!(
                        "link `{}` matches {} notes ({}{}); using {}",
                        raw.target,
                        found.count,
                        names.join(", "),
                        if found.count > 4 { ", ..." } else { "" },
                        index.note(found.note).path
                    ),
                )
            });
            let target = match found.note.checked_sub(index.kept()) {
                Some(left_out) => Target::Excluded(left_out),
                None => Target::Note(found.note),
            };
            (target, diagnostic)
        }
        None => {
            let what = match raw.kind {
                EdgeKind::Mention => "link".to_string(),
                kind => format!("{} link", kind.as_str()),
            };
            let diagnostic = Diagnostic::new(
                path,
                Some(raw.line),
                Severity::Warning,
                DiagnosticKind::UnresolvedLink,
                format!("unresolved {what} `{}`: no such note", raw.target),
            );
            (
                Target::Missing(index.ghost_key(from, raw).into_boxed_str()),
                Some(diagnostic),
            )
        }
    }
}

/// Re-export for callers that hold a vault: find a note by user-given name.
pub fn find_note(notes: &[Note], name: &str) -> Option<NoteId> {
    Index::new(notes).find_by_name(name)
}

#[cfg(test)]
mod tests {
    use crate::vault::tests::vault;
    use crate::vault::{Target, Vault};

    /// Resolves the first link of the first note (`from.md` unless given).
    fn check(files: &[(&str, &str)], from: &str, expect: Option<&str>) {
        let v = vault(files);
        let note = v.note_by_path(from).expect("source note");
        let link = &v.notes[note].links[0];
        let got = match &link.target {
            Target::Note(id) => Some(v.notes[*id].path.as_str()),
            Target::Missing(_) | Target::Excluded(_) => None,
        };
        assert_eq!(got, expect, "resolving {:?}", link.raw.target);
    }

    fn paths(v: &Vault) -> Vec<&str> {
        v.notes.iter().map(|n| n.path.as_str()).collect()
    }

    #[test]
    fn a_note_of_many_dead_links_lists_a_hundred_and_counts_the_rest() {
        let text: String = (0..150).map(|i| format!("[[gone {i}]]\n")).collect();
        let v = vault(&[("many.md", &text), ("few.md", "[[lost]]")]);
        let about = |path: &str| -> Vec<&str> {
            (v.diagnostics.iter())
                .filter(|d| d.path == path)
                .map(|d| d.message.as_str())
                .collect()
        };
        let many = about("many.md");
        assert_eq!(many.len(), super::MAX_LINK_DIAGNOSTICS_PER_NOTE + 1);
        assert!(many.contains(&"unresolved link `gone 99`: no such note"));
        assert!(!many.contains(&"unresolved link `gone 100`: no such note"));
        assert!(many.contains(&"50 more unresolved or ambiguous links in this note are not listed"));
        assert_eq!(
            about("few.md"),
            vec!["unresolved link `lost`: no such note"]
        );
        // Every link still loads, as a missing note.
        assert_eq!(v.notes[v.note_by_path("many.md").unwrap()].links.len(), 150);
    }

    #[test]
    fn markdown_relative_to_linking_note() {
        check(
            &[
                ("a/from.md", "[x](../b/t.md)"),
                ("b/t.md", ""),
                ("t.md", ""),
            ],
            "a/from.md",
            Some("b/t.md"),
        );
    }

    #[test]
    fn markdown_from_vault_root() {
        check(
            &[("a/from.md", "[x](b/t.md)"), ("b/t.md", "")],
            "a/from.md",
            Some("b/t.md"),
        );
        check(
            &[
                ("a/from.md", "[x](/b/t.md)"),
                ("b/t.md", ""),
                ("a/b/t.md", ""),
            ],
            "a/from.md",
            Some("b/t.md"),
        );
    }

    #[test]
    fn markdown_case_insensitive() {
        check(
            &[("a/from.md", "[x](../B/T.md)"), ("b/t.md", "")],
            "a/from.md",
            Some("b/t.md"),
        );
    }

    #[test]
    fn markdown_by_unique_file_name() {
        check(
            &[("a/from.md", "[x](old/place/t.md)"), ("z/y/t.md", "")],
            "a/from.md",
            Some("z/y/t.md"),
        );
    }

    #[test]
    fn markdown_dead_link_and_escape_stay_unresolved() {
        check(&[("from.md", "[x](nope.md)")], "from.md", None);
        check(
            &[("from.md", "[x](../../../etc/passwd.md)")],
            "from.md",
            None,
        );
    }

    #[test]
    fn a_big_ambiguous_group_picks_as_the_scan_does() {
        // 48 notes named x.md at several depths, and a linking note in
        // each folder: the table walk must agree with the rule it replaces.
        let mut files: Vec<(String, String)> = Vec::new();
        for a in 0..4 {
            for b in 0..4 {
                for c in 0..3 {
                    files.push((format!("f{a}/g{b}/h{c}/x.md"), String::new()));
                }
            }
        }
        for (i, linker) in [
            "f1/g2/h0/from.md",
            "f1/g2/from.md",
            "f3/from.md",
            "from.md",
            "f9/z/from.md",
        ]
        .iter()
        .enumerate()
        {
            files.push((linker.to_string(), format!("[[x]] {i}")));
        }
        let refs: Vec<(&str, &str)> = files
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        let v = crate::vault::tests::vault(&refs);
        let xs: Vec<usize> = (0..v.notes.len())
            .filter(|&i| v.notes[i].path.ends_with("/x.md"))
            .collect();
        assert!(xs.len() > super::index::NEAREST_TABLE_MIN);
        for note in v.notes.iter().filter(|n| n.path.ends_with("from.md")) {
            let expected = *xs
                .iter()
                .min_by_key(|&&id| {
                    let p = &v.notes[id].path;
                    (
                        std::cmp::Reverse(super::paths::common_folder_depth(&note.path, p)),
                        p.matches('/').count(),
                        p.as_str(),
                    )
                })
                .unwrap();
            assert_eq!(
                note.links[0].target,
                Target::Note(expected),
                "from {}",
                note.path
            );
        }
    }

    #[test]
    fn ambiguous_file_name_prefers_nearest_and_warns() {
        let v = vault(&[
            ("a/from.md", "[x](gone/t.md)"),
            ("a/sub/t.md", ""),
            ("b/t.md", ""),
        ]);
        assert_eq!(paths(&v), ["a/from.md", "a/sub/t.md", "b/t.md"]);
        assert_eq!(v.notes[0].links[0].target, Target::Note(1));
        assert_eq!(v.diagnostics.len(), 1);
        assert!(v.diagnostics[0].message.contains("matches 2 notes"));
    }

    #[test]
    fn wikilink_by_path_suffix_and_stem() {
        check(
            &[("from.md", "[[Deep/Note]]"), ("x/deep/note.md", "")],
            "from.md",
            Some("x/deep/note.md"),
        );
        check(
            &[("from.md", "[[NOTE]]"), ("x/note.md", "")],
            "from.md",
            Some("x/note.md"),
        );
        check(
            &[("from.md", "[[x/note.md]]"), ("x/note.md", "")],
            "from.md",
            Some("x/note.md"),
        );
    }

    #[test]
    fn wikilink_exact_path_beats_suffix() {
        check(
            &[("from.md", "[[note]]"), ("a/note.md", ""), ("note.md", "")],
            "from.md",
            Some("note.md"),
        );
    }

    #[test]
    fn wikilink_by_id_title_and_alias() {
        let fm = "---\nid: cap-id\ntitle: CAP Theorem\naliases: [Brewer]\n---\n";
        for link in ["[[cap-id]]", "[[cap theorem]]", "[[brewer]]"] {
            check(
                &[("from.md", link), ("notes/cap.md", fm)],
                "from.md",
                Some("notes/cap.md"),
            );
        }
    }

    #[test]
    fn dendron_label_first_order() {
        check(
            &[
                ("from.md", "[[The Label|dendron.topic.a]]"),
                ("dendron.topic.a.md", ""),
            ],
            "from.md",
            Some("dendron.topic.a.md"),
        );
        // Obsidian order wins when the first part resolves.
        check(
            &[("from.md", "[[a|b]]"), ("a.md", ""), ("b.md", "")],
            "from.md",
            Some("a.md"),
        );
    }

    #[test]
    fn dendron_cross_vault_target_after_the_pipe() {
        check(
            &[
                ("from.md", "[[docs|dendron://site/topic.cli#dev]]"),
                ("topic.cli.md", ""),
            ],
            "from.md",
            Some("topic.cli.md"),
        );
    }

    #[test]
    fn nfd_link_finds_nfc_file_and_back() {
        let nfc_name = "caf\u{e9}.md";
        let nfd_name = "cafe\u{301}.md";
        check(
            &[("from.md", &format!("[x]({nfd_name})")), (nfc_name, "")],
            "from.md",
            Some(nfc_name),
        );
        check(
            &[("from.md", &format!("[[{}]]", "caf\u{e9}")), (nfd_name, "")],
            "from.md",
            Some(nfd_name),
        );
    }

    #[test]
    fn ghost_keys_merge_links_to_the_same_missing_note() {
        let v = vault(&[
            ("a/one.md", "[x](../gone.md) [[Gone]]"),
            ("two.md", "[y](gone.md) [[gone]]"),
        ]);
        let keys: Vec<_> = v
            .notes
            .iter()
            .flat_map(|n| n.links.iter())
            .map(|l| match &l.target {
                Target::Missing(k) => k.to_string(),
                Target::Note(_) | Target::Excluded(_) => panic!("should not resolve"),
            })
            .collect();
        assert_eq!(keys, ["gone", "gone", "gone", "gone"]);
    }

    #[test]
    fn find_by_name_accepts_id_path_title_alias() {
        let v = vault(&[(
            "db/raft.md",
            "---\nid: raft-id\ntitle: Raft\naliases: [consensus algo]\n---\n",
        )]);
        for name in [
            "raft-id",
            "db/raft.md",
            "raft",
            "Raft",
            "consensus algo",
            "db/raft",
        ] {
            assert_eq!(super::find_note(&v.notes, name), Some(0), "{name}");
        }
        assert_eq!(super::find_note(&v.notes, "nothing"), None);
    }
}
