//! The invariants ARCHITECTURE.md states, checked on the source: a change
//! that breaks one fails here, not in a reader's head (rust-analyzer's
//! tidy tests). Test code (a `#[cfg(test)]` module at a file's end, and
//! `tests.rs` files) is left out: tests may write and print as they like.

use std::path::Path;

/// Every source file under `src/`, by path from `src/` with `/`, and its
/// code without comment lines and test modules.
fn sources() -> Vec<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") || path.ends_with("tests.rs") {
            continue;
        }
        let rel = path
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(path).unwrap();
        files.push((rel, without_tests(&text)));
    }
    assert!(files.len() > 50, "found only {} source files", files.len());
    files
}

/// `text` without comment lines and without the body of each
/// `#[cfg(test)]` item (counted by braces), wherever it sits.
fn without_tests(text: &str) -> String {
    let mut code = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line.trim_start().starts_with("//") {
            continue;
        }
        if line.trim() != "#[cfg(test)]" {
            code.push(line);
            continue;
        }
        // The item ends where its braces close, or at its `;` (`mod x;`).
        let (mut depth, mut opened) = (0i64, false);
        for item in lines.by_ref() {
            depth += item.matches('{').count() as i64 - item.matches('}').count() as i64;
            opened |= item.contains('{');
            let ended = if opened {
                depth <= 0
            } else {
                item.trim_end().ends_with(';')
            };
            if ended {
                break;
            }
        }
    }
    code.join("\n")
}

/// The files outside `allowed` (path prefixes) whose code holds any of
/// `needles`.
fn offenders(needles: &[&str], allowed: &[&str]) -> Vec<String> {
    (sources().into_iter())
        .filter(|(rel, _)| !allowed.iter().any(|a| rel.starts_with(a)))
        .filter_map(|(rel, code)| {
            let hit = needles.iter().find(|n| code.contains(*n))?;
            Some(format!("{rel}: {hit}"))
        })
        .collect()
}

#[test]
fn only_gui_names_the_window_crates() {
    let window = [
        "egui::",
        "use egui",
        "eframe",
        "egui_graphs",
        "egui_commonmark",
        "egui_extras",
        "rfd::",
    ];
    assert_eq!(offenders(&window, &["gui/"]), Vec::<String>::new());
}

#[test]
fn only_the_frontmatter_reader_names_serde_yaml() {
    let found = offenders(&["serde_yaml"], &["vault/frontmatter/"]);
    assert_eq!(found, Vec::<String>::new());
}

#[test]
fn only_output_rs_writes_files() {
    let writes = [
        "File::create",
        "OpenOptions",
        "fs::write",
        "NamedTempFile",
        "fs::rename",
        "fs::copy",
        "set_permissions",
    ];
    assert_eq!(offenders(&writes, &["output.rs"]), Vec::<String>::new());
}

#[test]
fn the_library_below_the_front_ends_never_prints() {
    let prints = ["println!", "eprintln!", "print!(", "eprint!(", "dbg!("];
    let found = offenders(&prints, &["cli/", "gui/", "main.rs"]);
    assert_eq!(found, Vec::<String>::new());
}

#[test]
fn only_the_action_table_spells_a_shortcut() {
    // Shortcut text comes from src/gui/actions.rs, beside the key itself:
    // one written out elsewhere drifts from its key, and says Ctrl on a
    // Mac, where the key is Cmd.
    let spelled = ["Ctrl+", "Cmd+", "Alt+"];
    let found = offenders(&spelled, &["gui/actions.rs"]);
    assert_eq!(found, Vec::<String>::new());
}

#[test]
fn only_the_line_index_counts_newlines() {
    // Byte offset to line number: `vault::lines` (`LineIndex`, `line_of`).
    let counts = [
        "matches('\\n')",
        "match_indices('\\n')",
        "== b'\\n'",
        "== '\\n'",
        ".lines().count()",
        "split('\\n').count()",
        "bytecount",
        "memchr_iter(b'\\n'",
    ];
    let found = offenders(&counts, &["vault/lines.rs"]);
    assert_eq!(found, Vec::<String>::new());
}

// ---- The vault is read in one place; the modules form layers. ----

