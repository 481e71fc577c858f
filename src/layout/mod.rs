//! Force-directed layout, free of UI types: positions in, positions out.
//!
//! A d3-force style simulation: springs along links, Barnes–Hut repulsion
//! (O(n log n), in parallel), a gentle pull to the centre so that isolated
//! notes stay near the rest, and collision so nodes never overlap at rest.
//! `alpha` cools every step; at `ALPHA_MIN` the layout is settled and stops.
//! A big graph laid out from scratch is first placed by a multilevel start
//! (multilevel.rs) in the first step, wherever the simulation runs.

mod groups;
pub mod layered;
pub mod multilevel;
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
/// The cooling per step that takes a layout of `n` nodes from alpha 1 to
/// rest in `cooling_steps(n)`.
fn alpha_decay(n: usize) -> f32 {
    1.0 - ALPHA_MIN.powf(1.0 / cooling_steps(n))
}
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
    /// How many nodes each node stands for in repulsion (a coarse level
    /// of multilevel.rs), or empty: one each.
    mass: Vec<f32>,
    /// The seed of a multilevel start the first step still has to make.
    multilevel: Option<u64>,
    /// The seed, while the layout is from scratch and has not stepped.
    fresh: Option<u64>,
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
            mass: Vec::new(),
            multilevel: (!any_known && multilevel::takes_multilevel(n)).then_some(seed),
            fresh: (!any_known).then_some(seed),
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
            alpha_decay: alpha_decay(n),
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

    /// Warms the layout up again (after a parameter change, say), to cool
    /// at the ordinary pace (a multilevel start finishes faster).
    pub fn reheat(&mut self, alpha: f32) {
        self.alpha = self.alpha.max(alpha);
        self.alpha_decay = alpha_decay(self.len());
    }

    /// Whether the first step will place the nodes by a multilevel start
    /// (a big graph laid out from scratch, multilevel.rs) rather than
    /// from the spiral.
    pub fn starts_multilevel(&self) -> bool {
        self.multilevel.is_some()
    }

    /// Chooses the start of a layout from scratch whatever its size (for
    /// comparisons and tests); a layout with known positions never starts
    /// multilevel.
    pub fn set_multilevel(&mut self, multilevel: bool) {
        self.multilevel = self.fresh.filter(|_| multilevel);
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
        self.step_showing(&mut |_| {})
    }

    /// Runs one step, showing `places` the places a multilevel start
    /// goes through, if this step makes one.
    pub fn step_showing(&mut self, places: &mut dyn FnMut(&[[f32; 2]])) -> bool {
        self.fresh = None;
        if let Some(seed) = self.multilevel.take() {
            multilevel::start(self, seed, places);
        }
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
        let tree = QuadTree::build(&self.pos, &self.mass);
        let strength = -BASE_REPULSION * self.params.repulsion * alpha;
        let (pos, mass) = (&self.pos, &self.mass);
        let deltas: Vec<[f32; 2]> = if pos.len() > 2000 {
            (0..pos.len())
                .into_par_iter()
                .with_min_len(512)
                .map(|i| tree.force_on(i, pos, mass, THETA, strength))
                .collect()
        } else {
            (0..pos.len())
                .map(|i| tree.force_on(i, pos, mass, THETA, strength))
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
mod tests;
