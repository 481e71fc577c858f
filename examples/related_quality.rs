//! How good "related by content" is on a vault, against chance.
//!
//! `cargo run --release --example related_quality -- VAULT [VAULT...]`
//!
//! For every note, its top 5 related notes: the share that a link joins to
//! it (either way), and the share that are linked or share a tag; the same
//! shares for 5 random other notes per note (seeded, the same every run);
//! and the most lists any one note appears in, as a share of all lists
//! (the issue asks for at most one in ten), beside the average note's
//! share, which no ranking can put the most listed note under. One JSON
//! line per vault.

// The binary's allocator, so that figures match what users get.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use notegraph::analysis::text::TextIndex;
use notegraph::vault::{self, NoteId, Vault};
use notegraph::NoteGraph;

const TOP: usize = 5;

struct Shares {
    pairs: usize,
    linked: usize,
    linked_or_tag: usize,
}

impl Shares {
    fn add(&mut self, vault: &Vault, graph: &NoteGraph, a: NoteId, b: NoteId) {
        let linked = graph.linked(a, b);
        let tags = |n: NoteId| &vault.notes[n].frontmatter.tags;
        let shares_tag = tags(a).iter().any(|t| tags(b).contains(t));
        self.pairs += 1;
        self.linked += linked as usize;
        self.linked_or_tag += (linked || shares_tag) as usize;
    }

    fn json(&self) -> serde_json::Value {
        let share = |n: usize| (n as f64 / self.pairs.max(1) as f64 * 1000.0).round() / 1000.0;
        serde_json::json!({"pairs": self.pairs, "linked": share(self.linked), "linked_or_tag": share(self.linked_or_tag)})
    }
}

fn main() {
    for path in std::env::args().skip(1) {
        let vault = vault::load(std::path::Path::new(&path)).expect("a vault");
        let graph = NoteGraph::build(&vault);
        let index = TextIndex::build(&vault);
        let n = vault.notes.len();
        let mut related = Shares {
            pairs: 0,
            linked: 0,
            linked_or_tag: 0,
        };
        let mut random = Shares {
            pairs: 0,
            linked: 0,
            linked_or_tag: 0,
        };
        let mut appearances = vec![0usize; n];
        let mut lists = 0usize;
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let started = std::time::Instant::now();
        for a in 0..n {
            let found = index.related(&vault, a, TOP);
            if found.is_empty() {
                continue;
            }
            lists += 1;
            for r in &found {
                related.add(&vault, &graph, a, r.note);
                appearances[r.note] += 1;
            }
            for _ in 0..found.len() {
                // splitmix64
                seed = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
                let mut z = seed;
                z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
                z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
                let b = ((z ^ (z >> 31)) % (n as u64 - 1)) as usize;
                random.add(&vault, &graph, a, if b >= a { b + 1 } else { b });
            }
        }
        let most = appearances.iter().copied().max().unwrap_or(0);
        let most_listed = (0..n).max_by_key(|&i| (appearances[i], std::cmp::Reverse(i)));
        // What the average note's share is: no ranking can put the most
        // listed note below it.
        let slots: usize = appearances.iter().sum();
        let mean_share = slots as f64 / n.max(1) as f64 / lists.max(1) as f64;
        let line = serde_json::json!({
            "vault": path,
            "notes": n,
            "lists": lists,
            "related_top5": related.json(),
            "random": random.json(),
            "most_lists_one_note_is_in": most,
            "as_share_of_lists": (most as f64 / lists.max(1) as f64 * 1000.0).round() / 1000.0,
            "mean_share_of_lists": (mean_share * 1000.0).round() / 1000.0,
            "most_listed": most_listed.map(|i| vault.notes[i].path.clone()),
            "cap": index.related_cap(),
            "seconds_for_all_lists": started.elapsed().as_secs_f64(),
        });
        println!("{line}");
    }
}
