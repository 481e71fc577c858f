//! The panels around the graph. They read the app and push commands; they
//! change settings directly only for plain values (checkboxes, sliders).

use super::app::{App, ColorBy, Command, RightTab, SizeBy};
use super::canvas::edge_style;
use super::model::{Loaded, VaultSource};
use super::style::{self, Palette};
use crate::analysis::filter::NONE_LABEL;
use crate::analysis::TagMode;
use crate::vault::{EdgeKind, NoteId, Target};
use egui::{Color32, RichText, Ui};
use std::collections::BTreeMap;

pub fn top_bar(ui: &mut Ui, app: &mut App) {
    egui::Panel::top("menu").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui.button("Open folder…  (Ctrl+O)").clicked() {
                    app.commands.push(Command::PickFolder);
                }
                ui.menu_button("Open recent", |ui| {
                    if app.settings.recent.is_empty() {
                        ui.label("No recent vaults");
                    }
                    for path in app.settings.recent.clone() {
                        if ui.button(path.display().to_string()).clicked() {
                            app.commands.push(Command::Open(VaultSource::Folder(path)));
                        }
                    }
                });
                if ui.button("Open the sample vault").clicked() {
                    app.commands.push(Command::Open(VaultSource::Sample));
                }
                if ui.button("Reload  (Ctrl+R)").clicked() {
                    app.commands.push(Command::Reload);
                }
                ui.separator();
                if ui.button("Quit").clicked() {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
            ui.menu_button("View", |ui| {
                if ui.button("Fit to view  (F)").clicked() {
                    app.commands.push(Command::Fit);
                }
                let paused = app.canvas.as_ref().is_some_and(|c| c.is_paused());
                if ui
                    .button(if paused {
                        "Resume layout  (Space)"
                    } else {
                        "Pause layout  (Space)"
                    })
                    .clicked()
                {
                    app.commands.push(Command::TogglePause);
                }
                if ui
                    .checkbox(&mut app.settings.view.dark_mode, "Dark mode")
                    .changed()
                {
                    app.commands.push(Command::Restyle);
                }
            });
            ui.menu_button("Help", |ui| {
                ui.label(RichText::new("Shortcuts").strong());
                for (keys, what) in SHORTCUTS {
                    ui.label(format!("{keys:<12} {what}"));
                }
            });
            ui.separator();
            ui.add_enabled_ui(app.can_go_back(), |ui| {
                if ui.button("◀").on_hover_text("Back (Alt+←)").clicked() {
                    app.commands.push(Command::Back);
                }
            });
            ui.add_enabled_ui(app.can_go_forward(), |ui| {
                if ui.button("▶").on_hover_text("Forward (Alt+→)").clicked() {
                    app.commands.push(Command::Forward);
                }
            });
            if let Some(loaded) = &app.loaded {
                ui.label(RichText::new(loaded.vault.name()).strong());
                if let Some(center) = app.local_center {
                    ui.separator();
                    ui.label(format!(
                        "Local graph of “{}”, depth",
                        loaded.vault.notes[center].title
                    ));
                    if ui
                        .add(egui::DragValue::new(&mut app.settings.view.local_depth).range(1..=5))
                        .changed()
                    {
                        app.commands.push(Command::Refilter);
                    }
                    if ui.button("Show whole vault").clicked() {
                        app.commands.push(Command::LocalGraph(None));
                    }
                }
            }
        });
    });
}

pub const SHORTCUTS: [(&str, &str); 9] = [
    ("Ctrl+O", "open a folder"),
    ("Ctrl+F", "search notes"),
    ("Ctrl+R", "reload the vault"),
    ("Esc", "clear selection and plan"),
    ("F", "fit the graph to the view"),
    ("Space", "pause or resume the layout"),
    ("Alt+← / →", "back / forward through selections"),
    ("Click", "select a note; drag pins it"),
    ("Double-click", "local graph of a note"),
];

