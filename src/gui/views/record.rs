//! Progress buttons for the note panel and the plan: record a status in
//! notegraph (the default: the note is not touched), clear it, or write it
//! into the note on an explicit click.

use crate::gui::command::Command;
use crate::gui::model::{Loaded, VaultSource};
use crate::gui::style;
use crate::vault::NoteId;
use egui::{RichText, Ui};

/// The status the "learned" button records.
pub const LEARNED: &str = "mastered";
const LEARNING: &str = "learning";

/// "Mark learned / Mark learning / Clear", and for a recorded status where
/// it comes from and "Write to note".
pub fn progress_row(ui: &mut Ui, loaded: &Loaded, note: NoteId, out: &mut Vec<Command>) {
    let status = loaded.vault.notes[note].frontmatter.status.as_deref();
    if let Some(own) = loaded.overlay.recorded.get(&note) {
        let own = own.as_deref().unwrap_or("none");
        let by = if loaded.is_placed(note) {
            "by placement"
        } else {
            "in notegraph"
        };
        let text = format!(
            "{} — recorded {by} (the note says {own})",
            status.unwrap_or("?")
        );
        ui.label(RichText::new(text).small().color(style::READY));
    }
    ui.horizontal_wrapped(|ui| {
        if status != Some(LEARNED) && ui.button("Mark learned").clicked() {
            out.push(Command::Record(note, Some(LEARNED.into())));
        }
        if status != Some(LEARNING) && ui.button("Mark learning").clicked() {
            out.push(Command::Record(note, Some(LEARNING.into())));
        }
        if loaded.overlay.recorded.contains_key(&note) {
            if ui
                .button("Clear")
                .on_hover_text("Forget the recorded status")
                .clicked()
            {
                out.push(Command::Record(note, None));
            }
            write_button(ui, loaded, vec![note], "Write to note", out);
        }
    });
}

/// "Write all to notes (N)" for every recorded status of the vault.
pub fn write_all_row(ui: &mut Ui, loaded: &Loaded, out: &mut Vec<Command>) {
    if loaded.overlay.recorded.is_empty() {
        return;
    }
    let mut notes: Vec<NoteId> = loaded.overlay.recorded.keys().copied().collect();
    notes.sort_unstable();
    let label = format!("Write all {} recorded to notes", notes.len());
    write_button(ui, loaded, notes, &label, out);
}

fn write_button(
    ui: &mut Ui,
    loaded: &Loaded,
    notes: Vec<NoteId>,
    label: &str,
    out: &mut Vec<Command>,
) {
    let writable = matches!(loaded.source, VaultSource::Folder(_));
    let tip = "Puts the status into the note's frontmatter: only the status line changes, \
               atomically; refused if the file changed since it was loaded";
    let button = ui.add_enabled(writable, egui::Button::new(label));
    if button.on_hover_text(tip).clicked() {
        out.push(Command::WriteToNotes(notes));
    }
}

/// A small "learned" button for a plan step.
pub fn step_button(ui: &mut Ui, note: NoteId, out: &mut Vec<Command>) {
    let b = ui
        .small_button("mark learned")
        .on_hover_text("Recorded in notegraph; the note is not changed");
    if b.clicked() {
        out.push(Command::Record(note, Some(LEARNED.into())));
    }
}
