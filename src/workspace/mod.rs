//! The floor both front ends stand on: a vault loaded with one `Options`,
//! notegraph's own data laid over it by one rule, and the answers both
//! front ends ask for, each worked out on first use and kept (in the
//! manner of rust-analyzer's `Analysis`), so that neither builds its own.
//!
//! Below: `vault`, `graph`, `analysis`, `layout`. Above: `cli`, `gui`.

pub mod choices;
pub mod data;
pub mod looks;
pub mod map;
mod options;
mod overlay;
mod source;
pub mod views;

pub use data::{DataDir, DataError, Recorded, Stored};
pub use options::{Given, Options, RETENTION_RANGE};
pub use overlay::Overlay;
pub use source::VaultSource;

use crate::analysis::communities::{Communities, NoteNetwork};
use crate::analysis::placement::Placement;
use crate::analysis::ready::ReadyList;
use crate::analysis::review::{self, Schedules};
use crate::analysis::selfcheck::Tally;
use crate::analysis::text::TextIndex;
use crate::analysis::topic_names::topic_names;
use crate::analysis::topics::{TopicDetails, Topics};
use crate::analysis::{self, selfcheck, StudyConfig, StudyPlan};
use crate::diagnostics::Diagnostic;
use crate::graph::NoteGraph;
use crate::layout::layered::Layered;
use crate::vault::{self, Link, NoteId, Vault};
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// A loaded vault and what follows from it.
pub struct Workspace {
    pub source: VaultSource,
    /// How much of each note's self-check is ticked (none: it has none),
    /// read from the notes' text; set at once where the overlay needs it.
    self_checks: OnceLock<Vec<Option<Tally>>>,
    pub options: Options,
    /// The notes, with their statuses as the overlay sets them.
    pub vault: Arc<Vault>,
    pub graph: Arc<NoteGraph>,
    pub overlay: Overlay,
    /// What went wrong reading notegraph's own data (the load went on
    /// without it), to tell the user.
    pub data_problem: Option<String>,
    /// Review schedules kept in notegraph's data, by note key.
    pub schedules: Schedules,
    /// What the last accepted placement recorded (path → status).
    pub placed: Recorded,
    derived: Derived,
}

/// The answers worked out on first use.
#[derive(Default)]
struct Derived {
    /// Shared with the thread that may work them out (`beside_job`).
    diagnostics: Arc<OnceLock<Vec<Diagnostic>>>,
    cycles: OnceLock<Vec<Vec<NoteId>>>,
    cycle_of: OnceLock<HashMap<NoteId, usize>>,
    topics: OnceLock<(Communities, Arc<NoteNetwork>)>,
    topic_details: OnceLock<TopicDetails>,
    /// Shared with the thread that may work them out (the window's).
    topic_names: Arc<OnceLock<Vec<String>>>,
    /// Shared with `beside_job`'s thread too.
    layered: Arc<OnceLock<Layered>>,
    ready: OnceLock<ReadyList>,
    names: OnceLock<Vec<String>>,
    text: OnceLock<TextIndex>,
}

