//! The command line: `check`, `stats`, `order`, `progress`, `export`,
//! `analyze`, `path`, `search`, `related` and `mark`.
//!
//! Commands write to the given writer and return an `Outcome`; only `main`
//! turns outcomes and errors into exit codes.

mod mark;
mod report;
mod study;
pub mod text;
mod topics;

use crate::export::{self, Format};
use crate::vault;
use crate::workspace::choices::{ColorBy, RightTab, Theme};
use crate::workspace::{DataDir, Given, Options, VaultSource, Workspace};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, Parser)]
#[command(
    name = "notegraph",
    version,
    about = "Turn a folder of Markdown notes into an interactive knowledge graph",
    long_about = "Turn a folder of Markdown notes into an interactive knowledge graph.\n\n\
                  With no subcommand, opens the window on VAULT (or the last vault, or the \
                  bundled sample)."
)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<CliCommand>,
    /// Vault folder to open in the window.
    pub vault: Option<PathBuf>,
    /// Save a PNG of the window once the layout settles, then exit.
    #[arg(long, value_name = "OUT.png")]
    pub screenshot: Option<PathBuf>,
    /// Window size for --screenshot, as WIDTHxHEIGHT.
    #[arg(long, value_name = "WxH", default_value = "1600x1000", value_parser = parse_size)]
    pub size: (u32, u32),
    /// Select this note (id, path, title or alias) when the window opens.
    #[arg(long, value_name = "NOTE")]
    pub select: Option<String>,
    /// Search for this when the window opens (as typed in the box).
    #[arg(long, value_name = "QUERY", allow_hyphen_values = true)]
    pub search: Option<String>,
    /// Show the study plan for this note when the window opens.
    #[arg(long, value_name = "NOTE")]
    pub plan: Option<String>,
    /// Light or dark window, as View › Theme sets it, for this run
    /// (default: the saved choice, which follows the system).
    #[arg(long, value_enum)]
    pub theme: Option<Theme>,
    /// Open on the prerequisite view (each note right of its
    /// prerequisites) instead of the force graph.
    #[arg(long)]
    pub prerequisites: bool,
    /// Open the right panel on this tab.
    #[arg(long, value_enum)]
    pub tab: Option<RightTab>,
    /// Colour the window's nodes by this, as the Style menu does, for this
    /// run.
    #[arg(long, value_enum)]
    pub color: Option<ColorBy>,
    /// Load templates (files under a `templates` folder, Dendron's
    /// `templates.*.md`, placeholder ids) as notes, as before.
    #[arg(long, global = true)]
    pub include_templates: bool,
    /// A heading that opens a note's self-check (repeatable; replaces the
    /// default list: Quick self-check, Self-check, Self-test, Checklist
    /// (self-test) and their usual translations).
    #[arg(long = "self-check-heading", value_name = "HEADING", global = true)]
    pub self_check_headings: Vec<String>,
    /// A note's self-check sets its status: all boxes ticked makes it
    /// learned (the first status of --learned), some ticked `learning`; a
    /// learned status is never lowered. In memory only.
    #[arg(long, global = true)]
    pub learned_from_checks: bool,
    /// Statuses that count as learned, comma-separated [default:
    /// mastered,done,learned,known].
    #[arg(long, global = true, value_delimiter = ',', value_name = "STATUSES")]
    pub learned: Option<Vec<String>>,
    /// Plan from what is learned alone: the prerequisites of learned notes
    /// stay steps (by default they count as known, implied by what is
    /// learned).
    #[arg(long, global = true)]
    pub explicit: bool,
}

impl Args {
    /// The options this command line names, for the window to lay over
    /// its settings for this run.
    pub fn given(&self) -> Given {
        let flag = |on: bool| on.then_some(true);
        Given {
            include_templates: flag(self.include_templates),
            self_check_headings: Some(self.self_check_headings.clone()).filter(|h| !h.is_empty()),
            learned_statuses: self.learned.clone(),
            learned_from_checks: flag(self.learned_from_checks),
            explicit: flag(self.explicit),
        }
    }

    /// The options of a command-line run: the defaults, with what it names.
    pub fn options(&self) -> Options {
        self.given().over(Options::default())
    }
}

fn parse_size(s: &str) -> Result<(u32, u32), String> {
    let (w, h) = s
        .split_once(['x', 'X'])
        .ok_or_else(|| format!("expected WIDTHxHEIGHT, got `{s}`"))?;
    let parse = |v: &str| {
        v.trim()
            .parse::<u32>()
            .ok()
            .filter(|&n| (200..=8192).contains(&n))
            .ok_or_else(|| format!("`{v}` is not a size between 200 and 8192"))
    };
    Ok((parse(w)?, parse(h)?))
}

