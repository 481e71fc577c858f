//! Placement: what does a learner already know? A short run of questions
//! ("do you know this note?") over the prerequisite graph, in the manner
//! of ALEKS: knowing a note implies knowing its prerequisites, not knowing
//! it implies not knowing what needs it, and the next question is the one
//! that settles the most of what is still open, weighted by what earlier
//! answers say about its folder (a learner who knows one database note
//! probably knows its neighbours). Pure and deterministic.

use crate::graph::NoteGraph;
use crate::vault::{NoteId, Vault};

/// An answer to "do you know this?".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Yes,
    No,
    Skip,
}

/// Questions asked at most when choosing the next: the best linked open
/// notes, so that a question costs bounded time on a large vault.
const CANDIDATES: usize = 400;

/// A placement under way.
pub struct Placement {
    prerequisites: Vec<Vec<NoteId>>,
    needed_by: Vec<Vec<NoteId>>,
    group: Vec<usize>,
    /// Per folder: the weight of answers "yes", of answers in all. A yes
    /// about a note that others need weighs less (it may come from
    /// knowing a note of another folder that needs it); a no weighs one.
    tally: Vec<(f64, f64)>,
    /// Settled: known or not; none: open.
    pub settled: Vec<Option<bool>>,
    skipped: Vec<bool>,
    pub asked: usize,
}

impl Placement {
    pub fn new(vault: &Vault, graph: &NoteGraph) -> Placement {
        let n = vault.notes.len();
        let prerequisites: Vec<Vec<NoteId>> = (0..n).map(|i| graph.prerequisites(i)).collect();
        let mut needed_by = vec![Vec::new(); n];
        for (i, pres) in prerequisites.iter().enumerate() {
            for &p in pres {
                needed_by[p].push(i);
            }
        }
        let mut folders: Vec<&str> = Vec::new();
        let group = (vault.notes.iter())
            .map(|note| {
                let folder = note.path.rsplit_once('/').map_or("", |(f, _)| f);
                folders
                    .iter()
                    .position(|f| *f == folder)
                    .unwrap_or_else(|| {
                        folders.push(folder);
                        folders.len() - 1
                    })
            })
            .collect();
        Placement {
            prerequisites,
            needed_by,
            group,
            tally: vec![(0.0, 0.0); folders.len()],
            settled: vec![None; n],
            skipped: vec![false; n],
            asked: 0,
        }
    }

    /// How likely the learner knows `note`, by the answers in its folder
    /// so far, drawn towards the answers over all folders.
    fn chance(&self, note: NoteId) -> f64 {
        let (yes, all) = (self.tally.iter()).fold((0.0, 0.0), |(y, a), &(gy, ga)| (y + gy, a + ga));
        let prior = (yes + 1.0) / (all + 2.0);
        let (gy, ga) = self.tally[self.group[note]];
        (gy + 2.0 * prior) / (ga + 2.0)
    }

    /// Open notes reached from `note` through `edges` (itself included).
    fn open_reach(&self, note: NoteId, edges: &[Vec<NoteId>]) -> usize {
        let mut seen = vec![note];
        let mut stack = vec![note];
        while let Some(n) = stack.pop() {
            for &m in &edges[n] {
                if self.settled[m].is_none() && !seen.contains(&m) {
                    seen.push(m);
                    stack.push(m);
                }
            }
        }
        seen.len()
    }

