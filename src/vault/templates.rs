//! Templates are not notes: vaults keep note templates beside the notes,
//! and counting them gave duplicate ids (`<slug>`), placeholder statuses in
//! the filters and orphans that are no one's.
//!
//! A file is a template when it lies under a folder named `templates` or
//! `_templates` (any case, any depth), under the folder Obsidian's
//! `.obsidian/templates.json` names, is named like Dendron's
//! `templates.*.md`, or when its `id` or `title` is a placeholder (`<…>`,
//! or a value holding `{{…}}`).

use super::Note;

/// How templates are told apart, and whether to keep them as notes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TemplateRule {
    /// Load templates as notes after all (`--include-templates`).
    pub include: bool,
    /// The folder `.obsidian/templates.json` names, vault-relative.
    pub obsidian_folder: Option<String>,
}

impl TemplateRule {
    /// Whether `note` is a template under this rule.
    pub fn is_template(&self, note: &Note) -> bool {
        if self.include {
            return false;
        }
        let path = note.path.as_str();
        let in_templates_folder = (note.folder())
            .split('/')
            .any(|f| f.eq_ignore_ascii_case("templates") || f.eq_ignore_ascii_case("_templates"));
        let in_obsidian_folder = self.obsidian_folder.as_deref().is_some_and(|folder| {
            let folder = folder.trim_matches('/');
            !folder.is_empty() && path.starts_with(folder) && path[folder.len()..].starts_with('/')
        });
        // Dendron's templates are `templates.NAME.md`; a note whose name is
        // `Templates.md` is a page about templates, not one.
        let stem = super::stem_of(path);
        let dendron =
            (stem.as_bytes().get(..10)).is_some_and(|p| p.eq_ignore_ascii_case(b"templates."));
        let fm = &note.frontmatter;
        let placeholder = [fm.id.as_deref(), fm.title.as_deref()]
            .into_iter()
            .flatten()
            .any(is_placeholder);
        in_templates_folder || in_obsidian_folder || dendron || placeholder
    }
}

/// `<slug>`, `<title here>`, or any value holding `{{…}}` (Obsidian's and
/// Templater's `{{title}}`, `{{date}}`).
fn is_placeholder(value: &str) -> bool {
    let v = value.trim();
    let angle = v.len() > 2 && v.starts_with('<') && v.ends_with('>');
    let braces = v.find("{{").is_some_and(|i| v[i..].contains("}}"));
    angle || braces
}

/// The folder `.obsidian/templates.json` names (`{"folder": "Templates"}`),
/// from that file's text.
pub fn obsidian_templates_folder(json: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(json).ok()?;
    let folder = value.get("folder")?.as_str()?.trim().trim_matches('/');
    (!folder.is_empty()).then(|| folder.to_string())
}

/// The templates folder `.obsidian/templates.json` names, if any (a
/// settings file of a few bytes; a bigger one is not read).
pub(super) fn obsidian_folder_of(root: &std::path::Path) -> Option<String> {
    let path = root.join(".obsidian").join("templates.json");
    let meta = std::fs::metadata(&path).ok()?;
    if !meta.is_file() || meta.len() > 64 * 1024 {
        return None;
    }
    obsidian_templates_folder(&std::fs::read_to_string(path).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::{Origin, SourceFile, Vault};

    /// Every file as a note: the rule under test is applied by hand.
    fn vault(files: &[(&str, &str)]) -> Vault {
        let files = (files.iter())
            .map(|(path, text)| SourceFile {
                path: path.to_string(),
                bytes: text.as_bytes().to_vec(),
            })
            .collect();
        let keep_all = TemplateRule {
            include: true,
            obsidian_folder: None,
        };
        crate::vault::parse::parse_vault(
            Origin::Embedded,
            files,
            Vec::new(),
            &keep_all,
            Default::default(),
        )
    }

    #[test]
    fn templates_are_told_by_folder_name_dendron_name_and_placeholders() {
        let v = vault(&[
            ("Templates/daily.md", "# Daily\n"),
            ("notes/_templates/meeting.md", "# Meeting\n"),
            ("deep/a/TEMPLATES/b/x.md", "# X\n"),
            ("templates.daily.md", "# Dendron\n"),
            ("slug.md", "---\nid: <slug>\ntitle: Something\n---\n"),
            ("braces.md", "---\ntitle: \"{{title}}\"\n---\n"),
            ("mine/Tpl/t.md", "# In the folder Obsidian names\n"),
            ("notes/templates-guide.md", "# A note about templates\n"),
            ("notes/less.md", "---\ntitle: a < b > c\n---\n"),
            ("notes/real.md", "---\nid: real\ntitle: Real note\n---\n"),
            ("Plugins/Templates.md", "# Templates\n"),
            ("templates.md", "# About templates\n"),
        ]);
        let rule = TemplateRule {
            include: false,
            obsidian_folder: obsidian_templates_folder(r#"{"folder": "mine/Tpl/"}"#),
        };
        let templates: Vec<&str> = (v.notes.iter())
            .filter(|n| rule.is_template(n))
            .map(|n| n.path.as_str())
            .collect();
        assert_eq!(
            templates,
            [
                "Templates/daily.md",
                "braces.md",
                "deep/a/TEMPLATES/b/x.md",
                "mine/Tpl/t.md",
                "notes/_templates/meeting.md",
                "slug.md",
                "templates.daily.md",
            ]
        );
        let keep_all = TemplateRule {
            include: true,
            ..rule
        };
        assert!(v.notes.iter().all(|n| !keep_all.is_template(n)));
    }
}
