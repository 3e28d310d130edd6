//! Keeping a kiosk's files to their owner: a database holds phone numbers,
//! emails and the badge secret, and travels on sticks, so the database, its
//! `-wal` and `-shm`, backups and carry files are 0600, and a data folder
//! the kiosk makes is 0700. An existing file is tightened when opened.

use std::io;
use std::path::Path;

/// Makes the folders up to `folder` (new ones 0700).
pub fn create_folder(folder: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(folder)
}

/// Creates `path` empty and 0600 if it does not exist, so that SQLite
/// (which gives `-wal` and `-shm` the database's mode) never makes it
/// readable by others.
pub fn create_file(path: &Path) -> io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map(drop)
}

/// Takes group and other permissions off `path` and its `-wal`, `-shm`
/// and `-journal` files, where they exist.
pub fn tighten_database(path: &Path) -> io::Result<()> {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        tighten(Path::new(&name))?;
    }
    Ok(())
}

/// Makes `path` 0600 (owner read and write) if it exists.
pub fn tighten(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        match std::fs::metadata(path) {
            Ok(meta) if meta.permissions().mode() & 0o077 != 0 => {
                std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
            }
            Ok(_) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e),
        }
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(())
    }
}
