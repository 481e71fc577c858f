//! The plain text of a note as search reads it: the words a reader sees.
//!
//! The body is parsed with the loader's `MARKDOWN_OPTIONS`; text and inline
//! code are read, fenced and indented code, HTML, link destinations,
//! Obsidian `%%comments%%` and the frontmatter are not. Emphasis markup
//! falls away between text events, so `**base** case` reads "base case".
//! Every block start and end leaves a gap in the positions, so that a
//! phrase never runs from one paragraph (or list item, or cell) into the
//! next. Offsets point into `note.text`.

use super::tokens::{tokenize, Kind};
use crate::vault::links::MARKDOWN_OPTIONS;
use crate::vault::pieces::events;
use crate::vault::Note;
use pulldown_cmark::{Event, Tag, TagEnd};
use std::ops::Range;

/// One token of a note's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlainToken {
    pub term: String,
    /// In `note.text`.
    pub range: Range<usize>,
    /// Consecutive within a block; blocks are apart by a gap.
    pub pos: u32,
    pub kind: Kind,
}

/// What the walk reports.
pub enum Found<'a> {
    /// A token and its position (lone CJK characters share the position of
    /// the bigram before them and never take part in phrases).
    Token(&'a str, Range<usize>, u32, Kind),
    /// An inline `#tag`, lowercased, without the `#`.
    Tag(String),
}

pub(super) fn is_block(tag_end: &TagEnd) -> bool {
    !matches!(
        tag_end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::Superscript
            | TagEnd::Subscript
    )
}

/// Walks `note`'s body, calling `f` for each token and inline tag.
pub fn walk(note: &Note, f: &mut impl FnMut(Found<'_>)) {
    let body = note.body();
    let mut state = State {
        base: note.body_offset,
        pos: 0,
        in_comment: false,
    };
    let mut in_code_block = false;
    // In pieces, as the loader parses (`vault::pieces`): a long body parsed
    // at once costs pulldown-cmark about 110 bytes per byte.
    // Task boxes are markup: `[x]` is not the word "x".
    let options = MARKDOWN_OPTIONS | pulldown_cmark::Options::ENABLE_TASKLISTS;
    for (event, range) in events(body, options) {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => {
                in_code_block = false;
                state.pos += 1;
            }
            Event::Start(tag) if is_block(&tag.to_end()) => state.pos += 1,
            Event::End(tag_end) if is_block(&tag_end) => state.pos += 1,
            Event::Text(t) if !in_code_block => state.text(&t, body, range, true, f),
            Event::Code(t) => state.text(&t, body, range, false, f),
            _ => {}
        }
    }
}

struct State {
    base: usize,
    pos: u32,
    /// Inside a `%%` comment, which may run over many text events.
    in_comment: bool,
}

impl State {
    fn text(
        &mut self,
        t: &str,
        body: &str,
        range: Range<usize>,
        tags: bool,
        f: &mut impl FnMut(Found<'_>),
    ) {
        let src = &body[range.clone()];
        // Text is its source slice unless an escape or an entity was
        // decoded; then every token takes the event's range.
        // Almost always the slice itself: no searcher to build then.
        let found = if src.starts_with(t) {
            Some(0)
        } else {
            src.find(t)
        };
        let at = found.map(|i| self.base + range.start + i);
        let whole = self.base + range.start..self.base + range.end;
        let text = match at {
            Some(a) => &body[a - self.base..a - self.base + t.len()],
            None => t,
        };
        for (piece, offset) in uncommented(text, &mut self.in_comment) {
            if tags {
                tags_in(piece, f);
            }
            let pos = &mut self.pos;
            tokenize(piece, at.map_or(0, |a| a + offset), &mut |term, r, kind| {
                let r = if at.is_some() { r } else { whole.clone() };
                if kind != Kind::CjkChar {
                    *pos += 1;
                }
                f(Found::Token(term, r, *pos, kind));
            });
        }
    }
}

/// The parts of `text` outside `%%…%%` comments, with their offsets; a
/// comment may run over many text events, so its state is carried.
pub(super) fn uncommented<'a>(text: &'a str, in_comment: &mut bool) -> Vec<(&'a str, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    while at <= text.len() {
        let next = text[at..].find("%%").map(|i| at + i);
        if !*in_comment {
            let end = next.unwrap_or(text.len());
            if end > at {
                out.push((&text[at..end], at));
            }
        }
        match next {
            Some(i) => {
                *in_comment = !*in_comment;
                at = i + 2;
            }
            None => break,
        }
    }
    out
}

/// Inline tags: `#` at the start or after a space, then letters, digits,
/// `_`, `-` or `/`, not all digits (`#1` is an issue number).
fn tags_in(text: &str, f: &mut impl FnMut(Found<'_>)) {
    let bytes = text.as_bytes();
    for (i, _) in text.match_indices('#') {
        if i > 0 && !bytes[i - 1].is_ascii_whitespace() {
            continue;
        }
        let rest = &text[i + 1..];
        let len = rest
            .char_indices()
            .find(|&(_, c)| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '/')))
            .map_or(rest.len(), |(j, _)| j);
        let tag = rest[..len].trim_end_matches('/');
        if !tag.is_empty() && !tag.chars().all(|c| c.is_ascii_digit()) {
            f(Found::Tag(tag.to_lowercase()));
        }
    }
}

/// A note's body tokens, lone CJK characters left out: what phrases and
/// snippets are checked against.
pub fn tokens(note: &Note) -> Vec<PlainToken> {
    let mut out = Vec::new();
    walk(note, &mut |found| {
        if let Found::Token(term, range, pos, kind) = found {
            if kind != Kind::CjkChar {
                out.push(PlainToken {
                    term: term.to_string(),
                    range,
                    pos,
                    kind,
                });
            }
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::tests::vault;

    fn words(text: &str) -> Vec<String> {
        let v = vault(&[("n.md", text)]);
        tokens(&v.notes[0]).into_iter().map(|t| t.term).collect()
    }

    #[test]
    fn reads_what_a_reader_sees() {
        let text = "---\nsource: zebra\n---\n**base** case `inline` [shown](hidden.md)\n\n\
                    ```\nfenced\n```\n\n    indented\n\n<div>html</div>\n\na %%secret%% b &amp; c\\*d";
        assert_eq!(
            words(text),
            ["base", "case", "inline", "shown", "a", "b", "c", "d"]
        );
    }

    #[test]
    fn offsets_point_into_the_note_and_blocks_leave_gaps() {
        let text = "---\nid: x\n---\nOne two\n\nthree";
        let v = vault(&[("n.md", text)]);
        let toks = tokens(&v.notes[0]);
        assert_eq!(&text[toks[0].range.clone()], "One");
        assert_eq!(&text[toks[2].range.clone()], "three");
        assert_eq!(toks[1].pos, toks[0].pos + 1);
        assert!(toks[2].pos > toks[1].pos + 1);
    }

    #[test]
    fn inline_tags_outside_code() {
        let v = vault(&[(
            "n.md",
            "Text #Topic/Sub and #2 x#no `#code`\n\n```\n#fenced\n```\n- #list-tag",
        )]);
        let mut tags = Vec::new();
        walk(&v.notes[0], &mut |f| {
            if let Found::Tag(t) = f {
                tags.push(t)
            }
        });
        assert_eq!(tags, ["topic/sub", "list-tag"]);
    }
}
