//! The Progress tab: learned notes per tag, folder or community as bars
//! (by count, or weighted by importance), sorted, each a click that
//! filters the graph to its group, with the group's self-check boxes
//! ticked beside it; the self-check settings; and "Next up", the notes
//! ready now that unblock most.

use super::memo::Memo;
use super::widgets::note_link;
use crate::analysis::progress::{progress, self_checks_by_group, CheckTotals};
use crate::analysis::progress::{GroupBy, GroupProgress};
use crate::analysis::selfcheck::CheckState;
use crate::gui::command::Command;
use crate::gui::context::ViewContext;
use crate::gui::model::Loaded;
use crate::gui::style;
use egui::{RichText, Ui};
use std::collections::BTreeMap;

#[derive(Default)]
pub struct ProgressView {
    by: By,
    weighted: bool,
    /// Learned notes, by load, and the groups, by (load, grouping).
    learned: Memo<u64, usize>,
    groups: Memo<(u64, By, bool), Groups>,
    /// The self-check headings as being edited, one per line.
    headings: Option<String>,
}

/// Each group's progress, and its self-check totals by name.
type Groups = (Vec<GroupProgress>, BTreeMap<String, CheckTotals>);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
enum By {
    #[default]
    Tag,
    Folder,
    Community,
}

/// Bars shown at most; the rest are summed in one line.
const MAX_BARS: usize = 40;

impl ProgressView {
    pub fn show(&mut self, ui: &mut Ui, cx: &ViewContext, out: &mut Vec<Command>) {
        let Some(loaded) = cx.loaded else { return };
        let study = cx.settings.study_config();
        let learned = *self.learned.get(loaded.generation, || {
            (loaded.vault.notes.iter())
                .filter(|n| study.is_learned(n))
                .count()
        });
        let total = loaded.vault.notes.len();
        ui.label(RichText::new(format!("Learned {learned} of {total} notes")).strong());
        self.self_check_settings(ui, cx, out);
        ui.horizontal(|ui| {
            ui.selectable_value(&mut self.by, By::Tag, "by tag");
            ui.selectable_value(&mut self.by, By::Folder, "by folder");
            ui.selectable_value(&mut self.by, By::Community, "by community");
            ui.checkbox(&mut self.weighted, "weigh by importance");
        });
        let by = self.by;
        let named = loaded.has_topic_names();
        let groups = self.groups.get((loaded.generation, by, named), || {
            let names: Vec<String> = (loaded.communities().of.iter())
                .map(|&c| loaded.community_names()[c].clone())
                .collect();
            let grouping = match by {
                By::Tag => GroupBy::Tag,
                By::Folder => GroupBy::Folder,
                By::Community => GroupBy::Community,
            };
            let groups = progress(&loaded.vault, &study, grouping, Some(&names));
            let checks =
                self_checks_by_group(&loaded.vault, grouping, Some(&names), loaded.self_checks());
            (groups, checks)
        });
        let (groups, checks) = (&groups.0, &groups.1);
        egui::ScrollArea::vertical()
            .id_salt("progress")
            .max_height(ui.available_height() * 0.6)
            .show(ui, |ui| {
                for g in groups.iter().take(MAX_BARS) {
                    group_bar(ui, loaded, by, g, self.weighted, out);
                    if let Some(t) = checks.get(&g.name) {
                        check_line(ui, t);
                    }
                }
                if groups.len() > MAX_BARS {
                    ui.label(
                        RichText::new(format!("… and {} more", groups.len() - MAX_BARS)).weak(),
                    );
                }
            });
        ui.separator();
        next_up(ui, loaded, out);
    }
}

