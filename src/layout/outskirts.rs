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
        if !island.iter().any(|&i| i) {
            return;
        }
        let (mut cx, mut cy, mut count) = (0.0f64, 0.0f64, 0usize);
        for (p, _) in pos.iter().zip(island).filter(|(_, &i)| !i) {
            cx += p[0] as f64;
            cy += p[1] as f64;
            count += 1;
        }
        if count == 0 {
            return;
        }
        let centre = [(cx / count as f64) as f32, (cy / count as f64) as f32];
        let reach = (pos.iter().zip(island))
            .filter(|(_, &i)| !i)
            .map(|(p, _)| ((p[0] - centre[0]).powi(2) + (p[1] - centre[1]).powi(2)).sqrt())
            .fold(0.0f32, f32::max);
        let ring = reach + RING_GAP * link_distance;
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
