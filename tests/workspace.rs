//! One workspace under both front ends: the window opened with a command
//! line's global options gives the command line's answers, and a status
//! recorded in notegraph's data by either front end shows in the other;
//! a command line's options last one run and are never saved.

mod common;

use clap::Parser;
use common::{harness, notegraph_with_data, write};
use notegraph::cli::Args;
use notegraph::gui::{App, Command, Launch, RunOnly, Settings, Theme, VaultSource};
use notegraph::workspace::DataDir;
use std::path::Path;

/// A vault that every global option changes: a template that is a note
/// only with --include-templates, a self-check under a heading only
/// --self-check-heading names, a `finished` status only --learned counts.
fn vault() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let pre = |links: &[&str]| {
        let items: String = links.iter().map(|l| format!("- [[{l}]]\n")).collect();
        format!("\n### Prerequisites\n{items}")
    };
    write(
        root,
        "base.md",
        "---\nid: base\nstatus: finished\n---\n# base\n",
    );
    let check = "\n### Checklist\n- [x] one\n- [x] two\n";
    write(
        root,
        "ticked.md",
        format!(
            "---\nid: ticked\nstatus: todo\n---\n# ticked\n{}{check}",
            pre(&["base"])
        ),
    );
    write(
        root,
        "half.md",
        format!(
            "---\nid: half\n---\n# half\n{}\n### Checklist\n- [x] one\n- [ ] two\n",
            pre(&["base"])
        ),
    );
    write(
        root,
        "templates/form.md",
        format!("---\nid: form\n---\n# form\n{}", pre(&["base"])),
    );
    write(
        root,
        "next.md",
        format!(
            "---\nid: next\n---\n# next\n{}",
            pre(&["ticked", "half", "form"])
        ),
    );
    write(
        root,
        "goal.md",
        format!("---\nid: goal\n---\n# goal\n{}", pre(&["next"])),
    );
    dir
}

const GLOBAL: [&str; 6] = [
    "--include-templates",
    "--self-check-heading",
    "Checklist",
    "--learned-from-checks",
    "--learned",
    "finished",
];

