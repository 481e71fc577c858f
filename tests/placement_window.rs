//! "What do I know?" in the window: questions answered with the keys or
//! the buttons, the proposal coloured on the graph before anything is
//! recorded, "Accept" recording it in notegraph's data (the command line
//! sees it), "Undo last placement" taking it back (also one accepted on
//! the command line), and the vault never touched.

mod common;

use common::{harness, notegraph_with_data, snapshot, write};
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use notegraph::analysis::placement::{Answer, Placement};
use notegraph::gui::{placed_color, App, Command, Launch, Placed, RightTab, Settings, VaultSource};
use notegraph::workspace::DataDir;
use std::path::Path;

/// Two chains of prerequisites and a few notes on their own, in three
/// folders, some with a self-check.
fn study_vault(root: &Path) {
    let check = |title: &str, item: &str, pres: &[&str]| {
        let links: String = pres.iter().map(|p| format!("- [[{p}]]\n")).collect();
        format!("# {title}\n\nText.\n\n### Prerequisites\n{links}\n## Self-check\n- [ ] {item}\n")
    };
    write(
        root,
        "sets/sets.md",
        check("Sets", "I can say what a set is", &[]),
    );
    write(
        root,
        "sets/relations.md",
        check("Relations", "I can compose relations", &["sets"]),
    );
    write(
        root,
        "sets/functions.md",
        check("Functions", "I can tell an injection", &["relations"]),
    );
    write(
        root,
        "sets/cardinality.md",
        check("Cardinality", "I can count infinities", &["functions"]),
    );
    write(
        root,
        "logic/propositions.md",
        check("Propositions", "I can read a truth table", &[]),
    );
    write(
        root,
        "logic/proofs.md",
        check(
            "Proofs",
            "I can prove by induction",
            &["propositions", "sets"],
        ),
    );
    write(
        root,
        "logic/quantifiers.md",
        check(
            "Quantifiers",
            "I can negate a quantifier",
            &["propositions"],
        ),
    );
    write(root, "misc/history.md", "# History\n\nA note on its own.\n");
    write(root, "misc/notation.md", "# Notation\n\nAnother.\n");
}

/// The window on `root` with notegraph's data under `data`, as the command
/// line finds it with `XDG_DATA_HOME` there.
fn window(root: &Path, data: &Path) -> Harness<'static, App> {
    let launch = Launch {
        data: Some(DataDir::at(data.join("notegraph"))),
        ..Launch::default()
    };
    let source = VaultSource::Folder(root.into());
    harness(App::launch_blocking(Settings::default(), source, launch))
}

fn assert_shows(h: &Harness<'_, App>, label: &str) {
    assert!(h.query_all_by_label(label).next().is_some(), "no {label:?}");
}

fn title(app: &App, note: usize) -> String {
    app.loaded().unwrap().names[note].to_string()
}

/// The same placement as the window's, replayed: what it should ask and
/// propose.
fn replay(app: &App) -> Placement {
    let loaded = app.loaded().unwrap();
    Placement::new(&loaded.vault, &loaded.graph)
}

fn path_of(app: &App, note: usize) -> String {
    app.loaded().unwrap().vault.notes[note].path.clone()
}

