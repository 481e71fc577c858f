//! Keyboard shortcuts and dropped files, turned into commands. Which key
//! does what is in `actions.rs`.

use super::actions::{Action, TABLE};
use super::command::Command;
use super::model::VaultSource;
use egui::{Event, InputState};
use std::path::PathBuf;

/// Reads this frame's shortcuts and dropped files. Esc empties the search
/// box first (`searching`), then clears the selection, and `plan_open`
/// lets it close the plan too; with neither, `focused` lets it clear the
/// focus. The search shortcut gives the search box
/// the keyboard focus at once: what follows it in the same frame is typed
/// into the box.
pub fn read(
    ctx: &egui::Context,
    (searching, plan_open, focused): (bool, bool, bool),
    out: &mut Vec<Command>,
) {
    let typing = ctx.egui_wants_keyboard_input();
    let find = ctx.input_mut(|i| {
        // At a slow frame rate a whole word can follow the search shortcut
        // in one frame: it is held back from the shortcuts below (`F`
        // would fit, Space pause) and left for the box, focused before it
        // is drawn.
        let at = i.events.iter().position(is_find);
        let typed_after = at.map(|k| i.events.split_off(k).split_off(1));
        if typed_after.is_some() {
            out.push(Command::FocusSearch);
        }
        for entry in &TABLE {
            // Plain keys belong to a text field while one has the focus.
            if typing && entry.is_plain() {
                continue;
            }
            // `any` stops at the first key found, as one press acts once.
            if !entry.keys.iter().any(|k| i.consume_shortcut(k)) {
                continue;
            }
            match entry.action {
                Action::Clear if searching => out.push(Command::ClearSearch),
                Action::Clear if focused => out.push(Action::ClearFocus.command()),
                Action::Clear => {
                    out.push(Command::ClearSelection);
                    if plan_open {
                        out.push(Command::PlanFor(None));
                        out.push(Command::PathTo(None));
                    }
                }
                _ => out.push(entry.command.clone()),
            }
        }
        dropped(i, out);
        let typed_after = typed_after?;
        // Text typed before the search shortcut was typed at the canvas.
        i.events.retain(|e| !matches!(e, Event::Text(_)));
        i.events.extend(typed_after);
        Some(())
    });
    if find.is_some() {
        ctx.memory_mut(|m| m.request_focus(super::views::search::BOX_ID.into()));
    }
}

/// A folder dropped on the window opens; a file opens its folder.
fn dropped(i: &InputState, out: &mut Vec<Command>) {
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
}

/// The search shortcut (Ctrl+F, Cmd+F on a Mac) pressed.
fn is_find(event: &Event) -> bool {
    let find = Action::Search.shortcut();
    matches!(event, Event::Key { key, pressed: true, modifiers, .. }
        if *key == find.logical_key && modifiers.matches_logically(find.modifiers))
}
