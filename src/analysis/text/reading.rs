//! A note's body as a reader sees it, as one string that snippets are cut
//! from, mapped back to `note.text` so that hits found there can be marked.
//!
//! The same reading as the index's (`plain.rs`): text and inline code are
//! kept; code blocks, HTML, link destinations, `%%comments%%`, emphasis
//! marks (also `**` beside CJK text, `emphasis.rs`) and heading hashes are
//! not. A link or wikilink reads as its text.
//! Blocks and line breaks read as one space.

use super::emphasis::{LiteralRuns, CJK_EMPHASIS_SPACE};
use super::plain::{is_block, uncommented};
use crate::vault::links::MARKDOWN_OPTIONS;
use crate::vault::pieces::events;
use crate::vault::Note;
use pulldown_cmark::{Event, Tag, TagEnd};
use std::ops::Range;

/// One run of the reading taken from one place in the note.
#[derive(Debug, Clone)]
struct Segment {
    /// Where the run starts in `Reading::text`.
    at: usize,
    /// Where it comes from in `note.text`.
    source: Range<usize>,
    /// Byte for byte the source (else an escape or entity was decoded, and
    /// every offset inside maps to the whole run).
    verbatim: bool,
    /// Its length in the reading.
    len: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Reading {
    pub text: String,
    /// In order of both `at` and `source`.
    segments: Vec<Segment>,
}

impl Reading {
    /// Where the byte range `range` of `note.text` lies in the reading: a
    /// token lies in one run, a phrase may span several (`**base** case`).
    pub fn map(&self, range: &Range<usize>) -> Option<Range<usize>> {
        let first = (self
            .segments
            .partition_point(|s| s.source.start <= range.start))
        .checked_sub(1)?;
        let last = (self
            .segments
            .partition_point(|s| s.source.start < range.end))
        .checked_sub(1)?;
        let (a, b) = (&self.segments[first], &self.segments[last]);
        if range.start >= a.source.end || range.end > b.source.end {
            return None;
        }
        let start = if a.verbatim {
            a.at + range.start - a.source.start
        } else {
            a.at
        };
        let end = if b.verbatim {
            b.at + range.end - b.source.start
        } else {
            b.at + b.len
        };
        (start < end).then_some(start..end)
    }

    fn gap(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with(' ') {
            self.text.push(' ');
        }
    }

    fn push(&mut self, shown: &str, mut source: Range<usize>, verbatim: bool) {
        // One space between words, however the pieces fell.
        let trimmed = if self.text.is_empty() || self.text.ends_with(' ') {
            shown.trim_start()
        } else {
            shown
        };
        if trimmed.is_empty() {
            return;
        }
        if verbatim {
            source.start += shown.len() - trimmed.len();
        }
        let shown = trimmed;
        self.segments.push(Segment {
            at: self.text.len(),
            source,
            verbatim,
            len: shown.len(),
        });
        // One line of text: a break inside inline code reads as a space.
        self.text.extend(shown.chars().map(|c| match c {
            '\n' | '\r' | '\t' => ' ',
            c => c,
        }));
    }

    /// `t`, the text of an event over `range` of `text` (the body, or the
    /// body spaced by `spacing`): its parts outside comments.
    fn text(
        &mut self,
        t: &str,
        text: &str,
        range: Range<usize>,
        spacing: &Spacing,
        comment: &mut bool,
    ) {
        let src = &text[range.clone()];
        // The event's text is its source slice unless something was decoded.
        let found = if src.starts_with(t) {
            Some(0)
        } else {
            src.find(t)
        };
        match found {
            Some(i) => {
                let at = range.start + i;
                for (piece, offset) in uncommented(&text[at..at + t.len()], comment) {
                    let from = at + offset;
                    for part in spacing.without_spaces(from..from + piece.len()) {
                        let source = spacing.source(part.start)..spacing.source(part.end);
                        self.push(&text[part], source, true);
                    }
                }
            }
            None => {
                let whole = spacing.source(range.start)..spacing.source(range.end);
                for (piece, _) in uncommented(t, comment) {
                    self.push(piece, whole.clone(), false);
                }
            }
        }
    }
}

/// The hair spaces put into a body so that `**` beside CJK text opens and
/// closes (`emphasis.rs`), and the way back to offsets in the note.
#[derive(Default)]
struct Spacing {
    /// Where the body starts in the note.
    base: usize,
    /// Where each inserted space stands in the spaced text, in order.
    spaces: Vec<usize>,
}

const SPACE_LEN: usize = CJK_EMPHASIS_SPACE.len_utf8();

impl Spacing {
    /// The offset in the note of `at` in the spaced text.
    fn source(&self, at: usize) -> usize {
        let before = self.spaces.partition_point(|&s| s < at);
        self.base + at - before * SPACE_LEN
    }

