//! A value worked out on a thread of its own once asked to start (the
//! window starts these once the loaded vault is on screen, so that the
//! first frame does not wait for them), read by views when it is ready.

use std::sync::{Arc, Mutex, OnceLock};

type Job<T> = Box<dyn FnOnce() -> T + Send>;

pub struct Later<T> {
    ready: Arc<OnceLock<T>>,
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
            let _ = ready.set(job());
            done();
        });
    }

    pub fn get(&self) -> Option<&T> {
        self.ready.get()
    }

    /// Starts the work if needed and waits for it (tests).
    pub fn wait(&self) -> &T {
        self.start(|| {});
        // `OnceLock::wait` needs Rust 1.86; the crate builds on 1.85.
        loop {
            if let Some(value) = self.ready.get() {
                return value;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }
}
