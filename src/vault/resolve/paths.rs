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

/// `fold(s)` written over `out`: without allocating when `s` is ASCII.
pub(super) fn fold_into(s: &str, out: &mut String) {
    out.clear();
    if s.is_ascii() {
        out.push_str(s);
        out.make_ascii_lowercase();
    } else {
        out.push_str(&fold(s));
    }
}

/// `nfc(s)` written over `out`.
pub(super) fn nfc_into(s: &str, out: &mut String) {
    out.clear();
    out.push_str(&nfc(s));
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

/// `normalize(&join(folder, target))` written over `out`; false where the
/// path climbs above the vault root.
pub(super) fn normalize_joined(folder: &str, target: &str, out: &mut String) -> bool {
    out.clear();
    for part in folder.split('/').chain(target.split('/')) {
        match part {
            "" | "." => {}
            ".." => {
                if out.is_empty() {
                    return false;
                }
                out.truncate(out.rfind('/').unwrap_or(0));
            }
            other => {
                if !out.is_empty() {
                    out.push('/');
                }
                out.push_str(other);
            }
        }
    }
    true
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

#[cfg(test)]
mod tests {
    use super::{join, normalize, normalize_joined};

    #[test]
    fn joining_and_normalising_in_one_buffer_agrees_with_the_two_steps() {
        let folders = ["", "a", "a/b", "a/./b", "a//b"];
        let targets = [
            "t.md",
            "../t.md",
            "../../t.md",
            "./x/../t.md",
            "/t.md",
            "x//y/",
            "..",
        ];
        let mut out = String::from("left over");
        for folder in folders {
            for target in targets {
                let two_steps = normalize(&join(folder, target));
                let ok = normalize_joined(folder, target, &mut out);
                assert_eq!(ok.then(|| out.clone()), two_steps, "{folder} + {target}");
            }
        }
    }
}
