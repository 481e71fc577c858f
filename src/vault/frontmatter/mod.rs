//! The leading `---` YAML block of a note: splitting it off and parsing it.
//!
//! This is the only module that uses serde_yaml (here and in its children:
//! `fast` reads the common flat case without it, `salvage` keeps what it
//! can of a broken block, `fields` turns YAML values into the typed fields).
//! Everything it returns is in plain Rust or serde_json types, so the YAML
//! library can be swapped here.

mod fast;
mod fields;
mod salvage;

use crate::diagnostics::{Diagnostic, DiagnosticKind, Severity};
#[doc(hidden)] // for tests/properties.rs and tests/shared_vaults.rs
pub use fast::fast_path_matches_serde_yaml;
use memchr::memmem;
use serde_json::Value as Json;
use serde_yaml::Value as Yaml;
use std::collections::BTreeMap;

/// The typed fields of the note format, plus every other key as JSON.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Frontmatter {
    pub id: Option<String>,
    pub title: Option<String>,
    #[serde(rename = "type")]
    pub note_type: Option<String>,
    pub status: Option<String>,
    pub importance: Option<f64>,
    pub difficulty: Option<String>,
    pub tags: Vec<String>,
    pub canonical: Option<bool>,
    pub aliases: Vec<String>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
    pub extra: BTreeMap<String, Json>,
}

/// A string found anywhere in the frontmatter, for wikilink extraction.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontmatterString {
    pub key: String,
    pub text: String,
    /// 1-based line in the file.
    pub line: u32,
}

/// A frontmatter block larger than this is not parsed: real ones are a
/// few hundred bytes, and YAML parsing time grows with nesting and aliases.
pub const MAX_FRONTMATTER_BYTES: usize = 256 * 1024;

/// Where the frontmatter block sits in a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Split<'a> {
    /// The YAML text between the fences, if the file has a closed block.
    pub yaml: Option<&'a str>,
    /// 1-based line of the first YAML line.
    pub yaml_first_line: u32,
    /// Byte offset where the Markdown body starts.
    pub body_offset: usize,
    /// The file opens a `---` block that never closes.
    pub unclosed: bool,
}

/// Splits a leading `---` ... `---` (or `...`) block off `text`.
///
/// Only a first line of exactly `---` (trailing spaces allowed) opens a block,
/// so a thematic break further down is never mistaken for frontmatter.
pub fn split(text: &str) -> Split<'_> {
    let none = Split {
        yaml: None,
        yaml_first_line: 0,
        body_offset: 0,
        unclosed: false,
    };
    let Some(first_end) = text.find('\n') else {
        return none;
    };
    if text[..first_end].trim_end() != "---" {
        return none;
    }
    let yaml_start = first_end + 1;
    // Only a line that starts with a fence can close the block: those are
    // searched for, not every line looked at.
    let bytes = text.as_bytes();
    let mut from = first_end;
    loop {
        let after = &bytes[from..];
        let found = [memmem::find(after, b"\n---"), memmem::find(after, b"\n...")];
        let Some(at) = found.into_iter().flatten().min() else {
            return Split {
                unclosed: true,
                ..none
            };
        };
        let pos = from + at + 1;
        let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = text[pos..line_end].trim_end();
        if line == "---" || line == "..." {
            return Split {
                yaml: Some(&text[yaml_start..pos]),
                yaml_first_line: 2,
                body_offset: (line_end + 1).min(text.len()),
                unclosed: false,
            };
        }
        from = pos;
    }
}

/// Keys (and tags) looked over one by one up to this many, in a hash
/// table past it: nearly every block is a dozen short lines, which a
/// table costs more than it saves, and a block of 25,600 keys must not
/// cost 25,600² comparisons.
const BY_TABLE_PAST: usize = 32;

/// Flow collections (`[`, `{`) nested deeper than this are refused before
/// serde_yaml sees them: its scanner takes seconds on 100,000 levels.
/// Shallower nesting still reaches serde_yaml, whose recursion limit
/// (128) fails fast and lets the other entries be salvaged.
pub const MAX_FRONTMATTER_NESTING: usize = 512;
/// YAML aliases (`*name`) allowed in one frontmatter: real ones use none,
/// and a few anchors repeated can expand to gigabytes.
pub const MAX_FRONTMATTER_ALIASES: usize = 100;

