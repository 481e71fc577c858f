//! The fast path: flat `key: value` frontmatter read without serde_yaml,
//! to exactly the values serde_yaml would give.

use serde_yaml::Value as Yaml;

/// Reads the common case, flat `key: value` lines with plain or simply
/// quoted scalars and flow lists, exactly as serde_yaml would, or returns
/// `None` for serde_yaml to handle. Conservative by design: whatever could
/// mean something else in YAML (indicators, escapes, comments, anchors,
/// floats, leading zeros, `yes`/`no`, nesting) is left to serde_yaml.
/// The entries come in order, as a list, each with its key as written and
/// the index of its line in `yaml`: a mapping's hash table cost more than
/// the rest of the reading, and `fields` only walks it.
pub(super) fn fast_entries(yaml: &str) -> Option<Vec<(&str, Yaml, u32)>> {
    if yaml.trim().is_empty() {
        return None; // serde_yaml calls it null
    }
    let mut entries: Vec<(&str, Yaml, u32)> = Vec::with_capacity(16);
    let mut table: Option<std::collections::HashSet<&str>> = None;
    for (at, line) in yaml.lines().enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        // A key of letters, digits, `_` and `-`, not opening with a digit
        // or `-`, then `:` (one pass: what else comes before the first
        // `:` makes a key the fast path does not read).
        let key_len = line.bytes().take_while(|&c| is_key_byte(c)).count();
        let opens_well = line.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_');
        if !opens_well || line.as_bytes().get(key_len) != Some(&b':') {
            return None;
        }
        let (key, rest) = (&line[..key_len], &line[key_len + 1..]);
        if !(rest.is_empty() || rest.starts_with(' ')) {
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
        // A duplicate key is serde_yaml's to report. Few keys are looked
        // over one by one; many, in a table.
        if entries.len() == super::BY_TABLE_PAST {
            table = Some(entries.iter().map(|&(name, ..)| name).collect());
        }
        let duplicate = match &mut table {
            Some(table) => !table.insert(key),
            None => entries.iter().any(|&(name, ..)| name == key),
        };
        if duplicate {
            return None;
        }
        entries.push((key, value, at as u32));
    }
    Some(entries)
}

fn is_key_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'-'
}

/// The entries as the mapping serde_yaml gives.
fn mapping(entries: Vec<(&str, Yaml, u32)>) -> Yaml {
    Yaml::Mapping(
        (entries.into_iter())
            .map(|(key, value, _)| (Yaml::String(key.to_string()), value))
            .collect(),
    )
}

/// `fast_entries` as the mapping serde_yaml gives.
#[cfg(test)]
fn fast_parse(yaml: &str) -> Option<Yaml> {
    Some(mapping(fast_entries(yaml)?))
}

/// For tests: `None` when the fast path declines `yaml`, else whether it
/// read it exactly as serde_yaml does.
pub fn fast_path_matches_serde_yaml(yaml: &str) -> Option<bool> {
    let fast = mapping(fast_entries(yaml)?);
    Some(serde_yaml::from_str::<Yaml>(yaml).is_ok_and(|slow| slow == fast))
}

fn fast_scalar(v: &str) -> Option<Yaml> {
    if v.is_empty() {
        return None;
    }
    let quoted = |q: char| {
        let inner = v.strip_prefix(q)?.strip_suffix(q)?;
        let plain = |b: u8| b != q as u8 && b != b'\\' && b != b'\t';
        inner
            .bytes()
            .all(plain)
            .then(|| Yaml::String(inner.to_string()))
    };
    if v.starts_with('"') {
        return quoted('"');
    }
    if v.starts_with('\'') {
        return quoted('\'');
    }
    let first = v.as_bytes()[0];
    if b"-?:,[]{}#&*!|>%@`.+~".contains(&first) || v.ends_with(':') || !is_plain(v) {
        return None;
    }
    match v {
        "true" | "True" | "TRUE" => return Some(Yaml::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Yaml::Bool(false)),
        _ => {}
    }
    let special = ["null", "yes", "no", "on", "off", "y", "n", "nan", "inf"];
    if v.len() <= 4 && special.iter().any(|w| w.eq_ignore_ascii_case(v)) {
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

/// Whether `v` holds none of what makes a plain scalar more than text:
/// brackets, braces, quotes, tabs, commas, `: ` or ` #`. One pass, as
/// every value of every note is read here.
fn is_plain(v: &str) -> bool {
    let mut previous = 0u8;
    for &b in v.as_bytes() {
        let stop = matches!(b, b'[' | b']' | b'{' | b'}' | b'"' | b'\'' | b'\t' | b',')
            || (previous == b':' && b == b' ')
            || (previous == b' ' && b == b'#');
        if stop {
            return false;
        }
        previous = b;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::frontmatter::split;

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
}
