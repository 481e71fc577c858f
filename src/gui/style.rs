//! Colours: node palettes and the status legend.

use super::model::Loaded;
use super::settings::ColorBy;
use crate::analysis::review::Standing;
use crate::analysis::selfcheck::CheckState;
use crate::palette::{self, Rgb};
use crate::vault::{EdgeKind, NoteId};
use crate::workspace::looks::{self, Colouring};
use egui::Color32;

/// egui's colour for one of the library's.
const fn color(rgb: Rgb) -> Color32 {
    Color32::from_rgb(rgb[0], rgb[1], rgb[2])
}

pub const GHOST: Color32 = color(palette::GHOST);
/// A folded group of a kind other than the colouring's (folders folded
/// while colouring by status).
pub const GROUP: Color32 = Color32::from_rgb(112, 128, 168);
pub const READY: Color32 = color(palette::READY);
/// A prerequisite cycle's notes' rings in the prerequisite view.
pub const CYCLE: Color32 = Color32::from_rgb(214, 140, 40);
/// The ring around a note the search matches: amber, apart from every
/// status and palette colour's ring (ready is green).
pub const SEARCH_HIT: Color32 = Color32::from_rgb(255, 176, 0);
pub const NONE: Color32 = color(palette::NONE);

/// The colouring of the canvas and its legend: the library's
/// (`workspace::looks`), with the window's own colourings by self-check
/// and by review.
pub struct Palette {
    colouring: Colouring,
    /// Each note's review standing today, worked out once (review
    /// colouring only).
    standings: Vec<Option<Standing>>,
}

/// The colouring in effect (`looks::effective`): communities where status
/// does not tell notes apart.
pub fn effective(loaded: &Loaded, by: ColorBy) -> ColorBy {
    looks::effective(by, &loaded.facets, loaded.vault.notes.len())
}

impl Palette {
    pub fn new(loaded: &Loaded, by: ColorBy) -> Palette {
        let by = effective(loaded, by);
        let standings = if by == ColorBy::Review {
            standings(loaded)
        } else {
            Vec::new()
        };
        let colouring = match by {
            ColorBy::SelfCheck => Colouring::new(by, check_states(loaded), check_color),
            ColorBy::Review => Colouring::new(by, review_counts(&standings), review_color),
            _ => Colouring::of(loaded, &loaded.facets, by),
        };
        Palette {
            colouring,
            standings,
        }
    }

    pub fn color_of(&self, loaded: &Loaded, id: NoteId) -> Color32 {
        color(match self.colouring.by() {
            ColorBy::SelfCheck => {
                let state = CheckState::of(loaded.self_checks()[id]);
                self.colouring.of_value(Some(state.label()))
            }
            ColorBy::Review => {
                let standing = self.standings.get(id).copied().flatten();
                self.colouring.of_value(standing.map(Standing::label))
            }
            _ => self.colouring.of_note(loaded, id),
        })
    }

    /// The colouring in effect (see `effective`).
    pub fn by(&self) -> ColorBy {
        self.colouring.by()
    }

    /// (value, colour) for the legend, most common first, at most `max`.
    pub fn legend(&self, max: usize) -> Vec<(String, Color32)> {
        (self.colouring.ordered().iter().take(max))
            .map(|(value, rgb)| (value.clone(), color(*rgb)))
            .collect()
    }
}

/// Where each note stands with its reviews today.
fn standings(loaded: &Loaded) -> Vec<Option<Standing>> {
    let today = chrono::Utc::now().date_naive();
    let config = loaded.study_config();
    (loaded.vault.notes.iter())
        .map(|note| crate::analysis::review::standing(note, &config, &loaded.schedules, today))
        .collect()
}

/// The review standings in order (due first), each with its count; the
/// notes that take no part in reviews are the grey of "no value".
fn review_counts(standings: &[Option<Standing>]) -> Vec<(String, usize)> {
    (Standing::ALL.iter())
        .map(|s| (s, standings.iter().filter(|&&n| n == Some(*s)).count()))
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| (s.label().to_string(), n))
        .collect()
}

/// Red when due, amber this week, green reviewed, blue never reviewed.
fn review_color(label: &str) -> Option<Rgb> {
    let standing = Standing::ALL.into_iter().find(|s| s.label() == label)?;
    Some(match standing {
        Standing::Due => [0xe0, 0x55, 0x4a],
        Standing::Soon => [0xe8, 0xa3, 0x3d],
        Standing::Fine => [0x4c, 0xaf, 0x6a],
        Standing::Never => [0x4a, 0x90, 0xd9],
    })
}

/// Where a placement puts a note, in colours told apart with any colour
/// vision (Okabe and Ito's): bluish green learned, sky blue proposed
/// known, orange not yet, and the grey of "no value" still open.
pub fn placed_color(placed: super::context::Placed) -> Color32 {
    use super::context::Placed;
    match placed {
        Placed::Learned => Color32::from_rgb(0, 158, 115),
        Placed::Known => Color32::from_rgb(86, 180, 233),
        Placed::NotYet => Color32::from_rgb(230, 159, 0),
        Placed::Open => NONE,
    }
}

/// The self-check states in order of progress (not of frequency, so that
/// the legend reads as a scale), each with its count; states no note is in
/// are left out, except "no self-check", which explains the grey.
fn check_states(loaded: &Loaded) -> Vec<(String, usize)> {
    let mut counts = [0usize; 4];
    for &t in loaded.self_checks() {
        counts[CheckState::of(t) as usize] += 1;
    }
    (CheckState::ALL.iter().zip(counts))
        .filter(|(s, n)| *n > 0 || **s == CheckState::NoSelfCheck)
        .map(|(s, n)| (s.label().to_string(), n))
        .collect()
}

/// Green when all is ticked, amber in progress, blue not started; no
/// self-check is the grey of "no value".
pub fn check_state_color(state: CheckState) -> Color32 {
    match state {
        CheckState::AllTicked => READY,
        CheckState::SomeTicked => Color32::from_rgb(250, 176, 5),
        CheckState::NoneTicked => Color32::from_rgb(77, 171, 247),
        CheckState::NoSelfCheck => NONE,
    }
}

fn check_color(label: &str) -> Option<Rgb> {
    let state = CheckState::ALL.into_iter().find(|s| s.label() == label)?;
    let [r, g, b, _] = check_state_color(state).to_array();
    Some([r, g, b])
}

/// Colour and width of each edge kind (`palette::edge_style`, shared with
/// the exports); also used by the legend.
pub fn edge_style(kind: EdgeKind, dark: bool) -> (Color32, f32) {
    let style = crate::palette::edge_style(kind, dark);
    let [r, g, b] = style.rgb;
    (Color32::from_rgb(r, g, b), style.width)
}

/// egui's name for a theme choice.
pub fn theme_preference(theme: super::settings::Theme) -> egui::ThemePreference {
    use super::settings::Theme;
    match theme {
        Theme::System => egui::ThemePreference::System,
        Theme::Dark => egui::ThemePreference::Dark,
        Theme::Light => egui::ThemePreference::Light,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn community_hues_past_the_palette_are_egui_s() {
        for c in 0..500 {
            let hue = (c as f32 * 0.618_034).fract();
            let egui: Color32 = egui::ecolor::Hsva::new(hue, 0.55, 0.85, 1.0).into();
            assert_eq!(color(palette::spread(c)), egui, "community {c}");
        }
    }
}
