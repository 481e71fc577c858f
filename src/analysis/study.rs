//! Study plans: what to learn, in an order that respects prerequisites.

use super::cycle_numbers;
use crate::graph::NoteGraph;
use crate::vault::{Note, NoteId, Vault};
use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, HashMap, HashSet};

pub use crate::vault::status::{status_class, StatusClass, LEARNED_STATUSES};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StudyConfig {
    /// Statuses that count as learned, compared ignoring case.
    pub learned_statuses: Vec<String>,
    /// Keep learned notes in the plan (marked as learned).
    pub include_learned: bool,
    /// Plan only from what is learned, not what that implies: notes that
    /// learned notes have as prerequisites stay steps (`order --explicit`).
    pub explicit: bool,
    /// A note whose self-check is all ticked counts as learned. Applied
    /// where a vault is loaded (the window's `Loaded`, the command line),
    /// not by `is_learned`, which would read every body each time.
    pub learned_from_checks: bool,
    /// The headings that open a self-check section.
    pub self_check_headings: super::selfcheck::SelfCheckHeadings,
}

impl Default for StudyConfig {
    fn default() -> Self {
        StudyConfig {
            learned_statuses: LEARNED_STATUSES.iter().map(|s| s.to_string()).collect(),
            include_learned: false,
            explicit: false,
            learned_from_checks: false,
            self_check_headings: Default::default(),
        }
    }
}

