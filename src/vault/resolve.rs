//! Turning link targets into notes, through indexes (no O(n²) step).
//!
//! Markdown links: relative to the linking note, then from the vault root,
//! then case-insensitively, then by a unique file name anywhere.
//! Wikilinks: vault path, path suffix or file stem (ignoring case), then
//! frontmatter `id`, `title`, `aliases`; Dendron's `[[label|target]]` order is
//! accepted when only the second part resolves.

use super::{strip_md_extension, EdgeKind, LinkSyntax, Note, NoteId, Target};
use crate::diagnostics::{Diagnostic, DiagnosticKind, Severity};
use std::collections::HashMap;

/// Lookup tables over a vault's notes.
pub struct Index<'a> {
    notes: &'a [Note],
    by_path: HashMap<String, NoteId>,
    by_path_lower: HashMap<String, Vec<NoteId>>,
    by_name_lower: HashMap<String, Vec<NoteId>>,
    /// Every trailing run of path components, without `.md`, lowercased:
    /// `a/b/c.md` gives `c`, `b/c` and `a/b/c`.
    by_suffix_lower: HashMap<String, Vec<NoteId>>,
    by_id: HashMap<String, Vec<NoteId>>,
    by_title: HashMap<String, Vec<NoteId>>,
    by_alias: HashMap<String, Vec<NoteId>>,
}

/// A lookup result: the chosen note and how many others also matched.
struct Found {
    note: NoteId,
    candidates: Vec<NoteId>,
}

impl<'a> Index<'a> {
    pub fn new(notes: &'a [Note]) -> Self {
        let mut index = Index {
            notes,
            by_path: HashMap::with_capacity(notes.len()),
            by_path_lower: HashMap::with_capacity(notes.len()),
            by_name_lower: HashMap::with_capacity(notes.len()),
            by_suffix_lower: HashMap::with_capacity(notes.len() * 2),
            by_id: HashMap::new(),
            by_title: HashMap::with_capacity(notes.len()),
            by_alias: HashMap::new(),
        };
        for (id, note) in notes.iter().enumerate() {
            index.by_path.insert(nfc(&note.path).into_owned(), id);
            let lower = fold(&note.path);
            let name = lower.rsplit('/').next().unwrap_or(&lower).to_string();
            index.by_name_lower.entry(name).or_default().push(id);
            let without_ext = strip_md_extension(&lower);
            let mut suffix_start = Some(0);
            while let Some(start) = suffix_start {
                let suffix = &without_ext[start..];
                index
                    .by_suffix_lower
                    .entry(suffix.to_string())
                    .or_default()
                    .push(id);
                suffix_start = suffix.find('/').map(|i| start + i + 1);
            }
            index.by_path_lower.entry(lower).or_default().push(id);
            if let Some(note_id) = &note.frontmatter.id {
                index.by_id.entry(fold(note_id)).or_default().push(id);
            }
            index
                .by_title
                .entry(fold(&note.title))
                .or_default()
                .push(id);
            for alias in &note.frontmatter.aliases {
                index.by_alias.entry(fold(alias)).or_default().push(id);
            }
        }
        index
    }

    /// Finds a note by id, path, title or alias, as a user would name it.
    pub fn find_by_name(&self, name: &str) -> Option<NoteId> {
        let name = name.trim();
        if let Some(&id) = self.by_path.get(nfc(name).as_ref()) {
            return Some(id);
        }
        let lower = fold(name);
        [
            self.by_id.get(&lower),
            self.by_path_lower.get(&lower),
            self.by_suffix_lower.get(strip_md_extension(&lower)),
            self.by_title.get(&lower),
            self.by_alias.get(&lower),
        ]
        .into_iter()
        .flatten()
        .find_map(|ids| ids.first().copied())
    }

    fn pick(&self, from: NoteId, ids: Option<&Vec<NoteId>>) -> Option<Found> {
        let ids = ids?;
        let note = match ids.as_slice() {
            [] => return None,
            [only] => *only,
            // Ambiguous: the candidate nearest the linking note, then the
            // shortest path, then the first by path. Deterministic.
            many => *many
                .iter()
                .min_by_key(|&&id| {
                    let path = &self.notes[id].path;
                    (
                        std::cmp::Reverse(common_folder_depth(&self.notes[from].path, path)),
                        path.matches('/').count(),
                        path.as_str(),
                    )
                })
                .expect("not empty"),
        };
        Some(Found {
            note,
            candidates: ids.clone(),
        })
    }

    fn resolve_markdown(&self, from: NoteId, target: &str) -> Option<Found> {
        let target = target.replace('\\', "/");
        let (rooted, target) = match target.strip_prefix('/') {
            Some(rest) => (true, rest.to_string()),
            None => (false, target),
        };
        let relative = if rooted {
            None
        } else {
            normalize(&join(self.notes[from].folder(), &target))
        };
        let from_root = normalize(&target);
        for candidate in [&relative, &from_root].into_iter().flatten() {
            if let Some(&id) = self.by_path.get(nfc(candidate).as_ref()) {
                return Some(Found {
                    note: id,
                    candidates: vec![id],
                });
            }
        }
        for candidate in [&relative, &from_root].into_iter().flatten() {
            if let Some(found) = self.pick(from, self.by_path_lower.get(&fold(candidate))) {
                return Some(found);
            }
        }
        let name = fold(target.rsplit('/').next().unwrap_or(&target));
        self.pick(from, self.by_name_lower.get(&name))
    }

