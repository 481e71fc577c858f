//! Round two's budgets: every hostile vault of `tests/support/hostile_vaults.rs`
//! at the issue's size and at twice it, through the release binary.
//!
//! ```sh
//! cargo build --release
//! cargo run --release --example hostile_budget -- [--scales 1,2] [--rows 1,5] [--no-window]
//! ```
//!
//! For each vault it runs `stats`, `check --json`, `export` (JSON) and the
//! window (`--select` the worst note, `--screenshot`), and measures each
//! one's wall time and peak memory (`/usr/bin/time`'s maximum resident
//! set; a killed run falls back to `wait4`'s, which is at least this
//! process's own). The
//! window's time is to the first frame that shows the loaded vault with the
//! note selected (the "vault shown after" line that
//! `RUST_LOG=notegraph=debug` logs); it runs on an Xvfb display of its own.
//! Budget: 10 s and 2 GB each, nothing in the vault changed.
//! Prints one JSON line per vault, then a Markdown table.

#[path = "../tests/support/hostile_vaults.rs"]
mod hostile_vaults;

use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BUDGET_S: f64 = 10.0;
const BUDGET_MB: f64 = 2048.0;
/// A run past this is killed and reported as over budget.
const KILL_AFTER: Duration = Duration::from_secs(60);

struct Measure {
    seconds: f64,
    peak_mb: f64,
    ok: bool,
}

fn main() {
    let mut scales = vec![1.0, 2.0];
    let mut rows: Option<Vec<u32>> = None;
    let mut window = true;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--scales" => scales = list(&args.next().expect("--scales 1,2")),
            "--rows" => rows = Some(list(&args.next().expect("--rows 1,5"))),
            "--no-window" => window = false,
            other => panic!("unknown argument {other}"),
        }
    }
    let bin = std::env::current_exe()
        .unwrap()
        .parent()
        .and_then(Path::parent)
        .expect("target/release/examples")
        .join("notegraph");
    assert!(
        bin.exists(),
        "build the binary first: cargo build --release"
    );
    let display = window.then(start_xvfb);
    let mut table = Vec::new();
    for case in hostile_vaults::all() {
        if rows.as_ref().is_some_and(|r| !r.contains(&case.row)) {
            continue;
        }
        for &scale in &scales {
            let line = run_case(&bin, &case, scale, display.as_ref().map(|d| d.1.as_str()));
            table.push(line);
        }
    }
    if let Some((mut xvfb, _)) = display {
        let _ = xvfb.kill();
        let _ = xvfb.wait();
    }
    println!(
        "\n| row | input | scale | stats | check --json | export | window | vault unchanged |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    for line in table {
        println!("{line}");
    }
}

fn list<T: std::str::FromStr>(text: &str) -> Vec<T> {
    text.split(',')
        .map(|v| v.trim().parse().ok().expect("a number"))
        .collect()
}

