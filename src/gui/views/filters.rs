//! The panel on the left: search, filters with counts, what to show, the
//! node style and the layout strengths.

use super::search::SearchView;
use crate::analysis::{Facets, NoteFilter, TagMode};
use crate::gui::command::{Command, Side};
use crate::gui::context::ViewContext;
use crate::gui::model::Loaded;
use crate::gui::settings::{ColorBy, SizeBy, ViewSettings};
use crate::gui::style::edge_style;
use crate::vault::EdgeKind;
use egui::{RichText, Ui};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Default)]
pub struct FiltersView {
    pub search: SearchView,
}

impl FiltersView {
    /// Edits copies of the settings and sends them back when changed.
    pub fn show(&mut self, ui: &mut Ui, cx: &ViewContext, out: &mut Vec<Command>) {
        if !cx.panels.filters {
            return;
        }
        let width = cx.settings.view.filters_width;
        let resized = super::side::show(ui, Side::Filters, width, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                self.search.show(ui, cx, out);
                ui.add_space(4.0);
                let Some(loaded) = cx.loaded else { return };
                let total = loaded.vault.notes.len();
                let shown = cx.canvas.visible_notes;
                ui.label(RichText::new(format!("{shown} / {total} notes shown")).strong());
                let mut filter = cx.settings.filter.clone();
                if filter_sections(ui, &loaded.facets, &mut filter) {
                    out.push(Command::SetFilter(filter));
                }
                left_out(ui, cx, out);
                let mut view = cx.settings.view.clone();
                ui.separator();
                show_toggles(ui, loaded, &mut view);
                ui.separator();
                style_choices(ui, loaded, &mut view);
                if view != cx.settings.view {
                    out.push(Command::SetView(view));
                }
                ui.separator();
                layout_controls(ui, cx, out);
            });
        });
        out.extend(resized);
    }
}

/// What the load leaves out: how many files the vault's excluded files
/// (and `.gitignore`) kept off, and the `.gitignore` switch when the
/// vault has one.
fn left_out(ui: &mut Ui, cx: &ViewContext, out: &mut Vec<Command>) {
    let Some(loaded) = cx.loaded else { return };
    let excluded = &loaded.vault.excluded;
    if excluded.has_gitignore {
        let mut on = cx.settings.gitignore;
        let toggle = ui.checkbox(&mut on, "leave out what .gitignore names");
        let hint = "Files the vault's .gitignore names are left out of the graph, search and plans, as Obsidian's excluded files (Settings › Files and links) always are; links to them still resolve";
        if toggle.on_hover_text(hint).changed() {
            out.push(Command::Gitignore(on));
        }
    }
    if !excluded.files.is_empty() {
        let lines: Vec<String> = (excluded.by_rule().into_iter())
            .map(|(rule, n)| format!("{rule}: {n}"))
            .collect();
        let text = format!("{} files excluded", excluded.files.len());
        ui.label(RichText::new(text).weak())
            .on_hover_text(lines.join("\n"));
    }
}

/// Tags, status, type, folder and importance; true when `filter` changed.
fn filter_sections(ui: &mut Ui, facets: &Facets, filter: &mut NoteFilter) -> bool {
    let mut changed = false;
    ui.collapsing("Tags", |ui| {
        ui.horizontal(|ui| {
            changed |= ui
                .radio_value(&mut filter.tag_mode, TagMode::Any, "any of")
                .changed();
            changed |= ui
                .radio_value(&mut filter.tag_mode, TagMode::All, "all of")
                .changed();
        });
        changed |= facet_list(ui, "tags", &facets.tags, &mut filter.tags);
        ui.label("Exclude");
        changed |= facet_list(ui, "tags-exclude", &facets.tags, &mut filter.excluded_tags);
    });
    ui.collapsing("Status", |ui| {
        changed |= facet_list(ui, "status", &facets.statuses, &mut filter.statuses);
    });
    ui.collapsing("Type", |ui| {
        changed |= facet_list(ui, "type", &facets.types, &mut filter.types);
    });
    ui.collapsing("Folder", |ui| {
        changed |= facet_list(ui, "folder", &facets.folders, &mut filter.folders);
    });
    if let Some((lo, hi)) = facets.importance {
        ui.collapsing("Importance", |ui| {
            let mut on = filter.importance.is_some();
            if ui.checkbox(&mut on, "limit importance").changed() {
                filter.importance = on.then_some((lo, hi));
                changed = true;
            }
            if let Some((a, b)) = &mut filter.importance {
                changed |= ui.add(egui::Slider::new(a, lo..=hi).text("min")).changed();
                changed |= ui.add(egui::Slider::new(b, lo..=hi).text("max")).changed();
            }
        });
    }
    if !filter.is_empty() && ui.button("Clear filters").clicked() {
        *filter = Default::default();
        changed = true;
    }
    changed
}