pub fn status_bar(ui: &mut Ui, app: &mut App) {
    egui::Panel::bottom("status").show(ui, |ui| {
        ui.horizontal(|ui| {
            if let Some(loaded) = &app.loaded {
                let total = loaded.vault.notes.len();
                let links = loaded.link_count;
                ui.label(format!("{} of {total} notes visible", app.visible_notes));
                ui.separator();
                ui.label(format!(
                    "{links} links, {} edges",
                    loaded.graph.graph.edge_count()
                ));
                ui.separator();
                let state = match &app.canvas {
                    Some(c) if c.is_paused() => "layout paused",
                    Some(c) if !c.is_settled() => "layout running",
                    _ => "layout settled",
                };
                ui.label(state);
                ui.separator();
                ui.label(format!("loaded in {:.0} ms", loaded.load_ms));
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.label(format!("{:.1} ms/frame", app.frame_ms));
            });
        });
    });
}

pub fn error_banner(ui: &mut Ui, app: &mut App, error: &str) {
    egui::Frame::new()
        .fill(ui.visuals().extreme_bg_color)
        .stroke(egui::Stroke::new(1.0, ui.visuals().error_fg_color))
        .inner_margin(8.0)
        .corner_radius(4.0)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(RichText::new(error).color(ui.visuals().error_fg_color));
                if ui.button("Open folder…").clicked() {
                    app.commands.push(Command::PickFolder);
                }
                if ui.button("Open the sample vault").clicked() {
                    app.commands.push(Command::Open(VaultSource::Sample));
                }
                if ui.small_button("✕").clicked() {
                    app.error = None;
                }
            });
        });
}

