//! Named views in the window: a saved view shows again every part it
//! names (filters, colours, sizes, layout, link kinds, focus and depth,
//! hidden notes, folded groups, camera), in place (nothing loads again);
//! one exported and imported is the same view; one naming a note the
//! vault no longer has opens with a message; `--view` opens on one, for
//! that run only.

mod common;

use common::{harness, note_id, sample_copy};
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use notegraph::analysis::fold::GroupKey;
use notegraph::analysis::NoteFilter;
use notegraph::gui::{
    App, CanvasMode, ColorBy, Command, FocusCommand, Launch, RunOnly, Settings, SizeBy,
    VaultSource, ViewSettings, ViewsCommand,
};
use notegraph::workspace::views::{self, NamedView, ViewCamera};
use notegraph::workspace::DataDir;
use std::path::Path;

fn window(root: &Path) -> Harness<'static, App> {
    let source = VaultSource::Folder(root.into());
    let mut app = App::new_blocking(Settings::default(), source);
    app.settle_layout();
    harness(app)
}

fn push(h: &mut Harness<'static, App>, command: Command) {
    h.state_mut().push(command);
    h.run_steps(3);
}

fn views_command(h: &mut Harness<'static, App>, command: ViewsCommand) {
    push(h, Command::Views(command));
}

/// The focus as note paths: focus, expanded, hidden.
type FocusPaths = (Vec<String>, Vec<String>, Vec<String>);

fn focus_paths(app: &App) -> FocusPaths {
    let vault = &app.loaded().unwrap().vault;
    let paths = |notes: &std::collections::BTreeSet<usize>| -> Vec<String> {
        notes.iter().map(|&n| vault.notes[n].path.clone()).collect()
    };
    let set = app.focus_set();
    (paths(&set.notes), paths(&set.expanded), paths(&set.hidden))
}

/// The window's filters, view settings and focus now (the view
/// settings a view does not keep, such as the theme, stay as they are).
fn state(app: &App) -> (NoteFilter, ViewSettings, FocusPaths) {
    let view = app.settings().view.clone();
    (app.settings().filter.clone(), view, focus_paths(app))
}

fn assert_camera_near(app: &App, (zoom, centre): (f32, [f32; 2])) {
    let (now, at) = app.looking().expect("drawn");
    assert!(
        (now - zoom).abs() < 1e-3 * zoom,
        "zoom {now} against {zoom}"
    );
    let off = ((at[0] - centre[0]).powi(2) + (at[1] - centre[1]).powi(2)).sqrt();
    assert!(off < 1.0, "centre {at:?} against {centre:?}");
}

