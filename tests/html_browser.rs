//! The HTML map in a real browser: headless Chromium opens the exported
//! sample vault at `#selftest`, where the page's own self-test counts the
//! nodes drawn, types a word in the search box, clicks the first node and
//! writes what it saw into the DOM, which `--dump-dom` prints. And a
//! hostile note, opened in the panel, is text in the DOM, never elements.
//!
//! Skips without `/usr/bin/chromium` (or `NOTEGRAPH_CHROMIUM`), and fails
//! then when `NOTEGRAPH_REQUIRE_CHROMIUM=1` (as `.ci/run` sets, having
//! installed Debian's `chromium`).

#[path = "support/browser.rs"]
mod browser;

use browser::{selftest_result, Opening};
use std::path::{Path, PathBuf};

mod common;

use common::{notegraph, write};

fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("NOTEGRAPH_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if path.exists() {
        return Some(path);
    }
    if std::env::var_os("NOTEGRAPH_REQUIRE_CHROMIUM").is_some_and(|v| v == "1") {
        panic!(
            "NOTEGRAPH_REQUIRE_CHROMIUM=1 but {} is missing",
            path.display()
        );
    }
    eprintln!("skipped: no {} to open the map in", path.display());
    None
}

/// As the test opens a page: a virtual clock, so that the self-test's
/// timers run at once.
const OPENING: Opening = Opening {
    window: (1200, 800),
    virtual_time_ms: Some(5000),
};

fn dump_dom(browser: &Path, page: &Path, fragment: &str) -> String {
    browser::dump_dom(browser, page, fragment, &OPENING)
}

fn export(vault: &Path, file: &Path) {
    let out = notegraph(&[
        "export",
        vault.to_str().unwrap(),
        "--format",
        "html",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_map_draws_searches_and_opens_a_note_in_chromium() {
    let Some(browser) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("map.html");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample-vault");
    export(&sample, &page);
    let dom = dump_dom(&browser, &page, "selftest");
    let result = selftest_result(&dom);
    let count = |key: &str| {
        result[key]
            .as_u64()
            .unwrap_or_else(|| panic!("{key}: {result}"))
    };
    assert_eq!(count("nodes"), 37, "{result}");
    assert_eq!(count("drawn"), 37, "every node drawn: {result}");
    assert!(count("labels") > 10, "{result}");
    let matched = count("matched");
    assert!(matched > 0 && matched < 37, "the search narrows: {result}");
    assert!(!result["clicked"].as_str().unwrap().is_empty());
    assert_eq!(result["shown_title"], result["clicked"], "{result}");
    assert!(
        count("body_chars") > 100,
        "the note's text is shown: {result}"
    );
    assert_eq!(count("scripts"), 1, "{result}");
}

#[test]
fn a_hostile_note_is_text_in_the_browser() {
    let Some(browser) = chromium() else { return };
    let vault = tempfile::tempdir().unwrap();
    write(
        vault.path(),
        "evil.md",
        "# Evil\n\n<script>document.title='ran'</script>\n\n\
         <img src=x onerror=\"document.title='ran'\">\n\n[x](javascript:void(0))\n",
    );
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("map.html");
    export(vault.path(), &page);
    let dom = dump_dom(&browser, &page, "n0");
    let start = dom.find("<div id=\"note-body\"").expect("the note panel");
    let body = &dom[start..start + dom[start..].find("</div>").unwrap()];
    assert!(body.contains("&lt;script&gt;document.title="), "{body}");
    assert!(body.contains("&lt;img src=x onerror="), "{body}");
    assert!(
        !body.contains("<script") && !body.contains("<img"),
        "{body}"
    );
    assert!(!body.contains("javascript"), "{body}");
    assert!(!dom.contains("<title>ran</title>"), "a note's script ran");
    assert_eq!(dom.matches("<script").count(), 1);
}
