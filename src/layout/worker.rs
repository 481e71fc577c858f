//! Runs a `Simulation` on its own thread, so that the layout settles at
//! full speed however slowly frames are drawn, and the window stays
//! responsive. The owner sends commands and reads the latest positions.

use super::{LayoutParams, Simulation};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What the owner asks of the layout thread.
enum WorkerMessage {
    Pin(usize, [f32; 2]),
    Unpin(usize),
    UnpinAll,
    Reheat(f32),
    Params(LayoutParams),
    Pause(bool),
    /// Run to rest now, then answer.
    Settle(Sender<()>),
}

struct Shared {
    positions: Mutex<Vec<[f32; 2]>>,
    /// Bumped on every publish.
    version: AtomicU64,
    moving: AtomicBool,
}

/// A simulation on a background thread. Dropping it stops the thread.
pub struct LayoutWorker {
    commands: Sender<WorkerMessage>,
    shared: Arc<Shared>,
    pinned: Vec<bool>,
    paused: bool,
}

/// How often a moving layout publishes positions.
const PUBLISH_EVERY: Duration = Duration::from_millis(15);

impl LayoutWorker {
    pub fn start(sim: Simulation) -> LayoutWorker {
        let pinned = (0..sim.len()).map(|i| sim.is_pinned(i)).collect();
        let shared = Arc::new(Shared {
            positions: Mutex::new(sim.positions().to_vec()),
            version: AtomicU64::new(1),
            moving: AtomicBool::new(!sim.is_settled()),
        });
        let (commands, inbox) = channel();
        let thread_shared = shared.clone();
        std::thread::Builder::new()
            .name("notegraph-layout".into())
            .spawn(move || run(sim, inbox, &thread_shared))
            .expect("spawn the layout thread");
        LayoutWorker {
            commands,
            shared,
            pinned,
            paused: false,
        }
    }

    /// The positions last published, and their version.
    pub fn positions(&self) -> (u64, Vec<[f32; 2]>) {
        let positions = self.shared.positions.lock().expect("not poisoned").clone();
        (self.shared.version.load(Ordering::Acquire), positions)
    }

    pub fn version(&self) -> u64 {
        self.shared.version.load(Ordering::Acquire)
    }

    /// Still moving (and not paused).
    pub fn is_moving(&self) -> bool {
        !self.paused && self.shared.moving.load(Ordering::Acquire)
    }

    pub fn is_settled(&self) -> bool {
        !self.shared.moving.load(Ordering::Acquire)
    }

    pub fn pin(&mut self, node: usize, at: [f32; 2]) {
        self.pinned[node] = true;
        let _ = self.commands.send(WorkerMessage::Pin(node, at));
    }

    pub fn unpin(&mut self, node: usize) {
        self.pinned[node] = false;
        let _ = self.commands.send(WorkerMessage::Unpin(node));
    }

    pub fn unpin_all(&mut self) {
        self.pinned.iter_mut().for_each(|p| *p = false);
        let _ = self.commands.send(WorkerMessage::UnpinAll);
    }

    pub fn is_pinned(&self, node: usize) -> bool {
        self.pinned.get(node).copied().unwrap_or(false)
    }

    pub fn reheat(&mut self, alpha: f32) {
        self.shared.moving.store(true, Ordering::Release);
        let _ = self.commands.send(WorkerMessage::Reheat(alpha));
    }

    pub fn set_params(&mut self, params: LayoutParams) {
        let _ = self.commands.send(WorkerMessage::Params(params));
    }

    pub fn set_paused(&mut self, paused: bool) {
        self.paused = paused;
        let _ = self.commands.send(WorkerMessage::Pause(paused));
    }

    pub fn is_paused(&self) -> bool {
        self.paused
    }

    /// Runs the layout to rest before returning (tests, benchmarks).
    pub fn settle(&self) {
        let (done, wait) = channel();
        if self.commands.send(WorkerMessage::Settle(done)).is_ok() {
            let _ = wait.recv();
        }
    }
}

