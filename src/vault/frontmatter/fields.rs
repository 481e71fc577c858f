//! From a parsed YAML mapping to `Frontmatter`: the typed fields of the
//! note format, wikilinks in any value, and the rest as JSON.

use super::{Frontmatter, FrontmatterString};
use crate::diagnostics::{Diagnostic, DiagnosticKind, Severity};
use serde_json::Value as Json;
use serde_yaml::Value as Yaml;
use std::borrow::Cow;

/// Importance is kept within ±this: real vaults use 0–100 or 1–5.
pub const IMPORTANCE_BOUND: f64 = 1e6;

/// How a YAML value is named in messages.
pub(super) fn describe(value: &Yaml) -> &'static str {
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
struct KeyLines<'a> {
    /// In order; a key seen again is listed again, and the first wins.
    lines: Vec<(&'a str, u32)>,
    /// By key, for a long block (`BY_TABLE_PAST`).
    table: Option<std::collections::HashMap<&'a str, u32>>,
}

impl<'a> KeyLines<'a> {
    fn new(yaml: &'a str, first_line: u32) -> KeyLines<'a> {
        let mut lines = Vec::new();
        for (i, line) in yaml.lines().enumerate() {
            if line.starts_with([' ', '\t', '-', '#']) {
                continue;
            }
            if let Some((key, _)) = line.split_once(':') {
                lines.push((key.trim_end(), first_line + i as u32));
            }
        }
        let table = (lines.len() > super::BY_TABLE_PAST).then(|| {
            let mut table = std::collections::HashMap::new();
            for &(key, line) in &lines {
                table.entry(key).or_insert(line);
            }
            table
        });
        KeyLines { lines, table }
    }

    fn get(&self, key: &str) -> Option<u32> {
        match &self.table {
            Some(table) => table.get(key).copied(),
            None => (self.lines.iter())
                .find(|(k, _)| *k == key)
                .map(|&(_, line)| line),
        }
    }
}

/// The typed fields and the strings with wikilinks of the `entries` of a
/// mapping, in order (a `serde_yaml::Mapping`, or the fast path's list),
/// each with its file line where the reader knows it (else looked up).
pub(super) fn read_fields<'k>(
    entries: impl IntoIterator<Item = (Cow<'k, str>, Yaml, Option<u32>)>,
    yaml: &str,
    first_line: u32,
    path: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Frontmatter, Vec<FrontmatterString>) {
    let mut fm = Frontmatter::default();
    let mut strings = Vec::new();
    let mut lines: Option<KeyLines> = None;
    for (key, value, line) in entries {
        let line = line.unwrap_or_else(|| {
            let lines = lines.get_or_insert_with(|| KeyLines::new(yaml, first_line));
            lines.get(&key).unwrap_or(first_line)
        });
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
        match key.as_ref() {
            "id" | "title" | "type" | "status" | "difficulty" | "created_at" | "updated_at" => {
                let slot = match key.as_ref() {
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
                match scalar_text(single) {
                    Some(s) if !s.trim().is_empty() => {
                        *slot = Some(unbracket(s.trim()).to_string())
                    }
                    Some(_) => {}
                    None if value.is_null() => {}
                    None => wrong_type("a single value", &value),
                }
            }
            "importance" => {
                let number = match &value {
                    Yaml::Number(n) => n.as_f64(),
                    Yaml::String(s) => s.trim().parse::<f64>().ok(),
                    _ => None,
                };
                match number {
                    // `.nan`, `.inf` and 1e308 would reach node sizes,
                    // sliders and exports: finite and bounded only.
                    Some(n) if n.is_finite() => {
                        fm.importance = Some(n.clamp(-IMPORTANCE_BOUND, IMPORTANCE_BOUND))
                    }
                    Some(_) => wrong_type("a finite number", &value),
                    None if value.is_null() => {}
                    None => wrong_type("a number", &value),
                }
            }
            "canonical" => match &value {
                Yaml::Bool(b) => fm.canonical = Some(*b),
                Yaml::String(s) if s.eq_ignore_ascii_case("true") => fm.canonical = Some(true),
                Yaml::String(s) if s.eq_ignore_ascii_case("false") => fm.canonical = Some(false),
                Yaml::Null => {}
                other => wrong_type("true or false", other),
            },
            "tags" | "aliases" => match string_list(&value, key == "tags") {
                Some(list) => {
                    if key == "tags" {
                        fm.tags = list;
                    } else {
                        fm.aliases = list;
                    }
                }
                None => wrong_type("a list or a comma-separated string", &value),
            },
            _ => {
                fm.extra.insert(key.into_owned(), to_json(&value, 0));
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
    // Nearly every list is a few tags long and has no repeat: looked over
    // without a table, or a copy of every tag.
    if list.len() <= super::BY_TABLE_PAST {
        let mut kept = 0;
        for i in 0..list.len() {
            if !list[..kept].contains(&list[i]) {
                list.swap(kept, i);
                kept += 1;
            }
        }
        list.truncate(kept);
        return;
    }
    let mut seen = std::collections::HashSet::new();
    list.retain(|item| seen.insert(item.clone()));
}

/// A scalar as text, borrowed where it is a string.
fn scalar_text(value: &Yaml) -> Option<Cow<'_, str>> {
    match value {
        Yaml::String(s) => Some(Cow::Borrowed(s)),
        Yaml::Number(n) => Some(n.to_string().into()),
        Yaml::Bool(b) => Some(b.to_string().into()),
        Yaml::Tagged(t) => scalar_text(&t.value),
        _ => None,
    }
}

fn scalar_to_string(value: &Yaml) -> Option<String> {
    scalar_text(value).map(Cow::into_owned)
}

/// A key as `read_fields` names it: a non-string key by its text, or `?`.
pub(super) fn key_text(key: Yaml) -> Cow<'static, str> {
    match key {
        Yaml::String(key) => key.into(),
        key => scalar_to_string(&key)
            .unwrap_or_else(|| "?".to_string())
            .into(),
    }
}

/// A list of scalars, or one string split on commas, each trimmed (and
/// for `tags`, without leading `#`), empty ones left out. `None` if
/// neither.
fn string_list(value: &Yaml, tags: bool) -> Option<Vec<String>> {
    let clean = |item: &str| -> Option<String> {
        let item = item.trim();
        let item = if tags {
            item.trim_start_matches('#')
        } else {
            item
        };
        (!item.is_empty()).then(|| item.to_string())
    };
    match value {
        Yaml::Null => Some(Vec::new()),
        Yaml::String(s) => Some(s.split(',').filter_map(clean).collect()),
        Yaml::Sequence(items) => Some(
            (items.iter())
                .filter_map(|item| clean(&scalar_text(item)?))
                .collect(),
        ),
        _ => None,
    }
}

fn collect_strings(key: &str, value: &Yaml, line: u32, out: &mut Vec<FrontmatterString>) {
    match value {
        Yaml::String(s) if has_wikilink_opener(s) => out.push(FrontmatterString {
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

/// Whether `s` holds `[[`: nearly every value is a few words without a
/// bracket, for which a substring search's set-up costs more than a look.
fn has_wikilink_opener(s: &str) -> bool {
    memchr::memchr_iter(b'[', s.as_bytes()).any(|i| s.as_bytes().get(i + 1) == Some(&b'['))
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
    use crate::vault::frontmatter::{parse, parse_str};

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
    fn importance_is_finite_and_bounded() {
        for (text, expect) in [
            ("importance: .nan\n", None),
            ("importance: .inf\n", None),
            ("importance: -.inf\n", None),
            ("importance: 1e308\n", Some(IMPORTANCE_BOUND)),
            ("importance: \"-1e300\"\n", Some(-IMPORTANCE_BOUND)),
            ("importance: 7.5\n", Some(7.5)),
        ] {
            let (fm, diags) = parse_str(text);
            assert_eq!(fm.importance, expect, "{text}");
            assert_eq!(diags.is_empty(), expect.is_some(), "{text}: {diags:?}");
        }
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
    fn one_item_lists_and_wikilink_values_read_as_single_values() {
        let (fm, diags) = parse_str("type: [\"[[Meetings]]\"]\nstatus: \"[[Reading|reading]]\"\n");
        assert!(diags.is_empty());
        assert_eq!(fm.note_type.as_deref(), Some("Meetings"));
        assert_eq!(fm.status.as_deref(), Some("Reading"));
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
