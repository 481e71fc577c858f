//! A fully ticked self-check makes a note learned by the user's own list,
//! in the command line and the window alike, and never lowers a learned
//! status: `--learned finished --learned-from-checks` kept a finished note
//! learned only by turning it into `mastered`, which that list does not
//! count.

mod common;

use common::{harness, notegraph, write};
use notegraph::gui::{App, Settings, VaultSource};

fn vault() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let check = |ticks: &str| format!("\n### Quick self-check\n{ticks}");
    let a = format!(
        "---\nid: a\nstatus: finished\n---\n# a\n{}",
        check("- [x] one\n- [x] two\n")
    );
    write(root, "a.md", a);
    let d = format!(
        "---\nid: d\nstatus: todo\n---\n# d\n{}",
        check("- [x] one\n")
    );
    write(root, "d.md", d);
    write(
        root,
        "b.md",
        "---\nid: b\nstatus: todo\n---\n# b\n\n### Prerequisites\n- [[a]]\n- [[d]]\n",
    );
    dir
}

#[test]
fn order_keeps_a_finished_fully_ticked_note_learned() {
    let dir = vault();
    let out = notegraph(&[
        "order",
        dir.path().to_str().unwrap(),
        "b",
        "--learned",
        "finished",
        "--learned-from-checks",
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("Study plan for b: 1 step(s)\n"), "{text}");
    assert!(!text.contains("a.md"), "a is learned, not a step: {text}");
    assert!(!text.contains("d.md"), "d is learned by its boxes: {text}");
}

#[test]
fn the_window_keeps_it_learned_too() {
    let dir = vault();
    let settings = Settings {
        learned_statuses: vec!["finished".to_string()],
        learned_from_checks: true,
        ..Settings::default()
    };
    let app = App::new_blocking(settings, VaultSource::Folder(dir.path().into()));
    let h = harness(app);
    let loaded = h.state().loaded().unwrap();
    let status = |path: &str| {
        let id = loaded.vault.note_by_path(path).unwrap();
        loaded.vault.notes[id].frontmatter.status.clone()
    };
    assert_eq!(status("a.md").as_deref(), Some("finished"), "never lowered");
    assert_eq!(
        status("d.md").as_deref(),
        Some("finished"),
        "the user's own learned status"
    );
}
