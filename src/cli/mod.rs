//! The command line: `check`, `stats`, `order`, `progress`, `export`,
//! `analyze`, `path`, `search`, `related` and `mark`.
//!
//! Commands write to the given writer and return an `Outcome`; only `main`
//! turns outcomes and errors into exit codes.

mod mark;
mod reading;
mod report;
mod study;
pub mod text;
mod topics;

use reading::{headings, load, load_for};
pub use reading::{include_templates, learned_from_checks, self_check_headings};

use crate::analysis::{self, StudyConfig};
use crate::export::{self, Format};
use crate::graph::NoteGraph;
use crate::vault::{self, Vault};
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
    /// Light or dark window, as View › Theme sets it (default: the saved
    /// choice, which follows the system).
    #[arg(long, value_parser = ["light", "dark", "system"])]
    pub theme: Option<String>,
    /// Open on the prerequisite view (each note right of its
    /// prerequisites) instead of the force graph.
    #[arg(long)]
    pub prerequisites: bool,
    /// Open the right panel on this tab.
    #[arg(long, value_parser = ["note", "problems", "plan", "progress"])]
    pub tab: Option<String>,
    /// Colour the window's nodes by this, as the Style menu does.
    #[arg(long, value_parser = ["status", "tag", "folder", "community", "self-check"])]
    pub color: Option<String>,
    /// Load templates (files under a `templates` folder, Dendron's
    /// `templates.*.md`, placeholder ids) as notes, as before.
    #[arg(long, global = true)]
    pub include_templates: bool,
    /// A heading that opens a note's self-check (repeatable; replaces the
    /// default list: Quick self-check, Self-check, Self-test, Checklist
    /// (self-test) and their usual translations).
    #[arg(long = "self-check-heading", value_name = "HEADING", global = true)]
    pub self_check_headings: Vec<String>,
    /// Count a note whose self-check boxes are all ticked as learned
    /// (`mastered`), whatever its `status` says.
    #[arg(long, global = true)]
    pub learned_from_checks: bool,
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

