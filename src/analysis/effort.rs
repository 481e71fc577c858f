//! How long a plan takes: each note's `effort` or `estimate` frontmatter
//! when it gives one (hours as a number, or a duration such as `2h`,
//! `90m`, `1h30m`, `45 min`, `1.5 hours`), else a default by difficulty.

use super::study::{difficulty_rank, StudyPlan};
use crate::vault::{Note, Vault};

/// Hours a note takes when it says nothing, by difficulty rank (0 trivial
/// to 4 expert; unknown counts as medium).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct EffortDefaults {
    pub by_rank: [f64; 5],
}

impl Default for EffortDefaults {
    fn default() -> Self {
        EffortDefaults {
            by_rank: [0.5, 1.0, 2.0, 4.0, 6.0],
        }
    }
}

/// A note's effort in hours, and whether the note gave it.
pub fn effort_hours(note: &Note, defaults: &EffortDefaults) -> (f64, bool) {
    let given = ["effort", "estimate"]
        .iter()
        .filter_map(|k| note.frontmatter.extra.get(*k))
        .find_map(|v| match v {
            serde_json::Value::Number(n) => n.as_f64(),
            serde_json::Value::String(s) => parse_duration(s),
            _ => None,
        })
        .filter(|h| h.is_finite() && *h >= 0.0 && *h <= 10_000.0);
    match given {
        Some(h) => (h, true),
        None => {
            let rank = difficulty_rank(note.frontmatter.difficulty.as_deref());
            let i = (rank.round().clamp(0.0, 4.0)) as usize;
            (defaults.by_rank[i], false)
        }
    }
}

/// The effort of a plan's steps not yet learned.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlanEffort {
    pub hours: f64,
    /// Steps whose note gives its effort, and steps guessed by difficulty.
    pub given: usize,
    pub guessed: usize,
}

pub fn plan_effort(vault: &Vault, plan: &StudyPlan, defaults: &EffortDefaults) -> PlanEffort {
    let mut effort = PlanEffort {
        hours: 0.0,
        given: 0,
        guessed: 0,
    };
    for step in plan.steps.iter().filter(|s| !s.learned) {
        let (hours, given) = effort_hours(&vault.notes[step.note], defaults);
        effort.hours += hours;
        if given {
            effort.given += 1;
        } else {
            effort.guessed += 1;
        }
    }
    effort
}

/// Hours in `2h`, `90m`, `1h30m`, `45 min`, `1.5 hours`, or a bare number
/// (hours).
pub fn parse_duration(text: &str) -> Option<f64> {
    let t = text.trim().to_lowercase();
    if let Ok(h) = t.parse::<f64>() {
        return Some(h);
    }
    let (mut hours, mut rest, mut any) = (0.0, t.as_str(), false);
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let value: f64 = rest[..digits].parse().ok()?;
        rest = rest[digits..].trim_start();
        let unit_len = rest
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(rest.len());
        let scale = match &rest[..unit_len] {
            "h" | "hr" | "hrs" | "hour" | "hours" => 1.0,
            "m" | "min" | "mins" | "minute" | "minutes" => 1.0 / 60.0,
            _ => return None,
        };
        hours += value * scale;
        any = true;
        rest = rest[unit_len..].trim_start();
    }
    any.then_some(hours)
}

/// A total for people: `45 min`, `3 h`, `12.5 h`.
pub fn format_hours(hours: f64) -> String {
    if hours < 1.0 {
        format!("{} min", (hours * 60.0).round())
    } else if hours.fract() == 0.0 {
        format!("{hours} h")
    } else {
        format!("{:.1} h", hours)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::tests::vault;

    #[test]
    fn durations_in_the_usual_spellings() {
        for (text, hours) in [
            ("2h", 2.0),
            ("90m", 1.5),
            ("1h30m", 1.5),
            ("45 min", 0.75),
            ("1.5 hours", 1.5),
            ("3", 3.0),
        ] {
            assert_eq!(parse_duration(text), Some(hours), "{text}");
        }
        for bad in ["", "soon", "2 days", "h"] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_note_says_its_effort_else_its_difficulty_decides() {
        let v = vault(&[
            ("a.md", "---\neffort: 90m\ndifficulty: hard\n---\n"),
            ("b.md", "---\nestimate: 3\n---\n"),
            ("c.md", "---\ndifficulty: hard\n---\n"),
            ("d.md", "no frontmatter"),
        ]);
        let d = EffortDefaults::default();
        let got: Vec<(f64, bool)> = v.notes.iter().map(|n| effort_hours(n, &d)).collect();
        assert_eq!(
            got,
            vec![(1.5, true), (3.0, true), (4.0, false), (2.0, false)]
        );
        assert_eq!(format_hours(0.75), "45 min");
        assert_eq!(format_hours(12.5), "12.5 h");
    }
}
