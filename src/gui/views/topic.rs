//! A note's place in the topic map, in the note panel: its community, what
//! makes it a hub or a bridge, and the links worth adding from it. The
//! hub and bridge facts and the suggestions arrive once the window has
//! worked them out (`Loaded::topic_details`).

use super::widgets::note_link;
use crate::gui::command::Command;
use crate::gui::model::Loaded;
use crate::vault::NoteId;
use egui::{RichText, Ui};

/// Where a note stands in the topic map.
pub struct Topic {
    community: Option<(usize, String, usize)>,
    /// "12 links · PageRank #3 of 1,013 · a bridge: removing it splits the vault"
    facts: String,
}

impl Topic {
    pub fn of(loaded: &Loaded, id: NoteId) -> Topic {
        let t = &loaded.communities();
        let c = t.of[id];
        let size = t.members[c].len();
        let name = loaded.community_names()[c].clone();
        let community = (size > 1).then_some((c, name, size));
        let Some(details) = loaded.topic_details.get() else {
            let facts = if loaded.topic_details.finished() {
                "hubs and bridges could not be worked out"
            } else {
                "working out hubs and bridges…"
            };
            return Topic {
                community,
                facts: facts.into(),
            };
        };
        let h = &details.centrality;
        let rank = |scores: &[f64]| scores.iter().filter(|&&s| s > scores[id]).count() + 1;
        let n = h.pagerank.len();
        let mut facts = vec![format!("{} linked notes", h.degree[id])];
        if h.degree[id] > 0 {
            facts.push(format!("PageRank #{} of {n}", rank(&h.pagerank)));
            if h.betweenness[id] > 0.0 {
                facts.push(format!("bridge rank #{}", rank(&h.betweenness)));
            }
        }
        if h.articulation_points.binary_search(&id).is_ok() {
            facts.push("removing it splits the vault".into());
        }
        if h.dead_ends.binary_search(&id).is_ok() {
            facts.push("a dead end: linked to, links nowhere".into());
        }
        Topic {
            community,
            facts: facts.join(" · "),
        }
    }
}

/// The note's community (a click shows it alone) and its hub facts.
pub fn topic_line(ui: &mut Ui, topic: &Topic, out: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        if let Some((c, name, size)) = &topic.community {
            ui.label(RichText::new("community").weak());
            let link = ui.link(name.as_str());
            if link.on_hover_text("Show this community alone").clicked() {
                out.push(Command::FocusCommunity(Some(*c)));
            }
            ui.label(RichText::new(super::community::notes(*size)).weak());
        }
        ui.label(RichText::new(&topic.facts).weak());
    });
}

/// Notes worth linking from this one, each with its reason.
pub fn suggestions(ui: &mut Ui, loaded: &Loaded, note: NoteId, out: &mut Vec<Command>) {
    let Some(details) = loaded.topic_details.get() else {
        return;
    };
    let list = &details.suggestions[note];
    if list.is_empty() {
        return;
    }
    ui.add_space(6.0);
    ui.label(RichText::new("Suggested links").strong());
    for s in list {
        ui.horizontal_wrapped(|ui| {
            ui.add_space(8.0);
            note_link(ui, loaded, out, s.to);
            ui.label(RichText::new(s.reason.to_string()).weak());
        });
    }
}
