//! The Review tab: how many notes are due today, then one card at a time,
//! most worth it first (`Workspace::due_on`): the note's title and its own
//! prompts (`analysis::prompts`), answers hidden until "Reveal", and four
//! grades, also on the keys 1–4 while the tab is shown and no text field
//! has the keyboard. A grade is a `Command::Grade`; once applied, the note
//! is no longer due and the next card shows.

use super::memo::Memo;
use crate::analysis::prompts::{self, Prompt};
use crate::analysis::review::{self, Due, Grade};
use crate::gui::command::Command;
use crate::gui::context::ViewContext;
use crate::gui::model::Loaded;
use crate::gui::records::RETENTION;
use crate::vault::NoteId;
use chrono::{NaiveDate, Utc};
use egui::{Key, Modifiers, RichText, Ui};

/// Cards in a day's queue at most, as the command line lists them.
const LIMIT: usize = 20;

/// The grades, their keys and what each says on hover.
const GRADES: [(Grade, Key, &str); 4] = [
    (Grade::Again, Key::Num1, "forgotten"),
    (Grade::Hard, Key::Num2, "recalled with difficulty"),
    (Grade::Good, Key::Num3, "recalled"),
    (Grade::Easy, Key::Num4, "recalled at once"),
];

#[derive(Default)]
pub struct ReviewView {
    /// The day's queue, by (load, schedules taken, day).
    today: Memo<(u64, u64, NaiveDate), Today>,
    /// The first card's prompts and the days each grade gives, by (load,
    /// schedules taken, note).
    card: Memo<(u64, u64, NoteId), Card>,
    /// The card whose answers are shown.
    revealed: Option<NoteId>,
}

/// What is due today.
struct Today {
    due: Vec<Due>,
    /// Due today in all (beyond the queue's limit).
    total: usize,
    reviewable: usize,
    /// The earliest day a scheduled note falls due after today.
    next: Option<NaiveDate>,
}

struct Card {
    prompts: Vec<Prompt>,
    /// Days until the next review after each grade, in `GRADES`' order.
    days: [i64; 4],
}

impl ReviewView {
    pub fn show(&mut self, ui: &mut Ui, cx: &ViewContext, out: &mut Vec<Command>) {
        let Some(loaded) = cx.loaded else { return };
        let day = Utc::now().date_naive();
        let key = (loaded.generation, loaded.reviews, day);
        let today = self.today.get(key, || due_today(loaded, day));
        let Some(first) = today.due.first() else {
            nothing_due(ui, today);
            return;
        };
        let note = first.note;
        let card = (self.card).get((loaded.generation, loaded.reviews, note), || {
            card_of(loaded, note)
        });
        ui.label(RichText::new(format!("{} due today", today.total)).strong())
            .on_hover_text(format!("of {} notes to review", today.reviewable));
        ui.separator();
        let revealed = self.revealed == Some(note);
        let mut asked = None;
        show_card(ui, loaded, first, card, revealed, &mut asked, out);
        if !ui.ctx().egui_wants_keyboard_input() {
            for (grade, key, _) in GRADES {
                if ui.input_mut(|i| i.consume_key(Modifiers::NONE, key)) {
                    asked = Some(Asked::Grade(grade));
                }
            }
        }
        match asked {
            Some(Asked::Reveal) => self.revealed = Some(note),
            Some(Asked::Grade(grade)) => {
                self.revealed = None;
                out.push(Command::Grade(note, grade));
            }
            None => {}
        }
    }
}

/// What the card's buttons ask for.
enum Asked {
    Reveal,
    Grade(Grade),
}

/// The notes due on `day`, less those reviewed on it already (a `stale`
/// note stays due whatever its schedule), best first.
fn due_today(loaded: &Loaded, day: NaiveDate) -> Today {
    let list = loaded.due_on(day, usize::MAX);
    let schedule = |id: NoteId| {
        loaded
            .schedules
            .get(&review::key_of(&loaded.vault.notes[id]))
    };
    let reviewed_today = |id| schedule(id).is_some_and(|s| s.last_review.date_naive() == day);
    let mut due: Vec<Due> = (list.due.into_iter())
        .filter(|d| !reviewed_today(d.note))
        .collect();
    let total = due.len();
    due.truncate(LIMIT);
    let next = (0..loaded.vault.notes.len())
        .filter_map(|id| schedule(id).map(|s| s.due.date_naive()))
        .filter(|&due| due > day)
        .min();
    Today {
        due,
        total,
        reviewable: list.reviewable,
        next,
    }
}

