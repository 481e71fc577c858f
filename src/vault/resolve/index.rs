//! The lookup tables of resolution, and the rules that search them.

use super::paths::{common_folder_depth, fold, join, nfc, normalize};
use crate::vault::{strip_md_extension, LinkSyntax, Note, NoteId, RawLink};

/// Candidates by key, in note order. FxHash: resolution hashes every
/// note's names and every link's target, and SipHash's guard against
/// crafted keys is not needed for a table rebuilt on each load.
type Table = HashMap<String, Vec<NoteId>>;
type HashMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// Every trailing run of path components of each folded path, without
/// `.md`: `a/b/c.md` gives `c`, `b/c` and `a/b/c`.
fn suffixes(folded: &[String]) -> Table {
    let mut table = Table::with_capacity_and_hasher(folded.len() * 2, Default::default());
    for (id, lower) in folded.iter().enumerate() {
        let without_ext = strip_md_extension(lower);
        let mut suffix_start = Some(0);
        while let Some(start) = suffix_start {
            let suffix = &without_ext[start..];
            table.entry(suffix.to_string()).or_default().push(id);
            suffix_start = suffix.find('/').map(|i| start + i + 1);
        }
    }
    table
}

/// Lookup tables over a vault's notes.
pub struct Index<'a> {
    notes: &'a [Note],
    /// Files left out of the graph (`vault/exclude.rs`): links to them
    /// resolve, at ids after the notes', and lead nowhere in the graph.
    excluded: &'a [Note],
    by_path: HashMap<String, NoteId>,
    by_path_lower: Table,
    by_name_lower: Table,
    /// Every trailing run of path components, without `.md`, lowercased:
    /// `a/b/c.md` gives `c`, `b/c` and `a/b/c`.
    by_suffix_lower: Table,
    by_id: Table,
    by_title: Table,
    by_alias: Table,
    /// Nearest candidate per folder, for big groups (`nearest_tables`).
    nearest: HashMap<usize, HashMap<&'a str, NoteId>>,
}

/// A lookup result: the chosen note, how many notes matched, and the first
/// few of them (for the warning). Not a copy of every candidate: a name
/// shared by 20,000 notes would cost 20,000 per link.
pub(super) struct Found {
    pub(super) note: NoteId,
    pub(super) count: usize,
    pub(super) first: Vec<NoteId>,
}

impl Found {
    fn one(note: NoteId) -> Found {
        Found {
            note,
            count: 1,
            first: vec![note],
        }
    }
}

/// Groups of candidates larger than this get a table of the nearest
/// candidate per folder (see `nearest_tables`).
pub(super) const NEAREST_TABLE_MIN: usize = 32;

/// The folders a path lies in, from the root (`""`) to its own.
fn folder_prefixes(path: &str) -> Vec<&str> {
    let mut out = vec![""];
    let mut at = 0;
    while let Some(i) = path[at..].find('/') {
        out.push(&path[..at + i]);
        at += i + 1;
    }
    out
}

impl<'a> Index<'a> {
    pub fn new(notes: &'a [Note]) -> Self {
        Index::with_excluded(notes, &[])
    }

    /// Over `notes` and the names of the files left out, which count as
    /// notes `notes.len()..`. The tables are filled side by side, each
    /// in note order, so that every list of candidates reads the same.
    pub fn with_excluded(notes: &'a [Note], excluded: &'a [Note]) -> Self {
        use rayon::prelude::*;
        let all: Vec<&Note> = notes.iter().chain(excluded).collect();
        let folded: Vec<String> = all.par_iter().map(|n| fold(&n.path)).collect();
        let by_folded = |key: &dyn Fn(&str) -> &str| -> Table {
            let mut table = Table::with_capacity_and_hasher(all.len(), Default::default());
            for (id, lower) in folded.iter().enumerate() {
                table.entry(key(lower).to_string()).or_default().push(id);
            }
            table
        };
        let by_field = |keys: &(dyn Fn(&Note) -> Vec<String> + Sync)| -> Table {
            let mut table = Table::default();
            for (id, note) in all.iter().enumerate() {
                for key in keys(note) {
                    table.entry(key).or_default().push(id);
                }
            }
            table
        };
        let mut index = Index {
            notes,
            excluded,
            by_path: HashMap::default(),
            by_path_lower: Table::default(),
            by_name_lower: Table::default(),
            by_suffix_lower: Table::default(),
            by_id: Table::default(),
            by_title: Table::default(),
            by_alias: Table::default(),
            nearest: HashMap::default(),
        };
        let i = &mut index;
        rayon::scope(|s| {
            s.spawn(|_| {
                i.by_path = (all.iter().enumerate())
                    .map(|(id, n)| (nfc(&n.path).into_owned(), id))
                    .collect();
            });
            s.spawn(|_| i.by_suffix_lower = suffixes(&folded));
            s.spawn(|_| i.by_path_lower = by_folded(&|lower| lower));
            s.spawn(|_| i.by_name_lower = by_folded(&|l| l.rsplit('/').next().unwrap_or(l)));
            s.spawn(|_| {
                i.by_id = by_field(&|n| n.frontmatter.id.iter().map(|v| fold(v)).collect())
            });
            s.spawn(|_| i.by_title = by_field(&|n| vec![fold(&n.title)]));
            s.spawn(|_| {
                i.by_alias = by_field(&|n| n.frontmatter.aliases.iter().map(|a| fold(a)).collect());
            });
        });
        index.nearest = index.nearest_tables();
        index
    }

