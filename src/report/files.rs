//! Writing an export file whole or not at all: a temporary file beside it,
//! synced, readable only by its owner where the file system has
//! permissions, then renamed over the name.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What happened to a written file's permissions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Privacy {
    /// Readable by its owner only.
    OwnerOnly,
    /// The file system keeps no permissions (FAT, exFAT): anyone who has
    /// the stick can read the file.
    NoPermissions,
}

/// Writes `bytes` to `dir/name` atomically. Never leaves a half-written
/// file under `name`; a failed write leaves any earlier file as it was.
pub fn write_whole(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<(PathBuf, Privacy)> {
    let path = dir.join(name);
    static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let temp = dir.join(format!(".{name}.{}-{n}.partial", std::process::id()));
    // Another writer's file is never touched: only ours is removed on failure.
    let mut file = create_private(&temp)?;
    let result = (|| {
        file.write_all(bytes)?;
        file.sync_all()?;
        let privacy = privacy_of(&temp);
        fs::rename(&temp, &path)?;
        if let Ok(d) = File::open(dir) {
            // Makes the rename itself durable; not every file system allows it.
            let _ = d.sync_all();
        }
        Ok((path.clone(), privacy))
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

#[cfg(unix)]
fn create_private(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    // A FAT file system refuses or ignores this; `privacy_of` finds out.
    let _ = fs::set_permissions(path, fs::Permissions::from_mode(0o600));
    Ok(file)
}

#[cfg(not(unix))]
fn create_private(path: &Path) -> std::io::Result<File> {
    OpenOptions::new().write(true).create_new(true).open(path)
}

#[cfg(unix)]
fn privacy_of(path: &Path) -> Privacy {
    use std::os::unix::fs::PermissionsExt;
    match fs::metadata(path) {
        Ok(m) if m.permissions().mode() & 0o077 == 0 => Privacy::OwnerOnly,
        _ => Privacy::NoPermissions,
    }
}

#[cfg(not(unix))]
fn privacy_of(_: &Path) -> Privacy {
    Privacy::NoPermissions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_written_whole_and_private() {
        let dir = tempfile::tempdir().unwrap();
        let (path, privacy) = write_whole(dir.path(), "a.csv", b"x,y\n").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"x,y\n");
        assert_eq!(privacy, Privacy::OwnerOnly);
        // Writing again replaces it, and leaves no temporary file behind.
        write_whole(dir.path(), "a.csv", b"z\n").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"z\n");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failed_write_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("no-such-folder");
        assert!(write_whole(&missing, "a.csv", b"x").is_err());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
