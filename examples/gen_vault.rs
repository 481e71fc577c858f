//! Writes a deterministic synthetic vault in the seed-note format, of any
//! size, for benchmarks and scale tests.
//!
//! `cargo run --release --example gen_vault -- N OUTDIR [--seed S] [--graph-json FILE]`
//!
//! About 3 links per note with power-law degrees (preferential attachment),
//! 5 % isolated notes, about 1 % dead links, a few prerequisite cycles, one
//! note in 500 with broken frontmatter. `--graph-json` also writes the link
//! graph as `{"nodes":[...],"edges":[[i,j],...]}` for `layout_bench`.
//!
//! Body sentences draw from a Zipf-distributed vocabulary of `VOCABULARY`
//! words (the technical words below first, then synthesised pseudo-words),
//! so that full-text search sees a realistic spread of rare and common
//! terms.

use std::fmt::Write as _;
use std::path::PathBuf;

/// splitmix64: small, fast and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "cache",
    "queue",
    "index",
    "replica",
    "shard",
    "quorum",
    "lease",
    "log",
    "snapshot",
    "vector",
    "clock",
    "gossip",
    "bloom",
    "filter",
    "tree",
    "heap",
    "graph",
    "stream",
    "batch",
    "window",
    "join",
    "lock",
    "latch",
    "buffer",
    "page",
    "segment",
    "compaction",
    "leader",
    "follower",
    "token",
    "bucket",
    "ring",
    "hash",
    "partition",
    "schema",
    "codec",
    "frame",
    "socket",
    "route",
];
const TYPES: &[&str] = &["concept", "pattern", "technique", "tool", "algorithm"];
const STATUSES: &[&str] = &[
    "mastered", "done", "learning", "learning", "todo", "todo", "todo", "review",
];
const DIFFICULTIES: &[&str] = &["easy", "medium", "medium", "hard"];
const TAGS: &[&str] = &[
    "distributed",
    "storage",
    "networking",
    "reliability",
    "performance",
    "algorithms",
    "consistency",
    "interview",
    "fundamentals",
    "security",
    "observability",
    "databases",
];

/// Words in the body vocabulary.
const VOCABULARY: usize = 20_000;
const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ze", "po", "gra", "tel", "bin", "dor", "fex",
    "hul", "jan", "kir", "mod", "nar", "pel", "quo", "ris", "sut", "tam", "ulv", "ver", "wix",
    "yol", "zan", "bre", "cla", "dri", "flo", "gno", "pha", "sko", "tri", "vol", "xen",
];

/// Words by rank and their cumulative Zipf weights (1/rank).
struct Vocabulary {
    words: Vec<String>,
    cumulative: Vec<f64>,
}

impl Vocabulary {
    fn new() -> Vocabulary {
        let mut words: Vec<String> = WORDS.iter().map(|w| w.to_string()).collect();
        let mut i = 0usize;
        while words.len() < VOCABULARY {
            // Index i written in base SYLLABLES.len(), two syllables at least.
            let (mut n, mut word) = (i + SYLLABLES.len(), String::new());
            while n > 0 {
                word.push_str(SYLLABLES[n % SYLLABLES.len()]);
                n /= SYLLABLES.len();
            }
            words.push(word);
            i += 1;
        }
        let mut total = 0.0;
        let cumulative = (0..words.len())
            .map(|r| {
                total += 1.0 / (r as f64 + 1.0);
                total
            })
            .collect();
        Vocabulary { words, cumulative }
    }

    fn pick(&self, rng: &mut Rng) -> &str {
        let total = *self.cumulative.last().unwrap();
        let x = (rng.next() >> 11) as f64 / (1u64 << 53) as f64 * total;
        let i = self.cumulative.partition_point(|&c| c < x);
        &self.words[i.min(self.words.len() - 1)]
    }
}

struct Note {
    folder: usize,
    title: String,
    prerequisites: Vec<usize>,
    related: Vec<usize>,
    compare: Vec<usize>,
    dead: Vec<String>,
}

