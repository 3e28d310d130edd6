//! One kiosk station: its database, its current shoot day, the production
//! read once, its scan mode and its typed settings. Every screen reads and
//! writes through here (and so through the kiosk core); the screens never
//! hold the store.

use super::meal_clock::{MealClock, MealForecast, meal_clocks, meal_forecasts};
use super::pin::{PinCheck, check_pin, set_pin};
use super::settings::{DaySettings, DeviceSettings};
use super::{Kiosk, KioskError, ScanMode};
use crate::badge::BadgeContent;
use crate::model::{Booking, Day, UnionStatus};
use crate::report::summary::{DaySoFar, VoucherSummary, day_so_far, voucher_summary};
use crate::report::{self, ExportRequest, ExportSummary};
use crate::store::{Production, Store, StoreError};
use chrono::{DateTime, Utc};

/// The time recorded for a disputed field, and where its picker starts.
pub type DisputeTimes = (Option<DateTime<Utc>>, Option<DateTime<Utc>>);
use std::path::{Path, PathBuf};

/// One row of the day's roster: a booking and where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct RosterLine {
    pub booking: Booking,
    pub checked_in: Option<DateTime<Utc>>,
    pub released: Option<DateTime<Utc>>,
    /// The holding area they are (or were last) in.
    pub area: Option<String>,
    /// A meal of theirs is started and not ended.
    pub meal_open: bool,
    /// A non-deductible breakfast of theirs is started and not ended.
    pub ndb_open: bool,
}

impl RosterLine {
    /// The roster's line of a time card.
    fn of(card: crate::store::TimeCard) -> RosterLine {
        let open =
            |records: &[crate::store::MealRecord]| records.iter().any(|m| m.ended_at.is_none());
        RosterLine {
            meal_open: open(&card.meals),
            ndb_open: open(&card.ndbs),
            checked_in: card.presence.as_ref().and_then(|p| p.checked_in_at),
            released: card.presence.as_ref().and_then(|p| p.released_at),
            area: card.area_name,
            booking: card.booking,
        }
    }
}

/// The day at one instant, as a dashboard shows it.
#[derive(Debug, Clone, Default)]
pub struct DayAt {
    pub roster: Vec<RosterLine>,
    pub clocks: Vec<super::meal_clock::MealClock>,
    pub forecasts: Vec<super::meal_clock::MealForecast>,
}

/// The day's counts as of one instant.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Headcount {
    pub booked: u32,
    pub arrived: u32,
    pub late: u32,
    pub missing: u32,
    pub in_holding: u32,
    pub released: u32,
    /// Who is in each holding area now: (name, present).
    pub present: Vec<(String, u32)>,
}

/// A kiosk station on one database.
pub struct Station {
    store: Store,
    day: Option<Day>,
    /// Read once: its id and secret never change.
    production: Option<Production>,
    mode: ScanMode,
    device: DeviceSettings,
}

impl Station {
    /// The station of `store`: its current day (if one is open), the
    /// settings it keeps, and the mode it scans in (`mode`, else the mode
    /// last chosen on the console). Events are labelled with the store's
    /// kiosk id as given.
    pub fn open(store: Store, mode: Option<ScanMode>) -> Result<Station, KioskError> {
        let device = DeviceSettings::load(&store)?;
        let day = match store.current_day() {
            Ok(day) => Some(day),
            Err(StoreError::NoCurrentDay) => None,
            Err(e) => return Err(e.into()),
        };
        let production = store.production()?;
        Ok(Station {
            mode: mode.unwrap_or(device.mode),
            store,
            day,
            production,
            device,
        })
    }

    /// A second station on the same database file, under the same kiosk id
    /// (for long work on a thread of its own).
    pub fn reopen(&self) -> Result<Station, KioskError> {
        let store = Store::open_as(self.store.path(), Some(self.store.kiosk_id()), None)?;
        let mut station = Station::open(store, Some(self.mode))?;
        station.day = self.day.clone();
        Ok(station)
    }

    /// The store, for the core's other modules.
    pub(super) fn store(&self) -> &Store {
        &self.store
    }

    pub(super) fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    /// The current shoot day, if one is open.
    pub fn day(&self) -> Option<&Day> {
        self.day.as_ref()
    }

    /// Reads the current day again (another process may have opened a
    /// new one or changed it).
    pub fn reload_day(&mut self) -> Result<Option<&Day>, KioskError> {
        self.day = match self.store.current_day() {
            Ok(day) => Some(day),
            Err(StoreError::NoCurrentDay) => None,
            Err(e) => return Err(e.into()),
        };
        Ok(self.day.as_ref())
    }

