//! The title rule through the real binary: a note is named by its
//! frontmatter title, else by a first-line heading where its file name is an
//! identifier or says the same words, else by its file name; every command
//! prints those names, and links resolve by them alone.

mod common;

use common::{notegraph, write};

/// A zettelkasten-like vault: an identifier file name with its heading, a
/// named file whose first heading is a section, a mid-note heading, a file
/// name that says its heading's words, and a frontmatter title.
fn vault() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "202301011200.md",
        "# Zettel on quorums\n\nQuorum text about consensus.\n\n### Prerequisites\n- [[Proof By Induction]]\n",
    );
    write(
        root,
        "Proof By Induction.md",
        "# Process\n\nInduction steps, consensus.\n",
    );
    write(
        root,
        "notes/example-note.md",
        "intro line\n\n# Example\n\nsee [[Example]] and [[Process]]\n",
    );
    write(
        root,
        "cap-theorem.md",
        "# CAP Theorem\n\n### Prerequisites\n- [[202301011200]]\n- [[Fronted]]\n",
    );
    write(root, "x.md", "---\ntitle: Fronted\n---\n# Not this\n");
    dir
}

fn run(args: &[&str]) -> String {
    let out = notegraph(args);
    assert!(out.status.code() != Some(2), "{args:?}: {:?}", out);
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn order_names_steps_by_the_title_rule() {
    let dir = vault();
    let v = dir.path().to_str().unwrap();
    let plan = run(&["order", v, "cap-theorem"]);
    assert!(plan.contains("Study plan for CAP Theorem"), "{plan}");
    assert!(
        plan.contains("1. Fronted") || plan.contains(". Fronted  "),
        "{plan}"
    );
    assert!(plan.contains(". Proof By Induction  "), "{plan}");
    assert!(plan.contains(". Zettel on quorums  "), "{plan}");
    assert!(!plan.contains("Process"), "a section is not a name: {plan}");
}

#[test]
fn path_and_search_print_the_new_names() {
    let dir = vault();
    let v = dir.path().to_str().unwrap();
    let path = run(&["path", v, "CAP Theorem", "Proof By Induction"]);
    assert_eq!(
        path.lines().map(str::trim).collect::<Vec<_>>(),
        [
            "CAP Theorem",
            "→ Zettel on quorums (prerequisite)",
            "→ Proof By Induction (prerequisite)"
        ]
    );
    let hits = run(&["search", v, "consensus"]);
    assert!(hits.contains(": Proof By Induction  ("), "{hits}");
    assert!(hits.contains(": Zettel on quorums  ("), "{hits}");
    assert!(!hits.contains(": Process  ("), "{hits}");
}

#[test]
fn a_heading_that_is_not_a_title_no_longer_resolves_a_link() {
    let dir = vault();
    let out = notegraph(&["check", dir.path().to_str().unwrap()]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("unresolved link `Example`"), "{text}");
    assert!(text.contains("unresolved link `Process`"), "{text}");
    assert!(
        !text.contains("`Fronted`"),
        "a frontmatter title resolves: {text}"
    );
}
