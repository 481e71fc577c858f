//! What the command line says about itself: `completions` (clap_complete)
//! and the man page, `manpage` (clap_mangen), both made from the clap
//! definitions in `args.rs` when asked, so that neither drifts from them.
//! Packaging runs the built binary for both (`.ci/package`).
//!
//! The man page is one page, `notegraph(1)`: the window's options and the
//! options every command shares, then a subsection per command (its
//! synopsis, description and own options), then the exit status, the
//! files and the environment.

use super::{Args, CliCommand, CliError, Outcome};
use clap::{Command, CommandFactory};
use clap_mangen::Man;
use std::io::{self, Write};

/// Prints what `command` asks for (`completions` or `manpage`) to `out`.
pub(super) fn print(command: &CliCommand, out: &mut dyn Write) -> Result<Outcome, CliError> {
    let text = match command {
        CliCommand::Completions { shell } => completions(*shell),
        _ => manpage()?,
    };
    out.write_all(&text)?;
    Ok(Outcome::Clean)
}

/// The completion script for `shell`. Made in memory: clap_complete panics
/// when its writer fails, and a closed pipe is not a panic.
pub fn completions(shell: clap_complete::Shell) -> Vec<u8> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Args::command(), "notegraph", &mut script);
    script
}

/// The command line, built: every subcommand knows its full name
/// (`notegraph views list`), and there is no `help` subcommand to list.
fn built() -> Command {
    let mut cmd = Args::command().disable_help_subcommand(true);
    cmd.build();
    cmd
}

/// The man page, roff for `man`.
pub fn manpage() -> io::Result<Vec<u8>> {
    let cmd = built();
    let man = Man::new(cmd.clone()).date("").manual("notegraph manual");
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    man.render_options_section(&mut page)?;
    writeln!(page, ".SH COMMANDS")?;
    let shared: Vec<_> = (cmd.get_arguments())
        .filter(|arg| arg.is_global_set())
        .filter_map(|arg| arg.get_long())
        .map(|long| format!("\\fB\\-\\-{}\\fR", long.replace('-', "\\-")))
        .collect();
    writeln!(
        page,
        "Every command also takes the options {} (see OPTIONS), before or after its name.",
        shared.join(", ")
    )?;
    for sub in visible(&cmd) {
        command_section(sub, &mut page)?;
    }
    page.extend_from_slice(TAIL.as_bytes());
    man.render_version_section(&mut page)?;
    Ok(finish(&page))
}

/// The two lines with which clap_mangen opens each part it renders (they
/// define `\*(Aq`, an apostrophe in any roff); a page needs them once.
const PREAMBLE: &str = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";

/// The page with the preamble once, and in ASCII: roff reads its input as
/// Latin-1 unless told otherwise, so `›` and `…` become `\[u203A]`.
fn finish(page: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(page).replace(PREAMBLE, "");
    let mut out = String::from(PREAMBLE);
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.push_str(&format!("\\[u{:04X}]", c as u32));
        }
    }
    out.into_bytes()
}

/// The subcommands a user may type, in the order `--help` lists them.
fn visible(cmd: &Command) -> impl Iterator<Item = &Command> {
    cmd.get_subcommands().filter(|sub| !sub.is_hide_set())
}

/// One command's subsection, then those of its own subcommands (`views`).
fn command_section(sub: &Command, page: &mut Vec<u8>) -> io::Result<()> {
    let name = sub.get_bin_name().unwrap_or(sub.get_name());
    writeln!(page, ".SS \"{name}\"")?;
    // The shared options are listed once, at the top; `--help` everywhere.
    let shared: Vec<_> = (sub.get_arguments())
        .filter(|arg| arg.is_global_set() || arg.get_id() == "help")
        .map(|arg| arg.get_id().clone())
        .collect();
    let own = shared
        .into_iter()
        .fold(sub.clone(), |cmd, id| cmd.mut_arg(id, |arg| arg.hide(true)));
    let man = Man::new(own);
    let mut parts = Vec::new();
    man.render_synopsis_section(&mut parts)?;
    writeln!(parts, ".PP")?;
    man.render_description_section(&mut parts)?;
    man.render_options_section(&mut parts)?;
    // Each part opens with its own `.SH`: here they are one subsection.
    for line in String::from_utf8_lossy(&parts).lines() {
        if !line.starts_with(".SH ") {
            writeln!(page, "{line}")?;
        }
    }
    for inner in visible(sub) {
        command_section(inner, page)?;
    }
    Ok(())
}

/// What the clap definitions do not say: exit codes (`main`), notegraph's
/// own files (`workspace::data`) and the environment it reads.
const TAIL: &str = r#".SH "EXIT STATUS"
.TP
\fB0\fR
The command ran and found nothing wrong.
.TP
\fB1\fR
The command ran and found what it reports: errors (\fBcheck\fR), no path (\fBpath\fR), no hit (\fBsearch\fR), notes due (\fBreview\fR).
.TP
\fB2\fR
The command could not run: the vault cannot be read, a note named does not exist, or a file cannot be written.
.SH FILES
.TP
\fI$XDG_DATA_HOME/notegraph/\fR (else \fI~/.local/share/notegraph/\fR)
notegraph's own data: the window's settings and node positions, statuses recorded with \fBmark \-\-record\fR or the window's "Mark learned", review schedules and named views, one set per vault. Nothing is written into a vault except by \fBmark\fR without \fB\-\-record\fR.
.SH ENVIRONMENT
.TP
\fBXDG_DATA_HOME\fR
Where notegraph's data folder lies (see FILES).
.TP
\fBRUST_LOG\fR
\fBnotegraph=debug\fR writes timings and other traces to standard error.
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_man_page_names_every_command_with_its_own_options() {
        let page = String::from_utf8(manpage().unwrap()).unwrap();
        let title = page.strip_prefix(PREAMBLE).expect("the preamble first");
        assert!(title.starts_with(".TH notegraph 1 "), "{}", &page[..80]);
        assert_eq!(page.matches(".ds Aq").count(), 2, "the preamble once");
        assert!(page.is_ascii() && page.contains(r"View \[u203A] Theme"));
        for sub in visible(&built()) {
            let name = sub.get_bin_name().unwrap();
            assert!(page.contains(&format!(".SS \"{name}\"")), "{name}");
        }
        assert!(page.contains(".SS \"notegraph views import\""));
        assert!(!page.contains("manpage"), "the packaging command is hidden");
        // An option of one command, and a shared one listed once.
        assert!(page.contains(r"\-\-include\-learned"));
        assert_eq!(page.matches(".TP\n\\fB\\-\\-gitignore\\fR").count(), 1);
    }

    #[test]
    fn the_completions_offer_every_command_and_option() {
        use clap_complete::Shell;
        for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
            let script = String::from_utf8(completions(shell)).unwrap();
            for sub in visible(&built()) {
                assert!(
                    script.contains(sub.get_name()),
                    "{shell}: {}",
                    sub.get_name()
                );
            }
            for word in ["include-learned", "prerequisites", "graphml", "import"] {
                assert!(script.contains(word), "{shell}: {word}");
            }
        }
    }
}
