//! A change the window made itself (a box ticked, a status recorded or
//! written into a note), applied to the loaded vault in place: the note's
//! new text parsed again (`Vault::replace_text`) and what statuses and
//! self-checks decide worked out again, while the graph, names, topics and
//! every view's place stay. A full load would throw all that away and,
//! on a large vault, leave the next click on the old text for seconds.

use super::model::{overlay, ready_of, Loaded};
use super::settings::Recorded;
use crate::analysis::{self, selfcheck, Facets, StudyConfig};
use crate::vault::{EdgeKind, Link, NoteId, Target};
use std::sync::Arc;

impl Loaded {
    /// Takes the new text of each note in `texts` (what the window just
    /// wrote into its file) and the `recorded` statuses. Returns `false`,
    /// changing nothing, where only a full load gives the right answer:
    /// an edit that changes a note's names or links (the graph and the
    /// topics would change).
    pub fn apply_edits(
        &mut self,
        texts: &[(NoteId, String)],
        study: &StudyConfig,
        recorded: &Recorded,
    ) -> bool {
        let mut vault = (*self.vault).clone();
        // Back to what the files say, then as a load goes on from there.
        for (&id, own) in &self.file_status {
            vault.notes[id].frontmatter.status = own.clone();
        }
        let mut self_checks = self.self_checks.clone();
        for (id, text) in texts {
            let before = graph_facts(&vault.notes[*id].links);
            if !vault.replace_text(*id, text) || graph_facts(&vault.notes[*id].links) != before {
                return false;
            }
            let check = selfcheck::self_check(&vault.notes[*id], &study.self_check_headings);
            self_checks[*id] = check.map(|c| c.tally());
        }
        let (recorded_of, file_status, by_checks) = overlay(
            &mut vault,
            recorded.get(&self.source.label()),
            study,
            &self_checks,
        );
        self.status_by_checks = by_checks;
        let vault = Arc::new(vault);
        (self.ready, self.ready_list) = ready_of(&vault, &self.graph, study, &self_checks);
        self.facets = Facets::of(&vault);
        self.unresolved = analysis::unresolved_links(&vault);
        self.frontmatter_errors = analysis::frontmatter_errors(&vault);
        self.diagnostics = analysis::all_diagnostics(&vault, &self.graph);
        self.recorded = recorded_of;
        self.file_status = file_status;
        self.self_checks = self_checks;
        self.vault = vault;
        true
    }
}

/// What the graph takes from a note's links: where each leads, its kind
/// and the name a ghost gets.
fn graph_facts(links: &[Link]) -> Vec<(Target, EdgeKind, Box<str>)> {
    (links.iter())
        .map(|l| (l.target.clone(), l.raw.kind, l.raw.target.clone()))
        .collect()
}
