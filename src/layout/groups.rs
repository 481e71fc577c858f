//! Community-aware forces: each node is pulled towards the centre of its
//! group (its community), and links between groups pull less than links
//! within one, so that topics sit together and apart from each other.
//! Sub-topics (Louvain's finer levels) pull too, so that the layout shows
//! structure inside a big community rather than one even blob, and does
//! not hang on one partition being the only right one.

use super::Simulation;

/// How strongly a node is drawn to its community's centre, per step and
/// alpha. Measured on real vaults (docs/performance.md): 0.1 already puts
/// topics together; past 0.3 nothing more is gained.
pub const GROUP_PULL: f32 = 0.3;

/// No group: a node that only the ordinary forces move.
pub const NO_GROUP: u32 = u32::MAX;

/// Pulls of the finer levels, finest first; coarser ones (between these
/// and the communities) pull no more than the communities do. With them,
/// the share of a note's 10 nearest notes in its own community (by
/// networkx's Louvain, five seeds) rose on dendron-site from 0.556 to 0.597.
const FINER_PULLS: [f32; 2] = [1.0, 0.5];

/// The topic of each node at more than one scale: its community and the
/// finer levels of the clustering that found it (finest first), each
/// nesting inside the next.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TopicLevels {
    pub communities: Vec<u32>,
    pub finer: Vec<Vec<u32>>,
}

impl TopicLevels {
    /// From `analysis::communities` (usize per note).
    pub fn of_notes(communities: &[usize], finer: &[Vec<usize>]) -> TopicLevels {
        let narrow = |v: &[usize]| v.iter().map(|&c| c as u32).collect();
        TopicLevels {
            communities: narrow(communities),
            finer: finer.iter().map(|l| narrow(l)).collect(),
        }
    }

    /// Extends every level to `n` nodes, the new ones in no group (ghosts
    /// after the notes).
    pub fn resize(&mut self, n: usize) {
        self.communities.resize(n, NO_GROUP);
        for level in &mut self.finer {
            level.resize(n, NO_GROUP);
        }
    }
}

/// One partition of the nodes and how strongly each node is drawn to its
/// part's centre.
#[derive(Debug, Clone)]
pub(super) struct Grouping {
    pub(super) of: Vec<u32>,
    pub(super) pull: f32,
}

impl Simulation {
    /// Sets the group of every node (`NO_GROUP` for none); `pull` is how
    /// strongly a node is drawn to its group's centre (0 turns it off).
    /// Links between these groups pull less than links within one.
    pub fn set_groups(&mut self, groups: Vec<u32>, pull: f32) {
        if groups.len() == self.pos.len() {
            self.groups = vec![Grouping { of: groups, pull }];
        }
    }

    /// Sets communities (as `set_groups` with `GROUP_PULL`) and their
    /// finer levels, each with its pull.
    pub fn set_topics(&mut self, topics: TopicLevels) {
        self.set_groups(topics.communities, GROUP_PULL);
        if self.groups.is_empty() {
            return;
        }
        for (of, pull) in topics.finer.into_iter().zip(FINER_PULLS) {
            if of.len() == self.pos.len() {
                self.groups.push(Grouping { of, pull });
            }
        }
    }

    /// Whether `a` and `b` are in different groups (links between them
    /// then pull less).
    pub(super) fn across_groups(&self, a: usize, b: usize) -> bool {
        let Some(g) = self.groups.first() else {
            return false;
        };
        let (x, y) = (g.of[a], g.of[b]);
        x != y || x == NO_GROUP
    }

    /// One step of the pull towards each group's centre of mass.
    pub(super) fn apply_groups(&mut self, alpha: f32) {
        for level in 0..self.groups.len() {
            let Grouping { of, pull } = &self.groups[level];
            if *pull > 0.0 {
                pull_to_centres(&self.pos, &mut self.vel, of, pull * alpha);
            }
        }
    }
}

fn pull_to_centres(pos: &[[f32; 2]], vel: &mut [[f32; 2]], groups: &[u32], k: f32) {
    let count = groups
        .iter()
        .filter(|&&g| g != NO_GROUP)
        .max()
        .map_or(0, |&g| g as usize + 1);
    let mut sum = vec![[0.0f32; 3]; count];
    for (p, &g) in pos.iter().zip(groups) {
        if g != NO_GROUP {
            let s = &mut sum[g as usize];
            s[0] += p[0];
            s[1] += p[1];
            s[2] += 1.0;
        }
    }
    for ((p, v), &g) in pos.iter().zip(vel.iter_mut()).zip(groups) {
        if g == NO_GROUP {
            continue;
        }
        let s = sum[g as usize];
        if s[2] < 2.0 {
            continue;
        }
        v[0] += (s[0] / s[2] - p[0]) * k;
        v[1] += (s[1] / s[2] - p[1]) * k;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::LayoutParams;

    /// Two rings of ten joined by three links: with groups, each ring's
    /// nodes end nearer their own centre than the other's.
    #[test]
    fn groups_sit_together_and_apart() {
        let mut edges = Vec::new();
        for ring in 0..2u32 {
            for i in 0..10 {
                edges.push((ring * 10 + i, ring * 10 + (i + 1) % 10));
            }
        }
        edges.extend([(0, 10), (3, 13), (6, 16)]);
        let spread = |with_groups: bool| {
            let mut sim = Simulation::new(
                &[None; 20],
                vec![5.0; 20],
                edges.clone(),
                LayoutParams::default(),
                1,
            );
            if with_groups {
                sim.set_groups((0..20).map(|i| i / 10).collect(), GROUP_PULL);
            }
            sim.run(2_000);
            let p = sim.positions();
            let centre = |g: usize| {
                let s =
                    (g * 10..g * 10 + 10).fold([0.0, 0.0], |a, i| [a[0] + p[i][0], a[1] + p[i][1]]);
                [s[0] / 10.0, s[1] / 10.0]
            };
            let (a, b) = (centre(0), centre(1));
            let apart = ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt();
            let within: f32 = (0..20)
                .map(|i| {
                    let c = if i < 10 { a } else { b };
                    ((p[i][0] - c[0]).powi(2) + (p[i][1] - c[1]).powi(2)).sqrt()
                })
                .sum::<f32>()
                / 20.0;
            apart / within
        };
        let (plain, grouped) = (spread(false), spread(true));
        assert!(grouped > plain, "grouped {grouped} vs plain {plain}");
        assert!(grouped > 1.5, "{grouped}");
    }
}
