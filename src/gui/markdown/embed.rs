//! Another note's text shown inside the selected one (an embed): the
//! whole note or one section, its links pointing at notes by id.

use super::{flatten_deep_nesting, inline, render_source, LINK_SCHEME, NOTE_SCHEME};
use crate::vault::Note;
use std::path::Path;

/// The text of `note` (or of its section `anchor`) shown inside another
/// note: one level deep, its own embeds and links pointing at notes by id.
pub fn embedded_text(note: &Note, root: Option<&Path>, anchor: Option<&str>) -> String {
    let text = inline::rewrite(&render_source(note, root));
    let text = flatten_deep_nesting(&text).into_owned();
    let text = match anchor {
        Some(a) => section(&text, a).unwrap_or(text),
        None => text,
    };
    retarget_links(&text, note)
}

/// The lines under the heading `anchor` (to the next heading as high), or
/// the line holding block id `^anchor`.
fn section(text: &str, anchor: &str) -> Option<String> {
    if let Some(id) = anchor.strip_prefix('^') {
        let line = text.lines().find(|l| l.contains(&format!("^{id}")))?;
        return Some(line.to_string());
    }
    let level = |l: &str| {
        let hashes = l.len() - l.trim_start_matches('#').len();
        (hashes > 0 && l[hashes..].starts_with(' ')).then_some(hashes)
    };
    let mut lines = text.lines();
    let start_level = lines.by_ref().find_map(|l| {
        level(l).filter(|_| {
            l.trim_start_matches('#')
                .trim()
                .eq_ignore_ascii_case(anchor.trim())
        })
    })?;
    let body: Vec<&str> = lines
        .take_while(|l| level(l).is_none_or(|n| n > start_level))
        .collect();
    Some(body.join("\n"))
}

/// `notegraph:link/N` of `note` → `notegraph:note/ID`, or plain text when
/// the link names no note.
fn retarget_links(text: &str, note: &Note) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(LINK_SCHEME) {
        out.push_str(&rest[..i]);
        let after = &rest[i + LINK_SCHEME.len()..];
        let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let target = after[..digits]
            .parse::<usize>()
            .ok()
            .and_then(|n| note.links.get(n));
        match target.map(|l| &l.target) {
            Some(crate::vault::Target::Note(id)) => out.push_str(&format!("{NOTE_SCHEME}{id}")),
            _ => out.push('#'),
        }
        rest = &after[digits..];
    }
    out.push_str(rest);
    out
}
