//! The query language: `words "a phrase" -word -"a phrase" tag:x path:dir/
//! status:x`, in any order and combination.
//!
//! - Every word must match, by its stem (`cases` finds `case`). English
//!   stopwords are dropped when the query has other words.
//! - With `prefix_last`, the last word, when nothing follows it, also
//!   matches the terms that start with it (typing `repl` finds
//!   `replication`).
//! - An unquoted word that reads as several tokens (`e-mail`, `插件系统`)
//!   is a phrase.
//! - A phrase matches the same tokens in the same order within one block
//!   of the plain text, or within the title, an alias or the id.
//! - `tag:a` matches the tag `a` and nested ones (`a/b`), from the
//!   frontmatter or inline `#tags`, ignoring case; `path:p` matches notes
//!   whose path, or any folder within it, starts with `p`, ignoring case;
//!   `status:s` matches the status (as the caller sees it), ignoring case.
//!   Several of one kind: any of them; different kinds: all.

use super::tokens::{terms, Kind};

/// A phrase as its terms, in order (see `tokens::terms`).
pub type Phrase = Vec<(String, Kind)>;

/// Pieces (words, phrases, filters) a query reads at most: a pasted page
/// of text would otherwise cost a postings walk per word.
pub const MAX_PIECES: usize = 32;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Single terms, normalised.
    pub words: Vec<String>,
    /// The last word is typed still: match it as a prefix too.
    pub prefix_last: bool,
    /// Each phrase as its terms (see `tokens::terms`).
    pub phrases: Vec<Phrase>,
    pub excluded_words: Vec<String>,
    pub excluded_phrases: Vec<Phrase>,
    /// Lowercased, without `#`.
    pub tags: Vec<String>,
    /// Lowercased, without a leading `/`.
    pub paths: Vec<String>,
    /// Lowercased.
    pub statuses: Vec<String>,
    /// Pieces past `MAX_PIECES`, left out of the search.
    pub left_out: usize,
}

impl Query {
    /// Reads `text`. With `prefix_last`, a last bare word that the text
    /// does not end after (no space, no quote) is matched as a prefix.
    pub fn parse(text: &str, prefix_last: bool) -> Query {
        let mut q = Query::default();
        let mut rest = text.trim_start();
        let mut last_is_open_word = false;
        let mut pieces = 0;
        while !rest.is_empty() {
            if pieces == MAX_PIECES {
                q.left_out = rest.split_whitespace().count();
                last_is_open_word = false;
                break;
            }
            pieces += 1;
            let negative =
                rest.starts_with('-') && rest[1..].starts_with(|c: char| !c.is_whitespace());
            if negative {
                rest = &rest[1..];
            }
            let (piece, quoted, after) = next_piece(rest);
            rest = after.trim_start();
            last_is_open_word = false;
            if quoted {
                let phrase = terms(piece);
                if !phrase.is_empty() {
                    if negative {
                        q.excluded_phrases.push(phrase);
                    } else {
                        q.phrases.push(phrase);
                    }
                }
                continue;
            }
            if !negative && q.filter(piece) {
                continue;
            }
            let mut tokens = terms(piece);
            match (tokens.len(), negative) {
                (0, _) => {}
                (1, false) => {
                    q.words.push(tokens.remove(0).0);
                    last_is_open_word = after.is_empty();
                }
                (1, true) => q.excluded_words.push(tokens.remove(0).0),
                (_, false) => q.phrases.push(tokens),
                (_, true) => q.excluded_phrases.push(tokens),
            }
        }
        q.prefix_last = prefix_last && last_is_open_word;
        q
    }

    /// Takes `piece` as a `key:value` filter if it is one.
    fn filter(&mut self, piece: &str) -> bool {
        let Some((key, value)) = piece.split_once(':') else {
            return false;
        };
        let value = value.to_lowercase();
        let list = match key.to_ascii_lowercase().as_str() {
            "tag" => {
                self.tags.push(value.trim_start_matches('#').to_string());
                return true;
            }
            "path" => {
                self.paths.push(value.trim_start_matches('/').to_string());
                return true;
            }
            "status" => &mut self.statuses,
            _ => return false,
        };
        list.push(value);
        true
    }

    /// Whether the query asks for anything at all.
    pub fn is_empty(&self) -> bool {
        self == &Query {
            prefix_last: self.prefix_last,
            ..Query::default()
        }
    }

    /// Whether some word or phrase must match (else the filters and
    /// exclusions pick notes alone).
    pub fn has_terms(&self) -> bool {
        !self.words.is_empty() || !self.phrases.is_empty()
    }
}

/// The next piece of `text`: a quoted phrase (to the closing quote or the
/// end) or a bare word (to the next space).
fn next_piece(text: &str) -> (&str, bool, &str) {
    if let Some(inner) = text.strip_prefix('"') {
        return match inner.find('"') {
            Some(end) => (&inner[..end], true, &inner[end + 1..]),
            None => (inner, true, ""),
        };
    }
    let end = text.find(char::is_whitespace).unwrap_or(text.len());
    (&text[..end], false, &text[end..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(p: &[(String, Kind)]) -> Vec<&str> {
        p.iter().map(|t| t.0.as_str()).collect()
    }

    #[test]
    fn parses_every_part() {
        let q = Query::parse(
            r#"Raft "Log Entry" -paxos -"old way" tag:#Dist path:/Notes/ status:Done e-mail repl"#,
            true,
        );
        assert_eq!(q.words, ["raft", "repl"]);
        assert!(q.prefix_last);
        assert_eq!(q.phrases.len(), 2);
        assert_eq!(words(&q.phrases[0]), ["log", "entry"]);
        assert_eq!(words(&q.phrases[1]), ["e", "mail"]);
        assert_eq!(q.excluded_words, ["paxos"]);
        assert_eq!(words(&q.excluded_phrases[0]), ["old", "way"]);
        assert_eq!(q.tags, ["dist"]);
        assert_eq!(q.paths, ["notes/"]);
        assert_eq!(q.statuses, ["done"]);
        assert!(q.has_terms());
    }

    #[test]
    fn prefix_only_for_a_last_open_word() {
        assert!(!Query::parse("repl ", true).prefix_last);
        assert!(!Query::parse("repl", false).prefix_last);
        assert!(!Query::parse("repl \"x\"", true).prefix_last);
        assert!(!Query::parse("-repl", true).prefix_last);
        assert!(Query::parse("a repl", true).prefix_last);
    }

    #[test]
    fn odd_input_is_safe() {
        assert!(Query::parse("", true).is_empty());
        assert!(Query::parse("  - \"\" ,, ", true).is_empty());
        let q = Query::parse("\"unclosed phrase", true);
        assert_eq!(words(&q.phrases[0]), ["unclosed", "phrase"]);
        let q = Query::parse("tag:x", true);
        assert!(!q.is_empty() && !q.has_terms());
        let q = Query::parse("http://x", true);
        assert_eq!(words(&q.phrases[0]), ["http", "x"]);
    }
}