    /// For every big group of candidates, the best candidate under each
    /// folder that holds one, so that an ambiguous link is resolved by
    /// walking up its own folders instead of scanning the group. Groups are
    /// keyed by their address: the maps are never changed after `new`.
    fn nearest_tables(&self) -> HashMap<usize, HashMap<&'a str, NoteId>> {
        let maps = [
            &self.by_path_lower,
            &self.by_name_lower,
            &self.by_suffix_lower,
            &self.by_id,
            &self.by_title,
            &self.by_alias,
        ];
        let (notes, excluded) = (self.notes, self.excluded);
        let path = |id: NoteId| match notes.get(id) {
            Some(note) => note.path.as_str(),
            None => excluded[id - notes.len()].path.as_str(),
        };
        let rank = |id: NoteId| (path(id).matches('/').count(), path(id));
        let mut tables = HashMap::default();
        for ids in maps.into_iter().flat_map(|m| m.values()) {
            if ids.len() <= NEAREST_TABLE_MIN {
                continue;
            }
            let mut best: HashMap<&'a str, NoteId> = HashMap::default();
            for &id in ids {
                for prefix in folder_prefixes(path(id)) {
                    let slot = best.entry(prefix).or_insert(id);
                    if rank(id) < rank(*slot) {
                        *slot = id;
                    }
                }
            }
            tables.insert(ids as *const Vec<NoteId> as usize, best);
        }
        tables
    }

    /// Note `id`: one of the notes, or after them a file left out.
    pub(super) fn note(&self, id: NoteId) -> &'a Note {
        match self.notes.get(id) {
            Some(note) => note,
            None => &self.excluded[id - self.notes.len()],
        }
    }

    /// How many notes come before the files left out.
    pub(super) fn kept(&self) -> usize {
        self.notes.len()
    }

    /// Finds a note by id, path, title or alias, as a user would name it.
    pub fn find_by_name(&self, name: &str) -> Option<NoteId> {
        self.find_all_by_name(name).first().copied()
    }

    /// Every note `name` answers to by the first rule any matches (the
    /// rules of `find_by_name`, which takes the first): more than one
    /// where the name is ambiguous.
    pub fn find_all_by_name(&self, name: &str) -> Vec<NoteId> {
        let name = name.trim();
        if let Some(&id) = self.by_path.get(nfc(name).as_ref()) {
            return vec![id];
        }
        let lower = fold(name);
        let mut ids = [
            self.by_id.get(&lower),
            self.by_path_lower.get(&lower),
            self.by_suffix_lower.get(strip_md_extension(&lower)),
            self.by_title.get(&lower),
            self.by_alias.get(&lower),
        ]
        .into_iter()
        .flatten()
        .find(|ids| !ids.is_empty())
        .cloned()
        .unwrap_or_default();
        ids.dedup();
        ids
    }

    fn pick(&self, from: NoteId, ids: Option<&Vec<NoteId>>) -> Option<Found> {
        let ids = ids?;
        let table = self.nearest.get(&(ids as *const Vec<NoteId> as usize));
        let note = match ids.as_slice() {
            [] => return None,
            [only] => *only,
            // The same choice as below, from the deepest folder of the
            // linking note that holds a candidate.
            _ if table.is_some() => {
                let table = table.expect("checked");
                let mut prefixes = folder_prefixes(&self.note(from).path);
                prefixes.reverse();
                prefixes.into_iter().find_map(|p| table.get(p).copied())?
            }
            // Ambiguous: the candidate nearest the linking note, then the
            // shortest path, then the first by path. Deterministic.
            many => *many
                .iter()
                .min_by_key(|&&id| {
                    let path = &self.note(id).path;
                    (
                        std::cmp::Reverse(common_folder_depth(&self.note(from).path, path)),
                        path.matches('/').count(),
                        path.as_str(),
                    )
                })
                .expect("not empty"),
        };
        Some(Found {
            note,
            count: ids.len(),
            first: ids[..ids.len().min(4)].to_vec(),
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
            normalize(&join(self.note(from).folder(), &target))
        };
        let from_root = normalize(&target);
        for candidate in [&relative, &from_root].into_iter().flatten() {
            if let Some(&id) = self.by_path.get(nfc(candidate).as_ref()) {
                return Some(Found::one(id));
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
            let joined = normalize(&join(self.note(from).folder(), &target))?;
            let key = fold(strip_md_extension(&joined));
            return self.pick(
                from,
                self.by_suffix_lower.get(&key).filter(|ids| {
                    ids.iter().any(|&id| {
                        strip_md_extension(&self.note(id).path).eq_ignore_ascii_case(&key)
                    })
                }),
            );
        }
        let lower = fold(target.trim_start_matches('/'));
        let key = strip_md_extension(&lower);
        // An exact vault path wins over a longer path that ends the same way.
        if let Some(ids) = self.by_suffix_lower.get(key) {
            // In a big group, the exact path is looked up, not scanned for.
            let exact = if ids.len() > NEAREST_TABLE_MIN {
                (["md", "markdown"].iter())
                    .filter_map(|ext| self.by_path_lower.get(&format!("{key}.{ext}"))?.first())
                    .min()
                    .copied()
            } else {
                ids.iter()
                    .find(|&&id| strip_md_extension(&self.note(id).path).eq_ignore_ascii_case(key))
                    .copied()
            };
            if let Some(exact) = exact {
                return Some(Found::one(exact));
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
                    None => normalize(&join(self.note(from).folder(), &target)),
                };
                strip_md_extension(&fold(&path.unwrap_or(target))).to_string()
            }
            _ => strip_md_extension(&fold(&link.target)).to_string(),
        }
    }
}
