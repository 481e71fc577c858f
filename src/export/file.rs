//! An export written to a file, by the command line and the window alike:
//! never inside the vault, never onto a note by another name, and never
//! changed in place (written whole, then renamed over).

use super::Format;
use crate::output::{self, OutputError};
use crate::vault::Vault;
use std::io::{self, Write};
use std::path::Path;

/// Writes `file` with `fill`, after checking it lies outside `vault`;
/// what went wrong, in words, saying where a user may copy it instead.
pub fn write_file(
    vault: &Vault,
    format: Format,
    file: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), String> {
    let explain = |e: OutputError| {
        let copy = match (&e, format) {
            (OutputError::InsideVault(..), Format::Canvas) => {
                "; notegraph writes nothing into a vault, but you may copy the \
                 file there yourself, where Obsidian opens it as a canvas"
            }
            (OutputError::InsideVault(..), _) => {
                "; notegraph writes nothing into a vault, but you may copy the \
                 file there yourself"
            }
            _ => "",
        };
        format!("{e}{copy}")
    };
    if let Some(root) = vault.root() {
        let notes: Vec<String> = vault.notes.iter().map(|n| n.path.clone()).collect();
        output::check_outside(root, &notes, file).map_err(explain)?;
    }
    output::write_atomically(file, fill).map_err(explain)
}