/// Every `(file, needle)` pair: the source files under `src/` (test code
/// left out, as in `sources`) whose code holds each of `needles`.
fn hits(needles: &[&str]) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for (rel, code) in sources() {
        for needle in needles {
            if code.contains(needle) {
                found.push((rel.clone(), needle.to_string()));
            }
        }
    }
    found
}

/// Calls that read a file, list a folder or ask the filesystem about a
/// path, and `file://` addresses, which hand a path to a reader elsewhere.
const READS: [&str; 20] = [
    "fs::read(",
    "read_to_string",
    "File::open",
    "read_dir",
    "fs::metadata",
    "symlink_metadata",
    ".metadata()",
    "canonicalize",
    "read_link",
    ".exists()",
    "try_exists",
    ".is_file()",
    ".is_dir()",
    ".is_symlink()",
    "walkdir",
    "WalkDir",
    "load_system_fonts",
    "load_fonts_dir",
    "load_font_file",
    "file://",
];

/// Files outside `vault/` that may use some of `READS`: (path from `src/`,
/// the needles allowed there, why). `"*"` allows every needle.
const READERS_OUTSIDE_THE_VAULT: [(&str, &[&str], &str); 7] = [
    (
        "output.rs",
        &["canonicalize", "read_link", "fs::metadata", ".is_file()"],
        "a destination's checks before writing: its real path, whether it is \
         one of the vault's files, its kind and mode; no file's content is read",
    ),
    (
        "gui/fonts.rs",
        &["load_system_fonts"],
        "fontdb reads the system's fonts, not the vault",
    ),
    (
        "gui/markdown/mod.rs",
        &["file://"],
        "the image loader (egui_extras, through egui_commonmark) reads the \
         pictures at these addresses, each passed by vault::check_shown_file first",
    ),
    (
        "gui/app.rs",
        &[".is_dir()"],
        "whether the last vault in the settings is still a folder; \
         vault/ then loads it",
    ),
    (
        "gui/keys.rs",
        &[".is_dir()"],
        "whether a path dropped on the window is a folder (the vault to \
         open is it or its folder); vault/ then loads it",
    ),
    (
        "workspace/data.rs",
        &["*"],
        "notegraph's own data files under $XDG_DATA_HOME/notegraph \
         (recorded statuses per vault), not the vault's",
    ),
    (
        "workspace/views.rs",
        &["File::open"],
        "a view file the user names to import (`views import`, Views › \
         Import view…): read whole, at most a few MiB, as JSON; never a note",
    ),
];

#[test]
fn only_the_vault_module_reads_files() {
    let allowed = |rel: &str, needle: &str| {
        READERS_OUTSIDE_THE_VAULT
            .iter()
            .any(|(file, ok, _)| *file == rel && (ok.contains(&needle) || ok.contains(&"*")))
    };
    let found = hits(&READS);
    let outside: Vec<String> = (found.iter())
        .filter(|(rel, needle)| !rel.starts_with("vault/") && !allowed(rel, needle))
        .map(|(rel, needle)| format!("{rel}: {needle}"))
        .collect();
    assert_eq!(
        outside,
        Vec::<String>::new(),
        "only vault/ reads files; add a reader elsewhere to \
         READERS_OUTSIDE_THE_VAULT with its reason only if it reads no vault file"
    );
    // An exception whose file no longer reads is stale: remove it.
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for (file, ok, _) in READERS_OUTSIDE_THE_VAULT {
        if !src.join(file).exists() {
            continue; // workspace/ may not exist yet
        }
        for needle in ok.iter().filter(|n| **n != "*") {
            assert!(
                found.iter().any(|(rel, n)| rel == file && n == needle),
                "stale exception in READERS_OUTSIDE_THE_VAULT: {file} no longer uses {needle}"
            );
        }
    }
}

/// The top-level modules by level, bottom first. A module may name modules
/// on lower levels only (and those in `SIDEWAYS`): `cli` and `gui` never
/// name each other, and `analysis`, `layout` and `export` stay apart.
const LEVELS: [&[&str]; 6] = [
    &["diagnostics", "output"],
    &["vault"],
    &["graph", "palette"],
    &["analysis", "layout", "export"],
    &["workspace"],
    &["cli", "gui"],
];

