//! Command-line definitions (clap) and dispatch to the library.

mod app;
mod badges;
mod day;
mod export;
mod hub;
mod items;
mod kiosk;
mod kiosks;
mod reference;
mod review;
mod web;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use extras_kiosk::store::Store;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "extras-kiosk",
    version,
    about = "Check-in kiosk for background actors: skins, badges, holding areas, vouchers"
)]
pub struct Cli {
    /// The production database (default: the platform data dir,
    /// e.g. ~/.local/share/extras-kiosk/kiosk.db)
    #[arg(long, global = true, env = "EXTRAS_KIOSK_DB", value_name = "PATH")]
    db: Option<PathBuf>,

    /// This kiosk's id, given when its database is made (default: a short
    /// generated id); a database is one kiosk, so another id is refused
    #[arg(long, global = true, env = "EXTRAS_KIOSK_ID", value_name = "ID")]
    kiosk: Option<String>,

    /// This kiosk's display name, e.g. "Base camp" (kept with its id)
    // An id of its own: a command's NAME (an area's, a web user's) must
    // never be taken for the kiosk's.
    #[arg(id = "kiosk_name", long = "name", global = true, value_name = "NAME")]
    name: Option<String>,

    /// Without a command, the kiosk app opens (as `extras-kiosk kiosk`)
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Open the touchscreen kiosk (fullscreen; leaving it needs the PIN)
    Kiosk(app::KioskArgs),
    /// Create or select the shoot day
    Day {
        #[command(subcommand)]
        command: day::DayCommand,
    },
    /// Import the day's skin (CSV or XLSX); all rows or none
    Import(day::ImportArgs),
    /// Define and list holding areas
    Areas {
        #[command(subcommand)]
        command: day::AreasCommand,
    },
    /// The day at a glance: booked, arrived, late, missing, in holding, released
    Status(day::StatusArgs),
    /// Write badges: one PNG each, or a PDF sheet (and print it)
    Badges(badges::BadgesArgs),
    /// Reissue or void one badge
    Badge {
        #[command(subcommand)]
        command: badges::BadgeCommand,
    },
    /// Check a scanned badge payload
    Token {
        #[command(subcommand)]
        command: badges::TokenCommand,
    },
    /// Record a scanned badge (check-in or check-out)
    Scan(kiosk::ScanArgs),
    /// Check in an extra without their badge
    Checkin(kiosk::CheckinArgs),
    /// Release one extra, a holding area, or everyone present
    Release(kiosk::ReleaseArgs),
    /// Move checked-in extras to another holding area
    Move(kiosk::MoveArgs),
    /// Start or end a meal (or an NDB with --ndb) for one extra, an area, or everyone present
    Meal(kiosk::MealArgs),
    /// Add or remove a bump (wardrobe, smoke, wet, ...) for one extra
    Bump {
        #[command(subcommand)]
        command: kiosk::BumpCommand,
    },
    /// Add a walk-in: someone not on the skin, with a badge of their own
    Walkin(kiosk::WalkinArgs),
    /// Correct a recorded time (a reason is required)
    Correct(kiosk::CorrectArgs),
    /// Take back a check-in or a release made by mistake (a reason is required)
    Undo(kiosk::UndoArgs),
    /// Print the history of the day (or of one badge); --verify checks the hash chain
    Log(kiosk::LogArgs),
    /// Write the vouchers (CSV, XLSX, PDF) and the background count for wrap
    Export(export::ExportArgs),
    /// Wardrobe and props handed to extras, and back
    Items {
        #[command(subcommand)]
        command: items::ItemsCommand,
    },
    /// Start paperwork (I-9 and the rest): verified or rejected by the PA
    Paperwork {
        #[command(subcommand)]
        command: items::PaperworkCommand,
    },
    /// Pay a non-union extra as union for the day (a line, a special business)
    Upgrade(items::UpgradeArgs),
    /// An extra's dispute of their voucher: file it, list them, accept or reject one
    Dispute {
        #[command(subcommand)]
        command: review::DisputeCommand,
    },
    /// Vouchers: reviewed and approved before payroll, or on paper for an extra who asks
    Voucher {
        #[command(subcommand)]
        command: export::VoucherCommand,
    },
    /// Remove the day's phone numbers and emails once its vouchers are exported
    Purge(export::PurgeArgs),
    /// The supervisor PIN
    Pin {
        #[command(subcommand)]
        command: PinCommand,
    },
    /// Make --db a new kiosk of the production in SOURCE (give --kiosk ID, and --name)
    Join {
        /// The lead kiosk's database file, or the hub (postgresql://...)
        source: PathBuf,
    },
    /// The production's kiosks this database knows, with their walk-in badge ranges
    Kiosks,
    /// Exchange events with another kiosk's database, a carry file (made when FILE is new), or the hub
    Sync {
        /// Another kiosk's database, a carry file, or the hub (postgresql://...)
        file: PathBuf,
        /// With a hub: keep exchanging as events happen, until stopped
        #[arg(long)]
        follow: bool,
    },
    /// The production's PostgreSQL hub, on the set's own network
    Hub {
        #[command(subcommand)]
        command: hub::HubCommand,
    },
    /// A database restored from a backup continues as a new kiosk (give --kiosk NEWID)
    Rejoin,
    /// Conflicts between kiosks (listed by status)
    Conflict {
        #[command(subcommand)]
        command: kiosks::ConflictCommand,
    },
    /// Copy the live database consistently (do it at lunch and at wrap)
    Backup {
        /// Where to write the copy
        file: PathBuf,
    },
    /// Serve the web app (dashboard, roster, review, wrap) on this kiosk's file
    Serve(web::ServeArgs),
    /// The web app's people: `web user add|list|remove|password`
    Web {
        #[command(subcommand)]
        command: web::WebCommand,
    },
    /// Print the shell completion script (bash, zsh or fish) to standard output
    Completions {
        /// bash, zsh or fish
        #[arg(value_enum)]
        shell: reference::Shell,
    },
    /// Print the manual page (roff) to standard output: `extras-kiosk manual | man -l -`
    Manual,
}

