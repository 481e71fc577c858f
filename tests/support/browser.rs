//! Headless Chromium for the HTML map: the test (`tests/html_browser.rs`)
//! and the bench (`examples/html_bench.rs`) open the page the same way and
//! read its self-test from the DOM it prints.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How a page is opened: the window's size and, for a test, a budget of
/// virtual time for its scripts (none in the bench, which times them in
/// real time).
pub struct Opening {
    pub window: (u32, u32),
    pub virtual_time_ms: Option<u32>,
}

/// The DOM of `page#fragment` once its scripts have run, as headless
/// Chromium prints it; a minute at most.
pub fn dump_dom(browser: &Path, page: &Path, fragment: &str, opening: &Opening) -> String {
    let profile = tempfile::tempdir().expect("a profile folder");
    let (width, height) = opening.window;
    let mut command = Command::new(browser);
    command
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
        ])
        .arg(format!("--window-size={width},{height}"))
        .arg(format!("--user-data-dir={}", profile.path().display()));
    if let Some(ms) = opening.virtual_time_ms {
        command.arg(format!("--virtual-time-budget={ms}"));
    }
    let mut child = command
        .arg("--dump-dom")
        .arg(format!("file://{}#{fragment}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let mut stdout = child.stdout.take().expect("its output");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut text).expect("the DOM as text");
        text
    });
    let start = Instant::now();
    while child.try_wait().expect("chromium's state").is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            child.kill().expect("chromium stopped");
            panic!("chromium took over a minute");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    reader.join().expect("the DOM read")
}

/// The JSON in the element `<pre id="selftest">` of a dumped DOM.
pub fn selftest_result(dom: &str) -> Value {
    let tag = "<pre id=\"selftest\">";
    let start = dom.find(tag).expect("the self-test's element") + tag.len();
    let end = dom[start..].find("</pre>").expect("its end") + start;
    let text = (dom[start..end].replace("&lt;", "<").replace("&gt;", ">"))
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
}
