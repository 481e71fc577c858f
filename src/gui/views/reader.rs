//! The note tab: the selected note's properties, its body as Markdown,
//! its links and backlinks, and what to learn first.

use super::body::{self, EmbedView, Embedded};
use super::memo::Memo;
use super::standing::{self, Standing};
use super::widgets::{chip, note_link};
use crate::analysis::study_plan_with_cycles;
use crate::gui::actions::{shortcut_text, Action};
use crate::gui::command::Command;
use crate::gui::context::ViewContext;
use crate::gui::markdown::{embedded_text, prepare, Block};
use crate::gui::model::Loaded;
use crate::gui::settings::Settings;
use crate::vault::{EdgeKind, NoteId, Target};
use egui::{Color32, RichText, Ui};
use std::collections::{BTreeMap, HashMap};

/// What the tab shows of one note, worked out once per selection and load.
struct Prepared {
    note: NoteId,
    /// The body: Markdown runs, callouts and embeds.
    blocks: Vec<Block>,
    /// What each embed shows, by link index.
    embeds: HashMap<usize, EmbedView>,
    links_out: BTreeMap<EdgeKind, Vec<NoteId>>,
    /// Links to notes that do not exist: (kind, target as written).
    dead: Vec<(EdgeKind, String)>,
    backlinks: BTreeMap<EdgeKind, Vec<NoteId>>,
    /// Learned, ready, what to learn first, its cycle.
    standing: Standing,
    /// Its community, and what makes it a hub or a bridge.
    topic: super::topic::Topic,
    /// The boxes of its self-check section, if it has one.
    self_check: Option<crate::analysis::selfcheck::SelfCheck>,
}

impl Prepared {
    fn new(loaded: &Loaded, settings: &Settings, selected: NoteId) -> Prepared {
        let note = &loaded.vault.notes[selected];
        let mut links_out: BTreeMap<EdgeKind, Vec<NoteId>> = BTreeMap::new();
        let mut dead = Vec::new();
        for link in &note.links {
            match &link.target {
                Target::Note(t) if *t != selected => {
                    links_out.entry(link.raw.kind).or_default().push(*t)
                }
                Target::Missing(_) => dead.push((link.raw.kind, link.raw.target.to_string())),
                _ => {}
            }
        }
        for v in links_out.values_mut() {
            v.sort_unstable();
            v.dedup();
        }
        let mut backlinks = BTreeMap::new();
        for kind in EdgeKind::ALL {
            let mut sources = loaded.graph.sources(selected, Some(kind));
            sources.retain(|&s| s != selected);
            if !sources.is_empty() {
                backlinks.insert(kind, sources);
            }
        }
        let config = settings.study_config();
        let prerequisites = loaded.graph.prerequisites(selected);
        let learn_first = if prerequisites.is_empty() {
            Vec::new()
        } else {
            let plan = study_plan_with_cycles(
                &loaded.vault,
                &loaded.graph,
                &[selected],
                &config,
                loaded.cycle_of(),
            );
            plan.steps
                .iter()
                .map(|s| s.note)
                .filter(|&n| n != selected)
                .collect()
        };
        let direct = (learn_first.iter())
            .filter(|n| prerequisites.binary_search(n).is_ok())
            .count();
        let learned = config.is_learned(note);
        let standing = Standing {
            note: selected,
            learned,
            why: standing::why(loaded, selected, learned),
            direct,
            learn_first,
        };
        let blocks = prepare(note, loaded.vault.root());
        Prepared {
            note: selected,
            embeds: embeds(loaded, selected, &blocks),
            blocks,
            links_out,
            dead,
            backlinks,
            standing,
            topic: super::topic::Topic::of(loaded, selected),
            self_check: crate::analysis::selfcheck::self_check(note, &config.self_check_headings),
        }
    }
}

#[derive(Default)]
pub struct ReaderView {
    md_cache: egui_commonmark::CommonMarkCache,
    /// The selected note, prepared by (load, note).
    prepared: Memo<(u64, NoteId, bool), Prepared>,
    /// What the path finder's box holds, and its matches by (load, text).
    path_query: String,
    path_matches: Memo<(u64, String), Vec<NoteId>>,
    /// The search hit last scrolled to: each is scrolled to once.
    revealed: Option<(NoteId, String)>,
    related: super::related::RelatedView,
}

