//! Preparing a note body for egui_commonmark, which knows no wikilinks:
//! each wikilink and note embed becomes a Markdown link to
//! `notegraph:link/N`, N being the link's index in `Note::links`.

use crate::vault::{LinkSyntax, Note};
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag};

pub const LINK_SCHEME: &str = "notegraph:link/";

pub fn render_source(note: &Note) -> String {
    let body = note.body();
    let mut out = String::with_capacity(body.len() + 64);
    let mut copied = 0;
    let mut body_links = note
        .links
        .iter()
        .enumerate()
        .filter(|(_, l)| matches!(l.raw.syntax, LinkSyntax::Wiki | LinkSyntax::Embed));
    let parser = Parser::new_ext(body, Options::ENABLE_WIKILINKS | Options::ENABLE_TABLES)
        .into_offset_iter();
    for (event, range) in parser {
        let (is_embed, dest) = match &event {
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { .. },
                dest_url,
                ..
            }) => (false, dest_url.to_string()),
            Event::Start(Tag::Image {
                link_type: LinkType::WikiLink { .. },
                dest_url,
                ..
            }) => (true, dest_url.to_string()),
            _ => continue,
        };
        if range.start < copied {
            continue;
        }
        let source = &body[range.clone()];
        let inner = source
            .trim_start_matches('!')
            .trim_start_matches("[[")
            .trim_end_matches("]]");
        let shown = match inner.split_once('|') {
            Some((a, b)) if b.trim().is_empty() => a,
            Some((_, b)) => b,
            None => crate::vault::links::strip_dendron_vault(inner),
        };
        let shown = shown.replace(['[', ']'], "");
        out.push_str(&body[copied..range.start]);
        if crate::vault::links::wiki_note_target(&dest).is_none() {
            // Attachments and same-note headings: shown as text.
            out.push_str(&format!("*{}*", escape(&shown)));
        } else if let Some((index, _)) = body_links.next() {
            let prefix = if is_embed { "↪ " } else { "" };
            out.push_str(&format!(
                "[{prefix}{}]({LINK_SCHEME}{index})",
                escape(&shown)
            ));
        } else {
            out.push_str(&escape(&shown));
        }
        copied = range.end;
    }
    out.push_str(&body[copied..]);
    out
}

fn escape(text: &str) -> String {
    text.replace('*', "\\*").replace('_', "\\_")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::tests::vault;

    #[test]
    fn wikilinks_become_indexed_links_and_markdown_links_stay() {
        let v = vault(&[
            (
                "a.md",
                "---\nid: a\n---\nSee [b](b.md), [[b|Bee]] and ![[c]] ![[pic.png]] `[[code]]`.\n",
            ),
            ("b.md", ""),
            ("c.md", ""),
        ]);
        let text = render_source(&v.notes[0]);
        assert_eq!(
            text,
            "See [b](b.md), [Bee](notegraph:link/1) and [↪ c](notegraph:link/2) *pic.png* `[[code]]`.\n"
        );
    }
}
