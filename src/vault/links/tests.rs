//! Tests of `links.rs`.
use super::*;

fn links(text: &str) -> Extracted {
    let lines = LineIndex::new(text);
    let mut out = Extracted::default();
    extract(text, 0, &lines, None, EdgeKind::Mention, &mut out);
    out
}

fn targets(text: &str) -> Vec<(String, EdgeKind, u32)> {
    links(text)
        .links
        .into_iter()
        .map(|l| (l.target.into_string(), l.kind, l.line))
        .collect()
}

#[test]
fn links_past_the_cap_are_left_and_flagged() {
    let text = "[[a]] ".repeat(MAX_LINKS_PER_NOTE + 10);
    let out = links(&text);
    assert_eq!(out.links.len(), MAX_LINKS_PER_NOTE);
    assert!(out.truncated);
    assert!(!links("[[a]] [[b]]").truncated);
}

#[test]
fn escaped_pipes_in_tables_end_the_target() {
    let text = "| a | b |\n|---|---|\n| [[Views#Map view\\|Map view]] | [[y]] |\n| ![[pic.png\\|200]] | [[x\\|Ex]] |\n\n[[z]]\n";
    let out = links(text);
    let got: Vec<(&str, Option<&str>)> = out
        .links
        .iter()
        .map(|l| (&*l.target, l.anchor.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("Views", Some("Map view")),
            ("y", None),
            ("x", None),
            ("z", None)
        ]
    );
    assert_eq!(out.attachments, ["pic.png"]);
    // Each link knows where it starts, so the panel can find it again.
    for link in &out.links {
        let at = link.offset.unwrap();
        assert!(
            text[at..].starts_with("[[") || text[at..].starts_with("!["),
            "{at}"
        );
    }
}

#[test]
fn section_headings_give_kinds() {
    for (heading, kind) in [
        ("Prerequisites", EdgeKind::Prerequisite),
        ("prerequisite", EdgeKind::Prerequisite),
        ("Related topics", EdgeKind::Related),
        ("RELATED TOPIC", EdgeKind::Related),
        ("Compare with", EdgeKind::Compare),
        ("Compare With:", EdgeKind::Compare),
        ("Links (NO duplication)", EdgeKind::Mention),
        ("Definition", EdgeKind::Mention),
        ("Comparisons", EdgeKind::Compare),
        ("Comparison table", EdgeKind::Mention),
        ("compare", EdgeKind::Compare),
        ("Compares With", EdgeKind::Compare),
        ("Compare against", EdgeKind::Mention),
        ("PREREQS:", EdgeKind::Prerequisite),
        ("  related—notes ", EdgeKind::Related),
        ("Связанные related", EdgeKind::Mention),
        ("s", EdgeKind::Mention),
        ("", EdgeKind::Mention),
        ("## ##", EdgeKind::Mention),
    ] {
        assert_eq!(section_kind(heading), kind, "{heading}");
    }
}

#[test]
fn links_take_the_kind_of_the_nearest_heading() {
    let text = "See [a](a.md).\n## Links\n### Prerequisites\n- [b](../x/b.md)\n\
                    ### Related topics\n- [c](c.md)\n### Compare with\n- [d](d.md) — why\n## Next\n[e](e.md)\n";
    assert_eq!(
        targets(text),
        vec![
            ("a.md".into(), EdgeKind::Mention, 1),
            ("../x/b.md".into(), EdgeKind::Prerequisite, 4),
            ("c.md".into(), EdgeKind::Related, 6),
            ("d.md".into(), EdgeKind::Compare, 8),
            ("e.md".into(), EdgeKind::Mention, 10),
        ]
    );
}

#[test]
fn markdown_links_are_decoded_and_stripped() {
    let text =
        "[a](my%20note.md#part) [b](<other note.md>) [c](q.md?x=1) [r][ref]\n\n[ref]: ref.md\n";
    let got = links(text).links;
    let names: Vec<_> = got.iter().map(|l| &*l.target).collect();
    assert_eq!(names, ["my note.md", "other note.md", "q.md", "ref.md"]);
    assert_eq!(got[0].anchor.as_deref(), Some("part"));
}

