//! Named views on the command line: `views list | export | import |
//! rename | delete`, and `export --view NAME`, which writes what the view
//! shows in every format. The real binary, with a data folder of each
//! test's own.

mod common;

use common::{notegraph_with_data, sample_copy};
use serde_json::Value;
use std::path::Path;

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A view file focused on Raft at depth 1, with Quorums hidden, links of
/// every kind but mentions, and one note the vault does not have.
const RAFT_VIEW: &str = r#"{
  "notegraph_view": 1,
  "name": "Raft",
  "edge_kinds": ["prerequisite", "related", "compare"],
  "focus": ["databases/raft.md", "gone/deleted.md"],
  "hidden": ["databases/quorums.md"],
  "depth": 1,
  "color_by": "Community"
}
"#;

struct Setup {
    vault: tempfile::TempDir,
    data: tempfile::TempDir,
    files: tempfile::TempDir,
}

impl Setup {
    /// The sample's copy, with the Raft view imported.
    fn new() -> Setup {
        let setup = Setup {
            vault: sample_copy(),
            data: tempfile::tempdir().unwrap(),
            files: tempfile::tempdir().unwrap(),
        };
        let file = setup.files.path().join("raft.json");
        std::fs::write(&file, RAFT_VIEW).unwrap();
        let out = setup.run(&["views", "import", "VAULT", s(&file)]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            "imported view “Raft”\n"
        );
        let warned = String::from_utf8_lossy(&out.stderr);
        assert!(warned.contains("gone/deleted.md"), "{warned}");
        setup
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        let args: Vec<&str> = (args.iter())
            .map(|&a| {
                if a == "VAULT" {
                    s(self.vault.path())
                } else {
                    a
                }
            })
            .collect();
        notegraph_with_data(self.data.path(), &args)
    }
}

/// The note paths an export's JSON names.
fn exported_paths(json: &[u8]) -> Vec<String> {
    let doc: Value = serde_json::from_slice(json).expect("JSON");
    let nodes = doc["nodes"].as_array().unwrap();
    let mut paths: Vec<String> = (nodes.iter())
        .filter_map(|n| n["path"].as_str().map(str::to_string))
        .collect();
    paths.sort();
    paths
}

#[test]
fn export_with_a_view_writes_what_the_view_shows_in_every_format() {
    let setup = Setup::new();
    let out = setup.run(&["export", "VAULT", "--format", "json", "--view", "Raft"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning: view “Raft” names 1 note(s) this vault no longer has")
            && stderr.contains("gone/deleted.md"),
        "{stderr}"
    );
    let paths = exported_paths(&out.stdout);
    // Raft and its neighbours, one link out, less Quorums.
    assert!(
        paths.contains(&"databases/raft.md".to_string()),
        "{paths:?}"
    );
    assert!(
        paths.contains(&"databases/consensus.md".to_string()),
        "{paths:?}"
    );
    assert!(
        !paths.contains(&"databases/quorums.md".to_string()),
        "{paths:?}"
    );
    assert!(
        !paths.contains(&"algorithms/hashing.md".to_string()),
        "{paths:?}"
    );
    let whole = setup.run(&["export", "VAULT", "--format", "json"]);
    assert!(exported_paths(&whole.stdout).len() > paths.len() + 10);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let edges = doc["edges"].as_array().unwrap();
    assert!(!edges.is_empty());
    assert!(
        edges.iter().all(|e| e["kind"] != "mention"),
        "mentions are off"
    );

    for format in ["dot", "graphml"] {
        let out = setup.run(&["export", "VAULT", "--format", format, "--view", "Raft"]);
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("Raft"), "{format}");
        assert!(!text.contains("Quorums"), "{format}: hidden by the view");
        assert!(!text.contains("databases/quorums.md"), "{format}");
        let whole = setup.run(&["export", "VAULT", "--format", format]);
        assert!(String::from_utf8(whole.stdout).unwrap().contains("Quorums"));
    }
    // The drawings name each note by its path (SVG's hover title, GEXF's
    // path attribute, the canvas card's file).
    for format in ["svg", "gexf", "canvas"] {
        let out = setup.run(&["export", "VAULT", "--format", format, "--view", "Raft"]);
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("databases/raft.md"), "{format}");
        assert!(text.contains("databases/consensus.md"), "{format}");
        assert!(!text.contains("databases/quorums.md"), "{format}: hidden");
        assert!(!text.contains("algorithms/hashing.md"), "{format}: outside");
    }
}

