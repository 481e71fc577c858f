//! Inputs whose depth grows without bound: nothing may recurse with it.
//! Tests run on threads with a 2 MB stack, smaller than the window's
//! loading thread gets, so a recursion per note overflows here first.

use notegraph::gui::{Loaded, Settings, VaultSource};
use notegraph::vault::{Origin, SourceFile, Vault};
use notegraph::workspace::Workspace;

/// Note i needs note i - 1: one prerequisite chain of `n` notes.
fn chain(n: usize) -> Vault {
    let files = (0..n).map(|i| {
        let pre = if i > 0 {
            format!("### Prerequisites\n- [p](n{}.md)\n", i - 1)
        } else {
            String::new()
        };
        SourceFile {
            path: format!("n{i}.md"),
            bytes: format!("---\nid: n{i}\n---\n{pre}").into_bytes(),
        }
    });
    Vault::from_files(Origin::Embedded, files.collect())
}

/// The chain loads with everything the window computes on its loading
/// thread (graph, cycles, plans, topics, the layered view, next up), and
/// the whole plan for its last note has every note in order.
#[test]
fn a_200000_note_prerequisite_chain_loads_for_the_window_and_the_cli() {
    let n = 200_000;
    let vault = chain(n);
    let options = Settings::default().options();
    let ws = Workspace::new(
        VaultSource::Sample,
        &options,
        vault,
        &Default::default(),
        None,
    );
    let loaded = Loaded::new(ws, 0.0);
    assert_eq!(loaded.vault.notes.len(), n);
    assert!(loaded.cycles().is_empty());
    let last = loaded
        .vault
        .note_by_path(&format!("n{}.md", n - 1))
        .unwrap();
    assert_eq!(loaded.layered().layer[last], Some(n as u32 - 1));
    assert_eq!(
        loaded.ready().notes.len(),
        1,
        "only the first note is ready"
    );
    let plan = notegraph::analysis::study_plan(
        &loaded.vault,
        &loaded.graph,
        &[last],
        &loaded.study_config(),
    );
    assert_eq!(plan.steps.len(), n);
    let first = loaded.vault.note_by_path("n0.md").unwrap();
    assert_eq!(plan.steps[0].note, first);
}
