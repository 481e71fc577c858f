//! Hubs must not crowd the related lists: in a vault of up to
//! `UNCROWDED_MAX_NOTES`, the first `CAPPED_RANKS` places of every note's
//! list are assigned together, best pairs first, so that no note takes
//! more than one list in ten. A note over its share follows those places.
//! Where a note has fewer than five others like it, a note over its share
//! is left out of its list, in vaults of more than 50 notes (in smaller
//! ones the average note is in more than a tenth of the lists, whatever the
//! ranking, and lists are filled instead). On kepano-obsidian (52 notes,
//! many of them short) that leaves out 44 of 128 suggestions, five notes'
//! lists whole, and raises the share linked from 12 % to 16 %.
//!
//! Why: cosine similarity favours notes that hold many words (an index, a
//! long article), and the norm damping in `related.rs` only slows them
//! down: on foam-docs one note stood in 12 of 86 top-5 lists. Computing
//! every list costs one query per note (13k notes: about 0.6 s on one
//! thread), so it is done once per index, off the UI thread (the window
//! does it right after the build); past `UNCROWDED_MAX_NOTES` a list is
//! computed on its own, and shares there are small anyway (dendron-site,
//! 1,013 notes: 0.03; powershell-docs, 3,097: 0.01).

use super::index::TextIndex;
use super::vectors::Uncrowded;
use crate::vault::NoteId;
use rayon::prelude::*;

/// Places at the top of each list that are shared out.
const CAPPED_RANKS: usize = 5;
/// Candidates considered per note.
pub(super) const POOL: usize = 20;
/// Vaults up to this size get uncrowded lists.
const UNCROWDED_MAX_NOTES: usize = 20_000;

/// The shared-out first places of `index`, computed on first use (kept
/// in the index); `None` past `UNCROWDED_MAX_NOTES`.
pub(super) fn uncrowded(index: &TextIndex) -> Option<&Uncrowded> {
    (index.len() <= UNCROWDED_MAX_NOTES).then(|| index.crowd.get_or_init(|| Uncrowded::of(index)))
}

impl Uncrowded {
    fn of(index: &TextIndex) -> Uncrowded {
        let candidates: Vec<Vec<(f32, u32)>> = (0..index.len())
            .into_par_iter()
            .map(|note| cosines(index, note, POOL))
            .collect();
        let lists = candidates.iter().filter(|c| !c.is_empty()).count();
        let strict = index.len() > 10 * CAPPED_RANKS;
        let pairs = best_pairs_first(&candidates);
        let most = (lists / 10).max(1);
        let share = |cap| share_out(&pairs, candidates.len(), cap);
        if !strict {
            return Uncrowded::new(share(most), most, strict);
        }
        // Strict, a list whose first places are empty is empty: the cap is
        // a tenth of the lists left, the largest that holds (binary search:
        // one pass each, the pairs sorted once).
        let holds =
            |cap: usize, top: &[Vec<u32>]| cap * 10 <= top.iter().filter(|t| !t.is_empty()).count();
        let (mut low, mut high) = (1, most);
        // The share-out at `low`, once one has been made there.
        let mut at_low = None;
        while low < high {
            let mid = (low + high).div_ceil(2);
            let top = share(mid);
            if holds(mid, &top) {
                low = mid;
                at_low = Some(top);
            } else {
                high = mid - 1;
            }
        }
        let top = at_low.unwrap_or_else(|| share(low));
        Uncrowded::new(top, low, strict)
    }

    fn new(top: Vec<Vec<u32>>, cap: usize, strict: bool) -> Uncrowded {
        let mut taken = vec![0u32; top.len()];
        for &b in top.iter().flatten() {
            taken[b as usize] += 1;
        }
        Uncrowded {
            top,
            taken,
            cap,
            strict,
        }
    }

    /// `scored` (the note's best candidates, best first) with the shared-out
    /// places first, then the rest in order; `k` in all.
    pub(super) fn first_then_rest(
        &self,
        scored: Vec<(f32, u32)>,
        note: NoteId,
        k: usize,
    ) -> Vec<(f32, u32)> {
        let top = &self.top[note];
        let (mut first, mut rest): (Vec<_>, Vec<_>) =
            scored.into_iter().partition(|c| top.contains(&c.1));
        if self.strict && first.len() < CAPPED_RANKS {
            // Only those over their share stay out (past the candidates
            // shared out, a long list may hold others).
            rest.retain(|c| (self.taken[c.1 as usize] as usize) < self.cap);
        }
        first.extend(rest);
        first.truncate(k);
        first
    }
}

