//! Progress commands, functions of the `App` applied from `apply.rs`: a status recorded in
//! notegraph's own data (per vault, with the settings; never in the note),
//! a review graded (its next one kept there too, taken in place),
//! and the window's two writes into a vault, each on an explicit click:
//! "Write to note" (only the `status:` value) and ticking a self-check
//! box (only that character, where the user turned it on); both follow
//! `vault::write`'s rules: atomically, refused on a file changed since it
//! was loaded. Each is applied to the loaded vault in place (`edits.rs`):
//! the panel keeps its tab and scroll, the canvas its camera, and the
//! watcher's echo of the write loads nothing.

use super::app::App;
use super::command::Redraw;
use super::model::Loaded;
use super::model::VaultSource;
use super::settings::CanvasMode;
use crate::analysis::review::{self, Grade, Schedule, Schedules};
use crate::vault::NoteId;
use crate::workspace::data::GradeLine;
use crate::workspace::Recorded;
use chrono::{DateTime, Utc};

/// Records `status` for `note` (none: forgets it), so that every view
/// counts it.
pub(super) fn record(app: &mut App, note: NoteId, status: Option<String>) -> Redraw {
    let Some(loaded) = app.shared.session.loaded() else {
        return Redraw::Nothing;
    };
    let source = loaded.source.clone();
    let path = loaded.vault.notes[note].path.clone();
    match set_recorded(app, &source, [(path, status)]) {
        Some(recorded) => edited(app, &[], &recorded),
        None => Redraw::Nothing,
    }
}

/// Records `notes` as learned (the first learned status of the options,
/// as the command line does), remembered as the last placement: the
/// reason the note panel gives, and what "Undo last placement" takes back.
pub(super) fn accept_placement(app: &mut App, notes: &[NoteId]) -> Redraw {
    let Some(loaded) = app.shared.session.loaded() else {
        return Redraw::Nothing;
    };
    let status = loaded.options.placed_status().to_string();
    let (source, vault) = (loaded.source.clone(), loaded.vault.clone());
    let paths: Vec<String> = (notes.iter())
        .map(|&n| vault.notes[n].path.clone())
        .collect();
    let records = &mut app.shared.session.records;
    match records.accept_placement(&source, &vault, &paths, &status) {
        Ok(recorded) => {
            let placed = (paths.iter()).map(|p| (p.clone(), status.clone()));
            app.shared.session.set_placed(placed.collect());
            app.shared.notices.say(format!(
                "{} notes recorded as {status} in notegraph (reason: placement); \
                 the notes are not changed",
                paths.len()
            ));
            edited(app, &[], &recorded)
        }
        Err(e) => {
            app.shared.notices.error = Some(e.to_string());
            Redraw::Nothing
        }
    }
}

/// Takes back what the last accepted placement recorded, in the window
/// or on the command line.
pub(super) fn undo_placement(app: &mut App) -> Redraw {
    let Some(loaded) = app.shared.session.loaded() else {
        return Redraw::Nothing;
    };
    let (source, vault) = (loaded.source.clone(), loaded.vault.clone());
    match app.shared.session.records.undo_placement(&source, &vault) {
        Ok((undone, recorded)) => {
            app.shared.session.set_placed(Recorded::new());
            (app.shared.notices).say(format!(
                "{} notes no longer recorded as learned (placement undone)",
                undone.len()
            ));
            edited(app, &[], &recorded)
        }
        Err(e) => {
            app.shared.notices.error = Some(e.to_string());
            Redraw::Nothing
        }
    }
}

/// Grades the review of `note` now, as the command line does
/// (`review::Deck`: a Good or Easy also pushes out the prerequisites it
/// used): worked out from what notegraph's data holds now, kept there (or
/// for this run, with no data folder), and taken by the loaded vault in
/// place, so that the review tab shows its next card at once.
pub(super) fn grade(app: &mut App, note: NoteId, grade: Grade) -> Redraw {
    let now = chrono::Utc::now();
    let Some(loaded) = app.shared.session.loaded() else {
        return Redraw::Nothing;
    };
    let (source, vault) = (loaded.source.clone(), loaded.vault.clone());
    let kept = match app.shared.session.records.schedules_now(&source, &vault) {
        Ok(kept) => kept,
        Err(e) => {
            app.shared.notices.error = Some(e.to_string());
            return Redraw::Nothing;
        }
    };
    let retention = app.shared.settings.review_retention;
    let (line, changes, message) = graded(loaded, &kept, note, (grade, retention), now);
    let session = &mut app.shared.session;
    match session
        .records
        .keep_review(&source, &vault, &line, changes.clone())
    {
        Ok(()) => {
            let mut all = kept;
            all.extend(changes);
            session.count_review(&line);
            session.set_schedules(all);
            app.shared.notices.say(message);
        }
        Err(e) => app.shared.notices.error = Some(e.to_string()),
    }
    Redraw::Nothing
}

