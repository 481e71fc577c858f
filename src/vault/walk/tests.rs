//! Tests of `walk.rs`.
use super::*;
use crate::vault::Target;

/// A FIFO named like a note would block a reader forever: it is never
/// opened, and says so.
#[cfg(unix)]
#[test]
fn special_files_are_reported_not_opened() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), "# A").unwrap();
    let fifo = dir.path().join("pipe.md");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        panic!("mkfifo is needed for this test");
    }
    let vault = crate::vault::load(dir.path()).unwrap();
    assert_eq!(vault.notes.len(), 1);
    let d = vault
        .diagnostics
        .iter()
        .find(|d| d.path == "pipe.md")
        .expect("a diagnostic");
    assert!(d.message.contains("not a regular file"), "{d:?}");
}

#[cfg(unix)]
#[test]
fn names_that_read_the_same_keep_both_files() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    for raw in [&b"\xffa.md"[..], b"\xfea.md", b"\xfda.md"] {
        std::fs::write(dir.path().join(std::ffi::OsStr::from_bytes(raw)), "# x").unwrap();
    }
    let v = load(dir.path()).unwrap();
    let paths: HashSet<&str> = v.notes.iter().map(|n| n.path.as_str()).collect();
    assert_eq!(paths.len(), 3, "{paths:?}");
    let renamed = v
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("also reads"))
        .count();
    assert_eq!(renamed, 2);
}

#[cfg(unix)]
#[test]
fn a_name_made_valid_gives_way_to_a_valid_one_and_takes_its_own_title() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    // `\x80a.md` reads `�a.md`, which a valid name holds already.
    for raw in [&b"\x80a.md"[..], "\u{FFFD}a.md".as_bytes(), b"\xffa.md"] {
        std::fs::write(dir.path().join(std::ffi::OsStr::from_bytes(raw)), "text").unwrap();
    }
    let v = load(dir.path()).unwrap();
    let named: Vec<(&str, &str)> = (v.notes.iter())
        .map(|n| (n.path.as_str(), n.title.as_str()))
        .collect();
    assert_eq!(
        named,
        [
            ("\u{FFFD}a (2).md", "\u{FFFD}a (2)"),
            ("\u{FFFD}a (3).md", "\u{FFFD}a (3)"),
            ("\u{FFFD}a.md", "\u{FFFD}a"),
        ]
    );
    // Each name made valid says so under the name it is listed by.
    let invalid: Vec<&str> = (v.diagnostics.iter())
        .filter(|d| d.message.contains("not valid UTF-8"))
        .map(|d| d.path.as_str())
        .collect();
    assert_eq!(invalid, ["\u{FFFD}a (2).md", "\u{FFFD}a (3).md"]);
}

#[test]
fn deep_trees_load_every_note() {
    let dir = tempfile::tempdir().unwrap();
    let mut at = dir.path().to_path_buf();
    for depth in 0..300 {
        at.push("d");
        std::fs::create_dir(&at).unwrap();
        if depth % 50 == 0 {
            std::fs::write(at.join(format!("n{depth}.md")), "# N").unwrap();
        }
    }
    let v = load(dir.path()).unwrap();
    assert_eq!(v.notes.len(), 6);
    assert!(v.notes.iter().any(|n| n.path.ends_with("/n250.md")));
    assert!(v.diagnostics.is_empty(), "{:?}", v.diagnostics);
}

#[test]
fn load_skips_hidden_folders_and_non_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join(".obsidian")).unwrap();
    std::fs::create_dir_all(root.join("sub")).unwrap();
    std::fs::write(root.join(".obsidian/x.md"), "hidden").unwrap();
    std::fs::write(root.join("sub/a.md"), "[[b]]").unwrap();
    std::fs::write(root.join("b.MD"), "").unwrap();
    std::fs::write(root.join("c.txt"), "").unwrap();
    let v = load(root).unwrap();
    let paths: Vec<_> = v.notes.iter().map(|n| n.path.as_str()).collect();
    assert_eq!(paths, ["b.MD", "sub/a.md"]);
    assert!(matches!(v.notes[1].links[0].target, Target::Note(0)));
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_escapes_are_not_followed() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.md"), "secret").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("sub")).unwrap();
    std::fs::write(root.join("sub/a.md"), "a").unwrap();
    std::os::unix::fs::symlink(root, root.join("sub/loop")).unwrap();
    std::os::unix::fs::symlink(outside.path(), root.join("out")).unwrap();
    let v = load(root).unwrap();
    let paths: Vec<_> = v.notes.iter().map(|n| n.path.as_str()).collect();
    assert_eq!(paths, ["sub/a.md"]);
    assert!(v
        .diagnostics
        .iter()
        .any(|d| d.path == "out" && d.message.contains("outside the vault")));
}

#[cfg(unix)]
#[test]
fn a_folder_linked_twice_is_listed_once_under_its_own_name() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("sub/deep")).unwrap();
    std::fs::write(root.join("sub/deep/a.md"), "a").unwrap();
    // `alias` sorts before `sub`, and `z/link` points into `sub`.
    std::os::unix::fs::symlink(root.join("sub"), root.join("alias")).unwrap();
    std::fs::create_dir(root.join("z")).unwrap();
    std::os::unix::fs::symlink(root.join("sub/deep"), root.join("z/link")).unwrap();
    std::os::unix::fs::symlink(root.join("sub/deep/a.md"), root.join("file-link.md")).unwrap();
    std::os::unix::fs::symlink(root.join("gone"), root.join("broken.md")).unwrap();
    std::os::unix::fs::symlink(root.join("gone"), root.join(".hidden-broken")).unwrap();
    let bad = std::ffi::OsStr::from_bytes(b"bad-\xff.md");
    std::fs::write(root.join(bad), "b").unwrap();
    let v = load(root).unwrap();
    let paths: Vec<_> = v.notes.iter().map(|n| n.path.as_str()).collect();
    assert_eq!(paths, ["bad-\u{FFFD}.md", "file-link.md", "sub/deep/a.md"]);
    let diags: Vec<_> = v
        .diagnostics
        .iter()
        .map(|d| (d.path.as_str(), d.message.split(':').next().unwrap()))
        .collect();
    assert_eq!(
        diags,
        [
            (
                "bad-\u{FFFD}.md",
                "file name is not valid UTF-8; shown with replacement characters"
            ),
            ("broken.md", "broken symlink skipped")
        ]
    );
}

#[test]
fn embedded_sample_matches_the_folder() {
    let embedded = Vault::sample();
    let folder = load(&Vault::sample_folder().expect("source tree has the sample")).unwrap();
    let paths = |v: &Vault| v.notes.iter().map(|n| n.path.clone()).collect::<Vec<_>>();
    assert_eq!(paths(&embedded), paths(&folder));
    assert!(embedded.notes.len() >= 30);
    assert_eq!(embedded.diagnostics, folder.diagnostics);
}

#[test]
fn missing_folder_is_an_error() {
    let err = load(Path::new("/nonexistent/vault/here")).unwrap_err();
    assert!(err.to_string().contains("/nonexistent/vault/here"));
}
