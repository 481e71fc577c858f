//! The study plan tab: the steps to learn a note in order, or, with no
//! plan, the notes that are ready to study now.

use super::widgets::note_link;
use crate::analysis::effort::{format_hours, plan_effort, EffortDefaults};
use crate::analysis::ready::{left_out_line, ReadyList};
use crate::analysis::StudyPlan;
use crate::gui::actions::{shortcut_text, Action};
use crate::gui::command::Command;
use crate::gui::context::ViewContext;
use crate::gui::model::Loaded;
use crate::gui::style;
use egui::{RichText, Ui};

#[derive(Default)]
pub struct PlanView;

impl PlanView {
    pub fn show(&mut self, ui: &mut Ui, cx: &ViewContext, out: &mut Vec<Command>) {
        let Some(loaded) = cx.loaded else { return };
        if !loaded.has_prerequisites {
            how_to_add_prerequisites(ui);
            return;
        }
        let plan = cx.focus.plan.as_ref();
        ui.horizontal_wrapped(|ui| {
            if let Some(sel) = cx.selected() {
                let title = &loaded.vault.notes[sel].title;
                if ui.button(format!("Plan for “{title}”")).clicked() {
                    out.push(Command::PlanFor(Some(sel)));
                }
            } else {
                let find = shortcut_text(Action::Search, ui.ctx());
                ui.label(format!(
                    "Select a note (click or {find}), then plan for it."
                ));
            }
            if plan.is_some() && ui.button("Clear plan").clicked() {
                out.push(Command::PlanFor(None));
            }
        });
        let mut implied = !cx.settings.explicit_plans;
        let toggle = ui.checkbox(
            &mut implied,
            "prerequisites of learned notes count as known",
        );
        let hint = "On: a note you have learned implies its prerequisites, which plans leave out. Off: plan from what is learned alone";
        if toggle.on_hover_text(hint).changed() {
            out.push(Command::ExplicitPlans(!implied));
        }
        match plan {
            Some(plan) => {
                steps(ui, loaded, plan, out);
                effort(ui, loaded, plan, cx.settings.effort, out);
            }
            None => ready_list(ui, loaded, out),
        }
    }
}

/// A vault without prerequisite links has nothing to plan: say how to
/// write one.
fn how_to_add_prerequisites(ui: &mut Ui) {
    ui.label(NO_PREREQUISITES);
    ui.label(RichText::new("### Prerequisites\n- [[Sets]]\n- [[Functions]]").monospace());
}

/// What the plan tab says on a vault without prerequisite links.
const NO_PREREQUISITES: &str = "No note in this vault names its prerequisites, so there is nothing to plan yet. To add some, give a note a `### Prerequisites` heading with a list of links to the notes it builds on:";

/// The notes to study now, best first (`analysis::ready`, as `order`'s
/// "Ready now" lists them), and how many were left out.
fn ready_list(ui: &mut Ui, loaded: &Loaded, out: &mut Vec<Command>) {
    let list = &loaded.ready();
    ui.separator();
    ui.label(RichText::new(format!("Ready to study now ({})", list.notes.len())).strong())
        .on_hover_text(
            "Notes whose prerequisites are all learned, first those that unblock the most notes",
        );
    left_out_note(ui, list);
    egui::ScrollArea::vertical()
        .id_salt("ready")
        .show(ui, |ui| {
            for n in &list.notes {
                ui.horizontal(|ui| {
                    note_link(ui, loaded, out, n.note);
                    if n.unblocks > 0 {
                        let reason = format!("unblocks {}", n.unblocks);
                        ui.label(RichText::new(reason).small().weak());
                    }
                });
            }
        });
}

/// "12 notes left out: no prerequisites and no self-check", when any are.
pub fn left_out_note(ui: &mut Ui, list: &ReadyList) {
    if let Some(line) = left_out_line(list.left_out.len()) {
        ui.label(RichText::new(line).small().weak()).on_hover_text(
            "Notes with no prerequisite link either way and no self-check, such as an index, a read-me or an alias, are not study material",
        );
    }
}

fn steps(ui: &mut Ui, loaded: &Loaded, plan: &StudyPlan, out: &mut Vec<Command>) {
    let target = plan
        .targets
        .first()
        .map_or("", |&t| loaded.vault.notes[t].title.as_str());
    let count = plan.steps.len();
    ui.label(RichText::new(format!("To learn “{target}”: {count} step(s)")).strong());
    if plan.steps.is_empty() {
        ui.label("Already learned, with every prerequisite.");
    }
    super::record::write_all_row(ui, loaded, out);
    egui::ScrollArea::vertical().id_salt("plan").show(ui, |ui| {
        for (i, step) in plan.steps.iter().enumerate() {
            ui.horizontal(|ui| {
                ui.label(RichText::new(format!("{:>2}.", i + 1)).monospace());
                note_link(ui, loaded, out, step.note);
                if loaded.ready_set.contains(&step.note) {
                    ui.label(RichText::new("ready").small().color(style::READY));
                }
                if let Some(c) = step.cycle {
                    super::standing::cycle_label(ui, loaded, c);
                }
                super::record::step_button(ui, step.note, out);
            });
        }
        implied(ui, loaded, plan, out);
    });
}

/// "Implied by Replication: Distributed Systems Basics": prerequisites the
/// plan leaves out because learned notes have them as prerequisites.
fn implied(ui: &mut Ui, loaded: &Loaded, plan: &StudyPlan, out: &mut Vec<Command>) {
    if plan.implied.is_empty() {
        return;
    }
    ui.add_space(6.0);
    for i in &plan.implied {
        ui.horizontal_wrapped(|ui| {
            note_link(ui, loaded, out, i.note);
            let by: Vec<&str> = (i.by.iter())
                .map(|&b| loaded.vault.notes[b].title.as_str())
                .collect();
            let by = if by.is_empty() {
                "learned notes".to_string()
            } else {
                by.join(", ")
            };
            let line = RichText::new(format!("implied by {by}")).small().weak();
            ui.label(line).on_hover_text(
                "A prerequisite of a note you have learned: counted as known, so not a step",
            );
        });
    }
}

/// The plan's total effort, and the defaults it falls back on (editable).
fn effort(
    ui: &mut Ui,
    loaded: &Loaded,
    plan: &StudyPlan,
    defaults: EffortDefaults,
    out: &mut Vec<Command>,
) {
    let e = plan_effort(&loaded.vault, plan, &defaults);
    ui.separator();
    ui.label(format!(
        "Effort: about {} ({} from the notes' effort, {} by difficulty)",
        format_hours(e.hours),
        e.given,
        e.guessed
    ));
    egui::CollapsingHeader::new("Hours by difficulty, for notes without `effort`").show(ui, |ui| {
        let mut edited = defaults;
        for (rank, name) in ["trivial", "easy", "medium", "hard", "expert"]
            .iter()
            .enumerate()
        {
            ui.horizontal(|ui| {
                ui.add(
                    egui::DragValue::new(&mut edited.by_rank[rank])
                        .range(0.0..=100.0)
                        .speed(0.25),
                );
                ui.label(*name);
            });
        }
        if edited != defaults {
            out.push(Command::SetEffort(edited));
        }
    });
}
