//! The Review tab: one card at a time of the notes due today, graded with
//! the keys 1–4 or the buttons, kept in notegraph's data folder (the
//! command line sees the grade, and the window sees the command line's),
//! and the vault never touched.

mod common;

use chrono::Utc;
use common::{harness, notegraph_with_data, sample_copy, snapshot, write};
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use notegraph::analysis::review::{self, key_of, Grade};
use notegraph::gui::{App, Command, Launch, RightTab, RunOnly, Settings, VaultSource};
use notegraph::workspace::{DataDir, Given};
use std::path::Path;

/// The window on `root` with notegraph's data under `data` (as the
/// command line finds it with `XDG_DATA_HOME` there), on the Review tab.
fn review_window(root: &Path, data: Option<&Path>) -> Harness<'static, App> {
    let launch = Launch {
        data: data.map(|d| DataDir::at(d.join("notegraph"))),
        ..Launch::default()
    };
    let source = VaultSource::Folder(root.into());
    let mut h = harness(App::launch_blocking(Settings::default(), source, launch));
    h.state_mut().push(Command::ShowTab(RightTab::Review));
    h.run_steps(2);
    h
}

/// The paths of the notes due today in the window's workspace, best first.
fn due_paths(app: &App) -> Vec<String> {
    let loaded = app.loaded().unwrap();
    let list = loaded.due_on(Utc::now().date_naive(), 100);
    (list.due.iter())
        .map(|d| loaded.vault.notes[d.note].path.clone())
        .collect()
}

/// The card's title as the window shows it.
fn name(app: &App, path: &str) -> String {
    let loaded = app.loaded().unwrap();
    loaded.names[loaded.vault.note_by_path(path).unwrap()].to_string()
}

fn assert_shows(h: &Harness<'_, App>, label: &str) {
    assert!(h.query_all_by_label(label).next().is_some(), "no {label:?}");
}

fn json(data: &Path, args: &[&str]) -> serde_json::Value {
    let out = notegraph_with_data(data, args);
    serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("{out:?}"))
}

#[test]
fn r_opens_the_tab_and_key_3_grades_the_first_card_and_shows_the_next() {
    let vault = sample_copy();
    let data = tempfile::tempdir().unwrap();
    let before = snapshot(vault.path());
    let mut h = review_window(vault.path(), Some(data.path()));
    h.state_mut().push(Command::ShowTab(RightTab::Note));
    h.run_steps(2);
    h.key_press(egui::Key::Num3);
    h.run_steps(2);
    let source = VaultSource::Folder(vault.path().into());
    let data_dir = DataDir::at(data.path().join("notegraph"));
    assert!(
        data_dir.schedules(&source).unwrap().is_empty(),
        "not shown: no grade"
    );
    let mut view = h.state().settings().view.clone();
    view.show_details = false;
    h.state_mut().push(Command::SetView(view));
    h.run_steps(2);
    h.key_press(egui::Key::R);
    h.run_steps(2);
    assert_eq!(h.state().tab(), RightTab::Review, "R opens the Review tab");
    assert!(
        h.state().settings().view.show_details,
        "in its panel, shown"
    );
    let due = due_paths(h.state());
    assert!(due.len() > 2, "{due:?}");
    assert_shows(&h, &format!("{} due today", due.len()));
    let (first, second) = (name(h.state(), &due[0]), name(h.state(), &due[1]));
    assert_shows(&h, &first);
    h.key_press(egui::Key::Num3);
    h.run_steps(2);
    let kept = data_dir.schedules(&source).unwrap();
    let loaded = h.state().loaded().unwrap();
    let note = &loaded.vault.notes[loaded.vault.note_by_path(&due[0]).unwrap()];
    let schedule = kept
        .get(&key_of(note))
        .expect("graded into the data folder");
    assert!(schedule.due > Utc::now(), "due in the future: {schedule:?}");
    assert_eq!(
        loaded.schedules.get(&key_of(note)),
        Some(schedule),
        "in place"
    );
    assert_eq!(h.state().loads(), 1, "nothing loaded again");
    assert!(
        h.query_all_by_label(&first).next().is_none(),
        "the card is gone"
    );
    assert_shows(&h, &second);
    assert_shows(&h, &format!("{} due today", due.len() - 1));
    assert_eq!(snapshot(vault.path()), before, "the vault is untouched");
}