#[derive(Subcommand)]
enum PinCommand {
    /// Set the PIN (read without echo, or from standard input)
    Set,
}

fn default_db() -> PathBuf {
    directories::ProjectDirs::from("", "", "extras-kiosk")
        .map(|dirs| dirs.data_dir().join("kiosk.db"))
        .unwrap_or_else(|| PathBuf::from("kiosk.db"))
}

impl Cli {
    fn open_store(&self) -> Result<Store> {
        let path = self.db.clone().unwrap_or_else(default_db);
        Ok(Store::open_as(
            &path,
            self.kiosk.as_deref(),
            self.name.as_deref(),
        )?)
    }

    /// The store, its kiosk's name left as it is: for a command whose
    /// `--name` names another kiosk (`hub add-kiosk`).
    fn open_store_keeping_name(&self) -> Result<Store> {
        let path = self.db.clone().unwrap_or_else(default_db);
        Ok(Store::open_as(&path, self.kiosk.as_deref(), None)?)
    }
}

/// Reads `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("'{text}' is not a date: write YYYY-MM-DD, e.g. 2026-11-28"))
}

pub fn run(started: std::time::Instant) -> ExitCode {
    let cli = Cli::parse();
    let Some(command) = &cli.command else {
        return finish(app::kiosk(&cli, &app::KioskArgs::default(), started));
    };
    let outcome = match command {
        Command::Kiosk(args) => app::kiosk(&cli, args, started),
        Command::Day { command } => day::day(&cli, command),
        Command::Import(args) => day::import(&cli, args),
        Command::Areas { command } => day::areas(&cli, command),
        Command::Status(args) => day::status(&cli, args),
        Command::Badges(args) => badges::badges(&cli, args),
        Command::Badge { command } => badges::badge(&cli, command),
        Command::Token { command } => badges::token(&cli, command),
        Command::Scan(args) => kiosk::scan(&cli, args),
        Command::Checkin(args) => kiosk::checkin(&cli, args),
        Command::Release(args) => kiosk::release(&cli, args),
        Command::Move(args) => kiosk::move_to(&cli, args),
        Command::Meal(args) => kiosk::meal(&cli, args),
        Command::Walkin(args) => kiosk::walkin(&cli, args),
        Command::Bump { command } => kiosk::bump(&cli, command),
        Command::Correct(args) => kiosk::correct(&cli, args),
        Command::Undo(args) => kiosk::undo(&cli, args),
        Command::Log(args) => kiosk::log(&cli, args),
        Command::Backup { file } => kiosk::backup(&cli, file),
        Command::Join { source } => kiosks::join(&cli, source),
        Command::Kiosks => kiosks::list(&cli),
        Command::Sync { file, follow } => kiosks::sync(&cli, file, *follow),
        Command::Hub { command } => hub::hub(&cli, command),
        Command::Rejoin => kiosks::rejoin(&cli),
        Command::Conflict { command } => kiosks::conflict(&cli, command),
        Command::Export(args) => export::export(&cli, args),
        Command::Voucher { command } => export::voucher(&cli, command),
        Command::Dispute { command } => review::dispute(&cli, command),
        Command::Items { command } => items::items(&cli, command),
        Command::Paperwork { command } => items::paperwork(&cli, command),
        Command::Upgrade(args) => items::upgrade(&cli, args),
        Command::Purge(args) => export::purge(&cli, args),
        Command::Pin {
            command: PinCommand::Set,
        } => kiosk::pin_set(&cli),
        Command::Serve(args) => web::serve(&cli, args),
        Command::Web { command } => web::web(&cli, command),
        Command::Completions { shell } => reference::completions(*shell),
        Command::Manual => reference::manual(),
    };
    finish(outcome)
}

