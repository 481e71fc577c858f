//! Times the real window code per frame, headless: our panels, the graph
//! (egui_graphs with our shapes) and tessellation, with the whole vault in
//! view and the layout at rest.
//!
//! `cargo run --release --example frame_bench -- VAULT [--frames K] [--zoom Z] [--tab TAB]`
//!
//! `--zoom Z` zooms in by Z around the centre after fitting. `--tab TAB`
//! opens the right panel's tab (e.g. `review`, with notegraph's data where
//! `XDG_DATA_HOME` says) after the warm-up, so that the measured frames
//! start with the one that opens it. Prints one JSON line
//! `{"notes":..,"ms_per_frame":..,"max_ms":..}` (the median and the worst).
//! `--focus` then times the frames of a focus on two notes, an expand, a
//! hidden branch, Show all and Clear (the slowest frame of each step).
//! `--idle S` first lets the window's work after a load finish (S seconds
//! at ten frames a second) before the measured frames.
//! `--fold` folds every topic first ("Fold all"), so that the measured
//! frames are of the folded map, and times the frames of folding all and
//! then of unfolding the biggest topic (`fold_ms`: the slowest frame of
//! each and the nodes drawn after it).
//! `--views` then saves a named view, unfolds everything and opens the
//! view again (`view_ms`: the slowest frame after saving, and after
//! opening with the nodes drawn then).
//! `--moving` zooms in and out by 0.2 % before each measured frame, so
//! that nothing drawn for one frame can be reused by the next (a pan or
//! zoom). `vertices` is what the last frame's tessellation gave to the
//! GPU.

#[path = "support/settled.rs"]
mod settled;

use notegraph::gui::{App, Command, FocusCommand, FoldCommand, RightTab, ViewsCommand};

// The binary's allocator, so that figures match what users get.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::time::Instant;

static SHAPES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
static VERTICES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

fn main() {
    let mut args = std::env::args().skip(1);
    let usage = "usage: frame_bench VAULT [--frames K] [--zoom Z] [--tab TAB] [--focus] [--idle S] [--fold] [--views] [--moving]";
    let vault = args.next().expect(usage);
    let mut frames = 60usize;
    let mut zoom = 1.0f32;
    let mut focus = false;
    let mut fold = false;
    let mut views = false;
    let mut moving = false;
    let mut idle = 0.0f64;
    let mut tab = None;
    while let Some(flag) = args.next() {
        match flag.as_str() {
            "--focus" => focus = true,
            "--fold" => fold = true,
            "--views" => views = true,
            "--moving" => moving = true,
            "--idle" => idle = args.next().and_then(|s| s.parse().ok()).expect(usage),
            "--frames" => frames = args.next().and_then(|s| s.parse().ok()).expect(usage),
            "--zoom" => zoom = args.next().and_then(|s| s.parse().ok()).expect(usage),
            "--tab" => {
                let name = args.next().expect(usage);
                tab = Some(<RightTab as clap::ValueEnum>::from_str(&name, true).expect(usage));
            }
            _ => panic!("{usage}"),
        }
    }
    let settled::Settled {
        mut app,
        notes,
        load_ms,
        settle_ms,
    } = settled::open_settled(&vault);

    let ctx = egui::Context::default();
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1600.0, 1000.0));
    let mut time = 0.0;
    let mut split: Vec<(f64, f64)> = Vec::new();
    let mut frame = |app: &mut App, i: usize| -> f64 {
        time += 1.0 / 60.0;
        // The pointer moves each frame (over empty canvas, where the
        // canvas paints as at rest: `--moving` times the interactive path).
        let input = egui::RawInput {
            screen_rect: Some(screen),
            time: Some(time),
            events: vec![egui::Event::PointerMoved(egui::pos2(
                300.0 + (i % 2) as f32,
                990.0,
            ))],
            ..Default::default()
        };
        let t = Instant::now();
        let mut output = ctx.run_ui(input, |ui| app.ui(ui));
        output.textures_delta.clear();
        let ui_ms = t.elapsed().as_secs_f64() * 1000.0;
        SHAPES.store(output.shapes.len(), std::sync::atomic::Ordering::Relaxed);
        let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
        let vertices = (primitives.iter())
            .map(|p| match &p.primitive {
                egui::epaint::Primitive::Mesh(mesh) => mesh.vertices.len(),
                egui::epaint::Primitive::Callback(_) => 0,
            })
            .sum();
        VERTICES.store(vertices, std::sync::atomic::Ordering::Relaxed);
        std::hint::black_box(primitives);
        let total = t.elapsed().as_secs_f64() * 1000.0;
        split.push((ui_ms, total - ui_ms));
        total
    };
    // Warm up: fit to view, fonts, label placement.
    for i in 0..10 {
        frame(&mut app, i);
    }
    if zoom != 1.0 {
        app.zoom_by(zoom);
        for i in 0..5 {
            frame(&mut app, i);
        }
    }
    // The work the window does once after a load (the text index, topic
    // names) runs on other threads; `--idle S` lets it finish first, at
    // ten frames a second, so that the frames measured are the ones a user
    // gets later.
    let idle_frames = (idle * 10.0) as usize;
    for i in 0..idle_frames {
        frame(&mut app, i);
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let mut fold_ms = serde_json::Map::new();
    if fold {
        fold_ms.insert(
            "fold_all".into(),
            fold_step(&mut app, &mut frame, FoldCommand::FoldAll),
        );
        app.settle_layout();
        for i in 0..5 {
            frame(&mut app, i);
        }
    }
    if let Some(tab) = tab {
        app.push(Command::ShowTab(tab));
    }
    let mut times: Vec<f64> = (0..frames)
        .map(|i| {
            if moving {
                app.zoom_by(if i % 2 == 0 { 1.002 } else { 1.0 / 1.002 });
            }
            frame(&mut app, i)
        })
        .collect();
    if let Some(biggest) = app.folded().0.first().cloned().filter(|_| fold) {
        let unfold = FoldCommand::Unfold(biggest);
        fold_ms.insert("unfold_one".into(), fold_step(&mut app, &mut frame, unfold));
    }
    let view_ms = if views {
        view_steps(&mut app, &mut frame)
    } else {
        serde_json::Value::Null
    };
    let warm = if zoom != 1.0 { 15 } else { 10 } + idle_frames + if fold { 10 } else { 0 };
    let focus_ms = if focus {
        focus_steps(&mut app, &mut frame)
    } else {
        serde_json::Value::Null
    };
    let measured = split[warm..warm + frames].to_vec();
    let worst = times.iter().copied().fold(0.0, f64::max);
    let mut ui_ms: Vec<f64> = measured.iter().map(|s| s.0).collect();
    let mut tess_ms: Vec<f64> = measured.iter().map(|s| s.1).collect();
    ui_ms.sort_by(f64::total_cmp);
    tess_ms.sort_by(f64::total_cmp);
    let max_at = times.iter().position(|&t| t == worst);
    let slowest: Vec<(usize, f64)> = {
        let mut by: Vec<(usize, f64)> = times.iter().copied().enumerate().collect();
        by.sort_by(|a, b| b.1.total_cmp(&a.1));
        by.truncate(3);
        by
    };
    eprintln!(
        "slowest frames (index, ms, ui, tessellate): {:?}",
        slowest
            .iter()
            .map(|&(i, t)| (i, t, measured[i].0, measured[i].1))
            .collect::<Vec<_>>()
    );
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    println!(
        "{}",
        serde_json::json!({
            "notes": notes,
            "visible_nodes": app.visible_nodes(),
            "zoom": zoom,
            "shapes": SHAPES.load(std::sync::atomic::Ordering::Relaxed),
            "vertices": VERTICES.load(std::sync::atomic::Ordering::Relaxed),
            "moving": moving,
            "ms_per_frame": (median * 100.0).round() / 100.0,
            "p90_ms": (times[times.len() * 9 / 10] * 100.0).round() / 100.0,
            "max_ms": (worst * 100.0).round() / 100.0,
            "max_at": max_at,
            "first_ui_ms": (measured[0].0 * 100.0).round() / 100.0,
            "first_tessellate_ms": (measured[0].1 * 100.0).round() / 100.0,
            "ui_ms": (ui_ms[frames / 2] * 100.0).round() / 100.0,
            "tessellate_ms": (tess_ms[frames / 2] * 100.0).round() / 100.0,
            "load_ms": load_ms.round(),
            "settle_ms": settle_ms.round(),
            "focus_ms": focus_ms,
            "fold_ms": fold_ms,
            "view_ms": view_ms,
        })
    );
}

