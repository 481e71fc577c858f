//! The writes notegraph makes into a vault, each only when the user asks
//! for it: a note's `status:` value in its frontmatter, and one
//! self-check box ticked or cleared (where the user has turned that on).
//!
//! Rules (docs/reliability.md): only the value changes, every other byte
//! stays (line endings, byte order mark, key order, comments, quoting of
//! other keys); a note without frontmatter gets a minimal block at the top;
//! the file is replaced atomically (a temporary file in its folder, synced,
//! renamed over it) with its permissions kept; nothing is written when the
//! file changed since it was loaded, when it is a symbolic link or not
//! UTF-8, when its frontmatter is not valid YAML, or when `status` is not
//! a one-line scalar.

use super::Note;
use super::{frontmatter, lines};
use std::io;
use std::path::Path;

/// Why a status was not written. Nothing was written in every case.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{0} changed on disk since it was loaded; reload and try again")]
    Changed(String),
    #[error("{0}: {1}; nothing written")]
    Refused(String, String),
    #[error("{0}: {1}")]
    Io(String, io::Error),
}

/// What a write changed, for a message: the 1-based line and the old value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusWrite {
    pub line: usize,
    pub old: Option<String>,
}

/// Sets `note`'s status to `status` in its file under `root`, if the file
/// still holds what was loaded. Returns what changed and the file's new
/// text (without a byte order mark, as a load reads it).
pub fn set_status(
    root: &Path,
    note: &Note,
    status: &str,
) -> Result<(StatusWrite, String), WriteError> {
    let mut done = None;
    let text = rewrite(root, note, |text| {
        let (edited, write) = edit_status(text, status)?;
        done = Some(write);
        Ok(edited)
    })?;
    Ok((done.expect("set by a successful edit"), text))
}

/// Ticks (or unticks) the self-check box whose `[` stands at byte
/// `marker` of `note`'s text: exactly one character of the file changes,
/// under the same rules as a status. Returns the file's new text.
pub fn set_box(
    root: &Path,
    note: &Note,
    marker: usize,
    ticked: bool,
) -> Result<String, WriteError> {
    rewrite(root, note, |text| edit_box(text, marker, ticked))
}

/// What stands between a box's brackets: `x`/`X` ticked, white space
/// (which pulldown-cmark reads as an empty box) not. The self-check reader
/// counts boxes by the same rule, so a box it shows is one this can tick.
pub fn is_box_mark(byte: u8) -> bool {
    is_ticked(byte) || matches!(byte, b' ' | b'\t' | 0x0b | 0x0c)
}

fn is_ticked(mark: u8) -> bool {
    matches!(mark, b'x' | b'X')
}

/// `text` with the box at `marker` ticked or not, or why not.
pub fn edit_box(text: &str, marker: usize, ticked: bool) -> Result<String, String> {
    let found = text.as_bytes().get(marker..marker + 3);
    let now = match found {
        Some([b'[', mark, b']']) if is_box_mark(*mark) => is_ticked(*mark),
        _ => return Err("no check box stands there".into()),
    };
    if now == ticked {
        return Err(format!(
            "the box is already {}",
            if ticked { "ticked" } else { "clear" }
        ));
    }
    let mark = if ticked { "x" } else { " " };
    Ok(format!(
        "{}{mark}{}",
        &text[..marker + 1],
        &text[marker + 2..]
    ))
}

/// Replaces the file of `note` with `edit` of its text, keeping a byte
/// order mark, if the file is a plain UTF-8 file that still holds what was
/// loaded; returns the edited text.
fn rewrite(
    root: &Path,
    note: &Note,
    edit: impl FnOnce(&str) -> Result<String, String>,
) -> Result<String, WriteError> {
    let path = root.join(&note.path);
    let refuse = |why: &str| WriteError::Refused(note.path.clone(), why.to_string());
    let io_err = |e| WriteError::Io(note.path.clone(), e);
    let meta = std::fs::symlink_metadata(&path).map_err(io_err)?;
    if !meta.file_type().is_file() {
        return Err(refuse("not a plain file (a symbolic link or other)"));
    }
    let bytes = std::fs::read(&path).map_err(io_err)?;
    let (bom, rest) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (&bytes[..3], rest),
        None => (&[][..], &bytes[..]),
    };
    let text = std::str::from_utf8(rest).map_err(|_| refuse("the file is not valid UTF-8"))?;
    if text != note.text {
        return Err(WriteError::Changed(note.path.clone()));
    }
    let edited = edit(text).map_err(|why| refuse(&why))?;
    crate::output::replace_atomically(&path, |w| {
        w.write_all(bom)?;
        w.write_all(edited.as_bytes())
    })
    .map_err(io_err)?;
    Ok(edited)
}

