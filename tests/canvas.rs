//! The canvas as a new user meets it: the wheel zooms at the pointer, every
//! change of view fits, a resize keeps the graph in view, and community
//! names never cover the note the user looks at.

mod common;

use common::{harness, note_id, sample_app};
use egui::{Event, MouseWheelUnit, Pos2, Vec2};
use egui_kittest::Harness;
use notegraph::gui::{App, CanvasMode, Command, Settings, VaultSource};

/// The graph point under screen point `at`, for the last frame's camera.
fn graph_point(app: &App, at: Pos2) -> Pos2 {
    let (zoom, pan, rect) = app.camera();
    ((at - rect.min - pan) / zoom).to_pos2()
}

fn wheel(h: &mut Harness<'_, App>, at: Pos2, notches: f32, modifiers: egui::Modifiers) {
    h.event(Event::PointerMoved(at));
    h.run_steps(1);
    h.event_modifiers(
        Event::MouseWheel {
            unit: MouseWheelUnit::Line,
            delta: Vec2::new(0.0, notches),
            modifiers,
            phase: egui::TouchPhase::Move,
        },
        modifiers,
    );
    // egui spreads a notch over a few frames: let it finish.
    h.run_steps(40);
}

/// Shown nodes drawn outside the canvas, after letting any glide finish.
fn outside(h: &mut Harness<'_, App>) -> Vec<Pos2> {
    // Commands apply at the end of a frame; a switch of view moves nodes
    // for 300 ms of wall time; a fit glides for 250 ms of frame time.
    h.run_steps(3);
    std::thread::sleep(std::time::Duration::from_millis(400));
    h.run_steps(30);
    let (_, _, rect) = h.state().camera();
    let rect = rect.expand(1.0);
    (h.state().node_screen_positions().into_iter())
        .filter(|p| !rect.contains(*p))
        .collect()
}

#[test]
fn the_wheel_zooms_at_the_pointer_in_small_steps() {
    let mut app = sample_app(Settings::default());
    app.settle_layout();
    let mut h = harness(app);
    h.run_steps(10);
    let (zoom0, _, rect) = h.state().camera();
    let at = rect.center() + Vec2::new(rect.width() * 0.2, -rect.height() * 0.15);
    let under = graph_point(h.state(), at);

    wheel(&mut h, at, 1.0, egui::Modifiers::NONE);
    let (zoom1, _, _) = h.state().camera();
    let step = zoom1 / zoom0;
    assert!(step > 1.05 && step < 1.3, "one notch zooms by {step}");
    let still = graph_point(h.state(), at);
    assert!(
        (still - under).length() * zoom1 < 1.0,
        "the point under the pointer moved from {under:?} to {still:?}"
    );

    // Ctrl+wheel zooms too, by the wheel's delta, not by frames.
    wheel(&mut h, at, -1.0, egui::Modifiers::CTRL);
    let (zoom2, _, _) = h.state().camera();
    let back = zoom1 / zoom2;
    assert!(back > 1.05 && back < 1.5, "Ctrl+wheel zoomed out by {back}");
    let still = graph_point(h.state(), at);
    assert!((still - under).length() * zoom2 < 1.0);
}

#[test]
fn one_notch_zooms_the_same_at_any_frame_rate() {
    let step_at = |dt: f32| {
        let mut app = sample_app(Settings::default());
        app.settle_layout();
        let mut h = egui_kittest::Harness::builder()
            .with_size(egui::vec2(1400.0, 900.0))
            .with_step_dt(dt)
            .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
        h.run_steps(10);
        let (zoom0, _, rect) = h.state().camera();
        wheel(&mut h, rect.center(), 1.0, egui::Modifiers::NONE);
        h.state().camera().0 / zoom0
    };
    let (fast, slow) = (step_at(1.0 / 60.0), step_at(0.25));
    assert!(
        (fast / slow - 1.0).abs() < 0.02,
        "a notch zooms ×{fast} at 60 fps, ×{slow} at 4 fps"
    );
}

