//! The supervisor console's controller, with no Slint types: the roster and
//! the open requests held for the screen, and every console action as a
//! typed method on the kiosk station that returns a notice or an error.
//! Adapters register a callback to hear that something changed.

use super::console_forms::{ConsoleError, Notice, Outcome};
use super::face::SharedStation;
use super::printing::print_badge;
use crate::kiosk::meal_clock::{MealClock, MealForecast};
use crate::kiosk::roster::{Roster, RosterFilter};
use crate::kiosk::{Headcount, Kiosk, OpenRequest, ScanMode, TimeField, Undo};
use crate::model::{Booking, Day, HoldingArea, Money, UnionStatus};
use crate::pay::BumpKind;
use chrono::{DateTime, Utc};
use std::cell::{Cell, Ref, RefCell};
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

/// What changed, so an adapter redraws only what it must.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Changed {
    /// The roster's rows shown or the row picked (a key in the search).
    Roster,
    /// Something was recorded or read again: every tab.
    Day,
    /// The hub this kiosk follows was set (or unset).
    Hub,
}

/// The dashboard's figures.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Dashboard {
    pub headcount: Headcount,
    pub union_here: usize,
    pub union_required: Option<u32>,
    /// Each area with who is in it and its meal clock.
    pub areas: Vec<(HoldingArea, u32, Option<MealClock>)>,
}

pub type Clock = Rc<dyn Fn() -> DateTime<Utc>>;

/// Who hears that something changed (the adapters).
type Listener = Rc<dyn Fn(Changed)>;

pub struct ConsoleController {
    pub(super) station: SharedStation,
    pub(super) clock: Clock,
    pub(super) roster: RefCell<Roster>,
    pub(super) requests: RefCell<Vec<OpenRequest>>,
    pub(super) selected_area: Cell<Option<i64>>,
    pub(super) listeners: RefCell<Vec<Listener>>,
    pub(super) exporting: Arc<AtomicBool>,
    /// How far from now the dashboard's meal forecast looks, in minutes.
    pub(super) forecast_offset: Cell<i64>,
    /// Who approves and decides at this console, asked once a session.
    pub(super) approver: RefCell<String>,
    /// The review tab's list and the flag it is filtered by.
    pub(super) review: RefCell<super::review_state::ReviewState>,
}

impl ConsoleController {
    pub fn new(station: SharedStation, clock: Clock) -> Rc<ConsoleController> {
        Rc::new(ConsoleController {
            station,
            clock,
            roster: RefCell::default(),
            requests: RefCell::default(),
            selected_area: Cell::new(None),
            listeners: RefCell::default(),
            exporting: Arc::default(),
            forecast_offset: Cell::new(0),
            approver: RefCell::default(),
            review: RefCell::default(),
        })
    }

    /// Calls `listener` after every change.
    pub fn on_changed(&self, listener: impl Fn(Changed) + 'static) {
        self.listeners.borrow_mut().push(Rc::new(listener));
    }

    pub(super) fn changed(&self, what: Changed) {
        let listeners: Vec<_> = self.listeners.borrow().clone();
        for listener in listeners {
            listener(what);
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        (self.clock)()
    }

    /// The current shoot day, if one is open.
    pub fn day(&self) -> Option<Day> {
        self.station.borrow().day().cloned()
    }

    /// This kiosk's id: shown, never changed (fixed with its database).
    pub fn kiosk_id(&self) -> String {
        self.station.borrow().kiosk_id().to_string()
    }

    pub fn mode(&self) -> ScanMode {
        self.station.borrow().mode()
    }

    pub fn roster(&self) -> Ref<'_, Roster> {
        self.roster.borrow()
    }