/// `text` with its status set, or why not. Pure, so every rule is tested
/// on strings.
pub fn edit_status(text: &str, status: &str) -> Result<(String, StatusWrite), String> {
    check_value(status)?;
    let newline = if text.split('\n').next().is_some_and(|l| l.ends_with('\r')) {
        "\r\n"
    } else {
        "\n"
    };
    let split = frontmatter::split(text);
    if split.unclosed {
        return Err("the frontmatter block is never closed".into());
    }
    let Some(yaml) = split.yaml else {
        let block = format!("---{newline}status: {status}{newline}---{newline}");
        let done = StatusWrite { line: 2, old: None };
        return Ok((format!("{block}{text}"), done));
    };
    if !frontmatter::is_valid_mapping(yaml) {
        return Err("the frontmatter is not valid YAML".into());
    }
    let yaml_start = yaml.as_ptr() as usize - text.as_ptr() as usize;
    let first_line = lines::line_of(text, yaml_start) as usize;
    // Every line that looks like a top-level `status:` is tried; the key is
    // the one whose edit leaves every other key as it was (a look-alike
    // inside another key's quoted string or flow list changes that key).
    let mut why_not = None;
    for found in status_lines(yaml) {
        let found = match found {
            Ok(found) => found,
            Err(why) => {
                why_not.get_or_insert(why);
                continue;
            }
        };
        let (from, to) = (yaml_start + found.value.0, yaml_start + found.value.1);
        let edited = format!("{}{status}{}", &text[..from], &text[to..]);
        if changes_only_status(yaml, &edited, status) {
            let old = Some(text[from..to].to_string());
            let line = first_line + found.line;
            return Ok((edited, StatusWrite { line, old }));
        }
    }
    if frontmatter::has_key(yaml, "status") {
        let why = why_not.unwrap_or_else(|| "`status` is not a plain `status: value` line".into());
        return Err(why);
    }
    let end = yaml_start + yaml.len();
    // The YAML ends with its last line's newline: the new line goes where
    // the closing fence was.
    let line = lines::line_of(text, end) as usize;
    let edited = format!("{}status: {status}{newline}{}", &text[..end], &text[end..]);
    if !changes_only_status(yaml, &edited, status) {
        return Err("the edited frontmatter would not read back as intended".into());
    }
    Ok((edited, StatusWrite { line, old: None }))
}

/// Whether `edited`'s frontmatter reads, strictly, as `yaml` with only
/// `status` set: the net under every rule above.
fn changes_only_status(yaml: &str, edited: &str, status: &str) -> bool {
    let split = frontmatter::split(edited);
    split
        .yaml
        .is_some_and(|new| frontmatter::is_same_but(yaml, new, "status", status))
}

/// A status is written as a plain YAML word: letters, digits, spaces,
/// `_`, `-` and `.`, starting with a letter or digit, and not a word YAML
/// reads as something other than text.
fn check_value(status: &str) -> Result<(), String> {
    let ok_chars = status
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '_' | '-' | '.'));
    let starts_well = status.chars().next().is_some_and(char::is_alphanumeric);
    let special = ["true", "false", "yes", "no", "on", "off", "null"]
        .contains(&status.to_lowercase().as_str());
    let number = status.parse::<f64>().is_ok();
    if ok_chars && starts_well && !status.ends_with(' ') && !special && !number {
        Ok(())
    } else {
        Err(format!("`{status}` is not a plain word for a status"))
    }
}

struct Found {
    /// 0-based line within the YAML.
    line: usize,
    /// Byte range of the value within the YAML.
    value: (usize, usize),
}

