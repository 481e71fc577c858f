//! `notegraph review`: what is due, and a grade recorded in notegraph's
//! data folder, never in the vault; on a fixed day (`--at`).

mod common;

use common::{notegraph_with_data, sample_copy, write};
use std::path::Path;

/// Every file of a folder with its bytes, sorted.
fn files(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut all: Vec<_> = (walkdir::WalkDir::new(root).into_iter())
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    all.sort();
    all
}

fn json(out: std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("{out:?}"))
}

fn paths(doc: &serde_json::Value) -> Vec<String> {
    (doc["due"].as_array().unwrap().iter())
        .map(|d| d["path"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_grade_moves_the_due_date_and_never_touches_the_vault() {
    let vault = sample_copy();
    let data = tempfile::tempdir().unwrap();
    let root = vault.path().to_str().unwrap();
    let run = |args: &[&str]| notegraph_with_data(data.path(), args);
    let before = files(vault.path());
    let due = run(&[
        "review",
        root,
        "--at",
        "2026-12-03",
        "--json",
        "--limit",
        "100",
    ]);
    assert_eq!(due.status.code(), Some(1), "notes are due: exit 1");
    let due = json(due);
    assert!(paths(&due).contains(&"networking/tcp-ip.md".to_string()));
    let out = run(&[
        "review",
        root,
        "tcp-ip",
        "--grade",
        "good",
        "--at",
        "2026-12-03",
    ]);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "networking/tcp-ip.md: good; next review 2026-12-06 (in 3 days)\n"
    );
    let after = json(run(&[
        "review",
        root,
        "--at",
        "2026-12-03",
        "--json",
        "--limit",
        "100",
    ]));
    assert!(!paths(&after).contains(&"networking/tcp-ip.md".to_string()));
    assert_eq!(after["total"], due["total"].as_u64().unwrap() - 1);
    let later = json(run(&[
        "review",
        root,
        "--at",
        "2026-12-06",
        "--json",
        "--limit",
        "100",
    ]));
    let tcp = (later["due"].as_array().unwrap().iter())
        .find(|d| d["path"] == "networking/tcp-ip.md")
        .expect("due again on the 6th");
    assert_eq!(tcp["due"], "2026-12-06T12:00:00Z");
    assert_eq!(files(vault.path()), before, "the vault is byte-identical");
    let log: Vec<_> = walkdir::WalkDir::new(data.path())
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.path().to_string_lossy().ends_with(".grades.jsonl"))
        .collect();
    assert_eq!(log.len(), 1);
    let text = std::fs::read_to_string(log[0].path()).unwrap();
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.contains(r#""grade":"good""#), "{text}");
}

#[test]
fn the_cap_holds_stale_notes_are_due_and_a_moved_note_keeps_its_schedule() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let root = dir.path();
    for i in 0..30 {
        write(
            root,
            &format!("n{i:02}.md"),
            format!("---\nid: n{i:02}\nstatus: mastered\n---\n# N{i}\n"),
        );
    }
    write(root, "old.md", "---\nid: old\nstatus: stale\n---\n# Old\n");
    write(
        root,
        "todo.md",
        "---\nid: todo\nstatus: todo\n---\n# Todo\n",
    );
    let r = root.to_str().unwrap();
    let run = |args: &[&str]| notegraph_with_data(data.path(), args);
    let doc = json(run(&["review", r, "--at", "2027-01-10", "--json"]));
    assert_eq!(doc["due"].as_array().unwrap().len(), 20, "the default cap");
    assert_eq!(doc["total"], 31, "30 mastered and one stale; not the todo");
    let all = paths(&json(run(&[
        "review",
        r,
        "--at",
        "2027-01-10",
        "--json",
        "--limit",
        "50",
    ])));
    assert!(all.contains(&"old.md".to_string()));
    assert!(!all.contains(&"todo.md".to_string()));
    // Graded, then moved into a folder: the id keeps its schedule.
    run(&["review", r, "n05", "--grade", "easy", "--at", "2027-01-10"]);
    std::fs::create_dir(root.join("sub")).unwrap();
    std::fs::rename(root.join("n05.md"), root.join("sub/n05.md")).unwrap();
    let all = paths(&json(run(&[
        "review",
        r,
        "--at",
        "2027-01-11",
        "--json",
        "--limit",
        "50",
    ])));
    assert!(!all.contains(&"sub/n05.md".to_string()), "{all:?}");
    let text = String::from_utf8(run(&["review", r, "--at", "2027-01-11", "--limit", "2"]).stdout)
        .unwrap();
    assert!(
        text.starts_with("30 due on 2027-01-11 (of 31 notes to review)"),
        "{text}"
    );
    assert!(text.ends_with("  and 28 more (--limit)\n"), "{text}");
}

#[test]
fn nothing_due_exits_0_and_a_note_without_a_grade_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", "---\nid: a\nstatus: todo\n---\n# A\n");
    let r = dir.path().to_str().unwrap();
    let out = notegraph_with_data(data.path(), &["review", r, "--at", "2027-01-10"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "Nothing due on 2027-01-10 (0 notes to review)\n"
    );
    let out = notegraph_with_data(data.path(), &["review", r, "a"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("--grade"));
}

/// A Good on a note moves out the prerequisites it used (net: due on the
/// 4th; a Good of its own on the 3rd would give the 12th; half the gain,
/// 4 days, makes the 8th); an Again names
/// the learned prerequisites to go over first.
#[test]
fn a_review_lightly_reviews_its_prerequisites() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "net.md",
        "---\nid: net\nstatus: mastered\n---\n# Net\n",
    );
    let pre = "### Prerequisites\n- [[net]]\n";
    write(
        dir.path(),
        "tcp.md",
        format!("---\nid: tcp\nstatus: mastered\n---\n# TCP\n{pre}"),
    );
    let r = dir.path().to_str().unwrap();
    let run =
        |args: &[&str]| String::from_utf8(notegraph_with_data(data.path(), args).stdout).unwrap();
    run(&["review", r, "net", "--grade", "good", "--at", "2027-01-01"]);
    let text = run(&["review", r, "tcp", "--grade", "good", "--at", "2027-01-03"]);
    assert_eq!(
        text,
        "tcp.md: good; next review 2027-01-06 (in 3 days)\n  used, so later: net.md to 2027-01-08\n"
    );
    let text = run(&["review", r, "tcp", "--grade", "again", "--at", "2027-01-06"]);
    assert!(text.ends_with("  review first: Net\n"), "{text}");
}

