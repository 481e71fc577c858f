//! Colours: node palettes and the status legend.

use super::model::Loaded;
use super::settings::ColorBy;
use crate::analysis::filter::NONE_LABEL;
use crate::analysis::review::Standing;
use crate::analysis::selfcheck::CheckState;
use crate::vault::{EdgeKind, Note, NoteId};
use egui::Color32;
use std::collections::{BTreeMap, HashMap};

pub const GHOST: Color32 = rgb(crate::palette::GHOST);
pub const GROUP: Color32 = Color32::from_rgb(112, 128, 168);
pub const READY: Color32 = Color32::from_rgb(64, 192, 87);
/// A prerequisite cycle's notes' rings in the prerequisite view.
pub const CYCLE: Color32 = Color32::from_rgb(214, 140, 40);
/// The ring around a note the search matches: amber, apart from every
/// status and palette colour's ring (ready is green).
pub const SEARCH_HIT: Color32 = Color32::from_rgb(255, 176, 0);
pub const NONE: Color32 = rgb(crate::palette::NONE);

/// egui's colour of a palette colour.
pub const fn rgb([r, g, b]: crate::palette::Rgb) -> Color32 {
    Color32::from_rgb(r, g, b)
}

pub struct Palette {
    by: ColorBy,
    /// Colour of each value, for status, tag and folder colouring.
    assigned: HashMap<String, Color32>,
    /// (value, colour), most common first, for the legend.
    ordered: Vec<(String, Color32)>,
    /// Each note's review standing today, worked out once (review
    /// colouring only).
    standings: Vec<Option<Standing>>,
}

/// The colouring in effect: status colouring on a vault where status does
/// not tell notes apart (`status_tells_notes_apart`) would paint them all
/// one colour, so it shows communities instead.
pub fn effective(loaded: &Loaded, by: ColorBy) -> ColorBy {
    let statuses = &loaded.facets.statuses;
    if by == ColorBy::Status && !status_tells_notes_apart(statuses, loaded.vault.notes.len()) {
        ColorBy::Community
    } else {
        by
    }
}

/// Whether colouring by status tells notes apart: at least two values
/// ("no status" counts as one) hold 5 % of the notes or more each, and
/// fewer than four notes in five lack a status (else the graph is grey).
/// `statuses` counts notes by status, as `Facets::statuses` does.
pub fn status_tells_notes_apart(statuses: &BTreeMap<String, usize>, notes: usize) -> bool {
    let without = statuses.get(NONE_LABEL).copied().unwrap_or(0);
    let counts: Vec<usize> = statuses.values().copied().collect();
    crate::palette::status_tells_notes_apart(&counts, without, notes)
}

impl Palette {
    /// Values get colours in order of frequency, so the common ones are
    /// the most distinct.
    pub fn new(loaded: &Loaded, by: ColorBy) -> Palette {
        let by = effective(loaded, by);
        let standings = if by == ColorBy::Review {
            standings(loaded)
        } else {
            Vec::new()
        };
        let values: Vec<(String, usize)> = match by {
            ColorBy::Status => sorted(&loaded.facets.statuses),
            ColorBy::Tag => sorted(&loaded.facets.tags),
            ColorBy::Folder => sorted(&loaded.facets.folders),
            ColorBy::Community => {
                let c = &loaded.communities();
                (loaded.community_names().iter().zip(&c.members))
                    .map(|(n, m)| (n.clone(), m.len()))
                    .collect()
            }
            ColorBy::SelfCheck => check_states(loaded),
            ColorBy::Review => review_counts(&standings),
        };
        let fixed = |value: &str| match by {
            ColorBy::Status => crate::palette::status_rgb(value),
            ColorBy::SelfCheck => check_color(value).map(|c| [c.r(), c.g(), c.b()]),
            ColorBy::Review => review_color(value).map(|c| [c.r(), c.g(), c.b()]),
            _ => None,
        };
        let rule = match by {
            ColorBy::Community => crate::palette::Rule::Community,
            _ => crate::palette::Rule::Fixed(&fixed),
        };
        let colors = crate::palette::value_colors(&values, NONE_LABEL, rule);
        let mut assigned = HashMap::new();
        let mut ordered = Vec::with_capacity(values.len());
        for ((value, _), color) in values.into_iter().zip(colors) {
            let color = rgb(color);
            if by != ColorBy::Community {
                assigned.insert(value.clone(), color);
            }
            ordered.push((value, color));
        }
        Palette {
            by,
            assigned,
            ordered,
            standings,
        }
    }

