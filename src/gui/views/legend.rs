//! A one-line key along the bottom of the graph: colours, then edge kinds.

use super::memo::Memo;
use crate::analysis::filter::NONE_LABEL;
use crate::gui::context::ViewContext;
use crate::gui::settings::ColorBy;
use crate::gui::style::{edge_style, Palette};
use crate::vault::EdgeKind;
use egui::{Color32, RichText, Ui};

/// How many colour values the key shows.
const SHOWN: usize = 8;

#[derive(Default)]
pub struct LegendView {
    /// Entries by (load, colouring): the palette is sorted once, not per frame.
    entries: Memo<(u64, ColorBy), Vec<(String, Color32)>>,
}

impl LegendView {
    /// Draws the key along the bottom of the graph drawn at `rect`.
    pub fn show(&mut self, ui: &mut Ui, cx: &ViewContext, rect: egui::Rect) {
        let Some(loaded) = cx.loaded else { return };
        if !rect.is_positive() {
            return;
        }
        let by = cx.settings.view.color_by;
        let entries = self.entries.get((loaded.generation, by), || {
            Palette::new(loaded, by).legend(loaded, SHOWN)
        });
        egui::Area::new(egui::Id::new("legend"))
            .fixed_pos(rect.left_bottom() + egui::vec2(8.0, -30.0))
            .interactable(false)
            .show(ui.ctx(), |ui| {
                ui.set_max_width(rect.width() - 16.0);
                egui::Frame::popup(ui.style())
                    .inner_margin(egui::Margin::symmetric(8, 3))
                    .show(ui, |ui| {
                        ui.horizontal(|ui| {
                            ui.spacing_mut().item_spacing.x = 4.0;
                            colour_key(ui, entries);
                            ui.separator();
                            edge_key(ui);
                        });
                    });
            });
    }
}

fn colour_key(ui: &mut Ui, entries: &[(String, Color32)]) {
    for (value, color) in entries {
        let (r, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
        ui.painter().circle_filled(r.center(), 4.5, *color);
        let label = if value == NONE_LABEL {
            "no value"
        } else {
            value
        };
        ui.label(RichText::new(label).small());
        ui.add_space(4.0);
    }
}

fn edge_key(ui: &mut Ui) {
    for kind in EdgeKind::ALL {
        let (color, width) = edge_style(kind, ui.visuals().dark_mode);
        let (r, _) = ui.allocate_exact_size(egui::vec2(14.0, 10.0), egui::Sense::hover());
        ui.painter()
            .line_segment([r.left_center(), r.right_center()], (width + 0.5, color));
        ui.label(RichText::new(kind.as_str()).small());
        ui.add_space(4.0);
    }
}
