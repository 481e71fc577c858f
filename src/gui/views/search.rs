//! The search box above the filters: full-text search with snippets.
//!
//! Results are listed as you type, best first, each with its folder and a
//! snippet with the matched words marked; arrows move, Enter opens the note
//! at the hit (or, with none chosen, fits the graph to the hits), Esc
//! empties the box. The graph rings every hit and fades the rest. Until
//! the full-text index is built (on a thread of its own after loading) the
//! box matches titles, aliases and ids as before.

use super::memo::Memo;
use crate::analysis::text::{frontmatter_status, Hit, Query, SearchResults};
use crate::gui::actions::{shortcut_text, Action};
use crate::gui::command::{Command, FocusCommand};
use crate::gui::context::{SearchFocus, ViewContext};
use crate::gui::model::Loaded;
use crate::vault::NoteId;
use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, Key, Modifiers, RichText, Ui};
use std::sync::Arc;

/// How many results the list shows.
const SHOWN: usize = 50;
/// How many matches "Select all" selects at most.
const SELECT_AT_MOST: usize = 200;
/// The syntax, under the box.
const HINT: &str = "words  \"a phrase\"  -word  tag:x  path:folder/  status:x";

/// The search box's id: Ctrl+F focuses it within the frame it is pressed
/// in (`keys.rs`).
pub const BOX_ID: &str = "search-box";

/// The search of one (load, text, index ready).
type Key3 = (u64, String, bool);

#[derive(Default)]
pub struct SearchView {
    text: String,
    focus_wanted: bool,
    /// The result under the arrow keys, none until they are pressed.
    cursor: Option<usize>,
    /// Results by (load, text, index ready): once per keystroke.
    results: Memo<Key3, Arc<SearchResults>>,
    /// The search whose matches the graph shows.
    sent: Option<Key3>,
}

impl SearchView {
    /// Moves the keyboard focus to the box on the next frame (Ctrl+F).
    pub fn focus(&mut self) {
        self.focus_wanted = true;
    }

    /// Whether the box holds a search (Esc empties it first).
    pub fn is_active(&self) -> bool {
        !self.text.trim().is_empty()
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn set_text(&mut self, text: String) {
        self.text = text;
        self.cursor = None;
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = None;
    }

    pub fn show(&mut self, ui: &mut Ui, cx: &ViewContext, out: &mut Vec<Command>) {
        let id = egui::Id::new(BOX_ID);
        let focused = ui.memory(|m| m.has_focus(id));
        // Arrows move through the results, not the text cursor.
        let (down, up) = ui.input_mut(|i| {
            let take = |i: &mut egui::InputState, k| focused && i.consume_key(Modifiers::NONE, k);
            (take(i, Key::ArrowDown), take(i, Key::ArrowUp))
        });
        let response = ui.add(
            egui::TextEdit::singleline(&mut self.text)
                .id(id)
                .hint_text(hint(ui.ctx()))
                .desired_width(f32::INFINITY),
        );
        if std::mem::take(&mut self.focus_wanted) {
            response.request_focus();
        }
        if response.changed() {
            self.cursor = None;
        }
        let escaped = response.lost_focus() && ui.input(|i| i.key_pressed(Key::Escape));
        if escaped && self.is_active() {
            out.push(Command::ClearSearch);
            return;
        }
        let Some(loaded) = cx.loaded else { return };
        if !self.is_active() {
            if self.sent.take().is_some() {
                out.push(Command::SearchMatches(None));
            }
            return;
        }
        let ready = loaded.text.get().is_some();
        let key = (loaded.generation, self.text.clone(), ready);
        let results = self
            .results
            .get(key.clone(), || Arc::new(run(loaded, &key.1)));
        if self.sent.as_ref() != Some(&key) {
            self.sent = Some(key);
            out.push(Command::SearchMatches(Some(focus_of(loaded, results))));
        }
        if !ready {
            // Ask again soon: the index is being built.
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(200));
        }
        self.cursor = moved(self.cursor, down, up, results.hits.len());
        let enter = response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        match self.cursor.and_then(|c| results.hits.get(c)) {
            Some(hit) if enter => out.push(open(hit)),
            None if enter && results.total > 0 => out.push(Command::FitSearch),
            _ => {}
        }
        summary(ui, results, ready);
        select_all(ui, results, out);
        let list = egui::ScrollArea::vertical()
            .id_salt("search-results")
            .max_height(ui.available_height() * 0.6);
        let cursor = self.cursor;
        list.show(ui, |ui| {
            for (i, hit) in results.hits.iter().enumerate() {
                let row = result_row(ui, loaded, hit, Some(i) == cursor, cx.selected());
                if (down || up) && Some(i) == cursor {
                    row.scroll_to_me(None);
                }
                if row.clicked() {
                    out.push(open(hit));
                }
            }
        });
        ui.separator();
    }
}

/// The result under the cursor after the arrow keys: down from none is the
/// first, up from the first is none again.
fn moved(cursor: Option<usize>, down: bool, up: bool, hits: usize) -> Option<usize> {
    let last = hits.checked_sub(1)?;
    match (cursor, down, up) {
        (None, true, _) => Some(0),
        (Some(0), false, true) => None,
        (Some(c), true, false) => Some((c + 1).min(last)),
        (Some(c), false, true) => Some(c - 1),
        (c, _, _) => c.map(|c| c.min(last)),
    }
}