/// Each line that looks like a top-level `status:` key, with the byte
/// range of its value, or why that value cannot be edited in place (a
/// value that is not one line, such as a list or a block).
fn status_lines(yaml: &str) -> Vec<Result<Found, String>> {
    let mut found = Vec::new();
    let mut offset = 0;
    let lines: Vec<&str> = yaml.split_inclusive('\n').collect();
    for (i, raw) in lines.iter().enumerate() {
        let line = raw.trim_end_matches(['\n', '\r']);
        let start = offset;
        offset += raw.len();
        let Some(after) = line.strip_prefix("status") else {
            continue;
        };
        let Some(value_part) = after.trim_start_matches([' ', '\t']).strip_prefix(':') else {
            continue;
        };
        let lead = value_part.len() - value_part.trim_start_matches([' ', '\t']).len();
        let value_from = line.len() - value_part.len() + lead;
        let continued = lines.get(i + 1).is_some_and(|next| {
            let t = next.trim();
            next.starts_with([' ', '\t']) && !t.is_empty() && !t.starts_with('#')
        });
        let one_line = value_len(&line[value_from..]).filter(|_| !continued);
        found.push(
            one_line
                .map(|len| Found {
                    line: i,
                    value: (start + value_from, start + value_from + len),
                })
                .ok_or_else(|| "`status` is not a one-line value".to_string()),
        );
    }
    found
}

/// The length of the one-line scalar `rest` starts with, without what
/// follows it (white space, a comment after a space or a tab), or `None`
/// when it is not a one-line scalar.
fn value_len(rest: &str) -> Option<usize> {
    let bytes = rest.as_bytes();
    let len = match bytes.first()? {
        b'|' | b'>' | b'[' | b'{' | b'&' | b'*' | b'!' | b'-' | b'#' => return None,
        b'"' => closing_quote(rest, b'"')?,
        b'\'' => closing_quote(rest, b'\'')?,
        _ => {
            // A comment starts at a `#` after a space or a tab.
            let comment = (1..bytes.len())
                .find(|&i| bytes[i] == b'#' && matches!(bytes[i - 1], b' ' | b'\t'))
                .unwrap_or(bytes.len());
            return Some(rest[..comment].trim_end_matches([' ', '\t']).len());
        }
    };
    let after = rest[len..].trim_start_matches([' ', '\t']);
    let ends_well = after.is_empty() || (after.starts_with('#') && len < rest.len() - after.len());
    ends_well.then_some(len)
}

