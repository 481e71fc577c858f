//! The panel on the right: a tab for the note, one for problems, one for
//! the study plan, one for progress and one for reviews.

use super::community::CommunityView;
use super::placement::PlacementView;
use super::plan::PlanView;
use super::problems::ProblemsView;
use super::progress::ProgressView;
use super::reader::ReaderView;
use super::review::ReviewView;
use crate::gui::command::{Command, RightTab, Side};
use crate::gui::context::ViewContext;
use egui::Ui;

#[derive(Default)]
pub struct DetailsView {
    tab: RightTab,
    reader: ReaderView,
    problems: ProblemsView,
    plan: PlanView,
    progress: ProgressView,
    review: ReviewView,
    placement: PlacementView,
    community: CommunityView,
}

impl DetailsView {
    pub fn tab(&self) -> RightTab {
        self.tab
    }

    pub fn show_tab(&mut self, tab: RightTab) {
        self.tab = tab;
    }

    pub fn show(&mut self, ui: &mut Ui, cx: &ViewContext, out: &mut Vec<Command>) {
        if !cx.panels.details {
            return;
        }
        let width = cx.settings.view.details_width;
        let resized = super::side::show(ui, Side::Details, width, |ui| {
            ui.horizontal(|ui| {
                // Six tabs fit the default panel width on one line.
                ui.spacing_mut().item_spacing.x = 4.0;
                // Counted once the diagnostics are worked out, after the
                // first frame with the graph (`Loaded::beside`).
                let problems = match cx.loaded.map(|l| (l, l.diagnostics_if_ready())) {
                    None => "0".to_string(),
                    Some((l, Some(d))) => (d.len() + l.orphans.len()).to_string(),
                    Some((_, None)) => "…".to_string(),
                };
                let tabs = [
                    (RightTab::Note, "Note".to_string()),
                    (RightTab::Problems, format!("Problems ({problems})")),
                    (RightTab::Plan, "Plan".to_string()),
                    (RightTab::Progress, "Progress".to_string()),
                    (RightTab::Review, "Review".to_string()),
                    (RightTab::Placement, "Placement".to_string()),
                ];
                for (tab, label) in tabs {
                    if ui.selectable_label(self.tab == tab, label).clicked() {
                        out.push(Command::ShowTab(tab));
                    }
                }
            });
            ui.separator();
            if self.tab == RightTab::Note {
                self.community.show(ui, cx, out);
            }
            match self.tab {
                RightTab::Note => self.reader.show(ui, cx, out),
                RightTab::Problems => self.problems.show(ui, cx, out),
                RightTab::Plan => self.plan.show(ui, cx, out),
                RightTab::Progress => self.progress.show(ui, cx, out),
                RightTab::Review => self.review.show(ui, cx, out),
                RightTab::Placement => self.placement.show(ui, cx, out),
            }
        });
        out.extend(resized);
    }
}
