//! Force-directed layout, free of UI types: positions in, positions out.
//!
//! A d3-force style simulation: springs along links, Barnes–Hut repulsion
//! (O(n log n), in parallel), a gentle pull to the centre so that isolated
//! notes stay near the rest, and collision so nodes never overlap at rest.
//! `alpha` cools every step; at `ALPHA_MIN` the layout is settled and stops.

mod groups;
pub mod layered;
mod outskirts;
mod quadtree;
pub mod whole;

pub use groups::{TopicLevels, GROUP_PULL, NO_GROUP};
mod worker;

pub use worker::LayoutWorker;

use quadtree::QuadTree;
use rayon::prelude::*;

/// User-tunable strengths; 1.0 is the default for the two factors.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LayoutParams {
    /// Multiplies node repulsion.
    pub repulsion: f32,
    /// Rest length of a link, in layout units.
    pub link_distance: f32,
    /// Pull towards the centre, per step, as a fraction of the distance.
    pub gravity: f32,
}

impl Default for LayoutParams {
    fn default() -> Self {
        LayoutParams {
            repulsion: 1.0,
            link_distance: 60.0,
            gravity: 0.06,
        }
    }
}

const ALPHA_MIN: f32 = 0.001;
/// Steps from alpha 1 to rest: d3's 300 for small graphs; big graphs, whose
/// steps cost more, cool faster so that they settle within about 2 s.
fn cooling_steps(n: usize) -> f32 {
    if n <= 2_000 {
        300.0
    } else {
        (300.0 - (n - 2_000) as f32 / 100.0).max(200.0)
    }
}
const VELOCITY_DECAY: f32 = 0.4;
const BASE_REPULSION: f32 = 40.0;
const THETA: f32 = 1.0;
const COLLIDE_PADDING: f32 = 3.0;
/// How much a link between two communities pulls, against one within.
const ACROSS_GROUPS: f32 = 0.3;

/// A running layout over nodes `0..n`.
#[derive(Debug, Clone)]
pub struct Simulation {
    pos: Vec<[f32; 2]>,
    vel: Vec<[f32; 2]>,
    pinned: Vec<bool>,
    radius: Vec<f32>,
    edges: Vec<(u32, u32)>,
    degree: Vec<u32>,
    alpha: f32,
    alpha_decay: f32,
    pub params: LayoutParams,
    /// Partitions of the nodes by topic, coarsest first, or empty (see
    /// groups.rs).
    groups: Vec<groups::Grouping>,
    /// Nodes of small connected parts, kept in a ring (outskirts.rs).
    islands: outskirts::Islands,
}

/// Golden-angle spiral: deterministic, spread out, no two nodes together.
pub fn spiral_position(i: usize, spacing: f32) -> [f32; 2] {
    let golden = std::f32::consts::PI * (3.0 - 5f32.sqrt());
    let r = spacing * (0.5 + i as f32).sqrt();
    let a = i as f32 * golden;
    [r * a.cos(), r * a.sin()]
}

impl Simulation {
    /// `initial[i]` keeps a known position; `None` places the node on a
    /// spiral, next to a placed neighbour when it has one. `seed` rotates the
    /// spiral, so each seed gives its own deterministic layout.
    pub fn new(
        initial: &[Option<[f32; 2]>],
        radius: Vec<f32>,
        edges: Vec<(u32, u32)>,
        params: LayoutParams,
        seed: u64,
    ) -> Simulation {
        let n = initial.len();
        let mut degree = vec![0u32; n];
        for &(a, b) in &edges {
            degree[a as usize] += 1;
            degree[b as usize] += 1;
        }
        let spacing = params.link_distance * 0.6;
        let turn = (seed % 360) as f32 * std::f32::consts::PI / 180.0;
        let (sin, cos) = turn.sin_cos();
        let mut pos: Vec<[f32; 2]> = initial
            .iter()
            .enumerate()
            .map(|(i, p)| {
                p.unwrap_or_else(|| {
                    let [x, y] = spiral_position(i, spacing);
                    [x * cos - y * sin, x * sin + y * cos]
                })
            })
            .collect();
        // New nodes beside an already placed neighbour, so a filter change
        // or a reload moves little.
        if initial.iter().any(|p| p.is_some()) {
            for &(a, b) in &edges {
                let (a, b) = (a as usize, b as usize);
                for (new, old) in [(a, b), (b, a)] {
                    if initial[new].is_none() && initial[old].is_some() {
                        let [x, y] = spiral_position(new % 16, 6.0);
                        pos[new] = [pos[old][0] + x + 8.0, pos[old][1] + y];
                    }
                }
            }
        }
        let islands = outskirts::Islands::of(n, &edges);
        let all_known = n > 0 && initial.iter().all(|p| p.is_some());
        let any_known = initial.iter().any(|p| p.is_some());
        Simulation {
            vel: vec![[0.0; 2]; n],
            pinned: vec![false; n],
            pos,
            radius,
            edges,
            degree,
            groups: Vec::new(),
            islands,
            // Known positions need no settle, or a gentle one around the
            // new nodes.
            alpha: if all_known {
                0.0
            } else if any_known {
                0.3
            } else {
                1.0
            },
            params,
            alpha_decay: 1.0 - ALPHA_MIN.powf(1.0 / cooling_steps(n)),
        }
    }

