//! Files present but left out: Obsidian's "Excluded files" and, when asked
//! (`--gitignore`), the vault's `.gitignore`.
//!
//! Obsidian keeps its list in `.obsidian/app.json` as `userIgnoreFilters`:
//! an entry written `/…/` is a regular expression searched for anywhere in
//! the vault-relative path (JavaScript's `RegExp.test`, unanchored), any
//! other entry a prefix the path starts with (`Daily/` leaves out the
//! folder, `Daily` also `Daily notes/`), case and all. `.gitignore` is the
//! one at the vault's root, read by git's rules (the `ignore` crate).
//!
//! A file left out is still read, for its names: a link to it resolves
//! without a finding (the file exists), and leads to no node. It is not a
//! note: not in the graph, search, plans or counts. A rule that cannot be
//! read is a finding on its settings file, with its line, never a failure.

use super::Note;
use crate::diagnostics::{Diagnostic, DiagnosticKind, Severity};
use std::path::Path;

/// Where Obsidian keeps the excluded files, and what `check` calls the
/// rules of the vault's `.gitignore`.
pub const APP_JSON: &str = ".obsidian/app.json";
pub const GITIGNORE: &str = ".gitignore";

/// Settings files larger than this are not read (a vault's settings file
/// is a few kilobytes; a bigger one is not Obsidian's).
const MAX_SETTINGS_BYTES: u64 = 1024 * 1024;
/// Excluded-file entries read; the rest are ignored, with a finding.
const MAX_FILTERS: usize = 1000;
/// The most memory one `/regex/` may compile to: a pathological pattern
/// is refused, with a finding, instead of slowing every load.
const MAX_REGEX_BYTES: usize = 1024 * 1024;

enum Matcher {
    Prefix(String),
    Pattern(regex::Regex),
}

/// The rules a load leaves files out by.
#[derive(Default)]
pub struct ExcludeRules {
    /// `userIgnoreFilters`, each with the entry as written.
    filters: Vec<(String, Matcher)>,
    gitignore: Option<ignore::gitignore::Gitignore>,
}

/// What a load left out, and by which rule.
#[derive(Debug, Clone, Default)]
pub struct Excluded {
    /// Each rule as `check` names it: the entries of `userIgnoreFilters`
    /// as written, then `.gitignore` when it was read.
    pub rules: Vec<String>,
    /// The files left out, by path, sorted, each with its rule's index.
    pub files: Vec<(String, usize)>,
    /// Their names for resolution, in the order of `files`: path, title,
    /// id and aliases, without text or links.
    pub names: Vec<Note>,
    /// Whether the vault has a `.gitignore` at its root, read or not: the
    /// window offers its switch only then.
    pub has_gitignore: bool,
}

impl Excluded {
    /// Files left out per rule, in the rules' order, rules that left out
    /// nothing skipped.
    pub fn by_rule(&self) -> Vec<(&str, usize)> {
        let mut counts = vec![0usize; self.rules.len()];
        for (_, rule) in &self.files {
            counts[*rule] += 1;
        }
        (self.rules.iter().zip(counts))
            .filter(|(_, n)| *n > 0)
            .map(|(rule, n)| (rule.as_str(), n))
            .collect()
    }

    /// Whether the file at `path` was left out.
    pub fn contains(&self, path: &str) -> bool {
        (self.files)
            .binary_search_by(|(p, _)| p.as_str().cmp(path))
            .is_ok()
    }
}

impl ExcludeRules {
    /// Reads the vault's rules: `userIgnoreFilters`, and its `.gitignore`
    /// when `gitignore`. What cannot be read becomes a finding.
    pub fn read(root: &Path, gitignore: bool, diagnostics: &mut Vec<Diagnostic>) -> ExcludeRules {
        let mut rules = ExcludeRules::default();
        if let Some(text) = read_settings(&root.join(".obsidian").join("app.json")) {
            rules.filters = obsidian_filters(&text, diagnostics);
        }
        if gitignore {
            if let Some(text) = read_settings(&root.join(GITIGNORE)) {
                rules.gitignore = Some(gitignore_rules(root, &text, diagnostics));
            }
        }
        rules
    }

