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
    /// The grades, worst first: `grade as usize` indexes this.
    pub const ALL: [Grade; 4] = [Grade::Again, Grade::Hard, Grade::Good, Grade::Easy];

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

/// The share of a full review a Good or Easy review of a note gives each
/// of its direct prerequisites (they were used to recall it): their due
/// dates move out by this share of what a Good review of their own would
/// move them; their prerequisites by this share of that, and so on.
pub const LIGHT_REVIEW_SHARE: f64 = 0.5;

/// Below this share a light review stops: three levels (½, ¼, ⅛).
pub const LIGHT_REVIEW_FLOOR: f64 = 0.1;

/// What one graded review changes.
#[derive(Debug, Clone, PartialEq)]
pub struct Reviewed {
    pub note: NoteId,
    /// The note's new schedule.
    pub schedule: Schedule,
    /// Prerequisites (direct, then theirs) whose due dates a Good or Easy
    /// review pushed out, with their new schedules.
    pub pushed: Vec<(NoteId, Schedule)>,
    /// After Again: the note's learned prerequisites, due soonest first
    /// (never reviewed first of all): what to go over before it.
    pub first: Vec<NoteId>,
}

/// A note's schedule: the one kept, else one read from the
/// `sr-due`/`sr-interval`/`sr-ease` frontmatter Obsidian's Spaced
/// Repetition plugin writes (read only, never written).
pub fn schedule_of(note: &Note, schedules: &Schedules) -> Option<Schedule> {
    schedules
        .get(&key_of(note))
        .cloned()
        .or_else(|| from_frontmatter(note))
}

/// The plugin's schedule as an FSRS card: due on `sr-due`, stability its
/// interval (at 0.9 retention FSRS's interval is its stability), and
/// difficulty from its ease (130 % hardest, 350 % easiest, 250 % default).
fn from_frontmatter(note: &Note) -> Option<Schedule> {
    let extra = &note.frontmatter.extra;
    let due: NaiveDate = extra.get("sr-due")?.as_str()?.trim().parse().ok()?;
    let interval = extra
        .get("sr-interval")
        .and_then(|v| v.as_f64())
        .unwrap_or(1.0)
        .max(1.0);
    let ease = extra
        .get("sr-ease")
        .and_then(|v| v.as_f64())
        .unwrap_or(250.0);
    let due = noon(due);
    Some(Card {
        due,
        stability: interval,
        difficulty: (10.0 - (ease - 130.0) / 220.0 * 9.0).clamp(1.0, 10.0),
        scheduled_days: interval as i64,
        reps: 1,
        state: rs_fsrs::State::Review,
        last_review: due - Duration::days(interval as i64),
        ..Card::default()
    })
}

/// What grading a review reads: the vault, its graph, what counts as
/// learned, and the scheduler.
pub struct Deck<'a> {
    pub vault: &'a Vault,
    pub graph: &'a NoteGraph,
    pub config: &'a StudyConfig,
    pub fsrs: &'a FSRS,
}

impl Deck<'_> {
    /// Grades a review of `note` at `now`, with what it means for the
    /// notes it stands on (`Reviewed`).
    pub fn review(
        &self,
        schedules: &Schedules,
        note: NoteId,
        g: Grade,
        now: DateTime<Utc>,
    ) -> Reviewed {
        let (vault, graph) = (self.vault, self.graph);
        let own = schedule_of(&vault.notes[note], schedules);
        let schedule = grade(self.fsrs, own.as_ref(), g, now);
        let mut reviewed = Reviewed {
            note,
            schedule,
            pushed: Vec::new(),
            first: Vec::new(),
        };
        if matches!(g, Grade::Good | Grade::Easy) {
            reviewed.pushed = light_reviews(vault, graph, self.fsrs, schedules, note, now);
        } else if g == Grade::Again {
            let mut first: Vec<(Option<DateTime<Utc>>, NoteId)> =
                (graph.prerequisites(note).into_iter())
                    .map(|p| (p, schedule_of(&vault.notes[p], schedules)))
                    .filter(|(p, s)| is_reviewable(&vault.notes[*p], self.config, s.is_some()))
                    .map(|(p, s)| (s.map(|s| s.due), p))
                    .collect();
            first.sort();
            reviewed.first = first.into_iter().map(|(_, p)| p).collect();
        }
        reviewed
    }
}