#[test]
fn skips_urls_anchors_images_code_and_comments() {
    let text = "[w](https://x.org/a.md) [m](mailto:a@b.md) [h](#top) ![i](pic.md)\n\
                    `[c](code.md)` [p](page.html)\n\n```\n[f](fenced.md) [[fenced]]\n```\n\n\
                    <!-- [x](comment.md) [[comment]] -->\n\n[ok](ok.md)\n";
    assert_eq!(targets(text), vec![("ok.md".into(), EdgeKind::Mention, 10)]);
}

#[test]
fn windows_drive_is_not_a_scheme() {
    assert!(!has_scheme("C:/notes/a.md"));
    assert!(has_scheme("file:///etc/passwd"));
    assert!(has_scheme("javascript:alert(1)"));
}

#[test]
fn wikilinks_with_alias_heading_and_embeds() {
    let text = "[[plain]] [[target|Alias]] [[note#Heading]] [[#local]] ![[embedded]] ![[pic.png]] [[doc.pdf]]\n";
    let got = links(text);
    let summary: Vec<_> = got
        .links
        .iter()
        .map(|l| (&*l.target, l.syntax, l.alternative.as_deref()))
        .collect();
    assert_eq!(
        summary,
        vec![
            ("plain", LinkSyntax::Wiki, None),
            ("target", LinkSyntax::Wiki, Some("Alias")),
            ("note", LinkSyntax::Wiki, None),
            ("embedded", LinkSyntax::Embed, None),
        ]
    );
    assert_eq!(got.links[2].anchor.as_deref(), Some("Heading"));
    assert_eq!(got.attachments, vec!["pic.png", "doc.pdf"]);
}

#[test]
fn dendron_cross_vault_links_name_the_note() {
    let got = links(
        "![[dendron://site/topic.links#hovers,1]] [[Roles|dendron://site/community.roles]]\n",
    );
    assert_eq!(&*got.links[0].target, "topic.links");
    assert_eq!(got.links[0].syntax, LinkSyntax::Embed);
    assert_eq!(&*got.links[1].target, "Roles");
    assert_eq!(
        got.links[1].alternative.as_deref(),
        Some("dendron://site/community.roles")
    );
}

#[test]
fn dotted_dendron_names_are_not_attachments() {
    assert!(!is_attachment("dendron.topic.schema"));
    assert!(is_attachment("assets/photo.JPG"));
}

#[test]
fn line_index_counts_from_one() {
    let idx = LineIndex::new("a\nb\n\nc");
    assert_eq!(idx.line(0), 1);
    assert_eq!(idx.line(2), 2);
    assert_eq!(idx.line(5), 4);
}

/// The body's links, kinds and title read with the quiet start, and with
/// every line parsed.
/// Each of `bodies` reads the same with the quiet start as by the parser.
fn assert_both_ways_agree(bodies: &[&str]) {
    for body in bodies {
        let (quick, parsed) = both_ways(body);
        assert_eq!(quick, parsed, "for {body:?}");
    }
}

fn both_ways(body: &str) -> (Extracted, Extracted) {
    let lines = LineIndex::new(body);
    let (mut quick, mut parsed) = (Extracted::default(), Extracted::default());
    extract_body(body, 0, &lines, &mut quick);
    extract_body_by_parser(body, 0, &lines, &mut parsed);
    (quick, parsed)
}

