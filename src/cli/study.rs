//! `order` (a study plan as text, a Markdown checklist, CSV or JSON) and
//! `progress` (learned notes per group, and what to learn next).

use super::{find_notes, CliError, Outcome};
use crate::analysis::effort::{effort_hours, format_hours, plan_effort, EffortDefaults};
use crate::analysis::{self, progress::GroupBy, StudyPlan};
use crate::vault::Vault;
use crate::workspace::Workspace;
use clap::ValueEnum;
use serde_json::json;
use std::io::{self, Write};

/// `--format` of `order`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlanFormat {
    Text,
    #[value(name = "md")]
    Markdown,
    Csv,
    Json,
    /// A Mermaid flowchart of the steps and their prerequisite links.
    Mermaid,
}

/// `--by` of `progress`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProgressBy {
    Tag,
    Folder,
    Community,
}

pub fn order(
    ws: &Workspace,
    names: &[String],
    include_learned: bool,
    format: PlanFormat,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let vault = &*ws.vault;
    let targets = find_notes(ws, names)?;
    let plan = ws.plan(&targets, include_learned);
    match format {
        PlanFormat::Markdown => return checklist(vault, &plan, out),
        PlanFormat::Csv => return csv(vault, &plan, out),
        PlanFormat::Mermaid => return mermaid(ws, &plan, out),
        PlanFormat::Text | PlanFormat::Json => {}
    }
    if format == PlanFormat::Json {
        let steps: Vec<_> = plan
            .steps
            .iter()
            .map(|step| {
                let note = &vault.notes[step.note];
                json!({
                    "path": note.path,
                    "id": note.frontmatter.id,
                    "title": note.title,
                    "status": note.frontmatter.status,
                    "learned": step.learned,
                    "cycle": step.cycle,
                    "effort_hours": effort_hours(note, &EffortDefaults::default()).0,
                })
            })
            .collect();
        let targets: Vec<&str> = targets
            .iter()
            .map(|&t| vault.notes[t].path.as_str())
            .collect();
        let path = |n: usize| vault.notes[n].path.as_str();
        let implied: Vec<_> = (plan.implied.iter())
            .map(|i| json!({"path": path(i.note), "by": i.by.iter().map(|&b| path(b)).collect::<Vec<_>>()}))
            .collect();
        serde_json::to_writer_pretty(
            &mut *out,
            &json!({"targets": targets, "steps": steps, "implied": implied,
            "effort_hours": plan_effort(vault, &plan, &EffortDefaults::default()).hours}),
        )
        .map_err(io::Error::from)?;
        writeln!(out)?;
        return Ok(Outcome::Clean);
    }
    let what = if targets.is_empty() {
        format!("the whole vault ({})", vault.name())
    } else {
        targets
            .iter()
            .map(|&t| vault.notes[t].title.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    writeln!(out, "Study plan for {what}: {} step(s)", plan.steps.len())?;
    let width = plan.steps.len().to_string().len();
    for (i, step) in plan.steps.iter().enumerate() {
        let note = &vault.notes[step.note];
        let status = note.frontmatter.status.as_deref().unwrap_or("-");
        let mut flags = String::new();
        if step.learned {
            flags.push_str("  (learned)");
        }
        if let Some(cycle) = step.cycle {
            flags.push_str(&format!("  [prerequisite cycle {cycle}]"));
        }
        writeln!(
            out,
            "{:>width$}. {}  [{status}]  {}{flags}",
            i + 1,
            note.title,
            note.path
        )?;
    }
    if plan.steps.is_empty() {
        writeln!(out, "Nothing left to learn.")?;
    } else {
        let e = plan_effort(vault, &plan, &EffortDefaults::default());
        writeln!(
            out,
            "Effort: about {} ({} from the notes' effort, {} by difficulty)",
            format_hours(e.hours),
            e.given,
            e.guessed
        )?;
    }
    implied_lines(vault, &plan, out)?;
    let in_plan: std::collections::HashSet<usize> = plan.steps.iter().map(|s| s.note).collect();
    let in_plan = |n: &usize| targets.is_empty() || in_plan.contains(n);
    let list = ws.ready();
    let ready: Vec<&str> = (list.notes.iter().map(|n| n.note))
        .filter(in_plan)
        .map(|n| vault.notes[n].title.as_str())
        .collect();
    if !ready.is_empty() {
        writeln!(out, "Ready now: {}", ready.join(", "))?;
    }
    let left_out = list.left_out.iter().filter(|n| in_plan(n)).count();
    if let Some(line) = analysis::ready::left_out_line(left_out) {
        writeln!(out, "  {line}")?;
    }
    Ok(Outcome::Clean)
}

/// "Implied by Replication, Sharding: Distributed Systems Basics", one
/// line per set of learned notes.
fn implied_lines(vault: &Vault, plan: &StudyPlan, out: &mut dyn Write) -> io::Result<()> {
    let mut groups: std::collections::BTreeMap<Vec<usize>, Vec<&str>> = Default::default();
    for i in &plan.implied {
        groups
            .entry(i.by.clone())
            .or_default()
            .push(&vault.notes[i.note].title);
    }
    for (by, notes) in groups {
        let by: Vec<&str> = by.iter().map(|&b| vault.notes[b].title.as_str()).collect();
        let by = if by.is_empty() {
            "learned notes".to_string()
        } else {
            by.join(", ")
        };
        writeln!(out, "Implied by {by}: {}", notes.join(", "))?;
    }
    Ok(())
}

/// `- [ ] [Title](path.md) — status, difficulty`, ticked when learned;
/// the link is the note's path, so it opens in Obsidian and on GitHub.
fn checklist(vault: &Vault, plan: &StudyPlan, out: &mut dyn Write) -> Result<Outcome, CliError> {
    for step in &plan.steps {
        let note = &vault.notes[step.note];
        let tick = if step.learned { "x" } else { " " };
        let title = note.title.replace('[', "\\[").replace(']', "\\]");
        let target = note
            .path
            .replace(' ', "%20")
            .replace('(', "%28")
            .replace(')', "%29");
        let mut facts: Vec<&str> = Vec::new();
        facts.extend(note.frontmatter.status.as_deref());
        facts.extend(note.frontmatter.difficulty.as_deref());
        let facts = if facts.is_empty() {
            String::new()
        } else {
            format!(" — {}", facts.join(", "))
        };
        let cycle = step
            .cycle
            .map_or(String::new(), |c| format!(" (prerequisite cycle {c})"));
        writeln!(out, "- [{tick}] [{title}]({target}){facts}{cycle}")?;
    }
    Ok(Outcome::Clean)
}

/// One row per step: step, title, path, status, difficulty, learned, cycle.
fn csv(vault: &Vault, plan: &StudyPlan, out: &mut dyn Write) -> Result<Outcome, CliError> {
    let field = |s: &str| {
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    writeln!(
        out,
        "step,title,path,status,difficulty,learned,cycle,effort_hours"
    )?;
    for (i, step) in plan.steps.iter().enumerate() {
        let note = &vault.notes[step.note];
        let fm = &note.frontmatter;
        writeln!(
            out,
            "{},{},{},{},{},{},{},{}",
            i + 1,
            field(&note.title),
            field(&note.path),
            field(fm.status.as_deref().unwrap_or("")),
            field(fm.difficulty.as_deref().unwrap_or("")),
            step.learned,
            step.cycle.map_or(String::new(), |c| c.to_string()),
            effort_hours(note, &EffortDefaults::default()).0,
        )?;
    }
    Ok(Outcome::Clean)
}

/// `flowchart LR`: a box per step, numbered in study order, and an arrow
/// from each prerequisite to the step that needs it, both in the plan;
/// targets drawn bold, learned steps green, a cycle's steps dashed.
fn mermaid(ws: &Workspace, plan: &StudyPlan, out: &mut dyn Write) -> Result<Outcome, CliError> {
    let vault = &*ws.vault;
    writeln!(out, "flowchart LR")?;
    if plan.steps.is_empty() {
        writeln!(out, "  %% Nothing left to learn.")?;
        return Ok(Outcome::Clean);
    }
    let step_of: std::collections::HashMap<usize, usize> = (plan.steps.iter().enumerate())
        .map(|(i, step)| (step.note, i + 1))
        .collect();
    for (i, step) in plan.steps.iter().enumerate() {
        let title = mermaid_text(&vault.notes[step.note].title);
        writeln!(out, "  s{}[\"{}. {title}\"]", i + 1, i + 1)?;
    }
    let mut arrows: Vec<(usize, usize)> = (plan.steps.iter())
        .flat_map(|step| {
            let needs = step_of[&step.note];
            (ws.graph.prerequisites(step.note).into_iter())
                .filter_map(|pre| step_of.get(&pre).map(|&p| (p, needs)))
                .collect::<Vec<_>>()
        })
        .collect();
    arrows.sort_unstable();
    arrows.dedup();
    for (from, to) in arrows {
        writeln!(out, "  s{from} --> s{to}")?;
    }
    let steps_where = |keep: &dyn Fn(&analysis::StudyStep) -> bool| -> Vec<String> {
        (plan.steps.iter().enumerate())
            .filter(|(_, step)| keep(step))
            .map(|(i, _)| format!("s{}", i + 1))
            .collect()
    };
    let classes = [
        (
            "target",
            "stroke-width:3px",
            steps_where(&|s| plan.targets.contains(&s.note)),
        ),
        (
            "learned",
            "fill:#d3f9d8,stroke:#2b8a3e",
            steps_where(&|s| s.learned),
        ),
        (
            "cycle",
            "stroke-dasharray:4 3",
            steps_where(&|s| s.cycle.is_some()),
        ),
    ];
    for (name, style, steps) in classes {
        if !steps.is_empty() {
            writeln!(out, "  classDef {name} {style}")?;
            writeln!(out, "  class {} {name}", steps.join(","))?;
        }
    }
    Ok(Outcome::Clean)
}

/// Text inside a Mermaid label's quotes: the characters Mermaid would read
/// as syntax written as its entity codes, line breaks as spaces.
fn mermaid_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Learned notes per group, then the ten best notes to learn next.
pub fn progress(
    ws: &Workspace,
    by: ProgressBy,
    as_json: bool,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let (vault, config) = (&*ws.vault, &ws.study_config());
    let names: Option<Vec<String>> = (by == ProgressBy::Community).then(|| {
        let names = ws.topic_names();
        ws.communities()
            .of
            .iter()
            .map(|&i| names[i].clone())
            .collect()
    });
    let by = match by {
        ProgressBy::Tag => GroupBy::Tag,
        ProgressBy::Folder => GroupBy::Folder,
        ProgressBy::Community => GroupBy::Community,
    };
    let groups = analysis::progress::progress(vault, config, by, names.as_deref());
    let tallies = ws.self_checks();
    let checks = analysis::progress::self_checks_by_group(vault, by, names.as_deref(), tallies);
    let checks_of = |name: &str| checks.get(name).copied().unwrap_or_default();
    let list = ws.ready();
    let (next, transitive) = (&list.notes, list.transitive);
    let learned = vault.notes.iter().filter(|n| config.is_learned(n)).count();
    if as_json {
        let groups: Vec<_> = (groups.iter())
            .map(|g| {
                let c = checks_of(&g.name);
                json!({"name": g.name, "learned": g.learned, "total": g.total,
                "learned_importance": g.learned_weight, "total_importance": g.total_weight,
                "self_check": c})
            })
            .collect();
        let next: Vec<_> = (next.iter().take(20))
            .map(|n| {
                json!({"path": vault.notes[n.note].path, "title": vault.notes[n.note].title,
                "unblocks": n.unblocks})
            })
            .collect();
        let doc = json!({"learned": learned, "notes": vault.notes.len(), "groups": groups,
            "next_up": next, "unblocks_counted": if transitive { "transitively" } else { "directly" },
            "left_out": list.left_out.len()});
        serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::from)?;
        writeln!(out)?;
        return Ok(Outcome::Clean);
    }
    writeln!(out, "Learned {learned} of {} notes", vault.notes.len())?;
    for g in &groups {
        let bar = "#".repeat((g.share() * 20.0).round() as usize);
        let (l, t) = (g.learned, g.total);
        let c = checks_of(&g.name);
        let boxes = if c.boxes > 0 {
            format!("   self-check {}/{}", c.ticked, c.boxes)
        } else {
            String::new()
        };
        writeln!(out, "  {:<28} {bar:<20} {l}/{t}{boxes}", g.name)?;
    }
    if !next.is_empty() {
        let how = if transitive {
            ""
        } else {
            " (counting notes unblocked directly: a big vault)"
        };
        writeln!(out, "Next up{how}:")?;
    }
    for n in next.iter().take(10) {
        let note = &vault.notes[n.note];
        writeln!(
            out,
            "  {}  ({})  unblocks {} note(s)",
            note.title, note.path, n.unblocks
        )?;
    }
    if let Some(line) = analysis::ready::left_out_line(list.left_out.len()) {
        writeln!(out, "  {line}")?;
    }
    Ok(Outcome::Clean)
}