    pub fn requests(&self) -> Ref<'_, Vec<OpenRequest>> {
        self.requests.borrow()
    }

    pub fn selected_area(&self) -> Option<i64> {
        self.selected_area.get()
    }

    /// Reads the roster and the open requests again; every tab redraws.
    pub fn reload(&self) {
        let now = self.now();
        {
            let mut station = self.station.borrow_mut();
            if let Ok(lines) = station.roster() {
                self.roster.borrow_mut().load(lines, now);
            }
            if let Ok(kiosk) = station.kiosk() {
                *self.requests.borrow_mut() = kiosk.open_requests().unwrap_or_default();
                self.review.borrow_mut().reload(&kiosk);
            }
        }
        self.changed(Changed::Day);
    }

    /// Shows the rows `filter` lets through.
    pub fn search(&self, filter: RosterFilter) {
        {
            let mut roster = self.roster.borrow_mut();
            roster.filter = filter;
            roster.apply(self.now());
        }
        self.changed(Changed::Roster);
    }

    /// Picks the `index`th row shown (or none).
    pub fn select(&self, index: Option<usize>) {
        self.roster.borrow_mut().selected = index;
        self.changed(Changed::Roster);
    }

    /// The booking picked in the roster.
    pub fn picked(&self) -> Result<Booking, ConsoleError> {
        self.roster
            .borrow()
            .selected_booking()
            .cloned()
            .ok_or(ConsoleError::NoOnePicked)
    }

    /// The day's holding areas, in their order.
    pub fn areas(&self) -> Vec<HoldingArea> {
        self.station
            .borrow_mut()
            .kiosk()
            .and_then(|k| k.areas())
            .unwrap_or_default()
    }

    /// The dashboard as of now.
    pub fn dashboard(&self) -> Result<Dashboard, ConsoleError> {
        let now = self.now();
        let mut station = self.station.borrow_mut();
        let headcount = station.headcount(now)?;
        let clocks = station.meal_clocks(now)?;
        let kiosk = station.kiosk()?;
        let union_required = kiosk.union_required()?;
        let areas = kiosk
            .areas()?
            .into_iter()
            .map(|area| {
                let present = headcount
                    .present
                    .iter()
                    .find(|(name, _)| *name == area.name)
                    .map_or(0, |(_, n)| *n);
                let clock = clocks.iter().find(|c| c.area_id == Some(area.id)).cloned();
                (area, present, clock)
            })
            .collect();
        let union_here = self
            .roster
            .borrow()
            .entries
            .iter()
            .filter(|e| {
                e.booking.details.union == UnionStatus::Union
                    && e.checked_in.is_some_and(|t| t <= now)
                    && e.released.is_none()
            })
            .count();
        Ok(Dashboard {
            headcount,
            union_here,
            union_required,
            areas,
        })
    }

    /// The start the dashboard's meal forecast prices: now, moved in steps
    /// of 15 minutes, on the minute.
    pub fn forecast_at(&self) -> DateTime<Utc> {
        let at = self.now() + chrono::Duration::minutes(self.forecast_offset.get());
        at - chrono::Duration::seconds(i64::from(chrono::Timelike::second(&at)))
    }

    /// Moves the forecast's start by `minutes` (0: back to now).
    pub fn step_forecast(&self, minutes: i64) {
        let offset = if minutes == 0 {
            0
        } else {
            (self.forecast_offset.get() + minutes).clamp(-12 * 60, 12 * 60)
        };
        self.forecast_offset.set(offset);
        self.changed(Changed::Day);
    }

    /// What calling each area's meal at [`Self::forecast_at`] would cost.
    pub fn meal_forecasts(&self) -> Vec<MealForecast> {
        let (at, now) = (self.forecast_at(), self.now());
        self.station
            .borrow()
            .meal_forecasts(at, now)
            .unwrap_or_default()
    }

    /// Runs a write through the kiosk core; afterwards every tab redraws.
    pub(super) fn record(
        &self,
        action: impl FnOnce(&mut Kiosk<'_>, DateTime<Utc>) -> Result<String, ConsoleError>,
    ) -> Outcome {
        let now = self.now();
        let result = {
            let mut station = self.station.borrow_mut();
            station
                .kiosk()
                .map_err(ConsoleError::from)
                .and_then(|mut kiosk| action(&mut kiosk, now))
        };
        self.reload();
        result.map(Notice)
    }

    /// A write on the booking picked in the roster.
    pub(super) fn on_picked(
        &self,
        action: impl FnOnce(&mut Kiosk<'_>, &Booking, DateTime<Utc>) -> Result<String, ConsoleError>,
    ) -> Outcome {
        let booking = self.picked()?;
        self.record(|kiosk, now| action(kiosk, &booking, now))
    }

    pub fn check_in_selected(&self) -> Outcome {
        self.on_picked(|k, b, now| {
            k.check_in_without_badge(b, now)?;
            Ok(format!(
                "{} {} checked in.",
                b.badge_no,
                b.details.full_name()
            ))
        })
    }

    pub fn release_selected(&self) -> Outcome {
        self.on_picked(|k, b, now| {
            k.release(b, now)?;
            // Pay is never held for an item: the release stands.
            let items = k.notices(b).ok().and_then(|n| n.return_text());
            Ok(format!(
                "{} {} released.{}",
                b.badge_no,
                b.details.full_name(),
                items
                    .map(|i| format!(" Please return: {i}."))
                    .unwrap_or_default()
            ))
        })
    }

    /// Takes back the check-in or the release of the booking picked.
    pub fn undo_selected(&self, what: Undo, reason: &str) -> Outcome {
        self.on_picked(|k, b, now| {
            k.undo(b, what, reason, now)?;
            let which = match what {
                Undo::CheckIn => "check-in",
                Undo::Release => "release",
            };
            Ok(format!("The {which} of {} was taken back.", b.badge_no))
        })
    }

    /// Moves the booking picked to the area `area_id`.
    pub fn move_selected(&self, area_id: Option<i64>) -> Outcome {
        let area = self
            .areas()
            .into_iter()
            .find(|a| Some(a.id) == area_id)
            .ok_or(ConsoleError::NoAreaPicked)?;
        self.on_picked(|k, b, now| {
            k.move_to(std::slice::from_ref(b), &area.name, now)?;
            Ok(format!("{} moved to {}.", b.badge_no, area.name))
        })
    }

    /// A bump for the booking picked; `amount` may be empty (the rules').
    pub fn bump_selected(&self, kind: BumpKind, amount: &str) -> Outcome {
        let amount = match amount.trim() {
            "" => None,
            text => Some(Money::parse_rate(text).map_err(ConsoleError::Input)?),
        };
        self.on_picked(|k, b, now| {
            k.add_bump(b, kind, None, amount, "console", now)?;
            Ok(format!("A {} bump for {}.", kind.code(), b.badge_no))
        })
    }

    /// Corrects a time of the booking picked (`HH:MM`, `HH:MM+1`).
    pub fn correct_selected(&self, field: TimeField, time: &str, reason: &str) -> Outcome {
        // A no-show after wrap has no in time to change: theirs is a late
        // check-in at the time typed.
        let no_show = self.roster().selected_state(self.now())
            == Some(crate::kiosk::roster::ActionState::NoShow);
        if no_show && field == TimeField::In {
            return self.check_in_late_selected(time, reason);
        }
        self.on_picked(|k, b, now| {
            let to = k
                .day()
                .parse_at(time.trim())
                .map_err(|e| ConsoleError::Input(format!("the time: {e}")))?;
            k.correct(b, field, to, reason, now)?;
            Ok(format!(
                "{} of {} is now {}.",
                field.code(),
                b.badge_no,
                time.trim()
            ))
        })
    }

    pub fn void_selected(&self, reason: &str) -> Outcome {
        self.on_picked(|k, b, now| {
            k.void_badge(&b.badge_no, reason, now)?;
            Ok(format!(
                "{} is void: every printout is refused.",
                b.badge_no
            ))
        })
    }

    pub fn reissue_selected(&self, reason: &str) -> Outcome {
        let reason = match reason.trim() {
            "" => "reissued at the console",
            text => text,
        };
        self.on_picked(|k, b, now| {
            let b = k.reissue_badge(&b.badge_no, reason, now)?;
            Ok(format!(
                "{} reissued (issue {}): print it.",
                b.badge_no, b.badge_issue
            ))
        })
    }

    /// The booking picked asks for a paper voucher, or takes it back.
    pub fn toggle_paper_voucher_selected(&self) -> Outcome {
        self.on_picked(|k, b, now| {
            let b = k.set_paper_voucher(b, !b.details.paper_voucher, now)?;
            Ok(if b.details.paper_voucher {
                format!(
                    "{} {} gets a paper voucher: the export writes it for the AD to check.",
                    b.badge_no,
                    b.details.full_name()
                )
            } else {
                format!("{} gets an electronic voucher again.", b.badge_no)
            })
        })
    }

    pub fn print_selected(&self) -> Outcome {
        let booking = self.picked()?;
        Ok(Notice(print_badge(&self.station.borrow(), &booking)?))
    }
}
