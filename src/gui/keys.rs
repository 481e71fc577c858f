//! Keyboard shortcuts and dropped folders, turned into commands.

use super::command::Command;
use super::model::VaultSource;
use egui::{Event, Key, KeyboardShortcut, Modifiers};
use std::path::PathBuf;

/// How much `+`, `-` and View › Zoom in / out zoom by.
pub const ZOOM_STEP: f32 = 1.25;

/// Reads this frame's shortcuts and dropped files. Esc empties the search
/// box first (`searching`), then clears the selection, and `plan_open`
/// lets it close the plan too. Ctrl+F gives the search box the keyboard
/// focus at once: what follows it in the same frame is typed into the box.
pub fn read(ctx: &egui::Context, searching: bool, plan_open: bool, out: &mut Vec<Command>) {
    let shortcut = |m: Modifiers, k: Key| KeyboardShortcut::new(m, k);
    let typing = ctx.egui_wants_keyboard_input();
    let find = ctx.input_mut(|i| {
        // At a slow frame rate a whole word can follow Ctrl+F in one
        // frame: it is held back from the shortcuts below (`F` would fit,
        // Space pause) and left for the box, focused before it is drawn.
        let at = i.events.iter().position(is_find);
        let typed_after = at.map(|k| i.events.split_off(k).split_off(1));
        if typed_after.is_some() {
            out.push(Command::FocusSearch);
        }
        let chords = [
            (Modifiers::COMMAND, Key::O, Command::PickFolder),
            (Modifiers::COMMAND, Key::F, Command::FocusSearch),
            (Modifiers::COMMAND, Key::R, Command::Reload),
            (Modifiers::ALT, Key::ArrowLeft, Command::Back),
            (Modifiers::ALT, Key::ArrowRight, Command::Forward),
        ];
        for (modifiers, key, command) in chords {
            if i.consume_shortcut(&shortcut(modifiers, key)) {
                out.push(command);
            }
        }
        // Plain keys belong to a text field while one has the focus.
        if !typing {
            if searching && i.consume_key(Modifiers::NONE, Key::Escape) {
                out.push(Command::ClearSearch);
            } else if i.consume_key(Modifiers::NONE, Key::Escape) {
                out.push(Command::ClearSelection);
                if plan_open {
                    out.push(Command::PlanFor(None));
                    out.push(Command::PathTo(None));
                }
            }
            if i.consume_key(Modifiers::NONE, Key::F) {
                out.push(Command::Fit);
            }
            // `+` comes as Plus, or as Equals with or without Shift.
            let zoom_in = [Key::Plus, Key::Equals]
                .iter()
                .any(|&k| i.consume_key(Modifiers::NONE, k) || i.consume_key(Modifiers::SHIFT, k));
            if zoom_in {
                out.push(Command::Zoom(ZOOM_STEP));
            }
            if i.consume_key(Modifiers::NONE, Key::Minus) {
                out.push(Command::Zoom(1.0 / ZOOM_STEP));
            }
            if i.consume_key(Modifiers::NONE, Key::Space) {
                out.push(Command::TogglePause);
            }
        }
        for file in &i.raw.dropped_files {
            let path = file.path();
            if !path.as_os_str().is_empty() {
                let dir = if path.is_dir() {
                    path.to_path_buf()
                } else {
                    path.parent().map(PathBuf::from).unwrap_or_default()
                };
                out.push(Command::Open(VaultSource::Folder(dir)));
            }
        }
        let typed_after = typed_after?;
        // Text typed before Ctrl+F was typed at the canvas.
        i.events.retain(|e| !matches!(e, Event::Text(_)));
        i.events.extend(typed_after);
        Some(())
    });
    if find.is_some() {
        ctx.memory_mut(|m| m.request_focus(super::views::search::BOX_ID.into()));
    }
}

/// Ctrl+F (Cmd+F) pressed.
fn is_find(event: &Event) -> bool {
    matches!(event, Event::Key { key: Key::F, pressed: true, modifiers, .. }
        if modifiers.matches_logically(Modifiers::COMMAND))
}
