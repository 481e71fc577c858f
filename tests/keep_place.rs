//! Study actions keep your place: a box ticked, "Mark learned" and "Write
//! to note" while a plan is open change the vault in place (counts,
//! colours, plan and progress as a fresh load gives them) and leave the
//! panel's tab, its scroll, the selection and the number of loads as they
//! were, the watcher's echo of the write included.

mod common;

use common::{harness, note_id, sample_copy};
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use notegraph::gui::{App, Command, Launch, RightTab, Settings, VaultSource};
use notegraph::workspace::DataDir;
use std::path::Path;
use std::time::{Duration, Instant};

const TLS: &str = "networking/tls.md";
const BOX: &str = "I can explain what forward secrecy protects against.";

fn settings() -> Settings {
    Settings {
        tick_boxes_in_notes: true,
        learned_from_checks: true,
        ..Settings::default()
    }
}

/// notegraph's data folder for this test process: a fresh load reads the
/// statuses the window recorded.
fn data() -> Launch {
    static DATA: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    let dir = DATA.get_or_init(|| tempfile::tempdir().unwrap());
    Launch {
        data: Some(DataDir::at(dir.path())),
        ..Launch::default()
    }
}

/// The window on `root` with the plan for `target` open, the watcher
/// running, and `path` selected on the Note tab.
fn open(root: &Path, target: &str, path: &str) -> (Harness<'static, App>, usize) {
    let app = App::launch_blocking(settings(), VaultSource::Folder(root.into()), data());
    let (target, id) = (note_id(&app, target), note_id(&app, path));
    let mut h = harness(app);
    h.state_mut().push(Command::PlanFor(Some(target)));
    h.run_steps(2);
    assert_eq!(h.state().tab(), RightTab::Plan);
    h.state_mut().push(Command::Select(id));
    h.run_steps(3);
    assert_eq!(h.state().tab(), RightTab::Note);
    common::wait_until_watching(&mut h);
    (h, id)
}

/// Runs frames for longer than the watcher takes to report a write.
fn past_the_watcher(h: &mut Harness<'_, App>) {
    let started = Instant::now();
    while started.elapsed() < Duration::from_millis(1500) {
        std::thread::sleep(Duration::from_millis(30));
        h.run_steps(1);
    }
}

/// What the window shows of the vault and the plan equals a fresh load of
/// the folder with the same settings.
fn same_as_a_fresh_load(h: &Harness<'_, App>, root: &Path) {
    let app = h.state();
    let target = app.plan().unwrap().targets[0];
    let source = VaultSource::Folder(root.into());
    let mut fresh = App::launch_blocking(app.settings().clone(), source, data());
    fresh.push(Command::PlanFor(Some(target)));
    let ctx = egui::Context::default();
    let mut output = ctx.run_ui(Default::default(), |ui| fresh.ui(ui));
    output.textures_delta.clear();
    let (now, then) = (app.loaded().unwrap(), fresh.loaded().unwrap());
    let texts = |l: &notegraph::gui::Loaded| -> Vec<String> {
        l.vault.notes.iter().map(|n| n.text.clone()).collect()
    };
    assert_eq!(texts(now), texts(then));
    let statuses = |l: &notegraph::gui::Loaded| -> Vec<Option<String>> {
        (l.vault.notes.iter())
            .map(|n| n.frontmatter.status.clone())
            .collect()
    };
    assert_eq!(statuses(now), statuses(then));
    assert_eq!(now.self_checks(), then.self_checks());
    assert_eq!(now.overlay.by_checks, then.overlay.by_checks);
    assert_eq!(now.overlay.recorded, then.overlay.recorded);
    assert_eq!(now.ready_set, then.ready_set);
    assert_eq!(now.diagnostics(), then.diagnostics());
    assert_eq!(app.plan().unwrap().steps, fresh.plan().unwrap().steps);
}

