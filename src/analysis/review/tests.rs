//! The review rules on small vaults, with a fixed clock.
use super::*;
use crate::vault::tests::vault;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Good, Good, Good, Again, Good from a first review on 2026-01-01,
/// each on the day it fell due, with FSRS-5's default weights at 0.9
/// retention: the intervals grow, and a lapse shortens them.
#[test]
fn a_fixed_sequence_of_grades_gives_fixed_due_dates() {
    let fsrs = scheduler(0.9);
    let mut now = noon(day("2026-01-01"));
    let mut schedule: Option<Schedule> = None;
    let mut dues = Vec::new();
    for g in [
        Grade::Good,
        Grade::Good,
        Grade::Good,
        Grade::Again,
        Grade::Good,
    ] {
        let next = grade(&fsrs, schedule.as_ref(), g, now);
        dues.push(next.due.date_naive().to_string());
        now = next.due;
        schedule = Some(next);
    }
    // First Good: stability w[2] = 3.1262 days, interval at 0.9
    // retention = stability (FSRS: I = S at R = 0.9), rounded: 3.
    assert_eq!(dues[0], "2026-01-04");
    let intervals: Vec<i64> = dues
        .windows(2)
        .map(|w| (day(&w[1]) - day(&w[0])).num_days())
        .collect();
    assert!(intervals[0] > 3 && intervals[1] > intervals[0], "{dues:?}");
    assert!(
        intervals[2] < intervals[1],
        "a lapse comes back sooner: {dues:?}"
    );
    assert_eq!(dues, EXPECTED, "FSRS changed its dates");
}

/// Worked by hand from the FSRS formulas with rs-fsrs's default
/// weights (stability after a recall S·(1 + e^w8·(11−D)·S^−w9·(e^(w10·(1−R))−1)),
/// after a lapse w11·D^−w12·((S+1)^w13−1)·e^(w14·(1−R)), difficulty
/// w7·D0(4) + (1−w7)·(D − w6·(G−3)), interval S/(19/81)·(0.9^−2 − 1)
/// rounded): intervals 3, 11, 36, 4 and 11 days (stabilities 3.126,
/// 11.388, 36.394, 4.079, 11.028). rs-fsrs 1.2 leaves out FSRS-5's
/// damping of difficulty (ΔD·(10−D)/9), which would make the last 13.
const EXPECTED: [&str; 5] = [
    "2026-01-04",
    "2026-01-15",
    "2026-02-20",
    "2026-02-24",
    "2026-03-07",
];

#[test]
fn due_notes_come_by_overdue_importance_and_dependents() {
    let v = vault(&[
        (
            "a.md",
            "---\nid: a\nstatus: mastered\nimportance: 90\n---\n# A\n",
        ),
        (
            "b.md",
            "---\nid: b\nstatus: mastered\n---\n# B\n### Prerequisites\n- [[a]]\n",
        ),
        ("c.md", "---\nid: c\nstatus: stale\n---\n# C\n"),
        (
            "d.md",
            "---\nid: d\nstatus: todo\n---\n# D\n### Prerequisites\n- [[a]]\n",
        ),
    ]);
    let graph = NoteGraph::build(&v);
    let config = StudyConfig::default();
    let fsrs = scheduler(0.9);
    let mut schedules = Schedules::new();
    let b = &v.notes[v.note_by_path("b.md").unwrap()];
    schedules.insert(
        key_of(b),
        grade(&fsrs, None, Grade::Easy, noon(day("2026-01-01"))),
    );
    let list = due_on(&v, &graph, &config, &schedules, day("2026-01-02"), 20);
    let paths: Vec<&str> = list
        .due
        .iter()
        .map(|d| v.notes[d.note].path.as_str())
        .collect();
    assert_eq!(
        paths,
        ["a.md", "c.md"],
        "b is not due yet; d is not learned"
    );
    assert_eq!(list.reviewable, 3);
    assert_eq!(list.due[0].dependents, 2);
    let capped = due_on(&v, &graph, &config, &schedules, day("2026-01-02"), 1);
    assert_eq!((capped.due.len(), capped.total), (1, 2));
}