    pub fn color_of(&self, loaded: &Loaded, id: NoteId) -> Color32 {
        let note: &Note = &loaded.vault.notes[id];
        let key = match self.by {
            ColorBy::Status => note.frontmatter.status.as_deref(),
            ColorBy::Tag => note.frontmatter.tags.first().map(String::as_str),
            ColorBy::Folder => Some(note.top_folder()),
            ColorBy::Community => {
                let c = loaded.communities().of[id];
                return self.ordered.get(c).map_or(NONE, |e| e.1);
            }
            ColorBy::SelfCheck => Some(CheckState::of(loaded.self_checks()[id]).label()),
            ColorBy::Review => self
                .standings
                .get(id)
                .copied()
                .flatten()
                .map(Standing::label),
        };
        key.and_then(|k| self.assigned.get(k))
            .copied()
            .unwrap_or(NONE)
    }

    /// The colouring in effect (see `effective`).
    pub fn by(&self) -> ColorBy {
        self.by
    }

    /// (value, colour) for the legend, most common first, at most `max`.
    pub fn legend(&self, max: usize) -> Vec<(String, Color32)> {
        self.ordered.iter().take(max).cloned().collect()
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
fn review_color(label: &str) -> Option<Color32> {
    let standing = Standing::ALL.into_iter().find(|s| s.label() == label)?;
    Some(match standing {
        Standing::Due => Color32::from_rgb(0xe0, 0x55, 0x4a),
        Standing::Soon => Color32::from_rgb(0xe8, 0xa3, 0x3d),
        Standing::Fine => Color32::from_rgb(0x4c, 0xaf, 0x6a),
        Standing::Never => Color32::from_rgb(0x4a, 0x90, 0xd9),
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

fn check_color(label: &str) -> Option<Color32> {
    let state = CheckState::ALL.into_iter().find(|s| s.label() == label)?;
    Some(check_state_color(state))
}

fn sorted(counts: &std::collections::BTreeMap<String, usize>) -> Vec<(String, usize)> {
    let mut values: Vec<(String, usize)> = counts.iter().map(|(k, v)| (k.clone(), *v)).collect();
    values.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    values
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

    fn tells_apart(counts: &[(&str, usize)]) -> bool {
        let map: BTreeMap<String, usize> =
            (counts.iter()).map(|(k, n)| (k.to_string(), *n)).collect();
        status_tells_notes_apart(&map, counts.iter().map(|(_, n)| n).sum())
    }

    #[test]
    fn the_palette_spreads_hues_as_egui_converts_them() {
        for c in 0..500 {
            let hue = (c as f32 * 0.618_034).fract();
            let egui: Color32 = egui::ecolor::Hsva::new(hue, 0.55, 0.85, 1.0).into();
            assert_eq!(rgb(crate::palette::spread(c)), egui, "community {c}");
        }
    }

    #[test]
    fn status_colours_only_where_status_tells_notes_apart() {
        // Every note the same status: one colour.
        assert!(!tells_apart(&[("todo", 500)]));
        // One status and a few stray values under 5 % each.
        assert!(!tells_apart(&[
            ("todo", 960),
            ("done", 20),
            (NONE_LABEL, 20)
        ]));
        // Almost no note has a status.
        assert!(!tells_apart(&[
            (NONE_LABEL, 850),
            ("todo", 100),
            ("done", 50)
        ]));
        // Two sizeable values, "no status" one of them.
        assert!(tells_apart(&[("todo", 900), (NONE_LABEL, 100)]));
        assert!(tells_apart(&[("todo", 50), ("mastered", 50)]));
        // Exactly 5 % is enough.
        assert!(tells_apart(&[("todo", 95), ("done", 5)]));
        assert!(!tells_apart(&[]));
    }
}
