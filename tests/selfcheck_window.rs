//! A note's self-check in the window: ticking a box from the note panel
//! (only where the user turned writing on, one character, read back), the
//! "self-check" colouring and the panel's reasons.

mod common;

use common::{harness, note_id, open_selected, wait_for_label};
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use notegraph::gui::{App, ColorBy, Command, Settings, VaultSource};

const NOTE: &str = "---\ntitle: Note\n---\n# Note\n\n## Quick self-check\n- [x] I can define it\n- [ ] I can use it\n";

/// A vault of a note with a self-check, one fully ticked, one without, and
/// one with nothing ticked.
fn vault() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write("note.md", NOTE);
    write(
        "done.md",
        "# Done\n\n[[note]]\n\n### Self-check (2)\n- [x] one\n- [X] two\n",
    );
    write("plain.md", "# Plain\n\n[[note]] and [[done]]\n");
    write(
        "fresh.md",
        "# Fresh\n\n## Самопроверка\n- [ ] Я могу объяснить\n",
    );
    dir
}

/// The panel's box of that text (the note's body below shows the same
/// list again).
fn panel_box<'a>(h: &'a Harness<'_, App>, text: &'a str) -> egui_kittest::Node<'a> {
    h.query_all_by_label(text).next().expect(text)
}

/// Off by default: a click on a box changes nothing; turned on, the click
/// ticks that box in the file (one byte changes) and the panel reads it
/// back, the selection kept.
#[test]
fn a_click_ticks_a_box_in_the_file_only_when_turned_on() {
    let dir = vault();
    let file = dir.path().join("note.md");
    let (mut h, id) = open_selected(dir.path(), "note.md");
    assert!(h.query_by_label("Self-check 1/2").is_some());
    panel_box(&h, "I can use it").click();
    h.run_steps(3);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        NOTE,
        "read-only by default"
    );

    h.state_mut().push(Command::TickBoxesInNotes(true));
    h.run_steps(2);
    panel_box(&h, "I can use it").click();
    h.run_steps(2);
    let after = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        after,
        NOTE.replace("- [ ] I can use it", "- [x] I can use it")
    );
    let changed = (after.bytes().zip(NOTE.bytes()))
        .filter(|(a, b)| a != b)
        .count();
    assert_eq!((changed, after.len()), (1, NOTE.len()), "one character");
    wait_for_label(&mut h, "Self-check 2/2");
    assert_eq!(h.state().selected(), Some(id));
    assert!(h.state().settings().tick_boxes_in_notes);

    // And back: clearing it restores the file byte for byte.
    panel_box(&h, "I can define it").click();
    h.run_steps(2);
    wait_for_label(&mut h, "Self-check 1/2");
    let cleared = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        cleared,
        NOTE.replace("- [x] I can define it", "- [ ] I can define it")
            .replace("- [ ] I can use it", "- [x] I can use it")
    );
}

/// A file changed since it was loaded is not written: the click is refused
/// with a message, and the other editor's text stays.
#[test]
fn a_box_in_a_file_changed_since_loading_is_not_written() {
    let dir = vault();
    let file = dir.path().join("note.md");
    let settings = Settings {
        tick_boxes_in_notes: true,
        ..Settings::default()
    };
    let app = App::new_blocking(settings, VaultSource::Folder(dir.path().into()));
    let id = note_id(&app, "note.md");
    let mut h = harness(app);
    h.state_mut().push(Command::Select(id));
    h.run_steps(3);
    let theirs = NOTE.replace("# Note\n", "# Note\n\nA line from another editor.\n");
    std::fs::write(&file, &theirs).unwrap();
    panel_box(&h, "I can use it").click();
    h.run_steps(2);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), theirs);
    let error = h.state().error().unwrap_or_default().to_string();
    assert!(error.contains("changed on disk"), "{error}");
}

/// The "self-check" colouring has a key of its states, each note's tally
/// is what its file holds, and the panel says why a note counts as learned
/// or in progress when checks count.
#[test]
fn self_check_colours_and_reasons() {
    let dir = vault();
    let mut settings = Settings {
        learned_from_checks: true,
        ..Settings::default()
    };
    settings.view.color_by = ColorBy::SelfCheck;
    let app = App::new_blocking(settings, VaultSource::Folder(dir.path().into()));
    let loaded = app.loaded().unwrap();
    let tally = |path: &str| {
        let t = loaded.self_checks()[note_id(&app, path)]?;
        Some((t.ticked, t.total))
    };
    assert_eq!(tally("note.md"), Some((1, 2)));
    assert_eq!(tally("done.md"), Some((2, 2)));
    assert_eq!(tally("fresh.md"), Some((0, 1)));
    assert_eq!(tally("plain.md"), None);
    let (note, done) = (note_id(&app, "note.md"), note_id(&app, "done.md"));
    let mut h = harness(app);
    for key in [
        "self-check all ticked",
        "some ticked",
        "none ticked",
        "no self-check",
    ] {
        assert!(h.query_by_label(key).is_some(), "the key lacks {key:?}");
    }
    h.state_mut().push(Command::Select(done));
    h.run_steps(3);
    assert!(h
        .query_by_label("learned · all 2 self-checks ticked")
        .is_some());
    h.state_mut().push(Command::Select(note));
    h.run_steps(3);
    assert!(h
        .query_by_label("in progress — 1 of 2 self-checks ticked")
        .is_some());
}
