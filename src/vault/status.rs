//! What a note's `status:` says about learning: the statuses that count
//! as learned by default and the stage each status of the note format
//! names. Below the analyses, so that the palette can colour by it.

/// Statuses that count as learned unless the user says otherwise: the
/// default of `StudyConfig` and of `notegraph order --learned`.
pub const LEARNED_STATUSES: &[&str] = &["mastered", "done", "learned", "known"];

/// The stages of learning that the note format's statuses name, for
/// front ends that colour or group by status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatusClass {
    Learned,
    Learning,
    Review,
    Todo,
}

/// The stage a status names, ignoring case; `None` for a status of the
/// user's own.
pub fn status_class(status: &str) -> Option<StatusClass> {
    let status = status.to_ascii_lowercase();
    if LEARNED_STATUSES.contains(&status.as_str()) {
        return Some(StatusClass::Learned);
    }
    Some(match status.as_str() {
        "learning" | "in-progress" | "in progress" | "doing" => StatusClass::Learning,
        "review" | "reviewing" => StatusClass::Review,
        "todo" | "to-do" | "new" | "not-started" | "backlog" => StatusClass::Todo,
        _ => return None,
    })
}
