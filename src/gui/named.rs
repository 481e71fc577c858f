//! Named views, applied: what the window shows kept under a name, and
//! shown again, as commands in place (nothing loads again); kept with
//! the session's records (`records.rs`: notegraph's data folder, or this
//! run's memory). The view type and its file live in `workspace::views`,
//! which the command line shares.

use super::app::App;
use super::command::{Redraw, ViewsCommand};
use super::model::Loaded;
use crate::workspace::views::{self, NamedView, ViewCamera, ViewError, ViewList};

/// Applies one command of the Views menu; returns what the canvas needs.
pub(super) fn apply(app: &mut App, command: ViewsCommand) -> Redraw {
    let Some(loaded) = app.shared.session.loaded() else {
        return Redraw::Nothing;
    };
    let said = match command {
        ViewsCommand::Open(name) => return open(app, &name),
        ViewsCommand::Save(name) => {
            let view = capture(app, loaded, &name);
            change(app, |l| l.save(view)).map(|()| format!("view “{}” saved", name.trim()))
        }
        ViewsCommand::Rename { from, to } => change(app, |l| l.rename(&from, &to))
            .map(|()| format!("view “{from}” renamed “{}”", to.trim())),
        ViewsCommand::Duplicate(name) => {
            change(app, |l| l.duplicate(&name)).map(|copy| format!("view “{copy}” added"))
        }
        ViewsCommand::Delete(name) => {
            change(app, |l| l.delete(&name)).map(|_| format!("view “{name}” deleted"))
        }
        ViewsCommand::Export(name, file) => export(app, loaded, &name, &file),
        ViewsCommand::Import(file) => import(app, &file),
    };
    match said {
        Ok(text) | Err(text) => app.shared.notices.say(text),
    }
    Redraw::Nothing
}

/// Changes the open vault's views where they are kept; the window's list
/// follows. What went wrong, in words.
fn change<T>(
    app: &mut App,
    change: impl FnOnce(&mut ViewList) -> Result<T, ViewError>,
) -> Result<T, String> {
    let Some(loaded) = app.shared.session.loaded() else {
        return Err("no vault is open".into());
    };
    let source = loaded.source.clone();
    let records = &mut app.shared.session.records;
    let (out, list) = (records.change_views(&source, change)).map_err(|e| e.to_string())?;
    app.shared.named_views = list;
    Ok(out)
}

/// What the window shows now, as a view named `name`.
pub(super) fn capture(app: &App, loaded: &Loaded, name: &str) -> NamedView {
    let (settings, focus) = (&app.shared.settings, &app.shared.focus);
    let view = &settings.view;
    let mut out = NamedView {
        name: name.to_string(),
        filter: settings.filter.clone(),
        color_by: view.color_by,
        size_by: view.size_by,
        layout: view.canvas,
        ghosts: view.show_ghosts,
        orphans_only: view.orphans_only,
        depth: view.local_depth,
        fade: view.fade_outside_focus,
        folded: focus.folded.clone(),
        camera: (app.views.canvas.looking()).map(|(zoom, centre)| ViewCamera { zoom, centre }),
        ..NamedView::default()
    };
    out.set_edge_switches(view.edge_kinds);
    out.set_focus(&focus.set, &loaded.vault);
    out
}

/// Shows view `name`: its settings, focus and folded groups, and its
/// camera over the fit a new scene starts. Notes the vault no longer has
/// drop out, with a message.
fn open(app: &mut App, name: &str) -> Redraw {
    let (Some(loaded), Some(view)) = (
        app.shared.session.loaded(),
        app.shared.named_views.get(name),
    ) else {
        (app.shared.notices).say(format!("no view named “{name}” for this vault"));
        return Redraw::Nothing;
    };
    let view = view.clone();
    let (set, missing) = view.focus_in(&loaded.vault);
    app.shared.settings.lay_over(&view);
    let focus = &mut app.shared.focus;
    focus.set = set;
    focus.folded = view.folded.clone();
    (focus.community, focus.path) = (None, None);
    match view.camera {
        Some(c) => app.views.canvas.look_at(c.zoom, c.centre),
        None => app.views.canvas.fit(),
    }
    let notices = &mut app.shared.notices;
    match missing.len() {
        0 => notices.say(format!("view “{name}” shown")),
        n => notices.say(format!(
            "view “{name}” names {n} note(s) this vault no longer has, left out: {}",
            missing.join(", ")
        )),
    }
    Redraw::Rebuild
}

fn export(
    app: &App,
    loaded: &Loaded,
    name: &str,
    file: &std::path::Path,
) -> Result<String, String> {
    let view = (app.shared.named_views.get(name)).ok_or(format!("no view named “{name}”"))?;
    let notes: Vec<String> = loaded.vault.notes.iter().map(|n| n.path.clone()).collect();
    views::write_file(view, file, loaded.vault.root(), &notes).map_err(|e| e.to_string())?;
    Ok(format!("view “{name}” exported to {}", file.display()))
}

fn import(app: &mut App, file: &std::path::Path) -> Result<String, String> {
    let view = views::read_file(file).map_err(|e| e.to_string())?;
    let loaded = app.shared.session.loaded();
    let missing = loaded.map_or(0, |l| view.focus_in(&l.vault).1.len());
    let name = change(app, |l| l.add(view))?;
    Ok(match missing {
        0 => format!("view “{name}” imported"),
        n => format!("view “{name}” imported; it names {n} note(s) this vault does not have"),
    })
}