/// The slowest of the frames after each focus step, by step.
fn focus_steps(app: &mut App, frame: &mut dyn FnMut(&mut App, usize) -> f64) -> serde_json::Value {
    let graph = &app.loaded().expect("a vault").graph;
    // Two well-linked notes, and a neighbour of the first to expand.
    let mut by_degree: Vec<usize> = (0..graph.note_nodes.len()).collect();
    by_degree.sort_by_key(|&n| std::cmp::Reverse(graph.targets(n, None).len()));
    let (a, b) = (by_degree[0], by_degree[1]);
    let next = graph.targets(a, None)[0];
    let steps = [
        ("focus", FocusCommand::On(vec![a, b])),
        ("expand", FocusCommand::Expand(next)),
        ("hide_branch", FocusCommand::HideBranch(next)),
        ("show_all", FocusCommand::ShowHidden),
        ("clear", FocusCommand::Clear),
    ];
    let mut out = serde_json::Map::new();
    for (name, command) in steps {
        app.push(Command::Focus(command));
        let slowest = (0..5).map(|i| frame(app, i)).fold(0.0, f64::max);
        let nodes = app.visible_nodes();
        out.insert(
            name.into(),
            serde_json::json!([(slowest * 10.0).round() / 10.0, nodes]),
        );
    }
    out.into()
}

/// The slowest of the five frames after a fold command (the first holds
/// the rebuild), and the nodes drawn then.
fn fold_step(
    app: &mut App,
    frame: &mut dyn FnMut(&mut App, usize) -> f64,
    command: FoldCommand,
) -> serde_json::Value {
    app.push(Command::Fold(command));
    let slowest = (0..5).map(|i| frame(app, i)).fold(0.0, f64::max);
    serde_json::json!([(slowest * 10.0).round() / 10.0, app.visible_nodes()])
}

/// Saves the window's view under a name, unfolds everything and opens
/// the view again: the slowest of the five frames after each.
fn view_steps(app: &mut App, frame: &mut dyn FnMut(&mut App, usize) -> f64) -> serde_json::Value {
    let name = "frame_bench".to_string();
    let mut slowest = |app: &mut App, command: Command| {
        app.push(command);
        let ms = (0..5).map(|i| frame(app, i)).fold(0.0, f64::max);
        (ms * 10.0).round() / 10.0
    };
    let save = slowest(app, Command::Views(ViewsCommand::Save(name.clone())));
    slowest(app, Command::Fold(FoldCommand::UnfoldAll));
    let unfolded = app.visible_nodes();
    let open = slowest(app, Command::Views(ViewsCommand::Open(name)));
    serde_json::json!({
        "save": save,
        "open": [open, app.visible_nodes()],
        "nodes_before_open": unfolded,
    })
}