/// A list of (value, count) checkboxes bound to a set in the filter.
fn facet_list(
    ui: &mut Ui,
    id: &str,
    counts: &BTreeMap<String, usize>,
    chosen: &mut BTreeSet<String>,
) -> bool {
    let mut changed = false;
    // Only the rows in view are laid out: a vault may have thousands of tags.
    let rows: Vec<(&String, &usize)> = counts.iter().collect();
    let row_height = ui.spacing().interact_size.y;
    egui::ScrollArea::vertical()
        .id_salt(id)
        .max_height(160.0)
        .show_rows(ui, row_height, rows.len(), |ui, range| {
            for &(value, count) in &rows[range] {
                let mut on = chosen.contains(value);
                if ui
                    .checkbox(&mut on, format!("{value}  ({count})"))
                    .changed()
                {
                    if on {
                        chosen.insert(value.clone());
                    } else {
                        chosen.remove(value);
                    }
                    changed = true;
                }
            }
        });
    changed
}

/// Edge kinds, orphans, missing notes and the "ready" highlight.
fn show_toggles(ui: &mut Ui, loaded: &Loaded, view: &mut ViewSettings) {
    ui.label(RichText::new("Show").strong());
    for (i, kind) in EdgeKind::ALL.iter().enumerate() {
        ui.horizontal(|ui| {
            let (color, width) = edge_style(*kind, ui.visuals().dark_mode);
            let (rect, _) = ui.allocate_exact_size(egui::vec2(18.0, 10.0), egui::Sense::hover());
            ui.painter().line_segment(
                [rect.left_center(), rect.right_center()],
                (width + 0.5, color),
            );
            ui.checkbox(&mut view.edge_kinds[i], format!("{} links", kind.as_str()));
        });
    }
    ui.checkbox(
        &mut view.orphans_only,
        format!("orphans only ({})", loaded.orphans.len()),
    );
    let ghosts = loaded.graph.ghosts.len();
    let too_many = ghosts > super::canvas::MAX_GHOSTS_DRAWN;
    let label = if too_many {
        format!("missing notes ({ghosts}: too many to draw, shown in a local graph)")
    } else {
        format!("missing notes ({ghosts})")
    };
    ui.checkbox(&mut view.show_ghosts, label)
        .on_hover_text("Ghost nodes for links whose target does not exist");
    // Without prerequisites every note would be "ready": nothing to show.
    if loaded.has_prerequisites {
        ui.checkbox(
            &mut view.highlight_ready,
            format!("highlight ready to study ({})", loaded.ready_set.len()),
        );
    }
}

fn style_choices(ui: &mut Ui, loaded: &Loaded, view: &mut ViewSettings) {
    ui.label(RichText::new("Style").strong());
    // Say what is painted: status colouring shows communities on a vault
    // where status does not tell notes apart.
    let shown = crate::gui::style::effective(loaded, view.color_by);
    let mut text = shown.label().to_string();
    if shown != view.color_by {
        text.push_str(" (statuses alike)");
    }
    egui::ComboBox::from_label("colour")
        .selected_text(text)
        .show_ui(ui, |ui| {
            for by in ColorBy::ALL {
                ui.selectable_value(&mut view.color_by, by, by.label());
            }
        });
    egui::ComboBox::from_label("size")
        .selected_text(match view.size_by {
            SizeBy::Importance => "importance",
            SizeBy::Links => "links",
        })
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut view.size_by, SizeBy::Importance, "importance");
            ui.selectable_value(&mut view.size_by, SizeBy::Links, "number of links");
        });
    // Topics, folders and tags are areas; statuses are not.
    if matches!(shown, ColorBy::Community | ColorBy::Folder | ColorBy::Tag) {
        ui.checkbox(&mut view.group_outlines, "outline groups")
            .on_hover_text("A soft outline round each coloured group's notes");
    }
}

fn layout_controls(ui: &mut Ui, cx: &ViewContext, out: &mut Vec<Command>) {
    ui.label(RichText::new("Layout").strong());
    let mut layout = cx.settings.layout;
    let mut changed = false;
    changed |= ui
        .add(egui::Slider::new(&mut layout.repulsion, 0.1..=5.0).text("repulsion"))
        .changed();
    changed |= ui
        .add(egui::Slider::new(&mut layout.link_distance, 10.0..=200.0).text("link distance"))
        .changed();
    changed |= ui
        .add(egui::Slider::new(&mut layout.gravity, 0.0..=0.3).text("gravity"))
        .changed();
    if changed {
        out.push(Command::SetLayout(layout));
    }
    ui.horizontal(|ui| {
        let pause = if cx.canvas.paused { "Resume" } else { "Pause" };
        if ui.button(pause).clicked() {
            out.push(Command::TogglePause);
        }
        if ui.button("Re-run").clicked() {
            out.push(Command::RerunLayout);
        }
        if ui.button("Unpin all").clicked() {
            out.push(Command::UnpinAll);
        }
    });
}
