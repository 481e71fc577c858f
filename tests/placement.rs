//! Placement simulated: learners who know a few whole folders of a wide,
//! shallow study vault (and all those folders imply) answer truthfully;
//! after at most 20 questions the proposal must classify at least 90 % of
//! the notes right, on average over 20 learners.

use notegraph::analysis::placement::{Answer, Placement};
use notegraph::graph::NoteGraph;
use notegraph::vault::{Origin, SourceFile, Vault};

/// A small deterministic generator (an LCG), so the test needs no crate.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

const FOLDERS: usize = 6;

/// 200 notes in 6 folders, three layers deep: a note of layer 1 needs one
/// or two of layer 0, one of layer 2 one or two of layer 1, mostly from its
/// own folder; most notes have 2 to 6 transitive prerequisites.
fn study_vault(seed: u64) -> Vault {
    let mut rng = Lcg(seed);
    let mut layer_of = Vec::new();
    let mut files = Vec::new();
    for i in 0..200 {
        let (folder, layer) = (i % FOLDERS, [0, 0, 1, 1, 1, 2, 2][(i / FOLDERS) % 7]);
        let mut pres = Vec::new();
        if layer > 0 {
            for _ in 0..1 + rng.below(2) {
                let same = rng.below(5) > 0;
                let candidates: Vec<usize> = (0..i)
                    .filter(|&j| layer_of[j] == layer - 1 && (!same || j % FOLDERS == folder))
                    .collect();
                if !candidates.is_empty() {
                    pres.push(candidates[rng.below(candidates.len())]);
                }
            }
        }
        layer_of.push(layer);
        let links: String = pres.iter().map(|p| format!("- [[n{p}]]\n")).collect();
        let body = format!("---\nid: n{i}\n---\n# Note {i}\n### Prerequisites\n{links}");
        files.push(SourceFile {
            path: format!("f{folder}/n{i}.md"),
            bytes: body.into_bytes(),
        });
    }
    Vault::from_files(Origin::Embedded, files)
}

/// What a learner knows: every note of `folders`, and their prerequisites.
fn learner(vault: &Vault, graph: &NoteGraph, folders: &[usize]) -> Vec<bool> {
    let mut known: Vec<bool> = (vault.notes.iter())
        .map(|n| {
            folders
                .iter()
                .any(|f| n.path.starts_with(&format!("f{f}/")))
        })
        .collect();
    let mut stack: Vec<usize> = (0..known.len()).filter(|&n| known[n]).collect();
    while let Some(n) = stack.pop() {
        for p in graph.prerequisites(n) {
            if !known[p] {
                known[p] = true;
                stack.push(p);
            }
        }
    }
    known
}

fn accuracy(proposal: &[bool], truth: &[bool]) -> f64 {
    let right = proposal.iter().zip(truth).filter(|(a, b)| a == b).count();
    right as f64 / truth.len() as f64
}

/// Asks up to `max` questions in `placement`'s order; returns the accuracy
/// and the questions asked.
fn place(vault: &Vault, graph: &NoteGraph, truth: &[bool], max: usize) -> (f64, usize) {
    let mut placement = Placement::new(vault, graph);
    while placement.asked < max {
        let Some(note) = placement.next() else { break };
        let answer = if truth[note] { Answer::Yes } else { Answer::No };
        placement.answer(note, answer);
    }
    (accuracy(&placement.proposal(), truth), placement.asked)
}

/// The naive order: most linked first, logic only (no folder guess: open
/// notes are proposed not known).
fn naive(vault: &Vault, graph: &NoteGraph, truth: &[bool], max: usize) -> f64 {
    let mut placement = Placement::new(vault, graph);
    let mut order: Vec<usize> = (0..truth.len()).collect();
    let degree = |n: usize| {
        graph.prerequisites(n).len()
            + graph
                .sources(n, Some(notegraph::EdgeKind::Prerequisite))
                .len()
    };
    order.sort_by_key(|&n| (std::cmp::Reverse(degree(n)), n));
    for note in order {
        if placement.asked == max {
            break;
        }
        if placement.settled[note].is_none() {
            placement.answer(note, if truth[note] { Answer::Yes } else { Answer::No });
        }
    }
    let proposal: Vec<bool> = placement
        .settled
        .iter()
        .map(|s| s.unwrap_or(false))
        .collect();
    accuracy(&proposal, truth)
}

