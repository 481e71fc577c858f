//! A note's Markdown as HTML for the map, written by our own writer from
//! pulldown-cmark's events, so that every tag and attribute in the output
//! is one this file spells: the note's raw HTML (`Html`, `InlineHtml`)
//! becomes escaped text, links lead to notes inside the page (`#nN`) or
//! to http(s) and mailto addresses and are otherwise plain text, and
//! pictures are the vault's own, carried as `data:` URIs when small
//! (`pictures.rs`).

use super::pictures::Pictures;
use crate::vault::links::MARKDOWN_OPTIONS;
use crate::vault::resolve::Index;
use crate::vault::{Link, LinkSyntax, Note, NoteId, Target, Vault};
use pulldown_cmark::{Alignment, CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};
use std::collections::HashMap;
use std::fmt::Write as _;

/// The part of a body the map carries; longer notes are cut (at a line
/// end) with a line saying so, as the window's panel cuts them.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// The writer's options: the loader's (so that links sit where the loader
/// found them) with strikethrough and task lists, which move no link.
const OPTIONS: Options = MARKDOWN_OPTIONS
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_TASKLISTS);

/// Renders the notes of one vault.
pub struct NoteRenderer<'a> {
    vault: &'a Vault,
    index: Index<'a>,
    /// A missing note's key: its node in the page.
    ghost_page: &'a HashMap<&'a str, usize>,
}

/// HTML text or attribute value.
pub(super) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A picture being read: its address, whether an embed, where it starts,
/// and its alt text so far (nested pictures counted by `depth`).
struct OpenPicture {
    dest: String,
    embed: bool,
    offset: usize,
    alt: String,
    depth: usize,
}

/// What one note's writing keeps between events.
#[derive(Default)]
struct State {
    out: String,
    /// How each open link closes (`</a>` or `</span>`).
    closers: Vec<&'static str>,
    aligns: Vec<Alignment>,
    cell: usize,
    in_head: bool,
}

impl<'a> NoteRenderer<'a> {
    pub fn new(vault: &'a Vault, ghost_page: &'a HashMap<&'a str, usize>) -> Self {
        NoteRenderer {
            vault,
            index: Index::new(&vault.notes),
            ghost_page,
        }
    }

