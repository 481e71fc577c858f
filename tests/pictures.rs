//! Pictures of the window as tests: the real binary takes a screenshot of
//! the sample vault under Xvfb (`--screenshot OUT.png --size 1200x800`,
//! light theme), which is compared with a reference committed in
//! tests/pictures/.
//!
//! Not every pixel can be compared. The graph is laid out by forces, and
//! the prerequisite view's zoom differs from run to run (the screenshot is
//! taken before its fit is done: one run shows the whole graph, the next a
//! closer view with other labels), so each picture is cut in two:
//!
//! * the fixed parts, everything outside the canvas: menu bar, filters,
//!   the right panel (note, plan), status bar. They are laid out as text,
//!   the same on every run, and are compared pixel by pixel: a pixel
//!   differs when a channel differs by more than 64, and at most 0.01% of
//!   them may, about 50 (none differ from run to run here; a word changed
//!   is a hundred or more: `status` for `folder` in a menu is 114). The
//!   status bar's "loaded in 17 ms" is left out: it changes every run;
//! * the canvas, compared by its colours only: the same background, about
//!   as much drawn on it (within a factor of 2), in about the same colours
//!   (the colour histograms of what is drawn, 4 levels a channel, at most
//!   0.3 apart in total variation). Block by block (8×8 means, at most 4%
//!   differing) was tried for the force views and failed one run in three:
//!   the layout settles into another rotation when the layout thread and
//!   the frames interleave differently, and 13% of blocks moved.
//!
//! On failure the new picture and the reference with what differs in red
//! are written to target/picture-failures/ (the paths are printed). To
//! accept a deliberate change: `NOTEGRAPH_UPDATE_PICTURES=1 cargo test
//! --test pictures`, then look at tests/pictures/*.png before committing.
//!
//! Xvfb is started by each test on a display of its own and stopped after.
//! Without Xvfb the tests print a note and pass, unless
//! `NOTEGRAPH_REQUIRE_XVFB=1` (as .ci/run sets), where they fail instead of
//! comparing nothing.

use image::{Rgba, RgbaImage};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const WIDTH: u32 = 1200;
const HEIGHT: u32 = 800;

/// A rectangle `[x0, y0, x1, y1)` of a picture.
type Rect = [u32; 4];

/// The canvas at 1200×800: between the left panel's edge (x = 249) and the
/// right panel's (x = 820), the menu bar's (y = 22) and the status bar's
/// (y = 777). Fixed, read off the references, so that a panel that moved
/// or changed width fails instead of being followed.
const CANVAS: Rect = [250, 23, 820, 777];

/// The fixed parts: a pixel differs when a channel differs by more than
/// this, and at most this fraction of them may.
const PIXEL_DELTA: u8 = 64;
const PIXEL_FRACTION: f64 = 0.0001;

/// The canvas: a pixel is drawn on when a channel differs
/// from the background by more than this; the backgrounds may differ by
/// this much; what is drawn on may be this many times more or less; the
/// drawn pixels' colour histograms may be this far apart (total
/// variation: 0 the same, 1 nothing in common).
const INK_DELTA: u8 = 24;
const BACKGROUND_DELTA: u8 = 8;
const INK_RATIO: f64 = 2.0;
const COLOUR_DISTANCE: f64 = 0.3;

/// How the canvas of a picture is compared.
#[derive(Clone, Copy, Debug)]
enum Canvas {
    /// By its colours: neither the force layout nor the prerequisite
    /// view's zoom is the same every run.
    Colours,
}

/// An Xvfb server started by this test, stopped (only it) when dropped.
struct Xvfb {
    child: Child,
    display: u32,
}