#[test]
fn quiet_start_reads_as_the_parser_does() {
    let seed = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets/sample-vault/algorithms/bloom-filters.md"),
    )
    .unwrap_or_default();
    let seed = &seed[crate::vault::frontmatter::split(&seed).body_offset..];
    let bodies = [
        seed,
        "intro\n\n# Title\n\ntext\n\n## Prerequisites\n- [[a]]\n",
        "# Title\n\n## Scope & Non-goals\ntext\n\n## Related topics\n- [[a]]\n",
        "Prerequisites\n===\n- [[a]]\n",
        "para\n\nRelated\n---\n[[b]]\n",
        "para\nRelated\n-\n[[b]]\n",
        "para\n\nPrerequisites\n===\n\n[[a]]\n",
        "Title\n===\n\ntext\n",
        "Title\n  ---\n\n[[a]]\n",
        "para\n\nRelated\n---\n\n[[b]]\n",
        "para\n\n- Related\n  ---\n\n[[b]]\n",
        "- # Related\n\n[[x]]\n",
        "1. # Related\n[[x]]\n",
        "   # Related\n[[x]]\n",
        "text\n\n    # Related\n\n[[x]]\n",
        "```\n# Related\n```\n[[x]]\n",
        "~~~\n# Related\n~~~\n\n[[x]]\n",
        "- a\n  ```\n  # Related\n  ```\n[[x]]\n",
        "> # Related\n[[x]]\n",
        "> a\n# Related\n[[x]]\n",
        "<div>\n# Related\n</div>\n[[x]]\n",
        "<!--\n# Related\n-->\n[[x]]\n",
        "a | b\n--|--\n# Related\n[[x]]\n",
        "# *Related* topics\n[[x]]\n",
        "# Related\\#\n[[x]]\n",
        "# Related ##\n[[x]]\n",
        "# Compare &amp; with\n[[x]]\n",
        "# Compare &#38; with\n[[x]]\n",
        "# Compare & with\n\n[[x]]\n",
        "# `Related`\n[[x]]\n",
        "# Title\r\n\r\n## Related\r\n- [[x]]\r\n",
        "# Title\rmore\n[[x]]\n",
        "# Ti\0tle\n[[x]]\n",
        "# Only a title\n\ntext\n",
        "# Only a title",
        "text only",
        "",
        "\n\n",
        "#\n# Real\n[[x]]\n",
        "#tag line\n## Related\n[[x]]\n",
        "####### seven\n\n[[x]]\n",
        "- a\nb\n# Related\n[[x]]\n",
        "## Related\n- [[a]]\n\n## Compare with\n- [[b]]\n",
        "## Related\n  - [[a]]\n",
        "## Related\n\n  [[a]]\n",
        "[x]: a.md\n\n# H\n[x]\n",
        "#\tRelated\n[[x]]\n",
        "\t# Related\n[[x]]\n",
        "a < b\n\n## Related\n[[x]]\n",
        "text\n- \n## Related\n[[x]]\n",
        "# Связанные темы\n\n## Related\n[[x]]\n",
        "# 前提条件\n\ntext\n\n## Prerequisites\n[[x]]\n",
        "# Title\n\n  indented\n\n## Compare with\n\n[[x]]\n",
        "# Title\n\n- item\n\n  more\n\n## Related\n[[x]]\n",
        "# One\n# Two\n## Prerequisites\n\n![[pic.png]] [[x]]\n",
        "#\x0cRelated\n\ntext\n\n[[x]]\n",
        "Title\n===\x0c\n\ntext\n",
        "# Related\n#\x0b\n\ntext\n\n[[x]]\n",
    ];
    assert_both_ways_agree(&bodies);
    // And the sample note, prose, boxes and lists of links, is read
    // without the parser from its first line to its last.
    let mut out = Extracted::default();
    let quiet = quiet::quiet_start(seed, 0, &LineIndex::new(seed), &mut out)
        .expect("the sample note opens quietly");
    assert_eq!(quiet.len, seed.len(), "{}", &seed[quiet.len..]);
    assert_eq!(quiet.kind, Some(EdgeKind::Compare));
    assert_eq!(quiet.first_h1, Some(("Bloom Filters".to_string(), 1)));
    let parsed = both_ways(seed).1;
    assert!(parsed.links.len() >= 4, "{:?}", parsed.links);
    assert_eq!(
        (out.links, out.attachments),
        (parsed.links, parsed.attachments)
    );
}

