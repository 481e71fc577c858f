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
