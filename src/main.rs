//! The `notegraph` binary: the window, or a command-line subcommand.

use clap::Parser;
use notegraph::cli::{self, Args, CliError, Outcome};
use std::process::ExitCode;

// The binary chooses the allocator, not the library, so that other users of
// the library (the fuzzer under ASan, embedders) keep their own. Frames
// allocate large vertex buffers; glibc returns them to the kernel and takes
// page faults on every frame, mimalloc keeps them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Turns transparent huge pages off for this process. mimalloc commits its
/// arenas eagerly and asks for huge pages, so the kernel zeroed 2 MB at
/// each first touch: a fifth of the CPU time of reading a 100,000-note
/// vault went to clearing pages (docs/performance.md).
fn without_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: prctl with PR_SET_THP_DISABLE takes plain integers and
    // changes only this process's paging.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

fn main() -> ExitCode {
    without_huge_pages();
    env_logger::init();
    let args = Args::parse();
    let Some(command) = args.command.as_ref() else {
        return match open_window(&args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("notegraph: {e}");
                ExitCode::from(2)
            }
        };
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let data = notegraph::workspace::DataDir::from_env();
    let result = cli::run(
        command,
        &args.options(),
        data.as_ref(),
        &mut std::io::stdin().lock(),
        &mut out,
        &mut std::io::stderr(),
    );
    let flushed = std::io::Write::flush(&mut out);
    match (result, flushed) {
        (Ok(Outcome::Clean), Ok(())) => ExitCode::SUCCESS,
        (Ok(Outcome::Findings), Ok(())) => ExitCode::from(1),
        // A closed pipe (`notegraph check | head`) is not a failure.
        (Err(CliError::Io(e)), _) | (Ok(_), Err(e))
            if e.kind() == std::io::ErrorKind::BrokenPipe =>
        {
            ExitCode::SUCCESS
        }
        (Err(e), _) => {
            eprintln!("notegraph: {e}");
            ExitCode::from(2)
        }
        (Ok(_), Err(e)) => {
            eprintln!("notegraph: {e}");
            ExitCode::from(2)
        }
    }
}

#[cfg(feature = "gui")]
fn open_window(args: &Args) -> Result<(), String> {
    notegraph::gui::run(notegraph::gui::WindowOptions {
        vault: args.vault.clone(),
        screenshot: args.screenshot.clone(),
        size: args.size,
        select: args.select.clone(),
        plan: args.plan.clone(),
        theme: args.theme,
        prerequisites: args.prerequisites,
        search: args.search.clone(),
        color: args.color,
        tab: args.tab,
        view: args.view.clone(),
        given: args.given(),
        data: notegraph::workspace::DataDir::from_env(),
    })
}

#[cfg(not(feature = "gui"))]
fn open_window(_: &Args) -> Result<(), String> {
    Err(
        "this build has no window (built without the `gui` feature); use a subcommand, see --help"
            .into(),
    )
}
