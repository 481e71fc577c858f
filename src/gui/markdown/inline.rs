//! Obsidian's inline syntax that egui_commonmark does not know, rewritten
//! to plain Markdown outside code: `%%comments%%` (inline and across
//! lines) and `^block-id` markers are dropped, `==highlights==` become
//! bold, `#tags` become links the panel turns into a tag filter, and `**`
//! beside CJK text gets the hair space that lets it open or close as in
//! Obsidian (`analysis::text::emphasis`).

use crate::analysis::text::emphasis::{LiteralRuns, CJK_EMPHASIS_SPACE};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// Links to a tag: `notegraph:tag/NAME`, NAME percent-encoded.
pub const TAG_SCHEME: &str = "notegraph:tag/";

/// A replacement of `text[start..end]`.
struct Edit {
    start: usize,
    end: usize,
    with: String,
}

/// Rewrites `text` (Markdown, wikilinks already turned into links).
pub fn rewrite(text: &str) -> String {
    let mut edits: Vec<Edit> = Vec::new();
    // Where an open `%%` comment started.
    let mut comment: Option<usize> = None;
    let mut in_code = false;
    let mut in_link = 0usize;
    let mut literal = LiteralRuns::default();
    let options = crate::vault::links::MARKDOWN_OPTIONS;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => in_link += 1,
            Event::End(TagEnd::Link | TagEnd::Image) => in_link = in_link.saturating_sub(1),
            Event::Text(_) if !in_code => {
                // A `*` run in text is one CommonMark left literal.
                literal.text(text, range.clone());
                text_edits(text, range, &mut comment, in_link > 0, &mut edits);
                continue;
            }
            _ => {}
        }
        literal.other(text);
    }
    for at in literal.finish(text) {
        edits.push(Edit {
            start: at,
            end: at,
            with: CJK_EMPHASIS_SPACE.to_string(),
        });
    }
    // A comment never closed runs to the end, as in Obsidian.
    if let Some(start) = comment {
        edits.push(Edit {
            start,
            end: text.len(),
            with: String::new(),
        });
    }
    apply(text, edits)
}

/// The edits inside one run of text at `range`.
fn text_edits(
    text: &str,
    range: std::ops::Range<usize>,
    comment: &mut Option<usize>,
    in_link: bool,
    edits: &mut Vec<Edit>,
) {
    let run = &text[range.clone()];
    let mut at = 0;
    while at < run.len() {
        let rest = &run[at..];
        let here = range.start + at;
        if let Some(start) = *comment {
            // Inside a comment: only its end matters.
            match rest.find("%%") {
                Some(i) => {
                    let end = here + i + 2;
                    edits.push(Edit {
                        start,
                        end,
                        with: String::new(),
                    });
                    *comment = None;
                    at += i + 2;
                }
                None => return,
            }
            continue;
        }
        let next = rest.find(['%', '=', '#', '^']);
        let Some(i) = next else { return };
        let pos = here + i;
        let tail = &rest[i..];
        let before = text[..pos].chars().next_back();
        if tail.starts_with("%%") {
            *comment = Some(pos);
            at += i + 2;
        } else if let Some(len) = highlight_len(tail) {
            let inner = &tail[2..len - 2];
            edits.push(Edit {
                start: pos,
                end: pos + len,
                with: format!("**{inner}**"),
            });
            at += i + len;
        } else if let Some(len) = tag_len(tail, before).filter(|_| !in_link) {
            let tag = &tail[1..len];
            let url: String =
                percent_encoding::utf8_percent_encode(tag, percent_encoding::NON_ALPHANUMERIC)
                    .collect();
            edits.push(Edit {
                start: pos,
                end: pos + len,
                with: format!("[#{tag}]({TAG_SCHEME}{url})"),
            });
            at += i + len;
        } else if let Some(len) = block_id_len(tail, before) {
            let line_ends = text[pos + len..].starts_with(['\n', '\r']) || pos + len == text.len();
            if line_ends && pos + len == range.end {
                edits.push(Edit {
                    start: pos,
                    end: pos + len,
                    with: String::new(),
                });
            }
            at += i + len;
        } else {
            at += i + tail.chars().next().map_or(1, char::len_utf8);
        }
    }
}

/// `==text==` on one run: its length in bytes.
fn highlight_len(tail: &str) -> Option<usize> {
    let inner = tail.strip_prefix("==")?;
    let close = inner.find("==")?;
    (close > 0 && !inner[..close].starts_with(' ')).then_some(close + 4)
}

