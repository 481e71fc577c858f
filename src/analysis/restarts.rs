//! Several Louvain runs over one network, each visiting nodes in its own
//! order: the partition of highest modularity is the vault's communities,
//! and what most runs agree on is what the layout groups.
//!
//! One order alone is a lottery. On dendron-site, runs from different
//! orders agree on only part of the vault; a layout that pulls one run's
//! communities together lands 10 nearest notes in the same networkx
//! community 0.56 of the time, one that pulls what most of 8 runs agree on
//! 0.64 (docs/performance.md).

use super::louvain::{louvain_levels, modularity};
use rayon::prelude::*;

/// Most runs.
const RUNS: usize = 8;
/// Nodes and link ends (summed over runs) that runs may visit: a
/// 1,000-note vault gets all 8, powershell-docs (3,097 notes) 5, gen 10k
/// (28,000 links) 2, so that communities stay within 200 ms there.
const WORK_BUDGET: usize = 150_000;

/// How many runs a network of `work` nodes and link ends gets.
fn run_count(work: usize) -> u64 {
    (WORK_BUDGET / work.max(1)).clamp(1, RUNS) as u64
}

/// The levels and modularity of each run, in seed order.
pub struct Runs {
    runs: Vec<(f64, Vec<Vec<usize>>)>,
}

impl Runs {
    /// Runs Louvain as often as the budget allows, in parallel; the result
    /// is the same whatever the thread count.
    pub fn of(adjacency: &[Vec<(usize, f64)>], total_weight: f64) -> Runs {
        let work = adjacency.len() + adjacency.iter().map(Vec::len).sum::<usize>();
        let runs = (0..run_count(work))
            .into_par_iter()
            .map(|seed| {
                let levels = louvain_levels(adjacency, total_weight, seed);
                let q = (levels.last()).map_or(0.0, |of| modularity(adjacency, total_weight, of));
                (q, levels)
            })
            .collect();
        Runs { runs }
    }

    /// Groups of nodes joined by links whose two ends more than half of
    /// the runs put in one community, numbered densely from 0 in order of
    /// their first node.
    pub fn consensus(&self, adjacency: &[Vec<(usize, f64)>]) -> Vec<usize> {
        let n = adjacency.len();
        let finals: Vec<&Vec<usize>> = self.runs.iter().filter_map(|r| r.1.last()).collect();
        if finals.is_empty() {
            return (0..n).collect();
        }
        let mut parent: Vec<usize> = (0..n).collect();
        fn root(parent: &mut [usize], mut x: usize) -> usize {
            while parent[x] != x {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            x
        }
        for (a, links) in adjacency.iter().enumerate() {
            for &(b, _) in links.iter().filter(|l| l.0 > a) {
                let together = finals.iter().filter(|of| of[a] == of[b]).count();
                if 2 * together > finals.len() {
                    let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
                    parent[ra.max(rb)] = ra.min(rb);
                }
            }
        }
        let mut number = vec![usize::MAX; n];
        let mut next = 0;
        (0..n)
            .map(|x| {
                let r = root(&mut parent, x);
                if number[r] == usize::MAX {
                    number[r] = next;
                    next += 1;
                }
                number[r]
            })
            .collect()
    }

    /// The levels of the run of highest modularity (ties: the lowest seed).
    pub fn best(self) -> Vec<Vec<usize>> {
        let mut best: Option<(f64, Vec<Vec<usize>>)> = None;
        for (q, levels) in self.runs {
            if best.as_ref().is_none_or(|b| q > b.0 + 1e-9) {
                best = Some((q, levels));
            }
        }
        best.map(|b| b.1).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Adjacency of `cliques` cliques of `size`, joined in a ring by one
    /// link each.
    struct Net {
        adjacency: Vec<Vec<(usize, f64)>>,
        total_weight: f64,
    }

    fn ring_of_cliques(cliques: usize, size: usize) -> Net {
        let n = cliques * size;
        let mut adjacency = vec![Vec::new(); n];
        let mut link = |a: usize, b: usize| {
            adjacency[a].push((b, 1.0));
            adjacency[b].push((a, 1.0));
        };
        for c in 0..cliques {
            for i in 0..size {
                for j in i + 1..size {
                    link(c * size + i, c * size + j);
                }
            }
            link(c * size, ((c + 1) % cliques) * size + 1);
        }
        for l in &mut adjacency {
            l.sort_by_key(|e| e.0);
        }
        let total_weight = adjacency.iter().map(|l| l.len()).sum::<usize>() as f64 / 2.0;
        Net {
            adjacency,
            total_weight,
        }
    }

    #[test]
    fn every_run_agrees_on_clear_cliques() {
        let net = ring_of_cliques(6, 5);
        let runs = Runs::of(&net.adjacency, net.total_weight);
        assert_eq!(runs.runs.len(), RUNS, "a small network gets every run");
        let consensus = runs.consensus(&net.adjacency);
        for c in 0..6 {
            let first = consensus[c * 5];
            assert!(
                (0..5).all(|i| consensus[c * 5 + i] == first),
                "clique {c} split"
            );
            assert_ne!(
                consensus[((c + 1) % 6) * 5],
                first,
                "cliques {c} and next merged"
            );
        }
        let best = runs.best();
        let of = best.last().unwrap();
        assert_eq!(of.iter().collect::<std::collections::HashSet<_>>().len(), 6);
    }

    #[test]
    fn the_same_network_gives_the_same_partition() {
        let net = ring_of_cliques(12, 4);
        let (a, b) = (
            Runs::of(&net.adjacency, net.total_weight),
            Runs::of(&net.adjacency, net.total_weight),
        );
        assert_eq!(a.consensus(&net.adjacency), b.consensus(&net.adjacency));
        assert_eq!(a.best(), b.best());
    }

    #[test]
    fn big_networks_run_fewer_times() {
        assert_eq!(run_count(1_000 + 2 * 3_000), RUNS as u64);
        assert_eq!(run_count(10_000 + 2 * 28_000), 2);
        assert_eq!(run_count(100_000 + 2 * 600_000), 1);
    }
}
