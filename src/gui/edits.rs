//! A change the window made itself (a box ticked, a status recorded or
//! written into a note), applied to the loaded vault in place
//! (`Workspace::apply_edits`): the graph, names, topics and every view's
//! place stay. A full load would throw all that away and, on a large
//! vault, leave the next click on the old text for seconds.

use super::model::Loaded;
use crate::analysis::{self, Facets};
use crate::vault::NoteId;
use crate::workspace::Recorded;

impl Loaded {
    /// Takes the new text of each note in `texts` and the `recorded`
    /// statuses; returns `false`, changing nothing, where only a full load
    /// gives the right answer.
    pub fn apply_edits(&mut self, texts: &[(NoteId, String)], recorded: &Recorded) -> bool {
        if !self.ws.apply_edits(texts, recorded) {
            return false;
        }
        let vault = &self.ws.vault;
        self.ready_set = self.ws.ready().notes.iter().map(|n| n.note).collect();
        self.facets = Facets::of(vault);
        self.unresolved = analysis::unresolved_links(vault);
        self.frontmatter_errors = analysis::frontmatter_errors(vault);
        true
    }
}
