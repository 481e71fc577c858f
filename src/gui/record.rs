//! Progress commands, applied from `apply.rs`: a status recorded in
//! notegraph's own data (per vault, with the settings; never in the note),
//! and the window's two writes into a vault, each on an explicit click:
//! "Write to note" (only the `status:` value) and ticking a self-check
//! box (only that character, where the user turned it on); both follow
//! `vault::write`'s rules: atomically, refused on a file changed since it
//! was loaded.

use super::app::App;
use super::model::VaultSource;
use crate::vault::NoteId;

impl App {
    /// Records `status` for `note` (none: forgets it) and reloads, so that
    /// every view counts it.
    pub(super) fn record(&mut self, note: NoteId, status: Option<String>) {
        let Some(loaded) = self.shared.session.loaded() else {
            return;
        };
        let label = loaded.source.label();
        let path = loaded.vault.notes[note].path.clone();
        self.set_recorded(&label, [(path, status)]);
        let study = self.shared.settings.study_config();
        self.shared.session.reload(study);
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

    /// Ticks or clears one self-check box in `note`'s file, then reloads
    /// (the watcher would too, a moment later).
    pub(super) fn tick_box(&mut self, note: NoteId, marker: usize, ticked: bool) {
        let Some(loaded) = self.shared.session.loaded() else {
            return;
        };
        let VaultSource::Folder(root) = &loaded.source else {
            self.shared.notices.error = Some("the bundled sample is read-only".into());
            return;
        };
        if !self.shared.settings.tick_boxes_in_notes {
            return;
        }
        let note = &loaded.vault.notes[note];
        match crate::vault::write::set_box(root, note, marker, ticked) {
            Ok(()) => {
                let line = note.text[..marker].matches('\n').count() + 1;
                let what = if ticked { "ticked" } else { "cleared" };
                self.shared.notices.message = Some(format!("{what} line {line} of {}", note.path));
            }
            Err(e) => self.shared.notices.error = Some(e.to_string()),
        }
        let study = self.shared.settings.study_config();
        self.shared.session.reload(study);
    }

    /// Writes the recorded status of each of `notes` into its file, then
    /// forgets the record (the note now says it) and reloads.
    pub(super) fn write_to_notes(&mut self, notes: &[NoteId]) {
        let Some(loaded) = self.shared.session.loaded() else {
            return;
        };
        let VaultSource::Folder(root) = &loaded.source else {
            self.shared.notices.error = Some("the bundled sample is read-only".into());
            return;
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
                Ok(_) => written.push(note.path.clone()),
                Err(e) => failures.push(e.to_string()),
            }
        }
        let label = loaded.source.label();
        let count = written.len();
        self.set_recorded(&label, written.into_iter().map(|p| (p, None)));
        self.shared.notices.message =
            (count > 0).then(|| format!("status written into {count} note(s)"));
        if !failures.is_empty() {
            self.shared.notices.error = Some(failures.join("; "));
        }
        let study = self.shared.settings.study_config();
        self.shared.session.reload(study);
    }
}