    pub fn len(&self) -> usize {
        self.pos.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pos.is_empty()
    }

    pub fn positions(&self) -> &[[f32; 2]] {
        &self.pos
    }

    pub fn is_settled(&self) -> bool {
        self.alpha < ALPHA_MIN
    }

    /// Warms the layout up again (after a parameter change, say).
    pub fn reheat(&mut self, alpha: f32) {
        self.alpha = self.alpha.max(alpha);
    }

    /// Moves a node and holds it there (a dragged node).
    pub fn pin(&mut self, node: usize, at: [f32; 2]) {
        self.pos[node] = at;
        self.vel[node] = [0.0; 2];
        self.pinned[node] = true;
    }

    pub fn unpin(&mut self, node: usize) {
        self.pinned[node] = false;
    }

    pub fn is_pinned(&self, node: usize) -> bool {
        self.pinned[node]
    }

    /// Runs one step. Returns whether the layout is still moving.
    pub fn step(&mut self) -> bool {
        if self.is_settled() || self.pos.is_empty() {
            return false;
        }
        self.alpha += (0.0 - self.alpha) * self.alpha_decay;
        let alpha = self.alpha;
        self.apply_links(alpha);
        self.apply_groups(alpha);
        self.islands
            .push_out(&self.pos, &mut self.vel, self.params.link_distance, alpha);
        self.apply_repulsion(alpha);
        let g = self.params.gravity * alpha;
        for (p, v) in self.pos.iter().zip(self.vel.iter_mut()) {
            v[0] -= p[0] * g;
            v[1] -= p[1] * g;
        }
        for i in 0..self.pos.len() {
            if self.pinned[i] {
                self.vel[i] = [0.0; 2];
                continue;
            }
            let v = &mut self.vel[i];
            v[0] *= 1.0 - VELOCITY_DECAY;
            v[1] *= 1.0 - VELOCITY_DECAY;
            self.pos[i][0] += v[0];
            self.pos[i][1] += v[1];
        }
        self.resolve_collisions();
        !self.is_settled()
    }

    fn apply_links(&mut self, alpha: f32) {
        let distance = self.params.link_distance;
        for &(a, b) in &self.edges {
            let (a, b) = (a as usize, b as usize);
            if a == b {
                continue;
            }
            let (da, db) = (self.degree[a] as f32, self.degree[b] as f32);
            let across = if self.across_groups(a, b) {
                ACROSS_GROUPS
            } else {
                1.0
            };
            let strength = across / da.min(db).max(1.0);
            let bias = da / (da + db);
            let mut dx = self.pos[b][0] + self.vel[b][0] - self.pos[a][0] - self.vel[a][0];
            let mut dy = self.pos[b][1] + self.vel[b][1] - self.pos[a][1] - self.vel[a][1];
            if dx == 0.0 && dy == 0.0 {
                dx = 1e-3 * (a as f32 - b as f32).signum();
                dy = 1e-3;
            }
            let len = (dx * dx + dy * dy).sqrt();
            let k = (len - distance) / len * alpha * strength;
            dx *= k;
            dy *= k;
            self.vel[b][0] -= dx * bias;
            self.vel[b][1] -= dy * bias;
            self.vel[a][0] += dx * (1.0 - bias);
            self.vel[a][1] += dy * (1.0 - bias);
        }
    }