impl ReaderView {
    pub fn show(&mut self, ui: &mut Ui, cx: &ViewContext, out: &mut Vec<Command>) {
        let (Some(loaded), Some(selected)) = (cx.loaded, cx.selected()) else {
            let find = shortcut_text(Action::Search, ui.ctx());
            ui.label(format!(
                "Click a note in the graph, or search for one ({find})."
            ));
            return;
        };
        // Prepared again once the topic details, then the topic names,
        // arrive.
        let details = loaded.topic_details.finished() && loaded.has_topic_names();
        if !details {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(200));
        }
        let prepared = (self.prepared).get((loaded.generation, selected, details), || {
            Prepared::new(loaded, cx.settings, selected)
        });
        properties(ui, loaded, selected);
        standing::chips(ui, loaded, &prepared.standing);
        if let Some(check) = &prepared.self_check {
            let ticking = super::selfcheck::Ticking::of(loaded, cx.settings);
            super::selfcheck::show(ui, check, selected, ticking, out);
        }
        super::record::progress_row(ui, loaded, selected, out);
        super::topic::topic_line(ui, &prepared.topic, out);
        let plan = loaded.has_prerequisites;
        actions(ui, selected, plan, cx.canvas.selected_pinned, out);
        let finder = PathFinder {
            query: &mut self.path_query,
            matches: &mut self.path_matches,
        };
        finder.show(ui, cx, loaded, selected, out);
        ui.separator();
        let reveal = (cx.focus.reveal.as_ref()).filter(|(n, _)| *n == selected);
        let scroll = reveal.is_some() && self.revealed.as_ref() != reveal;
        self.revealed = reveal.cloned();
        let reveal = reveal.map(|(_, text)| body::Reveal { text, scroll });
        egui::ScrollArea::vertical()
            .id_salt("note-scroll")
            .show(ui, |ui| {
                let cache = &mut self.md_cache;
                body::blocks(ui, cache, &prepared.blocks, &prepared.embeds, reveal, out);
                ui.separator();
                links(ui, loaded, prepared, out);
                self.related.show(ui, loaded, selected, out);
            });
        take_link_clicks(ui, out);
    }
}

/// The text of every note `blocks` embed, one level deep: an embed of
/// the note itself (a loop) stays a link.
fn embeds(loaded: &Loaded, selected: NoteId, blocks: &[Block]) -> HashMap<usize, EmbedView> {
    let mut links = Vec::new();
    collect_embeds(blocks, &mut links);
    let note = &loaded.vault.notes[selected];
    let root = loaded.vault.root();
    links
        .into_iter()
        .filter_map(|i| {
            let link = note.links.get(i)?;
            let view = match &link.target {
                Target::Note(id) if *id == selected => return None,
                Target::Note(id) => EmbedView::Note(Embedded {
                    note: *id,
                    title: loaded.names[*id].to_string(),
                    text: embedded_text(&loaded.vault.notes[*id], root, link.raw.anchor.as_deref()),
                }),
                Target::Missing(_) => EmbedView::Missing(link.raw.target.to_string()),
                Target::Excluded(i) => {
                    let names = &loaded.vault.excluded.names;
                    let path = names.get(*i).map_or(&*link.raw.target, |n| n.path.as_str());
                    EmbedView::Excluded(path.to_string())
                }
            };
            Some((i, view))
        })
        .collect()
}

fn collect_embeds(blocks: &[Block], into: &mut Vec<usize>) {
    for b in blocks {
        match b {
            Block::Embed(i) => into.push(*i),
            Block::Callout(c) => collect_embeds(&c.body, into),
            Block::Markdown(_) => {}
        }
    }
}

/// Title, tags and the frontmatter fields that are set.
fn properties(ui: &mut Ui, loaded: &Loaded, selected: NoteId) {
    let note = &loaded.vault.notes[selected];
    let fm = &note.frontmatter;
    ui.heading(&note.title);
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
            row("path", Some(note.path.clone()));
        });
}

/// The note's buttons; "Plan to learn this" only where the vault has
/// prerequisites to plan by.
fn actions(ui: &mut Ui, selected: NoteId, plan: bool, pinned: bool, out: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        if plan
            && ui
                .button("Plan to learn this")
                .on_hover_text("Everything to learn before this note, in order")
                .clicked()
        {
            out.push(Command::PlanFor(Some(selected)));
        }
        if ui
            .button("Local graph")
            .on_hover_text("Focus the graph on this note and its neighbours")
            .clicked()
        {
            out.push(Command::LocalGraph(Some(selected)));
        }
        if ui.button("Open in editor").clicked() {
            out.push(Command::OpenInEditor(selected));
        }
        if pinned && ui.button("Unpin").clicked() {
            out.push(Command::Unpin(selected));
        }
    });
}