#[test]
fn keys_zoom_and_fit() {
    let mut app = sample_app(Settings::default());
    app.settle_layout();
    let mut h = harness(app);
    h.run_steps(10);
    let zoom0 = h.state().camera().0;
    h.key_press(egui::Key::Plus);
    h.run_steps(2);
    assert!(h.state().camera().0 > zoom0 * 1.1, "+ zooms in");
    for _ in 0..12 {
        h.key_press(egui::Key::Plus);
        h.run_steps(1);
    }
    assert!(
        !outside(&mut h).is_empty(),
        "zoomed in, some nodes are out of view"
    );
    h.key_press(egui::Key::F);
    assert!(outside(&mut h).is_empty(), "F brings every node back");
}

#[test]
fn every_change_of_view_shows_every_node() {
    let mut app = sample_app(Settings::default());
    app.settle_layout();
    let mut h = harness(app);
    h.run_steps(10);
    assert!(outside(&mut h).is_empty(), "at start");

    let mut view = h.state().settings().view.clone();
    view.canvas = CanvasMode::Prerequisites;
    h.state_mut().push(Command::SetView(view.clone()));
    assert!(outside(&mut h).is_empty(), "prerequisite view");

    view.canvas = CanvasMode::Force;
    h.state_mut().push(Command::SetView(view));
    let out = outside(&mut h);
    assert!(
        out.is_empty(),
        "back in the graph: {out:?} of {}",
        h.state().node_screen_positions().len()
    );

    let raft = note_id(h.state(), "databases/raft.md");
    h.state_mut().push(Command::LocalGraph(Some(raft)));
    assert!(outside(&mut h).is_empty(), "local graph");
    let shown = h.state().node_screen_positions();
    let (_, _, rect) = h.state().camera();
    let spread = (shown.iter()).fold(egui::Rect::NOTHING, |r, p| {
        r.union(egui::Rect::from_center_size(*p, Vec2::ZERO))
    });
    let off = spread.center() - rect.center();
    assert!(
        off.x.abs() < rect.width() * 0.1 && off.y.abs() < rect.height() * 0.1,
        "the local graph is in the middle of the canvas, not a corner: {spread:?} in {rect:?}"
    );

    // A plan: the view fits its steps.
    h.state_mut().push(Command::LocalGraph(None));
    h.state_mut().push(Command::PlanFor(Some(raft)));
    outside(&mut h);
    let (_, _, rect) = h.state().camera();
    let app = h.state();
    let plan = app.plan().expect("a plan");
    assert!(plan.steps.len() >= 3);
    for step in &plan.steps {
        let path = &app.loaded().unwrap().vault.notes[step.note].path;
        let at = app.node_screen_position(path).expect("a step is drawn");
        assert!(rect.contains(at), "{path} at {at:?}, outside {rect:?}");
    }
}

#[test]
fn a_resize_keeps_the_graph_in_view() {
    let mut app = sample_app(Settings::default());
    app.settle_layout();
    let mut h = harness(app);
    h.run_steps(10);
    assert!(outside(&mut h).is_empty());
    h.set_size(Vec2::new(900.0, 600.0));
    h.run_steps(4);
    let shown = h.state().node_screen_positions().len();
    let out = outside(&mut h);
    assert!(
        out.len() * 10 <= shown,
        "after a resize {} of {shown} nodes are out of view",
        out.len()
    );
    h.set_size(Vec2::new(1600.0, 1000.0));
    h.run_steps(4);
    assert!(outside(&mut h).len() * 10 <= shown);
}

