//! File › Export: what the view shows, in each format the command line's
//! `export` writes, to a file chosen in a dialog (`gui/exporting.rs`
//! writes it).

use crate::export::Format;
use crate::gui::command::Command;
use crate::gui::context::ViewContext;
use egui::Ui;

/// Each entry: its label, the format, the file's extension and the
/// dialog's filter name.
const ENTRIES: &[(&str, Format, &str, &str)] = &[
    ("HTML map…", Format::Html, "html", "HTML page"),
    ("SVG picture…", Format::Svg, "svg", "SVG picture"),
    ("Obsidian canvas…", Format::Canvas, "canvas", "JSON Canvas"),
    ("Gephi (GEXF)…", Format::Gexf, "gexf", "GEXF"),
    ("GraphML…", Format::Graphml, "graphml", "GraphML"),
    ("Graphviz DOT…", Format::Dot, "dot", "Graphviz DOT"),
    ("JSON…", Format::Json, "json", "JSON"),
];

#[derive(Default)]
pub struct ExportMenu {
    picker: super::picker::Picker,
}

impl ExportMenu {
    /// The Export submenu of the File menu.
    pub fn menu(&mut self, ui: &mut Ui, cx: &ViewContext) {
        let Some(loaded) = cx.loaded else {
            ui.add_enabled(false, egui::Button::new("Export"));
            return;
        };
        let name = loaded.vault.name();
        ui.menu_button("Export what the view shows", |ui| {
            for &(label, format, extension, filter) in ENTRIES {
                if ui.button(label).clicked() {
                    let file_name = format!("{name}.{extension}");
                    self.picker.pick(move || {
                        let file = (rfd::FileDialog::new())
                            .set_title("Export what the view shows")
                            .set_file_name(file_name)
                            .add_filter(filter, &[extension])
                            .save_file()?;
                        Some(Command::ExportGraph(format, file))
                    });
                }
            }
        });
    }

    /// The dialog's answer, once it has one.
    pub fn show(&mut self, ui: &Ui, out: &mut Vec<Command>) {
        self.picker.poll(ui.ctx(), out);
    }
}