#[test]
fn reveal_shows_the_answer() {
    let dir = tempfile::tempdir().unwrap();
    let note = "---\nstatus: mastered\n---\n# Raft\n\n**Q:** Who orders the log?\n\
        **A:** The leader.\n\n## Self-check\n- [ ] I can explain terms\n";
    write(dir.path(), "raft.md", note);
    let mut h = review_window(dir.path(), None);
    assert_shows(&h, "Raft");
    assert_shows(&h, "• I can explain terms");
    assert_shows(&h, "Q: Who orders the log?");
    assert_shows(&h, "A: …");
    assert!(h.query_by_label("A: The leader.").is_none(), "hidden");
    h.get_by_label("Reveal").click();
    h.run_steps(2);
    assert_shows(&h, "A: The leader.");
    // Without a data folder the grade lasts the run: nothing is due now.
    h.get_by_label("Easy").click();
    h.run_steps(2);
    let next = h
        .state()
        .loaded()
        .unwrap()
        .schedules
        .values()
        .next()
        .unwrap()
        .due;
    let nothing = format!("Nothing due today. Next review: {}", next.date_naive());
    assert_shows(&h, &nothing);
    // And a load again keeps it.
    h.state_mut().push(Command::Reload);
    let started = std::time::Instant::now();
    while h.state().loads() < 2 {
        assert!(started.elapsed().as_secs() < 20, "never loaded again");
        std::thread::sleep(std::time::Duration::from_millis(30));
        h.run_steps(1);
    }
    h.run_steps(2);
    assert_shows(&h, &nothing);
}

#[test]
fn the_window_and_the_command_line_see_each_others_grades() {
    let vault = sample_copy();
    let data = tempfile::tempdir().unwrap();
    let root = vault.path().to_str().unwrap();
    let listed = |data: &Path| {
        let doc = json(data, &["review", root, "--json", "--limit", "100"]);
        let paths = (doc["due"].as_array().unwrap().iter())
            .map(|d| d["path"].as_str().unwrap().to_string())
            .collect::<Vec<_>>();
        (paths, doc["total"].as_u64().unwrap())
    };
    let (due, total) = listed(data.path());
    // The command line grades the first before the window opens: the
    // window does not ask for it.
    let out = notegraph_with_data(data.path(), &["review", root, &due[0], "--grade", "good"]);
    assert!(out.status.success(), "{out:?}");
    let mut h = review_window(vault.path(), Some(data.path()));
    let window_due = due_paths(h.state());
    assert_eq!(window_due, due[1..], "the command line's grade counts");
    assert!(h
        .query_all_by_label(&name(h.state(), &due[0]))
        .next()
        .is_none());
    assert_shows(&h, &name(h.state(), &due[1]));
    // The window grades the next: the command line no longer lists it.
    h.get_by_label("Good").click();
    h.run_steps(2);
    let (after, after_total) = listed(data.path());
    assert_eq!(after, due[2..], "the window's grade counts");
    assert_eq!(after_total, total - 2);
}

#[test]
fn the_view_and_help_menus_name_the_review_and_its_keys() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", "# A\n");
    let mut h = review_window(dir.path(), None);
    assert_shows(&h, "No learned notes yet: a note comes up for review once it is learned (a learned status, or Mark learned).");
    h.get_by_label("View").click();
    h.run_steps(2);
    assert_shows(&h, "Review due notes R");
    h.get_by_label("View").click();
    h.get_by_label("Help").click();
    h.run_steps(2);
    assert_shows(&h, "review the notes due today");
    assert_shows(&h, "grade the review card: again, hard, good, easy");
}

#[test]
fn a_grade_in_the_window_pushes_out_the_prerequisites_it_used_as_the_command_line_does() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "base.md",
        "---\nid: base\nstatus: mastered\n---\n# Base\n",
    );
    let top = "---\nid: top\nstatus: mastered\n---\n# Top\n### Prerequisites\n- [[base]]\n";
    write(dir.path(), "top.md", top);
    let root = dir.path().to_str().unwrap();
    let out = notegraph_with_data(data.path(), &["review", root, "base", "--grade", "good"]);
    assert!(out.status.success(), "{out:?}");
    let source = VaultSource::Folder(dir.path().into());
    let data_dir = DataDir::at(data.path().join("notegraph"));
    let before = data_dir.schedules(&source).unwrap()["id:base"].due;
    let mut h = review_window(dir.path(), Some(data.path()));
    assert_shows(&h, "1 due today");
    assert_shows(&h, "Top");
    h.key_press(egui::Key::Num4);
    h.run_steps(2);
    let kept = data_dir.schedules(&source).unwrap();
    assert!(kept["id:top"].due > Utc::now());
    assert!(kept["id:base"].due > before, "used, so later");
    let loaded = h.state().loaded().unwrap();
    assert_eq!(loaded.schedules, kept, "taken in place");
    assert!(h
        .state()
        .message()
        .unwrap()
        .contains("1 prerequisite(s) it used come up later"));
}

