//! The window's actions in one table: what each is called, the keys that
//! do it and the command it sends. The key handler (`keys.rs`), the menus,
//! the tooltips, the Help menu and any text naming a shortcut all read it,
//! so a key changes in one place, and the text says Cmd on a Mac, where
//! `Modifiers::COMMAND` is Cmd, and Ctrl elsewhere.

use super::command::{Command, FocusCommand, FoldCommand, RightTab};
use egui::{Key, KeyboardShortcut, ModifierNames, Modifiers};

/// How much `+`, `-` and View › Zoom in / out zoom by.
pub const ZOOM_STEP: f32 = 1.25;

/// What a key, a menu entry or a button of the window can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    OpenFolder,
    Search,
    Reload,
    Back,
    Forward,
    /// Esc: the key handler decides what it clears (the search box first).
    Clear,
    Fit,
    ZoomIn,
    ZoomOut,
    Pause,
    /// Open the Review tab: the notes due today, one card at a time.
    Review,
    /// Focus the graph on the selected notes.
    FocusSelection,
    /// Focus on the chain of links between the two selected notes.
    ShowPath,
    /// Esc, after the search, the selection and a plan are cleared.
    ClearFocus,
    /// Open the placement tab: "What do I know?".
    Placement,
    /// Fold every group of the canvas's colouring into one node each.
    FoldAll,
    UnfoldAll,
}

/// One row of the table.
pub struct Entry {
    pub action: Action,
    /// What menus and tooltips call it.
    pub label: &'static str,
    /// The keys that do it; the first is the one shown. A plain key (no
    /// Ctrl, Cmd or Alt) acts only while no text field has the keyboard.
    pub keys: &'static [KeyboardShortcut],
    pub command: Command,
}

const fn chord(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

const fn plain(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, key)
}

/// Every action, in the order the key handler tries them: the chords
/// before the plain keys, as a chord's key may also be a plain one (F).
pub static TABLE: [Entry; 17] = [
    Entry {
        action: Action::OpenFolder,
        label: "Open folder…",
        keys: &[chord(Modifiers::COMMAND, Key::O)],
        command: Command::PickFolder,
    },
    Entry {
        action: Action::Search,
        label: "Search notes",
        keys: &[chord(Modifiers::COMMAND, Key::F)],
        command: Command::FocusSearch,
    },
    Entry {
        action: Action::Reload,
        label: "Reload",
        keys: &[chord(Modifiers::COMMAND, Key::R)],
        command: Command::Reload,
    },
    Entry {
        action: Action::Back,
        label: "Back",
        keys: &[chord(Modifiers::ALT, Key::ArrowLeft)],
        command: Command::Back,
    },
    Entry {
        action: Action::Forward,
        label: "Forward",
        keys: &[chord(Modifiers::ALT, Key::ArrowRight)],
        command: Command::Forward,
    },
    Entry {
        action: Action::Clear,
        label: "Clear selection",
        keys: &[plain(Key::Escape)],
        command: Command::ClearSelection,
    },
    Entry {
        action: Action::Fit,
        label: "Fit to view",
        keys: &[plain(Key::F)],
        command: Command::Fit,
    },
    // `+` comes as Plus, or as Equals (Shift does not matter: a plain
    // key's match ignores it).
    Entry {
        action: Action::ZoomIn,
        label: "Zoom in",
        keys: &[plain(Key::Plus), plain(Key::Equals)],
        command: Command::Zoom(ZOOM_STEP),
    },
    Entry {
        action: Action::ZoomOut,
        label: "Zoom out",
        keys: &[plain(Key::Minus)],
        command: Command::Zoom(1.0 / ZOOM_STEP),
    },
    Entry {
        action: Action::Pause,
        label: "Pause layout",
        keys: &[plain(Key::Space)],
        command: Command::TogglePause,
    },
    Entry {
        action: Action::Review,
        label: "Review due notes",
        keys: &[plain(Key::R)],
        command: Command::ShowTab(RightTab::Review),
    },
    // F fits the view: G for "graph focus".
    Entry {
        action: Action::FocusSelection,
        label: "Focus on selection",
        keys: &[plain(Key::G)],
        command: Command::Focus(FocusCommand::OnSelection),
    },
    Entry {
        action: Action::ShowPath,
        label: "Show path",
        keys: &[plain(Key::P)],
        command: Command::Focus(FocusCommand::ShowPath),
    },
    // Esc is Clear's key: the key handler clears the focus with it once
    // nothing else is left to clear, so this row's key never fires alone.
    Entry {
        action: Action::ClearFocus,
        label: "Clear focus",
        keys: &[plain(Key::Escape)],
        command: Command::Focus(FocusCommand::Clear),
    },
    Entry {
        action: Action::Placement,
        label: "What do I know?",
        keys: &[plain(Key::K)],
        command: Command::ShowTab(RightTab::Placement),
    },
    // Shift+C before C: a plain key's match ignores Shift.
    Entry {
        action: Action::UnfoldAll,
        label: "Unfold all groups",
        keys: &[chord(Modifiers::SHIFT, Key::C)],
        command: Command::Fold(FoldCommand::UnfoldAll),
    },
    // C for "collapse", as outliners call it.
    Entry {
        action: Action::FoldAll,
        label: "Fold all groups",
        keys: &[plain(Key::C)],
        command: Command::Fold(FoldCommand::FoldAll),
    },
];