/// Uses between two modules of one level, each allowed by name (none
/// today). Add one only where the two stay free of a cycle.
const SIDEWAYS: [(&str, &str); 0] = [];

fn level_of(module: &str) -> Option<usize> {
    LEVELS.iter().position(|level| level.contains(&module))
}

/// The top-level modules (and items `lib.rs` re-exports, by the module they
/// come from) that `code`, in the module at `path`, names through `crate::`
/// or `super::` paths.
fn named_modules(path: &[&str], code: &str, reexports: &[(String, String)]) -> Vec<String> {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut names = Vec::new();
    for start in code.match_indices("crate::").map(|(i, _)| i) {
        if code[..start].ends_with(|c: char| ident(c) || c == '$' || c == ':') {
            continue;
        }
        names.extend(path_heads(&code[start + "crate::".len()..]));
    }
    for start in code.match_indices("super::").map(|(i, _)| i) {
        if code[..start].ends_with(|c: char| ident(c) || c == ':') {
            continue; // the second `super::` of a chain, or `x_super::`
        }
        let mut rest = &code[start..];
        let mut base = path.to_vec();
        while let Some(after) = rest.strip_prefix("super::") {
            if base.pop().is_none() {
                break;
            }
            rest = after;
        }
        if base.is_empty() {
            names.extend(path_heads(rest));
        }
    }
    (names.into_iter())
        .map(|name| {
            (reexports.iter())
                .find(|(item, _)| *item == name)
                .map_or(name, |(_, module)| module.clone())
        })
        .collect()
}

/// The first segment of the path at the start of `rest`, or of each item of
/// a `{...}` group there.
fn path_heads(rest: &str) -> Vec<String> {
    let word = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let Some(group) = rest.strip_prefix('{') else {
        return vec![word(rest)];
    };
    let (mut depth, mut heads, mut item_start) = (1, Vec::new(), 0);
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 1 => {
                heads.push(word(&group[item_start..i]));
                break;
            }
            '}' => depth -= 1,
            ',' if depth == 1 => {
                heads.push(word(&group[item_start..i]));
                item_start = i + 1;
            }
            _ => {}
        }
    }
    heads.retain(|h| !h.is_empty());
    heads
}

/// The modules `lib.rs` declares, and each item it re-exports with the
/// module it comes from (`Vault` from `vault`).
fn crate_root() -> (Vec<String>, Vec<(String, String)>) {
    let lib =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    let (mut modules, mut reexports) = (Vec::new(), Vec::new());
    for line in lib.lines().map(str::trim) {
        let line = line.strip_prefix("pub ").unwrap_or(line);
        if let Some(name) = line.strip_prefix("mod ") {
            let mut name = name.split(|c: char| !(c.is_alphanumeric() || c == '_'));
            modules.push(name.next().unwrap().to_string());
        } else if let Some(path) = line.strip_prefix("use ") {
            let (module, items) = path.split_once("::").unwrap();
            let items = items
                .trim_end_matches(';')
                .trim_matches(|c| c == '{' || c == '}');
            for item in items.split(',').map(str::trim).filter(|i| !i.is_empty()) {
                let item = item.rsplit("::").next().unwrap();
                reexports.push((item.to_string(), module.to_string()));
            }
        }
    }
    (modules, reexports)
}

/// Every use of one top-level module by another: (user, used, a file of the
/// user that names it). `main.rs`, the binary, is left out.
fn module_uses() -> Vec<(String, String, String)> {
    let (modules, reexports) = crate_root();
    let mut uses: Vec<(String, String, String)> = Vec::new();
    for (rel, code) in sources() {
        if rel == "lib.rs" || rel == "main.rs" {
            continue;
        }
        let mut path: Vec<&str> = rel.trim_end_matches(".rs").split('/').collect();
        if path.last() == Some(&"mod") {
            path.pop();
        }
        let user = path[0].to_string();
        for used in named_modules(&path, &code, &reexports) {
            let known = modules.contains(&used) || level_of(&used).is_some();
            if used != user && known && !uses.iter().any(|(u, v, _)| *u == user && *v == used) {
                uses.push((user.clone(), used, rel.clone()));
            }
        }
    }
    uses.sort();
    uses
}

