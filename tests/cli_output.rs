//! Whole-output tests of the command line: the entire text or JSON of each
//! command on a copy of the sample vault, with its exit code and standard
//! error, compared with a snapshot committed in tests/snapshots/ (insta).
//! The tests in cli.rs check a line or two each; these catch a change
//! anywhere else: order, wording, spacing, a field added or lost.
//!
//! The copy lies in a temporary folder, whose path is replaced by `[VAULT]`
//! before comparing, and every run gets an empty `XDG_DATA_HOME` (notegraph's
//! own data folder), so that nothing of this machine or its user shows.
//!
//! A change to the output that is meant: run
//! `INSTA_UPDATE=always cargo test --test cli_output` (or `cargo insta
//! review`), read the diff of tests/snapshots/ and commit it. A missing
//! snapshot fails like a different one; CI (`CI` set, and .ci/run sets
//! `INSTA_UPDATE=no`) never writes one.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Stands for the vault's folder in the arguments, and replaces it in the
/// output.
const VAULT: &str = "[VAULT]";

/// A copy of the sample vault and an empty data folder for the runs.
struct Sample {
    /// Holds `sample-vault/`, the copy: `stats` prints the folder's name,
    /// which must not be the temporary folder's random one.
    dir: tempfile::TempDir,
    data: tempfile::TempDir,
}

