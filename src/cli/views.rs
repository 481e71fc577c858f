//! `views`: the named views the window saved for a vault, listed, moved
//! to and from a JSON file, renamed and deleted; and finding one for
//! `export --view`.

use super::args::ViewsCommand;
use super::{CliError, Outcome};
use crate::workspace::views::{self, NamedView, ViewError};
use crate::workspace::{DataDir, Workspace};
use serde_json::json;
use std::io::Write;

fn no_data() -> CliError {
    CliError::Usage(
        "notegraph's data folder is unknown (set XDG_DATA_HOME or HOME): no views are kept".into(),
    )
}

fn usage(e: ViewError) -> CliError {
    CliError::Usage(e.to_string())
}

/// The view named `name` of the workspace's vault.
pub(super) fn find(
    ws: &Workspace,
    data: Option<&DataDir>,
    name: &str,
) -> Result<NamedView, CliError> {
    let data = data.ok_or_else(no_data)?;
    let list = views::read_views(data, &ws.source).map_err(|e| usage(e.into()))?;
    list.get(name).cloned().ok_or_else(|| {
        let known: Vec<&str> = list.views.iter().map(|v| v.name.as_str()).collect();
        let known = match known.is_empty() {
            true => "it has none".to_string(),
            false => format!("it has {}", known.join(", ")),
        };
        CliError::Usage(format!(
            "no view named “{name}” for {} ({known})",
            ws.source.label()
        ))
    })
}

/// A warning that `view` names notes the vault no longer has: those drop
/// out, and the rest of the view still applies.
pub(super) fn warn_missing(
    view: &NamedView,
    missing: &[String],
    warnings: &mut dyn Write,
) -> std::io::Result<()> {
    if !missing.is_empty() {
        writeln!(
            warnings,
            "notegraph: warning: view “{}” names {} note(s) this vault no longer has, left out: {}",
            view.name,
            missing.len(),
            missing.join(", ")
        )?;
    }
    Ok(())
}

pub(super) fn views(
    ws: &Workspace,
    data: Option<&DataDir>,
    command: &ViewsCommand,
    out: &mut dyn Write,
    warnings: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let data = data.ok_or_else(no_data)?;
    let source = &ws.source;
    match command {
        ViewsCommand::List { json, .. } => {
            let list = views::read_views(data, source).map_err(|e| usage(e.into()))?;
            list_views(ws, &list, *json, out)?;
        }
        ViewsCommand::Export { name, output, .. } => {
            let view = find(ws, Some(data), name)?;
            match output.as_deref().filter(|f| f.as_os_str() != "-") {
                Some(file) => {
                    let notes: Vec<String> =
                        (ws.vault.notes.iter()).map(|n| n.path.clone()).collect();
                    views::write_file(&view, file, ws.vault.root(), &notes).map_err(usage)?;
                }
                None => out.write_all(views::to_json(&view).as_bytes())?,
            }
        }
        ViewsCommand::Import { file, name, .. } => {
            let mut view = views::read_file(file).map_err(usage)?;
            if let Some(name) = name {
                view.name = name.clone();
            }
            let (_, missing) = view.focus_in(&ws.vault);
            let (name, _) =
                views::change_views(data, source, |l| l.add(view.clone())).map_err(usage)?;
            writeln!(out, "imported view “{name}”")?;
            warn_missing(&view, &missing, warnings)?;
        }
        ViewsCommand::Rename { name, new_name, .. } => {
            views::change_views(data, source, |l| l.rename(name, new_name)).map_err(usage)?;
            writeln!(out, "renamed view “{name}” to “{}”", new_name.trim())?;
        }
        ViewsCommand::Delete { name, .. } => {
            views::change_views(data, source, |l| l.delete(name)).map_err(usage)?;
            writeln!(out, "deleted view “{name}”")?;
        }
    }
    Ok(Outcome::Clean)
}

/// Each view with how many notes it shows of the vault now, and the notes
/// it names that the vault no longer has.
fn list_views(
    ws: &Workspace,
    list: &views::ViewList,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let rows: Vec<(&NamedView, usize, Vec<String>)> = (list.views.iter())
        .map(|view| {
            let shown = view.shown(&ws.vault, &ws.graph);
            let notes = (shown.nodes.iter())
                .filter(|&&n| ws.graph.note_of(n).is_some())
                .count();
            (view, notes, shown.missing)
        })
        .collect();
    if json {
        let rows: Vec<_> = (rows.iter())
            .map(|(view, notes, missing)| {
                json!({"name": view.name, "shown_notes": notes, "missing": missing, "view": view})
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &json!({ "views": rows }))
            .map_err(std::io::Error::from)?;
        writeln!(out)?;
        return Ok(());
    }
    if rows.is_empty() {
        writeln!(out, "no views saved for {}", ws.source.label())?;
    }
    for (view, notes, missing) in rows {
        let focus = match view.focus.len() {
            0 => String::new(),
            n => format!(", focus on {n} note(s) at depth {}", view.depth),
        };
        writeln!(out, "{}: {notes} notes{focus}", view.name)?;
        if !missing.is_empty() {
            writeln!(out, "  names notes no longer here: {}", missing.join(", "))?;
        }
    }
    Ok(())
}