#[test]
fn lines_of_links_read_as_the_parser_does() {
    let bodies = [
        "## Prerequisites\n- [A](a.md)\n- [B b](../x/b.md#part)\n\n### Related topics\n- [[c]]\n",
        "## Related\n- [[c|the C]] and [[d#h]], [[e#h|E]] [[ f ]]\n1. [[g]]\n2) [x](y.md)\n",
        "- [ ] box\n- [x] done [[a]]\n- [X] [[b]]\n* [ ]\n",
        "text [a](a.md) more\nlazy [[b]]\n\n  - [[c]]\n   [[d]]\n",
        "a `code\n[[x]]\nmore` end\n\n[[y]]\n",
        "a `code` x\n[[x]]\n\n[[y]]\n",
        "[[x]]\n[x]: y.md\n",
        "- [x] box\n\n[x]: y.md\n",
        "[[a]]\n---\n[[b]]\n",
        "[[a]]\n===\n[[b]]\n",
        "- [[a]]\n\n    [[b]]\n",
        "- [[a]]\n      [[b]]\n",
        "[[a|b]]\n--|--\n[[c]]\n",
        "[[a|b]] | c\n--|--\n",
        "<div>\n[[a]]\n</div>\n",
        "[[pic.png]] [[a]]\n",
        "[a](http://x.org/a.md) [b](mailto:x) [c](#h) [d](e.png) [f](g%20h.md)\n",
        "[[dendron://v/n.a|x]] [[x|dendron://v/n.b]]\n",
        "[[my_note]] [[a_b|c]] [a_b](c.md) [c](a_b.md)\n",
        "*em [[a]] em* _u [b](b.md) u_\n",
        "[[a]]\r\n[[b]]\r\n",
        "[[a]]\rb\n",
        "[[a]]\n\x0c\n[[b]]\n",
        "- [[a]]\n-  [[b]]\n-\t[[c]]\n",
        "# [[Heading link]]\n[[a]]\n",
        "Title\n[[a]]\n===\n",
        "[[a]](b.md) [[c]]\n",
        "[[a]]]\n",
        "[[[a]]]\n",
        "[[a\u{a0}b]] [x](y\u{a0}z.md) [[é]] [ü](ö.md)\n",
        "[[a]]",
        "[[a]]\\\n[[b]]\n",
        "a!\n[[b]]\n",
        "> q\n[[b]]\n",
        "```\n[[a]]\n```\n[[b]]\n",
        "[a &amp; b](c.md) [[x &amp; y]] [[z|w &amp; v]] [e](f&amp;g.md) [[h&#35;i]]\n",
        "[a\\]](b.md) [[c\\|d]] [e](f\\(g).md) [h](i(j).md)\n",
        "[a](b.md)\n\n[b]: c.md\n",
        "***\n[[a]]\n* * *\n- - -\n___\n[[b]]\n-\n  [[c]]\n",
        "\u{feff}# H\n[[a]]\n",
        "- [x]\n(a.md)\n- [x] a](b.md)\n- [ ](a.md)\n",
        "[[a]][b](c.md) [^1] [[d]]\n[[e]]\n](f.md)\n",
        "[a](b\x7f.md) [[c\x7fd]]\n",
    ];
    assert_both_ways_agree(&bodies);
}

#[test]
fn quiet_start_reads_every_sample_note_as_the_parser_does() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut compared = 0;
    for dir in ["assets/sample-vault", "tests/fixtures"] {
        for entry in walkdir::WalkDir::new(root.join(dir)).into_iter().flatten() {
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            let body = &text[crate::vault::frontmatter::split(&text).body_offset..];
            let (quick, parsed) = both_ways(body);
            assert_eq!(quick, parsed, "for {}", entry.path().display());
            compared += 1;
        }
    }
    assert!(compared > 40, "only {compared} notes compared");
}

#[test]
fn a_quiet_body_past_the_cap_keeps_as_many_links_as_the_parser() {
    let body = "- [[n]]\n".repeat(MAX_LINKS_PER_NOTE + 5);
    let (quick, parsed) = both_ways(&body);
    assert!(quick.truncated);
    assert_eq!(quick.links.len(), MAX_LINKS_PER_NOTE);
    assert_eq!(quick, parsed);
}
