//! The drawings and other tools' formats, through the real binary: SVG
//! (rendered with resvg), GEXF 1.3 (read back, and by networkx where it
//! is installed), JSON Canvas 1.0 (its fields and types), and `order
//! --format mermaid`.

mod common;

use common::notegraph;
use serde_json::Value;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Output;

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample-vault")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Standard output of a run that must succeed.
fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// A vault in a temporary folder, from `(path, text)` pairs.
fn fixture(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        common::write(dir.path(), path, text);
    }
    dir
}

/// Notes whose titles hold what markup must escape, a prerequisite chain
/// and a missing note.
fn awkward() -> tempfile::TempDir {
    fixture(&[
        (
            "a.md",
            "---\ntitle: \"Quote \\\" & <tag>\"\nstatus: learning\ntags: [x, y]\nimportance: 3\n---\n### Prerequisites\n- [[b]]\n- [[gone]]\n",
        ),
        ("b.md", "---\ntitle: \"C# basics\"\nstatus: learning\n---\n### Prerequisites\n- [[c]]\n"),
        ("c.md", "---\nstatus: mastered\n---\n# C\nSee [[a]].\n"),
    ])
}

/// How many pixels of `svg` rendered at most 800 pixels wide are not the
/// white background, and how many there are.
fn inked_pixels(svg: &str) -> (usize, usize) {
    let mut options = resvg::usvg::Options::default();
    options.fontdb_mut().load_system_fonts();
    let tree = resvg::usvg::Tree::from_str(svg, &options).expect("resvg parses the SVG");
    let size = tree.size();
    let scale = (800.0 / size.width()).min(1.0);
    let (w, h) = (
        (size.width() * scale).ceil() as u32,
        (size.height() * scale).ceil() as u32,
    );
    let mut pixmap = resvg::tiny_skia::Pixmap::new(w, h).expect("a non-empty picture");
    let transform = resvg::tiny_skia::Transform::from_scale(scale, scale);
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    let inked = (pixmap.pixels().iter())
        .filter(|p| p.alpha() > 0 && (p.red(), p.green(), p.blue()) != (255, 255, 255))
        .count();
    (inked, (w * h) as usize)
}

/// Each label's box, roughly (11-pixel glyphs about 0.55 of that wide),
/// as the export places it.
fn label_boxes(doc: &roxmltree::Document) -> Vec<[f32; 4]> {
    (doc.descendants().filter(|n| n.has_tag_name("text")))
        .map(|n| {
            let at = |a: &str| n.attribute(a).unwrap().parse::<f32>().unwrap();
            let half = n.text().unwrap().chars().count() as f32 * 0.55 * 11.0 / 2.0;
            [
                at("x") - half,
                at("y") - 11.0,
                at("x") + half,
                at("y") + 3.0,
            ]
        })
        .collect()
}

#[test]
fn svg_renders_the_whole_layout_with_escaped_labels() {
    let svg = ok(notegraph(&["export", s(&sample()), "--format", "svg"]));
    let (inked, all) = inked_pixels(&svg);
    assert!(inked * 50 > all, "{inked} of {all} pixels drawn");
    let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
    let count = |tag: &str| doc.descendants().filter(|n| n.has_tag_name(tag)).count();
    // Every note and the missing one, each named on hover; labels where
    // they cover no other label, so that every one can be read.
    assert_eq!(count("circle"), 37);
    assert_eq!(count("title"), 1 + 37);
    let labels = label_boxes(&doc);
    assert!(labels.len() >= 30, "{} of 37 labelled", labels.len());
    for (i, a) in labels.iter().enumerate() {
        for b in &labels[i + 1..] {
            let apart = a[2] <= b[0] || b[2] <= a[0] || a[3] <= b[1] || b[3] <= a[1];
            assert!(apart, "labels overlap: {a:?} {b:?}");
        }
    }
    assert!(count("line") > 60, "the links");
    // Each kind of link has its arrowhead; compare links are dashed.
    assert_eq!(count("marker"), 4);
    assert!(svg.contains(
        r##"stroke="#9775fa" stroke-width="1.3" stroke-opacity="1.00" stroke-linecap="round" stroke-dasharray"##
    ));

    let vault = awkward();
    let svg = ok(notegraph(&["export", s(vault.path()), "--format", "svg"]));
    let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
    let labels: Vec<&str> = (doc.descendants())
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect();
    // Each note is named on hover, escaped; labels only where they fit.
    let names: Vec<&str> = (doc.descendants())
        .filter(|n| n.has_tag_name("circle"))
        .filter_map(|c| c.children().find(|n| n.has_tag_name("title"))?.text())
        .map(|t| t.lines().next().unwrap())
        .collect();
    assert_eq!(names, ["Quote \" & <tag>", "C# basics", "C", "gone"]);
    assert!(labels.len() >= 3 && labels.iter().all(|l| names.contains(l)));
    assert!(labels.contains(&"Quote \" & <tag>"), "{labels:?}");
    let (inked, _) = inked_pixels(&svg);
    assert!(inked > 100, "{inked} pixels drawn");
}

