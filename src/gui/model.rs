//! A loaded vault with every analysis the window shows, computed once (on
//! the loading thread) so that frames only read.

use crate::analysis::{self, Facets, StudyConfig, UnresolvedLink};
use crate::diagnostics::Diagnostic;
use crate::graph::{Node as ModelNode, NoteGraph};
use crate::vault::{self, NoteId, Vault};
use petgraph::stable_graph::NodeIndex;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// Where the window's vault comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VaultSource {
    Folder(PathBuf),
    /// The bundled sample: from the source tree if present, else embedded.
    Sample,
}

impl VaultSource {
    pub fn load(&self) -> Result<Vault, String> {
        self.load_with_progress(&|_, _| {})
    }

    pub fn load_with_progress(
        &self,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<Vault, String> {
        match self {
            VaultSource::Folder(path) => {
                vault::load_with_progress(path, progress).map_err(|e| e.to_string())
            }
            VaultSource::Sample => match Vault::sample_folder() {
                Some(dir) => vault::load_with_progress(&dir, progress).map_err(|e| e.to_string()),
                None => Ok(Vault::sample()),
            },
        }
    }

    pub fn label(&self) -> String {
        match self {
            VaultSource::Folder(path) => path.display().to_string(),
            VaultSource::Sample => "sample vault".to_string(),
        }
    }
}

pub struct Loaded {
    pub source: VaultSource,
    pub vault: Vault,
    pub graph: NoteGraph,
    pub facets: Facets,
    pub orphans: Vec<NoteId>,
    pub unlinked: Vec<NoteId>,
    pub unresolved: Vec<UnresolvedLink>,
    pub cycles: Vec<Vec<NoteId>>,
    pub cycle_of: HashMap<NoteId, usize>,
    pub frontmatter_errors: Vec<NoteId>,
    pub diagnostics: Vec<Diagnostic>,
    /// Undirected degree of every model node (resolved links and ghosts).
    pub degree: HashMap<NodeIndex, usize>,
    pub titles: HashMap<NodeIndex, Arc<str>>,
    pub is_orphan: Vec<bool>,
    /// Link occurrences that name a note, for the status bar.
    pub link_count: usize,
    pub load_ms: f64,
}

impl Loaded {
    pub fn new(source: VaultSource, vault: Vault, load_ms: f64) -> Loaded {
        let graph = NoteGraph::build(&vault);
        let orphans = analysis::orphans(&graph);
        let mut is_orphan = vec![false; vault.notes.len()];
        for &o in &orphans {
            is_orphan[o] = true;
        }
        let degree = graph
            .graph
            .node_indices()
            .map(|n| (n, graph.graph.neighbors_undirected(n).count()))
            .collect();
        let titles = graph
            .graph
            .node_indices()
            .map(|n| {
                let title: Arc<str> = match graph.graph[n] {
                    ModelNode::Note(id) => vault.notes[id].title.as_str().into(),
                    ModelNode::Ghost(g) => graph.ghosts[g].label.as_str().into(),
                };
                (n, title)
            })
            .collect();
        Loaded {
            facets: Facets::of(&vault),
            unlinked: analysis::unlinked(&graph),
            unresolved: analysis::unresolved_links(&vault),
            cycles: analysis::prerequisite_cycles(&graph),
            cycle_of: analysis::cycle_numbers(&graph),
            frontmatter_errors: analysis::frontmatter_errors(&vault),
            diagnostics: analysis::all_diagnostics(&vault, &graph),
            orphans,
            is_orphan,
            link_count: vault.notes.iter().map(|n| n.links.len()).sum(),
            degree,
            titles,
            graph,
            vault,
            source,
            load_ms,
        }
    }

    pub fn ready_now(&self, config: &StudyConfig) -> Vec<NoteId> {
        analysis::ready_now(&self.vault, &self.graph, config)
    }

    pub fn node_of(&self, note: NoteId) -> NodeIndex {
        self.graph.note_nodes[note]
    }

    /// Notes within `depth` links of `center`, in either direction.
    pub fn neighbourhood(&self, center: NoteId, depth: u8) -> std::collections::HashSet<NodeIndex> {
        let mut seen = std::collections::HashSet::new();
        let start = self.node_of(center);
        seen.insert(start);
        let mut frontier = vec![start];
        for _ in 0..depth {
            let mut next = Vec::new();
            for n in frontier {
                for m in self.graph.graph.neighbors_undirected(n) {
                    if seen.insert(m) {
                        next.push(m);
                    }
                }
            }
            frontier = next;
        }
        seen
    }
}
