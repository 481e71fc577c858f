//! The multilevel start's tests: coarsening on small and hostile graphs,
//! determinism, and which path a layout takes.

use super::*;

fn level(n: usize, edges: Vec<(u32, u32)>, groups: Vec<Vec<u32>>) -> Level {
    Level {
        parent: Vec::new(),
        edges,
        mass: vec![1.0; n],
        groups,
    }
}

fn chain(n: u32) -> Vec<(u32, u32)> {
    (1..n).map(|i| (i - 1, i)).collect()
}

fn star(n: u32) -> Vec<(u32, u32)> {
    (1..n).map(|i| (0, i)).collect()
}

/// Every level names a coarse node that exists, the masses add up,
/// and the whole hierarchy holds at most twice the nodes.
fn check(levels: &[Level], n: usize) {
    let total: usize = levels.iter().map(Level::len).sum();
    assert!(total <= 3 * n, "{total} nodes in all levels for {n}");
    for pair in levels.windows(2) {
        assert!(pair[0].parent.iter().all(|&p| (p as usize) < pair[1].len()));
        assert!(pair[1].len() < pair[0].len());
    }
    let last = levels.last().unwrap();
    assert_eq!(last.mass.iter().sum::<f32>(), n as f32);
}

/// The hostile shapes a plain matching stalls on: a long chain and a
/// star (whose leaves pair up through their hub) both coarsen to a
/// few hundred nodes in a few dozen levels, at 100k.
#[test]
fn a_chain_and_a_star_of_100k_coarsen_to_few_nodes() {
    let n = 100_000;
    for edges in [chain(n as u32), star(n as u32)] {
        let levels = hierarchy(level(n, edges, Vec::new()));
        check(&levels, n);
        assert!(levels.last().unwrap().len() <= COARSEST);
        assert!(levels.len() <= 40, "{} levels", levels.len());
    }
}

/// Nodes without links pair up too, and so reach the coarsest level.
#[test]
fn unlinked_nodes_coarsen() {
    let levels = hierarchy(level(2_000, Vec::new(), vec![(0..2_000).collect()]));
    check(&levels, 2_000);
    assert!(levels.last().unwrap().len() <= COARSEST);
}

/// Two rings of 600 joined by one link, each its own topic: the first
/// levels never merge nodes of different topics.
#[test]
fn merges_keep_to_topics_while_they_can() {
    let mut edges: Vec<(u32, u32)> = (0..1_200)
        .map(|i| (i, (i / 600) * 600 + (i + 1) % 600))
        .collect();
    edges.push((0, 600));
    let topic: Vec<u32> = (0..1_200).map(|i| i / 600).collect();
    let levels = hierarchy(level(1_200, edges, vec![topic.clone()]));
    check(&levels, 1_200);
    for l in &levels {
        let [a, b] = [0, 1].map(|t| (0..l.len()).filter(|&i| l.groups[0][i] == t).count());
        assert!(a > 0 && b > 0, "both topics on every level");
    }
    let first = &levels[0].parent;
    for (i, j) in (0..1_200).flat_map(|i| (0..1_200).map(move |j| (i, j))) {
        if first[i] == first[j] {
            assert_eq!(topic[i], topic[j], "{i} and {j} merged across topics");
        }
    }
}

/// Clusters of 30 (rings with chords) in a chain of clusters, with
/// topics, and loners.
fn clustered(seed: u64, multilevel: Option<bool>) -> Simulation {
    let (clusters, size) = (60u32, 30u32);
    let mut edges = Vec::new();
    for c in 0..clusters {
        for i in 0..size {
            edges.push((c * size + i, c * size + (i + 1) % size));
            edges.push((c * size + i, c * size + (i + 7) % size));
        }
        if c > 0 {
            edges.push(((c - 1) * size, c * size + 3));
        }
    }
    let n = (clusters * size + 40) as usize;
    let mut sim = Simulation::new(
        &vec![None; n],
        vec![5.0; n],
        edges,
        LayoutParams::default(),
        seed,
    );
    let topics = (0..n as u32).map(|i| i / size).collect();
    sim.set_groups(topics, crate::layout::GROUP_PULL);
    if let Some(multilevel) = multilevel {
        sim.set_multilevel(multilevel);
    }
    sim
}

#[test]
fn the_multilevel_start_gives_the_same_layout_for_the_same_seed() {
    let (mut a, mut b, mut c) = (
        clustered(4, Some(true)),
        clustered(4, Some(true)),
        clustered(5, Some(true)),
    );
    assert!(a.starts_multilevel());
    a.run(usize::MAX);
    b.run(usize::MAX);
    c.run(usize::MAX);
    assert_eq!(a.positions(), b.positions());
    assert_ne!(a.positions(), c.positions());
}

