//! Commands that record the day as the kiosk does: `scan`, `checkin`,
//! `release`, `move`, and the log and backup commands.

use super::day::parse_category;
use super::{Cli, parse_date, store_and_day};
use anyhow::{Result, bail};
use chrono::{DateTime, NaiveDate, Utc};
use clap::Args;
use extras_kiosk::kiosk::{
    Group, Kiosk, MealKind, Notices, ScanMode, ScanOutcome, Station, TimeField, Undo,
};
use extras_kiosk::model::{BookingDetails, Category, Day, Money, UnionStatus, format_local_iso};
use extras_kiosk::pay::BumpKind;
use extras_kiosk::store::Actor;
use std::io::{BufRead, Write};
use std::path::Path;
use std::process::ExitCode;

/// When a recording command says it happened.
#[derive(Args)]
pub struct When {
    /// HH:MM, HH:MM+1 (after midnight) or YYYY-MM-DDTHH:MM, local to the day (default: now)
    #[arg(long)]
    at: Option<String>,
    /// The day (default: the current day)
    #[arg(long, value_parser = parse_date)]
    pub(super) date: Option<NaiveDate>,
}

impl When {
    pub(super) fn instant(&self, day: &Day) -> Result<DateTime<Utc>> {
        Ok(match &self.at {
            Some(text) => day.parse_at(text)?,
            None => Utc::now(),
        })
    }
}

#[derive(Args)]
#[command(group(clap::ArgGroup::new("input").required(true).args(["payload", "stdin"])))]
pub struct ScanArgs {
    /// What the scanner read
    payload: Option<String>,
    /// Read payloads from standard input, one a line (a scanner in a
    /// terminal); each outcome is printed once it is durably recorded
    #[arg(long)]
    stdin: bool,
    #[arg(long, default_value = "checkin")]
    mode: ScanMode,
    /// Print one JSON object
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    when: When,
}

#[derive(Args)]
pub struct CheckinArgs {
    /// The badge number, e.g. B-0001 (a check-in without the badge)
    #[arg(long)]
    badge: String,
    #[command(flatten)]
    when: When,
}

#[derive(Args)]
#[command(group(clap::ArgGroup::new("who").required(true).args(["badge", "area", "all"])))]
pub struct ReleaseArgs {
    #[arg(long)]
    badge: Option<String>,
    /// Everyone present in this holding area
    #[arg(long)]
    area: Option<String>,
    /// Everyone present
    #[arg(long)]
    all: bool,
    #[command(flatten)]
    when: When,
}