impl Entry {
    /// Whether its keys are plain (no Ctrl, Cmd or Alt; Shift types a
    /// capital), left to a text field that has the focus.
    pub fn is_plain(&self) -> bool {
        let m = self.keys[0].modifiers;
        !(m.alt || m.ctrl || m.command || m.mac_cmd)
    }
}

impl Action {
    pub fn entry(self) -> &'static Entry {
        let found = TABLE.iter().find(|e| e.action == self);
        found.expect("every action has a row in TABLE")
    }

    pub fn label(self) -> &'static str {
        self.entry().label
    }

    pub fn command(self) -> Command {
        self.entry().command.clone()
    }

    /// The key shown for it.
    pub fn shortcut(self) -> KeyboardShortcut {
        self.entry().keys[0]
    }

    /// Its shortcut as text, "Ctrl+R", or "Cmd+R" on a Mac.
    pub fn shortcut_text(self, is_mac: bool) -> String {
        chord_text(&self.shortcut(), is_mac)
    }
}

/// `action`'s shortcut as the window shows it: egui knows whether it runs
/// on a Mac (a test may say it does).
pub fn shortcut_text(action: Action, ctx: &egui::Context) -> String {
    action.shortcut_text(ctx.os().is_mac())
}

/// egui's names for the modifiers (Ctrl, Cmd, Alt, Option, ...), and the
/// window's own for a few keys: egui's long names read "Left", "Escape",
/// "Minus", and its short arrows (⏴) lie in egui's own icon font only.
fn chord_text(shortcut: &KeyboardShortcut, is_mac: bool) -> String {
    let key = match shortcut.logical_key {
        Key::ArrowLeft => "←",
        Key::ArrowRight => "→",
        Key::Escape => "Esc",
        Key::Plus => "+",
        Key::Minus => "-",
        key => key.name(),
    };
    let names = ModifierNames::NAMES;
    let modifiers = names.format(&shortcut.modifiers, is_mac);
    if modifiers.is_empty() {
        key.to_string()
    } else {
        format!("{modifiers}{}{key}", names.concat)
    }
}

/// The keys of `actions` as one text, "Alt+← / →": an action with the
/// first one's modifiers shows its key alone.
fn keys_text(actions: &[Action], is_mac: bool) -> String {
    let first = actions[0].shortcut().modifiers;
    let texts: Vec<String> = (actions.iter())
        .map(|a| {
            let mut shortcut = a.shortcut();
            if a != &actions[0] && shortcut.modifiers == first {
                shortcut.modifiers = Modifiers::NONE;
            }
            chord_text(&shortcut, is_mac)
        })
        .collect();
    texts.join(" / ")
}

