//! The Views menu: keep what the window shows under a name (Save view…),
//! show a saved view again with one click, and rename, duplicate, export,
//! delete or import one. The name dialog and the file dialogs are this
//! view's; what they decide goes out as `ViewsCommand`s (`gui/named.rs`).

use crate::gui::command::{Command, ViewsCommand};
use crate::gui::context::ViewContext;
use crate::workspace::views::NamedView;
use egui::{RichText, Ui};

/// The name dialog, for a new view or a view renamed.
struct Naming {
    /// The view renamed; none: the view saved.
    renaming: Option<String>,
    text: String,
    /// The text field has been given the keyboard once.
    focused: bool,
}

#[derive(Default)]
pub struct NamedViewsView {
    naming: Option<Naming>,
    /// The file dialogs of Export… and Import….
    picker: super::picker::Picker,
}

impl NamedViewsView {
    /// The menu's entries.
    pub fn menu(&mut self, ui: &mut Ui, cx: &ViewContext, out: &mut Vec<Command>) {
        let open = cx.loaded.is_some();
        if ui
            .add_enabled(open, egui::Button::new("Save view…"))
            .clicked()
        {
            self.naming = Some(Naming {
                renaming: None,
                text: String::new(),
                focused: false,
            });
        }
        ui.separator();
        let views = &cx.named_views.views;
        if views.is_empty() {
            ui.label(RichText::new("No saved views").weak());
        }
        for view in views {
            ui.horizontal(|ui| {
                let open = ui.button(&view.name).on_hover_text(summary(view));
                if open.clicked() {
                    out.push(Command::Views(ViewsCommand::Open(view.name.clone())));
                }
                ui.menu_button("⋯", |ui| self.view_menu(ui, &view.name, out));
            });
        }
        ui.separator();
        if ui
            .add_enabled(open, egui::Button::new("Import view…"))
            .clicked()
        {
            self.pick(|| {
                let file = (rfd::FileDialog::new().set_title("Import a view"))
                    .add_filter("notegraph view", &["json"])
                    .pick_file()?;
                Some(Command::Views(ViewsCommand::Import(file)))
            });
        }
    }

    /// What can be done with the view `name`.
    fn view_menu(&mut self, ui: &mut Ui, name: &str, out: &mut Vec<Command>) {
        let command = |c: ViewsCommand| Command::Views(c);
        if ui.button("Open").clicked() {
            out.push(command(ViewsCommand::Open(name.to_string())));
        }
        if ui.button("Rename…").clicked() {
            self.naming = Some(Naming {
                renaming: Some(name.to_string()),
                text: name.to_string(),
                focused: false,
            });
        }
        if ui.button("Duplicate").clicked() {
            out.push(command(ViewsCommand::Duplicate(name.to_string())));
        }
        if ui.button("Export…").clicked() {
            let name = name.to_string();
            self.pick(move || {
                let file = (rfd::FileDialog::new().set_title("Export the view"))
                    .set_file_name(format!("{name}.json"))
                    .add_filter("notegraph view", &["json"])
                    .save_file()?;
                Some(command(ViewsCommand::Export(name, file)))
            });
        }
        ui.separator();
        if ui.button("Delete").clicked() {
            out.push(command(ViewsCommand::Delete(name.to_string())));
        }
    }

    /// Runs a file dialog on its own thread; its answer is taken in `show`.
    fn pick(&mut self, dialog: impl FnOnce() -> Option<Command> + Send + 'static) {
        self.picker.pick(dialog);
    }

    /// The name dialog while it is open, and a file dialog's answer.
    pub fn show(&mut self, ui: &mut Ui, cx: &ViewContext, out: &mut Vec<Command>) {
        self.picker.poll(ui.ctx(), out);
        if let Some(naming) = &mut self.naming {
            if !name_dialog(ui, cx, naming, out) {
                self.naming = None;
            }
        }
    }
}

/// The dialog that names a view; false once it is done with.
fn name_dialog(ui: &mut Ui, cx: &ViewContext, naming: &mut Naming, out: &mut Vec<Command>) -> bool {
    let title = match &naming.renaming {
        Some(_) => "Rename view",
        None => "Save view",
    };
    let mut keep = true;
    egui::Window::new(title)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 80.0))
        .show(ui.ctx(), |ui| {
            let label = ui.label("View name");
            let field = ui.add(egui::TextEdit::singleline(&mut naming.text).desired_width(260.0));
            let field = field.labelled_by(label.id);
            if !std::mem::replace(&mut naming.focused, true) {
                field.request_focus();
            }
            let name = naming.text.trim().to_string();
            let taken = (cx.named_views.get(&name))
                .is_some_and(|_| naming.renaming.as_deref() != Some(name.as_str()));
            let verb = match (&naming.renaming, taken) {
                (Some(_), _) => "Rename",
                (None, true) => "Replace",
                (None, false) => "Save",
            };
            if taken {
                let text = match &naming.renaming {
                    Some(_) => "Another view has this name",
                    None => "A view of this name is replaced",
                };
                ui.label(RichText::new(text).color(ui.visuals().warn_fg_color));
            }
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            // Renaming onto another view's name would lose that view.
            let clash = taken && naming.renaming.is_some();
            let ready = !name.is_empty() && !clash;
            ui.horizontal(|ui| {
                let done = ui.add_enabled(ready, egui::Button::new(verb)).clicked();
                if (done || enter) && ready {
                    out.push(Command::Views(match naming.renaming.take() {
                        Some(from) => ViewsCommand::Rename { from, to: name },
                        None => ViewsCommand::Save(name),
                    }));
                    keep = false;
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    keep = false;
                }
            });
        });
    keep
}

/// What a view shows, for its tooltip.
fn summary(view: &NamedView) -> String {
    let mut parts = Vec::new();
    if !view.focus.is_empty() {
        parts.push(format!(
            "focus on {} note(s), depth {}",
            view.focus.len(),
            view.depth
        ));
    }
    if !view.filter.is_empty() {
        parts.push("filtered".to_string());
    }
    if !view.hidden.is_empty() {
        parts.push(format!("{} hidden", view.hidden.len()));
    }
    if !view.folded.is_empty() {
        parts.push(format!("{} folded", view.folded.len()));
    }
    parts.push(format!("colour: {}", view.color_by.label()));
    if view.layout == crate::workspace::choices::CanvasMode::Prerequisites {
        parts.push("prerequisites".to_string());
    }
    parts.join("; ")
}