impl ProgressView {
    /// Whether self-checks count as learned, may be ticked from the note
    /// panel, and which headings open one.
    fn self_check_settings(&mut self, ui: &mut Ui, cx: &ViewContext, out: &mut Vec<Command>) {
        let mut from_checks = cx.settings.learned_from_checks;
        let toggle = ui.checkbox(
            &mut from_checks,
            "a fully ticked self-check counts as learned",
        );
        if toggle
            .on_hover_text("Notes whose self-check boxes are all ticked count as mastered, and those with some ticked as in progress, whatever their status says; the files are not changed")
            .changed()
        {
            out.push(Command::LearnedFromChecks(from_checks));
        }
        let mut tick = cx.settings.tick_boxes_in_notes;
        let toggle = ui.checkbox(&mut tick, "tick self-check boxes in the notes");
        if toggle
            .on_hover_text("A click on a box in the note panel writes it into the note's file: only that one character changes, atomically, and never in a file changed since it was loaded")
            .changed()
        {
            out.push(Command::TickBoxesInNotes(tick));
        }
        egui::CollapsingHeader::new("Self-check headings")
            .id_salt("self-check-headings")
            .show(ui, |ui| {
                let text = self
                    .headings
                    .get_or_insert_with(|| cx.settings.self_check_headings.join("\n"));
                ui.label(
                    RichText::new("One per line; case and a count such as (5 items) are ignored.")
                        .small()
                        .weak(),
                );
                ui.add(egui::TextEdit::multiline(text).desired_rows(4));
                let list: Vec<String> = (text.lines().map(str::trim))
                    .filter(|l| !l.is_empty())
                    .map(String::from)
                    .collect();
                let changed = list != cx.settings.self_check_headings;
                if ui
                    .add_enabled(changed, egui::Button::new("Apply"))
                    .clicked()
                {
                    out.push(Command::SelfCheckHeadings(list));
                }
            });
    }
}

/// "self-check 12/30 ticked · 2 of 6 notes complete" under a group's bar.
fn check_line(ui: &mut Ui, t: &CheckTotals) {
    let text = format!(
        "self-check {}/{} ticked · {} of {} notes complete",
        t.ticked, t.boxes, t.complete, t.notes
    );
    ui.horizontal(|ui| {
        ui.add_space(6.0);
        let share = t.ticked as f32 / t.boxes.max(1) as f32;
        let bar = egui::ProgressBar::new(share)
            .desired_width(114.0)
            .desired_height(4.0)
            .fill(style::check_state_color(CheckState::SomeTicked));
        ui.add(bar);
        ui.label(RichText::new(text).small().weak());
    });
}

fn group_bar(
    ui: &mut Ui,
    loaded: &Loaded,
    by: By,
    g: &GroupProgress,
    weighted: bool,
    out: &mut Vec<Command>,
) {
    let share = if weighted && g.total_weight > 0.0 {
        g.learned_weight / g.total_weight
    } else {
        g.share()
    };
    ui.horizontal(|ui| {
        let bar = egui::ProgressBar::new(share as f32)
            .desired_width(120.0)
            .fill(style::READY)
            .text(format!("{}/{}", g.learned, g.total));
        ui.add(bar);
        if ui
            .link(&g.name)
            .on_hover_text("Show this group only")
            .clicked()
        {
            out.push(filter_to(loaded, by, &g.name));
        }
    });
}

/// The command that narrows the graph to one group.
fn filter_to(loaded: &Loaded, by: By, name: &str) -> Command {
    let mut filter = crate::analysis::NoteFilter::default();
    match by {
        By::Tag => {
            filter.tags.insert(name.to_string());
        }
        By::Folder => {
            let top = name.split('/').next().unwrap_or(name);
            filter.folders.insert(top.to_string());
        }
        By::Community => {
            let names = loaded.community_names();
            return Command::FocusCommunity(names.iter().position(|n| n == name));
        }
    }
    Command::SetFilter(filter)
}

fn next_up(ui: &mut Ui, loaded: &Loaded, out: &mut Vec<Command>) {
    ui.label(RichText::new("Next up").strong())
        .on_hover_text("Notes ready now, by how many unlearned notes they unblock, then importance, then lower difficulty");
    egui::ScrollArea::vertical()
        .id_salt("next-up")
        .show(ui, |ui| {
            let list = &loaded.ready();
            for n in list.notes.iter().take(30) {
                ui.horizontal(|ui| {
                    note_link(ui, loaded, out, n.note);
                    let reason = format!("unblocks {} note(s)", n.unblocks);
                    ui.label(RichText::new(reason).small().weak());
                });
            }
            if list.notes.is_empty() {
                ui.label("Nothing is ready: everything is learned, or waits on a cycle.");
            }
            super::plan::left_out_note(ui, list);
        });
}
