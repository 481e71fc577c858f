//! A one-line key along the bottom of the graph: colours, then edge kinds.

use super::memo::Memo;
use crate::analysis::filter::NONE_LABEL;
use crate::analysis::fold::{GroupBy, GroupKey};
use crate::gui::actions::{shortcut_text, Action};
use crate::gui::command::{Command, FoldCommand};
use crate::gui::context::ViewContext;
use crate::gui::context::{Placed, PlacementFocus};
use crate::gui::settings::ColorBy;
use crate::gui::style::{edge_style, placed_color, Palette};
use crate::vault::EdgeKind;
use egui::{Color32, RichText, Ui};

/// How many colour values the key shows.
const SHOWN: usize = 8;

/// The colouring in effect and its (value, colour) entries.
type Key = (ColorBy, Vec<(String, Color32)>);

#[derive(Default)]
pub struct LegendView {
    /// Entries by (load, colouring, topic names in): the palette is sorted
    /// once, not per frame.
    entries: Memo<(u64, ColorBy, bool), Key>,
}

impl LegendView {
    /// Draws the key along the bottom of the graph drawn at `rect`; with
    /// communities, a click on one shows it alone.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        cx: &ViewContext,
        rect: egui::Rect,
        out: &mut Vec<Command>,
    ) {
        let Some(loaded) = cx.loaded else { return };
        if !rect.is_positive() {
            return;
        }
        let by = cx.settings.view.color_by;
        let named = loaded.has_topic_names();
        let (shown_by, entries) = self.entries.get((loaded.generation, by, named), || {
            let palette = Palette::new(loaded, by);
            (palette.by(), palette.legend(SHOWN))
        });
        // A placement under way colours the graph by itself.
        let placing = cx.focus.placement.as_ref().map(placement_key);
        // Topics, folders and tags can fold, from the entry's menu.
        let groups = placing.is_none().then(|| group_by(*shown_by)).flatten();
        let entries = placing.as_deref().unwrap_or(entries.as_slice());
        egui::Area::new(egui::Id::new("legend"))
            // Anchored by its bottom, so that a key wrapped in a narrow
            // window grows upwards, over the graph, not off it.
            .pivot(egui::Align2::LEFT_BOTTOM)
            .fixed_pos(rect.left_bottom() + egui::vec2(8.0, -6.0))
            .interactable(groups.is_some())
            .show(ui.ctx(), |ui| {
                ui.set_max_width(rect.width() - 16.0);
                egui::Frame::popup(ui.style())
                    .inner_margin(egui::Margin::symmetric(8, 3))
                    .show(ui, |ui| {
                        ui.horizontal_wrapped(|ui| {
                            ui.spacing_mut().item_spacing.x = 4.0;
                            let keys = Keys {
                                groups,
                                folded: &cx.focus.folded,
                            };
                            if let Some(i) = colour_key(ui, entries, &keys, out) {
                                let focus = (cx.focus.community != Some(i)).then_some(i);
                                out.push(Command::FocusCommunity(focus));
                            }
                            if groups.is_some() {
                                fold_all(ui, cx, out);
                            }
                            ui.separator();
                            edge_key(ui);
                        });
                    });
            });
    }
}

/// What kind of group the legend's entries are, when they can fold, and
/// what is folded now.
struct Keys<'a> {
    groups: Option<GroupBy>,
    folded: &'a [GroupKey],
}

impl Keys<'_> {
    /// The group of legend entry `i` (`value`), if it is one.
    fn key(&self, i: usize, value: &str) -> Option<GroupKey> {
        let key = match self.groups? {
            _ if value == NONE_LABEL => return None,
            GroupBy::Community => GroupKey::Community(i as u32),
            GroupBy::Folder => GroupKey::Folder(value.to_string()),
            GroupBy::Tag => GroupKey::Tag(value.to_string()),
        };
        Some(key)
    }
}

/// The kind of group a colouring shows, if its values are groups.
fn group_by(by: ColorBy) -> Option<GroupBy> {
    match by {
        ColorBy::Community => Some(GroupBy::Community),
        ColorBy::Folder => Some(GroupBy::Folder),
        ColorBy::Tag => Some(GroupBy::Tag),
        _ => None,
    }
}

/// "Fold all" or "Unfold all", after the colours.
fn fold_all(ui: &mut Ui, cx: &ViewContext, out: &mut Vec<Command>) {
    let action = if cx.focus.folded.is_empty() {
        Action::FoldAll
    } else {
        Action::UnfoldAll
    };
    let keys = shortcut_text(action, ui.ctx());
    let text = if action == Action::FoldAll {
        "fold all"
    } else {
        "unfold all"
    };
    let button = egui::Button::new(RichText::new(text).small()).small();
    if ui
        .add(button)
        .on_hover_text(format!("{} ({keys})", action.label()))
        .clicked()
    {
        out.push(action.command());
    }
}

/// The colour entries; returns the community clicked (communities show
/// alone on a click); a right click on a group offers to fold it.
fn colour_key(
    ui: &mut Ui,
    entries: &[(String, Color32)],
    keys: &Keys,
    out: &mut Vec<Command>,
) -> Option<usize> {
    let clickable = keys.groups == Some(GroupBy::Community);
    let mut clicked = None;
    for (i, (value, color)) in entries.iter().enumerate() {
        let (r, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
        ui.painter().circle_filled(r.center(), 4.5, *color);
        let label = if value == NONE_LABEL {
            "no value"
        } else {
            value
        };
        let key = keys.key(i, value);
        let sense = if key.is_some() {
            egui::Sense::click()
        } else {
            egui::Sense::hover()
        };
        let response = ui.add(egui::Label::new(RichText::new(label).small()).sense(sense));
        let response = match (clickable, &key) {
            (true, _) => response.on_hover_text("Show this topic alone; right-click to fold it"),
            (false, Some(_)) => response.on_hover_text("Right-click to fold it into one node"),
            _ => response,
        };
        if let Some(key) = key {
            let folded = keys.folded.contains(&key);
            response.context_menu(|ui| {
                let (text, command) = if folded {
                    ("Unfold", FoldCommand::Unfold(key))
                } else {
                    ("Fold into one node", FoldCommand::Fold(key))
                };
                if ui.button(text).clicked() {
                    out.push(Command::Fold(command));
                    ui.close();
                }
            });
        }
        if clickable && response.clicked() {
            clicked = Some(i);
        }
        ui.add_space(4.0);
    }
    clicked
}

/// Each place of a placement with its count and colour; "still open" is
/// left out once nothing is.
fn placement_key(placing: &PlacementFocus) -> Vec<(String, Color32)> {
    (Placed::ALL.into_iter())
        .map(|p| (p, placing.marks.iter().filter(|&&m| m == p).count()))
        .filter(|&(p, n)| n > 0 || p != Placed::Open)
        .map(|(p, n)| (format!("{} ({n})", p.label()), placed_color(p)))
        .collect()
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
