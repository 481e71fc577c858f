//! A multilevel start for big graphs: from scratch, the force layout needs
//! some 200 steps over every node to untangle a big graph, and each step
//! costs O(n log n). Instead the graph is coarsened (linked nodes merged
//! in pairs or threes, within their topics while that still shrinks it), the coarsest graph is laid out to rest, and each finer level
//! starts from its coarser one (every node at its parent's place, a
//! little apart) for a few steps; the simulation itself then finishes
//! the finest level from a low temperature. Untangling happens where
//! nodes are few, so the finest level needs few steps.

use super::{LayoutParams, Simulation, ALPHA_MIN};

const NONE: u32 = u32::MAX;

/// Graphs of at least this many nodes, laid out from scratch, start
/// multilevel; smaller ones take the plain path, for which the
/// multilevel start would cost about what it saves (docs/performance.md,
/// "Multilevel layout at 100k").
pub const MULTILEVEL_FROM: usize = 20_000;

/// Coarsening stops at this many nodes, or when a level shrinks by less
/// than `STALLED`.
const COARSEST: usize = 400;
const STALLED: f32 = 0.9;
/// A level's refinement: steps run while cooling from `REFINE_ALPHA` to
/// `REFINE_END`.
const REFINE_STEPS: f32 = 12.0;
const REFINE_ALPHA: f32 = 0.5;
const REFINE_END: f32 = 0.05;
/// Levels smaller than this, cheap to step, refine longer, as the square
/// root of how much smaller, up to `REFINE_MOST` steps.
const REFINE_LONGER_BELOW: f32 = 20_000.0;
const REFINE_MOST: f32 = 40.0;
/// The finest level's finish, by the simulation itself: its temperature
/// and how many steps it takes to rest.
const FINISH_ALPHA: f32 = 0.2;
const FINISH_STEPS: f32 = 30.0;
/// How far a node starts from its parent, in its level's link lengths.
const JITTER: f32 = 0.3;

/// Whether a fresh layout of `n` nodes starts multilevel.
pub fn takes_multilevel(n: usize) -> bool {
    n >= MULTILEVEL_FROM
}

/// One level of the hierarchy: a graph whose nodes stand for groups of
/// the finer level's nodes.
struct Level {
    /// The coarser node of each of this level's nodes (empty on the
    /// coarsest level).
    parent: Vec<u32>,
    edges: Vec<(u32, u32)>,
    /// How many finest nodes each node stands for.
    mass: Vec<f32>,
    /// The group of each node at each of the simulation's groupings.
    groups: Vec<Vec<u32>>,
}

impl Level {
    fn len(&self) -> usize {
        self.mass.len()
    }
}

/// Places every node of `sim` by the multilevel start and leaves it to
/// finish from a low temperature. Pinned nodes keep their places.
/// `places` is shown the finest nodes' places as the start goes, level
/// by level (each node where the coarse node it belongs to is), for a
/// window that has seconds to wait at 100k notes.
pub(super) fn start(sim: &mut Simulation, seed: u64, places: &mut dyn FnMut(&[[f32; 2]])) {
    let began = std::time::Instant::now();
    let n = sim.len();
    let finest = Level {
        parent: Vec::new(),
        edges: sim.edges.clone(),
        mass: vec![1.0; n],
        groups: sim.groups.iter().map(|g| g.of.clone()).collect(),
    };
    let levels = hierarchy(finest);
    if levels.len() < 2 {
        // Nothing merged: the plain start it is.
        return;
    }
    let coarsened = began.elapsed();
    let pulls: Vec<f32> = sim.groups.iter().map(|g| g.pull).collect();
    let coarsest = levels.last().expect("the finest level");
    let link = sim.params.link_distance;
    let mut pos = lay_out_coarsest(coarsest, sim.params, &pulls, seed);
    let coarsest_done = began.elapsed();
    let mut shown = std::time::Instant::now();
    places(&finest_places(&levels, levels.len() - 1, &pos));
    for depth in (1..levels.len() - 1).rev() {
        let level = &levels[depth];
        let initial = prolong(&pos, level, seed, depth, link);
        pos = refine(level, initial, sim.params, &pulls, seed);
        if shown.elapsed() >= SHOW_EVERY {
            places(&finest_places(&levels, depth, &pos));
            shown = std::time::Instant::now();
        }
    }
    pos = prolong(&pos, &levels[0], seed, 0, link);
    sim.islands.spread_round(&mut pos, link);
    for (i, p) in pos.into_iter().enumerate() {
        if !sim.pinned[i] {
            sim.pos[i] = p;
        }
    }
    log::debug!(
        "multilevel start: levels {:?}, coarsened in {coarsened:?}, coarsest at rest after {coarsest_done:?}, all after {:?}",
        levels.iter().map(Level::len).collect::<Vec<_>>(),
        began.elapsed()
    );
    sim.vel.iter_mut().for_each(|v| *v = [0.0; 2]);
    sim.alpha = FINISH_ALPHA;
    sim.alpha_decay = 1.0 - (ALPHA_MIN / FINISH_ALPHA).powf(1.0 / FINISH_STEPS);
}

