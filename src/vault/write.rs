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
use crate::output::ReplaceError;
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
    set_status_forced(root, note, status, false)
}

/// `set_status`, and with `force` also into a note without a write bit
/// (`mark --force`); the note keeps its mode.
pub fn set_status_forced(
    root: &Path,
    note: &Note,
    status: &str,
    force: bool,
) -> Result<(StatusWrite, String), WriteError> {
    let mut done = None;
    let text = rewrite(root, note, force, |text| {
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
    rewrite(root, note, false, |text| edit_box(text, marker, ticked))
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
/// loaded, and is writable or `force` says to write it anyway; the file is
/// checked again just before it is replaced (`output::replace_if_unchanged`).
/// Returns the edited text.
fn rewrite(
    root: &Path,
    note: &Note,
    force: bool,
    edit: impl FnOnce(&str) -> Result<String, String>,
) -> Result<String, WriteError> {
    let path = root.join(&note.path);
    let refuse = |why: &str| WriteError::Refused(note.path.clone(), why.to_string());
    let io_err = |e| WriteError::Io(note.path.clone(), e);
    let meta = std::fs::symlink_metadata(&path).map_err(io_err)?;
    if !meta.file_type().is_file() {
        return Err(refuse("not a plain file (a symbolic link or other)"));
    }
    if meta.permissions().readonly() && !force {
        return Err(refuse(
            "the note is read-only (no write bit); --force writes it anyway",
        ));
    }
    // A note past the load's size limit was loaded without its text: no
    // edit of it can be checked against what was read.
    if meta.len() > super::walk::MAX_NOTE_BYTES {
        let mb = super::walk::MAX_NOTE_BYTES >> 20;
        return Err(refuse(&format!(
            "over the {mb} MB limit, so loaded without its text and never edited"
        )));
    }
    let seen = Seen::read(&path).map_err(io_err)?;
    let bytes = &seen.bytes;
    let (bom, rest) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (&bytes[..3], rest),
        None => (&[][..], &bytes[..]),
    };
    let text = std::str::from_utf8(rest).map_err(|_| refuse("the file is not valid UTF-8"))?;
    if text != note.text {
        return Err(WriteError::Changed(note.path.clone()));
    }
    let edited = edit(text).map_err(|why| refuse(&why))?;
    let written = crate::output::replace_if_unchanged(
        &path,
        |w| {
            w.write_all(bom)?;
            w.write_all(edited.as_bytes())
        },
        &|at| seen.is_at(at),
    );
    match written {
        Ok(()) => Ok(edited),
        Err(ReplaceError::Changed) => Err(WriteError::Changed(note.path.clone())),
        Err(ReplaceError::Io(e)) => Err(io_err(e)),
    }
}

/// What a note's file held when it was read, checked again just before it
/// is replaced: the same file (device, inode), size and modification time
/// to the nanosecond, and, where the file is small enough to read again
/// cheaply, the same bytes (a save within one tick of the clock).
struct Seen {
    bytes: Vec<u8>,
    stamp: Stamp,
}

/// Past this size the bytes are not read again before the replacement.
const REREAD_BYTES: usize = 4 << 20;

#[derive(PartialEq)]
struct Stamp {
    len: u64,
    file: (u64, u64),
    modified: (i64, i64),
}

impl Stamp {
    fn of(meta: &std::fs::Metadata) -> Stamp {
        #[cfg(unix)]
        use std::os::unix::fs::MetadataExt;
        #[cfg(unix)]
        let (file, modified) = ((meta.dev(), meta.ino()), (meta.mtime(), meta.mtime_nsec()));
        #[cfg(not(unix))]
        let (file, modified) = ((0, 0), (0, 0));
        Stamp {
            len: meta.len(),
            file,
            modified,
        }
    }
}

impl Seen {
    /// The file at `path`, its bytes and its stamp through one handle.
    fn read(path: &Path) -> io::Result<Seen> {
        use std::io::Read;
        let mut file = std::fs::File::open(path)?;
        let stamp = Stamp::of(&file.metadata()?);
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)?;
        Ok(Seen { bytes, stamp })
    }

    /// Whether the file at `path` is still the one read.
    fn is_at(&self, path: &Path) -> io::Result<bool> {
        let meta = match std::fs::symlink_metadata(path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
            Err(e) => return Err(e),
        };
        if !meta.file_type().is_file() || Stamp::of(&meta) != self.stamp {
            return Ok(false);
        }
        Ok(self.bytes.len() > REREAD_BYTES || std::fs::read(path)? == self.bytes)
    }
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
mod tests;
