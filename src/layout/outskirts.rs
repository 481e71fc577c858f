//! Notes that stand alone (no link, or a small island of a few linked
//! notes) sit in a ring outside the main body of the graph, as in
//! Obsidian's graph view, rather than among its topics, where they would
//! read as members of whichever topic they happened to land in.

/// A connected part this much smaller than the largest (or smaller) is an
/// island and goes to the ring.
const ISLAND_SHARE: usize = 10;
/// Gap between the main body and the ring, in link lengths.
const RING_GAP: f32 = 1.0;
/// How fast an island inside the ring is pushed out, per step and alpha.
const PUSH: f32 = 0.3;

/// Whether each node belongs to an island, from the links alone: the
/// nodes of connected parts much smaller than the largest one. Its own
/// type, so that the simulation holds it as one force among others.
#[derive(Debug, Clone)]
pub(super) struct Islands(Vec<bool>);

impl Islands {
    /// A graph whose largest part is small has no main body, and so no
    /// islands.
    pub(super) fn of(n: usize, edges: &[(u32, u32)]) -> Islands {
        let mut parent: Vec<u32> = (0..n as u32).collect();
        fn root(parent: &mut [u32], mut x: u32) -> u32 {
            while parent[x as usize] != x {
                let up = parent[parent[x as usize] as usize];
                parent[x as usize] = up;
                x = up;
            }
            x
        }
        for &(a, b) in edges {
            let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
            if ra != rb {
                parent[ra.max(rb) as usize] = ra.min(rb);
            }
        }
        let roots: Vec<u32> = (0..n as u32).map(|x| root(&mut parent, x)).collect();
        let mut size = vec![0usize; n];
        for &r in &roots {
            size[r as usize] += 1;
        }
        let largest = size.iter().copied().max().unwrap_or(0);
        if largest < ISLAND_SHARE {
            return Islands(vec![false; n]);
        }
        Islands(
            roots
                .iter()
                .map(|&r| size[r as usize] * ISLAND_SHARE <= largest)
                .collect(),
        )
    }

    /// Spreads the islands evenly round the ring outside the main body, in
    /// the order of their angles about its centre, each at least at the
    /// ring's radius: a start that placed them level by level leaves them
    /// bunched in arcs, which the few steps that finish it cannot undo.
    pub(super) fn spread_round(&self, pos: &mut [[f32; 2]], link_distance: f32) {
        let Some((centre, ring)) = self.body_ring(pos, link_distance) else {
            return;
        };
        let at = |p: [f32; 2]| (p[0] - centre[0], p[1] - centre[1]);
        let mut order: Vec<(f32, usize)> = (0..pos.len())
            .filter(|&i| self.0[i])
            .map(|i| (at(pos[i]).1.atan2(at(pos[i]).0), i))
            .collect();
        order.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let count = order.len() as f32;
        for (rank, &(_, i)) in order.iter().enumerate() {
            let (dx, dy) = at(pos[i]);
            let r = (dx * dx + dy * dy).sqrt().max(ring);
            let angle = std::f32::consts::TAU * rank as f32 / count;
            pos[i] = [centre[0] + r * angle.cos(), centre[1] + r * angle.sin()];
        }
    }

    /// The main body's centre of mass and the radius of the ring outside
    /// it; none without islands or without a body.
    fn body_ring(&self, pos: &[[f32; 2]], link_distance: f32) -> Option<([f32; 2], f32)> {
        let island = &self.0;
        if !island.iter().any(|&i| i) {
            return None;
        }
        let (mut cx, mut cy, mut count) = (0.0f64, 0.0f64, 0usize);
        for (p, _) in pos.iter().zip(island).filter(|(_, &i)| !i) {
            cx += p[0] as f64;
            cy += p[1] as f64;
            count += 1;
        }
        if count == 0 {
            return None;
        }
        let centre = [(cx / count as f64) as f32, (cy / count as f64) as f32];
        let reach = (pos.iter().zip(island))
            .filter(|(_, &i)| !i)
            .map(|(p, _)| ((p[0] - centre[0]).powi(2) + (p[1] - centre[1]).powi(2)).sqrt())
            .fold(0.0f32, f32::max);
        Some((centre, reach + RING_GAP * link_distance))
    }

