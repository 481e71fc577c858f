//! Every file notegraph writes goes through here: to a temporary file in
//! the destination's folder, flushed, then renamed over the destination,
//! so that an existing file (and every hard link to it) is never changed in
//! place. Writes for a vault are refused when the destination's real path
//! lies inside the vault, or when it is the same file as any of the vault's.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("refusing to write {}: it is inside the vault {}", .0.display(), .1.display())]
    InsideVault(PathBuf, PathBuf),
    #[error("refusing to write {}: it is the same file as {} of the vault", .0.display(), .1)]
    SameFile(PathBuf, String),
    #[error("refusing to write {}: it is not a regular file (a device, FIFO or socket)", .0.display())]
    NotRegular(PathBuf),
    #[error("cannot write {}: {}", .0.display(), .1)]
    Io(PathBuf, io::Error),
}

/// Symbolic links followed at most, as the kernel does.
const MAX_LINKS: usize = 40;

/// Where `dest` really is: its folder resolved, and a symbolic link at
/// the end followed (even a dangling one), up to `MAX_LINKS` times.
pub fn real_destination(dest: &Path) -> io::Result<PathBuf> {
    let mut path = std::path::absolute(dest)?;
    for _ in 0..MAX_LINKS {
        let parent = path.parent().unwrap_or(Path::new("/"));
        let name = path
            .file_name()
            .map(|n| n.to_os_string())
            .unwrap_or_default();
        let resolved = parent.canonicalize()?.join(&name);
        match std::fs::read_link(&resolved) {
            Ok(target) => {
                let base = resolved.parent().unwrap_or(Path::new("/"));
                path = base.join(target);
            }
            Err(_) => return Ok(resolved),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// Refuses a destination that is there but is not a regular file (a
/// device, a FIFO, a socket, a folder), followed through symbolic links:
/// only a regular file or a new path is replaced.
pub fn check_kind(dest: &Path) -> Result<(), OutputError> {
    let io_err = |e| OutputError::Io(dest.to_path_buf(), e);
    let real = real_destination(dest).map_err(io_err)?;
    match std::fs::metadata(&real) {
        Ok(meta) if !meta.is_file() => Err(OutputError::NotRegular(dest.to_path_buf())),
        _ => Ok(()),
    }
}

/// Whether `path`, which need not exist yet, really lies inside the folder
/// `root`: both resolved through links (the part of `path` that does not
/// exist taken as written).
pub fn lies_inside(path: &Path, root: &Path) -> bool {
    let (Ok(root), Ok(mut path)) = (root.canonicalize(), std::path::absolute(path)) else {
        return false;
    };
    let mut missing = Vec::new();
    loop {
        if let Ok(real) = path.canonicalize() {
            let real = missing.iter().rev().fold(real, |p, name| p.join(name));
            return real.starts_with(&root);
        }
        match path.file_name() {
            Some(name) => missing.push(name.to_os_string()),
            None => return false,
        }
        path.pop();
    }
}

/// Refuses a destination inside `root`, the same file as one of `files`
/// (paths relative to `root`), or not a regular file.
pub fn check_outside(root: &Path, files: &[String], dest: &Path) -> Result<(), OutputError> {
    check_outside_lazily(root, || files.to_vec(), dest)
}

/// `check_outside`, asking for `files` only where `dest` has another name
/// (the window's screenshot: a list costs it a load before it opens).
pub fn check_outside_lazily<F>(root: &Path, files: F, dest: &Path) -> Result<(), OutputError>
where
    F: FnOnce() -> Vec<String>,
{
    let io_err = |e| OutputError::Io(dest.to_path_buf(), e);
    check_kind(dest)?;
    let real = real_destination(dest).map_err(io_err)?;
    let root = root.canonicalize().map_err(io_err)?;
    if real.starts_with(&root) {
        return Err(OutputError::InsideVault(dest.to_path_buf(), root));
    }
    if let Some(same) = same_file_as(&real, &root, files) {
        return Err(OutputError::SameFile(dest.to_path_buf(), same));
    }
    Ok(())
}

/// The vault file that `real` is another name for (a hard link), if any.
#[cfg(unix)]
fn same_file_as(real: &Path, root: &Path, files: impl FnOnce() -> Vec<String>) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(real).ok()?;
    // A file with one name cannot be another name of a note.
    if meta.nlink() < 2 {
        return None;
    }
    let key = (meta.dev(), meta.ino());
    files().into_iter().find_map(|f| {
        let m = std::fs::metadata(root.join(&f)).ok()?;
        ((m.dev(), m.ino()) == key).then_some(f)
    })
}

#[cfg(not(unix))]
fn same_file_as(_: &Path, _: &Path, _: impl FnOnce() -> Vec<String>) -> Option<String> {
    None
}

/// Writes through `fill` to a temporary file beside `dest`, then renames
/// it over `dest`: a reader sees the old file or the new one, never half,
/// and a hard link to the old file keeps the old contents.
pub fn write_atomically(
    dest: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), OutputError> {
    check_kind(dest)?;
    replace_atomically(dest, fill).map_err(|e| OutputError::Io(dest.to_path_buf(), e))
}

/// Replaces `dest` with what `fill` writes: a temporary file in the same
/// folder, flushed and synced, given `dest`'s permissions (0644 for a new
/// file), then renamed over it, so that a reader, a crash or a hard link
/// to the old file never sees a torn one.
pub fn replace_atomically(
    dest: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let folder = folder_of(dest);
    let mut temp = tempfile::NamedTempFile::new_in(&folder)?;
    {
        let mut writer = io::BufWriter::new(temp.as_file_mut());
        fill(&mut writer)?;
        writer.flush()?;
    }
    temp.as_file().sync_all()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dest).map_or(0o644, |m| m.permissions().mode() & 0o777);
        temp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    temp.persist(dest).map_err(|e| e.error)?;
    Ok(())
}

/// Why a guarded replacement did not happen.
#[derive(Debug, thiserror::Error)]
pub enum ReplaceError {
    /// The file changed since it was read: nothing was written.
    #[error("it changed since it was read")]
    Changed,
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// Replaces `dest` with what `fill` writes, as `replace_atomically` does,
/// keeping `dest`'s owner, group and whole mode (set-id bits included;
/// where the owner cannot be kept, nothing is written), and only while
/// `unchanged` says the file at a path is still the one the caller read:
/// checked after the new file is synced, just before it goes in, and on
/// Linux again on the file it swapped out (`RENAME_EXCHANGE`), which is
/// swapped back when an editor got there first. The folder is synced
/// after. What stays open is the interval docs/reliability.md names.
pub fn replace_if_unchanged(
    dest: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    unchanged: &dyn Fn(&Path) -> io::Result<bool>,
) -> Result<(), ReplaceError> {
    let folder = folder_of(dest);
    let mut temp = tempfile::NamedTempFile::new_in(&folder)?;
    {
        let mut writer = io::BufWriter::new(temp.as_file_mut());
        fill(&mut writer)?;
        writer.flush()?;
    }
    keep_owner_and_mode(temp.as_file(), temp.path(), dest)?;
    keep_xattrs(temp.as_file(), dest)?;
    temp.as_file().sync_all()?;
    let ours = identity(temp.path())?;
    let temp = temp.into_temp_path();
    if !unchanged(dest)? {
        return Err(ReplaceError::Changed);
    }
    match exchange(&temp, dest) {
        Ok(()) if unchanged(&temp)? => {} // the old note, removed on drop
        Ok(()) => {
            // An editor saved between the check and the swap: its file
            // goes back, and ours (at the temporary path again) is dropped.
            exchange(&temp, dest)?;
            if identity(&temp)? != ours {
                let kept = temp.keep().map_err(|e| e.error)?;
                let why = format!("a save that came meanwhile is kept at {}", kept.display());
                return Err(io::Error::other(why).into());
            }
            return Err(ReplaceError::Changed);
        }
        Err(e) if cannot_exchange(&e) => temp.persist(dest).map_err(|e| e.error)?,
        Err(e) => return Err(e.into()),
    }
    sync_folder(&folder)?;
    Ok(())
}

fn folder_of(dest: &Path) -> PathBuf {
    match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The device and inode of `path`, to tell one file from another.
#[cfg(unix)]
fn identity(path: &Path) -> io::Result<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path)?;
    Ok((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn identity(_: &Path) -> io::Result<(u64, u64)> {
    Ok((0, 0))
}

/// Gives `file` the owner, group and mode of `dest`, refusing where the
/// owner cannot be kept (a note must not change hands by being written).
#[cfg(unix)]
fn keep_owner_and_mode(file: &std::fs::File, path: &Path, dest: &Path) -> io::Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let old = std::fs::metadata(dest)?;
    let new = std::fs::metadata(path)?;
    if (old.uid(), old.gid()) != (new.uid(), new.gid()) {
        std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid())).map_err(|e| {
            let owner = format!("{}:{}", old.uid(), old.gid());
            io::Error::new(e.kind(), format!("cannot keep its owner {owner} ({e})"))
        })?;
    }
    // After the owner: a change of owner clears the set-id bits.
    file.set_permissions(std::fs::Permissions::from_mode(old.mode() & 0o7777))
}

#[cfg(not(unix))]
fn keep_owner_and_mode(file: &std::fs::File, _: &Path, dest: &Path) -> io::Result<()> {
    file.set_permissions(std::fs::metadata(dest)?.permissions())
}

/// Gives `file` the extended attributes of `dest` (user attributes, ACLs,
/// and the others the process may set): a note rewritten keeps what other
/// tools attached to it. One the process may not set (`security.` and
/// `trusted.` for a user) is left to the system's default; any other that
/// cannot be kept refuses the write. Linux caps each list and value at
/// 64 KiB.
#[cfg(target_os = "linux")]
fn keep_xattrs(file: &std::fs::File, dest: &Path) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    use std::os::unix::ffi::OsStrExt;
    let path = std::ffi::CString::new(dest.as_os_str().as_bytes())?;
    // SAFETY: each call gets a valid C string and a buffer of the length
    // it is told (`xattr_bytes`).
    let names =
        xattr_bytes(|buf, len| unsafe { libc::llistxattr(path.as_ptr(), buf.cast(), len) })?;
    for name in names.split(|&b| b == 0).filter(|n| !n.is_empty()) {
        let cname = std::ffi::CString::new(name)?;
        let value = xattr_bytes(|buf, len| unsafe {
            libc::lgetxattr(path.as_ptr(), cname.as_ptr(), buf.cast(), len)
        })?;
        // SAFETY: a valid descriptor, C string and buffer with its length.
        let set = unsafe {
            libc::fsetxattr(
                file.as_raw_fd(),
                cname.as_ptr(),
                value.as_ptr().cast(),
                value.len(),
                0,
            )
        };
        let privileged = name.starts_with(b"security.") || name.starts_with(b"trusted.");
        if set != 0 && !privileged {
            let e = io::Error::last_os_error();
            let name = String::from_utf8_lossy(name);
            return Err(io::Error::new(
                e.kind(),
                format!("cannot keep its attribute {name} ({e})"),
            ));
        }
    }
    Ok(())
}