    fn resolve_wiki(&self, from: NoteId, target: &str) -> Option<Found> {
        let target = target.trim().replace('\\', "/");
        if target.starts_with("./") || target.starts_with("../") {
            let joined = normalize(&join(self.notes[from].folder(), &target))?;
            let key = fold(strip_md_extension(&joined));
            return self.pick(
                from,
                self.by_suffix_lower.get(&key).filter(|ids| {
                    ids.iter().any(|&id| {
                        strip_md_extension(&self.notes[id].path).eq_ignore_ascii_case(&key)
                    })
                }),
            );
        }
        let lower = fold(target.trim_start_matches('/'));
        let key = strip_md_extension(&lower);
        // An exact vault path wins over a longer path that ends the same way.
        if let Some(ids) = self.by_suffix_lower.get(key) {
            if let Some(&exact) = ids
                .iter()
                .find(|&&id| strip_md_extension(&self.notes[id].path).eq_ignore_ascii_case(key))
            {
                return Some(Found {
                    note: exact,
                    candidates: vec![exact],
                });
            }
        }
        self.pick(from, self.by_suffix_lower.get(key))
            .or_else(|| self.pick(from, self.by_id.get(&lower)))
            .or_else(|| self.pick(from, self.by_title.get(&lower)))
            .or_else(|| self.pick(from, self.by_alias.get(&lower)))
    }

    fn resolve(&self, from: NoteId, link: &super::RawLink) -> Option<Found> {
        match link.syntax {
            LinkSyntax::Markdown => self.resolve_markdown(from, &link.target),
            LinkSyntax::Wiki | LinkSyntax::Embed | LinkSyntax::Frontmatter => {
                self.resolve_wiki(from, &link.target).or_else(|| {
                    let alt = super::links::strip_dendron_vault(link.alternative.as_deref()?);
                    let (alt_path, _) = alt.split_once('#').unwrap_or((alt, ""));
                    self.resolve_wiki(from, alt_path)
                })
            }
        }
    }

    /// The key that names a missing target, so that every link to the same
    /// missing note shares one ghost.
    fn ghost_key(&self, from: NoteId, link: &super::RawLink) -> String {
        match link.syntax {
            LinkSyntax::Markdown => {
                let target = link.target.replace('\\', "/");
                let path = match target.strip_prefix('/') {
                    Some(rest) => normalize(rest),
                    None => normalize(&join(self.notes[from].folder(), &target)),
                };
                strip_md_extension(&fold(&path.unwrap_or(target))).to_string()
            }
            _ => strip_md_extension(&fold(&link.target)).to_string(),
        }
    }
}

/// Unicode NFC: a name typed on macOS (NFD) matches the same name
/// written elsewhere (NFC). ASCII, the common case, is returned as is.
fn nfc(s: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::UnicodeNormalization;
    if s.is_ascii() {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.nfc().collect())
    }
}

/// The form every case-insensitive key is stored and looked up in.
fn fold(s: &str) -> String {
    nfc(s).to_lowercase()
}

fn common_folder_depth(a: &str, b: &str) -> usize {
    let folders = |p: &str| -> Vec<String> {
        let mut parts: Vec<String> = p.split('/').map(str::to_string).collect();
        parts.pop();
        parts
    };
    folders(a)
        .iter()
        .zip(folders(b).iter())
        .take_while(|(x, y)| x == y)
        .count()
}

/// `folder/target` in vault terms, where the root folder is empty.
pub(crate) fn join(folder: &str, target: &str) -> String {
    if folder.is_empty() {
        target.to_string()
    } else {
        format!("{folder}/{target}")
    }
}

/// Resolves `.` and `..`; `None` if the path climbs above the vault root.
pub fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

/// Resolves every link of every note, and reports what does not resolve.
pub fn resolve_all(notes: &mut [Note], diagnostics: &mut Vec<Diagnostic>) {
    let results: Vec<Vec<(Target, Option<Diagnostic>)>> = {
        let index = Index::new(notes);
        use rayon::prelude::*;
        (0..notes.len())
            .into_par_iter()
            .map(|from| {
                notes[from]
                    .links
                    .iter()
                    .map(|link| resolve_one(&index, from, &link.raw))
                    .collect()
            })
            .collect()
    };
    for (note, results) in notes.iter_mut().zip(results) {
        for (link, (target, diagnostic)) in note.links.iter_mut().zip(results) {
            link.target = target;
            diagnostics.extend(diagnostic);
        }
    }
}

fn resolve_one(index: &Index, from: NoteId, raw: &super::RawLink) -> (Target, Option<Diagnostic>) {
    let path = &index.notes[from].path;
    match index.resolve(from, raw) {
        Some(found) => {
            let diagnostic = (found.candidates.len() > 1).then(|| {
                let names: Vec<&str> = found
                    .candidates
                    .iter()
                    .take(4)
                    .map(|&id| index.notes[id].path.as_str())
                    .collect();
                Diagnostic::new(
                    path,
                    Some(raw.line),
                    Severity::Warning,
                    DiagnosticKind::AmbiguousLink,
                    format!(
                        "link `{}` matches {} notes ({}{}); using {}",
                        raw.target,
                        found.candidates.len(),
                        names.join(", "),
                        if found.candidates.len() > 4 {
                            ", ..."
                        } else {
                            ""
                        },
                        index.notes[found.note].path
                    ),
                )
            });
            (Target::Note(found.note), diagnostic)
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
                Target::Missing(index.ghost_key(from, raw)),
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
            Target::Missing(_) => None,
        };
        assert_eq!(got, expect, "resolving {:?}", link.raw.target);
    }

    fn paths(v: &Vault) -> Vec<&str> {
        v.notes.iter().map(|n| n.path.as_str()).collect()
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
                Target::Missing(k) => k.clone(),
                Target::Note(_) => panic!("should not resolve"),
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