    /// Pushes islands that lie inside the main body's radius (measured
    /// from its centre of mass) out to a ring `RING_GAP` link lengths
    /// beyond it, by changing their velocities `vel`.
    pub(super) fn push_out(
        &self,
        pos: &[[f32; 2]],
        vel: &mut [[f32; 2]],
        link_distance: f32,
        alpha: f32,
    ) {
        let island = &self.0;
        let Some((centre, ring)) = self.body_ring(pos, link_distance) else {
            return;
        };
        for ((p, v), _) in (pos.iter().zip(vel.iter_mut()))
            .zip(island)
            .filter(|(_, &i)| i)
        {
            let (dx, dy) = (p[0] - centre[0], p[1] - centre[1]);
            let r = (dx * dx + dy * dy).sqrt().max(1e-3);
            if r < ring {
                let k = (ring - r) / r * PUSH * alpha;
                v[0] += dx * k;
                v[1] += dy * k;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{LayoutParams, Simulation};

    /// A body of 40 nodes (a ring with chords), a pair and 6 loners.
    fn body_pair_and_loners() -> (usize, Vec<(u32, u32)>) {
        let mut edges: Vec<(u32, u32)> = (0..40).map(|i| (i, (i + 1) % 40)).collect();
        edges.extend((0..40).step_by(4).map(|i| (i, (i + 13) % 40)));
        edges.push((40, 41));
        (48, edges)
    }

    #[test]
    fn small_parts_are_islands_and_the_body_is_not() {
        let (n, edges) = body_pair_and_loners();
        let island = Islands::of(n, &edges).0;
        assert!(island[..40].iter().all(|&i| !i));
        assert!(island[40..].iter().all(|&i| i));
    }

    #[test]
    fn a_graph_without_a_body_has_no_islands() {
        let edges = [(0, 1), (2, 3), (4, 5)];
        assert!(Islands::of(8, &edges).0.iter().all(|&i| !i));
    }

    /// Islands bunched on one side are spread all round, outside the body.
    #[test]
    fn islands_bunched_in_an_arc_are_spread_round_the_ring() {
        let (n, edges) = body_pair_and_loners();
        let islands = Islands::of(n, &edges);
        let mut pos: Vec<[f32; 2]> = (0..40)
            .map(|i| {
                let a = i as f32 / 40.0 * std::f32::consts::TAU;
                [10.0 * a.cos(), 10.0 * a.sin()]
            })
            .collect();
        // The pair and the loners in a short arc to the right.
        pos.extend((0..8).map(|i| [30.0, i as f32]));
        islands.spread_round(&mut pos, 5.0);
        let angles: Vec<f32> = pos[40..].iter().map(|p| p[1].atan2(p[0])).collect();
        let mut sorted = angles.clone();
        sorted.sort_by(f32::total_cmp);
        for pair in sorted.windows(2) {
            let gap = pair[1] - pair[0];
            assert!(
                (gap - std::f32::consts::TAU / 8.0).abs() < 1e-3,
                "{sorted:?}"
            );
        }
        for p in &pos[40..] {
            assert!(
                (p[0] * p[0] + p[1] * p[1]).sqrt() >= 15.0 - 1e-3,
                "{p:?} inside the ring"
            );
        }
    }

    /// At rest, every island lies outside the body: farther from the
    /// body's centre than any of its nodes.
    #[test]
    fn islands_settle_outside_the_body() {
        let (n, edges) = body_pair_and_loners();
        let mut sim = Simulation::new(
            &vec![None; n],
            vec![5.0; n],
            edges,
            LayoutParams::default(),
            2,
        );
        sim.run(2_000);
        let p = sim.positions();
        let c = (0..40).fold([0.0, 0.0], |a, i| {
            [a[0] + p[i][0] / 40.0, a[1] + p[i][1] / 40.0]
        });
        let r = |i: usize| ((p[i][0] - c[0]).powi(2) + (p[i][1] - c[1]).powi(2)).sqrt();
        let reach = (0..40).map(r).fold(0.0, f32::max);
        for i in 40..n {
            assert!(
                r(i) > reach,
                "node {i} at {} inside the body's {reach}",
                r(i)
            );
        }
    }
}