/// Why a frontmatter block is refused unread, if it is: nesting or
/// aliases past the limits. One pass over the bytes; quotes are not
/// parsed, so brackets inside quoted text count too (harmless: 512 levels
/// of brackets in a title is no title).
fn too_complex(yaml: &str) -> Option<String> {
    // Nearly every block has a few brackets and no star: it cannot nest
    // or alias past the limits, which a vectorised count tells at once.
    let bytes = yaml.as_bytes();
    if memchr::memchr2_iter(b'[', b'{', bytes).count() <= MAX_FRONTMATTER_NESTING
        && memchr::memchr_iter(b'*', bytes).count() <= MAX_FRONTMATTER_ALIASES
    {
        return None;
    }
    let (mut depth, mut deepest, mut aliases) = (0usize, 0usize, 0usize);
    let mut previous = b' ';
    for &b in yaml.as_bytes() {
        match b {
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'*' if matches!(previous, b' ' | b'[' | b',' | b':' | b'\n' | b'-') => aliases += 1,
            _ => {}
        }
        previous = b;
    }
    if deepest > MAX_FRONTMATTER_NESTING {
        Some(format!(
            "nests {deepest} levels deep, over the {MAX_FRONTMATTER_NESTING}-level limit"
        ))
    } else if aliases > MAX_FRONTMATTER_ALIASES {
        Some(format!(
            "uses {aliases} YAML aliases, over the limit of {MAX_FRONTMATTER_ALIASES}"
        ))
    } else {
        None
    }
}

/// Parses a frontmatter block. Never fails: what cannot be read becomes a
/// diagnostic, and every field that can be read is kept.
pub fn parse(
    yaml: &str,
    first_line: u32,
    path: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Frontmatter, Vec<FrontmatterString>) {
    let error = |line: u32, message: String| {
        Diagnostic::new(
            path,
            Some(line),
            Severity::Error,
            DiagnosticKind::Frontmatter,
            message,
        )
    };
    if yaml.len() > MAX_FRONTMATTER_BYTES {
        diagnostics.push(error(
            first_line,
            format!(
                "frontmatter is {} KB, over the {} KB limit; ignored",
                yaml.len() / 1024,
                MAX_FRONTMATTER_BYTES / 1024
            ),
        ));
        return Default::default();
    }
    if let Some(why) = too_complex(yaml) {
        diagnostics.push(error(first_line, format!("frontmatter {why}; ignored")));
        return Default::default();
    }
    // Most frontmatter is flat `key: value` lines, which a small scanner
    // reads in a fraction of serde_yaml's time; anything else goes to it.
    if let Some(entries) = fast::fast_entries(yaml) {
        let entries = (entries.into_iter())
            .map(|(key, value, line)| (key.into(), value, Some(first_line + line)));
        return fields::read_fields(entries, yaml, first_line, path, diagnostics);
    }
    let mapping = match serde_yaml::from_str::<Yaml>(yaml) {
        Ok(Yaml::Mapping(m)) => m,
        Ok(Yaml::Null) => serde_yaml::Mapping::new(),
        Ok(other) => {
            diagnostics.push(error(
                first_line,
                format!(
                    "frontmatter is {}, not a mapping of keys to values; ignored",
                    fields::describe(&other)
                ),
            ));
            serde_yaml::Mapping::new()
        }
        Err(err) => {
            let (salvaged, line, message) = salvage::salvage(yaml, &err, first_line);
            diagnostics.push(error(line, message));
            salvaged
        }
    };
    let entries = (mapping.into_iter()).map(|(key, value)| (fields::key_text(key), value, None));
    fields::read_fields(entries, yaml, first_line, path, diagnostics)
}

/// `yaml` read by serde_yaml alone, no fast path and no salvage: a
/// mapping (empty for an empty block) within the limits, or nothing.
fn strict_mapping(yaml: &str) -> Option<serde_yaml::Mapping> {
    if yaml.len() > MAX_FRONTMATTER_BYTES || too_complex(yaml).is_some() {
        return None;
    }
    match serde_yaml::from_str::<Yaml>(yaml) {
        Ok(Yaml::Mapping(m)) => Some(m),
        Ok(Yaml::Null) => Some(serde_yaml::Mapping::new()),
        _ => None,
    }
}

