//! A loaded vault with every analysis the window shows, computed once (on
//! the loading thread) so that frames only read.

use super::fonts::{scripts_in, ScriptSet};
use super::later::Later;
pub use super::text_slot::TextSlot;
use crate::analysis::communities::Communities;
use crate::analysis::selfcheck::{self, Tally};
use crate::analysis::topics::{TopicDetails, Topics};
use crate::analysis::{self, Facets, SearchIndex, StudyConfig, UnresolvedLink};
use crate::diagnostics::Diagnostic;
use crate::graph::{Node as ModelNode, NoteGraph};
use crate::vault::{self, NoteId, Vault};
use petgraph::stable_graph::NodeIndex;
use std::collections::{HashMap, HashSet};
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
    /// Shared with the thread that builds the text index.
    pub vault: Arc<Vault>,
    /// Shared with the thread that works out the topic details.
    pub graph: Arc<NoteGraph>,
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
    /// What the canvas labels each node: a note's display name, a ghost's
    /// target.
    pub titles: HashMap<NodeIndex, Arc<str>>,
    /// Each note's title, with a folder when another note shares it.
    pub names: Vec<Arc<str>>,
    /// The vault's communities (topics).
    pub communities: Communities,
    /// Hubs and bridges, and link suggestions: worked out once the vault is
    /// on screen (on a dense vault they took seconds before it).
    pub topic_details: Later<TopicDetails>,
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
    /// The whole vault's layered prerequisite drawing, by `NoteId`.
    pub prerequisite_layers: crate::layout::layered::Layered,
    /// Notes whose status is recorded in notegraph, with the status their
    /// file gives (shown beside it).
    pub recorded: HashMap<NoteId, Option<String>>,
    /// Notes whose status in memory comes from their self-check (the
    /// setting), for the panel's reason; the counts are in `self_checks`.
    pub status_by_checks: HashMap<NoteId, ByChecks>,
    /// The status each file gives, for the notes whose status in memory
    /// is another (recorded, or from the self-check): what a change made
    /// in place (`edits.rs`) starts again from.
    pub file_status: HashMap<NoteId, Option<String>>,
    /// How much of each note's self-check is ticked (none: it has none),
    /// by `NoteId`: the self-check colours, arcs and progress.
    pub self_checks: Vec<Option<Tally>>,
    /// The notes to study now, best first (by what they unblock), and the
    /// ready notes left out as no study material (`analysis::ready`).
    pub ready_list: analysis::ready::ReadyList,
    /// The notes of `ready_list`: not yet learned, prerequisites all are.
    pub ready: HashSet<NoteId>,
    /// Some note has a prerequisite link: without one, the window shows no
    /// study buttons or highlights, and the plan tab says how to add some.
    pub has_prerequisites: bool,
    /// The scripts the vault's text is written in, to check fonts for.
    pub scripts: ScriptSet,
    pub load_ms: f64,
    /// Which load this is, counted by the session: views key what they
    /// cache on it.
    pub generation: u64,
}

