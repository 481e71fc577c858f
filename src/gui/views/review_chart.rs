//! The Review tab's history: a bar chart of the reviews done each of the
//! last 30 days (by grade, from the grade log) and due each of the next
//! 30 (from the schedules, the backlog counted on today), and a calendar
//! of the past weeks shaded by reviews done, with its tally above it.
//! Counted by `analysis::review::history` once per (load, schedules
//! taken, day): a frame only draws.

use super::memo::Memo;
use crate::analysis::review::history::{self, Calendar, Tally};
use crate::analysis::review::Grade;
use crate::gui::model::Loaded;
use chrono::{Datelike, Duration, NaiveDate};
use egui::{Color32, RichText, Ui};
use egui_plot::{Bar, BarChart, Plot, Text, VLine};

/// Days of the chart on each side of today.
const DAYS: usize = 30;

/// Weeks of the calendar, today's the last.
const WEEKS: usize = 26;

#[derive(Default)]
pub struct History {
    counts: Memo<(u64, u64, NaiveDate), Counts>,
}

struct Counts {
    day: NaiveDate,
    /// The last `DAYS` days through today, oldest first, by grade.
    done: Vec<[usize; 4]>,
    /// The next `DAYS` days from today (the backlog on today).
    due: Vec<usize>,
    calendar: Calendar,
    tally: Tally,
}

impl History {
    /// The chart and the calendar, folded under one header.
    pub fn show(&mut self, ui: &mut Ui, loaded: &Loaded, day: NaiveDate, colors: [Color32; 4]) {
        let key = (loaded.generation, loaded.reviews, day);
        let counts = self.counts.get(key, || counts_of(loaded, day));
        egui::CollapsingHeader::new("Reviews done and due")
            .id_salt("review-history")
            .default_open(true)
            .show(ui, |ui| {
                ui.label(
                    RichText::new("Last 30 days done, next 30 due")
                        .small()
                        .weak(),
                );
                chart(ui, counts, colors);
                ui.add_space(6.0);
                ui.label(tally_text(&counts.tally));
                calendar(ui, counts, colors[Grade::Good as usize]);
            });
    }
}

fn counts_of(loaded: &Loaded, day: NaiveDate) -> Counts {
    let config = loaded.study_config();
    let due = history::due_days(&loaded.vault, &config, &loaded.schedules, day);
    let calendar = history::calendar(&loaded.done, day, WEEKS);
    Counts {
        day,
        done: history::last_days(&loaded.done, day, DAYS),
        due: history::forecast(due, day, DAYS),
        tally: history::tally(&loaded.done, calendar.first, day),
        calendar,
    }
}

/// "42 reviews in 12 days; 5-day streak".
fn tally_text(tally: &Tally) -> String {
    if tally.reviews == 0 {
        return format!("No reviews in the last {WEEKS} weeks");
    }
    let plural = |n: usize, what: &str| match n {
        1 => format!("1 {what}"),
        n => format!("{n} {what}s"),
    };
    let mut text = format!(
        "{} in {}",
        plural(tally.reviews, "review"),
        plural(tally.days, "day")
    );
    if tally.streak > 0 {
        text += &format!("; {}-day streak", tally.streak);
    }
    text
}

