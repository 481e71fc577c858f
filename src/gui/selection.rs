//! The selected note and the back/forward history of selections.

use crate::vault::{NoteId, Vault};

#[derive(Debug, Default)]
pub struct Selection {
    selected: Option<NoteId>,
    history: Vec<NoteId>,
    /// How many history entries are behind us (the current one counts).
    pos: usize,
}

/// A selection by note path, to carry across a reload that renumbers notes.
#[derive(Debug, Default)]
pub struct CarriedSelection {
    selected: Option<String>,
    history: Vec<String>,
    pos: usize,
}

impl Selection {
    pub fn selected(&self) -> Option<NoteId> {
        self.selected
    }

    /// Selects `note`, adding it to the history unless it already is the
    /// selection.
    pub fn select(&mut self, note: NoteId) {
        if self.selected != Some(note) {
            self.history.truncate(self.pos);
            self.history.push(note);
            self.pos = self.history.len();
        }
        self.selected = Some(note);
    }

    pub fn clear(&mut self) {
        self.selected = None;
    }

    pub fn can_go_back(&self) -> bool {
        self.pos > 1
    }

    pub fn can_go_forward(&self) -> bool {
        self.pos < self.history.len()
    }

    /// Steps through the history; returns the note now selected, if it moved.
    pub fn go(&mut self, forward: bool) -> Option<NoteId> {
        let target = if forward {
            self.can_go_forward().then(|| self.pos + 1)
        } else {
            self.can_go_back().then(|| self.pos - 1)
        };
        let pos = target?;
        self.pos = pos;
        let note = self.history[pos - 1];
        self.selected = Some(note);
        Some(note)
    }

    pub fn carry_out(&self, vault: &Vault) -> CarriedSelection {
        let path = |note: &NoteId| vault.notes[*note].path.clone();
        CarriedSelection {
            selected: self.selected.as_ref().map(path),
            history: self.history.iter().map(path).collect(),
            pos: self.pos,
        }
    }

    /// The selection of before a reload, by path; notes that are gone drop
    /// out of the history.
    pub fn carry_in(carried: CarriedSelection, vault: &Vault) -> Selection {
        let note = |path: &String| vault.note_by_path(path);
        let before: Vec<Option<NoteId>> = carried.history.iter().map(note).collect();
        let pos = before[..carried.pos.min(before.len())]
            .iter()
            .flatten()
            .count();
        Selection {
            selected: carried.selected.as_ref().and_then(note),
            history: before.into_iter().flatten().collect(),
            pos,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_and_forward_walk_the_history_and_a_new_selection_cuts_it() {
        let mut s = Selection::default();
        for n in [1, 2, 3] {
            s.select(n);
        }
        assert_eq!(s.go(false), Some(2));
        assert_eq!(s.go(false), Some(1));
        assert_eq!(s.go(false), None, "nothing before the first");
        assert_eq!(s.go(true), Some(2));
        s.select(7);
        assert!(
            !s.can_go_forward(),
            "a new selection drops the forward part"
        );
        assert_eq!(s.go(false), Some(2));
        s.select(2);
        assert_eq!(s.go(false), Some(1), "reselecting adds no entry");
    }
}
