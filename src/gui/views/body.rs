//! Drawing a prepared note body: Markdown runs through egui_commonmark,
//! callouts as coloured, optionally folding boxes, embeds as framed blocks
//! with their note's title as a link.

use crate::gui::command::Command;
use crate::gui::markdown::{Block, Callout};
use crate::vault::NoteId;
use egui::{Color32, RichText, Ui};
use egui_commonmark::{CommonMarkCache, CommonMarkViewer};
use std::collections::HashMap;

/// Another note's text shown inside this one.
pub struct Embedded {
    pub note: NoteId,
    pub title: String,
    pub text: String,
}

/// What an embed line shows: the note, or why not.
pub enum EmbedView {
    Note(Embedded),
    /// The embed names a note that does not exist.
    Missing(String),
    /// The embed names a file left out of the graph, by its path.
    Excluded(String),
}

/// Maths is shown as its source, in a monospaced font, not dropped.
fn math(ui: &mut Ui, tex: &str, inline: bool) {
    if inline {
        ui.code(tex);
    } else {
        ui.add(egui::Label::new(RichText::new(tex).code()).wrap());
    }
}

fn markdown(ui: &mut Ui, cache: &mut CommonMarkCache, text: &str) {
    CommonMarkViewer::new()
        .render_math_fn(Some(&math))
        .show(ui, cache, text);
}

/// A search hit to show in the body: its text as written, and whether to
/// scroll to it (once, when it is new).
#[derive(Clone, Copy)]
pub struct Reveal<'a> {
    pub text: &'a str,
    pub scroll: bool,
}

pub fn blocks(
    ui: &mut Ui,
    cache: &mut CommonMarkCache,
    blocks: &[Block],
    embeds: &HashMap<usize, EmbedView>,
    mut reveal: Option<Reveal>,
    out: &mut Vec<Command>,
) {
    for (i, block) in blocks.iter().enumerate() {
        match block {
            Block::Markdown(text) => match reveal.filter(|r| text.contains(r.text)) {
                Some(r) => {
                    revealed(ui, cache, text, r);
                    reveal = None;
                }
                None => markdown(ui, cache, text),
            },
            Block::Callout(c) => callout(ui, cache, c, (i, embeds), out),
            Block::Embed(link) => match embeds.get(link) {
                Some(EmbedView::Note(e)) => embed(ui, cache, e, out),
                Some(EmbedView::Missing(name)) => {
                    let text = format!("↪ `{name}` does not exist");
                    ui.label(RichText::new(text).color(ui.visuals().warn_fg_color));
                }
                Some(EmbedView::Excluded(path)) => {
                    let text = format!("↪ `{path}` is left out (excluded files)");
                    ui.label(RichText::new(text).weak());
                }
                None => {}
            },
        }
    }
}

/// A Markdown block holding the hit: the paragraph around its first
/// occurrence is drawn on a marked band, the hit in bold, and scrolled to.
fn revealed(ui: &mut Ui, cache: &mut CommonMarkCache, text: &str, reveal: Reveal) {
    let Some(at) = text.find(reveal.text) else {
        return markdown(ui, cache, text);
    };
    let start = text[..at].rfind("\n\n").map_or(0, |p| p + 2);
    let end = text[at..].find("\n\n").map_or(text.len(), |p| at + p);
    if start > 0 {
        markdown(ui, cache, &text[..start]);
    }
    let paragraph = &text[start..end];
    // Bold marks would show as asterisks inside code: not there.
    let marked = if paragraph.contains('`') {
        paragraph.to_string()
    } else {
        let (a, b) = (at - start, at - start + reveal.text.len());
        format!(
            "{}**{}**{}",
            &paragraph[..a],
            &paragraph[a..b],
            &paragraph[b..]
        )
    };
    let fill = if ui.visuals().dark_mode {
        egui::Color32::from_rgba_unmultiplied(150, 120, 20, 60)
    } else {
        egui::Color32::from_rgba_unmultiplied(255, 220, 100, 110)
    };
    let band = egui::Frame::new()
        .fill(fill)
        .inner_margin(egui::Margin::symmetric(4, 2))
        .corner_radius(3.0)
        .show(ui, |ui| markdown(ui, cache, &marked));
    if reveal.scroll {
        band.response.scroll_to_me(Some(egui::Align::Center));
    }
    if end < text.len() {
        markdown(ui, cache, &text[end..]);
    }
}

fn callout(
    ui: &mut Ui,
    cache: &mut CommonMarkCache,
    c: &Callout,
    (i, embeds): (usize, &HashMap<usize, EmbedView>),
    out: &mut Vec<Command>,
) {
    let [r, g, b] = c.kind.rgb();
    let accent = Color32::from_rgb(r, g, b);
    egui::Frame::new()
        .fill(accent.gamma_multiply(0.12))
        .stroke(egui::Stroke::new(1.0, accent.gamma_multiply(0.5)))
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(8, 6))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            let title = RichText::new(&c.title).strong().color(accent);
            match c.fold {
                Some(open) => {
                    egui::CollapsingHeader::new(title)
                        .id_salt(("callout", i, &c.title))
                        .default_open(open)
                        .show(ui, |ui| blocks(ui, cache, &c.body, embeds, None, out));
                }
                None => {
                    ui.label(title);
                    blocks(ui, cache, &c.body, embeds, None, out);
                }
            }
        });
}

fn embed(ui: &mut Ui, cache: &mut CommonMarkCache, e: &Embedded, out: &mut Vec<Command>) {
    egui::Frame::group(ui.style())
        .inner_margin(egui::Margin::symmetric(8, 6))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            if ui
                .link(RichText::new(format!("↪ {}", e.title)).strong())
                .clicked()
            {
                out.push(Command::Select(e.note));
            }
            markdown(ui, cache, &e.text);
        });
}
