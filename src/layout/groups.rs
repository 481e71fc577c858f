//! Community-aware forces: each node is pulled towards the centre of its
//! group (its community), and links between groups pull less than links
//! within one, so that topics sit together and apart from each other.

use super::Simulation;

/// How strongly a node is drawn to its community's centre, per step and
/// alpha. Measured on real vaults (docs/performance.md): 0.1 already puts
/// topics together; past 0.3 nothing more is gained.
pub const GROUP_PULL: f32 = 0.3;

/// No group: a node that only the ordinary forces move.
pub const NO_GROUP: u32 = u32::MAX;

impl Simulation {
    /// Sets the group of every node (`NO_GROUP` for none); `pull` is how
    /// strongly a node is drawn to its group's centre (0 turns it off).
    pub fn set_groups(&mut self, groups: Vec<u32>, pull: f32) {
        if groups.len() == self.pos.len() {
            self.groups = groups;
            self.group_pull = pull;
        }
    }

    /// Whether `a` and `b` are in different groups (links between them
    /// then pull less).
    pub(super) fn across_groups(&self, a: usize, b: usize) -> bool {
        match (self.groups.get(a), self.groups.get(b)) {
            (Some(&x), Some(&y)) => x != y || x == NO_GROUP,
            _ => false,
        }
    }

    /// One step of the pull towards each group's centre of mass.
    pub(super) fn apply_groups(&mut self, alpha: f32) {
        if self.groups.is_empty() || self.group_pull <= 0.0 {
            return;
        }
        let count = self
            .groups
            .iter()
            .filter(|&&g| g != NO_GROUP)
            .max()
            .map_or(0, |&g| g as usize + 1);
        let mut sum = vec![[0.0f32; 3]; count];
        for (p, &g) in self.pos.iter().zip(&self.groups) {
            if g != NO_GROUP {
                let s = &mut sum[g as usize];
                s[0] += p[0];
                s[1] += p[1];
                s[2] += 1.0;
            }
        }
        let k = self.group_pull * alpha;
        for ((p, v), &g) in self.pos.iter().zip(self.vel.iter_mut()).zip(&self.groups) {
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
