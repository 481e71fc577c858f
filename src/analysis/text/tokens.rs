//! One tokenizer for every script.
//!
//! A token is a run of letters, digits and combining marks, lowercased and
//! in NFC, with its byte range in the source. Chinese and Japanese write no
//! spaces between words, so a run of Han, Hiragana or Katakana becomes its
//! overlapping character bigrams (a run of one character is that
//! character): a phrase is then found wherever its characters stand in that
//! order, without a dictionary. Hangul is written with spaces and is an
//! ordinary word.
//!
//! Stemming, for unquoted words only: Latin-script tokens with the English
//! Snowball stemmer, Cyrillic tokens with the Russian one (rust-stemmers);
//! every other script is matched as written.

use rust_stemmers::{Algorithm, Stemmer};
use std::borrow::Cow;
use std::ops::Range;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// What a token stands for in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A word of a spaced script.
    Word,
    /// A Chinese or Japanese bigram, or a lone character; `run_end` on the
    /// last one of its run (whose second character ends the run).
    Cjk { run_end: bool },
    /// One character of a Chinese or Japanese run of two or more, indexed
    /// beside the bigrams so that a one-character query finds it. It takes
    /// no position: phrases are checked against the bigrams.
    CjkChar,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Separator,
    Word,
    Cjk,
}

/// Han (with extension A, B and later, and compatibility ideographs),
/// Hiragana, Katakana (with its phonetic extensions and the halfwidth
/// forms), and the iteration marks. Not the Katakana middle dot, which
/// separates words.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3005..=0x3007
        | 0x3040..=0x309F
        | 0x30A0..=0x30FA
        | 0x30FC..=0x30FF
        | 0x31F0..=0x31FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0xFF66..=0xFF9F
        | 0x20000..=0x3134F)
}

fn class(c: char) -> Class {
    if c.is_ascii() {
        if c.is_ascii_alphanumeric() {
            Class::Word
        } else {
            Class::Separator
        }
    } else if is_cjk(c) {
        Class::Cjk
    } else if c.is_alphanumeric() || is_combining_mark(c) {
        // Combining marks keep Devanagari, Thai or decomposed accents in
        // one word.
        Class::Word
    } else {
        Class::Separator
    }
}

/// Lowercase NFC form of `word` into `out` (cleared first).
fn normalize_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
        return;
    }
    out.extend(word.chars().flat_map(char::to_lowercase));
    if is_nfc_quick(out.chars()) != IsNormalized::Yes {
        let nfc: String = out.nfc().collect();
        *out = nfc;
    }
}

/// Calls `f(term, byte range, kind)` for each token of `text`, whose first
/// byte is at `base` of the note's text, in order.
pub fn tokenize(text: &str, base: usize, f: &mut impl FnMut(&str, Range<usize>, Kind)) {
    let mut buf = String::new();
    let mut run: Vec<(usize, char)> = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        match class(c) {
            Class::Separator => {
                chars.next();
            }
            Class::Word => {
                let mut end = start;
                while let Some(&(i, c)) = chars.peek() {
                    if class(c) != Class::Word {
                        break;
                    }
                    end = i + c.len_utf8();
                    chars.next();
                }
                normalize_into(&text[start..end], &mut buf);
                f(&buf, base + start..base + end, Kind::Word);
            }
            Class::Cjk => {
                run.clear();
                while let Some(&(i, c)) = chars.peek() {
                    if class(c) != Class::Cjk {
                        break;
                    }
                    run.push((i, cjk_nfc(c)));
                    chars.next();
                }
                cjk_run(&run, text, base, &mut buf, f);
            }
        }
    }
}

/// Compatibility ideographs have canonical (NFC) equivalents.
fn cjk_nfc(c: char) -> char {
    if (0xF900..=0xFAFF).contains(&(c as u32)) {
        std::iter::once(c).nfc().next().unwrap_or(c)
    } else {
        c
    }
}

fn cjk_run(
    run: &[(usize, char)],
    text: &str,
    base: usize,
    buf: &mut String,
    f: &mut impl FnMut(&str, Range<usize>, Kind),
) {
    let end_of = |k: usize| run[k].0 + text[run[k].0..].chars().next().map_or(0, char::len_utf8);
    if run.len() == 1 {
        buf.clear();
        buf.push(run[0].1);
        f(
            buf,
            base + run[0].0..base + end_of(0),
            Kind::Cjk { run_end: true },
        );
        return;
    }
    for k in 0..run.len() - 1 {
        buf.clear();
        buf.push(run[k].1);
        buf.push(run[k + 1].1);
        let run_end = k + 2 == run.len();
        f(
            buf,
            base + run[k].0..base + end_of(k + 1),
            Kind::Cjk { run_end },
        );
    }
    for (k, &(start, c)) in run.iter().enumerate() {
        buf.clear();
        buf.push(c);
        f(buf, base + start..base + end_of(k), Kind::CjkChar);
    }
}