/// "Path to…": pick a note by name; the chain of links from this one is
/// listed here and highlighted on the graph.
struct PathFinder<'a> {
    query: &'a mut String,
    matches: &'a mut Memo<(u64, String), Vec<NoteId>>,
}

impl PathFinder<'_> {
    fn show(
        self,
        ui: &mut Ui,
        cx: &ViewContext,
        loaded: &Loaded,
        selected: NoteId,
        out: &mut Vec<Command>,
    ) {
        ui.horizontal(|ui| {
            ui.label("Path to");
            ui.add(
                egui::TextEdit::singleline(self.query)
                    .hint_text("another note")
                    .desired_width(160.0),
            );
            if cx.focus.path.is_some() && ui.small_button("Clear path").clicked() {
                out.push(Command::PathTo(None));
            }
        });
        let path = cx.focus.path.as_ref().filter(|p| p.from == selected);
        if !self.query.trim().is_empty() && path.is_none() {
            // Searched once per keystroke, not per frame.
            let query = self.query.as_str();
            let matches = (self.matches).get((loaded.generation, query.to_string()), || {
                loaded.search.search(query, 5)
            });
            ui.horizontal_wrapped(|ui| {
                for &id in matches.iter().filter(|&&id| id != selected) {
                    if ui.link(&*loaded.names[id]).clicked() {
                        out.push(Command::PathTo(Some(id)));
                    }
                }
            });
        }
        let Some(path) = path else { return };
        let to = &loaded.names[path.to];
        ui.label(RichText::new(format!("{} link(s) to “{to}”", path.steps.len())).strong());
        for (i, step) in path.steps.iter().enumerate() {
            ui.horizontal(|ui| {
                let arrow = if step.forward { "→" } else { "←" };
                ui.label(RichText::new(format!("{}. {arrow}", i + 1)).monospace());
                note_link(ui, loaded, out, step.note);
                ui.label(RichText::new(step.kind.as_str()).weak());
            });
        }
    }
}

/// Links out (and dead ones), backlinks, and the steps to learn first.
fn links(ui: &mut Ui, loaded: &Loaded, prepared: &Prepared, out: &mut Vec<Command>) {
    let indented = |ui: &mut Ui, id: NoteId, out: &mut Vec<Command>| {
        ui.horizontal(|ui| {
            ui.add_space(8.0);
            note_link(ui, loaded, out, id);
        });
    };
    ui.label(RichText::new("Links").strong());
    for (kind, ids) in &prepared.links_out {
        ui.label(RichText::new(kind_heading(*kind)).weak());
        for &id in ids {
            indented(ui, id, out);
        }
    }
    for (kind, target) in &prepared.dead {
        ui.label(
            RichText::new(format!("{} → missing note `{target}`", kind.as_str()))
                .color(ui.visuals().warn_fg_color),
        );
    }
    ui.add_space(6.0);
    ui.label(RichText::new("Backlinks").strong());
    if prepared.backlinks.is_empty() {
        ui.label(RichText::new("Nothing links here.").weak());
    }
    for (kind, ids) in &prepared.backlinks {
        ui.label(RichText::new(backlink_heading(*kind)).weak());
        for &id in ids {
            indented(ui, id, out);
        }
    }
    super::topic::suggestions(ui, loaded, prepared.note, out);
    let learn_first = &prepared.standing.learn_first;
    if !learn_first.is_empty() {
        ui.add_space(6.0);
        ui.label(RichText::new("Learn first").strong());
        for (i, &step) in learn_first.iter().enumerate() {
            ui.horizontal(|ui| {
                ui.label(format!("{}.", i + 1));
                note_link(ui, loaded, out, step);
            });
        }
    }
}

/// Link clicks in the body become egui `OpenUrl` output: take them over,
/// so that they resolve as the loader did (and nothing opens unchecked).
fn take_link_clicks(ui: &mut Ui, out: &mut Vec<Command>) {
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
    out.extend(urls.into_iter().map(Command::OpenUrl));
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
