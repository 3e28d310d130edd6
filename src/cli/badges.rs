//! Commands for badges: `badges` (PNG or PDF, optionally printed), `badge
//! reissue|void`, and `token verify`.

use super::{Cli, parse_date, store_and_day};
use anyhow::{Context, Result, bail};
use chrono::{NaiveDate, Utc};
use clap::{Args, Subcommand};
use extras_kiosk::badge::{self, FontBook, Paper};
use extras_kiosk::kiosk::{Kiosk, ScanMode};
use indicatif::{ProgressBar, ProgressStyle};
use std::path::PathBuf;
use std::process::{Command, ExitCode};

/// Dots per inch of badge PNGs: what card printers print.
const PNG_DPI: f32 = 300.0;

#[derive(Args)]
#[command(group(clap::ArgGroup::new("output").required(true).args(["pdf", "png_dir"])))]
pub struct BadgesArgs {
    #[arg(long, value_parser = parse_date)]
    date: Option<NaiveDate>,
    /// Write a PDF sheet
    #[arg(long, value_name = "FILE")]
    pdf: Option<PathBuf>,
    /// Paper of the PDF: letter or a4 (8 badges a page, cut marks) or cr80 (one card a page)
    #[arg(long, default_value = "letter", requires = "pdf")]
    paper: Paper,
    /// Write one PNG per badge (300 dpi) into this folder
    #[arg(long, value_name = "DIR")]
    png_dir: Option<PathBuf>,
    /// Only these badges, e.g. --badge B-0001 --badge B-0002
    #[arg(long = "badge", value_name = "B-NNNN")]
    badges: Vec<String>,
    /// Send the PDF to the system printer (CUPS `lp`)
    #[arg(long, requires = "pdf")]
    print: bool,
}

#[derive(Subcommand)]
pub enum BadgeCommand {
    /// Issue a badge again: the old printout is refused as voided
    Reissue {
        badge: String,
        #[arg(long)]
        reason: String,
        #[arg(long, value_parser = parse_date)]
        date: Option<NaiveDate>,
    },
    /// Void a badge: every printout is refused until it is reissued
    Void {
        badge: String,
        #[arg(long)]
        reason: String,
        #[arg(long, value_parser = parse_date)]
        date: Option<NaiveDate>,
    },
}

#[derive(Subcommand)]
pub enum TokenCommand {
    /// Print what the kiosk would make of a scanned payload
    Verify {
        payload: String,
        #[arg(long, value_parser = parse_date)]
        date: Option<NaiveDate>,
    },
}

fn progress_bar(len: usize, what: &str) -> ProgressBar {
    // A bar only when there are enough to wait for.
    if len < 20 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    bar.set_style(
        ProgressStyle::with_template(&format!("{{bar:40}} {{pos}}/{{len}} {what} ({{eta}} left)"))
            .expect("a valid template"),
    );
    bar
}

