//! Finding notes by a piece of their title, alias or id, as the search box
//! does: an index built once per load, then one cheap pass per keystroke.

use crate::vault::{NoteId, Vault};

/// The searchable text of every note, lowercased once.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    entries: Vec<Entry>,
}

#[derive(Debug, Clone)]
struct Entry {
    title: String,
    /// Of the title as written: shorter titles rank first among equals.
    title_len: usize,
    /// Aliases and the frontmatter id.
    others: Vec<String>,
}

impl SearchIndex {
    pub fn new(vault: &Vault) -> SearchIndex {
        let entries = vault
            .notes
            .iter()
            .map(|note| {
                let fm = &note.frontmatter;
                Entry {
                    title: note.title.to_lowercase(),
                    title_len: note.title.len(),
                    others: fm
                        .aliases
                        .iter()
                        .chain(fm.id.as_ref())
                        .map(|s| s.to_lowercase())
                        .collect(),
                }
            })
            .collect();
        SearchIndex { entries }
    }

    /// Notes whose title, alias or id contains `text` (trimmed, ignoring
    /// case), best first: the title equal to it, then starting with it,
    /// then containing it, then an alias or the id containing it; among
    /// equals, shorter titles first, then by note id. At most `limit`.
    pub fn search(&self, text: &str, limit: usize) -> Vec<NoteId> {
        let needle = text.trim().to_lowercase();
        if needle.is_empty() || limit == 0 {
            return Vec::new();
        }
        let mut hits: Vec<(u8, usize, NoteId)> = Vec::new();
        for (id, entry) in self.entries.iter().enumerate() {
            let rank = if entry.title == needle {
                0
            } else if entry.title.starts_with(&needle) {
                1
            } else if entry.title.contains(&needle) {
                2
            } else if entry.others.iter().any(|o| o.contains(&needle)) {
                3
            } else {
                continue;
            };
            hits.push((rank, entry.title_len, id));
        }
        // A short word matches most of a large vault, and only the first
        // few are shown: pick them without sorting every hit.
        if hits.len() > limit {
            hits.select_nth_unstable(limit);
            hits.truncate(limit);
        }
        hits.sort_unstable();
        hits.into_iter().map(|(_, _, id)| id).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::tests::vault;

    fn sample() -> Vault {
        vault(&[
            ("a.md", "---\ntitle: Raft\n---\n"),
            ("b.md", "---\ntitle: Raft consensus\n---\n"),
            ("c.md", "---\ntitle: Why Raft\n---\n"),
            (
                "d.md",
                "---\naliases: [Replicated log, RAFT paper]\ntitle: Paxos\n---\n",
            ),
            ("e.md", "---\nid: raft-id\ntitle: Log\n---\n"),
            ("f.md", "---\ntitle: Rafts\n---\n"),
            ("g.md", "---\ntitle: Émile Zola\n---\n"),
            ("h.md", "---\ntitle: Other\n---\n"),
        ])
    }

    fn titles(v: &Vault, ids: &[NoteId]) -> Vec<String> {
        ids.iter().map(|&id| v.notes[id].title.clone()).collect()
    }

    #[test]
    fn ranks_exact_prefix_contains_then_alias_or_id() {
        let v = sample();
        let index = SearchIndex::new(&v);
        assert_eq!(
            titles(&v, &index.search("  rAFt ", 10)),
            [
                "Raft",
                "Rafts",
                "Raft consensus",
                "Why Raft",
                "Log",
                "Paxos"
            ]
        );
        assert_eq!(titles(&v, &index.search("raft", 2)), ["Raft", "Rafts"]);
        assert_eq!(titles(&v, &index.search("replicated", 10)), ["Paxos"]);
        assert_eq!(titles(&v, &index.search("ÉMI", 10)), ["Émile Zola"]);
        assert!(index.search("   ", 10).is_empty());
        assert!(index.search("raft", 0).is_empty());
        assert!(index.search("nothing like it", 10).is_empty());
    }

    /// The window's search before the index: every title, alias and id
    /// lowercased on every call, and all hits sorted.
    fn reference(v: &Vault, text: &str, limit: usize) -> Vec<NoteId> {
        let needle = text.trim().to_lowercase();
        if needle.is_empty() {
            return Vec::new();
        }
        let mut hits = Vec::new();
        for (id, note) in v.notes.iter().enumerate() {
            let title = note.title.to_lowercase();
            let fm = &note.frontmatter;
            let rank = if title == needle {
                0
            } else if title.starts_with(&needle) {
                1
            } else if title.contains(&needle) {
                2
            } else if fm
                .aliases
                .iter()
                .any(|a| a.to_lowercase().contains(&needle))
                || fm
                    .id
                    .as_deref()
                    .is_some_and(|i| i.to_lowercase().contains(&needle))
            {
                3
            } else {
                continue;
            };
            hits.push((rank, note.title.len(), id));
        }
        hits.sort();
        hits.into_iter().take(limit).map(|(_, _, id)| id).collect()
    }

    #[test]
    fn same_order_as_a_full_sort_for_every_limit() {
        // Many ties on rank and title length, so that the selection and the
        // id tie-break are both exercised.
        let files: Vec<(String, String)> = (0..60)
            .map(|i| {
                let title = ["ab", "abc", "xab", "b a", "zz"][i % 5];
                let alias = if i % 7 == 0 { "aliasab" } else { "none" };
                (
                    format!("n{i:02}.md"),
                    format!("---\naliases: [{alias}]\n---\n# {title}\n"),
                )
            })
            .collect();
        let refs: Vec<(&str, &str)> = files
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        let v = vault(&refs);
        let index = SearchIndex::new(&v);
        for needle in ["ab", "a", "b", "AB", "abc", "zz", "aliasab", "q"] {
            for limit in [1, 2, 5, 11, 12, 13, 30, 59, 60, 100] {
                assert_eq!(
                    index.search(needle, limit),
                    reference(&v, needle, limit),
                    "{needle} {limit}"
                );
            }
        }
    }
}
