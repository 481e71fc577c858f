//! `export --format html`, through the real binary, checked on the file
//! it writes: one page that runs nothing of a note's (one `<script>`
//! element, ours, allowed by its hash in a Content-Security-Policy that
//! fetches nothing), with the plan and progress when asked.

use serde_json::Value;
use std::path::Path;

mod common;

use common::{notegraph, write};

/// Exports `vault` as HTML with `extra` arguments; returns the page.
fn export(vault: &Path, extra: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("map.html");
    let mut args = vec!["export", vault.to_str().unwrap(), "--format", "html", "-o"];
    args.push(file.to_str().unwrap());
    args.extend(extra);
    let out = notegraph(&args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read_to_string(&file).unwrap()
}

/// The data the page's script starts with.
fn data(page: &str) -> Value {
    let start = page.find("const NG = ").unwrap() + "const NG = ".len();
    let end = page[start..].find('\n').unwrap() + start;
    serde_json::from_str(page[start..end].trim_end_matches(';')).unwrap()
}

fn hostile_vault() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "evil.md",
        "---\ntitle: \"Bad </script><script>alert('t')</script>\"\n---\n\
         <script>alert('s')</script>\n\n<img src=x onerror=alert('i')>\n\n\
         [x](javascript:alert('j')) and [[plain]]\n",
    );
    write(dir.path(), "plain.md", "# Plain\n\nNothing here.\n");
    dir
}

#[test]
fn a_hostile_note_is_only_ever_text() {
    let vault = hostile_vault();
    let page = export(vault.path(), &[]);
    let lower = page.to_ascii_lowercase();
    assert_eq!(lower.matches("<script").count(), 1, "exactly one <script>");
    assert_eq!(lower.matches("</script").count(), 1);
    assert!(page.find("<script>").unwrap() > page.find("</style>").unwrap());
    assert!(lower.contains(
        "<meta http-equiv=\"content-security-policy\" content=\"default-src 'none'; script-src 'sha256-"
    ));
    assert!(lower.contains("img-src data:;"));
    assert!(!lower.contains("javascript:"));
    assert!(!lower.contains("<img src"), "the note's <img> stays text");
    let doc = data(&page);
    let html = doc["html"][0].as_str().unwrap();
    assert!(
        html.contains("&lt;script&gt;alert(&#39;s&#39;)&lt;/script&gt;"),
        "{html}"
    );
    assert!(
        html.contains("&lt;img src=x onerror=alert(&#39;i&#39;)&gt;"),
        "{html}"
    );
    assert!(
        html.contains("<a class=\"note\" href=\"#n1\">plain</a>"),
        "{html}"
    );
    assert_eq!(doc["title"][0], "Bad </script><script>alert('t')</script>");
    // In the page the title is JSON with `<` escaped, and HTML-escaped in
    // the page's <title>.
    assert!(page.contains("Bad \\u003c/script\\u003e"));
    assert!(page.contains(" — notegraph map</title>"));
}

#[test]
fn the_plan_and_progress_go_into_the_map() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample-vault");
    let page = export(&sample, &["--plan", "raft", "--progress"]);
    let doc = data(&page);
    let path = |i: &Value| doc["path"][i.as_u64().unwrap() as usize].clone();
    let steps = doc["plan"]["steps"].as_array().unwrap();
    assert_eq!(path(&steps.last().unwrap()[0]), "databases/raft.md");
    assert_eq!(steps.len(), 5, "as `order raft` lists");
    assert_eq!(path(&doc["plan"]["targets"][0]), "databases/raft.md");
    let learned = doc["learned"].as_array().unwrap();
    assert!(!learned.is_empty());
    // Every node is placed by notegraph's layout.
    assert!(doc["pos"].as_array().unwrap().iter().all(|v| v.is_number()));
    assert_eq!(doc["legend"]["by"], "status");
}

#[test]
fn plan_and_progress_are_only_for_html_and_name_notes() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample-vault");
    let s = sample.to_str().unwrap();
    let out = notegraph(&["export", s, "--format", "json", "--progress"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--format html"));
    let out = notegraph(&["export", s, "--format", "html", "--plan", "no such note"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_thousand_notes_make_a_page_under_three_megabytes() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..1000 {
        let body = format!(
            "---\nstatus: {}\ntags: [t{}]\n---\n# Note {i}\n\nSome text about note {i}, \
             with a link to [[n{}]] and [[n{}]].\n\n## Prerequisites\n- [[n{}]]\n",
            ["todo", "learning", "mastered"][i % 3],
            i % 7,
            (i * 7 + 1) % 1000,
            (i * 13 + 5) % 1000,
            i / 2
        );
        write(dir.path(), &format!("n{i}.md"), body);
    }
    let page = export(dir.path(), &[]);
    assert!(page.len() < 3_000_000, "{} bytes", page.len());
    assert_eq!(data(&page)["notes"], 1000);
}
