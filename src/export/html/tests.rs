use super::*;
use crate::vault::tests::vault;
use serde_json::Value;

/// The page for `files`, with every note placed.
fn page_of(v: &Vault, map: &Map) -> String {
    let g = NoteGraph::build(v);
    let nodes = g.note_nodes.len() + g.ghost_nodes.len();
    let extras = Extras {
        positions: Some((0..nodes).map(|i| [i as f32 * 10.0, 0.0]).collect()),
        ..Extras::default()
    };
    let mut out = Vec::new();
    write_html(v, &g, &extras, map, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// The one script element's text.
fn script_of(page: &str) -> &str {
    let start = page.find("<script>").expect("a script") + "<script>".len();
    let end = page[start..].find("</script>").expect("closed") + start;
    &page[start..end]
}

/// The data the page embeds.
fn data_of(page: &str) -> Value {
    let script = script_of(page);
    let start = script.find("const NG = ").unwrap() + "const NG = ".len();
    let end = script[start..].find('\n').unwrap() + start;
    serde_json::from_str(script[start..end].trim_end_matches(';')).expect("JSON data")
}

fn hostile() -> Vault {
    vault(&[
        (
            "evil.md",
            "---\ntitle: \"Evil </script><script>alert(4)</script>\"\n---\n\
             # Evil\n\n<script>alert(1)</script>\n\nText <img src=x onerror=alert(2)> here.\n\n\
             [x](javascript:alert(3)) [y](JAVASCRIPT:alert(5)) [z]( javascript:alert(6))\n\n\
             [ok](https://example.org/?a=1&b=2) [mail](mailto:a@b.org) [[good]] [[gone]]\n\n\
             ![pic](https://example.org/p.png) ![data](data:image/svg+xml;base64,PHN2Zz4=)\n\n\
             <div onclick=\"alert(8)\">block</div>\n",
        ),
        ("good.md", "# Good\n\nFine.\n"),
    ])
}

#[test]
fn nothing_in_a_note_runs_in_the_page() {
    let page = page_of(&hostile(), &Map::plain(&hostile()));
    let lower = page.to_lowercase();
    // Exactly one script element, ours, closed once.
    assert_eq!(lower.matches("<script").count(), 1, "one <script>");
    assert_eq!(lower.matches("</script").count(), 1, "one </script>");
    let script = script_of(&page);
    assert!(script.starts_with("\"use strict\";\nconst NG = "));
    for needle in ["</", "<!--", "<script"] {
        assert!(!script.contains(needle), "{needle} in the script");
    }
    // No `javascript:` address survives, even as text of a link.
    assert!(!lower.contains("javascript:"), "javascript: in the page");
    let data = data_of(&page);
    let html = data["html"][0].as_str().unwrap();
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert!(
        html.contains("&lt;img src=x onerror=alert(2)&gt;"),
        "{html}"
    );
    assert!(
        html.contains("&lt;div onclick=&quot;alert(8)&quot;&gt;"),
        "{html}"
    );
    assert!(!html.contains("<script") && !html.contains("<img src") && !html.contains("<div"));
    assert!(!html.to_lowercase().contains("javascript"), "{html}");
    assert!(
        !html.contains("data:image"),
        "a data: picture is not carried: {html}"
    );
    assert_eq!(data["title"][0], "Evil </script><script>alert(4)</script>");
    assert!(page.contains("Evil \\u003c/script\\u003e\\u003cscript\\u003ealert(4)"));
}

#[test]
fn only_web_mail_and_in_page_links_survive() {
    let v = hostile();
    let html = data_of(&page_of(&v, &Map::plain(&v)))["html"][0]
        .as_str()
        .unwrap()
        .to_string();
    let hrefs: Vec<&str> = (html.split("href=\"").skip(1))
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    assert_eq!(
        hrefs,
        [
            "https://example.org/?a=1&amp;b=2",
            "mailto:a@b.org",
            "#n1",
            "#n2",
            "https://example.org/p.png"
        ],
        "{html}"
    );
    assert!(html.contains("<span class=\"dead\""), "{html}");
    // A remote picture is a link, never loaded.
    assert!(!html.contains("<img"), "{html}");
}

#[test]
fn the_policy_allows_only_the_pages_own_script_and_style() {
    let v = hostile();
    let page = page_of(&v, &Map::plain(&v));
    let meta = page
        .lines()
        .find(|l| l.contains("Content-Security-Policy"))
        .expect("a CSP meta");
    let script_hash = page::csp_hash(script_of(&page));
    let style_start = page.find("<style>").unwrap() + "<style>".len();
    let style_end = page.find("</style>").unwrap();
    let style_hash = page::csp_hash(&page[style_start..style_end]);
    assert!(meta.contains("default-src 'none'"), "{meta}");
    assert!(
        meta.contains(&format!("script-src {script_hash};")),
        "{meta}"
    );
    assert!(meta.contains(&format!("style-src {style_hash};")), "{meta}");
    assert!(meta.contains("img-src data:;"), "{meta}");
    assert!(!meta.contains("unsafe"), "{meta}");
    assert_eq!(page.matches("<style").count(), 1);
    assert!(!page.contains("http://") || page.contains("https://example.org"));
    // Nothing of ours names an address to fetch.
    for part in page::SCRIPTS {
        for needle in [
            "http:",
            "https:",
            "fetch(",
            "XMLHttpRequest",
            "WebSocket",
            "import(",
        ] {
            assert!(!part.contains(needle), "{needle} in our script");
        }
    }
}

#[test]
fn the_data_holds_places_colours_links_and_the_plan() {
    let v = vault(&[
        (
            "a.md",
            "---\nstatus: mastered\n---\n# A\n### Prerequisites\n- [[b]]\n",
        ),
        ("b.md", "---\nstatus: todo\n---\n# B\n"),
        ("c.md", "---\ngraph: hide\n---\n# C\n[[a]]\n"),
    ]);
    let mut map = Map::plain(&v);
    map.plan = Some(Plan {
        targets: vec![0],
        steps: vec![
            Step {
                note: 1,
                learned: false,
                cycle: None,
            },
            Step {
                note: 0,
                learned: true,
                cycle: None,
            },
        ],
        implied: vec![],
    });
    map.learned = Some(vec![true, false, false]);
    let data = data_of(&page_of(&v, &map));
    assert_eq!(data["notes"], 3);
    assert_eq!(data["pos"][0], 0.0);
    assert_eq!(data["pos"][4], Value::Null, "a hidden note is not drawn");
    assert_eq!(data["edges"], serde_json::json!([0, 1, 0]));
    let color = |i: usize| data["colors"][data["c"][i].as_u64().unwrap() as usize].clone();
    assert_eq!(color(0), "#40c057");
    assert_eq!(color(1), "#adb5bd");
    assert_eq!(
        data["plan"]["steps"],
        serde_json::json!([[1, false, null], [0, true, null]])
    );
    assert_eq!(data["learned"], serde_json::json!([0]));
    assert_eq!(data["kinds"][0]["name"], "prerequisite");
}

#[test]
fn small_pictures_are_carried_and_big_ones_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("notes")).unwrap();
    std::fs::write(root.join("notes/small.png"), [137u8, 80, 78, 71]).unwrap();
    std::fs::write(root.join("big.png"), vec![0u8; 300 * 1024]).unwrap();
    std::fs::write(
        root.join("notes/a.md"),
        "# A\n\n![small](small.png) ![[small.png]] ![big](../big.png) ![gone](gone.png) ![out](../../etc/passwd.png)\n",
    )
    .unwrap();
    let v = crate::vault::load(root).unwrap();
    let data = data_of(&page_of(&v, &Map::plain(&v)));
    assert_eq!(
        data["img"],
        serde_json::json!(["data:image/png;base64,iVBORw=="])
    );
    let html = data["html"][0].as_str().unwrap();
    assert_eq!(
        html.matches("<img class=\"pic\" data-img=\"0\"").count(),
        2,
        "{html}"
    );
    assert!(html.contains("300 KB picture left out"), "{html}");
    assert!(html.contains("not found in the vault"), "{html}");
    assert!(html.contains("outside the vault"), "{html}");
}
