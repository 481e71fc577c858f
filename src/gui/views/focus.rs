//! The focus's controls in the top bar (the notes in focus, the depth,
//! what is hidden, Clear) and a node's menu on the canvas (right click).

use crate::analysis::fold::{self, GroupBy, GroupKey};
use crate::gui::actions::{shortcut_text, Action};
use crate::gui::command::{Command, FocusCommand, FoldCommand};
use crate::gui::context::ViewContext;
use crate::vault::NoteId;
use egui::Ui;

/// The top bar's part for the focus and the selection: shown only when
/// there is something to say.
pub fn controls(ui: &mut Ui, cx: &ViewContext, out: &mut Vec<Command>) {
    let Some(loaded) = cx.loaded else { return };
    let (set, names) = (&cx.focus.set, &loaded.names);
    let selected = cx.selection.all().len();
    // Once focused, the same notes need no second offer.
    let focused = cx.selection.all().iter().all(|n| set.notes.contains(n));
    if selected > 1 && !(focused && set.notes.len() == selected) {
        ui.separator();
        ui.label(format!("{selected} selected"));
        action(ui, Action::FocusSelection, "Focus", out);
        if selected == 2 {
            action(ui, Action::ShowPath, Action::ShowPath.label(), out);
        }
    }
    if set.is_active() {
        ui.separator();
        let first = set.notes.first().map_or("", |&n| &names[n]);
        let what = match set.notes.len() {
            1 => format!("Focus on “{first}”"),
            n => format!("Focus on {n} notes"),
        };
        let label = ui.label(what);
        let listed: Vec<&str> = set.notes.iter().map(|&n| &*names[n]).collect();
        label.on_hover_text(listed.join("\n"));
        if !set.expanded.is_empty() {
            ui.label(format!("+{} expanded", set.expanded.len()));
        }
        if set.exact {
            ui.label("(the path's chain)");
        } else {
            depth(ui, cx, out);
        }
        action(ui, Action::ClearFocus, "Clear", out);
    }
    if !set.hidden.is_empty() {
        ui.separator();
        ui.label(format!("{} hidden", set.hidden.len()));
        if ui.button("Show all").clicked() {
            out.push(Command::Focus(FocusCommand::ShowHidden));
        }
    }
    if !cx.focus.folded.is_empty() {
        ui.separator();
        let n = cx.focus.folded.len();
        let label = ui.label(format!("{n} folded"));
        label.on_hover_text("Double-click a folded group to unfold it");
        action(ui, Action::UnfoldAll, "Unfold all", out);
    }
}

/// How far from its notes a focus reaches, and whether the rest is faded
/// or hidden.
fn depth(ui: &mut Ui, cx: &ViewContext, out: &mut Vec<Command>) {
    let mut view = cx.settings.view.clone();
    ui.label("depth");
    ui.add(egui::DragValue::new(&mut view.local_depth).range(1..=5))
        .on_hover_text("Links from the notes in focus");
    ui.checkbox(&mut view.fade_outside_focus, "fade the rest")
        .on_hover_text(
            "Draw the notes outside the focus faded (still clickable) instead of hiding them",
        );
    if view != cx.settings.view {
        out.push(Command::SetView(view));
    }
}

/// A button for `action`, its shortcut in the tooltip.
fn action(ui: &mut Ui, action: Action, label: &str, out: &mut Vec<Command>) {
    let keys = shortcut_text(action, ui.ctx());
    let tip = format!("{} ({keys})", action.label());
    if ui.button(label).on_hover_text(tip).clicked() {
        out.push(action.command());
    }
}

/// What a right click was on.
#[derive(Debug, Clone, PartialEq)]
pub enum MenuTarget {
    Note(NoteId),
    /// A folded group.
    Group(GroupKey),
}

/// The menu of a right click: on a note, what can be done with it; on a
/// folded group, unfolding it; on empty canvas (none), the focus's, the
/// selection's and the folds' entries.
pub fn node_menu(
    ui: &mut Ui,
    cx: &ViewContext,
    target: Option<&MenuTarget>,
    out: &mut Vec<Command>,
) {
    let focus = |c: FocusCommand| Command::Focus(c);
    let mut items: Vec<(String, Command)> = Vec::new();
    let note = match target {
        Some(MenuTarget::Note(n)) => Some(*n),
        _ => None,
    };
    if let (Some(MenuTarget::Group(key)), Some(loaded)) = (target, cx.loaded) {
        let name = key.name(loaded.community_names());
        ui.label(egui::RichText::new(&name).strong());
        ui.separator();
        items.push((
            "Unfold (double-click)".into(),
            Command::Fold(FoldCommand::Unfold(key.clone())),
        ));
    }
    if let Some((n, loaded)) = note.zip(cx.loaded) {
        ui.label(egui::RichText::new(&*loaded.names[n]).strong());
        ui.separator();
        items.push(("Focus on this".into(), focus(FocusCommand::On(vec![n]))));
        let expand = if cx.focus.set.is_active() {
            "Expand (its neighbours join)"
        } else {
            "Expand (focus on it)"
        };
        items.push((expand.into(), focus(FocusCommand::Expand(n))));
        items.push(("Hide".into(), focus(FocusCommand::Hide(n))));
        items.push((
            "Hide branch (and what only it joins)".into(),
            focus(FocusCommand::HideBranch(n)),
        ));
        items.push(("Select".into(), Command::Select(n)));
        let chosen = cx.selection.all().contains(&n);
        let toggle = if chosen {
            "Remove from selection"
        } else {
            "Add to selection"
        };
        items.push((toggle.into(), focus(FocusCommand::ToggleSelect(n))));
        items.extend(fold_items(cx, n));
    }
    if cx.selection.all().len() > 1 {
        items.push((
            Action::FocusSelection.label().into(),
            Action::FocusSelection.command(),
        ));
    }
    if cx.focus.set.is_active() {
        items.push((
            Action::ClearFocus.label().into(),
            Action::ClearFocus.command(),
        ));
    }
    if !cx.focus.set.hidden.is_empty() {
        let n = cx.focus.set.hidden.len();
        items.push((format!("Show {n} hidden"), focus(FocusCommand::ShowHidden)));
    }
    if !cx.focus.folded.is_empty() {
        let n = cx.focus.folded.len();
        items.push((format!("Unfold all ({n})"), Action::UnfoldAll.command()));
    }
    items.push((Action::FoldAll.label().into(), Action::FoldAll.command()));
    items.push((Action::Fit.label().into(), Action::Fit.command()));
    for (label, command) in items {
        if ui.button(label).clicked() {
            out.push(command);
            ui.close();
        }
    }
}

/// "Fold its topic", "Fold its folder", "Fold its tag": each group the
/// note is in that can fold.
fn fold_items(cx: &ViewContext, note: NoteId) -> Vec<(String, Command)> {
    let Some(loaded) = cx.loaded else {
        return Vec::new();
    };
    let names = loaded.community_names();
    [GroupBy::Community, GroupBy::Folder, GroupBy::Tag]
        .into_iter()
        .filter_map(|by| fold::group_of(&loaded.vault, loaded.communities(), by, note))
        .map(|key| {
            let what = match key.by() {
                GroupBy::Community => "topic",
                GroupBy::Folder => "folder",
                GroupBy::Tag => "tag",
            };
            let label = format!("Fold its {what}: {}", key.name(names));
            (label, Command::Fold(FoldCommand::Fold(key)))
        })
        .collect()
}
