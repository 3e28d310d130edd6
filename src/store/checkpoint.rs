//! The WAL's pages moved into the database file off the path of a scan, and
//! the WAL kept small: a commit that finds the WAL past [`BACKGROUND_AT`]
//! pages wakes a thread of the store's own (its own connection) to
//! checkpoint; past [`RESET_AT`], or at a quiet moment, that thread
//! checkpoints the whole WAL and truncates it, waiting a bounded moment for
//! writers and readers. A commit never reports a checkpoint's failure as its
//! own: it has committed, and SQLite would otherwise turn the checkpoint's
//! `SQLITE_BUSY` into a bare "SQL logic error" of the statement that
//! committed (issue 23: a recorded scan reported as failed).

use rusqlite::hooks::Wal;
use rusqlite::{Connection, OpenFlags};
use std::ffi::c_int;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender, TrySendError, sync_channel};
use std::time::Duration;

/// SQLite's own threshold for its automatic checkpoint.
const BACKGROUND_AT: c_int = 1000;
/// Past this many pages (8 MB of 4 KB pages) the thread checkpoints the
/// whole WAL and truncates it, even while kiosks keep writing: a PASSIVE
/// checkpoint alone never catches up with a steady stream of commits from
/// two processes (checkpoint starvation), and the WAL then grows without
/// bound.
const RESET_AT: c_int = 2000;
/// Past this many pages (16 MB) the thread has not managed to reset the
/// WAL: the committing connection restarts it itself.
const INLINE_AT: c_int = 4000;
/// How long the thread's full checkpoint waits for a writer or a reader
/// before it gives up until the next wake. A scan's commit may wait this
/// long behind it (its own busy wait is far longer).
const RESET_WAIT: Duration = Duration::from_millis(300);
/// No commit on this connection for this long: a quiet moment, when the
/// WAL is checkpointed whole and truncated.
const QUIET: Duration = Duration::from_secs(1);
/// What a WAL file is cut back to when SQLite starts it over.
pub(super) const WAL_SIZE_LIMIT: i64 = 4 * 1024 * 1024;

/// Takes over the automatic checkpoints of `conn`, the database at `path`.
pub(super) fn hand_over(conn: &mut Connection, path: &Path) -> rusqlite::Result<()> {
    let path = path.to_path_buf();
    let mut worker: Option<SyncSender<c_int>> = None;
    conn.wal_hook(Some(move |wal: &mut Wal, pages: c_int| {
        if pages < BACKGROUND_AT {
            return Ok(());
        }
        if pages >= INLINE_AT {
            // The thread could not get the file to itself (writers in
            // other processes never paused): this commit, done, restarts
            // the WAL itself, waiting its turn among them. Its failure is
            // not the commit's.
            let _ = wal.checkpoint_v2(rusqlite::wal::CheckpointMode::RESTART);
            return Ok(());
        }
        let wake = worker.get_or_insert_with(|| start(path.clone()));
        match wake.try_send(pages) {
            Ok(()) | Err(TrySendError::Full(_)) => {}
            Err(TrySendError::Disconnected(_)) => {
                // No thread (it could not start or open the file): the
                // commit checkpoints as SQLite does by default, and a
                // failure of that checkpoint is not the commit's.
                worker = None;
                let _ = wal.checkpoint();
            }
        }
        // Never an error: the transaction has committed, and SQLite would
        // report one as the failure of the statement that committed.
        Ok(())
    }))
}

/// The checkpointing thread; it ends when the store's connection closes
/// (and with it the hook holding the other end).
fn start(path: PathBuf) -> SyncSender<c_int> {
    let (wake, woken) = sync_channel(1);
    let _ = std::thread::Builder::new()
        .name("wal checkpoint".into())
        .spawn(move || checkpoint_when_woken(&path, woken));
    wake
}

fn checkpoint_when_woken(path: &Path, woken: Receiver<c_int>) {
    let Ok(conn) = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    ) else {
        return;
    };
    // The full checkpoint's waits for writers and readers, bounded.
    let _ = conn.busy_timeout(RESET_WAIT);
    // A connection finds the file in WAL mode at its first read; until
    // then a checkpoint on it does nothing and says -1 (this thread's
    // checkpoints did nothing at all before issue 23).
    if conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| {
            r.get::<_, i64>(0)
        })
        .is_err()
    {
        return;
    }
    // Pages written since the WAL was last emptied here.
    let mut pending = false;
    loop {
        match woken.recv_timeout(QUIET) {
            Ok(pages) if pages >= RESET_AT => {
                pending = !reset(&conn);
            }
            Ok(_) => {
                // PASSIVE: copies what no reader still needs, never waits;
                // what it leaves is taken at the next wake.
                let _ =
                    conn.wal_checkpoint_v2(None::<&str>, rusqlite::wal::CheckpointMode::PASSIVE);
                pending = true;
            }
            Err(RecvTimeoutError::Timeout) if pending => pending = !reset(&conn),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => break,
        }
    }
    // The store closed: leave the WAL empty if no one else is writing.
    if pending {
        reset(&conn);
    }
}

