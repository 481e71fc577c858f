//! The "What do I know?" tab: a placement (`analysis::placement`) in the
//! window. One question at a time, a note's title and its first prompts,
//! answered "I know this", "Not yet" or "Skip" (also Y, N, S while the tab
//! shows and no text field has the keyboard); each answer settles what
//! the prerequisite graph implies, and the graph is coloured by where
//! every note stands meanwhile (`Command::Placement`). After the last
//! question, or on "Stop here", the proposal: "Accept" records its notes
//! as learned in notegraph's data with the reason "placement", never in
//! the notes; "Undo last placement" takes that back, "Start again" asks
//! afresh.

use crate::analysis::placement::{Answer, Placement};
use crate::analysis::prompts::{self, Prompt};
use crate::gui::command::Command;
use crate::gui::context::{Placed, PlacementFocus, ViewContext};
use crate::gui::model::Loaded;
use crate::gui::style::placed_color;
use crate::vault::NoteId;
use egui::{Key, Modifiers, RichText, Ui};
use std::sync::Arc;

/// Questions asked at most, as the command line's `--max`.
pub const QUESTIONS: usize = 20;

/// Prompts shown under a question's title, as the command line shows.
const PROMPTS: usize = 3;

/// The answers, their keys and what each settles.
const ANSWERS: [(Answer, Key, &str, &str); 3] = [
    (
        Answer::Yes,
        Key::Y,
        "I know this",
        "It counts as known, and so does every note it needs",
    ),
    (
        Answer::No,
        Key::N,
        "Not yet",
        "It counts as not known yet, and so does every note that needs it",
    ),
    (Answer::Skip, Key::S, "Skip", "Ask about another note"),
];

#[derive(Default)]
pub struct PlacementView {
    run: Option<Run>,
}

/// One placement under way.
struct Run {
    /// The vault it runs on (label, notes): another one starts afresh.
    vault: (String, usize),
    placement: Placement,
    /// The note asked about now, and its prompts; none once the answers
    /// end.
    question: Option<(NoteId, Vec<Prompt>)>,
    /// How many notes "Accept" recorded, once clicked.
    accepted: Option<usize>,
    /// Each note's place, worked out by (load, answers, stopped).
    marks: Option<(MarksKey, Arc<Vec<Placed>>)>,
}

/// What the marks are worked out by: the load, the answers given, and
/// whether they ended.
type MarksKey = (u64, usize, bool);

impl PlacementView {
    pub fn show(&mut self, ui: &mut Ui, cx: &ViewContext, out: &mut Vec<Command>) {
        let Some(loaded) = cx.loaded else { return };
        let vault = (loaded.source.label(), loaded.vault.notes.len());
        if self.run.as_ref().is_none_or(|r| r.vault != vault) {
            self.run = Some(Run::start(loaded, vault.clone()));
        }
        let Some(run) = self.run.as_mut() else { return };
        let marks = run.marks(loaded);
        let question = run.question.as_ref().map(|q| q.0);
        let shown =
            (cx.focus.placement.as_ref()).map(|f| (Arc::ptr_eq(&f.marks, &marks), f.question));
        if shown != Some((true, question)) {
            out.push(Command::Placement(Some(PlacementFocus {
                marks: marks.clone(),
                question,
            })));
        }
        ui.label(RichText::new("What do I know?").heading().strong());
        ui.label(
            RichText::new(
                "Say for a few notes whether you know them: each answer settles the notes \
                 it needs or that need it, coloured on the graph. Nothing is recorded until \
                 you accept.",
            )
            .weak()
            .small(),
        );
        ui.separator();
        let mut asked = None;
        if let Some((note, prompts)) = &run.question {
            asked = question_card(ui, loaded, run.placement.asked, *note, prompts, out);
            if !ui.ctx().egui_wants_keyboard_input() {
                for (answer, key, _, _) in ANSWERS {
                    if ui.input_mut(|i| i.consume_key(Modifiers::NONE, key)) {
                        asked = Some(Asked::Answer(answer));
                    }
                }
            }
            settled_line(ui, &run.placement);
            if ui.button("Stop here and see the proposal").clicked() {
                asked = Some(Asked::Stop);
            }
        } else if let Some(n) = proposal(ui, loaded, &marks, run.accepted, out) {
            run.accepted = Some(n);
        }
        ui.add_space(8.0);
        ui.separator();
        asked = footer(ui, loaded, out).or(asked);
        match asked {
            Some(Asked::Answer(answer)) => run.answer(loaded, answer),
            Some(Asked::Stop) => run.question = None,
            Some(Asked::Undo) => run.accepted = None,
            Some(Asked::Again) => self.run = Some(Run::start(loaded, vault)),
            None => {}
        }
    }
}

