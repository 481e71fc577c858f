//! Arbitrary bytes as a small vault: the first byte picks how many notes,
//! the rest is split among them. Loading, resolving, building the graph,
//! the analyses and every export must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use notegraph::vault::{Origin, SourceFile, Vault};

fuzz_target!(|data: &[u8]| {
    let Some((&count, rest)) = data.split_first() else { return };
    let count = (count % 4) as usize + 1;
    let chunk = rest.len() / count + 1;
    let names = ["a.md", "sub/b.md", "c d.md", "sub/deeper/é.md"];
    let files: Vec<SourceFile> = rest
        .chunks(chunk)
        .zip(names)
        .map(|(bytes, name)| SourceFile { path: name.to_string(), bytes: bytes.to_vec() })
        .collect();
    let vault = Vault::from_files(Origin::Embedded, files);
    let graph = notegraph::NoteGraph::build(&vault);
    let _ = notegraph::analysis::all_diagnostics(&vault, &graph);
    let _ = notegraph::analysis::stats(&vault, &graph);
    let _ = notegraph::analysis::study_plan(&vault, &graph, &[], &Default::default());
    for format in [notegraph::export::Format::Json, notegraph::export::Format::Dot, notegraph::export::Format::Graphml] {
        let mut out = Vec::new();
        notegraph::export::write(&vault, &graph, format, &mut out).expect("writing to memory");
    }
});
