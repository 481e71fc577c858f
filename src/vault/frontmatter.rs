//! The leading `---` YAML block of a note: splitting it off and reading it.
//!
//! This is the only module that uses serde_yaml. Everything it returns is in
//! plain Rust or serde_json types, so the YAML library can be swapped here.

use crate::diagnostics::{Diagnostic, DiagnosticKind, Severity};
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
    let mut pos = yaml_start;
    while pos <= text.len() {
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
        if line_end == text.len() {
            break;
        }
        pos = line_end + 1;
    }
    Split {
        unclosed: true,
        ..none
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
    if yaml.len() > MAX_FRONTMATTER_BYTES {
        diagnostics.push(Diagnostic::new(
            path,
            Some(first_line),
            Severity::Error,
            DiagnosticKind::Frontmatter,
            format!(
                "frontmatter is {} KB, over the {} KB limit; ignored",
                yaml.len() / 1024,
                MAX_FRONTMATTER_BYTES / 1024
            ),
        ));
        return Default::default();
    }
    let mapping = match serde_yaml::from_str::<Yaml>(yaml) {
        Ok(Yaml::Mapping(m)) => m,
        Ok(Yaml::Null) => serde_yaml::Mapping::new(),
        Ok(other) => {
            diagnostics.push(Diagnostic::new(
                path,
                Some(first_line),
                Severity::Error,
                DiagnosticKind::Frontmatter,
                format!(
                    "frontmatter is {}, not a mapping of keys to values; ignored",
                    describe(&other)
                ),
            ));
            serde_yaml::Mapping::new()
        }
        Err(err) => {
            let (salvaged, first_bad_line) = salvage_top_level_keys(yaml);
            // serde_yaml often reports where it gave up (for an unclosed
            // quote, the end of the block); the first entry that fails on its
            // own is where the user should look.
            let bad_key = first_bad_line
                .and_then(|offset| yaml.lines().nth(offset as usize))
                .and_then(|l| l.split_once(':'))
                .map(|(key, _)| key.trim().to_string());
            let line = match first_bad_line {
                Some(offset) => first_line + offset,
                None => err.location().map_or(first_line, |l| {
                    first_line + l.line().saturating_sub(1) as u32
                }),
            };
            let kept = if salvaged.is_empty() {
                "no field could be kept".to_string()
            } else {
                format!("kept {} field(s) that parse on their own", salvaged.len())
            };
            diagnostics.push(Diagnostic::new(
                path,
                Some(line),
                Severity::Error,
                DiagnosticKind::Frontmatter,
                match bad_key {
                    Some(key) => format!(
                        "invalid YAML frontmatter: `{key}` does not parse ({}); {kept}",
                        first_sentence(&err)
                    ),
                    None => format!("invalid YAML frontmatter: {}; {kept}", first_sentence(&err)),
                },
            ));
            salvaged
        }
    };
    read_fields(mapping, yaml, first_line, path, diagnostics)
}

/// When the whole block is not valid YAML, parse each top-level `key:` entry
/// on its own, so one bad line (say a `{{date}}` template) loses only itself.
/// Returns the fields kept and the 0-based line of the first entry that
/// does not parse on its own.
fn salvage_top_level_keys(yaml: &str) -> (serde_yaml::Mapping, Option<u32>) {
    // (0-based first line, text) of each top-level entry.
    let mut chunks: Vec<(u32, String)> = Vec::new();
    for (i, line) in yaml.lines().enumerate() {
        let starts_entry = !line.starts_with([' ', '\t', '-', '#']) && line.contains(':');
        if starts_entry || chunks.is_empty() {
            chunks.push((i as u32, String::new()));
        }
        let (_, chunk) = chunks.last_mut().expect("pushed above");
        chunk.push_str(line);
        chunk.push('\n');
    }
    let mut mapping = serde_yaml::Mapping::new();
    let mut first_bad = None;
    for (line, chunk) in chunks {
        match serde_yaml::from_str::<Yaml>(&chunk) {
            Ok(Yaml::Mapping(m)) => {
                for (k, v) in m {
                    if mapping.contains_key(&k) {
                        // A repeated key: the first one is kept.
                        first_bad.get_or_insert(line);
                    } else {
                        mapping.insert(k, v);
                    }
                }
            }
            Ok(Yaml::Null) => {}
            _ => {
                first_bad.get_or_insert(line);
            }
        }
    }
    (mapping, first_bad)
}

