//! A community shown alone (a click in the legend or the note panel) is
//! hundreds of dots: the note tab names it, with its size, and lists its
//! hubs, most linked first, each a link to the note (the top bar's
//! "Show all communities" brings the rest back).

use super::memo::Memo;
use super::widgets::note_link;
use crate::analysis::communities::hubs_first;
use crate::gui::command::Command;
use crate::gui::context::ViewContext;
use crate::gui::model::Loaded;
use crate::vault::NoteId;
use egui::{RichText, Ui};

/// How many of its notes a community shown alone lists.
const HUBS: usize = 12;

#[derive(Default)]
pub struct CommunityView {
    /// The hubs by (load, community, PageRank known).
    hubs: Memo<(u64, usize, bool), Vec<NoteId>>,
}

impl CommunityView {
    pub fn show(&mut self, ui: &mut Ui, cx: &ViewContext, out: &mut Vec<Command>) {
        let (Some(loaded), Some(c)) = (cx.loaded, cx.focus.community) else {
            return;
        };
        let t = &loaded.communities();
        let names = loaded.community_names();
        let (Some(name), Some(members)) = (names.get(c), t.members.get(c)) else {
            return;
        };
        let details = loaded.topic_details.get();
        let hubs = self
            .hubs
            .get((loaded.generation, c, details.is_some()), || {
                hubs_of(
                    loaded,
                    members,
                    details.map(|d| d.centrality.pagerank.as_slice()),
                )
            });
        let header = RichText::new(format!("“{name}”, shown alone · {}", notes(members.len())));
        egui::CollapsingHeader::new(header.strong())
            .id_salt("community-alone")
            .default_open(true)
            .show(ui, |ui| {
                ui.label(RichText::new("Its hubs, most linked first").weak());
                for &id in hubs {
                    ui.horizontal(|ui| {
                        note_link(ui, loaded, out, id);
                        let links = loaded.degree[&loaded.node_of(id)];
                        ui.label(RichText::new(format!("{links} links")).small().weak());
                    });
                }
                if members.len() > hubs.len() {
                    let more = members.len() - hubs.len();
                    ui.label(RichText::new(format!("and {more} more")).weak());
                }
            });
        ui.separator();
    }
}

/// "1 note", "530 notes".
pub fn notes(n: usize) -> String {
    if n == 1 {
        "1 note".into()
    } else {
        format!("{n} notes")
    }
}

fn hubs_of(loaded: &Loaded, members: &[NoteId], pagerank: Option<&[f64]>) -> Vec<NoteId> {
    let degree = |n: NoteId| loaded.degree[&loaded.node_of(n)];
    hubs_first(&loaded.vault, members, &degree, pagerank, HUBS)
}
