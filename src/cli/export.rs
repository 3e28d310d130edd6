//! Commands that close the day: `export` (vouchers and background count)
//! and `purge` (contact details, after an export).

use super::{Cli, parse_date, store_and_day};
use anyhow::Result;
use chrono::{NaiveDate, Utc};
use clap::Args;
use extras_kiosk::kiosk::{Kiosk, ScanMode};
use extras_kiosk::report::paper::VoucherPaper;
use extras_kiosk::report::{self, ExportRequest, Format, Privacy};
use indicatif::{ProgressBar, ProgressStyle};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct ExportArgs {
    /// The day (default: the current day)
    #[arg(long, value_parser = parse_date)]
    date: Option<NaiveDate>,
    /// The folder to write into (a mounted USB stick, say)
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Which files: csv (vouchers and background count), xlsx, pdf
    #[arg(long, value_delimiter = ',', default_value = "csv,pdf,xlsx")]
    format: Vec<Format>,
    /// Export even with extras not released (listed as not_released, no amounts)
    #[arg(long)]
    allow_open: bool,
    /// Export even while a kiosk may hold events the hub has not received
    #[arg(long)]
    allow_unsynced: bool,
    /// Export even with released vouchers not approved, on a day that requires approval
    #[arg(long)]
    allow_unapproved: bool,
    /// Paper of paper-vouchers-<date>.pdf (written when someone asked for a paper voucher): letter or a4
    #[arg(long, default_value = "letter")]
    paper: VoucherPaper,
}

#[derive(clap::Subcommand)]
pub enum VoucherCommand {
    /// Record that an extra asked for a paper voucher (--off takes it back)
    Paper(PaperArgs),
    /// The day's vouchers with what needs a look (blocking flags first) and their approval
    Review(super::review::ReviewArgs),
    /// Approve one voucher (--badge) or every clean one (--clean) before payroll
    Approve(super::review::ApproveArgs),
}

#[derive(Args)]
pub struct PaperArgs {
    #[arg(long)]
    badge: String,
    /// The extra takes the electronic voucher after all
    #[arg(long)]
    off: bool,
    /// The day (default: the current day)
    #[arg(long, value_parser = parse_date)]
    date: Option<NaiveDate>,
}

#[derive(Args)]
pub struct PurgeArgs {
    /// The day whose contact details to remove
    #[arg(long, value_parser = parse_date)]
    date: NaiveDate,
}

pub fn export(cli: &Cli, args: &ExportArgs) -> Result<ExitCode> {
    let (mut store, day) = store_and_day(cli, args.date)?;
    let request = ExportRequest {
        out_dir: args.out.clone(),
        formats: args.format.clone(),
        allow_open: args.allow_open,
        allow_unsynced: args.allow_unsynced,
        allow_unapproved: args.allow_unapproved,
        paper: args.paper,
    };
    let bar = ProgressBar::hidden();
    let mut progress = |what: &str, done: usize, of: usize| {
        // A bar only for the long part: many PDF pages.
        if of >= 50 && bar.is_hidden() {
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            bar.set_length(of as u64);
            bar.set_style(
                ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}")
                    .expect("a valid template"),
            );
        }
        bar.set_message(what.to_string());
        bar.set_position(done as u64);
    };
    let summary = report::export(&mut store, &day, &request, Utc::now(), &mut progress)?;
    bar.finish_and_clear();
    for file in &summary.files {
        println!("wrote {}", file.display());
    }
    println!(
        "{} vouchers: {} released, {} not released, {} no-shows. Gross {}.",
        summary.vouchers, summary.released, summary.not_released, summary.no_shows, summary.gross
    );
    if summary.privacy == Privacy::NoPermissions {
        eprintln!(
            "note: {} keeps no file permissions (a FAT or exFAT stick?): anyone with it can read the vouchers; keep it safe",
            args.out.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn voucher(cli: &Cli, command: &VoucherCommand) -> Result<ExitCode> {
    let args = match command {
        VoucherCommand::Paper(args) => args,
        VoucherCommand::Review(args) => return super::review::review(cli, args),
        VoucherCommand::Approve(args) => return super::review::approve(cli, args),
    };
    let (mut store, day) = store_and_day(cli, args.date)?;
    let booking = store.booking(&day, &args.badge)?;
    let mut kiosk = Kiosk::new(&mut store, day, ScanMode::CheckIn);
    let booking = kiosk.set_paper_voucher(&booking, !args.off, Utc::now())?;
    println!(
        "{} {}: {}.",
        booking.badge_no,
        booking.details.full_name(),
        if booking.details.paper_voucher {
            "a paper voucher (the check-in card sends them to the PA; the export writes paper-vouchers-<date>.pdf)"
        } else {
            "an electronic voucher"
        }
    );
    Ok(ExitCode::SUCCESS)
}

pub fn purge(cli: &Cli, args: &PurgeArgs) -> Result<ExitCode> {
    let (mut store, day) = store_and_day(cli, Some(args.date))?;
    let n = report::purge(&mut store, &day)?;
    println!(
        "Removed the phone numbers and emails of {n} people booked on {}. Vouchers and the log are kept.",
        day.date
    );
    Ok(ExitCode::SUCCESS)
}