fn first_sentence(err: &serde_yaml::Error) -> String {
    let text = err.to_string();
    // serde_yaml appends " at line L column C"; we report the line ourselves.
    match text.find(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

fn describe(value: &Yaml) -> &'static str {
    match value {
        Yaml::Null => "empty",
        Yaml::Bool(_) => "a boolean",
        Yaml::Number(_) => "a number",
        Yaml::String(_) => "a string",
        Yaml::Sequence(_) => "a list",
        Yaml::Mapping(_) => "a mapping",
        Yaml::Tagged(_) => "a tagged value",
    }
}

/// 1-based file line of the top-level `key:` in the block, else the first line.
fn key_line(yaml: &str, first_line: u32, key: &str) -> u32 {
    yaml.lines()
        .position(|line| {
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map_or(first_line, |i| first_line + i as u32)
}

fn read_fields(
    mapping: serde_yaml::Mapping,
    yaml: &str,
    first_line: u32,
    path: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Frontmatter, Vec<FrontmatterString>) {
    let mut fm = Frontmatter::default();
    let mut strings = Vec::new();
    for (key, value) in mapping {
        let key = scalar_to_string(&key).unwrap_or_else(|| "?".to_string());
        let line = key_line(yaml, first_line, &key);
        collect_strings(&key, &value, line, &mut strings);
        let mut wrong_type = |expected: &str, value: &Yaml| {
            diagnostics.push(Diagnostic::new(
                path,
                Some(line),
                Severity::Warning,
                DiagnosticKind::Field,
                format!(
                    "`{key}` should be {expected}, found {}; ignored",
                    describe(value)
                ),
            ));
        };
        match key.as_str() {
            "id" | "title" | "type" | "status" | "difficulty" | "created_at" | "updated_at" => {
                let slot = match key.as_str() {
                    "id" => &mut fm.id,
                    "title" => &mut fm.title,
                    "type" => &mut fm.note_type,
                    "status" => &mut fm.status,
                    "difficulty" => &mut fm.difficulty,
                    "created_at" => &mut fm.created_at,
                    _ => &mut fm.updated_at,
                };
                // A one-item list (`type: ["[[Meetings]]"]`) is a single value.
                let single = match &value {
                    Yaml::Sequence(items) if items.len() == 1 => &items[0],
                    other => other,
                };
                match scalar_to_string(single) {
                    Some(s) if !s.trim().is_empty() => {
                        *slot = Some(unbracket(s.trim()).to_string())
                    }
                    Some(_) => {}
                    None if value.is_null() => {}
                    None => wrong_type("a single value", &value),
                }
            }
            "importance" => match &value {
                Yaml::Number(n) => fm.importance = n.as_f64(),
                Yaml::String(s) if s.trim().parse::<f64>().is_ok() => {
                    fm.importance = s.trim().parse().ok()
                }
                Yaml::Null => {}
                other => wrong_type("a number", other),
            },
            "canonical" => match &value {
                Yaml::Bool(b) => fm.canonical = Some(*b),
                Yaml::String(s) if s.eq_ignore_ascii_case("true") => fm.canonical = Some(true),
                Yaml::String(s) if s.eq_ignore_ascii_case("false") => fm.canonical = Some(false),
                Yaml::Null => {}
                other => wrong_type("true or false", other),
            },
            "tags" | "aliases" => match string_list(&value) {
                Some(list) => {
                    let list = if key == "tags" {
                        list.into_iter()
                            .map(|t| t.trim_start_matches('#').to_string())
                            .filter(|t| !t.is_empty())
                            .collect()
                    } else {
                        list
                    };
                    if key == "tags" {
                        fm.tags = list;
                    } else {
                        fm.aliases = list;
                    }
                }
                None => wrong_type("a list or a comma-separated string", &value),
            },
            _ => {
                fm.extra.insert(key.clone(), to_json(&value, 0));
            }
        }
    }
    dedup_keep_order(&mut fm.tags);
    dedup_keep_order(&mut fm.aliases);
    (fm, strings)
}

/// `[[Reading]]` shown as `Reading`; the link itself is extracted elsewhere.
fn unbracket(value: &str) -> &str {
    value
        .strip_prefix("[[")
        .and_then(|v| v.strip_suffix("]]"))
        .map_or(value, |inner| inner.split('|').next().unwrap_or(inner))
}

fn dedup_keep_order(list: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    list.retain(|item| seen.insert(item.clone()));
}

fn scalar_to_string(value: &Yaml) -> Option<String> {
    match value {
        Yaml::String(s) => Some(s.clone()),
        Yaml::Number(n) => Some(n.to_string()),
        Yaml::Bool(b) => Some(b.to_string()),
        Yaml::Tagged(t) => scalar_to_string(&t.value),
        _ => None,
    }
}

/// A list of scalars, or one string split on commas. `None` if neither.
fn string_list(value: &Yaml) -> Option<Vec<String>> {
    match value {
        Yaml::Null => Some(Vec::new()),
        Yaml::String(s) => Some(
            s.split(',')
                .map(|part| part.trim().to_string())
                .filter(|part| !part.is_empty())
                .collect(),
        ),
        Yaml::Sequence(items) => Some(
            items
                .iter()
                .filter_map(scalar_to_string)
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
        ),
        _ => None,
    }
}

fn collect_strings(key: &str, value: &Yaml, line: u32, out: &mut Vec<FrontmatterString>) {
    match value {
        Yaml::String(s) if s.contains("[[") => out.push(FrontmatterString {
            key: key.to_string(),
            text: s.clone(),
            line,
        }),
        // `up: [[parent]]` without quotes is YAML for a list in a list.
        Yaml::Sequence(items) if is_unquoted_wikilink(items) => {
            if let Some(Yaml::Sequence(inner)) = items.first() {
                if let Some(Yaml::String(s)) = inner.first() {
                    out.push(FrontmatterString {
                        key: key.to_string(),
                        text: format!("[[{s}]]"),
                        line,
                    });
                }
            }
        }
        Yaml::Sequence(items) => {
            for item in items {
                collect_strings(key, item, line, out);
            }
        }
        Yaml::Mapping(m) => {
            for (_, item) in m {
                collect_strings(key, item, line, out);
            }
        }
        Yaml::Tagged(t) => collect_strings(key, &t.value, line, out),
        _ => {}
    }
}

fn is_unquoted_wikilink(items: &[Yaml]) -> bool {
    matches!(items, [Yaml::Sequence(inner)] if matches!(inner.as_slice(), [Yaml::String(_)]))
}

/// Deep structures are cut at this depth when copied out, so a hostile note
/// cannot make later stages recurse without bound.
const MAX_JSON_DEPTH: usize = 32;

fn to_json(value: &Yaml, depth: usize) -> Json {
    if depth > MAX_JSON_DEPTH {
        return Json::Null;
    }
    match value {
        Yaml::Null => Json::Null,
        Yaml::Bool(b) => Json::Bool(*b),
        Yaml::Number(n) => {
            if let Some(i) = n.as_i64() {
                Json::from(i)
            } else if let Some(u) = n.as_u64() {
                Json::from(u)
            } else {
                n.as_f64()
                    .and_then(serde_json::Number::from_f64)
                    .map_or(Json::Null, Json::Number)
            }
        }
        Yaml::String(s) => Json::String(s.clone()),
        Yaml::Sequence(items) => Json::Array(items.iter().map(|v| to_json(v, depth + 1)).collect()),
        Yaml::Mapping(m) => Json::Object(
            m.iter()
                .map(|(k, v)| {
                    (
                        scalar_to_string(k).unwrap_or_else(|| "?".into()),
                        to_json(v, depth + 1),
                    )
                })
                .collect(),
        ),
        Yaml::Tagged(t) => to_json(&t.value, depth + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(yaml: &str) -> (Frontmatter, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let (fm, _) = parse(yaml, 2, "n.md", &mut diags);
        (fm, diags)
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
    fn reads_typed_fields() {
        let (fm, diags) = parse_str(
            "id: cap\ntitle: \"CAP\"\ntype: concept\nstatus: learning\nimportance: 45\n\
             difficulty: medium\ntags: [a, b]\ncanonical: true\naliases: [Brewer]\n\
             created_at: 2026-01-19\nupdated_at: 2026-01-20\nsource: book\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(fm.id.as_deref(), Some("cap"));
        assert_eq!(fm.title.as_deref(), Some("CAP"));
        assert_eq!(fm.note_type.as_deref(), Some("concept"));
        assert_eq!(fm.importance, Some(45.0));
        assert_eq!(fm.tags, vec!["a", "b"]);
        assert_eq!(fm.canonical, Some(true));
        assert_eq!(fm.aliases, vec!["Brewer"]);
        assert_eq!(fm.created_at.as_deref(), Some("2026-01-19"));
        assert_eq!(fm.extra.get("source"), Some(&Json::from("book")));
    }

    #[test]
    fn tags_as_comma_string_and_hash_prefixes() {
        let (fm, diags) = parse_str("tags: \"#db, storage ,, db\"\n");
        assert!(diags.is_empty());
        assert_eq!(fm.tags, vec!["db", "storage"]);
    }

    #[test]
    fn wrong_types_are_reported_and_other_fields_kept() {
        let (fm, diags) = parse_str("id: x\nimportance: high\ntags: 5\n");
        assert_eq!(fm.id.as_deref(), Some("x"));
        assert_eq!(fm.importance, None);
        assert!(fm.tags.is_empty());
        assert_eq!(diags.len(), 2);
        assert_eq!(diags[0].line, Some(3), "importance is on file line 3");
        assert!(diags[0].message.contains("importance"));
        assert!(diags[1].message.contains("tags"));
    }

    #[test]
    fn invalid_yaml_keeps_the_lines_that_parse() {
        let (fm, diags) = parse_str("id: x\ncreated: @oops\ntitle: Kept\n");
        assert_eq!(fm.id.as_deref(), Some("x"));
        assert_eq!(fm.title.as_deref(), Some("Kept"));
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].severity, Severity::Error);
        assert_eq!(diags[0].line, Some(3), "error is on the `created` line");
    }

    #[test]
    fn unclosed_quote_is_reported_on_its_own_line() {
        let (fm, diags) = parse_str("id: x\ntitle: \"Open\nstatus: todo\ntags: [a]\n");
        assert_eq!(diags[0].line, Some(3), "{diags:?}");
        assert_eq!(fm.id.as_deref(), Some("x"));
    }

    #[test]
    fn one_item_lists_and_wikilink_values_read_as_single_values() {
        let (fm, diags) = parse_str("type: [\"[[Meetings]]\"]\nstatus: \"[[Reading|reading]]\"\n");
        assert!(diags.is_empty());
        assert_eq!(fm.note_type.as_deref(), Some("Meetings"));
        assert_eq!(fm.status.as_deref(), Some("Reading"));
    }

    #[test]
    fn duplicate_keys_keep_the_first_and_point_at_the_repeat() {
        let (fm, diags) = parse_str("id: first\ntitle: T\nid: second\n");
        assert_eq!(fm.id.as_deref(), Some("first"));
        assert_eq!(fm.title.as_deref(), Some("T"));
        assert_eq!(diags[0].line, Some(4), "{diags:?}");
    }

    #[test]
    fn alias_bombs_and_deep_nesting_are_rejected_fast() {
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (name, prev) in ["b", "c", "d", "e", "f", "g", "h", "i"]
            .iter()
            .zip(["a", "b", "c", "d", "e", "f", "g", "h"])
        {
            bomb.push_str(&format!(
                "{name}: &{name} [{}]\n",
                vec![format!("*{prev}"); 9].join(", ")
            ));
        }
        bomb.push_str("id: kept\n");
        let started = std::time::Instant::now();
        let (fm, diags) = parse_str(&bomb);
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
        assert_eq!(diags[0].severity, Severity::Error);
        assert_eq!(fm.id.as_deref(), Some("kept"));

        let deep = format!("deep: {}{}\nid: x\n", "[".repeat(200), "]".repeat(200));
        let (fm, diags) = parse_str(&deep);
        assert!(diags[0].message.contains("recursion limit"), "{diags:?}");
        assert_eq!(fm.id.as_deref(), Some("x"));
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

    #[test]
    fn wikilinks_in_values_are_collected_with_their_key_line() {
        let mut diags = Vec::new();
        let (_, strings) = parse(
            "id: a\nup: \"[[parent]]\"\nrel: [\"[[x]]\", plain]\n",
            2,
            "n",
            &mut diags,
        );
        assert_eq!(strings.len(), 2);
        assert_eq!((strings[0].key.as_str(), strings[0].line), ("up", 3));
        assert_eq!(strings[1].text, "[[x]]");
    }

    #[test]
    fn unquoted_wikilink_in_frontmatter_is_collected() {
        let mut diags = Vec::new();
        let (_, strings) = parse("up: [[parent]]\n", 2, "n", &mut diags);
        assert_eq!(strings.len(), 1);
        assert_eq!(strings[0].text, "[[parent]]");
    }
}