    /// The next note to ask about: the open one whose answer is expected
    /// to settle the most notes; none when all are settled or skipped.
    pub fn next(&self) -> Option<NoteId> {
        let mut open: Vec<NoteId> = (0..self.settled.len())
            .filter(|&n| self.settled[n].is_none() && !self.skipped[n])
            .collect();
        let degree = |n: NoteId| self.prerequisites[n].len() + self.needed_by[n].len();
        open.sort_by_key(|&n| (std::cmp::Reverse(degree(n)), n));
        open.truncate(CANDIDATES);
        let mut open_in = vec![0usize; self.tally.len()];
        for n in (0..self.settled.len()).filter(|&n| self.settled[n].is_none()) {
            open_in[self.group[n]] += 1;
        }
        // Settled by the logic, plus what the answer teaches about the
        // note's folder: much where the folder is open and unasked.
        let score = |n: NoteId| {
            let p = self.chance(n);
            let g = self.group[n];
            let folder = open_in[g] as f64 * p * (1.0 - p) / (self.tally[g].1 + 1.0);
            p * self.open_reach(n, &self.prerequisites) as f64
                + (1.0 - p) * self.open_reach(n, &self.needed_by) as f64
                + folder
        };
        let scored = open.into_iter().map(|n| (score(n), n));
        scored
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
            .map(|(_, n)| n)
    }

    /// Settles `note` and its prerequisites as known without a question
    /// (a note already learned), teaching nothing about its folder.
    pub fn known(&mut self, note: NoteId) {
        let mut stack = vec![note];
        while let Some(n) = stack.pop() {
            if self.settled[n] != Some(true) {
                self.settled[n] = Some(true);
                stack.extend(self.prerequisites[n].iter().copied());
            }
        }
    }

    /// Takes the answer about `note` and settles what it implies.
    pub fn answer(&mut self, note: NoteId, answer: Answer) {
        self.asked += 1;
        let (known, edges) = match answer {
            Answer::Skip => {
                self.skipped[note] = true;
                return;
            }
            Answer::Yes => (true, &self.prerequisites),
            Answer::No => (false, &self.needed_by),
        };
        let weight = if known {
            1.0 / (1.0 + self.needed_by[note].len() as f64)
        } else {
            1.0
        };
        let tally = &mut self.tally[self.group[note]];
        tally.0 += if known { weight } else { 0.0 };
        tally.1 += weight;
        let mut stack = vec![note];
        while let Some(n) = stack.pop() {
            if self.settled[n].is_some() && n != note {
                continue;
            }
            self.settled[n] = Some(known);
            stack.extend(
                edges[n]
                    .iter()
                    .copied()
                    .filter(|&m| self.settled[m].is_none()),
            );
        }
    }

    /// The proposed known set: what the answers settled, and for each open
    /// note what its folder's answers suggest, with every prerequisite of a
    /// note proposed known proposed known too.
    pub fn proposal(&self) -> Vec<bool> {
        let mut known: Vec<bool> = (0..self.settled.len())
            .map(|n| self.settled[n].unwrap_or_else(|| self.chance(n) >= 0.5))
            .collect();
        let mut stack: Vec<NoteId> = (0..known.len()).filter(|&n| known[n]).collect();
        while let Some(n) = stack.pop() {
            for &p in &self.prerequisites[n] {
                if !known[p] && self.settled[p] != Some(false) {
                    known[p] = true;
                    stack.push(p);
                }
            }
        }
        known
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::tests::vault;

    #[test]
    fn a_yes_settles_the_prerequisites_and_a_no_what_needs_it() {
        let v = vault(&[
            ("a/base.md", "# Base\n"),
            ("a/mid.md", "# Mid\n### Prerequisites\n- [[base]]\n"),
            ("b/top.md", "# Top\n### Prerequisites\n- [[mid]]\n"),
        ]);
        let graph = NoteGraph::build(&v);
        let id = |p: &str| v.note_by_path(p).unwrap();
        let mut placement = Placement::new(&v, &graph);
        placement.answer(id("a/mid.md"), Answer::Yes);
        assert_eq!(placement.settled[id("a/base.md")], Some(true));
        assert_eq!(placement.settled[id("b/top.md")], None);
        assert_eq!(placement.next(), Some(id("b/top.md")));
        placement.answer(id("b/top.md"), Answer::No);
        assert_eq!(placement.next(), None);
        assert_eq!(placement.proposal(), [true, true, false]);
    }
}
