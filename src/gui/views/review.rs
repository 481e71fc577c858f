//! The Review tab: how many notes are due today, then one card at a time,
//! most worth it first (`Workspace::due_on`): the note's title and its own
//! prompts (`analysis::prompts`), answers hidden until "Reveal", and four
//! grades, also on the keys 1–4 while the tab is shown and no text field
//! has the keyboard. A grade is a `Command::Grade`; once applied, the note
//! is no longer due and the next card shows. Below the card, the history
//! (`review_chart.rs`) and the review settings: the desired retention and
//! the daily cap, the workspace's `Options` both front ends read.

use super::memo::Memo;
use super::review_chart::History;
use crate::analysis::prompts::{self, Prompt};
use crate::analysis::review::{self, Due, Grade};
use crate::gui::command::Command;
use crate::gui::context::ViewContext;
use crate::gui::model::Loaded;
use crate::vault::NoteId;
use crate::workspace::RETENTION_RANGE;
use chrono::{NaiveDate, Utc};
use egui::{Key, Modifiers, RichText, Ui};

/// The grades, their keys and what each says on hover.
const GRADES: [(Grade, Key, &str); 4] = [
    (Grade::Again, Key::Num1, "forgotten"),
    (Grade::Hard, Key::Num2, "recalled with difficulty"),
    (Grade::Good, Key::Num3, "recalled"),
    (Grade::Easy, Key::Num4, "recalled at once"),
];

#[derive(Default)]
pub struct ReviewView {
    /// The day's queue, by (load, schedules taken, day, daily cap).
    today: Memo<(u64, u64, NaiveDate, usize), Today>,
    /// The first card's prompts and the days each grade gives, by (load,
    /// schedules taken, note, retention's bits).
    card: Memo<(u64, u64, NoteId, u64), Card>,
    /// The card whose answers are shown.
    revealed: Option<NoteId>,
    history: History,
}

/// What is due today.
struct Today {
    due: Vec<Due>,
    /// Due today in all (beyond the queue's limit).
    total: usize,
    reviewable: usize,
    /// The earliest day a scheduled note falls due after today.
    next: Option<NaiveDate>,
    /// Reviews done today, and the daily cap they count against.
    done: usize,
    limit: usize,
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
        egui::ScrollArea::vertical()
            .id_salt("review-tab")
            .auto_shrink([false, true])
            .show(ui, |ui| {
                self.show_queue(ui, cx, loaded, day, out);
                ui.add_space(10.0);
                let colors = Grade::ALL.map(grade_color);
                self.history.show(ui, loaded, day, colors);
                settings(ui, cx, out);
            });
    }

    /// Today's count and the first card, or what says nothing is due.
    fn show_queue(
        &mut self,
        ui: &mut Ui,
        cx: &ViewContext,
        loaded: &Loaded,
        day: NaiveDate,
        out: &mut Vec<Command>,
    ) {
        let (retention, limit) = (cx.settings.review_retention, cx.settings.review_limit);
        let key = (loaded.generation, loaded.reviews, day, limit);
        let today = self.today.get(key, || due_today(loaded, day, limit));
        let Some(first) = today.due.first() else {
            nothing_due(ui, today);
            return;
        };
        let note = first.note;
        let key = (loaded.generation, loaded.reviews, note, retention.to_bits());
        let card = self.card.get(key, || card_of(loaded, note, retention));
        let count = ui.label(RichText::new(format!("{} due today", today.total)).strong());
        let mut tip = format!("of {} notes to review", today.reviewable);
        if today.total > today.due.len() {
            tip += &format!("; {} in today's queue (the daily cap)", today.due.len());
        }
        count.on_hover_text(tip);
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

/// The desired retention and the daily cap, folded away: each change a
/// `Command::ReviewSettings`, kept with the window's settings.
fn settings(ui: &mut Ui, cx: &ViewContext, out: &mut Vec<Command>) {
    let (mut retention, mut limit) = (cx.settings.review_retention, cx.settings.review_limit);
    egui::CollapsingHeader::new("Review settings")
        .id_salt("review-settings")
        .show(ui, |ui| {
            let tip = "The share of reviews you want to remember (FSRS's desired \
                retention): higher brings notes back sooner, for more reviews";
            let slider = egui::Slider::new(&mut retention, RETENTION_RANGE)
                .step_by(0.01)
                .text("desired retention");
            let changed_retention = ui.add(slider).on_hover_text(tip).changed();
            let cap = ui.horizontal(|ui| {
                let drag = egui::DragValue::new(&mut limit).range(1..=1000);
                let changed = ui.add(drag).changed();
                ui.label("cards a day at most");
                changed
            });
            if changed_retention || cap.inner {
                out.push(Command::ReviewSettings { retention, limit });
            }
        });
}

/// What the card's buttons ask for.
enum Asked {
    Reveal,
    Grade(Grade),
}

/// The notes due on `day`, less those reviewed on it already (a `stale`
/// note stays due whatever its schedule), best first.
fn due_today(loaded: &Loaded, day: NaiveDate, limit: usize) -> Today {
    let list = loaded.due_on(day, usize::MAX);
    let schedule = |id: NoteId| review::schedule_of(&loaded.vault.notes[id], &loaded.schedules);
    let reviewed_today = |id| schedule(id).is_some_and(|s| s.last_review.date_naive() == day);
    let mut due: Vec<Due> = (list.due.into_iter())
        .filter(|d| !reviewed_today(d.note))
        .collect();
    let total = due.len();
    // The cap is on reviews a day: those done today count against it.
    let done = (loaded.done.get(&day)).map_or(0, |d| d.iter().sum());
    due.truncate(limit.saturating_sub(done));
    let next = (0..loaded.vault.notes.len())
        .filter_map(|id| schedule(id).map(|s| s.due.date_naive()))
        .filter(|&due| due > day)
        .min();
    Today {
        due,
        total,
        reviewable: list.reviewable,
        next,
        done,
        limit,
    }
}

fn card_of(loaded: &Loaded, note: NoteId, retention: f64) -> Card {
    let prompts = prompts::prompts(&loaded.vault.notes[note], &loaded.options.headings());
    let schedule = review::schedule_of(&loaded.vault.notes[note], &loaded.schedules);
    let (fsrs, now) = (review::scheduler(retention), Utc::now());
    let days = GRADES.map(|(grade, _, _)| {
        review::days_until(&review::grade(&fsrs, schedule.as_ref(), grade, now), now)
    });
    Card { prompts, days }
}

fn nothing_due(ui: &mut Ui, today: &Today) {
    let text = match (today.next, today.reviewable) {
        _ if today.total > 0 => format!(
            "Done for today: {} reviews, the daily cap of {}. {} more due.",
            today.done, today.limit, today.total
        ),
        (Some(next), _) => format!("Nothing due today. Next review: {next}"),
        (None, 0) => "No learned notes yet: a note comes up for review once it is learned \
            (a learned status, or Mark learned)."
            .to_string(),
        (None, _) => "Nothing due today.".to_string(),
    };
    ui.label(RichText::new(text).strong());
}

/// The card: title, when it fell due, prompts and Reveal in a frame,
/// then the grades and "Open note".
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
    egui::Frame::group(ui.style())
        .inner_margin(10.0)
        .corner_radius(6.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(&*loaded.names[due.note]).heading().strong())
                .on_hover_text(&note.path);
            ui.label(RichText::new(when(due)).weak().small());
            ui.add_space(6.0);
            // The grades, and the history below, stay in sight under a
            // long list of prompts.
            let room = (ui.available_height() * 0.4).clamp(80.0, 320.0);
            egui::ScrollArea::vertical()
                .id_salt("review-prompts")
                .max_height(room)
                .auto_shrink([false, true])
                .show(ui, |ui| show_prompts(ui, &card.prompts, revealed));
            ui.add_space(6.0);
            if reveal_button(ui, &card.prompts, revealed) {
                *asked = Some(Asked::Reveal);
            }
        });
    ui.add_space(8.0);
    if let Some(grade) = grade_buttons(ui, card) {
        *asked = Some(Asked::Grade(grade));
    }
    ui.add_space(8.0);
    if ui.button("Open note").on_hover_text(&note.path).clicked() {
        out.push(Command::Select(due.note));
    }
}

