//! Progress commands, applied from `apply.rs`: a status recorded in
//! notegraph's own data (per vault, with the settings; never in the note),
//! and the window's two writes into a vault, each on an explicit click:
//! "Write to note" (only the `status:` value) and ticking a self-check
//! box (only that character, where the user turned it on); both follow
//! `vault::write`'s rules: atomically, refused on a file changed since it
//! was loaded. Each is applied to the loaded vault in place (`edits.rs`):
//! the panel keeps its tab and scroll, the canvas its camera, and the
//! watcher's echo of the write loads nothing.

use super::app::App;
use super::apply::Redraw;
use super::model::VaultSource;
use super::settings::CanvasMode;
use crate::vault::NoteId;

impl App {
    /// Records `status` for `note` (none: forgets it), so that every view
    /// counts it.
    pub(super) fn record(&mut self, note: NoteId, status: Option<String>) -> Redraw {
        let Some(loaded) = self.shared.session.loaded() else {
            return Redraw::Nothing;
        };
        let label = loaded.source.label();
        let path = loaded.vault.notes[note].path.clone();
        self.set_recorded(&label, [(path, status)]);
        self.edited(&[])
    }

    /// Applies the window's own change in place, `texts` the new text of
    /// each note it wrote into, and works the open plan out again where
    /// it is (no jump to its tab); else loads again.
    fn edited(&mut self, texts: &[(NoteId, String)]) -> Redraw {
        let study = self.shared.settings.study_config();
        if !self.shared.session.edit(texts, study) {
            return Redraw::Nothing;
        }
        let target = (self.shared.focus.plan.as_ref()).and_then(|p| p.targets.first().copied());
        if target.is_some() {
            self.plan_for(target, false);
        }
        let layered = self.shared.settings.view.canvas == CanvasMode::Prerequisites;
        // The prerequisite view draws the plan's notes only, and a status
        // filter may now leave the note out: what is shown changes, but
        // the camera and every other node stay where they are.
        let filtered = !self.shared.settings.filter.statuses.is_empty();
        if (layered && target.is_some()) || filtered {
            self.views.canvas.keep_place_once();
            Redraw::Rebuild
        } else {
            Redraw::Restyle
        }
    }

    /// Sets or forgets recorded statuses of one vault, in the settings and
    /// for the next load.
    fn set_recorded(
        &mut self,
        label: &str,
        changes: impl IntoIterator<Item = (String, Option<String>)>,
    ) {
        let recorded = &mut self.shared.settings.recorded;
        let by_path = recorded.entry(label.to_string()).or_default();
        for (path, status) in changes {
            match status {
                Some(s) => by_path.insert(path, s),
                None => by_path.remove(&path),
            };
        }
        if by_path.is_empty() {
            recorded.remove(label);
        }
        self.shared.session.recorded = recorded.clone();
    }

    /// Ticks or clears one self-check box in `note`'s file.
    pub(super) fn tick_box(&mut self, id: NoteId, marker: usize, ticked: bool) -> Redraw {
        let Some(loaded) = self.shared.session.loaded() else {
            return Redraw::Nothing;
        };
        let VaultSource::Folder(root) = &loaded.source else {
            self.shared.notices.error = Some("the bundled sample is read-only".into());
            return Redraw::Nothing;
        };
        if !self.shared.settings.tick_boxes_in_notes {
            return Redraw::Nothing;
        }
        let note = &loaded.vault.notes[id];
        match crate::vault::write::set_box(root, note, marker, ticked) {
            Ok(text) => {
                let line = crate::vault::lines::line_of(&note.text, marker);
                let what = if ticked { "ticked" } else { "cleared" };
                self.shared
                    .notices
                    .say(format!("{what} line {line} of {}", note.path));
                self.edited(&[(id, text)])
            }
            Err(e) => {
                self.shared.notices.error = Some(e.to_string());
                Redraw::Nothing
            }
        }
    }

    /// Writes the recorded status of each of `notes` into its file, then
    /// forgets the record (the note now says it).
    pub(super) fn write_to_notes(&mut self, notes: &[NoteId]) -> Redraw {
        let Some(loaded) = self.shared.session.loaded() else {
            return Redraw::Nothing;
        };
        let VaultSource::Folder(root) = &loaded.source else {
            self.shared.notices.error = Some("the bundled sample is read-only".into());
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
        let label = loaded.source.label();
        let count = written.len();
        let forget = written.iter().map(|(_, path, _)| (path.clone(), None));
        self.set_recorded(&label, forget);
        if count > 0 {
            (self.shared.notices).say(format!("status written into {count} note(s)"));
        }
        if !failures.is_empty() {
            self.shared.notices.error = Some(failures.join("; "));
        }
        let texts: Vec<_> = (written.into_iter())
            .map(|(id, _, text)| (id, text))
            .collect();
        self.edited(&texts)
    }
}