impl StudyConfig {
    pub fn is_learned(&self, note: &Note) -> bool {
        note.frontmatter.status.as_deref().is_some_and(|status| {
            self.learned_statuses
                .iter()
                .any(|s| s.eq_ignore_ascii_case(status.trim()))
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StudyStep {
    pub note: NoteId,
    pub learned: bool,
    /// The prerequisite cycle (1-based) the note is part of.
    pub cycle: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StudyPlan {
    pub targets: Vec<NoteId>,
    pub steps: Vec<StudyStep>,
    /// Prerequisites left out because learned notes imply them (none with
    /// `StudyConfig::explicit`).
    pub implied: Vec<super::implied::Implied>,
}

/// Orders notes for study: lower difficulty, then higher importance, then
/// title, then path.
#[derive(Debug, Clone, PartialEq)]
struct Priority {
    difficulty: f64,
    importance: f64,
    title: String,
    path: String,
}

impl Eq for Priority {}

impl Ord for Priority {
    fn cmp(&self, other: &Self) -> Ordering {
        self.difficulty
            .total_cmp(&other.difficulty)
            .then(other.importance.total_cmp(&self.importance))
            .then_with(|| self.title.cmp(&other.title))
            .then_with(|| self.path.cmp(&other.path))
    }
}

impl PartialOrd for Priority {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Difficulty as a number: words or numbers; unknown counts as medium.
pub fn difficulty_rank(difficulty: Option<&str>) -> f64 {
    let Some(d) = difficulty else { return 2.0 };
    let d = d.trim().to_lowercase();
    match d.as_str() {
        "trivial" | "very easy" => 0.0,
        "easy" | "beginner" | "basic" | "low" => 1.0,
        "medium" | "intermediate" | "moderate" | "mid" => 2.0,
        "hard" | "advanced" | "high" | "difficult" => 3.0,
        "expert" | "very hard" => 4.0,
        other => other.parse().unwrap_or(2.0),
    }
}

fn priority(note: &Note) -> Priority {
    Priority {
        difficulty: difficulty_rank(note.frontmatter.difficulty.as_deref()),
        importance: note.frontmatter.importance.unwrap_or(f64::NEG_INFINITY),
        title: note.title.to_lowercase(),
        path: note.path.clone(),
    }
}

/// Every transitive prerequisite of `targets` (and the targets), each after
/// all of its prerequisites. With no target, the whole vault. Notes of a
/// prerequisite cycle stay together and carry the cycle's number.
pub fn study_plan(
    vault: &Vault,
    graph: &NoteGraph,
    targets: &[NoteId],
    config: &StudyConfig,
) -> StudyPlan {
    study_plan_with_cycles(vault, graph, targets, config, &cycle_numbers(graph))
}

/// `study_plan` with the prerequisite cycles already known (from
/// `cycle_numbers`), for callers that plan often, such as the window.
pub fn study_plan_with_cycles(
    vault: &Vault,
    graph: &NoteGraph,
    targets: &[NoteId],
    config: &StudyConfig,
    cycles: &HashMap<NoteId, usize>,
) -> StudyPlan {
    let in_plan: Vec<NoteId> = if targets.is_empty() {
        (0..vault.notes.len()).collect()
    } else {
        let mut seen: HashSet<NoteId> = targets.iter().copied().collect();
        let mut stack: Vec<NoteId> = targets.to_vec();
        while let Some(note) = stack.pop() {
            for prereq in graph.prerequisites(note) {
                if seen.insert(prereq) {
                    stack.push(prereq);
                }
            }
        }
        let mut all: Vec<NoteId> = seen.into_iter().collect();
        all.sort_unstable();
        all
    };

    let (learned_notes, known) = learned_and_known(vault, graph, config);
    let implied = super::implied::implied_within(graph, &learned_notes, &known, &in_plan);

    // Group notes into units: a whole cycle, or one note.
    let mut unit_of: HashMap<NoteId, usize> = HashMap::new();
    let mut units: Vec<Vec<NoteId>> = Vec::new();
    let mut unit_of_cycle: HashMap<usize, usize> = HashMap::new();
    for &note in &in_plan {
        let unit = match cycles.get(&note) {
            Some(&cycle) => *unit_of_cycle.entry(cycle).or_insert_with(|| {
                units.push(Vec::new());
                units.len() - 1
            }),
            None => {
                units.push(Vec::new());
                units.len() - 1
            }
        };
        units[unit].push(note);
        unit_of.insert(note, unit);
    }
    for members in &mut units {
        members.sort_by_cached_key(|&n| priority(&vault.notes[n]));
    }

    // Kahn's algorithm over units, always taking the easiest ready unit.
    let mut waiting_on = vec![0usize; units.len()];
    let mut unlocks: Vec<Vec<usize>> = vec![Vec::new(); units.len()];
    for (unit, members) in units.iter().enumerate() {
        let mut needs: Vec<usize> = members
            .iter()
            .flat_map(|&n| graph.prerequisites(n))
            .filter_map(|p| unit_of.get(&p).copied())
            .filter(|&u| u != unit)
            .collect();
        needs.sort_unstable();
        needs.dedup();
        waiting_on[unit] = needs.len();
        for need in needs {
            unlocks[need].push(unit);
        }
    }
    let unit_priority = |unit: usize| priority(&vault.notes[units[unit][0]]);
    let mut ready: BinaryHeap<Reverse<(Priority, usize)>> = (0..units.len())
        .filter(|&u| waiting_on[u] == 0)
        .map(|u| Reverse((unit_priority(u), u)))
        .collect();
    let mut steps = Vec::with_capacity(in_plan.len());
    while let Some(Reverse((_, unit))) = ready.pop() {
        for &note in &units[unit] {
            let learned = learned_notes[note];
            let implied = known[note] && !learned;
            if !implied && (!learned || config.include_learned) {
                steps.push(StudyStep {
                    note,
                    learned,
                    cycle: cycles.get(&note).copied(),
                });
            }
        }
        for &next in &unlocks[unit] {
            waiting_on[next] -= 1;
            if waiting_on[next] == 0 {
                ready.push(Reverse((unit_priority(next), next)));
            }
        }
    }
    StudyPlan {
        targets: targets.to_vec(),
        steps,
        implied,
    }
}

/// Which notes are learned, and which are known (`implied.rs`), by
/// `NoteId`; with `explicit`, only learned notes are known.
fn learned_and_known(
    vault: &Vault,
    graph: &NoteGraph,
    config: &StudyConfig,
) -> (Vec<bool>, Vec<bool>) {
    let learned: Vec<bool> = (vault.notes.iter()).map(|n| config.is_learned(n)).collect();
    let known = if config.explicit {
        learned.clone()
    } else {
        super::implied::known_notes(graph, &learned)
    };
    (learned, known)
}

/// Notes not yet known whose prerequisites are all known (`implied.rs`);
/// with `explicit`, not learned and every prerequisite learned.
pub fn ready_now(vault: &Vault, graph: &NoteGraph, config: &StudyConfig) -> Vec<NoteId> {
    let (_, known) = learned_and_known(vault, graph, config);
    (0..vault.notes.len())
        .filter(|&n| !known[n])
        .filter(|&n| graph.prerequisites(n).iter().all(|&p| known[p]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::tests::vault;

    #[test]
    fn status_classes_cover_the_format_and_ignore_case() {
        use StatusClass::*;
        for (status, class) in [
            ("mastered", Learned),
            ("Done", Learned),
            ("LEARNED", Learned),
            ("known", Learned),
            ("learning", Learning),
            ("In-Progress", Learning),
            ("in progress", Learning),
            ("doing", Learning),
            ("review", Review),
            ("Reviewing", Review),
            ("todo", Todo),
            ("to-do", Todo),
            ("new", Todo),
            ("not-started", Todo),
            ("Backlog", Todo),
        ] {
            assert_eq!(status_class(status), Some(class), "{status}");
        }
        assert_eq!(status_class("someday"), None);
        assert_eq!(status_class(""), None);
        // The default learned statuses are exactly the learned class.
        let config = StudyConfig::default();
        for status in &config.learned_statuses {
            assert_eq!(status_class(status), Some(Learned));
        }
        assert_eq!(config.learned_statuses.len(), LEARNED_STATUSES.len());
    }

    fn note(status: &str, difficulty: &str, importance: u32, prereqs: &[&str]) -> String {
        let mut s = format!(
            "---\nstatus: {status}\ndifficulty: {difficulty}\nimportance: {importance}\n---\n### Prerequisites\n"
        );
        for p in prereqs {
            s.push_str(&format!("- [[{p}]]\n"));
        }
        s
    }

    fn plan_titles(
        files: &[(&str, String)],
        targets: &[&str],
        include_learned: bool,
    ) -> Vec<String> {
        let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
        let v = vault(&files);
        let g = NoteGraph::build(&v);
        let targets: Vec<NoteId> = targets.iter().map(|t| v.note_by_path(t).unwrap()).collect();
        let config = StudyConfig {
            include_learned,
            ..Default::default()
        };
        study_plan(&v, &g, &targets, &config)
            .steps
            .iter()
            .map(|s| {
                let mut t = v.notes[s.note].title.clone();
                if let Some(c) = s.cycle {
                    t.push_str(&format!("@{c}"));
                }
                t
            })
            .collect()
    }

    #[test]
    fn prerequisites_come_first_and_learned_are_skipped() {
        let files = [
            ("a.md", note("todo", "hard", 10, &["b", "c"])),
            ("b.md", note("todo", "easy", 10, &["d"])),
            ("c.md", note("mastered", "easy", 10, &["d"])),
            ("d.md", note("learning", "easy", 10, &[])),
            ("unrelated.md", note("todo", "easy", 10, &[])),
        ];
        // d is a prerequisite of c, which is mastered: d is implied, known.
        assert_eq!(plan_titles(&files, &["a.md"], false), ["b", "a"]);
        assert_eq!(plan_titles(&files, &["a.md"], true), ["b", "c", "a"]);
        // Planned explicitly, only what is learned is left out.
        let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
        let v = vault(&files);
        let g = NoteGraph::build(&v);
        let explicit = StudyConfig {
            explicit: true,
            ..Default::default()
        };
        let plan = study_plan(&v, &g, &[v.note_by_path("a.md").unwrap()], &explicit);
        let titles: Vec<&str> = (plan.steps.iter())
            .map(|s| v.notes[s.note].title.as_str())
            .collect();
        assert_eq!(titles, ["d", "b", "a"]);
        assert!(plan.implied.is_empty());
    }

    #[test]
    fn ties_break_by_difficulty_then_importance_then_title() {
        let files = [
            ("goal.md", note("todo", "hard", 1, &["m", "e1", "e2", "e3"])),
            ("m.md", note("todo", "medium", 99, &[])),
            ("e1.md", note("todo", "easy", 20, &[])),
            ("e2.md", note("todo", "easy", 50, &[])),
            ("e3.md", note("todo", "easy", 20, &[])),
        ];
        assert_eq!(
            plan_titles(&files, &["goal.md"], false),
            ["e2", "e1", "e3", "m", "goal"]
        );
    }

    #[test]
    fn a_cycle_stays_together_and_is_flagged() {
        let files = [
            ("goal.md", note("todo", "easy", 1, &["x"])),
            ("x.md", note("todo", "hard", 1, &["y"])),
            ("y.md", note("todo", "easy", 1, &["x", "base"])),
            ("base.md", note("todo", "hard", 1, &[])),
        ];
        assert_eq!(
            plan_titles(&files, &["goal.md"], false),
            ["base", "y@1", "x@1", "goal"]
        );
    }

    #[test]
    fn whole_vault_plan_without_targets() {
        let files = [
            ("a.md", note("todo", "easy", 1, &["b"])),
            ("b.md", note("todo", "hard", 1, &[])),
            ("c.md", note("todo", "medium", 1, &[])),
        ];
        assert_eq!(plan_titles(&files, &[], false), ["c", "b", "a"]);
    }

    #[test]
    fn ready_now_needs_all_prerequisites_learned() {
        let files = [
            ("a.md", note("todo", "easy", 1, &["b", "c"])),
            ("b.md", note("mastered", "easy", 1, &[])),
            ("c.md", note("todo", "easy", 1, &[])),
            ("d.md", note("todo", "easy", 1, &["b"])),
        ];
        let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
        let v = vault(&files);
        let g = NoteGraph::build(&v);
        let ready: Vec<&str> = ready_now(&v, &g, &StudyConfig::default())
            .iter()
            .map(|&n| v.notes[n].title.as_str())
            .collect();
        assert_eq!(ready, ["c", "d"]);
    }
}
