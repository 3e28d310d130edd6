//! Commands for the production's PostgreSQL hub: `hub init`, `hub
//! add-kiosk`, `hub status`, `hub retire`, `hub set`, and the hub side of
//! `join URL` and `sync URL [--follow]`.

use super::Cli;
use anyhow::{Context, Result, bail};
use chrono::Utc;
use extras_kiosk::store::hub::{FollowNews, Hub, HubAddress, HubKiosk, follow};
use extras_kiosk::store::{Store, StoreError};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

#[derive(clap::Subcommand)]
pub enum HubCommand {
    /// Make URL this production's hub (on the lead): its schema, then every event
    Init {
        /// postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE
        url: String,
    },
    /// Give kiosk ID (named by --name) a login on the hub (on the lead); prints the line to run on it
    AddKiosk {
        url: String,
        /// The new kiosk's id
        id: String,
    },
    /// The production's kiosks: last seen, events held and behind, clock, conflicts
    Status {
        url: String,
        /// As JSON
        #[arg(long)]
        json: bool,
    },
    /// Take a kiosk switched off for good out of the checks before export (on the lead)
    Retire { url: String, id: String },
    /// Sync with URL in the background whenever the kiosk app runs
    Set { url: String },
    /// Stop syncing with a hub
    Unset,
}

fn address(url: &str) -> Result<HubAddress> {
    let address = HubAddress::parse(url).map_err(anyhow::Error::msg)?;
    if let Some(path) = address
        .keep_password()
        .context("cannot keep the hub's password in the pgpass file")?
    {
        eprintln!(
            "the password is kept in {} (0600), not in the kiosk's database",
            path.display()
        );
    }
    Ok(address)
}

