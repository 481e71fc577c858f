//! The HTML map's size and how soon it is usable, in a real browser.
//!
//! `cargo run --release --example html_bench -- NOTEGRAPH VAULT... [--chromium PATH]`
//!
//! For each vault: `NOTEGRAPH export VAULT --format html` (timed, whole
//! command), the page's size, then headless Chromium opens it at
//! `#selftest` (real time, no virtual clock) and the page's self-test
//! reports `first_frame_ms` (from navigation start, the page's 10+ MB of
//! data parsed included, to the first drawn frame with its handlers set:
//! when a reader can pan, hover and click) and `frame_ms` (one whole
//! redraw of the fitted map, as a pan or hover draws it). One JSON line
//! per vault.

#[path = "../tests/support/browser.rs"]
mod browser;

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn main() {
    let usage = "usage: html_bench NOTEGRAPH VAULT... [--chromium PATH]";
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut chromium = PathBuf::from("/usr/bin/chromium");
    if let Some(at) = args.iter().position(|a| a == "--chromium") {
        chromium = PathBuf::from(args.get(at + 1).expect(usage));
        args.drain(at..at + 2);
    }
    let (binary, vaults) = args.split_first().expect(usage);
    let out = tempfile::tempdir().expect("a temporary folder");
    for vault in vaults {
        let page = out.path().join("map.html");
        let started = Instant::now();
        let status = Command::new(binary)
            .args(["export", vault, "--format", "html", "-o"])
            .arg(&page)
            .status()
            .expect("run notegraph");
        assert!(status.success(), "export failed");
        let export_ms = started.elapsed().as_secs_f64() * 1000.0;
        let bytes = std::fs::metadata(&page).expect("the page").len();
        let browser = selftest(&chromium, &page);
        println!(
            "{}",
            json!({
                "vault": vault,
                "notes": browser["nodes"],
                "bytes": bytes,
                "export_ms": export_ms.round(),
                "first_frame_ms": browser["first_frame_ms"],
                "ready_ms": browser["ready_ms"],
                "frame_ms": browser["frame_ms"],
                "drawn": browser["drawn"],
                "labels": browser["labels"],
                "clicked": browser["clicked"] == browser["shown_title"],
            })
        );
    }
}

/// The page's self-test, as headless Chromium's dumped DOM holds it:
/// in real time, no virtual clock, as a reader's browser runs it.
fn selftest(chromium: &Path, page: &Path) -> Value {
    let opening = browser::Opening {
        window: (1600, 1000),
        virtual_time_ms: None,
    };
    browser::selftest_result(&browser::dump_dom(chromium, page, "selftest", &opening))
}