/// The length of the quoted scalar `rest` starts with, up to and with its
/// closing quote, if that is on this line.
fn closing_quote(rest: &str, quote: u8) -> Option<usize> {
    let bytes = rest.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 2,
            b if b == quote && quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
            b if b == quote => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(text: &str, status: &str) -> Result<String, String> {
        edit_status(text, status).map(|e| e.0)
    }

    #[test]
    fn only_the_value_changes() {
        let text = "---\nid: raft # the id\ntitle: 'Raft'\nstatus: learning   # was new\ntags: [a, b]\n---\n# Raft\n";
        let out = set(text, "mastered").unwrap();
        assert_eq!(out, text.replace("status: learning ", "status: mastered "));
        let (_, done) = edit_status(text, "mastered").unwrap();
        assert_eq!(
            done,
            StatusWrite {
                line: 4,
                old: Some("learning".into())
            }
        );
    }

    #[test]
    fn line_endings_and_quotes_are_kept() {
        let text = "---\r\nid: x\r\nstatus: \"learning\"\r\n---\r\nbody\r\n";
        assert_eq!(
            set(text, "mastered").unwrap(),
            "---\r\nid: x\r\nstatus: mastered\r\n---\r\nbody\r\n"
        );
        let added = set("---\r\nid: x\r\n---\r\nbody", "stale").unwrap();
        assert_eq!(added, "---\r\nid: x\r\nstatus: stale\r\n---\r\nbody");
    }

    #[test]
    fn a_note_without_frontmatter_gets_a_minimal_block() {
        assert_eq!(
            set("# Title\n\ntext\n", "learning").unwrap(),
            "---\nstatus: learning\n---\n# Title\n\ntext\n"
        );
    }

    #[test]
    fn refuses_what_it_cannot_change_safely() {
        let cases = [
            ("---\nstatus: [a, b]\n---\n", "list"),
            ("---\nstatus:\n  - a\n---\n", "block list"),
            ("---\nstatus: |\n  learning\n---\n", "block scalar"),
            ("---\nstatus: learn\n  ing\n---\n", "two-line plain scalar"),
            ("---\nstatus: a\nstatus: b\n---\n", "twice"),
            ("---\nid: [unclosed\n---\n", "invalid YAML"),
            ("---\nid: x\n", "unclosed block"),
            ("---\nstatus: \"open\n---\n", "unclosed quote"),
        ];
        for (text, what) in cases {
            assert!(set(text, "mastered").is_err(), "{what} was edited");
        }
        for bad in ["", "yes", "1.5", "a: b", "x\ny", "-dash", "#x"] {
            assert!(
                set("---\nstatus: learning\n---\n", bad).is_err(),
                "{bad:?} written"
            );
        }
        // Nested keys named status are not the note's.
        let nested = "---\nreview:\n  status: done\n---\n";
        let out = set(nested, "learning").unwrap();
        assert_eq!(out, "---\nreview:\n  status: done\nstatus: learning\n---\n");
    }

    /// A line that only looks like `status:`, inside another key's
    /// multi-line quoted string or flow list, is not the key: the real
    /// key's value changes, or a line is added, and every other key reads
    /// as before. A comment after a tab stays.
    #[test]
    fn only_the_top_level_key_is_edited_and_the_yaml_stays_valid() {
        let quoted = "---\ntitle: \"A long\nstatus: learning\"\nstatus: new\n---\n";
        assert_eq!(
            set(quoted, "mastered").unwrap(),
            quoted.replace("status: new", "status: mastered")
        );
        let flow = "---\ntags: [a,\nstatus: x]\nstatus: learning\n---\n";
        assert_eq!(
            set(flow, "mastered").unwrap(),
            flow.replace("status: learning", "status: mastered")
        );
        let only_look_alike = "---\ntitle: \"A long\nstatus: learning\"\n---\nbody\n";
        assert_eq!(
            set(only_look_alike, "mastered").unwrap(),
            "---\ntitle: \"A long\nstatus: learning\"\nstatus: mastered\n---\nbody\n"
        );
        let tab = "---\nstatus: learning\t# keep me\n---\n";
        assert_eq!(
            set(tab, "mastered").unwrap(),
            "---\nstatus: mastered\t# keep me\n---\n"
        );
        let quoted_hash = "---\nstatus: 'a # b' # note\n---\n";
        assert_eq!(
            set(quoted_hash, "c").unwrap(),
            "---\nstatus: c # note\n---\n"
        );
        // A value YAML would read as a number is caught by the strict check.
        assert!(set("---\nstatus: x\n---\n", "0x1F").is_err());
    }

    #[test]
    fn a_box_changes_by_one_character() {
        let text = "## Self-check\n- [ ] one\n- [X] two\n";
        let one = text.find("[ ]").unwrap();
        let two = text.find("[X]").unwrap();
        assert_eq!(
            edit_box(text, one, true).unwrap(),
            "## Self-check\n- [x] one\n- [X] two\n"
        );
        assert_eq!(
            edit_box(text, two, false).unwrap(),
            "## Self-check\n- [ ] one\n- [ ] two\n"
        );
        assert!(edit_box(text, one, false).is_err(), "already clear");
        assert!(edit_box(text, two, true).is_err(), "already ticked");
        assert!(edit_box(text, 0, true).is_err(), "not a box");
        assert!(
            edit_box(text, text.len() - 1, true).is_err(),
            "past the end"
        );
        let wide = "## 自测\n- [ ] 我能解释\n";
        assert!(edit_box(wide, wide.find('我').unwrap() - 1, true).is_err());
    }

    #[test]
    fn writes_through_the_file_and_refuses_a_changed_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("n.md");
        let original = "\u{FEFF}---\nid: n\nstatus: learning\n---\nbody\n";
        std::fs::write(&path, original).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        }
        let vault = crate::vault::load(dir.path()).unwrap();
        let note = &vault.notes[0];
        let (_, text) = set_status(dir.path(), note, "mastered").unwrap();
        let after = std::fs::read_to_string(&path).unwrap();
        assert_eq!(format!("\u{FEFF}{text}"), after, "the new text, as loaded");
        assert_eq!(
            after,
            original.replace("learning", "mastered"),
            "BOM and the rest kept"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o640);
        }
        // The loaded note no longer matches the file: refused.
        let err = set_status(dir.path(), note, "stale").unwrap_err();
        assert!(matches!(err, WriteError::Changed(_)), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), after);
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file left behind");
    }
}
