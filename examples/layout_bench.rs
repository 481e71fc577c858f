//! Times the force layout on a graph, and says how good the layout is.
//!
//! `cargo run --release --example layout_bench -- GRAPH.json|VAULT [--steps K] [--threads T] [--no-topics] [--multilevel|--plain]`
//!
//! GRAPH.json is `{"nodes":[...],"edges":[[i,j],...]}` with i and j
//! positions in `nodes`, so the same graph can be timed with other tools;
//! `chain:N` and `star:N` are made up on the spot.
//! A vault folder works too, and is laid out as the window lays it out:
//! pulled by its topics (communities and their finer levels) unless
//! `--no-topics`. A big graph starts multilevel, a small one from the
//! spiral, unless `--multilevel` or `--plain` says which. Prints one JSON
//! line:
//! `{"n":..,"m":..,"ms_per_step":..,"settle_ms":..,"settle_steps":..,"purity":..,"edge_cv":..}`:
//! the median of K steps from a fresh start (K = 0 skips it), the time
//! (wall clock and CPU, all threads) and steps from scratch to rest, the
//! peak memory, and at rest:
//! - `purity`: for every note with a link, the share of its 10 nearest
//!   notes that are in its own community (`analysis::communities`'s `of`),
//!   averaged, as `examples/peers/layout_topics.py` measures it with
//!   networkx's communities (vault folders only);
//! - `edge_cv`: the coefficient of variation (standard deviation over
//!   mean) of the lengths of the distinct links.

// The binary's allocator, so that figures match what users get.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use notegraph::layout::{LayoutParams, Simulation, TopicLevels};
use std::time::Instant;

struct Input {
    n: usize,
    edges: Vec<(u32, u32)>,
    /// The community of each note, and the levels the layout pulls by.
    topics: Option<(Vec<usize>, TopicLevels)>,
}

fn load(path: &str) -> Input {
    if let Some(shape) = hostile(path) {
        return shape;
    }
    if std::path::Path::new(path).is_dir() {
        let vault = notegraph::vault::load(path.as_ref()).expect("readable vault");
        let graph = notegraph::NoteGraph::build(&vault);
        let mut edges = Vec::new();
        for id in 0..vault.notes.len() {
            for t in graph.targets(id, None) {
                edges.push((id as u32, t as u32));
            }
        }
        let c = notegraph::analysis::communities::communities(&vault, &graph);
        let levels = TopicLevels::of_notes(&c.consensus, &c.finer);
        return Input {
            n: vault.notes.len(),
            edges,
            topics: Some((c.of, levels)),
        };
    }
    let text = std::fs::read_to_string(path).expect("readable GRAPH.json");
    let doc: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let n = doc["nodes"].as_array().expect("nodes array").len();
    let edges = doc["edges"]
        .as_array()
        .expect("edges array")
        .iter()
        .filter_map(|e| Some((e[0].as_u64()? as u32, e[1].as_u64()? as u32)))
        .filter(|&(a, b)| (a as usize) < n && (b as usize) < n)
        .collect();
    Input {
        n,
        edges,
        topics: None,
    }
}

/// How a run starts: `None` as the library chooses by size.
type Start = Option<bool>;

/// `chain:N` (a path of N nodes) and `star:N` (one hub, N - 1 leaves):
/// the shapes that coarsening and the quadtree find hardest.
fn hostile(path: &str) -> Option<Input> {
    let (shape, n) = path.split_once(':')?;
    let n: u32 = n.parse().ok()?;
    let edges = match shape {
        "chain" => (1..n).map(|i| (i - 1, i)).collect(),
        "star" => (1..n).map(|i| (0, i)).collect(),
        _ => return None,
    };
    Some(Input {
        n: n as usize,
        edges,
        topics: None,
    })
}

/// CPU time this process has used, every thread, in ms (Linux's
/// /proc/self/stat, at its 100 ticks a second): on a shared machine a
/// steadier figure than the wall clock.
fn cpu_ms() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after_name = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i)?.parse::<f64>().ok();
    // utime and stime, fields 14 and 15 of the whole line.
    Some((ticks(11)? + ticks(12)?) * 10.0)
}

