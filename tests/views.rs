//! The window's newer views, driven headless through egui_kittest: the
//! canvas's semantic zoom and prerequisite view, and the Progress tab.

mod common;

use common::{harness, note_id, open_selected, sample_app, sample_copy, wait_for_label};
use egui_kittest::kittest::Queryable;
use notegraph::gui::{App, ByChecks, Command, RightTab, Settings, VaultSource};

/// Semantic zoom: at fit-to-view a 400-note vault of four topics is named
/// by its communities (their tags), not by notes; zoomed in, note titles
/// take over and community names go.
#[test]
fn far_out_the_canvas_names_communities_and_near_in_notes() {
    let dir = tempfile::tempdir().unwrap();
    let topics = ["alpha", "beta", "gamma", "delta"];
    for (t, topic) in topics.iter().enumerate() {
        for i in 0..100 {
            let link = |k: usize| format!("- [n](n{t}-{}.md)\n", (i + k) % 100);
            let body = format!(
                "---\ntitle: {topic} note {i}\ntags: [{topic}]\n---\n### Related topics\n{}{}{}",
                link(1),
                link(7),
                link(31)
            );
            std::fs::write(dir.path().join(format!("n{t}-{i}.md")), body).unwrap();
        }
    }
    // Four weak links between the topics, so that they share one graph.
    for t in 0..4 {
        let path = dir.path().join(format!("n{t}-0.md"));
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.push_str(&format!("- [x](n{}-50.md)\n", (t + 1) % 4));
        std::fs::write(path, text).unwrap();
    }
    let mut app = App::new_blocking(Settings::default(), VaultSource::Folder(dir.path().into()));
    app.settle_layout();
    let mut h = harness(app);
    h.run_steps(4);
    let (regions, notes) = h.state().shown_labels();
    for topic in topics {
        assert!(
            regions.iter().any(|r| r.contains(topic)),
            "{topic} named in {regions:?}"
        );
    }
    assert!(notes.is_empty(), "no note label far out: {notes:?}");

    // Zoom in with the wheel at a note.
    let at = h.state().node_position("n2-40.md").unwrap();
    let (zoom, pan, rect) = h.state().camera();
    let at = rect.min + pan + egui::vec2(at[0], at[1]) * zoom;
    h.event(egui::Event::PointerMoved(at));
    h.run_steps(1);
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Line,
        delta: egui::vec2(0.0, 12.0),
        modifiers: egui::Modifiers::NONE,
        phase: egui::TouchPhase::Move,
    });
    h.run_steps(60);
    assert!(h.state().camera().0 > zoom * 2.5, "zoomed in");
    let (regions, notes) = h.state().shown_labels();
    assert!(regions.is_empty(), "community names near in: {regions:?}");
    assert!(
        notes.iter().any(|n| n.contains(" note ")),
        "note labels near in: {notes:?}"
    );
}

/// The prerequisite view: each note right of its prerequisites, notes
/// without a prerequisite link left out; with a plan, the plan's closure
/// only; back in the graph view every note returns.
#[test]
fn the_prerequisite_view_reads_left_to_right_and_narrows_to_a_plan() {
    let mut settings = Settings::default();
    settings.view.canvas = notegraph::gui::CanvasMode::Prerequisites;
    let mut h = harness(sample_app(settings));
    h.run_steps(2);
    let x = |app: &App, path: &str| app.node_position(path).expect(path)[0];
    let app = h.state();
    assert_eq!(
        app.visible_notes(),
        34,
        "two notes have no prerequisite link"
    );
    let chain = [
        "system-design/distributed-systems-basics.md",
        "databases/replication.md",
        "databases/quorums.md",
        "databases/consensus.md",
        "databases/raft.md",
    ];
    for pair in chain.windows(2) {
        assert!(
            x(app, pair[0]) < x(app, pair[1]),
            "{} left of {}",
            pair[0],
            pair[1]
        );
    }
    let raft = note_id(app, "databases/raft.md");
    h.state_mut().push(Command::PlanFor(Some(raft)));
    h.run_steps(3);
    assert_eq!(h.state().visible_notes(), 7, "Raft and what it needs");
    assert!(
        h.query_by_label_contains("Effort: about 14 h").is_some(),
        "three medium notes at 2 h and two hard at 4 h"
    );
    for pair in chain.windows(2) {
        assert!(x(h.state(), pair[0]) < x(h.state(), pair[1]));
    }
    let mut view = h.state().settings().view.clone();
    view.canvas = notegraph::gui::CanvasMode::Force;
    h.state_mut().push(Command::SetView(view));
    h.run_steps(3);
    assert_eq!(h.state().visible_notes(), 36);
}

