//! Round two's hostile vaults at small scale, through the real binary:
//! every row of the table loads with `stats`, `check --json` and all three
//! exports, gets its diagnostic where something is refused, keeps the
//! exports parseable, and leaves the vault byte for byte as it was.
//! `examples/hostile_budget.rs` runs the same vaults at full size.

#[path = "support/hostile_vaults.rs"]
mod hostile_vaults;

mod common;

use common::{notegraph, snapshot};
use std::path::Path;
use std::process::{Command, Output};

fn ran(out: &Output, what: &str) {
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{what} crashed or refused: {:?}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}

fn check_case(case: &hostile_vaults::Case, scale: f64) {
    let scratch = tempfile::tempdir().unwrap();
    let vault = scratch.path().join("vault");
    std::fs::create_dir(&vault).unwrap();
    case.build(&vault, scale);
    let before = snapshot(&vault);
    let v = vault.to_str().unwrap();
    let label = format!("row {} ({})", case.row, case.name);

    let stats = notegraph(&["stats", v, "--json"]);
    ran(&stats, &format!("{label}: stats"));
    let stats: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert!(stats["notes"].as_u64().unwrap() >= 1, "{label}: {stats}");

    let check = notegraph(&["check", v, "--json"]);
    ran(&check, &format!("{label}: check"));
    let diags: Vec<serde_json::Value> = serde_json::from_slice(&check.stdout).unwrap();
    if let Some((file, word)) = case.diagnostic {
        assert!(
            diags.iter().any(|d| {
                d["path"].as_str().unwrap().contains(file)
                    && d["message"].as_str().unwrap().contains(word)
            }),
            "{label}: no diagnostic on {file} saying {word:?}: {diags:#?}"
        );
    }
    // Output grows with the vault, not with its square. A vault of
    // nothing but dead links is the worst honest case: a line of JSON
    // (about 150 bytes) for each `[[gone 1 2]]` (13 bytes).
    let vault_bytes: usize = before.values().map(|(b, _)| b.len()).sum();
    assert!(
        check.stdout.len() <= 12 * vault_bytes + 64 * 1024,
        "{label}: check --json wrote {} bytes for a vault of {vault_bytes}",
        check.stdout.len()
    );

    for format in ["json", "graphml", "dot"] {
        let out = scratch.path().join(format!("out.{format}"));
        let run = notegraph(&["export", v, "--format", format, "-o", out.to_str().unwrap()]);
        ran(&run, &format!("{label}: export {format}"));
        let text = std::fs::read_to_string(&out).unwrap();
        match format {
            "json" => drop(serde_json::from_str::<serde_json::Value>(&text).unwrap()),
            "graphml" => drop(roxmltree::Document::parse(&text).unwrap_or_else(|e| {
                panic!("{label}: GraphML does not parse: {e}");
            })),
            _ => dot_parses(&out, &label),
        }
    }
    assert!(before == snapshot(&vault), "{label}: the vault changed");
}

/// Graphviz reads the DOT file, where it is installed (CI requires it).
/// `gc` only parses and counts (`dot` would lay the graph out, for minutes
/// on a long chain); it exits 0 even on a syntax error, but says so.
fn dot_parses(path: &Path, label: &str) {
    match Command::new("gc").arg("-n").arg(path).output() {
        Ok(out) => assert!(
            out.status.success() && out.stderr.is_empty() && !out.stdout.is_empty(),
            "{label}: Graphviz rejects the export: {}",
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(_) if std::env::var_os("NOTEGRAPH_REQUIRE_DOT").is_some() => {
            panic!("Graphviz (`gc`) is required")
        }
        Err(_) => {}
    }
}

#[test]
fn every_row_loads_exports_and_leaves_the_vault_alone_at_small_scale() {
    for case in hostile_vaults::all() {
        // A hundredth of the sizes (at least two of everything).
        check_case(&case, 0.01);
    }
}

#[test]
fn the_rows_that_break_a_cap_still_hold_just_past_it() {
    // Just past each cap: a few more links than one note keeps, nesting
    // past the frontmatter's limit, more aliases than allowed.
    let cases = hostile_vaults::all();
    for row in [2, 3, 5] {
        let case = cases.iter().find(|c| c.row == row).unwrap();
        check_case(case, 0.05);
    }
}
