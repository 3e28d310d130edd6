//! The day seen before payroll from the command line: `dispute file`,
//! `dispute list`, `dispute accept` and `dispute reject`; `voucher review`
//! and `voucher approve`.

use super::kiosk::When;
use super::{Cli, parse_date, store_and_day};
use anyhow::Result;
use chrono::{DateTime, NaiveDate, Utc};
use clap::Args;
use extras_kiosk::kiosk::{Approved, Dispute, DisputeAbout, DisputeClaim, Kiosk, ScanMode};
use extras_kiosk::model::{Day, Money, format_local_iso};
use extras_kiosk::pay::BumpKind;
use extras_kiosk::report::review::Flag;
use extras_kiosk::store::Actor;
use serde_json::json;
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum DisputeCommand {
    /// File a dispute for an extra: what is wrong, and what they say it was
    File(FileArgs),
    /// The day's disputes, open first
    List(ListArgs),
    /// Accept a dispute: the change the extra asked for is made (a time, a meal, a bump)
    Accept(DecideArgs),
    /// Reject a dispute, saying why (--note is required)
    Reject(DecideArgs),
}

#[derive(Args)]
pub struct FileArgs {
    #[arg(long)]
    badge: String,
    /// in, out, ndb_out, ndb_in, meal1_out, meal1_in, meal2_out, meal2_in, bump or other
    #[arg(long)]
    about: DisputeAbout,
    /// The time the extra says: HH:MM, HH:MM+1 or YYYY-MM-DDTHH:MM (a time dispute)
    #[arg(long, conflicts_with = "bump")]
    claimed: Option<String>,
    /// The bump that is missing (with --about bump)
    #[arg(long)]
    bump: Option<BumpKind>,
    /// Its amount in dollars, for the kinds the production prices
    #[arg(long, value_parser = Money::parse_rate, requires = "bump")]
    amount: Option<Money>,
    /// A few words (at most 140 characters)
    #[arg(long, default_value = "")]
    words: String,
    #[command(flatten)]
    when: When,
}

#[derive(Args)]
pub struct ListArgs {
    /// Print a JSON array
    #[arg(long)]
    json: bool,
    #[arg(long, value_parser = parse_date)]
    date: Option<NaiveDate>,
}

#[derive(Args)]
pub struct DecideArgs {
    /// The dispute's id (from `dispute list`; its first 6 characters do)
    id: String,
    /// Who decides (it goes on the record)
    #[arg(long)]
    by: String,
    /// What was done, or why not (required to reject, and to accept "other")
    #[arg(long, default_value = "")]
    note: String,
    #[command(flatten)]
    when: When,
}

#[derive(Args)]
pub struct ReviewArgs {
    /// Print a JSON array, one object per booking of the day
    #[arg(long)]
    json: bool,
    /// Only the vouchers with this flag (unsigned, disputed, ...)
    #[arg(long, value_parser = parse_flag)]
    flag: Option<Flag>,
    #[arg(long, value_parser = parse_date)]
    date: Option<NaiveDate>,
}

#[derive(Args)]
#[command(group(clap::ArgGroup::new("which").required(true).args(["badge", "clean"])))]
pub struct ApproveArgs {
    /// The voucher of this badge
    #[arg(long)]
    badge: Option<String>,
    /// Every released voucher with nothing blocking
    #[arg(long)]
    clean: bool,
    /// Who approves (it goes on the record)
    #[arg(long)]
    by: String,
    /// Why a voucher with a blocking flag is approved anyway ("left before signing")
    #[arg(long, default_value = "", conflicts_with = "clean")]
    note: String,
    #[command(flatten)]
    when: When,
}

fn parse_flag(text: &str) -> Result<Flag, String> {
    Flag::from_code(text.trim()).ok_or_else(|| {
        let all: Vec<&str> = Flag::ALL.iter().map(|f| f.code()).collect();
        format!("'{text}' is not a flag: write one of {}", all.join(", "))
    })
}

fn time(day: &Day, at: Option<DateTime<Utc>>) -> serde_json::Value {
    at.map_or(serde_json::Value::Null, |t| {
        json!(format_local_iso(day.tz, t))
    })
}

fn dispute_json(day: &Day, d: &Dispute) -> serde_json::Value {
    json!({
        "id": d.id,
        "badge": d.booking.badge_no,
        "name": d.booking.details.full_name(),
        "about": d.about.code(),
        "recorded": time(day, d.recorded),
        "claimed": time(day, d.claimed),
        "bump": d.bump,
        "amount": d.amount.map(|a| a.to_string()),
        "words": (!d.words.is_empty()).then_some(&d.words),
        "status": d.status.code(),
        "filed_at": time(day, Some(d.filed_at)),
        "decided_by": d.decided_by,
        "decided_at": time(day, d.decided_at),
        "note": d.note,
    })
}