/// What the tab's buttons and keys ask for.
enum Asked {
    Answer(Answer),
    Stop,
    Undo,
    Again,
}

impl Run {
    /// A placement of `loaded`'s vault, with every note learned now (and
    /// what it needs) settled as known without a question.
    fn start(loaded: &Loaded, vault: (String, usize)) -> Run {
        let placement = loaded.start_placement();
        let mut run = Run {
            vault,
            placement,
            question: None,
            accepted: None,
            marks: None,
        };
        run.ask_next(loaded);
        run
    }

    fn answer(&mut self, loaded: &Loaded, answer: Answer) {
        if let Some((note, _)) = self.question.take() {
            self.placement.answer(note, answer);
            self.ask_next(loaded);
        }
    }

    /// The next question, none after the last.
    fn ask_next(&mut self, loaded: &Loaded) {
        let next = (self.placement.asked < QUESTIONS)
            .then(|| self.placement.next())
            .flatten();
        let headings = loaded.options.headings();
        self.question = next.map(|n| (n, prompts::prompts(&loaded.vault.notes[n], &headings)));
    }

    /// Where each note stands: learned now, or as the answers place it.
    fn marks(&mut self, loaded: &Loaded) -> Arc<Vec<Placed>> {
        let key = (
            loaded.generation,
            self.placement.asked,
            self.question.is_none(),
        );
        if let Some((k, marks)) = &self.marks {
            if *k == key {
                return marks.clone();
            }
        }
        let config = loaded.study_config();
        // While questions are asked, only what the answers settled is
        // coloured; the guesses for the rest join the proposal at the end.
        let asking = self.question.is_some();
        let proposal = self.placement.proposal();
        let marks: Arc<Vec<Placed>> = Arc::new(
            (loaded.vault.notes.iter().enumerate())
                .map(|(n, note)| match self.placement.settled[n] {
                    _ if config.is_learned(note) => Placed::Learned,
                    Some(false) => Placed::NotYet,
                    Some(true) => Placed::Known,
                    None if !asking && proposal[n] => Placed::Known,
                    None => Placed::Open,
                })
                .collect(),
        );
        self.marks = Some((key, marks.clone()));
        marks
    }
}

/// The question: which of how many, the note's title (a click opens the
/// note), its first prompts, and the three answers; the one given.
fn question_card(
    ui: &mut Ui,
    loaded: &Loaded,
    asked: usize,
    note: NoteId,
    prompts: &[Prompt],
    out: &mut Vec<Command>,
) -> Option<Asked> {
    let path = &loaded.vault.notes[note].path;
    egui::Frame::group(ui.style())
        .inner_margin(10.0)
        .corner_radius(6.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            let count = format!("Question {} of {QUESTIONS}", asked + 1);
            ui.label(RichText::new(count).weak().small());
            ui.label(RichText::new("Do you know").weak());
            let title = RichText::new(&*loaded.names[note]).heading().strong();
            let link = ui
                .link(title)
                .on_hover_text(format!("Open the note ({path})"));
            if link.clicked() {
                out.push(Command::Select(note));
            }
            ui.add_space(4.0);
            show_prompts(ui, prompts);
        });
    ui.add_space(8.0);
    answer_buttons(ui)
}

/// The first prompts of the note, under a caption for each kind.
fn show_prompts(ui: &mut Ui, prompts: &[Prompt]) {
    if prompts.is_empty() {
        let text = "This note asks nothing of itself: judge by its title.";
        ui.label(RichText::new(text).italics().weak());
        return;
    }
    let mut caption = None;
    for prompt in prompts.iter().take(PROMPTS) {
        let (kind, text) = match prompt {
            Prompt::Check(t) => ("Self-check", t),
            Prompt::Question { question, .. } => ("Questions", question),
            Prompt::Heading(t) => ("What it covers", t),
        };
        if caption != Some(kind) {
            ui.label(RichText::new(kind).small().weak());
            caption = Some(kind);
        }
        ui.label(format!("• {text}"));
    }
    if prompts.len() > PROMPTS {
        let more = format!("and {} more", prompts.len() - PROMPTS);
        ui.label(RichText::new(more).small().weak());
    }
}