#[test]
fn a_view_exported_and_imported_is_the_same_view() {
    let setup = Setup::new();
    let first = setup.files.path().join("first.json");
    let out = setup.run(&["views", "export", "VAULT", "Raft", "-o", s(&first)]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&first).unwrap();
    assert!(text.starts_with("{\n  \"notegraph_view\": 1,\n"), "{text}");
    // Into another vault's views, and out again: the same bytes.
    let other = tempfile::tempdir().unwrap();
    std::fs::write(other.path().join("note.md"), "# Note\n").unwrap();
    let import = ["views", "import", s(other.path()), s(&first)];
    assert!(setup.run(&import).status.success());
    let again = setup.run(&["views", "export", s(other.path()), "Raft"]);
    assert_eq!(String::from_utf8(again.stdout).unwrap(), text);
    // A second import takes a free name.
    let out = setup.run(&import);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "imported view “Raft (2)”\n"
    );
}

#[test]
fn views_are_listed_renamed_and_deleted() {
    let setup = Setup::new();
    let list = setup.run(&["views", "list", "VAULT"]);
    let text = String::from_utf8(list.stdout).unwrap();
    assert!(text.starts_with("Raft: "), "{text}");
    assert!(text.contains("focus on 2 note(s) at depth 1"), "{text}");
    assert!(
        text.contains("names notes no longer here: gone/deleted.md"),
        "{text}"
    );
    let json = setup.run(&["views", "list", "VAULT", "--json"]);
    let doc: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(doc["views"][0]["name"], "Raft");
    assert_eq!(doc["views"][0]["view"]["color_by"], "Community");
    assert!(doc["views"][0]["shown_notes"].as_u64().unwrap() > 2);
    let renamed = setup.run(&["views", "rename", "VAULT", "Raft", "Consensus"]);
    assert!(renamed.status.success());
    let out = setup.run(&["export", "VAULT", "--format", "json", "--view", "Raft"]);
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("no view named “Raft”") && said.contains("it has Consensus"),
        "{said}"
    );
    assert!(setup
        .run(&["views", "delete", "VAULT", "Consensus"])
        .status
        .success());
    let list = setup.run(&["views", "list", "VAULT"]);
    assert!(String::from_utf8(list.stdout)
        .unwrap()
        .starts_with("no views saved for"));
}

#[test]
fn a_view_file_is_never_written_inside_the_vault() {
    let setup = Setup::new();
    let before = common::snapshot(setup.vault.path());
    let inside = setup.vault.path().join("databases/raft-view.json");
    let out = setup.run(&["views", "export", "VAULT", "Raft", "-o", s(&inside)]);
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("inside the vault"), "{said}");
    assert!(
        said.contains("you may copy the file there yourself"),
        "{said}"
    );
    assert_eq!(
        common::snapshot(setup.vault.path()),
        before,
        "nothing written"
    );
    // A file that is no view is refused on import, and nothing is kept.
    let junk = setup.files.path().join("junk.json");
    std::fs::write(&junk, "{\"name\": \"x\"}").unwrap();
    let out = setup.run(&["views", "import", "VAULT", s(&junk)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a notegraph view"));
}

/// With notegraph's data folder inside the vault, no view is kept there:
/// `views import` refuses (exit 2) and the vault is as it was.
#[test]
fn views_are_never_kept_in_a_data_folder_inside_the_vault() {
    let vault = sample_copy();
    let data = vault.path().join(".local-data");
    let files = tempfile::tempdir().unwrap();
    let file = files.path().join("raft.json");
    std::fs::write(&file, RAFT_VIEW).unwrap();
    let before = common::snapshot(vault.path());
    let out = notegraph_with_data(&data, &["views", "import", s(vault.path()), s(&file)]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("inside"), "{said}");
    assert_eq!(common::snapshot(vault.path()), before, "nothing written");
    let listed = notegraph_with_data(&data, &["views", "list", s(vault.path())]);
    assert_eq!(listed.status.code(), Some(2), "{listed:?}");
}
