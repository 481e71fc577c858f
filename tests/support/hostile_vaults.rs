//! The generator of round two's hostile vaults (docs/reliability.md), one
//! per row of the table, at any scale.
//!
//! Shared by `tests/hostile_cases.rs` (small scales, run by `cargo test`)
//! and `examples/hostile_budget.rs` (scale 1 and 2, timed, printing the
//! table), so that the tests and the figures see the same inputs.
#![allow(dead_code)]

use std::fs;
use std::io::Write;
use std::path::Path;

/// One row of the table: how to build it, and what to look at.
pub struct Case {
    /// The row's number in the table.
    pub row: u32,
    pub name: &'static str,
    /// What the vault holds at scale 1.
    pub what: &'static str,
    /// The note to select in the window: the one that costs the most.
    pub worst: &'static str,
    /// A file that must get a diagnostic, and a word the message holds;
    /// `None` where nothing is refused (the vault is only large).
    pub diagnostic: Option<(&'static str, &'static str)>,
    build: fn(&Path, f64),
}

impl Case {
    /// Writes the vault into the empty folder `root`, whose parent must be
    /// a scratch folder too (files "outside the vault" go there); `scale`
    /// 1.0 is the size the issue gives, smaller in the tests.
    pub fn build(&self, root: &Path, scale: f64) {
        (self.build)(root, scale)
    }
}

fn n(base: usize, scale: f64) -> usize {
    ((base as f64 * scale).round() as usize).max(2)
}

fn write(root: &Path, rel: &str, bytes: impl AsRef<[u8]>) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().expect("a file has a folder")).expect("create folder");
    fs::write(path, bytes).expect("write file");
}

/// A few ordinary notes, so every vault has something normal to load.
fn ordinary(root: &Path) {
    write(
        root,
        "ordinary/a.md",
        "---\nid: a\ntitle: Ordinary A\ntags: [plain]\n---\n# A\n\n[[b]]\n",
    );
    write(
        root,
        "ordinary/b.md",
        "---\nid: b\ntitle: Ordinary B\n---\n# B\n\n[A](a.md)\n",
    );
}

