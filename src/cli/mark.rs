//! `notegraph mark VAULT NOTE --status S`: the one command that writes into
//! a vault, because the user asked for exactly that write (see
//! `vault::write` for the rules; any refusal exits 2 with nothing written).

use super::{find_notes, open, CliError, Outcome};
use crate::vault::write;
use std::io::Write;
use std::path::Path;

pub fn mark(
    path: &Path,
    name: &str,
    status: &str,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let (vault, _) = open(path)?;
    let id = find_notes(&vault, path, &[name])?[0];
    let note = &vault.notes[id];
    let (done, _) =
        write::set_status(path, note, status).map_err(|e| CliError::Usage(e.to_string()))?;
    match done.old {
        Some(old) if old == status => writeln!(
            out,
            "{}:{}: status was already {status}",
            note.path, done.line
        )?,
        Some(old) => writeln!(out, "{}:{}: status {old} -> {status}", note.path, done.line)?,
        None => writeln!(out, "{}:{}: status set to {status}", note.path, done.line)?,
    }
    Ok(Outcome::Clean)
}
