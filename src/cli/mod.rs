//! The command line: `check`, `stats`, `order`, `progress`, `export`,
//! `analyze`, `path`, `search`, `related`, `review`, `mark` and `views`
//! on a vault; `completions` and `manpage` on the command line itself.
//!
//! Commands write to the given writer and return an `Outcome`; only `main`
//! turns outcomes and errors into exit codes.

mod args;
mod export;
mod html;
mod manual;
mod mark;
mod placement;
mod report;
mod review;
mod study;
pub mod text;
mod topics;
mod views;

pub use args::{Args, CliCommand, ExportFormat, LayoutKind, ViewsCommand};

use crate::vault;
use crate::workspace::{DataDir, Options, VaultSource, Workspace};
use std::io::{self, Write};
use std::path::Path;

/// How a command went, for the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing wrong found.
    Clean,
    /// The command ran and found what it reports by exit code 1: errors
    /// (`check`), no path, no hit, notes due for review.
    Findings,
}

/// Why a command could not run.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The vault could not be read.
    #[error(transparent)]
    Vault(#[from] vault::LoadError),
    /// The user named something that does not exist.
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// The notes `names` name (by id, path, title or alias), or a usage error
/// for the first that names none.
fn find_notes<S: AsRef<str>>(ws: &Workspace, names: &[S]) -> Result<Vec<vault::NoteId>, CliError> {
    ws.find_notes(names)
        .map_err(|name| CliError::Usage(format!("no note named `{name}` in {}", ws.source.label())))
}

impl CliCommand {
    /// The vault the command names: all do but `completions` and
    /// `manpage`.
    fn vault(&self) -> Option<&Path> {
        let vault = match self {
            CliCommand::Check { vault, .. }
            | CliCommand::Stats { vault, .. }
            | CliCommand::Order { vault, .. }
            | CliCommand::Progress { vault, .. }
            | CliCommand::Analyze { vault, .. }
            | CliCommand::Path { vault, .. }
            | CliCommand::Search { vault, .. }
            | CliCommand::Related { vault, .. }
            | CliCommand::Mark { vault, .. }
            | CliCommand::Review { vault, .. }
            | CliCommand::Placement { vault, .. }
            | CliCommand::Export { vault, .. } => vault,
            CliCommand::Views { command } => command.vault(),
            CliCommand::Completions { .. } | CliCommand::Manpage => return None,
        };
        Some(vault)
    }
}

/// Runs `command` on its vault, loaded as `options` say with the statuses
/// recorded in `data`; what goes wrong with notegraph's own data (the
/// command goes on without it) is written to `warnings`.
pub fn run(
    command: &CliCommand,
    options: &Options,
    data: Option<&DataDir>,
    input: &mut dyn std::io::BufRead,
    out: &mut dyn Write,
    warnings: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let Some(vault) = command.vault() else {
        return manual::print(command, out);
    };
    let source = VaultSource::folder(vault);
    let ws = Workspace::open(source, options, data, &|_, _| {})?;
    if let Some(problem) = &ws.data_problem {
        writeln!(warnings, "notegraph: {problem}")?;
    }
    run_on(&ws, command, data, input, out, warnings)
}

fn run_on(
    ws: &Workspace,
    command: &CliCommand,
    data: Option<&DataDir>,
    input: &mut dyn std::io::BufRead,
    out: &mut dyn Write,
    warnings: &mut dyn Write,
) -> Result<Outcome, CliError> {
    match command {
        CliCommand::Check { json, verbose, .. } => report::check(ws, *json, *verbose, out),
        CliCommand::Stats { json, .. } => report::stats(ws, *json, out),
        CliCommand::Order {
            notes,
            include_learned,
            json,
            format,
            ..
        } => {
            let format = if *json {
                study::PlanFormat::Json
            } else {
                *format
            };
            study::order(ws, notes, *include_learned, format, out)
        }
        CliCommand::Progress { by, json, .. } => study::progress(ws, *by, *json, out),
        CliCommand::Export {
            format,
            output,
            layout,
            view,
            canvas_groups,
            plan,
            include_learned,
            progress,
            ..
        } => {
            let ask = export::Ask {
                format: (*format).into(),
                output: output.as_deref(),
                layout: *layout,
                view: view.as_deref(),
                canvas_groups: *canvas_groups,
                study: html::Study {
                    plan,
                    include_learned: *include_learned,
                    progress: *progress,
                },
            };
            export::export(ws, data, &ask, out, warnings)
        }
        CliCommand::Views { command } => views::views(ws, data, command, out, warnings),
        CliCommand::Completions { .. } | CliCommand::Manpage => manual::print(command, out),
        CliCommand::Mark {
            note,
            status,
            record,
            forget,
            force,
            ..
        } => {
            let how = match (forget, record) {
                (true, _) => mark::How::Forget,
                (false, true) => mark::How::Record,
                (false, false) if *force => mark::How::Force,
                (false, false) => mark::How::Write,
            };
            mark::mark(ws, data, note, status.as_deref(), how, out)
        }
        CliCommand::Search {
            query, json, limit, ..
        } => text::search(ws, query, *limit, *json, out),
        CliCommand::Related {
            note, json, limit, ..
        } => text::related(ws, note, *limit, *json, out),
        CliCommand::Analyze { json, limit, .. } => topics::analyze(ws, *json, *limit, out),
        CliCommand::Path { from, to, json, .. } => topics::path(ws, from, to, *json, out),
        CliCommand::Placement {
            max,
            accept,
            undo,
            json,
            ..
        } => {
            let ask = placement::Ask {
                max: *max,
                accept: *accept,
                undo: *undo,
                json: *json,
            };
            placement::placement(ws, data, &ask, input, out)
        }
        CliCommand::Review {
            note,
            grade,
            at,
            json,
            spread,
            ..
        } => {
            let ask = review::Ask {
                note: note.as_deref(),
                grade: *grade,
                at: *at,
                spread: *spread,
                json: *json,
            };
            review::review(ws, data, &ask, out)
        }
    }
}
