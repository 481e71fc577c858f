//! Lines of links read without the parser: list items and short
//! paragraphs of plain text with plain `[text](dest)` and `[[target]]`
//! links, as a note's link sections are written. Anything the parser could
//! read otherwise (escapes, code, HTML, emphasis or entities in a link,
//! images, tables, nesting) makes the line the parser's.

/// A link as written on a quiet line: where it opens in the line, and its
/// parts as the parser gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::vault::links) enum Written<'a> {
    /// `[text](dest)`.
    Inline {
        at: usize,
        text: &'a str,
        dest: &'a str,
    },
    /// `[[target]]` or `[[target|alias]]`.
    Wiki {
        at: usize,
        target: &'a str,
        alias: Option<&'a str>,
    },
}

/// Bytes that may change how the parser reads a line, wherever they are
/// (but `|` between a wikilink's target and alias, which `wiki` reads).
fn never(b: u8) -> bool {
    matches!(b, b'\\' | b'`' | b'<' | b'|' | b'!' | b'\t' | b'\0' | b'\r')
}

/// Bytes a link's text, target or alias may not hold: brackets, and what
/// opens emphasis or an entity (the parser's text would lose or change it).
fn not_in_link(b: u8) -> bool {
    never(b) || matches!(b, b'[' | b']' | b'*' | b'&') || b < b' '
}

/// The links of `line` (without its line ending), into `found`, if the
/// line is plain text and plain links and nothing else; `false` (and
/// `found` as it was) when the parser must read it.
pub(super) fn read_link_line<'a>(line: &'a str, found: &mut Vec<Written<'a>>) -> bool {
    let before = found.len();
    let ok = read_into(line, found);
    if !ok {
        found.truncate(before);
    }
    ok
}

fn read_into<'a>(line: &'a str, found: &mut Vec<Written<'a>>) -> bool {
    let Some(content) = content_start(line) else {
        return false;
    };
    let bytes = line.as_bytes();
    let mut i = content;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'[' {
            let link = match bytes.get(i + 1) {
                Some(b'[') => wiki(line, i),
                _ => inline(line, i),
            };
            let Some((written, after)) = link else {
                return false;
            };
            found.push(written);
            i = after;
        } else if never(b) {
            return false;
        } else {
            i += 1;
        }
    }
    true
}

/// Where the text of `line` starts after up to three spaces, one list
/// marker with one space, and a task box (`[ ]`, `[x]`); `None` when the
/// line opens in any other way than with a link or a letter.
fn content_start(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let indent = bytes.iter().take_while(|&&b| b == b' ').count();
    if indent > 3 {
        return None; // code, or a list item's own paragraph: the parser's
    }
    let mut at = indent;
    let marker = super::list_marker_len(&bytes[at..]);
    if marker > 0 {
        let after = &bytes[at + marker..];
        if after.first() != Some(&b' ') || matches!(after.get(1), Some(b' ' | b'\t')) {
            return None;
        }
        at += marker + 1;
        let task_box = [b"[ ]", b"[x]", b"[X]"];
        if task_box.iter().any(|b| bytes[at..].starts_with(*b))
            && matches!(bytes.get(at + 3), None | Some(b' '))
        {
            at = (at + 4).min(bytes.len());
        }
    }
    let opens = match line[at..].chars().next() {
        None => marker > 0,
        Some(c) => c == '[' || c.is_ascii_alphabetic() || !c.is_ascii(),
    };
    opens.then_some(at)
}

