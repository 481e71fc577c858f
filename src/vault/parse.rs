//! Pure parsing: from a file's bytes to a note with its frontmatter, title
//! and raw links, and from a set of files to a resolved vault.

use super::{
    frontmatter, lines, links, resolve, stem_of, Link, LinkSyntax, Note, Origin, SourceFile,
    Target, Vault,
};
use crate::diagnostics::{self, Diagnostic, DiagnosticKind, Severity};
use rayon::prelude::*;

use super::exclude::Excluded;
use super::templates::TemplateRule;

/// Parses and resolves `files` into a vault (`Vault::from_files`, and a
/// load with its `diagnostics` so far); `rule` tells the templates to
/// leave out, whose own findings then go too, and `excluded.files` the
/// files left out, kept by their names only.
pub(super) fn parse_vault(
    origin: Origin,
    mut files: Vec<SourceFile>,
    diagnostics: Vec<Diagnostic>,
    rule: &TemplateRule,
    excluded: Excluded,
) -> Vault {
    let mut phases = super::timing::Phases::start("read");
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files.dedup_by(|a, b| a.path == b.path);
    // Unzipped in place, in order: the notes are not moved again when
    // none is left out (nearly always).
    let parsed = files
        .into_par_iter()
        .map(|file| parse_note(file.path, file.bytes))
        .unzip();
    phases.done("parse the notes");
    assemble(origin, parsed, diagnostics, rule, excluded)
}

/// Makes a vault of notes parsed (`parse_note`, sorted by path, one note
/// a path) with their findings: leaves out the templates and the files
/// excluded, and resolves the links.
pub(super) fn assemble(
    origin: Origin,
    (mut notes, found): (Vec<Note>, Vec<Vec<Diagnostic>>),
    mut diagnostics: Vec<Diagnostic>,
    rule: &TemplateRule,
    mut excluded: Excluded,
) -> Vault {
    let mut phases = super::timing::Phases::start("read");
    debug_assert!(notes.windows(2).all(|w| w[0].path < w[1].path));
    let left_out = |note: &Note| excluded.contains(&note.path) || rule.is_template(note);
    let mut templates = Vec::new();
    if notes.par_iter().any(left_out) {
        let parsed = std::mem::take(&mut notes).into_iter().zip(found);
        for (note, diags) in parsed {
            // A file left out is known by its names alone: links to it
            // resolve, and its findings are no one's.
            if excluded.contains(&note.path) {
                excluded.names.push(names_only(note));
                continue;
            }
            // A template's own findings (placeholder ids, odd types) are
            // no one's problem, and its links count for no one.
            if rule.is_template(&note) {
                templates.push(note.path);
                continue;
            }
            notes.push(note);
            diagnostics.extend(diags);
        }
    } else {
        diagnostics.extend(found.into_iter().flatten());
    }
    if !templates.is_empty() {
        diagnostics.retain(|d| templates.binary_search(&d.path).is_err());
    }
    if !excluded.files.is_empty() {
        diagnostics.retain(|d| !excluded.contains(&d.path));
    }
    // A file left out that no load read (unreadable) is not listed.
    let names = &excluded.names;
    excluded
        .files
        .retain(|(path, _)| (names.binary_search_by(|n| n.path.as_str().cmp(path))).is_ok());
    phases.done("keep the notes");
    resolve::resolve_all(&mut notes, &excluded.names, &mut diagnostics);
    diagnostics::sort(&mut diagnostics);
    phases.done("resolve the links, sort the findings");
    Vault {
        origin,
        notes,
        diagnostics,
        templates,
        excluded,
    }
}

/// What resolution needs of a file left out: its path, title, id and
/// aliases; its text and links are dropped.
fn names_only(note: Note) -> Note {
    let fm = note.frontmatter;
    Note {
        frontmatter: super::Frontmatter {
            id: fm.id,
            aliases: fm.aliases,
            ..Default::default()
        },
        text: String::new(),
        body_offset: 0,
        links: Vec::new(),
        attachments: Vec::new(),
        ..note
    }
}

/// A file's text: without a byte order mark, empty for a binary file,
/// with invalid UTF-8 replaced; each repair is reported. Takes the bytes
/// read, so that valid text (nearly every note) becomes the note's text
/// where it lies: a copy of every note doubled the load's memory traffic.
fn decode(path: &str, mut bytes: Vec<u8>, diagnostics: &mut Vec<Diagnostic>) -> String {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    // A NUL byte near the start: an image or archive saved as `.md`.
    if bytes[..bytes.len().min(8192)].contains(&0) {
        diagnostics.push(Diagnostic::new(
            path,
            None,
            Severity::Warning,
            DiagnosticKind::File,
            "looks like a binary file, not text; loaded without its content",
        ));
        return String::new();
    }
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid_up_to = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            // The valid bytes before the first invalid one are the same in
            // the repaired text.
            let line = lines::line_of(&text, valid_up_to);
            diagnostics.push(Diagnostic::new(
                path,
                Some(line),
                Severity::Warning,
                DiagnosticKind::File,
                "file is not valid UTF-8; invalid bytes shown as \u{FFFD}",
            ));
            text
        }
    }
}

