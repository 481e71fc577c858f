//! Generated hostile notes (deep nesting, YAML aliases, huge keys, control
//! characters, long runs of brackets) go through loading and through the
//! window's note panel, each within a time limit: a blow-up in a parser or
//! the renderer shows as a failure here, not as a frozen window.
//!
//! The limit is generous (a debug build on a loaded 2-core machine); it
//! catches hangs and runaway growth, not speed, which the benchmarks
//! measure (`examples/hostile_budget.rs`).

mod common;

use common::harness;
use notegraph::gui::{App, Command, Settings, VaultSource};
use proptest::prelude::*;
use std::time::{Duration, Instant};

const PER_INPUT: Duration = Duration::from_secs(20);

/// A piece of a hostile note, repeated up to a few thousand times.
fn piece() -> impl Strategy<Value = String> {
    let unit = prop::sample::select(vec![
        "[",
        "]",
        "[[",
        "]]",
        "{",
        "- ",
        "  ",
        "> ",
        "1. ",
        "* ",
        "`",
        "```\n",
        "~~~\n",
        "\n",
        "\n\n",
        "#",
        "> [!note]\n",
        "**",
        "_",
        "==",
        "%%",
        "<div>",
        "|",
        "\u{0}",
        "\u{1b}[31m",
        "\u{7}",
        "\u{7f}",
        "\u{202e}",
        "e\u{301}",
        "知",
        "\u{feff}",
        "[x](y.md)",
        "![[z.png]]",
        "$$",
        "\\",
    ]);
    (unit, 1usize..3000).prop_map(|(u, n)| u.repeat(n))
}

/// Frontmatter that is hostile in the ways the issue names.
fn frontmatter() -> impl Strategy<Value = String> {
    prop_oneof![
        (1usize..3000).prop_map(|d| format!("x: {}{}\n", "[".repeat(d), "]".repeat(d))),
        (1usize..3000).prop_map(|d| format!("x: {}\n", "[".repeat(d))),
        (1usize..400).prop_map(|n| {
            let refs = vec!["*a"; n].join(", ");
            format!("a: &a [1, 2, 3, 4, 5, 6, 7, 8]\nb: [{refs}]\n")
        }),
        (1usize..20_000).prop_map(|n| format!("{}: v\n", "k".repeat(n))),
        (1usize..2000).prop_map(|n| (0..n).map(|i| format!("k{i}: {i}\n")).collect()),
        Just("title: \"a\\0b\\x1b[31m\\x7f\"\nimportance: .nan\n".to_string()),
        Just("importance: 1e308\ndifficulty: -.inf\n".to_string()),
        (1usize..200).prop_map(|d| format!("x:\n{}", nested_block(d))),
    ]
}

/// A block mapping nested `depth` levels, by indentation.
fn nested_block(depth: usize) -> String {
    (0..depth)
        .map(|i| format!("{}k{i}:\n", "  ".repeat(i + 1)))
        .collect()
}

fn note() -> impl Strategy<Value = String> {
    (frontmatter(), prop::collection::vec(piece(), 1..4)).prop_map(|(fm, body)| {
        format!(
            "---\ntitle: Hostile\n{fm}---\n# Hostile\n\n{}\n",
            body.concat()
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn hostile_notes_load_and_render_within_a_time_limit(text in note()) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("hostile.md"), &text).unwrap();
        std::fs::write(dir.path().join("other.md"), "# Other\n\n[[hostile]]\n").unwrap();
        let started = Instant::now();
        let app = App::new_blocking(Settings::default(), VaultSource::Folder(dir.path().into()));
        let id = app.loaded().unwrap().vault.note_by_path("hostile.md").unwrap();
        let mut h = harness(app);
        h.state_mut().push(Command::Select(id));
        h.run_steps(3);
        prop_assert_eq!(h.state().selected(), Some(id));
        let took = started.elapsed();
        prop_assert!(took < PER_INPUT, "{took:?} for a note of {} bytes", text.len());
    }
}