#[test]
fn twenty_answers_place_a_learner_nine_times_in_ten() {
    for seed in [7, 8, 9, 11, 13] {
        placed_on(seed);
    }
}

fn placed_on(seed: u64) {
    let vault = study_vault(seed);
    let graph = NoteGraph::build(&vault);
    let depth: Vec<usize> = (0..200)
        .map(|n| {
            let mut seen = vec![n];
            let mut stack = vec![n];
            while let Some(m) = stack.pop() {
                for p in graph.prerequisites(m) {
                    if !seen.contains(&p) {
                        seen.push(p);
                        stack.push(p);
                    }
                }
            }
            seen.len() - 1
        })
        .collect();
    let layered = depth.iter().filter(|&&d| d > 0);
    let (count, in_range) = layered.fold((0, 0), |(c, r), &d| {
        (c + 1, r + usize::from((2..=6).contains(&d)))
    });
    assert!(
        in_range * 10 >= count * 6,
        "most notes with prerequisites have 2 to 6: {in_range} of {count}"
    );
    let mut rng = Lcg(99);
    let (mut placed, mut exact, mut naive_sum) = (0.0, 0usize, 0.0);
    for _ in 0..20 {
        let k = 1 + rng.below(3);
        let folders: Vec<usize> = (0..k).map(|_| rng.below(FOLDERS)).collect();
        let truth = learner(&vault, &graph, &folders);
        placed += place(&vault, &graph, &truth, 20).0;
        let (full, asked) = place(&vault, &graph, &truth, usize::MAX);
        assert_eq!(full, 1.0, "asked to the end, the placement is exact");
        exact += asked;
        naive_sum += naive(&vault, &graph, &truth, 20);
    }
    let (placed, naive_mean) = (placed / 20.0, naive_sum / 20.0);
    println!(
        "vault {seed}: placement: {:.1} % right after 20 answers; exact after {:.1} answers on average; \
         most-linked-first with logic only: {:.1} % after 20",
        placed * 100.0,
        exact as f64 / 20.0,
        naive_mean * 100.0
    );
    assert!(
        placed >= 0.9,
        "{:.1} % right after 20 answers",
        placed * 100.0
    );
}

mod common;

/// The command line, driven by a script: JSON questions, answers on
/// standard input, a proposal, --accept and --undo; the vault never
/// changes.
#[test]
fn placement_on_the_command_line_proposes_accepts_and_undoes() {
    use std::io::Write as _;
    let vault = common::sample_copy();
    let data = tempfile::tempdir().unwrap();
    let root = vault.path().to_str().unwrap();
    let files = |root: &std::path::Path| -> Vec<(std::path::PathBuf, Vec<u8>)> {
        let mut all: Vec<_> = (walkdir::WalkDir::new(root).into_iter())
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap()))
            .collect();
        all.sort();
        all
    };
    let before = files(vault.path());
    let run = |args: &[&str], input: &str| {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_notegraph"))
            .args(args)
            .env("XDG_DATA_HOME", data.path())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8(out.stdout).unwrap()
    };
    let learned = |text: &str| text.lines().next().unwrap().to_string();
    let start = learned(&run(&["progress", root], ""));
    let text = run(&["placement", root, "--json", "--accept"], "y\nn\n");
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        lines.len(),
        4,
        "two answered, a third asked as the input ended, then the proposal: {text}"
    );
    assert_eq!(
        lines[0]["path"],
        "system-design/distributed-systems-basics.md"
    );
    let known = lines[3]["known"].as_array().unwrap();
    assert!(
        known
            .iter()
            .any(|k| k == "system-design/distributed-systems-basics.md"),
        "{known:?}"
    );
    assert_ne!(
        learned(&run(&["progress", root], "")),
        start,
        "accepted: more is learned"
    );
    assert_eq!(
        run(&["placement", root, "--undo"], ""),
        format!("{} notes no longer recorded as learned\n", known.len())
    );
    assert_eq!(learned(&run(&["progress", root], "")), start);
    assert_eq!(files(vault.path()), before, "the vault is byte-identical");
}
