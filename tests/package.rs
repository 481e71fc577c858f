//! What the Debian package (`.ci/package`, `[package.metadata.deb]`) puts
//! on a desktop: the binary's man page and completions, the desktop entry,
//! the AppStream metainfo beside it and the icons, each checked here
//! without building a package. The validators (desktop-file-validate,
//! appstreamcli, groff) are skipped when missing, and fail the test when
//! NOTEGRAPH_REQUIRE_VALIDATORS=1 (set by .ci/run, which installs them).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

mod common;

use common::notegraph;

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(repo(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

const DESKTOP: &str = "assets/notegraph.desktop";
const METAINFO: &str = "assets/io.github.notegraph.metainfo.xml";

/// The sizes of icon the package installs, beside assets/icon.png (256).
const ICON_SIZES: [u32; 7] = [16, 22, 24, 32, 48, 64, 128];

/// Runs a validator on `args`; `None` when it is not installed and the
/// validators are not required.
fn validator(tool: &str, args: &[&str], stdin: Option<&[u8]>) -> Option<std::process::Output> {
    let spawned = Command::new(tool)
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(e) if std::env::var_os("NOTEGRAPH_REQUIRE_VALIDATORS").is_some_and(|v| v == "1") => {
            panic!("NOTEGRAPH_REQUIRE_VALIDATORS=1 but `{tool}` cannot run: {e}")
        }
        Err(e) => {
            eprintln!("skipped: `{tool}` cannot run ({e}); .ci/run installs it");
            return None;
        }
    };
    if let Some(bytes) = stdin {
        use std::io::Write;
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    Some(child.wait_with_output().unwrap())
}

fn said(out: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn the_binary_prints_its_man_page_and_completions() {
    let page = notegraph(&["manpage"]);
    assert_eq!(page.status.code(), Some(0), "{}", said(&page));
    let page = String::from_utf8(page.stdout).unwrap();
    assert!(page.contains(".TH notegraph 1 "));
    for command in ["check", "order", "export", "views list", "completions"] {
        assert!(
            page.contains(&format!(".SS \"notegraph {command}\"")),
            "{command}"
        );
    }
    for shell in ["bash", "zsh", "fish"] {
        let script = notegraph(&["completions", shell]);
        assert_eq!(script.status.code(), Some(0), "{shell}: {}", said(&script));
        let script = String::from_utf8(script.stdout).unwrap();
        assert!(
            script.contains("notegraph") && script.contains("review"),
            "{shell}"
        );
    }
    let wrong = notegraph(&["completions", "cmd.exe"]);
    assert_eq!(
        wrong.status.code(),
        Some(2),
        "clap refuses an unknown shell"
    );
}

#[test]
fn the_man_page_renders_without_a_warning() {
    let page = notegraph(&["manpage"]).stdout;
    let args = ["-man", "-Tutf8", "-ww", "-z"];
    let Some(out) = validator("groff", &args, Some(&page)) else {
        return;
    };
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "{}",
        said(&out)
    );
}

#[test]
fn the_bash_completion_is_valid_bash() {
    let script = notegraph(&["completions", "bash"]).stdout;
    let Some(out) = validator("bash", &["-n"], Some(&script)) else {
        return;
    };
    assert!(out.status.success(), "{}", said(&out));
}

#[test]
fn the_desktop_entry_validates() {
    let path = repo(DESKTOP);
    let Some(out) = validator("desktop-file-validate", &[path.to_str().unwrap()], None) else {
        return;
    };
    // Hints and warnings are printed, errors fail: all three are refused.
    assert!(out.status.success(), "{}", said(&out));
    assert_eq!(said(&out), "", "desktop-file-validate has something to say");
}

#[test]
fn the_metainfo_validates() {
    let path = repo(METAINFO);
    let args = ["validate", "--no-net", path.to_str().unwrap()];
    let Some(out) = validator("appstreamcli", &args, None) else {
        return;
    };
    assert!(out.status.success(), "{}", said(&out));
    // Infos pass; AppStream before 1.0 does not know <developer> (an info).
    let text = said(&out);
    let complaints: Vec<_> = (text.lines())
        .filter(|l| l.starts_with("E:") || l.starts_with("W:"))
        .collect();
    assert!(complaints.is_empty(), "{text}");
}

#[test]
fn the_metainfo_launches_the_desktop_entry_and_names_this_version() {
    let xml = read(METAINFO);
    let doc = roxmltree::Document::parse(&xml).expect("well-formed metainfo");
    let tag = |name: &str| doc.descendants().find(|n| n.has_tag_name(name));
    let launchable = tag("launchable").expect("a launchable").text();
    assert_eq!(launchable, Some("notegraph.desktop"));
    assert_eq!(tag("binary").and_then(|n| n.text()), Some("notegraph"));
    let id = tag("id").and_then(|n| n.text()).unwrap();
    assert!(METAINFO.ends_with(&format!("/{id}.metainfo.xml")), "{id}");
    // Software centres show the newest release, listed first.
    let release = tag("release").expect("a release");
    assert_eq!(
        release.attribute("version"),
        Some(env!("CARGO_PKG_VERSION"))
    );

    let entry = read(DESKTOP);
    let key = |k: &str| {
        (entry.lines())
            .find_map(|l| l.strip_prefix(&format!("{k}=")))
            .unwrap_or_else(|| panic!("no {k}= in {DESKTOP}"))
    };
    assert_eq!(key("Icon"), "notegraph");
    assert_eq!(key("StartupWMClass"), "notegraph", "the window's app id");
    assert!(key("Exec").starts_with("notegraph "));
}

/// A PNG's width and height, from its header.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG");
    assert_eq!(&bytes[12..16], b"IHDR");
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}

#[test]
fn every_icon_is_the_size_its_name_says_and_is_packaged() {
    let manifest = read("Cargo.toml");
    let mut found: Vec<u32> = std::fs::read_dir(repo("assets/icons"))
        .unwrap()
        .map(|entry| {
            let name = entry.unwrap().file_name().into_string().unwrap();
            let size: u32 = (name.strip_prefix("notegraph-"))
                .and_then(|n| n.strip_suffix(".png"))
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("assets/icons/{name}: not notegraph-SIZE.png"));
            let png = std::fs::read(repo(&format!("assets/icons/{name}"))).unwrap();
            assert_eq!(png_size(&png), (size, size), "{name}");
            let asset = format!(
                "[\"assets/icons/{name}\", \"usr/share/icons/hicolor/{size}x{size}/apps/notegraph.png\", \"644\"]"
            );
            assert!(manifest.contains(&asset), "Cargo.toml lacks {asset}");
            size
        })
        .collect();
    found.sort();
    assert_eq!(found, ICON_SIZES);
    assert_eq!(
        png_size(&std::fs::read(repo("assets/icon.png")).unwrap()),
        (256, 256)
    );
    assert!(manifest.contains("\"usr/share/icons/hicolor/256x256/apps/notegraph.png\""));
}

#[test]
fn the_package_script_writes_every_generated_asset() {
    let manifest = read("Cargo.toml");
    let script = read(".ci/package");
    let generated: Vec<&str> = (manifest.lines())
        .filter_map(|l| l.trim().strip_prefix("[\"target/package/"))
        .filter_map(|l| l.split('"').next())
        .collect();
    assert_eq!(generated.len(), 4, "{generated:?}");
    for name in generated {
        assert!(script.contains(&format!("\"$gen/{name}\"")), "{name}");
    }
    for asset in [DESKTOP, METAINFO, "README.md"] {
        assert!(manifest.contains(&format!("[\"{asset}\", ")), "{asset}");
    }
}
