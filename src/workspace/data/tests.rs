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