#[derive(Args)]
#[command(group(clap::ArgGroup::new("who").required(true).args(["badge", "area", "all"])))]
pub struct MealArgs {
    /// start, end, or forecast (what a meal for --area starting --at would
    /// cost in meal penalties)
    action: MealAction,
    /// A non-deductible breakfast rather than a meal
    #[arg(long)]
    ndb: bool,
    #[arg(long)]
    badge: Option<String>,
    /// Everyone present in this holding area
    #[arg(long)]
    area: Option<String>,
    /// Everyone present
    #[arg(long)]
    all: bool,
    /// The forecast as JSON
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    when: When,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MealAction {
    Start,
    End,
    Forecast,
}

#[derive(Args)]
#[command(group(clap::ArgGroup::new("status").required(true).args(["union", "non_union"])))]
pub struct WalkinArgs {
    #[arg(long)]
    first: String,
    #[arg(long)]
    last: String,
    /// general, special-ability, stand-in or photo-double
    #[arg(long, value_parser = parse_category)]
    category: Category,
    #[arg(long)]
    union: bool,
    #[arg(long)]
    non_union: bool,
    /// Day rate, e.g. 224 (default: the category's rate in the rules)
    #[arg(long, value_parser = Money::parse_rate)]
    rate: Option<Money>,
    /// Call time (default: the --at time)
    #[arg(long)]
    call: Option<String>,
    #[command(flatten)]
    when: When,
}

#[derive(Args)]
pub struct CorrectArgs {
    #[arg(long)]
    badge: String,
    /// in, out, ndb_out, ndb_in, meal1_out, meal1_in, meal2_out or meal2_in
    #[arg(long)]
    field: TimeField,
    /// The right time: HH:MM, HH:MM+1 or YYYY-MM-DDTHH:MM
    #[arg(long)]
    to: String,
    /// Why (kept in the log)
    #[arg(long)]
    reason: String,
    #[command(flatten)]
    when: When,
}

#[derive(Args)]
#[command(group(clap::ArgGroup::new("what").required(true).args(["checkin", "release"])))]
pub struct UndoArgs {
    #[arg(long)]
    badge: String,
    /// Take back a check-in made by mistake
    #[arg(long)]
    checkin: bool,
    /// Take back a release made by mistake
    #[arg(long)]
    release: bool,
    /// Why (kept in the log)
    #[arg(long)]
    reason: String,
    #[command(flatten)]
    when: When,
}

#[derive(clap::Subcommand)]
pub enum BumpCommand {
    /// Add a bump from the rules catalogue
    Add(BumpArgs),
    /// Remove the latest bump of that kind
    Remove(BumpArgs),
}

#[derive(Args)]
pub struct BumpArgs {
    #[arg(long)]
    badge: String,
    /// wardrobe, smoke, wet, body_makeup, hair, own_car, props, formal_wear, police_uniform, hazard or other
    #[arg(long)]
    kind: BumpKind,
    /// Wardrobe changes (default 1)
    #[arg(long)]
    count: Option<u32>,
    /// Amount in dollars, for the kinds the production prices (wet, own_car, props, hazard, other)
    #[arg(long, value_parser = Money::parse_rate)]
    amount: Option<Money>,
    /// Who approved or recorded it (kept in the log)
    #[arg(long, default_value = "supervisor")]
    by: String,
    #[command(flatten)]
    when: When,
}

#[derive(Args)]
pub struct MoveArgs {
    /// Badges to move, e.g. --badge B-0001 --badge B-0002
    #[arg(long = "badge", required = true)]
    badges: Vec<String>,
    /// The holding area to move them to
    #[arg(long)]
    area: String,
    #[command(flatten)]
    when: When,
}

#[derive(Args)]
pub struct LogArgs {
    /// Only this badge's history
    #[arg(long)]
    badge: Option<String>,
    /// Check the hash chain; exit 1 if it is broken
    #[arg(long)]
    verify: bool,
    #[arg(long, value_parser = parse_date)]
    date: Option<NaiveDate>,
    /// List the events received that did not verify, kept aside
    #[arg(long)]
    aside: bool,
}

fn outcome_text(outcome: &ScanOutcome, notices: &Notices, day: &Day, json: bool) -> String {
    if json {
        return outcome.to_json(day, &notices.codes()).to_string();
    }
    let badge = outcome
        .booking()
        .map(|b| format!(" {}", b.badge_no))
        .unwrap_or_default();
    let mut text = format!("{}{badge}: {}", outcome.code(), outcome.message(day));
    if notices.paperwork_pending {
        text.push_str("\n  Paperwork pending: see the PA before going to holding.");
    }
    if let Some(items) = notices.return_text() {
        text.push_str(&format!("\n  Please return: {items}."));
    }
    text
}

pub fn scan(cli: &Cli, args: &ScanArgs) -> Result<ExitCode> {
    let (mut store, day) = store_and_day(cli, args.when.date)?;
    let mut kiosk = Kiosk::new(&mut store, day.clone(), args.mode);
    let at = args.when.instant(&day)?;
    let mut stdout = std::io::stdout().lock();
    if let Some(payload) = &args.payload {
        let recorded = scan_line(&mut kiosk, payload.as_bytes(), at, args.json, &mut stdout)?;
        return Ok(if recorded {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        });
    }
    // A scan that cannot be recorded is said, and the next one read: a
    // scanner never stops on one. The exit status tells of any at the end.
    let mut all_recorded = true;
    for line in std::io::stdin().lock().split(b'\n') {
        let line = line?;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let at = args.when.instant(&day)?;
        all_recorded &= scan_line(&mut kiosk, &line, at, args.json, &mut stdout)?;
    }
    Ok(if all_recorded {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Scans one payload and prints its outcome once it is durably recorded,
/// or a `not_recorded` line saying why it is not. Returns whether it was
/// recorded.
fn scan_line(
    kiosk: &mut Kiosk<'_>,
    payload: &[u8],
    at: DateTime<Utc>,
    json: bool,
    out: &mut impl Write,
) -> Result<bool> {
    let line = match kiosk.scan(payload, at) {
        Ok(outcome) => {
            let notices = kiosk.notices_for(&outcome);
            (outcome_text(&outcome, &notices, kiosk.day(), json), true)
        }
        Err(e) => {
            let message = format!("Not recorded: scan again ({e})");
            let text = if json {
                serde_json::json!({"outcome": "not_recorded", "message": message}).to_string()
            } else {
                format!("not_recorded: {message}")
            };
            (text, false)
        }
    };
    writeln!(out, "{}", line.0)?;
    out.flush()?;
    Ok(line.1)
}

pub fn checkin(cli: &Cli, args: &CheckinArgs) -> Result<ExitCode> {
    let (mut store, day) = store_and_day(cli, args.when.date)?;
    let at = args.when.instant(&day)?;
    let booking = store.booking(&day, &args.badge)?;
    let mut kiosk = Kiosk::new(&mut store, day.clone(), ScanMode::CheckIn);
    let outcome = kiosk.check_in(&booking, at, Actor::Supervisor)?;
    let notices = kiosk.notices_for(&outcome);
    println!("{}", outcome_text(&outcome, &notices, &day, false));
    Ok(ExitCode::SUCCESS)
}

pub fn release(cli: &Cli, args: &ReleaseArgs) -> Result<ExitCode> {
    let (mut store, day) = store_and_day(cli, args.when.date)?;
    let at = args.when.instant(&day)?;
    let booking = match &args.badge {
        Some(badge) => Some(store.booking(&day, badge)?),
        None => None,
    };
    let mut kiosk = Kiosk::new(&mut store, day.clone(), ScanMode::CheckOut);
    match booking {
        Some(booking) => {
            let outcome = kiosk.release(&booking, at)?;
            let notices = kiosk.notices_for(&outcome);
            println!("{}", outcome_text(&outcome, &notices, &day, false));
        }
        None => {
            let count = kiosk.release_all(args.area.as_deref(), at)?;
            println!(
                "Released {count} at {}{}.",
                day.format_at(at),
                args.area
                    .as_ref()
                    .map(|a| format!(" from {a}"))
                    .unwrap_or_default()
            );
            // Pay is never held for an item: the release stands, the PA
            // is told what is still out today (whoever has it).
            let out = kiosk.store().items(kiosk.day(), None, true)?;
            if !out.is_empty() {
                println!("Items still out today (pay is not held for them):");
            }
            for item in out {
                println!(
                    "  {} {} {}: please return {}",
                    item.badge,
                    item.first_name,
                    item.last_name,
                    extras_kiosk::kiosk::items::return_words(&item)
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `meal forecast --area NAME --at T`: what calling the area's meal at T
/// costs, and the latest start that costs nothing.
fn meal_forecast(cli: &Cli, args: &MealArgs) -> Result<ExitCode> {
    let (store, day) = store_and_day(cli, args.when.date)?;
    let Some(area) = &args.area else {
        bail!("a forecast is for one holding area: add --area NAME");
    };
    let at = args.when.instant(&day)?;
    let f = extras_kiosk::kiosk::meal_clock::meal_forecast(&store, &day, area, at, Utc::now())?;
    if args.json {
        let json = serde_json::json!({
            "area": f.area,
            "at": day.format_at(f.at),
            "present": f.present,
            "penalised": f.penalised,
            "amount": f.amount.to_string(),
            "latest_free": f.latest_free.map(|t| day.format_at(t)),
        });
        println!("{json}");
        return Ok(ExitCode::SUCCESS);
    }
    let free = match f.latest_free {
        None => {
            println!(
                "{}: no one there to feed (nobody present and not at a meal).",
                f.area
            );
            return Ok(ExitCode::SUCCESS);
        }
        Some(t) => day.format_at(t),
    };
    if f.penalised == 0 {
        println!(
            "{}: a meal at {} costs nothing for the {} present (no penalty until {free}).",
            f.area,
            day.format_at(f.at),
            f.present
        );
    } else {
        println!(
            "{}: a meal by {free} costs nothing; at {}, {} of the {} present {} late: ${}.",
            f.area,
            day.format_at(f.at),
            f.penalised,
            f.present,
            if f.penalised == 1 { "is" } else { "are" },
            f.amount
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn meal(cli: &Cli, args: &MealArgs) -> Result<ExitCode> {
    if args.action == MealAction::Forecast {
        return meal_forecast(cli, args);
    }
    let (mut store, day) = store_and_day(cli, args.when.date)?;
    let at = args.when.instant(&day)?;
    let group = match (&args.badge, &args.area) {
        (Some(badge), _) => Group::One(Box::new(store.booking(&day, badge)?)),
        (None, Some(area)) => Group::Area(area.clone()),
        (None, None) => Group::All,
    };
    let kind = if args.ndb {
        MealKind::Ndb
    } else {
        MealKind::Meal
    };
    let start = matches!(args.action, MealAction::Start);
    let mut kiosk = Kiosk::new(&mut store, day.clone(), ScanMode::CheckIn);
    let count = kiosk.meal(&group, kind, start, at)?;
    println!(
        "{} {} for {count} at {}.",
        if args.ndb { "NDB" } else { "Meal" },
        if start { "started" } else { "ended" },
        day.format_at(at)
    );
    Ok(ExitCode::SUCCESS)
}

pub fn walkin(cli: &Cli, args: &WalkinArgs) -> Result<ExitCode> {
    let (mut store, day) = store_and_day(cli, args.when.date)?;
    let at = args.when.instant(&day)?;
    let call_at = match &args.call {
        Some(text) => day.parse_at(text)?,
        None => at,
    };
    let details = BookingDetails {
        first_name: args.first.trim().to_string(),
        last_name: args.last.trim().to_string(),
        category: args.category,
        union: if args.union {
            UnionStatus::Union
        } else {
            UnionStatus::NonUnion
        },
        rate: args.rate,
        call_at,
        wardrobe: None,
        phone: None,
        email: None,
        agency: None,
        notes: Some("walk-in".into()),
        paper_voucher: false,
        paperwork: Default::default(),
    };
    let mut kiosk = Kiosk::new(&mut store, day.clone(), ScanMode::CheckIn);
    let booking = kiosk.walk_in(&details, at)?;
    println!(
        "Added walk-in {} {} (call {}), not checked in yet: check them in when they scan, or with `extras-kiosk checkin --badge {}`. Print the badge with `extras-kiosk badges --badge {} --pdf FILE`.",
        booking.badge_no,
        booking.details.full_name(),
        day.format_at(booking.details.call_at),
        booking.badge_no,
        booking.badge_no
    );
    Ok(ExitCode::SUCCESS)
}

pub fn correct(cli: &Cli, args: &CorrectArgs) -> Result<ExitCode> {
    let (mut store, day) = store_and_day(cli, args.when.date)?;
    let at = args.when.instant(&day)?;
    let to = day.parse_at(&args.to)?;
    let booking = store.booking(&day, &args.badge)?;
    let mut kiosk = Kiosk::new(&mut store, day.clone(), ScanMode::CheckIn);
    kiosk.correct(&booking, args.field, to, &args.reason, at)?;
    println!(
        "Corrected {} of {} {} to {}.",
        args.field.code(),
        booking.badge_no,
        booking.details.full_name(),
        day.format_at(to)
    );
    Ok(ExitCode::SUCCESS)
}

pub fn undo(cli: &Cli, args: &UndoArgs) -> Result<ExitCode> {
    let (mut store, day) = store_and_day(cli, args.when.date)?;
    let at = args.when.instant(&day)?;
    let booking = store.booking(&day, &args.badge)?;
    let what = if args.checkin {
        Undo::CheckIn
    } else {
        Undo::Release
    };
    let mut kiosk = Kiosk::new(&mut store, day, ScanMode::CheckIn);
    kiosk.undo(&booking, what, &args.reason, at)?;
    println!(
        "Took back the {} of {} {}.",
        if args.checkin { "check-in" } else { "release" },
        booking.badge_no,
        booking.details.full_name()
    );
    Ok(ExitCode::SUCCESS)
}

pub fn bump(cli: &Cli, command: &BumpCommand) -> Result<ExitCode> {
    let (BumpCommand::Add(args) | BumpCommand::Remove(args)) = command;
    let (mut store, day) = store_and_day(cli, args.when.date)?;
    let at = args.when.instant(&day)?;
    let booking = store.booking(&day, &args.badge)?;
    let mut kiosk = Kiosk::new(&mut store, day, ScanMode::CheckIn);
    match command {
        BumpCommand::Add(_) => {
            let amount =
                kiosk.add_bump(&booking, args.kind, args.count, args.amount, &args.by, at)?;
            println!(
                "Added the bump {}{} to {} {}{}.",
                args.kind.code(),
                args.count.map(|n| format!(" x{n}")).unwrap_or_default(),
                booking.badge_no,
                booking.details.full_name(),
                amount.map(|a| format!(" ({a})")).unwrap_or_default()
            );
        }
        BumpCommand::Remove(_) => {
            kiosk.remove_bump(&booking, args.kind, &args.by, at)?;
            println!(
                "Removed the {} bump of {} {}.",
                args.kind.code(),
                booking.badge_no,
                booking.details.full_name()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn move_to(cli: &Cli, args: &MoveArgs) -> Result<ExitCode> {
    let (mut store, day) = store_and_day(cli, args.when.date)?;
    let at = args.when.instant(&day)?;
    let bookings = args
        .badges
        .iter()
        .map(|b| store.booking(&day, b))
        .collect::<Result<Vec<_>, _>>()?;
    let mut kiosk = Kiosk::new(&mut store, day, ScanMode::CheckIn);
    kiosk.move_to(&bookings, &args.area, at)?;
    println!("Moved {} to {}.", bookings.len(), args.area);
    Ok(ExitCode::SUCCESS)
}

pub fn log(cli: &Cli, args: &LogArgs) -> Result<ExitCode> {
    let (store, day) = store_and_day(cli, args.date)?;
    let booking_id = match &args.badge {
        Some(badge) => Some(store.booking(&day, badge)?.id),
        None => None,
    };
    for event in store.events(booking_id)? {
        println!(
            "{:>5} {} {:<16} {:<10} {:<8} {}",
            event.seq,
            format_local_iso(day.tz, event.happened_at),
            event.kind,
            event.actor,
            event.kiosk_id,
            event.payload
        );
    }
    // Who changed a phone or an email, never what it became.
    let date = day.date.format("%Y-%m-%d").to_string();
    for c in store.contact_changes(&date, args.badge.as_deref())? {
        println!(
            "      {} {:<16} {:<10} {:<8} {}",
            c.at,
            if c.purge {
                "contacts_purged"
            } else {
                "contacts_changed"
            },
            "kiosk",
            c.kiosk_id,
            c.badge
        );
    }
    if args.aside {
        let aside = store.events_aside()?;
        if aside.is_empty() {
            println!("No event is set aside.");
        }
        for a in aside {
            println!(
                "aside: kiosk {}'s event {} ({}) from {}: {}",
                a.kiosk_id,
                a.kiosk_seq.map_or_else(|| a.id.clone(), |n| n.to_string()),
                a.kind,
                a.source,
                a.reason
            );
        }
    }
    if args.verify {
        let report = store.verify_chain()?;
        match report.first_break {
            None => {
                let chains: Vec<String> = store
                    .kiosk_heads()?
                    .into_iter()
                    .map(|(kiosk, n)| match kiosk {
                        Some(k) => format!("kiosk {k}: {n}"),
                        None => format!("before kiosk chains: {n}"),
                    })
                    .collect();
                println!(
                    "The log is intact: {} events, every hash chained ({}).",
                    report.events,
                    chains.join(", ")
                );
            }
            Some(broken) => {
                eprintln!(
                    "The log is BROKEN at {broken}: keep this file as it is, copy it (`extras-kiosk backup FILE`) and tell the lead; keep checking in on another kiosk"
                );
                return Ok(ExitCode::FAILURE);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `pin set`: reads the new PIN from the terminal without echo, or from
/// standard input when it is not a terminal.
pub fn pin_set(cli: &Cli) -> Result<ExitCode> {
    use std::io::IsTerminal;
    let mut store = cli.open_store()?;
    let pin = if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("New supervisor PIN (4 to 8 digits): ")?;
        let again = rpassword::prompt_password("The same PIN again: ")?;
        if first != again {
            bail!(
                "the two PINs differ: nothing was changed; run `extras-kiosk pin set` again and type the same PIN twice"
            );
        }
        first
    } else {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line)?;
        line
    };
    extras_kiosk::kiosk::pin::set_pin(&mut store, &pin, Utc::now())?;
    println!("The supervisor PIN is set.");
    Ok(ExitCode::SUCCESS)
}

pub fn backup(cli: &Cli, file: &Path) -> Result<ExitCode> {
    let station = Station::open(cli.open_store()?, None)?;
    station.backup_to(file)?;
    println!(
        "Backed up {} to {}.",
        station.database_path().display(),
        file.display()
    );
    Ok(ExitCode::SUCCESS)
}
