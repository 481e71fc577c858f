//! `review`: what is due for review on a day, in the order worth doing it,
//! and a review's grade recorded in notegraph's data (never in the note).

use super::{find_notes, CliError, Outcome};
use crate::analysis::review::{self, Grade};
use crate::workspace::data::GradeLine;
use crate::workspace::{DataDir, Workspace};
use chrono::{NaiveDate, Utc};
use serde_json::json;
use std::io::{self, Write};

/// What `review` was asked (its retention and limit are the workspace's
/// options, `--retention` and `--limit` laid over them).
pub struct Ask<'a> {
    pub note: Option<&'a str>,
    pub grade: Option<Grade>,
    /// The day (reviews graded at its noon); none: now.
    pub at: Option<NaiveDate>,
    /// Spread the backlog over this many days.
    pub spread: Option<u32>,
    pub json: bool,
}

pub fn review(
    ws: &Workspace,
    data: Option<&DataDir>,
    ask: &Ask,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let data = data.ok_or_else(|| {
        CliError::Usage("no data folder for review state: set XDG_DATA_HOME or HOME".into())
    })?;
    let usage = |e: crate::workspace::DataError| CliError::Usage(e.to_string());
    match (ask.note, ask.grade) {
        (Some(name), Some(grade)) => {
            let now = ask.at.map_or_else(Utc::now, review::noon);
            let id = find_notes(ws, &[name])?[0];
            let note = &ws.vault.notes[id];
            let key = review::key_of(note);
            let fsrs = review::scheduler(ws.options.retention);
            // The file as it is now: a grade made meanwhile elsewhere counts.
            let schedules = data.schedules_in(&ws.source, &ws.vault).map_err(usage)?;
            let (vault, config) = (&*ws.vault, ws.study_config());
            let deck = review::Deck {
                vault,
                graph: &ws.graph,
                config: &config,
                fsrs: &fsrs,
            };
            let done = deck.review(&schedules, id, grade, now);
            let next = done.schedule.clone();
            let line = GradeLine {
                at: now,
                key,
                path: note.path.clone(),
                grade,
                due: next.due,
            };
            let pushed =
                (done.pushed.iter()).map(|(p, s)| (review::key_of(&vault.notes[*p]), s.clone()));
            let changes = std::iter::once((line.key.clone(), next.clone())).chain(pushed);
            data.record_reviews(&ws.source, vault, &line, changes)
                .map_err(usage)?;
            print_grade(vault, &done, grade, now, ask.json, out)?;
            Ok(Outcome::Clean)
        }
        (Some(_), None) => Err(CliError::Usage(
            "grade the review: --grade again|hard|good|easy".into(),
        )),
        (None, _) => match ask.spread {
            Some(days) => spread(ws, data, ask, days, out),
            None => list(ws, ask, out),
        },
    }
}

/// One graded review: the next date, what it pushed out, what to go
/// over first after Again.
fn print_grade(
    vault: &crate::vault::Vault,
    done: &review::Reviewed,
    grade: Grade,
    now: chrono::DateTime<Utc>,
    as_json: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let path = |n: usize| vault.notes[n].path.as_str();
    let note = done.note;
    let days = review::days_until(&done.schedule, now);
    if as_json {
        let pushed: Vec<_> = (done.pushed.iter())
            .map(|(p, s)| json!({"path": path(*p), "due": s.due}))
            .collect();
        let first: Vec<_> = done.first.iter().map(|&p| path(p)).collect();
        let doc = json!({"path": path(note), "grade": grade, "due": done.schedule.due,
            "days": days, "pushed": pushed, "review_first": first});
        return writeln!(out, "{doc}");
    }
    let name = format!("{grade:?}").to_lowercase();
    let due = done.schedule.due.date_naive();
    writeln!(
        out,
        "{}: {name}; next review {due} (in {days} days)",
        path(note)
    )?;
    for (p, s) in &done.pushed {
        writeln!(
            out,
            "  used, so later: {} to {}",
            path(*p),
            s.due.date_naive()
        )?;
    }
    if !done.first.is_empty() {
        let titles: Vec<&str> = done
            .first
            .iter()
            .map(|&p| vault.notes[p].title.as_str())
            .collect();
        writeln!(out, "  review first: {}", titles.join(", "))?;
    }
    Ok(())
}

/// Gives the notes never reviewed starting dates over `days` days, best
/// first, and says how many fall on each day.
fn spread(
    ws: &Workspace,
    data: &DataDir,
    ask: &Ask,
    days: u32,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let day = ask.at.unwrap_or_else(|| Utc::now().date_naive());
    let due = ws.due_on(day, usize::MAX);
    let starts = review::spread(&due.due, day, days);
    let mut per_day = vec![0usize; days.max(1) as usize];
    for (_, s) in &starts {
        per_day[(s.due.date_naive() - day).num_days() as usize] += 1;
    }
    let changes = (starts.into_iter()).map(|(n, s)| (review::key_of(&ws.vault.notes[n]), s));
    data.set_schedules(&ws.source, &ws.vault, changes)
        .map_err(|e| CliError::Usage(e.to_string()))?;
    let counts: Vec<String> = per_day.iter().map(usize::to_string).collect();
    let total: usize = per_day.iter().sum();
    writeln!(
        out,
        "{total} notes never reviewed, spread over {days} days from {day}: {}",
        counts.join(", ")
    )?;
    Ok(Outcome::Clean)
}

/// The notes due on the day asked, best first: exit 1 when there are.
fn list(ws: &Workspace, ask: &Ask, out: &mut dyn Write) -> Result<Outcome, CliError> {
    let day = ask.at.unwrap_or_else(|| Utc::now().date_naive());
    let list = ws.due_on(day, ws.options.daily_limit);
    let vault = &ws.vault;
    if ask.json {
        let due: Vec<_> = (list.due.iter())
            .map(|d| {
                let note = &vault.notes[d.note];
                json!({"path": note.path, "title": note.title, "due": d.since,
                "overdue_days": d.overdue_days, "dependents": d.dependents})
            })
            .collect();
        let doc =
            json!({"day": day, "due": due, "total": list.total, "reviewable": list.reviewable});
        serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::from)?;
        writeln!(out)?;
    } else if list.total == 0 {
        writeln!(
            out,
            "Nothing due on {day} ({} notes to review)",
            list.reviewable
        )?;
    } else {
        writeln!(
            out,
            "{} due on {day} (of {} notes to review), most worth it first:",
            list.total, list.reviewable
        )?;
        for (i, d) in list.due.iter().enumerate() {
            let note = &vault.notes[d.note];
            let when = match (d.since, d.overdue_days) {
                (None, _) => "never reviewed".to_string(),
                (Some(_), 0) => "due today".to_string(),
                (Some(_), n) => format!("{n} days overdue"),
            };
            writeln!(
                out,
                "  {:>2}. {}  ({})  {when}",
                i + 1,
                note.title,
                note.path
            )?;
        }
        let more = list.total - list.due.len();
        if more > 0 {
            writeln!(out, "  and {more} more (--limit)")?;
        }
    }
    Ok(if list.total == 0 {
        Outcome::Clean
    } else {
        Outcome::Findings
    })
}
