//! Templates are not notes: `check`, `stats` and the JSON forms leave them
//! out with one line that counts them, and `--include-templates` brings
//! them back.

mod common;

use common::{notegraph, write};
use std::process::Output;

/// A vault with a `Templates/` folder, a Dendron template, two notes whose
/// id is a placeholder, a templates folder named by Obsidian's settings,
/// and two real notes.
fn vault() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let template = "---\nid: <slug>\nstatus: <learning|practicing|mastered|stale>\ntype: <type>\nimportance: <0-100>\n---\n# <Title>\n\n[[nowhere]]\n";
    write(root, "Templates/concept.md", template);
    write(
        root,
        "templates.daily.md",
        "# Daily {{date}}\n\n[[missing daily]]\n",
    );
    write(root, "drafts/one.md", "---\nid: <slug>\n---\n# One\n");
    write(root, "drafts/two.md", "---\nid: <slug>\n---\n# Two\n");
    write(
        root,
        ".obsidian/templates.json",
        r#"{"folder": "meta/tpl"}"#,
    );
    write(
        root,
        "meta/tpl/book.md",
        "---\ntitle: \"{{title}}\"\n---\n[[gone]]\n",
    );
    write(
        root,
        "notes/a.md",
        "---\nid: a\ntitle: A\n---\n# A\n\n[[b]]\n",
    );
    write(
        root,
        "notes/b.md",
        "---\nid: b\ntitle: B\n---\n# B\n\n[[a]]\n",
    );
    dir
}

fn text(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[test]
fn check_reports_one_templates_line_and_none_of_their_errors() {
    let dir = vault();
    let v = dir.path().to_str().unwrap();
    let out = notegraph(&["check", v]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let report = text(&out);
    assert!(report.contains("5 templates skipped"), "{report}");
    assert!(
        report.contains("2 notes checked: 0 error(s), 0 warning(s)"),
        "{report}"
    );
    for hidden in ["<slug>", "nowhere", "gone", "missing daily", "importance"] {
        assert!(!report.contains(hidden), "{hidden} in {report}");
    }
    let verbose = text(&notegraph(&["check", v, "--verbose"]));
    for path in [
        "Templates/concept.md",
        "templates.daily.md",
        "drafts/one.md",
        "meta/tpl/book.md",
    ] {
        assert!(
            verbose.contains(&format!("  {path}")),
            "{path} in {verbose}"
        );
    }
    let json: serde_json::Value =
        serde_json::from_slice(&notegraph(&["check", v, "--json"]).stdout).unwrap();
    let entries = json.as_array().unwrap();
    assert_eq!(entries.len(), 1, "{json:#}");
    assert_eq!(entries[0]["kind"], "templates");
    assert_eq!(entries[0]["count"], 5);
}

#[test]
fn include_templates_brings_them_back_as_notes() {
    let dir = vault();
    let v = dir.path().to_str().unwrap();
    let out = notegraph(&["check", v, "--include-templates"]);
    assert_eq!(out.status.code(), Some(1), "duplicate ids are errors again");
    let report = text(&out);
    assert!(report.contains("duplicate id `<slug>`"), "{report}");
    assert!(report.contains("unresolved link `nowhere`"), "{report}");
    assert!(report.contains("7 notes checked"), "{report}");
    assert!(!report.contains("templates skipped"), "{report}");
    let stats = |extra: &[&str]| -> serde_json::Value {
        let mut args = vec!["stats", v, "--json"];
        args.extend_from_slice(extra);
        serde_json::from_slice(&notegraph(&args).stdout).unwrap()
    };
    let without = stats(&[]);
    assert_eq!(
        (without["notes"].as_u64(), without["templates"].as_u64()),
        (Some(2), Some(5))
    );
    assert_eq!(without["orphans"], 0, "templates are nobody's orphans");
    let with = stats(&["--include-templates"]);
    assert_eq!(
        (with["notes"].as_u64(), with["templates"].as_u64()),
        (Some(7), Some(0))
    );
}

/// A note named `Templates.md` (a page about templates, outside any
/// templates folder) is a note: links to it resolve.
#[test]
fn a_note_named_templates_is_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "Plugins/Templates.md",
        "# Templates\n\nHow templates work.\n",
    );
    write(
        root,
        "notes/a.md",
        "# A\n\nSee [[Templates]] and [[Plugins/Templates]].\n",
    );
    write(root, "templates.daily.md", "# Daily {{date}}\n");
    let out = notegraph(&["check", root.to_str().unwrap()]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains("unresolved"), "{text}");
    let stats = notegraph(&["stats", root.to_str().unwrap(), "--json"]);
    let stats: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert_eq!(
        stats["notes"], 2,
        "Templates.md and a.md; the Dendron template left out"
    );
    assert_eq!(stats["unresolved_links"], 0);
}