/// A list of (value, count) checkboxes bound to a set in the filter.
fn facet_list(
    ui: &mut Ui,
    id: &str,
    counts: &BTreeMap<String, usize>,
    chosen: &mut std::collections::BTreeSet<String>,
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

pub fn left_panel(ui: &mut Ui, app: &mut App) {
    egui::Panel::left("filters")
        .resizable(true)
        .default_size(250.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                search_box(ui, app);
                ui.add_space(4.0);
                let Some(loaded) = &app.loaded else { return };
                let total = loaded.vault.notes.len();
                ui.label(
                    RichText::new(format!("{} / {total} notes shown", app.visible_notes)).strong(),
                );
                let mut changed = false;
                let filter = &mut app.settings.filter;
                ui.collapsing("Tags", |ui| {
                    ui.horizontal(|ui| {
                        changed |= ui
                            .radio_value(&mut filter.tag_mode, TagMode::Any, "any of")
                            .changed();
                        changed |= ui
                            .radio_value(&mut filter.tag_mode, TagMode::All, "all of")
                            .changed();
                    });
                    changed |= facet_list(ui, "tags", &loaded.facets.tags, &mut filter.tags);
                    ui.label("Exclude");
                    changed |= facet_list(
                        ui,
                        "tags-exclude",
                        &loaded.facets.tags,
                        &mut filter.excluded_tags,
                    );
                });
                ui.collapsing("Status", |ui| {
                    changed |=
                        facet_list(ui, "status", &loaded.facets.statuses, &mut filter.statuses);
                });
                ui.collapsing("Type", |ui| {
                    changed |= facet_list(ui, "type", &loaded.facets.types, &mut filter.types);
                });
                ui.collapsing("Folder", |ui| {
                    changed |=
                        facet_list(ui, "folder", &loaded.facets.folders, &mut filter.folders);
                });
                if let Some((lo, hi)) = loaded.facets.importance {
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
                ui.separator();
                ui.label(RichText::new("Show").strong());
                let view = &mut app.settings.view;
                for (i, kind) in EdgeKind::ALL.iter().enumerate() {
                    ui.horizontal(|ui| {
                        let (color, width) = edge_style(*kind, ui.visuals().dark_mode);
                        let (rect, _) =
                            ui.allocate_exact_size(egui::vec2(18.0, 10.0), egui::Sense::hover());
                        ui.painter().line_segment(
                            [rect.left_center(), rect.right_center()],
                            (width + 0.5, color),
                        );
                        changed |= ui
                            .checkbox(&mut view.edge_kinds[i], format!("{} links", kind.as_str()))
                            .changed();
                    });
                }
                changed |= ui
                    .checkbox(
                        &mut view.orphans_only,
                        format!("orphans only ({})", loaded.orphans.len()),
                    )
                    .changed();
                changed |= ui
                    .checkbox(
                        &mut view.show_ghosts,
                        format!("missing notes ({})", loaded.graph.ghosts.len()),
                    )
                    .on_hover_text("Ghost nodes for links whose target does not exist")
                    .changed();
                let mut restyle = ui
                    .checkbox(
                        &mut view.highlight_ready,
                        format!("highlight ready to study ({})", app.ready.len()),
                    )
                    .changed();
                ui.separator();
                ui.label(RichText::new("Style").strong());
                egui::ComboBox::from_label("colour")
                    .selected_text(format!("{:?}", view.color_by).to_lowercase())
                    .show_ui(ui, |ui| {
                        restyle |= ui
                            .selectable_value(&mut view.color_by, ColorBy::Status, "status")
                            .changed();
                        restyle |= ui
                            .selectable_value(&mut view.color_by, ColorBy::Tag, "first tag")
                            .changed();
                        restyle |= ui
                            .selectable_value(&mut view.color_by, ColorBy::Folder, "folder")
                            .changed();
                    });
                egui::ComboBox::from_label("size")
                    .selected_text(match view.size_by {
                        SizeBy::Importance => "importance",
                        SizeBy::Links => "links",
                    })
                    .show_ui(ui, |ui| {
                        restyle |= ui
                            .selectable_value(&mut view.size_by, SizeBy::Importance, "importance")
                            .changed();
                        restyle |= ui
                            .selectable_value(&mut view.size_by, SizeBy::Links, "number of links")
                            .changed();
                    });
                ui.separator();
                ui.label(RichText::new("Layout").strong());
                let layout = &mut app.settings.layout;
                let mut params = false;
                params |= ui
                    .add(egui::Slider::new(&mut layout.repulsion, 0.1..=5.0).text("repulsion"))
                    .changed();
                params |= ui
                    .add(
                        egui::Slider::new(&mut layout.link_distance, 10.0..=200.0)
                            .text("link distance"),
                    )
                    .changed();
                params |= ui
                    .add(egui::Slider::new(&mut layout.gravity, 0.0..=0.3).text("gravity"))
                    .changed();
                ui.horizontal(|ui| {
                    let paused = app.canvas.as_ref().is_some_and(|c| c.is_paused());
                    if ui.button(if paused { "Resume" } else { "Pause" }).clicked() {
                        app.commands.push(Command::TogglePause);
                    }
                    if ui.button("Re-run").clicked() {
                        app.commands.push(Command::RerunLayout);
                    }
                    if ui.button("Unpin all").clicked() {
                        app.commands.push(Command::UnpinAll);
                    }
                });
                if params {
                    app.commands.push(Command::LayoutParamsChanged);
                }
                if changed {
                    app.commands.push(Command::Refilter);
                } else if restyle {
                    app.commands.push(Command::Restyle);
                }
            });
        });
}

/// Notes whose title, alias or id contains the text, best matches first.
pub fn search_matches(app: &App, text: &str, limit: usize) -> Vec<NoteId> {
    let Some(loaded) = &app.loaded else {
        return Vec::new();
    };
    let needle = text.trim().to_lowercase();
    if needle.is_empty() {
        return Vec::new();
    }
    let mut hits: Vec<(u8, usize, NoteId)> = Vec::new();
    for (id, note) in loaded.vault.notes.iter().enumerate() {
        let title = note.title.to_lowercase();
        let rank = if title == needle {
            0
        } else if title.starts_with(&needle) {
            1
        } else if title.contains(&needle) {
            2
        } else if note
            .frontmatter
            .aliases
            .iter()
            .any(|a| a.to_lowercase().contains(&needle))
            || note
                .frontmatter
                .id
                .as_deref()
                .is_some_and(|i| i.to_lowercase().contains(&needle))
        {
            3
        } else {
            continue;
        };
        hits.push((rank, note.title.len(), id));
    }
    hits.sort();
    hits.into_iter().take(limit).map(|(_, _, id)| id).collect()
}