/// "Reveal", enabled while the card has answers hidden; whether clicked.
fn reveal_button(ui: &mut Ui, prompts: &[Prompt], revealed: bool) -> bool {
    let answers = prompts.iter().any(|p| p.answer().is_some());
    let hint = if answers {
        "Show the answers"
    } else {
        "The note writes no answers (an **A:** after a **Q:**): check yourself against it (Open note)"
    };
    let button = ui.add_enabled(!revealed && answers, egui::Button::new("Reveal"));
    button
        .on_hover_text(hint)
        .on_disabled_hover_text(hint)
        .clicked()
}

/// The four grades side by side, each with its key and the days until
/// the review it gives; the one clicked.
fn grade_buttons(ui: &mut Ui, card: &Card) -> Option<Grade> {
    let mut clicked = None;
    ui.columns(GRADES.len(), |columns| {
        for (i, (ui, (grade, _, what))) in columns.iter_mut().zip(GRADES).enumerate() {
            let days = card.days[i];
            let color = grade_color(grade);
            let button = egui::Button::new(RichText::new(format!("{grade:?}")).strong())
                .fill(color.gamma_multiply(0.3));
            let tip = format!("{what}; next review in {}", in_days(days));
            let size = egui::vec2(ui.available_width(), 28.0);
            if ui.add_sized(size, button).on_hover_text(tip).clicked() {
                clicked = Some(grade);
            }
            ui.vertical_centered(|ui| {
                let text = format!("{} · {}", i + 1, in_days(days));
                ui.label(RichText::new(text).weak().small());
            });
        }
    });
    clicked
}

fn grade_color(grade: Grade) -> egui::Color32 {
    match grade {
        Grade::Again => egui::Color32::from_rgb(224, 76, 76),
        Grade::Hard => egui::Color32::from_rgb(230, 150, 40),
        Grade::Good => egui::Color32::from_rgb(64, 192, 87),
        Grade::Easy => egui::Color32::from_rgb(70, 140, 230),
    }
}

fn in_days(days: i64) -> String {
    match days {
        0 => "today".into(),
        1 => "1 day".into(),
        n => format!("{n} days"),
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

/// The prompts, under a caption for each kind.
fn show_prompts(ui: &mut Ui, prompts: &[Prompt], revealed: bool) {
    if prompts.is_empty() {
        ui.label(RichText::new("This note writes no prompts: recall what it says.").italics());
        return;
    }
    let mut caption = None;
    for prompt in prompts {
        let kind = match prompt {
            Prompt::Check(_) => "Self-check",
            Prompt::Question { .. } => "Questions",
            Prompt::Heading(_) => "Recall what each section says",
        };
        if caption != Some(kind) {
            if caption.is_some() {
                ui.add_space(4.0);
            }
            ui.label(RichText::new(kind).small().weak());
            caption = Some(kind);
        }
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
