//! The simulation's own tests: it settles, stays deterministic, keeps
//! nodes apart and topics together.

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
