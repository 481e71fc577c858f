//! The steps of a load, timed in the debug log (`RUST_LOG=notegraph=debug`,
//! as `examples/load_bench.rs` and the budget script run it), so that a
//! slow load says which step is slow.

use std::time::Instant;

/// Logs the time since the last step as each step ends.
pub struct Phases {
    what: &'static str,
    last: Instant,
}

impl Phases {
    /// Steps of `what` (`"read"`, `"load"`), timed from now.
    pub fn start(what: &'static str) -> Phases {
        Phases {
            what,
            last: Instant::now(),
        }
    }

    /// Logs `step` as ended now, and times the next from here.
    pub fn done(&mut self, step: &str) {
        if log::log_enabled!(log::Level::Debug) {
            let ms = self.last.elapsed().as_secs_f64() * 1000.0;
            log::debug!("{}: {step} {ms:.0} ms", self.what);
        }
        self.last = Instant::now();
    }
}
