//! Preparing a note body for egui_commonmark, which knows no wikilinks:
//! each wikilink and note embed becomes a Markdown link to
//! `notegraph:link/N`, N being the link's index in `Note::links`.
//!
//! Images are made safe here too: only files inside the vault are shown
//! (as absolute `file://` addresses); remote images are never fetched and
//! become links; anything else becomes a line of text saying why.

mod blocks;
mod embed;
mod inline;

pub use blocks::{Block, Callout};
pub use embed::embedded_text;
pub use inline::TAG_SCHEME;

use crate::vault::links::MARKDOWN_OPTIONS;
use crate::vault::Note;
use pulldown_cmark::{Event, LinkType, Parser, Tag};
use std::collections::HashMap;
use std::path::Path;

pub const LINK_SCHEME: &str = "notegraph:link/";
/// A link to a note by its `NoteId`, for text shown outside its own note
/// (an embed), whose link indices mean nothing to the selected note.
pub const NOTE_SCHEME: &str = "notegraph:note/";

/// How many embeds of one note are shown inline; later ones stay links.
const MAX_EMBEDS: usize = 32;

/// A note's body, ready for the panel: Obsidian syntax rewritten, split
/// into Markdown, callouts and embeds.
pub fn prepare(note: &Note, root: Option<&Path>) -> Vec<Block> {
    let text = inline::rewrite(&render_source(note, root));
    let mut blocks = blocks::split(&flatten_deep_nesting(&text));
    let mut embeds = 0;
    demote_extra_embeds(&mut blocks, &mut embeds);
    blocks
}

/// Lists and quotes nested deeper than this are shown flat: the viewer
/// lays out every level, and 10,000 levels took the window to 24 GB.
const MAX_NESTING: usize = 16;

