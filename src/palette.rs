//! How each kind of link is drawn, and the colours notes are drawn in,
//! for the window and the exports alike, in plain numbers so that the
//! library needs no UI types. Which note gets which colour is
//! `workspace::looks`'s rule.

use crate::vault::status::{status_class, StatusClass};
use crate::vault::EdgeKind;

/// A colour: red, green, blue (sRGB).
pub type Rgb = [u8; 3];

/// `#rrggbb`, for DOT, GraphML, SVG and JSON Canvas.
pub fn hex([r, g, b]: Rgb) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// A note with no value for the colouring (no status, no tag), or alone
/// in its community.
pub const NONE: Rgb = [120, 126, 134];
/// A missing note (a link's target that no note answers).
pub const GHOST: Rgb = [134, 142, 150];
/// The ready ring, and a self-check all ticked.
pub const READY: Rgb = [64, 192, 87];

/// The stages a status names (`analysis::status_class`), in the order
/// learned, learning, review, to do.
pub const STAGES: [Rgb; 4] = [READY, [51, 154, 240], [250, 176, 5], [173, 181, 189]];

/// Fixed colours for the statuses the note format uses (their meaning is
/// `vault::status::status_class`'s).
pub fn status_rgb(status: &str) -> Option<Rgb> {
    let [learned, learning, review, todo] = STAGES;
    Some(match status_class(status)? {
        StatusClass::Learned => learned,
        StatusClass::Learning => learning,
        StatusClass::Review => review,
        StatusClass::Todo => todo,
    })
}

/// A note's radius by its importance within the vault's range (`range`,
/// as `Facets::importance`); a note without one sits at the bottom.
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

/// A categorical palette that stays readable on dark and light panels,
/// most distinct first: values get them in order of frequency.
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

/// A distinct colour for community `c` past the categorical ten: hues
/// spread by the golden angle, at egui's HSV (linear) saturation 0.55 and
/// value 0.85, so that the window's colours and the exports' agree.
pub fn spread(c: usize) -> Rgb {
    let hue = (c as f32 * 0.618_034).fract();
    let (s, v) = (0.55_f32, 0.85_f32);
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
    linear.map(srgb_from_linear)
}

/// Linear light to an sRGB byte, rounded as egui rounds it.
fn srgb_from_linear(l: f32) -> u8 {
    let encoded = if l <= 0.0 {
        0.0
    } else if l <= 0.003_130_8 {
        3294.6 * l
    } else if l <= 1.0 {
        269.025 * l.powf(1.0 / 2.4) - 14.025
    } else {
        255.0
    };
    (encoded + 0.5) as u8
}

/// The look of an edge. `width` is in screen points (the window) and is
/// used as the pen width in exports.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EdgeStyle {
    pub rgb: Rgb,
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
