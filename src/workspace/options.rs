//! `Options`: everything that shapes a load and its answers, one plain
//! value for both front ends. The command line builds it from its
//! arguments; the window from its settings, with what its command line
//! names on top for that run only (`Given`).

use crate::analysis::selfcheck::{SelfCheckHeadings, DEFAULT_HEADINGS};
use crate::analysis::{StudyConfig, LEARNED_STATUSES};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Options {
    /// Load templates (files under a `templates` folder, Dendron's
    /// `templates.*.md`, placeholder ids) as notes.
    pub include_templates: bool,
    /// The headings that open a note's self-check section.
    pub self_check_headings: Vec<String>,
    /// Statuses that count as learned, compared ignoring case; the first
    /// is what a fully ticked self-check makes a note.
    pub learned_statuses: Vec<String>,
    /// A note's self-check sets its status in memory (`analysis::by_checks`).
    pub learned_from_checks: bool,
    /// Plan from what is learned alone, not what it implies.
    pub explicit: bool,
    /// Leave out what the vault's `.gitignore` names, as Obsidian's
    /// excluded files are (`vault/exclude.rs`).
    pub gitignore: bool,
    /// The share of reviews to remember (FSRS's desired retention,
    /// `RETENTION_RANGE`): higher asks for more reviews.
    pub retention: f64,
    /// Cards in a day's review queue at most.
    pub daily_limit: usize,
}

/// The desired retentions FSRS is asked for.
pub const RETENTION_RANGE: std::ops::RangeInclusive<f64> = 0.7..=0.99;

impl Default for Options {
    fn default() -> Self {
        Options {
            include_templates: false,
            self_check_headings: DEFAULT_HEADINGS.iter().map(|h| h.to_string()).collect(),
            learned_statuses: LEARNED_STATUSES.iter().map(|s| s.to_string()).collect(),
            learned_from_checks: false,
            explicit: false,
            gitignore: false,
            retention: 0.9,
            daily_limit: 20,
        }
    }
}

impl Options {
    /// What the planning analyses read.
    pub fn study_config(&self) -> StudyConfig {
        StudyConfig {
            learned_statuses: self.learned_statuses.clone(),
            explicit: self.explicit,
            learned_from_checks: self.learned_from_checks,
            self_check_headings: self.headings(),
            include_learned: false,
        }
    }

    /// What a load leaves out.
    pub fn loading(&self) -> crate::vault::Loading {
        crate::vault::Loading {
            include_templates: self.include_templates,
            gitignore: self.gitignore,
        }
    }

    /// The status an accepted placement records: the first learned one.
    pub fn placed_status(&self) -> &str {
        self.learned_statuses
            .first()
            .map_or("mastered", String::as_str)
    }

    pub fn headings(&self) -> SelfCheckHeadings {
        SelfCheckHeadings::new(&self.self_check_headings)
    }

    /// Whether a load with `other` gives what one with these gives: the
    /// review options shape no load, only the reviews.
    pub fn loads_like(&self, other: &Options) -> bool {
        let same = Options {
            retention: self.retention,
            daily_limit: self.daily_limit,
            ..other.clone()
        };
        *self == same
    }
}

/// The options a command line names, each `None` where it names none: they
/// go over a base (the defaults, or the window's settings) for one run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Given {
    pub include_templates: Option<bool>,
    pub self_check_headings: Option<Vec<String>>,
    pub learned_statuses: Option<Vec<String>>,
    pub learned_from_checks: Option<bool>,
    pub explicit: Option<bool>,
    pub gitignore: Option<bool>,
    pub retention: Option<f64>,
    pub daily_limit: Option<usize>,
}

impl Given {
    /// `base` with every option named here in its place.
    pub fn over(&self, mut base: Options) -> Options {
        let set = |to: &mut bool, given: Option<bool>| *to = given.unwrap_or(*to);
        set(&mut base.include_templates, self.include_templates);
        set(&mut base.learned_from_checks, self.learned_from_checks);
        set(&mut base.explicit, self.explicit);
        set(&mut base.gitignore, self.gitignore);
        if let Some(h) = &self.self_check_headings {
            base.self_check_headings = h.clone();
        }
        if let Some(l) = &self.learned_statuses {
            base.learned_statuses = l.clone();
        }
        base.retention = self.retention.unwrap_or(base.retention);
        base.daily_limit = self.daily_limit.unwrap_or(base.daily_limit);
        base
    }

    /// `now` with each option named here put back as it was in `before`,
    /// unless the user changed it since (`now` differs from what was
    /// given): what the window saves, so that a command line's options
    /// last one run.
    pub fn taken_back(&self, now: Options, before: &Options) -> Options {
        let given = self.over(before.clone());
        let mut out = now;
        let back = |out: &mut bool, given: bool, before: bool, named: bool| {
            if named && *out == given {
                *out = before;
            }
        };
        back(
            &mut out.include_templates,
            given.include_templates,
            before.include_templates,
            self.include_templates.is_some(),
        );
        back(
            &mut out.learned_from_checks,
            given.learned_from_checks,
            before.learned_from_checks,
            self.learned_from_checks.is_some(),
        );
        back(
            &mut out.explicit,
            given.explicit,
            before.explicit,
            self.explicit.is_some(),
        );
        back(
            &mut out.gitignore,
            given.gitignore,
            before.gitignore,
            self.gitignore.is_some(),
        );
        if self.self_check_headings.is_some()
            && out.self_check_headings == given.self_check_headings
        {
            out.self_check_headings = before.self_check_headings.clone();
        }
        if self.learned_statuses.is_some() && out.learned_statuses == given.learned_statuses {
            out.learned_statuses = before.learned_statuses.clone();
        }
        if self.retention.is_some() && out.retention == given.retention {
            out.retention = before.retention;
        }
        if self.daily_limit.is_some() && out.daily_limit == given.daily_limit {
            out.daily_limit = before.daily_limit;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_options_go_over_the_base_and_are_taken_back() {
        let saved = Options::default();
        let given = Given {
            learned_from_checks: Some(true),
            learned_statuses: Some(vec!["finished".into()]),
            ..Given::default()
        };
        let run = given.over(saved.clone());
        assert!(run.learned_from_checks);
        assert_eq!(run.learned_statuses, ["finished"]);
        assert_eq!(run.self_check_headings, saved.self_check_headings);
        // Unchanged during the run: nothing of the command line is kept.
        assert_eq!(given.taken_back(run.clone(), &saved), saved);
        // Changed by the user during the run: the user's choice is kept.
        let mut changed = run;
        changed.learned_statuses = vec!["done".into()];
        let kept = given.taken_back(changed, &saved);
        assert_eq!(kept.learned_statuses, ["done"]);
        assert!(!kept.learned_from_checks);
    }

    #[test]
    fn the_review_options_go_over_and_back_and_shape_no_load() {
        let saved = Options::default();
        let given = Given {
            retention: Some(0.8),
            daily_limit: Some(5),
            ..Given::default()
        };
        let run = given.over(saved.clone());
        assert_eq!((run.retention, run.daily_limit), (0.8, 5));
        assert!(run.loads_like(&saved));
        assert_eq!(given.taken_back(run.clone(), &saved), saved);
        let mut changed = run;
        changed.retention = 0.95;
        let kept = given.taken_back(changed, &saved);
        assert_eq!((kept.retention, kept.daily_limit), (0.95, 20));
        let templates = Options {
            include_templates: true,
            ..Options::default()
        };
        assert!(!templates.loads_like(&saved));
    }
}
