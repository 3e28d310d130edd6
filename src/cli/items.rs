//! Commands for what happens to one extra beside the scans: wardrobe and
//! props out and back (`items`), start paperwork verified or rejected
//! (`paperwork`), a same-day upgrade to union (`upgrade`).

use super::kiosk::When;
use super::{Cli, store_and_day};
use anyhow::Result;
use clap::Args;
use extras_kiosk::kiosk::items::return_words;
use extras_kiosk::kiosk::{ItemKind, ItemMatch, Kiosk, ScanMode};
use extras_kiosk::model::{Money, Paperwork, format_local_iso};
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum ItemsCommand {
    /// Hand an item to an extra
    Issue(IssueArgs),
    /// Take an item back
    Return(ReturnArgs),
    /// The day's items, or only those still out
    List(ListArgs),
}

#[derive(Args)]
pub struct IssueArgs {
    #[arg(long)]
    badge: String,
    /// wardrobe, prop or other
    #[arg(long)]
    kind: ItemKind,
    /// What it is, e.g. "Rifle (rubber)"
    #[arg(long)]
    what: String,
    /// Its tag number, unique among items out
    #[arg(long)]
    tag: Option<String>,
    /// Who handed it out (kept in the log)
    #[arg(long, default_value = "PA")]
    by: String,
    #[command(flatten)]
    when: When,
}

#[derive(Args)]
#[command(group(clap::ArgGroup::new("which").required(true).args(["tag", "what"])))]
pub struct ReturnArgs {
    #[arg(long)]
    badge: String,
    #[arg(long)]
    tag: Option<String>,
    #[arg(long)]
    what: Option<String>,
    #[command(flatten)]
    when: When,
}

#[derive(Args)]
pub struct ListArgs {
    /// Only the items still out
    #[arg(long)]
    outstanding: bool,
    /// A JSON list of objects
    #[arg(long)]
    json: bool,
    #[arg(long, value_parser = super::parse_date)]
    date: Option<chrono::NaiveDate>,
}

