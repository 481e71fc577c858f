//! "Self-check 3/5" in the note panel: the boxes of the note's own
//! self-check section, as its file holds them. Read-only unless the user
//! has turned on ticking boxes in the note files; then a click ticks one
//! in the file (one character, atomically) and the window reads it back.

use crate::analysis::selfcheck::SelfCheck;
use crate::gui::command::Command;
use crate::gui::model::{Loaded, VaultSource};
use crate::gui::settings::Settings;
use crate::vault::NoteId;
use egui::{RichText, Ui};

/// Whether a click on a box may write it into the note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ticking {
    Allowed,
    /// The setting is off.
    Off,
    /// The vault cannot be written (the bundled sample).
    ReadOnly,
}

impl Ticking {
    pub fn of(loaded: &Loaded, settings: &Settings) -> Ticking {
        match (&loaded.source, settings.tick_boxes_in_notes) {
            (VaultSource::Sample, _) => Ticking::ReadOnly,
            (_, false) => Ticking::Off,
            (VaultSource::Folder(_), true) => Ticking::Allowed,
        }
    }

    fn tooltip(self, line: u32) -> String {
        match self {
            Ticking::Allowed => format!(
                "Line {line}. A click writes this one box into the note (only that character changes)."
            ),
            Ticking::Off => format!(
                "Line {line}. Tick it in your editor, and the window reads it back; or turn on \
                 \"tick self-check boxes in the notes\" in the Progress tab to tick it here."
            ),
            Ticking::ReadOnly => format!("Line {line}. The bundled sample vault is read-only."),
        }
    }
}

pub fn show(
    ui: &mut Ui,
    check: &SelfCheck,
    note: NoteId,
    ticking: Ticking,
    out: &mut Vec<Command>,
) {
    let (ticked, total) = (check.ticked(), check.total());
    let colour = if check.complete() {
        egui::Color32::from_rgb(80, 170, 100)
    } else {
        ui.visuals().text_color()
    };
    let header = RichText::new(format!("Self-check {ticked}/{total}")).color(colour);
    egui::CollapsingHeader::new(header)
        .id_salt("self-check")
        .default_open(true)
        .show(ui, |ui| {
            why_read_only(ui, ticking, out);
            let enabled = ticking == Ticking::Allowed;
            for b in &check.boxes {
                let mut now = b.ticked;
                let tip = ticking.tooltip(b.line);
                let response = ui.add_enabled(enabled, egui::Checkbox::new(&mut now, &b.text));
                let response = if enabled {
                    response.on_hover_text(tip)
                } else {
                    response.on_disabled_hover_text(tip)
                };
                if response.changed() && now != b.ticked {
                    out.push(Command::TickBox {
                        note,
                        marker: b.marker,
                        ticked: now,
                    });
                }
            }
        });
}

/// Beside boxes that cannot be ticked, one line that says why, and where
/// the setting is all that stops it, the button that turns ticking on.
fn why_read_only(ui: &mut Ui, ticking: Ticking, out: &mut Vec<Command>) {
    let line = match ticking {
        Ticking::Allowed => return,
        Ticking::Off => "Read-only: tick them in your editor, or",
        Ticking::ReadOnly => "Read-only: the bundled sample vault is never written.",
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(line).small().weak());
        if ticking == Ticking::Off
            && ui
                .small_button("tick them here")
                .on_hover_text("A click on a box will write that one character into the note (the Progress tab's setting)")
                .clicked()
        {
            out.push(Command::TickBoxesInNotes(true));
        }
    });
}
