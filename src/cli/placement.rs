//! `placement`: what does the learner already know? Questions on
//! standard output, one answer a line on standard input (`y`, `n`, `s`;
//! the end of input stops), then the proposed known set; `--accept`
//! records it in notegraph's data (the notes untouched), `--undo` takes
//! the last accepted one back.

use super::{CliError, Outcome};
use crate::analysis::placement::Answer;
use crate::analysis::prompts::{prompts, Prompt};
use crate::workspace::{DataDir, Workspace};
use serde_json::json;
use std::io::{BufRead, Write};

/// What `placement` was asked.
pub struct Ask {
    pub max: usize,
    pub accept: bool,
    pub undo: bool,
    pub json: bool,
}

pub fn placement(
    ws: &Workspace,
    data: Option<&DataDir>,
    ask: &Ask,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let usage = |e: crate::workspace::DataError| CliError::Usage(e.to_string());
    let data_dir =
        || data.ok_or_else(|| CliError::Usage("no data folder: set XDG_DATA_HOME or HOME".into()));
    if ask.undo {
        let undone = data_dir()?.undo_placement(&ws.source).map_err(usage)?;
        writeln!(out, "{} notes no longer recorded as learned", undone.len())?;
        return Ok(Outcome::Clean);
    }
    let vault = &ws.vault;
    let mut placement = ws.start_placement();
    let config = ws.study_config();
    let learned: Vec<bool> = vault.notes.iter().map(|n| config.is_learned(n)).collect();
    let headings = ws.options.headings();
    while placement.asked < ask.max {
        let Some(note) = placement.next() else { break };
        let n = &vault.notes[note];
        if ask.json {
            writeln!(
                out,
                "{}",
                json!({"question": placement.asked + 1, "path": n.path, "title": n.title})
            )?;
        } else {
            writeln!(
                out,
                "Q{}. Do you know “{}”? ({})",
                placement.asked + 1,
                n.title,
                n.path
            )?;
            for prompt in prompts(n, &headings).iter().take(3) {
                let text = match prompt {
                    Prompt::Check(t) | Prompt::Heading(t) => t,
                    Prompt::Question { question, .. } => question,
                };
                writeln!(out, "    - {text}")?;
            }
            writeln!(out, "  y: I know this / n: not yet / s: skip")?;
        }
        out.flush()?;
        let mut line = String::new();
        if input.read_line(&mut line)? == 0 {
            break;
        }
        let answer = match line.trim().to_lowercase().as_str() {
            "y" | "yes" => Answer::Yes,
            "n" | "no" => Answer::No,
            _ => Answer::Skip,
        };
        placement.answer(note, answer);
    }
    let known: Vec<String> = (placement.proposal().iter().enumerate())
        .filter(|&(n, &k)| k && !learned[n])
        .map(|(n, _)| vault.notes[n].path.clone())
        .collect();
    if ask.json {
        writeln!(out, "{}", json!({"known": known}))?;
    } else {
        writeln!(
            out,
            "Proposed as known ({} notes, not learned yet):",
            known.len()
        )?;
        for path in &known {
            writeln!(out, "  {path}")?;
        }
    }
    if ask.accept {
        let status = ws.options.placed_status();
        data_dir()?
            .accept_placement(&ws.source, &known, status)
            .map_err(usage)?;
        if !ask.json {
            writeln!(
                out,
                "Recorded as {status} in notegraph (placement --undo takes it back)"
            )?;
        }
    }
    Ok(Outcome::Clean)
}