/// How often the start shows its places: each showing costs the window
/// a frame's meshes.
const SHOW_EVERY: std::time::Duration = std::time::Duration::from_millis(250);

/// Each finest node at the place of the node of level `depth` it belongs
/// to, whose places are `pos`.
fn finest_places(levels: &[Level], depth: usize, pos: &[[f32; 2]]) -> Vec<[f32; 2]> {
    (0..levels[0].len())
        .map(|i| {
            let node = (levels[..depth].iter()).fold(i, |node, level| level.parent[node] as usize);
            pos[node]
        })
        .collect()
}

/// The finest level first, then coarser ones until few nodes are left.
fn hierarchy(finest: Level) -> Vec<Level> {
    let mut levels = vec![finest];
    // Merges keep to topics while that shrinks the graph, the finest
    // grouping given up first and the coarsest (the communities) last.
    let groupings = levels[0].groups.len();
    let mut kept: Vec<usize> = (1..groupings).chain((groupings > 0).then_some(0)).collect();
    loop {
        let fine = levels.last_mut().expect("a level");
        if fine.len() <= COARSEST {
            break;
        }
        let (parent, count) = matching(fine, &kept);
        if count as f32 > STALLED * fine.len() as f32 {
            if kept.is_empty() {
                break;
            }
            kept.remove(0);
            continue;
        }
        let coarse = coarsen(fine, &parent, count);
        fine.parent = parent;
        levels.push(coarse);
    }
    levels
}

