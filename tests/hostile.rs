//! Hostile and broken vaults: every case loads, with a diagnostic naming
//! the file (and line where there is one), and nothing in the vault is
//! ever changed.

mod common;

use common::{notegraph, snapshot, write};
use std::collections::BTreeMap;
use std::path::Path;

/// One vault with every hostile case the hardening issue lists.
fn hostile_vault() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // Frontmatter.
    write(
        root,
        "fm/invalid.md",
        "---\ntitle: [unclosed\nid: ok-id\n---\n# Invalid\n",
    );
    write(root, "fm/list.md", "---\n- a\n- b\n---\n# List\n");
    write(root, "fm/scalar.md", "---\njust a string\n---\n# Scalar\n");
    write(
        root,
        "fm/unclosed.md",
        "---\nid: never-closed\n# Unclosed\n[[fm/list]]\n",
    );
    let mut bomb = String::from("---\na: &a [x, x, x, x, x, x, x, x, x]\n");
    for (n, p) in ["b", "c", "d", "e", "f", "g", "h", "i"]
        .iter()
        .zip(["a", "b", "c", "d", "e", "f", "g", "h"])
    {
        bomb.push_str(&format!(
            "{n}: &{n} [{}]\n",
            vec![format!("*{p}"); 9].join(", ")
        ));
    }
    bomb.push_str("---\n# Bomb\n");
    write(root, "fm/bomb.md", bomb);
    write(
        root,
        "fm/deep.md",
        format!(
            "---\ndeep: {}{}\n---\n# Deep\n",
            "[".repeat(200),
            "]".repeat(200)
        ),
    );
    write(
        root,
        "fm/types.md",
        "---\nimportance: high\ntags: 5\n---\n# Types\n",
    );
    write(
        root,
        "fm/dupkeys.md",
        "---\nid: one\nid: two\n---\n# Dup keys\n",
    );
    // Text.
    write(
        root,
        "text/latin1.md",
        b"# Caf\xe9\nbad \xff bytes [[text/bom]]\n",
    );
    write(
        root,
        "text/bom.md",
        b"\xEF\xBB\xBF---\nid: bom\n---\n# Bom\n",
    );
    write(
        root,
        "text/crlf.md",
        "---\r\nid: crlf\r\ntitle: CRLF\r\n---\r\n### Prerequisites\r\n- [[text/bom]]\r\n",
    );
    write(root, "text/empty.md", "");
    write(
        root,
        "text/binary.md",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    );
    write(
        root,
        "text/long-line.md",
        format!("# Long\n{}[[text/bom]]\n", "x".repeat(1 << 20)),
    );
    let mut big = String::with_capacity(21 << 20);
    big.push_str("# Big\n");
    while big.len() < 20 << 20 {
        big.push_str("A paragraph of a very large note, repeated to reach twenty megabytes.\n\n");
    }
    big.push_str("[[text/bom]]\n");
    write(root, "text/big.md", big);
    // Files.
    std::fs::create_dir_all(root.join("files/folder.md")).unwrap();
    write(
        root,
        "files/folder.md/inside.md",
        "# Inside a folder named .md\n",
    );
    write(root, "files/dup-a.md", "---\nid: same\n---\n");
    write(root, "files/dup-b.md", "---\nid: same\n---\n");
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"files/bad-\xff-name.md");
        std::fs::write(root.join(name), "# Bad name\n").unwrap();
        std::os::unix::fs::symlink(root, root.join("files/loop")).unwrap();
        std::os::unix::fs::symlink("/etc", root.join("files/outside")).unwrap();
    }
    // Links.
    write(
        root,
        "links/hostile.md",
        "# Hostile links\n[me](hostile.md) [[links/hostile]]\n\
         [up](../../../etc/passwd.md) [abs](/etc/passwd.md) [[../../../etc/passwd]]\n\
         [f](file:///etc/passwd) [j](javascript:alert(1)) [d](data:text/html,hi)\n\
         [pct](../text/long%2Dline.md) [nfd](../text/cafe\u{301}.md)\n",
    );
    write(root, "text/caf\u{e9}.md", "# Café (NFC name)\n");
    let many: String = (0..10_000)
        .map(|i| format!("[[links/target-{}]] ", i % 7))
        .collect();
    write(root, "links/many.md", format!("# Many\n{many}\n"));
    dir
}

fn diagnostics(vault: &Path) -> Vec<serde_json::Value> {
    let out = notegraph(&["check", vault.to_str().unwrap(), "--json"]);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "check crashed: {out:?}"
    );
    serde_json::from_slice(&out.stdout).expect("JSON diagnostics")
}