/// The prerequisites of `note` with a schedule, level by level while the
/// share lasts, each moved out by its share of a Good review of its own
/// (never moved in).
fn light_reviews(
    vault: &Vault,
    graph: &NoteGraph,
    fsrs: &FSRS,
    schedules: &Schedules,
    note: NoteId,
    now: DateTime<Utc>,
) -> Vec<(NoteId, Schedule)> {
    let mut seen = std::collections::HashSet::from([note]);
    let (mut level, mut share, mut pushed) = (vec![note], LIGHT_REVIEW_SHARE, Vec::new());
    while share >= LIGHT_REVIEW_FLOOR && !level.is_empty() {
        let mut next = Vec::new();
        for &n in &level {
            for p in graph.prerequisites(n) {
                if !seen.insert(p) {
                    continue;
                }
                next.push(p);
                let Some(own) = schedule_of(&vault.notes[p], schedules) else {
                    continue;
                };
                let full = grade(fsrs, Some(&own), Grade::Good, now);
                if full.due > own.due {
                    let gain = (full.due - own.due).num_seconds() as f64 * share;
                    let due = own.due + Duration::seconds(gain.round() as i64);
                    pushed.push((p, Card { due, ..own }));
                }
            }
        }
        level = next;
        share *= LIGHT_REVIEW_SHARE;
    }
    pushed
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
        let schedule = schedule_of(note, schedules);
        if !is_reviewable(note, config, schedule.is_some()) {
            continue;
        }
        list.reviewable += 1;
        let stale = note
            .frontmatter
            .status
            .as_deref()
            .is_some_and(|s| s.eq_ignore_ascii_case("stale"));
        let since = schedule.as_ref().map(|s| s.due);
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

/// Starting schedules for the notes of `due` never reviewed, spread over
/// `days` days from `day` in the order given (best first), as evenly as
/// can be: day counts differ by at most one. For a backlog that would
/// otherwise all be due at once.
pub fn spread(due: &[Due], day: NaiveDate, days: u32) -> Vec<(NoteId, Schedule)> {
    let fresh: Vec<NoteId> = due
        .iter()
        .filter(|d| d.since.is_none())
        .map(|d| d.note)
        .collect();
    let days = days.max(1) as usize;
    let (each, extra) = (fresh.len() / days, fresh.len() % days);
    let mut out = Vec::with_capacity(fresh.len());
    let mut notes = fresh.into_iter();
    for k in 0..days {
        let on = noon(day + Duration::days(k as i64));
        let count = each + usize::from(k < extra);
        out.extend(notes.by_ref().take(count).map(|n| {
            (
                n,
                Card {
                    due: on,
                    last_review: on,
                    ..Card::default()
                },
            )
        }));
    }
    out
}

/// Where a note stands with its reviews on a day, for colouring a map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Due by the day's end (or `stale`).
    Due,
    /// Due within the next seven days.
    Soon,
    /// Due later.
    Fine,
    /// Learned, never reviewed.
    Never,
}

impl Standing {
    pub const ALL: [Standing; 4] = [
        Standing::Due,
        Standing::Soon,
        Standing::Fine,
        Standing::Never,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Standing::Due => "review due",
            Standing::Soon => "due this week",
            Standing::Fine => "reviewed",
            Standing::Never => "never reviewed",
        }
    }
}

/// How `note` stands on `day`; none when it takes no part in reviews.
pub fn standing(
    note: &Note,
    config: &StudyConfig,
    schedules: &Schedules,
    day: NaiveDate,
) -> Option<Standing> {
    let schedule = schedule_of(note, schedules);
    if !is_reviewable(note, config, schedule.is_some()) {
        return None;
    }
    let stale = note
        .frontmatter
        .status
        .as_deref()
        .is_some_and(|s| s.eq_ignore_ascii_case("stale"));
    Some(match schedule {
        _ if stale => Standing::Due,
        None => Standing::Never,
        Some(s) if s.due.date_naive() <= day => Standing::Due,
        Some(s) if s.due.date_naive() <= day + Duration::days(7) => Standing::Soon,
        Some(_) => Standing::Fine,
    })
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

pub mod history;

#[cfg(test)]
mod tests;
