//! The write rules, on strings and on files.

use super::*;

fn set(text: &str, status: &str) -> Result<String, String> {
    edit_status(text, status).map(|e| e.0)
}

#[test]
fn only_the_value_changes() {
    let text = "---\nid: raft # the id\ntitle: 'Raft'\nstatus: learning   # was new\ntags: [a, b]\n---\n# Raft\n";
    let out = set(text, "mastered").unwrap();
    assert_eq!(out, text.replace("status: learning ", "status: mastered "));
    let (_, done) = edit_status(text, "mastered").unwrap();
    assert_eq!(
        done,
        StatusWrite {
            line: 4,
            old: Some("learning".into())
        }
    );
}

#[test]
fn line_endings_and_quotes_are_kept() {
    let text = "---\r\nid: x\r\nstatus: \"learning\"\r\n---\r\nbody\r\n";
    assert_eq!(
        set(text, "mastered").unwrap(),
        "---\r\nid: x\r\nstatus: mastered\r\n---\r\nbody\r\n"
    );
    let added = set("---\r\nid: x\r\n---\r\nbody", "stale").unwrap();
    assert_eq!(added, "---\r\nid: x\r\nstatus: stale\r\n---\r\nbody");
}

#[test]
fn a_note_without_frontmatter_gets_a_minimal_block() {
    assert_eq!(
        set("# Title\n\ntext\n", "learning").unwrap(),
        "---\nstatus: learning\n---\n# Title\n\ntext\n"
    );
}

#[test]
fn refuses_what_it_cannot_change_safely() {
    let cases = [
        ("---\nstatus: [a, b]\n---\n", "list"),
        ("---\nstatus:\n  - a\n---\n", "block list"),
        ("---\nstatus: |\n  learning\n---\n", "block scalar"),
        ("---\nstatus: learn\n  ing\n---\n", "two-line plain scalar"),
        ("---\nstatus: a\nstatus: b\n---\n", "twice"),
        ("---\nid: [unclosed\n---\n", "invalid YAML"),
        ("---\nid: x\n", "unclosed block"),
        ("---\nstatus: \"open\n---\n", "unclosed quote"),
    ];
    for (text, what) in cases {
        assert!(set(text, "mastered").is_err(), "{what} was edited");
    }
    for bad in ["", "yes", "1.5", "a: b", "x\ny", "-dash", "#x"] {
        assert!(
            set("---\nstatus: learning\n---\n", bad).is_err(),
            "{bad:?} written"
        );
    }
    // Nested keys named status are not the note's.
    let nested = "---\nreview:\n  status: done\n---\n";
    let out = set(nested, "learning").unwrap();
    assert_eq!(out, "---\nreview:\n  status: done\nstatus: learning\n---\n");
}

/// A line that only looks like `status:`, inside another key's
/// multi-line quoted string or flow list, is not the key: the real
/// key's value changes, or a line is added, and every other key reads
/// as before. A comment after a tab stays.
#[test]
fn only_the_top_level_key_is_edited_and_the_yaml_stays_valid() {
    let quoted = "---\ntitle: \"A long\nstatus: learning\"\nstatus: new\n---\n";
    assert_eq!(
        set(quoted, "mastered").unwrap(),
        quoted.replace("status: new", "status: mastered")
    );
    let flow = "---\ntags: [a,\nstatus: x]\nstatus: learning\n---\n";
    assert_eq!(
        set(flow, "mastered").unwrap(),
        flow.replace("status: learning", "status: mastered")
    );
    let only_look_alike = "---\ntitle: \"A long\nstatus: learning\"\n---\nbody\n";
    assert_eq!(
        set(only_look_alike, "mastered").unwrap(),
        "---\ntitle: \"A long\nstatus: learning\"\nstatus: mastered\n---\nbody\n"
    );
    let tab = "---\nstatus: learning\t# keep me\n---\n";
    assert_eq!(
        set(tab, "mastered").unwrap(),
        "---\nstatus: mastered\t# keep me\n---\n"
    );
    let quoted_hash = "---\nstatus: 'a # b' # note\n---\n";
    assert_eq!(
        set(quoted_hash, "c").unwrap(),
        "---\nstatus: c # note\n---\n"
    );
    // A value YAML would read as a number is caught by the strict check.
    assert!(set("---\nstatus: x\n---\n", "0x1F").is_err());
}

#[test]
fn a_box_changes_by_one_character() {
    let text = "## Self-check\n- [ ] one\n- [X] two\n";
    let one = text.find("[ ]").unwrap();
    let two = text.find("[X]").unwrap();
    assert_eq!(
        edit_box(text, one, true).unwrap(),
        "## Self-check\n- [x] one\n- [X] two\n"
    );
    assert_eq!(
        edit_box(text, two, false).unwrap(),
        "## Self-check\n- [ ] one\n- [ ] two\n"
    );
    assert!(edit_box(text, one, false).is_err(), "already clear");
    assert!(edit_box(text, two, true).is_err(), "already ticked");
    assert!(edit_box(text, 0, true).is_err(), "not a box");
    assert!(
        edit_box(text, text.len() - 1, true).is_err(),
        "past the end"
    );
    let wide = "## 自测\n- [ ] 我能解释\n";
    assert!(edit_box(wide, wide.find('我').unwrap() - 1, true).is_err());
}

#[test]
fn writes_through_the_file_and_refuses_a_changed_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.md");
    let original = "\u{FEFF}---\nid: n\nstatus: learning\n---\nbody\n";
    std::fs::write(&path, original).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    let vault = crate::vault::load(dir.path()).unwrap();
    let note = &vault.notes[0];
    let (_, text) = set_status(dir.path(), note, "mastered").unwrap();
    let after = std::fs::read_to_string(&path).unwrap();
    assert_eq!(format!("\u{FEFF}{text}"), after, "the new text, as loaded");
    assert_eq!(
        after,
        original.replace("learning", "mastered"),
        "BOM and the rest kept"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
    // The loaded note no longer matches the file: refused.
    let err = set_status(dir.path(), note, "stale").unwrap_err();
    assert!(matches!(err, WriteError::Changed(_)), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), after);
    let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(leftovers, 1, "no temporary file left behind");
}
