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
