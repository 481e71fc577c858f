//! The quiet start of a note: the lines before its first link, read
//! without the Markdown parser when they are plain enough to read line by
//! line, so that only the rest of the note is parsed.
//!
//! A note's links nearly always sit in its last sections, under headings
//! whose names give the links their kind; everything above them is prose.
//! pulldown-cmark was half of reading a large vault, most of it spent on
//! that prose. The lines are read here only when nothing in them can mean
//! more than text and headings (no fences, quotes, tables, HTML, setext
//! underlines or headings inside lists); anything else leaves the whole
//! body to the parser. Both ways give the same links, kinds and title
//! (tests: `quiet_start_reads_as_the_parser_does`).

use super::EdgeKind;

/// What the quiet start of a body says: where the parser takes over, the
/// kind its last heading gives, and its first level-one heading.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct QuietStart {
    /// Bytes of the body read here; the parser reads from this offset on,
    /// where a block starts.
    pub(super) len: usize,
    /// The kind of links under the last heading read, if any.
    pub(super) kind: Option<EdgeKind>,
    /// Text and body offset of the first level-one heading read.
    pub(super) first_h1: Option<(String, usize)>,
}

/// How one line of the quiet start reads.
enum Line<'a> {
    Blank,
    /// A level-`level` heading at the margin, with its text.
    Heading(usize, &'a str),
    /// Prose, a list item, anything that neither makes a heading nor
    /// changes how a heading below reads.
    Text,
}

/// The quiet start of `body`, or `None` when none is worth taking (the
/// body opens with a link, or with something only the parser reads).
pub(super) fn quiet_start(body: &str) -> Option<QuietStart> {
    let bytes = body.as_bytes();
    // Links open with `[` (or `<` for an autolink); HTML with `<`. The
    // line holding the first of them is the parser's. Table rows (`|`)
    // are left to it whole.
    let (first, end) = match memchr::memchr3(b'[', b'<', b'|', bytes) {
        Some(first) => (
            first,
            memchr::memrchr(b'\n', &bytes[..first]).map_or(0, |i| i + 1),
        ),
        None => (bytes.len(), bytes.len()),
    };
    // A carriage return ends a line only before a line feed here: text
    // with a lone one is left to the parser, as is text with a vertical
    // tab or form feed (space to the parser after a heading's `#`).
    let lone_return = |at: usize| bytes.get(at + 1) != Some(&b'\n');
    if end == 0
        || memchr::memchr_iter(b'\r', &bytes[..end]).any(lone_return)
        || memchr::memchr2(0x0b, 0x0c, &bytes[..end]).is_some()
    {
        return None;
    }
    // Where a block starts at the margin: after a heading line, or a line
    // at the margin after a blank one. Only there may the parser take over.
    let mut cut = Cut::default();
    let mut running = Cut::default();
    let (mut start, mut after_blank, mut after_heading) = (0, false, false);
    while start < end {
        let line_end = memchr::memchr(b'\n', &bytes[start..end]).map_or(end, |i| start + i);
        let text = &body[start..line_end];
        let at_margin = || !text.starts_with([' ', '\t']) && !text.trim().is_empty();
        if after_heading || (after_blank && at_margin()) {
            cut = Cut {
                at: start,
                ..running
            };
        }
        let Some(line) = read_line(text) else {
            break; // the parser's from the last cut on
        };
        after_heading = matches!(line, Line::Heading(..));
        after_blank = matches!(line, Line::Blank);
        if let Line::Heading(level, heading) = line {
            running.kind = Some(heading);
            if level == 1 && running.first_h1.is_none() && !heading.trim().is_empty() {
                running.first_h1 = Some((heading, start));
            }
        }
        start = line_end + 1;
        if start >= end {
            // Read to the end: the line of the first link starts a block
            // if it follows a heading or a blank line; with no link, the
            // whole body is read.
            let next = &body[end..];
            let opens = after_heading || (after_blank && !next.starts_with([' ', '\t']));
            if first == bytes.len() || opens {
                cut = Cut { at: end, ..running };
            }
        }
    }
    (cut.at > 0).then(|| QuietStart {
        len: cut.at,
        kind: cut.kind.map(super::section_kind),
        first_h1: (cut.first_h1).map(|(text, at)| (text.trim().to_string(), at)),
    })
}

/// A place where the parser may take over, with what the lines above it
/// said: the text of the last heading, and the first level-one heading.
#[derive(Clone, Copy, Default)]
struct Cut<'a> {
    at: usize,
    kind: Option<&'a str>,
    first_h1: Option<(&'a str, usize)>,
}

/// How `line` (without its `\n`) reads, or `None` when it may hold what
/// only the parser reads right.
fn read_line(line: &str) -> Option<Line<'_>> {
    let line = line.strip_suffix('\r').unwrap_or(line);
    // Prose: a line that opens with a letter is neither a heading, a
    // list item, a fence, a quote nor an underline.
    if line.starts_with(|c: char| c.is_ascii_alphabetic() || !c.is_ascii()) {
        return Some(Line::Text);
    }
    let rest = line.trim_start_matches([' ', '\t']);
    if rest.is_empty() {
        return Some(Line::Blank);
    }
    let indented = rest.len() < line.len();
    let (rest, in_list) = without_list_markers(rest);
    let opening = rest.bytes().take_while(|&b| b == b'#').count();
    let after = &rest[opening..];
    let heading =
        (1..=6).contains(&opening) && (after.is_empty() || after.starts_with([' ', '\t']));
    if heading && !indented && !in_list {
        return read_heading(opening, after);
    }
    // A heading inside a list or indented, fences, quotes, and lines that
    // underline the line above (or break it): the parser's.
    let underline = |c: char| rest.trim_end_matches([' ', '\t']).chars().all(|x| x == c);
    if heading
        || rest.starts_with("```")
        || rest.starts_with("~~~")
        || rest.starts_with('>')
        || underline('=')
        || underline('-')
    {
        return None;
    }
    Some(Line::Text)
}

/// A heading line's text, when it is plain: no closing `#`s, escapes,
/// code, emphasis or entities, which the parser would change.
fn read_heading(level: usize, after: &str) -> Option<Line<'_>> {
    let text = after.trim_matches([' ', '\t']);
    if text.contains(['#', '\\', '`', '*', '_', '\t', '\0']) {
        return None;
    }
    // `&` opens an entity only before a letter, digit or `#`.
    let entity = |(i, _): (usize, &str)| {
        (text[i + 1..].chars().next()).is_some_and(|c| c.is_alphanumeric() || c == '#')
    };
    if text.match_indices('&').any(entity) {
        return None;
    }
    Some(Line::Heading(level, text))
}

/// `rest` without the list markers it opens with (`- `, `* `, `+ `, `1. `,
/// `1) `), and whether it had any.
fn without_list_markers(mut rest: &str) -> (&str, bool) {
    let mut had = false;
    loop {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let marker = match rest.as_bytes().get(digits) {
            Some(b'-' | b'*' | b'+') if digits == 0 => 1,
            Some(b'.' | b')') if (1..=9).contains(&digits) => digits + 1,
            _ => return (rest, had),
        };
        let after = &rest[marker..];
        if !after.starts_with([' ', '\t']) {
            return (rest, had);
        }
        rest = after.trim_start_matches([' ', '\t']);
        had = true;
    }
}
