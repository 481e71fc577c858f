//! The command line's arguments (clap): the window's flags, the options
//! every command shares (`Args::options`), and the commands.

use super::study;
use crate::export::Format;
use crate::workspace::choices::{ColorBy, RightTab, Theme};
use crate::workspace::{Given, Options};
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "notegraph",
    version,
    subcommand_value_name = "COMMAND",
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
    /// Leave out the files the vault's .gitignore names, as Obsidian's
    /// excluded files are always left out: links to them still resolve.
    #[arg(long, visible_alias = "respect-gitignore", global = true)]
    pub gitignore: bool,
    /// The Review tab's desired retention, for this run (see `review`).
    #[arg(long, value_name = "R", value_parser = parse_retention)]
    pub retention: Option<f64>,
    /// The Review tab's daily cap of cards, for this run (see `review`).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Open on this named view of the vault (Views menu; `views list`),
    /// for this run.
    #[arg(long, value_name = "NAME")]
    pub view: Option<String>,
}

impl Args {
    /// The options this command line names, for the window to lay over
    /// its settings for this run.
    pub fn given(&self) -> Given {
        let flag = |on: bool| on.then_some(true);
        let (retention, daily_limit) = match &self.command {
            Some(CliCommand::Review {
                retention, limit, ..
            }) => (retention.or(self.retention), limit.or(self.limit)),
            _ => (self.retention, self.limit),
        };
        Given {
            include_templates: flag(self.include_templates),
            self_check_headings: Some(self.self_check_headings.clone()).filter(|h| !h.is_empty()),
            learned_statuses: self.learned.clone(),
            learned_from_checks: flag(self.learned_from_checks),
            explicit: flag(self.explicit),
            gitignore: flag(self.gitignore),
            retention,
            daily_limit,
        }
    }

    /// The options of a command-line run: the defaults, with what it names.
    pub fn options(&self) -> Options {
        self.given().over(Options::default())
    }
}

fn parse_retention(s: &str) -> Result<f64, String> {
    let range = crate::workspace::RETENTION_RANGE;
    s.trim()
        .parse::<f64>()
        .ok()
        .filter(|r| range.contains(r))
        .ok_or_else(|| {
            let (lo, hi) = (range.start(), range.end());
            format!("`{s}` is not a retention between {lo} and {hi}")
        })
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
        /// List the templates and excluded files left out, not only their
        /// count.
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
        /// Obsidian and on GitHub), `csv` (a row per step), `json` or
        /// `mermaid` (a flowchart of the steps and their prerequisites).
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
        /// Write into a note that has no write bit (its mode stays).
        #[arg(long, conflicts_with_all = ["record", "forget"])]
        force: bool,
    },
    /// What is due for review today (or --at a day), most worth it first:
    /// learned notes, by how overdue, how important and how many notes need
    /// them, at most --limit. Exits 0 when nothing is due, 1 when some is.
    /// With NOTE and --grade, records that review (FSRS) in notegraph's data
    /// folder; the note is not touched.
    Review {
        vault: PathBuf,
        /// The note reviewed, by id, path, title or alias (with --grade).
        note: Option<String>,
        /// How the review went.
        #[arg(long, value_enum)]
        grade: Option<crate::analysis::review::Grade>,
        /// The day, as YYYY-MM-DD (a grade counts at its noon, UTC).
        #[arg(long, value_name = "DATE")]
        at: Option<chrono::NaiveDate>,
        /// Notes listed at most [default: 20, the window's daily cap].
        #[arg(long)]
        limit: Option<usize>,
        /// Spread the notes never reviewed over this many days from the
        /// day (recorded in notegraph's data), so that a backlog does not
        /// all fall due at once.
        #[arg(long, value_name = "DAYS", conflicts_with = "grade")]
        spread: Option<u32>,
        /// The share of reviews you want to remember (FSRS's desired
        /// retention, 0.7 to 0.99): higher asks for more reviews [default:
        /// 0.9].
        #[arg(long, value_parser = parse_retention)]
        retention: Option<f64>,
        #[arg(long)]
        json: bool,
    },
    /// What do you already know? Asks about notes ("Do you know …?"),
    /// reading one answer a line from standard input (y, n or s to skip;
    /// the end of input stops), each answer settling what it implies
    /// through the prerequisites, then proposes the known set. Proposes
    /// only: --accept records it in notegraph's data (the notes untouched),
    /// --undo takes the last accepted one back.
    Placement {
        vault: PathBuf,
        /// Questions asked at most.
        #[arg(long, default_value_t = 20)]
        max: usize,
        #[arg(long)]
        accept: bool,
        #[arg(long, conflicts_with = "accept")]
        undo: bool,
        /// Each question a JSON line; the last line `{"known": [paths]}`.
        #[arg(long)]
        json: bool,
    },
    /// Write the graph as JSON, Graphviz DOT, GraphML, GEXF (Gephi), SVG
    /// (a picture) or JSON Canvas (Obsidian), or as a map to read in a
    /// browser: one HTML file that works offline.
    Export {
        vault: PathBuf,
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Output file; standard output if absent or `-`.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Lay the graph out and write each node's x, y and community
        /// (always done for gexf, svg and canvas): `force` (the default)
        /// as the window does, run to rest;
        /// `prerequisites`, the layered view, where every note sits right
        /// of its prerequisites (notes without a prerequisite link get no
        /// position).
        #[arg(long, value_enum, num_args = 0..=1, default_missing_value = "force")]
        layout: Option<LayoutKind>,
        /// Write what this named view shows: its filters, its focus at its
        /// depth less its hidden notes, and its kinds of link (folded
        /// groups are written unfolded).
        #[arg(long, value_name = "NAME")]
        view: Option<String>,
        /// JSON Canvas: a named group round each community's cards.
        #[arg(long)]
        canvas_groups: bool,
        /// With `--format html`: this note's study plan (as `order`
        /// makes it), its steps numbered on the map and listed in order.
        /// Repeat for several targets.
        #[arg(long, value_name = "NOTE")]
        plan: Vec<String>,
        /// With `--plan`: keep notes already learned in the plan.
        #[arg(long, requires = "plan")]
        include_learned: bool,
        /// With `--format html`: mark learned notes, and let the reader
        /// tick notes learned (kept in the browser, never sent).
        #[arg(long)]
        progress: bool,
    },
    /// Named views, saved in the window (Views › Save view…) in
    /// notegraph's data folder: list them, or move one between vaults and
    /// machines as a small JSON file.
    Views {
        #[command(subcommand)]
        command: ViewsCommand,
    },
    /// Print completions for a shell: bash, zsh or fish (also elvish,
    /// powershell). The README says where each shell looks for them.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), made from these definitions: `notegraph
    /// manpage > notegraph.1`. For packaging; .ci/package runs it.
    #[command(hide = true)]
    Manpage,
}