impl Loaded {
    /// Builds the graph and every analysis; runs on the loading thread.
    pub fn new(
        source: VaultSource,
        mut vault: Vault,
        load_ms: f64,
        study: &StudyConfig,
        recorded: &crate::gui::settings::Recorded,
    ) -> Loaded {
        let mut phases = Phases::start();
        let self_checks = selfcheck::tallies(&vault, &study.self_check_headings);
        let (recorded_of, file_status, status_by_checks) = overlay(
            &mut vault,
            recorded.get(&source.label()),
            study,
            &self_checks,
        );
        let vault = Arc::new(vault);
        phases.done("self-checks");
        let graph = Arc::new(NoteGraph::build(&vault));
        phases.done("graph");
        let (ready, ready_list) = ready_of(&vault, &graph, study, &self_checks);
        let orphans = analysis::orphans(&graph);
        let orphans_for_text = orphans.clone();
        let mut is_orphan = vec![false; vault.notes.len()];
        for &o in &orphans {
            is_orphan[o] = true;
        }
        let names: Vec<Arc<str>> = (analysis::display_names(&vault).into_iter())
            .map(Arc::from)
            .collect();
        let (degree, titles) = node_tables(&graph, &names);
        phases.done("ready, orphans, names");
        // The topic map is the longest step; the others run beside it.
        let ((communities, net), (diagnostics, (cycles, cycle_of), prerequisite_layers)) =
            rayon::join(
                || Topics::communities(&vault, &graph),
                || {
                    (
                        analysis::all_diagnostics(&vault, &graph),
                        (
                            analysis::prerequisite_cycles(&graph),
                            analysis::cycle_numbers(&graph),
                        ),
                        crate::layout::layered::of_graph(&graph),
                    )
                },
            );
        phases.done("communities, and beside them diagnostics, cycles, layered view");
        let topic_details = {
            let (vault, graph) = (vault.clone(), graph.clone());
            Later::new(move || TopicDetails::of(&vault, &graph, &net))
        };
        let loaded = Loaded {
            facets: Facets::of(&vault),
            unlinked: analysis::unlinked(&graph),
            unresolved: analysis::unresolved_links(&vault),
            cycles,
            cycle_of,
            frontmatter_errors: analysis::frontmatter_errors(&vault),
            diagnostics,
            orphans,
            is_orphan,
            link_count: vault.notes.iter().map(|n| n.links.len()).sum(),
            degree,
            titles,
            ready,
            has_prerequisites: analysis::ready::has_prerequisites(&vault),
            names,
            search: SearchIndex::new(&vault),
            text: TextSlot::new(vault.clone(), orphans_for_text),
            communities,
            topic_details,
            prerequisite_layers,
            recorded: recorded_of,
            status_by_checks,
            file_status,
            self_checks,
            ready_list,
            scripts: scripts_of(&vault),
            generation: 0,
            graph,
            vault,
            source,
            load_ms,
        };
        phases.done("the rest");
        loaded
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

/// The ready list (ranked, study material only) and its notes: what
/// statuses decide, worked out at load and again after a change made in
/// place.
pub(super) fn ready_of(
    vault: &Vault,
    graph: &NoteGraph,
    study: &StudyConfig,
    self_checks: &[Option<Tally>],
) -> (HashSet<NoteId>, analysis::ready::ReadyList) {
    let has_check = |n: NoteId| self_checks[n].is_some();
    let ready_list = analysis::ready::ready_list(vault, graph, study, &has_check);
    let ready = ready_list.notes.iter().map(|n| n.note).collect();
    (ready, ready_list)
}

/// Statuses of notes as their files give them, by note.
type FileStatuses = HashMap<NoteId, Option<String>>;

/// The statuses the window reads, as a load and a change made in place
/// set them: recorded progress, then what self-checks make of the rest.
/// Returns the notes recorded (with their files' statuses), every changed
/// note's file status, and the notes set by their self-check.
pub(super) fn overlay(
    vault: &mut Vault,
    by_path: Option<&std::collections::BTreeMap<String, String>>,
    study: &StudyConfig,
    self_checks: &[Option<Tally>],
) -> (FileStatuses, FileStatuses, HashMap<NoteId, ByChecks>) {
    let recorded_of = apply_recorded(vault, by_path);
    let mut file_status = recorded_of.clone();
    let by_checks = statuses_from_checks(vault, study, &recorded_of, self_checks, &mut file_status);
    (recorded_of, file_status, by_checks)
}

/// Recorded progress counts instead of the note's own status, in every
/// view: colours, filters, plans, ready now. Returns the notes recorded,
/// with the status their file gives.
fn apply_recorded(
    vault: &mut Vault,
    by_path: Option<&std::collections::BTreeMap<String, String>>,
) -> HashMap<NoteId, Option<String>> {
    let mut recorded_of = HashMap::new();
    let Some(by_path) = by_path else {
        return recorded_of;
    };
    for (id, note) in vault.notes.iter_mut().enumerate() {
        if let Some(status) = by_path.get(&note.path) {
            let own = note.frontmatter.status.replace(status.clone());
            recorded_of.insert(id, own);
        }
    }
    recorded_of
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

/// Times the steps of a load in the debug log (`RUST_LOG=notegraph=debug`,
/// as the budget script runs it).
struct Phases {
    last: std::time::Instant,
}

impl Phases {
    fn start() -> Phases {
        Phases {
            last: std::time::Instant::now(),
        }
    }

    fn done(&mut self, what: &str) {
        log::debug!(
            "load: {what} {:.0} ms",
            self.last.elapsed().as_secs_f64() * 1000.0
        );
        self.last = std::time::Instant::now();
    }
}

pub use crate::analysis::by_checks::ByChecks;

/// Notes whose self-check is all ticked count as learned (`mastered`), and
/// those with some ticked as in progress (`learning`) where their status
/// is none or a to-do one; in memory, unless notegraph records a status for
/// them, and never lowering a status; only where the setting says so.
/// Returns the notes it set, and adds their files' statuses to `own`.
fn statuses_from_checks(
    vault: &mut Vault,
    study: &StudyConfig,
    recorded: &HashMap<NoteId, Option<String>>,
    tallies: &[Option<Tally>],
    own: &mut HashMap<NoteId, Option<String>>,
) -> HashMap<NoteId, ByChecks> {
    let mut set = HashMap::new();
    if !study.learned_from_checks {
        return set;
    }
    for (id, note) in vault.notes.iter_mut().enumerate() {
        let Some(t) = tallies[id].filter(|_| !recorded.contains_key(&id)) else {
            continue;
        };
        let status = note.frontmatter.status.as_deref();
        if let Some((by, status)) = analysis::by_checks::status_by_checks(status, t, study) {
            own.insert(id, note.frontmatter.status.replace(status));
            set.insert(id, by);
        }
    }
    set
}

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