#[test]
fn answers_advance_the_questions_colour_the_graph_and_accept_records_them() {
    let (vault, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    study_vault(vault.path());
    let before = snapshot(vault.path());
    let mut h = window(vault.path(), data.path());
    h.key_press(egui::Key::K);
    h.run_steps(3);
    assert_eq!(h.state().tab(), RightTab::Placement, "K opens the tab");
    let mut expected = replay(h.state());
    let first = expected.next().unwrap();
    assert_shows(&h, "Question 1 of 20");
    assert_shows(&h, &title(h.state(), first));
    assert_eq!(h.state().selected(), Some(first), "its note is selected");
    // Y: "I know this".
    h.key_press(egui::Key::Y);
    h.run_steps(3);
    expected.answer(first, Answer::Yes);
    let second = expected.next().unwrap();
    assert_shows(&h, "Question 2 of 20");
    assert_shows(&h, &title(h.state(), second));
    assert_eq!(h.state().selected(), Some(second));
    // The button "Not yet", then S.
    h.get_by_label("Not yet").click();
    h.run_steps(3);
    expected.answer(second, Answer::No);
    let third = expected.next().unwrap();
    assert_shows(&h, "Question 3 of 20");
    h.key_press(egui::Key::S);
    h.run_steps(3);
    expected.answer(third, Answer::Skip);
    let count = |v: Option<bool>| expected.settled.iter().filter(|&&s| s == v).count();
    let settled = format!(
        "Settled so far: {} known, {} not yet, {} open",
        count(Some(true)),
        count(Some(false)),
        count(None)
    );
    assert_shows(&h, &settled);
    // Mid-way, what no answer settled is drawn open, not guessed.
    for n in (0..expected.settled.len()).filter(|&n| expected.settled[n].is_none()) {
        let path = path_of(h.state(), n);
        let style = h.state().node_style(&path).expect(&path);
        assert_eq!(style.color, placed_color(Placed::Open), "{path}");
    }
    h.get_by_label("Stop here and see the proposal").click();
    h.run_steps(3);
    let proposal = expected.proposal();
    let known: Vec<usize> = (0..proposal.len()).filter(|&n| proposal[n]).collect();
    assert!(
        !known.is_empty() && known.len() < proposal.len(),
        "{known:?}"
    );
    assert_shows(
        &h,
        &format!("Proposal: {} notes to record as learned", known.len()),
    );
    // On the graph before anything is recorded: each note's colour says
    // where the answers place it.
    for (n, &known) in proposal.iter().enumerate() {
        let place = match expected.settled[n] {
            Some(false) => Placed::NotYet,
            _ if known => Placed::Known,
            _ => Placed::Open,
        };
        let path = path_of(h.state(), n);
        let style = h.state().node_style(&path).expect(&path);
        assert_eq!(style.color, placed_color(place), "{path}");
    }
    assert_shows(&h, &format!("proposed known ({})", known.len()));
    let source = VaultSource::Folder(vault.path().into());
    let data_dir = DataDir::at(data.path().join("notegraph"));
    assert!(
        data_dir.recorded(&source).unwrap().is_empty(),
        "nothing yet"
    );
    h.get_by_label("Accept").click();
    h.run_steps(3);
    assert_shows(
        &h,
        &format!("Accepted: {} notes recorded as learned", known.len()),
    );
    let recorded = data_dir.recorded(&source).unwrap();
    let paths: Vec<String> = known.iter().map(|&n| path_of(h.state(), n)).collect();
    assert_eq!(recorded.keys().cloned().collect::<Vec<_>>(), {
        let mut p = paths.clone();
        p.sort();
        p
    });
    assert!(recorded.values().all(|s| s == "mastered"), "{recorded:?}");
    let loaded = h.state().loaded().unwrap();
    for &n in &known {
        assert_eq!(
            loaded.vault.notes[n].frontmatter.status.as_deref(),
            Some("mastered")
        );
        assert!(loaded.is_placed(n));
    }
    assert_eq!(h.state().loads(), 1, "taken in place");
    // Now learned, the graph says so at once.
    let style = h.state().node_style(&paths[0]).unwrap();
    assert_eq!(style.color, placed_color(Placed::Learned));
    // The note panel says why.
    h.state_mut().push(Command::Select(known[0]));
    h.run_steps(3);
    assert_shows(&h, "mastered — recorded by placement (the note says none)");
    // Undo, in the placement tab.
    h.state_mut().push(Command::ShowTab(RightTab::Placement));
    h.run_steps(3);
    h.get_by_label(&format!("Undo last placement ({})", known.len()))
        .click();
    h.run_steps(3);
    assert!(data_dir.recorded(&source).unwrap().is_empty());
    let loaded = h.state().loaded().unwrap();
    assert!(known
        .iter()
        .all(|&n| loaded.vault.notes[n].frontmatter.status.is_none()));
    assert_shows(
        &h,
        &format!("Proposal: {} notes to record as learned", known.len()),
    );
    assert_eq!(snapshot(vault.path()), before, "the vault is untouched");
}

#[test]
fn the_command_line_sees_the_windows_placement_and_the_window_undoes_the_command_lines() {
    let (vault, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    study_vault(vault.path());
    let before = snapshot(vault.path());
    let root = vault.path().to_str().unwrap();
    let mut h = window(vault.path(), data.path());
    h.state_mut().push(Command::ShowTab(RightTab::Placement));
    h.run_steps(3);
    h.get_by_label("I know this").click();
    h.run_steps(3);
    h.get_by_label("Stop here and see the proposal").click();
    h.run_steps(3);
    h.get_by_label("Accept").click();
    h.run_steps(3);
    let placed = h.state().loaded().unwrap().placed.len();
    assert!(placed > 0);
    let out = notegraph_with_data(data.path(), &["placement", root, "--undo"]);
    assert!(out.status.success(), "{out:?}");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains(&format!("{placed} notes no longer recorded")),
        "{said}"
    );
    // The command line accepts its own (no answers: it proposes every
    // note); a window opened after offers to undo it.
    let out = notegraph_with_data(data.path(), &["placement", root, "--accept"]);
    assert!(out.status.success(), "{out:?}");
    drop(h);
    let mut h = window(vault.path(), data.path());
    h.state_mut().push(Command::ShowTab(RightTab::Placement));
    h.run_steps(3);
    let notes = h.state().loaded().unwrap().vault.notes.len();
    h.get_by_label(&format!("Undo last placement ({notes})"))
        .click();
    h.run_steps(3);
    let source = VaultSource::Folder(vault.path().into());
    let data_dir = DataDir::at(data.path().join("notegraph"));
    assert!(data_dir.recorded(&source).unwrap().is_empty());
    assert_eq!(snapshot(vault.path()), before, "the vault is untouched");
}

#[test]
fn the_view_and_help_menus_name_the_placement_and_its_keys() {
    let (vault, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    study_vault(vault.path());
    let mut h = window(vault.path(), data.path());
    h.get_by_label("View").click();
    h.run_steps(2);
    assert_shows(&h, "What do I know? K");
    h.get_by_label("View").click();
    h.get_by_label("Help").click();
    h.run_steps(2);
    assert_shows(
        &h,
        "answer the placement question: I know this, not yet, skip",
    );
}