fn search_box(ui: &mut Ui, app: &mut App) {
    let response = ui.add(
        egui::TextEdit::singleline(&mut app.search)
            .hint_text("Search notes (Ctrl+F)")
            .desired_width(f32::INFINITY),
    );
    if app.focus_search {
        response.request_focus();
        app.focus_search = false;
    }
    let matches = search_matches(app, &app.search, 8);
    let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    if enter {
        if let Some(&first) = matches.first() {
            app.commands.push(Command::Select(first));
        }
    }
    if let Some(loaded) = &app.loaded {
        for id in matches {
            let note = &loaded.vault.notes[id];
            if ui
                .selectable_label(
                    app.selected == Some(id),
                    format!("{}  ·  {}", note.title, note.path),
                )
                .clicked()
            {
                app.commands.push(Command::Select(id));
            }
        }
    }
}

/// A one-line key along the bottom of the graph: colours, then edge kinds.
pub fn legend(ui: &mut Ui, app: &App) {
    let Some(loaded) = &app.loaded else { return };
    let palette = Palette::new(loaded, app.settings.view.color_by);
    let rect = app.graph_rect;
    if !rect.is_positive() {
        return;
    }
    let entries = palette.legend(loaded, 8);
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
                        for (value, color) in entries {
                            let (r, _) = ui
                                .allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
                            ui.painter().circle_filled(r.center(), 4.5, color);
                            let label = if value == NONE_LABEL {
                                "no value".to_string()
                            } else {
                                value
                            };
                            ui.label(RichText::new(label).small());
                            ui.add_space(4.0);
                        }
                        ui.separator();
                        for kind in EdgeKind::ALL {
                            let (color, width) = edge_style(kind, ui.visuals().dark_mode);
                            let (r, _) = ui
                                .allocate_exact_size(egui::vec2(14.0, 10.0), egui::Sense::hover());
                            ui.painter().line_segment(
                                [r.left_center(), r.right_center()],
                                (width + 0.5, color),
                            );
                            ui.label(RichText::new(kind.as_str()).small());
                            ui.add_space(4.0);
                        }
                    });
                });
        });
}

pub fn right_panel(ui: &mut Ui, app: &mut App) {
    egui::Panel::right("details")
        .resizable(true)
        .default_size(380.0)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.selectable_value(&mut app.tab, RightTab::Note, "Note");
                let problems = app
                    .loaded
                    .as_ref()
                    .map_or(0, |l| l.diagnostics.len() + l.orphans.len());
                ui.selectable_value(
                    &mut app.tab,
                    RightTab::Problems,
                    format!("Problems ({problems})"),
                );
                ui.selectable_value(&mut app.tab, RightTab::Plan, "Study plan");
            });
            ui.separator();
            match app.tab {
                RightTab::Note => note_tab(ui, app),
                RightTab::Problems => problems_tab(ui, app),
                RightTab::Plan => plan_tab(ui, app),
            }
        });
}

fn note_link(ui: &mut Ui, loaded: &Loaded, commands: &mut Vec<Command>, id: NoteId) {
    let note = &loaded.vault.notes[id];
    if ui.link(&note.title).on_hover_text(&note.path).clicked() {
        commands.push(Command::Select(id));
    }
}

fn chip(ui: &mut Ui, text: &str, color: Color32) {
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
        });
}

