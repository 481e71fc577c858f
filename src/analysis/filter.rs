//! Narrowing the graph: a predicate over notes, and the counts that a
//! filter panel shows beside each choice.

use crate::vault::{Note, Vault};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum TagMode {
    /// A note needs at least one of the chosen tags.
    #[default]
    Any,
    /// A note needs every chosen tag.
    All,
}

/// Label used for notes that lack a status, type or folder value.
pub const NONE_LABEL: &str = "(none)";

/// Which notes to show. Empty sets mean "no restriction".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NoteFilter {
    pub tags: BTreeSet<String>,
    pub tag_mode: TagMode,
    pub excluded_tags: BTreeSet<String>,
    pub statuses: BTreeSet<String>,
    pub types: BTreeSet<String>,
    pub folders: BTreeSet<String>,
    /// Inclusive range; notes without an importance fail a set range.
    pub importance: Option<(f64, f64)>,
    // No text field: searching by title is `SearchIndex`. Settings saved
    // with the old `text` field still load, as unknown fields are ignored.
}

impl NoteFilter {
    pub fn is_empty(&self) -> bool {
        *self
            == NoteFilter {
                tag_mode: self.tag_mode,
                ..Default::default()
            }
    }

    pub fn matches(&self, note: &Note) -> bool {
        let fm = &note.frontmatter;
        let has_tag = |t: &String| fm.tags.iter().any(|x| x.eq_ignore_ascii_case(t));
        if !self.tags.is_empty() {
            let ok = match self.tag_mode {
                TagMode::Any => self.tags.iter().any(has_tag),
                TagMode::All => self.tags.iter().all(has_tag),
            };
            if !ok {
                return false;
            }
        }
        if self.excluded_tags.iter().any(has_tag) {
            return false;
        }
        let in_set = |set: &BTreeSet<String>, value: Option<&str>| {
            set.is_empty() || set.contains(value.unwrap_or(NONE_LABEL))
        };
        if !in_set(&self.statuses, fm.status.as_deref())
            || !in_set(&self.types, fm.note_type.as_deref())
            || !in_set(&self.folders, Some(note.top_folder()))
        {
            return false;
        }
        if let Some((low, high)) = self.importance {
            match fm.importance {
                Some(i) if i >= low && i <= high => {}
                _ => return false,
            }
        }
        true
    }
}

/// How many notes carry each tag, status, type and top-level folder.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facets {
    pub tags: BTreeMap<String, usize>,
    pub statuses: BTreeMap<String, usize>,
    pub types: BTreeMap<String, usize>,
    pub folders: BTreeMap<String, usize>,
    /// Smallest and largest importance in the vault.
    pub importance: Option<(f64, f64)>,
}

impl Facets {
    pub fn of(vault: &Vault) -> Facets {
        let mut f = Facets::default();
        for note in &vault.notes {
            let fm = &note.frontmatter;
            for tag in &fm.tags {
                *f.tags.entry(tag.clone()).or_default() += 1;
            }
            let label = |v: &Option<String>| v.clone().unwrap_or_else(|| NONE_LABEL.to_string());
            *f.statuses.entry(label(&fm.status)).or_default() += 1;
            *f.types.entry(label(&fm.note_type)).or_default() += 1;
            *f.folders.entry(note.top_folder().to_string()).or_default() += 1;
            if let Some(i) = fm.importance {
                f.importance = Some(match f.importance {
                    Some((lo, hi)) => (lo.min(i), hi.max(i)),
                    None => (i, i),
                });
            }
        }
        f
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::tests::vault;

    fn matching(filter: &NoteFilter) -> Vec<String> {
        let v = vault(&[
            (
                "db/a.md",
                "---\ntags: [db, storage]\nstatus: todo\nimportance: 80\ntype: concept\n---\n",
            ),
            (
                "db/b.md",
                "---\ntags: [db]\nstatus: mastered\nimportance: 20\naliases: [Bee]\n---\n",
            ),
            ("ops/c.md", "---\ntags: [ops, storage]\nid: cee\n---\n"),
            ("root.md", "# Root note\n"),
        ]);
        v.notes
            .iter()
            .filter(|n| filter.matches(n))
            .map(|n| n.path.clone())
            .collect()
    }

    fn set(items: &[&str]) -> BTreeSet<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn empty_filter_matches_everything() {
        assert_eq!(matching(&NoteFilter::default()).len(), 4);
        assert!(NoteFilter::default().is_empty());
    }

    #[test]
    fn tags_any_all_and_excluded() {
        let mut f = NoteFilter {
            tags: set(&["db", "storage"]),
            ..Default::default()
        };
        assert_eq!(matching(&f), ["db/a.md", "db/b.md", "ops/c.md"]);
        f.tag_mode = TagMode::All;
        assert_eq!(matching(&f), ["db/a.md"]);
        let f = NoteFilter {
            excluded_tags: set(&["db"]),
            ..Default::default()
        };
        assert_eq!(matching(&f), ["ops/c.md", "root.md"]);
    }

    #[test]
    fn status_type_folder_and_missing_values() {
        let f = NoteFilter {
            statuses: set(&["todo", NONE_LABEL]),
            ..Default::default()
        };
        assert_eq!(matching(&f), ["db/a.md", "ops/c.md", "root.md"]);
        let f = NoteFilter {
            folders: set(&["ops", "/"]),
            ..Default::default()
        };
        assert_eq!(matching(&f), ["ops/c.md", "root.md"]);
        let f = NoteFilter {
            types: set(&["concept"]),
            ..Default::default()
        };
        assert_eq!(matching(&f), ["db/a.md"]);
    }

    #[test]
    fn importance_range() {
        let f = NoteFilter {
            importance: Some((50.0, 100.0)),
            ..Default::default()
        };
        assert_eq!(matching(&f), ["db/a.md"]);
    }

    #[test]
    fn settings_saved_with_the_old_text_field_still_load() {
        let saved = r#"{"tags":["db"],"tag_mode":"All","text":"raft","importance":[1.0,5.0]}"#;
        let f: NoteFilter = serde_json::from_str(saved).expect("old settings load");
        assert_eq!(
            f,
            NoteFilter {
                tags: set(&["db"]),
                tag_mode: TagMode::All,
                importance: Some((1.0, 5.0)),
                ..Default::default()
            }
        );
    }

    #[test]
    fn facets_count_values() {
        let v = vault(&[
            ("a/x.md", "---\ntags: [t]\nimportance: 5\n---\n"),
            ("y.md", ""),
        ]);
        let f = Facets::of(&v);
        assert_eq!(f.tags.get("t"), Some(&1));
        assert_eq!(f.statuses.get(NONE_LABEL), Some(&2));
        assert_eq!(f.folders.keys().collect::<Vec<_>>(), ["/", "a"]);
        assert_eq!(f.importance, Some((5.0, 5.0)));
    }
}