/// The most memory this process has held, in MB (Linux's VmHWM).
fn peak_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some((kb / 1024.0).round())
}

fn fresh(input: &Input, with_topics: bool, start: Start) -> Simulation {
    let n = input.n;
    let mut sim = Simulation::new(
        &vec![None; n],
        vec![5.0; n],
        input.edges.clone(),
        LayoutParams::default(),
        1,
    );
    if let (true, Some((_, levels))) = (with_topics, &input.topics) {
        sim.set_topics(levels.clone());
    }
    if let Some(multilevel) = start {
        sim.set_multilevel(multilevel);
    }
    sim
}

fn main() {
    env_logger::init();
    let mut args = std::env::args().skip(1);
    let usage = "usage: layout_bench GRAPH.json|VAULT [--steps K] [--threads T] [--no-topics] [--multilevel|--plain]";
    let path = args.next().expect(usage);
    let mut steps = 50usize;
    let mut with_topics = true;
    let mut start: Start = None;
    while let Some(flag) = args.next() {
        match flag.as_str() {
            "--steps" => steps = args.next().and_then(|s| s.parse().ok()).expect(usage),
            "--no-topics" => with_topics = false,
            "--multilevel" => start = Some(true),
            "--plain" => start = Some(false),
            "--threads" => {
                let t: usize = args.next().and_then(|s| s.parse().ok()).expect(usage);
                rayon::ThreadPoolBuilder::new()
                    .num_threads(t)
                    .build_global()
                    .expect("thread pool");
            }
            _ => panic!("{usage}"),
        }
    }
    let input = load(&path);

    let mut sim = fresh(&input, with_topics, start);
    let mut times: Vec<f64> = Vec::with_capacity(steps);
    for _ in 0..steps {
        let t = Instant::now();
        if !sim.step() {
            break;
        }
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let median = times.get(times.len() / 2).copied().unwrap_or(0.0);

    let mut sim = fresh(&input, with_topics, start);
    let multilevel = sim.starts_multilevel();
    let (t, cpu) = (Instant::now(), cpu_ms());
    let settle_steps = sim.run(100_000);
    let settle_ms = t.elapsed().as_secs_f64() * 1000.0;
    let settle_cpu_ms = cpu_ms().zip(cpu).map(|(after, before)| after - before);
    let pos = sim.positions();
    let pairs = distinct_pairs(&input.edges);
    let purity = input.topics.as_ref().map(|(of, _)| purity(pos, of, &pairs));
    let round3 = |x: f64| (x * 1000.0).round() / 1000.0;
    println!(
        "{}",
        serde_json::json!({
            "n": input.n,
            "m": input.edges.len(),
            "topics": with_topics && input.topics.is_some(),
            "multilevel": multilevel,
            "ms_per_step": round3(median),
            "settle_ms": settle_ms.round(),
            "settle_steps": settle_steps,
            "settle_cpu_ms": settle_cpu_ms,
            "purity": purity.map(round3),
            "edge_cv": round3(edge_cv(pos, &pairs)),
            "peak_mb": peak_mb(),
        })
    );
}

/// Each link once, in one direction, without loops.
fn distinct_pairs(edges: &[(u32, u32)]) -> Vec<(u32, u32)> {
    let mut pairs: Vec<(u32, u32)> = (edges.iter())
        .filter(|(a, b)| a != b)
        .map(|&(a, b)| (a.min(b), a.max(b)))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

fn dist(a: [f32; 2], b: [f32; 2]) -> f64 {
    let (dx, dy) = ((a[0] - b[0]) as f64, (a[1] - b[1]) as f64);
    (dx * dx + dy * dy).sqrt()
}

fn edge_cv(pos: &[[f32; 2]], pairs: &[(u32, u32)]) -> f64 {
    let lengths: Vec<f64> = (pairs.iter())
        .map(|&(a, b)| dist(pos[a as usize], pos[b as usize]))
        .collect();
    let k = lengths.len().max(1) as f64;
    let mean = lengths.iter().sum::<f64>() / k;
    let var = lengths.iter().map(|l| (l - mean).powi(2)).sum::<f64>() / k;
    var.sqrt() / mean.max(f64::MIN_POSITIVE)
}

const NEAREST: usize = 10;

/// The mean share of each linked note's 10 nearest notes in its own
/// community, the nearest found on a grid of about four notes a cell.
fn purity(pos: &[[f32; 2]], community: &[usize], pairs: &[(u32, u32)]) -> f64 {
    use rayon::prelude::*;
    let mut linked = vec![false; pos.len()];
    for &(a, b) in pairs {
        linked[a as usize] = true;
        linked[b as usize] = true;
    }
    let grid = Grid::of(pos);
    let shares: Vec<f64> = (0..pos.len())
        .into_par_iter()
        .filter(|&i| linked[i])
        .map(|i| {
            let near = grid.nearest(pos, i);
            let same = near.iter().filter(|&&j| community[j] == community[i]);
            same.count() as f64 / near.len().max(1) as f64
        })
        .collect();
    shares.iter().sum::<f64>() / shares.len().max(1) as f64
}

struct Grid {
    min: [f32; 2],
    cell: f32,
    side: usize,
    /// Points sorted by cell, and where each cell's run starts.
    points: Vec<u32>,
    start: Vec<u32>,
}

impl Grid {
    fn of(pos: &[[f32; 2]]) -> Grid {
        let (mut min, mut max) = ([f32::MAX; 2], [f32::MIN; 2]);
        for p in pos {
            for d in 0..2 {
                min[d] = min[d].min(p[d]);
                max[d] = max[d].max(p[d]);
            }
        }
        let extent = (max[0] - min[0]).max(max[1] - min[1]).max(1.0);
        let side = ((pos.len() as f32 / 4.0).sqrt().ceil() as usize).clamp(1, 4096);
        let cell = extent / side as f32 * 1.0001;
        let mut grid = Grid {
            min,
            cell,
            side,
            points: Vec::new(),
            start: Vec::new(),
        };
        let mut keyed: Vec<(usize, u32)> = (pos.iter().enumerate())
            .map(|(i, &p)| (grid.key(grid.cell_of(p)), i as u32))
            .collect();
        keyed.sort_unstable();
        grid.start = vec![0; side * side + 1];
        for &(k, _) in &keyed {
            grid.start[k + 1] += 1;
        }
        for k in 0..side * side {
            grid.start[k + 1] += grid.start[k];
        }
        grid.points = keyed.into_iter().map(|(_, i)| i).collect();
        grid
    }

    fn cell_of(&self, p: [f32; 2]) -> [usize; 2] {
        let c = |d: usize| (((p[d] - self.min[d]) / self.cell) as usize).min(self.side - 1);
        [c(0), c(1)]
    }

    fn key(&self, [x, y]: [usize; 2]) -> usize {
        y * self.side + x
    }

    /// The `NEAREST` points nearest point `i`, ties by index, searched ring
    /// by ring of cells until no farther ring can hold a nearer point.
    fn nearest(&self, pos: &[[f32; 2]], i: usize) -> Vec<usize> {
        let [cx, cy] = self.cell_of(pos[i]);
        let mut best: Vec<(f64, usize)> = Vec::with_capacity(NEAREST + 1);
        for ring in 0..self.side {
            let (lo_x, hi_x) = (cx.saturating_sub(ring), (cx + ring).min(self.side - 1));
            let (lo_y, hi_y) = (cy.saturating_sub(ring), (cy + ring).min(self.side - 1));
            for y in lo_y..=hi_y {
                for x in lo_x..=hi_x {
                    let on_ring = x.abs_diff(cx) == ring || y.abs_diff(cy) == ring;
                    if !on_ring {
                        continue;
                    }
                    let k = self.key([x, y]);
                    for &j in &self.points[self.start[k] as usize..self.start[k + 1] as usize] {
                        let j = j as usize;
                        if j != i {
                            best.push((dist(pos[i], pos[j]), j));
                        }
                    }
                }
            }
            best.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            best.truncate(NEAREST);
            let reach = ring as f64 * self.cell as f64;
            if best.len() == NEAREST && best[NEAREST - 1].0 <= reach {
                break;
            }
        }
        best.into_iter().map(|(_, j)| j).collect()
    }
}