/// Lines whose list markers, quote marks and indentation nest deeper than
/// `MAX_NESTING` levels lose the extra levels (their text stays).
fn flatten_deep_nesting(text: &str) -> std::borrow::Cow<'_, str> {
    let depth_of = |line: &str| -> (usize, usize) {
        let (mut levels, mut spaces, mut at) = (0usize, 0usize, 0usize);
        let bytes = line.as_bytes();
        while at < bytes.len() {
            match bytes[at] {
                b' ' => spaces += 1,
                b'\t' => spaces += 4,
                b'>' => levels += 1,
                b'-' | b'*' | b'+' if ends_marker(bytes.get(at + 1)) => levels += 1,
                b'0'..=b'9' => match ordered_marker_len(&bytes[at..]) {
                    // `1.` and `12)` open a level as `-` does; the loop
                    // steps past the last byte of the marker below.
                    Some(len) => {
                        levels += 1;
                        at += len - 1;
                    }
                    None => break,
                },
                _ => break,
            }
            at += 1;
        }
        (levels + spaces / 2, at)
    };
    if !text.lines().any(|l| depth_of(l).0 > MAX_NESTING) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    // Code keeps its indentation, however deep.
    let mut in_fence = false;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
        }
        let (depth, prefix) = depth_of(line);
        if depth > MAX_NESTING && !in_fence {
            out.push_str("- *(nested deeper than 16 levels, shown flat)* ");
            out.push_str(&line[prefix..]);
        } else {
            out.push_str(line);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Whether the byte after a list marker ends it: a space, a tab or the
/// end of the line.
fn ends_marker(next: Option<&u8>) -> bool {
    next.is_none_or(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
}

/// The length of an ordered list marker (`1.`, `12)`: at most nine digits,
/// as CommonMark allows) at the start of `bytes`, if one is there.
fn ordered_marker_len(bytes: &[u8]) -> Option<usize> {
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    let closed = matches!(bytes.get(digits), Some(b'.' | b')'));
    (digits <= 9 && closed && ends_marker(bytes.get(digits + 1))).then_some(digits + 1)
}

/// Embeds past `MAX_EMBEDS` become plain links again.
fn demote_extra_embeds(blocks: &mut [Block], seen: &mut usize) {
    for b in blocks {
        match b {
            Block::Embed(i) => {
                *seen += 1;
                if *seen > MAX_EMBEDS {
                    *b = Block::Markdown(format!("[↪ embed]({LINK_SCHEME}{i})\n"));
                }
            }
            Block::Callout(c) => demote_extra_embeds(&mut c.body, seen),
            Block::Markdown(_) => {}
        }
    }
}

/// What to show for a Markdown image `dest` in `note`.
fn safe_image(note: &Note, root: Option<&Path>, dest: &str, alt: &str) -> String {
    let alt = if alt.trim().is_empty() {
        "image"
    } else {
        alt.trim()
    };
    let lower = dest.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return format!("[🖼 {} (remote image, not loaded)]({dest})", escape(alt));
    }
    let blocked = |why: &str| format!("*🖼 {} ({why})*", escape(alt));
    let path = match lower.strip_prefix("file://") {
        Some(_) => &dest[7..],
        None if dest.contains(':') && !dest.starts_with('/') => {
            return blocked("not a file in the vault")
        }
        None => dest,
    };
    let Some(root) = root else {
        return blocked("no vault folder to load it from");
    };
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let rel = match decoded.strip_prefix('/') {
        // An absolute path is allowed only when it points into the vault.
        Some(_) => match Path::new(decoded.as_ref()).strip_prefix(root) {
            Ok(inside) => crate::vault::resolve::normalize(&inside.to_string_lossy()),
            Err(_) => None,
        },
        None => crate::vault::resolve::normalize(&format!("{}/{}", note.folder(), decoded)),
    };
    let Some(rel) = rel else {
        return blocked("outside the vault, not shown");
    };
    // The text says inside the vault; the file itself must agree (a link
    // out of the vault, a FIFO or a huge file is never read).
    if let Err(why) = crate::vault::check_shown_file(root, &rel) {
        return blocked(why);
    }
    format!(
        "![{}](file://{}/{})",
        escape(alt),
        root.display(),
        rel.replace(' ', "%20")
    )
}

/// Bodies longer than this are shown cut, with a note: the Markdown viewer
/// lays out the whole text every frame.
pub const MAX_SHOWN_BYTES: usize = 256 * 1024;

pub fn render_source(note: &Note, root: Option<&Path>) -> String {
    let full = note.body();
    let body = shown_part(full);
    let mut out = String::with_capacity(body.len() + 64);
    let mut copied = 0;
    // Links by where they start in the file: what is rendered maps back to
    // the loader's links by position, never by counting.
    let link_at: HashMap<usize, usize> = (note.links.iter().enumerate())
        .filter_map(|(i, l)| Some((l.raw.offset?, i)))
        .collect();
    let parser = Parser::new_ext(body, MARKDOWN_OPTIONS).into_offset_iter();
    let mut image: Option<(std::ops::Range<usize>, String, String)> = None;
    for (event, range) in parser {
        // A Markdown image: collect its alt text, then replace it whole.
        match &event {
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                ..
            }) if !matches!(link_type, LinkType::WikiLink { .. }) && range.start >= copied => {
                image = Some((range.clone(), dest_url.to_string(), String::new()));
                continue;
            }
            Event::Text(t) if image.is_some() => {
                if let Some((_, _, alt)) = image.as_mut() {
                    alt.push_str(t);
                }
                continue;
            }
            Event::End(pulldown_cmark::TagEnd::Image) => {
                if let Some((r, dest, alt)) = image.take() {
                    out.push_str(&body[copied..r.start]);
                    out.push_str(&safe_image(note, root, &dest, &alt));
                    copied = r.end;
                }
                continue;
            }
            _ => {}
        }
        let is_embed = match &event {
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { .. },
                ..
            }) => false,
            Event::Start(Tag::Image {
                link_type: LinkType::WikiLink { .. },
                ..
            }) => true,
            _ => continue,
        };
        if range.start < copied {
            continue;
        }
        let shown = wikilink_label(&body[range.clone()]);
        out.push_str(&body[copied..range.start]);
        match link_at.get(&(note.body_offset + range.start)) {
            Some(index) => {
                let prefix = if is_embed { "↪ " } else { "" };
                out.push_str(&format!(
                    "[{prefix}{}]({LINK_SCHEME}{index})",
                    escape(&shown)
                ));
            }
            // An embedded picture, from inside the vault only.
            None if is_embed && is_image(&body[range.clone()]) => {
                let file = embed_file(&body[range.clone()]);
                out.push_str(&safe_image(note, root, &file, &file));
            }
            // Other attachments and same-note headings: shown as text.
            None => out.push_str(&format!("*{}*", escape(&shown))),
        }
        copied = range.end;
    }
    out.push_str(&body[copied..]);
    if body.len() < full.len() {
        out.push_str(&format!(
            "\n\n---\n*This note is {} KB; only the first {} KB are shown. Open it in an editor for the rest.*\n",
            full.len() / 1024,
            MAX_SHOWN_BYTES / 1024
        ));
    }
    out
}