#[test]
fn a_saved_view_restores_every_part_it_names_without_a_load() {
    let vault = sample_copy();
    let mut h = window(vault.path());
    let id = |h: &Harness<'static, App>, p: &str| note_id(h.state(), p);
    let (raft, quorums, consensus, replication) = (
        id(&h, "databases/raft.md"),
        id(&h, "databases/quorums.md"),
        id(&h, "databases/consensus.md"),
        id(&h, "databases/replication.md"),
    );
    let filter = NoteFilter {
        folders: ["databases".to_string(), "system-design".to_string()].into(),
        ..NoteFilter::default()
    };
    push(&mut h, Command::SetFilter(filter));
    let view = ViewSettings {
        color_by: ColorBy::Community,
        size_by: SizeBy::Links,
        canvas: CanvasMode::Prerequisites,
        edge_kinds: [true, true, false, true],
        show_ghosts: false,
        local_depth: 2,
        fade_outside_focus: true,
        ..h.state().settings().view.clone()
    };
    push(&mut h, Command::SetView(view));
    push(
        &mut h,
        Command::Focus(FocusCommand::On(vec![raft, quorums])),
    );
    push(&mut h, Command::Focus(FocusCommand::Expand(consensus)));
    push(&mut h, Command::Focus(FocusCommand::Hide(replication)));
    h.run_steps(30);
    push(&mut h, Command::Zoom(1.6));
    let saved = state(h.state());
    let camera = h.state().looking().unwrap();
    let loads = h.state().loads();
    views_command(&mut h, ViewsCommand::Save("Consensus study".into()));
    assert_eq!(h.state().named_views().views.len(), 1);
    assert_eq!(h.state().message(), Some("view “Consensus study” saved"));

    // Everything else: the whole vault, other colours and sizes, elsewhere.
    push(&mut h, Command::SetFilter(NoteFilter::default()));
    push(&mut h, Command::SetView(ViewSettings::default()));
    push(&mut h, Command::Focus(FocusCommand::Clear));
    h.run_steps(30);
    push(&mut h, Command::Zoom(0.5));
    assert_ne!(state(h.state()), saved);

    views_command(&mut h, ViewsCommand::Open("Consensus study".into()));
    h.run_steps(3);
    assert_eq!(state(h.state()), saved);
    let (filter, view, (focus, expanded, hidden)) = state(h.state());
    assert_eq!(filter.folders.len(), 2);
    assert_eq!(
        (view.color_by, view.size_by),
        (ColorBy::Community, SizeBy::Links)
    );
    assert_eq!(view.canvas, CanvasMode::Prerequisites);
    assert_eq!(focus, ["databases/quorums.md", "databases/raft.md"]);
    assert_eq!(expanded, ["databases/consensus.md"]);
    assert_eq!(hidden, ["databases/replication.md"]);
    assert_camera_near(h.state(), camera);
    assert_eq!(h.state().loads(), loads, "opening a view loads nothing");
    assert!(h.state().error().is_none());
}

#[test]
fn folded_groups_go_with_a_view_both_ways() {
    let vault = sample_copy();
    let mut h = window(vault.path());
    let folded = vec![
        GroupKey::Folder("networking".into()),
        GroupKey::Community(1),
    ];
    let file = tempfile::tempdir().unwrap();
    let path = file.path().join("folded.json");
    let view = NamedView {
        name: "Folded".into(),
        folded: folded.clone(),
        camera: Some(ViewCamera {
            zoom: 2.0,
            centre: [30.0, -15.0],
        }),
        ..NamedView::default()
    };
    std::fs::write(&path, views::to_json(&view)).unwrap();
    views_command(&mut h, ViewsCommand::Import(path));
    views_command(&mut h, ViewsCommand::Open("Folded".into()));
    h.run_steps(3);
    assert_eq!(h.state().folded().0, folded);
    // And the canvas draws each as one node.
    let drawn: Vec<GroupKey> = h.state().folded().1.into_iter().map(|g| g.key).collect();
    assert_eq!(drawn, folded);
    assert_camera_near(h.state(), (2.0, [30.0, -15.0]));
    // Saved again, the folds and the camera are kept as they are.
    views_command(&mut h, ViewsCommand::Save("Again".into()));
    let again = h.state().named_views().get("Again").unwrap().clone();
    assert_eq!(again.folded, folded);
    let camera = again.camera.unwrap();
    assert!((camera.zoom - 2.0).abs() < 1e-3, "{camera:?}");
}

#[test]
fn export_then_import_gives_the_same_view_and_the_vault_is_refused() {
    let vault = sample_copy();
    let mut h = window(vault.path());
    let raft = note_id(h.state(), "databases/raft.md");
    push(&mut h, Command::Focus(FocusCommand::On(vec![raft])));
    views_command(&mut h, ViewsCommand::Save("Raft".into()));
    let saved = h.state().named_views().get("Raft").unwrap().clone();
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("raft.json");
    views_command(&mut h, ViewsCommand::Export("Raft".into(), file.clone()));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("\"focus\": [\n    \"databases/raft.md\"\n  ]"),
        "{text}"
    );
    views_command(&mut h, ViewsCommand::Delete("Raft".into()));
    assert!(h.state().named_views().views.is_empty());
    views_command(&mut h, ViewsCommand::Import(file));
    assert_eq!(h.state().named_views().views, [saved]);

    let inside = vault.path().join("raft.json");
    views_command(&mut h, ViewsCommand::Export("Raft".into(), inside.clone()));
    let said = h.state().message().unwrap_or_default().to_string();
    assert!(said.contains("inside the vault"), "{said}");
    assert!(said.contains("copy the file there yourself"), "{said}");
    assert!(!inside.exists(), "nothing written into the vault");
}