fn note_tab(ui: &mut Ui, app: &mut App) {
    let Some(selected) = app.selected else {
        ui.label("Click a note in the graph, or search for one (Ctrl+F).");
        return;
    };
    let App {
        loaded,
        commands,
        settings,
        canvas,
        md_cache,
        rendered,
        ..
    } = app;
    let Some(loaded) = &*loaded else { return };
    let note = &loaded.vault.notes[selected];
    let fm = note.frontmatter.clone();
    let title = note.title.clone();
    let path = note.path.clone();
    ui.heading(&title);
    ui.horizontal_wrapped(|ui| {
        for tag in &fm.tags {
            chip(ui, &format!("#{tag}"), Color32::from_rgb(77, 171, 247));
        }
    });
    egui::Grid::new("props")
        .num_columns(2)
        .spacing([12.0, 3.0])
        .show(ui, |ui| {
            let mut row = |k: &str, v: Option<String>| {
                if let Some(v) = v {
                    ui.label(RichText::new(k).weak());
                    ui.label(v);
                    ui.end_row();
                }
            };
            row("status", fm.status.clone());
            row("importance", fm.importance.map(|i| i.to_string()));
            row("difficulty", fm.difficulty.clone());
            row("type", fm.note_type.clone());
            row("id", fm.id.clone());
            row(
                "aliases",
                (!fm.aliases.is_empty()).then(|| fm.aliases.join(", ")),
            );
            row("created", fm.created_at.clone());
            row("updated", fm.updated_at.clone());
            row("path", Some(path.clone()));
        });
    let config = settings.study_config();
    let learned = config.is_learned(note);
    let prereqs = loaded.graph.prerequisites(selected);
    let missing: Vec<NoteId> = prereqs
        .iter()
        .copied()
        .filter(|&p| !config.is_learned(&loaded.vault.notes[p]))
        .collect();
    let in_cycle = loaded.cycle_of.get(&selected).copied();
    let pinned = canvas
        .as_ref()
        .is_some_and(|c| c.is_pinned(loaded.node_of(selected)));
    ui.horizontal_wrapped(|ui| {
        if learned {
            chip(ui, "learned", style::READY);
        } else if missing.is_empty() {
            chip(ui, "ready to study now", style::READY);
        } else {
            chip(
                ui,
                &format!("{} prerequisite(s) to learn first", missing.len()),
                Color32::from_rgb(250, 176, 5),
            );
        }
        if let Some(c) = in_cycle {
            chip(
                ui,
                &format!("in prerequisite cycle {c}"),
                Color32::from_rgb(255, 107, 107),
            );
        }
    });
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("Plan to learn this")
            .on_hover_text("Everything to learn before this note, in order")
            .clicked()
        {
            commands.push(Command::PlanFor(Some(selected)));
        }
        if ui.button("Local graph").clicked() {
            commands.push(Command::LocalGraph(Some(selected)));
        }
        if ui.button("Open in editor").clicked() {
            commands.push(Command::OpenInEditor(selected));
        }
        if pinned && ui.button("Unpin").clicked() {
            commands.push(Command::Unpin(selected));
        }
    });
    ui.separator();
    // Prepared once per selected note, not every frame.
    if rendered.as_ref().is_none_or(|(id, _)| *id != selected) {
        *rendered = Some((
            selected,
            super::markdown::render_source(note, loaded.vault.root()),
        ));
    }
    let source = rendered.as_ref().map_or("", |(_, text)| text.as_str());
    let mut links_out: BTreeMap<EdgeKind, Vec<NoteId>> = BTreeMap::new();
    let mut dead: Vec<(EdgeKind, String)> = Vec::new();
    for link in &note.links {
        match &link.target {
            Target::Note(t) if *t != selected => {
                links_out.entry(link.raw.kind).or_default().push(*t)
            }
            Target::Missing(_) => dead.push((link.raw.kind, link.raw.target.clone())),
            _ => {}
        }
    }
    let mut backlinks: BTreeMap<EdgeKind, Vec<NoteId>> = BTreeMap::new();
    for kind in EdgeKind::ALL {
        let sources: Vec<NoteId> = loaded
            .graph
            .sources(selected, Some(kind))
            .into_iter()
            .filter(|&s| s != selected)
            .collect();
        if !sources.is_empty() {
            backlinks.insert(kind, sources);
        }
    }
    for v in links_out.values_mut() {
        v.sort_unstable();
        v.dedup();
    }
    egui::ScrollArea::vertical()
        .id_salt("note-scroll")
        .show(ui, |ui| {
            egui_commonmark::CommonMarkViewer::new().show(ui, md_cache, source);
            ui.separator();
            ui.label(RichText::new("Links").strong());
            for (kind, ids) in &links_out {
                ui.label(RichText::new(kind_heading(*kind)).weak());
                for &id in ids {
                    ui.horizontal(|ui| {
                        ui.add_space(8.0);
                        note_link(ui, loaded, commands, id);
                    });
                }
            }
            for (kind, target) in &dead {
                ui.label(
                    RichText::new(format!("{} → missing note `{target}`", kind.as_str()))
                        .color(ui.visuals().warn_fg_color),
                );
            }
            ui.add_space(6.0);
            ui.label(RichText::new("Backlinks").strong());
            if backlinks.is_empty() {
                ui.label(RichText::new("Nothing links here.").weak());
            }
            for (kind, ids) in &backlinks {
                ui.label(RichText::new(backlink_heading(*kind)).weak());
                for &id in ids {
                    ui.horizontal(|ui| {
                        ui.add_space(8.0);
                        note_link(ui, loaded, commands, id);
                    });
                }
            }
            if !missing.is_empty() {
                ui.add_space(6.0);
                ui.label(RichText::new("Learn first").strong());
                let plan = crate::analysis::study_plan_with_cycles(
                    &loaded.vault,
                    &loaded.graph,
                    &[selected],
                    &config,
                    &loaded.cycle_of,
                );
                for (i, step) in plan.steps.iter().filter(|s| s.note != selected).enumerate() {
                    ui.horizontal(|ui| {
                        ui.label(format!("{}.", i + 1));
                        note_link(ui, loaded, commands, step.note);
                    });
                }
            }
        });
    // Link clicks in the body become OpenUrl output; take them over here.
    let urls: Vec<String> = ui.ctx().output_mut(|o| {
        let mut taken = Vec::new();
        o.commands.retain(|c| match c {
            egui::OutputCommand::OpenUrl(open) => {
                taken.push(open.url.clone());
                false
            }
            _ => true,
        });
        taken
    });
    for url in urls {
        commands.push(Command::OpenUrl(url));
    }
}