/// A row of the Help menu: keys from the table, or a pointer gesture (or
/// keys a view reads itself while it is shown).
enum Keys {
    Actions(&'static [Action]),
    Pointer(&'static str),
}

/// The Help menu, in its order. `{zoom}` stands for the modifier that
/// makes egui zoom with the wheel (`InputOptions::zoom_modifier`).
const HELP: [(Keys, &str); 22] = [
    (Keys::Actions(&[Action::OpenFolder]), "open a folder"),
    (Keys::Actions(&[Action::Search]), "search notes"),
    (Keys::Actions(&[Action::Reload]), "reload the vault"),
    (
        Keys::Actions(&[Action::Clear]),
        "clear search, then selection and plan, then focus",
    ),
    (
        Keys::Pointer("Wheel"),
        "zoom at the pointer (also {zoom}+wheel, pinch)",
    ),
    (Keys::Pointer("Drag"), "pan (on empty canvas)"),
    (
        Keys::Actions(&[Action::ZoomIn, Action::ZoomOut]),
        "zoom in / out",
    ),
    (Keys::Actions(&[Action::Fit]), "fit the graph to the view"),
    (
        Keys::Actions(&[Action::Pause]),
        "pause or resume the layout",
    ),
    (
        Keys::Actions(&[Action::Back, Action::Forward]),
        "back / forward through selections",
    ),
    (Keys::Pointer("Click"), "select a note; drag pins it"),
    (
        Keys::Pointer("{command}+click"),
        "add a note to the selection, or take it out",
    ),
    (
        Keys::Pointer("Double-click"),
        "expand the focus (or focus on the note)",
    ),
    (
        Keys::Pointer("Right-click"),
        "a note's menu: focus, expand, hide, select, fold its group",
    ),
    (
        Keys::Actions(&[Action::FoldAll]),
        "fold every group (topic, folder or tag, as coloured) into one node",
    ),
    (
        Keys::Actions(&[Action::UnfoldAll]),
        "unfold every group; double-click unfolds one",
    ),
    (
        Keys::Actions(&[Action::FocusSelection]),
        "focus on the selected notes",
    ),
    (
        Keys::Actions(&[Action::ShowPath]),
        "the path between two selected notes",
    ),
    (
        Keys::Actions(&[Action::Review]),
        "review the notes due today",
    ),
    (
        Keys::Pointer("1 / 2 / 3 / 4"),
        "grade the review card: again, hard, good, easy",
    ),
    (
        Keys::Actions(&[Action::Placement]),
        "what do I know? a few questions place you on the graph",
    ),
    (
        Keys::Pointer("Y / N / S"),
        "answer the placement question: I know this, not yet, skip",
    ),
];

/// The Help menu's rows: the keys, and what they do.
pub fn help_rows(ctx: &egui::Context) -> Vec<(String, String)> {
    let is_mac = ctx.os().is_mac();
    let zoom = ctx.options(|o| o.input_options.zoom_modifier);
    let zoom = ModifierNames::NAMES.format(&zoom, is_mac);
    let command = ModifierNames::NAMES.format(&Modifiers::COMMAND, is_mac);
    (HELP.iter())
        .map(|(keys, what)| {
            let keys = match keys {
                Keys::Actions(actions) => keys_text(actions, is_mac),
                Keys::Pointer(gesture) => gesture.replace("{command}", &command),
            };
            (keys, what.replace("{zoom}", &zoom))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_one_row() {
        for entry in &TABLE {
            let rows = TABLE.iter().filter(|e| e.action == entry.action);
            assert_eq!(rows.count(), 1, "{:?}", entry.action);
            assert!(!entry.keys.is_empty(), "{:?} has no key", entry.action);
        }
    }

    #[test]
    fn shortcuts_read_ctrl_elsewhere_and_cmd_on_a_mac() {
        assert_eq!(Action::Reload.shortcut_text(false), "Ctrl+R");
        assert_eq!(Action::Reload.shortcut_text(true), "Cmd+R");
        assert_eq!(Action::Back.shortcut_text(false), "Alt+←");
        assert_eq!(Action::Back.shortcut_text(true), "Option+←");
        assert_eq!(Action::Clear.shortcut_text(true), "Esc");
        let pair = [Action::Back, Action::Forward];
        assert_eq!(keys_text(&pair, false), "Alt+← / →");
        assert_eq!(
            keys_text(&[Action::ZoomIn, Action::ZoomOut], false),
            "+ / -"
        );
    }

    #[test]
    fn the_help_names_the_zoom_modifier_of_the_platform() {
        let ctx = egui::Context::default();
        ctx.set_os(egui::os::OperatingSystem::Nix);
        let rows = help_rows(&ctx);
        assert_eq!(rows.len(), HELP.len());
        let wheel = rows.iter().find(|(k, _)| k == "Wheel").unwrap();
        assert_eq!(wheel.1, "zoom at the pointer (also Ctrl+wheel, pinch)");
        ctx.set_os(egui::os::OperatingSystem::Mac);
        let rows = help_rows(&ctx);
        assert_eq!(rows[0], ("Cmd+O".to_string(), "open a folder".to_string()));
        assert!(rows
            .iter()
            .all(|(k, w)| !k.contains("Ctrl") && !w.contains("Ctrl")));
    }
}
