//! A value worked out on a thread of its own once asked to start (the
//! window starts these once the loaded vault is on screen, so that the
//! first frame does not wait for them), read by views when it is ready.

use std::sync::{Arc, Mutex, OnceLock};

type Job<T> = Box<dyn FnOnce() -> T + Send>;

pub struct Later<T> {
    /// Set when the work is over: `None` if it failed (panicked).
    ready: Arc<OnceLock<Option<T>>>,
    job: Arc<Mutex<Option<Job<T>>>>,
}

impl<T> Clone for Later<T> {
    fn clone(&self) -> Self {
        Later {
            ready: self.ready.clone(),
            job: self.job.clone(),
        }
    }
}

impl<T: Send + Sync + 'static> Later<T> {
    pub fn new(job: impl FnOnce() -> T + Send + 'static) -> Later<T> {
        Later {
            ready: Arc::new(OnceLock::new()),
            job: Arc::new(Mutex::new(Some(Box::new(job)))),
        }
    }

    /// Starts the work, once; `done` is called when it is ready (the
    /// window asks for a frame).
    pub fn start(&self, done: impl FnOnce() + Send + 'static) {
        let Some(job) = self.job.lock().expect("not poisoned").take() else {
            return;
        };
        let ready = self.ready.clone();
        std::thread::spawn(move || {
            behind_the_window();
            // A failure is an answer too: views stop waiting for it.
            let value = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job)).ok();
            let _ = ready.set(value);
            done();
        });
    }

    /// The value, once worked out.
    pub fn get(&self) -> Option<&T> {
        self.ready.get().and_then(Option::as_ref)
    }

    /// Whether the work has been started.
    pub fn started(&self) -> bool {
        self.job.lock().expect("not poisoned").is_none()
    }

    /// Whether the work is over, done or failed.
    pub fn finished(&self) -> bool {
        self.ready.get().is_some()
    }

    /// Starts the work if needed and waits for it to end (tests); `None`
    /// if it failed.
    pub fn wait(&self) -> Option<&T> {
        self.start(|| {});
        // `OnceLock::wait` needs Rust 1.86; the crate builds on 1.85.
        loop {
            if let Some(value) = self.ready.get() {
                return value.as_ref();
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }
}

/// Lowers the calling thread's priority: work the window does beside
/// (the topic details, the folder's watcher) then takes what the window
/// and the layout leave of the cores, and a big vault's first frames are
/// not held up by it.
pub fn behind_the_window() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority reads plain integers; on Linux, `who = 0` with
    // PRIO_PROCESS names the calling thread alone.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_job_ends_the_wait() {
        let ok = Later::new(|| 7);
        assert!(!ok.finished());
        assert_eq!(ok.wait(), Some(&7));
        let failed: Later<u32> = Later::new(|| panic!("a job that fails"));
        assert_eq!(failed.wait(), None);
        assert!(failed.finished() && failed.get().is_none());
    }
}