/// Checkpoints the whole WAL and truncates it to nothing. Returns whether
/// it did (another checkpoint running, or a writer or reader outlasting
/// [`RESET_WAIT`], leaves it for the next wake).
fn reset(conn: &Connection) -> bool {
    // (0, 0): the WAL is empty now.
    matches!(
        conn.wal_checkpoint_v2(None::<&str>, rusqlite::wal::CheckpointMode::TRUNCATE),
        Ok((0, _))
    )
}

#[cfg(test)]
mod tests {
    //! Two connections (and another process) interleaved by hand: what
    //! the kiosk's scanner and its follower do to one file all day.
    use super::*;
    use std::io::{BufRead, BufReader, Write};
    use std::process::{Command, Stdio};

    fn store_conn(path: &Path) -> Connection {
        let mut conn = Connection::open(path).unwrap();
        conn.busy_timeout(Duration::from_secs(10)).unwrap();
        hand_over(&mut conn, path).unwrap();
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
             CREATE TABLE IF NOT EXISTS scans (id INTEGER PRIMARY KEY, body BLOB);",
        )
        .unwrap();
        conn
    }

    fn wal_bytes(path: &Path) -> u64 {
        std::fs::metadata(path.with_extension("db-wal")).map_or(0, |m| m.len())
    }

    /// Another process holding the WAL's checkpoint lock (byte 121 of the
    /// `-shm` file, as SQLite's unix VFS places it), as the follower's
    /// checkpoint thread does while it copies pages.
    struct CheckpointLockHolder(std::process::Child);

    impl CheckpointLockHolder {
        fn take(shm: &Path) -> CheckpointLockHolder {
            let mut child = Command::new("python3")
                .args([
                    "-c",
                    "import fcntl, os, sys\n\
                     fd = os.open(sys.argv[1], os.O_RDWR)\n\
                     fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, 121)\n\
                     print('held', flush=True)\n\
                     sys.stdin.read()\n",
                ])
                .arg(shm)
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .spawn()
                .expect("this test needs python3 to hold a lock from another process");
            let mut line = String::new();
            BufReader::new(child.stdout.as_mut().unwrap())
                .read_line(&mut line)
                .unwrap();
            assert_eq!(line.trim(), "held", "the lock holder did not start");
            CheckpointLockHolder(child)
        }
    }

    impl Drop for CheckpointLockHolder {
        fn drop(&mut self) {
            let _ = self.0.stdin.take().map(|mut s| s.flush());
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }

    #[test]
    fn a_commit_never_reports_a_checkpoint_it_could_not_run() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kiosk.db");
        let conn = store_conn(&path);
        let holder = CheckpointLockHolder::take(&path.with_extension("db-shm"));
        // Past every threshold while no checkpoint can run: each commit
        // stands and says so.
        let body = vec![7u8; 400 * 1024];
        for i in 0..100 {
            conn.execute(
                "INSERT INTO scans (id, body) VALUES (?1, ?2)",
                rusqlite::params![i, body],
            )
            .unwrap_or_else(|e| panic!("commit {i} reported {e} although it committed"));
        }
        assert!(
            wal_bytes(&path) > 8000 * 4096,
            "the WAL never passed the inline threshold ({} bytes)",
            wal_bytes(&path)
        );
        let count: i64 = conn
            .query_row("SELECT count(*) FROM scans", [], |r| r.get(0))
            .unwrap();
        assert_eq!(count, 100);
        drop(holder);
    }

    #[test]
    fn the_wal_stays_bounded_while_two_writers_and_a_reader_never_stop() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kiosk.db");
        let first = store_conn(&path);
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        // The follower: another connection writing and reading all along.
        let (p, s) = (path.clone(), stop.clone());
        let other = std::thread::spawn(move || {
            let conn = store_conn(&p);
            let body = vec![1u8; 16 * 1024];
            let mut i = 1_000_000;
            while !s.load(std::sync::atomic::Ordering::Relaxed) {
                conn.execute(
                    "INSERT INTO scans (id, body) VALUES (?1, ?2)",
                    rusqlite::params![i, body],
                )
                .unwrap();
                let _: i64 = conn
                    .query_row("SELECT count(*) FROM scans", [], |r| r.get(0))
                    .unwrap();
                i += 1;
                // A scanner at a thousand badges a second.
                std::thread::sleep(Duration::from_millis(1));
            }
        });
        let body = vec![2u8; 16 * 1024];
        let mut largest = 0;
        for i in 0..4000 {
            first
                .execute(
                    "INSERT INTO scans (id, body) VALUES (?1, ?2)",
                    rusqlite::params![i, body],
                )
                .unwrap();
            largest = largest.max(wal_bytes(&path));
            std::thread::sleep(Duration::from_millis(1));
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        other.join().unwrap();
        assert!(
            largest < 16 * 1024 * 1024,
            "the WAL reached {largest} bytes"
        );
    }
}
