//! Reviews counted by day: those done (from the grade log) and those
//! coming due (from the schedules), for the Review tab's chart and
//! calendar. Pure: the day is an argument.

use super::{is_reviewable, schedule_of, Grade, Schedules};
use crate::analysis::study::StudyConfig;
use crate::vault::Vault;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use std::collections::BTreeMap;

/// Reviews done on each day (UTC, as the log dates them), by grade in
/// `Grade::ALL`'s order.
pub type DoneByDay = BTreeMap<NaiveDate, [usize; 4]>;

/// Counts the reviews of a grade log by day and grade.
pub fn done_by_day(grades: impl IntoIterator<Item = (DateTime<Utc>, Grade)>) -> DoneByDay {
    let mut done = DoneByDay::new();
    for (at, grade) in grades {
        done.entry(at.date_naive()).or_default()[grade as usize] += 1;
    }
    done
}

/// The day each note taking part in reviews falls due: its schedule's
/// day; today for one never reviewed or marked `stale` (as `due_on`
/// counts them).
pub fn due_days(
    vault: &Vault,
    config: &StudyConfig,
    schedules: &Schedules,
    today: NaiveDate,
) -> Vec<NaiveDate> {
    let stale = |note: &crate::vault::Note| {
        (note.frontmatter.status.as_deref()).is_some_and(|s| s.eq_ignore_ascii_case("stale"))
    };
    (vault.notes.iter())
        .filter_map(|note| {
            let schedule = schedule_of(note, schedules);
            if !is_reviewable(note, config, schedule.is_some()) {
                return None;
            }
            Some(match schedule {
                Some(s) if !stale(note) => s.due.date_naive(),
                _ => today,
            })
        })
        .collect()
}

/// Reviews due on each of `days` days from `today` (index 0: today, with
/// every overdue review counted on it); later ones are left out.
pub fn forecast(
    due: impl IntoIterator<Item = NaiveDate>,
    today: NaiveDate,
    days: usize,
) -> Vec<usize> {
    let mut counts = vec![0; days];
    for day in due {
        let ahead = (day - today).num_days().max(0) as usize;
        if let Some(count) = counts.get_mut(ahead) {
            *count += 1;
        }
    }
    counts
}

/// Reviews done on each of the `days` days up to and including `today`,
/// oldest first, by grade.
pub fn last_days(done: &DoneByDay, today: NaiveDate, days: usize) -> Vec<[usize; 4]> {
    (0..days)
        .rev()
        .map(|back| {
            let day = today - Duration::days(back as i64);
            done.get(&day).copied().unwrap_or_default()
        })
        .collect()
}

/// What the calendar's caption says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    /// Reviews done from the first day through today.
    pub reviews: usize,
    /// Days with a review among them.
    pub days: usize,
    /// Days in a row with a review, up to today, or up to yesterday while
    /// today has none yet (the day is not lost before it is over).
    pub streak: usize,
}

/// The tally of reviews done from `first` through `today`.
pub fn tally(done: &DoneByDay, first: NaiveDate, today: NaiveDate) -> Tally {
    let total = |counts: &[usize; 4]| counts.iter().sum::<usize>();
    let mut tally = Tally::default();
    for counts in done.range(first..=today).map(|(_, c)| total(c)) {
        if counts > 0 {
            tally.reviews += counts;
            tally.days += 1;
        }
    }
    let on = |day: NaiveDate| done.get(&day).is_some_and(|c| total(c) > 0);
    let mut day = if on(today) {
        today
    } else {
        today - Duration::days(1)
    };
    while on(day) {
        tally.streak += 1;
        day -= Duration::days(1);
    }
    tally
}

/// The calendar of past days: whole weeks, Monday first, the last one
/// holding `today`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    /// The Monday of the first week.
    pub first: NaiveDate,
    pub weeks: usize,
    /// Reviews done each day, week by week (`week * 7 + weekday`, Monday
    /// 0); days after today count none.
    pub counts: Vec<usize>,
}

impl Calendar {
    /// The day of cell `(week, weekday)`.
    pub fn day(&self, week: usize, weekday: usize) -> NaiveDate {
        self.first + Duration::days((week * 7 + weekday) as i64)
    }
}