/// Best pairs first, each note gets up to `CAPPED_RANKS` candidates, each
/// candidate at most `cap` lists. A list left with fewer places than its
/// candidates allow is filled after them, in order (`first_then_rest`):
/// a note with few like it still sees them all.
fn share_out(pairs: &[(f32, u32, u32)], notes: usize, cap: usize) -> Vec<Vec<u32>> {
    let mut taken = vec![0usize; notes];
    let mut top: Vec<Vec<u32>> = vec![Vec::new(); notes];
    for &(_, a, b) in pairs {
        let list = &mut top[a as usize];
        if list.len() < CAPPED_RANKS && taken[b as usize] < cap {
            list.push(b);
            taken[b as usize] += 1;
        }
    }
    top
}

/// Every (score, note, candidate), best first (ties by note, then
/// candidate).
fn best_pairs_first(candidates: &[Vec<(f32, u32)>]) -> Vec<(f32, u32, u32)> {
    let mut pairs: Vec<(f32, u32, u32)> = (candidates.iter().enumerate())
        .flat_map(|(a, c)| c.iter().map(move |&(s, b)| (s, a as u32, b)))
        .collect();
    pairs.sort_unstable_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    pairs
}

/// The `k` best (cosine, note) for `note`, best first (ties by id).
pub(super) fn cosines(index: &TextIndex, note: NoteId, k: usize) -> Vec<(f32, u32)> {
    let rel = &index.related;
    if note >= index.len() || k == 0 || rel.norms[note] == 0.0 {
        return Vec::new();
    }
    let (terms, weights) = rel.vector(note);
    let mut acc = vec![0f32; index.len()];
    let mut touched: Vec<u32> = Vec::new();
    for (&t, &wq) in terms.iter().zip(weights) {
        let idf = index.idf(t);
        for (doc, tf) in index.postings(t) {
            if doc as usize != note {
                if acc[doc as usize] == 0.0 {
                    touched.push(doc);
                }
                acc[doc as usize] += wq * index.weight(idf, doc, tf);
            }
        }
    }
    let qnorm = rel.norms[note];
    let mut scored: Vec<(f32, u32)> = touched
        .into_iter()
        .filter(|&d| rel.norms[d as usize] > 0.0)
        .map(|d| (acc[d as usize] / (qnorm * rel.norms[d as usize]), d))
        .collect();
    let best_first = |a: &(f32, u32), b: &(f32, u32)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
    if scored.len() > k {
        scored.select_nth_unstable_by(k, best_first);
        scored.truncate(k);
    }
    scored.sort_unstable_by(best_first);
    scored
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Forty notes in eight topics of five, and a hub (note 40) that is
    /// every note's best candidate, then its four topic mates, then one
    /// note of another topic. Shared out with a cap of 5, the hub takes
    /// the first places of five lists; the others get their four mates and
    /// the other candidate, and the hub follows them (not hidden).
    #[test]
    fn a_hub_takes_at_most_its_cap_and_follows_the_rest() {
        let hub = 40u32;
        let candidates: Vec<Vec<(f32, u32)>> = (0..41u32)
            .map(|n| {
                if n == hub {
                    return Vec::new();
                }
                let topic = n / 5;
                let mut c = vec![(0.9 - n as f32 * 0.001, hub)];
                for (i, m) in (topic * 5..topic * 5 + 5).filter(|&m| m != n).enumerate() {
                    c.push((0.8 - i as f32 * 0.01, m));
                }
                c.push((0.3, (n + 5) % 40));
                c
            })
            .collect();
        let share = |c: &[Vec<(f32, u32)>], cap| share_out(&best_pairs_first(c), c.len(), cap);
        let lists = Uncrowded::new(share(&candidates, 5), 5, true);
        let with_hub = (0..40).filter(|&n| lists.top[n].contains(&hub)).count();
        assert_eq!(with_hub, 5, "the hub's first places");
        // The best pairs go first: the hub's five lists are those of the
        // notes it scores highest with.
        assert!((0..5).all(|n| lists.top[n].contains(&hub)));
        for (n, candidates) in candidates.iter().enumerate().take(40).skip(5) {
            let listed = lists.first_then_rest(candidates.clone(), n, 10);
            let order: Vec<u32> = listed.iter().map(|c| c.1).collect();
            assert_eq!(order.len(), 6);
            assert_eq!(order[5], hub, "note {n}: the hub follows ({order:?})");
            assert!(!order[..5].contains(&hub));
        }
        // A note with too few others like it still sees the hub, in a
        // small vault.
        let few = vec![vec![(0.9, 2), (0.5, 1)], vec![(0.9, 2)], vec![(0.2, 0)]];
        let lists = Uncrowded::new(share(&few, 1), 1, false);
        let order: Vec<u32> = (lists.first_then_rest(few[1].clone(), 1, 5).iter())
            .map(|c| c.1)
            .collect();
        assert_eq!(order, vec![2]);
        // Strict (a vault of more than 50 notes), it is left out instead.
        let strict = Uncrowded {
            strict: true,
            ..lists
        };
        assert!(strict.first_then_rest(few[1].clone(), 1, 5).is_empty());
    }
}