impl Sample {
    fn new() -> Sample {
        let dir = tempfile::tempdir().unwrap();
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample-vault");
        for entry in walkdir::WalkDir::new(&from) {
            let entry = entry.unwrap();
            let to = dir
                .path()
                .join("sample-vault")
                .join(entry.path().strip_prefix(&from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(entry.path(), &to).unwrap();
            }
        }
        Sample {
            dir,
            data: tempfile::tempdir().unwrap(),
        }
    }

    fn vault(&self) -> PathBuf {
        self.dir.path().join("sample-vault")
    }

    /// Runs `notegraph ARGS` (`VAULT` standing for the copy) and gives the
    /// command, its exit code, standard output and standard error as one
    /// text, with the folders replaced by placeholders.
    fn run(&self, args: &[&str]) -> String {
        let vault = self.vault();
        let root = path_str(&vault);
        let real: Vec<&str> = args
            .iter()
            .map(|&a| if a == VAULT { root } else { a })
            .collect();
        let out = Command::new(env!("CARGO_BIN_EXE_notegraph"))
            .args(&real)
            .env("XDG_DATA_HOME", self.data.path())
            .env_remove("NOTEGRAPH_STARTUP_LOG")
            .output()
            .expect("run notegraph");
        let stdout = String::from_utf8(out.stdout).expect("utf-8 standard output");
        let stderr = String::from_utf8(out.stderr).expect("utf-8 standard error");
        let code = out
            .status
            .code()
            .map_or("none (killed)".to_string(), |c| c.to_string());
        let mut text = format!("$ notegraph {}\nexit code: {code}\n", args.join(" "));
        text.push_str("--- stdout\n");
        text.push_str(&stdout);
        if !stderr.is_empty() {
            text.push_str("--- stderr\n");
            text.push_str(&stderr);
        }
        self.redact(text)
    }

    /// Like `run`, for a command that prints JSON: the output must parse.
    fn run_json(&self, args: &[&str]) -> String {
        let text = self.run(args);
        let json = stdout_of(&text);
        if let Err(e) = serde_json::from_str::<Value>(json) {
            panic!("{args:?} printed invalid JSON ({e}):\n{text}");
        }
        text
    }

    /// The temporary folders, also as the system spells them resolved, by
    /// placeholders.
    fn redact(&self, mut text: String) -> String {
        let vault = self.vault();
        for (dir, name) in [(vault.as_path(), VAULT), (self.data.path(), "[DATA]")] {
            let mut spellings = vec![path_str(dir).to_string()];
            if let Ok(real) = dir.canonicalize() {
                spellings.push(path_str(&real).to_string());
            }
            // Longest first, so that one spelling is never left half replaced.
            spellings.sort_by_key(|s| std::cmp::Reverse(s.len()));
            for spelling in spellings {
                text = text.replace(&spelling, name);
            }
        }
        text
    }
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 temporary path")
}

/// The standard output part of `Sample::run`'s text.
fn stdout_of(text: &str) -> &str {
    let start = text.find("--- stdout\n").unwrap() + "--- stdout\n".len();
    let end = text.find("--- stderr\n").unwrap_or(text.len());
    &text[start..end]
}

#[test]
fn check_text() {
    insta::assert_snapshot!("check", Sample::new().run(&["check", VAULT]));
}

#[test]
fn check_json() {
    insta::assert_snapshot!(
        "check_json",
        Sample::new().run_json(&["check", VAULT, "--json"])
    );
}

#[test]
fn stats_text_and_json() {
    let sample = Sample::new();
    insta::assert_snapshot!("stats", sample.run(&["stats", VAULT]));
    insta::assert_snapshot!("stats_json", sample.run_json(&["stats", VAULT, "--json"]));
}

#[test]
fn order_of_a_note_and_of_the_whole_vault() {
    let sample = Sample::new();
    insta::assert_snapshot!("order_raft", sample.run(&["order", VAULT, "raft"]));
    insta::assert_snapshot!("order_vault", sample.run(&["order", VAULT]));
}

#[test]
fn order_formats() {
    let sample = Sample::new();
    insta::assert_snapshot!(
        "order_raft_md",
        sample.run(&["order", VAULT, "raft", "--format", "md"])
    );
    insta::assert_snapshot!(
        "order_raft_csv",
        sample.run(&["order", VAULT, "raft", "--format", "csv"])
    );
    insta::assert_snapshot!(
        "order_raft_json",
        sample.run_json(&["order", VAULT, "raft", "--format", "json"])
    );
    insta::assert_snapshot!(
        "order_vault_json",
        sample.run_json(&["order", VAULT, "--format", "json"])
    );
    insta::assert_snapshot!(
        "order_raft_mermaid",
        sample.run(&["order", VAULT, "raft", "--format", "mermaid"])
    );
    insta::assert_snapshot!(
        "order_vault_mermaid",
        sample.run(&["order", VAULT, "--format", "mermaid", "--include-learned"])
    );
}

#[test]
fn progress_text_and_json() {
    let sample = Sample::new();
    insta::assert_snapshot!("progress", sample.run(&["progress", VAULT]));
    insta::assert_snapshot!(
        "progress_json",
        sample.run_json(&["progress", VAULT, "--json"])
    );
}

#[test]
fn path_text_and_json() {
    let sample = Sample::new();
    insta::assert_snapshot!(
        "path_raft_consensus",
        sample.run(&["path", VAULT, "raft", "consensus"])
    );
    insta::assert_snapshot!(
        "path_raft_consensus_json",
        sample.run_json(&["path", VAULT, "raft", "consensus", "--json"])
    );
}

#[test]
fn search_text_and_json() {
    let sample = Sample::new();
    insta::assert_snapshot!(
        "search_leader_election",
        sample.run(&["search", VAULT, "\"leader election\""])
    );
    insta::assert_snapshot!(
        "search_leader_election_json",
        sample.run_json(&["search", VAULT, "\"leader election\"", "--json"])
    );
}

#[test]
fn related_text_and_json() {
    let sample = Sample::new();
    insta::assert_snapshot!("related_raft", sample.run(&["related", VAULT, "raft"]));
    insta::assert_snapshot!(
        "related_raft_json",
        sample.run_json(&["related", VAULT, "raft", "--json"])
    );
}

#[test]
fn analyze_text() {
    insta::assert_snapshot!("analyze", Sample::new().run(&["analyze", VAULT]));
}

/// `analyze --json` without its timing fields (`timings_ms` today): how long
/// a run took differs every run. Removed by key, so that the snapshot holds
/// both while the report has them and after they are gone. Its numbers are
/// rounded to 10 decimals: the betweenness sums over sources in parallel,
/// and the last bit of a score depends on how rayon splits the sum (one
/// thread against several: 0.09420640983666193 against ...194). The JSON
/// is parsed and written again, so its keys are in alphabetical order.
#[test]
fn analyze_json_without_timings() {
    let text = Sample::new().run_json(&["analyze", VAULT, "--json"]);
    let mut report: Value = serde_json::from_str(stdout_of(&text)).unwrap();
    remove_timings(&mut report);
    round_numbers(&mut report);
    let header = &text[..text.find("--- stdout\n").unwrap()];
    let mut shown = format!(
        "{header}--- stdout, timing fields removed, numbers to 10 decimals\n{}\n",
        serde_json::to_string_pretty(&report).unwrap()
    );
    if let Some(at) = text.find("--- stderr\n") {
        shown.push_str(&text[at..]);
    }
    insta::assert_snapshot!("analyze_json", shown);
}

/// Drops, at any depth, every key that names a duration.
fn remove_timings(value: &mut Value) {
    let timing = |key: &str| {
        let key = key.to_ascii_lowercase();
        ["timing", "elapsed", "duration", "seconds", "millis", "took"]
            .iter()
            .any(|w| key.contains(w))
            || key.ends_with("_ms")
            || key.ends_with("_us")
            || key.ends_with("_ns")
            || key.ends_with("_secs")
    };
    match value {
        Value::Object(map) => {
            map.retain(|key, _| !timing(key));
            map.values_mut().for_each(remove_timings);
        }
        Value::Array(items) => items.iter_mut().for_each(remove_timings),
        _ => {}
    }
}

/// Rounds, at any depth, every number that is not an integer to 10 decimals.
fn round_numbers(value: &mut Value) {
    match value {
        Value::Number(n) if n.is_f64() => {
            let x = n.as_f64().unwrap();
            let rounded = (x * 1e10).round() / 1e10;
            *value = serde_json::Number::from_f64(rounded).map_or(Value::Null, Value::Number);
        }
        Value::Object(map) => map.values_mut().for_each(round_numbers),
        Value::Array(items) => items.iter_mut().for_each(round_numbers),
        _ => {}
    }
}

#[test]
fn export_json_dot_and_graphml() {
    let sample = Sample::new();
    insta::assert_snapshot!(
        "export_json",
        sample.run_json(&["export", VAULT, "--format", "json"])
    );
    insta::assert_snapshot!(
        "export_dot",
        sample.run(&["export", VAULT, "--format", "dot"])
    );
    let graphml = sample.run(&["export", VAULT, "--format", "graphml"]);
    roxmltree::Document::parse(stdout_of(&graphml)).expect("well-formed GraphML");
    insta::assert_snapshot!("export_graphml", graphml);
}

/// The tests' own redaction: the vault's folder and its resolved spelling
/// both become `[VAULT]`, and the text without it is left alone.
#[test]
fn redaction_replaces_the_temporary_folders() {
    let sample = Sample::new();
    let root = path_str(&sample.vault()).to_string();
    let data = path_str(sample.data.path()).to_string();
    let text = sample.redact(format!("a {root}/x.md b {data} c"));
    assert_eq!(text, "a [VAULT]/x.md b [DATA] c");
    let mut report =
        serde_json::json!({"a": 1, "timings_ms": {"x": 2}, "b": [{"took_ms": 3, "c": 4}]});
    remove_timings(&mut report);
    assert_eq!(report, serde_json::json!({"a": 1, "b": [{"c": 4}]}));
    let mut numbers = serde_json::json!([0.09420640983666193, 0.09420640983666194, 3, 0.5]);
    round_numbers(&mut numbers);
    assert_eq!(
        numbers,
        serde_json::json!([0.0942064098, 0.0942064098, 3, 0.5])
    );
}

/// `analyze` and `progress --by community` name the communities alike:
/// one list of names, each unique, none numbered.
#[test]
fn analyze_and_progress_print_the_same_community_names() {
    let sample = Sample::new();
    let json = |args: &[&str]| -> Value {
        let text = sample.run_json(args);
        serde_json::from_str(stdout_of(&text)).expect("JSON")
    };
    let analyze = json(&["analyze", VAULT, "--json"]);
    let progress = json(&["progress", VAULT, "--by", "community", "--json"]);
    let names = |list: &Value| -> std::collections::BTreeSet<String> {
        (list.as_array().expect("a list").iter())
            .map(|g| g["name"].as_str().expect("a name").to_string())
            .collect()
    };
    let (a, p) = (names(&analyze["communities"]), names(&progress["groups"]));
    assert_eq!(a, p);
    let count = analyze["communities"].as_array().map_or(0, Vec::len);
    assert_eq!(a.len(), count, "unique names: {a:?}");
    assert!(a.iter().all(|n| !n.ends_with(')')), "{a:?}");
    assert!(a.contains("#algorithms · Trees · Hashing"), "{a:?}");
    // The text output prints the same names.
    let text = sample.run(&["analyze", VAULT]);
    assert!(
        text.contains("  #algorithms · Trees · Hashing: 10 notes"),
        "{text}"
    );
}