pub fn all() -> Vec<Case> {
    vec![
        Case {
            row: 1,
            name: "prerequisite chain",
            what: "80,000 notes, each the prerequisite of the next",
            worst: "n0000001",
            diagnostic: None,
            build: |root, s| {
                let count = n(80_000, s);
                for i in 0..count {
                    let mut text = format!("---\nid: n{i:07}\ntitle: Step {i}\n---\n# Step {i}\n");
                    if i > 0 {
                        text.push_str(&format!("\n### Prerequisites\n- [[n{:07}]]\n", i - 1));
                    }
                    write(root, &format!("c{:03}/n{i:07}.md", i / 1000), text);
                }
            },
        },
        Case {
            row: 2,
            name: "deep brackets",
            what: "frontmatter with `[` nested 100,000 deep",
            worst: "deep.md",
            diagnostic: Some(("deep.md", "nest")),
            build: |root, s| {
                ordinary(root);
                let depth = n(100_000, s);
                let text = format!(
                    "---\ntitle: Deep\nx: {}{}\n---\n# Deep\n",
                    "[".repeat(depth),
                    "]".repeat(depth)
                );
                write(root, "deep.md", text);
            },
        },
        Case {
            row: 3,
            name: "alias expansion",
            what: "30,000 aliases of a 30,000-item list",
            worst: "aliases.md",
            diagnostic: Some(("aliases.md", "alias")),
            build: |root, s| {
                ordinary(root);
                let items = n(30_000, s);
                let list: Vec<String> = (0..items).map(|i| i.to_string()).collect();
                let refs = vec!["*a"; items].join(", ");
                let text = format!(
                    "---\ntitle: Aliases\na: &a [{}]\nb: [{refs}]\n---\n# Aliases\n",
                    list.join(", ")
                );
                write(root, "aliases.md", text);
            },
        },
        Case {
            row: 4,
            name: "many keys",
            what: "frontmatter with 25,600 distinct keys",
            worst: "keys.md",
            diagnostic: None,
            build: |root, s| {
                ordinary(root);
                let mut text = String::from("---\ntitle: Keys\n");
                for i in 0..n(25_600, s) {
                    text.push_str(&format!("key{i}: value {i}\n"));
                }
                text.push_str("---\n# Keys\n");
                write(root, "keys.md", text);
            },
        },
        Case {
            row: 5,
            name: "links in one paragraph",
            what: "one 31 MB note holding 6.2 million links",
            worst: "links.md",
            diagnostic: Some(("links.md", "links")),
            build: |root, s| {
                ordinary(root);
                let count = n(6_200_000, s);
                let mut file = fs::File::create(root.join("links.md")).expect("create");
                file.write_all(b"# Links\n\n").expect("write");
                let chunk = "[[a]]".repeat(10_000);
                for _ in 0..count / 10_000 {
                    file.write_all(chunk.as_bytes()).expect("write");
                }
                file.write_all("[[a]]".repeat(count % 10_000).as_bytes())
                    .expect("write");
            },
        },
        Case {
            row: 6,
            name: "shared id",
            what: "20,000 notes sharing one id",
            worst: "g000/d0000000.md",
            diagnostic: Some(("d0000000.md", "duplicate id")),
            build: |root, s| {
                for i in 0..n(20_000, s) {
                    let text = format!("---\nid: same\ntitle: Dup {i}\n---\n# Dup {i}\n");
                    write(root, &format!("g{:03}/d{i:07}.md", i / 1000), text);
                }
            },
        },
        Case {
            row: 7,
            name: "names alike",
            what: "20,000 notes named x.md, each linking [[x]]",
            worst: "f0000000/x.md",
            diagnostic: None,
            build: |root, s| {
                for i in 0..n(20_000, s) {
                    let text = format!("---\ntitle: X {i}\n---\n# X {i}\n\n[[x]]\n");
                    write(root, &format!("f{i:07}/x.md"), text);
                }
            },
        },
        Case {
            row: 8,
            name: "all prerequisites of all",
            what: "1,500 notes, each a prerequisite of every other (2.25 M links)",
            worst: "p0000",
            diagnostic: None,
            build: |root, s| {
                // Twice the size is twice the links, as the links are what cost.
                let count = n(1_500, s.sqrt());
                let mut list = String::from("### Prerequisites\n");
                for j in 0..count {
                    list.push_str(&format!("- [[p{j:04}]]\n"));
                }
                for i in 0..count {
                    let text = format!("---\nid: p{i:04}\ntitle: P {i}\n---\n# P {i}\n\n{list}");
                    write(root, &format!("p{i:04}.md"), text);
                }
            },
        },
        Case {
            row: 9,
            name: "deep folders",
            what: "folders nested 2,000 deep",
            worst: "Bottom",
            diagnostic: None,
            build: |root, s| {
                ordinary(root);
                let depth = n(2_000, s);
                // Paths past PATH_MAX (4,096 bytes) cannot be named at
                // once: the shell walks down one folder at a time.
                let script = format!(
                    "i=0; while [ $i -lt {depth} ]; do mkdir d && cd -P d || exit 1; i=$((i+1)); done; \
                     printf -- '---\\ntitle: Bottom\\n---\\n# Bottom\\n\\n[[a]]\\n' > bottom.md"
                );
                let ok = std::process::Command::new("sh")
                    .arg("-c")
                    .arg(script)
                    .current_dir(root)
                    .status()
                    .expect("run sh");
                assert!(ok.success(), "deep folders");
            },
        },
        Case {
            row: 10,
            name: "image linked out",
            what: "a picture that is a symlink to a file outside the vault",
            worst: "picture.md",
            diagnostic: None,
            build: |root, s| {
                ordinary(root);
                // The caller gives `root` a parent of its own: the outside lives there.
                let outside = root.parent().expect("vault has a parent").join("outside");
                fs::create_dir_all(&outside).expect("outside folder");
                let mut text = String::from("# Picture\n\n");
                for i in 0..n(1, s) {
                    let secret = outside.join(format!("secret{i}.png"));
                    fs::write(&secret, tiny_png()).expect("write secret");
                    std::os::unix::fs::symlink(&secret, root.join(format!("img{i}.png")))
                        .expect("symlink");
                    text.push_str(&format!("![[img{i}.png]]\n\n![alt](img{i}.png)\n\n"));
                }
                write(root, "picture.md", text);
            },
        },
        Case {
            row: 11,
            name: "image from a device",
            what: "pictures that are a symlink to /dev/zero and a FIFO",
            worst: "endless.md",
            diagnostic: None,
            build: |root, s| {
                ordinary(root);
                let mut text = String::from("# Endless\n\n");
                for i in 0..n(1, s) {
                    std::os::unix::fs::symlink("/dev/zero", root.join(format!("zero{i}.png")))
                        .expect("symlink");
                    mkfifo(&root.join(format!("fifo{i}.png")));
                    text.push_str(&format!("![[zero{i}.png]]\n\n![[fifo{i}.png]]\n\n"));
                }
                write(root, "endless.md", text);
            },
        },
        Case {
            row: 12,
            name: "deep list",
            what: "a note with list markers nested 10,000 deep",
            worst: "nested.md",
            diagnostic: None,
            build: |root, s| {
                ordinary(root);
                let mut text = String::from("# Nested\n\n");
                for i in 0..n(10_000, s) {
                    text.push_str(&" ".repeat(2 * i));
                    text.push_str("- item\n");
                }
                write(root, "nested.md", text);
            },
        },
        Case {
            row: 13,
            name: "missing notes",
            what: "1,000,000 links to missing notes (1,000 notes)",
            worst: "m0000.md",
            diagnostic: Some(("m0000.md", "no such note")),
            build: |root, s| {
                let per_note = n(1_000, s);
                for i in 0..1_000 {
                    let mut text = format!("# M {i}\n\n");
                    for j in 0..per_note {
                        text.push_str(&format!("[[gone {i} {j}]]\n"));
                    }
                    write(root, &format!("m{i:04}.md"), text);
                }
            },
        },
        Case {
            row: 14,
            name: "special files",
            what: "a .md that is a FIFO and one that is a socket",
            worst: "ordinary/a.md",
            diagnostic: Some(("pipe0.md", "not a regular file")),
            build: |root, s| {
                ordinary(root);
                for i in 0..n(1, s) {
                    mkfifo(&root.join(format!("pipe{i}.md")));
                    let socket = root.join(format!("socket{i}.md"));
                    // The socket stays on disk after the listener is dropped.
                    drop(std::os::unix::net::UnixListener::bind(socket).expect("bind socket"));
                }
            },
        },
        Case {
            row: 15,
            name: "names alike once decoded",
            what: "two names, invalid UTF-8, that read the same",
            worst: "ordinary/a.md",
            diagnostic: Some(("\u{FFFD}", "")),
            build: |root, s| {
                use std::os::unix::ffi::OsStrExt;
                ordinary(root);
                for i in 0..n(1, s) {
                    for byte in [0xffu8, 0xfe] {
                        let mut name = format!("bad{i}").into_bytes();
                        name.extend_from_slice(&[byte, b'.', b'm', b'd']);
                        let path = root.join(std::ffi::OsStr::from_bytes(&name));
                        fs::write(path, format!("# Bad {i} {byte}\n\n[[a]]\n")).expect("write");
                    }
                }
            },
        },
        Case {
            row: 16,
            name: "control characters",
            what: "titles holding NUL, escape and other control characters",
            worst: "ctl0.md",
            diagnostic: None,
            build: |root, s| {
                ordinary(root);
                for i in 0..n(1, s) {
                    let text = format!(
                        "---\ntitle: \"NUL\\0 bell\\a esc\\e[31m del\\x7f <&> \\\" end {i}\"\n---\n\
                         # Control\n\n[[a]]\n"
                    );
                    write(root, &format!("ctl{i}.md"), text);
                }
            },
        },
        Case {
            row: 17,
            name: "numbers out of range",
            what: "importance .nan, .inf, -.inf and 1e308",
            worst: "nan.md",
            diagnostic: Some(("nan.md", "importance")),
            build: |root, s| {
                ordinary(root);
                for i in 0..n(1, s) {
                    let suffix = if i == 0 { String::new() } else { i.to_string() };
                    for (name, value) in [
                        ("nan", ".nan"),
                        ("inf", ".inf"),
                        ("minf", "-.inf"),
                        ("huge", "1e308"),
                    ] {
                        let text = format!(
                            "---\ntitle: {name}\nimportance: {value}\ndifficulty: {value}\n---\n\
                             # {name}\n\n[[a]]\n"
                        );
                        write(root, &format!("{name}{suffix}.md"), text);
                    }
                }
            },
        },
    ]
}

fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo is needed");
    assert!(made.success(), "mkfifo {}", path.display());
}

/// A valid 1×1 PNG.
pub fn tiny_png() -> Vec<u8> {
    vec![
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F,
        0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00,
        0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49,
        0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ]
}
