//! Issue 27's "Reading faster" and "Memory" rows, for binaries side by
//! side: each run opens the window on a vault (`--screenshot`, under an
//! Xvfb display of its own) and reads from its debug log and from
//! `/usr/bin/time` the time until the vault is shown, the time to read it,
//! the step between the read and the first frame (the topic map and what
//! runs beside it), and the peak memory.
//!
//! ```sh
//! cargo run --release --example read_bench -- --bins OLD,NEW --vaults V10K,V100K [--runs K]
//! cargo run --release --example read_bench -- --bins NEW --shapes 100000
//! ```
//!
//! Binaries and vaults alternate within each run, so that a busy machine
//! weighs on both alike. Prints one JSON line per window opened, then the
//! median of each (binary, vault). `--shapes N` also builds a chain and a
//! star of N notes (`tests/support/shapes.rs`) and checks each binary's
//! window and `stats` on them against the hostile vaults' budget (10 s
//! and 2 GB).

#[path = "../tests/support/shapes.rs"]
mod shapes;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BUDGET_S: f64 = 10.0;
const BUDGET_MB: f64 = 2048.0;
const KILL_AFTER: Duration = Duration::from_secs(180);

#[derive(Default, Clone)]
struct Run {
    shown_ms: Option<f64>,
    /// The first frame with the layout at rest (a `--screenshot` gives up
    /// waiting after 10 s from the load, so later rests are not seen).
    rest_ms: Option<f64>,
    read_ms: Option<f64>,
    beside_ms: Option<f64>,
    peak_mb: f64,
    wall_s: f64,
}

fn main() {
    let mut bins: Vec<String> = Vec::new();
    let mut vaults: Vec<String> = Vec::new();
    let mut runs = 3usize;
    let mut shapes_n = None;
    let mut args = std::env::args().skip(1);
    let usage = "read_bench --bins A[,B] [--vaults V[,W]] [--runs K] [--shapes N]";
    while let Some(arg) = args.next() {
        let list = |v: Option<String>| -> Vec<String> {
            v.expect(usage).split(',').map(str::to_string).collect()
        };
        match arg.as_str() {
            "--bins" => bins = list(args.next()),
            "--vaults" => vaults = list(args.next()),
            "--runs" => runs = args.next().and_then(|v| v.parse().ok()).expect(usage),
            "--shapes" => shapes_n = args.next().and_then(|v| v.parse().ok()),
            _ => panic!("{usage}"),
        }
    }
    assert!(!bins.is_empty(), "{usage}");
    let (mut xvfb, display) = start_xvfb();
    let mut all: Vec<(String, String, Run)> = Vec::new();
    for run in 0..runs {
        for vault in &vaults {
            for bin in &bins {
                let r = window(bin, Path::new(vault), &display);
                print_run(run, bin, vault, &r);
                all.push((bin.clone(), vault.clone(), r));
            }
        }
    }
    for vault in &vaults {
        for bin in &bins {
            let of = |f: &dyn Fn(&Run) -> Option<f64>| {
                let mut v: Vec<f64> = (all.iter())
                    .filter(|(b, w, _)| b == bin && w == vault)
                    .filter_map(|(_, _, r)| f(r))
                    .collect();
                v.sort_by(f64::total_cmp);
                let median = v.get(v.len() / 2).copied();
                (median, v)
            };
            let line = serde_json::json!({
                "median_of": runs, "bin": bin, "vault": vault,
                "shown_ms": of(&|r| r.shown_ms),
                "rest_ms": of(&|r| r.rest_ms),
                "read_ms": of(&|r| r.read_ms),
                "beside_ms": of(&|r| r.beside_ms),
                "peak_mb": of(&|r| Some(r.peak_mb)),
            });
            println!("{line}");
        }
    }
    if let Some(n) = shapes_n {
        shape_budgets(&bins, n, &display);
    }
    let _ = xvfb.kill();
    let _ = xvfb.wait();
}

fn print_run(run: usize, bin: &str, vault: &str, r: &Run) {
    let line = serde_json::json!({
        "run": run, "bin": bin, "vault": vault,
        "shown_ms": r.shown_ms, "rest_ms": r.rest_ms, "read_ms": r.read_ms, "beside_ms": r.beside_ms,
        "peak_mb": (r.peak_mb * 10.0).round() / 10.0, "wall_s": r.wall_s,
    });
    println!("{line}");
}

