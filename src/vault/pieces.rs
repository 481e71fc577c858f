//! Cutting a long note body into pieces that are parsed one at a time.
//!
//! pulldown-cmark builds the block tree of a whole document, with an item
//! for every bracket and emphasis mark, before it yields its first event:
//! about 110 bytes of memory per byte of a text dense with links (a 31 MB
//! paragraph of `[[a]]` took 3.5 GB and 10 s). Parsing a long body in
//! pieces bounds that memory by the piece, and lets the link cap stop the
//! work after the first few pieces. Bodies up to one piece are parsed
//! whole, exactly as before; longer ones are cut where a paragraph ends
//! outside a fenced code block, else at a line end, and only a single line
//! longer than a piece is cut inside itself.

use std::ops::Range;

/// Bodies up to this size are parsed in one piece.
pub const PARSE_PIECE_BYTES: usize = 1 << 20;

/// The Markdown events of `text` parsed piece by piece, each with its
/// byte range in `text`.
pub fn events(
    text: &str,
    options: pulldown_cmark::Options,
) -> impl Iterator<Item = (pulldown_cmark::Event<'_>, Range<usize>)> {
    pieces(text, PARSE_PIECE_BYTES)
        .into_iter()
        .flat_map(move |piece| {
            let start = piece.start;
            (pulldown_cmark::Parser::new_ext(&text[piece], options).into_offset_iter())
                .map(move |(event, r)| (event, start + r.start..start + r.end))
        })
}

/// Byte ranges covering `text` in order, each at most `limit` bytes unless
/// a character forces a few more; every cut falls on a character boundary.
pub fn pieces(text: &str, limit: usize) -> Vec<Range<usize>> {
    let limit = limit.max(16);
    let mut out = Vec::new();
    if text.len() <= limit {
        out.push(0..text.len());
        return out;
    }
    let mut fence = Fence::default();
    let mut start = 0;
    // The latest place to cut after a blank line, and after any line,
    // both outside a fence.
    let (mut after_paragraph, mut after_line) = (None, None);
    let mut pos = 0;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let outside = fence.read(&text[pos..end]);
        while end - start > limit {
            let cut = after_paragraph
                .or(after_line)
                .filter(|&c| c > start)
                .unwrap_or_else(|| cut_inside_line(text, start, limit));
            out.push(start..cut);
            start = cut;
            (after_paragraph, after_line) = (None, None);
        }
        if outside {
            after_line = Some(end);
            if text[pos..end].trim().is_empty() {
                after_paragraph = Some(end);
            }
        }
        pos = end;
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

/// A cut within `limit` bytes of `start`, after a space or a closing
/// bracket when one is near, so that few links are split.
fn cut_inside_line(text: &str, start: usize, limit: usize) -> usize {
    let mut end = start + limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let window = &text.as_bytes()[start + limit / 2..end];
    match window
        .iter()
        .rposition(|b| matches!(b, b' ' | b'\t' | b']' | b')'))
    {
        Some(i) => start + limit / 2 + i + 1,
        None => end,
    }
}

/// Whether the lines read so far leave a fenced code block open.
#[derive(Default)]
struct Fence {
    open: Option<(u8, usize)>,
}

impl Fence {
    /// Reads one line; true when the line ends outside a fence (so a cut
    /// after it does not split a code block).
    fn read(&mut self, line: &str) -> bool {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = &line.as_bytes()[indent..];
        let marker = if indent <= 3 {
            rest.first().copied()
        } else {
            None
        };
        let run = |c: u8| rest.iter().take_while(|&&b| b == c).count();
        match (self.open, marker) {
            (None, Some(c @ (b'`' | b'~'))) if run(c) >= 3 => {
                self.open = Some((c, run(c)));
                false
            }
            (Some((c, n)), Some(m)) if m == c && run(c) >= n => {
                let after = &line[indent + run(c)..];
                if after.trim().is_empty() {
                    self.open = None;
                }
                self.open.is_none()
            }
            (open, _) => open.is_none(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(text: &str, limit: usize) -> Vec<&str> {
        let cuts = pieces(text, limit);
        assert_eq!(cuts.first().map(|r| r.start), Some(0));
        assert_eq!(cuts.last().map(|r| r.end), Some(text.len()));
        for pair in cuts.windows(2) {
            assert_eq!(pair[0].end, pair[1].start, "pieces are contiguous");
        }
        cuts.into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn a_short_body_is_one_piece() {
        assert_eq!(joined("# A\n\n[[b]]\n", 1 << 20), vec!["# A\n\n[[b]]\n"]);
    }

    #[test]
    fn cuts_fall_after_paragraphs_when_there_are_some() {
        let text = "para one line\nstill one\n\npara two\n\npara three is here\n";
        let parts = joined(text, 32);
        assert!(parts.iter().all(|p| p.len() <= 32), "{parts:?}");
        assert_eq!(parts[0], "para one line\nstill one\n\n");
        assert!(parts.iter().skip(1).all(|p| !p.starts_with('\n')));
    }

    #[test]
    fn a_fenced_block_is_never_split_at_its_blank_lines() {
        let code = format!("```\n{}```\n", "[[in code]]\n\n".repeat(4));
        let text = format!("intro\n\n{code}\nafter\n\nmore text here\n");
        let parts = joined(&text, 70);
        // The fence opens and closes in the same piece.
        let holder = parts.iter().find(|p| p.contains("```")).unwrap();
        assert_eq!(holder.matches("```").count(), 2, "{parts:?}");
    }

    #[test]
    fn one_huge_line_is_cut_between_links() {
        let text = "[[a]] ".repeat(1000);
        let parts = joined(&text, 100);
        assert!(parts.len() >= 60);
        assert!(parts.iter().all(|p| p.len() <= 100));
        assert!(parts.iter().all(|p| p.ends_with(' ') || p.ends_with(']')));
    }

    #[test]
    fn a_body_parsed_in_pieces_keeps_kinds_lines_and_offsets() {
        use crate::vault::links::{extract_body, Extracted, LineIndex};
        use crate::vault::EdgeKind;
        // Three pieces: the heading's kind carries into the later ones.
        let filler = "Plain words with nothing to link.\n\n".repeat(PARSE_PIECE_BYTES / 35);
        let text = format!(
            "# Title\n\n### Prerequisites\n\n{filler}- [[far]]\n\n{filler}## Other\n\n[[last]]\n"
        );
        let lines = LineIndex::new(&text);
        let mut out = Extracted::default();
        extract_body(&text, 0, &lines, &mut out);
        assert_eq!(out.first_h1.as_ref().map(|h| h.0.as_str()), Some("Title"));
        let got: Vec<_> = out.links.iter().map(|l| (&*l.target, l.kind)).collect();
        assert_eq!(
            got,
            vec![("far", EdgeKind::Prerequisite), ("last", EdgeKind::Mention)]
        );
        let far = &out.links[0];
        let at = text.find("[[far]]").unwrap();
        assert_eq!(far.offset, Some(at));
        assert_eq!(far.line as usize, text[..at].matches('\n').count() + 1);
    }

    #[test]
    fn cuts_respect_characters_of_several_bytes() {
        let text = "知识图谱".repeat(400);
        for part in joined(&text, 101) {
            assert!(part.chars().all(|c| "知识图谱".contains(c)));
        }
    }
}