/// A backlog of 30 learned notes spread over 7 days: the days differ by
/// at most one, and each day asks for its own share only.
#[test]
fn a_backlog_spreads_over_days_evenly() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    for i in 0..30 {
        write(
            dir.path(),
            &format!("n{i:02}.md"),
            format!("---\nid: n{i:02}\nstatus: mastered\n---\n# N{i}\n"),
        );
    }
    let r = dir.path().to_str().unwrap();
    let run =
        |args: &[&str]| String::from_utf8(notegraph_with_data(data.path(), args).stdout).unwrap();
    let text = run(&["review", r, "--spread", "7", "--at", "2027-03-01"]);
    assert_eq!(
        text,
        "30 notes never reviewed, spread over 7 days from 2027-03-01: 5, 5, 4, 4, 4, 4, 4\n"
    );
    for (day, due) in [("2027-03-01", 5), ("2027-03-02", 10), ("2027-03-07", 30)] {
        let doc: serde_json::Value = serde_json::from_str(&run(&[
            "review", r, "--at", day, "--json", "--limit", "100",
        ]))
        .unwrap();
        assert_eq!(doc["total"], due, "due by {day}");
    }
}

/// A note without an id keeps its schedule by its path; renamed with its
/// text unchanged, it is found again by that text, on the command line as
/// in the window (both read `DataDir::stored_in`/`schedules_in`).
#[test]
fn a_note_without_an_id_keeps_its_schedule_when_renamed() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "tcp.md", "---\nstatus: mastered\n---\n# TCP\n");
    write(root, "udp.md", "---\nstatus: mastered\n---\n# UDP\n");
    let r = root.to_str().unwrap();
    let run = |args: &[&str]| notegraph_with_data(data.path(), args);
    let due = |at: &str| paths(&json(run(&["review", r, "--at", at, "--json"])));
    assert_eq!(due("2027-01-10"), ["tcp.md", "udp.md"]);
    let graded = run(&[
        "review",
        r,
        "tcp.md",
        "--grade",
        "good",
        "--at",
        "2027-01-10",
    ]);
    assert!(graded.status.success(), "{graded:?}");
    assert_eq!(due("2027-01-11"), ["udp.md"]);
    std::fs::create_dir(root.join("net")).unwrap();
    std::fs::rename(root.join("tcp.md"), root.join("net/tcp.md")).unwrap();
    assert_eq!(due("2027-01-11"), ["udp.md"], "the schedule followed");
    // A grade on the new path is kept under it, and the old one stays put.
    let graded = run(&[
        "review",
        r,
        "net/tcp.md",
        "--grade",
        "again",
        "--at",
        "2027-01-11",
    ]);
    assert!(graded.status.success(), "{graded:?}");
    let text = String::from_utf8(graded.stdout).unwrap();
    assert!(
        text.contains("net/tcp.md") || text.contains("TCP"),
        "{text}"
    );
    assert_eq!(due("2027-01-12"), ["net/tcp.md", "udp.md"]);
}