pub fn dispute(cli: &Cli, command: &DisputeCommand) -> Result<ExitCode> {
    match command {
        DisputeCommand::File(args) => file(cli, args),
        DisputeCommand::List(args) => list(cli, args),
        DisputeCommand::Accept(args) => decide(cli, args, true),
        DisputeCommand::Reject(args) => decide(cli, args, false),
    }
}

fn file(cli: &Cli, args: &FileArgs) -> Result<ExitCode> {
    let (mut store, day) = store_and_day(cli, args.when.date)?;
    let at = args.when.instant(&day)?;
    let claimed = args
        .claimed
        .as_deref()
        .map(|t| day.parse_at(t))
        .transpose()?;
    if matches!(args.about, DisputeAbout::Time(_)) && claimed.is_none() {
        anyhow::bail!(
            "a dispute of the {} says what time the extra gives: add --claimed HH:MM",
            args.about.words()
        );
    }
    if args.about == DisputeAbout::Bump && args.bump.is_none() {
        anyhow::bail!("say which bump is missing: add --bump KIND (e.g. --bump wet)");
    }
    let booking = store.booking(&day, &args.badge)?;
    let mut kiosk = Kiosk::new(&mut store, day.clone(), ScanMode::CheckIn);
    let claim = DisputeClaim {
        about: Some(args.about),
        claimed,
        bump: args.bump,
        amount: args.amount,
        words: args.words.clone(),
    };
    let id = kiosk.file_dispute(&booking, &claim, Actor::Supervisor, at)?;
    let d = kiosk.dispute(&id)?;
    println!(
        "Filed dispute {} for {} {}: {}. Decide it with `extras-kiosk dispute accept {} --by NAME` or `dispute reject {} --by NAME --note \"...\"`.",
        d.id,
        booking.badge_no,
        booking.details.full_name(),
        d.describe(&day),
        &d.id[..8],
        &d.id[..8]
    );
    Ok(ExitCode::SUCCESS)
}