impl Xvfb {
    /// Starts Xvfb on the first free display from `90 + pid % 100 +
    /// offset`, or `None` when Xvfb is not installed (a failure instead
    /// with `NOTEGRAPH_REQUIRE_XVFB=1`).
    fn start(offset: u32) -> Option<Xvfb> {
        let first = 90 + std::process::id() % 100 + offset * 7;
        for display in (first..).take(40) {
            if Path::new(&format!("/tmp/.X{display}-lock")).exists()
                || Path::new(&format!("/tmp/.X11-unix/X{display}")).exists()
            {
                continue;
            }
            let spawned = Command::new("Xvfb")
                .arg(format!(":{display}"))
                .args(["-screen", "0", "1600x1000x24", "-nolisten", "tcp"])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn();
            let child = match spawned {
                Ok(child) => child,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    if std::env::var_os("NOTEGRAPH_REQUIRE_XVFB").is_some_and(|v| v == "1") {
                        panic!("NOTEGRAPH_REQUIRE_XVFB=1 but Xvfb cannot run: {e}");
                    }
                    eprintln!("note: Xvfb is not installed; picture test skipped ({e})");
                    return None;
                }
                Err(e) => panic!("cannot start Xvfb: {e}"),
            };
            let mut server = Xvfb { child, display };
            if server.ready() {
                return Some(server);
            }
            // Taken meanwhile by another server, or it failed: the next.
            drop(server);
        }
        panic!("no free X display from :{first} on");
    }

    /// Waits until the server listens (its socket is there and its lock
    /// file names it), or has exited.
    fn ready(&mut self) -> bool {
        let lock = format!("/tmp/.X{}-lock", self.display);
        let socket = format!("/tmp/.X11-unix/X{}", self.display);
        let pid = self.child.id().to_string();
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return false;
            }
            let ours = std::fs::read_to_string(&lock).is_ok_and(|s| s.trim() == pid);
            if ours && Path::new(&socket).exists() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }
}

impl Drop for Xvfb {
    /// Stops the server with SIGTERM, so that it removes its lock file and
    /// socket (killed, it leaves them, and that display stays taken); with
    /// SIGKILL after 5 s, removing them itself.
    fn drop(&mut self) {
        if let Ok(Some(_)) = self.child.try_wait() {
            return;
        }
        let pid = self.child.id();
        // SAFETY: kill(2) on our own child, which has not been waited for,
        // so its pid cannot have been reused.
        unsafe { libc::kill(pid as libc::pid_t, libc::SIGTERM) };
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        let lock = format!("/tmp/.X{}-lock", self.display);
        if std::fs::read_to_string(&lock).is_ok_and(|s| s.trim() == pid.to_string()) {
            let _ = std::fs::remove_file(format!("/tmp/.X11-unix/X{}", self.display));
            let _ = std::fs::remove_file(lock);
        }
    }
}

