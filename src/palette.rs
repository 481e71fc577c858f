//! How each kind of link is drawn, for the window and the exports alike,
//! in plain numbers so that the library needs no UI types.

use crate::vault::EdgeKind;

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
        let [r, g, b] = self.rgb;
        format!("#{r:02x}{g:02x}{b:02x}")
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