#[test]
fn svg_of_a_layered_drawing_leaves_out_what_it_does_not_place() {
    let vault = fixture(&[
        ("a.md", "### Prerequisites\n- [[b]]\n"),
        ("b.md", "# B\n"),
        ("alone.md", "# Alone\n"),
    ]);
    let args = [
        "export",
        s(vault.path()),
        "--format",
        "svg",
        "--layout",
        "prerequisites",
    ];
    let svg = ok(notegraph(&args));
    let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
    let circles = doc.descendants().filter(|n| n.has_tag_name("circle"));
    assert_eq!(circles.count(), 2);
    assert!(!svg.contains("Alone"));
}

/// The GEXF namespaces.
const GEXF: &str = "http://gexf.net/1.3";
const VIZ: &str = "http://gexf.net/1.3/viz";

#[test]
fn gexf_has_every_node_drawn_with_its_attributes() {
    let xml = ok(notegraph(&["export", s(&sample()), "--format", "gexf"]));
    let doc = roxmltree::Document::parse(&xml).expect("well-formed GEXF");
    let root = doc.root_element();
    assert_eq!(root.tag_name().namespace(), Some(GEXF));
    assert_eq!(root.attribute("version"), Some("1.3"));
    let declared: HashSet<&str> = (doc.descendants())
        .filter(|n| n.has_tag_name((GEXF, "attribute")))
        .filter_map(|n| n.attribute("id"))
        .collect();
    for attribute in ["status", "tags", "community", "importance", "path"] {
        assert!(declared.contains(attribute), "{attribute} declared");
    }
    let nodes: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name((GEXF, "node")))
        .collect();
    assert_eq!(nodes.len(), 37);
    let mut ids = HashSet::new();
    for node in &nodes {
        assert!(ids.insert(node.attribute("id").unwrap()), "unique ids");
        let viz = |name: &str| {
            node.children()
                .find(|c| c.has_tag_name((VIZ, name)))
                .unwrap_or_else(|| panic!("{name} of {:?}", node.attribute("label")))
        };
        let number = |n: roxmltree::Node, a: &str| n.attribute(a).unwrap().parse::<f64>().unwrap();
        assert!(number(viz("position"), "x").is_finite());
        assert!(number(viz("position"), "y").is_finite());
        assert!(number(viz("size"), "value") > 0.0);
        for channel in ["r", "g", "b"] {
            viz("color")
                .attribute(channel)
                .unwrap()
                .parse::<u8>()
                .unwrap();
        }
        let values: Vec<&str> = (node.descendants())
            .filter(|n| n.has_tag_name((GEXF, "attvalue")))
            .filter_map(|n| n.attribute("for"))
            .collect();
        assert!(values.iter().all(|v| declared.contains(v)), "{values:?}");
        let ghost = values.len() == 1;
        if !ghost {
            assert!(
                values.contains(&"community") && values.contains(&"tags"),
                "{values:?}"
            );
        }
    }
    let edges: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name((GEXF, "edge")))
        .collect();
    assert!(edges.len() > 60);
    for edge in &edges {
        assert!(ids.contains(edge.attribute("source").unwrap()));
        assert!(ids.contains(edge.attribute("target").unwrap()));
        assert_eq!(edge.attribute("kind"), edge.attribute("label"));
    }
}