fn find<'a>(diags: &'a [serde_json::Value], path: &str, needle: &str) -> &'a serde_json::Value {
    diags
        .iter()
        .find(|d| d["path"] == path && d["message"].as_str().unwrap().contains(needle))
        .unwrap_or_else(|| panic!("no diagnostic for {path} containing {needle:?} in {diags:#?}"))
}

#[test]
fn every_hostile_case_gets_a_diagnostic_and_the_rest_loads() {
    let vault = hostile_vault();
    let started = std::time::Instant::now();
    let diags = diagnostics(vault.path());
    assert!(started.elapsed() < std::time::Duration::from_secs(30));

    assert_eq!(find(&diags, "fm/invalid.md", "invalid YAML")["line"], 2);
    find(&diags, "fm/list.md", "a list, not a mapping");
    find(&diags, "fm/scalar.md", "a string, not a mapping");
    assert_eq!(find(&diags, "fm/unclosed.md", "never closed")["line"], 1);
    find(&diags, "fm/bomb.md", "invalid YAML");
    find(&diags, "fm/deep.md", "recursion limit");
    assert_eq!(
        find(&diags, "fm/types.md", "`importance` should be a number")["line"],
        2
    );
    assert_eq!(find(&diags, "fm/types.md", "`tags` should be")["line"], 3);
    assert_eq!(find(&diags, "fm/dupkeys.md", "duplicate entry")["line"], 3);
    assert_eq!(find(&diags, "text/latin1.md", "not valid UTF-8")["line"], 1);
    find(&diags, "text/binary.md", "binary");
    find(&diags, "files/dup-a.md", "duplicate id `same`");
    find(&diags, "files/dup-b.md", "duplicate id `same`");
    find(&diags, "files/outside", "outside the vault");
    assert!(diags.iter().any(
        |d| d["message"].as_str().unwrap().contains("not valid UTF-8")
            && d["path"].as_str().unwrap().starts_with("files/bad-")
    ));
    find(&diags, "links/hostile.md", "`../../../etc/passwd.md`");

    let out = notegraph(&["export", vault.path().to_str().unwrap(), "--format", "json"]);
    let graph: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let notes: BTreeMap<String, &serde_json::Value> = graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["ghost"] == false)
        .map(|n| (n["path"].as_str().unwrap().to_string(), n))
        .collect();
    // Every note appears, broken ones included, each once; the symlink loop
    // is not followed and the outside link is not entered.
    for path in [
        "fm/invalid.md",
        "fm/list.md",
        "fm/scalar.md",
        "fm/unclosed.md",
        "fm/bomb.md",
        "fm/deep.md",
        "fm/types.md",
        "fm/dupkeys.md",
        "text/latin1.md",
        "text/bom.md",
        "text/crlf.md",
        "text/empty.md",
        "text/binary.md",
        "text/long-line.md",
        "text/big.md",
        "files/folder.md/inside.md",
        "links/hostile.md",
        "links/many.md",
    ] {
        assert!(
            notes.contains_key(path),
            "{path} missing from {:?}",
            notes.keys()
        );
    }
    assert_eq!(
        notes.keys().filter(|p| p.starts_with("files/loop")).count(),
        0
    );
    assert_eq!(
        notes
            .keys()
            .filter(|p| p.starts_with("files/outside"))
            .count(),
        0
    );
    assert_eq!(notes["fm/invalid.md"]["id"], "ok-id", "what parses is kept");
    assert_eq!(notes["text/bom.md"]["id"], "bom");
    assert_eq!(notes["text/crlf.md"]["title"], "CRLF");

    // Links: self links give no edge, escapes and schemes never resolve,
    // percent-encoding and NFD names do.
    let edges = graph["edges"].as_array().unwrap();
    let index = |p: &str| notes[p]["index"].as_u64().unwrap();
    let hostile = index("links/hostile.md");
    let targets: Vec<u64> = edges
        .iter()
        .filter(|e| e["source"] == hostile)
        .map(|e| e["target"].as_u64().unwrap())
        .collect();
    assert!(!targets.contains(&hostile), "no self edge");
    assert!(
        targets.contains(&index("text/long-line.md")),
        "percent-encoded link"
    );
    assert!(
        targets.contains(&index("text/caf\u{e9}.md")),
        "NFD link to an NFC name"
    );
    let crlf = index("text/crlf.md");
    assert!(edges.iter().any(|e| e["source"] == crlf
        && e["target"] == index("text/bom.md")
        && e["kind"] == "prerequisite"));
    // 10,000 links to 7 missing targets: 7 ghosts, 7 edges.
    let many = index("links/many.md");
    assert_eq!(edges.iter().filter(|e| e["source"] == many).count(), 7);
}