/// Publishes the places a multilevel start goes through, still moving.
fn publish_places(places: &[[f32; 2]], shared: &Shared) {
    let mut positions = shared.positions.lock().expect("not poisoned");
    if positions.len() == places.len() {
        positions.copy_from_slice(places);
        shared.version.fetch_add(1, Ordering::AcqRel);
    }
}

fn publish(sim: &Simulation, shared: &Shared, paused: bool) {
    shared
        .positions
        .lock()
        .expect("not poisoned")
        .copy_from_slice(sim.positions());
    shared
        .moving
        .store(!paused && !sim.is_settled(), Ordering::Release);
    shared.version.fetch_add(1, Ordering::AcqRel);
}

fn run(mut sim: Simulation, inbox: Receiver<WorkerMessage>, shared: &Shared) {
    let mut paused = false;
    let mut last_publish = Instant::now();
    loop {
        let moving = !paused && !sim.is_settled();
        // At rest, sleep until told something; while moving, only look.
        let first = if moving {
            match inbox.try_recv() {
                Ok(c) => Some(c),
                Err(std::sync::mpsc::TryRecvError::Empty) => None,
                Err(std::sync::mpsc::TryRecvError::Disconnected) => return,
            }
        } else {
            match inbox.recv() {
                Ok(c) => Some(c),
                Err(_) => return,
            }
        };
        let mut changed = false;
        for command in first.into_iter().chain(inbox.try_iter()) {
            changed = true;
            match command {
                WorkerMessage::Pin(node, at) => sim.pin(node, at),
                WorkerMessage::Unpin(node) => sim.unpin(node),
                WorkerMessage::UnpinAll => (0..sim.len()).for_each(|i| sim.unpin(i)),
                WorkerMessage::Reheat(alpha) => sim.reheat(alpha),
                WorkerMessage::Params(params) => sim.params = params,
                WorkerMessage::Pause(p) => paused = p,
                WorkerMessage::Settle(done) => {
                    sim.run(usize::MAX);
                    publish(&sim, shared, paused);
                    let _ = done.send(());
                }
            }
        }
        let show = &mut |places: &[[f32; 2]]| publish_places(places, shared);
        if !paused && sim.step_showing(show) || changed {
            if last_publish.elapsed() >= PUBLISH_EVERY || sim.is_settled() || changed {
                publish(&sim, shared, paused);
                last_publish = Instant::now();
            }
        } else if shared.moving.load(Ordering::Acquire) {
            publish(&sim, shared, paused);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: usize) -> Simulation {
        let edges = (1..n as u32).map(|i| (i - 1, i)).collect();
        Simulation::new(
            &vec![None; n],
            vec![5.0; n],
            edges,
            LayoutParams::default(),
            3,
        )
    }

    #[test]
    fn settles_in_the_background_like_in_the_foreground() {
        let mut foreground = chain(50);
        foreground.run(usize::MAX);
        let worker = LayoutWorker::start(chain(50));
        worker.settle();
        assert!(worker.is_settled());
        let (_, positions) = worker.positions();
        assert_eq!(positions, foreground.positions());
    }

    /// The window's first layout of a big vault starts multilevel on the
    /// layout thread, as it would in the foreground.
    #[test]
    fn a_multilevel_start_runs_on_the_thread_like_in_the_foreground() {
        let mut foreground = chain(3_000);
        foreground.set_multilevel(true);
        assert!(foreground.starts_multilevel());
        foreground.run(usize::MAX);
        let mut sim = chain(3_000);
        sim.set_multilevel(true);
        let worker = LayoutWorker::start(sim);
        worker.settle();
        assert_eq!(worker.positions().1, foreground.positions());
    }

    #[test]
    fn pins_reach_the_thread() {
        let mut worker = LayoutWorker::start(chain(10));
        worker.pin(3, [400.0, -400.0]);
        worker.settle();
        assert_eq!(worker.positions().1[3], [400.0, -400.0]);
        assert!(worker.is_pinned(3));
        worker.unpin_all();
        assert!(!worker.is_pinned(3));
    }
}
