//! Notices float over the graph: showing one never moves the canvas; a
//! message fades after a few seconds, an error stays until dismissed.

mod common;

use common::{harness, note_id, sample_app};
use egui_kittest::kittest::Queryable;
use notegraph::gui::{Command, Settings};

const REFUSED: &str =
    "link not opened: `ftp://example.com/x` is not a note in this vault or a web address";

/// The harness steps a quarter of a second of egui time per frame.
const STEPS_PER_SECOND: usize = 4;

#[test]
fn a_message_fades_over_the_graph_and_an_error_stays() {
    let app = sample_app(Settings::default());
    let raft = note_id(&app, "databases/raft.md");
    let mut h = harness(app);
    h.state_mut().push(Command::Select(raft));
    h.run_steps(3);
    let canvas = h.state().canvas_rect();
    assert!(canvas.is_positive());

    h.state_mut()
        .push(Command::OpenUrl("ftp://example.com/x".into()));
    h.run_steps(2);
    assert!(h.query_by_label(REFUSED).is_some(), "the message shows");
    assert_eq!(
        h.state().canvas_rect(),
        canvas,
        "over the graph, not above it"
    );
    h.run_steps(2 * STEPS_PER_SECOND);
    assert!(h.query_by_label(REFUSED).is_some(), "still there after 2 s");
    h.run_steps(6 * STEPS_PER_SECOND);
    assert_eq!(h.state().message(), None, "gone after its time");
    assert!(h.query_by_label(REFUSED).is_none());

    // The sample is read-only: ticking a box there is an error.
    h.state_mut().push(Command::TickBox {
        note: raft,
        marker: 0,
        ticked: true,
    });
    h.run_steps(2);
    let error = "the bundled sample is read-only";
    assert!(h.query_by_label(error).is_some());
    assert_eq!(h.state().canvas_rect(), canvas);
    h.run_steps(20 * STEPS_PER_SECOND);
    assert!(h.query_by_label(error).is_some(), "an error stays");
    assert_eq!(h.state().error(), Some(error));
    h.get_by_label("✕").click();
    h.run_steps(2);
    assert_eq!(h.state().error(), None, "until dismissed");
}
