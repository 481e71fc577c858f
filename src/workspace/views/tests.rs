//! Named views: kept by name, moved as a file, and read back on a vault
//! that changed.

use super::*;
use crate::graph::NoteGraph;
use crate::vault::tests::vault;

fn sample_view(name: &str) -> NamedView {
    NamedView {
        name: name.to_string(),
        filter: NoteFilter {
            tags: ["db".to_string()].into(),
            ..NoteFilter::default()
        },
        color_by: ColorBy::Community,
        size_by: SizeBy::Links,
        layout: CanvasMode::Prerequisites,
        edge_kinds: vec![EdgeKind::Prerequisite, EdgeKind::Related],
        ghosts: false,
        focus: vec!["a.md".into()],
        expanded: vec!["b.md".into()],
        depth: 2,
        fade: true,
        hidden: vec!["c.md".into()],
        folded: vec![GroupKey::Folder("db".into()), GroupKey::Community(3)],
        camera: Some(ViewCamera {
            zoom: 1.5,
            centre: [12.0, -40.5],
        }),
        ..NamedView::default()
    }
}

#[test]
fn a_view_file_reads_back_as_the_same_view() {
    let view = sample_view("Databases");
    let json = to_json(&view);
    assert!(json.starts_with("{\n  \"notegraph_view\": 1,\n  \"name\": \"Databases\""));
    assert!(
        json.contains("\"edge_kinds\": [\n    \"prerequisite\""),
        "{json}"
    );
    assert_eq!(from_json(&json).unwrap(), view);
}

#[test]
fn a_file_that_is_no_view_is_refused_with_its_reason() {
    let no_mark = from_json("{\"name\": \"x\"}").unwrap_err();
    assert!(no_mark.contains("notegraph_view"), "{no_mark}");
    let newer = from_json("{\"notegraph_view\": 9, \"name\": \"x\"}").unwrap_err();
    assert!(newer.contains("newer notegraph"), "{newer}");
    assert!(from_json("[1, 2]").is_err());
    // Out of range values are put back in range, not refused.
    let odd = "{\"notegraph_view\": 1, \"name\": \" x \", \"depth\": 40, \"camera\": {\"zoom\": -1, \"centre\": [0, 0]}}";
    let view = from_json(odd).unwrap();
    assert_eq!(
        (view.name.as_str(), view.depth, view.camera),
        ("x", 5, None)
    );
}

#[test]
fn notes_the_vault_no_longer_has_drop_out_and_are_named() {
    let v = vault(&[("a.md", "[[b]]"), ("b.md", ""), ("d.md", "")]);
    let (set, missing) = sample_view("v").focus_in(&v);
    assert_eq!(missing, ["c.md"]);
    assert_eq!(set.notes.len(), 1);
    assert_eq!(set.expanded.len(), 1);
    assert!(set.hidden.is_empty());
    let mut back = NamedView::default();
    back.set_focus(&set, &v);
    assert_eq!(
        (back.focus, back.expanded),
        (vec!["a.md".to_string()], vec!["b.md".to_string()])
    );
}

#[test]
fn what_a_view_shows_is_its_focus_at_its_depth_less_what_is_hidden() {
    let v = vault(&[
        ("a.md", "[[b]]"),
        ("b.md", "[[c]] [[gone]]"),
        ("c.md", "[[d]]"),
        ("d.md", ""),
    ]);
    let g = NoteGraph::build(&v);
    let view = NamedView {
        focus: vec!["a.md".into()],
        hidden: vec!["c.md".into(), "x.md".into()],
        depth: 2,
        ..NamedView::default()
    };
    let shown = view.shown(&v, &g);
    let paths: Vec<String> = (shown.nodes.iter())
        .filter_map(|&n| g.note_of(n))
        .map(|id| v.notes[id].path.clone())
        .collect();
    assert_eq!(paths, ["a.md", "b.md"], "c hidden, d three links out");
    assert_eq!(shown.nodes.len(), 3, "and the missing note b links to");
    assert_eq!(shown.missing, ["x.md"]);
}

#[test]
fn saving_renaming_duplicating_and_deleting_keep_names_apart() {
    let mut list = ViewList::default();
    list.save(sample_view("One")).unwrap();
    list.save(sample_view("Two")).unwrap();
    let mut changed = sample_view("One");
    changed.depth = 4;
    list.save(changed).unwrap();
    assert_eq!(list.views.len(), 2, "saved again under its name: replaced");
    assert_eq!(list.views[0].depth, 4);
    assert!(matches!(
        list.rename("One", "Two"),
        Err(ViewError::Taken(_))
    ));
    assert!(matches!(list.rename("One", "  "), Err(ViewError::NoName)));
    list.rename("One", "First").unwrap();
    assert_eq!(list.duplicate("First").unwrap(), "First copy");
    assert_eq!(list.duplicate("First").unwrap(), "First copy (2)");
    let names: Vec<&str> = list.views.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["First", "First copy (2)", "First copy", "Two"]);
    assert_eq!(list.add(sample_view("Two")).unwrap(), "Two (2)");
    list.delete("First copy").unwrap();
    assert!(matches!(
        list.delete("First copy"),
        Err(ViewError::NotFound(_))
    ));
    assert_eq!(list.views.len(), 4);
}

#[test]
fn the_store_reads_the_file_again_before_each_change() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (DataDir::at(dir.path()), DataDir::at(dir.path()));
    let source = VaultSource::Folder("/notes/physics".into());
    change_views(&a, &source, |l| l.save(sample_view("One"))).unwrap();
    // Another process saves one meanwhile.
    change_views(&b, &source, |l| l.save(sample_view("Two"))).unwrap();
    let ((), after) = change_views(&a, &source, |l| l.rename("One", "Uno")).unwrap();
    let names: Vec<&str> = after.views.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["Uno", "Two"]);
    assert_eq!(read_views(&b, &source).unwrap(), after);
    let file = a.vault_file(&source).with_extension("views.json");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("\"vault\": \"/notes/physics\""), "{text}");
    let other = VaultSource::Folder("/notes/chemistry".into());
    assert!(read_views(&a, &other).unwrap().views.is_empty());
}

#[test]
fn a_view_file_is_refused_inside_the_vault_and_read_back_outside() {
    let vault_dir = tempfile::tempdir().unwrap();
    std::fs::write(vault_dir.path().join("a.md"), "# A\n").unwrap();
    let notes = vec!["a.md".to_string()];
    let view = sample_view("Out");
    let inside = vault_dir.path().join("view.json");
    let err = write_file(&view, &inside, Some(vault_dir.path()), &notes).unwrap_err();
    assert!(matches!(err, ViewError::InsideVault(_)), "{err}");
    assert!(
        err.to_string().contains("copy the file there yourself"),
        "{err}"
    );
    assert!(!inside.exists());
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("view.json");
    write_file(&view, &file, Some(vault_dir.path()), &notes).unwrap();
    assert_eq!(read_file(&file).unwrap(), view);
    std::fs::write(&file, "not json").unwrap();
    let err = read_file(&file).unwrap_err();
    assert!(err.to_string().contains("is not a notegraph view"), "{err}");
}