/// Whether `yaml` is frontmatter read without an error: within the limits,
/// valid YAML, and a mapping (or empty). The status writer's check.
pub fn is_valid_mapping(yaml: &str) -> bool {
    strict_mapping(yaml).is_some()
}

/// Whether the valid mapping `yaml` has the top-level key `key`.
pub fn has_key(yaml: &str, key: &str) -> bool {
    strict_mapping(yaml).is_some_and(|m| m.contains_key(key))
}

/// Whether `new` reads, strictly, as the mapping `old` with only `key`
/// set to the text `value`: the status writer's check that an edit
/// changed nothing else (a line that only looks like a key, inside a
/// quoted string or a flow list, changes another key when edited).
pub fn is_same_but(old: &str, new: &str, key: &str, value: &str) -> bool {
    let (Some(mut old), Some(new)) = (strict_mapping(old), strict_mapping(new)) else {
        return false;
    };
    old.insert(Yaml::String(key.into()), Yaml::String(value.into()));
    old == new
}

/// Parses `yaml` as frontmatter on file line 2 of `n.md`, for tests.
#[cfg(test)]
fn parse_str(yaml: &str) -> (Frontmatter, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let (fm, _) = parse(yaml, 2, "n.md", &mut diags);
    (fm, diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_and_alias_bombs_are_refused_before_the_parser() {
        let deep = format!("id: x\nv: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
        let (fm, diags) = parse_str(&deep);
        assert!(fm.id.is_none());
        assert!(
            diags[0].message.contains("100000 levels deep"),
            "{:?}",
            diags
        );
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 0..120 {
            bomb.push_str(&format!("k{i}: [*a, *a, *a]\n"));
        }
        let (_, diags) = parse_str(&bomb);
        assert!(diags[0].message.contains("YAML aliases"), "{:?}", diags);
        // A few aliases, as a hand-written file may hold, still parse.
        let (fm, diags) = parse_str("id: y\nbase: &b [p]\nmore: *b\n");
        assert_eq!(fm.id.as_deref(), Some("y"));
        assert!(diags.is_empty(), "{diags:?}");
    }

    #[test]
    fn split_finds_closed_block_and_body() {
        let text = "---\nid: a\n---\n# Body\n";
        let s = split(text);
        assert_eq!(s.yaml, Some("id: a\n"));
        assert_eq!(&text[s.body_offset..], "# Body\n");
        assert!(!s.unclosed);
    }

    #[test]
    fn split_handles_crlf_and_dots_terminator() {
        let text = "---\r\nid: a\r\n...\r\nbody";
        let s = split(text);
        assert_eq!(s.yaml, Some("id: a\r\n"));
        assert_eq!(&text[s.body_offset..], "body");
    }

    #[test]
    fn only_a_whole_fence_line_closes_the_block() {
        let text = "---\nid: a\n----\n--- x\n...more\nb: c\n---  \nbody\n---\n";
        let s = split(text);
        assert_eq!(s.yaml, Some("id: a\n----\n--- x\n...more\nb: c\n"));
        assert_eq!(&text[s.body_offset..], "body\n---\n");
        assert_eq!(split("---\n---").yaml, Some(""));
        assert!(split("---\nid: a\n----").unclosed);
    }

    #[test]
    fn split_reports_unclosed_block_and_keeps_whole_text_as_body() {
        let s = split("---\nid: a\n# Title\n");
        assert!(s.unclosed);
        assert_eq!(s.yaml, None);
        assert_eq!(s.body_offset, 0);
    }

    #[test]
    fn split_ignores_text_without_leading_fence() {
        assert_eq!(split("# Title\n---\nx\n---\n").yaml, None);
        assert_eq!(split("").yaml, None);
    }

    #[test]
    fn huge_frontmatter_is_not_parsed() {
        let yaml = format!("id: x\nblob: \"{}\"\n", "y".repeat(MAX_FRONTMATTER_BYTES));
        let (fm, diags) = parse_str(&yaml);
        assert_eq!(fm, Frontmatter::default());
        assert!(diags[0].message.contains("over the"));
    }

    #[test]
    fn a_list_is_not_frontmatter() {
        let (fm, diags) = parse_str("- a\n- b\n");
        assert_eq!(fm, Frontmatter::default());
        assert!(diags[0].message.contains("a list"));
    }
}
