//! How each kind of link and each note is drawn, for the window and the
//! exports alike, in plain numbers so that the library needs no UI types:
//! the colour of every value of a colouring (status, community and the
//! window's others) and a note's size by importance.

use crate::vault::status::{status_class, StatusClass};
use crate::vault::EdgeKind;

/// A colour as red, green and blue.
pub type Rgb = [u8; 3];

/// A missing note's node.
pub const GHOST: Rgb = [134, 142, 150];
/// A note without a value (no status, a community of one).
pub const NONE: Rgb = [120, 126, 134];

/// A categorical palette that stays readable on dark and light panels.
pub const CATEGORICAL: [Rgb; 10] = [
    [77, 171, 247],
    [255, 146, 43],
    [81, 207, 102],
    [255, 107, 107],
    [177, 151, 252],
    [252, 196, 25],
    [34, 184, 207],
    [240, 101, 149],
    [148, 216, 45],
    [206, 164, 120],
];

/// Fixed colours for the statuses the note format uses (their meaning is
/// `vault::status::status_class`'s); `None` for a status of the user's own.
pub fn status_rgb(status: &str) -> Option<Rgb> {
    Some(match status_class(status)? {
        StatusClass::Learned => [64, 192, 87],
        StatusClass::Learning => [51, 154, 240],
        StatusClass::Review => [250, 176, 5],
        StatusClass::Todo => [173, 181, 189],
    })
}

/// Whether colouring by status tells notes apart: at least two values
/// (`without`, the notes with no status, counts as one) hold 5 % of the
/// notes or more each, and fewer than four notes in five lack a status
/// (else the graph is grey). `counts` holds every value's count,
/// `without`'s among them.
pub fn status_tells_notes_apart(counts: &[usize], without: usize, notes: usize) -> bool {
    let sizeable = counts.iter().filter(|&&n| n * 20 >= notes).count();
    sizeable >= 2 && without * 5 < notes * 4
}

/// How a colouring gives its values colours.
pub enum Rule<'a> {
    /// Communities, in their order: one of a single note has no colour of
    /// its own, past the categorical ten hues are spread (`spread`).
    Community,
    /// Values of the note format with fixed colours (`fixed`), the others
    /// the categorical palette in order.
    Fixed(&'a dyn Fn(&str) -> Option<Rgb>),
}

/// The colour of each of `values` (a value and its count, most common
/// first, so that the common ones are the most distinct); `none` is the
/// label of notes without a value, always `NONE`. The one rule of the
/// window's colourings and of the HTML map.
pub fn value_colors(values: &[(String, usize)], none: &str, rule: Rule) -> Vec<Rgb> {
    let mut next = 0;
    let mut out = Vec::with_capacity(values.len());
    for (i, (value, count)) in values.iter().enumerate() {
        let color = match rule {
            _ if value == none => Some(NONE),
            Rule::Community if *count < 2 => Some(NONE),
            Rule::Community if i >= CATEGORICAL.len() => Some(spread(i)),
            Rule::Community => None,
            Rule::Fixed(fixed) => fixed(value),
        }
        .unwrap_or_else(|| {
            let c = CATEGORICAL.get(next).copied().unwrap_or(NONE);
            next += 1;
            c
        });
        out.push(color);
    }
    out
}

/// A distinct colour for community `c` past the categorical ten: hues
/// spread by the golden angle, at saturation 0.55 and value 0.85 in
/// linear light, as egui's `Hsva` converts them to sRGB.
pub fn spread(c: usize) -> Rgb {
    let hue = (c as f32 * 0.618_034).fract();
    let (s, v) = (0.55f32, 0.85f32);
    let h = (hue.fract() + 1.0).fract();
    let f = h * 6.0 - (h * 6.0).floor();
    let (p, q, t) = (v * (1.0 - s), v * (1.0 - f * s), v * (1.0 - (1.0 - f) * s));
    let linear = match (h * 6.0).floor() as i32 % 6 {
        0 => [v, t, p],
        1 => [q, v, p],
        2 => [p, v, t],
        3 => [p, q, v],
        4 => [t, p, v],
        _ => [v, p, q],
    };
    linear.map(|l| {
        let gamma = if l <= 0.0 {
            0.0
        } else if l <= 0.003_130_8 {
            3294.6 * l
        } else if l <= 1.0 {
            269.025 * l.powf(1.0 / 2.4) - 14.025
        } else {
            255.0
        };
        (gamma + 0.5) as u8
    })
}

