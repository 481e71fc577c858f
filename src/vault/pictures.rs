//! Pictures a note shows, read for an export that carries them (the HTML
//! map embeds small ones): only files inside the vault, as
//! `check_shown_file` allows, and never more than the caller's limit.

use super::resolve::normalize;
use std::path::Path;

/// Why a picture is not carried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PictureError {
    /// No such file in the vault.
    Missing,
    /// Larger than the limit: its size in bytes.
    TooLarge(u64),
    /// Outside the vault, not a regular file, or unreadable: why.
    Refused(&'static str),
}

/// The vault path of a picture that `note_folder`'s note names: a
/// Markdown image's `dest` relative to the note's folder (an absolute
/// path only where it points into the vault), or an embed's name
/// (`![[x.png]]`), looked for beside the note, then from the root.
/// `None` when the name leaves the vault.
pub fn picture_path(root: &Path, note_folder: &str, dest: &str, embed: bool) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(dest).decode_utf8_lossy();
    let joined = |folder: &str| normalize(&format!("{folder}/{decoded}"));
    if let Some(absolute) = decoded
        .strip_prefix('/')
        .map(|_| Path::new(decoded.as_ref()))
    {
        let inside = absolute.strip_prefix(root).ok()?;
        return normalize(&inside.to_string_lossy());
    }
    if !embed {
        return joined(note_folder);
    }
    let beside = joined(note_folder)?;
    if root.join(&beside).is_file() {
        return Some(beside);
    }
    normalize(&decoded)
}

/// The bytes of the vault file at `rel`, if it is a regular file inside
/// the vault of at most `max` bytes.
pub fn read_picture(root: &Path, rel: &str, max: u64) -> Result<Vec<u8>, PictureError> {
    super::check_shown_file(root, rel).map_err(PictureError::Refused)?;
    let path = root.join(rel);
    let meta = std::fs::metadata(&path).map_err(|_| PictureError::Missing)?;
    if !meta.is_file() {
        return Err(PictureError::Missing);
    }
    if meta.len() > max {
        return Err(PictureError::TooLarge(meta.len()));
    }
    let bytes = std::fs::read(&path).map_err(|_| PictureError::Refused("unreadable"))?;
    if bytes.len() as u64 > max {
        return Err(PictureError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_are_read_inside_the_vault_and_under_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("notes/img")).unwrap();
        std::fs::write(root.join("notes/img/a.png"), [1u8; 10]).unwrap();
        std::fs::write(root.join("big.png"), [1u8; 100]).unwrap();
        assert_eq!(
            picture_path(root, "notes", "img/a%20b.png", false).as_deref(),
            Some("notes/img/a b.png")
        );
        assert_eq!(picture_path(root, "notes", "../../x.png", false), None);
        assert_eq!(
            picture_path(root, "notes", "big.png", true).as_deref(),
            Some("big.png")
        );
        assert_eq!(read_picture(root, "notes/img/a.png", 50).unwrap().len(), 10);
        assert_eq!(
            read_picture(root, "big.png", 50),
            Err(PictureError::TooLarge(100))
        );
        assert_eq!(
            read_picture(root, "gone.png", 50),
            Err(PictureError::Missing)
        );
    }
}
