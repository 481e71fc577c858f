//! A loaded workspace with every analysis the window shows, computed once
//! (on the loading thread, or on threads of their own once the vault is
//! on screen) so that frames only read.

use super::fonts::{scripts_in, ScriptSet};
use super::later::Later;
pub use super::text_slot::TextSlot;
use crate::analysis::topics::TopicDetails;
use crate::analysis::{self, Facets, SearchIndex, UnresolvedLink};
use crate::graph::{Node as ModelNode, NoteGraph};
use crate::vault::timing::Phases;
use crate::vault::{NoteId, Vault};
use crate::workspace::Workspace;
use petgraph::stable_graph::NodeIndex;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

pub use crate::workspace::VaultSource;

/// The workspace, with what only the window needs besides: the canvas's
/// tables, the search box's index, and answers the window keeps apart
/// (the topic details, worked out after the vault is on screen).
pub struct Loaded {
    /// The vault, its options, the status overlay and the shared answers.
    pub ws: Workspace,
    pub facets: Facets,
    pub orphans: Vec<NoteId>,
    pub unlinked: Vec<NoteId>,
    pub unresolved: Vec<UnresolvedLink>,
    pub frontmatter_errors: Vec<NoteId>,
    /// Undirected degree of every model node (resolved links and ghosts).
    pub degree: HashMap<NodeIndex, usize>,
    /// What the canvas labels each node: a note's display name, a ghost's
    /// target.
    pub titles: HashMap<NodeIndex, Arc<str>>,
    /// Each note's title, with a folder when another note shares it.
    pub names: Vec<Arc<str>>,
    /// Hubs and bridges, and link suggestions: worked out once the vault is
    /// on screen (on a dense vault they took seconds before it).
    pub topic_details: Later<TopicDetails>,
    /// Fills the workspace's diagnostics and layered view
    /// (`Workspace::beside_job`), started once the graph is on screen.
    pub beside: Later<()>,
    /// Fills the workspace's topic names (`Workspace::topic_names_job`),
    /// started with the full-text index; the quick names show till then.
    pub topic_names: Later<()>,
    /// Titles, aliases and ids, lowercased once: the search box's answer
    /// until the full-text index is ready.
    pub search: SearchIndex,
    /// The full-text index (search with snippets, related notes), built on
    /// a thread of its own after the graph so that the first frame does
    /// not wait for it; empty until then.
    pub text: TextSlot,
    pub is_orphan: Vec<bool>,
    /// Link occurrences that name a note, for the status bar.
    pub link_count: usize,
    /// The notes of the workspace's ready list: not yet learned,
    /// prerequisites all are.
    pub ready_set: HashSet<NoteId>,
    /// Some note has a prerequisite link: without one, the window shows no
    /// study buttons or highlights, and the plan tab says how to add some.
    pub has_prerequisites: bool,
    /// The scripts the vault's text is written in, to check fonts for.
    pub scripts: ScriptSet,
    pub load_ms: f64,
    /// Which load this is, counted by the session: views key what they
    /// cache on it.
    pub generation: u64,
    /// Review schedules taken in place since the load (a grade made in
    /// the window): the review tab keys what it caches on it too.
    pub reviews: u64,
    /// Reviews done by day, from the grade log (read on the loading
    /// thread; a grade in the window counts in place).
    pub done: crate::analysis::review::history::DoneByDay,
}

impl std::ops::Deref for Loaded {
    type Target = Workspace;

    fn deref(&self) -> &Workspace {
        &self.ws
    }
}

impl Loaded {
    /// Works out what the window shows of `ws`; runs on the loading thread.
    /// The topic map, the longest step, runs beside everything else the
    /// first frame needs; what is shown beside the graph rather than in it
    /// (diagnostics, the layered view) waits for the first frame
    /// (`beside`).
    pub fn new(ws: Workspace, load_ms: f64) -> Loaded {
        let mut phases = Phases::start("load");
        let (_, tables) = rayon::join(
            || {
                let mut phases = Phases::start("load");
                ws.communities();
                phases.done("communities alone");
            },
            || Tables::of(&ws),
        );
        phases.done("communities, and beside them cycles and the window's tables");
        let (vault, graph) = (ws.vault.clone(), ws.graph.clone());
        let topic_details = {
            let net = ws.network();
            Later::new(move || TopicDetails::of(&vault, &graph, &net))
        };
        let topic_names = Later::new(ws.topic_names_job());
        let beside = Later::new(ws.beside_job());
        let Tables {
            orphans,
            is_orphan,
            names,
            degree,
            titles,
            ready_set,
            facets,
            unlinked,
            unresolved,
            frontmatter_errors,
            link_count,
            has_prerequisites,
            search,
            scripts,
        } = tables;
        let text = TextSlot::new(ws.vault.clone(), orphans.clone());
        Loaded {
            facets,
            unlinked,
            unresolved,
            frontmatter_errors,
            orphans,
            is_orphan,
            link_count,
            degree,
            titles,
            ready_set,
            has_prerequisites,
            names,
            search,
            text,
            topic_details,
            topic_names,
            beside,
            scripts,
            generation: 0,
            reviews: 0,
            done: Default::default(),
            ws,
            load_ms,
        }
    }