/// A note's radius before zoom, by its importance within the vault's
/// range (`range`, none: no note has one): 4 to 11 points.
pub fn importance_radius(importance: Option<f64>, range: Option<(f64, f64)>) -> f32 {
    let (lo, hi) = range.unwrap_or((0.0, 100.0));
    let imp = importance.unwrap_or(lo);
    let t = if hi > lo {
        ((imp - lo) / (hi - lo)) as f32
    } else {
        0.5
    };
    4.0 + 7.0 * t.clamp(0.0, 1.0)
}

/// `#rrggbb`.
pub fn hex(rgb: Rgb) -> String {
    let [r, g, b] = rgb;
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// The look of an edge. `width` is in screen points (the window) and is
/// used as the pen width in exports.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EdgeStyle {
    pub rgb: [u8; 3],
    pub width: f32,
    pub dashed: bool,
    pub dotted: bool,
}

impl EdgeStyle {
    /// `#rrggbb`, for DOT and GraphML.
    pub fn hex(&self) -> String {
        hex(self.rgb)
    }
}

/// The style of `kind` on a dark or a light background. The colours were
/// tuned on screen in the window; only mentions, the faintest, change
/// with the background so that they stay visible but quiet.
pub fn edge_style(kind: EdgeKind, dark: bool) -> EdgeStyle {
    let style = |rgb, width, dashed, dotted| EdgeStyle {
        rgb,
        width,
        dashed,
        dotted,
    };
    match kind {
        EdgeKind::Prerequisite => style([247, 103, 7], 2.0, false, false),
        EdgeKind::Related => style([51, 154, 240], 1.3, false, false),
        EdgeKind::Compare => style([151, 117, 250], 1.3, true, false),
        EdgeKind::Mention => {
            let grey = if dark { 110 } else { 160 };
            style([grey; 3], 0.9, false, true)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_get_fixed_then_categorical_colours() {
        let values: Vec<(String, usize)> = [("todo", 9), ("(none)", 5), ("mine", 3), ("done", 2)]
            .iter()
            .map(|(v, n)| (v.to_string(), *n))
            .collect();
        let colors = value_colors(&values, "(none)", Rule::Fixed(&status_rgb));
        assert_eq!(colors[0], status_rgb("todo").unwrap());
        assert_eq!(colors[1], NONE);
        assert_eq!(colors[2], CATEGORICAL[0]);
        assert_eq!(colors[3], status_rgb("done").unwrap());
        let sizes: Vec<(String, usize)> = (0..13).map(|i| (i.to_string(), 20 - i)).collect();
        let colors = value_colors(&sizes, "(none)", Rule::Community);
        assert_eq!(colors[..10], CATEGORICAL);
        assert_eq!(colors[11], spread(11));
        let single = [("a".to_string(), 1)];
        assert_eq!(value_colors(&single, "(none)", Rule::Community), [NONE]);
    }

    #[test]
    fn status_tells_apart_by_sizeable_values() {
        assert!(!status_tells_notes_apart(&[500], 0, 500));
        assert!(status_tells_notes_apart(&[50, 50], 0, 100));
        assert!(!status_tells_notes_apart(&[850, 100, 50], 850, 1000));
    }

    #[test]
    fn kinds_are_told_apart_and_hex_is_exact() {
        let styles: Vec<EdgeStyle> = EdgeKind::ALL
            .iter()
            .map(|&k| edge_style(k, false))
            .collect();
        for (i, a) in styles.iter().enumerate() {
            for b in &styles[i + 1..] {
                assert_ne!(a.rgb, b.rgb);
            }
        }
        assert_eq!(edge_style(EdgeKind::Prerequisite, true).hex(), "#f76707");
        assert_eq!(edge_style(EdgeKind::Mention, false).hex(), "#a0a0a0");
        assert_ne!(
            edge_style(EdgeKind::Mention, true).rgb,
            edge_style(EdgeKind::Mention, false).rgb
        );
        assert!(edge_style(EdgeKind::Compare, true).dashed);
    }
}
