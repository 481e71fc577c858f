//! What a note's self-check makes of its status, in memory, where the
//! user asks for it (`--learned-from-checks`, the window's setting): one
//! rule for the command line and the window.
//!
//! All boxes ticked: learned, with the first status of the user's learned
//! list (so that the user's own list counts it). Some ticked: `learning`,
//! where the note has no status or a to-do one. A learned status is never
//! lowered, and a note with no box ticked keeps its own.

use super::selfcheck::Tally;
use super::study::{status_class, StatusClass, StudyConfig};

/// What a note's self-check made of its status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ByChecks {
    /// All ticked: learned.
    Learned,
    /// Some ticked: `learning`.
    InProgress,
}

/// The status learned notes get from their self-check when the user's list
/// names none.
const FALLBACK_LEARNED: &str = "mastered";

/// The status a note whose status is `status` takes from its self-check
/// `tally`, if its self-check changes it.
pub fn status_by_checks(
    status: Option<&str>,
    tally: Tally,
    config: &StudyConfig,
) -> Option<(ByChecks, String)> {
    let learned =
        |s: &str| (config.learned_statuses.iter()).any(|l| l.eq_ignore_ascii_case(s.trim()));
    if tally.ticked == 0 || status.is_some_and(learned) {
        return None;
    }
    if tally.complete() {
        let first = config.learned_statuses.first();
        let status = first.map_or(FALLBACK_LEARNED, String::as_str).to_string();
        return Some((ByChecks::Learned, status));
    }
    let todo = status.map(status_class);
    matches!(todo, None | Some(Some(StatusClass::Todo)))
        .then(|| (ByChecks::InProgress, "learning".to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(ticked: u32, total: u32) -> Tally {
        Tally { ticked, total }
    }

    fn config(learned: &[&str]) -> StudyConfig {
        StudyConfig {
            learned_statuses: learned.iter().map(|s| s.to_string()).collect(),
            ..StudyConfig::default()
        }
    }

    #[test]
    fn a_finished_note_stays_learned_under_the_users_own_list() {
        let finished = config(&["finished"]);
        // Learned already by the user's list: never lowered or renamed.
        assert_eq!(
            status_by_checks(Some("finished"), tally(3, 3), &finished),
            None
        );
        // Learned by its boxes: the user's own learned status.
        assert_eq!(
            status_by_checks(Some("todo"), tally(3, 3), &finished),
            Some((ByChecks::Learned, "finished".to_string()))
        );
    }

    #[test]
    fn some_ticked_is_learning_only_where_the_note_has_not_started() {
        let c = config(&["mastered"]);
        assert_eq!(
            status_by_checks(None, tally(1, 3), &c),
            Some((ByChecks::InProgress, "learning".to_string()))
        );
        assert_eq!(status_by_checks(Some("review"), tally(1, 3), &c), None);
        assert_eq!(status_by_checks(Some("todo"), tally(0, 3), &c), None);
        assert_eq!(status_by_checks(Some("mastered"), tally(1, 3), &c), None);
    }
}
