//! Barnes–Hut quadtree: far groups of nodes act as one mass at their centre.
//!
//! Built once per step. The arrays read while walking the tree are kept
//! apart from those only used while building, so the walk stays in cache.

const MAX_DEPTH: u32 = 24;
const NONE: u32 = u32::MAX;
const LEAF: [u32; 4] = [NONE; 4];

pub(super) struct QuadTree {
    /// Per quad: centre of mass x, y, point count, and (2·half)².
    mass: Vec<[f32; 4]>,
    children: Vec<[u32; 4]>,
    /// First point of a leaf; more follow through `next_point`.
    point: Vec<u32>,
    next_point: Vec<u32>,
    /// Per quad, while building: centre x, y and half size.
    bounds: Vec<[f32; 3]>,
}

impl QuadTree {
    /// `mass[i]` is how much point `i` weighs; empty: 1 each.
    pub(super) fn build(pos: &[[f32; 2]], mass: &[f32]) -> QuadTree {
        let (mut min_x, mut min_y, mut max_x, mut max_y) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for p in pos.iter().filter(|p| p[0].is_finite() && p[1].is_finite()) {
            min_x = min_x.min(p[0]);
            min_y = min_y.min(p[1]);
            max_x = max_x.max(p[0]);
            max_y = max_y.max(p[1]);
        }
        let capacity = pos.len() * 2 + 1;
        let mut tree = QuadTree {
            mass: Vec::with_capacity(capacity),
            children: Vec::with_capacity(capacity),
            point: Vec::with_capacity(capacity),
            next_point: vec![NONE; pos.len()],
            bounds: Vec::with_capacity(capacity),
        };
        if min_x > max_x {
            return tree;
        }
        let half = ((max_x - min_x).max(max_y - min_y) / 2.0).max(1.0) * 1.001;
        tree.push_quad((min_x + max_x) / 2.0, (min_y + max_y) / 2.0, half);
        for (i, p) in pos.iter().enumerate() {
            if p[0].is_finite() && p[1].is_finite() {
                tree.insert(i as u32, *p, pos, mass);
            }
        }
        // Sums to centres of mass, once, so the walk does no division.
        for m in &mut tree.mass {
            if m[2] > 0.0 {
                m[0] /= m[2];
                m[1] /= m[2];
            }
        }
        tree
    }

    fn push_quad(&mut self, cx: f32, cy: f32, half: f32) -> usize {
        self.mass.push([0.0, 0.0, 0.0, (2.0 * half) * (2.0 * half)]);
        self.children.push(LEAF);
        self.point.push(NONE);
        self.bounds.push([cx, cy, half]);
        self.mass.len() - 1
    }

    fn add_mass(&mut self, q: usize, p: [f32; 2], count: f32) {
        let m = &mut self.mass[q];
        m[0] += p[0] * count;
        m[1] += p[1] * count;
        m[2] += count;
    }

    fn insert(&mut self, i: u32, p: [f32; 2], pos: &[[f32; 2]], mass: &[f32]) {
        let weight = |i: u32| mass.get(i as usize).copied().unwrap_or(1.0);
        let mut q = 0usize;
        let mut depth = 0;
        loop {
            self.add_mass(q, p, weight(i));
            if self.children[q] != LEAF {
                q = self.child_for(q, p);
                depth += 1;
                continue;
            }
            let resident = self.point[q];
            if resident == NONE {
                self.point[q] = i;
                return;
            }
            let rp = pos[resident as usize];
            if depth >= MAX_DEPTH || rp == p {
                // Coincident (or nearly): share the leaf.
                self.next_point[i as usize] = resident;
                self.point[q] = i;
                return;
            }
            // Split: move the resident chain one level down, then go on.
            let mut chain = 0.0;
            let mut r = resident;
            while r != NONE {
                chain += weight(r);
                r = self.next_point[r as usize];
            }
            self.point[q] = NONE;
            let child = self.child_for(q, rp);
            self.add_mass(child, rp, chain);
            self.point[child] = resident;
            q = self.child_for(q, p);
            depth += 1;
        }
    }

    /// Index of the child quad of `q` containing `p`, created if missing.
    fn child_for(&mut self, q: usize, p: [f32; 2]) -> usize {
        let [cx, cy, half] = self.bounds[q];
        let east = p[0] >= cx;
        let south = p[1] >= cy;
        let slot = (east as usize) | ((south as usize) << 1);
        let existing = self.children[q][slot];
        if existing != NONE {
            return existing as usize;
        }
        let h = half / 2.0;
        let child = self.push_quad(
            cx + if east { h } else { -h },
            cy + if south { h } else { -h },
            h,
        );
        self.children[q][slot] = child as u32;
        child
    }