fn start_xvfb() -> (std::process::Child, String) {
    let display = format!(":{}", 90 + std::process::id() % 100);
    let child = Command::new("Xvfb")
        .args([&display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp"])
        .stderr(Stdio::null())
        .spawn()
        .expect("Xvfb (apt-get install xvfb)");
    std::thread::sleep(Duration::from_millis(800));
    (child, display)
}

fn run_case(bin: &Path, case: &hostile_vaults::Case, scale: f64, display: Option<&str>) -> String {
    let scratch = tempfile::tempdir().unwrap();
    let vault = scratch.path().join("vault");
    std::fs::create_dir(&vault).unwrap();
    case.build(&vault, scale);
    let before = listing(&vault);
    let v = vault.to_str().unwrap().to_string();
    let out = |name: &str| scratch.path().join(name);
    let stats = measure(bin, &["stats", &v], None, &out("stats.txt"));
    let check = measure(bin, &["check", &v, "--json"], None, &out("check.json"));
    let check_mb = std::fs::metadata(out("check.json")).map_or(0.0, |m| m.len() as f64 / 1e6);
    let json = out("export.json");
    let export = measure(
        bin,
        &[
            "export",
            &v,
            "--format",
            "json",
            "-o",
            json.to_str().unwrap(),
        ],
        None,
        &out("export.txt"),
    );
    let window = display.map(|d| {
        let shot = out("shot.png");
        let args = [
            &v,
            "--select",
            case.worst,
            "--screenshot",
            shot.to_str().unwrap(),
        ];
        measure(bin, &args, Some(d), &out("window.txt"))
    });
    let unchanged = before == listing(&vault);
    let cell = |m: &Measure| {
        let over = !m.ok || m.seconds > BUDGET_S || m.peak_mb > BUDGET_MB;
        let mark = if over { " **over**" } else { "" };
        format!("{:.2} s, {:.0} MB{mark}", m.seconds, m.peak_mb)
    };
    let json_line = serde_json::json!({
        "row": case.row, "case": case.name, "scale": scale,
        "stats": [stats.seconds, stats.peak_mb],
        "check": [check.seconds, check.peak_mb, check_mb],
        "export": [export.seconds, export.peak_mb],
        "window": window.as_ref().map(|w| [w.seconds, w.peak_mb]),
        "window_ok": window.as_ref().map(|w| w.ok),
        "vault_unchanged": unchanged,
    });
    println!("{json_line}");
    format!(
        "| {} | {} | {scale}× | {} | {} ({check_mb:.1} MB out) | {} | {} | {} |",
        case.row,
        case.what,
        cell(&stats),
        cell(&check),
        cell(&export),
        window.as_ref().map_or("not run".into(), cell),
        if unchanged { "yes" } else { "**no**" },
    )
}

/// Every entry under `root` with its size and time, links not followed.
fn listing(root: &Path) -> Vec<(PathBuf, u64, std::time::SystemTime)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            let Ok(meta) = std::fs::symlink_metadata(&path) else {
                continue;
            };
            if meta.is_dir() {
                stack.push(path.clone());
            }
            out.push((path, meta.len(), meta.modified().unwrap()));
        }
    }
    out.sort();
    out
}

/// Runs the binary to its end (or kills it past `KILL_AFTER`): wall time
/// and peak memory. With a display, the time is to the "vault shown" line.
// The child is reaped by `wait4`, which std's `wait` cannot replace: it
// alone returns the child's peak memory.
#[allow(clippy::zombie_processes)]
fn measure(bin: &Path, args: &[&str], display: Option<&str>, stdout: &Path) -> Measure {
    // Through `time`: a child forked from this process would report this
    // process's own peak (Linux keeps the high-water mark across exec),
    // and the generator holds hundreds of MB.
    let peak_file = stdout.with_extension("peak");
    let mut command = Command::new("/usr/bin/time");
    command
        .arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(&peak_file)
        .arg(bin)
        .args(args)
        // A group of its own, so that a kill reaches notegraph under `time`.
        .process_group(0)
        .stdout(std::fs::File::create(stdout).unwrap())
        .stderr(Stdio::piped());
    if let Some(display) = display {
        command
            .env("DISPLAY", display)
            .env("RUST_LOG", "notegraph=debug")
            .env_remove("WAYLAND_DISPLAY");
    }
    let started = Instant::now();
    let mut child = command.spawn().expect("run notegraph");
    let pid = child.id() as libc::pid_t;
    let stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut shown = None;
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            // `[DEBUG notegraph::gui] vault shown after 812 ms`
            if line.contains("vault shown after") && shown.is_none() {
                shown = Some(started.elapsed().as_secs_f64());
            }
        }
        shown
    });
    let killer = std::thread::spawn(move || {
        while started.elapsed() < KILL_AFTER {
            std::thread::sleep(Duration::from_millis(100));
            // SAFETY: signal 0 only asks whether the process is still there.
            if unsafe { libc::kill(pid, 0) } != 0 {
                return;
            }
        }
        // SAFETY: kills the process group this function started.
        unsafe { libc::kill(-pid, libc::SIGKILL) };
    });
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child, which has not been waited for.
    unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let ended = started.elapsed().as_secs_f64();
    let _ = killer.join();
    let shown = reader.join().unwrap();
    let exited = libc::WIFEXITED(status) && matches!(libc::WEXITSTATUS(status), 0 | 1);
    let seconds = if display.is_some() {
        shown.unwrap_or(ended)
    } else {
        ended
    };
    let peak_kb = std::fs::read_to_string(&peak_file)
        .ok()
        .and_then(|t| t.lines().last()?.trim().parse::<f64>().ok())
        .unwrap_or(usage.ru_maxrss as f64);
    Measure {
        seconds,
        peak_mb: peak_kb / 1024.0,
        ok: exited && (display.is_none() || shown.is_some()),
    }
}