    /// The rules' names, as `Excluded::rules` lists them.
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.filters.iter().map(|(e, _)| e.clone()).collect();
        if self.gitignore.is_some() {
            names.push(GITIGNORE.to_string());
        }
        names
    }

    /// The first rule that leaves out the file at `path` (vault-relative,
    /// `/` separators), by its index in `names`.
    pub fn rule_for(&self, path: &str) -> Option<usize> {
        let filter = self.filters.iter().position(|(_, m)| match m {
            Matcher::Prefix(prefix) => path.starts_with(prefix.as_str()),
            Matcher::Pattern(re) => re.is_match(path),
        });
        filter.or_else(|| {
            let ignored = (self.gitignore.as_ref())
                .is_some_and(|g| g.matched_path_or_any_parents(path, false).is_ignore());
            ignored.then_some(self.filters.len())
        })
    }

    pub fn is_empty(&self) -> bool {
        self.filters.is_empty() && self.gitignore.is_none()
    }
}

/// A small settings file's text; a missing, unreadable or oversized one
/// gives nothing (it is not the user's note).
fn read_settings(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_SETTINGS_BYTES {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

fn finding(path: &str, line: Option<u32>, message: String) -> Diagnostic {
    Diagnostic::new(path, line, Severity::Warning, DiagnosticKind::File, message)
}

/// The entries of `userIgnoreFilters` in `app.json`'s text, each made a
/// matcher; an entry that cannot be one is a finding at its line.
fn obsidian_filters(text: &str, diagnostics: &mut Vec<Diagnostic>) -> Vec<(String, Matcher)> {
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(e) => {
            let line = u32::try_from(e.line()).ok().filter(|&l| l > 0);
            let message = format!("cannot read the excluded files: {e}");
            diagnostics.push(finding(APP_JSON, line, message));
            return Vec::new();
        }
    };
    let Some(entries) = value.get("userIgnoreFilters").and_then(|v| v.as_array()) else {
        return Vec::new();
    };
    if entries.len() > MAX_FILTERS {
        let message = format!(
            "{} excluded-file entries; the first {MAX_FILTERS} are used",
            entries.len()
        );
        diagnostics.push(finding(APP_JSON, None, message));
    }
    let mut out = Vec::new();
    for entry in entries.iter().take(MAX_FILTERS).filter_map(|e| e.as_str()) {
        if entry.is_empty() {
            continue;
        }
        match matcher(entry) {
            Ok(m) => out.push((entry.to_string(), m)),
            Err(why) => {
                let line = line_of_entry(text, entry);
                let message = format!("excluded files: `{entry}` is left unused: {why}");
                diagnostics.push(finding(APP_JSON, line, message));
            }
        }
    }
    out
}

/// `/…/` as a regular expression, anything else as a prefix.
fn matcher(entry: &str) -> Result<Matcher, String> {
    let pattern = (entry.len() >= 2 && entry.starts_with('/') && entry.ends_with('/'))
        .then(|| &entry[1..entry.len() - 1]);
    let Some(pattern) = pattern else {
        return Ok(Matcher::Prefix(entry.to_string()));
    };
    regex::RegexBuilder::new(pattern)
        .size_limit(MAX_REGEX_BYTES)
        .build()
        .map(Matcher::Pattern)
        .map_err(|e| match e {
            regex::Error::CompiledTooBig(_) => "the regular expression is too large".to_string(),
            // The syntax error spans lines, with a pointer under the fault.
            other => other
                .to_string()
                .lines()
                .last()
                .unwrap_or("")
                .trim()
                .to_string(),
        })
}

/// The line of `text` where `entry` is written, as JSON writes it.
fn line_of_entry(text: &str, entry: &str) -> Option<u32> {
    let quoted = serde_json::to_string(entry).ok()?;
    let at = text.find(&quoted)?;
    Some(super::lines::line_of(text, at))
}

/// The root `.gitignore`'s rules; a line git would refuse is a finding.
fn gitignore_rules(
    root: &Path,
    text: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> ignore::gitignore::Gitignore {
    let mut builder = ignore::gitignore::GitignoreBuilder::new(root);
    for (n, line) in text.lines().enumerate() {
        if let Err(e) = builder.add_line(None, line) {
            let line = u32::try_from(n + 1).ok();
            diagnostics.push(finding(GITIGNORE, line, format!("line left unused: {e}")));
        }
    }
    builder.build().unwrap_or_else(|e| {
        diagnostics.push(finding(GITIGNORE, None, format!("cannot be used: {e}")));
        ignore::gitignore::Gitignore::empty()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(app_json: &str) -> (ExcludeRules, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let filters = obsidian_filters(app_json, &mut diagnostics);
        let rules = ExcludeRules {
            filters,
            gitignore: None,
        };
        (rules, diagnostics)
    }

    #[test]
    fn prefixes_match_path_starts_and_regexes_anywhere() {
        let (rules, found) = rules(
            r#"{
  "userIgnoreFilters": [
    "Daily/",
    "/\\.excalidraw/"
  ]
}"#,
        );
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(rules.names(), ["Daily/", "/\\.excalidraw/"]);
        assert_eq!(rules.rule_for("Daily/2024-01-01.md"), Some(0));
        assert_eq!(rules.rule_for("notes/Daily/x.md"), None);
        assert_eq!(rules.rule_for("daily/x.md"), None);
        assert_eq!(rules.rule_for("art/Drawing.excalidraw.md"), Some(1));
        assert_eq!(rules.rule_for("Daily/Drawing.excalidraw.md"), Some(0));
        assert_eq!(rules.rule_for("notes/plain.md"), None);
    }

    #[test]
    fn a_bad_regex_is_a_finding_at_its_line_and_the_rest_still_apply() {
        let (rules, found) = rules(
            "{\n  \"userIgnoreFilters\": [\n    \"/(unclosed/\",\n    \"/((a{1000}){1000}){1000}/\",\n    \"Archive/\"\n  ]\n}",
        );
        assert_eq!(rules.names(), ["Archive/"]);
        let lines: Vec<_> = found.iter().map(|d| (d.path.as_str(), d.line)).collect();
        assert_eq!(lines, [(APP_JSON, Some(3)), (APP_JSON, Some(4))]);
        assert!(found[1].message.contains("too large"), "{found:?}");
        let (none, found) = super::tests::rules("{ not json");
        assert!(none.is_empty());
        assert_eq!(found[0].line, Some(1));
    }

    #[test]
    fn gitignore_follows_git_rules_and_comes_after_the_filters() {
        let dir = tempfile::tempdir().unwrap();
        let mut found = Vec::new();
        let git = gitignore_rules(
            dir.path(),
            "# build output\nbuild/\n*.draft.md\n!keep.draft.md\n",
            &mut found,
        );
        let rules = ExcludeRules {
            filters: vec![("build/a".into(), Matcher::Prefix("build/a".into()))],
            gitignore: Some(git),
        };
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(rules.names(), ["build/a", GITIGNORE]);
        assert_eq!(rules.rule_for("build/a.md"), Some(0));
        assert_eq!(rules.rule_for("build/deep/b.md"), Some(1));
        assert_eq!(rules.rule_for("x/y.draft.md"), Some(1));
        assert_eq!(rules.rule_for("keep.draft.md"), None);
        assert_eq!(rules.rule_for("notes/build.md"), None);
    }

    /// A link to a file left out resolves to it, by path or alias, with no
    /// finding; the file's own links and findings count for no one; and a
    /// note edited in place resolves as a load does.
    #[test]
    fn links_to_a_file_left_out_resolve_to_it() {
        use crate::vault::{Origin, SourceFile, Target, TemplateRule};
        let files = [
            ("a.md", "[[Diary]] [[d]] [[b]] [[gone]]\n"),
            (
                "Daily/d.md",
                "---\naliases: [Diary]\n---\n[[a]] [[nowhere]]\n",
            ),
            ("b.md", "# B\n"),
        ];
        let files = (files.iter())
            .map(|(path, text)| SourceFile {
                path: path.to_string(),
                bytes: text.as_bytes().to_vec(),
            })
            .collect();
        let excluded = Excluded {
            rules: vec!["Daily/".into()],
            files: vec![("Daily/d.md".into(), 0)],
            ..Excluded::default()
        };
        let rule = TemplateRule::default();
        let parse = super::super::parse::parse_vault;
        let mut v = parse(Origin::Embedded, files, Vec::new(), &rule, excluded);
        let paths: Vec<&str> = v.notes.iter().map(|n| n.path.as_str()).collect();
        assert_eq!(paths, ["a.md", "b.md"]);
        assert_eq!(v.excluded.names[0].title, "d");
        assert_eq!(v.excluded.by_rule(), [("Daily/", 1)]);
        let targets = |v: &crate::vault::Vault| -> Vec<Target> {
            v.notes[0].links.iter().map(|l| l.target.clone()).collect()
        };
        let expected = [
            Target::Excluded(0),
            Target::Excluded(0),
            Target::Note(1),
            Target::Missing("gone".into()),
        ];
        assert_eq!(targets(&v), expected);
        let found: Vec<&str> = v.diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(found, ["unresolved link `gone`: no such note"]);
        assert!(v.replace_text(0, "[[Diary]] [[d]] [[b]] [[gone]]\n\nmore\n"));
        assert_eq!(targets(&v), expected);
    }
}
