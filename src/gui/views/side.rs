//! The side panels' frame: each keeps the width the user dragged
//! (remembered in the settings), whatever its content asks for, and folds
//! away by itself in a narrow window so that the graph keeps room.
//!
//! egui widens a panel to fit content that does not wrap (a long path, a
//! row of buttons) and remembers that width, so opening a tab or selecting
//! a note moved the graph under the pointer. Here the panel's upper bound
//! is the remembered width, except while the user drags its edge.

use crate::gui::command::{Command, Side};
use egui::Ui;

/// Below this window width the filters panel folds, below the second the
/// details panel too (each one click away; not saved as the user's choice).
pub const FOLD_FILTERS_BELOW: f32 = 1000.0;
pub const FOLD_DETAILS_BELOW: f32 = 700.0;
/// The narrowest a panel can be dragged.
const MIN_WIDTH: f32 = 160.0;
/// The widest a panel can be dragged, as a share of the window.
const MAX_SHARE: f32 = 0.45;

/// Which side panels are shown this frame: the user's choice, less those
/// folded for a narrow window, plus those opened again by a click while it
/// is narrow.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Folding {
    pub window_width: f32,
    /// Opened by a click while folded for width; forgotten once the window
    /// is wide enough again.
    pub opened: [bool; 2],
}

impl Folding {
    fn index(side: Side) -> usize {
        match side {
            Side::Filters => 0,
            Side::Details => 1,
        }
    }

    fn threshold(side: Side) -> f32 {
        match side {
            Side::Filters => FOLD_FILTERS_BELOW,
            Side::Details => FOLD_DETAILS_BELOW,
        }
    }

    /// Whether the window is too narrow for `side` unless asked for.
    pub fn folds(&self, side: Side) -> bool {
        self.window_width > 0.0 && self.window_width < Self::threshold(side)
    }

    /// Whether `side`, which the user keeps shown (`wanted`), is shown.
    pub fn shows(&self, side: Side, wanted: bool) -> bool {
        wanted && (!self.folds(side) || self.opened[Self::index(side)])
    }

    /// A new window width: what was opened by a click is forgotten once
    /// the window no longer folds it.
    pub fn set_width(&mut self, width: f32) {
        self.window_width = width;
        for side in [Side::Filters, Side::Details] {
            if !self.folds(side) {
                self.opened[Self::index(side)] = false;
            }
        }
    }

    pub fn set_opened(&mut self, side: Side, open: bool) {
        self.opened[Self::index(side)] = open;
    }
}

/// Shows a side panel `width` wide (the remembered width), on the left for
/// the filters and on the right for the details; a drag of its edge gives
/// the command that remembers the new width.
pub fn show(
    ui: &mut Ui,
    side: Side,
    width: f32,
    add_contents: impl FnOnce(&mut Ui),
) -> Option<Command> {
    let id = egui::Id::new(match side {
        Side::Filters => "filters",
        Side::Details => "details",
    });
    let window = ui.ctx().content_rect().width();
    let widest = (window * MAX_SHARE).max(MIN_WIDTH);
    let width = width.clamp(MIN_WIDTH, widest);
    let edge = ui.ctx().read_response(id.with("__resize"));
    let resizing = edge.is_some_and(|r| r.hovered() || r.dragged() || r.drag_stopped());
    let most = if resizing { widest } else { width };
    if !resizing {
        // egui keeps the last width a panel had, content-widened or not.
        let rect = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(width, 1.0));
        ui.ctx().data_mut(|d| {
            d.insert_persisted(id, egui::containers::panel::PanelState { outer_rect: rect })
        });
    }
    let panel = match side {
        Side::Filters => egui::Panel::left(id),
        Side::Details => egui::Panel::right(id),
    };
    let shown = panel
        .resizable(true)
        .default_size(width)
        .size_range(MIN_WIDTH..=most)
        .show(ui, |ui| {
            // Text wraps at the panel's width; what cannot wrap (a long
            // path) scrolls sideways instead of widening the panel.
            egui::ScrollArea::horizontal()
                .id_salt("side-panel")
                .auto_shrink([false, false])
                .show(ui, add_contents)
        });
    let now = shown.response.rect.width();
    (resizing && (now - width).abs() >= 1.0).then(|| Command::SetPanelWidth(side, now.round()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panels_fold_in_a_narrow_window_and_come_back() {
        let mut f = Folding::default();
        f.set_width(1400.0);
        assert!(f.shows(Side::Filters, true) && f.shows(Side::Details, true));
        f.set_width(800.0);
        assert!(!f.shows(Side::Filters, true) && f.shows(Side::Details, true));
        f.set_width(640.0);
        assert!(!f.shows(Side::Filters, true) && !f.shows(Side::Details, true));
        f.set_opened(Side::Details, true);
        assert!(f.shows(Side::Details, true), "one click away");
        assert!(
            !f.shows(Side::Details, false),
            "never against the user's choice"
        );
        f.set_width(1200.0);
        assert!(f.shows(Side::Filters, true) && f.shows(Side::Details, true));
        f.set_width(640.0);
        assert!(
            !f.shows(Side::Details, true),
            "folds again once narrow again"
        );
    }
}