pub fn items(cli: &Cli, command: &ItemsCommand) -> Result<ExitCode> {
    match command {
        ItemsCommand::Issue(args) => {
            let (mut store, day) = store_and_day(cli, args.when.date)?;
            let at = args.when.instant(&day)?;
            let booking = store.booking(&day, &args.badge)?;
            let mut kiosk = Kiosk::new(&mut store, day, ScanMode::CheckIn);
            let item = kiosk.issue_item(
                &booking,
                args.kind,
                &args.what,
                args.tag.as_deref(),
                &args.by,
                at,
            )?;
            println!(
                "{} {} has {} (to return: {}).",
                booking.badge_no,
                booking.details.full_name(),
                item.what,
                return_words(&item)
            );
        }
        ItemsCommand::Return(args) => {
            let (mut store, day) = store_and_day(cli, args.when.date)?;
            let at = args.when.instant(&day)?;
            let booking = store.booking(&day, &args.badge)?;
            let which = match (&args.tag, &args.what) {
                (Some(tag), _) => ItemMatch::Tag(tag.clone()),
                (None, Some(what)) => ItemMatch::What(what.clone()),
                (None, None) => unreachable!("clap requires --tag or --what"),
            };
            let mut kiosk = Kiosk::new(&mut store, day, ScanMode::CheckIn);
            let item = kiosk.return_item(&booking, &which, at)?;
            println!(
                "{} {} returned {}.",
                booking.badge_no,
                booking.details.full_name(),
                item.what
            );
        }
        ItemsCommand::List(args) => {
            let (store, day) = store_and_day(cli, args.date)?;
            let items = store.items(&day, None, args.outstanding)?;
            let time = |t| format_local_iso(day.tz, t);
            if args.json {
                let list: Vec<serde_json::Value> = items
                    .iter()
                    .map(|i| {
                        serde_json::json!({
                            "badge": i.badge,
                            "name": format!("{} {}", i.first_name, i.last_name).trim().to_string(),
                            "kind": i.kind,
                            "what": i.what,
                            "tag": i.tag,
                            "issued_at": time(i.issued_at),
                            "issued_by": i.issued_by,
                            "returned_at": i.returned_at.map(time),
                        })
                    })
                    .collect();
                println!("{}", serde_json::to_string_pretty(&list)?);
                return Ok(ExitCode::SUCCESS);
            }
            if items.is_empty() {
                println!("No items{}.", if args.outstanding { " out" } else { "" });
            }
            for i in &items {
                println!(
                    "{} {} {}: {} {}{} (by {} at {}){}",
                    i.badge,
                    i.first_name,
                    i.last_name,
                    i.kind,
                    i.what,
                    i.tag
                        .as_deref()
                        .map(|t| format!(" [{t}]"))
                        .unwrap_or_default(),
                    i.issued_by,
                    day.format_at(i.issued_at),
                    match i.returned_at {
                        Some(t) => format!(", back at {}", day.format_at(t)),
                        None => ", out".into(),
                    }
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Subcommand)]
pub enum PaperworkCommand {
    /// The PA inspected the documents: the extra may work
    Verify(PaperworkArgs),
    /// The documents are not in order (a note is required)
    Reject(PaperworkArgs),
}

#[derive(Args)]
pub struct PaperworkArgs {
    #[arg(long)]
    badge: String,
    /// What was seen or what is missing (kept in the log)
    #[arg(long, default_value = "")]
    note: String,
    #[command(flatten)]
    when: When,
}

pub fn paperwork(cli: &Cli, command: &PaperworkCommand) -> Result<ExitCode> {
    let (args, decision) = match command {
        PaperworkCommand::Verify(a) => (a, Paperwork::Verified),
        PaperworkCommand::Reject(a) => (a, Paperwork::Rejected),
    };
    let (mut store, day) = store_and_day(cli, args.when.date)?;
    let at = args.when.instant(&day)?;
    let booking = store.booking(&day, &args.badge)?;
    let mut kiosk = Kiosk::new(&mut store, day, ScanMode::CheckIn);
    let booking = kiosk.decide_paperwork(&booking, decision, &args.note, at)?;
    println!(
        "{} {}: paperwork {}.",
        booking.badge_no,
        booking.details.full_name(),
        booking.details.paperwork.code()
    );
    Ok(ExitCode::SUCCESS)
}

#[derive(Args)]
pub struct UpgradeArgs {
    #[arg(long)]
    badge: String,
    /// The union status they are paid under for the day: union
    #[arg(long)]
    to: String,
    /// Why (a line, a special business); kept in the log and on the voucher
    #[arg(long)]
    reason: String,
    /// The union day rate (default: the union rules' rate for the category)
    #[arg(long, value_parser = Money::parse_rate)]
    rate: Option<Money>,
    #[command(flatten)]
    when: When,
}

pub fn upgrade(cli: &Cli, args: &UpgradeArgs) -> Result<ExitCode> {
    if !args.to.trim().eq_ignore_ascii_case("union") {
        anyhow::bail!(
            "'{}' is not an upgrade: write --to union (a union extra stays union)",
            args.to
        );
    }
    let (mut store, day) = store_and_day(cli, args.when.date)?;
    let at = args.when.instant(&day)?;
    let booking = store.booking(&day, &args.badge)?;
    let mut kiosk = Kiosk::new(&mut store, day, ScanMode::CheckIn);
    let booking = kiosk.upgrade_to_union(&booking, args.rate, &args.reason, at)?;
    println!(
        "{} {} is union for the day{}: the voucher is computed under the union rules.",
        booking.badge_no,
        booking.details.full_name(),
        booking
            .details
            .rate
            .map(|r| format!(" at {r}"))
            .unwrap_or_default()
    );
    Ok(ExitCode::SUCCESS)
}