/// "I know this", "Not yet", "Skip" side by side, each with its key; the
/// one clicked.
fn answer_buttons(ui: &mut Ui) -> Option<Asked> {
    let mut clicked = None;
    ui.columns(ANSWERS.len(), |columns| {
        for (ui, (answer, key, label, what)) in columns.iter_mut().zip(ANSWERS) {
            let color = match answer {
                Answer::Yes => placed_color(Placed::Known),
                Answer::No => placed_color(Placed::NotYet),
                Answer::Skip => placed_color(Placed::Open),
            };
            let button =
                egui::Button::new(RichText::new(label).strong()).fill(color.gamma_multiply(0.3));
            let size = egui::vec2(ui.available_width(), 28.0);
            if ui.add_sized(size, button).on_hover_text(what).clicked() {
                clicked = Some(Asked::Answer(answer));
            }
            ui.vertical_centered(|ui| {
                ui.label(RichText::new(key.name()).weak().small());
            });
        }
    });
    clicked
}

/// "Settled so far: 12 known, 3 not yet, 40 open".
fn settled_line(ui: &mut Ui, placement: &Placement) {
    let count = |v: Option<bool>| placement.settled.iter().filter(|&&s| s == v).count();
    let text = format!(
        "Settled so far: {} known, {} not yet, {} open",
        count(Some(true)),
        count(Some(false)),
        count(None)
    );
    ui.add_space(6.0);
    ui.label(text);
    ui.add_space(6.0);
}

/// The proposal: how many notes it would record, "Accept", and the notes;
/// how many an "Accept" clicked records.
fn proposal(
    ui: &mut Ui,
    loaded: &Loaded,
    marks: &[Placed],
    accepted: Option<usize>,
    out: &mut Vec<Command>,
) -> Option<usize> {
    let known: Vec<NoteId> = (0..marks.len())
        .filter(|&n| marks[n] == Placed::Known)
        .collect();
    let count = |p: Placed| marks.iter().filter(|&&m| m == p).count();
    let title = match accepted {
        Some(n) => format!("Accepted: {n} notes recorded as learned"),
        None => format!("Proposal: {} notes to record as learned", known.len()),
    };
    ui.label(RichText::new(title).strong());
    ui.label(
        RichText::new(format!(
            "{} already learned · {} not yet · {} still open: the graph shows each",
            count(Placed::Learned),
            count(Placed::NotYet),
            count(Placed::Open)
        ))
        .small()
        .weak(),
    );
    ui.add_space(6.0);
    if accepted.is_some() {
        let text = "Recorded in notegraph's own data with the reason \"placement\"; \
                    the notes themselves are not changed.";
        ui.label(RichText::new(text).small());
        return None;
    }
    let tip = "Records these notes as learned in notegraph's own data, with the reason \
               \"placement\"; the notes are not changed, and Undo takes it back";
    let accept = egui::Button::new(RichText::new("Accept").strong())
        .fill(placed_color(Placed::Known).gamma_multiply(0.3));
    let mut clicked = None;
    if (ui.add_enabled(!known.is_empty(), accept))
        .on_hover_text(tip)
        .clicked()
    {
        clicked = Some(known.len());
        out.push(Command::AcceptPlacement(known.clone()));
    }
    ui.add_space(6.0);
    egui::ScrollArea::vertical()
        .id_salt("placement-known")
        .max_height((ui.available_height() - 80.0).max(80.0))
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for &note in &known {
                let name = &*loaded.names[note];
                let path = &loaded.vault.notes[note].path;
                if ui.link(name).on_hover_text(path).clicked() {
                    out.push(Command::Select(note));
                }
            }
        });
    clicked
}

/// "Start again", and "Undo last placement" where one is recorded (in the
/// window or on the command line); the one clicked.
fn footer(ui: &mut Ui, loaded: &Loaded, out: &mut Vec<Command>) -> Option<Asked> {
    let placed = (0..loaded.vault.notes.len())
        .filter(|&n| loaded.is_placed(n))
        .count();
    let mut asked = None;
    ui.horizontal_wrapped(|ui| {
        let again = (ui.button("Start again"))
            .on_hover_text("Forget the answers and ask afresh")
            .clicked();
        if again {
            asked = Some(Asked::Again);
        }
        if placed > 0 {
            let label = format!("Undo last placement ({placed})");
            let tip = "The notes the last accepted placement recorded as learned are no \
                       longer recorded";
            if ui.button(label).on_hover_text(tip).clicked() {
                asked = Some(Asked::Undo);
                out.push(Command::UndoPlacement);
            }
        }
    });
    asked
}
