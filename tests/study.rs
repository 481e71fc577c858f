//! `order --format` and `progress`, run as the real binary.

use std::path::Path;
use std::process::Command;

mod common;

use notegraph::workspace::Workspace;

use common::sample_copy;

fn run(args: &[&str]) -> String {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample-vault");
    let out = Command::new(env!("CARGO_BIN_EXE_notegraph"))
        .args(args.iter().map(|a| {
            if *a == "SAMPLE" {
                sample.to_str().unwrap()
            } else {
                a
            }
        }))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_plan_as_a_markdown_checklist_and_as_csv() {
    let md = run(&["order", "SAMPLE", "raft", "--format", "md"]);
    let lines: Vec<&str> = md.lines().collect();
    assert_eq!(lines.len(), 5);
    assert_eq!(
        lines[0],
        "- [ ] [Distributed Systems Basics](system-design/distributed-systems-basics.md) — learning, medium"
    );
    assert!(lines[4].starts_with("- [ ] [Raft](databases/raft.md)"));
    let with_learned = run(&[
        "order",
        "SAMPLE",
        "raft",
        "--format",
        "md",
        "--include-learned",
    ]);
    assert!(
        with_learned.lines().any(|l| l.starts_with("- [x] ")),
        "learned steps ticked"
    );

    let csv = run(&["order", "SAMPLE", "raft", "--format", "csv"]);
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(
        rows[0],
        "step,title,path,status,difficulty,learned,cycle,effort_hours"
    );
    assert_eq!(rows.len(), 6);
    assert_eq!(
        rows[5], "5,Raft,databases/raft.md,todo,hard,false,,4",
        "hard: 4 h"
    );
    let text = run(&["order", "SAMPLE", "raft"]);
    assert!(
        text.contains("Effort: about 14 h (0 from the notes' effort, 5 by difficulty)"),
        "{text}"
    );
}

#[test]
fn progress_per_folder_and_what_to_learn_next() {
    let text = run(&["progress", "SAMPLE", "--by", "folder", "--json"]);
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let groups = doc["groups"].as_array().unwrap();
    let total: u64 = groups.iter().map(|g| g["total"].as_u64().unwrap()).sum();
    assert_eq!(
        total,
        doc["notes"].as_u64().unwrap(),
        "each note in one folder"
    );
    let learned: u64 = groups.iter().map(|g| g["learned"].as_u64().unwrap()).sum();
    assert_eq!(learned, doc["learned"].as_u64().unwrap());
    let shares: Vec<f64> = (groups.iter())
        .map(|g| g["learned"].as_f64().unwrap() / g["total"].as_f64().unwrap())
        .collect();
    assert!(
        shares.windows(2).all(|w| w[0] >= w[1]),
        "most learned first"
    );
    let next = doc["next_up"].as_array().unwrap();
    assert_eq!(
        next[0]["path"],
        "system-design/distributed-systems-basics.md"
    );
    let unblocks: Vec<u64> = next
        .iter()
        .map(|n| n["unblocks"].as_u64().unwrap())
        .collect();
    assert!(unblocks.windows(2).all(|w| w[0] >= w[1]), "{unblocks:?}");
    assert!(run(&["progress", "SAMPLE", "--by", "community"]).contains("Next up:"));
}

/// A copy of the sample with Replication mastered.
fn sample_with_replication_mastered() -> tempfile::TempDir {
    let dir = sample_copy();
    let note = dir.path().join("databases/replication.md");
    let text = std::fs::read_to_string(&note).unwrap();
    let text: Vec<String> = (text.lines())
        .map(|l| {
            if l.starts_with("status:") {
                "status: mastered".into()
            } else {
                l.to_string()
            }
        })
        .collect();
    std::fs::write(&note, text.join("\n")).unwrap();
    dir
}

#[test]
fn plans_leave_out_what_a_learned_note_implies_unless_explicit() {
    let dir = sample_with_replication_mastered();
    let v = dir.path().to_str().unwrap();
    let text = run(&["order", v, "raft"]);
    let steps: Vec<&str> = (text.lines())
        .filter(|l| l.trim_start().starts_with(|c: char| c.is_ascii_digit()))
        .map(|l| l.split("  ").next().unwrap().split(". ").nth(1).unwrap())
        .collect();
    assert_eq!(steps, ["Quorums", "Consensus", "Raft"], "{text}");
    assert!(
        text.contains("Implied by Replication: Distributed Systems Basics"),
        "{text}"
    );
    assert!(text.contains("Ready now: Quorums\n"), "{text}");

    let json: serde_json::Value =
        serde_json::from_str(&run(&["order", v, "raft", "--json"])).unwrap();
    assert_eq!(
        json["implied"],
        serde_json::json!([{"path": "system-design/distributed-systems-basics.md", "by": ["databases/replication.md"]}])
    );

    let explicit = run(&["order", v, "raft", "--explicit"]);
    assert!(
        explicit.contains("Study plan for Raft: 4 step(s)"),
        "{explicit}"
    );
    assert!(
        explicit.contains("1. Distributed Systems Basics"),
        "{explicit}"
    );
    assert!(!explicit.contains("Implied by"), "{explicit}");
}

#[test]
fn a_fully_ticked_self_check_counts_as_learned_when_asked() {
    let dir = sample_copy();
    // Replication says `status: learning`, and every box of its self-check
    // is ticked.
    let note = dir.path().join("databases/replication.md");
    let text = std::fs::read_to_string(&note)
        .unwrap()
        .replace("- [ ] ", "- [x] ");
    assert!(text.contains("status: learning"));
    std::fs::write(&note, text).unwrap();
    let v = dir.path().to_str().unwrap();
    let plain = run(&["order", v, "raft"]);
    assert!(plain.contains("2. Replication"), "{plain}");
    let checked = run(&["order", v, "raft", "--learned-from-checks"]);
    assert!(
        checked.contains("Study plan for Raft: 3 step(s)"),
        "{checked}"
    );
    assert!(
        checked.contains("Implied by Replication: Distributed Systems Basics"),
        "{checked}"
    );
    // The file itself is not changed.
    assert!(std::fs::read_to_string(&note)
        .unwrap()
        .contains("status: learning"));
}

/// The window's "Ready to study now" is `order`'s "Ready now", in the same
/// order, with the same notes left out: on the sample, and on a vault
/// whose read-me and alias stubs come first by name.
#[test]
fn the_window_and_order_give_the_same_ready_list() {
    let fixture = tempfile::tempdir().unwrap();
    let pre = |names: &[&str]| -> String {
        let links: String = names.iter().map(|n| format!("- [[{n}]]\n")).collect();
        format!("### Prerequisites\n{links}")
    };
    for (path, text) in [
        (
            "README.md",
            "# About this vault\nStart at [[basics]].\n".to_string(),
        ),
        ("AA alias.md", "Moved to [[graphs]].\n".into()),
        ("AB alias.md", "Moved to [[trees]].\n".into()),
        ("basics.md", "# Basics\n".into()),
        ("sets.md", "# Sets\n".into()),
        ("graphs.md", pre(&["basics"])),
        ("trees.md", pre(&["graphs"])),
        ("heaps.md", pre(&["trees", "sets"])),
        ("quiz.md", "# Quiz\n## Self-check\n- [ ] recall\n".into()),
    ] {
        common::write(fixture.path(), path, text);
    }
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample-vault");
    for (root, first, left_out) in [
        (fixture.path(), "Basics", 3),
        (sample.as_path(), "Distributed Systems Basics", 0),
    ] {
        let source = notegraph::gui::VaultSource::Folder(root.into());
        let options = notegraph::gui::Settings::default().options();
        let ws = Workspace::open(source, &options, None, &|_, _| {}).unwrap();
        let loaded = notegraph::gui::Loaded::new(ws, 0.0);
        let list = &loaded.ready();
        let window: Vec<&str> = (list.notes.iter())
            .map(|n| loaded.vault.notes[n.note].title.as_str())
            .collect();
        assert_eq!(window[0], first, "{window:?}");
        assert_eq!(list.left_out.len(), left_out);
        let text = run(&["order", root.to_str().unwrap()]);
        let ready = (text.lines())
            .find_map(|l| l.strip_prefix("Ready now: "))
            .unwrap_or_else(|| panic!("{text}"));
        assert_eq!(ready, window.join(", "));
        let progress = run(&["progress", root.to_str().unwrap(), "--json"]);
        let doc: serde_json::Value = serde_json::from_str(&progress).unwrap();
        let next: Vec<&str> = (doc["next_up"].as_array().unwrap().iter())
            .map(|n| n["title"].as_str().unwrap())
            .collect();
        assert_eq!(next, &window[..window.len().min(20)]);
        assert_eq!(doc["left_out"], left_out);
    }
}