fn card_of(loaded: &Loaded, note: NoteId) -> Card {
    let prompts = prompts::prompts(&loaded.vault.notes[note], &loaded.options.headings());
    let schedule = loaded
        .schedules
        .get(&review::key_of(&loaded.vault.notes[note]));
    let (fsrs, now) = (review::scheduler(RETENTION), Utc::now());
    let days = GRADES
        .map(|(grade, _, _)| review::days_until(&review::grade(&fsrs, schedule, grade, now), now));
    Card { prompts, days }
}

fn nothing_due(ui: &mut Ui, today: &Today) {
    let text = match (today.next, today.reviewable) {
        (Some(next), _) => format!("Nothing due today. Next review: {next}"),
        (None, 0) => "No learned notes yet: a note comes up for review once it is learned \
            (a learned status, or Mark learned)."
            .to_string(),
        (None, _) => "Nothing due today.".to_string(),
    };
    ui.label(RichText::new(text).strong());
}

/// The card: title, when it fell due, prompts, then its buttons.
fn show_card(
    ui: &mut Ui,
    loaded: &Loaded,
    due: &Due,
    card: &Card,
    revealed: bool,
    asked: &mut Option<Asked>,
    out: &mut Vec<Command>,
) {
    let note = &loaded.vault.notes[due.note];
    ui.label(RichText::new(&*loaded.names[due.note]).heading().strong())
        .on_hover_text(&note.path);
    ui.label(RichText::new(when(due)).weak().small());
    ui.add_space(6.0);
    // The buttons stay in sight below a long list of prompts.
    let room = (ui.available_height() - 110.0).max(80.0);
    egui::ScrollArea::vertical()
        .id_salt("review-prompts")
        .max_height(room)
        .auto_shrink([false, true])
        .show(ui, |ui| show_prompts(ui, &card.prompts, revealed));
    ui.add_space(6.0);
    let answers = card.prompts.iter().any(|p| p.answer().is_some());
    let reveal = ui.add_enabled(!revealed && answers, egui::Button::new("Reveal"));
    let hint = if answers {
        "Show the answers"
    } else {
        "The note writes no answers (**A:** after a **Q:**): check yourself against it"
    };
    if reveal
        .on_hover_text(hint)
        .on_disabled_hover_text(hint)
        .clicked()
    {
        *asked = Some(Asked::Reveal);
    }
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        for ((grade, _, what), days) in GRADES.iter().zip(card.days) {
            let label = format!("{grade:?}");
            let tip = format!("{what}; next review in {days} day(s)");
            let button = ui.button(&label).on_hover_text(tip);
            if button.clicked() {
                *asked = Some(Asked::Grade(*grade));
            }
        }
    });
    ui.label(
        RichText::new("Keys 1–4 grade: again, hard, good, easy")
            .weak()
            .small(),
    );
    ui.add_space(4.0);
    if ui.button("Open note").on_hover_text(&note.path).clicked() {
        out.push(Command::Select(due.note));
    }
}

/// When a card fell due, and how many notes need it.
fn when(due: &Due) -> String {
    let since = match (due.since, due.overdue_days) {
        (None, _) => "never reviewed".to_string(),
        (Some(_), 0) => "due today".to_string(),
        (Some(_), 1) => "1 day overdue".to_string(),
        (Some(_), n) => format!("{n} days overdue"),
    };
    match due.dependents {
        0 => since,
        1 => format!("{since} · 1 note needs it"),
        n => format!("{since} · {n} notes need it"),
    }
}

fn show_prompts(ui: &mut Ui, prompts: &[Prompt], revealed: bool) {
    if prompts.is_empty() {
        ui.label(RichText::new("This note writes no prompts: recall what it says.").italics());
        return;
    }
    if matches!(prompts[0], Prompt::Heading(_)) {
        ui.label(RichText::new("Recall what each section says:").weak());
    }
    for prompt in prompts {
        match prompt {
            Prompt::Check(text) | Prompt::Heading(text) => {
                ui.label(format!("• {text}"));
            }
            Prompt::Question { question, answer } => {
                ui.label(RichText::new(format!("Q: {question}")).strong());
                match answer {
                    Some(answer) if revealed => {
                        ui.label(format!("A: {answer}"));
                    }
                    Some(_) => {
                        ui.label(RichText::new("A: …").weak());
                    }
                    None => {}
                }
            }
        }
        ui.add_space(2.0);
    }
}