    fn apply_repulsion(&mut self, alpha: f32) {
        let tree = QuadTree::build(&self.pos);
        let strength = -BASE_REPULSION * self.params.repulsion * alpha;
        let pos = &self.pos;
        let deltas: Vec<[f32; 2]> = if pos.len() > 2000 {
            (0..pos.len())
                .into_par_iter()
                .with_min_len(512)
                .map(|i| tree.force_on(i, pos, THETA, strength))
                .collect()
        } else {
            (0..pos.len())
                .map(|i| tree.force_on(i, pos, THETA, strength))
                .collect()
        };
        for (v, d) in self.vel.iter_mut().zip(deltas) {
            v[0] += d[0];
            v[1] += d[1];
        }
    }

    /// Pushes overlapping nodes apart. Nodes are sorted into grid cells as
    /// big as the largest node, so only neighbouring cells are compared;
    /// each node computes its own push from the old positions (in
    /// parallel, and the same whatever the thread count), then all move.
    fn resolve_collisions(&mut self) {
        let n = self.pos.len();
        let max_r = self.radius.iter().copied().fold(1.0f32, f32::max) + COLLIDE_PADDING;
        let cell = 2.0 * max_r;
        let cell_of = |p: [f32; 2]| -> (i32, i32) {
            let c = |v: f32| (v / cell).floor().clamp(-1e9, 1e9) as i32;
            (c(p[0]), c(p[1]))
        };
        // Row-major keys: the three cells of a row are contiguous.
        let key = |(cx, cy): (i32, i32)| ((cy as i64) << 32) | (cx as i64 + 0x8000_0000);
        let mut sorted: Vec<(i64, u32)> = self
            .pos
            .iter()
            .enumerate()
            .map(|(i, &p)| (key(cell_of(p)), i as u32))
            .collect();
        sorted.sort_unstable();
        let (pos, radius, pinned) = (&self.pos, &self.radius, &self.pinned);
        let push_on = |i: usize| -> [f32; 2] {
            if pinned[i] {
                return [0.0; 2];
            }
            let (cx, cy) = cell_of(pos[i]);
            let mut out = [0.0f32; 2];
            for row in cy - 1..=cy + 1 {
                let from = sorted.partition_point(|&(k, _)| k < key((cx - 1, row)));
                let to = sorted.partition_point(|&(k, _)| k <= key((cx + 1, row)));
                for &(_, j) in &sorted[from..to] {
                    let j = j as usize;
                    if j == i {
                        continue;
                    }
                    let min = radius[i] + radius[j] + COLLIDE_PADDING;
                    let mut dx = pos[j][0] - pos[i][0];
                    let mut dy = pos[j][1] - pos[i][1];
                    let mut d2 = dx * dx + dy * dy;
                    if d2 >= min * min {
                        continue;
                    }
                    if d2 < 1e-6 {
                        // Coincident: split along a direction fixed by the pair.
                        let [x, y] = spiral_position(i.min(j) * 7 + i.max(j), 1.0);
                        let s = if i < j { 1.0 } else { -1.0 };
                        dx = x * s;
                        dy = y * s;
                        d2 = dx * dx + dy * dy;
                    }
                    let d = d2.sqrt();
                    // Each side of a pair moves half the overlap; all of it
                    // when the other side is pinned.
                    let share = if pinned[j] { 1.0 } else { 0.5 };
                    let push = (min - d) / d * share;
                    out[0] -= dx * push;
                    out[1] -= dy * push;
                }
            }
            out
        };
        let pushes: Vec<[f32; 2]> = if n > 2000 {
            (0..n)
                .into_par_iter()
                .with_min_len(512)
                .map(push_on)
                .collect()
        } else {
            (0..n).map(push_on).collect()
        };
        for (p, d) in self.pos.iter_mut().zip(pushes) {
            p[0] += d[0];
            p[1] += d[1];
        }
    }