    /// Note `id`'s body as HTML.
    pub fn note_html(&self, id: NoteId, pictures: &mut Pictures) -> String {
        let note = &self.vault.notes[id];
        let body = note.body();
        let shown = shown_part(body);
        let link_at: HashMap<usize, &Link> = (note.links.iter())
            .filter_map(|l| Some((l.raw.offset?, l)))
            .collect();
        let mut st = State::default();
        let mut picture: Option<OpenPicture> = None;
        for (event, range) in Parser::new_ext(shown, OPTIONS).into_offset_iter() {
            let offset = note.body_offset + range.start;
            if let Some(open) = picture.as_mut() {
                match event {
                    Event::Start(Tag::Image { .. }) => open.depth += 1,
                    Event::End(TagEnd::Image) if open.depth > 0 => open.depth -= 1,
                    Event::End(TagEnd::Image) => {
                        let open = picture.take().expect("open picture");
                        let html = self.picture(note, &open, link_at.get(&open.offset), pictures);
                        st.out.push_str(&html);
                    }
                    Event::Text(t) | Event::Code(t) => open.alt.push_str(&t),
                    _ => {}
                }
                continue;
            }
            match event {
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    ..
                }) => {
                    picture = Some(OpenPicture {
                        dest: dest_url.to_string(),
                        embed: matches!(link_type, LinkType::WikiLink { .. }),
                        offset,
                        alt: String::new(),
                        depth: 0,
                    });
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    ..
                }) => {
                    let found = link_at.get(&offset).copied();
                    let (open, close) = self.link(link_type, &dest_url, found);
                    st.out.push_str(&open);
                    if !title.is_empty() {
                        // The title goes in the open tag: written before `>`.
                        st.out.pop();
                        let _ = write!(st.out, " title=\"{}\">", escape(&title));
                    }
                    st.closers.push(close);
                }
                Event::End(TagEnd::Link) => {
                    st.out.push_str(st.closers.pop().unwrap_or(""));
                }
                Event::Start(tag) => start(&mut st, tag),
                Event::End(tag) => end(&mut st, tag),
                other => inline(&mut st.out, other),
            }
        }
        if shown.len() < body.len() {
            st.out.push_str(
                "<p class=\"cut\">The note is longer: the rest is left out of the map.</p>\n",
            );
        }
        st.out
    }

    /// The open and close tags of a link: to a note in the page, to an
    /// http(s) or mailto address, or plain text saying why not.
    fn link(
        &self,
        link_type: LinkType,
        dest: &str,
        found: Option<&Link>,
    ) -> (String, &'static str) {
        let target = match found {
            Some(link) => Some(link.target.clone()),
            None if matches!(link_type, LinkType::WikiLink { .. }) => {
                let name = dest.split('#').next().unwrap_or(dest).trim();
                Some(match self.index.find_by_name(name) {
                    Some(id) => Target::Note(id),
                    None => Target::Missing(name.to_lowercase().into()),
                })
            }
            None => None,
        };
        if let Some(target) = target {
            return match target {
                Target::Note(id) => (format!("<a class=\"note\" href=\"#n{id}\">"), "</a>"),
                Target::Missing(key) => match self.ghost_page.get(&*key) {
                    Some(g) => (format!("<a class=\"missing\" href=\"#n{g}\">"), "</a>"),
                    None => ("<span class=\"missing\">".into(), "</span>"),
                },
                Target::Excluded(_) => (
                    "<span class=\"dead\" title=\"a file left out of the graph\">".into(),
                    "</span>",
                ),
            };
        }
        let dest = dest.trim();
        let lower = dest.to_ascii_lowercase();
        let href = if link_type == LinkType::Email && !lower.starts_with("mailto:") {
            format!("mailto:{dest}")
        } else {
            dest.to_string()
        };
        let lower_href = href.to_ascii_lowercase();
        if ["http://", "https://", "mailto:"]
            .iter()
            .any(|s| lower_href.starts_with(s))
        {
            let open = format!(
                "<a class=\"ext\" href=\"{}\" rel=\"noopener noreferrer\" target=\"_blank\">",
                escape(&href)
            );
            return (open, "</a>");
        }
        let why = if crate::vault::is_markdown_name(dest.split('#').next().unwrap_or("")) {
            "a note not found"
        } else {
            "a link the map does not follow"
        };
        (format!("<span class=\"dead\" title=\"{why}\">"), "</span>")
    }

    /// A picture: a note embed becomes a link to the note, a small vault
    /// picture an `<img>` the script fills from the map's pictures, and
    /// anything else a line saying what was left out.
    fn picture(
        &self,
        note: &Note,
        open: &OpenPicture,
        found: Option<&&Link>,
        pictures: &mut Pictures,
    ) -> String {
        let alt = if open.alt.trim().is_empty() {
            open.dest.as_str()
        } else {
            open.alt.trim()
        };
        if let Some(link) = found.filter(|l| l.raw.syntax == LinkSyntax::Embed) {
            let (open_tag, close) =
                self.link(LinkType::WikiLink { has_pothole: false }, "", Some(link));
            return format!("{open_tag}↪ {}{close}", escape(alt));
        }
        let lower = open.dest.trim().to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") {
            return format!(
                "<a class=\"ext\" href=\"{}\" rel=\"noopener noreferrer\" target=\"_blank\">🖼 {} (a remote picture, not loaded)</a>",
                escape(open.dest.trim()),
                escape(alt)
            );
        }
        match pictures.carry(
            self.vault.root(),
            note.folder(),
            open.dest.trim(),
            open.embed,
        ) {
            Ok(k) => format!(
                "<img class=\"pic\" data-img=\"{k}\" alt=\"{}\">",
                escape(alt)
            ),
            Err(why) => format!("<span class=\"left-out\">🖼 {} ({why})</span>", escape(alt)),
        }
    }
}

/// The start of a body, at most `MAX_BODY_BYTES`, cut at a line end.
fn shown_part(body: &str) -> &str {
    if body.len() <= MAX_BODY_BYTES {
        return body;
    }
    let mut end = MAX_BODY_BYTES;
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    match body[..end].rfind('\n') {
        Some(line_end) if line_end > 0 => &body[..line_end],
        _ => &body[..end],
    }
}