/// A tick from the note panel, with a plan open: the file has it, the
/// panel counts it, the note now counts as learned and leaves the plan,
/// and the tab, the body's scroll and the selection stay; nothing loads,
/// not even when the watcher sees the write.
#[test]
fn a_tick_keeps_the_tab_the_scroll_and_loads_nothing() {
    let dir = sample_copy();
    let (mut h, tls) = open(dir.path(), TLS, TLS);
    let loads = h.state().loads();
    assert!(h.query_by_label("Self-check 1/2").is_some());
    let in_plan =
        |h: &Harness<'_, App>| (h.state().plan().unwrap().steps.iter()).any(|s| s.note == tls);
    assert!(in_plan(&h));
    let heading = "Why it matters";
    let top = h.get_by_label(heading).rect().min.y;
    h.get_by_label(heading).hover();
    h.run_steps(1);
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, -200.0),
        phase: egui::TouchPhase::Move,
        modifiers: egui::Modifiers::NONE,
    });
    h.run_steps(3);
    let scrolled = h.get_by_label(heading).rect().min.y;
    assert!(scrolled < top - 50.0, "scrolled: {top} to {scrolled}");

    h.query_all_by_label(BOX).next().unwrap().click();
    h.run_steps(3);
    let text = std::fs::read_to_string(dir.path().join(TLS)).unwrap();
    assert!(text.contains(&format!("- [x] {BOX}")), "{text}");
    assert!(h.query_by_label("Self-check 2/2").is_some());
    assert!(!in_plan(&h), "learned by its checks: out of the plan");
    past_the_watcher(&mut h);
    assert_eq!(h.state().tab(), RightTab::Note);
    assert_eq!(h.state().selected(), Some(tls));
    let after = h.get_by_label(heading).rect().min.y;
    // A status line may appear above the body; a reset scroll would put
    // the heading back near where it started.
    assert!(after - scrolled < (top - scrolled) / 2.0, "{after}");
    assert_eq!(h.state().loads(), loads, "applied in place, echo ignored");
    same_as_a_fresh_load(&h, dir.path());

    // A change by another hand still loads.
    std::fs::write(dir.path().join(TLS), text.replace(BOX, "Edited elsewhere.")).unwrap();
    let started = Instant::now();
    while h.state().loads() == loads || h.state().is_loading() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "never reloaded"
        );
        std::thread::sleep(Duration::from_millis(30));
        h.run_steps(1);
    }
    h.run_steps(2);
    assert!(h.query_all_by_label("Edited elsewhere.").next().is_some());
    assert_eq!(h.state().loads(), loads + 1);
    assert_eq!(
        h.state().tab(),
        RightTab::Note,
        "a reload keeps the tab too"
    );
}

/// "Mark learned" and then "Write to note" on a plan step, from the note
/// panel: the plan moves on, the record and then the file say it, and the
/// Note tab stays, without a load.
#[test]
fn mark_learned_and_write_to_note_keep_the_tab_and_load_nothing() {
    let dir = sample_copy();
    let raft = "databases/raft.md";
    let step = "system-design/distributed-systems-basics.md";
    let (mut h, id) = open(dir.path(), raft, step);
    let loads = h.state().loads();
    let steps = h.state().plan().unwrap().steps.len();
    let before = std::fs::read_to_string(dir.path().join(step)).unwrap();

    h.get_by_label("Mark learned").click();
    h.run_steps(3);
    assert_eq!(h.state().plan().unwrap().steps.len(), steps - 1);
    let recorded =
        |h: &Harness<'_, App>| (h.query_all_by_label_contains("— recorded in notegraph")).count();
    assert!(recorded(&h) > 0);
    assert_eq!(
        std::fs::read_to_string(dir.path().join(step)).unwrap(),
        before
    );
    past_the_watcher(&mut h);
    assert_eq!(h.state().tab(), RightTab::Note);
    assert_eq!(h.state().selected(), Some(id));
    assert_eq!(h.state().loads(), loads);
    same_as_a_fresh_load(&h, dir.path());

    h.get_by_label("Write to note").click();
    h.run_steps(3);
    let written = std::fs::read_to_string(dir.path().join(step)).unwrap();
    assert!(written.contains("status: mastered"), "{written}");
    assert!(h.state().loaded().unwrap().overlay.recorded.is_empty());
    assert_eq!(recorded(&h), 0);
    past_the_watcher(&mut h);
    assert_eq!(h.state().tab(), RightTab::Note);
    assert_eq!(h.state().selected(), Some(id));
    assert_eq!(h.state().plan().unwrap().steps.len(), steps - 1);
    assert_eq!(h.state().loads(), loads, "applied in place, echo ignored");
    same_as_a_fresh_load(&h, dir.path());
}