/// What grading `note` at `now` for a desired retention changes (by note
/// key), the line to log, and what to tell the user.
fn graded(
    loaded: &Loaded,
    kept: &Schedules,
    note: NoteId,
    (grade, retention): (Grade, f64),
    now: DateTime<Utc>,
) -> (GradeLine, Vec<(String, Schedule)>, String) {
    let (config, fsrs) = (loaded.study_config(), review::scheduler(retention));
    let deck = review::Deck {
        vault: &loaded.vault,
        graph: &loaded.graph,
        config: &config,
        fsrs: &fsrs,
    };
    let done = deck.review(kept, note, grade, now);
    let key = |n: NoteId| review::key_of(&loaded.vault.notes[n]);
    let line = GradeLine {
        at: now,
        key: key(note),
        path: loaded.vault.notes[note].path.clone(),
        grade,
        due: done.schedule.due,
    };
    let pushed = (done.pushed.iter()).map(|(p, s)| (key(*p), s.clone()));
    let changes = std::iter::once((line.key.clone(), done.schedule.clone()));
    let changes: Vec<_> = changes.chain(pushed).collect();
    let days = review::days_until(&done.schedule, now);
    let mut message = format!(
        "“{}”: {grade:?}; next review {} (in {days} days)",
        loaded.names[note],
        done.schedule.due.date_naive()
    );
    if !done.pushed.is_empty() {
        let n = done.pushed.len();
        message += &format!("; {n} prerequisite(s) it used come up later");
    }
    if !done.first.is_empty() {
        let first: Vec<&str> = done.first.iter().map(|&p| &*loaded.names[p]).collect();
        message += &format!("; go over first: {}", first.join(", "));
    }
    (line, changes, message)
}

/// Applies the window's own change in place, `texts` the new text of
/// each note it wrote into, and works the open plan out again where
/// it is (no jump to its tab); else loads again.
fn edited(app: &mut App, texts: &[(NoteId, String)], recorded: &Recorded) -> Redraw {
    let options = app.shared.settings.options();
    if !app.shared.session.edit(texts, recorded, options) {
        return Redraw::Nothing;
    }
    let target = (app.shared.focus.plan.as_ref()).and_then(|p| p.targets.first().copied());
    if target.is_some() {
        app.plan_for(target, false);
    }
    let layered = app.shared.settings.view.canvas == CanvasMode::Prerequisites;
    // The prerequisite view draws the plan's notes only, and a status
    // filter may now leave the note out: what is shown changes, but
    // the camera and every other node stay where they are.
    let filtered = !app.shared.settings.filter.statuses.is_empty();
    if (layered && target.is_some()) || filtered {
        app.views.canvas.keep_place_once();
        Redraw::Rebuild
    } else {
        Redraw::Restyle
    }
}

/// Sets or forgets recorded statuses of one vault, in notegraph's data
/// (read again first, so that a mark made meanwhile on the command line
/// stays); returns all it records for the vault, none when that failed.
fn set_recorded(
    app: &mut App,
    source: &VaultSource,
    changes: impl IntoIterator<Item = (String, Option<String>)>,
) -> Option<Recorded> {
    let vault = app.shared.session.loaded()?.vault.clone();
    match app.shared.session.records.record(source, &vault, changes) {
        Ok(recorded) => Some(recorded),
        Err(e) => {
            app.shared.notices.error = Some(e.to_string());
            None
        }
    }
}

/// What is recorded for the open vault now.
fn recorded_now(app: &App, source: &VaultSource) -> Recorded {
    let records = &app.shared.session.records;
    match app.shared.session.loaded() {
        Some(loaded) => records.read_in(source, &loaded.vault).0,
        None => records.read(source).0,
    }
}

/// Ticks or clears one self-check box in `note`'s file.
pub(super) fn tick_box(app: &mut App, id: NoteId, marker: usize, ticked: bool) -> Redraw {
    let Some(loaded) = app.shared.session.loaded() else {
        return Redraw::Nothing;
    };
    let VaultSource::Folder(root) = &loaded.source else {
        app.shared.notices.error = Some("the bundled sample is read-only".into());
        return Redraw::Nothing;
    };
    if !app.shared.settings.tick_boxes_in_notes {
        return Redraw::Nothing;
    }
    let note = &loaded.vault.notes[id];
    match crate::vault::write::set_box(root, note, marker, ticked) {
        Ok(text) => {
            let line = crate::vault::lines::line_of(&note.text, marker);
            let what = if ticked { "ticked" } else { "cleared" };
            app.shared
                .notices
                .say(format!("{what} line {line} of {}", note.path));
            let recorded = recorded_now(app, &loaded.source.clone());
            edited(app, &[(id, text)], &recorded)
        }
        Err(e) => {
            app.shared.notices.error = Some(e.to_string());
            Redraw::Nothing
        }
    }
}

/// Writes the recorded status of each of `notes` into its file, then
/// forgets the record (the note now says it).
pub(super) fn write_to_notes(app: &mut App, notes: &[NoteId]) -> Redraw {
    let Some(loaded) = app.shared.session.loaded() else {
        return Redraw::Nothing;
    };
    let VaultSource::Folder(root) = &loaded.source else {
        app.shared.notices.error = Some("the bundled sample is read-only".into());
        return Redraw::Nothing;
    };
    let (mut written, mut failures) = (Vec::new(), Vec::new());
    for &id in notes {
        let note = &loaded.vault.notes[id];
        let Some(status) = note.frontmatter.status.clone() else {
            continue;
        };
        // The file must still hold the text loaded (the recorded status
        // lives only in memory and in notegraph's data).
        match crate::vault::write::set_status(root, note, &status) {
            Ok((_, text)) => written.push((id, note.path.clone(), text)),
            Err(e) => failures.push(e.to_string()),
        }
    }
    let source = loaded.source.clone();
    let count = written.len();
    let forget = written.iter().map(|(_, path, _)| (path.clone(), None));
    let recorded =
        (set_recorded(app, &source, forget)).unwrap_or_else(|| recorded_now(app, &source));
    if count > 0 {
        (app.shared.notices).say(format!("status written into {count} note(s)"));
    }
    if !failures.is_empty() {
        app.shared.notices.error = Some(failures.join("; "));
    }
    let texts: Vec<_> = (written.into_iter())
        .map(|(id, _, text)| (id, text))
        .collect();
    edited(app, &texts, &recorded)
}
