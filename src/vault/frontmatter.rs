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
    // Most frontmatter is flat `key: value` lines, which a small scanner
    // reads in a fraction of serde_yaml's time; anything else goes to it.
    let fast = fast_parse(yaml);
    let mapping = match fast
        .map(Ok)
        .unwrap_or_else(|| serde_yaml::from_str::<Yaml>(yaml))
    {
        Ok(Yaml::Mapping(m)) => m,
        Ok(Yaml::Null) => serde_yaml::Mapping::new(),
        Ok(other) => {
            diagnostics.push(error(
                first_line,
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
            diagnostics.push(error(
                line,
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

/// Reads the common case, flat `key: value` lines with plain or simply
/// quoted scalars and flow lists, exactly as serde_yaml would, or returns
/// `None` for serde_yaml to handle. Conservative by design: whatever could
/// mean something else in YAML (indicators, escapes, comments, anchors,
/// floats, leading zeros, `yes`/`no`, nesting) is left to serde_yaml.
fn fast_parse(yaml: &str) -> Option<Yaml> {
    let mut mapping = serde_yaml::Mapping::new();
    if yaml.trim().is_empty() {
        return None; // serde_yaml calls it null
    }
    for line in yaml.lines() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        let (key, rest) = line.split_once(':')?;
        let key_ok = key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !key_ok || !(rest.is_empty() || rest.starts_with(' ')) {
            return None;
        }
        let value = match rest.trim() {
            "" => return None, // maybe a block below: serde_yaml decides
            v if v.starts_with('[') => {
                let inner = v.strip_prefix('[')?.strip_suffix(']')?;
                if inner.trim().is_empty() {
                    Yaml::Sequence(Vec::new())
                } else {
                    let items: Option<Vec<Yaml>> =
                        inner.split(',').map(|i| fast_scalar(i.trim())).collect();
                    Yaml::Sequence(items?)
                }
            }
            v => fast_scalar(v)?,
        };
        if mapping
            .insert(Yaml::String(key.to_string()), value)
            .is_some()
        {
            return None; // duplicate key: serde_yaml reports it
        }
    }
    Some(Yaml::Mapping(mapping))
}

/// For tests: `None` when the fast path declines `yaml`, else whether it
/// read it exactly as serde_yaml does.
pub fn fast_path_matches_serde_yaml(yaml: &str) -> Option<bool> {
    let fast = fast_parse(yaml)?;
    Some(serde_yaml::from_str::<Yaml>(yaml).is_ok_and(|slow| slow == fast))
}

fn fast_scalar(v: &str) -> Option<Yaml> {
    if v.is_empty() {
        return None;
    }
    let quoted = |q: char| {
        let inner = v.strip_prefix(q)?.strip_suffix(q)?;
        (!inner.contains(q) && !inner.contains('\\') && !inner.contains('\t'))
            .then(|| Yaml::String(inner.to_string()))
    };
    if v.starts_with('"') {
        return quoted('"');
    }
    if v.starts_with('\'') {
        return quoted('\'');
    }
    let first = v.chars().next()?;
    if "-?:,[]{}#&*!|>%@`.+~".contains(first)
        || v.contains(": ")
        || v.contains(" #")
        || v.ends_with(':')
    {
        return None;
    }
    if v.contains(['[', ']', '{', '}', '"', '\'', '\t', ',']) {
        return None;
    }
    match v {
        "true" | "True" | "TRUE" => return Some(Yaml::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Yaml::Bool(false)),
        _ => {}
    }
    let lower = v.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "null" | "yes" | "no" | "on" | "off" | "y" | "n" | "nan" | "inf"
    ) {
        return None;
    }
    if first.is_ascii_digit() {
        if v.bytes().all(|b| b.is_ascii_digit()) {
            if v.len() > 1 && v.starts_with('0') || v.len() > 18 {
                return None;
            }
            return v.parse::<i64>().ok().map(|n| Yaml::Number(n.into()));
        }
        // A date such as 2026-01-19 is a string to serde_yaml; other
        // digit-led text might be a float or a base-prefixed number.
        let date = v.len() == 10
            && v.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        return date.then(|| Yaml::String(v.to_string()));
    }
    Some(Yaml::String(v.to_string()))
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

/// 1-based file line of each top-level `key:` in the block, found in one
/// pass (the first occurrence of each key).
fn key_lines(yaml: &str, first_line: u32) -> Vec<(&str, u32)> {
    let mut lines = Vec::new();
    for (i, line) in yaml.lines().enumerate() {
        if line.starts_with([' ', '\t', '-', '#']) {
            continue;
        }
        if let Some((key, _)) = line.split_once(':') {
            let key = key.trim_end();
            if !lines.iter().any(|(k, _)| *k == key) {
                lines.push((key, first_line + i as u32));
            }
        }
    }
    lines
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
    let lines = key_lines(yaml, first_line);
    for (key, value) in mapping {
        let key = scalar_to_string(&key).unwrap_or_else(|| "?".to_string());
        let line = lines
            .iter()
            .find(|(k, _)| *k == key)
            .map_or(first_line, |(_, l)| *l);
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

    /// The fast path must agree with serde_yaml wherever it answers.
    fn assert_same_as_serde_yaml(yaml: &str) {
        if let Some(fast) = fast_parse(yaml) {
            let slow: Yaml = serde_yaml::from_str(yaml).expect("fast path accepted invalid YAML");
            assert_eq!(fast, slow, "for {yaml:?}");
        }
    }

    #[test]
    fn fast_path_agrees_with_serde_yaml() {
        for yaml in [
            "id: a\ntitle: \"CAP theorem (practical)\"\nimportance: 45\ntags: [system-design, distributed]\ncanonical: true\naliases: []\ncreated_at: 2026-01-19\n",
            "title: 'single'\nstatus: in progress\nn: 0\nm: 12345\nflag: False\n",
            "tags: [a, \"b c\", 'd']\nx: plain text with (parens) and / slashes\n",
            "empty:\n",
            "a: 007\nb: 1.5\nc: yes\nd: null\ne: ~\nf: 1e3\ng: .inf\nh: 0x1f\n",
            "a: x # comment\n",
            "a: \"esc\\\"aped\"\n",
            "a: b: c\n",
            "a: 2026-1-9\n",
            "- list\n",
            "a: [x, [y]]\n",
            "a: 1\na: 2\n",
            "  indented: x\n",
            "a: -5\n",
            "a: x\r\nb: y\r\n",
        ] {
            assert_same_as_serde_yaml(yaml);
        }
        // And it does answer the common case.
        assert!(fast_parse("id: a\ntags: [x, z]\nimportance: 3\n").is_some());
    }

    #[test]
    fn fast_path_agrees_on_every_sample_note() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample-vault");
        let mut accepted = 0;
        for folder in std::fs::read_dir(&dir).unwrap().flatten() {
            for file in std::fs::read_dir(folder.path()).unwrap().flatten() {
                let text = std::fs::read_to_string(file.path()).unwrap();
                if let Some(yaml) = split(&text).yaml {
                    assert_same_as_serde_yaml(yaml);
                    accepted += fast_parse(yaml).is_some() as usize;
                }
            }
        }
        assert!(
            accepted >= 30,
            "the fast path should read the sample's frontmatter"
        );
    }

    /// Compares the fast path with serde_yaml on every `.md` file under
    /// `root`; returns (blocks compared, blocks the fast path read).
    fn compare_folder(root: &std::path::Path) -> (usize, usize) {
        let (mut checked, mut accepted) = (0, 0);
        let mut stack = vec![root.to_path_buf()];
        while let Some(dir) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if let Ok(text) = std::fs::read_to_string(&path) {
                    if let Some(yaml) = split(&text).yaml {
                        assert_same_as_serde_yaml(yaml);
                        checked += 1;
                        accepted += fast_parse(yaml).is_some() as usize;
                    }
                }
            }
        }
        (checked, accepted)
    }

    #[test]
    fn fast_path_agrees_on_the_committed_real_world_shapes() {
        let root =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/frontmatter");
        let (checked, accepted) = compare_folder(&root);
        assert!(checked >= 12, "only {checked} blocks in {}", root.display());
        // Both paths must be exercised: blocks the fast path reads, and
        // blocks it leaves to serde_yaml.
        assert!(
            accepted >= 4 && checked - accepted >= 4,
            "{accepted} of {checked} read fast"
        );
    }

    #[test]
    fn fast_path_agrees_on_the_shared_real_vaults() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/vaults");
        let (checked, _) = compare_folder(&root);
        // Absent in a bare checkout; CI sets the variable where it is there,
        // so that a moved folder cannot make this test pass by comparing nothing.
        if std::env::var_os("NOTEGRAPH_REQUIRE_SHARED").is_some_and(|v| v == "1") {
            assert!(checked > 0, "no frontmatter found under {}", root.display());
        }
        eprintln!("compared {checked} frontmatter blocks");
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
