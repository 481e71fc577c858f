//! The search box above the filters: notes by title, alias or id.

use super::memo::Memo;
use crate::gui::command::Command;
use crate::gui::context::ViewContext;
use crate::vault::NoteId;
use egui::Ui;

/// How many matches the box lists.
const SHOWN: usize = 8;

#[derive(Default)]
pub struct SearchView {
    text: String,
    focus_wanted: bool,
    /// Matches by (load, text): found once per keystroke, not per frame.
    matches: Memo<(u64, String), Vec<NoteId>>,
}

impl SearchView {
    /// Moves the keyboard focus to the box on the next frame (Ctrl+F).
    pub fn focus(&mut self) {
        self.focus_wanted = true;
    }

    pub fn show(&mut self, ui: &mut Ui, cx: &ViewContext, out: &mut Vec<Command>) {
        let response = ui.add(
            egui::TextEdit::singleline(&mut self.text)
                .hint_text("Search notes (Ctrl+F)")
                .desired_width(f32::INFINITY),
        );
        if std::mem::take(&mut self.focus_wanted) {
            response.request_focus();
        }
        let Some(loaded) = cx.loaded else { return };
        let text = &self.text;
        let matches = (self.matches).get((loaded.generation, text.clone()), || {
            loaded.search.search(text, SHOWN)
        });
        let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if let Some(&first) = matches.first().filter(|_| enter) {
            out.push(Command::Select(first));
        }
        for &id in matches {
            let note = &loaded.vault.notes[id];
            let label = format!("{}  ·  {}", note.title, note.path);
            if ui
                .selectable_label(cx.selected() == Some(id), label)
                .clicked()
            {
                out.push(Command::Select(id));
            }
        }
    }
}