fn finish(outcome: Result<ExitCode>) -> ExitCode {
    match outcome {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {}", said(&e));
            if let Some(hint) = hint(&e) {
                eprintln!("{hint}");
            }
            ExitCode::FAILURE
        }
    }
}

/// The error and its causes, each said once: a cause whose words the
/// message before already holds (thiserror puts `{source}` in the text
/// and returns it as the source too) is not said again.
fn said(e: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in e.chain() {
        let words = cause.to_string();
        if !text.contains(&words) {
            if !text.is_empty() {
                text.push_str(": ");
            }
            text.push_str(&words);
        }
    }
    text
}

/// What to type for an error the kiosk core words without naming flags
/// (the console shows the same errors to a PA who has no command line).
fn hint(e: &anyhow::Error) -> Option<String> {
    use extras_kiosk::kiosk::KioskError;
    use extras_kiosk::report::ExportError;
    use extras_kiosk::skin::SkinError;
    use extras_kiosk::store::StoreError;
    e.chain().find_map(|cause| {
        if let Some(ExportError::OpenMeal { badge, what, .. }) = cause.downcast_ref::<ExportError>()
        {
            let ndb = if what == "meal" { "" } else { " --ndb" };
            return Some(format!(
                "end it with: extras-kiosk meal end --badge {badge}{ndb} --at HH:MM (the time it ended)"
            ));
        }
        let store = cause.downcast_ref::<StoreError>().or_else(|| {
            match (
                cause.downcast_ref::<KioskError>(),
                cause.downcast_ref::<ExportError>(),
                cause.downcast_ref::<SkinError>(),
            ) {
                (Some(KioskError::Store(s)), ..)
                | (_, Some(ExportError::Store(s)), _)
                | (.., Some(SkinError::Store(s))) => Some(s),
                _ => None,
            }
        });
        match (cause.downcast_ref::<KioskError>(), store) {
            (Some(KioskError::ReasonNeeded), _) | (_, Some(StoreError::ReasonNeeded)) => Some(
                "add --reason \"...\" (for `conflict resolve`: --note \"...\")".to_string(),
            ),
            (Some(KioskError::NoSuchArea(_)), _) => {
                Some("see the day's areas with: extras-kiosk areas list".to_string())
            }
            (_, Some(StoreError::NoCurrentDay)) => Some(
                "open it with: extras-kiosk day open --date YYYY-MM-DD --title \"...\"".to_string(),
            ),
            _ => None,
        }
    })
}

pub use extras_kiosk::model::machine_zone;

/// Opens the store and the day on `date`, or the current day.
pub fn store_and_day(
    cli: &Cli,
    date: Option<NaiveDate>,
) -> Result<(Store, extras_kiosk::model::Day)> {
    let store = cli.open_store()?;
    let day = store
        .day_or_current(date)
        .with_context(|| format!("in {}", store.path().display()))?;
    Ok((store, day))
}