/// The first `MAX_SHOWN_BYTES` of a body, cut at a character boundary.
pub fn shown_part(full: &str) -> &str {
    let mut cut = full.len().min(MAX_SHOWN_BYTES);
    while !full.is_char_boundary(cut) {
        cut -= 1;
    }
    &full[..cut]
}

/// The text a wikilink or embed shows: its alias, else its target.
/// The file an embed `![[file|size]]` names (a table's `\|` included).
fn embed_file(source: &str) -> String {
    let inner = source.trim_start_matches("![[").trim_end_matches("]]");
    let file = inner.split('|').next().unwrap_or(inner);
    file.trim_end_matches('\\').trim().to_string()
}

fn is_image(source: &str) -> bool {
    let file = embed_file(source).to_ascii_lowercase();
    [".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp"]
        .iter()
        .any(|ext| file.ends_with(ext))
}

fn wikilink_label(source: &str) -> String {
    let inner = source
        .trim_start_matches('!')
        .trim_start_matches("[[")
        .trim_end_matches("]]");
    let shown = match inner.split_once('|') {
        Some((a, b)) if b.trim().is_empty() => a,
        // Dendron writes the label first: `[[label|dendron://vault/note]]`.
        Some((a, b)) if b.trim_start().starts_with("dendron://") => a,
        // `![[picture.png|200]]`: a size, not a label.
        Some((a, b)) if b.trim().split('x').all(|n| n.parse::<u32>().is_ok()) => a,
        Some((_, b)) => b,
        None => crate::vault::links::strip_dendron_vault(inner),
    };
    shown.replace(['[', ']'], "")
}

