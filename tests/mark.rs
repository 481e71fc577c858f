//! `notegraph mark`: the one write into a vault, run as the real binary.

use std::path::Path;
use std::process::Command;

mod common;

use common::{notegraph, sample_copy};

/// Every file of a folder, by relative path.
fn snapshot(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(root)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn marking_changes_one_line_of_one_file_and_the_plan_moves_on() {
    let vault = sample_copy();
    let root = vault.path().to_str().unwrap();
    let plan = |args: &[&str]| String::from_utf8(notegraph(args).stdout).unwrap();
    assert!(plan(&["order", root, "raft"]).contains("databases/replication.md"));
    let before = snapshot(vault.path());
    let out = notegraph(&["mark", root, "replication", "--status", "mastered"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = snapshot(vault.path());
    let changed: Vec<_> = (before.iter().zip(&after))
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(before.len(), after.len(), "no file added or removed");
    assert_eq!(changed.len(), 1);
    let (old, new) = changed[0];
    assert_eq!(old.0, "databases/replication.md");
    let (old, new) = (
        String::from_utf8_lossy(&old.1),
        String::from_utf8_lossy(&new.1),
    );
    let differing: Vec<_> = (old.lines().zip(new.lines()))
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(differing, vec![("status: learning", "status: mastered")]);
    assert_eq!(old.lines().count(), new.lines().count());
    assert!(!plan(&["order", root, "raft"]).contains("databases/replication.md"));
}

#[test]
fn a_refused_mark_exits_2_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("list.md"), "---\nstatus: [a, b]\n---\nx\n").unwrap();
    std::fs::write(dir.path().join("ok.md"), "---\nstatus: learning\n---\nx\n").unwrap();
    let root = dir.path().to_str().unwrap();
    let before = snapshot(dir.path());
    for (note, status) in [("list", "mastered"), ("ok", "yes"), ("nothing", "mastered")] {
        let out = notegraph(&["mark", root, note, "--status", status]);
        assert_eq!(out.status.code(), Some(2), "{note} {status}");
        assert!(!out.stderr.is_empty(), "a message says why");
    }
    assert_eq!(snapshot(dir.path()), before);
}

/// Kills `mark` at random moments, hundreds of times: the note is always
/// the old or the new version, never torn or empty.
#[cfg(unix)]
#[test]
fn a_mark_killed_at_any_moment_leaves_the_old_note_or_the_new() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.md");
    let body = "body line\n".repeat(20_000);
    let version = |s: &str| format!("---\nid: n\nstatus: {s}\n---\n{body}");
    std::fs::write(&path, version("learning")).unwrap();
    let root = dir.path().to_str().unwrap().to_string();
    let (mut seen_new, mut killed) = (false, 0);
    for i in 0..300u64 {
        let target = if i % 2 == 0 { "mastered" } else { "learning" };
        let mut child = Command::new(env!("CARGO_BIN_EXE_notegraph"))
            .args(["mark", &root, "n", "--status", target])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Spread the kills over the run: from at once to about 6 ms.
        std::thread::sleep(std::time::Duration::from_micros((i * 7919) % 6_000));
        let _ = child.kill();
        let status = child.wait().unwrap();
        killed += usize::from(std::os::unix::process::ExitStatusExt::signal(&status).is_some());
        let now = std::fs::read_to_string(&path).unwrap();
        let whole = [version("learning"), version("mastered")].contains(&now);
        assert!(whole, "torn note after kill {i}: {} bytes", now.len());
        seen_new |= now == version(target);
    }
    assert!(seen_new, "some runs finished their write");
    assert!(killed >= 100, "only {killed} of 300 runs were cut short");
    // Each note still loads with its status.
    let out = notegraph(&["check", &root]);
    assert_ne!(out.status.code(), Some(2));
}

