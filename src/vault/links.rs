//! Link extraction with pulldown-cmark: Markdown links, wikilinks, embeds.

pub use super::lines::LineIndex;
use super::EdgeKind;
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

/// How a link was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkSyntax {
    /// `[text](path.md)` or a reference-style link.
    Markdown,
    /// `[[target]]`, `[[target|alias]]`, `[[target#heading]]`.
    Wiki,
    /// `![[note]]`: an embedded note.
    Embed,
    /// A wikilink inside a frontmatter value.
    Frontmatter,
}

/// A link as written, before resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawLink {
    /// The path or name it points at: percent-decoded (Markdown links),
    /// without `#anchor` or `?query`.
    pub target: Box<str>,
    /// For `[[a|b]]`, the part after the pipe: Dendron writes the label
    /// first, so this is tried when `target` does not resolve.
    pub alternative: Option<Box<str>>,
    pub anchor: Option<Box<str>>,
    /// Boxed strings, not `String`s: a vault can hold millions of links,
    /// and each `String` costs 8 bytes more and its spare capacity.
    pub text: Box<str>,
    pub syntax: LinkSyntax,
    pub kind: EdgeKind,
    /// 1-based line in the file.
    pub line: u32,
    /// Byte offset of the link in the note's text; `None` for links in
    /// frontmatter values. The note panel maps what it renders back to
    /// links by this, not by counting.
    pub offset: Option<usize>,
}

/// The Markdown the loader and the note panel both parse: the same options,
/// so that both see the same links (a table changes where links end).
pub const MARKDOWN_OPTIONS: Options = Options::ENABLE_WIKILINKS.union(Options::ENABLE_TABLES);

/// File types that a wikilink or embed names as an attachment, not a note.
const ATTACHMENT_EXTENSIONS: &[&str] = &[
    "png",
    "jpg",
    "jpeg",
    "gif",
    "svg",
    "webp",
    "bmp",
    "avif",
    "ico",
    "pdf",
    "mp3",
    "wav",
    "ogg",
    "m4a",
    "flac",
    "mp4",
    "webm",
    "mov",
    "mkv",
    "canvas",
    "excalidraw",
    "csv",
    "json",
    "txt",
    "zip",
    "html",
    "drawio",
    "base",
];

pub fn is_attachment(target: &str) -> bool {
    let name = target.rsplit('/').next().unwrap_or(target);
    name.rsplit_once('.').is_some_and(|(_, ext)| {
        ATTACHMENT_EXTENSIONS
            .iter()
            .any(|known| known.eq_ignore_ascii_case(ext))
    })
}