/// `notegraph check --json` on `vault`, run as the user `nobody` (from
/// root, with util-linux's `setpriv`).
#[cfg(unix)]
fn as_nobody_check(vault: &Path) -> Vec<serde_json::Value> {
    use std::os::unix::fs::PermissionsExt;
    // A copy of the binary where `nobody` may run it: the checkout may sit
    // in a folder only root can enter.
    let bin_dir = tempfile::tempdir().unwrap();
    let bin = bin_dir.path().join("notegraph");
    std::fs::copy(env!("CARGO_BIN_EXE_notegraph"), &bin).unwrap();
    std::fs::set_permissions(bin_dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = std::process::Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(&bin)
        .args(["check", vault.to_str().unwrap(), "--json"])
        .output()
        .expect("setpriv (util-linux) runs the check as nobody");
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

/// No diagnostic names `path`.
fn find_none(diags: &[serde_json::Value], path: &str) {
    assert!(
        !diags.iter().any(|d| d["path"] == path),
        "{path}: {diags:?}"
    );
}

#[test]
fn unreadable_files_are_reported_when_permissions_apply() {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "ok.md", "# Ok\n");
        write(dir.path(), "locked.md", "# Locked\n");
        let locked = dir.path().join("locked.md");
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        // As root (CI), permissions do not stop reading: the check runs as
        // `nobody` instead, so that it asserts something there too.
        let diags = if unsafe { libc::geteuid() } == 0 {
            std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
            as_nobody_check(dir.path())
        } else {
            diagnostics(dir.path())
        };
        find(&diags, "locked.md", "cannot read file");
        find_none(&diags, "ok.md");
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
}

#[test]
fn nothing_in_the_vault_changes_when_loading_browsing_filtering_or_exporting() {
    let vault = tempfile::tempdir().unwrap();
    // A copy of the sample vault plus the hostile cases' text files.
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample-vault");
    for (path, _) in snapshot(&sample) {
        let rel = path.strip_prefix(&sample).unwrap();
        write(
            vault.path(),
            rel.to_str().unwrap(),
            std::fs::read(&path).unwrap(),
        );
    }
    write(vault.path(), ".obsidian/workspace.json", "{}");
    let before = snapshot(vault.path());
    let v = vault.path().to_str().unwrap();

    // Every command but `mark`, the one asked to write, with the options
    // that change what is read (templates, self-checks as learned).
    for args in [
        vec!["check", v],
        vec!["check", v, "--json", "--verbose", "--include-templates"],
        vec!["stats", v, "--json"],
        vec![
            "stats",
            v,
            "--learned-from-checks",
            "--self-check-heading",
            "Checklist",
        ],
        vec!["order", v, "raft"],
        vec!["order", v, "raft", "--json", "--learned-from-checks"],
        vec!["order", v, "--explicit", "--include-learned"],
        vec!["progress", v],
        vec!["progress", v, "--json", "--learned-from-checks"],
        vec!["analyze", v, "--json"],
        vec!["path", v, "raft", "tls"],
        vec!["search", v, "leader -paxos", "--json"],
        vec!["related", v, "raft"],
        vec!["export", v, "--format", "graphml"],
        vec!["export", v, "--format", "dot"],
    ] {
        let out = notegraph(&args);
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{args:?}: {out:?}"
        );
    }
    // An export may go anywhere outside the vault, but never over a note.
    let note = vault.path().join("databases/raft.md");
    let out = notegraph(&[
        "export",
        v,
        "--format",
        "json",
        "-o",
        note.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("refusing to write"));

    // The window: load, select, filter, plan, local graph.
    use notegraph::gui::{App, Command, Settings, VaultSource};
    let mut app = App::new_blocking(
        Settings::default(),
        VaultSource::Folder(vault.path().into()),
    );
    let ctx = egui::Context::default();
    let frame = |app: &mut App| {
        let mut output = ctx.run_ui(Default::default(), |ui| app.ui(ui));
        output.textures_delta.clear();
    };
    frame(&mut app);
    let raft = app
        .loaded()
        .unwrap()
        .vault
        .note_by_path("databases/raft.md")
        .unwrap();
    for command in [
        Command::Select(raft),
        Command::PlanFor(Some(raft)),
        Command::LocalGraph(Some(raft)),
        Command::LearnedFromChecks(true),
        Command::ExplicitPlans(true),
        // Marked in notegraph, not written: the note stays.
        Command::Record(raft, Some("mastered".into())),
    ] {
        app.push(command);
        frame(&mut app);
    }
    let mut filter = app.settings().filter.clone();
    filter.statuses.insert("todo".into());
    app.push(notegraph::gui::Command::SetFilter(filter));
    frame(&mut app);
    app.settle_layout();
    frame(&mut app);
    drop(app);

    assert_eq!(snapshot(vault.path()), before, "the vault changed");
}