/// Runs the query: full text once the index is built, else titles.
fn run(loaded: &Loaded, text: &str) -> SearchResults {
    let query = Query::parse(text, true);
    if let Some(index) = loaded.text.get() {
        // Recorded statuses are already the notes' statuses in a load.
        let status = frontmatter_status(&loaded.vault);
        return index.search(&loaded.vault, &query, &status, SHOWN);
    }
    let found = loaded.search.search(text, SHOWN);
    SearchResults {
        total: found.len(),
        total_is_estimate: false,
        hits: (found.iter())
            .map(|&note| Hit {
                note,
                score: 0.0,
                line: 1,
                snippet: Default::default(),
            })
            .collect(),
        all: found,
        terms_left_out: 0,
    }
}

fn focus_of(loaded: &Loaded, results: &SearchResults) -> SearchFocus {
    let mut matches = vec![false; loaded.vault.notes.len()];
    for &n in &results.all {
        matches[n] = true;
    }
    SearchFocus {
        matches: Arc::new(matches),
        count: results.total,
        estimate: results.total_is_estimate,
    }
}

/// Selects the hit's note and shows the hit in the note panel.
fn open(hit: &Hit) -> Command {
    let s = &hit.snippet;
    match s.highlights.first() {
        Some(r) => Command::Reveal(hit.note, s.text[r.clone()].to_string()),
        None => Command::Select(hit.note),
    }
}

fn summary(ui: &mut Ui, results: &SearchResults, ready: bool) {
    ui.label(RichText::new(HINT).small().weak());
    let about = if results.total_is_estimate {
        "about "
    } else {
        ""
    };
    let what = if ready {
        ""
    } else {
        " by title (indexing text…)"
    };
    let shown = if results.total > results.hits.len() {
        format!(", best {} shown", results.hits.len())
    } else {
        String::new()
    };
    ui.label(format!("{about}{} notes match{what}{shown}", results.total));
    if let Some(note) = results.left_out_note() {
        ui.label(note);
    }
}

/// "Select all": the matches become the selection, for a focus on them;
/// the first few hundred only, as a focus on thousands shows the vault.
fn select_all(ui: &mut Ui, results: &SearchResults, out: &mut Vec<Command>) {
    let n = results.all.len().min(SELECT_AT_MOST);
    if n < 2 {
        return;
    }
    let label = if results.all.len() > n {
        format!("Select the first {n}")
    } else {
        format!("Select all {n}")
    };
    let tip = "Select the matching notes, then focus the graph on them";
    if ui.button(label).on_hover_text(tip).clicked() {
        // The best ranked first, then the rest in note order.
        let best = results.hits.iter().map(|h| h.note);
        let mut notes: Vec<NoteId> = best.chain(results.all.iter().copied()).collect();
        let mut seen = std::collections::HashSet::new();
        notes.retain(|n| seen.insert(*n));
        notes.truncate(n);
        out.push(Command::Focus(FocusCommand::SelectMany(notes)));
    }
}

/// One result: title, folder, snippet with the matched words marked.
fn result_row(
    ui: &mut Ui,
    loaded: &Loaded,
    hit: &Hit,
    under_cursor: bool,
    selected: Option<NoteId>,
) -> egui::Response {
    let note = &loaded.vault.notes[hit.note];
    let visuals = ui.visuals().clone();
    let fill = if under_cursor {
        visuals.selection.bg_fill.gamma_multiply(0.5)
    } else if selected == Some(hit.note) {
        visuals.faint_bg_color
    } else {
        Color32::TRANSPARENT
    };
    let frame = egui::Frame::new()
        .fill(fill)
        .inner_margin(egui::Margin::symmetric(4, 3))
        .corner_radius(3.0);
    let inner = frame.show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(&*loaded.names[hit.note]).strong());
            let folder = note.folder();
            if !folder.is_empty() {
                ui.label(RichText::new(folder).small().weak());
            }
        });
        if !hit.snippet.text.is_empty() {
            let job = snippet_job(&hit.snippet.text, &hit.snippet.highlights, &visuals);
            ui.add(egui::Label::new(job).wrap().selectable(false));
        }
    });
    let row = ui.interact(
        inner.response.rect,
        ui.id().with(hit.note),
        egui::Sense::click(),
    );
    row.on_hover_text(format!("{}:{}", note.path, hit.line))
}

/// The snippet as text with its matched ranges on a marked background.
fn snippet_job(
    text: &str,
    highlights: &[std::ops::Range<usize>],
    visuals: &egui::Visuals,
) -> LayoutJob {
    let font = egui::TextStyle::Small.resolve(&egui::Style::default());
    let plain = TextFormat::simple(font.clone(), visuals.text_color());
    let marked = TextFormat {
        background: if visuals.dark_mode {
            Color32::from_rgb(110, 90, 20)
        } else {
            Color32::from_rgb(255, 230, 140)
        },
        color: visuals.strong_text_color(),
        ..TextFormat::simple(font, visuals.strong_text_color())
    };
    let mut job = LayoutJob::default();
    let mut at = 0;
    for r in highlights {
        if r.start < at || r.end > text.len() {
            continue;
        }
        job.append(&text[at..r.start], 0.0, plain.clone());
        job.append(&text[r.clone()], 0.0, marked.clone());
        at = r.end;
    }
    job.append(&text[at..], 0.0, plain);
    job
}

/// The empty box's hint: what it does, and its shortcut.
fn hint(ctx: &egui::Context) -> String {
    let search = Action::Search;
    format!("{} ({})", search.label(), shortcut_text(search, ctx))
}
