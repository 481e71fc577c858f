//! The same vault gives the same report, byte for byte: `analyze`, `stats`
//! and `export` print data only, and how long each part took goes to the
//! debug log (`RUST_LOG=notegraph=debug`) on standard error.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;

use common::notegraph;

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample-vault")
}

/// Runs `args` on the sample vault twice and asserts the same bytes on
/// standard output; returns them.
fn twice_the_same(args: &[&str]) -> Vec<u8> {
    let vault = sample();
    let mut full = vec![args[0], vault.to_str().unwrap()];
    full.extend(&args[1..]);
    let first = notegraph(&full);
    assert_eq!(
        first.status.code(),
        Some(0),
        "{full:?}: {}",
        String::from_utf8_lossy(&first.stderr)
    );
    let second = notegraph(&full);
    assert!(!first.stdout.is_empty(), "{full:?} printed nothing");
    assert!(
        first.stdout == second.stdout,
        "{full:?} printed different output on two runs"
    );
    first.stdout
}

/// No key of the JSON names a time.
fn assert_no_timing(json: &[u8]) {
    let value: serde_json::Value = serde_json::from_slice(json).expect("valid JSON");
    let mut stack = vec![&value];
    while let Some(v) = stack.pop() {
        match v {
            serde_json::Value::Object(map) => {
                for (key, inner) in map {
                    assert!(
                        !(key.contains("timing") || key.ends_with("_ms")),
                        "a timing in the output: {key}"
                    );
                    stack.push(inner);
                }
            }
            serde_json::Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
}

#[test]
fn analyze_json_is_the_same_on_every_run() {
    let out = twice_the_same(&["analyze", "--json"]);
    assert_no_timing(&out);
}

#[test]
fn stats_json_is_the_same_on_every_run() {
    let out = twice_the_same(&["stats", "--json"]);
    assert_no_timing(&out);
}

#[test]
fn export_json_is_the_same_on_every_run() {
    let out = twice_the_same(&["export", "--format", "json"]);
    assert_no_timing(&out);
}

/// The drawings lay the graph out first: the same seed, the same picture.
#[test]
fn the_drawings_are_the_same_on_every_run() {
    for format in ["svg", "gexf", "canvas"] {
        twice_the_same(&["export", "--format", format]);
    }
}

/// The HTML map too: its layout, colours and data are the same each run.
#[test]
fn export_html_is_the_same_on_every_run() {
    let out = twice_the_same(&["export", "--format", "html", "--plan", "raft", "--progress"]);
    assert!(out.starts_with(b"<!DOCTYPE html>"));
}

#[test]
fn analyze_logs_its_timings_on_stderr_only_when_asked() {
    let run = |log: Option<&str>| -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_notegraph"));
        command.args(["analyze", sample().to_str().unwrap(), "--json"]);
        match log {
            Some(filter) => command.env("RUST_LOG", filter),
            None => command.env_remove("RUST_LOG"),
        };
        command.output().expect("run notegraph")
    };
    let quiet = run(None);
    let logged = run(Some("notegraph=debug"));
    assert_eq!(quiet.status.code(), Some(0));
    assert_eq!(logged.status.code(), Some(0));
    assert!(quiet.stdout == logged.stdout, "the log changed the report");
    assert!(
        quiet.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&quiet.stderr)
    );
    let stderr = String::from_utf8_lossy(&logged.stderr);
    for part in ["communities", "centrality", "suggestions"] {
        let line = format!("analyze: {part} ");
        assert!(stderr.contains(&line), "no {line:?} in {stderr}");
    }
}

/// The topic map's scores do not depend on how many threads add them up:
/// a machine with more cores prints the same `analyze --json`.
#[test]
fn analyze_json_is_the_same_on_any_number_of_threads() {
    let vault = sample();
    let run = |threads: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_notegraph"))
            .args(["analyze", vault.to_str().unwrap(), "--json"])
            .env("RAYON_NUM_THREADS", threads)
            .env("XDG_DATA_HOME", vault.join("no-such-folder"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        out.stdout
    };
    let one = run("1");
    for threads in ["2", "5"] {
        assert!(
            run(threads) == one,
            "{threads} threads printed other bytes than one"
        );
    }
}