fn kind_heading(kind: EdgeKind) -> &'static str {
    match kind {
        EdgeKind::Prerequisite => "Prerequisites",
        EdgeKind::Related => "Related",
        EdgeKind::Compare => "Compare with",
        EdgeKind::Mention => "Mentions",
    }
}

fn backlink_heading(kind: EdgeKind) -> &'static str {
    match kind {
        EdgeKind::Prerequisite => "Needed by",
        EdgeKind::Related => "Related from",
        EdgeKind::Compare => "Compared from",
        EdgeKind::Mention => "Mentioned in",
    }
}

fn problems_tab(ui: &mut Ui, app: &mut App) {
    let App {
        loaded, commands, ..
    } = app;
    let Some(loaded) = &*loaded else { return };
    let orphans = loaded.orphans.clone();
    let unlinked = loaded.unlinked.clone();
    let cycles = loaded.cycles.clone();
    let fm_errors = loaded.frontmatter_errors.clone();
    let unresolved: Vec<(NoteId, u32, String)> = loaded
        .unresolved
        .iter()
        .map(|u| (u.source, u.line, u.target.clone()))
        .collect();
    let others: Vec<crate::Diagnostic> = loaded
        .diagnostics
        .iter()
        .filter(|d| {
            !matches!(
                d.kind,
                crate::diagnostics::DiagnosticKind::UnresolvedLink
                    | crate::diagnostics::DiagnosticKind::PrerequisiteCycle
            )
        })
        .cloned()
        .collect();
    egui::ScrollArea::vertical()
        .id_salt("problems")
        .show(ui, |ui| {
            egui::CollapsingHeader::new(format!("Orphans ({})", orphans.len()))
                .default_open(true)
                .show(ui, |ui| {
                    ui.label(RichText::new("No link in or out.").weak());
                    for id in orphans {
                        note_link(ui, loaded, commands, id);
                    }
                });
            egui::CollapsingHeader::new(format!("Nothing links here ({})", unlinked.len())).show(
                ui,
                |ui| {
                    for id in unlinked {
                        note_link(ui, loaded, commands, id);
                    }
                },
            );
            egui::CollapsingHeader::new(format!("Unresolved links ({})", unresolved.len()))
                .default_open(true)
                .show(ui, |ui| {
                    for (source, line, target) in unresolved {
                        ui.horizontal(|ui| {
                            note_link(ui, loaded, commands, source);
                            ui.label(RichText::new(format!(":{line} → `{target}`")).weak());
                        });
                    }
                });
            egui::CollapsingHeader::new(format!("Frontmatter errors ({})", fm_errors.len()))
                .default_open(true)
                .show(ui, |ui| {
                    for id in fm_errors {
                        note_link(ui, loaded, commands, id);
                    }
                });
            egui::CollapsingHeader::new(format!("Prerequisite cycles ({})", cycles.len()))
                .default_open(true)
                .show(ui, |ui| {
                    for (i, cycle) in cycles.into_iter().enumerate() {
                        ui.label(format!("Cycle {}", i + 1));
                        for id in cycle {
                            ui.horizontal(|ui| {
                                ui.add_space(8.0);
                                note_link(ui, loaded, commands, id);
                            });
                        }
                    }
                });
            egui::CollapsingHeader::new(format!("Other diagnostics ({})", others.len())).show(
                ui,
                |ui| {
                    for d in others {
                        let note = loaded.vault.note_by_path(&d.path);
                        let text = d.to_string();
                        match note {
                            Some(id) => {
                                if ui.link(text).clicked() {
                                    commands.push(Command::Select(id));
                                }
                            }
                            None => {
                                ui.label(text);
                            }
                        }
                    }
                },
            );
        });
}