    /// Steps until settled or `max_steps` is reached; returns steps run.
    pub fn run(&mut self, max_steps: usize) -> usize {
        let mut done = 0;
        while done < max_steps && self.step() {
            done += 1;
        }
        done
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sim(n: usize, edges: &[(u32, u32)], seed: u64) -> Simulation {
        Simulation::new(
            &vec![None; n],
            vec![5.0; n],
            edges.to_vec(),
            LayoutParams::default(),
            seed,
        )
    }

    fn dist(a: [f32; 2], b: [f32; 2]) -> f32 {
        ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt()
    }

    /// Two clusters of 10 (rings), a bridge, and 3 isolated nodes.
    fn clusters() -> (usize, Vec<(u32, u32)>) {
        let mut edges = Vec::new();
        for c in 0..2u32 {
            for i in 0..10u32 {
                edges.push((c * 10 + i, c * 10 + (i + 1) % 10));
                edges.push((c * 10 + i, c * 10 + (i + 3) % 10));
            }
        }
        edges.push((0, 10));
        (23, edges)
    }

    #[test]
    fn settles_and_stops() {
        let (n, edges) = clusters();
        let mut s = sim(n, &edges, 1);
        let steps = s.run(10_000);
        assert!(s.is_settled());
        assert!(steps < 400, "{steps} steps");
        let before = s.positions().to_vec();
        assert!(!s.step(), "a settled layout does not move");
        assert_eq!(before, s.positions());
    }

    #[test]
    fn same_seed_same_layout() {
        let (n, edges) = clusters();
        let mut a = sim(n, &edges, 7);
        let mut b = sim(n, &edges, 7);
        a.run(500);
        b.run(500);
        assert_eq!(a.positions(), b.positions());
    }

    #[test]
    fn no_overlaps_at_rest() {
        let (n, edges) = clusters();
        let mut s = sim(n, &edges, 3);
        s.run(1000);
        let p = s.positions();
        for i in 0..n {
            for j in i + 1..n {
                assert!(dist(p[i], p[j]) >= 9.5, "nodes {i} and {j} overlap");
            }
        }
    }

    #[test]
    fn clusters_stay_together_and_isolated_nodes_stay_near() {
        let (n, edges) = clusters();
        let mut s = sim(n, &edges, 5);
        s.run(1000);
        let p = s.positions();
        let centroid = |ids: std::ops::Range<usize>| {
            let k = ids.len() as f32;
            let (x, y) = ids.fold((0.0, 0.0), |(x, y), i| (x + p[i][0], y + p[i][1]));
            [x / k, y / k]
        };
        let (c0, c1) = (centroid(0..10), centroid(10..20));
        let spread = |ids: std::ops::Range<usize>, c: [f32; 2]| {
            ids.map(|i| dist(p[i], c)).fold(0.0f32, f32::max)
        };
        // Each cluster is tighter than the gap between the two.
        assert!(spread(0..10, c0) < dist(c0, c1), "cluster 0 spread");
        assert!(spread(10..20, c1) < dist(c0, c1), "cluster 1 spread");
        // Isolated nodes are not flung away: within a few cluster widths.
        let all = centroid(0..20);
        let width = spread(0..20, all);
        for (i, &isolated) in p.iter().enumerate().skip(20) {
            assert!(
                dist(isolated, all) < 2.0 * width,
                "isolated node {i} flung away"
            );
        }
    }

    #[test]
    fn pinned_nodes_stay_put() {
        let (n, edges) = clusters();
        let mut s = sim(n, &edges, 2);
        s.pin(4, [500.0, 500.0]);
        s.run(1000);
        assert_eq!(s.positions()[4], [500.0, 500.0]);
    }

    #[test]
    fn known_positions_start_at_rest() {
        let s = Simulation::new(
            &[Some([1.0, 2.0]), Some([30.0, 0.0])],
            vec![5.0; 2],
            vec![(0, 1)],
            LayoutParams::default(),
            0,
        );
        assert!(s.is_settled());
        assert_eq!(s.positions()[0], [1.0, 2.0]);
    }

    #[test]
    fn coincident_nodes_are_separated() {
        let mut s = Simulation::new(
            &[Some([0.0, 0.0]); 5],
            vec![5.0; 5],
            vec![],
            LayoutParams::default(),
            0,
        );
        s.reheat(1.0);
        s.run(1000);
        let p = s.positions();
        for i in 0..5 {
            for j in i + 1..5 {
                assert!(dist(p[i], p[j]) > 5.0);
            }
        }
    }
}