/// The last `weeks` weeks of reviews done, through `today`'s week.
pub fn calendar(done: &DoneByDay, today: NaiveDate, weeks: usize) -> Calendar {
    let weeks = weeks.max(1);
    let monday = today - Duration::days(today.weekday().num_days_from_monday() as i64);
    let first = monday - Duration::weeks(weeks as i64 - 1);
    let counts = (0..weeks * 7)
        .map(|i| {
            let day = first + Duration::days(i as i64);
            (done.get(&day)).map_or(0, |c| c.iter().sum())
        })
        .collect();
    Calendar {
        first,
        weeks,
        counts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn at(s: &str, hour: u32) -> DateTime<Utc> {
        let d = day(s);
        Utc.with_ymd_and_hms(d.year(), d.month(), d.day(), hour, 0, 0)
            .unwrap()
    }

    fn log() -> DoneByDay {
        done_by_day([
            (at("2027-03-01", 9), Grade::Good),
            (at("2027-03-01", 23), Grade::Again),
            (at("2027-03-03", 0), Grade::Good),
            (at("2027-03-04", 12), Grade::Easy),
            (at("2027-03-05", 12), Grade::Hard),
            (at("2027-03-05", 13), Grade::Good),
        ])
    }

    #[test]
    fn reviews_done_count_by_day_and_grade() {
        let done = log();
        assert_eq!(done[&day("2027-03-01")], [1, 0, 1, 0]);
        assert_eq!(done[&day("2027-03-05")], [0, 1, 1, 0]);
        assert_eq!(done.len(), 4);
        let last = last_days(&done, day("2027-03-05"), 5);
        assert_eq!(
            last,
            [
                [1, 0, 1, 0],
                [0; 4],
                [0, 0, 1, 0],
                [0, 0, 0, 1],
                [0, 1, 1, 0]
            ]
        );
    }

    #[test]
    fn the_forecast_counts_the_backlog_on_today_and_leaves_out_later_days() {
        let today = day("2027-03-05");
        let due = [
            "2027-02-01",
            "2027-03-04",
            "2027-03-05",
            "2027-03-07",
            "2027-03-07",
            "2027-04-30",
        ];
        let counts = forecast(due.iter().map(|d| day(d)), today, 3);
        assert_eq!(counts, [3, 0, 2]);
    }

    #[test]
    fn due_days_follow_the_schedules_and_count_the_unscheduled_today() {
        let v = crate::vault::tests::vault(&[
            ("a.md", "---\nid: a\nstatus: mastered\n---\n# A\n"),
            ("b.md", "---\nid: b\nstatus: mastered\n---\n# B\n"),
            ("c.md", "---\nid: c\nstatus: todo\n---\n# C\n"),
        ]);
        let fsrs = super::super::scheduler(0.9);
        let good = super::super::grade(&fsrs, None, Grade::Good, at("2027-03-01", 12));
        let schedules = Schedules::from([("id:a".to_string(), good)]);
        let today = day("2027-03-02");
        let mut due = due_days(&v, &StudyConfig::default(), &schedules, today);
        due.sort();
        // a: due three days after its first Good; b: never reviewed; c: not learned.
        assert_eq!(due, [today, day("2027-03-04")]);
        assert_eq!(forecast(due, today, 30)[..3], [1, 0, 1]);
    }

    #[test]
    fn the_tally_counts_reviews_days_and_the_streak() {
        let done = log();
        let whole = tally(&done, day("2027-02-01"), day("2027-03-05"));
        assert_eq!(
            whole,
            Tally {
                reviews: 6,
                days: 4,
                streak: 3
            }
        );
        // Nothing yet on the 6th: the streak holds until the day is over.
        assert_eq!(tally(&done, day("2027-02-01"), day("2027-03-06")).streak, 3);
        assert_eq!(tally(&done, day("2027-02-01"), day("2027-03-07")).streak, 0);
        // Only from the first day asked.
        assert_eq!(
            tally(&done, day("2027-03-03"), day("2027-03-05")).reviews,
            4
        );
    }

    #[test]
    fn the_calendar_is_whole_weeks_from_monday_through_today() {
        let done = log();
        // 2027-03-05 is a Friday.
        let cal = calendar(&done, day("2027-03-05"), 2);
        assert_eq!(cal.first, day("2027-02-22"));
        assert_eq!(cal.counts.len(), 14);
        assert_eq!(cal.day(1, 0), day("2027-03-01"));
        assert_eq!(&cal.counts[7..], [2, 0, 1, 1, 2, 0, 0]);
        assert!(cal.counts[..7].iter().all(|&c| c == 0));
    }
}