/// The Progress tab: learned counts, bars per tag that filter the graph,
/// and Next up ranked by what each note unblocks.
#[test]
fn the_progress_tab_counts_learned_notes_and_lists_what_is_next() {
    let mut app = sample_app(Settings::default());
    app.push(Command::ShowTab(RightTab::Progress));
    let mut h = harness(app);
    h.run_steps(2);
    assert!(h.query_by_label("Learned 10 of 36 notes").is_some());
    assert!(h.query_by_label("Next up").is_some());
    assert!(
        h.query_by_label("unblocks 13 note(s)").is_some(),
        "Distributed Systems Basics first"
    );
    let tag = h.state().loaded().unwrap().vault.notes[0].frontmatter.tags[0].clone();
    h.get_all_by_label(&tag).last().unwrap().click();
    h.run_steps(3);
    let with_tag = (h.state().loaded().unwrap().vault.notes.iter())
        .filter(|n| n.frontmatter.tags.contains(&tag))
        .count();
    assert_eq!(h.state().visible_notes(), with_tag);
}

/// Switching views moves the nodes for about 300 ms, then they rest at
/// their new places.
#[test]
fn switching_views_animates_then_rests() {
    let mut app = sample_app(Settings::default());
    app.settle_layout();
    let mut h = harness(app);
    h.run_steps(3);
    assert!(h.state().is_at_rest());
    let mut view = h.state().settings().view.clone();
    view.canvas = notegraph::gui::CanvasMode::Prerequisites;
    h.state_mut().push(Command::SetView(view));
    h.run_steps(2);
    assert!(!h.state().is_at_rest(), "nodes on their way");
    std::thread::sleep(std::time::Duration::from_millis(350));
    h.run_steps(3);
    assert!(h.state().is_at_rest(), "at rest after the move");
}

/// A vault with more missing notes than the canvas draws: the whole graph
/// leaves them out (1,000,000 of them kept the window from its first
/// frame), a note's local graph still shows its own.
#[test]
fn too_many_missing_notes_are_drawn_only_in_a_local_graph() {
    let dir = tempfile::tempdir().unwrap();
    let per_note = 1_001;
    let notes = notegraph::gui::MAX_GHOSTS_DRAWN / per_note + 1;
    for i in 0..notes {
        let links: String = (0..per_note)
            .map(|j| format!("- [[gone-{i}-{j}]]\n"))
            .collect();
        std::fs::write(
            dir.path().join(format!("n{i}.md")),
            format!("# N{i}\n{links}"),
        )
        .unwrap();
    }
    let app = App::new_blocking(Settings::default(), VaultSource::Folder(dir.path().into()));
    assert!(app.loaded().unwrap().graph.ghosts.len() > notegraph::gui::MAX_GHOSTS_DRAWN);
    let mut h = harness(app);
    assert_eq!(h.state().visible_nodes(), notes, "notes only");
    let first = note_id(h.state(), "n0.md");
    h.state_mut().push(Command::LocalGraph(Some(first)));
    h.run_steps(3);
    assert_eq!(
        h.state().visible_nodes(),
        1 + per_note,
        "the note and its missing targets"
    );
}

