//! Level of detail on the canvas: far out, a big graph costs what the
//! screen holds, not what the vault holds; near in, every note is drawn as
//! before; and a click still picks the note under the pointer.

mod common;

use common::harness;
use egui_kittest::Harness;
use notegraph::gui::{App, Settings, VaultSource};

/// `n` notes, each linked to its parent in a binary tree and to one note
/// further on: a connected graph of about two links per note.
fn vault(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..n {
        let (parent, far) = (i / 2, (i * 7 + 3) % n);
        let text = format!("# Note {i}\n\nSee [[n{parent}]] and [[n{far}]].\n");
        std::fs::write(dir.path().join(format!("n{i}.md")), text).unwrap();
    }
    dir
}

fn settled(dir: &tempfile::TempDir) -> Harness<'static, App> {
    let source = VaultSource::Folder(dir.path().into());
    let mut app = App::new_blocking(Settings::default(), source);
    app.settle_layout();
    let mut h = harness(app);
    h.run_steps(10);
    h
}

/// Vertices of every mesh painted inside the canvas (the legend, an
/// overlay over the whole window, and the panels are not).
fn canvas_vertices(h: &Harness<'_, App>) -> usize {
    fn vertices(shape: &egui::Shape) -> usize {
        match shape {
            egui::Shape::Mesh(mesh) => mesh.vertices.len(),
            egui::Shape::Vec(shapes) => shapes.iter().map(vertices).sum(),
            _ => 0,
        }
    }
    let (_, _, canvas) = h.state().camera();
    (h.output().shapes.iter())
        .filter(|clipped| clipped.clip_rect.width() <= canvas.width() + 2.0)
        .map(|clipped| vertices(&clipped.shape))
        .sum()
}

/// Fits the graph, then zooms out by `factor` round the middle.
fn zoomed_out(h: &mut Harness<'_, App>, factor: f32) {
    h.state_mut().zoom_by(factor);
    h.run_steps(10);
}

#[test]
fn far_out_a_big_graph_costs_what_the_screen_holds() {
    let (small, big) = (vault(400), vault(1600));
    let (mut small, mut big) = (settled(&small), settled(&big));
    zoomed_out(&mut small, 0.04);
    zoomed_out(&mut big, 0.04);
    let (few, many) = (canvas_vertices(&small), canvas_vertices(&big));
    // Four times the notes in the same few pixels: the dots merge, and
    // the edges are shorter than the dots they join. Drawn as discs, as
    // before, the big one took 13 vertices a note.
    assert!(many < 13 * 1600 / 2, "{many} vertices for 1600 notes");
    assert!(
        many < few * 2,
        "{many} vertices for 1600 notes, {few} for 400"
    );
}

#[test]
fn near_in_every_note_is_a_disc_as_before() {
    let dir = vault(60);
    let mut h = settled(&dir);
    h.state_mut().zoom_by(2.0);
    h.run_steps(10);
    let (_, _, canvas) = h.state().camera();
    let shown = (h.state().node_screen_positions().into_iter())
        .filter(|p| canvas.contains(*p))
        .count();
    assert!(shown > 10, "{shown} notes in view");
    // A disc is at least a centre and six feathered segments.
    let vertices = canvas_vertices(&h);
    assert!(
        vertices >= 13 * shown,
        "{vertices} vertices for {shown} notes"
    );
}

#[test]
fn a_click_on_a_dot_picks_the_note_under_it() {
    let dir = vault(1600);
    let mut h = settled(&dir);
    zoomed_out(&mut h, 0.15);
    let (_, _, canvas) = h.state().camera();
    let shown = (h.state().node_screen_positions().into_iter())
        .filter(|p| canvas.contains(*p))
        .count();
    let vertices = canvas_vertices(&h);
    assert!(
        vertices < 13 * shown,
        "dots at this zoom: {vertices} vertices"
    );
    let path = "n37.md";
    let at = h.state().node_screen_position(path).expect("drawn");
    assert!(canvas.contains(at), "{at:?} outside {canvas:?}");
    h.input_mut().events.push(egui::Event::PointerMoved(at));
    h.run_steps(2);
    for pressed in [true, false] {
        h.input_mut().events.push(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Default::default(),
        });
    }
    h.run_steps(4);
    let selected = h.state().selected().expect("a note is selected");
    let loaded = h.state().loaded().unwrap();
    let picked = &loaded.vault.notes[selected].path;
    let picked_at = h.state().node_screen_position(picked).unwrap();
    // Where dots crowd, the click picks one of those under the pointer.
    assert!(
        (picked_at - at).length() < 6.0,
        "{picked} at {picked_at:?}, clicked at {at:?}"
    );
}

#[test]
fn the_pointer_over_a_note_hovers_it_and_off_it_lets_go() {
    let dir = vault(60);
    let mut h = settled(&dir);
    let (_, _, canvas) = h.state().camera();
    let at = h.state().node_screen_position("n0.md").expect("drawn");
    let dimmed = |h: &Harness<'_, App>| {
        (0..60)
            .filter(|i| {
                let style = h.state().node_style(&format!("n{i}.md"));
                style.is_some_and(|s| s.opacity < 1.0)
            })
            .count()
    };
    assert_eq!(dimmed(&h), 0);
    // Over the note: its view takes the pointer and the rest steps back.
    h.input_mut().events.push(egui::Event::PointerMoved(at));
    h.run_steps(3);
    assert!(dimmed(&h) > 0, "hovering n0 pushes the others back");
    // Off it, over empty canvas (a corner): back to normal.
    let empty = canvas.left_top() + egui::vec2(2.0, 2.0);
    h.input_mut().events.push(egui::Event::PointerMoved(empty));
    h.run_steps(3);
    assert_eq!(dimmed(&h), 0, "nothing hovered");
}