pub fn badges(cli: &Cli, args: &BadgesArgs) -> Result<ExitCode> {
    let (store, day) = store_and_day(cli, args.date)?;
    let contents = badge::contents_for_day(&store, &day, &args.badges)?;
    if contents.is_empty() {
        bail!(
            "the day has no bookings yet: import the skin first (`extras-kiosk import SKIN.csv`)"
        );
    }
    let fonts = FontBook::new();
    let laid: Vec<badge::Badge> = badge::lay_out_all(&contents, &fonts);
    for warning in laid.iter().flat_map(|b| &b.warnings) {
        eprintln!("warning: {warning}");
    }
    if let Some(dir) = &args.png_dir {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let bar = progress_bar(laid.len(), "badges");
        // Drawn and written on every core; the first failure is reported.
        let written = badge::on_all_cores(&laid, |b| {
            let path = dir.join(format!("{}.png", b.badge_no));
            let done = std::fs::write(&path, badge::render_png(b, &fonts, PNG_DPI))
                .with_context(|| format!("cannot write {}", path.display()));
            bar.inc(1);
            done
        });
        written.into_iter().collect::<Result<Vec<()>>>()?;
        bar.finish_and_clear();
        println!(
            "Wrote {} badge PNG{} (300 dpi, CR80) to {}.",
            laid.len(),
            if laid.len() == 1 { "" } else { "s" },
            dir.display()
        );
    }
    if let Some(pdf) = &args.pdf {
        let pages = laid.len().div_ceil(args.paper.badges_per_page());
        let bar = progress_bar(pages, "pages");
        let bytes = badge::write_pdf(&laid, &fonts, args.paper, |_| bar.inc(1))
            .map_err(anyhow::Error::msg)?;
        bar.finish_and_clear();
        let tmp = pdf.with_extension("pdf.part");
        std::fs::write(&tmp, bytes).with_context(|| format!("cannot write {}", tmp.display()))?;
        std::fs::rename(&tmp, pdf).with_context(|| format!("cannot write {}", pdf.display()))?;
        println!(
            "Wrote {} badge{} on {pages} page{} to {}.",
            laid.len(),
            if laid.len() == 1 { "" } else { "s" },
            if pages == 1 { "" } else { "s" },
            pdf.display()
        );
        if args.print {
            return print(pdf);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Sends `pdf` to the default printer through CUPS.
fn print(pdf: &std::path::Path) -> Result<ExitCode> {
    match Command::new("lp")
        .arg("-t")
        .arg("extras-kiosk badges")
        .arg(pdf)
        .output()
    {
        Ok(out) if out.status.success() => {
            println!(
                "Sent to the printer: {}",
                String::from_utf8_lossy(&out.stdout).trim()
            );
            Ok(ExitCode::SUCCESS)
        }
        Ok(out) => bail!(
            "the printer refused the job: {} (the PDF is at {}; print it by hand)",
            String::from_utf8_lossy(&out.stderr).trim(),
            pdf.display()
        ),
        Err(_) => bail!(
            "there is no printing system (CUPS `lp`) on this machine: the PDF is at {}; print it from another machine, or install cups",
            pdf.display()
        ),
    }
}

pub fn badge(cli: &Cli, command: &BadgeCommand) -> Result<ExitCode> {
    let (BadgeCommand::Reissue {
        badge,
        reason,
        date,
    }
    | BadgeCommand::Void {
        badge,
        reason,
        date,
    }) = command;
    let (mut store, day) = store_and_day(cli, *date)?;
    let mut kiosk = Kiosk::new(&mut store, day, ScanMode::CheckIn);
    match command {
        BadgeCommand::Reissue { .. } => {
            let booking = kiosk.reissue_badge(badge, reason, Utc::now())?;
            println!(
                "Reissued {} for {} (issue {}): older printouts are refused from now on. Print it with `extras-kiosk badges --badge {} --pdf FILE`.",
                booking.badge_no,
                booking.details.full_name(),
                booking.badge_issue,
                booking.badge_no
            );
        }
        BadgeCommand::Void { .. } => {
            let booking = kiosk.void_badge(badge, reason, Utc::now())?;
            println!(
                "Voided {} for {}: every printout is refused until it is reissued.",
                booking.badge_no,
                booking.details.full_name()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn token(cli: &Cli, command: &TokenCommand) -> Result<ExitCode> {
    let TokenCommand::Verify { payload, date } = command;
    let (store, day) = store_and_day(cli, *date)?;
    match badge::verify_payload(&store, &day, payload.as_bytes())? {
        Ok(accepted) => {
            let booking = store.booking(&day, &accepted.token.badge)?;
            println!(
                "valid: {} {} (issue {}), {} {}",
                booking.badge_no,
                booking.details.full_name(),
                accepted.token.issue,
                booking.details.category,
                booking.details.union
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(refusal) => {
            println!("refused ({}): {}", refusal.code(), refusal.message());
            Ok(ExitCode::FAILURE)
        }
    }
}