fn main() {
    let mut args = std::env::args().skip(1);
    let usage = "usage: gen_vault N OUTDIR [--seed S] [--graph-json FILE]";
    let n: usize = args.next().and_then(|s| s.parse().ok()).expect(usage);
    let out = PathBuf::from(args.next().expect(usage));
    let mut seed = 1u64;
    let mut graph_json: Option<PathBuf> = None;
    while let Some(flag) = args.next() {
        match flag.as_str() {
            "--seed" => seed = args.next().and_then(|s| s.parse().ok()).expect(usage),
            "--graph-json" => graph_json = Some(args.next().expect(usage).into()),
            _ => panic!("{usage}"),
        }
    }
    let mut rng = Rng(seed);
    let vocabulary = Vocabulary::new();
    let folders = (n / 400).clamp(4, 40);
    let folder_names: Vec<String> = (0..folders)
        .map(|f| format!("{}-{}", WORDS[f % WORDS.len()], f))
        .collect();

    // Preferential attachment: picking a uniform entry of `pool` picks a
    // note with probability proportional to its degree.
    let mut pool: Vec<usize> = Vec::with_capacity(n * 6);
    let mut notes: Vec<Note> = Vec::with_capacity(n);
    for i in 0..n {
        let title = format!("{} {} {}", capitalize(rng.pick(WORDS)), rng.pick(WORDS), i);
        let mut note = Note {
            folder: rng.below(folders),
            title,
            prerequisites: Vec::new(),
            related: Vec::new(),
            compare: Vec::new(),
            dead: Vec::new(),
        };
        let isolated = i > 0 && rng.chance(5);
        if !isolated && i > 0 {
            let links = 1 + rng.below(5); // 1..=5, 3 on average
            for _ in 0..links {
                let target = if pool.is_empty() || rng.chance(20) {
                    rng.below(i)
                } else {
                    pool[rng.below(pool.len())]
                };
                if target == i {
                    continue;
                }
                match rng.below(10) {
                    0..=4 => note.prerequisites.push(target),
                    5..=8 => note.related.push(target),
                    _ => note.compare.push(target),
                }
                pool.push(target);
                pool.push(i);
            }
            if rng.chance(3) {
                note.dead
                    .push(format!("missing-topic-{}", rng.below(n.max(1) * 10)));
            }
        }
        if isolated {
            // Isolated notes are never linked to either.
            note.title.push_str(" (standalone)");
        }
        notes.push(note);
    }
    // Isolated notes must stay isolated: drop links that reach them.
    let standalone: Vec<bool> = notes
        .iter()
        .map(|n| n.title.ends_with("(standalone)"))
        .collect();
    for note in &mut notes {
        for list in [
            &mut note.prerequisites,
            &mut note.related,
            &mut note.compare,
        ] {
            list.retain(|&t| !standalone[t]);
            list.sort_unstable();
            list.dedup();
        }
    }
    // A few prerequisite cycles: a prerequisite points back at its dependant.
    for c in 0..(n / 2000 + 1).min(n / 4) {
        let i = n - 1 - c * 3;
        if let Some(&p) = notes[i].prerequisites.first() {
            if !notes[p].prerequisites.contains(&i) {
                notes[p].prerequisites.push(i);
            }
        }
    }

    std::fs::create_dir_all(&out).expect("create OUTDIR");
    for f in &folder_names {
        std::fs::create_dir_all(out.join(f)).expect("create folder");
    }
    let stem = |i: usize| format!("note-{i:06}");
    let link = |from: usize, to: usize, notes: &[Note]| -> String {
        if notes[from].folder == notes[to].folder {
            format!("{}.md", stem(to))
        } else {
            format!("../{}/{}.md", folder_names[notes[to].folder], stem(to))
        }
    };
    let mut edges: Vec<(usize, usize)> = Vec::new();
    for (i, note) in notes.iter().enumerate() {
        let mut text = String::with_capacity(1400);
        if i % 500 == 250 {
            // Broken frontmatter: an unclosed quote.
            let _ = writeln!(text, "---\nid: {}\ntitle: \"{}\n---", stem(i), note.title);
        } else {
            let mut tags = vec![rng.pick(TAGS)];
            if rng.chance(60) {
                tags.push(rng.pick(TAGS));
            }
            tags.dedup();
            let _ = write!(
                text,
                "---\nid: {}\ntitle: \"{}\"\ntype: {}\nstatus: {}\nimportance: {}\ndifficulty: {}\n\
                 tags: [{}]\ncanonical: {}\naliases: [{}]\ncreated_at: 2025-{:02}-{:02}\nupdated_at: 2026-{:02}-{:02}\n---\n",
                stem(i),
                note.title,
                rng.pick(TYPES),
                rng.pick(STATUSES),
                10 + rng.below(91),
                rng.pick(DIFFICULTIES),
                tags.join(", "),
                rng.chance(80),
                if rng.chance(10) { format!("\"{} alias\"", note.title) } else { String::new() },
                1 + rng.below(12),
                1 + rng.below(28),
                1 + rng.below(12),
                1 + rng.below(28),
            );
        }
        let _ = write!(text, "\n# {}\n\n## TL;DR\n", note.title);
        for _ in 0..3 {
            let _ = writeln!(text, "- {}.", sentence(&vocabulary, &mut rng, 12));
        }
        let _ = write!(
            text,
            "\n## Definition\n**What it is:** {}.\n\n",
            sentence(&vocabulary, &mut rng, 25)
        );
        let _ = write!(
            text,
            "## Why it matters\n- {}.\n- {}.\n\n",
            sentence(&vocabulary, &mut rng, 14),
            sentence(&vocabulary, &mut rng, 14)
        );
        let _ = write!(
            text,
            "## Pitfalls\n- {}.\n\n",
            sentence(&vocabulary, &mut rng, 18)
        );
        text.push_str("## Links (NO duplication)\n### Prerequisites\n");
        for &t in &note.prerequisites {
            let _ = writeln!(text, "- [{}]({})", notes[t].title, link(i, t, &notes));
            edges.push((i, t));
        }
        for dead in &note.dead {
            let _ = writeln!(text, "- [{dead}]({dead}.md)");
        }
        text.push_str("\n### Related topics\n");
        for &t in &note.related {
            let _ = writeln!(text, "- [{}]({})", notes[t].title, link(i, t, &notes));
            edges.push((i, t));
        }
        text.push_str("\n### Compare with\n");
        for &t in &note.compare {
            let _ = writeln!(
                text,
                "- [{}]({}) — {}.",
                notes[t].title,
                link(i, t, &notes),
                sentence(&vocabulary, &mut rng, 5)
            );
            edges.push((i, t));
        }
        let path = out
            .join(&folder_names[note.folder])
            .join(format!("{}.md", stem(i)));
        std::fs::write(path, text).expect("write note");
    }
    if let Some(path) = graph_json {
        let nodes: Vec<String> = (0..n).map(stem).collect();
        let doc = serde_json::json!({"nodes": nodes, "edges": edges});
        std::fs::write(path, doc.to_string()).expect("write graph json");
    }
    eprintln!(
        "wrote {n} notes, {} links, into {}",
        edges.len(),
        out.display()
    );
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

fn sentence(vocabulary: &Vocabulary, rng: &mut Rng, words: usize) -> String {
    let mut s = capitalize(vocabulary.pick(rng));
    for _ in 1..words {
        s.push(' ');
        s.push_str(vocabulary.pick(rng));
    }
    s
}
