//! The quiet start of a note: its lines read without the Markdown parser
//! for as long as they are plain enough to read line by line, so that
//! only the rest of the note, if any, is parsed.
//!
//! A note's links nearly always sit in its last sections, lists of plain
//! links under headings whose names give the links their kind; everything
//! above them is prose. pulldown-cmark was half of reading a large vault.
//! Lines are read here only when nothing in them can mean more than text,
//! headings and plain links (no fences, quotes, tables, HTML, setext
//! underlines, headings inside lists, code spans around a link, reference
//! definitions: `link_lines.rs` says what a line of links may hold); the
//! parser reads from the last block boundary before the first line that
//! does. Both ways give the same links, kinds and title (tests:
//! `quiet_start_reads_as_the_parser_does`,
//! `lines_of_links_read_as_the_parser_does` and two property tests).

mod link_lines;

use super::{EdgeKind, Extracted, LineIndex, LinkSyntax};
use link_lines::Written;

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
/// body opens with what only the parser reads). The links of its lines
/// go to `out`, as the parser would give them (`body` starts at
/// `base_offset` of the file `lines` indexes).
pub(super) fn quiet_start(
    body: &str,
    base_offset: usize,
    lines: &LineIndex,
    out: &mut Extracted,
) -> Option<QuietStart> {
    let bytes = body.as_bytes();
    // A reference definition (`[x]: …`) anywhere makes `[x]` a link, and
    // can turn a wikilink's inner brackets into one: lines of links are
    // read here only in a body without any.
    let links_read_here = memchr::memmem::find(bytes, b"]:").is_none();
    let mut running = Cut {
        links: out.links.len(),
        attachments: out.attachments.len(),
        ..Cut::default()
    };
    let (first, mut cut) = (running, running);
    let (mut start, mut block) = (0, Block::default());
    let mut written = Vec::new();
    // Looked for once in the whole body, not line by line.
    let controls = memchr::memchr3(b'\r', 0x0b, 0x0c, bytes).is_some();
    let mut specials = Specials { bytes, next: None };
    while start < bytes.len() {
        let line_end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        let text = &body[start..line_end];
        if block.may_start_at(text) {
            cut = Cut {
                at: start,
                ..running
            };
        }
        // A carriage return ends a line only before a line feed here: text
        // with a lone one is left to the parser, as is text with a vertical
        // tab or form feed (space to the parser after a heading's `#`).
        let content = if line_end < bytes.len() {
            text.strip_suffix('\r').unwrap_or(text)
        } else {
            text
        };
        if controls && memchr::memchr3(b'\r', 0x0b, 0x0c, content.as_bytes()).is_some() {
            break;
        }
        let line = match specials.within(start, line_end) {
            false => read_line(content),
            true if !links_read_here || block.backtick => None,
            true => link_lines::read_link_line(content, &mut written).then_some(Line::Text),
        };
        let Some(line) = line else {
            break; // the parser's from the last cut on
        };
        let kind = running.kind.unwrap_or(EdgeKind::Mention);
        let line_start = base_offset + start;
        if !(written.drain(..)).all(|link| push_written(link, line_start, lines, kind, out)) {
            give_back(out, first); // past the cap: the whole body is the parser's
            return None;
        }
        (running.links, running.attachments) = (out.links.len(), out.attachments.len());
        block.read(&line, content);
        if let Line::Heading(level, heading) = line {
            running.heading(level, heading, start);
        }
        start = line_end + 1;
        if start >= bytes.len() {
            cut = Cut {
                at: bytes.len(),
                ..running
            };
        }
    }
    give_back(out, cut)
}

/// What the lines read so far say of the block the next one is in.
#[derive(Default)]
struct Block {
    after_blank: bool,
    after_heading: bool,
    /// A backtick was read since the last blank line or heading: a code
    /// span may run on from it over the next lines, so links there are
    /// the parser's.
    backtick: bool,
}

impl Block {
    /// Whether a block starts with the line `text` at the margin: after a
    /// heading, or after a blank line. Only there may the parser take over.
    fn may_start_at(&self, text: &str) -> bool {
        let at_margin = || !text.starts_with([' ', '\t']) && !text.trim().is_empty();
        self.after_heading || (self.after_blank && at_margin())
    }

    fn read(&mut self, line: &Line, content: &str) {
        self.after_heading = matches!(line, Line::Heading(..));
        self.after_blank = matches!(line, Line::Blank);
        self.backtick = match line {
            Line::Text => self.backtick || content.contains('`'),
            Line::Blank | Line::Heading(..) => false,
        };
    }
}

