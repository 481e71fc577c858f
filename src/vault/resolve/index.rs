//! The lookup tables of resolution, and the rules that search them.

use super::paths::{
    common_folder_depth, fold, fold_into, join, nfc, nfc_into, normalize, normalize_joined,
};
use super::table::{Group, Table};
use crate::vault::{strip_md_extension, LinkSyntax, Note, NoteId, RawLink};

type HashMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// The case-insensitive tables, by the name they look notes up by; each
/// is its own place in `ALL_BY` and `Index::tables`.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum By {
    PathLower,
    NameLower,
    /// Every trailing run of path components, without `.md`: `a/b/c.md`
    /// gives `c`, `b/c` and `a/b/c`.
    SuffixLower,
    Id,
    Title,
    Alias,
}

const ALL_BY: [By; 6] = [
    By::PathLower,
    By::NameLower,
    By::SuffixLower,
    By::Id,
    By::Title,
    By::Alias,
];

// Each table's place is its `By`.
const _: () = {
    let mut i = 0;
    while i < ALL_BY.len() {
        assert!(ALL_BY[i] as usize == i);
        i += 1;
    }
};

/// The notes a name matches in one table.
#[derive(Clone, Copy)]
pub(super) struct Candidates<'t> {
    by: By,
    group: Group<'t>,
}

/// A table of the keys `keys` gives each note (through a buffer of its
/// own, for the folded forms), in note order.
fn table_of(all: &[&Note], keys: impl Fn(&Note, &mut String, &mut dyn FnMut(&str))) -> Table {
    let mut table = Table::builder(all.len());
    let mut buffer = String::new();
    for (id, note) in all.iter().enumerate() {
        keys(note, &mut buffer, &mut |key| table.add(key, id));
    }
    table.finish()
}

/// What each note is looked up by in the table `by`.
type Keys = fn(&Note, &mut String, &mut dyn FnMut(&str));

fn keys_of(by: By) -> Keys {
    match by {
        By::PathLower => |n, buf, add| {
            fold_into(&n.path, buf);
            add(buf)
        },
        By::NameLower => |n, buf, add| {
            fold_into(&n.path, buf);
            add(buf.rsplit('/').next().unwrap_or(buf))
        },
        By::SuffixLower => |n, buf, add| suffixes(&n.path, buf, add),
        By::Id => |n, buf, add| {
            if let Some(id) = &n.frontmatter.id {
                fold_into(id, buf);
                add(buf)
            }
        },
        By::Title => |n, buf, add| {
            fold_into(&n.title, buf);
            add(buf)
        },
        By::Alias => |n, buf, add| {
            for alias in &n.frontmatter.aliases {
                fold_into(alias, buf);
                add(buf)
            }
        },
    }
}

/// Every trailing run of path components of `path`, folded and without
/// `.md`: `a/b/c.md` gives `c`, `b/c` and `a/b/c`.
fn suffixes(path: &str, folded: &mut String, add: &mut dyn FnMut(&str)) {
    fold_into(path, folded);
    let without_ext = strip_md_extension(folded);
    let mut suffix_start = Some(0);
    while let Some(start) = suffix_start {
        let suffix = &without_ext[start..];
        add(suffix);
        suffix_start = suffix.find('/').map(|i| start + i + 1);
    }
}

/// `text` with every backslash a slash, as written when it has none.
fn slashes(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\\') {
        text.replace('\\', "/").into()
    } else {
        text.into()
    }
}

/// Lookup tables over a vault's notes.
pub struct Index<'a> {
    notes: &'a [Note],
    /// Files left out of the graph (`vault/exclude.rs`): links to them
    /// resolve, at ids after the notes', and lead nowhere in the graph.
    excluded: &'a [Note],
    /// By exact path (NFC); of two paths the same after NFC, the later.
    by_path: Table,
    /// The case-insensitive tables, in the order of `ALL_BY`.
    tables: [Table; 6],
    /// Nearest candidate per folder, for big groups (`nearest_tables`).
    nearest: HashMap<(By, u32), HashMap<&'a str, NoteId>>,
}

/// A lookup result: the chosen note, how many notes matched, and the first
/// few of them (for the warning; none when only one matched). Not a copy of
/// every candidate: a name shared by 20,000 notes would cost 20,000 per link.
pub(super) struct Found<'t> {
    pub(super) note: NoteId,
    pub(super) count: usize,
    pub(super) first: &'t [NoteId],
}

