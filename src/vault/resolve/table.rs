//! A table from names to the notes that bear them, built once a load.
//!
//! The names lie end to end in one string and each name's notes in one
//! list, so that a table over a large vault is a handful of allocations
//! rather than a key and a list for every name: building the tables and
//! freeing them was most of resolution's time.

use crate::vault::NoteId;
use std::hash::BuildHasher;

/// FxHash: resolution hashes every note's names and every link's target,
/// and SipHash's guard against crafted keys is not needed for a table
/// rebuilt on each load.
fn hash(key: &str) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(key)
}

/// Names to notes, each name's notes in the order they were added.
#[derive(Default)]
pub(super) struct Table {
    text: String,
    slots: hashbrown::HashTable<Slot>,
    /// Group `g`'s notes are `ids[starts[g]..starts[g + 1]]`.
    starts: Vec<usize>,
    ids: Vec<NoteId>,
}

/// Where a name lies in `text`, and its group.
#[derive(Clone, Copy)]
struct Slot {
    hash: u64,
    start: usize,
    len: u32,
    group: u32,
}

impl Slot {
    /// Its name, in the text of its table.
    fn name<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.start + self.len as usize]
    }
}

/// The notes of one name, in the order they were added; `id` tells the
/// group apart from every other of the same table.
#[derive(Clone, Copy)]
pub(super) struct Group<'t> {
    pub(super) id: u32,
    pub(super) ids: &'t [NoteId],
}

impl Table {
    pub(super) fn builder(capacity: usize) -> Builder {
        Builder {
            text: String::with_capacity(capacity * 16),
            slots: hashbrown::HashTable::with_capacity(capacity),
            pairs: Vec::with_capacity(capacity),
        }
    }

    fn group(&self, group: u32) -> Group<'_> {
        let g = group as usize;
        Group {
            id: group,
            ids: &self.ids[self.starts[g]..self.starts[g + 1]],
        }
    }

    pub(super) fn get(&self, key: &str) -> Option<Group<'_>> {
        let slot = self.slots.find(hash(key), |s| s.name(&self.text) == key)?;
        Some(self.group(slot.group))
    }

    /// Every group, in no set order.
    pub(super) fn groups(&self) -> impl Iterator<Item = Group<'_>> {
        (0..self.starts.len().saturating_sub(1)).map(|g| self.group(g as u32))
    }
}

/// A table being filled: names in `text`, and (group, note) pairs sorted
/// into groups once, at the end.
pub(super) struct Builder {
    text: String,
    slots: hashbrown::HashTable<Slot>,
    pairs: Vec<(u32, NoteId)>,
}

impl Builder {
    pub(super) fn add(&mut self, key: &str, id: NoteId) {
        let hash = hash(key);
        let text = &self.text;
        let found = (self.slots).find(hash, |s| s.name(text) == key);
        let group = match found {
            Some(slot) => slot.group,
            None => {
                let slot = Slot {
                    hash,
                    start: self.text.len(),
                    len: u32::try_from(key.len()).expect("a name under 4 GB"),
                    group: u32::try_from(self.slots.len()).expect("under 4 billion names"),
                };
                self.text.push_str(key);
                self.slots.insert_unique(hash, slot, |s| s.hash);
                slot.group
            }
        };
        self.pairs.push((group, id));
    }

    /// The table, each group's notes in the order they were added (a
    /// counting sort: stable, and linear in the pairs).
    pub(super) fn finish(self) -> Table {
        let mut starts = vec![0usize; self.slots.len() + 1];
        for &(group, _) in &self.pairs {
            starts[group as usize + 1] += 1;
        }
        for g in 1..starts.len() {
            starts[g] += starts[g - 1];
        }
        let mut next = starts.clone();
        let mut ids = vec![0; self.pairs.len()];
        for (group, id) in self.pairs {
            let at = &mut next[group as usize];
            ids[*at] = id;
            *at += 1;
        }
        Table {
            text: self.text,
            slots: self.slots,
            starts,
            ids,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Table;

    #[test]
    fn each_name_keeps_its_notes_in_the_order_they_came() {
        let mut b = Table::builder(2);
        for (key, id) in [("b", 0), ("a", 1), ("b", 2), ("ab", 3), ("b", 2), ("a", 4)] {
            b.add(key, id);
        }
        let t = b.finish();
        assert_eq!(t.get("b").unwrap().ids, [0, 2, 2]);
        assert_eq!(t.get("a").unwrap().ids, [1, 4]);
        assert_eq!(t.get("ab").unwrap().ids, [3]);
        assert!(t.get("").is_none() && t.get("ba").is_none());
        let mut sizes: Vec<usize> = t.groups().map(|g| g.ids.len()).collect();
        sizes.sort();
        assert_eq!(sizes, [1, 2, 3]);
        let ids: Vec<u32> = ["a", "b", "ab"].map(|k| t.get(k).unwrap().id).into();
        assert!(ids[0] != ids[1] && ids[1] != ids[2] && ids[0] != ids[2]);
    }

    #[test]
    fn an_empty_table_finds_nothing() {
        let t = Table::default();
        assert!(t.get("x").is_none());
        assert_eq!(t.groups().count(), 0);
        assert_eq!(Table::builder(0).finish().groups().count(), 0);
    }
}