/// Copies the sample vault to `to`.
fn copy_sample(to: &Path) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample-vault");
    for entry in walkdir::WalkDir::new(&from) {
        let entry = entry.unwrap();
        let dest = to.join(entry.path().strip_prefix(&from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Takes a screenshot of a copy of the sample vault with these options, or
/// `None` when there is no Xvfb to take it under.
fn screenshot(offset: u32, options: &[&str]) -> Option<RgbaImage> {
    let xvfb = Xvfb::start(offset)?;
    let dir = tempfile::tempdir().unwrap();
    // A folder of the same name every run: the window may show it.
    let vault = dir.path().join("sample-vault");
    copy_sample(&vault);
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let shot = dir.path().join("shot.png");
    let size = format!("{WIDTH}x{HEIGHT}");
    let mut child = Command::new(env!("CARGO_BIN_EXE_notegraph"))
        .arg(&vault)
        .arg("--screenshot")
        .arg(&shot)
        .args(["--size", &size])
        .args(options)
        .env("DISPLAY", format!(":{}", xvfb.display))
        .env("XDG_DATA_HOME", &data)
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("NOTEGRAPH_STARTUP_LOG")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run notegraph");
    // The screenshot waits at most 10 s for the layout; loading and
    // starting under a loaded machine take the rest.
    let deadline = Instant::now() + Duration::from_secs(120);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("notegraph {options:?} took over 120 s to take its screenshot");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success() && shot.exists(),
        "notegraph {options:?} failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    drop(xvfb);
    Some(image::open(&shot).expect("a PNG").to_rgba8())
}

fn inside([x0, y0, x1, y1]: Rect, x: u32, y: u32) -> bool {
    (x0..x1).contains(&x) && (y0..y1).contains(&y)
}

const RED: Rgba<u8> = Rgba([255, 0, 0, 255]);

/// The fixed parts: how many pixels outside the canvas and `skip` differ,
/// out of how many; each marked red on `map`.
fn fixed_parts(a: &RgbaImage, b: &RgbaImage, skip: Rect, map: &mut RgbaImage) -> (usize, usize) {
    let (mut differing, mut of) = (0, 0);
    for (x, y, p) in a.enumerate_pixels() {
        if inside(CANVAS, x, y) || inside(skip, x, y) {
            continue;
        }
        of += 1;
        let q = b.get_pixel(x, y);
        if (0..3).any(|c| p[c].abs_diff(q[c]) > PIXEL_DELTA) {
            differing += 1;
            map.put_pixel(x, y, RED);
        }
    }
    (differing, of)
}

/// What the canvas shows, by colour: its background (the commonest
/// colour), the fraction of its pixels drawn on, and the histogram of the
/// drawn pixels' colours (4 levels a channel), as fractions.
struct Colours {
    background: [u8; 3],
    ink: f64,
    histogram: [f64; 64],
}

impl Colours {
    fn of(img: &RgbaImage) -> Colours {
        let [x0, y0, x1, y1] = CANVAS;
        let pixels = || (y0..y1).flat_map(move |y| (x0..x1).map(move |x| img.get_pixel(x, y).0));
        let mut counts = std::collections::HashMap::<[u8; 3], usize>::new();
        for p in pixels() {
            *counts.entry([p[0], p[1], p[2]]).or_default() += 1;
        }
        let (&background, _) = (counts.iter())
            .max_by_key(|&(colour, n)| (n, *colour))
            .expect("a canvas");
        let mut histogram = [0.0; 64];
        let (mut ink, mut all) = (0usize, 0usize);
        for p in pixels() {
            all += 1;
            if (0..3).any(|c| p[c].abs_diff(background[c]) > INK_DELTA) {
                ink += 1;
                let bin = usize::from(p[0] >> 6) << 4
                    | usize::from(p[1] >> 6) << 2
                    | usize::from(p[2] >> 6);
                histogram[bin] += 1.0;
            }
        }
        histogram.iter_mut().for_each(|h| *h /= ink.max(1) as f64);
        Colours {
            background,
            ink: ink as f64 / all as f64,
            histogram,
        }
    }

    /// What differs from `other` beyond the tolerances, if anything.
    fn differences(&self, other: &Colours) -> Vec<String> {
        let mut out = Vec::new();
        if (0..3).any(|c| self.background[c].abs_diff(other.background[c]) > BACKGROUND_DELTA) {
            out.push(format!(
                "background {:?}, the reference's {:?}",
                self.background, other.background
            ));
        }
        let ratio = self.ink / other.ink.max(1e-9);
        if !(1.0 / INK_RATIO..=INK_RATIO).contains(&ratio) {
            out.push(format!(
                "{:.2}% drawn on, the reference {:.2}%",
                self.ink * 100.0,
                other.ink * 100.0
            ));
        }
        let distance = self.distance(other);
        if distance > COLOUR_DISTANCE {
            out.push(format!(
                "colours {distance:.3} apart (at most {COLOUR_DISTANCE})"
            ));
        }
        out
    }

    /// Total variation between the histograms.
    fn distance(&self, other: &Colours) -> f64 {
        let sum: f64 = (self.histogram.iter().zip(&other.histogram))
            .map(|(a, b)| (a - b).abs())
            .sum();
        sum / 2.0
    }
}

/// Compares the screenshot with tests/pictures/NAME.png; `skip` is left
/// out of the fixed parts (the status bar's load time).
fn compare(name: &str, shot: &RgbaImage, canvas: Canvas, skip: Rect) {
    let reference_path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/pictures")
        .join(format!("{name}.png"));
    if std::env::var_os("NOTEGRAPH_UPDATE_PICTURES").is_some_and(|v| v == "1") {
        shot.save(&reference_path).unwrap();
        eprintln!("wrote {}", reference_path.display());
        return;
    }
    let reference = match image::open(&reference_path) {
        Ok(image) => image.to_rgba8(),
        Err(e) => panic!(
            "no reference picture {} ({e}); write it with NOTEGRAPH_UPDATE_PICTURES=1",
            reference_path.display()
        ),
    };
    assert_eq!(
        (shot.width(), shot.height()),
        (reference.width(), reference.height()),
        "{name}: the screenshot's size differs from the reference's"
    );
    let mut map = reference.clone();
    let mut failures = Vec::new();
    let (pixels, of_pixels) = fixed_parts(shot, &reference, skip, &mut map);
    let share = pixels as f64 / of_pixels as f64;
    eprintln!(
        "{name}: fixed parts: {pixels} of {of_pixels} pixels differ ({:.3}%, at most {:.3}%)",
        share * 100.0,
        PIXEL_FRACTION * 100.0
    );
    if share > PIXEL_FRACTION {
        failures.push(format!(
            "{:.3}% of the pixels outside the canvas differ (at most {:.3}%)",
            share * 100.0,
            PIXEL_FRACTION * 100.0
        ));
    }
    match canvas {
        Canvas::Colours => {
            let (new, old) = (Colours::of(shot), Colours::of(&reference));
            eprintln!(
                "{name}: canvas: background {:?} (reference {:?}), {:.2}% drawn on \
                 (reference {:.2}%), colours {:.3} apart",
                new.background,
                old.background,
                new.ink * 100.0,
                old.ink * 100.0,
                new.distance(&old)
            );
            let differences = new.differences(&old);
            if !differences.is_empty() {
                let [x0, y0, x1, y1] = CANVAS;
                for y in [y0, y0 + 1, y1 - 2, y1 - 1] {
                    (x0..x1).for_each(|x| map.put_pixel(x, y, RED));
                }
                for x in [x0, x0 + 1, x1 - 2, x1 - 1] {
                    (y0..y1).for_each(|y| map.put_pixel(x, y, RED));
                }
                failures.push(format!("the canvas: {}", differences.join("; ")));
            }
        }
    }
    if !failures.is_empty() {
        let out = failure_dir();
        let new = out.join(format!("{name}.new.png"));
        let diff = out.join(format!("{name}.diff.png"));
        shot.save(&new).unwrap();
        map.save(&diff).unwrap();
        panic!(
            "{name} differs from {}: {}. The new picture: {}; the reference with what \
             differs in red: {}",
            reference_path.display(),
            failures.join("; "),
            new.display(),
            diff.display(),
        );
    }
}

/// Where a failing test leaves its pictures: target/picture-failures/.
fn failure_dir() -> PathBuf {
    let exe = PathBuf::from(env!("CARGO_BIN_EXE_notegraph"));
    let dir = exe
        .parent()
        .and_then(Path::parent)
        .unwrap_or(Path::new("."))
        .join("picture-failures");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The status bar's "loaded in 17 ms", right of its last separator, which
/// sits further right in the prerequisite view ("2 without prerequisite
/// links not drawn").
const LOAD_TIME: Rect = [382, 778, 820, HEIGHT];
const LOAD_TIME_PREREQUISITES: Rect = [618, 778, 820, HEIGHT];

#[test]
fn note_tab_with_a_note_selected() {
    let options = ["--theme", "light", "--select", "raft", "--tab", "note"];
    if let Some(shot) = screenshot(0, &options) {
        compare("note_tab", &shot, Canvas::Colours, LOAD_TIME);
    }
}

#[test]
fn plan_tab() {
    let options = ["--theme", "light", "--plan", "raft", "--tab", "plan"];
    if let Some(shot) = screenshot(1, &options) {
        compare("plan_tab", &shot, Canvas::Colours, LOAD_TIME);
    }
}

#[test]
fn prerequisite_view() {
    let options = ["--theme", "light", "--prerequisites"];
    if let Some(shot) = screenshot(2, &options) {
        compare(
            "prerequisites",
            &shot,
            Canvas::Colours,
            LOAD_TIME_PREREQUISITES,
        );
    }
}
