//! How far the learner is, and what to learn next.
//!
//! `progress` counts learned notes per tag, folder or community, by number
//! and weighted by importance, and their self-checks; what to learn next
//! is `ready.rs`'s list.

use super::selfcheck::Tally;
use super::study::StudyConfig;
use crate::vault::{NoteId, Vault};
use std::collections::BTreeMap;

/// What progress is grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    Tag,
    Folder,
    /// By community; the caller passes each note's community name.
    Community,
}

/// The groups note `id` belongs to under `by`.
fn group_names(
    vault: &Vault,
    id: NoteId,
    by: GroupBy,
    community_names: Option<&[String]>,
) -> Vec<String> {
    let note = &vault.notes[id];
    match by {
        GroupBy::Tag if note.frontmatter.tags.is_empty() => vec!["(no tag)".into()],
        GroupBy::Tag => note.frontmatter.tags.clone(),
        GroupBy::Folder => {
            let f = note.folder();
            vec![if f.is_empty() {
                "/".into()
            } else {
                f.to_string()
            }]
        }
        GroupBy::Community => {
            vec![community_names
                .and_then(|c| c.get(id))
                .cloned()
                .unwrap_or_default()]
        }
    }
}

/// Self-check totals of a group: notes with a self-check, their boxes,
/// the boxes ticked, and the notes with every box ticked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct CheckTotals {
    pub notes: usize,
    pub boxes: usize,
    pub ticked: usize,
    pub complete: usize,
}

impl CheckTotals {
    /// The totals of these notes' self-checks.
    pub fn of(tallies: impl IntoIterator<Item = Tally>) -> CheckTotals {
        let mut totals = CheckTotals::default();
        tallies.into_iter().for_each(|t| totals.add(t));
        totals
    }

    fn add(&mut self, check: Tally) {
        self.notes += 1;
        self.boxes += check.total as usize;
        self.ticked += check.ticked as usize;
        self.complete += check.complete() as usize;
    }
}

/// Self-check totals per group, beside `progress`, from each note's tally
/// (`selfcheck::tallies`, by `NoteId`).
pub fn self_checks_by_group(
    vault: &Vault,
    by: GroupBy,
    community_names: Option<&[String]>,
    tallies: &[Option<Tally>],
) -> BTreeMap<String, CheckTotals> {
    let mut out: BTreeMap<String, CheckTotals> = BTreeMap::new();
    for (id, tally) in tallies.iter().enumerate() {
        let Some(check) = tally else { continue };
        for name in group_names(vault, id, by, community_names) {
            out.entry(name).or_default().add(*check);
        }
    }
    out
}

/// Learned notes of one group.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupProgress {
    pub name: String,
    pub learned: usize,
    pub total: usize,
    /// Sums of importance (1 for a note without one).
    pub learned_weight: f64,
    pub total_weight: f64,
}

impl GroupProgress {
    pub fn share(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.learned as f64 / self.total as f64
        }
    }
}

/// Progress per group, most learned share first, then the bigger group,
/// then by name. A note counts in each of its tags; untagged notes under
/// "(no tag)". `community_names[id]` is needed for `GroupBy::Community`.
pub fn progress(
    vault: &Vault,
    config: &StudyConfig,
    by: GroupBy,
    community_names: Option<&[String]>,
) -> Vec<GroupProgress> {
    let mut groups: BTreeMap<String, GroupProgress> = BTreeMap::new();
    for (id, note) in vault.notes.iter().enumerate() {
        let names = group_names(vault, id, by, community_names);
        let learned = config.is_learned(note);
        let weight = note
            .frontmatter
            .importance
            .filter(|w| *w > 0.0)
            .unwrap_or(1.0);
        for name in names {
            let g = groups.entry(name.clone()).or_insert(GroupProgress {
                name,
                learned: 0,
                total: 0,
                learned_weight: 0.0,
                total_weight: 0.0,
            });
            g.total += 1;
            g.total_weight += weight;
            if learned {
                g.learned += 1;
                g.learned_weight += weight;
            }
        }
    }
    let mut list: Vec<GroupProgress> = groups.into_values().collect();
    list.sort_by(|a, b| {
        (b.share().total_cmp(&a.share()))
            .then(b.total.cmp(&a.total))
            .then_with(|| a.name.cmp(&b.name))
    });
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn self_checks_are_totalled_per_group() {
        let v = crate::vault::tests::vault(&[
            ("a/one.md", "## Quick self-check\n- [x] a\n- [ ] b\n"),
            ("a/two.md", "## Self-check\n- [x] c\n"),
            ("b/three.md", "## Checklist\n- [x] a to-do\n"),
        ]);
        let headings = crate::analysis::selfcheck::SelfCheckHeadings::default();
        let tallies = crate::analysis::selfcheck::tallies(&v, &headings);
        let by = self_checks_by_group(&v, GroupBy::Folder, None, &tallies);
        let a = by["a"];
        assert_eq!((a.notes, a.boxes, a.ticked, a.complete), (2, 3, 2, 1));
        assert!(!by.contains_key("b"), "a plain checklist is no self-check");
    }
    use crate::vault::tests::vault;

    fn note(id: &str, status: &str, tags: &str, prereqs: &[&str]) -> (String, String) {
        let links: String = prereqs
            .iter()
            .map(|p| format!("- [{p}]({p}.md)\n"))
            .collect();
        let text = format!(
            "---\nid: {id}\nstatus: {status}\ntags: [{tags}]\n---\n### Prerequisites\n{links}"
        );
        (format!("{id}.md"), text)
    }

    fn sample() -> Vault {
        let notes = [
            note("a", "mastered", "base", &[]),
            note("b", "learning", "base", &["a"]),
            note("c", "todo", "top", &["b"]),
            note("d", "todo", "top", &["c"]),
            note("e", "todo", "top", &["a"]),
        ];
        let refs: Vec<(&str, &str)> = notes
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        vault(&refs)
    }

    #[test]
    fn progress_counts_learned_notes_per_tag() {
        let v = sample();
        let groups = progress(&v, &StudyConfig::default(), GroupBy::Tag, None);
        assert_eq!(groups[0].name, "base");
        assert_eq!((groups[0].learned, groups[0].total), (1, 2));
        assert_eq!((groups[1].learned, groups[1].total), (0, 3));
    }
}