/// Where the next `[`, `<` or `|` of a body is: what may open a link,
/// HTML or a table, found by one search over the body, not one a line.
struct Specials<'a> {
    bytes: &'a [u8],
    next: Option<usize>,
}

impl Specials<'_> {
    /// Whether one lies in `start..end`; lines come in order.
    fn within(&mut self, start: usize, end: usize) -> bool {
        if self.next.is_none_or(|next| next < start) {
            let found = memchr::memchr3(b'[', b'<', b'|', &self.bytes[start..]);
            self.next = Some(found.map_or(self.bytes.len(), |i| start + i));
        }
        self.next.is_some_and(|next| next < end)
    }
}

/// The quiet start up to `cut`: the links read after it are the parser's
/// to read again, and are taken back.
fn give_back(out: &mut Extracted, cut: Cut) -> Option<QuietStart> {
    out.links.truncate(cut.links);
    out.attachments.truncate(cut.attachments);
    (cut.at > 0).then(|| QuietStart {
        len: cut.at,
        kind: cut.kind,
        first_h1: (cut.first_h1).map(|(text, at)| (text.trim().to_string(), at)),
    })
}

/// A place where the parser may take over, with what the lines above it
/// said: the kind the last heading gives, the first level-one heading,
/// and how many links and attachments were read.
#[derive(Clone, Copy, Default)]
struct Cut<'a> {
    at: usize,
    kind: Option<EdgeKind>,
    first_h1: Option<(&'a str, usize)>,
    links: usize,
    attachments: usize,
}

impl<'a> Cut<'a> {
    /// A heading of `level` read at `at`.
    fn heading(&mut self, level: usize, text: &'a str, at: usize) {
        self.kind = Some(super::section_kind(text));
        if level == 1 && self.first_h1.is_none() && !text.trim().is_empty() {
            self.first_h1 = Some((text, at));
        }
    }
}

/// Puts the link `written` on the line at `line_start` of the file that
/// `lines` indexes in `out`, as the parser's events would; `false`, with
/// nothing put, when `out` holds as many links as a note keeps.
fn push_written(
    written: Written,
    line_start: usize,
    lines: &LineIndex,
    kind: EdgeKind,
    out: &mut Extracted,
) -> bool {
    if out.links.len() >= super::MAX_LINKS_PER_NOTE {
        return false;
    }
    let (at, dest, wiki, text) = match written {
        Written::Inline { at, text, dest } => (at, dest, false, text),
        Written::Wiki { at, target, alias } => (at, target, true, alias.unwrap_or(target)),
    };
    let offset = line_start + at;
    let syntax = if wiki {
        LinkSyntax::Wiki
    } else {
        LinkSyntax::Markdown
    };
    if let Some(mut link) = super::make_link(dest, wiki, syntax, kind, lines.line(offset), out) {
        link.offset = Some(offset);
        super::finish_link(&mut link, text.to_string());
        out.links.push(link);
    }
    true
}

/// How `line` (without its line ending) reads, or `None` when it may hold
/// what only the parser reads right.
fn read_line(line: &str) -> Option<Line<'_>> {
    // Prose: a line that opens with a letter is neither a heading, a
    // list item, a fence, a quote nor an underline.
    if line.starts_with(|c: char| c.is_ascii_alphabetic() || !c.is_ascii()) {
        return Some(Line::Text);
    }
    let rest = &line[line
        .bytes()
        .take_while(|&b| b == b' ' || b == b'\t')
        .count()..];
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
        let marker = list_marker_len(rest.as_bytes());
        if marker == 0 {
            return (rest, had);
        }
        let after = &rest[marker..];
        if !after.starts_with([' ', '\t']) {
            return (rest, had);
        }
        rest = after.trim_start_matches([' ', '\t']);
        had = true;
    }
}

/// How long the list marker `rest` opens with is (`-`, `*`, `+`, or up to
/// nine digits and `.` or `)`), the space after it not counted; 0 if it
/// opens with none.
fn list_marker_len(rest: &[u8]) -> usize {
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    match rest.get(digits) {
        Some(b'-' | b'*' | b'+') if digits == 0 => 1,
        Some(b'.' | b')') if (1..=9).contains(&digits) => digits + 1,
        _ => 0,
    }
}