    pub fn node_of(&self, note: NoteId) -> NodeIndex {
        self.graph.note_nodes[note]
    }
}

/// What the first frame needs of a load besides the topic map, worked out
/// beside it.
struct Tables {
    orphans: Vec<NoteId>,
    is_orphan: Vec<bool>,
    names: Vec<Arc<str>>,
    degree: HashMap<NodeIndex, usize>,
    titles: HashMap<NodeIndex, Arc<str>>,
    ready_set: HashSet<NoteId>,
    facets: Facets,
    unlinked: Vec<NoteId>,
    unresolved: Vec<UnresolvedLink>,
    frontmatter_errors: Vec<NoteId>,
    link_count: usize,
    has_prerequisites: bool,
    search: SearchIndex,
    scripts: ScriptSet,
}

impl Tables {
    fn of(ws: &Workspace) -> Tables {
        let mut phases = Phases::start("load");
        let (vault, graph) = (&ws.vault, &ws.graph);
        // The canvas colours and arcs read every note's self-check.
        ws.self_checks();
        phases.done("self-checks");
        let ready_set = ws.ready().notes.iter().map(|n| n.note).collect();
        phases.done("ready");
        // The canvas numbers the notes of each cycle.
        ws.cycle_of();
        phases.done("cycles");
        let orphans = analysis::orphans(graph);
        let mut is_orphan = vec![false; vault.notes.len()];
        for &o in &orphans {
            is_orphan[o] = true;
        }
        let names: Vec<Arc<str>> = ws.names().iter().map(|n| Arc::from(n.as_str())).collect();
        phases.done("orphans, names");
        let (degree, titles) = node_tables(graph, &names);
        phases.done("degrees, labels");
        let tables = Tables {
            facets: Facets::of(vault),
            unlinked: analysis::unlinked(graph),
            unresolved: analysis::unresolved_links(vault),
            frontmatter_errors: analysis::frontmatter_errors(vault),
            link_count: vault.notes.iter().map(|n| n.links.len()).sum(),
            has_prerequisites: analysis::ready::has_prerequisites(vault),
            search: SearchIndex::new(vault),
            scripts: scripts_of(vault),
            orphans,
            is_orphan,
            names,
            degree,
            titles,
            ready_set,
        };
        phases.done("facets, search box, scripts");
        tables
    }
}

/// Each model node's undirected degree and canvas label.
type NodeTables = (HashMap<NodeIndex, usize>, HashMap<NodeIndex, Arc<str>>);

fn node_tables(graph: &NoteGraph, names: &[Arc<str>]) -> NodeTables {
    let nodes = || graph.graph.node_indices();
    let degree = nodes()
        .map(|n| (n, graph.graph.neighbors_undirected(n).count()))
        .collect();
    let titles = nodes()
        .map(|n| {
            let title: Arc<str> = match graph.graph[n] {
                ModelNode::Note(id) => names[id].clone(),
                ModelNode::Ghost(g) => graph.ghosts[g].label.as_str().into(),
            };
            (n, title)
        })
        .collect();
    (degree, titles)
}

pub use crate::analysis::by_checks::ByChecks;

/// The scripts of every title, tag and alias, and of the part of each body
/// the note panel shows.
fn scripts_of(vault: &Vault) -> ScriptSet {
    let mut set = ScriptSet::default();
    for note in &vault.notes {
        scripts_in(&note.title, &mut set);
        for text in note
            .frontmatter
            .tags
            .iter()
            .chain(&note.frontmatter.aliases)
        {
            scripts_in(text, &mut set);
        }
        scripts_in(super::markdown::shown_part(note.body()), &mut set);
    }
    set
}