    /// Velocity change on point `i` from all others (negative strength
    /// repels), each by its mass (`mass` as given to `build`).
    pub(super) fn force_on(
        &self,
        i: usize,
        pos: &[[f32; 2]],
        mass: &[f32],
        theta: f32,
        strength: f32,
    ) -> [f32; 2] {
        let mut out = [0.0f32; 2];
        if self.mass.is_empty() {
            return out;
        }
        let p = pos[i];
        // Each level pushes at most 4 quads and pops one: 3·depth + 4 fits.
        let mut stack = [0u32; 4 * MAX_DEPTH as usize + 8];
        let mut top = 1;
        let theta2 = theta * theta;
        while top > 0 {
            top -= 1;
            let q = stack[top] as usize;
            let [mx, my, count, width2] = self.mass[q];
            let children = self.children[q];
            if children == LEAF {
                let mut r = self.point[q];
                while r != NONE {
                    if r as usize != i {
                        let rp = pos[r as usize];
                        let (mut dx, mut dy) = (rp[0] - p[0], rp[1] - p[1]);
                        if dx == 0.0 && dy == 0.0 {
                            // Coincident: a small push fixed by the pair.
                            let s = if (r as usize) < i { 1.0 } else { -1.0 };
                            dx = 0.01 * s;
                            dy = 0.007 * s;
                        }
                        let w = mass.get(r as usize).copied().unwrap_or(1.0);
                        apply(&mut out, dx, dy, dx * dx + dy * dy, strength * w);
                    }
                    r = self.next_point[r as usize];
                }
                continue;
            }
            let (dx, dy) = (mx - p[0], my - p[1]);
            let l2 = dx * dx + dy * dy;
            if width2 < theta2 * l2 {
                apply(&mut out, dx, dy, l2, strength * count);
                continue;
            }
            for c in children {
                if c != NONE {
                    stack[top] = c;
                    top += 1;
                }
            }
        }
        out
    }
}

#[inline]
fn apply(out: &mut [f32; 2], dx: f32, dy: f32, l2: f32, strength: f32) {
    // d3 clamps tiny distances so near neighbours are not shot away.
    let f = strength / l2.max(1.0);
    out[0] += dx * f;
    out[1] += dy * f;
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
        let tree = QuadTree::build(&pos, &[]);
        for i in [0usize, 17, 150, 199] {
            let got = tree.force_on(i, &pos, &[], 0.0, -1.0);
            let mut want = [0.0f32; 2];
            for (j, q) in pos.iter().enumerate() {
                if j != i {
                    let (dx, dy) = (q[0] - pos[i][0], q[1] - pos[i][1]);
                    apply(&mut want, dx, dy, dx * dx + dy * dy, -1.0);
                }
            }
            assert!(
                (got[0] - want[0]).abs() < 1e-3 && (got[1] - want[1]).abs() < 1e-3,
                "{i}: {got:?} vs {want:?}"
            );
        }
    }

    /// A point of mass 3 (a coarse node of multilevel.rs) pushes as three
    /// points in its place do.
    #[test]
    fn a_heavy_point_pushes_like_as_many_points() {
        let heavy = [[0.0, 0.0], [10.0, 5.0], [-30.0, 20.0], [40.0, -8.0]];
        let mass = [1.0, 3.0, 2.0, 1.0];
        let mut many = vec![[0.0, 0.0]];
        many.extend([[10.0, 5.0]; 3]);
        many.extend([[-30.0, 20.0]; 2]);
        many.push([40.0, -8.0]);
        for theta in [0.0, 0.9] {
            let a = QuadTree::build(&heavy, &mass).force_on(0, &heavy, &mass, theta, -1.0);
            let b = QuadTree::build(&many, &[]).force_on(0, &many, &[], theta, -1.0);
            assert!(
                (a[0] - b[0]).abs() < 1e-5 && (a[1] - b[1]).abs() < 1e-5,
                "{a:?} vs {b:?}"
            );
        }
    }

    #[test]
    fn counts_every_point_and_survives_coincident_and_infinite_ones() {
        let mut pos: Vec<[f32; 2]> = (0..1000)
            .map(|i| super::super::spiral_position(i, 3.0))
            .collect();
        pos.extend([[1.0, 1.0]; 50]);
        pos.push([f32::NAN, 0.0]);
        let tree = QuadTree::build(&pos, &[]);
        assert_eq!(tree.mass[0][2], 1050.0);
        let f = tree.force_on(1000, &pos, &[], 0.9, -1.0);
        assert!(f[0].is_finite() && f[1].is_finite());
    }
}
