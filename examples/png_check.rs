//! Checks that a screenshot is not blank: prints its size and how many
//! distinct colours it has, and exits 1 when it looks empty.
//!
//! `cargo run --example png_check -- shot.png [MIN_COLOURS]`

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: png_check FILE.png [MIN_COLOURS]");
        std::process::exit(2);
    };
    let min_colours: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(16);
    let image = match image::open(&path) {
        Ok(image) => image.to_rgba8(),
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(2);
        }
    };
    let colours: std::collections::HashSet<[u8; 4]> = image.pixels().map(|p| p.0).collect();
    println!(
        "{path}: {}x{}, {} distinct colours",
        image.width(),
        image.height(),
        colours.len()
    );
    if colours.len() < min_colours {
        eprintln!("{path} looks blank (fewer than {min_colours} colours)");
        std::process::exit(1);
    }
}