/// What an xattr call fills: asked for its size first, then read; asked
/// again if it grew in between. None on a file system without them.
#[cfg(target_os = "linux")]
fn xattr_bytes(call: impl Fn(*mut u8, usize) -> isize) -> io::Result<Vec<u8>> {
    let unsupported = |e: &io::Error| e.raw_os_error() == Some(libc::ENOTSUP);
    loop {
        let size = call(std::ptr::null_mut(), 0);
        if size < 0 {
            let e = io::Error::last_os_error();
            return if unsupported(&e) {
                Ok(Vec::new())
            } else {
                Err(e)
            };
        }
        let mut buf = vec![0u8; size as usize];
        let got = call(buf.as_mut_ptr(), buf.len());
        if got >= 0 {
            buf.truncate(got as usize);
            return Ok(buf);
        }
        let e = io::Error::last_os_error();
        if e.raw_os_error() != Some(libc::ERANGE) {
            return Err(e);
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn keep_xattrs(_: &std::fs::File, _: &Path) -> io::Result<()> {
    Ok(())
}

/// Swaps the files at `a` and `b` in one step (Linux's `renameat2` with
/// `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| std::ffi::CString::new(p.as_os_str().as_bytes()).map_err(io::Error::other);
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both are valid NUL-terminated paths that outlive the call.
    let done = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if done == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

/// Whether the file system (or the system) cannot swap two files, so a
/// check and a rename must do.
fn cannot_exchange(e: &io::Error) -> bool {
    #[cfg(target_os = "linux")]
    if matches!(e.raw_os_error(), Some(libc::EINVAL | libc::ENOSYS)) {
        return true;
    }
    e.kind() == io::ErrorKind::Unsupported
}

/// Syncs a folder, so that a rename in it survives a crash.
fn sync_folder(folder: &Path) -> io::Result<()> {
    // Opened to read, for its handle: a folder's contents are not read.
    #[cfg(unix)]
    std::fs::OpenOptions::new()
        .read(true)
        .open(folder)?
        .sync_all()?;
    let _ = folder;
    Ok(())
}

/// Writes notegraph's own data file `dest` (settings, recorded statuses):
/// its folder made first, then replaced atomically.
pub fn write_data_file(
    dest: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), OutputError> {
    let io_error = |e| OutputError::Io(dest.to_path_buf(), e);
    if let Some(folder) = dest.parent() {
        std::fs::create_dir_all(folder).map_err(io_error)?;
    }
    replace_atomically(dest, fill).map_err(io_error)
}

/// Appends `line` and a line end to notegraph's data file `dest` (a log),
/// made with its folder where missing, and syncs it: a crash loses at
/// most the line being written, which readers skip when torn.
pub fn append_line(dest: &Path, line: &str) -> Result<(), OutputError> {
    let io_error = |e| OutputError::Io(dest.to_path_buf(), e);
    if let Some(folder) = dest.parent() {
        std::fs::create_dir_all(folder).map_err(io_error)?;
    }
    let mut file = (std::fs::OpenOptions::new().create(true).append(true))
        .open(dest)
        .map_err(io_error)?;
    let mut bytes = Vec::with_capacity(line.len() + 1);
    bytes.extend_from_slice(line.as_bytes());
    bytes.push(b'\n');
    file.write_all(&bytes).map_err(io_error)?;
    file.sync_data().map_err(io_error)
}

/// Moves a data file that cannot be read out of the way, beside it with
/// `suffix` added, so that the next write starts afresh without losing
/// what it held. Returns where it went.
pub fn set_aside(path: &Path, suffix: &str) -> io::Result<PathBuf> {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    let to = path.with_file_name(name);
    std::fs::rename(path, &to)?;
    Ok(to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hard_link_to_a_note_is_replaced_not_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let note = dir.path().join("note.md");
        std::fs::write(&note, "# keep me").unwrap();
        let link = dir.path().join("out.json");
        std::fs::hard_link(&note, &link).unwrap();
        write_atomically(&link, |w| w.write_all(b"{}")).unwrap();
        assert_eq!(std::fs::read_to_string(&note).unwrap(), "# keep me");
        assert_eq!(std::fs::read_to_string(&link).unwrap(), "{}");
    }

    #[test]
    fn destinations_in_the_vault_or_naming_its_files_are_refused() {
        let vault = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(vault.path().join("a.md"), "x").unwrap();
        let files = vec!["a.md".to_string()];
        let inside = vault.path().join("new.md");
        assert!(matches!(
            check_outside(vault.path(), &files, &inside),
            Err(OutputError::InsideVault(..))
        ));
        let linked = outside.path().join("same.json");
        std::fs::hard_link(vault.path().join("a.md"), &linked).unwrap();
        assert!(matches!(
            check_outside(vault.path(), &files, &linked),
            Err(OutputError::SameFile(..))
        ));
        #[cfg(unix)]
        {
            let dangling = outside.path().join("dangling.json");
            std::os::unix::fs::symlink(vault.path().join("later.png"), &dangling).unwrap();
            assert!(matches!(
                check_outside(vault.path(), &files, &dangling),
                Err(OutputError::InsideVault(..))
            ));
        }
        let fine = outside.path().join("graph.json");
        assert!(check_outside(vault.path(), &files, &fine).is_ok());
    }

    #[test]
    fn a_path_not_made_yet_lies_inside_where_its_folders_would() {
        let dir = tempfile::tempdir().unwrap();
        let vault = dir.path().join("vault");
        std::fs::create_dir(&vault).unwrap();
        assert!(lies_inside(&vault.join("a/b/c"), &vault));
        assert!(lies_inside(&vault, &vault));
        assert!(!lies_inside(&dir.path().join("vault2/x"), &vault));
        assert!(!lies_inside(&dir.path().join("x"), &vault));
        assert!(!lies_inside(&vault, &dir.path().join("missing")));
        #[cfg(unix)]
        {
            let link = dir.path().join("link");
            std::os::unix::fs::symlink(&vault, &link).unwrap();
            assert!(lies_inside(&link.join("new/data"), &vault));
            assert!(lies_inside(&vault.join("d"), &link));
        }
    }
}
