//! The menu bar along the top, the status bar along the bottom, and the
//! notices (error, loading progress, messages) drawn over the top of the
//! graph, so that none moves it: a message fades after a few seconds, an
//! error stays until dismissed.

use crate::gui::actions::{self, Action};
use crate::gui::command::{Command, Side};
use crate::gui::context::{Unwatched, ViewContext};
use crate::gui::model::VaultSource;
use crate::gui::settings::{CanvasMode, Theme};
use egui::{RichText, Ui};
use std::time::Instant;

/// How long a message shows in full, then how long it takes to fade, in
/// seconds.
const MESSAGE_SHOWN: f64 = 4.0;
const MESSAGE_FADE: f64 = 1.0;

/// The bars' own state: how long frames take.
#[derive(Default)]
pub struct BarsView {
    frame_ms: f32,
    last_frame: Option<Instant>,
    /// The load the window title names.
    titled: Option<u64>,
    /// The message shown (by `Notices::said` and its text, should one be
    /// set without `say`) and since when, in egui's time: hovering it
    /// keeps it.
    message_since: Option<(u64, String, f64)>,
}

impl BarsView {
    /// Counts a frame, for the status bar's frame time.
    pub fn tick(&mut self) {
        let now = Instant::now();
        if let Some(last) = self.last_frame {
            self.frame_ms = self.frame_ms * 0.9 + (now - last).as_secs_f32() * 1000.0 * 0.1;
        }
        self.last_frame = Some(now);
    }

