//! Keeping what was learned: each learned note gets a review schedule
//! (FSRS, through `rs-fsrs`), and the notes due on a day are listed in the
//! order worth reviewing them. Pure: the time is an argument, and the
//! schedules are given (notegraph keeps them in its own data folder,
//! never in the notes).

use super::study::{status_class, StatusClass, StudyConfig};
use crate::graph::NoteGraph;
use crate::vault::{EdgeKind, Note, NoteId, Vault};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use rs_fsrs::{Card, Parameters, Rating, FSRS};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A note's schedule, as kept: rs-fsrs's card.
pub type Schedule = Card;

/// Schedules by note key (`key_of`).
pub type Schedules = BTreeMap<String, Schedule>;

/// How a review went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Grade {
    Again,
    Hard,
    Good,
    Easy,
}

impl Grade {
    fn rating(self) -> Rating {
        match self {
            Grade::Again => Rating::Again,
            Grade::Hard => Rating::Hard,
            Grade::Good => Rating::Good,
            Grade::Easy => Rating::Easy,
        }
    }
}

/// The key a note's schedule is kept under: its id, else its path, so
/// that a note moved to another folder keeps its schedule where it has an
/// id.
pub fn key_of(note: &Note) -> String {
    match note.frontmatter.id.as_deref().map(str::trim) {
        Some(id) if !id.is_empty() => format!("id:{id}"),
        _ => format!("path:{}", note.path),
    }
}

/// The scheduler, for a desired retention (0.9 by default: nine reviews
/// in ten remembered). Day-based (FSRS's long-term scheduler): a note is
/// reviewed on days, not in minutes-long learning steps, and without the
/// random fuzz, so that the same grades give the same dates.
pub fn scheduler(retention: f64) -> FSRS {
    FSRS::new(Parameters {
        request_retention: retention.clamp(0.7, 0.99),
        enable_short_term: false,
        enable_fuzz: false,
        ..Parameters::default()
    })
}

/// The schedule after grading a review at `now` (none: the first review).
pub fn grade(
    fsrs: &FSRS,
    schedule: Option<&Schedule>,
    grade: Grade,
    now: DateTime<Utc>,
) -> Schedule {
    let card = schedule.cloned().unwrap_or_else(|| Card {
        due: now,
        last_review: now,
        ..Card::default()
    });
    fsrs.next(card, now, grade.rating()).card
}

/// A note due for review.
#[derive(Debug, Clone, PartialEq)]
pub struct Due {
    pub note: NoteId,
    /// When it fell due; none: never reviewed.
    pub since: Option<DateTime<Utc>>,
    /// Days overdue on the day asked about (0: due that day).
    pub overdue_days: i64,
    /// Notes that name it as a prerequisite.
    pub dependents: usize,
    pub priority: f64,
}

/// What is due on `day`, best first, and how many were due in all.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DueList {
    pub due: Vec<Due>,
    /// Due on the day, before the limit.
    pub total: usize,
    /// Notes with a review schedule or a learned status.
    pub reviewable: usize,
}

/// A note takes part in reviews when it is learned, or says it wants one
/// (`review`, `stale`), or has a schedule already.
pub fn is_reviewable(note: &Note, config: &StudyConfig, scheduled: bool) -> bool {
    let status = note.frontmatter.status.as_deref().unwrap_or("");
    scheduled
        || config.is_learned(note)
        || status.eq_ignore_ascii_case("stale")
        || status_class(status) == Some(StatusClass::Review)
}

/// The notes due on `day` (a schedule due by its end; a reviewable note
/// with none, or `status: stale`, at once), ordered by days overdue (plus
/// one) × importance × (one plus the notes that need it), then path; at
/// most `limit`.
pub fn due_on(
    vault: &Vault,
    graph: &NoteGraph,
    config: &StudyConfig,
    schedules: &Schedules,
    day: NaiveDate,
    limit: usize,
) -> DueList {
    let end = day
        .and_hms_opt(23, 59, 59)
        .expect("a time of day")
        .and_utc();
    let mut list = DueList::default();
    for (id, note) in vault.notes.iter().enumerate() {
        let schedule = schedules.get(&key_of(note));
        if !is_reviewable(note, config, schedule.is_some()) {
            continue;
        }
        list.reviewable += 1;
        let stale = note
            .frontmatter
            .status
            .as_deref()
            .is_some_and(|s| s.eq_ignore_ascii_case("stale"));
        let since = schedule.map(|s| s.due);
        if since.is_some_and(|due| due > end) && !stale {
            continue;
        }
        let overdue_days = since.map_or(0, |due| (day - due.date_naive()).num_days().max(0));
        let dependents = graph.sources(id, Some(EdgeKind::Prerequisite)).len();
        let priority = (overdue_days + 1) as f64 * weight(note) * (1 + dependents) as f64;
        list.due.push(Due {
            note: id,
            since,
            overdue_days,
            dependents,
            priority,
        });
    }
    list.due.sort_by(|a, b| {
        (b.priority.total_cmp(&a.priority))
            .then_with(|| vault.notes[a.note].path.cmp(&vault.notes[b.note].path))
    });
    list.total = list.due.len();
    list.due.truncate(limit);
    list
}

/// A note's importance as a weight: on a 1–5 scale or a 0–100 one (the
/// note format's), absent counting as 3 of 5.
fn weight(note: &Note) -> f64 {
    match note.frontmatter.importance {
        Some(i) if i > 5.0 => (i / 100.0).clamp(0.05, 1.0),
        Some(i) => (i / 5.0).clamp(0.05, 1.0),
        None => 0.6,
    }
}

/// Days from `now` until `schedule` is due (0 when due).
pub fn days_until(schedule: &Schedule, now: DateTime<Utc>) -> i64 {
    (schedule.due.date_naive() - now.date_naive())
        .num_days()
        .max(0)
}

/// Noon on `day`: the time a review dated only by its day is taken at.
pub fn noon(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(12, 0, 0).expect("noon").and_utc() + Duration::zero()
}

#[cfg(test)]
mod tests {
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
}
