//! Property tests: arbitrary text never makes the loader panic, and what it
//! returns stays consistent.

use notegraph::vault::{frontmatter, links, Origin, SourceFile, Target, Vault};
use proptest::prelude::*;

/// Text made of the characters that matter to YAML, Markdown and links.
fn tricky_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "---\n",
        "...\n",
        "\r\n",
        "\n",
        "# ",
        "### Prerequisites\n",
        "## Related topics\n",
        "- ",
        "[",
        "]",
        "(",
        ")",
        "[[",
        "]]",
        "![[",
        "|",
        "#",
        ":",
        ": ",
        "&a ",
        "*a",
        "{",
        "}",
        "\"",
        "'",
        "`",
        "```\n",
        "<!--",
        "-->",
        "%20",
        "%",
        "../",
        "/",
        "\\",
        ".md",
        "note",
        "é",
        "e\u{301}",
        "\u{feff}",
        "\u{0}",
        "\t",
        "tags: [a, b]\n",
        "id: x\n",
        "http://x",
        "file:///etc",
        " ",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

/// Flat frontmatter of the kinds the fast path reads, and its near misses.
fn flat_yaml() -> impl Strategy<Value = String> {
    let value = prop::sample::select(vec![
        "x",
        "two words",
        "\"quoted\"",
        "'single'",
        "12",
        "0",
        "007",
        "1.5",
        "true",
        "False",
        "yes",
        "null",
        "~",
        "2026-01-19",
        "2026-1-9",
        "[a, b]",
        "[]",
        "[a, [b]]",
        "-3",
        "a: b",
        "x # c",
        "\"a\\\"b\"",
        "é",
        "[\"a\", 'b', c]",
        "'it''s'",
        ".inf",
        "0x10",
        "1e3",
        "@x",
        "&a x",
        "*a",
    ]);
    let key = prop::sample::select(vec!["id", "title", "tags", "a_b", "a-b", "x1", "status"]);
    prop::collection::vec((key, value), 0..8)
        .prop_map(|lines| lines.iter().map(|(k, v)| format!("{k}: {v}\n")).collect())
}