/// networkx reads the GEXF file as GEXF 1.3, every node with a position,
/// a colour and its attributes. CI installs networkx and sets
/// NOTEGRAPH_REQUIRE_NETWORKX=1, so that there a missing one fails the
/// test instead of skipping its point.
#[test]
fn networkx_reads_the_gexf() {
    let have = std::process::Command::new("python3")
        .args(["-c", "import networkx"])
        .output()
        .is_ok_and(|out| out.status.success());
    if !have {
        let required = std::env::var_os("NOTEGRAPH_REQUIRE_NETWORKX").is_some_and(|v| v == "1");
        assert!(
            !required,
            "NOTEGRAPH_REQUIRE_NETWORKX=1 but python3 cannot import networkx"
        );
        eprintln!("skipped: python3 cannot import networkx");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("graph.gexf");
    ok(notegraph(&[
        "export",
        s(&sample()),
        "--format",
        "gexf",
        "-o",
        s(&file),
    ]));
    const READ: &str = r#"
import sys, networkx
g = networkx.read_gexf(sys.argv[1], version="1.3")
for node, data in g.nodes(data=True):
    viz = data["viz"]
    assert {"x", "y"} <= viz["position"].keys(), node
    assert {"r", "g", "b"} <= viz["color"].keys(), node
    assert viz["size"] > 0, node
    if not data["ghost"]:
        assert isinstance(data["community"], int), node
        assert {"path", "tags"} <= data.keys(), node
for a, b, data in g.edges(data=True):
    assert data["kind"] in ("prerequisite", "related", "compare", "mention")
print(g.number_of_nodes(), g.number_of_edges())
"#;
    let out = std::process::Command::new("python3")
        .args(["-c", READ, s(&file)])
        .output()
        .unwrap();
    let said = ok(out);
    let counts: Vec<usize> = said
        .split_whitespace()
        .map(|n| n.parse().unwrap())
        .collect();
    assert_eq!(counts[0], 37, "{said}");
    assert!(counts[1] > 60, "{said}");
}

/// A JSON Canvas colour: a preset "1" to "6" or `#rrggbb`.
fn canvas_colour(c: &Value) -> bool {
    let c = c.as_str().unwrap_or("");
    matches!(c, "1" | "2" | "3" | "4" | "5" | "6")
        || (c.len() == 7 && c.starts_with('#') && c[1..].chars().all(|d| d.is_ascii_hexdigit()))
}

#[test]
fn canvas_follows_json_canvas_1_0() {
    let text = ok(notegraph(&[
        "export",
        s(&sample()),
        "--format",
        "canvas",
        "--canvas-groups",
    ]));
    let doc: Value = serde_json::from_str(&text).expect("JSON");
    let nodes = doc["nodes"].as_array().unwrap();
    let edges = doc["edges"].as_array().unwrap();
    let mut ids = HashSet::new();
    let mut cards = Vec::new();
    let mut groups_first = true;
    for (i, node) in nodes.iter().enumerate() {
        assert!(
            ids.insert(node["id"].as_str().unwrap()),
            "unique ids: {node}"
        );
        for field in ["x", "y", "width", "height"] {
            assert!(node[field].is_i64(), "{field} an integer: {node}");
        }
        assert!(node.get("color").is_none_or(canvas_colour), "{node}");
        match node["type"].as_str().unwrap() {
            "file" => {
                let file = node["file"].as_str().unwrap();
                assert!(sample().join(file).is_file(), "{file} is a note");
                cards.push(node);
            }
            "group" => {
                assert!(node["label"].is_string());
                groups_first &= cards.is_empty();
                assert!(i < nodes.len());
            }
            other => panic!("unexpected node type {other}"),
        }
    }
    assert!(groups_first, "groups come first, drawn under their cards");
    // Every note but none of the missing, each card clear of the others.
    assert_eq!(cards.len(), 36);
    let rect = |n: &Value| ["x", "y", "width", "height"].map(|f| n[f].as_i64().unwrap());
    for (i, a) in cards.iter().enumerate() {
        for b in &cards[i + 1..] {
            let ([ax, ay, aw, ah], [bx, by, bw, bh]) = (rect(a), rect(b));
            let apart = ax + aw <= bx || bx + bw <= ax || ay + ah <= by || by + bh <= ay;
            assert!(apart, "{a} overlaps {b}");
        }
    }
    assert!(edges.len() > 60);
    let sides = ["top", "right", "bottom", "left"];
    for edge in edges {
        assert!(
            ids.insert(edge["id"].as_str().unwrap()),
            "unique ids: {edge}"
        );
        for end in ["fromNode", "toNode"] {
            let id = edge[end].as_str().unwrap();
            assert!(cards.iter().any(|c| c["id"] == id), "{end} names a card");
        }
        for side in ["fromSide", "toSide"] {
            assert!(sides.contains(&edge[side].as_str().unwrap()), "{edge}");
        }
        assert_eq!(edge["toEnd"], "arrow");
        assert!(canvas_colour(&edge["color"]), "{edge}");
        let kinds = ["prerequisite", "related", "compare", "mention"];
        assert!(kinds.contains(&edge["label"].as_str().unwrap()), "{edge}");
    }
}

#[test]
fn canvas_is_refused_inside_the_vault_saying_it_may_be_copied_there() {
    let vault = awkward();
    let inside = vault.path().join("graph.canvas");
    let out = notegraph(&[
        "export",
        s(vault.path()),
        "--format",
        "canvas",
        "-o",
        s(&inside),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("inside the vault") && said.contains("Obsidian"),
        "{said}"
    );
    assert!(!inside.exists());
    let beside = tempfile::tempdir().unwrap();
    let file = beside.path().join("graph.canvas");
    let out = notegraph(&[
        "export",
        s(vault.path()),
        "--format",
        "canvas",
        "-o",
        s(&file),
    ]);
    assert!(out.status.success());
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    // Three notes; the missing one has no file to show.
    assert_eq!(doc["nodes"].as_array().unwrap().len(), 3);
    let groups = notegraph(&[
        "export",
        s(vault.path()),
        "--format",
        "json",
        "--canvas-groups",
    ]);
    assert_eq!(
        groups.status.code(),
        Some(2),
        "--canvas-groups is for canvas"
    );
}

#[test]
fn graphml_carries_the_colours_and_sizes_gephi_reads() {
    let vault = awkward();
    let xml = ok(notegraph(&[
        "export",
        s(vault.path()),
        "--format",
        "graphml",
    ]));
    let doc = roxmltree::Document::parse(&xml).expect("well-formed GraphML");
    let key_named = |name: &str, of: &str| {
        (doc.descendants().filter(|n| n.has_tag_name("key")))
            .find(|n| n.attribute("attr.name") == Some(name) && n.attribute("for") == Some(of))
            .and_then(|n| n.attribute("id"))
            .unwrap_or_else(|| panic!("a {of} key named {name}"))
    };
    let node_a = (doc.descendants())
        .find(|n| n.has_tag_name("node") && n.attribute("id") == Some("n0"))
        .unwrap();
    let data = |node: roxmltree::Node, key: &str| {
        (node.children().filter(|c| c.has_tag_name("data")))
            .find(|c| c.attribute("key") == Some(key))
            .and_then(|c| c.text())
            .map(str::to_string)
    };
    // "learning" is blue, as in the window.
    let rgb: Vec<String> = ["r", "g", "b"]
        .iter()
        .map(|c| data(node_a, key_named(c, "node")).unwrap())
        .collect();
    assert_eq!(rgb, ["51", "154", "240"]);
    let size: f32 = data(node_a, key_named("size", "node"))
        .unwrap()
        .parse()
        .unwrap();
    assert!(size > 0.0);
    let edge = doc.descendants().find(|n| n.has_tag_name("edge")).unwrap();
    assert_eq!(data(edge, key_named("r", "edge")).as_deref(), Some("247"));
    assert_eq!(
        data(edge, key_named("weight", "edge")).as_deref(),
        Some("1")
    );
}

#[test]
fn order_as_mermaid_is_a_flowchart_of_the_plan() {
    let vault = awkward();
    let args = [
        "order",
        s(vault.path()),
        "a",
        "--format",
        "mermaid",
        "--include-learned",
    ];
    assert_eq!(
        ok(notegraph(&args)),
        "flowchart LR\n  \
         s1[\"1. C\"]\n  \
         s2[\"2. C#35; basics\"]\n  \
         s3[\"3. Quote #quot; #amp; #lt;tag#gt;\"]\n  \
         s1 --> s2\n  \
         s2 --> s3\n  \
         classDef target stroke-width:3px\n  \
         class s3 target\n  \
         classDef learned fill:#d3f9d8,stroke:#2b8a3e\n  \
         class s1 learned\n"
    );
}
