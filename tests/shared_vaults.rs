//! The frontmatter fast path against serde_yaml on the real vaults in
//! `../shared/vaults`, where the checkout has them beside it. Without the
//! folder the test says so and passes, unless `NOTEGRAPH_REQUIRE_SHARED`
//! is set (CI sets it where the folder is there): then a moved folder fails
//! it instead of letting it pass having compared nothing.

use notegraph::vault::frontmatter;
use std::path::Path;

#[test]
fn fast_path_agrees_on_the_shared_real_vaults() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/vaults");
    let required = std::env::var_os("NOTEGRAPH_REQUIRE_SHARED").is_some();
    if !root.is_dir() {
        assert!(
            !required,
            "NOTEGRAPH_REQUIRE_SHARED is set but {} is missing",
            root.display()
        );
        eprintln!(
            "skipped: no {} (set NOTEGRAPH_REQUIRE_SHARED=1 to make this a failure)",
            root.display()
        );
        return;
    }
    let (mut checked, mut fast, mut differ) = (0, 0, Vec::new());
    let files = walkdir::WalkDir::new(&root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file());
    for entry in files {
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        let Some(yaml) = frontmatter::split(&text).yaml else {
            continue;
        };
        checked += 1;
        match frontmatter::fast_path_matches_serde_yaml(yaml) {
            Some(true) => fast += 1,
            Some(false) => differ.push(entry.path().display().to_string()),
            None => {}
        }
    }
    assert_eq!(
        differ,
        Vec::<String>::new(),
        "the fast path reads these frontmatter blocks differently from serde_yaml"
    );
    assert!(
        checked > 0 || !required,
        "no frontmatter found under {}",
        root.display()
    );
    eprintln!("compared {checked} frontmatter blocks, {fast} read by the fast path");
}

#[test]
fn the_quiet_start_reads_the_shared_real_vaults_as_the_parser_does() {
    use notegraph::vault::links;
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/vaults");
    if !root.is_dir() {
        assert!(std::env::var_os("NOTEGRAPH_REQUIRE_SHARED").is_none());
        eprintln!("skipped: no {}", root.display());
        return;
    }
    let (mut compared, mut differ) = (0, Vec::new());
    let files = walkdir::WalkDir::new(&root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"));
    for entry in files {
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        let body = &text[frontmatter::split(&text).body_offset..];
        let lines = links::LineIndex::new(body);
        let (mut quick, mut parsed) = (links::Extracted::default(), links::Extracted::default());
        links::extract_body(body, 0, &lines, &mut quick);
        links::extract_body_by_parser(body, 0, &lines, &mut parsed);
        compared += 1;
        if quick != parsed {
            differ.push(entry.path().display().to_string());
        }
    }
    assert_eq!(differ, Vec::<String>::new(), "read differently by lines");
    assert!(
        compared > 100,
        "only {compared} notes under {}",
        root.display()
    );
}