/// Maps a section heading to the kind of the links below it.
/// Matching ignores case, punctuation and a plural `s`. Every heading of
/// every note comes here: the words are compared where they lie.
pub fn section_kind(heading: &str) -> EdgeKind {
    let mut words = (heading.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(|w| w.strip_suffix(['s', 'S']).unwrap_or(w));
    let is = |w: &str, word: &str| w.eq_ignore_ascii_case(word);
    let Some(first) = words.next() else {
        return EdgeKind::Mention;
    };
    if is(first, "prerequisite") || is(first, "prereq") {
        return EdgeKind::Prerequisite;
    }
    if is(first, "related") {
        return EdgeKind::Related;
    }
    match words.next() {
        Some(second) if is(first, "compare") && is(second, "with") => EdgeKind::Compare,
        None if is(first, "compare") || is(first, "comparison") => EdgeKind::Compare,
        _ => EdgeKind::Mention,
    }
}

fn has_scheme(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    let Some(colon) = dest.find(':') else {
        return false;
    };
    let scheme = &dest[..colon];
    // One letter before the colon is a Windows drive, not a scheme.
    scheme.len() > 1
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Dendron names a note in another vault as `dendron://VAULT/note.name`;
/// vaults are merged here, so the note name is what matters.
pub fn strip_dendron_vault(target: &str) -> &str {
    match target.strip_prefix("dendron://") {
        Some(rest) => rest.split_once('/').map_or("", |(_, note)| note),
        None => target,
    }
}

fn split_anchor(dest: &str) -> (&str, Option<&str>) {
    let dest = dest.split('?').next().unwrap_or(dest);
    match dest.split_once('#') {
        Some((path, anchor)) => (path, Some(anchor)),
        None => (dest, None),
    }
}

/// What a note's text links to, and the attachments it embeds.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Extracted {
    pub links: Vec<RawLink>,
    pub attachments: Vec<String>,
    /// Text of the first level-1 heading and the byte offset where it
    /// starts in the file: a title candidate (`vault::title`).
    pub first_h1: Option<(String, usize)>,
    /// More than `MAX_LINKS_PER_NOTE` links were found; the rest are left.
    pub truncated: bool,
}

/// Links taken from one note at most: a 31 MB note can hold millions,
/// which would cost gigabytes and no person could follow.
pub const MAX_LINKS_PER_NOTE: usize = 50_000;

/// Extracts links from a note's body, `text`, whose first byte is at
/// `base_offset` of the file indexed by `lines`. A long body is parsed in
/// pieces (`pieces.rs`), so its memory is bounded by a piece's.
pub fn extract_body(text: &str, base_offset: usize, lines: &LineIndex, out: &mut Extracted) {
    // Plain lines, and lines of plain links, are read without the parser
    // (`quiet.rs`) up to the first that is not; a long body keeps to its
    // pieces.
    let quiet = (text.len() <= super::pieces::PARSE_PIECE_BYTES)
        .then(|| quiet::quiet_start(text, base_offset, lines, out))
        .flatten();
    extract_after(text, base_offset, lines, quiet, out);
}

/// `extract_body` with every line read by the parser: what reading the
/// quiet start by lines must agree with (tests).
pub fn extract_body_by_parser(
    text: &str,
    base_offset: usize,
    lines: &LineIndex,
    out: &mut Extracted,
) {
    extract_after(text, base_offset, lines, None, out);
}

/// `extract_body` after the `quiet` start, read already.
fn extract_after(
    text: &str,
    base_offset: usize,
    lines: &LineIndex,
    quiet: Option<quiet::QuietStart>,
    out: &mut Extracted,
) {
    let mut kind = EdgeKind::Mention;
    let mut from = 0;
    if let Some(quiet) = quiet {
        kind = quiet.kind.unwrap_or(kind);
        if out.first_h1.is_none() {
            out.first_h1 = (quiet.first_h1).map(|(h1, at)| (h1, base_offset + at));
        }
        from = quiet.len;
    }
    let (text, base_offset) = (&text[from..], base_offset + from);
    for piece in super::pieces::pieces(text, super::pieces::PARSE_PIECE_BYTES) {
        let start = piece.start;
        kind = extract(&text[piece], base_offset + start, lines, None, kind, out);
        if out.truncated {
            break;
        }
    }
}

/// Extracts links from Markdown `text`, whose first byte is at `base_offset`
/// of the file indexed by `lines`. Links take their kind from the nearest
/// heading above them, starting from `initial_kind`; returns the kind in
/// force at the end of the text.
pub fn extract(
    text: &str,
    base_offset: usize,
    lines: &LineIndex,
    syntax_override: Option<LinkSyntax>,
    initial_kind: EdgeKind,
    out: &mut Extracted,
) -> EdgeKind {
    let options = MARKDOWN_OPTIONS;
    let mut kind = initial_kind;
    let mut heading: Option<String> = None;
    let mut heading_is_h1 = false;
    let mut heading_start = 0;
    // A link whose text is still being read: (index in out.links, text so far).
    let mut open_link: Option<(usize, String)> = None;

    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        if out.truncated {
            // Past the cap nothing more is taken: stop reading.
            break;
        }
        // Only links need a line number: computed lazily.
        let line = || lines.line(base_offset + range.start);
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some(String::new());
                heading_is_h1 = level == pulldown_cmark::HeadingLevel::H1;
                heading_start = base_offset + range.start;
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(h) = heading.take() {
                    kind = section_kind(&h);
                    if heading_is_h1 && out.first_h1.is_none() && !h.trim().is_empty() {
                        out.first_h1 = Some((h.trim().to_string(), heading_start));
                    }
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&t);
                }
                if let Some((_, link_text)) = open_link.as_mut() {
                    link_text.push_str(&t);
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => {
                let wiki = matches!(link_type, LinkType::WikiLink { .. });
                let syntax = match (wiki, syntax_override) {
                    (_, Some(s)) => s,
                    (true, None) => LinkSyntax::Wiki,
                    (false, None) => LinkSyntax::Markdown,
                };
                if out.links.len() >= MAX_LINKS_PER_NOTE {
                    out.truncated = true;
                } else if let Some(mut link) = make_link(&dest_url, wiki, syntax, kind, line(), out)
                {
                    link.offset = Some(base_offset + range.start);
                    out.links.push(link);
                    open_link = Some((out.links.len() - 1, String::new()));
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some((index, link_text)) = open_link.take() {
                    finish_link(&mut out.links[index], link_text);
                }
            }
            Event::Start(Tag::Image {
                link_type: LinkType::WikiLink { .. },
                dest_url,
                ..
            }) => {
                let syntax = syntax_override.unwrap_or(LinkSyntax::Embed);
                if out.links.len() >= MAX_LINKS_PER_NOTE {
                    out.truncated = true;
                } else if let Some(mut link) = make_link(&dest_url, true, syntax, kind, line(), out)
                {
                    link.offset = Some(base_offset + range.start);
                    out.links.push(link);
                }
            }
            _ => {}
        }
    }
    kind
}

