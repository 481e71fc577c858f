//! The invariants ARCHITECTURE.md states, checked on the source: a change
//! that breaks one fails here, not in a reader's head (rust-analyzer's
//! tidy tests). Test code (a `#[cfg(test)]` module at a file's end, and
//! `tests.rs` files) is left out: tests may write and print as they like.

use std::path::Path;

/// Every source file under `src/`, by path from `src/` with `/`, and its
/// code without comment lines and test modules.
fn sources() -> Vec<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") || path.ends_with("tests.rs") {
            continue;
        }
        let rel = path
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(path).unwrap();
        files.push((rel, without_tests(&text)));
    }
    assert!(files.len() > 50, "found only {} source files", files.len());
    files
}

/// `text` without comment lines and without the body of each
/// `#[cfg(test)]` item (counted by braces), wherever it sits.
fn without_tests(text: &str) -> String {
    let mut code = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line.trim_start().starts_with("//") {
            continue;
        }
        if line.trim() != "#[cfg(test)]" {
            code.push(line);
            continue;
        }
        // The item ends where its braces close, or at its `;` (`mod x;`).
        let (mut depth, mut opened) = (0i64, false);
        for item in lines.by_ref() {
            depth += item.matches('{').count() as i64 - item.matches('}').count() as i64;
            opened |= item.contains('{');
            let ended = if opened {
                depth <= 0
            } else {
                item.trim_end().ends_with(';')
            };
            if ended {
                break;
            }
        }
    }
    code.join("\n")
}

/// The files outside `allowed` (path prefixes) whose code holds any of
/// `needles`.
fn offenders(needles: &[&str], allowed: &[&str]) -> Vec<String> {
    (sources().into_iter())
        .filter(|(rel, _)| !allowed.iter().any(|a| rel.starts_with(a)))
        .filter_map(|(rel, code)| {
            let hit = needles.iter().find(|n| code.contains(*n))?;
            Some(format!("{rel}: {hit}"))
        })
        .collect()
}

#[test]
fn only_gui_names_the_window_crates() {
    let window = [
        "egui::",
        "use egui",
        "eframe",
        "egui_graphs",
        "egui_commonmark",
        "egui_extras",
        "rfd::",
    ];
    assert_eq!(offenders(&window, &["gui/"]), Vec::<String>::new());
}

#[test]
fn only_the_frontmatter_reader_names_serde_yaml() {
    let found = offenders(&["serde_yaml"], &["vault/frontmatter/"]);
    assert_eq!(found, Vec::<String>::new());
}

#[test]
fn only_output_rs_writes_files() {
    let writes = [
        "File::create",
        "OpenOptions",
        "fs::write",
        "NamedTempFile",
        "fs::rename",
        "fs::copy",
        "set_permissions",
    ];
    assert_eq!(offenders(&writes, &["output.rs"]), Vec::<String>::new());
}

#[test]
fn the_library_below_the_front_ends_never_prints() {
    let prints = ["println!", "eprintln!", "print!(", "eprint!(", "dbg!("];
    let found = offenders(&prints, &["cli/", "gui/", "main.rs"]);
    assert_eq!(found, Vec::<String>::new());
}

#[test]
fn only_the_action_table_spells_a_shortcut() {
    // Shortcut text comes from src/gui/actions.rs, beside the key itself:
    // one written out elsewhere drifts from its key, and says Ctrl on a
    // Mac, where the key is Cmd.
    let spelled = ["Ctrl+", "Cmd+", "Alt+"];
    let found = offenders(&spelled, &["gui/actions.rs"]);
    assert_eq!(found, Vec::<String>::new());
}

#[test]
fn only_the_line_index_counts_newlines() {
    // Byte offset to line number: `vault::lines` (`LineIndex`, `line_of`).
    let counts = [
        "matches('\\n')",
        "match_indices('\\n')",
        "== b'\\n'",
        "== '\\n'",
        ".lines().count()",
        "split('\\n').count()",
        "bytecount",
        "memchr_iter(b'\\n'",
    ];
    let found = offenders(&counts, &["vault/lines.rs"]);
    assert_eq!(found, Vec::<String>::new());
}
