//! The one status overlay, in both front ends: a status recorded in
//! notegraph wins; otherwise, with learned-from-checks, a note's
//! self-check sets its status (`analysis::by_checks`). In memory only:
//! the files keep what they say.

use super::data::Recorded;
use crate::analysis::by_checks::{status_by_checks, ByChecks};
use crate::analysis::selfcheck::Tally;
use crate::analysis::StudyConfig;
use crate::vault::{NoteId, Vault};
use std::collections::HashMap;

/// What the overlay changed, for the views that say why a note has its
/// status, and for a change made in place to start again from.
#[derive(Debug, Clone, Default)]
pub struct Overlay {
    /// Notes whose status is recorded in notegraph, with the status their
    /// file gives.
    pub recorded: HashMap<NoteId, Option<String>>,
    /// Notes whose status comes from their self-check.
    pub by_checks: HashMap<NoteId, ByChecks>,
    /// The status each file gives, for every note whose status in memory
    /// is another.
    pub file_status: HashMap<NoteId, Option<String>>,
}

impl Overlay {
    /// Sets the statuses of `vault`'s notes: `recorded` first, then what
    /// self-checks (`self_checks`, each note's tally, given where `study`
    /// asks for them) make of the rest.
    pub fn apply(
        vault: &mut Vault,
        recorded: &Recorded,
        study: &StudyConfig,
        self_checks: &[Option<Tally>],
    ) -> Overlay {
        let mut overlay = Overlay::default();
        for (id, note) in vault.notes.iter_mut().enumerate() {
            if let Some(status) = recorded.get(&note.path) {
                let own = note.frontmatter.status.replace(status.clone());
                overlay.recorded.insert(id, own);
            }
        }
        overlay.file_status = overlay.recorded.clone();
        if !study.learned_from_checks {
            return overlay;
        }
        for (id, note) in vault.notes.iter_mut().enumerate() {
            let tally = (self_checks.get(id).copied().flatten())
                .filter(|_| !overlay.recorded.contains_key(&id));
            let Some(tally) = tally else {
                continue;
            };
            let status = note.frontmatter.status.as_deref();
            if let Some((by, status)) = status_by_checks(status, tally, study) {
                let own = note.frontmatter.status.replace(status);
                overlay.file_status.insert(id, own);
                overlay.by_checks.insert(id, by);
            }
        }
        overlay
    }

    /// Puts back in `vault` the statuses its files give.
    pub fn undo(&self, vault: &mut Vault) {
        for (&id, own) in &self.file_status {
            vault.notes[id].frontmatter.status = own.clone();
        }
    }
}