    /// The roster, the meal clocks and what lunch now costs, from one
    /// reading of the day's time cards (a dashboard's every change).
    pub fn day_at(&self, now: DateTime<Utc>) -> Result<DayAt, KioskError> {
        let day = self.require_day()?;
        let cards = self.store.time_cards(day)?;
        let rules = super::day_rules::day_rules(&self.store, day)?;
        let areas = self.store.areas(day)?;
        let clocks = super::meal_clock::clocks_of(&cards, areas.clone(), &rules, now);
        let forecasts = super::meal_clock::forecasts_of(&cards, &areas, &rules, now, now);
        let roster = cards.into_iter().map(RosterLine::of).collect();
        Ok(DayAt {
            roster,
            clocks,
            forecasts,
        })
    }

    /// The current shoot day, or the error saying there is none.
    pub fn require_day(&self) -> Result<&Day, KioskError> {
        self.day
            .as_ref()
            .ok_or(KioskError::Store(StoreError::NoCurrentDay))
    }

    pub fn mode(&self) -> ScanMode {
        self.mode
    }

    /// Switches what a scan records, and keeps the choice.
    pub fn set_mode(&mut self, mode: ScanMode) -> Result<(), KioskError> {
        self.mode = mode;
        let device = DeviceSettings {
            mode,
            ..self.device.clone()
        };
        self.save_device(device)
    }

