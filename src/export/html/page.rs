//! The page around the data: our markup, one `<style>` and one
//! `<script>` (the data, then our code), and a Content-Security-Policy
//! that allows exactly those two, by their SHA-256, and pictures as
//! `data:` URIs; nothing may be fetched, framed or sent.

use super::render::escape;
use base64::Engine as _;
use sha2::{Digest, Sha256};
use std::io::{self, Write};

const STYLE: &str = include_str!("map.css");
const BODY: &str = include_str!("body.html");
/// The script, in the order it runs: shared state, drawing, the note
/// panel and search, and the self-test that the browser test runs.
pub(super) const SCRIPTS: [&str; 4] = [
    include_str!("map.js"),
    include_str!("draw.js"),
    include_str!("panel.js"),
    include_str!("selftest.js"),
];

/// `'sha256-…'`, as a CSP source for `text`.
pub(super) fn csp_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let b64 = base64::engine::general_purpose::STANDARD.encode(digest);
    format!("'sha256-{b64}'")
}

/// The page's script: the data (already safe inside `<script>`), then
/// our code.
fn script(json: &str) -> String {
    let mut s = String::with_capacity(json.len() + 64 * 1024);
    s.push_str("\"use strict\";\nconst NG = ");
    s.push_str(json);
    s.push_str(";\n");
    for part in SCRIPTS {
        s.push_str(part);
    }
    s
}

/// Writes the whole page for the vault `name` with `json`, its data.
pub fn write_page(name: &str, json: &str, out: &mut dyn Write) -> io::Result<()> {
    let script = script(json);
    let csp = format!(
        "default-src 'none'; script-src {}; style-src {}; img-src data:; \
         base-uri 'none'; form-action 'none'",
        csp_hash(&script),
        csp_hash(STYLE)
    );
    let title = escape(&format!("{name} — notegraph map"));
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<link rel=\"icon\" href=\"data:,\">\n\
         <style>{STYLE}</style>\n</head>\n<body>\n{BODY}<script>{script}</script>\n</body>\n</html>\n"
    )
}
