//! `extras-kiosk kiosk` (and `extras-kiosk` alone): the touchscreen app.

use super::Cli;
use anyhow::Result;
use clap::Args;
use extras_kiosk::kiosk::{DEMO_PIN, ScanMode, Station, seed_demo};
use extras_kiosk::ui;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Args, Default)]
pub struct KioskArgs {
    /// Open in a window instead of fullscreen (for development)
    #[arg(long)]
    windowed: bool,
    /// What a scan records: checkin, or checkout at wrap. A kiosk starts
    /// in checkin whatever mode it was left in at last night's wrap.
    #[arg(long, default_value = "checkin")]
    mode: Option<ScanMode>,
    /// Open on a fresh temporary database seeded from the demo day (PIN 1234)
    #[arg(long)]
    demo: bool,
}

pub fn kiosk(cli: &Cli, args: &KioskArgs, started: Instant) -> Result<ExitCode> {
    if args.demo {
        let dir = std::env::temp_dir().join(format!("extras-kiosk-demo-{}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        let (store, demo) = seed_demo(&dir, chrono::Utc::now())?;
        eprintln!(
            "Demo database in {} (supervisor PIN {DEMO_PIN}); it is removed when the kiosk closes.",
            dir.display(),
        );
        let result = Station::open(store, Some(args.mode.unwrap_or(ScanMode::CheckIn)))
            .map_err(anyhow::Error::from)
            .and_then(|station| ui::run(station, args.windowed, demo, started));
        let _ = std::fs::remove_dir_all(&dir);
        result?;
    } else {
        let store = cli.open_store()?;
        ui::run(
            Station::open(store, Some(args.mode.unwrap_or(ScanMode::CheckIn)))?,
            args.windowed,
            Vec::new(),
            started,
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