    /// `range` of the spaced text in parts, without the inserted spaces.
    fn without_spaces(&self, range: Range<usize>) -> Vec<Range<usize>> {
        let first = self.spaces.partition_point(|&s| s < range.start);
        let mut parts = Vec::new();
        let mut at = range.start;
        for &space in self.spaces[first..].iter().take_while(|&&s| s < range.end) {
            parts.push(at..space);
            at = space + SPACE_LEN;
        }
        parts.push(at..range.end);
        parts
    }
}

/// `text` with a space at each of `gaps` (ascending), and where they stand.
fn spaced(text: &str, gaps: &[usize], base: usize) -> (String, Spacing) {
    let mut out = String::with_capacity(text.len() + gaps.len() * SPACE_LEN);
    let mut spaces = Vec::with_capacity(gaps.len());
    let mut copied = 0;
    for &gap in gaps {
        out.push_str(&text[copied..gap]);
        spaces.push(out.len());
        out.push(CJK_EMPHASIS_SPACE);
        copied = gap;
    }
    out.push_str(&text[copied..]);
    (out, Spacing { base, spaces })
}

/// `note`'s body as read.
pub fn reading(note: &Note) -> Reading {
    let body = note.body();
    let plain = Spacing {
        base: note.body_offset,
        spaces: Vec::new(),
    };
    let (out, gaps) = read(body, &plain);
    if gaps.is_empty() {
        return out;
    }
    // Read again with `**` beside CJK text made to open and close as in
    // Obsidian; rare, so the common case parses once.
    let (text, spacing) = spaced(body, &gaps, note.body_offset);
    read(&text, &spacing).0
}

/// The reading of `text`, and where literal `*` runs beside CJK text want
/// a space (`emphasis.rs`).
fn read(text: &str, spacing: &Spacing) -> (Reading, Vec<usize>) {
    let mut out = Reading::default();
    let mut literal = LiteralRuns::default();
    let mut in_code_block = false;
    let mut in_comment = false;
    let options = MARKDOWN_OPTIONS | pulldown_cmark::Options::ENABLE_TASKLISTS;
    for (event, range) in events(text, options) {
        if matches!(event, Event::Text(_)) && !in_code_block {
            literal.text(text, range.clone());
        } else {
            literal.other(text);
        }
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => {
                in_code_block = false;
                out.gap();
            }
            Event::Start(tag) if is_block(&tag.to_end()) => out.gap(),
            Event::End(tag_end) if is_block(&tag_end) => out.gap(),
            Event::SoftBreak | Event::HardBreak => out.gap(),
            Event::Text(t) if !in_code_block => out.text(&t, text, range, spacing, &mut in_comment),
            Event::Code(t) if !in_comment => {
                let source = spacing.source(range.start)..spacing.source(range.end);
                out.push(&t, source, false)
            }
            _ => {}
        }
    }
    while out.text.ends_with(' ') {
        out.text.pop();
    }
    (out, literal.finish(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::tests::vault;

    #[test]
    fn reads_text_without_marks_targets_or_html() {
        let text = "---\nid: x\n---\n## Key **base** case, see [[Recursion|recursion]] and \
                    `code` #tag-kept\n\n[text](http://x.org/url?q=1) and <span style=\"x\">html</span> \
                    a %%hidden%% b &amp; c\n\n```\nfenced\n```\n<!-- note -->\nend";
        let v = vault(&[("n.md", text)]);
        let r = reading(&v.notes[0]);
        assert_eq!(
            r.text,
            "Key base case, see recursion and code #tag-kept text and html a b & c end"
        );
        let v = vault(&[("n.md", "中文**「引用」**中文，打开**[[设置]]**。")]);
        assert_eq!(reading(&v.notes[0]).text, "中文「引用」中文，打开设置。");
        let base = text.find("base").unwrap();
        let mapped = r.map(&(base..base + 4)).unwrap();
        assert_eq!(&r.text[mapped], "base");
    }
}