/// Markdown lines of the shapes that decide where a heading is one: the
/// prose and headings a note opens with, and all that could make a line
/// mean more (fences, quotes, lists, underlines, indents, HTML, tables),
/// with links seldom, so that the quiet start is long.
fn markdown_lines() -> impl Strategy<Value = String> {
    let start = prop::sample::select(vec![
        "", "", "", "# ", "## ", "### ", "#", "####### ", "   # ", "    ", "  ", "\t", "- ", "* ",
        "1. ", "- # ", "> ", "```", "~~~", "===", "---", "-", "<div>", "<!-- ", "a | b", "|--|",
        "- [ ] ", "- [x] ", "[[z]] ",
    ]);
    let text = prop::sample::select(vec![
        "",
        "",
        "",
        "",
        "Prerequisites",
        "Related topics",
        "Compare with",
        "Title",
        "text and more",
        "*em* text",
        "`code`",
        "a \\# b",
        "x &amp; y",
        "x & y",
        "a # b",
        "Связанные темы",
        "前提条件",
        "[[x]]",
        "[a](b.md)",
        "![[p.png]]",
        "- [ ] box",
        // Lines of links, as link sections are written, and what turns
        // one into the parser's (tests `quiet/link_lines.rs` and
        // `links::tests::lines_of_links_read_as_the_parser_does`).
        "[[x|y]] and [[a#h]]",
        "[t](../b.md#h) [u](c%20d.md)",
        "[[my_note]] [[ x ]]",
        "[x]: y.md",
        "a `b",
        "`",
        "[[x]](y)",
        "[x] [ ]",
        "[[a|_b_]] *[[c]]*",
        "x | [[y]]",
        "[a](b.md \"t\")",
        "[[a\u{a0}b]]",
        "[[p.png]] [i](i.png) [w](http://w.org)",
        "\\[a](b.md)",
        " ##",
        "\0",
        "\r",
    ]);
    let end = prop::sample::select(vec!["\n", "\n", "\n", "\n\n", "\r\n", "\x0c\n", "\x0b\n"]);
    // Two starts a line: a heading in a list or a quote, a fence in a list.
    prop::collection::vec((start.clone(), start, text, end), 0..30).prop_map(|lines| {
        (lines.iter())
            .map(|(outer, inner, text, end)| format!("{outer}{inner}{text}{end}"))
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn splitting_frontmatter_never_panics_and_stays_in_bounds(text in tricky_text()) {
        let split = frontmatter::split(&text);
        prop_assert!(split.body_offset <= text.len());
        prop_assert!(text.is_char_boundary(split.body_offset));
        if let Some(yaml) = split.yaml {
            let mut diagnostics = Vec::new();
            let _ = frontmatter::parse(yaml, split.yaml_first_line, "p.md", &mut diagnostics);
            for d in diagnostics {
                prop_assert!(d.line.unwrap_or(1) >= 1);
            }
        }
    }

    #[test]
    fn the_frontmatter_fast_path_reads_exactly_as_serde_yaml(yaml in flat_yaml()) {
        if let Some(same) = frontmatter::fast_path_matches_serde_yaml(&yaml) {
            prop_assert!(same, "fast path differs from serde_yaml on {:?}", yaml);
        }
    }

    #[test]
    fn extracting_links_never_panics_and_lines_are_real(text in tricky_text()) {
        let index = links::LineIndex::new(&text);
        let mut out = links::Extracted::default();
        links::extract(&text, 0, &index, None, notegraph::EdgeKind::Mention, &mut out);
        let lines = text.split('\n').count() as u32;
        for link in &out.links {
            prop_assert!(link.line >= 1 && link.line <= lines, "{link:?}");
            prop_assert!(!link.target.is_empty());
        }
    }

    #[test]
    fn loading_and_resolving_never_panics(
        files in prop::collection::vec(("[a-zA-Zé./ _-]{1,20}", tricky_text()), 0..12)
    ) {
        let files: Vec<SourceFile> = files
            .into_iter()
            .map(|(path, text)| SourceFile { path: format!("{path}.md"), bytes: text.into_bytes() })
            .collect();
        let vault = Vault::from_files(Origin::Embedded, files);
        for note in &vault.notes {
            for link in &note.links {
                if let Target::Note(id) = link.target {
                    prop_assert!(id < vault.notes.len());
                }
            }
        }
        let graph = notegraph::NoteGraph::build(&vault);
        let stats = notegraph::analysis::stats(&vault, &graph);
        prop_assert_eq!(stats.links, stats.resolved_links + stats.unresolved_links);
        let plan = notegraph::analysis::study_plan(&vault, &graph, &[], &Default::default());
        prop_assert!(plan.steps.len() <= vault.notes.len());
    }
}

/// Lines of brackets, parentheses and everything that can change how a
/// link reads, in any order: the edges of `quiet/link_lines.rs`.
fn bracket_soup() -> impl Strategy<Value = String> {
    let token = prop::sample::select(vec![
        "[",
        "]",
        "[[",
        "]]",
        "(",
        ")",
        "|",
        "a",
        "b.md",
        "c d",
        " ",
        "  ",
        "_",
        "*",
        "`",
        "\\",
        "!",
        "#",
        "&amp;",
        "&",
        "<",
        ">",
        "\"",
        "'",
        ":",
        "%20",
        "é",
        "\u{a0}",
        "x.png",
        "- ",
        "1. ",
        "    ",
        "\n",
        "\n",
        "\n\n",
        "## Related\n",
        "[ ] ",
        "[x] ",
        "http://h",
        "\t",
    ]);
    prop::collection::vec(token, 0..40).prop_map(|tokens| tokens.concat())
}

/// What `body`'s links read as with the quiet start, and by the parser.
fn both_ways(body: &str) -> (links::Extracted, links::Extracted) {
    let lines = links::LineIndex::new(body);
    let (mut quick, mut parsed) = (links::Extracted::default(), links::Extracted::default());
    links::extract_body(body, 0, &lines, &mut quick);
    links::extract_body_by_parser(body, 0, &lines, &mut parsed);
    (quick, parsed)
}

proptest! {
    // Many cases: the lines that matter (an underline under a heading's
    // word, a heading in a quote) are a few in a thousand.
    #![proptest_config(ProptestConfig { cases: 20_000, ..ProptestConfig::default() })]

    #[test]
    fn lines_of_links_read_without_the_parser_read_as_with_it(body in bracket_soup()) {
        let (quick, parsed) = both_ways(&body);
        prop_assert_eq!(quick, parsed, "for {:?}", body);
    }

    #[test]
    fn the_quiet_start_reads_links_kinds_and_title_as_the_parser_does(body in markdown_lines()) {
        let (quick, parsed) = both_ways(&body);
        prop_assert_eq!(quick, parsed, "for {:?}", body);
    }
}