fn escape(text: &str) -> String {
    text.replace('*', "\\*").replace('_', "\\_")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::tests::vault;

    #[test]
    fn lists_nested_thousands_deep_are_shown_flat() {
        let deep = format!("{}item\n", "- ".repeat(10_000));
        // Ordered markers nest as deep: 3,000 levels of `1. ` had taken
        // the panel 15 s to lay out.
        let ordered = format!("{}numbered\n", "1. ".repeat(3_000));
        let mixed = format!("{}mixed\n", "2) > * ".repeat(1_000));
        let indented: String = (0..40)
            .map(|d| format!("{}- level {d}\n", "  ".repeat(d)))
            .collect();
        let source = format!("# T\n{deep}{indented}{ordered}{mixed}");
        let text = flatten_deep_nesting(&source);
        assert!(text.contains("item"));
        assert!(text.contains("numbered") && text.contains("mixed"));
        assert!(text.contains("level 39"));
        assert!(
            text.lines().all(|l| l.len() < 200),
            "no line keeps thousands of markers"
        );
        assert!(text.contains("- level 5\n"), "shallow levels are untouched");
        let code = format!("```\n{}deep code\n```\n{deep}", " ".repeat(80));
        assert!(flatten_deep_nesting(&code).contains(&format!("{}deep code", " ".repeat(80))));
        let plain = "- a\n  - b\n1. c\n   2) d\n2024. a year, not a list\n";
        assert!(matches!(
            flatten_deep_nesting(plain),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn huge_bodies_are_cut_with_a_note() {
        let body = "é".repeat(200_000); // 400 KB, two bytes a character
        let v = vault(&[("big.md", body.as_str())]);
        let text = render_source(&v.notes[0], None);
        assert!(text.len() < MAX_SHOWN_BYTES + 300);
        assert!(text.contains("only the first 256 KB are shown"));
    }

    /// What the text of a path says is not enough: a link out of the vault
    /// or a special file is not shown.
    #[cfg(unix)]
    #[test]
    fn images_whose_files_lead_outside_are_not_shown() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.png"), "x").unwrap();
        std::fs::write(dir.path().join("ok.png"), "x").unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("secret.png"),
            dir.path().join("link.png"),
        )
        .unwrap();
        std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.png")).unwrap();
        let v = vault(&[(
            "a.md",
            "![ok](ok.png) ![link](link.png) ![zero](zero.png)\n",
        )]);
        let text = render_source(&v.notes[0], Some(dir.path()));
        assert!(text.contains("![ok](file://"), "{text}");
        assert!(
            text.contains("*🖼 link (links outside the vault, not shown)*"),
            "{text}"
        );
        assert!(
            text.contains("*🖼 zero (links outside the vault, not shown)*"),
            "{text}"
        );
        assert_eq!(text.matches("file://").count(), 1, "{text}");
    }

    #[test]
    fn images_load_only_from_inside_the_vault() {
        let v = vault(&[(
            "notes/a.md",
            "![ok](img/p.png) ![up](../../etc/x.png) ![web](https://e.org/p.png) ![abs](/etc/x.png) ![in](/vault/notes/q.png) ![f](file:///etc/passwd)\n",
        )]);
        let text = render_source(&v.notes[0], Some(Path::new("/vault")));
        assert!(
            text.contains("![ok](file:///vault/notes/img/p.png)"),
            "{text}"
        );
        assert!(
            text.contains("*🖼 up (outside the vault, not shown)*"),
            "{text}"
        );
        assert!(
            text.contains("[🖼 web (remote image, not loaded)](https://e.org/p.png)"),
            "{text}"
        );
        assert!(
            text.contains("*🖼 abs (outside the vault, not shown)*"),
            "{text}"
        );
        assert!(text.contains("![in](file:///vault/notes/q.png)"), "{text}");
        assert!(
            text.contains("*🖼 f (outside the vault, not shown)*"),
            "{text}"
        );
        assert_eq!(text.matches("file://").count(), 2, "{text}");
    }

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
        let text = render_source(&v.notes[0], None);
        assert_eq!(
            text,
            "See [b](b.md), [Bee](notegraph:link/1) and [↪ c](notegraph:link/2) *🖼 pic.png (no vault folder to load it from)* `[[code]]`.\n"
        );
        // With a vault folder, an embedded picture shows, sized or not.
        let text = render_source(&v.notes[0], Some(Path::new("/vault")));
        assert!(text.contains("![pic.png](file:///vault/pic.png)"), "{text}");
    }

    /// A piece of a generated note: (text, targets of the wikilinks it
    /// renders as note links, in order).
    fn piece() -> impl proptest::strategy::Strategy<Value = (String, Vec<String>)> {
        use proptest::prelude::*;
        let target = (0..4usize).prop_map(|t| format!("t{t}"));
        prop_oneof![
            Just(("plain words ".to_string(), vec![])),
            target.clone().prop_map(|t| (format!("[[{t}]] "), vec![t])),
            target
                .clone()
                .prop_map(|t| (format!("[[{t}|to {t}]] "), vec![t])),
            target.clone().prop_map(|t| (
                format!("\n\n| a | b |\n|---|---|\n| [[{t}\\|to {t}]] | x |\n\n"),
                vec![t]
            )),
            target
                .clone()
                .prop_map(|t| (format!("\n\n![[{t}]]\n\n"), vec![t])),
            target
                .clone()
                .prop_map(|t| (format!("\n\n> [!note] Callout\n> see [[{t}]]\n\n"), vec![t])),
            target.clone().prop_map(|t| (format!("`[[{t}]]` "), vec![])),
            target
                .clone()
                .prop_map(|t| (format!("\n\n```\n[[{t}]]\n```\n\n"), vec![])),
            target.prop_map(|t| (format!("[md]({t}.md) "), vec![])),
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 300, ..Default::default() })]
        /// Every link the panel renders opens the note the text names.
        #[test]
        fn rendered_links_map_to_the_links_they_came_from(
            pieces in proptest::collection::vec(piece(), 0..12)
        ) {
            let body: String = pieces.iter().map(|(t, _)| t.as_str()).collect();
            let expected: Vec<String> = pieces.iter().flat_map(|(_, t)| t.clone()).collect();
            let v = vault(&[
                ("n.md", &format!("# N\n\n{body}")),
                ("t0.md", ""), ("t1.md", ""), ("t2.md", ""), ("t3.md", ""),
            ]);
            let note = &v.notes[v.note_by_path("n.md").unwrap()];
            let text = render_source(note, None);
            let rendered: Vec<String> = text
                .split(LINK_SCHEME)
                .skip(1)
                .map(|rest| {
                    let n: usize = rest[..rest.find(')').unwrap()].parse().unwrap();
                    note.links[n].raw.target.to_string()
                })
                .collect();
            proptest::prop_assert_eq!(rendered, expected, "{}", text);
        }
    }
}