/// raft needs consensus, which needs networking: a Good on raft moves
/// consensus out by half of what a Good review of its own would, and
/// networking by a quarter; an Again names consensus to go over first.
#[test]
fn a_review_counts_lightly_for_the_prerequisites_it_used() {
    let v = vault(&[
        ("net.md", "---\nid: net\nstatus: mastered\n---\n# Net\n"),
        (
            "cons.md",
            "---\nid: cons\nstatus: mastered\n---\n# Cons\n### Prerequisites\n- [[net]]\n",
        ),
        (
            "raft.md",
            "---\nid: raft\nstatus: mastered\n---\n# Raft\n### Prerequisites\n- [[cons]]\n",
        ),
    ]);
    let graph = NoteGraph::build(&v);
    let (config, fsrs) = (StudyConfig::default(), scheduler(0.9));
    let deck = Deck {
        vault: &v,
        graph: &graph,
        config: &config,
        fsrs: &fsrs,
    };
    let id = |p: &str| v.note_by_path(p).unwrap();
    let start = noon(day("2026-01-01"));
    let mut schedules = Schedules::new();
    for p in ["net.md", "cons.md"] {
        schedules.insert(
            key_of(&v.notes[id(p)]),
            grade(&fsrs, None, Grade::Good, start),
        );
    }
    let now = noon(day("2026-01-03"));
    let done = deck.review(&schedules, id("raft.md"), Grade::Good, now);
    let moved: Vec<(&str, i64)> = (done.pushed.iter())
        .map(|(n, s)| {
            let own = &schedules[&key_of(&v.notes[*n])];
            let full = grade(&fsrs, Some(own), Grade::Good, now);
            let share =
                (s.due - own.due).num_seconds() as f64 / (full.due - own.due).num_seconds() as f64;
            (v.notes[*n].path.as_str(), (share * 100.0).round() as i64)
        })
        .collect();
    assert_eq!(moved, [("cons.md", 50), ("net.md", 25)]);
    let again = deck.review(&schedules, id("raft.md"), Grade::Again, now);
    assert!(again.pushed.is_empty());
    assert_eq!(again.first, [id("cons.md")]);
}

/// Obsidian's Spaced Repetition plugin's fields start a schedule.
#[test]
fn sr_due_in_the_frontmatter_is_a_starting_schedule() {
    let v = vault(&[
        ("later.md", "---\nid: later\nstatus: mastered\nsr-due: 2030-01-01\nsr-interval: 30\nsr-ease: 250\n---\n# L\n"),
        ("now.md", "---\nid: now\nstatus: mastered\nsr-due: 2026-01-01\n---\n# N\n"),
    ]);
    let graph = NoteGraph::build(&v);
    let list = due_on(
        &v,
        &graph,
        &StudyConfig::default(),
        &Schedules::new(),
        day("2026-06-01"),
        20,
    );
    let paths: Vec<&str> = list
        .due
        .iter()
        .map(|d| v.notes[d.note].path.as_str())
        .collect();
    assert_eq!(paths, ["now.md"], "sr-due 2030 is not due");
    assert_eq!(list.due[0].overdue_days, 151);
    let later = schedule_of(
        &v.notes[v.note_by_path("later.md").unwrap()],
        &Schedules::new(),
    )
    .unwrap();
    assert_eq!(later.stability, 30.0);
    assert_eq!(later.last_review.date_naive(), day("2029-12-02"));
}

#[test]
fn a_note_stands_due_soon_fine_or_never() {
    let v = vault(&[
        ("a.md", "---\nid: a\nstatus: mastered\n---\n# A\n"),
        ("b.md", "---\nid: b\nstatus: mastered\n---\n# B\n"),
        ("c.md", "---\nid: c\nstatus: todo\n---\n# C\n"),
        ("d.md", "---\nid: d\nstatus: stale\n---\n# D\n"),
    ]);
    let (config, fsrs) = (StudyConfig::default(), scheduler(0.9));
    let mut schedules = Schedules::new();
    let a = &v.notes[v.note_by_path("a.md").unwrap()];
    schedules.insert(
        key_of(a),
        grade(&fsrs, None, Grade::Good, noon(day("2026-01-01"))),
    );
    let on = |schedules: &Schedules, p: &str, d: &str| {
        standing(
            &v.notes[v.note_by_path(p).unwrap()],
            &config,
            schedules,
            day(d),
        )
    };
    assert_eq!(
        on(&schedules, "a.md", "2026-01-02"),
        Some(Standing::Soon),
        "due on the 4th"
    );
    assert_eq!(on(&schedules, "a.md", "2026-01-04"), Some(Standing::Due));
    assert_eq!(on(&schedules, "b.md", "2026-01-02"), Some(Standing::Never));
    assert_eq!(on(&schedules, "c.md", "2026-01-02"), None, "not learned");
    assert_eq!(
        on(&schedules, "d.md", "2026-01-02"),
        Some(Standing::Due),
        "stale"
    );
    let easy = grade(&fsrs, None, Grade::Easy, noon(day("2026-01-01")));
    schedules.insert(key_of(a), easy);
    assert_eq!(
        on(&schedules, "a.md", "2026-01-02"),
        Some(Standing::Fine),
        "Easy: due in 15 days"
    );
}