    /// The kiosk core for the current day: every action goes through it.
    pub fn kiosk(&mut self) -> Result<Kiosk<'_>, KioskError> {
        let day = self.require_day()?.clone();
        Ok(Kiosk::with_production(
            &mut self.store,
            day,
            self.mode,
            self.production.clone(),
        ))
    }

    /// The database file this station records to.
    pub fn database_path(&self) -> &Path {
        self.store.path()
    }

    /// The id this kiosk records its events under.
    pub fn kiosk_id(&self) -> &str {
        self.store.kiosk_id()
    }

    /// The name people read for this kiosk ("Base camp"), if it has one.
    pub fn kiosk_name(&self) -> Option<&str> {
        self.store.identity().name.as_deref()
    }

    /// Renames this kiosk (its id stays).
    pub fn set_kiosk_name(&mut self, name: &str) -> Result<(), KioskError> {
        Ok(self.store.set_kiosk_name(name)?)
    }

    /// When this kiosk's latest event was recorded, if any.
    pub fn latest_recorded_at(&self) -> Result<Option<DateTime<Utc>>, KioskError> {
        Ok(self.store.latest_recorded_at()?)
    }

    pub fn device(&self) -> &DeviceSettings {
        &self.device
    }

    /// Keeps this kiosk's settings.
    pub fn save_device(&mut self, device: DeviceSettings) -> Result<(), KioskError> {
        device.save(&mut self.store)?;
        self.device = device;
        Ok(())
    }

    /// The current day's settings.
    pub fn day_settings(&mut self) -> Result<DaySettings, KioskError> {
        let day = self.require_day()?.clone();
        let rules = self.store.day_rules(&day)?;
        Ok(DaySettings {
            union_required: self.store.union_required(&day)?,
            union_rules: rules.of(UnionStatus::Union).name.clone(),
            non_union_rules: rules.of(UnionStatus::NonUnion).name.clone(),
        })
    }

    /// Keeps the current day's settings (the rules files are chosen with
    /// `extras-kiosk day rules`, and are not changed here).
    pub fn save_day_settings(&mut self, settings: &DaySettings) -> Result<(), KioskError> {
        self.kiosk()?.set_union_required(settings.union_required)
    }

    /// Checks a supervisor PIN (five wrong ones lock the pad a minute).
    pub fn check_pin(&mut self, pin: &str, at: DateTime<Utc>) -> Result<PinCheck, KioskError> {
        check_pin(&mut self.store, pin, at)
    }

    /// Sets a new supervisor PIN.
    pub fn set_pin(&mut self, pin: &str, at: DateTime<Utc>) -> Result<(), KioskError> {
        set_pin(&mut self.store, pin, at)
    }

    /// Copies the live database into `folder` under a name with the time
    /// (never overwriting one). Returns the copy's path.
    pub fn backup(&self, folder: &Path, at: DateTime<Utc>) -> Result<PathBuf, KioskError> {
        let path = folder.join(format!("kiosk-backup-{}.db", at.format("%Y%m%d-%H%M%S")));
        self.backup_to(&path)?;
        Ok(path)
    }

    /// Copies the live database to `path`, which must not exist yet.
    pub fn backup_to(&self, path: &Path) -> Result<(), KioskError> {
        if path.exists() {
            return Err(KioskError::Backup(format!(
                "{} already exists: choose a new name (backups are never overwritten)",
                path.display()
            )));
        }
        Ok(self.store.backup_to(path)?)
    }

    /// Every booking of the day with where it stands, in booking order.
    pub fn roster(&self) -> Result<Vec<RosterLine>, KioskError> {
        let day = self.require_day()?;
        Ok(self
            .store
            .time_cards(day)?
            .into_iter()
            .map(RosterLine::of)
            .collect())
    }

    /// Everyone not yet checked in (and still on the skin): whom the face's
    /// "No badge?" search may show.
    pub fn not_yet_here(&self) -> Result<Vec<Booking>, KioskError> {
        let day = self.require_day()?;
        Ok(self
            .store
            .bookings_with_arrival(day)?
            .into_iter()
            .filter(|(b, arrived)| !arrived && !b.removed_from_skin)
            .map(|(b, _)| b)
            .collect())
    }

    /// The day's counts as of `now`.
    pub fn headcount(&self, now: DateTime<Utc>) -> Result<Headcount, KioskError> {
        let status = self.store.status(self.require_day()?, now)?;
        Ok(Headcount {
            booked: status.booked,
            arrived: status.arrived,
            late: status.late,
            missing: status.missing,
            in_holding: status.in_holding,
            released: status.released,
            present: status
                .areas
                .into_iter()
                .map(|a| (a.name, a.present))
                .collect(),
        })
    }

    /// Each holding area's meal clock as of `now`.
    pub fn meal_clocks(&self, now: DateTime<Utc>) -> Result<Vec<MealClock>, KioskError> {
        meal_clocks(&self.store, self.require_day()?, now)
    }

    /// What calling each area's meal at `at` would cost.
    pub fn meal_forecasts(
        &self,
        at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<Vec<MealForecast>, KioskError> {
        meal_forecasts(&self.store, self.require_day()?, at, now)
    }

    /// `booking`'s day so far, as if released at `now`.
    pub fn day_so_far(&self, booking: &Booking, now: DateTime<Utc>) -> Option<DaySoFar> {
        day_so_far(
            &self.store,
            self.day.as_ref()?,
            booking,
            &super::public_name(booking),
            now,
        )
    }

    /// The voucher summary of `booking`, released at `out`.
    pub fn voucher_summary(
        &self,
        booking: &Booking,
        out: DateTime<Utc>,
    ) -> Result<VoucherSummary, KioskError> {
        Ok(voucher_summary(
            &self.store,
            self.require_day()?,
            booking,
            out,
        ))
    }

    /// When `booking` was released, if they were.
    /// The time recorded for `field` of `booking`, and where a picker for
    /// it starts (the recorded time, or a guess when there is none).
    pub fn dispute_times(
        &self,
        booking: &Booking,
        field: super::TimeField,
    ) -> Result<DisputeTimes, KioskError> {
        let day = self.require_day()?;
        Ok((
            super::disputes::recorded_time(&self.store, day, booking, field)?,
            super::disputes::picker_start(&self.store, day, booking, field)?,
        ))
    }

    /// The current day's booking with badge number `badge`.
    pub fn booking(&self, badge: &str) -> Result<Booking, KioskError> {
        Ok(self.store.booking(self.require_day()?, badge)?)
    }

    pub fn released_at(&self, booking: &Booking) -> Result<Option<DateTime<Utc>>, KioskError> {
        Ok(self.store.presence(booking.id)?.and_then(|p| p.released_at))
    }

    /// What the badges of `badges` say (for printing).
    pub fn badge_contents(&self, badges: &[String]) -> Result<Vec<BadgeContent>, KioskError> {
        Ok(crate::badge::contents_for_day(
            &self.store,
            self.require_day()?,
            badges,
        )?)
    }

    /// Exports the current day as `request` asks, reporting progress.
    pub fn export(
        &mut self,
        request: &ExportRequest,
        now: DateTime<Utc>,
        progress: report::Progress<'_>,
    ) -> Result<ExportSummary, report::ExportError> {
        let day = self
            .day
            .clone()
            .ok_or(report::ExportError::Store(StoreError::NoCurrentDay))?;
        report::export(&mut self.store, &day, request, now, progress)
    }

    /// The PA text when no day is open: what to run.
    pub fn no_day_text(&self) -> String {
        format!(
            "Open the day and import the skin first:\n  extras-kiosk --db {db} day open --date YYYY-MM-DD --title \"...\" --call 06:30\n  extras-kiosk --db {db} areas import areas.csv\n  extras-kiosk --db {db} import skin.csv\nThen start the kiosk again. To try it out: extras-kiosk kiosk --demo",
            db = self.store.path().display()
        )
    }
}