/// The opening tag of a block or span.
fn start(st: &mut State, tag: Tag) {
    let out = &mut st.out;
    match tag {
        Tag::Paragraph => out.push_str("<p>"),
        Tag::Heading { level, .. } => {
            let _ = write!(out, "<{level}>");
        }
        Tag::BlockQuote(_) => out.push_str("<blockquote>\n"),
        Tag::CodeBlock(CodeBlockKind::Fenced(_) | CodeBlockKind::Indented) => {
            out.push_str("<pre><code>")
        }
        // The note's own HTML, shown as the text it is.
        Tag::HtmlBlock => out.push_str("<pre class=\"raw\">"),
        Tag::List(Some(first)) if first != 1 => {
            let _ = writeln!(out, "<ol start=\"{first}\">");
        }
        Tag::List(Some(_)) => out.push_str("<ol>\n"),
        Tag::List(None) => out.push_str("<ul>\n"),
        Tag::Item => out.push_str("<li>"),
        Tag::Table(aligns) => {
            st.aligns = aligns;
            out.push_str("<table>");
        }
        Tag::TableHead => {
            st.in_head = true;
            st.cell = 0;
            out.push_str("<thead><tr>");
        }
        Tag::TableRow => {
            st.cell = 0;
            out.push_str("<tr>");
        }
        Tag::TableCell => {
            let cell = if st.in_head { "th" } else { "td" };
            let class = match st.aligns.get(st.cell) {
                Some(Alignment::Left) => " class=\"left\"",
                Some(Alignment::Center) => " class=\"center\"",
                Some(Alignment::Right) => " class=\"right\"",
                _ => "",
            };
            let _ = write!(out, "<{cell}{class}>");
        }
        Tag::Emphasis => out.push_str("<em>"),
        Tag::Strong => out.push_str("<strong>"),
        Tag::Strikethrough => out.push_str("<del>"),
        Tag::Superscript => out.push_str("<sup>"),
        Tag::Subscript => out.push_str("<sub>"),
        // Not enabled, or handled by the caller: nothing of their own.
        _ => {}
    }
}

/// The closing tag matching `start`'s.
fn end(st: &mut State, tag: TagEnd) {
    let out = &mut st.out;
    match tag {
        TagEnd::Paragraph => out.push_str("</p>\n"),
        TagEnd::Heading(level) => {
            let _ = writeln!(out, "</{level}>");
        }
        TagEnd::BlockQuote(_) => out.push_str("</blockquote>\n"),
        TagEnd::CodeBlock => out.push_str("</code></pre>\n"),
        TagEnd::HtmlBlock => out.push_str("</pre>\n"),
        TagEnd::List(true) => out.push_str("</ol>\n"),
        TagEnd::List(false) => out.push_str("</ul>\n"),
        TagEnd::Item => out.push_str("</li>\n"),
        TagEnd::Table => out.push_str("</tbody></table>\n"),
        TagEnd::TableHead => {
            st.in_head = false;
            out.push_str("</tr></thead><tbody>\n");
        }
        TagEnd::TableRow => out.push_str("</tr>\n"),
        TagEnd::TableCell => {
            out.push_str(if st.in_head { "</th>" } else { "</td>" });
            st.cell += 1;
        }
        TagEnd::Emphasis => out.push_str("</em>"),
        TagEnd::Strong => out.push_str("</strong>"),
        TagEnd::Strikethrough => out.push_str("</del>"),
        TagEnd::Superscript => out.push_str("</sup>"),
        TagEnd::Subscript => out.push_str("</sub>"),
        _ => {}
    }
}

/// Text and the other leaf events; a note's HTML is text.
fn inline(out: &mut String, event: Event) {
    match event {
        Event::Text(t) => out.push_str(&escape(&t)),
        Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
            let _ = write!(out, "<code>{}</code>", escape(&t));
        }
        Event::Html(t) => out.push_str(&escape(&t)),
        Event::InlineHtml(t) => {
            let _ = write!(out, "<span class=\"raw\">{}</span>", escape(&t));
        }
        Event::FootnoteReference(name) => {
            let _ = write!(out, "<sup>[{}]</sup>", escape(&name));
        }
        Event::SoftBreak => out.push('\n'),
        Event::HardBreak => out.push_str("<br>\n"),
        Event::Rule => out.push_str("<hr>\n"),
        Event::TaskListMarker(done) => out.push_str(if done { "☑ " } else { "☐ " }),
        _ => {}
    }
}
