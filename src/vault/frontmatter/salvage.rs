//! Salvage of a block that is not valid YAML: each top-level entry is
//! parsed on its own, and the diagnostic points at the first bad one.

use serde_yaml::{Mapping, Value as Yaml};

/// What is kept of a block that serde_yaml rejects with `err`: the entries
/// that parse on their own, and the file line and message to report.
pub(super) fn salvage(
    yaml: &str,
    err: &serde_yaml::Error,
    first_line: u32,
) -> (Mapping, u32, String) {
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
    let message = match bad_key {
        Some(key) => format!(
            "invalid YAML frontmatter: `{key}` does not parse ({}); {kept}",
            first_sentence(err)
        ),
        None => format!("invalid YAML frontmatter: {}; {kept}", first_sentence(err)),
    };
    (salvaged, line, message)
}

/// When the whole block is not valid YAML, parse each top-level `key:` entry
/// on its own, so one bad line (say a `{{date}}` template) loses only itself.
/// Returns the fields kept and the 0-based line of the first entry that
/// does not parse on its own.
fn salvage_top_level_keys(yaml: &str) -> (Mapping, Option<u32>) {
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
    let mut mapping = Mapping::new();
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

#[cfg(test)]
mod tests {
    use crate::diagnostics::Severity;
    use crate::vault::frontmatter::parse_str;

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
}
