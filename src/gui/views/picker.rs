//! A file dialog on a thread of its own: rfd talks to the desktop portal,
//! which may block, so the window never waits on it; the command the
//! dialog answers with is taken up on a later frame.

use crate::gui::command::Command;
use std::sync::mpsc::{Receiver, TryRecvError};

#[derive(Default)]
pub struct Picker {
    picking: Option<Receiver<Option<Command>>>,
}

impl Picker {
    /// Opens `dialog` unless one is open already.
    pub fn pick(&mut self, dialog: impl FnOnce() -> Option<Command> + Send + 'static) {
        if self.picking.is_some() {
            return;
        }
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(dialog());
        });
        self.picking = Some(rx);
    }

    /// The dialog's answer, once it has one.
    pub fn poll(&mut self, ctx: &egui::Context, out: &mut Vec<Command>) {
        let Some(picking) = &self.picking else {
            return;
        };
        match picking.try_recv() {
            Ok(answer) => {
                out.extend(answer);
                self.picking = None;
            }
            Err(TryRecvError::Disconnected) => self.picking = None,
            // The dialog is another window: look again soon.
            Err(TryRecvError::Empty) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(200));
            }
        }
    }
}