/// The neighbours of each node, in one row per node: `to[start[u]..
/// start[u + 1]]`.
fn adjacency(n: usize, edges: &[(u32, u32)]) -> (Vec<u32>, Vec<u32>) {
    let mut start = vec![0u32; n + 1];
    for &(a, b) in edges {
        start[a as usize + 1] += 1;
        start[b as usize + 1] += 1;
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    let mut fill = start.clone();
    let mut to = vec![0u32; edges.len() * 2];
    for &(a, b) in edges {
        for (x, y) in [(a, b), (b, a)] {
            to[fill[x as usize] as usize] = y;
            fill[x as usize] += 1;
        }
    }
    (start, to)
}

/// Groups of nodes to merge: each node, lightest first, paired with its
/// lightest unpaired neighbour of the same kept groups; then nodes left
/// alone that share a neighbour (the leaves of a star) paired, and nodes
/// without links two by two, whatever their groups; last, a node still
/// alone joins a neighbour's group of fewer than three. Returns each
/// node's coarse node and their count.
fn matching(level: &Level, kept: &[usize]) -> (Vec<u32>, usize) {
    let n = level.len();
    let same = |a: usize, b: usize| {
        kept.iter()
            .all(|&g| level.groups[g][a] == level.groups[g][b])
    };
    let (start, to) = adjacency(n, &level.edges);
    let row = |u: usize| (to[start[u] as usize..start[u + 1] as usize].iter()).map(|&v| v as usize);
    let mut order: Vec<u32> = (0..n as u32).collect();
    order.sort_by(|&a, &b| level.mass[a as usize].total_cmp(&level.mass[b as usize]));
    let mut mate = vec![NONE; n];
    for &u in &order {
        let u = u as usize;
        if mate[u] != NONE {
            continue;
        }
        let best = (row(u).filter(|&v| v != u && mate[v] == NONE && same(u, v)))
            .min_by(|&a, &b| level.mass[a].total_cmp(&level.mass[b]).then(a.cmp(&b)));
        if let Some(v) = best {
            pair(&mut mate, u, v);
        }
    }
    for h in 0..n {
        let mut alone: Vec<usize> = row(h).filter(|&v| v != h && mate[v] == NONE).collect();
        if alone.len() > 1 {
            alone.sort_by_key(|&v| {
                (
                    kept.iter().map(|&g| level.groups[g][v]).collect::<Vec<_>>(),
                    v,
                )
            });
            alone.dedup();
            for two in alone.chunks(2) {
                if let [a, b] = *two {
                    if same(a, b) {
                        pair(&mut mate, a, b);
                    }
                }
            }
        }
    }
    let unlinked: Vec<usize> = (0..n).filter(|&v| start[v] == start[v + 1]).collect();
    for two in unlinked.chunks(2) {
        if let [a, b] = *two {
            pair(&mut mate, a, b);
        }
    }
    let mut parent = vec![NONE; n];
    let mut size: Vec<u32> = Vec::new();
    for u in 0..n {
        if parent[u] == NONE && mate[u] != NONE {
            parent[u] = size.len() as u32;
            parent[mate[u] as usize] = size.len() as u32;
            size.push(2);
        }
    }
    for u in 0..n {
        if parent[u] != NONE {
            continue;
        }
        let join = (row(u).filter(|&v| parent[v] != NONE && same(u, v)))
            .map(|v| (size[parent[v] as usize], v))
            .filter(|&(k, _)| k < 3)
            .min();
        parent[u] = join.map_or(size.len() as u32, |(_, v)| parent[v]);
        match join {
            Some(_) => size[parent[u] as usize] += 1,
            None => size.push(1),
        }
    }
    (parent, size.len())
}

fn pair(mate: &mut [u32], a: usize, b: usize) {
    mate[a] = b as u32;
    mate[b] = a as u32;
}

/// The coarser level whose nodes are the groups `parent` names.
fn coarsen(fine: &Level, parent: &[u32], count: usize) -> Level {
    let mut mass = vec![0.0f32; count];
    let mut groups = vec![vec![u32::MAX; count]; fine.groups.len()];
    for (i, &p) in parent.iter().enumerate() {
        let p = p as usize;
        mass[p] += fine.mass[i];
        for (coarse, of) in groups.iter_mut().zip(&fine.groups) {
            // The group of the first member.
            if coarse[p] == u32::MAX {
                coarse[p] = of[i];
            }
        }
    }
    let mut edges: Vec<(u32, u32)> = (fine.edges.iter())
        .map(|&(a, b)| (parent[a as usize], parent[b as usize]))
        .filter(|(a, b)| a != b)
        .map(|(a, b)| (a.min(b), a.max(b)))
        .collect();
    edges.sort_unstable();
    edges.dedup();
    Level {
        parent: Vec::new(),
        edges,
        mass,
        groups,
    }
}

/// A simulation of one level: link lengths grow with the mass a node
/// stands for, and every node repels by its mass, so that a level spreads
/// over about the room its finest nodes will take.
fn level_simulation(
    level: &Level,
    initial: &[Option<[f32; 2]>],
    params: LayoutParams,
    pulls: &[f32],
    seed: u64,
) -> Simulation {
    let n = level.len();
    let params = LayoutParams {
        link_distance: params.link_distance * mean(&level.mass).sqrt(),
        ..params
    };
    let mut sim = Simulation::new(initial, vec![5.0; n], level.edges.clone(), params, seed);
    // A coarsest level that stayed big (coarsening stalled) is laid out
    // plainly, not coarsened again.
    sim.multilevel = None;
    sim.mass = level.mass.clone();
    for (of, &pull) in level.groups.iter().zip(pulls) {
        sim.groups.push(super::groups::Grouping {
            of: of.clone(),
            pull,
        });
    }
    sim
}

fn lay_out_coarsest(
    level: &Level,
    params: LayoutParams,
    pulls: &[f32],
    seed: u64,
) -> Vec<[f32; 2]> {
    let mut sim = level_simulation(level, &vec![None; level.len()], params, pulls, seed);
    sim.run(usize::MAX);
    sim.pos
}

fn refine(
    level: &Level,
    initial: Vec<[f32; 2]>,
    params: LayoutParams,
    pulls: &[f32],
    seed: u64,
) -> Vec<[f32; 2]> {
    let initial: Vec<_> = initial.into_iter().map(Some).collect();
    let mut sim = level_simulation(level, &initial, params, pulls, seed);
    sim.alpha = REFINE_ALPHA;
    let longer = (REFINE_LONGER_BELOW / level.len() as f32).sqrt();
    let steps = (REFINE_STEPS * longer).clamp(REFINE_STEPS, REFINE_MOST);
    sim.alpha_decay = 1.0 - (REFINE_END / REFINE_ALPHA).powf(1.0 / steps);
    for _ in 0..steps as usize {
        sim.step();
    }
    sim.pos
}

/// Each finer node at its parent's place, moved a little in a direction
/// fixed by the seed, its level and its index, so that siblings start
/// apart.
fn prolong(coarse: &[[f32; 2]], fine: &Level, seed: u64, depth: usize, link: f32) -> Vec<[f32; 2]> {
    let reach = JITTER * link * mean(&fine.mass).sqrt();
    (fine.parent.iter().enumerate())
        .map(|(i, &p)| {
            let h = mix(seed ^ ((depth as u64) << 40) ^ i as u64);
            let angle = (h >> 40) as f32 / (1u64 << 24) as f32 * std::f32::consts::TAU;
            let r = reach * (0.5 + ((h & 0xffff) as f32 / 65_536.0) * 0.5);
            let [x, y] = coarse[p as usize];
            [x + r * angle.cos(), y + r * angle.sin()]
        })
        .collect()
}

fn mean(v: &[f32]) -> f32 {
    v.iter().sum::<f32>() / v.len().max(1) as f32
}

/// splitmix64's finaliser: a well-spread hash of a number.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests;
