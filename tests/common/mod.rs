//! Helpers shared by the test files: running the real binary, building
//! and copying vaults, and (with the `gui` feature) driving the window
//! headless, so that the command line's tests build without the window.
#![allow(dead_code)]

use std::path::Path;

#[cfg(feature = "gui")]
mod window;
#[cfg(feature = "gui")]
#[allow(unused_imports)]
pub use window::*;

/// Runs the real `notegraph` binary, with a data folder of its own
/// (empty, for this test process) in place of the user's.
pub fn notegraph(args: &[&str]) -> std::process::Output {
    static EMPTY: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    let data = EMPTY.get_or_init(|| tempfile::tempdir().unwrap());
    notegraph_with_data(data.path(), args)
}

/// Runs the real `notegraph` binary with `XDG_DATA_HOME` at `data`.
pub fn notegraph_with_data(data: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_notegraph"))
        .args(args)
        .env("XDG_DATA_HOME", data)
        .output()
        .expect("run notegraph")
}

/// Writes a file of a vault under construction, with its folders.
pub fn write(root: &Path, rel: &str, bytes: impl AsRef<[u8]>) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// A copy of the sample vault in a temporary folder.
pub fn sample_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample-vault");
    for entry in walkdir::WalkDir::new(&from) {
        let entry = entry.unwrap();
        let to = dir.path().join(entry.path().strip_prefix(&from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    dir
}

/// Every regular file under `root` with its bytes and time, and every
/// other entry (links, special files) with its time only: they are not
/// opened (reading a FIFO would block).
pub fn snapshot(
    root: &std::path::Path,
) -> std::collections::BTreeMap<std::path::PathBuf, (Vec<u8>, std::time::SystemTime)> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            if meta.is_dir() {
                stack.push(path);
            } else if meta.is_file() {
                let bytes = std::fs::read(&path).unwrap();
                out.insert(path, (bytes, meta.modified().unwrap()));
            } else {
                out.insert(path, (Vec::new(), meta.modified().unwrap()));
            }
        }
    }
    out
}

/// A vault that leaves files out: Obsidian's excluded files name a
/// prefix (`Daily/`) and a `/regex/` (`\.excalidraw`), its `.gitignore`
/// names `build/`, and `Secret.md` is hidden from the graph
/// (`graph: hide`). `index.md` links to each, and to a missing note.
pub fn excluded_vault() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let app_json =
        "{\n  \"userIgnoreFilters\": [\n    \"Daily/\",\n    \"/\\\\.excalidraw/\"\n  ]\n}\n";
    write(root, ".obsidian/app.json", app_json);
    write(root, ".gitignore", "# output\nbuild/\n");
    let index = "# Index\n\n[[2024-01-01]] [[Sketch.excalidraw.md]] [[out]] [[Secret]] [[Topic]] [[gone]]\n\n![[Sketch.excalidraw.md]]\n";
    write(root, "index.md", index);
    write(root, "Topic.md", "# Topic\n\n[[Secret]]\n");
    let secret = "---\ngraph: hide\n---\n# Secret\n\nA zebrafish swims here.\n";
    write(root, "Secret.md", secret);
    for day in ["2024-01-01", "2024-01-02"] {
        let text = format!("# {day}\n\nA zebrafish in the diary. [[nowhere]]\n");
        write(root, &format!("Daily/{day}.md"), text);
    }
    write(
        root,
        "art/Sketch.excalidraw.md",
        "# Sketch\n\nzebrafish drawing\n",
    );
    write(root, "build/out.md", "# Out\n\nzebrafish build [[lost]]\n");
    dir
}