/// `mark --record` keeps the status in notegraph's data folder: not one
/// byte of the vault changes, every later command plans with it, and
/// `--forget` takes it back. A data file that cannot be read is set aside
/// with a message, and the command goes on without it.
#[test]
fn recording_writes_nothing_into_the_vault_and_every_command_sees_it() {
    let vault = sample_copy();
    let data = tempfile::tempdir().unwrap();
    let root = vault.path().to_str().unwrap();
    let run = |args: &[&str]| common::notegraph_with_data(data.path(), args);
    let plan = |args: &[&str]| String::from_utf8(run(args).stdout).unwrap();
    assert!(plan(&["order", root, "raft"]).contains("databases/replication.md"));
    let before = snapshot(vault.path());
    let out = run(&[
        "mark",
        root,
        "replication",
        "--status",
        "mastered",
        "--record",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(snapshot(vault.path()), before, "the vault is untouched");
    assert!(!plan(&["order", root, "raft"]).contains("databases/replication.md"));
    let files: Vec<_> = walkdir::WalkDir::new(data.path().join("notegraph/vaults"))
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .collect();
    assert_eq!(files.len(), 1, "one file for the vault");
    let file = files[0].path().to_path_buf();
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(doc["statuses"]["databases/replication.md"], "mastered");
    run(&["mark", root, "replication", "--forget"]);
    assert!(plan(&["order", root, "raft"]).contains("databases/replication.md"));
    std::fs::write(&file, "{ torn").unwrap();
    let out = run(&["order", root, "raft"]);
    assert_eq!(out.status.code(), Some(0));
    let warning = String::from_utf8(out.stderr).unwrap();
    assert!(
        warning.contains("could not be read") && warning.contains("unreadable-"),
        "{warning}"
    );
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("databases/replication.md"));
}

/// With notegraph's data folder inside the vault (`XDG_DATA_HOME` set
/// there), `mark --record` refuses (exit 2) and writes nothing; a command
/// that only reads says the folder is not used, and answers.
#[test]
fn a_data_folder_inside_the_vault_is_never_written() {
    let vault = sample_copy();
    let root = vault.path().to_str().unwrap();
    let data = vault.path().join("data");
    let before = snapshot(vault.path());
    let args = [
        "mark",
        root,
        "replication",
        "--status",
        "mastered",
        "--record",
    ];
    let out = common::notegraph_with_data(&data, &args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("lies inside the vault"), "{stderr}");
    assert!(!data.exists(), "nothing written");
    assert_eq!(snapshot(vault.path()), before, "the vault is untouched");
    let out = common::notegraph_with_data(&data, &["order", root, "raft"]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("lies inside the vault"), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("databases/replication.md"));
    assert_eq!(snapshot(vault.path()), before);
}

/// A recorded status follows its note when the file is renamed: by its
/// id, else by its text; `--forget` on the new name forgets it.
#[test]
fn a_recorded_status_follows_a_renamed_note() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let root = dir.path();
    common::write(root, "a.md", "---\nid: a\nstatus: todo\n---\n# A\n");
    common::write(root, "b.md", "# B, without an id\n");
    let goal = "---\nid: goal\n---\n# Goal\n### Prerequisites\n- [[a]]\n- [[b]]\n";
    common::write(root, "goal.md", goal);
    let r = root.to_str().unwrap();
    let run = |args: &[&str]| common::notegraph_with_data(data.path(), args);
    let steps = |r: &str| {
        let out = run(&["order", r, "goal", "--json"]);
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        (doc["steps"].as_array().unwrap().iter())
            .map(|s| s["path"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    run(&["mark", r, "a", "--status", "mastered", "--record"]);
    run(&["mark", r, "b.md", "--status", "mastered", "--record"]);
    assert_eq!(steps(r), ["goal.md"]);
    std::fs::create_dir(root.join("moved")).unwrap();
    std::fs::rename(root.join("a.md"), root.join("moved/a.md")).unwrap();
    std::fs::rename(root.join("b.md"), root.join("moved/b2.md")).unwrap();
    common::write(root, "goal.md", goal.replace("[[b]]", "[[b2]]"));
    assert_eq!(steps(r), ["goal.md"], "both still learned after the move");
    let out = run(&["mark", r, "moved/a.md", "--forget"]);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "moved/a.md: recorded status forgotten\n"
    );
    assert_eq!(steps(r), ["moved/a.md", "goal.md"]);
}

/// `mark` edits the top-level `status` key, not a line that looks like
/// one inside another key's multi-line quoted string or flow list, and
/// keeps a comment after a tab: each file changes in exactly the value's
/// bytes and every other file of the vault is byte-identical.
#[test]
fn mark_changes_only_the_value_of_the_top_level_key() {
    let cases = [
        (
            "quoted",
            "---\ntitle: \"A long\nstatus: learning\"\nstatus: new\n---\n# Q\n",
            "new",
        ),
        (
            "flow",
            "---\ntags: [a,\nstatus: x]\nstatus: learning\n---\n# F\n",
            "learning",
        ),
        (
            "tab",
            "---\nid: tab\nstatus: learning\t# keep me\n---\n# T\n",
            "learning",
        ),
    ];
    for (name, text, old) in cases {
        let dir = tempfile::tempdir().unwrap();
        common::write(dir.path(), &format!("{name}.md"), text);
        common::write(dir.path(), "other.md", "---\nstatus: learning\n---\n");
        let root = dir.path().to_str().unwrap();
        let before = snapshot(dir.path());
        let out = notegraph(&["mark", root, &format!("{name}.md"), "--status", "mastered"]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{name}: {err}");
        let mut expected = before.clone();
        let at = text.rfind(&format!("status: {old}")).unwrap() + "status: ".len();
        let edited = format!("{}mastered{}", &text[..at], &text[at + old.len()..]);
        let note = expected.iter_mut().find(|f| f.0 == format!("{name}.md"));
        note.unwrap().1 = edited.into_bytes();
        assert_eq!(snapshot(dir.path()), expected, "{name}");
    }
}
