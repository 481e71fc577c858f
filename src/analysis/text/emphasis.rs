//! `*` emphasis next to Chinese, Japanese and Korean text, read as
//! Obsidian reads it.
//!
//! CommonMark opens a `**` run only where it is "left-flanking": in
//! `打开**[[设置]]**。` the first run follows a letter (打开) and precedes
//! punctuation (`[`), so it cannot open, and `中文**「引用」**中文` fails
//! the same way on both sides; the asterisks stay literal. Obsidian renders
//! both bold. The rule here: for flanking, a CJK character counts as white
//! space. A run that stayed literal, and would open (or close) were the CJK
//! character beside it a space, gets a hair space (U+200A, white space to
//! CommonMark and all but invisible) between them. The note panel inserts
//! it before rendering; search snippets drop such runs as marks.

use std::ops::Range;

/// What is put between a CJK character and a `*` run.
pub const CJK_EMPHASIS_SPACE: char = '\u{200A}';

/// Han, kana, Hangul, CJK symbols and punctuation, full-width forms.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF        // Hangul Jamo
        | 0x2E80..=0x2FDF      // radicals
        | 0x3000..=0x303F      // CJK symbols and punctuation
        | 0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3100..=0x31FF      // Bopomofo, Hangul compatibility, Katakana ext.
        | 0x3200..=0x4DBF      // enclosed, compatibility, ext. A
        | 0x4E00..=0x9FFF      // unified ideographs
        | 0xA960..=0xA97F      // Hangul Jamo ext. A
        | 0xAC00..=0xD7FF      // Hangul syllables, Jamo ext. B
        | 0xF900..=0xFAFF      // compatibility ideographs
        | 0xFE30..=0xFE4F      // compatibility forms
        | 0xFF00..=0xFFEF      // half- and full-width forms
        | 0x20000..=0x3FFFF // ext. B and beyond
    )
}

fn white(c: Option<char>) -> bool {
    c.is_none_or(char::is_whitespace)
}

/// CommonMark's punctuation, near enough: neither letter, digit nor space.
fn punct(c: Option<char>) -> bool {
    c.is_some_and(|c| !c.is_alphanumeric() && !c.is_whitespace())
}

fn left_flanking(before: Option<char>, after: Option<char>) -> bool {
    !white(after) && (!punct(after) || white(before) || punct(before))
}

fn right_flanking(before: Option<char>, after: Option<char>) -> bool {
    !white(before) && (!punct(before) || white(after) || punct(after))
}

/// Where a space makes the literal `*` run at `run` of `text` open (before
/// it) or close (after it) emphasis, if only a CJK character beside it kept
/// it from doing so.
pub fn cjk_gap(text: &str, run: &Range<usize>) -> Option<usize> {
    let before = text[..run.start].chars().next_back();
    let after = text[run.end..].chars().next();
    if before == Some('\\') {
        return None;
    }
    let cjk = |c: Option<char>| c.is_some_and(is_cjk);
    if cjk(before) && !left_flanking(before, after) && left_flanking(None, after) {
        Some(run.start)
    } else if cjk(after) && !right_flanking(before, after) && right_flanking(before, None) {
        Some(run.end)
    } else {
        None
    }
}

/// Where literal `*` runs beside CJK text want a space, from a parse's
/// text events in order. pulldown-cmark gives each literal `*` a text event
/// of its own: adjacent text events are read as one span.
#[derive(Default)]
pub struct LiteralRuns {
    span: Option<Range<usize>>,
    gaps: Vec<usize>,
}

impl LiteralRuns {
    /// A text event over `range` of `text`, outside code.
    pub fn text(&mut self, text: &str, range: Range<usize>) {
        match &mut self.span {
            Some(span) if span.end == range.start => span.end = range.end,
            _ => {
                self.other(text);
                self.span = Some(range);
            }
        }
    }

    /// Any other event: the span of text ends.
    pub fn other(&mut self, text: &str) {
        if let Some(span) = self.span.take() {
            let runs = star_runs(text, span);
            self.gaps
                .extend(runs.iter().filter_map(|r| cjk_gap(text, r)));
        }
    }

    /// The gaps, in order.
    pub fn finish(mut self, text: &str) -> Vec<usize> {
        self.other(text);
        self.gaps
    }
}

/// The `*` runs in `text[range]`, whole runs only (a run that goes on past
/// the range was partly taken as emphasis).
fn star_runs(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = range.start;
    while i < range.end {
        if bytes[i] != b'*' {
            i += 1;
            continue;
        }
        let start = i;
        while i < range.end && bytes[i] == b'*' {
            i += 1;
        }
        let whole = (start == 0 || bytes[start - 1] != b'*') && bytes.get(i) != Some(&b'*');
        if whole && i <= range.end {
            out.push(start..i);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gaps(text: &str) -> Vec<usize> {
        star_runs(text, 0..text.len())
            .iter()
            .filter_map(|r| cjk_gap(text, r))
            .collect()
    }

    #[test]
    fn runs_beside_cjk_open_and_close_as_if_it_were_space() {
        let t = "打开**[[设置]]**。";
        // Opens after 打开; the closing run already closes before 。.
        assert_eq!(gaps(t), [t.find("**").unwrap()]);
        let t = "中文**「引用」**中文";
        let second = t.rfind("**").unwrap();
        assert_eq!(gaps(t), [t.find("**").unwrap(), second + 2]);
        // Runs CommonMark already reads, and Latin text, are left alone.
        assert!(gaps("中**文**中").is_empty());
        assert!(gaps("a**(b)**c").is_empty());
        assert!(gaps("中\\**「x」").is_empty());
        assert!(is_cjk('「') && is_cjk('한') && is_cjk('カ') && !is_cjk('a'));
    }
}