fn list(cli: &Cli, args: &ListArgs) -> Result<ExitCode> {
    let (mut store, day) = store_and_day(cli, args.date)?;
    let kiosk = Kiosk::new(&mut store, day.clone(), ScanMode::CheckIn);
    let mut disputes = kiosk.disputes()?;
    // Open first, then by when filed.
    disputes.sort_by_key(|d| {
        (
            d.status != extras_kiosk::kiosk::DisputeStatus::Open,
            d.filed_at,
        )
    });
    if args.json {
        let all: Vec<serde_json::Value> = disputes.iter().map(|d| dispute_json(&day, d)).collect();
        println!("{}", serde_json::to_string_pretty(&all)?);
        return Ok(ExitCode::SUCCESS);
    }
    if disputes.is_empty() {
        println!("No disputes on {}.", day.date.format("%a %-d %b %Y"));
        return Ok(ExitCode::SUCCESS);
    }
    for d in &disputes {
        println!(
            "{}  {:<8} {:<24} {:<9} filed {}: {}{}",
            &d.id[..12],
            d.booking.badge_no,
            d.booking.details.full_name(),
            d.status.code(),
            day.format_at(d.filed_at),
            d.describe(&day),
            d.recorded
                .map(|r| format!(" (recorded {})", day.format_at(r)))
                .unwrap_or_default()
        );
        if let Some(by) = &d.decided_by {
            println!(
                "              {} by {by}{}{}",
                d.status.code(),
                d.decided_at
                    .map(|t| format!(" at {}", day.format_at(t)))
                    .unwrap_or_default(),
                d.note
                    .as_deref()
                    .filter(|n| !n.is_empty())
                    .map(|n| format!(": {n}"))
                    .unwrap_or_default()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn decide(cli: &Cli, args: &DecideArgs, accept: bool) -> Result<ExitCode> {
    let (mut store, day) = store_and_day(cli, args.when.date)?;
    let at = args.when.instant(&day)?;
    let mut kiosk = Kiosk::new(&mut store, day.clone(), ScanMode::CheckIn);
    let d = if accept {
        kiosk.accept_dispute(&args.id, &args.by, &args.note, at)?
    } else {
        kiosk.reject_dispute(&args.id, &args.by, &args.note, at)?
    };
    println!(
        "{} the dispute of {} {} ({}){}.",
        if accept { "Accepted" } else { "Rejected" },
        d.booking.badge_no,
        d.booking.details.full_name(),
        d.describe(&day),
        if accept && matches!(d.about, DisputeAbout::Time(_) | DisputeAbout::Bump) {
            ": the voucher is changed"
        } else {
            ""
        }
    );
    Ok(ExitCode::SUCCESS)
}

pub fn review(cli: &Cli, args: &ReviewArgs) -> Result<ExitCode> {
    let (mut store, day) = store_and_day(cli, args.date)?;
    let kiosk = Kiosk::new(&mut store, day.clone(), ScanMode::CheckIn);
    let mut reviews = kiosk.review()?;
    if let Some(flag) = args.flag {
        reviews.retain(|r| r.flags.contains(&flag));
    }
    if args.json {
        let all: Vec<serde_json::Value> = reviews
            .iter()
            .map(|r| {
                json!({
                    "badge": r.badge,
                    "name": r.name,
                    "status": r.status.code(),
                    "gross": r.gross.to_string(),
                    "flags": r.flags.iter().map(|f| f.code()).collect::<Vec<_>>(),
                    "approved_by": r.approval.as_ref().map(|a| a.by.clone()),
                    "approved_at": time(&day, r.approval.as_ref().map(|a| a.at)),
                })
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&all)?);
        return Ok(ExitCode::SUCCESS);
    }
    let released = reviews
        .iter()
        .filter(|r| r.status == extras_kiosk::report::VoucherStatus::Released)
        .count();
    let approved = reviews.iter().filter(|r| r.approval.is_some()).count();
    let clean = reviews.iter().filter(|r| r.is_clean()).count();
    println!(
        "{}, {}: {} vouchers, {released} released, {approved} approved, {clean} clean to approve.",
        day.title,
        day.date.format("%a %-d %b %Y"),
        reviews.len()
    );
    let mut counts: Vec<String> = Vec::new();
    for f in Flag::ALL {
        let n = reviews.iter().filter(|r| r.flags.contains(&f)).count();
        if n > 0 {
            counts.push(format!(
                "{n} {}{}",
                f.code(),
                if f.blocking() { " (blocks)" } else { "" }
            ));
        }
    }
    if !counts.is_empty() {
        println!("Flags: {}", counts.join(", "));
    }
    // No-shows are counted above; listed only when asked for.
    let no_shows = if args.flag == Some(Flag::NoShow) {
        0
    } else {
        reviews
            .iter()
            .filter(|r| r.flags.contains(&Flag::NoShow))
            .count()
    };
    for r in reviews
        .iter()
        .filter(|r| no_shows == 0 || !r.flags.contains(&Flag::NoShow))
    {
        println!(
            "  {:<8} {:<26} {:<12} {:>9}  {}{}",
            r.badge,
            r.name,
            r.status.code(),
            r.gross.to_string(),
            match &r.approval {
                Some(a) => format!("approved by {} {}", a.by, format_local_iso(day.tz, a.at)),
                None if r.status == extras_kiosk::report::VoucherStatus::NoShow => String::new(),
                None => "not approved".into(),
            },
            if r.flags.is_empty() {
                String::new()
            } else {
                format!(
                    "  [{}]",
                    r.flags
                        .iter()
                        .map(|f| f.code())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        );
    }
    if no_shows > 0 {
        println!("  and {no_shows} no-shows (nothing to pay; `--flag no_show` lists them)");
    }
    if clean > 0 {
        println!("Approve the clean ones with `extras-kiosk voucher approve --clean --by NAME`.");
    }
    Ok(ExitCode::SUCCESS)
}

pub fn approve(cli: &Cli, args: &ApproveArgs) -> Result<ExitCode> {
    let (mut store, day) = store_and_day(cli, args.when.date)?;
    let at = args.when.instant(&day)?;
    let mut kiosk = Kiosk::new(&mut store, day.clone(), ScanMode::CheckIn);
    if let Some(badge) = &args.badge {
        match kiosk.approve_voucher(badge, &args.by, &args.note, at)? {
            Approved::Now(r) => println!(
                "Approved the voucher of {} {} ({}) by {}.",
                r.badge,
                r.name,
                r.gross,
                args.by.trim()
            ),
            Approved::Already(r) => println!(
                "The voucher of {} {} was approved already{}; unchanged since.",
                r.badge,
                r.name,
                r.approval
                    .map(|a| format!(" by {} at {}", a.by, format_local_iso(day.tz, a.at)))
                    .unwrap_or_default()
            ),
        }
        return Ok(ExitCode::SUCCESS);
    }
    let done = kiosk.approve_clean(&args.by, at)?;
    println!("{}", done.words(args.by.trim()));
    for (badge, name, flags) in &done.left {
        println!(
            "  {badge} {name}: {}",
            flags
                .iter()
                .map(|f| f.code())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    if !done.left.is_empty() {
        println!(
            "Settle them, or approve one with a note: `extras-kiosk voucher approve --badge B --by NAME --note \"...\"`."
        );
    }
    Ok(ExitCode::SUCCESS)
}