/// `[text](dest)` at `at`, and where the line goes on after it.
fn inline(line: &str, at: usize) -> Option<(Written<'_>, usize)> {
    let bytes = line.as_bytes();
    let text_end = at + 1 + bytes[at + 1..].iter().position(|&b| b == b']')?;
    let text = &line[at + 1..text_end];
    if text.is_empty() || text.bytes().any(|b| not_in_link(b) || b == b'_') {
        return None;
    }
    if bytes.get(text_end + 1) != Some(&b'(') {
        return None;
    }
    let dest_start = text_end + 2;
    let dest_end = dest_start + bytes[dest_start..].iter().position(|&b| b == b')')?;
    let dest = &line[dest_start..dest_end];
    let odd = |b: u8| not_in_link(b) || matches!(b, b' ' | b'(' | b'>' | b'"' | b'\'');
    if dest.is_empty() || dest.bytes().any(odd) {
        return None;
    }
    Some((Written::Inline { at, text, dest }, dest_end + 1))
}

/// `[[target]]` or `[[target|alias]]` at `at`, and where the line goes on
/// after it.
fn wiki(line: &str, at: usize) -> Option<(Written<'_>, usize)> {
    let bytes = line.as_bytes();
    let inner_start = at + 2;
    let inner_end = inner_start + bytes[inner_start..].iter().position(|&b| b == b']')?;
    if bytes.get(inner_end + 1) != Some(&b']')
        || matches!(bytes.get(inner_end + 2), Some(b']' | b'('))
    {
        return None;
    }
    let inner = &line[inner_start..inner_end];
    let (target, alias) = match inner.split_once('|') {
        Some((target, alias)) => (target, Some(alias)),
        None => (inner, None),
    };
    let plain = |part: &str| !part.is_empty() && !part.bytes().any(|b| not_in_link(b) || b == b'|');
    // The parser reads an alias as text (emphasis too); a target, as is.
    let alias_ok = alias.is_none_or(|a| plain(a) && !a.contains('_'));
    if !plain(target) || !alias_ok {
        return None;
    }
    Some((Written::Wiki { at, target, alias }, inner_end + 2))
}

#[cfg(test)]
mod tests {
    use super::{read_link_line, Written};

    fn read(line: &str) -> Option<Vec<Written<'_>>> {
        let mut found = Vec::new();
        read_link_line(line, &mut found).then_some(found)
    }

    #[test]
    fn list_items_of_plain_links_are_read() {
        assert_eq!(
            read("- [Join batch](../lease-6/note-000705.md)"),
            Some(vec![Written::Inline {
                at: 2,
                text: "Join batch",
                dest: "../lease-6/note-000705.md"
            }])
        );
        assert_eq!(
            read("1. see [[a#h|the A]] and [[b]]."),
            Some(vec![
                Written::Wiki {
                    at: 7,
                    target: "a#h",
                    alias: Some("the A")
                },
                Written::Wiki {
                    at: 25,
                    target: "b",
                    alias: None
                },
            ])
        );
        assert_eq!(read("- [ ] a box"), Some(vec![]));
        assert_eq!(read("   * [x] [[done_list]]").map(|f| f.len()), Some(1));
    }

    #[test]
    fn whatever_the_parser_could_read_otherwise_is_left_to_it() {
        for line in [
            "    - [a](b.md)",
            "-  [a](b.md)",
            "- # [a](b.md)",
            "> [a](b.md)",
            "\t[a](b.md)",
            "![a](b.png)",
            "[a] (b.md)",
            "[a]: b.md",
            "[a](b.md \"title\")",
            "[*a*](b.md)",
            "[a_b](b.md)",
            "[a](<b.md>)",
            "[a](b&amp;.md)",
            "[a](b.md",
            "[](b.md)",
            "[a](b.md) `code`",
            "[a](b.md) | cell",
            "[[a]](b.md)",
            "[[a]]]",
            "[[a|_b_]]",
            "[[*a*]]",
            "[[]]",
            "[[a|]]",
            "[[|b]]",
            "[[a|b|c]]",
            "[[a\\|b]]",
            "[[[a]]]",
            "a \\[b](c.md)",
            "- [y] box [[a]]",
            "<b>[[a]]</b>",
        ] {
            assert_eq!(read(line), None, "{line:?}");
        }
    }
}