fn json(data: &Path, args: &[&str]) -> serde_json::Value {
    let out = notegraph_with_data(data, args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn strings(value: &serde_json::Value, key: &str) -> Vec<String> {
    (value.as_array().unwrap().iter())
        .map(|v| v[key].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_window_opened_with_global_options_answers_as_the_command_line() {
    let dir = vault();
    let data = tempfile::tempdir().unwrap();
    let root = dir.path().to_str().unwrap();
    let line: Vec<&str> = ["notegraph", root].into_iter().chain(GLOBAL).collect();
    let args = Args::try_parse_from(&line).unwrap();
    let launch = Launch {
        data: Some(DataDir::at(data.path().join("notegraph"))),
        run_only: RunOnly {
            given: args.given(),
            ..RunOnly::default()
        },
    };
    let app = App::launch_blocking(
        Settings::default(),
        VaultSource::Folder(dir.path().into()),
        launch,
    );
    let mut h = harness(app);
    let loaded = h.state().loaded().unwrap();
    assert_eq!(loaded.options, args.options());
    let cli = |command: &[&str]| {
        let line: Vec<&str> = command.iter().copied().chain(GLOBAL).collect();
        json(data.path(), &line)
    };
    // Counts: the template is a note in both.
    let stats = cli(&["stats", root, "--json"]);
    assert_eq!(stats["notes"], 6);
    assert_eq!(loaded.vault.notes.len(), 6);
    // Progress: learned notes, and what is ready now.
    let progress = cli(&["progress", root, "--json"]);
    let study = loaded.study_config();
    let learned: Vec<&str> = (loaded.vault.notes.iter())
        .filter(|n| study.is_learned(n))
        .map(|n| n.path.as_str())
        .collect();
    assert_eq!(
        learned,
        ["base.md", "ticked.md"],
        "finished, and ticked by the named heading"
    );
    assert_eq!(progress["learned"], learned.len());
    let ready: Vec<String> = (loaded.ready().notes.iter())
        .map(|n| loaded.vault.notes[n.note].path.clone())
        .collect();
    assert_eq!(strings(&progress["next_up"], "path"), ready);
    assert!(
        ready.contains(&"templates/form.md".to_string()),
        "{ready:?}"
    );
    let half = loaded.vault.note_by_path("half.md").unwrap();
    assert_eq!(
        loaded.vault.notes[half].frontmatter.status.as_deref(),
        Some("learning")
    );
    // The plan for the goal.
    let goal = loaded.vault.note_by_path("goal.md").unwrap();
    h.state_mut().push(Command::PlanFor(Some(goal)));
    h.run_steps(2);
    let app = h.state();
    let loaded = app.loaded().unwrap();
    let window_plan: Vec<String> = (app.plan().unwrap().steps.iter())
        .map(|s| loaded.vault.notes[s.note].path.clone())
        .collect();
    let order = cli(&["order", root, "goal", "--json"]);
    assert_eq!(strings(&order["steps"], "path"), window_plan);
    assert_eq!(
        window_plan,
        ["templates/form.md", "half.md", "next.md", "goal.md"]
    );
}

#[test]
fn a_status_recorded_by_either_front_end_shows_in_the_other() {
    let dir = vault();
    let data = tempfile::tempdir().unwrap();
    let root = dir.path().to_str().unwrap();
    let before = std::fs::read(dir.path().join("half.md")).unwrap();
    let out = notegraph_with_data(
        data.path(),
        &["mark", root, "half", "--status", "mastered", "--record"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "half.md: status mastered recorded in notegraph\n"
    );
    assert_eq!(
        std::fs::read(dir.path().join("half.md")).unwrap(),
        before,
        "the note is untouched"
    );
    let launch = Launch {
        data: Some(DataDir::at(data.path().join("notegraph"))),
        ..Launch::default()
    };
    let app = App::launch_blocking(
        Settings::default(),
        VaultSource::Folder(dir.path().into()),
        launch,
    );
    let mut h = harness(app);
    let loaded = h.state().loaded().unwrap();
    let half = loaded.vault.note_by_path("half.md").unwrap();
    assert_eq!(
        loaded.vault.notes[half].frontmatter.status.as_deref(),
        Some("mastered")
    );
    assert!(loaded.overlay.recorded.contains_key(&half));
    // Now the window records one, and the command line plans with both.
    let ticked = loaded.vault.note_by_path("ticked.md").unwrap();
    h.state_mut()
        .push(Command::Record(ticked, Some("mastered".into())));
    h.run_steps(2);
    let order = json(data.path(), &["order", root, "next", "--json"]);
    let steps = strings(&order["steps"], "path");
    assert!(!steps.contains(&"ticked.md".to_string()), "{steps:?}");
    assert!(!steps.contains(&"half.md".to_string()), "{steps:?}");
    assert!(steps.contains(&"next.md".to_string()), "{steps:?}");
    // Forgotten on the command line: the note's own status again.
    let out = notegraph_with_data(data.path(), &["mark", root, "half", "--forget"]);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "half.md: recorded status forgotten\n"
    );
    let order = json(data.path(), &["order", root, "next", "--json"]);
    assert!(strings(&order["steps"], "path").contains(&"half.md".to_string()));
}

/// With notegraph's data folder inside the vault opened, the window
/// writes nothing there: what it records lasts the run (the note shows it
/// learned, the plan moves on), and a notice says why. Another vault uses
/// the folder as always.
#[test]
fn a_data_folder_inside_the_vault_keeps_the_window_s_records_for_the_run() {
    use egui_kittest::kittest::Queryable;
    let dir = vault();
    let data = dir.path().join("data/notegraph");
    let launch = Launch {
        data: Some(DataDir::at(&data)),
        ..Launch::default()
    };
    let source = VaultSource::Folder(dir.path().into());
    let app = App::launch_blocking(Settings::default(), source.clone(), launch);
    let mut h = harness(app);
    let why = h.state().error().unwrap_or_default().to_string();
    assert!(
        why.contains("lies inside the vault") && why.contains("lasts this run only"),
        "{why}"
    );
    let ticked = h.state().loaded().unwrap().vault.note_by_path("ticked.md");
    let ticked = ticked.unwrap();
    h.state_mut()
        .push(Command::Record(ticked, Some("mastered".into())));
    h.run_steps(2);
    let loaded = h.state().loaded().unwrap();
    assert_eq!(
        loaded.vault.notes[ticked].frontmatter.status.as_deref(),
        Some("mastered")
    );
    assert!(loaded.overlay.recorded.contains_key(&ticked));
    assert!(!dir.path().join("data").exists(), "nothing written");
    assert!(h.query_by_label_contains("lies inside the vault").is_some());
    // A reload keeps the record, and the notice.
    let loads = h.state().loads();
    h.state_mut().push(Command::Reload);
    for _ in 0..200 {
        h.run_steps(1);
        if !h.state().is_loading() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert_eq!(h.state().loads(), loads + 1);
    let loaded = h.state().loaded().unwrap();
    assert!(loaded.overlay.recorded.contains_key(&ticked));
    assert!(h.state().error().is_some());
    assert!(!dir.path().join("data").exists(), "nothing written");
}

#[test]
fn command_line_options_last_one_run_and_old_records_move_to_the_data_folder() {
    let dir = vault();
    let data = tempfile::tempdir().unwrap();
    let source = VaultSource::Folder(dir.path().into());
    let mut saved = Settings::default();
    let by_path = [("base.md".to_string(), "learning".to_string())].into();
    saved.recorded.insert(source.label(), by_path);
    let args =
        Args::try_parse_from(["notegraph", "--learned-from-checks", "--theme", "dark"]).unwrap();
    let launch = Launch {
        data: Some(DataDir::at(data.path().join("notegraph"))),
        run_only: RunOnly {
            given: args.given(),
            theme: args.theme,
            ..RunOnly::default()
        },
    };
    assert_eq!(args.theme, Some(Theme::Dark));
    let app = App::launch_blocking(saved, source.clone(), launch);
    assert!(app.settings().learned_from_checks);
    assert_eq!(app.settings().view.theme, Theme::Dark);
    let kept = app.settings_to_save();
    assert!(!kept.learned_from_checks, "a flag is not a setting");
    assert_eq!(kept.view.theme, Theme::System);
    assert!(kept.recorded.is_empty(), "moved out of the settings");
    let recorded = DataDir::at(data.path().join("notegraph"))
        .recorded(&source)
        .unwrap();
    assert_eq!(
        recorded.get("base.md").map(String::as_str),
        Some("learning")
    );
    let loaded = app.loaded().unwrap();
    let base = loaded.vault.note_by_path("base.md").unwrap();
    assert_eq!(
        loaded.vault.notes[base].frontmatter.status.as_deref(),
        Some("learning")
    );
}