#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// Report every problem as `path:line: severity: message`.
    /// Exits 1 when there is an error, 2 when the vault cannot be read.
    Check {
        vault: PathBuf,
        #[arg(long)]
        json: bool,
        /// List the templates left out, not only their count.
        #[arg(long)]
        verbose: bool,
    },
    /// Count notes, links, orphans, cycles and frontmatter problems.
    Stats {
        vault: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// A study plan: prerequisites first. With no NOTE, the whole vault.
    Order {
        vault: PathBuf,
        /// Target notes, by id, path, title or alias.
        notes: Vec<String>,
        /// Keep notes already learned in the plan.
        #[arg(long)]
        include_learned: bool,
        /// Same as `--format json`.
        #[arg(long)]
        json: bool,
        /// `text` (default), `md` (a checklist of links that renders in
        /// Obsidian and on GitHub), `csv` (a row per step) or `json`.
        #[arg(long, value_enum, default_value = "text")]
        format: study::PlanFormat,
    },
    /// Learned notes per tag, folder or community, and what to learn next.
    Progress {
        vault: PathBuf,
        #[arg(long, value_enum, default_value = "tag")]
        by: study::ProgressBy,
        #[arg(long)]
        json: bool,
    },
    /// The topic map: communities, hubs, bridges, dead ends and link
    /// suggestions.
    Analyze {
        vault: PathBuf,
        #[arg(long)]
        json: bool,
        /// Suggestions listed per note.
        #[arg(long, default_value_t = 5)]
        limit: usize,
    },
    /// The shortest chain of links between two notes, either direction.
    /// Exits 1 when there is none.
    Path {
        vault: PathBuf,
        from: String,
        to: String,
        #[arg(long)]
        json: bool,
    },
    /// Full-text search: words (all must match), "a phrase", -word,
    /// tag:x, path:folder/, status:x. Exits 1 when nothing matches.
    Search {
        vault: PathBuf,
        /// The whole query as one argument: quote it in the shell
        /// (`-word` works inside it, or after `--`).
        #[arg(allow_hyphen_values = true)]
        query: String,
        #[arg(long)]
        json: bool,
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// The notes most alike in content, with the words they share and
    /// whether a link joins them yet.
    Related {
        vault: PathBuf,
        /// The note, by id, path, title or alias.
        note: String,
        #[arg(long)]
        json: bool,
        #[arg(long, default_value_t = 10)]
        limit: usize,
    },
    /// Set a note's status: with --record in notegraph's own data (the
    /// note is not touched; the window's "Mark learned" does the same),
    /// else in the note's frontmatter, the one command that writes into
    /// the vault: only that value changes, atomically, and it exits 2 with
    /// nothing written when the file cannot be changed safely.
    Mark {
        vault: PathBuf,
        /// The note, by id, path, title or alias.
        note: String,
        /// The new status, e.g. learning, practicing, mastered, stale.
        #[arg(long, required_unless_present = "forget")]
        status: Option<String>,
        /// Record the status in notegraph's data folder instead of the note.
        #[arg(long)]
        record: bool,
        /// Forget the status recorded in notegraph for the note.
        #[arg(long, conflicts_with_all = ["status", "record"])]
        forget: bool,
    },
    /// Write the graph as JSON, Graphviz DOT or GraphML.
    Export {
        vault: PathBuf,
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Output file; standard output if absent.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Lay the graph out and write each node's x, y and community:
        /// `force` (the default) as the window does, run to rest;
        /// `prerequisites`, the layered view, where every note sits right
        /// of its prerequisites (notes without a prerequisite link get no
        /// position).
        #[arg(long, value_enum, num_args = 0..=1, default_missing_value = "force")]
        layout: Option<LayoutKind>,
    },
}

/// `--layout` of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LayoutKind {
    Force,
    Prerequisites,
}

/// `--format` of `export`: the command line's spelling of `export::Format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
    Dot,
    Graphml,
}

impl From<ExportFormat> for Format {
    fn from(format: ExportFormat) -> Format {
        match format {
            ExportFormat::Json => Format::Json,
            ExportFormat::Dot => Format::Dot,
            ExportFormat::Graphml => Format::Graphml,
        }
    }
}

/// How a command went, for the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing wrong found.
    Clean,
    /// The command ran and found errors (check only).
    Findings,
}