/// Reviews done (stacked by grade) left of today, due from today on.
fn chart(ui: &mut Ui, counts: &Counts, colors: [Color32; 4]) {
    let day = counts.day;
    let date = |x: i64| (day + Duration::days(x)).format("%a %d %b").to_string();
    let mut base = [0.0; DAYS];
    let mut charts = Vec::new();
    for grade in Grade::ALL {
        let bars = (counts.done.iter().enumerate())
            .filter(|(_, c)| c[grade as usize] > 0)
            .map(|(i, c)| {
                let x = i as i64 + 1 - DAYS as i64;
                let n = c[grade as usize] as f64;
                let bar = Bar::new(x as f64, n).base_offset(base[i]).name(date(x));
                base[i] += n;
                bar.width(0.8).fill(colors[grade as usize])
            })
            .collect();
        charts.push(labelled(format!("{grade:?}"), bars).color(colors[grade as usize]));
    }
    let due_color = ui.visuals().weak_text_color();
    let strong = ui.visuals().strong_text_color();
    let due_bars = (counts.due.iter().enumerate())
        .filter(|(_, &n)| n > 0)
        .map(|(i, &n)| {
            // Today's bar stands on what was done today.
            let on = if i == 0 { base[DAYS - 1] } else { 0.0 };
            let bar = Bar::new(i as f64, n as f64).base_offset(on);
            bar.name(date(i as i64))
                .width(0.8)
                .fill(due_color.gamma_multiply(0.6))
        })
        .collect();
    charts.push(labelled("due".into(), due_bars).color(due_color));
    Plot::new("review-chart")
        .height(110.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_x(false)
        .show_y(false)
        .show_grid([false, true])
        .include_y(0.0)
        .include_x(-(DAYS as f64) + 0.5)
        .include_x(DAYS as f64 - 0.5)
        .y_axis_min_width(24.0)
        .x_axis_formatter(|mark, _| match mark.value.round() as i64 {
            0 => "today".into(),
            x if x < 0 => format!("{x}d"),
            x => format!("+{x}d"),
        })
        .show(ui, |plot| {
            // Between the days done and those due, beside today's bar.
            let today = VLine::new("today", -0.5).color(strong);
            plot.vline(today.width(0.5));
            for chart in charts {
                plot.bar_chart(chart);
            }
        });
}

/// A chart whose bars say on hover their day, what they count and how
/// many.
fn labelled(name: String, bars: Vec<Bar>) -> BarChart {
    let what = name.clone();
    BarChart::new(name, bars).element_formatter(Box::new(move |bar, _| {
        format!("{}\n{what}: {}", bar.name, bar.value)
    }))
}

/// The past weeks, Monday on top, each day shaded by reviews done.
fn calendar(ui: &mut Ui, counts: &Counts, color: Color32) {
    let cal = &counts.calendar;
    let most = cal.counts.iter().copied().max().unwrap_or(0).max(1) as f32;
    // A day without reviews, faint on either theme.
    let empty = ui.visuals().widgets.noninteractive.bg_stroke.color;
    let mut bars = Vec::with_capacity(cal.counts.len());
    for (i, &n) in cal.counts.iter().enumerate() {
        let (week, weekday) = (i / 7, i % 7);
        let day = cal.day(week, weekday);
        if day > counts.day {
            break;
        }
        let fill = match n {
            0 => empty,
            n => color.gamma_multiply(0.3 + 0.7 * (n as f32 / most).sqrt()),
        };
        let name = format!("{}: {n} review{}", day.format("%a %d %b %Y"), plural(n));
        let top = 7.0 - weekday as f64;
        bars.push(
            Bar::new(week as f64, 0.85)
                .base_offset(top - 0.85)
                .name(name)
                .width(0.85)
                .fill(fill),
        );
    }
    let chart = BarChart::new("reviews done", bars)
        .color(color)
        .element_formatter(Box::new(|bar, _| bar.name.clone()));
    let width = ui.available_width();
    let weak = ui.visuals().weak_text_color();
    Plot::new("review-calendar")
        .height((width / (WEEKS as f32 + 2.0) * 8.5).clamp(60.0, 160.0))
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_axes(false)
        .show_grid(false)
        .show_background(false)
        .show_x(false)
        .show_y(false)
        .include_x(-2.8)
        .include_x(WEEKS as f64 - 0.5)
        .include_y(0.0)
        .include_y(8.0)
        .set_margin_fraction(egui::vec2(0.0, 0.0))
        .show(ui, |plot| {
            for (row, name) in [(0, "Mon"), (2, "Wed"), (4, "Fri")] {
                let at = [-0.6, 7.0 - row as f64 - 0.42];
                let text = RichText::new(name).small().color(weak);
                plot.text(Text::new(name, at.into(), text).anchor(egui::Align2::RIGHT_CENTER));
            }
            for week in (0..cal.weeks).filter(|&w| cal.day(w, 0).day() <= 7) {
                let month = cal.day(week, 0).format("%b").to_string();
                let text = RichText::new(&month).small().color(weak);
                let at = [week as f64 - 0.4, 7.6];
                plot.text(Text::new(month, at.into(), text).anchor(egui::Align2::LEFT_CENTER));
            }
            plot.bar_chart(chart);
        });
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
