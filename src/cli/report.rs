//! `check` and `stats`: what is wrong with a vault, and what it holds.

use super::{CliError, Outcome};
use crate::analysis;
use crate::analysis::progress::CheckTotals;
use crate::vault::Vault;
use crate::workspace::Workspace;
use std::io::{self, Write};

/// Self-check totals over the vault's notes.
fn self_checks(ws: &Workspace) -> CheckTotals {
    CheckTotals::of(ws.self_checks().iter().flatten().copied())
}

/// "4 templates skipped", with their paths when asked (`--verbose`).
fn templates_line(vault: &Vault, verbose: bool, out: &mut dyn Write) -> io::Result<()> {
    let n = vault.templates.len();
    if n == 0 {
        return Ok(());
    }
    let s = if n == 1 { "" } else { "s" };
    let hint = if verbose {
        ""
    } else {
        " (--verbose lists them; --include-templates loads them as notes)"
    };
    writeln!(out, "{n} template{s} skipped{hint}")?;
    if verbose {
        for path in &vault.templates {
            writeln!(out, "  {path}")?;
        }
    }
    Ok(())
}

/// "3 files excluded (userIgnoreFilters: `Daily/` 2; .gitignore 1)",
/// with their paths when asked (`--verbose`).
fn excluded_line(vault: &Vault, verbose: bool, out: &mut dyn Write) -> io::Result<()> {
    let excluded = &vault.excluded;
    let n = excluded.files.len();
    if n == 0 {
        return Ok(());
    }
    let s = if n == 1 { "" } else { "s" };
    let mut filters = Vec::new();
    let mut gitignore = None;
    for (rule, count) in excluded.by_rule() {
        if rule == crate::vault::exclude::GITIGNORE {
            gitignore = Some(format!("{rule} {count}"));
        } else {
            filters.push(format!("`{rule}` {count}"));
        }
    }
    let filters =
        (!filters.is_empty()).then(|| format!("userIgnoreFilters: {}", filters.join(", ")));
    let rules: Vec<String> = filters.into_iter().chain(gitignore).collect();
    writeln!(out, "{n} file{s} excluded ({})", rules.join("; "))?;
    if verbose {
        for (path, rule) in &excluded.files {
            writeln!(out, "  {path}  ({})", excluded.rules[*rule])?;
        }
    }
    Ok(())
}

/// `check --json`'s entry for the files left out, by rule.
fn excluded_json(vault: &Vault) -> serde_json::Value {
    let excluded = &vault.excluded;
    let source = |rule: &str| {
        if rule == crate::vault::exclude::GITIGNORE {
            "gitignore"
        } else {
            "userIgnoreFilters"
        }
    };
    let rules: Vec<serde_json::Value> = (excluded.by_rule().into_iter())
        .map(|(rule, count)| serde_json::json!({"source": source(rule), "rule": rule, "count": count}))
        .collect();
    let paths: Vec<&str> = excluded.files.iter().map(|(p, _)| p.as_str()).collect();
    serde_json::json!({
        "kind": "excluded",
        "count": excluded.files.len(),
        "rules": rules,
        "paths": paths,
    })
}

pub(super) fn check(
    ws: &Workspace,
    as_json: bool,
    verbose: bool,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let vault = &ws.vault;
    let diagnostics = ws.diagnostics();
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == crate::Severity::Error)
        .count();
    if as_json {
        let mut entries: Vec<serde_json::Value> = (diagnostics.iter())
            .map(serde_json::to_value)
            .collect::<Result<_, _>>()
            .map_err(io::Error::from)?;
        if !vault.templates.is_empty() {
            entries.push(serde_json::json!({
                "kind": "templates",
                "count": vault.templates.len(),
                "paths": vault.templates,
            }));
        }
        if !vault.excluded.files.is_empty() {
            entries.push(excluded_json(vault));
        }
        serde_json::to_writer_pretty(&mut *out, &entries).map_err(io::Error::from)?;
        writeln!(out)?;
    } else {
        for d in diagnostics {
            writeln!(out, "{d}")?;
        }
        templates_line(vault, verbose, out)?;
        excluded_line(vault, verbose, out)?;
        let warnings = diagnostics
            .iter()
            .filter(|d| d.severity == crate::Severity::Warning)
            .count();
        writeln!(
            out,
            "{} notes checked: {errors} error(s), {warnings} warning(s)",
            vault.notes.len()
        )?;
    }
    Ok(if errors > 0 {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

pub(super) fn stats(
    ws: &Workspace,
    as_json: bool,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let vault = &ws.vault;
    let s = analysis::stats(vault, &ws.graph);
    if as_json {
        let mut report = serde_json::to_value(&s).map_err(io::Error::from)?;
        report["templates"] = vault.templates.len().into();
        report["excluded"] = vault.excluded.files.len().into();
        report["self_check"] = serde_json::to_value(self_checks(ws)).map_err(io::Error::from)?;
        serde_json::to_writer_pretty(&mut *out, &report).map_err(io::Error::from)?;
        writeln!(out)?;
        return Ok(Outcome::Clean);
    }
    let percent = |part: usize| {
        if s.links == 0 {
            String::new()
        } else {
            format!(" ({:.1} %)", part as f64 * 100.0 / s.links as f64)
        }
    };
    let rows = [
        ("notes", s.notes.to_string()),
        (
            "notes with frontmatter",
            s.notes_with_frontmatter.to_string(),
        ),
        ("frontmatter errors", s.frontmatter_errors.to_string()),
        ("links to notes", s.links.to_string()),
        (
            "  resolved",
            format!("{}{}", s.resolved_links, percent(s.resolved_links)),
        ),
        (
            "  unresolved",
            format!("{}{}", s.unresolved_links, percent(s.unresolved_links)),
        ),
        ("edges (note pairs)", s.edges.to_string()),
        ("orphans", s.orphans.to_string()),
        ("nothing links to", s.notes_nothing_links_to.to_string()),
        ("prerequisite cycles", s.prerequisite_cycles.to_string()),
        ("duplicate ids", s.duplicate_ids.to_string()),
        ("missing targets", s.missing_targets.to_string()),
        ("attachments", s.attachments.to_string()),
        ("templates (left out)", vault.templates.len().to_string()),
        (
            "excluded (left out)",
            vault.excluded.files.len().to_string(),
        ),
        ("self-checks", {
            let c = self_checks(ws);
            format!(
                "{} notes, {} of {} boxes ticked, {} complete",
                c.notes, c.ticked, c.boxes, c.complete
            )
        }),
    ];
    writeln!(out, "{}", vault.name())?;
    for (label, value) in rows {
        writeln!(out, "  {label:<24}{value}")?;
    }
    let kinds: Vec<String> = s
        .links_by_kind
        .iter()
        .map(|(k, v)| format!("{k} {v}"))
        .collect();
    writeln!(out, "  {:<24}{}", "links by kind", kinds.join(", "))?;
    Ok(Outcome::Clean)
}