/// The terms of `text` in order, without the lone characters that ride
/// beside bigrams: how a query's words and phrases are read.
pub fn terms(text: &str) -> Vec<(String, Kind)> {
    let mut out = Vec::new();
    tokenize(text, 0, &mut |t, _, kind| {
        if kind != Kind::CjkChar {
            out.push((t.to_string(), kind));
        }
    });
    out
}

/// The stem an unquoted word is matched by (see the module comment).
pub fn stem(term: &str) -> Cow<'_, str> {
    let Some(first) = term.chars().find(|c| c.is_alphabetic()) else {
        return Cow::Borrowed(term);
    };
    let algorithm = match first as u32 {
        0x41..=0x24F => Algorithm::English,
        0x400..=0x52F => Algorithm::Russian,
        _ => return Cow::Borrowed(term),
    };
    Stemmer::create(algorithm).stem(term)
}

/// English words too common to rank by: dropped from unquoted queries
/// that have other words, and from related-note vectors. Sorted.
const STOPWORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "because",
    "been", "before", "being", "between", "both", "but", "by", "can", "could", "did", "do", "does",
    "each", "for", "from", "had", "has", "have", "he", "her", "here", "him", "his", "how", "i",
    "if", "in", "into", "is", "it", "its", "just", "more", "most", "my", "no", "not", "of", "on",
    "only", "or", "other", "our", "out", "over", "same", "she", "should", "so", "some", "such",
    "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
    "through", "to", "too", "under", "up", "very", "was", "we", "were", "what", "when", "where",
    "which", "while", "who", "why", "will", "with", "would", "you", "your",
];

pub fn is_stopword(term: &str) -> bool {
    STOPWORDS.binary_search(&term).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<(String, Range<usize>, Kind)> {
        let mut out = Vec::new();
        tokenize(text, 10, &mut |t, r, k| out.push((t.to_string(), r, k)));
        out
    }

    #[test]
    fn stopwords_are_sorted() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn words_are_lowercase_nfc_with_source_ranges() {
        let text = "Ca\u{301}fé, ÉCOLE x_y 42";
        let toks = all(text);
        let words: Vec<&str> = toks.iter().map(|t| t.0.as_str()).collect();
        assert_eq!(words, ["cáfé", "école", "x", "y", "42"]);
        assert_eq!(&text[toks[1].1.start - 10..toks[1].1.end - 10], "ÉCOLE");
        assert_eq!(toks[0].1, 10..10 + "Ca\u{301}fé".len());
    }

    #[test]
    fn cjk_runs_become_bigrams_and_lone_characters() {
        let toks = all("插件系统 a 字");
        let main: Vec<(&str, Kind)> = toks
            .iter()
            .filter(|t| t.2 != Kind::CjkChar)
            .map(|t| (t.0.as_str(), t.2))
            .collect();
        assert_eq!(
            main,
            [
                ("插件", Kind::Cjk { run_end: false }),
                ("件系", Kind::Cjk { run_end: false }),
                ("系统", Kind::Cjk { run_end: true }),
                ("a", Kind::Word),
                ("字", Kind::Cjk { run_end: true }),
            ]
        );
        let chars: Vec<&str> = toks
            .iter()
            .filter(|t| t.2 == Kind::CjkChar)
            .map(|t| t.0.as_str())
            .collect();
        assert_eq!(chars, ["插", "件", "系", "统"]);
        // Ranges cover the source characters, offset by the base.
        assert_eq!(toks[1].1, 13..19);
        // Hangul stays one word; the Katakana middle dot separates.
        let ko: Vec<String> = all("한국어 단어").into_iter().map(|t| t.0).collect();
        assert_eq!(ko, ["한국어", "단어"]);
        let ja: Vec<String> = terms("データ・ベース").into_iter().map(|t| t.0).collect();
        assert_eq!(ja, ["デー", "ータ", "ベー", "ース"]);
    }

    #[test]
    fn english_and_russian_are_stemmed_others_not() {
        assert_eq!(stem("cases"), stem("case"));
        assert_eq!(stem("replication"), stem("replicated"));
        assert_eq!(stem("книги"), stem("книга"));
        assert_eq!(stem("插件"), "插件");
        assert_eq!(stem("42"), "42");
    }
}
