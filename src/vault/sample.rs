//! The sample vault, compiled in by build.rs.

use super::SourceFile;

include!(concat!(env!("OUT_DIR"), "/sample_vault.rs"));

pub(super) fn files() -> Vec<SourceFile> {
    FILES
        .iter()
        .map(|(path, text)| SourceFile {
            path: path.to_string(),
            bytes: text.as_bytes().to_vec(),
        })
        .collect()
}
