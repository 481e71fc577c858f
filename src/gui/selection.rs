//! The selected note, the notes selected with it (Ctrl+click, a search's
//! results), and the back/forward history of selections.

use crate::vault::{NoteId, Vault};

#[derive(Debug, Default)]
pub struct Selection {
    selected: Option<NoteId>,
    /// Every selected note in the order chosen; the note panel shows
    /// `selected`, the last one clicked.
    many: Vec<NoteId>,
    history: Vec<NoteId>,
    /// How many history entries are behind us (the current one counts).
    pos: usize,
}

/// A selection by note path, to carry across a reload that renumbers notes.
#[derive(Debug, Default)]
pub struct CarriedSelection {
    selected: Option<String>,
    many: Vec<String>,
    history: Vec<String>,
    pos: usize,
}

impl Selection {
    pub fn selected(&self) -> Option<NoteId> {
        self.selected
    }

    /// Every selected note, in the order chosen (the shown one among them).
    pub fn all(&self) -> &[NoteId] {
        &self.many
    }

    /// Selects `note` alone, adding it to the history unless it already is
    /// the selection.
    pub fn select(&mut self, note: NoteId) {
        self.many = vec![note];
        self.show(note);
    }

    /// Shows `note` in the panel, keeping the other selected notes.
    fn show(&mut self, note: NoteId) {
        if self.selected != Some(note) {
            self.history.truncate(self.pos);
            self.history.push(note);
            self.pos = self.history.len();
        }
        self.selected = Some(note);
    }

    /// Adds `note` to the selected notes and shows it, or takes it out
    /// (the panel then shows the last one chosen before it).
    pub fn toggle(&mut self, note: NoteId) {
        if let Some(at) = self.many.iter().position(|&n| n == note) {
            self.many.remove(at);
            if self.selected == Some(note) {
                self.selected = self.many.last().copied();
            }
        } else {
            self.many.push(note);
            self.show(note);
        }
    }

    /// Selects `notes` together; the panel shows the first.
    pub fn select_many(&mut self, notes: &[NoteId]) {
        let Some(&first) = notes.first() else {
            return self.clear();
        };
        self.show(first);
        let mut seen = std::collections::HashSet::new();
        self.many = notes.iter().copied().filter(|n| seen.insert(*n)).collect();
    }

    pub fn clear(&mut self) {
        self.selected = None;
        self.many.clear();
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
        self.many = vec![note];
        Some(note)
    }

    pub fn carry_out(&self, vault: &Vault) -> CarriedSelection {
        let path = |note: &NoteId| vault.notes[*note].path.clone();
        CarriedSelection {
            selected: self.selected.as_ref().map(path),
            many: self.many.iter().map(path).collect(),
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
            many: carried.many.iter().filter_map(note).collect(),
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

    #[test]
    fn a_toggle_adds_and_removes_and_the_panel_shows_the_last_clicked() {
        let mut s = Selection::default();
        s.select(1);
        s.toggle(4);
        s.toggle(2);
        assert_eq!((s.all(), s.selected()), (&[1, 4, 2][..], Some(2)));
        s.toggle(2);
        assert_eq!((s.all(), s.selected()), (&[1, 4][..], Some(4)));
        s.toggle(1);
        assert_eq!((s.all(), s.selected()), (&[4][..], Some(4)));
        s.select(3);
        assert_eq!(s.all(), &[3]);
        s.select_many(&[5, 6, 5]);
        assert_eq!((s.all(), s.selected()), (&[5, 6][..], Some(5)));
    }
}