#[test]
fn no_module_names_a_module_above_it() {
    let (modules, _) = crate_root();
    let unplaced: Vec<&String> = modules.iter().filter(|m| level_of(m).is_none()).collect();
    assert!(
        unplaced.is_empty(),
        "modules lib.rs declares with no level in LEVELS: {unplaced:?}"
    );
    let uses = module_uses();
    assert!(
        uses.iter().any(|(u, v, _)| u == "graph" && v == "vault"),
        "the parser found no use of vault by graph: {uses:?}"
    );
    let upward: Vec<String> = (uses.iter())
        .filter(|(user, used, _)| {
            let (from, to) = (level_of(user).unwrap(), level_of(used).unwrap());
            to > from || (to == from && !SIDEWAYS.contains(&(user.as_str(), used.as_str())))
        })
        .map(|(user, used, file)| format!("{user} -> {used} ({file})"))
        .collect();
    assert_eq!(
        upward,
        Vec::<String>::new(),
        "a module names one on its own level or above (see LEVELS in tests/tidy.rs \
         and the code map in ARCHITECTURE.md)"
    );
}

#[test]
fn the_top_level_modules_have_no_cycle() {
    let uses = module_uses();
    // Depth-first search from every module; a module met again while still
    // on the path closes a cycle.
    fn visit(
        module: &str,
        uses: &[(String, String, String)],
        path: &mut Vec<String>,
        done: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|m| m == module) {
            let mut cycle = path[at..].to_vec();
            cycle.push(module.to_string());
            return Some(cycle);
        }
        if done.iter().any(|m| m == module) {
            return None;
        }
        path.push(module.to_string());
        for (_, used, _) in uses.iter().filter(|(u, _, _)| u == module) {
            if let Some(cycle) = visit(used, uses, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.push(module.to_string());
        None
    }
    let mut done = Vec::new();
    for (user, _, _) in &uses {
        if let Some(cycle) = visit(user, &uses, &mut Vec::new(), &mut done) {
            let files: Vec<String> = (cycle.windows(2))
                .filter_map(|w| uses.iter().find(|(u, v, _)| *u == w[0] && *v == w[1]))
                .map(|(u, v, file)| format!("{u} -> {v} in {file}"))
                .collect();
            panic!("module cycle {}: {files:?}", cycle.join(" -> "));
        }
    }
}

/// Files a reader can hold in their head.
const MAX_LINES: usize = 500;

#[test]
fn no_source_file_is_longer_than_500_lines() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut long = Vec::new();
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let lines = std::fs::read_to_string(entry.path())
            .unwrap()
            .lines()
            .count();
        if lines > MAX_LINES {
            let rel = entry.path().strip_prefix(&src).unwrap().display();
            long.push(format!("{rel}: {lines} lines"));
        }
    }
    assert_eq!(
        long,
        Vec::<String>::new(),
        "split these files (at most {MAX_LINES} lines each)"
    );
}

#[test]
fn no_type_has_its_methods_in_more_than_two_files() {
    // A reader finds a type's methods in one file, or two (a view and its
    // drawing, a model and its edits): `impl App` in five files had made
    // "what can change the window's state" a search.
    let mut files_of: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for (rel, code) in sources() {
        for line in code.lines() {
            let Some(rest) = line.strip_prefix("impl") else {
                continue;
            };
            // `impl<T> Name<T> {`, `impl Name {`; trait impls (`for`) may
            // sit beside whatever needs them.
            let rest = rest.trim_start();
            let rest = if rest.starts_with('<') {
                rest.split_once('>').map_or("", |(_, r)| r).trim_start()
            } else {
                rest
            };
            if rest.contains(" for ") || !line.trim_end().ends_with('{') {
                continue;
            }
            let name: String = (rest.chars())
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let files = files_of.entry(name).or_default();
            if !files.contains(&rel) {
                files.push(rel.clone());
            }
        }
    }
    let spread: Vec<String> = (files_of.into_iter())
        .filter(|(_, files)| files.len() > 2)
        .map(|(name, files)| format!("{name}: {}", files.join(", ")))
        .collect();
    assert_eq!(
        spread,
        Vec::<String>::new(),
        "methods in more than two files"
    );
}