fn plan_tab(ui: &mut Ui, app: &mut App) {
    let App {
        loaded,
        commands,
        selected,
        plan,
        ready,
        ..
    } = app;
    let Some(loaded) = &*loaded else { return };
    ui.horizontal_wrapped(|ui| {
        if let Some(sel) = *selected {
            if ui
                .button(format!("Plan for “{}”", loaded.vault.notes[sel].title))
                .clicked()
            {
                commands.push(Command::PlanFor(Some(sel)));
            }
        } else {
            ui.label("Select a note (click or Ctrl+F), then plan for it.");
        }
        if plan.is_some() && ui.button("Clear plan").clicked() {
            commands.push(Command::PlanFor(None));
        }
    });
    let Some(plan) = plan.clone() else {
        ui.separator();
        ui.label(RichText::new(format!("Ready to study now ({})", ready.len())).strong());
        let mut ready: Vec<NoteId> = ready.iter().copied().collect();
        ready.sort_by_key(|&n| loaded.vault.notes[n].title.to_lowercase());
        egui::ScrollArea::vertical()
            .id_salt("ready")
            .show(ui, |ui| {
                for id in ready {
                    note_link(ui, loaded, commands, id);
                }
            });
        return;
    };
    let target = plan
        .targets
        .first()
        .map(|&t| loaded.vault.notes[t].title.clone())
        .unwrap_or_default();
    ui.label(RichText::new(format!("To learn “{target}”: {} step(s)", plan.steps.len())).strong());
    if plan.steps.is_empty() {
        ui.label("Already learned, with every prerequisite.");
    }
    let ready = ready.clone();
    egui::ScrollArea::vertical().id_salt("plan").show(ui, |ui| {
        for (i, step) in plan.steps.iter().enumerate() {
            ui.horizontal(|ui| {
                ui.label(RichText::new(format!("{:>2}.", i + 1)).monospace());
                note_link(ui, loaded, commands, step.note);
                if ready.contains(&step.note) {
                    ui.label(RichText::new("ready").small().color(style::READY));
                }
                if let Some(c) = step.cycle {
                    ui.label(
                        RichText::new(format!("cycle {c}"))
                            .small()
                            .color(Color32::from_rgb(255, 107, 107)),
                    );
                }
            });
        }
    });
}