impl Workspace {
    /// Loads `source` as `options` say, with the statuses recorded in
    /// `data` (none: nothing recorded), reporting (files read, files in
    /// all) as it goes.
    pub fn open(
        source: VaultSource,
        options: &Options,
        data: Option<&DataDir>,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<Workspace, vault::LoadError> {
        let vault = source.load(options.loading(), progress)?;
        let (stored, data_problem) = match data.map(|d| d.stored_in(&source, &vault)) {
            None => (Stored::default(), None),
            Some(Ok(stored)) => (stored, None),
            Some(Err(e)) => (Stored::default(), Some(e.to_string())),
        };
        let ws = Workspace::new(source, options, vault, &stored.recorded, data_problem);
        Ok(ws.with_stored(stored))
    }

    /// A workspace over a vault already read (tests, the embedded sample).
    pub fn new(
        source: VaultSource,
        options: &Options,
        mut vault: Vault,
        recorded: &Recorded,
        data_problem: Option<String>,
    ) -> Workspace {
        let study = options.study_config();
        // Every body is read for its self-check only where the overlay
        // needs it now; `check` and `search` never do.
        let self_checks = OnceLock::new();
        if study.learned_from_checks {
            let _ = self_checks.set(selfcheck::tallies(&vault, &study.self_check_headings));
        }
        let tallies = self_checks.get().map_or(&[][..], Vec::as_slice);
        let overlay = Overlay::apply(&mut vault, recorded, &study, tallies);
        let graph = Arc::new(NoteGraph::build(&vault));
        Workspace {
            self_checks,
            source,
            options: options.clone(),
            vault: Arc::new(vault),
            graph,
            overlay,
            data_problem,
            schedules: Schedules::new(),
            placed: Recorded::new(),
            derived: Derived::default(),
        }
    }

    /// This workspace with the review schedules `schedules`.
    pub fn with_schedules(mut self, schedules: Schedules) -> Workspace {
        self.schedules = schedules;
        self
    }

    /// This workspace with the review schedules and the last placement
    /// of `stored`.
    pub fn with_stored(mut self, stored: Stored) -> Workspace {
        self.placed = stored.placed;
        self.with_schedules(stored.schedules)
    }

    /// Whether `note`'s learned status is the one the last accepted
    /// placement recorded (not changed since).
    pub fn is_placed(&self, id: NoteId) -> bool {
        let note = &self.vault.notes[id];
        self.overlay.recorded.contains_key(&id)
            && self.placed.get(&note.path) == note.frontmatter.status.as_ref()
    }

    /// The notes due for review on `day`, best first, at most `limit`.
    pub fn due_on(&self, day: chrono::NaiveDate, limit: usize) -> review::DueList {
        let config = self.study_config();
        review::due_on(
            &self.vault,
            &self.graph,
            &config,
            &self.schedules,
            day,
            limit,
        )
    }

    /// Loads the same source again with the same options.
    pub fn reload(
        &self,
        data: Option<&DataDir>,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<Workspace, vault::LoadError> {
        Workspace::open(self.source.clone(), &self.options, data, progress)
    }

    pub fn study_config(&self) -> StudyConfig {
        self.options.study_config()
    }

    /// A placement of this vault (`analysis::placement`), every note
    /// learned now settled as known, with what it needs.
    pub fn start_placement(&self) -> Placement {
        let mut placement = Placement::new(&self.vault, &self.graph);
        let config = self.study_config();
        for (n, note) in self.vault.notes.iter().enumerate() {
            if config.is_learned(note) {
                placement.known(n);
            }
        }
        placement
    }

    /// Every problem found: the vault's, duplicate ids, cycles.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        (self.derived.diagnostics)
            .get_or_init(|| analysis::all_diagnostics(&self.vault, &self.graph))
    }

    /// `diagnostics`, if worked out already: what a window's frame reads,
    /// which must not wait for them (`beside_job`).
    pub fn diagnostics_if_ready(&self) -> Option<&[Diagnostic]> {
        self.derived.diagnostics.get().map(Vec::as_slice)
    }

    /// Work that fills the answers shown beside the graph, not in it (the
    /// diagnostics, the layered prerequisite view), on another thread: the
    /// window runs it once the graph is on screen, so that its first
    /// frame waits for neither (they took a third of a 100k-note load).
    /// Asked for before it ends, an answer waits for it, or works itself
    /// out where the job has not started.
    pub fn beside_job(&self) -> impl FnOnce() + Send + 'static {
        let (diagnostics, layered) = (
            self.derived.diagnostics.clone(),
            self.derived.layered.clone(),
        );
        let (vault, graph) = (self.vault.clone(), self.graph.clone());
        move || {
            diagnostics.get_or_init(|| analysis::all_diagnostics(&vault, &graph));
            layered.get_or_init(|| crate::layout::layered::of_graph(&graph));
        }
    }

    /// The prerequisite cycles, each a list of notes.
    pub fn cycles(&self) -> &[Vec<NoteId>] {
        (self.derived.cycles).get_or_init(|| analysis::prerequisite_cycles(&self.graph))
    }

    /// For each note in a prerequisite cycle, its cycle's number (from 1).
    pub fn cycle_of(&self) -> &HashMap<NoteId, usize> {
        self.derived.cycle_of.get_or_init(|| {
            (self.cycles().iter().enumerate())
                .flat_map(|(i, members)| members.iter().map(move |&m| (m, i + 1)))
                .collect()
        })
    }

    /// The vault's topics (communities).
    pub fn communities(&self) -> &Communities {
        &self.topics().0
    }

    /// The undirected note network the topic map is worked out on.
    pub fn network(&self) -> Arc<NoteNetwork> {
        self.topics().1.clone()
    }

    fn topics(&self) -> &(Communities, Arc<NoteNetwork>) {
        self.derived.topics.get_or_init(|| {
            let (communities, net) =
                Topics::communities_named(&self.vault, &self.graph, self.names());
            (communities, Arc::new(net))
        })
    }

    /// Hubs, bridges and link suggestions.
    pub fn topic_details(&self) -> &TopicDetails {
        (self.derived.topic_details)
            .get_or_init(|| TopicDetails::of(&self.vault, &self.graph, &self.network()))
    }

    /// Each community's name, by the words that set it apart
    /// (`analysis::topic_names`): worked out now unless it was already.
    pub fn topic_names(&self) -> &[String] {
        (self.derived.topic_names).get_or_init(|| {
            let members = &self.communities().members;
            topic_names(&self.vault, &self.network(), members)
        })
    }

