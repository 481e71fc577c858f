//! Review schedules kept by a note's path, found again after a rename.

use super::{Fingerprint, VaultData};
use crate::analysis::review::Schedules;
use std::collections::HashMap;

/// `data`'s schedules, those kept by a path that `vault` no longer has
/// moved to the note with the same text (a rename), unless that note has a
/// schedule of its own.
pub(super) fn follow_renamed(data: &VaultData, vault: &crate::vault::Vault) -> Schedules {
    let mut reviews = data.reviews.clone();
    let gone = |key: &&String| {
        key.strip_prefix("path:")
            .is_some_and(|p| vault.note_by_path(p).is_none())
    };
    let moved: Vec<(&String, &String)> = (data.review_texts.iter())
        .filter(|(key, _)| gone(key) && data.reviews.contains_key(*key))
        .collect();
    if moved.is_empty() {
        return reviews;
    }
    let mut by_text: HashMap<String, usize> = HashMap::new();
    for (id, note) in vault.notes.iter().enumerate() {
        by_text.entry(Fingerprint::of(note).text).or_insert(id);
    }
    for (old, text) in moved {
        let Some(&note) = by_text.get(text) else {
            continue;
        };
        let new = crate::analysis::review::key_of(&vault.notes[note]);
        if !reviews.contains_key(&new) {
            let schedule = reviews.remove(old).expect("kept under the old key");
            reviews.insert(new, schedule);
        }
    }
    reviews
}
