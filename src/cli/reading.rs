//! How the command line reads a vault: the options every command shares
//! (`--include-templates`, `--self-check-heading`, `--learned-from-checks`),
//! set once per run by `main`.

use crate::analysis::{self, StudyConfig};
use crate::vault::{self, Vault};
use std::path::Path;

/// `--learned-from-checks`, for every command of this run.
static LEARNED_FROM_CHECKS: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);

/// Sets `--learned-from-checks` for the commands run next.
pub fn learned_from_checks(on: bool) {
    LEARNED_FROM_CHECKS.store(on, std::sync::atomic::Ordering::Relaxed);
}

/// `--self-check-heading`, for every command of this run.
static SELF_CHECK_HEADINGS: std::sync::OnceLock<analysis::selfcheck::SelfCheckHeadings> =
    std::sync::OnceLock::new();

/// Sets `--self-check-heading` for the commands run next (once).
pub fn self_check_headings(headings: &[String]) {
    if !headings.is_empty() {
        let _ = SELF_CHECK_HEADINGS.set(analysis::selfcheck::SelfCheckHeadings::new(headings));
    }
}

pub(super) fn headings() -> analysis::selfcheck::SelfCheckHeadings {
    SELF_CHECK_HEADINGS.get().cloned().unwrap_or_default()
}

/// `--include-templates`, for every command of this run.
static INCLUDE_TEMPLATES: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Sets `--include-templates` for the commands run next.
pub fn include_templates(on: bool) {
    INCLUDE_TEMPLATES.store(on, std::sync::atomic::Ordering::Relaxed);
}

/// Loads a vault as the command line's options say.
pub(super) fn load(path: &Path) -> Result<Vault, vault::LoadError> {
    load_for(path, &StudyConfig::default())
}

/// Loads a vault as the command line's options say, a self-check making
/// notes learned by `config`'s learned statuses (`order`, `progress`).
pub(super) fn load_for(path: &Path, config: &StudyConfig) -> Result<Vault, vault::LoadError> {
    let include = INCLUDE_TEMPLATES.load(std::sync::atomic::Ordering::Relaxed);
    let mut vault = vault::load_with(path, include, &|_, _| {})?;
    if LEARNED_FROM_CHECKS.load(std::sync::atomic::Ordering::Relaxed) {
        learned_by_checks(&mut vault, config);
    }
    Ok(vault)
}

/// A note's self-check sets its status in memory only (the file is not
/// touched), by the rule the window uses too (`analysis::by_checks`).
fn learned_by_checks(vault: &mut Vault, config: &StudyConfig) {
    let headings = headings();
    for note in &mut vault.notes {
        let Some(check) = analysis::selfcheck::self_check(note, &headings) else {
            continue;
        };
        let status = note.frontmatter.status.as_deref();
        if let Some((_, status)) =
            analysis::by_checks::status_by_checks(status, check.tally(), config)
        {
            note.frontmatter.status = Some(status);
        }
    }
}