/// What `views` does.
#[derive(Debug, Subcommand)]
pub enum ViewsCommand {
    /// The vault's views, in the order saved, each with what it shows.
    List {
        vault: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Write one view as a JSON file (never inside the vault).
    Export {
        vault: PathBuf,
        /// The view's name.
        name: String,
        /// Output file; standard output if absent or `-`.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Add the view in a JSON file (from `views export`) to the vault's
    /// views; a name already taken gets a number.
    Import {
        vault: PathBuf,
        file: PathBuf,
        /// Keep it under this name instead of the file's.
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
    },
    /// Give a view another name (refused when the name is taken).
    Rename {
        vault: PathBuf,
        name: String,
        new_name: String,
    },
    /// Delete a view.
    Delete { vault: PathBuf, name: String },
}

impl ViewsCommand {
    pub(super) fn vault(&self) -> &std::path::Path {
        match self {
            ViewsCommand::List { vault, .. }
            | ViewsCommand::Export { vault, .. }
            | ViewsCommand::Import { vault, .. }
            | ViewsCommand::Rename { vault, .. }
            | ViewsCommand::Delete { vault, .. } => vault,
        }
    }
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
    /// GEXF 1.3, for Gephi: colours, sizes and positions as drawn.
    Gexf,
    /// A picture of the whole laid-out graph.
    Svg,
    /// JSON Canvas 1.0: Obsidian opens it as a canvas of the notes.
    Canvas,
    /// A single-file map to read in a browser.
    Html,
}

impl From<ExportFormat> for Format {
    fn from(format: ExportFormat) -> Format {
        match format {
            ExportFormat::Json => Format::Json,
            ExportFormat::Dot => Format::Dot,
            ExportFormat::Graphml => Format::Graphml,
            ExportFormat::Gexf => Format::Gexf,
            ExportFormat::Svg => Format::Svg,
            ExportFormat::Canvas => Format::Canvas,
            ExportFormat::Html => Format::Html,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis;

    #[test]
    fn a_view_is_named_for_the_window_and_for_export_alike() {
        let window = Args::try_parse_from(["notegraph", "v", "--view", "Raft study"]).unwrap();
        assert_eq!(window.view.as_deref(), Some("Raft study"));
        assert!(window.command.is_none());
        let line = [
            "notegraph",
            "export",
            "v",
            "--format",
            "dot",
            "--view",
            "Raft",
        ];
        let export = Args::try_parse_from(line).unwrap();
        let Some(CliCommand::Export { view, .. }) = export.command else {
            panic!("an export");
        };
        assert_eq!(view.as_deref(), Some("Raft"));
    }

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
