//! Small pieces the panels share: a link to a note, a coloured chip.

use crate::gui::command::Command;
use crate::gui::model::Loaded;
use crate::vault::NoteId;
use egui::{Color32, RichText, Ui};

/// A note's title as a link that selects it; its path on hover.
pub fn note_link(ui: &mut Ui, loaded: &Loaded, out: &mut Vec<Command>, id: NoteId) {
    let note = &loaded.vault.notes[id];
    if ui
        .link(&*loaded.names[id])
        .on_hover_text(&note.path)
        .clicked()
    {
        out.push(Command::Select(id));
    }
}

/// A chip: its response carries a tooltip where one is given.
pub fn chip(ui: &mut Ui, text: &str, color: Color32) -> egui::Response {
    egui::Frame::new()
        .fill(color.gamma_multiply(0.25))
        .corner_radius(8.0)
        .inner_margin(egui::Margin::symmetric(6, 1))
        .show(ui, |ui| {
            ui.label(
                RichText::new(text)
                    .small()
                    .color(ui.visuals().strong_text_color()),
            );
        })
        .response
}
