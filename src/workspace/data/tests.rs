//! The data folder's files: re-read before a write, set aside when torn.

use super::*;

#[test]
fn a_record_reads_the_file_again_and_keeps_what_others_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (DataDir::at(dir.path()), DataDir::at(dir.path()));
    let vault = VaultSource::Folder("/notes/physics".into());
    a.record(&vault, [("x.md".to_string(), Some("mastered".to_string()))])
        .unwrap();
    // Another process (the command line) records while `a` is open.
    b.record(&vault, [("y.md".to_string(), Some("learning".to_string()))])
        .unwrap();
    let after = a.record(&vault, [("x.md".to_string(), None)]).unwrap();
    assert_eq!(
        after.into_iter().collect::<Vec<_>>(),
        [("y.md".into(), "learning".into())]
    );
    let other = VaultSource::Folder("/elsewhere/physics".into());
    assert!(a.recorded(&other).unwrap().is_empty());
    assert_ne!(a.vault_file(&vault), a.vault_file(&other));
}

#[test]
fn an_unreadable_file_is_set_aside_not_emptied() {
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::at(dir.path());
    let vault = VaultSource::Folder("/notes/v".into());
    let file = data.vault_file(&vault);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, b"{ torn").unwrap();
    let err = data.recorded(&vault).unwrap_err();
    let DataError::SetAside { moved, .. } = &err else {
        panic!("expected the file set aside, got {err}");
    };
    assert_eq!(std::fs::read(moved).unwrap(), b"{ torn");
    assert!(err.to_string().contains("could not be read"), "{err}");
    assert!(data.recorded(&vault).unwrap().is_empty());
}

/// A data folder inside the vault (`XDG_DATA_HOME` in it, or the home
/// folder opened as a vault) is neither read nor written for that vault:
/// notegraph never writes into a vault. Beside the vault it is used.
#[test]
fn a_data_folder_inside_the_vault_is_refused_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault");
    std::fs::create_dir(&vault).unwrap();
    std::fs::write(vault.join("a.md"), "# A").unwrap();
    let source = VaultSource::Folder(vault.clone());
    for inside in [
        vault.join("share/notegraph"),
        vault.join(".local/share/notegraph"),
    ] {
        let data = DataDir::at(&inside);
        let change = [("a.md".to_string(), Some("mastered".to_string()))];
        let err = data.record(&source, change).unwrap_err();
        assert!(matches!(err, DataError::InsideVault(..)), "{err}");
        assert!(err.to_string().contains("lies inside the vault"), "{err}");
        assert!(matches!(
            data.recorded(&source),
            Err(DataError::InsideVault(..))
        ));
        assert!(matches!(
            data.grades(&source),
            Err(DataError::InsideVault(..))
        ));
        assert!(!vault.join("share").exists() && !vault.join(".local").exists());
    }
    // The vault reached through a link is the same vault.
    #[cfg(unix)]
    {
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&vault, &link).unwrap();
        let data = DataDir::at(link.join("data"));
        assert!(data.check_outside(&source).is_err());
        let by_link = VaultSource::Folder(link.clone());
        assert!(DataDir::at(vault.join("d"))
            .check_outside(&by_link)
            .is_err());
    }
    let beside = DataDir::at(dir.path().join("data/notegraph"));
    let change = [("a.md".to_string(), Some("mastered".to_string()))];
    assert_eq!(beside.record(&source, change).unwrap().len(), 1);
    // Another vault than the one the folder is in may use it.
    let inner = DataDir::at(vault.join("data"));
    let other = VaultSource::Folder(dir.path().join("other"));
    assert!(inner.check_outside(&other).is_ok());
    assert!(inner.check_outside(&VaultSource::Sample).is_ok());
}