/// Writes a vault of `n` notes into a folder.
type Build = fn(&Path, usize);

/// A chain and a star of `n` notes, each opened by every binary in the
/// window and read by `stats`, against the budget.
fn shape_budgets(bins: &[String], n: usize, display: &str) {
    let builders: [(&str, Build); 2] = [("chain", shapes::chain), ("star", shapes::star)];
    for (name, build) in builders {
        let dir = tempfile::tempdir().unwrap();
        build(dir.path(), n);
        for bin in bins {
            let w = window(bin, dir.path(), display);
            let s = stats(bin, dir.path());
            let shown_s = w.shown_ms.map(|ms| ms / 1000.0);
            let within = shown_s.is_some_and(|s| s <= BUDGET_S)
                && w.peak_mb <= BUDGET_MB
                && s.wall_s <= BUDGET_S
                && s.peak_mb <= BUDGET_MB;
            let line = serde_json::json!({
                "shape": name, "notes": n, "bin": bin,
                "window_shown_s": shown_s, "window_peak_mb": w.peak_mb.round(),
                "stats_s": s.wall_s, "stats_peak_mb": s.peak_mb.round(),
                "within_budget": within,
            });
            println!("{line}");
        }
    }
}

fn start_xvfb() -> (std::process::Child, String) {
    let display = format!(":{}", 190 + std::process::id() % 100);
    let child = Command::new("Xvfb")
        .args([&display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp"])
        .stderr(Stdio::null())
        .spawn()
        .expect("Xvfb (apt-get install xvfb)");
    std::thread::sleep(Duration::from_millis(800));
    (child, display)
}

/// The number before ` ms` at the end of `line`, after `marker`.
fn ms_after(line: &str, marker: &str) -> Option<f64> {
    let rest = &line[line.find(marker)? + marker.len()..];
    rest.trim()
        .trim_end_matches("ms")
        .trim()
        .rsplit(' ')
        .next()?
        .parse()
        .ok()
}

/// Opens the window of `bin` on `vault` until its screenshot is taken.
fn window(bin: &str, vault: &Path, display: &str) -> Run {
    let shot = tempfile::Builder::new().suffix(".png").tempfile().unwrap();
    let peak = tempfile::NamedTempFile::new().unwrap();
    let mut command = Command::new("/usr/bin/time");
    command
        .args(["-f", "%M", "-o"])
        .arg(peak.path())
        .arg(bin)
        .arg(vault)
        .arg("--screenshot")
        .arg(shot.path())
        .env("DISPLAY", display)
        .env("RUST_LOG", "notegraph=debug")
        .env_remove("WAYLAND_DISPLAY")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let started = Instant::now();
    let mut child = command.spawn().expect("run the binary");
    let stderr = child.stderr.take().unwrap();
    let mut run = Run::default();
    let deadline = started + KILL_AFTER;
    for line in BufReader::new(stderr).lines().map_while(Result::ok) {
        if line.contains("vault shown after") {
            run.shown_ms = run.shown_ms.or(ms_after(&line, "vault shown after"));
        } else if line.contains("layout at rest after") {
            run.rest_ms = run.rest_ms.or(ms_after(&line, "layout at rest after"));
        } else if line.contains("load: read the vault") {
            run.read_ms = ms_after(&line, "load: read the vault");
        } else if line.contains("load: communities, and beside them") {
            run.beside_ms = line.rsplit(' ').nth(1).and_then(|v| v.parse().ok());
        }
        if Instant::now() > deadline {
            let _ = child.kill();
        }
    }
    let _ = child.wait();
    run.wall_s = started.elapsed().as_secs_f64();
    run.peak_mb = read_peak(peak.path());
    run
}

/// `notegraph stats` on `vault`: wall time and peak memory.
fn stats(bin: &str, vault: &Path) -> Run {
    let peak = tempfile::NamedTempFile::new().unwrap();
    let started = Instant::now();
    let _ = Command::new("/usr/bin/time")
        .args(["-f", "%M", "-o"])
        .arg(peak.path())
        .args([bin, "stats"])
        .arg(vault)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    Run {
        wall_s: started.elapsed().as_secs_f64(),
        peak_mb: read_peak(peak.path()),
        ..Run::default()
    }
}

fn read_peak(path: &Path) -> f64 {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let kb: f64 = (text.lines().last())
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}