    /// The names to show for the communities: `topic_names` once worked
    /// out, before that the quick names the communities come with (the
    /// window shows these until `topic_names_job` is done).
    pub fn community_names(&self) -> &[String] {
        match self.derived.topic_names.get() {
            Some(names) => names,
            None => &self.communities().names,
        }
    }

    /// Whether `topic_names` has been worked out.
    pub fn has_topic_names(&self) -> bool {
        self.derived.topic_names.get().is_some()
    }

    /// Work that fills `topic_names` on another thread (the window runs
    /// it once the vault is on screen).
    pub fn topic_names_job(&self) -> impl FnOnce() + Send + 'static {
        let slot = self.derived.topic_names.clone();
        let (vault, net) = (self.vault.clone(), self.network());
        let members = self.communities().members.clone();
        move || {
            slot.get_or_init(|| topic_names(&vault, &net, &members));
        }
    }

    /// The whole vault's layered prerequisite drawing.
    pub fn layered(&self) -> &Layered {
        (self.derived.layered).get_or_init(|| crate::layout::layered::of_graph(&self.graph))
    }

    /// How much of each note's self-check is ticked (none: it has none).
    pub fn self_checks(&self) -> &[Option<Tally>] {
        (self.self_checks).get_or_init(|| selfcheck::tallies(&self.vault, &self.options.headings()))
    }

    /// The notes to study now, best first, and those left out.
    pub fn ready(&self) -> &ReadyList {
        self.derived.ready.get_or_init(|| {
            let headings = self.options.headings();
            // Only ready notes without prerequisite links are asked about.
            let has_check = |n: NoteId| match self.self_checks.get() {
                Some(tallies) => tallies[n].is_some(),
                None => selfcheck::self_check(&self.vault.notes[n], &headings).is_some(),
            };
            analysis::ready::ready_list(&self.vault, &self.graph, &self.study_config(), &has_check)
        })
    }

    /// Each note's title, with a folder where another note shares it.
    pub fn names(&self) -> &[String] {
        (self.derived.names).get_or_init(|| analysis::display_names(&self.vault))
    }

    /// The full-text index.
    pub fn text_index(&self) -> &TextIndex {
        (self.derived.text).get_or_init(|| TextIndex::build(&self.vault))
    }

    /// The study plan for `targets` (none: the whole vault).
    pub fn plan(&self, targets: &[NoteId], include_learned: bool) -> StudyPlan {
        let config = StudyConfig {
            include_learned,
            ..self.study_config()
        };
        analysis::study_plan(&self.vault, &self.graph, targets, &config)
    }

    /// The notes `names` name (by id, path, title or alias), or the first
    /// name that names none.
    pub fn find_notes<'a, S: AsRef<str>>(&self, names: &'a [S]) -> Result<Vec<NoteId>, &'a str> {
        let index = vault::resolve::Index::new(&self.vault.notes);
        (names.iter().map(AsRef::as_ref))
            .map(|name| index.find_by_name(name).ok_or(name))
            .collect()
    }

    /// Takes the new text of each note in `texts` (what the window just
    /// wrote into its file) and the `recorded` statuses, in place: the
    /// graph, names and topics stay, what statuses and self-checks decide
    /// is worked out again. Returns `false`, changing nothing, where only
    /// a full load gives the right answer: an edit that changes a note's
    /// names or links.
    pub fn apply_edits(&mut self, texts: &[(NoteId, String)], recorded: &Recorded) -> bool {
        let mut vault = (*self.vault).clone();
        self.overlay.undo(&mut vault);
        let study = self.study_config();
        let mut tallies = self.self_checks().to_vec();
        for (id, text) in texts {
            let before = graph_facts(&vault.notes[*id].links);
            if !vault.replace_text(*id, text) || graph_facts(&vault.notes[*id].links) != before {
                return false;
            }
            let check = selfcheck::self_check(&vault.notes[*id], &study.self_check_headings);
            tallies[*id] = check.map(|c| c.tally());
        }
        self.overlay = Overlay::apply(&mut vault, recorded, &study, &tallies);
        self.self_checks = OnceLock::from(tallies);
        self.vault = Arc::new(vault);
        self.derived.diagnostics = Arc::default();
        self.derived.ready = OnceLock::new();
        self.derived.text = OnceLock::new();
        true
    }
}

/// What the graph takes from a note's links: where each leads, its kind
/// and the name a ghost gets.
fn graph_facts(links: &[Link]) -> Vec<(vault::Target, vault::EdgeKind, Box<str>)> {
    (links.iter())
        .map(|l| (l.target.clone(), l.raw.kind, l.raw.target.clone()))
        .collect()
}
