//! Colours: node palettes and the status legend.

use super::model::Loaded;
use super::settings::ColorBy;
use crate::analysis::StatusClass;
use crate::vault::{EdgeKind, Note};
use egui::Color32;
use std::collections::HashMap;

pub const GHOST: Color32 = Color32::from_rgb(134, 142, 150);
pub const READY: Color32 = Color32::from_rgb(64, 192, 87);
const NONE: Color32 = Color32::from_rgb(120, 126, 134);

/// A categorical palette that stays readable on dark and light panels.
const CATEGORICAL: [Color32; 10] = [
    Color32::from_rgb(77, 171, 247),
    Color32::from_rgb(255, 146, 43),
    Color32::from_rgb(81, 207, 102),
    Color32::from_rgb(255, 107, 107),
    Color32::from_rgb(177, 151, 252),
    Color32::from_rgb(252, 196, 25),
    Color32::from_rgb(34, 184, 207),
    Color32::from_rgb(240, 101, 149),
    Color32::from_rgb(148, 216, 45),
    Color32::from_rgb(206, 164, 120),
];

/// Fixed colours for the statuses the note format uses (their meaning is
/// `analysis::status_class`'s).
pub fn status_color(status: &str) -> Option<Color32> {
    Some(match crate::analysis::status_class(status)? {
        StatusClass::Learned => Color32::from_rgb(64, 192, 87),
        StatusClass::Learning => Color32::from_rgb(51, 154, 240),
        StatusClass::Review => Color32::from_rgb(250, 176, 5),
        StatusClass::Todo => Color32::from_rgb(173, 181, 189),
    })
}

pub struct Palette {
    by: ColorBy,
    assigned: HashMap<String, Color32>,
}

impl Palette {
    /// Values get colours in order of frequency, so the common ones are
    /// the most distinct.
    pub fn new(loaded: &Loaded, by: ColorBy) -> Palette {
        let counts = match by {
            ColorBy::Status => &loaded.facets.statuses,
            ColorBy::Tag => &loaded.facets.tags,
            ColorBy::Folder => &loaded.facets.folders,
        };
        let mut values: Vec<(&String, &usize)> = counts.iter().collect();
        values.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let mut assigned = HashMap::new();
        let mut next = 0;
        for (value, _) in values {
            let color = match by {
                _ if value == crate::analysis::filter::NONE_LABEL => Some(NONE),
                ColorBy::Status => status_color(value),
                _ => None,
            }
            .unwrap_or_else(|| {
                let c = CATEGORICAL.get(next).copied().unwrap_or(NONE);
                next += 1;
                c
            });
            assigned.insert(value.clone(), color);
        }
        Palette { by, assigned }
    }

    pub fn key_of<'n>(&self, note: &'n Note) -> Option<&'n str> {
        match self.by {
            ColorBy::Status => note.frontmatter.status.as_deref(),
            ColorBy::Tag => note.frontmatter.tags.first().map(String::as_str),
            ColorBy::Folder => Some(note.top_folder()),
        }
    }

    pub fn color_of(&self, note: &Note) -> Color32 {
        self.key_of(note)
            .and_then(|k| self.assigned.get(k))
            .copied()
            .unwrap_or(NONE)
    }

    /// (value, colour) for the legend, most common first, at most `max`.
    pub fn legend(&self, loaded: &Loaded, max: usize) -> Vec<(String, Color32)> {
        let counts = match self.by {
            ColorBy::Status => &loaded.facets.statuses,
            ColorBy::Tag => &loaded.facets.tags,
            ColorBy::Folder => &loaded.facets.folders,
        };
        let mut values: Vec<(&String, &usize)> = counts.iter().collect();
        values.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        values
            .into_iter()
            .take(max)
            .map(|(v, _)| (v.clone(), self.assigned.get(v).copied().unwrap_or(NONE)))
            .collect()
    }
}

/// Colour and width of each edge kind (`palette::edge_style`, shared with
/// the exports); also used by the legend.
pub fn edge_style(kind: EdgeKind, dark: bool) -> (Color32, f32) {
    let style = crate::palette::edge_style(kind, dark);
    let [r, g, b] = style.rgb;
    (Color32::from_rgb(r, g, b), style.width)
}