/// Why a command could not run.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The vault could not be read.
    #[error(transparent)]
    Vault(#[from] vault::LoadError),
    /// The user named something that does not exist.
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// The notes `names` name (by id, path, title or alias), or a usage error
/// for the first that names none.
fn find_notes<S: AsRef<str>>(ws: &Workspace, names: &[S]) -> Result<Vec<vault::NoteId>, CliError> {
    ws.find_notes(names)
        .map_err(|name| CliError::Usage(format!("no note named `{name}` in {}", ws.source.label())))
}

impl CliCommand {
    /// The vault every command names.
    fn vault(&self) -> &Path {
        match self {
            CliCommand::Check { vault, .. }
            | CliCommand::Stats { vault, .. }
            | CliCommand::Order { vault, .. }
            | CliCommand::Progress { vault, .. }
            | CliCommand::Analyze { vault, .. }
            | CliCommand::Path { vault, .. }
            | CliCommand::Search { vault, .. }
            | CliCommand::Related { vault, .. }
            | CliCommand::Mark { vault, .. }
            | CliCommand::Export { vault, .. } => vault,
        }
    }
}

/// Runs `command` on its vault, loaded as `options` say with the statuses
/// recorded in `data`; what goes wrong with notegraph's own data (the
/// command goes on without it) is written to `warnings`.
pub fn run(
    command: &CliCommand,
    options: &Options,
    data: Option<&DataDir>,
    out: &mut dyn Write,
    warnings: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let source = VaultSource::folder(command.vault());
    let ws = Workspace::open(source, options, data, &|_, _| {})?;
    if let Some(problem) = &ws.data_problem {
        writeln!(warnings, "notegraph: {problem}")?;
    }
    run_on(&ws, command, data, out)
}

fn run_on(
    ws: &Workspace,
    command: &CliCommand,
    data: Option<&DataDir>,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    match command {
        CliCommand::Check { json, verbose, .. } => report::check(ws, *json, *verbose, out),
        CliCommand::Stats { json, .. } => report::stats(ws, *json, out),
        CliCommand::Order {
            notes,
            include_learned,
            json,
            format,
            ..
        } => {
            let format = if *json {
                study::PlanFormat::Json
            } else {
                *format
            };
            study::order(ws, notes, *include_learned, format, out)
        }
        CliCommand::Progress { by, json, .. } => study::progress(ws, *by, *json, out),
        CliCommand::Export {
            format,
            output,
            layout,
            ..
        } => export(ws, (*format).into(), output.as_deref(), *layout, out),
        CliCommand::Mark {
            note,
            status,
            record,
            forget,
            ..
        } => {
            let how = match (forget, record) {
                (true, _) => mark::How::Forget,
                (false, true) => mark::How::Record,
                (false, false) => mark::How::Write,
            };
            mark::mark(ws, data, note, status.as_deref(), how, out)
        }
        CliCommand::Search {
            query, json, limit, ..
        } => text::search(ws, query, *limit, *json, out),
        CliCommand::Related {
            note, json, limit, ..
        } => text::related(ws, note, *limit, *json, out),
        CliCommand::Analyze { json, limit, .. } => topics::analyze(ws, *json, *limit, out),
        CliCommand::Path { from, to, json, .. } => topics::path(ws, from, to, *json, out),
    }
}

/// `-o` may name any path, but never a note of the vault: an export must
/// not cost the user a note.
fn export(
    ws: &Workspace,
    format: Format,
    output: Option<&Path>,
    layout: Option<LayoutKind>,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let (vault, graph) = (&ws.vault, &ws.graph);
    let extras = if layout == Some(LayoutKind::Prerequisites) {
        let layered = ws.layered();
        let mut positions: Vec<[f32; 2]> = (layered.positions().into_iter())
            .map(|p| p.unwrap_or([f32::NAN; 2]))
            .collect();
        positions.resize(
            graph.note_nodes.len() + graph.ghost_nodes.len(),
            [f32::NAN; 2],
        );
        export::Extras {
            positions: Some(positions),
            layer: Some(layered.layer.clone()),
            ..Default::default()
        }
    } else if layout.is_some() {
        let params = crate::layout::LayoutParams::default();
        let communities = ws.communities();
        let topics =
            crate::layout::TopicLevels::of_notes(&communities.consensus, &communities.finer);
        export::Extras {
            positions: Some(crate::layout::whole::settled_positions(
                graph,
                params,
                Some(topics),
            )),
            community: Some(communities.of.clone()),
            layer: None,
        }
    } else {
        export::Extras::default()
    };
    match output {
        Some(file) => {
            // Never inside the vault, never onto a note by another name,
            // and never changed in place.
            let notes: Vec<String> = vault.notes.iter().map(|n| n.path.clone()).collect();
            let usage = |e: crate::output::OutputError| CliError::Usage(e.to_string());
            if let VaultSource::Folder(path) = &ws.source {
                crate::output::check_outside(path, &notes, file).map_err(usage)?;
            }
            crate::output::write_atomically(file, |w| {
                export::write_with(vault, graph, format, &extras, w)
            })
            .map_err(usage)?;
        }
        None => export::write_with(vault, graph, format, &extras, out)?,
    }
    Ok(Outcome::Clean)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis;

    #[test]
    fn learned_defaults_to_the_library_list_and_is_global() {
        let args = Args::try_parse_from(["notegraph", "order", "v"]).unwrap();
        assert_eq!(args.options().learned_statuses, analysis::LEARNED_STATUSES);
        for line in [
            &["notegraph", "order", "v", "--learned", "a,b"][..],
            &["notegraph", "--learned", "a,b", "progress", "v"],
            &["notegraph", "v", "--learned", "a,b"],
        ] {
            let args = Args::try_parse_from(line).unwrap();
            assert_eq!(args.options().learned_statuses, ["a", "b"], "{line:?}");
        }
    }
}
