//! "Self-check 3/5" in the note panel: the boxes of the note's own
//! self-check section, as its file holds them. Read-only: the learner
//! ticks them in their editor, and the open window reads the change back.

use crate::analysis::selfcheck::SelfCheck;
use egui::{RichText, Ui};

pub fn show(ui: &mut Ui, check: &SelfCheck) {
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
            for b in &check.boxes {
                let mut ticked = b.ticked;
                ui.add_enabled(false, egui::Checkbox::new(&mut ticked, &b.text))
                    .on_disabled_hover_text(format!(
                        "Line {}. Tick it in your editor; the window reads it back.",
                        b.line
                    ));
            }
        });
}
