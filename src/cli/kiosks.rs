//! Commands for a production on several kiosks: `join` (a new kiosk's
//! database made from another kiosk's file) and `kiosks` (those this one
//! knows, with their walk-in badge ranges).

use super::Cli;
use anyhow::{Result, bail};
use chrono::Utc;
use extras_kiosk::model::badge_number;
use extras_kiosk::store::{KioskEntry, Store, WALK_IN_RANGE};
use std::path::Path;
use std::process::ExitCode;

/// "B-10001 to B-19999", or the lead's "after the skin".
fn range_words(k: &KioskEntry) -> String {
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
    if source.to_string_lossy().starts_with("postgres") {
        bail!("joining a PostgreSQL hub is not built yet: join a kiosk's database file");
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
        "{} is kiosk {}{} of the production in {}: {} day(s), {} booking(s); {}.",
        target.display(),
        joined.kiosk.id,
        joined
            .kiosk
            .name
            .as_deref()
            .map(|n| format!(" ({n})"))
            .unwrap_or_default(),
        source.display(),
        joined.days,
        joined.bookings,
        range_words(&joined.kiosk)
    );
    Ok(ExitCode::SUCCESS)
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