/// Decodes and parses one file: frontmatter, title and raw links.
pub(super) fn parse_note(path: String, bytes: Vec<u8>) -> (Note, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let text = decode(&path, bytes, &mut diagnostics);
    let split = frontmatter::split(&text);
    if split.unclosed {
        diagnostics.push(Diagnostic::new(
            &path,
            Some(1),
            Severity::Error,
            DiagnosticKind::Frontmatter,
            "frontmatter opened with `---` is never closed; read as body text",
        ));
    }
    let (fm, fm_strings) = match split.yaml {
        Some(yaml) => frontmatter::parse(yaml, split.yaml_first_line, &path, &mut diagnostics),
        None => Default::default(),
    };

    let lines = links::LineIndex::new(&text);
    let mut extracted = links::Extracted::default();
    links::extract_body(
        &text[split.body_offset..],
        split.body_offset,
        &lines,
        &mut extracted,
    );
    for fm_string in &fm_strings {
        // Only these characters open a link, an autolink or a level-one
        // heading (`#`, or `=` under a line): a string without them (most
        // values: ids, dates, statuses) would cost a Markdown parser each
        // and give nothing.
        if !fm_string.text.contains(['[', '<', '#', '=']) {
            continue;
        }
        let kind = links::section_kind(&fm_string.key.replace(['_', '-'], " "));
        let line_index = links::LineIndex::new("");
        let start = extracted.links.len();
        links::extract(
            &fm_string.text,
            0,
            &line_index,
            Some(LinkSyntax::Frontmatter),
            kind,
            &mut extracted,
        );
        for link in &mut extracted.links[start..] {
            link.line = fm_string.line;
        }
    }
    if extracted.truncated {
        diagnostics.push(Diagnostic::new(
            &path,
            None,
            Severity::Warning,
            DiagnosticKind::File,
            format!(
                "more than {} links; the first {0} are kept, the rest ignored",
                links::MAX_LINKS_PER_NOTE
            ),
        ));
    }

    let title = super::title::title_of(
        fm.title.as_deref(),
        &text,
        split.body_offset,
        extracted.first_h1.as_ref(),
        stem_of(&path),
    );
    let note = Note {
        title,
        has_frontmatter: split.yaml.is_some(),
        frontmatter: fm,
        body_offset: split.body_offset,
        text,
        links: extracted
            .links
            .into_iter()
            .map(|raw| Link {
                raw,
                target: Target::Missing(Box::default()),
            })
            .collect(),
        attachments: extracted.attachments,
        path,
    };
    (note, diagnostics)
}

#[cfg(test)]
mod tests {
    use crate::vault::tests::vault;
    use crate::vault::*;

    #[test]
    fn title_falls_back_to_a_first_line_heading_then_file_name() {
        let v = vault(&[
            ("a.md", "---\ntitle: From FM\n---\n# Heading\n"),
            ("b.md", "# B\n\nintro\n"),
            ("dir/c-note.md", "no heading\n\n# Section\n"),
        ]);
        let titles: Vec<_> = v.notes.iter().map(|n| n.title.as_str()).collect();
        assert_eq!(titles, ["From FM", "B", "c-note"]);
        assert!(v.notes[0].has_frontmatter);
        assert!(!v.notes[1].has_frontmatter);
    }

    #[test]
    fn bom_and_invalid_utf8_still_load() {
        let v = Vault::from_files(
            Origin::Embedded,
            vec![
                SourceFile {
                    path: "bom.md".into(),
                    bytes: b"\xEF\xBB\xBF---\nid: bom\n---\nx".to_vec(),
                },
                SourceFile {
                    path: "bad.md".into(),
                    bytes: b"ok\n\xFF\xFE [[bom]]".to_vec(),
                },
            ],
        );
        assert_eq!(v.notes[1].frontmatter.id.as_deref(), Some("bom"));
        assert!(matches!(v.notes[0].links[0].target, Target::Note(1)));
        assert_eq!(v.diagnostics.len(), 1);
        assert_eq!(v.diagnostics[0].path, "bad.md");
        assert_eq!(v.diagnostics[0].line, Some(2));
    }

    #[test]
    fn frontmatter_links_take_kind_from_key() {
        let v = vault(&[
            (
                "a.md",
                "---\nprerequisites: [\"[[b]]\"]\nsee: \"[[b]]\"\n---\n",
            ),
            ("b.md", ""),
        ]);
        let kinds: Vec<_> = v.notes[0]
            .links
            .iter()
            .map(|l| (l.raw.kind, l.raw.syntax, l.raw.line))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (EdgeKind::Prerequisite, LinkSyntax::Frontmatter, 2),
                (EdgeKind::Mention, LinkSyntax::Frontmatter, 3)
            ]
        );
    }
}