impl Found<'_> {
    fn one(note: NoteId) -> Self {
        Found {
            note,
            count: 1,
            first: &[],
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
        let all: Vec<&Note> = notes.iter().chain(excluded).collect();
        let all = &all;
        let mut by_path = Table::default();
        let mut tables: [Table; 6] = Default::default();
        rayon::scope(|s| {
            let path = &mut by_path;
            s.spawn(move |_| {
                *path = table_of(all, |n, buf, add| {
                    nfc_into(&n.path, buf);
                    add(buf)
                })
            });
            for (by, table) in ALL_BY.into_iter().zip(&mut tables) {
                s.spawn(move |_| *table = table_of(all, keys_of(by)));
            }
        });
        let mut index = Index {
            notes,
            excluded,
            by_path,
            tables,
            nearest: HashMap::default(),
        };
        index.nearest = index.nearest_tables();
        index
    }

    fn get(&self, by: By, key: &str) -> Option<Candidates<'_>> {
        let table = &self.tables[by as usize];
        Some(Candidates {
            by,
            group: table.get(key)?,
        })
    }

    /// The note at exactly `path` (NFC), if any.
    fn at_path(&self, path: &str) -> Option<NoteId> {
        self.by_path.get(nfc(path).as_ref())?.ids.last().copied()
    }

    /// For every big group of candidates, the best candidate under each
    /// folder that holds one, so that an ambiguous link is resolved by
    /// walking up its own folders instead of scanning the group.
    fn nearest_tables(&self) -> HashMap<(By, u32), HashMap<&'a str, NoteId>> {
        let (notes, excluded) = (self.notes, self.excluded);
        let path = |id: NoteId| match notes.get(id) {
            Some(note) => note.path.as_str(),
            None => excluded[id - notes.len()].path.as_str(),
        };
        let rank = |id: NoteId| (path(id).matches('/').count(), path(id));
        let mut tables = HashMap::default();
        for (by, table) in ALL_BY.into_iter().zip(&self.tables) {
            for group in table.groups() {
                if group.ids.len() <= NEAREST_TABLE_MIN {
                    continue;
                }
                let mut best: HashMap<&'a str, NoteId> = HashMap::default();
                for &id in group.ids {
                    for prefix in folder_prefixes(path(id)) {
                        let slot = best.entry(prefix).or_insert(id);
                        if rank(id) < rank(*slot) {
                            *slot = id;
                        }
                    }
                }
                tables.insert((by, group.id), best);
            }
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
        if let Some(id) = self.at_path(name) {
            return vec![id];
        }
        let lower = fold(name);
        let mut ids = [
            self.get(By::Id, &lower),
            self.get(By::PathLower, &lower),
            self.get(By::SuffixLower, strip_md_extension(&lower)),
            self.get(By::Title, &lower),
            self.get(By::Alias, &lower),
        ]
        .into_iter()
        .flatten()
        .map(|c| c.group.ids.to_vec())
        .next()
        .unwrap_or_default();
        ids.dedup();
        ids
    }

    fn pick<'t>(&'t self, from: NoteId, found: Option<Candidates<'t>>) -> Option<Found<'t>> {
        let Candidates { by, group } = found?;
        let ids = group.ids;
        let table = self.nearest.get(&(by, group.id));
        let note = match ids {
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
            first: &ids[..ids.len().min(4)],
        })
    }

    fn resolve_markdown(&self, from: NoteId, target: &str) -> Option<Found<'_>> {
        let target = slashes(target);
        let (rooted, target) = match target.strip_prefix('/') {
            Some(rest) => (true, rest),
            None => (false, &*target),
        };
        let mut joined = String::new();
        let relative = (!rooted && normalize_joined(self.note(from).folder(), target, &mut joined))
            .then_some(joined);
        if let Some(id) = relative.as_deref().and_then(|path| self.at_path(path)) {
            return Some(Found::one(id));
        }
        let from_root = normalize(target);
        if let Some(id) = from_root.as_deref().and_then(|path| self.at_path(path)) {
            return Some(Found::one(id));
        }
        for candidate in [&relative, &from_root].into_iter().flatten() {
            if let Some(found) = self.pick(from, self.get(By::PathLower, &fold(candidate))) {
                return Some(found);
            }
        }
        let name = fold(target.rsplit('/').next().unwrap_or(target));
        self.pick(from, self.get(By::NameLower, &name))
    }

    fn resolve_wiki(&self, from: NoteId, target: &str) -> Option<Found<'_>> {
        let target = slashes(target.trim());
        if target.starts_with("./") || target.starts_with("../") {
            let joined = normalize(&join(self.note(from).folder(), &target))?;
            let key = fold(strip_md_extension(&joined));
            return self.pick(
                from,
                self.get(By::SuffixLower, &key).filter(|c| {
                    c.group.ids.iter().any(|&id| {
                        strip_md_extension(&self.note(id).path).eq_ignore_ascii_case(&key)
                    })
                }),
            );
        }
        let lower = fold(target.trim_start_matches('/'));
        let key = strip_md_extension(&lower);
        // An exact vault path wins over a longer path that ends the same way.
        if let Some(ids) = self.get(By::SuffixLower, key).map(|c| c.group.ids) {
            // In a big group, the exact path is looked up, not scanned for.
            let exact = if ids.len() > NEAREST_TABLE_MIN {
                (["md", "markdown"].iter())
                    .filter_map(|ext| {
                        self.get(By::PathLower, &format!("{key}.{ext}"))?
                            .group
                            .ids
                            .first()
                    })
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
        self.pick(from, self.get(By::SuffixLower, key))
            .or_else(|| self.pick(from, self.get(By::Id, &lower)))
            .or_else(|| self.pick(from, self.get(By::Title, &lower)))
            .or_else(|| self.pick(from, self.get(By::Alias, &lower)))
    }

    pub(super) fn resolve(&self, from: NoteId, link: &RawLink) -> Option<Found<'_>> {
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