/// The window on `root` with notegraph's data for this run only, on the
/// Review tab, with `given` as its command line's options.
fn review_window_given(root: &Path, given: Given) -> Harness<'static, App> {
    let launch = Launch {
        run_only: RunOnly {
            given,
            ..RunOnly::default()
        },
        ..Launch::default()
    };
    let source = VaultSource::Folder(root.into());
    let mut h = harness(App::launch_blocking(Settings::default(), source, launch));
    h.state_mut().push(Command::ShowTab(RightTab::Review));
    h.run_steps(2);
    h
}

/// What the Good button says under it for a note never reviewed, at
/// `retention`.
fn good_label(retention: f64) -> String {
    let now = Utc::now();
    let next = review::grade(&review::scheduler(retention), None, Grade::Good, now);
    match review::days_until(&next, now) {
        1 => "3 · 1 day".to_string(),
        n => format!("3 · {n} days"),
    }
}

#[test]
fn the_retention_setting_changes_the_days_the_grades_give_and_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", "---\nstatus: mastered\n---\n# A\n");
    let mut h = review_window(dir.path(), None);
    let (at_90, at_70) = (good_label(0.9), good_label(0.7));
    assert_ne!(at_90, at_70, "a lower retention asks for later reviews");
    assert_shows(&h, &at_90);
    h.get_by_label("Review settings").click();
    h.run_steps(2);
    assert_shows(&h, "desired retention");
    assert_shows(&h, "cards a day at most");
    h.state_mut().push(Command::ReviewSettings {
        retention: 0.7,
        limit: 20,
    });
    h.run_steps(2);
    assert_shows(&h, &at_70);
    assert!(h.query_all_by_label(&at_90).next().is_none());
    let saved = h.state().settings_to_save();
    assert_eq!((saved.review_retention, saved.review_limit), (0.7, 20));
}

#[test]
fn a_limit_given_to_the_window_caps_the_day_and_is_not_saved() {
    let vault = sample_copy();
    let given = Given {
        daily_limit: Some(2),
        retention: Some(0.8),
        ..Given::default()
    };
    let mut h = review_window_given(vault.path(), given);
    let due = due_paths(h.state());
    assert!(due.len() > 3, "{due:?}");
    for _ in 0..2 {
        h.key_press(egui::Key::Num3);
        h.run_steps(2);
    }
    let more = due.len() - 2;
    assert_shows(
        &h,
        &format!("Done for today: 2 reviews, the daily cap of 2. {more} more due."),
    );
    let saved = h.state().settings_to_save();
    assert_eq!(
        (saved.review_retention, saved.review_limit),
        (0.9, 20),
        "the command line's options last the run"
    );
    // Raised in the window: one more card, and the new cap is kept.
    h.state_mut().push(Command::ReviewSettings {
        retention: 0.8,
        limit: 3,
    });
    h.run_steps(2);
    assert_shows(&h, &format!("{more} due today"));
    let saved = h.state().settings_to_save();
    assert_eq!((saved.review_retention, saved.review_limit), (0.9, 3));
}

#[test]
fn the_history_shows_the_reviews_done_with_the_chart_and_calendar() {
    let vault = sample_copy();
    let data = tempfile::tempdir().unwrap();
    let root = vault.path().to_str().unwrap();
    let doc = json(data.path(), &["review", root, "--json", "--limit", "3"]);
    let due: Vec<String> = (doc["due"].as_array().unwrap().iter())
        .map(|d| d["path"].as_str().unwrap().to_string())
        .collect();
    let yesterday = (Utc::now().date_naive() - chrono::Duration::days(1)).to_string();
    let out = notegraph_with_data(
        data.path(),
        &[
            "review", root, &due[0], "--grade", "good", "--at", &yesterday,
        ],
    );
    assert!(out.status.success(), "{out:?}");
    let mut h = review_window(vault.path(), Some(data.path()));
    assert_shows(&h, "Reviews done and due");
    assert_shows(&h, "Last 30 days done, next 30 due");
    assert_shows(&h, "1 review in 1 day; 1-day streak");
    h.key_press(egui::Key::Num3);
    h.run_steps(2);
    h.key_press(egui::Key::Num1);
    h.run_steps(2);
    assert_shows(&h, "3 reviews in 2 days; 2-day streak");
    let loaded = h.state().loaded().unwrap();
    assert_eq!(
        loaded.done[&Utc::now().date_naive()],
        [1, 0, 1, 0],
        "counted by grade in place"
    );
}
