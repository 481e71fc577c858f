//! The pictures the map carries: vault files of a picture type up to
//! `MAX_PICTURE_BYTES` each, as `data:` URIs, each once however many
//! notes show it, and no more than `MAX_TOTAL_BYTES` in all.

use crate::vault::pictures::{picture_path, read_picture, PictureError};
use base64::Engine as _;
use std::collections::HashMap;
use std::path::Path;

/// The largest picture carried.
pub const MAX_PICTURE_BYTES: u64 = 200 * 1024;
/// All pictures together, before encoding.
pub const MAX_TOTAL_BYTES: u64 = 16 * 1024 * 1024;

#[derive(Default)]
pub struct Pictures {
    /// The `data:` URIs, by the index `<img data-img>` names.
    pub uris: Vec<String>,
    /// Each vault path asked for: its index, or why it is left out.
    by_path: HashMap<String, Result<usize, String>>,
    total: u64,
}

/// The media type of a picture, by its extension.
fn media_type(path: &str) -> Option<&'static str> {
    let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "bmp" => "image/bmp",
        "ico" => "image/x-icon",
        // Shown by `<img>`, where an SVG's scripts never run.
        "svg" => "image/svg+xml",
        _ => return None,
    })
}

/// "1.3 MB", "240 KB".
fn size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

impl Pictures {
    /// The index of the picture `dest` of a note in `folder`, or why it
    /// is left out (a phrase for the note's text).
    pub fn carry(
        &mut self,
        root: Option<&Path>,
        folder: &str,
        dest: &str,
        embed: bool,
    ) -> Result<usize, String> {
        let Some(root) = root else {
            return Err("no vault folder to take it from".into());
        };
        if dest.contains(':') && !dest.starts_with('/') {
            return Err("not a file of the vault, left out".into());
        }
        let Some(rel) = picture_path(root, folder, dest, embed) else {
            return Err("outside the vault, left out".into());
        };
        if let Some(known) = self.by_path.get(&rel) {
            return known.clone();
        }
        let result = self.read(root, &rel);
        self.by_path.insert(rel, result.clone());
        result
    }

    fn read(&mut self, root: &Path, rel: &str) -> Result<usize, String> {
        let Some(media) = media_type(rel) else {
            return Err("a file, not a picture, left out".into());
        };
        let left = MAX_TOTAL_BYTES.saturating_sub(self.total);
        let bytes = read_picture(root, rel, MAX_PICTURE_BYTES.min(left)).map_err(|e| match e {
            PictureError::Missing => "not found in the vault".to_string(),
            PictureError::TooLarge(n) if n <= MAX_PICTURE_BYTES => format!(
                "left out: the map's pictures already take {}",
                size(MAX_TOTAL_BYTES)
            ),
            PictureError::TooLarge(n) => format!(
                "{} picture left out: the map carries pictures up to {}",
                size(n),
                size(MAX_PICTURE_BYTES)
            ),
            PictureError::Refused(why) => why.to_string(),
        })?;
        self.total += bytes.len() as u64;
        let encoded = base64::engine::general_purpose::STANDARD.encode(&bytes);
        self.uris.push(format!("data:{media};base64,{encoded}"));
        Ok(self.uris.len() - 1)
    }
}
