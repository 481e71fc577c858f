//! Where a workspace's vault comes from.

use crate::vault::{self, Vault};
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VaultSource {
    Folder(PathBuf),
    /// The bundled sample: from the source tree if present, else embedded.
    Sample,
}

impl VaultSource {
    /// A folder given on a command line, made absolute so that notegraph's
    /// data for it is found whatever the working folder.
    pub fn folder(path: &std::path::Path) -> VaultSource {
        VaultSource::Folder(std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()))
    }

    pub fn load(
        &self,
        loading: vault::Loading,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<Vault, vault::LoadError> {
        match self {
            VaultSource::Folder(path) => vault::load_with(path, loading, progress),
            VaultSource::Sample => match Vault::sample_folder() {
                Some(dir) => vault::load_with(&dir, loading, progress),
                None => Ok(Vault::sample()),
            },
        }
    }

    /// What the window's title bar and messages call it.
    pub fn label(&self) -> String {
        match self {
            VaultSource::Folder(path) => path.display().to_string(),
            VaultSource::Sample => "sample vault".to_string(),
        }
    }
}