    pub fn top(
        &mut self,
        ui: &mut Ui,
        cx: &ViewContext,
        named: &mut super::named_views::NamedViewsView,
        export: &mut super::export_menu::ExportMenu,
        out: &mut Vec<Command>,
    ) {
        if let Some(loaded) = cx.loaded.filter(|l| self.titled != Some(l.generation)) {
            self.titled = Some(loaded.generation);
            let title = format!("{} — notegraph", loaded.vault.name());
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Title(title));
        }
        egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                ui.menu_button("File", |ui| file_menu(ui, cx, export, out));
                ui.menu_button("View", |ui| view_menu(ui, cx, out));
                ui.menu_button("Views", |ui| named.menu(ui, cx, out));
                ui.menu_button("Help", help_menu);
                ui.separator();
                panel_toggles(ui, cx, out);
                canvas_toggle(ui, cx, out);
                history_buttons(ui, cx, out);
                local_graph_controls(ui, cx, out);
            });
        });
    }

    pub fn status(&self, ui: &mut Ui, cx: &ViewContext) {
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                if let Some(loaded) = cx.loaded {
                    let total = loaded.vault.notes.len();
                    let visible = cx.canvas.visible_notes;
                    ui.label(format!("{visible} of {total} notes visible"));
                    if let Some(search) = &cx.focus.search {
                        let about = if search.estimate { "about " } else { "" };
                        ui.separator();
                        ui.label(format!("{about}{} match the search", search.count));
                    }
                    if let Some(n) = cx.canvas.left_out.filter(|&n| n > 0) {
                        let why = if cx.focus.plan.is_some() {
                            "outside the plan"
                        } else {
                            "without prerequisite links"
                        };
                        ui.label(format!("({n} {why} not drawn)"))
                            .on_hover_text("The prerequisite view draws notes with a prerequisite link (with a plan: the plan's notes); the force view shows every note");
                    }
                    ui.separator();
                    ui.label(format!(
                        "{} links, {} edges",
                        loaded.link_count,
                        loaded.graph.graph.edge_count()
                    ));
                    ui.separator();
                    ui.label(if cx.canvas.paused {
                        "layout paused"
                    } else if !cx.canvas.settled {
                        "layout running"
                    } else {
                        "layout settled"
                    });
                    ui.separator();
                    ui.label(format!("loaded in {:.0} ms", loaded.load_ms));
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if let Some(fonts) = &cx.notices.fonts {
                        ui.label(RichText::new(fonts).color(ui.visuals().warn_fg_color));
                    }
                    if let Some(unwatched) = &cx.session.unwatched {
                        unwatched_line(ui, unwatched);
                    }
                });
            });
        });
        if cx.settings.view.debug_overlay || debug_from_env() {
            self.debug_overlay(ui);
        }
    }

    /// The frame time, over the window's bottom right corner: for
    /// developers, so only when asked for.
    fn debug_overlay(&self, ui: &mut Ui) {
        egui::Area::new(egui::Id::new("debug-overlay"))
            .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-8.0, -32.0))
            .interactable(false)
            .order(egui::Order::Foreground)
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.label(RichText::new(format!("{:.1} ms/frame", self.frame_ms)).monospace());
                });
            });
    }

    /// The error banner, the loading line and the message line, over the
    /// top of the graph drawn at `rect`.
    pub fn notices(
        &mut self,
        ui: &mut Ui,
        cx: &ViewContext,
        rect: egui::Rect,
        out: &mut Vec<Command>,
    ) {
        let message = cx.notices.message.as_ref();
        let opacity = self.message_opacity(ui.ctx(), cx.notices.said, message, out);
        let nothing = cx.notices.error.is_none() && cx.session.progress.is_none();
        if (nothing && opacity == 0.0) || !rect.is_positive() {
            return;
        }
        let shown = egui::Area::new(egui::Id::new("notices"))
            .fixed_pos(rect.left_top() + egui::vec2(8.0, 6.0))
            .show(ui.ctx(), |ui| {
                ui.set_max_width(rect.width() - 16.0);
                if let Some(error) = &cx.notices.error {
                    error_banner(ui, error, out);
                }
                if let Some(progress) = &cx.session.progress {
                    egui::Frame::popup(ui.style()).show(ui, |ui| loading_line(ui, progress));
                }
                let message = message.filter(|_| opacity > 0.0)?;
                ui.scope(|ui| {
                    ui.multiply_opacity(opacity);
                    message_line(ui, message, out).contains_pointer()
                })
                .inner
                .then_some(())
            });
        // A message under the pointer stays while it is read.
        if shown.inner.is_some() {
            let now = ui.input(|i| i.time);
            if let Some((_, _, since)) = &mut self.message_since {
                *since = since.max(now - MESSAGE_SHOWN);
            }
        }
    }

    /// How visible the message is now (1 in full, 0 gone): it shows for
    /// its time, then fades and is dismissed.
    fn message_opacity(
        &mut self,
        ctx: &egui::Context,
        said: u64,
        message: Option<&String>,
        out: &mut Vec<Command>,
    ) -> f32 {
        let Some(message) = message else {
            self.message_since = None;
            return 0.0;
        };
        let now = ctx.input(|i| i.time);
        let since = match &self.message_since {
            Some((s, text, since)) if *s == said && text == message => *since,
            _ => {
                self.message_since = Some((said, message.clone(), now));
                now
            }
        };
        let age = now - since;
        if age >= MESSAGE_SHOWN + MESSAGE_FADE {
            out.push(Command::DismissMessage);
            return 0.0;
        }
        if age < MESSAGE_SHOWN {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(MESSAGE_SHOWN - age));
            return 1.0;
        }
        ctx.request_repaint();
        (1.0 - (age - MESSAGE_SHOWN) / MESSAGE_FADE) as f32
    }
}

/// Why the open folder is not watched, in the status bar until it is.
fn unwatched_line(ui: &mut Ui, unwatched: &Unwatched) {
    let reload = actions::shortcut_text(Action::Reload, ui.ctx());
    let (text, tip) = match unwatched {
        Unwatched::Gone(path) => (
            GONE_LINE.to_string(),
            format!(
                "{} was deleted, moved or replaced. The notes loaded stay shown; \
                 once a folder is there again, it is loaded and watched.",
                path.display()
            ),
        ),
        Unwatched::Stopped(e) => (
            format!("Not watching for changes ({reload} reloads)"),
            format!("Watching stopped: {e}. {reload} reloads the vault and watches it again."),
        ),
    };
    let color = ui.visuals().warn_fg_color;
    ui.label(RichText::new(text).color(color))
        .on_hover_text(tip);
}

/// What the status bar says while the open folder is gone.
pub const GONE_LINE: &str = "The vault folder is gone; waiting for it to come back";

/// A bar, not a spinner: a spinner repaints every frame, and on a software
/// renderer that took a core from the load (a dense 2,121-note vault:
/// shown after 18.7 s with it).
fn loading_line(ui: &mut Ui, (label, done, total): &(String, usize, usize)) {
    ui.horizontal(|ui| {
        let share = *done as f32 / (*total).max(1) as f32;
        let reading = *total == 0 || done < total;
        let text = if reading {
            format!("reading {done} / {total} files")
        } else {
            "analysing links".to_string()
        };
        ui.add(
            egui::ProgressBar::new(share)
                .desired_width(160.0)
                .text(text),
        );
        ui.label(format!("Loading {label}…"));
    });
}

