//! A loaded vault with every analysis the window shows, computed once (on
//! the loading thread) so that frames only read.

use super::fonts::{scripts_in, ScriptSet};
use crate::analysis::selfcheck::{self, Tally};
use crate::analysis::text::{Related, TextIndex};
use crate::analysis::topics::Topics;
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
    /// What the canvas labels each node: a note's display name, a ghost's
    /// target.
    pub titles: HashMap<NodeIndex, Arc<str>>,
    /// Each note's title, with a folder when another note shares it.
    pub names: Vec<Arc<str>>,
    /// Communities, hubs and bridges, and link suggestions.
    pub topics: Topics,
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
    /// Notes counted as learned because their self-check is all ticked
    /// (the setting), with how many boxes, for the panel's reason.
    pub learned_by_checks: HashMap<NoteId, usize>,
    /// Notes shown as "in progress" (`learning`) because some of their
    /// self-check is ticked while their status says nothing further on.
    pub in_progress_by_checks: HashMap<NoteId, Tally>,
    /// How much of each note's self-check is ticked (none: it has none),
    /// by `NoteId`: the self-check colours, arcs and progress.
    pub self_checks: Vec<Option<Tally>>,
    /// Notes ready now, best to learn first (by what they unblock).
    pub next_up: Vec<crate::analysis::progress::NextUp>,
    /// Notes not yet learned whose prerequisites all are.
    pub ready: HashSet<NoteId>,
    /// The scripts the vault's text is written in, to check fonts for.
    pub scripts: ScriptSet,
    pub load_ms: f64,
    /// Which load this is, counted by the session: views key what they
    /// cache on it.
    pub generation: u64,
}

/// The full-text index of a load, and each orphan's best related notes
/// (for the Problems tab), built by a thread of its own that `start`s once
/// the window has drawn the loaded vault: started earlier, it took a core
/// from the first frames (13k notes: shown after 2.45 s instead of 1.8 s).
#[derive(Clone, Default)]
pub struct TextSlot {
    ready: Arc<std::sync::OnceLock<TextReady>>,
    /// What the thread needs, until it is started.
    pending: Arc<std::sync::Mutex<Option<TextInput>>>,
    /// The previous load's slot (live reload): its notes that did not
    /// change are not read again (`TextIndex::rebuild`).
    previous: Arc<std::sync::Mutex<Option<TextSlot>>>,
}

/// The vault to index and the orphans to find related notes for.
type TextInput = (Arc<Vault>, Vec<NoteId>);

struct TextReady {
    vault: Arc<Vault>,
    index: TextIndex,
    orphans: HashMap<NoteId, Vec<Related>>,
    /// Notes read to build it (all of them, unless it was rebuilt).
    read: usize,
}

/// Related notes listed beside each orphan.
const ORPHAN_RELATED: usize = 3;

impl TextSlot {
    fn new(vault: Arc<Vault>, orphans: Vec<NoteId>) -> TextSlot {
        let slot = TextSlot::default();
        *slot.pending.lock().expect("not poisoned") = Some((vault, orphans));
        slot
    }

    /// Builds on `previous`, the slot of the load this one replaces: the
    /// notes it indexed and that did not change are not read again. A
    /// previous slot never started passes on its own previous one.
    pub fn follow(&self, previous: &TextSlot) {
        let started = previous.pending.lock().expect("not poisoned").is_none();
        let basis = if started {
            Some(previous.clone())
        } else {
            previous.previous.lock().expect("not poisoned").take()
        };
        *self.previous.lock().expect("not poisoned") = basis;
    }

    /// Starts building the index, once.
    pub fn start(&self) {
        let Some((vault, orphans)) = self.pending.lock().expect("not poisoned").take() else {
            return;
        };
        let previous = self.previous.lock().expect("not poisoned").take();
        let filled = self.ready.clone();
        std::thread::spawn(move || {
            // One thread: on the rayon pool it would take every core from
            // the window and the layout.
            let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build();
            let build = || match previous.as_ref().map(TextSlot::wait_ready) {
                Some(old) => {
                    let read = TextIndex::changed_notes(&vault, &old.vault);
                    (TextIndex::rebuild(&vault, &old.vault, &old.index), read)
                }
                None => (TextIndex::build(&vault), vault.notes.len()),
            };
            let (index, read) = match &pool {
                Ok(pool) => pool.install(build),
                Err(_) => build(),
            };
            drop(previous);
            let prepare = || index.prepare_related();
            match &pool {
                Ok(pool) => pool.install(prepare),
                Err(_) => prepare(),
            }
            let orphans = (orphans.into_iter())
                .map(|o| (o, index.related(&vault, o, ORPHAN_RELATED)))
                .collect();
            let _ = filled.set(TextReady {
                vault,
                index,
                orphans,
                read,
            });
        });
    }

