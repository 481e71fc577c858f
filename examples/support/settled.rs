//! The window's state on a vault, loaded and with its layout at rest, as
//! the frame benchmarks (`frame_bench`, `gpu_frame_bench`) start from.

use notegraph::gui::{App, Launch, Settings, VaultSource};
use std::time::Instant;

/// The app on `vault`, settled: with the notes it holds and the time to
/// load it and to settle its layout (ms).
pub struct Settled {
    pub app: App,
    pub notes: usize,
    pub load_ms: f64,
    pub settle_ms: f64,
}

/// Loads `vault` with notegraph's data folder from the environment, as
/// the window does, then runs its layout to rest.
pub fn open_settled(vault: &str) -> Settled {
    let started = Instant::now();
    let launch = Launch {
        data: notegraph::workspace::DataDir::from_env(),
        ..Launch::default()
    };
    let source = VaultSource::Folder(vault.into());
    let mut app = App::launch_blocking(Settings::default(), source, launch);
    let load_ms = started.elapsed().as_secs_f64() * 1000.0;
    let notes = app.loaded().map_or(0, |l| l.vault.notes.len());
    let started = Instant::now();
    app.settle_layout();
    let settle_ms = started.elapsed().as_secs_f64() * 1000.0;
    Settled {
        app,
        notes,
        load_ms,
        settle_ms,
    }
}
