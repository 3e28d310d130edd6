//! Commands that set up a shoot day: `day open`, `import`, `areas`, `status`.

use super::{Cli, machine_zone, parse_date, store_and_day};
use anyhow::{Context, Result, bail};
use chrono::{NaiveDate, Utc};
use clap::{Args, Subcommand};
use extras_kiosk::kiosk::day_rules::{day_rules, set_day_rules};
use extras_kiosk::kiosk::{Kiosk, ScanMode};
use extras_kiosk::model::{Category, HoldingArea, UnionStatus, parse_clock};
use extras_kiosk::skin::{self, ImportOptions, SkinError};
use extras_kiosk::store::DayUpdate;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum DayCommand {
    /// Create the day, or select it as the current day (and update the fields given)
    Open {
        /// The shoot date, YYYY-MM-DD (default: today)
        #[arg(long, value_parser = parse_date)]
        date: Option<NaiveDate>,
        /// Title and episode, e.g. "Harbor Lights Ep 104"
        #[arg(long)]
        title: Option<String>,
        /// Where the day shoots
        #[arg(long)]
        location: Option<String>,
        /// Default call time for bookings without one, e.g. 06:30
        #[arg(long, value_name = "HH:MM")]
        call: Option<String>,
        /// IANA time zone of the day, e.g. America/Los_Angeles (default: the machine's)
        #[arg(long)]
        tz: Option<String>,
        /// The production's title (set once; default: the day's title)
        #[arg(long)]
        production: Option<String>,
    },
    /// Name the rules files the day pays by (default: the shipped ones); prints the rules in effect
    Rules {
        /// The day (default: the current day)
        #[arg(long, value_parser = parse_date)]
        date: Option<NaiveDate>,
        /// Rules file for union bookings (TOML, like fixtures/rules/sag-aftra-2023-background.toml)
        #[arg(long, value_name = "FILE")]
        union: Option<PathBuf>,
        /// Rules file for non-union bookings
        #[arg(long, value_name = "FILE")]
        non_union: Option<PathBuf>,
    },
    /// Set the union background the day must have present (`none` clears it);
    /// the console's dashboard shows who is present against it
    UnionRequired {
        /// A number of people, or `none`
        count: String,
        /// The day (default: the current day)
        #[arg(long, value_parser = parse_date)]
        date: Option<NaiveDate>,
    },
    /// Whether released vouchers must be approved before `export` (default no)
    RequireApproval {
        /// yes or no
        #[arg(value_enum)]
        required: YesNo,
        /// The day (default: the current day)
        #[arg(long, value_parser = parse_date)]
        date: Option<NaiveDate>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum YesNo {
    Yes,
    No,
}

#[derive(Args)]
pub struct ImportArgs {
    /// The skin file: .csv or .xlsx (first sheet)
    file: PathBuf,
    /// The day to import into (default: the current day)
    #[arg(long, value_parser = parse_date)]
    date: Option<NaiveDate>,
    /// Allow a skin that removes more than half of the day's bookings
    #[arg(long)]
    replace: bool,
}

#[derive(Subcommand)]
pub enum AreasCommand {
    /// Add a holding area
    Add {
        name: String,
        /// How many people it holds
        #[arg(long)]
        capacity: u32,
        /// Where it is, e.g. "Church basement"
        #[arg(long)]
        location: Option<String>,
        /// Only union background go here
        #[arg(long, conflicts_with = "non_union_only")]
        union_only: bool,
        /// Only non-union background go here
        #[arg(long)]
        non_union_only: bool,
        /// Only these categories go here, e.g. stand-in,photo-double
        #[arg(long, value_delimiter = ',', value_parser = parse_category)]
        categories: Vec<Category>,
        #[arg(long, value_parser = parse_date)]
        date: Option<NaiveDate>,
    },
    /// Add every area of a CSV file (name,capacity,location,union,categories)
    Import {
        file: PathBuf,
        #[arg(long, value_parser = parse_date)]
        date: Option<NaiveDate>,
    },
    /// List the day's holding areas in their order
    List {
        #[arg(long, value_parser = parse_date)]
        date: Option<NaiveDate>,
    },
}

#[derive(Args)]
pub struct StatusArgs {
    /// Print one JSON object
    #[arg(long)]
    json: bool,
    /// As of this time: HH:MM, HH:MM+1 or YYYY-MM-DDTHH:MM (default: now)
    #[arg(long)]
    at: Option<String>,
    #[arg(long, value_parser = parse_date)]
    date: Option<NaiveDate>,
}

pub fn parse_category(text: &str) -> Result<Category, String> {
    Category::parse_loose(text).ok_or_else(|| {
        format!(
            "'{text}' is not a category: write general, special-ability, stand-in or photo-double"
        )
    })
}

pub fn day(cli: &Cli, command: &DayCommand) -> Result<ExitCode> {
    let (date, title, location, call, tz, production) = match command {
        DayCommand::Open {
            date,
            title,
            location,
            call,
            tz,
            production,
        } => (date, title, location, call, tz, production),
        DayCommand::Rules {
            date,
            union,
            non_union,
        } => return rules(cli, *date, union.as_deref(), non_union.as_deref()),
        DayCommand::UnionRequired { count, date } => return union_required(cli, count, *date),
        DayCommand::RequireApproval { required, date } => {
            return require_approval(cli, *required == YesNo::Yes, *date);
        }
    };
    let default_call = match call {
        Some(text) => {
            let clock = parse_clock(text)?;
            if clock.days_after != 0 {
                bail!("the default call is a time of the day itself: drop the +1");
            }
            Some(clock.time)
        }
        None => None,
    };
    let tz = match tz {
        Some(name) => Some(name.parse().map_err(|_| {
            anyhow::anyhow!(
                "'{name}' is not an IANA time zone: write e.g. America/Los_Angeles or Europe/Madrid"
            )
        })?),
        None => None,
    };
    let mut store = cli.open_store()?;
    let update = DayUpdate {
        date: *date,
        title: title.clone(),
        location: location.clone(),
        default_call,
        tz,
        production_title: production.clone(),
    };
    let (day, created) = store.open_day(&update, machine_zone())?;
    println!(
        "{} {} ({}){}{}, times in {}. It is now the current day.",
        if created { "Opened" } else { "Selected" },
        day.date.format("%a %-d %b %Y"),
        day.title,
        day.location
            .as_ref()
            .map(|l| format!(" at {l}"))
            .unwrap_or_default(),
        day.default_call
            .map(|c| format!(", default call {}", c.format("%H:%M")))
            .unwrap_or_default(),
        day.tz.name()
    );
    Ok(ExitCode::SUCCESS)
}

fn rules(
    cli: &Cli,
    date: Option<NaiveDate>,
    union: Option<&std::path::Path>,
    non_union: Option<&std::path::Path>,
) -> Result<ExitCode> {
    let (mut store, day) = store_and_day(cli, date)?;
    for (status, path) in [
        (UnionStatus::Union, union),
        (UnionStatus::NonUnion, non_union),
    ] {
        if let Some(path) = path {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the rules file {}", path.display()))?;
            set_day_rules(
                &mut store,
                &day,
                status,
                &text,
                &path.display().to_string(),
                Utc::now(),
            )?;
        }
    }
    let rules = day_rules(&store, &day)?;
    for status in [UnionStatus::Union, UnionStatus::NonUnion] {
        let r = rules.of(status);
        println!(
            "{:<9} {}: general {}, special ability {}, stand-in {}, photo double {}; overtime {}; meal grace {} min",
            status.code(),
            r.name,
            r.rates.general,
            r.rates.special_ability,
            r.rates.stand_in,
            r.rates.photo_double,
            r.overtime
                .iter()
                .map(|o| format!("{}x after {} h", o.multiplier, o.after_hours))
                .collect::<Vec<_>>()
                .join(", "),
            r.meals.grace_minutes
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn import(cli: &Cli, args: &ImportArgs) -> Result<ExitCode> {
    let (mut store, day) = store_and_day(cli, args.date)?;
    match skin::import(
        &mut store,
        &day,
        &args.file,
        ImportOptions {
            replace: args.replace,
        },
    ) {
        Ok(report) => {
            for warning in &report.warnings {
                eprintln!("warning: {warning}");
            }
            println!(
                "Imported {} into {} ({}): {} added, {} updated, {} unchanged, {} removed.",
                args.file.display(),
                day.date.format("%a %-d %b %Y"),
                day.title,
                report.added,
                report.updated,
                report.unchanged,
                report.removed
            );
            for booking in &report.kept_checked_in {
                println!(
                    "  kept: {} {} is no longer on the skin but already checked in: see the PA",
                    booking.badge_no,
                    booking.details.full_name()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(SkinError::Invalid(problems)) => {
            for p in &problems {
                eprintln!("{p}");
            }
            eprintln!(
                "error: {} problem{} in {}; nothing was imported. Fix the file and import it again.",
                problems.len(),
                if problems.len() == 1 { "" } else { "s" },
                args.file.display()
            );
            Ok(ExitCode::FAILURE)
        }
        Err(other) => Err(other.into()),
    }
}

pub fn areas(cli: &Cli, command: &AreasCommand) -> Result<ExitCode> {
    match command {
        AreasCommand::Add {
            name,
            capacity,
            location,
            union_only,
            non_union_only,
            categories,
            date,
        } => {
            let (mut store, day) = store_and_day(cli, *date)?;
            let union_filter = match (union_only, non_union_only) {
                (true, _) => Some(UnionStatus::Union),
                (_, true) => Some(UnionStatus::NonUnion),
                _ => None,
            };
            let area = store.add_area(
                &day,
                &HoldingArea {
                    id: 0,
                    day_id: day.id,
                    name: name.clone(),
                    location: location.clone(),
                    capacity: *capacity,
                    union_filter,
                    category_filter: categories.clone(),
                    order: 0,
                },
            )?;
            println!(
                "Added {} (capacity {}), number {} in order.",
                area.name, area.capacity, area.order
            );
        }
        AreasCommand::Import { file, date } => {
            let (mut store, day) = store_and_day(cli, *date)?;
            let bytes =
                std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
            let areas = match extras_kiosk::areas_file::parse_areas(
                &bytes,
                &file.display().to_string(),
            ) {
                Ok(areas) => areas,
                Err(problems) => {
                    for p in &problems {
                        eprintln!("{p}");
                    }
                    bail!(
                        "{} problem(s) in {}; no area was added: fix the lines above and import the file again",
                        problems.len(),
                        file.display()
                    );
                }
            };
            for area in &areas {
                store.add_area(&day, area)?;
            }
            println!("Added {} holding areas.", areas.len());
        }
        AreasCommand::List { date } => {
            let (store, day) = store_and_day(cli, *date)?;
            let areas = store.areas(&day)?;
            if areas.is_empty() {
                println!(
                    "No holding areas yet: add one with `extras-kiosk areas add NAME --capacity N`."
                );
            }
            for a in areas {
                let mut filters = Vec::new();
                if let Some(u) = a.union_filter {
                    filters.push(format!("{} only", u.code()));
                }
                if !a.category_filter.is_empty() {
                    filters.push(
                        a.category_filter
                            .iter()
                            .map(|c| c.code())
                            .collect::<Vec<_>>()
                            .join(", "),
                    );
                }
                println!(
                    "{:>2}. {:<20} capacity {:>4}  {}{}",
                    a.order,
                    a.name,
                    a.capacity,
                    a.location.unwrap_or_default(),
                    if filters.is_empty() {
                        String::new()
                    } else {
                        format!("  [{}]", filters.join("; "))
                    }
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn status(cli: &Cli, args: &StatusArgs) -> Result<ExitCode> {
    let (store, day) = store_and_day(cli, args.date)?;
    let at = match &args.at {
        Some(text) => day.parse_at(text)?,
        None => Utc::now(),
    };
    let mut status = store.status(&day, at)?;
    status.disputes_open = extras_kiosk::report::review::disputes_open(&store, &day)?;
    // The day's counts stand even when a voucher cannot be computed yet.
    status.vouchers_unapproved = match extras_kiosk::report::review::unapproved(&store, &day) {
        Ok(n) => Some(n),
        Err(e) => {
            eprintln!("warning: the vouchers cannot be reviewed yet: {e}");
            None
        }
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&status)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{}, {} as of {} ({})",
        day.title,
        day.date.format("%a %-d %b %Y"),
        day.format_at(at),
        day.tz.name()
    );
    println!(
        "booked {}  arrived {}  late {}  missing {}  in holding {}  released {}",
        status.booked,
        status.arrived,
        status.late,
        status.missing,
        status.in_holding,
        status.released
    );
    if status.paperwork_pending > 0 {
        println!(
            "paperwork pending for {} present: see `extras-kiosk paperwork verify`",
            status.paperwork_pending
        );
    }
    for area in &status.areas {
        println!(
            "  {:<24} {:>4} / {}",
            area.name, area.present, area.capacity
        );
    }
    if !status.conflicts.is_empty() {
        println!(
            "{} conflict(s) between kiosks to check (resolve with `extras-kiosk conflict resolve ID --note \"...\"`):",
            status.conflicts.len()
        );
        for c in &status.conflicts {
            println!(
                "  {}  {:<16} {:<8} kiosks {}  at {}",
                c.id,
                c.kind,
                c.badge.as_deref().unwrap_or("(group)"),
                c.kiosks.join(", "),
                c.at
            );
            if c.kind == "bad_event" {
                println!(
                    "      an event of kiosk {} did not verify and was set aside with its later events (see `extras-kiosk log --aside`); the other kiosks' events are taken. On that kiosk run `extras-kiosk rejoin`, or cut it off with `extras-kiosk hub retire URL {}` on the lead",
                    c.kiosks.join(", "),
                    c.kiosks.join(" ")
                );
            }
        }
    }
    if status.disputes_open > 0 {
        println!(
            "{} dispute(s) of vouchers open: see `extras-kiosk dispute list`",
            status.disputes_open
        );
    }
    if let Some(n) = status.vouchers_unapproved.filter(|n| *n > 0) {
        println!("{n} released voucher(s) not approved: see `extras-kiosk voucher review`");
    }
    if !status.newer_kinds.is_empty() {
        println!(
            "events from a kiosk on a newer extras-kiosk arrived ({}): they are kept; update this kiosk to read them",
            status.newer_kinds.join(", ")
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `day union-required N|none`.
fn union_required(cli: &Cli, count: &str, date: Option<NaiveDate>) -> Result<ExitCode> {
    let required = match count.trim() {
        "none" | "" => None,
        text => Some(text.parse::<u32>().map_err(|_| {
            anyhow::anyhow!("'{text}' is not a number of people: write e.g. 40, or none")
        })?),
    };
    let (mut store, day) = store_and_day(cli, date)?;
    let mut kiosk = Kiosk::new(&mut store, day.clone(), ScanMode::CheckIn);
    kiosk.set_union_required(required)?;
    match required {
        Some(n) => println!(
            "{} needs {n} union background present.",
            day.date.format("%a %-d %b %Y")
        ),
        None => println!(
            "{} has no union background count set.",
            day.date.format("%a %-d %b %Y")
        ),
    }
    Ok(ExitCode::SUCCESS)
}

/// `day require-approval yes|no`.
fn require_approval(cli: &Cli, required: bool, date: Option<NaiveDate>) -> Result<ExitCode> {
    let (mut store, day) = store_and_day(cli, date)?;
    let mut kiosk = Kiosk::new(&mut store, day.clone(), ScanMode::CheckIn);
    kiosk.set_approval_required(required)?;
    if required {
        println!(
            "{}: export waits until every released voucher is approved (see `extras-kiosk voucher review`).",
            day.date.format("%a %-d %b %Y")
        );
    } else {
        println!(
            "{}: vouchers export without approval.",
            day.date.format("%a %-d %b %Y")
        );
    }
    Ok(ExitCode::SUCCESS)
}
