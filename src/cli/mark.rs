//! `notegraph mark VAULT NOTE --status S`: a note's status, recorded in
//! notegraph's own data (`--record`, the note untouched) or written into
//! the note, the one command that writes into a vault, because the user
//! asked for exactly that write (see `vault::write` for the rules; any
//! refusal exits 2 with nothing written).

use super::{find_notes, CliError, Outcome};
use crate::vault::write;
use crate::workspace::{DataDir, VaultSource, Workspace};
use std::io::Write;

/// Where `mark` puts the status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// Into the note's frontmatter.
    Write,
    /// Into the note's frontmatter, even without a write bit (`--force`).
    Force,
    /// Into notegraph's data.
    Record,
    /// Out of notegraph's data.
    Forget,
}

pub fn mark(
    ws: &Workspace,
    data: Option<&DataDir>,
    name: &str,
    status: Option<&str>,
    how: How,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let id = find_notes(ws, &[name])?[0];
    let candidates = crate::vault::resolve::Index::new(&ws.vault.notes).find_all_by_name(name);
    if candidates.len() > 1 {
        let paths: Vec<&str> = (candidates.iter())
            .map(|&c| ws.vault.notes[c].path.as_str())
            .collect();
        return Err(CliError::Usage(format!(
            "`{name}` names {} notes: {}; name one by its path",
            paths.len(),
            paths.join(", ")
        )));
    }
    let note = &ws.vault.notes[id];
    let recorded = ws.overlay.recorded.contains_key(&id);
    if !matches!(how, How::Write | How::Force) {
        let data = data.ok_or_else(|| {
            CliError::Usage("no data folder: set XDG_DATA_HOME or HOME".to_string())
        })?;
        let status = status.filter(|_| how == How::Record).map(str::to_string);
        data.record_notes(&ws.source, [(note, status.clone())])
            .map_err(|e| CliError::Usage(e.to_string()))?;
        match status {
            Some(s) => writeln!(out, "{}: status {s} recorded in notegraph", note.path)?,
            None if recorded => writeln!(out, "{}: recorded status forgotten", note.path)?,
            None => writeln!(out, "{}: no status was recorded", note.path)?,
        }
        return Ok(Outcome::Clean);
    }
    let VaultSource::Folder(root) = &ws.source else {
        return Err(CliError::Usage("the bundled sample is read-only".into()));
    };
    let status = status.unwrap_or_default();
    // The old status is read from the file's text, not from the overlay.
    let (done, _) = write::set_status_forced(root, note, status, how == How::Force)
        .map_err(|e| CliError::Usage(e.to_string()))?;
    match done.old {
        Some(old) if old == status => writeln!(
            out,
            "{}:{}: status was already {status}",
            note.path, done.line
        )?,
        Some(old) => writeln!(out, "{}:{}: status {old} -> {status}", note.path, done.line)?,
        None => writeln!(out, "{}:{}: status set to {status}", note.path, done.line)?,
    }
    // The note says it now: a record would hide what the user wrote.
    if let (true, Some(data)) = (recorded, data) {
        data.record(&ws.source, [(note.path.clone(), None)])
            .map_err(|e| CliError::Usage(e.to_string()))?;
        writeln!(
            out,
            "{}: the status recorded in notegraph is forgotten",
            note.path
        )?;
    }
    Ok(Outcome::Clean)
}