/// With "a fully ticked self-check counts as learned" on, a note whose
/// boxes are all ticked is learned, says why, and implies its
/// prerequisites in a plan; the file keeps its status.
#[test]
fn a_fully_ticked_self_check_counts_as_learned_in_the_window_when_asked() {
    let dir = sample_copy();
    let file = dir.path().join("databases/replication.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("- [ ] Failover", "- [x] Failover")).unwrap();
    let settings = Settings {
        learned_from_checks: true,
        ..Settings::default()
    };
    let app = App::new_blocking(settings, VaultSource::Folder(dir.path().into()));
    let replication = note_id(&app, "databases/replication.md");
    let raft = note_id(&app, "databases/raft.md");
    let basics = note_id(&app, "system-design/distributed-systems-basics.md");
    let loaded = app.loaded().unwrap();
    assert_eq!(
        loaded.overlay.by_checks.get(&replication),
        Some(&ByChecks::Learned)
    );
    assert_eq!(loaded.self_checks()[replication].map(|t| t.total), Some(2));
    let mut h = harness(app);
    h.state_mut().push(Command::Select(replication));
    h.run_steps(3);
    assert!(h
        .query_by_label("learned · all 2 self-checks ticked")
        .is_some());
    assert!(h.query_by_label("Self-check 2/2").is_some());
    h.state_mut().push(Command::PlanFor(Some(raft)));
    h.run_steps(3);
    let plan = h.state().plan().unwrap();
    assert!(plan
        .implied
        .iter()
        .any(|i| i.note == basics && i.by == [replication]));
    assert!(std::fs::read_to_string(&file)
        .unwrap()
        .contains("status: learning"));
}

/// Ticking a box in another editor reaches the open window: the note
/// panel's self-check count changes after the reload.
#[test]
fn ticking_a_box_in_another_editor_updates_the_panel() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("note.md");
    let text = "# Note\n\n## Quick self-check\n- [x] I can define it\n- [ ] I can use it\n";
    std::fs::write(&file, text).unwrap();
    std::fs::write(dir.path().join("other.md"), "# Other\n\n[[note]]\n").unwrap();
    let (mut h, id) = open_selected(dir.path(), "note.md");
    assert!(h.query_by_label("Self-check 1/2").is_some());
    // Let the watcher start before the edit.
    std::thread::sleep(std::time::Duration::from_millis(300));
    std::fs::write(
        &file,
        text.replace("- [ ] I can use it", "- [x] I can use it"),
    )
    .unwrap();
    wait_for_label(&mut h, "Self-check 2/2");
    assert_eq!(
        h.state().selected(),
        Some(id),
        "the selection survives the reload"
    );
}

/// The plan tab's toggle: prerequisites of learned notes count as known
/// (left out, listed as implied), or the plan is made from learned notes
/// alone, as `order --explicit`.
#[test]
fn the_plan_tab_can_plan_from_learned_notes_alone() {
    let dir = sample_copy();
    let file = dir.path().join("databases/replication.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("status: learning", "status: mastered")).unwrap();
    let app = App::new_blocking(Settings::default(), VaultSource::Folder(dir.path().into()));
    let raft = note_id(&app, "databases/raft.md");
    let basics = note_id(&app, "system-design/distributed-systems-basics.md");
    let mut h = harness(app);
    h.state_mut().push(Command::PlanFor(Some(raft)));
    h.run_steps(3);
    let in_steps = |h: &egui_kittest::Harness<'_, App>| {
        let plan = h.state().plan().unwrap();
        (
            plan.steps.iter().any(|s| s.note == basics),
            plan.implied.len(),
        )
    };
    assert_eq!(in_steps(&h), (false, 1));
    h.state_mut().push(Command::ExplicitPlans(true));
    h.run_steps(3);
    assert_eq!(in_steps(&h), (true, 0));
    assert!(h.state().settings().explicit_plans);
}

/// In the prerequisite view a plan names what it takes as known, learned
/// or implied, faded and ticked left of its steps: with Replication
/// mastered, Distributed Systems Basics (its prerequisite) is named too.
#[test]
fn the_prerequisite_view_names_what_a_plan_takes_as_known() {
    let dir = sample_copy();
    let file = dir.path().join("databases/replication.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("status: learning", "status: mastered")).unwrap();
    let mut settings = Settings::default();
    settings.view.canvas = notegraph::gui::CanvasMode::Prerequisites;
    let app = App::new_blocking(settings, VaultSource::Folder(dir.path().into()));
    let raft = note_id(&app, "databases/raft.md");
    let mut h = harness(app);
    h.state_mut().push(Command::PlanFor(Some(raft)));
    h.run_steps(4);
    let (_, labels) = h.state().shown_labels();
    let implied = "Distributed Systems Basics";
    assert!(labels.iter().any(|l| l == implied), "unnamed: {labels:?}");
    let steps: Vec<_> = (h.state().plan().unwrap().steps.iter())
        .map(|s| s.note)
        .collect();
    assert_eq!(steps.len(), 3, "Quorums, Consensus, Raft");
}
