//! Commands for a production on several kiosks: `join` (a new kiosk's
//! database made from another kiosk's file) and `kiosks` (those this one
//! knows, with their walk-in badge ranges).

use super::Cli;
use anyhow::{Result, bail};
use chrono::Utc;
use extras_kiosk::model::badge_number;
use extras_kiosk::store::hub::is_hub_address;
use extras_kiosk::store::{Joined, KioskEntry, Store, StoreError, WALK_IN_RANGE};
use std::path::Path;
use std::process::ExitCode;

/// "B-10001 to B-19999", or the lead's "after the skin".
pub(super) fn range_words(k: &KioskEntry) -> String {
    if k.lead {
        "walk-ins after the skin's numbers (below B-10000)".into()
    } else {
        format!(
            "walk-ins B-{} to {}",
            k.badge_from,
            badge_number(k.badge_from + WALK_IN_RANGE - 2)
        )
    }
}

/// `join SOURCE --kiosk ID [--name NAME]`: the database at `--db` becomes
/// kiosk ID of the production in SOURCE.
pub fn join(cli: &Cli, source: &Path) -> Result<ExitCode> {
    let Some(id) = cli.kiosk.as_deref() else {
        bail!("say which kiosk this is: extras-kiosk join SOURCE --kiosk ID [--name NAME]");
    };
    if let Some(url) = source.to_str().filter(|s| is_hub_address(s)) {
        return super::hub::join(cli, url);
    }
    if !source.is_file() {
        bail!(
            "{} is not a file: give the lead kiosk's database to join from",
            source.display()
        );
    }
    let target = cli.db.clone().unwrap_or_else(super::default_db);
    if target.canonicalize().ok() == source.canonicalize().ok() {
        bail!(
            "the new kiosk's database ({}) is SOURCE itself: give it another path with --db",
            target.display()
        );
    }
    let mut from = Store::open(source)?;
    let joined = from.join_as(&target, id, cli.name.as_deref(), Utc::now())?;
    println!(
        "{}.",
        joined_words(&target, &joined, &format!("in {}", source.display()))
    );
    Ok(ExitCode::SUCCESS)
}

/// "DB is kiosk ID (NAME) of the production WHERE: N day(s), M booking(s);
/// its walk-in range".
pub(super) fn joined_words(target: &Path, joined: &Joined, place: &str) -> String {
    format!(
        "{} is kiosk {}{} of the production {place}: {} day(s), {} booking(s); {}",
        target.display(),
        joined.kiosk.id,
        joined
            .kiosk
            .name
            .as_deref()
            .map(|n| format!(" ({n})"))
            .unwrap_or_default(),
        joined.days,
        joined.bookings,
        range_words(&joined.kiosk)
    )
}

/// `kiosks`: the production's kiosks this database knows.
pub fn list(cli: &Cli) -> Result<ExitCode> {
    let store = cli.open_store()?;
    let this = store.identity().id.clone();
    for k in store.kiosks()? {
        println!(
            "{}{}{}  {}{}",
            k.id,
            k.name
                .as_deref()
                .map(|n| format!(" ({n})"))
                .unwrap_or_default(),
            if k.lead { ", lead" } else { "" },
            range_words(&k),
            if k.id == this { "  <- this kiosk" } else { "" }
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `sync FILE`: exchanges events with another kiosk's database or a carry
/// file (made when FILE does not exist).
pub fn sync(cli: &Cli, file: &Path, follow: bool) -> Result<ExitCode> {
    if let Some(url) = file.to_str().filter(|s| is_hub_address(s)) {
        return super::hub::sync(cli, url, follow);
    }
    if follow {
        bail!(
            "--follow is for a hub (postgresql://...): a file is synced once, when it is carried over; leave --follow out for a file"
        );
    }
    let mut store = cli.open_store()?;
    let report = store
        .sync_file(file)
        .map_err(|e| with_fork_remedy(&store, e))?;
    if report.created_carry_file {
        println!(
            "{} is a new carry file: sent {}, received 0, new conflicts 0. Take it to the next kiosk and run sync there.",
            file.display(),
            report.sent
        );
    } else {
        println!(
            "sent {}, received {}, new conflicts {}",
            report.sent, report.received, report.new_conflicts
        );
        if report.new_conflicts > 0 {
            println!("see them with: extras-kiosk status");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A fork's error, with what to do on which kiosk.
pub(super) fn with_fork_remedy(store: &Store, e: StoreError) -> anyhow::Error {
    let StoreError::Fork { kiosk, other, .. } = &e else {
        return e.into();
    };
    let through_hub = other.starts_with("the hub");
    let then = if through_hub {
        "then, on the lead, `extras-kiosk hub add-kiosk URL NEWID` and, on the restored kiosk, `extras-kiosk hub set` with the address it prints (the old login is the old id's)"
    } else {
        "then sync again"
    };
    let remedy = if *kiosk == store.identity().id {
        format!(
            "this kiosk looks restored: run `extras-kiosk rejoin --kiosk NEWID` here (a new id never used), {then}"
        )
    } else {
        format!(
            "on the restored kiosk (the copy of {kiosk} that went back), run `extras-kiosk rejoin --kiosk NEWID`, {then}"
        )
    };
    anyhow::Error::new(e).context(remedy)
}

/// `rejoin --kiosk NEWID`: a database restored from a backup continues
/// under a new kiosk id.
pub fn rejoin(cli: &Cli) -> Result<ExitCode> {
    let Some(new_id) = cli.kiosk.as_deref() else {
        bail!("give the restored kiosk a new id: extras-kiosk rejoin --kiosk NEWID");
    };
    let path = cli.db.clone().unwrap_or_else(super::default_db);
    let mut store = Store::open(&path)?;
    let old = store.identity().id.clone();
    let again = store.rejoin(new_id, Utc::now())?;
    println!(
        "{} continues as kiosk {new_id} (was {old}); {again} event(s) recorded after the backup were recorded again under {new_id}. Sync with the other kiosks now.",
        path.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// `conflict resolve ID --note "..."`.
pub fn conflict(cli: &Cli, command: &ConflictCommand) -> Result<ExitCode> {
    let ConflictCommand::Resolve { id, note, date } = command;
    let (mut store, day) = super::store_and_day(cli, *date)?;
    let mut kiosk =
        extras_kiosk::kiosk::Kiosk::new(&mut store, day, extras_kiosk::kiosk::ScanMode::CheckIn);
    kiosk.resolve_conflict(id, note, Utc::now())?;
    println!("conflict {id} resolved: {}", note.trim());
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Subcommand)]
pub enum ConflictCommand {
    /// Mark a conflict between kiosks resolved, saying what was checked
    Resolve {
        /// The conflict's id, as `status` lists it
        id: String,
        /// What the PA checked and decided
        #[arg(long)]
        note: String,
        /// The shoot day (default: the current day)
        #[arg(long, value_parser = super::parse_date)]
        date: Option<chrono::NaiveDate>,
    },
}
