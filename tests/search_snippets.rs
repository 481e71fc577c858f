//! `notegraph search` prints snippets as a reader sees the note: no
//! Markdown marks, link targets or HTML.

mod common;

use common::{notegraph, write};

#[test]
fn search_snippets_show_the_text_as_read() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "marked.md",
        "# Marked\n\nThe zebra note: see [text](http://x.org/url?q=1) and \
         <span style=\"x\">html</span>, **bold** words and [[Other|an alias]] \
         <!-- a comment --> for the zebra.\n",
    );
    write(dir.path(), "other.md", "# Other\n\nNothing here.\n");
    let out = notegraph(&["search", dir.path().to_str().unwrap(), "zebra"]);
    assert_eq!(out.status.code(), Some(0));
    let printed = String::from_utf8(out.stdout).unwrap();
    let snippet = printed
        .lines()
        .nth(1)
        .expect("a snippet under the hit")
        .trim();
    for seen in ["text", "html", "bold", "an alias", "[zebra]"] {
        assert!(snippet.contains(seen), "{seen:?} missing in {snippet:?}");
    }
    for hidden in ["http", "<span", "**", "](", "[[", "|", "comment", "-->"] {
        assert!(!snippet.contains(hidden), "{hidden:?} left in {snippet:?}");
    }
}
