//! What a note is called: its frontmatter `title`; else a level-one
//! heading on the body's first line, where the file name does not say
//! better; else the file name.
//!
//! A heading further down is a section, not a name ("Example", "Proof",
//! "Todo"), and so is a first-line heading under a file name that already
//! names the note in other words (`Proof By Induction.md` under `# Process`).
//! A heading names the note when the file name is an identifier
//! (`202301011200.md`, a hash, a UUID) that says nothing to a reader, or
//! when it says the same words (`cap-theorem.md` under `# CAP Theorem`),
//! where the heading's casing and spaces read better.

/// The title of a note: `fm_title`, else `first_h1` (its text and byte
/// offset in `text`) when it sits on the first non-blank line of the body
/// (from `body_offset`) and `stem` allows it, else `stem`.
pub fn title_of(
    fm_title: Option<&str>,
    text: &str,
    body_offset: usize,
    first_h1: Option<&(String, usize)>,
    stem: &str,
) -> String {
    if let Some(title) = fm_title {
        return title.to_string();
    }
    match first_h1 {
        Some((heading, at)) if on_first_line(text, body_offset, *at) && names(heading, stem) => {
            heading.clone()
        }
        _ => stem.to_string(),
    }
}

/// Whether byte `at` of `text` is on the first line of the body (from
/// `body_offset`) that a reader sees: lines of white space and lines that
/// hold only a comment (`<!-- omit in toc -->`, `%% ... %%`) are passed.
fn on_first_line(text: &str, body_offset: usize, at: usize) -> bool {
    let mut start = body_offset;
    for line in text.get(body_offset..).unwrap_or("").split_inclusive('\n') {
        let t = line.trim();
        let comment = (t.starts_with("<!--") && t.ends_with("-->"))
            || (t.len() >= 4 && t.starts_with("%%") && t.ends_with("%%"));
        if !t.is_empty() && !comment {
            return (start..start + line.len()).contains(&at);
        }
        start += line.len();
    }
    false
}

/// Whether a first-line heading may name a note whose file name is `stem`.
fn names(heading: &str, stem: &str) -> bool {
    is_identifier(stem) || words(heading) == words(stem)
}

/// A file name that only tells notes apart: digits, hex digits, `-`, `_`
/// and `.`, with at least one digit (so that `face.md` or `add.md` stay
/// words).
fn is_identifier(stem: &str) -> bool {
    stem.chars().any(|c| c.is_ascii_digit())
        && stem
            .chars()
            .all(|c| c.is_ascii_hexdigit() || matches!(c, '-' | '_' | '.'))
}

/// The words of a name, lower case, split at white space, `-` and `_`.
fn words(name: &str) -> Vec<String> {
    name.split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::vault::tests::vault;

    fn titles(files: &[(&str, &str)]) -> Vec<String> {
        vault(files).notes.iter().map(|n| n.title.clone()).collect()
    }

    #[test]
    fn the_title_rule() {
        let got = titles(&[
            // Sorted by path, as the vault keeps notes.
            ("202301011200.md", "# Zettel on quorums\n\nText.\n"),
            ("3f2a-9c.md", "\n\nSetext title\n============\n"),
            ("a-frontmatter.md", "---\ntitle: From FM\n---\n# Heading\n"),
            ("b-mid-note.md", "intro\n\n# Example\n"),
            ("cap-theorem.md", "---\nid: cap\n---\n\n# CAP Theorem\n"),
            ("Proof By Induction.md", "# Process\n\nSteps.\n"),
            ("face.md", "# Something else\n"),
            ("dir/no-heading.md", "no heading\n"),
        ]);
        assert_eq!(
            got,
            [
                "Zettel on quorums",
                "Setext title",
                "Proof By Induction",
                "From FM",
                "b-mid-note",
                "CAP Theorem",
                "no-heading",
                "face",
            ]
        );
    }

    #[test]
    fn a_heading_after_other_text_or_of_level_two_is_not_a_name() {
        let got = titles(&[
            ("1.md", "Some words\n# Later heading\n"),
            ("2.md", "## Level two\n"),
            ("3.md", "   # Indented a little\n"),
            ("recipes.md", "<!-- omit in toc -->\n\n# Recipes\n"),
        ]);
        assert_eq!(got, ["1", "2", "Indented a little", "Recipes"]);
    }
}
