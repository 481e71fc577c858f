//! The lookup tables of resolution, and the rules that search them.

use super::paths::{common_folder_depth, fold, join, nfc, normalize};
use crate::vault::{strip_md_extension, LinkSyntax, Note, NoteId, RawLink};
use std::collections::HashMap;

/// Lookup tables over a vault's notes.
pub struct Index<'a> {
    pub(super) notes: &'a [Note],
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
pub(super) struct Found {
    pub(super) note: NoteId,
    pub(super) candidates: Vec<NoteId>,
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

    pub(super) fn resolve(&self, from: NoteId, link: &RawLink) -> Option<Found> {
        match link.syntax {
            LinkSyntax::Markdown => self.resolve_markdown(from, &link.target),
            LinkSyntax::Wiki | LinkSyntax::Embed | LinkSyntax::Frontmatter => {
                self.resolve_wiki(from, &link.target).or_else(|| {
                    let alt =
                        crate::vault::links::strip_dendron_vault(link.alternative.as_deref()?);
                    let (alt_path, _) = alt.split_once('#').unwrap_or((alt, ""));
                    self.resolve_wiki(from, alt_path)
                })
            }
        }
    }

    /// The key that names a missing target, so that every link to the same
    /// missing note shares one ghost.
    pub(super) fn ghost_key(&self, from: NoteId, link: &RawLink) -> String {
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
