//! A few lines of a note around its best hit, with the hits marked.

use super::reading::reading;
use crate::vault::Note;
use std::ops::Range;

/// About this many characters of text in a snippet.
const SNIPPET_CHARS: usize = 160;
/// A cluster of hits is looked for within this many characters.
const CLUSTER_CHARS: usize = 100;
/// A cut moves to the next space when one is this close.
const WORD_SLACK: usize = 16;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snippet {
    /// The note's text as read (no Markdown marks, link targets or HTML),
    /// on one line, with `…` where it was cut.
    pub text: String,
    /// Byte ranges of the hits within `text`, in order.
    pub highlights: Vec<Range<usize>>,
    /// Byte offset of the best hit in `note.text` (the body's start when
    /// the note matched by its title or filters alone).
    pub offset: usize,
}

/// The byte offset `chars` characters after `at` (or the end).
fn chars_after(text: &str, at: usize, chars: usize) -> usize {
    text[at..]
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| at + i)
}

fn chars_before(text: &str, at: usize, chars: usize) -> usize {
    text[..at]
        .char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

/// The window (and its first hit's index) with the most distinct query items, then the
/// most hits, then the earliest. `hits` are (range, item) sorted by start.
fn best_cluster(text: &str, hits: &[(Range<usize>, usize)]) -> (Range<usize>, usize) {
    let mut best = (0usize, 0usize, 0usize); // (items, hits, index)
    let mut items: Vec<usize> = Vec::new();
    for (i, (range, _)) in hits.iter().enumerate() {
        let limit = chars_after(text, range.start, CLUSTER_CHARS);
        items.clear();
        let mut count = 0;
        for (r, item) in hits[i..].iter().take_while(|(r, _)| r.end <= limit) {
            let _ = r;
            count += 1;
            if !items.contains(item) {
                items.push(*item);
            }
        }
        if (items.len(), count) > (best.0, best.1) {
            best = (items.len(), count, i);
        }
    }
    let first = best.2;
    let last = hits[first..]
        .iter()
        .take(best.1.max(1))
        .map(|(r, _)| r.end)
        .max()
        .unwrap_or(hits[first].0.end);
    (hits[first].0.start..last, first)
}

/// A snippet of `note` around `hits` (byte ranges in `note.text`, each
/// with the query item it satisfies), or its opening when there are none.
/// It is cut from the note as read (`reading.rs`): no Markdown marks, link
/// targets, HTML or comments.
pub fn snippet(note: &Note, hits: &[(Range<usize>, usize)]) -> Snippet {
    let read = reading(note);
    let text = read.text.as_str();
    // The hits where they are read, with where they were found.
    let found: Vec<(Range<usize>, usize, usize)> = (hits.iter())
        .filter_map(|(r, item)| Some((read.map(r)?, *item, r.start)))
        .collect();
    let placed: Vec<(Range<usize>, usize)> = found
        .iter()
        .map(|(r, item, _)| (r.clone(), *item))
        .collect();
    let body = note.body_offset;
    let (cluster, offset) = if placed.is_empty() {
        let opening = body + (note.text.len() - body - note.body().trim_start().len());
        (0..0, opening)
    } else {
        let (cluster, first) = best_cluster(text, &placed);
        (cluster, found[first].2)
    };
    let (start, end) = window(text, &cluster);
    let mut out = String::with_capacity(end - start + 8);
    if start > 0 {
        out.push('…');
    }
    let shift = out.len();
    out.push_str(&text[start..end]);
    if end < text.len() {
        out.push('…');
    }
    let highlights = (placed.iter())
        .filter(|(r, _)| r.start >= start && r.end <= end)
        .map(|(r, _)| r.start - start + shift..r.end - start + shift)
        .collect();
    let (text, highlights) = tidy(&out, highlights);
    Snippet {
        text,
        highlights,
        offset,
    }
}

/// About `SNIPPET_CHARS` of `text` around `cluster`, cut at whole words
/// when a space is near.
fn window(text: &str, cluster: &Range<usize>) -> (usize, usize) {
    let cluster_chars = text[cluster.clone()].chars().count();
    let pad = SNIPPET_CHARS.saturating_sub(cluster_chars) / 2;
    let mut start = chars_before(text, cluster.start, pad);
    let mut end = chars_after(
        text,
        cluster.end,
        SNIPPET_CHARS.saturating_sub(cluster_chars) - pad,
    );
    if start > 0 {
        if let Some(i) = text[start..cluster.start].find(char::is_whitespace) {
            if text[start..start + i].chars().count() <= WORD_SLACK {
                start += i + 1;
            }
        }
    }
    if end < text.len() {
        if let Some(i) = text[cluster.end..end].rfind(char::is_whitespace) {
            if text[cluster.end + i..end].chars().count() <= WORD_SLACK {
                end = cluster.end + i;
            }
        }
    }
    (start, end)
}

/// The snippet without Obsidian's `==highlight==` marks, which the
/// Markdown reading keeps as text. Highlights move with the text.
fn tidy(text: &str, highlights: Vec<Range<usize>>) -> (String, Vec<Range<usize>>) {
    let mut out = String::with_capacity(text.len());
    // `moved[i]`: where byte `i` of `text` lands in `out`.
    let mut moved = vec![0usize; text.len() + 1];
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        if bytes.get(i..i + 2) == Some(b"==") {
            moved[i..i + 2].fill(out.len());
            i += 2;
            continue;
        }
        let len = text[i..].chars().next().map_or(1, char::len_utf8);
        moved[i..i + len].fill(out.len());
        out.push_str(&text[i..i + len]);
        i += len;
    }
    moved[text.len()] = out.len();
    let highlights = (highlights.into_iter())
        .map(|r| moved[r.start]..moved[r.end])
        .filter(|r| r.start < r.end)
        .collect();
    (out, highlights)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::tests::vault;

    #[test]
    fn marks_links_and_html_a_reader_does_not_see_leave_the_snippet() {
        let text = "## Key **base** case, see [[Recursion]] and `code` #tag-kept \
                    [text](http://x.org/url?q=1) <span style=\"x\">html</span> ==high==";
        let v = vault(&[("n.md", text)]);
        let at = text.find("base").unwrap();
        let s = snippet(&v.notes[0], &[(at..at + 4, 0)]);
        assert_eq!(
            s.text,
            "Key base case, see Recursion and code #tag-kept text html high"
        );
        assert_eq!(&s.text[s.highlights[0].clone()], "base");
        assert_eq!(s.offset, at);
    }

    #[test]
    fn cuts_around_the_densest_cluster_at_word_boundaries() {
        let filler = "lorem ipsum dolor sit amet ".repeat(20);
        let text = format!("---\nid: x\n---\nalpha {filler}alpha beta\ngamma {filler}");
        let v = vault(&[("n.md", &text)]);
        let note = &v.notes[0];
        let find = |w: &str, from: usize| {
            let i = text[from..].find(w).unwrap() + from;
            i..i + w.len()
        };
        let a1 = find("alpha", 0);
        let a2 = find("alpha", a1.end);
        let b = find("beta", 0);
        let hits = [(a1, 0), (a2.clone(), 0), (b.clone(), 1)];
        let s = snippet(note, &hits);
        assert_eq!(s.offset, a2.start);
        assert!(
            s.text.starts_with('…') && s.text.ends_with('…'),
            "{}",
            s.text
        );
        assert!(!s.text.contains('\n'));
        let marked: Vec<&str> = s.highlights.iter().map(|r| &s.text[r.clone()]).collect();
        assert_eq!(marked, ["alpha", "beta"]);
        let chars = s.text.chars().count();
        assert!((140..=170).contains(&chars), "{chars}");
        // Cut at word boundaries: after the ellipsis a whole word follows.
        let first = s.text.trim_start_matches('…').split(' ').next().unwrap();
        assert!(
            ["lorem", "ipsum", "dolor", "sit", "amet"].contains(&first),
            "{first}"
        );
    }

    #[test]
    fn without_hits_the_opening_of_the_body() {
        let v = vault(&[("n.md", "---\nid: x\n---\n\n短い本文です。")]);
        let s = snippet(&v.notes[0], &[]);
        assert_eq!(s.text, "短い本文です。");
        assert!(s.highlights.is_empty());
        assert_eq!(s.offset, v.notes[0].text.find('短').unwrap());
    }
}