/// `#tag` or `#nested/tag` after a space or at the start: its length.
/// Obsidian's rule: letters, digits, `_`, `-` and `/`, not only digits.
fn tag_len(tail: &str, before: Option<char>) -> Option<usize> {
    if before.is_some_and(|c| !c.is_whitespace() && c != '(') {
        return None;
    }
    let body = tail.strip_prefix('#')?;
    let len = body
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '/')))
        .map_or(body.len(), |(i, _)| i);
    let tag = body[..len].trim_end_matches('/');
    let named = tag.chars().any(|c| !c.is_ascii_digit());
    (!tag.is_empty() && named).then_some(tag.len() + 1)
}

/// ` ^block-id` closing a line: the marker's length (with its space).
fn block_id_len(tail: &str, before: Option<char>) -> Option<usize> {
    if !before.is_some_and(char::is_whitespace) {
        return None;
    }
    let id = tail.strip_prefix('^')?;
    let len = id
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '-'))
        .map_or(id.len(), |(i, _)| i);
    (len > 0).then_some(len + 1)
}

/// Applies edits in order; one that overlaps an earlier one (a highlight
/// inside a comment, say) is dropped.
fn apply(text: &str, mut edits: Vec<Edit>) -> String {
    edits.sort_by_key(|e| (e.start, std::cmp::Reverse(e.end)));
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for e in edits {
        if e.start < copied {
            continue;
        }
        out.push_str(&text[copied..e.start]);
        out.push_str(&e.with);
        copied = e.end;
    }
    out.push_str(&text[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::rewrite;
    use crate::gui::markdown::{prepare, Block};
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};

    /// The text between Strong start and end, and every other text, of the
    /// note `body` as the panel renders it.
    fn strong_and_rest(body: &str) -> (Vec<String>, String) {
        let v = crate::vault::tests::vault(&[("n.md", body), ("设置.md", "x")]);
        let blocks = prepare(&v.notes[0], None);
        let [Block::Markdown(text)] = blocks.as_slice() else {
            panic!("{blocks:?}")
        };
        let (mut strong, mut rest, mut inside) = (Vec::new(), String::new(), false);
        for event in Parser::new_ext(text, crate::vault::links::MARKDOWN_OPTIONS) {
            match event {
                Event::Start(Tag::Strong) => {
                    strong.push(String::new());
                    inside = true;
                }
                Event::End(TagEnd::Strong) => inside = false,
                Event::Text(t) if inside => strong.last_mut().unwrap().push_str(&t),
                Event::Text(t) | Event::Code(t) => rest.push_str(&t),
                _ => {}
            }
        }
        (strong, rest)
    }

    #[test]
    fn bold_beside_cjk_text_and_punctuation_renders_bold() {
        let (strong, rest) = strong_and_rest("打开**[[设置]]**。");
        assert_eq!(strong, ["设置"]);
        assert!(!rest.contains('*'), "{rest}");
        let (strong, rest) = strong_and_rest("中文**「引用」**中文");
        assert_eq!(strong, ["「引用」"]);
        assert!(!rest.contains('*'), "{rest}");
        // Code keeps its asterisks.
        let (strong, rest) = strong_and_rest("`中文**「引用」**中文`");
        assert!(strong.is_empty(), "{strong:?}");
        assert_eq!(rest, "中文**「引用」**中文");
    }

    #[test]
    fn comments_block_ids_and_highlights_are_rewritten_outside_code() {
        let text = "Keep %%hidden%% this ==bright== line ^b15695\n\n%%\nblock\n\ncomment\n%%\n\nAfter `==code==` and `%%x%%`.\n\n```\n%% fenced ^id\n```\n";
        let out = rewrite(text);
        assert!(!out.contains("hidden"), "{out}");
        assert!(!out.contains("block\n"), "{out}");
        assert!(!out.contains("^b15695"), "{out}");
        assert!(out.contains("**bright**"), "{out}");
        assert!(
            out.contains("`==code==`") && out.contains("`%%x%%`"),
            "{out}"
        );
        assert!(
            out.contains("%% fenced ^id"),
            "code blocks untouched: {out}"
        );
        assert!(out.contains("After"), "{out}");
    }

    #[test]
    fn tags_become_filter_links_but_headings_anchors_and_numbers_do_not() {
        let out =
            rewrite("# Title\n\nSee #rust and #lang/中文, not a#b nor #123 nor [x](#anchor).\n");
        assert!(out.contains("[#rust](notegraph:tag/rust)"), "{out}");
        assert!(
            out.contains("[#lang/中文](notegraph:tag/lang%2F%E4%B8%AD%E6%96%87)"),
            "{out}"
        );
        assert!(out.contains("a#b") && out.contains("#123"), "{out}");
        assert!(out.contains("[x](#anchor)"), "{out}");
        assert!(out.starts_with("# Title"), "{out}");
    }
}