fn message_line(ui: &mut Ui, message: &str, out: &mut Vec<Command>) -> egui::Response {
    egui::Frame::popup(ui.style())
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(message).color(ui.visuals().warn_fg_color));
                if ui.small_button("✕").clicked() {
                    out.push(Command::DismissMessage);
                }
            });
        })
        .response
}

fn file_menu(
    ui: &mut Ui,
    cx: &ViewContext,
    export: &mut super::export_menu::ExportMenu,
    out: &mut Vec<Command>,
) {
    action_button(ui, Action::OpenFolder, Action::OpenFolder.label(), out);
    ui.menu_button("Open recent", |ui| {
        if cx.settings.recent.is_empty() {
            ui.label("No recent vaults");
        }
        for path in &cx.settings.recent {
            if ui.button(path.display().to_string()).clicked() {
                out.push(Command::Open(VaultSource::Folder(path.clone())));
            }
        }
    });
    if ui.button("Open the sample vault").clicked() {
        out.push(Command::Open(VaultSource::Sample));
    }
    action_button(ui, Action::Reload, Action::Reload.label(), out);
    ui.separator();
    export.menu(ui, cx);
    ui.separator();
    if ui.button("Quit").clicked() {
        ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
    }
}

/// `NOTEGRAPH_DEBUG=1` turns the debug overlay on, whatever the setting.
fn debug_from_env() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var("NOTEGRAPH_DEBUG").is_ok_and(|v| v == "1"))
}

fn view_menu(ui: &mut Ui, cx: &ViewContext, out: &mut Vec<Command>) {
    for action in [Action::Fit, Action::ZoomIn, Action::ZoomOut] {
        action_button(ui, action, action.label(), out);
    }
    let pause = if cx.canvas.paused {
        "Resume layout"
    } else {
        Action::Pause.label()
    };
    action_button(ui, Action::Pause, pause, out);
    action_button(ui, Action::Review, Action::Review.label(), out);
    action_button(ui, Action::Placement, Action::Placement.label(), out);
    ui.separator();
    action_button(ui, Action::FoldAll, Action::FoldAll.label(), out);
    if !cx.focus.folded.is_empty() {
        action_button(ui, Action::UnfoldAll, Action::UnfoldAll.label(), out);
    }
    let mut view = cx.settings.view.clone();
    ui.checkbox(&mut view.group_outlines, "Outline groups")
        .on_hover_text("A soft outline round each coloured topic, folder or tag");
    ui.radio_value(&mut view.canvas, CanvasMode::Force, "Graph (force layout)");
    ui.radio_value(
        &mut view.canvas,
        CanvasMode::Prerequisites,
        "Prerequisites (left to right)",
    );
    ui.separator();
    ui.checkbox(&mut view.show_filters, "Filters panel");
    ui.checkbox(&mut view.show_details, "Details panel");
    ui.separator();
    ui.label("Theme");
    ui.radio_value(&mut view.theme, Theme::System, "Follow the system");
    ui.radio_value(&mut view.theme, Theme::Dark, "Dark");
    ui.radio_value(&mut view.theme, Theme::Light, "Light");
    ui.separator();
    ui.checkbox(&mut view.debug_overlay, "Debug overlay")
        .on_hover_text("The time each frame takes, for developers (or NOTEGRAPH_DEBUG=1)");
    if view != cx.settings.view {
        out.push(Command::SetView(view));
    }
}

/// The canvas's two views: links by force, or prerequisites left to right.
fn canvas_toggle(ui: &mut Ui, cx: &ViewContext, out: &mut Vec<Command>) {
    let mut view = cx.settings.view.clone();
    ui.selectable_value(&mut view.canvas, CanvasMode::Force, "Graph")
        .on_hover_text("All notes and links, laid out by forces");
    ui.selectable_value(&mut view.canvas, CanvasMode::Prerequisites, "Prerequisites")
        .on_hover_text(
            "Each note right of its prerequisites: foundations left, advanced topics right",
        );
    if view != cx.settings.view {
        out.push(Command::SetView(view));
    }
    ui.separator();
}

