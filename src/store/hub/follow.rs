//! Following the hub: a loop, on a thread of its own, that exchanges
//! events whenever this kiosk records one, the hub tells of others'
//! (LISTEN/NOTIFY), or a few seconds pass; that reconnects when the hub
//! comes back (listening again before it pulls, so a lost notification
//! loses nothing); and that never holds up a scan: it has its own
//! connection to the SQLite file and applies what it pulls in bounded
//! batches.

use super::{Hub, HubAddress, HubReport};
use crate::store::{Result, Store, StoreError};
use chrono::{DateTime, Utc};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// What the follow loop tells whoever watches it (the console, or the
/// command line).
#[derive(Debug, Clone, PartialEq)]
pub enum FollowNews {
    /// A batch of others' events is in: refresh what is shown.
    Batch(u64),
    /// One exchange went through.
    Synced(HubReport),
    /// The hub does not answer; this kiosk goes on on its own.
    Offline {
        since: DateTime<Utc>,
        reason: String,
    },
    /// An exchange failed for a reason retrying may mend (the kiosk's file
    /// busy, a batch that did not go in): the loop tries again.
    Retrying { reason: String },
}

/// How often the loop exchanges when nothing happens (the heartbeat).
const IDLE: Duration = Duration::from_secs(5);
/// How often it looks for events recorded here.
const LOOK: Duration = Duration::from_millis(50);
/// How long it waits before trying an unreachable hub again.
const RETRY: Duration = Duration::from_secs(1);

/// Follows the hub at `address` for the kiosk database at `db` until
/// `stop` is set, or another hub (or none) is set for the kiosk. Fails
/// only on what retrying cannot mend (a fork, a hub of another production,
/// a refused login: see [`is_final`]); an unreachable hub, a busy file or
/// a failed batch is news, and the loop goes on.
pub fn follow(
    db: &Path,
    address: &HubAddress,
    stop: &AtomicBool,
    mut news: impl FnMut(FollowNews),
) -> Result<()> {
    let mut store = crate::store::busy::retry(|| Store::open(db))?;
    // Asked to follow this address: it is the kiosk's hub now.
    crate::store::busy::retry(|| store.set_hub(Some(address)))?;
    let followed = |store: &Store| -> Result<bool> {
        crate::store::busy::retry(|| store.hub_link())
            .map(|link| link.is_some_and(|l| l.url == address.bare()))
    };
    let mut offline_since: Option<DateTime<Utc>> = None;
    while !stop.load(Ordering::Relaxed) && followed(&store)? {
        let mut hub = match Hub::connect(address).and_then(|mut hub| hub.listen().map(|()| hub)) {
            Ok(hub) => hub,
            Err(e) => {
                went_offline(&store, &mut offline_since, e, &mut news)?;
                pause(stop, RETRY);
                continue;
            }
        };
        // Connected and listening: pull from the cursor, then follow.
        loop {
            // Another hub set meanwhile (or none): this loop is done.
            if !followed(&store)? {
                return Ok(());
            }
            // Read before the exchange: an event recorded while it runs
            // may have missed its push, and is sent at once after it.
            let head = local_head(&store)?;
            match store.sync_hub(&mut hub, |n| news(FollowNews::Batch(n))) {
                Ok(report) => {
                    offline_since = None;
                    news(FollowNews::Synced(report));
                }
                Err(e) if !is_final(&e) && !matches!(e, StoreError::HubUnreachable { .. }) => {
                    // Nothing of a failed batch was kept (its cursor with
                    // it): the next exchange takes it again.
                    let reason = e.to_string();
                    let _ = store.note_hub_trouble(&reason);
                    news(FollowNews::Retrying { reason });
                    pause(stop, RETRY);
                    continue;
                }
                Err(e) => {
                    went_offline(&store, &mut offline_since, e, &mut news)?;
                    break;
                }
            }
            let started = Instant::now();
            let mut woken = local_head(&store)? != head;
            while !woken && !stop.load(Ordering::Relaxed) && started.elapsed() < IDLE {
                match hub.wait_for_news(LOOK) {
                    Ok(true) => woken = true,
                    Ok(false) => woken = local_head(&store)? != head,
                    Err(e) => {
                        went_offline(&store, &mut offline_since, e, &mut news)?;
                        break;
                    }
                }
            }
            if stop.load(Ordering::Relaxed) || hub.is_closed() {
                break;
            }
        }
        if !stop.load(Ordering::Relaxed) {
            pause(stop, RETRY);
        }
    }
    Ok(())
}

/// An unreachable hub is noted (since when, and why) and told; anything
/// else ends the loop.
fn went_offline(
    store: &Store,
    since: &mut Option<DateTime<Utc>>,
    e: StoreError,
    news: &mut impl FnMut(FollowNews),
) -> Result<()> {
    let StoreError::HubUnreachable { reason, .. } = e else {
        return Err(e);
    };
    let now = Utc::now();
    let first = *since.get_or_insert(now);
    // Noted where the console reads it; a busy file only delays the note.
    let _ = crate::store::busy::retry(|| store.note_hub_offline(&reason, now));
    news(FollowNews::Offline {
        since: first,
        reason,
    });
    Ok(())
}

/// Whether retrying cannot mend `e`: the hub refused this kiosk (its
/// login, its rights, another production), or the chains forked. A busy
/// file, a batch that failed, or a hub gone quiet are tried again.
pub fn is_final(e: &StoreError) -> bool {
    matches!(
        e,
        StoreError::Fork { .. }
            | StoreError::Hub { .. }
            | StoreError::OtherKiosk { .. }
            | StoreError::CarryFile(_)
            | StoreError::KioskId(_)
            | StoreError::Migration { .. }
    )
}

/// The newest event's sequence here: it moves when this kiosk records.
fn local_head(store: &Store) -> Result<i64> {
    crate::store::busy::retry(|| {
        Ok(store
            .conn
            .query_row("SELECT COALESCE(MAX(seq), 0) FROM events", [], |r| r.get(0))?)
    })
}

fn pause(stop: &AtomicBool, total: Duration) {
    let started = Instant::now();
    while !stop.load(Ordering::Relaxed) && started.elapsed() < total {
        std::thread::sleep(Duration::from_millis(50));
    }
}