#[test]
fn a_view_naming_a_note_the_vault_no_longer_has_opens_with_a_message() {
    let vault = sample_copy();
    let mut h = window(vault.path());
    let file = tempfile::tempdir().unwrap();
    let path = file.path().join("old.json");
    let view = NamedView {
        name: "Old".into(),
        focus: vec!["databases/raft.md".into(), "gone/deleted.md".into()],
        ..NamedView::default()
    };
    std::fs::write(&path, views::to_json(&view)).unwrap();
    views_command(&mut h, ViewsCommand::Import(path));
    let said = h.state().message().unwrap_or_default().to_string();
    assert!(
        said.contains("1 note(s) this vault does not have"),
        "{said}"
    );
    views_command(&mut h, ViewsCommand::Open("Old".into()));
    let said = h.state().message().unwrap_or_default().to_string();
    assert!(said.contains("no longer has"), "{said}");
    assert!(said.contains("gone/deleted.md"), "{said}");
    assert!(h.state().error().is_none(), "a message, not an error");
    let (focus, _, _) = focus_paths(h.state());
    assert_eq!(focus, ["databases/raft.md"], "the rest of the view applies");
}

#[test]
fn the_views_menu_saves_a_view_and_one_click_opens_it() {
    let vault = sample_copy();
    let mut h = window(vault.path());
    push(
        &mut h,
        Command::SetView(ViewSettings {
            color_by: ColorBy::Folder,
            ..ViewSettings::default()
        }),
    );
    h.get_by_label("Views").click();
    h.run_steps(2);
    h.get_by_label("Save view…").click();
    h.run_steps(3);
    h.get_by_label("View name").type_text("By folder");
    h.run_steps(2);
    h.get_by_label("Save").click();
    h.run_steps(3);
    assert!(h.state().named_views().get("By folder").is_some());
    push(&mut h, Command::SetView(ViewSettings::default()));
    h.get_by_label("Views").click();
    h.run_steps(2);
    h.get_by_label("By folder").click();
    h.run_steps(3);
    assert_eq!(h.state().settings().view.color_by, ColorBy::Folder);
}

#[test]
fn the_command_line_opens_a_view_for_its_run_only() {
    let vault = sample_copy();
    let data = tempfile::tempdir().unwrap();
    let data = DataDir::at(data.path().join("notegraph"));
    let source = VaultSource::Folder(vault.path().into());
    let view = NamedView {
        name: "Topics".into(),
        color_by: ColorBy::Community,
        focus: vec!["databases/raft.md".into()],
        depth: 2,
        ..NamedView::default()
    };
    views::change_views(&data, &source, |l| l.save(view)).unwrap();
    let launch = Launch {
        data: Some(data),
        run_only: RunOnly {
            view: Some("Topics".into()),
            ..RunOnly::default()
        },
    };
    let app = App::launch_blocking(Settings::default(), source, launch);
    let mut h = harness(app);
    h.run_steps(3);
    let app = h.state();
    assert_eq!(app.settings().view.color_by, ColorBy::Community);
    assert_eq!(app.settings().view.local_depth, 2);
    assert_eq!(focus_paths(app).0, ["databases/raft.md"]);
    let kept = app.settings_to_save();
    assert_eq!(kept.view.color_by, Settings::default().view.color_by);
    assert_eq!(kept.view.local_depth, 1, "a flag never becomes a setting");
}
