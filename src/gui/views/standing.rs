//! Where the selected note stands for study, as chips under its title:
//! learned (and why), ready, what to learn first ("3 direct, 7 in all"),
//! and the prerequisite cycle it is part of, with who forms it.

use super::widgets::chip;
use crate::gui::model::{ByChecks, Loaded};
use crate::gui::style;
use crate::vault::NoteId;
use egui::{Color32, Ui};

/// The cycle chips' colour, here and in the plan tab.
pub const CYCLE: Color32 = crate::gui::style::CYCLE;

/// What the chips say of one note, worked out with the note's panel.
pub struct Standing {
    pub note: NoteId,
    pub learned: bool,
    /// Why it counts as learned or in progress, in the study map's words:
    /// "mastered — recorded in notegraph", "status: mastered", "all 5
    /// self-checks ticked".
    pub why: Option<String>,
    /// Its own prerequisites among `learn_first`.
    pub direct: usize,
    /// The study plan before this note, in order.
    pub learn_first: Vec<NoteId>,
}

/// Why the note counts as learned (or, from its self-check, in progress).
pub fn why(loaded: &Loaded, id: NoteId, learned: bool) -> Option<String> {
    let status = loaded.vault.notes[id].frontmatter.status.as_deref()?;
    if loaded.overlay.recorded.contains_key(&id) {
        let by = if loaded.is_placed(id) {
            "recorded by placement"
        } else {
            "recorded in notegraph"
        };
        return Some(format!("{status} — {by}"));
    }
    let by_checks = loaded.overlay.by_checks.get(&id);
    if let (Some(by), Some(t)) = (by_checks, loaded.self_checks()[id]) {
        return Some(match by {
            ByChecks::Learned => format!("all {} self-checks ticked", t.total),
            ByChecks::InProgress => {
                format!(
                    "in progress — {} of {} self-checks ticked",
                    t.ticked, t.total
                )
            }
        });
    }
    learned.then(|| format!("status: {status}"))
}

/// "3 prerequisites to learn first", or with more behind them "prerequisites
/// to learn first: 3 direct, 7 in all".
pub fn learn_first_text(direct: usize, all: usize) -> String {
    if direct == all {
        let s = if all == 1 { "" } else { "s" };
        format!("{all} prerequisite{s} to learn first")
    } else {
        format!("prerequisites to learn first: {direct} direct, {all} in all")
    }
}

/// The notes of prerequisite cycle `c` (1-based), and what a cycle means.
pub fn cycle_tooltip(loaded: &Loaded, c: usize) -> String {
    let names: Vec<&str> = (loaded.cycles().get(c.wrapping_sub(1)).into_iter().flatten())
        .map(|&n| &*loaded.names[n])
        .collect();
    format!(
        "Prerequisite cycle {c}: these notes require each other through prerequisite links, \
         so they are learned together: {}",
        names.join(", ")
    )
}

/// A small "cycle 2" label with its tooltip, for lists of steps.
pub fn cycle_label(ui: &mut Ui, loaded: &Loaded, c: usize) {
    let text = egui::RichText::new(format!("cycle {c}"))
        .small()
        .color(CYCLE);
    ui.label(text).on_hover_text(cycle_tooltip(loaded, c));
}

pub fn chips(ui: &mut Ui, loaded: &Loaded, s: &Standing) {
    ui.horizontal_wrapped(|ui| {
        if s.learned {
            let why = s.why.as_deref().unwrap_or("status");
            chip(ui, &format!("learned · {why}"), style::READY);
        } else if let Some(why) = &s.why {
            chip(ui, why, Color32::from_rgb(51, 154, 240));
        }
        if s.learned || !loaded.has_prerequisites {
            // Said above, or nothing to plan by.
        } else if !s.learn_first.is_empty() {
            let text = learn_first_text(s.direct, s.learn_first.len());
            chip(ui, &text, Color32::from_rgb(250, 176, 5));
        } else if loaded.ready_set.contains(&s.note) {
            chip(ui, "ready to study now", style::READY);
        }
        if let Some(&c) = loaded.cycle_of().get(&s.note) {
            let tip = cycle_tooltip(loaded, c);
            chip(ui, &format!("in prerequisite cycle {c}"), CYCLE).on_hover_text(tip);
        }
    });
}
