//! Louvain modularity clustering over weighted adjacency lists: local
//! moves, then merging communities into nodes, level after level (at most
//! 32, each merging at least one pair). Pure; `communities.rs` builds the
//! network and names the result, `restarts.rs` runs it several times.

/// Every level of Louvain's hierarchy, finest first: the community of each
/// node after each round of moves and merges. The last is `louvain`'s.
pub fn louvain_levels(
    adjacency: &[Vec<(usize, f64)>],
    total_weight: f64,
    seed: u64,
) -> Vec<Vec<usize>> {
    let n = adjacency.len();
    let mut of: Vec<usize> = (0..n).collect();
    let mut levels = Vec::new();
    if total_weight <= 0.0 {
        return levels;
    }
    let mut level: Vec<Vec<(usize, f64)>> = adjacency.to_vec();
    // Self-loop weight of each (super)node, counted once.
    let mut inner = vec![0.0; n];
    for _ in 0..32 {
        let order = visiting_order(level.len(), seed);
        let (moved, local) = one_level(&level, &inner, total_weight, &order);
        if !moved {
            break;
        }
        let (dense, k) = renumbered(&local);
        for c in of.iter_mut() {
            *c = dense[local[*c]];
        }
        levels.push(of.clone());
        let (merged, merged_inner) = merge(&level, &inner, &local, &dense, k);
        level = merged;
        inner = merged_inner;
        if k == level.len() && k == n {
            break;
        }
    }
    levels
}

/// Communities numbered densely in order of first node: the new number
/// of each old one (`usize::MAX` where unused), and how many there are.
fn renumbered(local: &[usize]) -> (Vec<usize>, usize) {
    let mut dense = vec![usize::MAX; local.len()];
    let mut k = 0;
    for &c in local {
        if dense[c] == usize::MAX {
            dense[c] = k;
            k += 1;
        }
    }
    (dense, k)
}

/// The next level: each community one node, with the weights of the
/// links between communities summed (sorted by neighbour) and the links
/// inside each kept as its self-loop weight.
fn merge(
    level: &[Vec<(usize, f64)>],
    inner: &[f64],
    local: &[usize],
    dense: &[usize],
    k: usize,
) -> (Vec<Vec<(usize, f64)>>, Vec<f64>) {
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); k];
    for (u, &c) in local.iter().enumerate() {
        members[dense[c]].push(u);
    }
    let mut merged_inner = vec![0.0; k];
    let mut weight_to = vec![0.0f64; k];
    let mut touched: Vec<usize> = Vec::new();
    let merged = (members.iter().enumerate())
        .map(|(cu, nodes)| {
            for &u in nodes {
                merged_inner[cu] += inner[u];
                for &(v, w) in &level[u] {
                    let cv = dense[local[v]];
                    if cu == cv {
                        // Each internal edge is seen from both ends.
                        merged_inner[cu] += w / 2.0;
                    } else {
                        if weight_to[cv] == 0.0 {
                            touched.push(cv);
                        }
                        weight_to[cv] += w;
                    }
                }
            }
            touched.sort_unstable();
            let edges = touched.iter().map(|&cv| (cv, weight_to[cv])).collect();
            for &cv in &touched {
                weight_to[cv] = 0.0;
            }
            touched.clear();
            edges
        })
        .collect();
    (merged, merged_inner)
}

/// One pass of local moves; returns whether any node moved, and the
/// community of each node of this level.
/// The order in which one level visits its nodes: as numbered for seed 0,
/// else a shuffle fixed by the seed (splitmix64 and Fisher–Yates).
fn visiting_order(n: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    if seed == 0 {
        return order;
    }
    let mut state = seed;
    let mut next = || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    for i in (1..n).rev() {
        order.swap(i, (next() % (i as u64 + 1)) as usize);
    }
    order
}

fn one_level(
    adj: &[Vec<(usize, f64)>],
    inner: &[f64],
    m: f64,
    order: &[usize],
) -> (bool, Vec<usize>) {
    let n = adj.len();
    let strength: Vec<f64> = (0..n)
        .map(|u| adj[u].iter().map(|e| e.1).sum::<f64>() + 2.0 * inner[u])
        .collect();
    let mut community: Vec<usize> = (0..n).collect();
    let mut total: Vec<f64> = strength.clone();
    let mut moved_any = false;
    // Weight from the node to each community, dense, with the list of
    // communities touched so that clearing costs only what was used.
    let mut links_to = vec![0.0f64; n];
    let mut touched: Vec<usize> = Vec::new();
    // A node is visited again only once a neighbour has moved (Ozaki et
    // al.'s pruning): late sweeps move a few hundred of 100,000 nodes, and
    // visiting all of them each time was nearly all of Louvain's time.
    let mut unsettled = vec![true; n];
    for _sweep in 0..50 {
        let mut moved = false;
        for &u in order {
            if !std::mem::replace(&mut unsettled[u], false) {
                continue;
            }
            let cu = community[u];
            for &(v, w) in &adj[u] {
                let c = community[v];
                if links_to[c] == 0.0 {
                    touched.push(c);
                }
                links_to[c] += w;
            }
            total[cu] -= strength[u];
            // Gain of joining c: links to c - strength·total(c)/2m.
            let gain = |c: usize, links: f64| links - strength[u] * total[c] / (2.0 * m);
            let mut best = cu;
            let mut best_gain = gain(cu, links_to[cu]);
            // Lowest community number first among equal gains: stable.
            touched.sort_unstable();
            for &c in &touched {
                let g = gain(c, links_to[c]);
                if g > best_gain + 1e-12 {
                    best = c;
                    best_gain = g;
                }
            }
            for &c in &touched {
                links_to[c] = 0.0;
            }
            touched.clear();
            total[best] += strength[u];
            if best != cu {
                community[u] = best;
                moved = true;
                moved_any = true;
                for &(v, _) in &adj[u] {
                    unsettled[v] = true;
                }
            }
        }
        if !moved {
            break;
        }
    }
    (moved_any, community)
}

/// Newman's modularity Q of a partition.
pub fn modularity(adj: &[Vec<(usize, f64)>], m: f64, of: &[usize]) -> f64 {
    if m <= 0.0 {
        return 0.0;
    }
    // Dense arrays summed in community order: the same figure to the last
    // bit on every run, so that restarts compare equal partitions as equal.
    let count = of.iter().max().map_or(0, |&c| c + 1);
    let mut internal = vec![0.0f64; count];
    let mut strength = vec![0.0f64; count];
    for (u, edges) in adj.iter().enumerate() {
        for &(v, w) in edges {
            strength[of[u]] += w;
            if of[u] == of[v] {
                internal[of[u]] += w;
            }
        }
    }
    (internal.iter().zip(&strength))
        .map(|(inside, s)| inside / 2.0 / m - (s / (2.0 * m)).powi(2))
        .sum()
}
