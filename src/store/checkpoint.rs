//! The WAL's pages moved into the database file off the path of a scan: a
//! commit that finds the WAL past [`BACKGROUND_AT`] pages wakes a thread of
//! the store's own (its own connection) to checkpoint, instead of copying
//! the pages itself before the scan's card can show. Past [`INLINE_AT`]
//! (the thread cannot keep up, or could not start) the commit checkpoints
//! as SQLite does by default.

use rusqlite::hooks::Wal;
use rusqlite::{Connection, OpenFlags};
use std::ffi::c_int;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::time::Duration;

/// SQLite's own threshold for its automatic checkpoint.
const BACKGROUND_AT: c_int = 1000;
/// Where a commit checkpoints by itself after all.
const INLINE_AT: c_int = 8000;

/// Takes over the automatic checkpoints of `conn`, the database at `path`.
pub(super) fn hand_over(conn: &mut Connection, path: &Path) -> rusqlite::Result<()> {
    let path = path.to_path_buf();
    let mut worker: Option<SyncSender<()>> = None;
    conn.wal_hook(Some(move |wal: &mut Wal, pages: c_int| {
        if pages >= INLINE_AT {
            return wal.checkpoint();
        }
        if pages >= BACKGROUND_AT {
            let wake = worker.get_or_insert_with(|| start(path.clone()));
            if let Err(TrySendError::Disconnected(())) = wake.try_send(()) {
                worker = None;
            }
        }
        Ok(())
    }))
}

/// The checkpointing thread; it ends when the store's connection closes
/// (and with it the hook holding the other end).
fn start(path: PathBuf) -> SyncSender<()> {
    let (wake, woken) = sync_channel(1);
    let _ = std::thread::Builder::new()
        .name("wal checkpoint".into())
        .spawn(move || checkpoint_when_woken(&path, woken));
    wake
}

fn checkpoint_when_woken(path: &Path, woken: Receiver<()>) {
    let Ok(conn) = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    ) else {
        return;
    };
    let _ = conn.busy_timeout(Duration::from_secs(10));
    while woken.recv().is_ok() {
        // PASSIVE: copies what no reader still needs, never waits for the
        // writer; what it leaves is taken at the next wake.
        let _ = conn.wal_checkpoint_v2(None::<&str>, rusqlite::wal::CheckpointMode::PASSIVE);
    }
}