/// Fold the side panels away, or bring them back (remembered).
/// In a narrow window a panel folded for width opens and closes without
/// touching the saved choice.
fn panel_toggles(ui: &mut Ui, cx: &ViewContext, out: &mut Vec<Command>) {
    let mut view = cx.settings.view.clone();
    let panels = cx.panels;
    let toggles = [
        (
            Side::Filters,
            (panels.filters, panels.filters_narrow),
            "Filters",
            "Show or hide the filters panel",
        ),
        (
            Side::Details,
            (panels.details, panels.details_narrow),
            "Details",
            "Show or hide the panel with the note, problems and plan",
        ),
    ];
    for (side, (shown, narrow), label, tip) in toggles {
        let tip = if narrow {
            format!("{tip} (folded by itself while the window is narrow)")
        } else {
            tip.to_string()
        };
        if ui
            .selectable_label(shown, label)
            .on_hover_text(tip)
            .clicked()
        {
            if narrow {
                out.push(Command::OpenFolded(side, !shown));
            }
            // Folding for width never hides a panel by the user's choice:
            // opened while narrow, it is wanted.
            if !narrow || !shown {
                match side {
                    Side::Filters => view.show_filters = !shown,
                    Side::Details => view.show_details = !shown,
                }
            }
        }
    }
    if view != cx.settings.view {
        out.push(Command::SetView(view));
    }
    ui.separator();
}

/// A menu entry for `action`, its shortcut beside it.
fn action_button(ui: &mut Ui, action: Action, label: &str, out: &mut Vec<Command>) {
    let shortcut = actions::shortcut_text(action, ui.ctx());
    if ui
        .add(egui::Button::new(label).shortcut_text(shortcut))
        .clicked()
    {
        out.push(action.command());
    }
}

/// A button's tooltip: the action and its shortcut, "Back (Alt+←)".
fn tip(ui: &Ui, action: Action) -> String {
    let shortcut = actions::shortcut_text(action, ui.ctx());
    format!("{} ({shortcut})", action.label())
}

/// The keys and pointer gestures, and what each does.
fn help_menu(ui: &mut Ui) {
    ui.label(RichText::new("Shortcuts").strong());
    egui::Grid::new("shortcuts").show(ui, |ui| {
        for (keys, what) in actions::help_rows(ui.ctx()) {
            ui.label(keys);
            ui.label(what);
            ui.end_row();
        }
    });
}

fn history_buttons(ui: &mut Ui, cx: &ViewContext, out: &mut Vec<Command>) {
    ui.add_enabled_ui(cx.selection.can_go_back(), |ui| {
        if ui
            .button("◀")
            .on_hover_text(tip(ui, Action::Back))
            .clicked()
        {
            out.push(Action::Back.command());
        }
    });
    ui.add_enabled_ui(cx.selection.can_go_forward(), |ui| {
        if ui
            .button("▶")
            .on_hover_text(tip(ui, Action::Forward))
            .clicked()
        {
            out.push(Action::Forward.command());
        }
    });
}

fn local_graph_controls(ui: &mut Ui, cx: &ViewContext, out: &mut Vec<Command>) {
    let Some(loaded) = cx.loaded else { return };
    ui.label(RichText::new(loaded.vault.name()).strong());
    if let Some(c) = cx.focus.community {
        ui.separator();
        let name = loaded.community_names().get(c).map_or("", String::as_str);
        ui.label(format!("Community “{name}”"));
        if ui.button("Show all communities").clicked() {
            out.push(Command::FocusCommunity(None));
        }
    }
    super::focus::controls(ui, cx, out);
}

fn error_banner(ui: &mut Ui, error: &str, out: &mut Vec<Command>) {
    egui::Frame::new()
        .fill(ui.visuals().extreme_bg_color)
        .stroke(egui::Stroke::new(1.0, ui.visuals().error_fg_color))
        .inner_margin(8.0)
        .corner_radius(4.0)
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(error).color(ui.visuals().error_fg_color));
                if ui.button(Action::OpenFolder.label()).clicked() {
                    out.push(Action::OpenFolder.command());
                }
                if ui.button("Open the sample vault").clicked() {
                    out.push(Command::Open(VaultSource::Sample));
                }
                if ui.small_button("✕").clicked() {
                    out.push(Command::DismissError);
                }
            });
        });
}