pub fn hub(cli: &Cli, command: &HubCommand) -> Result<ExitCode> {
    match command {
        HubCommand::Init { url } => {
            let address = address(url)?;
            let mut store = cli.open_store()?;
            let mut hub = Hub::connect(&address)?;
            let init = store.hub_init(&mut hub)?;
            let verb = if init.version_before == 0 {
                "is now"
            } else {
                "was already"
            };
            println!(
                "{address} {verb} the hub of this production, with {} as its lead: sent {} event(s). Add each other kiosk with: extras-kiosk hub add-kiosk {} ID --name NAME",
                store.identity().display_name(),
                init.report.sent,
                address.bare()
            );
            clock_warning(init.report.clock_offset_ms);
        }
        HubCommand::AddKiosk { url, id } => {
            let address = address(url)?;
            // --name is the new kiosk's, not this one's.
            let mut store = cli.open_store_keeping_name()?;
            let mut hub = Hub::connect(&address)?;
            let login = store.hub_add_kiosk(&mut hub, id, cli.name.as_deref(), Utc::now())?;
            let name = login
                .kiosk
                .name
                .as_deref()
                .map(|n| format!(" --name '{}'", n.replace('\'', "'\\''")))
                .unwrap_or_default();
            println!(
                "kiosk {id} has the role {} on the hub and walk-ins from B-{}. On the new kiosk, run (once; it keeps the password in its pgpass file):",
                login.role, login.kiosk.badge_from
            );
            println!(
                "extras-kiosk join '{}' --kiosk {id}{name}",
                login.url_with_password
            );
        }
        HubCommand::Status { url, json } => {
            let address = address(url)?;
            let mut hub = Hub::connect(&address)?;
            let kiosks = hub.status()?;
            if *json {
                println!("{}", status_json(&address, &kiosks, Utc::now()));
            } else {
                print_status(&address, &kiosks, Utc::now());
            }
        }
        HubCommand::Retire { url, id } => {
            let address = address(url)?;
            let mut store = cli.open_store()?;
            let mut hub = Hub::connect(&address)?;
            store.hub_retire(&mut hub, id)?;
            println!("kiosk {id} is retired: export no longer waits for it; its events stay");
        }
        HubCommand::Set { url } => {
            let address = address(url)?;
            let mut store = cli.open_store()?;
            store.set_hub(Some(&address))?;
            println!(
                "this kiosk syncs with {address} whenever the kiosk app runs (or: extras-kiosk sync {} --follow)",
                address.bare()
            );
        }
        HubCommand::Unset => {
            let mut store = cli.open_store()?;
            store.set_hub(None)?;
            println!("this kiosk no longer syncs with a hub");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `join URL --kiosk ID`: a new kiosk's database made from the hub.
pub fn join(cli: &Cli, url: &str) -> Result<ExitCode> {
    let Some(id) = cli.kiosk.as_deref() else {
        bail!("say which kiosk this is: extras-kiosk join URL --kiosk ID [--name NAME]");
    };
    let address = address(url)?;
    let target = cli.db.clone().unwrap_or_else(super::default_db);
    let (_, joined) = Store::join_hub(&target, &address, id, cli.name.as_deref())?;
    println!(
        "{}. It syncs with the hub whenever the kiosk app runs.",
        super::kiosks::joined_words(&target, &joined, &format!("on the hub {address}"))
    );
    Ok(ExitCode::SUCCESS)
}

/// `sync URL [--follow]`: exchanges events with the hub once, or until
/// stopped.
pub fn sync(cli: &Cli, url: &str, follow_on: bool) -> Result<ExitCode> {
    let address = address(url)?;
    let mut store = cli.open_store()?;
    if !follow_on {
        let mut hub = match Hub::connect(&address) {
            Ok(hub) => hub,
            Err(e @ StoreError::HubUnreachable { .. }) => {
                if store.hub_link()?.is_some() {
                    store.note_hub_offline(&e.to_string(), Utc::now())?;
                }
                eprintln!("error: {e}");
                return Ok(ExitCode::FAILURE);
            }
            Err(e) => return Err(super::kiosks::with_fork_remedy(&store, e)),
        };
        let report = store
            .sync_hub(&mut hub, |_| {})
            .map_err(|e| super::kiosks::with_fork_remedy(&store, e))?;
        println!(
            "sent {}, received {}, new conflicts {}",
            report.sent, report.received, report.new_conflicts
        );
        if report.new_conflicts > 0 {
            println!("see them with: extras-kiosk status");
        }
        clock_warning(report.clock_offset_ms);
        return Ok(ExitCode::SUCCESS);
    }
    let path = store.path().to_path_buf();
    if store.hub_link()?.is_none() {
        store.set_hub(Some(&address))?;
    }
    drop(store);
    let stop = AtomicBool::new(false);
    eprintln!("following {address}; stop with Ctrl-C");
    let mut offline = false;
    follow(&path, &address, &stop, |news| match news {
        FollowNews::Synced(r) => {
            if offline {
                eprintln!("the hub answers again");
                offline = false;
            }
            if r.sent + r.received > 0 {
                println!(
                    "sent {}, received {}, new conflicts {}",
                    r.sent, r.received, r.new_conflicts
                );
            }
            if r.clock_is_off() {
                clock_warning(r.clock_offset_ms);
            }
        }
        FollowNews::Batch(_) => {}
        FollowNews::Retrying { reason } => {
            eprintln!("warning: {reason}; retrying");
        }
        FollowNews::Offline { since, reason } => {
            if !offline {
                eprintln!(
                    "the hub does not answer since {} ({reason}); this kiosk goes on, and syncs when it is back",
                    since.format("%H:%M:%S UTC")
                );
                offline = true;
            }
        }
    })?;
    Ok(ExitCode::SUCCESS)
}

fn clock_warning(offset_ms: i64) {
    if offset_ms.abs() > 120_000 {
        eprintln!(
            "warning: this kiosk's clock is {} {} the hub's: set it right (times on vouchers come from it)",
            words_for(offset_ms.abs()),
            if offset_ms > 0 { "ahead of" } else { "behind" }
        );
    }
}

fn words_for(ms: i64) -> String {
    let s = ms / 1000;
    if s >= 3600 {
        format!("{}h{:02}m", s / 3600, s / 60 % 60)
    } else {
        format!("{}m{:02}s", s / 60, s % 60)
    }
}

fn print_status(address: &HubAddress, kiosks: &[HubKiosk], now: chrono::DateTime<Utc>) {
    println!("hub {address}: {} kiosk(s)", kiosks.len());
    println!(
        "{:<12} {:<18} {:>12} {:>8} {:>7} {:>9} {:>9}",
        "kiosk", "name", "last seen", "held", "behind", "clock", "conflicts"
    );
    for k in kiosks {
        let seen = k.last_seen.map_or("never".into(), |t| {
            let ago = (now - t).num_seconds().max(0);
            if ago < 120 {
                format!("{ago}s ago")
            } else {
                format!("{}m ago", ago / 60)
            }
        });
        let clock = k.clock_offset_ms.map_or("-".into(), |ms| {
            let sign = if ms < 0 { "-" } else { "+" };
            let flag = if ms.abs() > 120_000 { " !" } else { "" };
            format!("{sign}{}{flag}", words_for(ms.abs()))
        });
        let mut id = k.id.clone();
        if k.lead {
            id.push_str(" (lead)");
        }
        if k.retired {
            id.push_str(" (retired)");
        }
        println!(
            "{:<12} {:<18} {:>12} {:>8} {:>7} {:>9} {:>9}",
            id,
            k.name.as_deref().unwrap_or("-"),
            seen,
            k.held,
            k.unsent(),
            clock,
            k.conflicts_open
        );
    }
}

fn status_json(
    address: &HubAddress,
    kiosks: &[HubKiosk],
    now: chrono::DateTime<Utc>,
) -> serde_json::Value {
    serde_json::json!({
        "hub": address.masked(),
        "kiosks": kiosks.iter().map(|k| serde_json::json!({
            "id": k.id,
            "name": k.name,
            "lead": k.lead,
            "retired": k.retired,
            "last_seen": k.last_seen.map(|t| t.to_rfc3339()),
            "seconds_since_seen": k.last_seen.map(|t| (now - t).num_seconds()),
            "events_held": k.held,
            "events_behind": k.unsent(),
            "clock_offset_ms": k.clock_offset_ms,
            "clock_warning": k.clock_offset_ms.is_some_and(|ms| ms.abs() > 120_000),
            "conflicts_open": k.conflicts_open,
        })).collect::<Vec<_>>(),
    })
}