/// A vault big enough for community names at fit-to-view.
fn topic_vault() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (t, topic) in ["alpha", "beta", "gamma", "delta"].iter().enumerate() {
        for i in 0..100 {
            let link = |k: usize| format!("- [n](n{t}-{}.md)\n", (i + k) % 100);
            let body = format!(
                "---\ntitle: {topic} note {i}\ntags: [{topic}]\n---\n### Related topics\n{}{}",
                link(1),
                link(7)
            );
            std::fs::write(dir.path().join(format!("n{t}-{i}.md")), body).unwrap();
        }
    }
    dir
}

#[test]
fn the_selected_note_is_painted_above_community_names() {
    let dir = topic_vault();
    let mut app = App::new_blocking(Settings::default(), VaultSource::Folder(dir.path().into()));
    app.settle_layout();
    let note = note_id(&app, "n1-10.md");
    let mut h = harness(app);
    h.state_mut().push(Command::Select(note));
    h.run_steps(2);
    h.state_mut().push(Command::Fit);
    h.run_steps(40);
    let (regions, _) = h.state().shown_labels();
    assert!(!regions.is_empty(), "community names at fit-to-view");
    // The legend (an overlay over the whole window) names communities
    // too: only shapes clipped to the canvas count.
    let (_, _, canvas) = h.state().camera();
    let texts: Vec<String> = (h.output().shapes.iter())
        .filter(|clipped| clipped.clip_rect.width() <= canvas.width() + 2.0)
        .flat_map(|clipped| texts_in(&clipped.shape))
        .collect();
    let last = |wanted: &str| texts.iter().rposition(|t| t == wanted);
    let label = last("beta note 10").expect("the selected note is labelled");
    for region in &regions {
        let at = last(region).expect("community name painted");
        assert!(
            at < label,
            "{region} painted over the selected note's label"
        );
    }
}

/// The texts of a shape, in paint order.
fn texts_in(shape: &egui::Shape) -> Vec<String> {
    match shape {
        egui::Shape::Text(t) => vec![t.galley.text().to_string()],
        egui::Shape::Vec(shapes) => shapes.iter().flat_map(texts_in).collect(),
        _ => Vec::new(),
    }
}

#[test]
fn panels_keep_their_width_whatever_they_show() {
    let dir = tempfile::tempdir().unwrap();
    let long = "a-very-long-name-that-does-not-wrap-".repeat(12);
    let folder = "a-long-folder-name-".repeat(6);
    common::write(
        dir.path(),
        &format!("deep/{folder}/{folder}/note.md"),
        format!("# note\n\n[[{long}missing]] and `{long}` [[other]]\n"),
    );
    common::write(dir.path(), "other.md", "# other\n\n[[note]]\n");
    let app = App::new_blocking(Settings::default(), VaultSource::Folder(dir.path().into()));
    let mut h = harness(app);
    h.run_steps(4);
    let canvas = h.state().camera().2;
    let note = h.state().loaded().unwrap().vault.notes[0].path.clone();
    let id = note_id(h.state(), &note);
    h.state_mut().push(Command::Select(id));
    h.run_steps(6);
    assert_eq!(h.state().camera().2, canvas, "selecting a note");
    h.state_mut()
        .push(Command::ShowTab(notegraph::gui::RightTab::Problems));
    h.run_steps(6);
    assert_eq!(h.state().camera().2, canvas, "opening Problems");
}

#[test]
fn a_small_window_keeps_room_for_the_graph() {
    let mut h = harness(sample_app(Settings::default()));
    for (w, h_) in [(800.0, 600.0), (640.0, 480.0)] {
        h.set_size(Vec2::new(w, h_));
        h.run_steps(6);
        let canvas = h.state().camera().2;
        assert!(
            canvas.width() >= 300.0,
            "at {w}×{h_} the canvas is {canvas:?}"
        );
    }
    // The folding is not saved as the user's choice.
    let view = &h.state().settings().view;
    assert!(view.show_filters && view.show_details);
    h.set_size(Vec2::new(1400.0, 900.0));
    h.run_steps(6);
    assert!(h.state().camera().2.width() < 900.0, "the panels come back");
}