/// The library's learned statuses as `--learned` takes them, so that the
/// help shows the default with commas, as it is typed.
static LEARNED_DEFAULT: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| analysis::LEARNED_STATUSES.join(","));

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
        /// Keep as steps the prerequisites of learned notes too (by
        /// default they count as known: implied by what is learned).
        #[arg(long)]
        explicit: bool,
        /// Statuses that count as learned (comma-separated).
        #[arg(
            long,
            value_delimiter = ',',
            default_value = LEARNED_DEFAULT.as_str()
        )]
        learned: Vec<String>,
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
        /// Statuses that count as learned (comma-separated).
        #[arg(
            long,
            value_delimiter = ',',
            default_value = LEARNED_DEFAULT.as_str()
        )]
        learned: Vec<String>,
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
    /// Set a note's `status:` in its frontmatter: the one command that
    /// writes into the vault. Only that value changes, atomically; exits 2
    /// with nothing written when the file cannot be changed safely.
    Mark {
        vault: PathBuf,
        /// The note, by id, path, title or alias.
        note: String,
        /// The new status, e.g. learning, practicing, mastered, stale.
        #[arg(long)]
        status: String,
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
fn find_notes<S: AsRef<str>>(
    vault: &Vault,
    root: &Path,
    names: &[S],
) -> Result<Vec<vault::NoteId>, CliError> {
    let index = vault::resolve::Index::new(&vault.notes);
    (names.iter().map(AsRef::as_ref))
        .map(|name| {
            index.find_by_name(name).ok_or_else(|| {
                CliError::Usage(format!("no note named `{name}` in {}", root.display()))
            })
        })
        .collect()
}

fn open(path: &Path) -> Result<(Vault, NoteGraph), CliError> {
    open_for(path, &StudyConfig::default())
}

/// Opens a vault for a command with its own learned statuses.
fn open_for(path: &Path, config: &StudyConfig) -> Result<(Vault, NoteGraph), CliError> {
    let vault = load_for(path, config)?;
    let graph = NoteGraph::build(&vault);
    Ok((vault, graph))
}

pub fn run(command: &CliCommand, out: &mut dyn Write) -> Result<Outcome, CliError> {
    match command {
        CliCommand::Check {
            vault,
            json,
            verbose,
        } => report::check(vault, *json, *verbose, out),
        CliCommand::Stats { vault, json } => report::stats(vault, *json, out),
        CliCommand::Order {
            vault,
            notes,
            include_learned,
            explicit,
            learned,
            json,
            format,
        } => {
            let config = StudyConfig {
                learned_statuses: learned.clone(),
                include_learned: *include_learned,
                explicit: *explicit,
                ..StudyConfig::default()
            };
            let format = if *json {
                study::PlanFormat::Json
            } else {
                *format
            };
            study::order(vault, notes, &config, format, out)
        }
        CliCommand::Progress {
            vault,
            by,
            learned,
            json,
        } => {
            let config = StudyConfig {
                learned_statuses: learned.clone(),
                ..StudyConfig::default()
            };
            study::progress(vault, *by, &config, *json, out)
        }
        CliCommand::Export {
            vault,
            format,
            output,
            layout,
        } => export(vault, (*format).into(), output.as_deref(), *layout, out),
        CliCommand::Mark {
            vault,
            note,
            status,
        } => mark::mark(vault, note, status, out),
        CliCommand::Search {
            vault,
            query,
            json,
            limit,
        } => text::search(vault, query, *limit, *json, out),
        CliCommand::Related {
            vault,
            note,
            json,
            limit,
        } => text::related(vault, note, *limit, *json, out),
        CliCommand::Analyze { vault, json, limit } => topics::analyze(vault, *json, *limit, out),
        CliCommand::Path {
            vault,
            from,
            to,
            json,
        } => topics::path(vault, from, to, *json, out),
    }
}

/// `-o` may name any path, but never a note of the vault: an export must
/// not cost the user a note.
fn export(
    path: &Path,
    format: Format,
    output: Option<&Path>,
    layout: Option<LayoutKind>,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let (vault, graph) = open(path)?;
    let extras = if layout == Some(LayoutKind::Prerequisites) {
        let layered = crate::layout::layered::of_graph(&graph);
        let mut positions: Vec<[f32; 2]> = (layered.positions().into_iter())
            .map(|p| p.unwrap_or([f32::NAN; 2]))
            .collect();
        positions.resize(
            graph.note_nodes.len() + graph.ghost_nodes.len(),
            [f32::NAN; 2],
        );
        export::Extras {
            positions: Some(positions),
            layer: Some(layered.layer),
            ..Default::default()
        }
    } else if layout.is_some() {
        let params = crate::layout::LayoutParams::default();
        let communities = analysis::communities::communities(&vault, &graph);
        let topics =
            crate::layout::TopicLevels::of_notes(&communities.consensus, &communities.finer);
        export::Extras {
            positions: Some(crate::layout::whole::settled_positions(
                &graph,
                params,
                Some(topics),
            )),
            community: Some(communities.of),
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
            crate::output::check_outside(path, &notes, file).map_err(usage)?;
            crate::output::write_atomically(file, |w| {
                export::write_with(&vault, &graph, format, &extras, w)
            })
            .map_err(usage)?;
        }
        None => export::write_with(&vault, &graph, format, &extras, out)?,
    }
    Ok(Outcome::Clean)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learned_defaults_to_the_library_list() {
        let args = Args::try_parse_from(["notegraph", "order", "v"]).unwrap();
        let Some(CliCommand::Order { learned, .. }) = args.command else {
            panic!("parsed as order");
        };
        assert_eq!(learned, analysis::LEARNED_STATUSES);
        let args = Args::try_parse_from(["notegraph", "order", "v", "--learned", "a,b"]).unwrap();
        let Some(CliCommand::Order { learned, .. }) = args.command else {
            panic!("parsed as order");
        };
        assert_eq!(learned, ["a", "b"]);
    }
}