/// Gives `link` the text it was written with; a piped wikilink, the
/// text after `|` as the alternative target (Dendron writes it so).
fn finish_link(link: &mut RawLink, link_text: String) {
    if link.syntax != LinkSyntax::Markdown && link_text.trim() != &*link.target {
        let alt = link_text.trim();
        if !alt.is_empty() && alt != dest_with_anchor(link) {
            link.alternative = Some(alt.into());
        }
    }
    link.text = link_text.into_boxed_str();
}

fn dest_with_anchor(link: &RawLink) -> String {
    match &link.anchor {
        Some(a) => format!("{}#{a}", link.target),
        None => link.target.to_string(),
    }
}

fn make_link(
    dest: &str,
    wiki: bool,
    syntax: LinkSyntax,
    kind: EdgeKind,
    line: u32,
    out: &mut Extracted,
) -> Option<RawLink> {
    let dest = dest.trim();
    let dest = if wiki {
        // In a table, Obsidian writes `[[target\|alias]]`: the backslash
        // escapes the pipe for the table and is no part of the target.
        strip_dendron_vault(dest.strip_suffix('\\').unwrap_or(dest).trim_end())
    } else {
        dest
    };
    if dest.is_empty() || dest.starts_with('#') || has_scheme(dest) {
        return None;
    }
    let (path, anchor) = split_anchor(dest);
    let target = if wiki {
        path.trim().to_string()
    } else {
        let decoded = if path.contains('%') {
            percent_encoding::percent_decode_str(path).decode_utf8_lossy()
        } else {
            path.into()
        };
        if !super::is_markdown_name(&decoded) {
            return None;
        }
        decoded.into_owned()
    };
    if target.is_empty() {
        return None;
    }
    if wiki && is_attachment(&target) {
        out.attachments.push(target);
        return None;
    }
    Some(RawLink {
        target: target.into_boxed_str(),
        alternative: None,
        anchor: anchor.map(Box::from),
        text: Box::default(),
        syntax,
        kind,
        line,
        offset: None,
    })
}

mod quiet;
#[cfg(test)]
mod tests;
