//! Barnes–Hut quadtree: far groups of nodes act as one mass at their centre.

const MAX_DEPTH: u32 = 24;
const NONE: u32 = u32::MAX;

#[derive(Debug, Clone)]
struct Quad {
    cx: f32,
    cy: f32,
    half: f32,
    /// Number of points below, and the sum of their coordinates.
    count: f32,
    sum_x: f32,
    sum_y: f32,
    children: [u32; 4],
    /// First point of a leaf; more follow through `next_point`.
    point: u32,
}

pub(super) struct QuadTree {
    quads: Vec<Quad>,
    next_point: Vec<u32>,
}

impl QuadTree {
    pub(super) fn build(pos: &[[f32; 2]]) -> QuadTree {
        let (mut min_x, mut min_y, mut max_x, mut max_y) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for p in pos {
            min_x = min_x.min(p[0]);
            min_y = min_y.min(p[1]);
            max_x = max_x.max(p[0]);
            max_y = max_y.max(p[1]);
        }
        let half = ((max_x - min_x).max(max_y - min_y) / 2.0).max(1.0) * 1.001;
        let mut tree = QuadTree {
            quads: Vec::with_capacity(pos.len() * 2),
            next_point: vec![NONE; pos.len()],
        };
        if pos.is_empty() {
            return tree;
        }
        tree.quads.push(Quad::new(
            (min_x + max_x) / 2.0,
            (min_y + max_y) / 2.0,
            half,
        ));
        for (i, p) in pos.iter().enumerate() {
            if p[0].is_finite() && p[1].is_finite() {
                tree.insert(i as u32, *p, pos);
            }
        }
        tree
    }

    fn insert(&mut self, i: u32, p: [f32; 2], pos: &[[f32; 2]]) {
        let mut q = 0usize;
        let mut depth = 0;
        loop {
            let quad = &mut self.quads[q];
            quad.count += 1.0;
            quad.sum_x += p[0];
            quad.sum_y += p[1];
            if quad.children != [NONE; 4] {
                q = self.child_for(q, p);
                depth += 1;
                continue;
            }
            if quad.point == NONE {
                quad.point = i;
                return;
            }
            let resident = quad.point;
            let rp = pos[resident as usize];
            if depth >= MAX_DEPTH || rp == p {
                // Coincident (or nearly): share the leaf.
                self.next_point[i as usize] = resident;
                self.quads[q].point = i;
                return;
            }
            // Split: move the resident chain one level down, then go on.
            let mut chain_len = 0.0;
            let mut r = resident;
            while r != NONE {
                chain_len += 1.0;
                r = self.next_point[r as usize];
            }
            self.quads[q].point = NONE;
            let child = self.child_for(q, rp);
            let c = &mut self.quads[child];
            c.count = chain_len;
            c.sum_x = rp[0] * chain_len;
            c.sum_y = rp[1] * chain_len;
            c.point = resident;
            q = self.child_for(q, p);
            depth += 1;
        }
    }

    /// Index of the child quad of `q` containing `p`, created if missing.
    fn child_for(&mut self, q: usize, p: [f32; 2]) -> usize {
        let quad = &self.quads[q];
        let east = p[0] >= quad.cx;
        let south = p[1] >= quad.cy;
        let slot = (east as usize) | ((south as usize) << 1);
        if quad.children[slot] != NONE {
            return quad.children[slot] as usize;
        }
        let h = quad.half / 2.0;
        let cx = quad.cx + if east { h } else { -h };
        let cy = quad.cy + if south { h } else { -h };
        self.quads.push(Quad::new(cx, cy, h));
        let index = self.quads.len() - 1;
        self.quads[q].children[slot] = index as u32;
        index
    }

    /// Velocity change on point `i` from all others (negative strength repels).
    pub(super) fn force_on(
        &self,
        i: usize,
        pos: &[[f32; 2]],
        theta: f32,
        strength: f32,
    ) -> [f32; 2] {
        let mut out = [0.0f32; 2];
        if self.quads.is_empty() {
            return out;
        }
        let p = pos[i];
        let mut stack: Vec<u32> = Vec::with_capacity(64);
        stack.push(0);
        let theta2 = theta * theta;
        while let Some(q) = stack.pop() {
            let quad = &self.quads[q as usize];
            if quad.count == 0.0 {
                continue;
            }
            let is_leaf = quad.children == [NONE; 4];
            let (mx, my) = (quad.sum_x / quad.count, quad.sum_y / quad.count);
            let dx = mx - p[0];
            let dy = my - p[1];
            let l2 = dx * dx + dy * dy;
            let width = quad.half * 2.0;
            if !is_leaf && width * width < theta2 * l2 {
                apply(&mut out, dx, dy, l2, strength * quad.count);
                continue;
            }
            if is_leaf {
                let mut r = quad.point;
                while r != NONE {
                    if r as usize != i {
                        let rp = pos[r as usize];
                        let (dx, dy) = (rp[0] - p[0], rp[1] - p[1]);
                        let (dx, dy) = if dx == 0.0 && dy == 0.0 {
                            // Coincident: a small push fixed by the pair.
                            let s = if (r as usize) < i { 1.0 } else { -1.0 };
                            (0.01 * s, 0.007 * s)
                        } else {
                            (dx, dy)
                        };
                        apply(&mut out, dx, dy, dx * dx + dy * dy, strength);
                    }
                    r = self.next_point[r as usize];
                }
                continue;
            }
            for &c in &quad.children {
                if c != NONE {
                    stack.push(c);
                }
            }
        }
        out
    }
}

fn apply(out: &mut [f32; 2], dx: f32, dy: f32, l2: f32, strength: f32) {
    // d3 clamps tiny distances so near neighbours are not shot away.
    let l2 = l2.max(1.0);
    let f = strength / l2;
    out[0] += dx * f;
    out[1] += dy * f;
}

impl Quad {
    fn new(cx: f32, cy: f32, half: f32) -> Quad {
        Quad {
            cx,
            cy,
            half,
            count: 0.0,
            sum_x: 0.0,
            sum_y: 0.0,
            children: [NONE; 4],
            point: NONE,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// With theta 0 the tree must give the exact pairwise sum.
    #[test]
    fn matches_brute_force_at_theta_zero() {
        let pos: Vec<[f32; 2]> = (0..200)
            .map(|i| super::super::spiral_position(i, 7.0))
            .chain([[3.0, 3.0], [3.0, 3.0]])
            .collect();
        let tree = QuadTree::build(&pos);
        for i in [0usize, 17, 150, 200] {
            let got = tree.force_on(i, &pos, 0.0, -1.0);
            let mut want = [0.0f32; 2];
            for (j, q) in pos.iter().enumerate() {
                if j != i && q != &pos[i] {
                    let (dx, dy) = (q[0] - pos[i][0], q[1] - pos[i][1]);
                    apply(&mut want, dx, dy, dx * dx + dy * dy, -1.0);
                }
            }
            if pos[i] != [3.0, 3.0] {
                assert!(
                    (got[0] - want[0]).abs() < 1e-3 && (got[1] - want[1]).abs() < 1e-3,
                    "{i}: {got:?} vs {want:?}"
                );
            }
        }
    }

    #[test]
    fn counts_every_point() {
        let pos: Vec<[f32; 2]> = (0..1000)
            .map(|i| super::super::spiral_position(i, 3.0))
            .collect();
        let tree = QuadTree::build(&pos);
        assert_eq!(tree.quads[0].count, 1000.0);
    }
}
