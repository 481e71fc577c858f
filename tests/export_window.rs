//! File › Export in the window: what the view shows (its filter), where
//! the window draws it, in the format chosen; the HTML map with the
//! window's progress; never into the vault, with a message saying so.

mod common;

use common::{harness, sample_copy};
use egui_kittest::Harness;
use notegraph::analysis::NoteFilter;
use notegraph::export::Format;
use notegraph::gui::{App, Command, Settings, VaultSource};
use serde_json::Value;
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

#[test]
fn json_export_holds_the_filtered_notes_where_the_window_draws_them() {
    let vault = sample_copy();
    let out = tempfile::tempdir().unwrap();
    let mut h = window(vault.path());
    let filter = NoteFilter {
        folders: ["databases".to_string()].into(),
        ..NoteFilter::default()
    };
    push(&mut h, Command::SetFilter(filter));
    let file = out.path().join("view.json");
    push(&mut h, Command::ExportGraph(Format::Json, file.clone()));
    assert!(h.state().error().is_none(), "{:?}", h.state().error());

    let doc: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    let nodes = doc["nodes"].as_array().unwrap();
    let paths: Vec<&str> = (nodes.iter()).filter_map(|n| n["path"].as_str()).collect();
    assert_eq!(paths.len(), 11, "the databases folder's notes: {paths:?}");
    assert!(paths.iter().all(|p| p.starts_with("databases/")));
    let raft = (nodes.iter())
        .find(|n| n["path"] == "databases/raft.md")
        .unwrap();
    let drawn = h.state().node_position("databases/raft.md").unwrap();
    let at = [raft["x"].as_f64().unwrap(), raft["y"].as_f64().unwrap()];
    assert!(
        (at[0] - drawn[0] as f64).abs() < 1e-3 && (at[1] - drawn[1] as f64).abs() < 1e-3,
        "exported at {at:?}, drawn at {drawn:?}"
    );
}

#[test]
fn the_html_map_and_the_svg_are_written_from_the_window() {
    let vault = sample_copy();
    let out = tempfile::tempdir().unwrap();
    let mut h = window(vault.path());
    let html = out.path().join("map.html");
    push(&mut h, Command::ExportGraph(Format::Html, html.clone()));
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("Raft"), "the notes are in the page");
    // The window's progress goes with it: learned notes are marked.
    assert!(page.contains(r#""learned":["#), "progress in the page");

    let svg = out.path().join("map.svg");
    push(&mut h, Command::ExportGraph(Format::Svg, svg.clone()));
    let picture = std::fs::read_to_string(&svg).unwrap();
    assert!(picture.starts_with("<?xml") || picture.starts_with("<svg"));
    assert!(picture.contains(">Raft<"), "labels as text");
    assert!(h.state().error().is_none());
}

#[test]
fn an_export_into_the_vault_is_refused_with_a_reason() {
    let vault = sample_copy();
    let mut h = window(vault.path());
    let file = vault.path().join("map.canvas");
    push(&mut h, Command::ExportGraph(Format::Canvas, file.clone()));
    assert!(!file.exists(), "nothing written into the vault");
    let error = h.state().error().expect("an error shown").to_string();
    assert!(
        error.contains("where Obsidian opens it as a canvas"),
        "{error}"
    );
}