    /// How many notes the index read (fewer than the vault's after a
    /// reload that changed few), once built.
    pub fn notes_read(&self) -> Option<usize> {
        self.ready.get().map(|t| t.read)
    }

    /// The index, once built.
    pub fn get(&self) -> Option<&TextIndex> {
        self.ready.get().map(|t| &t.index)
    }

    /// An orphan's best related notes, once the index is built.
    pub fn orphan_related(&self, note: NoteId) -> Option<&[Related]> {
        Some(self.ready.get()?.orphans.get(&note)?.as_slice())
    }

    /// Starts the build if needed and waits for it (tests, benchmarks).
    pub fn wait(&self) -> &TextIndex {
        self.start();
        &self.wait_ready().index
    }

    /// Waits for a started build.
    fn wait_ready(&self) -> &TextReady {
        // `OnceLock::wait` needs Rust 1.86; the crate builds on 1.85.
        loop {
            if let Some(ready) = self.ready.get() {
                return ready;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }
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
        // Recorded progress counts instead of the note's own status, in
        // every view: colours, filters, plans, ready now.
        let mut recorded_of = HashMap::new();
        if let Some(by_path) = recorded.get(&source.label()) {
            for (id, note) in vault.notes.iter_mut().enumerate() {
                if let Some(status) = by_path.get(&note.path) {
                    let own = note.frontmatter.status.replace(status.clone());
                    recorded_of.insert(id, own);
                }
            }
        }
        let self_checks = selfcheck::tallies(&vault, &study.self_check_headings);
        let (checked, in_progress) = if study.learned_from_checks {
            statuses_from_checks(&mut vault, study, &recorded_of, &self_checks)
        } else {
            Default::default()
        };
        let vault = Arc::new(vault);
        let graph = NoteGraph::build(&vault);
        let ready = analysis::ready_now(&vault, &graph, study)
            .into_iter()
            .collect();
        let orphans = analysis::orphans(&graph);
        let orphans_for_text = orphans.clone();
        let mut is_orphan = vec![false; vault.notes.len()];
        for &o in &orphans {
            is_orphan[o] = true;
        }
        let degree = graph
            .graph
            .node_indices()
            .map(|n| (n, graph.graph.neighbors_undirected(n).count()))
            .collect();
        let names: Vec<Arc<str>> = (analysis::display_names(&vault).into_iter())
            .map(Arc::from)
            .collect();
        let titles = graph
            .graph
            .node_indices()
            .map(|n| {
                let title: Arc<str> = match graph.graph[n] {
                    ModelNode::Note(id) => names[id].clone(),
                    ModelNode::Ghost(g) => graph.ghosts[g].label.as_str().into(),
                };
                (n, title)
            })
            .collect();
        let mut loaded = Loaded {
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
            ready,
            names,
            search: SearchIndex::new(&vault),
            text: TextSlot::default(),
            topics: Topics::of(&vault, &graph),
            prerequisite_layers: crate::layout::layered::of_graph(&graph),
            recorded: recorded_of,
            learned_by_checks: checked,
            in_progress_by_checks: in_progress,
            self_checks,
            next_up: crate::analysis::progress::next_up(&vault, &graph, study).0,
            scripts: scripts_of(&vault),
            generation: 0,
            graph,
            vault,
            source,
            load_ms,
        };
        loaded.text = TextSlot::new(loaded.vault.clone(), orphans_for_text);
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

/// Notes whose self-check is all ticked count as learned (`mastered`), and
/// those with some ticked as in progress (`learning`) where their status
/// is none or a to-do one; in memory, unless notegraph records a status for
/// them, and never lowering a status. Returns the learned ones with their
/// number of boxes, and the ones in progress with their tally.
fn statuses_from_checks(
    vault: &mut Vault,
    study: &StudyConfig,
    recorded: &HashMap<NoteId, Option<String>>,
    tallies: &[Option<Tally>],
) -> (HashMap<NoteId, usize>, HashMap<NoteId, Tally>) {
    let (mut learned, mut in_progress) = (HashMap::new(), HashMap::new());
    for (id, note) in vault.notes.iter_mut().enumerate() {
        let Some(t) = tallies[id] else { continue };
        if recorded.contains_key(&id) || study.is_learned(note) || t.ticked == 0 {
            continue;
        }
        if t.ticked >= t.total {
            note.frontmatter.status = Some("mastered".to_string());
            learned.insert(id, t.total as usize);
            continue;
        }
        let class = note
            .frontmatter
            .status
            .as_deref()
            .map(analysis::status_class);
        if matches!(class, None | Some(Some(analysis::StatusClass::Todo))) {
            note.frontmatter.status = Some("learning".to_string());
            in_progress.insert(id, t);
        }
    }
    (learned, in_progress)
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