/// After the multilevel start the simulation finishes in its few
/// steps, everything finite, and each topic sits together: a node's
/// own topic's centre is the nearest topic centre for most nodes.
#[test]
fn the_multilevel_start_settles_fast_with_topics_together() {
    let mut sim = clustered(1, Some(true));
    let steps = sim.run(usize::MAX);
    assert!(sim.is_settled());
    assert!(steps <= FINISH_STEPS as usize + 1, "{steps} steps");
    let p = sim.positions();
    assert!(p.iter().all(|q| q[0].is_finite() && q[1].is_finite()));
    let centres: Vec<[f32; 2]> = (0..60)
        .map(|c| {
            let s = (c * 30..c * 30 + 30).fold([0.0; 2], |s, i| [s[0] + p[i][0], s[1] + p[i][1]]);
            [s[0] / 30.0, s[1] / 30.0]
        })
        .collect();
    let d = |a: [f32; 2], b: [f32; 2]| (a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2);
    let home = (0..1_800)
        .filter(|&i| {
            let own = d(p[i], centres[i / 30]);
            centres.iter().all(|&c| d(p[i], c) >= own)
        })
        .count();
    assert!(
        home > 1_800 * 9 / 10,
        "{home} of 1800 nearest their own topic"
    );
}

/// Below the threshold a layout from scratch takes today's path, and
/// gives exactly the positions of a layout told to take it.
#[test]
fn small_graphs_take_the_plain_path() {
    assert!(!takes_multilevel(MULTILEVEL_FROM - 1));
    assert!(takes_multilevel(MULTILEVEL_FROM));
    let mut auto = clustered(2, None);
    assert!(!auto.starts_multilevel());
    let mut plain = clustered(2, Some(false));
    auto.run(usize::MAX);
    plain.run(usize::MAX);
    assert_eq!(auto.positions(), plain.positions());
    let big = Simulation::new(
        &vec![None; MULTILEVEL_FROM],
        vec![5.0; MULTILEVEL_FROM],
        Vec::new(),
        LayoutParams::default(),
        1,
    );
    assert!(big.starts_multilevel());
    // Known positions: never multilevel, whatever the size.
    let mut known = vec![None; MULTILEVEL_FROM];
    known[0] = Some([0.0, 0.0]);
    let kept = Simulation::new(
        &known,
        vec![5.0; MULTILEVEL_FROM],
        Vec::new(),
        LayoutParams::default(),
        1,
    );
    assert!(!kept.starts_multilevel());
}

/// A 100k chain and a 100k star lay out from scratch in bounded time and
/// steps (seconds in a release build; run with `--release -- --ignored`).
#[test]
#[ignore = "heavy: 100k nodes, run in release"]
fn a_chain_and_a_star_of_100k_lay_out_in_bounded_time() {
    let n = 100_000;
    for edges in [chain(n as u32), star(n as u32)] {
        let mut sim = Simulation::new(
            &vec![None; n],
            vec![5.0; n],
            edges,
            LayoutParams::default(),
            1,
        );
        assert!(sim.starts_multilevel());
        let began = std::time::Instant::now();
        let steps = sim.run(usize::MAX);
        assert!(sim.is_settled());
        assert!(steps <= FINISH_STEPS as usize + 1, "{steps} steps");
        let p = sim.positions();
        assert!(p.iter().all(|q| q[0].is_finite() && q[1].is_finite()));
        let secs = began.elapsed().as_secs_f64();
        assert!(secs < 120.0, "{secs:.1} s");
    }
}

/// The start shows where it has got to before it is done: first the
/// coarsest level (every node at the place of the coarse node it belongs
/// to, so few distinct places), each showing a place for every node.
#[test]
fn the_multilevel_start_shows_its_places_as_it_goes() {
    let mut sim = clustered(2, Some(true));
    let n = sim.len();
    let mut shown: Vec<Vec<[f32; 2]>> = Vec::new();
    sim.step_showing(&mut |places| shown.push(places.to_vec()));
    assert!(!shown.is_empty(), "nothing shown before the start ended");
    assert!(shown.iter().all(|p| p.len() == n));
    assert!((shown.iter().flatten()).all(|q| q[0].is_finite() && q[1].is_finite()));
    let first = &shown[0];
    let mut distinct: Vec<(u32, u32)> = (first.iter())
        .map(|q| (q[0].to_bits(), q[1].to_bits()))
        .collect();
    distinct.sort_unstable();
    distinct.dedup();
    assert!(distinct.len() <= COARSEST, "{} places", distinct.len());
    assert!(
        distinct.len() < n / 2,
        "{} places of {n} nodes",
        distinct.len()
    );
    // After the start, every node has a place of its own again.
    assert_ne!(sim.positions(), first.as_slice());
}
