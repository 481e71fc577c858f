//! Vault paths as resolution compares them: joined, normalised, folded.

/// Unicode NFC: a name typed on macOS (NFD) matches the same name
/// written elsewhere (NFC). ASCII, the common case, is returned as is.
pub(super) fn nfc(s: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::UnicodeNormalization;
    if s.is_ascii() {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.nfc().collect())
    }
}

/// The form every case-insensitive key is stored and looked up in.
pub(super) fn fold(s: &str) -> String {
    nfc(s).to_lowercase()
}

pub(super) fn common_folder_depth(a: &str, b: &str) -> usize {
    let folders = |p: &str| -> Vec<String> {
        let mut parts: Vec<String> = p.split('/').map(str::to_string).collect();
        parts.pop();
        parts
    };
    folders(a)
        .iter()
        .zip(folders(b).iter())
        .take_while(|(x, y)| x == y)
        .count()
}

/// `folder/target` in vault terms, where the root folder is empty.
pub(super) fn join(folder: &str, target: &str) -> String {
    if folder.is_empty() {
        target.to_string()
    } else {
        format!("{folder}/{target}")
    }
}

/// Resolves `.` and `..`; `None` if the path climbs above the vault root.
pub fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}
