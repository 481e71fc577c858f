//! Names that tell notes apart: a note whose title is unique is shown by
//! its title; notes that share a title get the shortest folder suffix that
//! tells them apart (`course-a/Notes`, `course-b/Notes`).

use crate::vault::Vault;
use std::collections::{HashMap, HashSet};

/// The name to show for every note, by `NoteId`.
pub fn display_names(vault: &Vault) -> Vec<String> {
    let mut names: Vec<String> = vault.notes.iter().map(|n| n.title.clone()).collect();
    let mut by_title: HashMap<&str, Vec<usize>> = HashMap::new();
    for (id, note) in vault.notes.iter().enumerate() {
        by_title.entry(note.title.as_str()).or_default().push(id);
    }
    for (title, ids) in by_title.into_iter().filter(|(_, ids)| ids.len() > 1) {
        // Folder components, nearest first, of each note sharing the title.
        let folders: Vec<Vec<&str>> = ids
            .iter()
            .map(|&id| {
                let folder = vault.notes[id].folder();
                folder.rsplit('/').filter(|c| !c.is_empty()).collect()
            })
            .collect();
        let deepest = folders.iter().map(Vec::len).max().unwrap_or(0);
        let suffix = |f: &[&str], depth: usize| -> String {
            let mut parts: Vec<&str> = f.iter().take(depth).copied().collect();
            parts.reverse();
            parts.join("/")
        };
        for (k, &id) in ids.iter().enumerate() {
            let mine = &folders[k];
            // The fewest folders that no other note of the title ends with.
            let depth = (1..=deepest.max(1)).find(|&d| {
                let s = suffix(mine, d);
                let clash = |j: usize| j != k && suffix(&folders[j], d) == s;
                !(0..ids.len()).any(clash)
            });
            // Deep trees (versions of the same docs) differ high up: name
            // only the folder that differs when it alone tells them apart.
            let lone = |d: usize| {
                let c = mine.get(d - 1)?;
                let clash = (0..ids.len()).any(|j| j != k && folders[j].get(d - 1) == Some(c));
                (!clash).then(|| format!("{c}/…/{title}"))
            };
            names[id] = match depth {
                Some(d) if d > 1 && lone(d).is_some() => lone(d).unwrap_or_default(),
                Some(d) if !mine.is_empty() => format!("{}/{title}", suffix(mine, d)),
                // Same folder, or a root note among foldered ones: the path
                // is what differs.
                _ => format!(
                    "{title} ({})",
                    crate::vault::strip_md_extension(&vault.notes[id].path)
                ),
            };
        }
    }
    make_unique(&mut names);
    names
}

/// Two different notes never show the same name, even when one's title
/// happens to read like another's folder and title.
fn make_unique(names: &mut [String]) {
    let mut seen: HashSet<String> = HashSet::new();
    for name in names.iter_mut() {
        if !seen.insert(name.clone()) {
            let mut n = 2;
            while seen.contains(&format!("{name} ({n})")) {
                n += 1;
            }
            *name = format!("{name} ({n})");
            seen.insert(name.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::tests::vault;

    fn named(files: &[(&str, &str)]) -> HashMap<String, String> {
        let v = vault(files);
        let names = display_names(&v);
        v.notes.iter().map(|n| n.path.clone()).zip(names).collect()
    }

    #[test]
    fn shared_titles_get_the_shortest_folder_suffix_that_differs() {
        let n = named(&[
            ("course-a/notes.md", "---\ntitle: Notes\n---\n"),
            ("course-b/notes.md", "---\ntitle: Notes\n---\n"),
            ("x/deep/types.md", "---\ntitle: Types\n---\n"),
            ("y/deep/types.md", "---\ntitle: Types\n---\n"),
            ("unique.md", "---\ntitle: Raft\n---\n"),
            ("v1/a/b/intro.md", "---\ntitle: Intro\n---\n"),
            ("v2/a/b/intro.md", "---\ntitle: Intro\n---\n"),
            ("v2/c/b/intro.md", "---\ntitle: Intro\n---\n"),
        ]);
        assert_eq!(n["v1/a/b/intro.md"], "v1/…/Intro");
        assert_eq!(n["v2/a/b/intro.md"], "v2/a/b/Intro");
        assert_eq!(n["v2/c/b/intro.md"], "c/…/Intro");
        assert_eq!(n["course-a/notes.md"], "course-a/Notes");
        assert_eq!(n["course-b/notes.md"], "course-b/Notes");
        assert_eq!(n["x/deep/types.md"], "x/…/Types");
        assert_eq!(n["y/deep/types.md"], "y/…/Types");
        assert_eq!(n["unique.md"], "Raft");
    }

    #[test]
    fn a_root_note_and_notes_in_one_folder_are_told_apart_by_path() {
        let n = named(&[
            ("notes.md", "---\ntitle: Notes\n---\n"),
            ("a/one.md", "---\ntitle: Notes\n---\n"),
            ("a/two.md", "---\ntitle: Notes\n---\n"),
        ]);
        assert_eq!(n["notes.md"], "Notes (notes)");
        assert_eq!(n["a/one.md"], "Notes (a/one)");
        assert_eq!(n["a/two.md"], "Notes (a/two)");
        let distinct: HashSet<&String> = n.values().collect();
        assert_eq!(distinct.len(), 3);
    }
}
