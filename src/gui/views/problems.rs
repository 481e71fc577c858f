//! The problems tab: orphans, notes nothing links to, unresolved links,
//! frontmatter errors, prerequisite cycles and other diagnostics.

use super::memo::Memo;
use super::widgets::note_link;
use crate::diagnostics::{Diagnostic, DiagnosticKind};
use crate::gui::command::Command;
use crate::gui::context::ViewContext;
use crate::gui::model::Loaded;
use crate::vault::NoteId;
use egui::{RichText, Ui};

#[derive(Default)]
pub struct ProblemsView {
    /// Indices into `Loaded::diagnostics` of those without a section of
    /// their own, by load.
    others: Memo<u64, Vec<usize>>,
}

impl ProblemsView {
    pub fn show(&mut self, ui: &mut Ui, cx: &ViewContext, out: &mut Vec<Command>) {
        let Some(loaded) = cx.loaded else { return };
        // Worked out after the first frame with the graph
        // (`Loaded::beside`); with this tab open, this frame waits for them.
        let diagnostics = loaded.diagnostics();
        let others = (self.others).get(loaded.generation, || other_diagnostics(diagnostics));
        egui::ScrollArea::vertical()
            .id_salt("problems")
            .show(ui, |ui| {
                note_sections(ui, loaded, out);
                structure(ui, loaded, out);
                cycles(ui, loaded, out);
                let title = format!("Other diagnostics ({})", others.len());
                egui::CollapsingHeader::new(title).show(ui, |ui| {
                    for &i in others {
                        diagnostic(ui, loaded, &diagnostics[i], out);
                    }
                });
            });
    }
}

fn other_diagnostics(all: &[Diagnostic]) -> Vec<usize> {
    (0..all.len())
        .filter(|&i| {
            !matches!(
                all[i].kind,
                DiagnosticKind::UnresolvedLink | DiagnosticKind::PrerequisiteCycle
            )
        })
        .collect()
}

/// An orphan's three notes most alike in content (computed with the text
/// index, off the UI thread), each with the words they share.
fn orphan_related(ui: &mut Ui, loaded: &Loaded, id: NoteId, out: &mut Vec<Command>) {
    let Some(related) = loaded.text.orphan_related(id).filter(|r| !r.is_empty()) else {
        return;
    };
    ui.horizontal_wrapped(|ui| {
        ui.add_space(12.0);
        ui.label(RichText::new("related:").weak());
        for r in related {
            note_link(ui, loaded, out, r.note);
            let shares = format!("({})", r.shared.join(", "));
            ui.label(RichText::new(shares).small().weak());
        }
    });
}

/// Orphans, unlinked notes, unresolved links and frontmatter errors.
fn note_sections(ui: &mut Ui, loaded: &Loaded, out: &mut Vec<Command>) {
    egui::CollapsingHeader::new(format!("Orphans ({})", loaded.orphans.len()))
        .default_open(true)
        .show(ui, |ui| {
            ui.label(
                RichText::new(
                    "No link in or out; the best link to add beside each, and the notes most alike in content.",
                )
                .weak(),
            );
            for &id in &loaded.orphans {
                ui.horizontal_wrapped(|ui| {
                    note_link(ui, loaded, out, id);
                    let details = loaded.topic_details.get();
                    if let Some(s) = details.and_then(|d| d.suggestions[id].first()) {
                        ui.label(RichText::new("→").weak());
                        note_link(ui, loaded, out, s.to);
                        ui.label(RichText::new(s.reason.to_string()).weak());
                    }
                });
                orphan_related(ui, loaded, id, out);
            }
        });
    egui::CollapsingHeader::new(format!("Nothing links here ({})", loaded.unlinked.len())).show(
        ui,
        |ui| {
            for &id in &loaded.unlinked {
                note_link(ui, loaded, out, id);
            }
        },
    );
    egui::CollapsingHeader::new(format!("Unresolved links ({})", loaded.unresolved.len()))
        .default_open(true)
        .show(ui, |ui| {
            for u in &loaded.unresolved {
                ui.horizontal(|ui| {
                    note_link(ui, loaded, out, u.source);
                    ui.label(RichText::new(format!(":{} → `{}`", u.line, u.target)).weak());
                });
            }
        });
    let errors = &loaded.frontmatter_errors;
    egui::CollapsingHeader::new(format!("Frontmatter errors ({})", errors.len()))
        .default_open(true)
        .show(ui, |ui| {
            for &id in errors {
                note_link(ui, loaded, out, id);
            }
        });
}

/// Dead ends and the bridges whose loss would split the vault.
fn structure(ui: &mut Ui, loaded: &Loaded, out: &mut Vec<Command>) {
    let Some(details) = loaded.topic_details.get() else {
        if loaded.topic_details.finished() {
            ui.label(RichText::new("hubs and bridges could not be worked out").weak());
        } else {
            ui.label(RichText::new("working out hubs and bridges…").weak());
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(200));
        }
        return;
    };
    let h = &details.centrality;
    let sections = [
        ("Dead ends", "Linked to, linking nowhere.", &h.dead_ends),
        (
            "Bridges",
            "Removing one splits the vault into parts.",
            &h.articulation_points,
        ),
    ];
    for (title, about, notes) in sections {
        egui::CollapsingHeader::new(format!("{title} ({})", notes.len())).show(ui, |ui| {
            ui.label(RichText::new(about).weak());
            for &id in notes {
                note_link(ui, loaded, out, id);
            }
        });
    }
}

fn cycles(ui: &mut Ui, loaded: &Loaded, out: &mut Vec<Command>) {
    egui::CollapsingHeader::new(format!("Prerequisite cycles ({})", loaded.cycles().len()))
        .default_open(true)
        .show(ui, |ui| {
            for (i, cycle) in loaded.cycles().iter().enumerate() {
                ui.label(format!("Cycle {}", i + 1));
                for &id in cycle {
                    ui.horizontal(|ui| {
                        ui.add_space(8.0);
                        note_link(ui, loaded, out, id);
                    });
                }
            }
        });
}

fn diagnostic(ui: &mut Ui, loaded: &Loaded, d: &Diagnostic, out: &mut Vec<Command>) {
    let text = d.to_string();
    match loaded.vault.note_by_path(&d.path) {
        Some(id) => {
            if ui.link(text).clicked() {
                out.push(Command::Select(id));
            }
        }
        None => {
            ui.label(text);
        }
    }
}
