//! The extras' face as a state machine, with no Slint types: what a scan,
//! a touch or a timeout does, through the kiosk core, and what the screen
//! should show next. `face_adapter.rs` puts it on the screen.

use super::scan_buffer::ScanBuffer;
use crate::badge::Refusal;
use crate::kiosk::signing::Strokes;
use crate::kiosk::{Kiosk, KioskError, ScanMode, ScanOutcome, ScanRefusal, day_rules, public_name};
use crate::model::{Booking, Day};
use crate::report::vouchers::{Voucher, VoucherStatus, vouchers};
use crate::store::Store;
use chrono::{DateTime, NaiveDate, Utc};
use std::time::Duration;

/// How long a result card stays up.
pub const CARD_SECONDS: u64 = 5;
/// How long the name search waits untouched.
pub const SEARCH_SECONDS: u64 = 30;
/// How long a voucher summary or the signature pad waits untouched.
pub const SUMMARY_SECONDS: u64 = 90;
/// Letters typed before any name is shown.
pub const SEARCH_MIN_LETTERS: usize = 3;
const MAX_MATCHES: usize = 6;

/// The colour and meaning of a card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardKind {
    CheckedIn,
    AlreadyHere,
    Released,
    Refused,
    /// A thank-you after a request, a signature or a dispute.
    Notice,
}

/// The sound a screen makes when it appears.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Welcome,
    Attention,
    Goodbye,
    Refused,
}

/// What a card says. Words are chosen by the screen (in the extra's
/// language) from `kind` and `reason`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Card {
    pub kind: Option<CardKind>,
    /// First name and last initial: all a public screen shows.
    pub name: String,
    pub area: String,
    pub area_note: String,
    /// A local time: the call (when late), since when, or out at.
    pub time: String,
    /// A refusal code (`other_day`, `voided`, ...) or a notice code
    /// (`request`, `signed`, `disputed`).
    pub reason: String,
    /// The date of another day's badge, written for the screen.
    pub reason_arg: String,
    pub late: bool,
    pub see_pa: bool,
}

/// One line of a voucher summary: a code the screen names, and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryLine {
    pub code: &'static str,
    pub value: String,
}

/// The voucher summary shown at check-out.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub booking: Booking,
    pub name: String,
    pub lines: Vec<SummaryLine>,
    /// The extra's copy, as text for a QR code a phone reads offline.
    pub copy: String,
    pub printed: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FaceState {
    Idle,
    Card(Card),
    Search {
        text: String,
        matches: Vec<Booking>,
    },
    Summary(Summary),
    Signature {
        summary: Summary,
        strokes: Strokes,
    },
    /// The database has no current day: what to do instead.
    NoDay(String),
}

/// The extras' face of one kiosk.
pub struct Face {
    pub store: Store,
    pub day: Option<Day>,
    pub mode: ScanMode,
    pub spanish: bool,
    pub state: FaceState,
    /// Counts state changes, so a timer set for an older screen does nothing.
    pub generation: u64,
    /// A warning for the PA shown before anyone scans (a wrong clock).
    pub pa_warning: Option<String>,
    /// The CUPS printer for the extras' copies, if any.
    pub printer: Option<String>,
    /// Read once: its id and secret never change.
    production: Option<crate::store::Production>,
    buffer: ScanBuffer,
    /// Everyone not yet checked in, read when the search opens.
    search_pool: Vec<Booking>,
}

/// "Sat 28 Nov 2026" or "sáb 28 nov 2026".
pub fn date_words(date: NaiveDate, spanish: bool) -> String {
    use chrono::Datelike;
    if !spanish {
        return date.format("%a %-d %b %Y").to_string();
    }
    const DAYS: [&str; 7] = ["lun", "mar", "mié", "jue", "vie", "sáb", "dom"];
    const MONTHS: [&str; 12] = [
        "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic",
    ];
    format!(
        "{} {} {} {}",
        DAYS[date.weekday().num_days_from_monday() as usize],
        date.day(),
        MONTHS[date.month0() as usize],
        date.year()
    )
}

/// Lower case without accents, for matching names as people type them.
fn folded(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            other => other,
        })
        .collect()
}

impl Face {
    /// The face of `store`'s current day (or a "no day" screen).
    pub fn new(store: Store, mode: ScanMode) -> Face {
        let day = store.current_day().ok();
        let state = match &day {
            Some(_) => FaceState::Idle,
            None => FaceState::NoDay(no_day_text(&store)),
        };
        let printer = store
            .setting("printer")
            .ok()
            .flatten()
            .filter(|p| !p.trim().is_empty());
        let production = store.production().ok().flatten();
        Face {
            production,
            store,
            day,
            mode,
            spanish: false,
            state,
            generation: 0,
            pa_warning: None,
            printer,
            buffer: ScanBuffer::default(),
            search_pool: Vec::new(),
        }
    }

    /// Checks the clock against the log and the day: a clock earlier than
    /// the last recorded event, or a day that is not today, is a warning
    /// the PA sees before anyone scans.
    pub fn check_clock(&mut self, now: DateTime<Utc>) {
        let Some(day) = &self.day else { return };
        let mut warnings = Vec::new();
        if let Ok(Some(latest)) = self.store.latest_recorded_at()
            && latest > now + chrono::Duration::seconds(60)
        {
            warnings.push(format!(
                "This machine's clock says {}, but the log already has an event from {}. Set the clock right: every time on the vouchers comes from it.",
                crate::model::format_local_iso(day.tz, now),
                crate::model::format_local_iso(day.tz, latest)
            ));
        }
        let today = now.with_timezone(&day.tz).date_naive();
        if today != day.date {
            warnings.push(format!(
                "The kiosk's day is {}, but today is {} here. Open today's day (extras-kiosk day open) or set the clock.",
                day.date.format("%a %-d %b %Y"),
                today.format("%a %-d %b %Y")
            ));
        }
        self.pa_warning = (!warnings.is_empty()).then(|| warnings.join("\n\n"));
    }

    /// The kiosk core for this face's day: every action goes through it.
    pub fn kiosk(&mut self) -> Result<Kiosk<'_>, KioskError> {
        let day = self
            .day
            .clone()
            .ok_or(crate::store::StoreError::NoCurrentDay)?;
        Ok(Kiosk::with_production(
            &mut self.store,
            day,
            self.mode,
            self.production.clone(),
        ))
    }

    fn set(&mut self, state: FaceState) {
        self.state = state;
        self.generation += 1;
    }

    /// How long the current screen stays up untouched.
    pub fn timeout(&self) -> Option<Duration> {
        match self.state {
            FaceState::Card(_) => Some(Duration::from_secs(CARD_SECONDS)),
            FaceState::Search { .. } => Some(Duration::from_secs(SEARCH_SECONDS)),
            FaceState::Summary(_) | FaceState::Signature { .. } => {
                Some(Duration::from_secs(SUMMARY_SECONDS))
            }
            FaceState::Idle | FaceState::NoDay(_) => None,
        }
    }

    /// A timer set at `generation` ran out: back to idle, if nothing
    /// happened since. A summary left unsigned is marked so.
    pub fn timed_out(&mut self, generation: u64, now: DateTime<Utc>) -> bool {
        if generation != self.generation || self.timeout().is_none() {
            return false;
        }
        self.leave_summary(now);
        self.set(FaceState::Idle);
        true
    }

    /// Back to idle (a touch on a card, "Back" on the search).
    pub fn close(&mut self, now: DateTime<Utc>) {
        self.leave_summary(now);
        self.set(FaceState::Idle);
    }

    /// Marks the voucher of a summary on screen as not signed.
    fn leave_summary(&mut self, now: DateTime<Utc>) {
        let booking = match &self.state {
            FaceState::Summary(s) | FaceState::Signature { summary: s, .. } => s.booking.clone(),
            _ => return,
        };
        // The release stands either way; a failed note is not worth a
        // refusal on screen.
        if let Ok(mut kiosk) = self.kiosk() {
            let _ = kiosk.leave_unsigned(&booking, now);
        }
    }

    /// A key typed on the extras' screens. Returns the tone of the card a
    /// completed scan shows.
    pub fn key(&mut self, text: &str, now: DateTime<Utc>) -> Result<Option<Tone>, KioskError> {
        match self.buffer.key(text) {
            Some(payload) => self.scan(&payload, now).map(Some),
            None => Ok(None),
        }
    }

    /// A scanned payload: recorded through the kiosk core, shown at once
    /// (whatever was on screen).
    pub fn scan(&mut self, payload: &str, now: DateTime<Utc>) -> Result<Tone, KioskError> {
        let Some(day) = self.day.clone() else {
            return Ok(Tone::Refused);
        };
        let outcome = self.kiosk()?.scan(payload.as_bytes(), now)?;
        // The scan stands: a summary it replaces is left unsigned.
        self.leave_summary(now);
        let clock = |t: DateTime<Utc>| t.with_timezone(&day.tz).format("%H:%M").to_string();
        let (card, tone) = match outcome {
            ScanOutcome::CheckedIn {
                booking,
                area,
                late_minutes,
                overflow,
            } => (
                Card {
                    kind: Some(CardKind::CheckedIn),
                    name: public_name(&booking),
                    area: area.as_ref().map(|a| a.name.clone()).unwrap_or_default(),
                    area_note: area.and_then(|a| a.location).unwrap_or_default(),
                    time: clock(booking.details.call_at),
                    late: late_minutes > 0,
                    see_pa: overflow,
                    ..Card::default()
                },
                Tone::Welcome,
            ),
            ScanOutcome::AlreadyCheckedIn {
                booking,
                since,
                area,
            } => (
                Card {
                    kind: Some(CardKind::AlreadyHere),
                    name: public_name(&booking),
                    area: area.as_ref().map(|a| a.name.clone()).unwrap_or_default(),
                    area_note: area.and_then(|a| a.location).unwrap_or_default(),
                    time: clock(since),
                    ..Card::default()
                },
                Tone::Attention,
            ),
            ScanOutcome::Released { booking, at } => {
                let summary = self.summary(&day, &booking, at, true);
                self.set(FaceState::Summary(summary));
                return Ok(Tone::Goodbye);
            }
            ScanOutcome::AlreadyReleased { booking, since } => (
                Card {
                    kind: Some(CardKind::Released),
                    name: public_name(&booking),
                    time: clock(since),
                    ..Card::default()
                },
                Tone::Goodbye,
            ),
            ScanOutcome::Refused { reason, .. } => (
                Card {
                    kind: Some(CardKind::Refused),
                    reason: reason.code().to_string(),
                    reason_arg: match reason {
                        ScanRefusal::Badge(Refusal::OtherDay { date }) => {
                            date_words(date, self.spanish)
                        }
                        _ => String::new(),
                    },
                    see_pa: true,
                    ..Card::default()
                },
                Tone::Refused,
            ),
        };
        self.set(FaceState::Card(card));
        Ok(tone)
    }

    /// The voucher summary of `booking`, just released at `out`.
    fn summary(
        &mut self,
        day: &Day,
        booking: &Booking,
        out: DateTime<Utc>,
        print: bool,
    ) -> Summary {
        let clock = |t: DateTime<Utc>| day.format_at(t);
        let voucher: Option<Voucher> = self
            .store
            .time_card(day, booking)
            .ok()
            .zip(day_rules::day_rules(&self.store, day).ok())
            .and_then(|(card, rules)| vouchers(vec![card], &rules).ok())
            .and_then(|mut v| v.pop());
        let mut lines = Vec::new();
        let checked_in = voucher
            .as_ref()
            .and_then(|v| v.card.presence.as_ref())
            .and_then(|p| p.checked_in_at);
        if let Some(at) = checked_in {
            lines.push(SummaryLine {
                code: "in",
                value: clock(at),
            });
        }
        if let Some(v) = &voucher {
            for (i, meal) in v.meals.iter().take(2).enumerate() {
                lines.push(SummaryLine {
                    code: if i == 0 { "meal1" } else { "meal2" },
                    value: format!("{} – {}", clock(meal.start), clock(meal.end)),
                });
            }
        }
        lines.push(SummaryLine {
            code: "out",
            value: clock(out),
        });
        match voucher
            .as_ref()
            .filter(|v| v.status == VoucherStatus::Released)
            .and_then(|v| v.pay.as_ref().map(|p| (v, p)))
        {
            Some((v, pay)) => {
                lines.push(SummaryLine {
                    code: "hours",
                    value: crate::pay::hours_text(pay.tenths_worked),
                });
                let bumps = v.bumps_text();
                lines.push(SummaryLine {
                    code: "bumps",
                    value: if bumps.is_empty() {
                        "—".into()
                    } else {
                        bumps
                    },
                });
                lines.push(SummaryLine {
                    code: "gross",
                    value: format!("${}", pay.gross),
                });
            }
            None => lines.push(SummaryLine {
                code: "see_pa",
                value: String::new(),
            }),
        }
        let mut copy = format!(
            "VOUCHER {} {}\n{} {}\n",
            day.title,
            day.date,
            booking.badge_no,
            booking.details.full_name()
        );
        for line in &lines {
            let label = match line.code {
                "in" => "In",
                "meal1" => "Meal 1",
                "meal2" => "Meal 2",
                "out" => "Out",
                "hours" => "Hours",
                "bumps" => "Bumps",
                "gross" => "Gross",
                _ => "Your hours need a check: see the PA",
            };
            copy.push_str(&format!("{label}: {}\n", line.value));
        }
        let printed = print && self.print_copy(day, voucher.as_ref());
        Summary {
            booking: booking.clone(),
            name: public_name(booking),
            lines,
            copy,
            printed,
        }
    }

    /// Prints the extra's copy on the kiosk's printer, when one is set.
    fn print_copy(&self, day: &Day, voucher: Option<&Voucher>) -> bool {
        let (Some(printer), Some(voucher)) = (&self.printer, voucher) else {
            return false;
        };
        let fonts = crate::badge::FontBook::new();
        let Ok(pdf) = crate::report::pdf::vouchers_pdf(
            day,
            std::slice::from_ref(voucher),
            &Default::default(),
            &fonts,
            |_| {},
        ) else {
            return false;
        };
        crate::printer::print_pdf(printer, &pdf, 1).is_ok()
    }

    /// "No badge?": the name search opens, with everyone not yet here.
    pub fn open_search(&mut self) -> Result<(), KioskError> {
        let Some(day) = &self.day else { return Ok(()) };
        self.search_pool = self
            .store
            .bookings_with_arrival(day)?
            .into_iter()
            .filter(|(b, arrived)| !arrived && !b.removed_from_skin)
            .map(|(b, _)| b)
            .collect();
        self.set(FaceState::Search {
            text: String::new(),
            matches: Vec::new(),
        });
        Ok(())
    }

    /// A letter typed on the on-screen keyboard (`None`: backspace).
    pub fn search_key(&mut self, letter: Option<&str>) {
        let FaceState::Search { text, .. } = &self.state else {
            return;
        };
        let mut text = text.clone();
        match letter {
            Some(l) if text.chars().count() < 40 => text.push_str(l),
            Some(_) => {}
            None => {
                text.pop();
            }
        }
        let query = folded(text.trim());
        let matches = if query.chars().count() < SEARCH_MIN_LETTERS {
            Vec::new()
        } else {
            self.search_pool
                .iter()
                .filter(|b| {
                    let name = folded(&b.details.full_name());
                    name.starts_with(&query)
                        || name.contains(&format!(" {query}"))
                        || folded(&b.details.last_name).starts_with(&query)
                })
                .take(MAX_MATCHES)
                .cloned()
                .collect()
        };
        self.set(FaceState::Search { text, matches });
    }

    /// The extra picked their name: a request for the PA, never a check-in.
    pub fn pick_match(&mut self, index: usize, now: DateTime<Utc>) -> Result<(), KioskError> {
        let FaceState::Search { matches, .. } = &self.state else {
            return Ok(());
        };
        let Some(booking) = matches.get(index).cloned() else {
            return Ok(());
        };
        self.kiosk()?.request_badge(&booking, now)?;
        self.set(FaceState::Card(Card {
            kind: Some(CardKind::Notice),
            name: public_name(&booking),
            reason: "request".into(),
            ..Card::default()
        }));
        Ok(())
    }

    /// The signature pad for a voucher left unsigned (from the console).
    pub fn open_signature(&mut self, booking: &Booking) -> Result<(), String> {
        let day = self.day.clone().ok_or("there is no shoot day")?;
        let card = self
            .store
            .time_card(&day, booking)
            .map_err(|e| e.to_string())?;
        let out = card
            .presence
            .and_then(|p| p.released_at)
            .ok_or("not released yet: a voucher is signed after release")?;
        let now = chrono::Utc::now();
        self.leave_summary(now);
        let summary = self.summary(&day, booking, out, false);
        self.set(FaceState::Signature {
            summary,
            strokes: Vec::new(),
        });
        Ok(())
    }

    /// "Sign" on the summary: the signature pad opens.
    pub fn sign(&mut self) {
        if let FaceState::Summary(summary) = &self.state {
            let summary = summary.clone();
            self.set(FaceState::Signature {
                summary,
                strokes: Vec::new(),
            });
        }
    }

    /// A finger on the pad at (x, y), each in 0..1; `start` begins a stroke.
    pub fn stroke(&mut self, x: f32, y: f32, start: bool) {
        if let FaceState::Signature { strokes, .. } = &mut self.state {
            let point = (x.clamp(0.0, 1.0), y.clamp(0.0, 1.0));
            match strokes.last_mut() {
                Some(stroke) if !start => stroke.push(point),
                _ => strokes.push(vec![point]),
            }
        }
    }

    pub fn clear_signature(&mut self) {
        if let FaceState::Signature { strokes, .. } = &mut self.state {
            strokes.clear();
        }
    }

    /// "Done" on the pad: the signature is stored with the voucher.
    pub fn save_signature(&mut self, now: DateTime<Utc>) -> Result<(), KioskError> {
        let FaceState::Signature { summary, strokes } = &self.state else {
            return Ok(());
        };
        let (booking, name, strokes) = (
            summary.booking.clone(),
            summary.name.clone(),
            strokes.clone(),
        );
        self.kiosk()?.sign_voucher(&booking, &strokes, now)?;
        self.set(FaceState::Card(Card {
            kind: Some(CardKind::Notice),
            name,
            reason: "signed".into(),
            ..Card::default()
        }));
        Ok(())
    }

    /// "Something's wrong": a dispute for the AD.
    pub fn dispute(&mut self, now: DateTime<Utc>) -> Result<(), KioskError> {
        let FaceState::Summary(summary) = &self.state else {
            return Ok(());
        };
        let (booking, name) = (summary.booking.clone(), summary.name.clone());
        self.kiosk()?.dispute_voucher(&booking, now)?;
        self.set(FaceState::Card(Card {
            kind: Some(CardKind::Notice),
            name,
            reason: "disputed".into(),
            see_pa: true,
            ..Card::default()
        }));
        Ok(())
    }

    /// The signature as SVG path data in a `width` x `height` pad.
    pub fn signature_path(&self, width: f32, height: f32) -> String {
        let FaceState::Signature { strokes, .. } = &self.state else {
            return String::new();
        };
        let mut path = String::new();
        for stroke in strokes {
            for (i, (x, y)) in stroke.iter().enumerate() {
                let cmd = if i == 0 { "M" } else { "L" };
                path.push_str(&format!("{cmd} {:.1} {:.1} ", x * width, y * height));
            }
            if stroke.len() == 1 {
                let (x, y) = stroke[0];
                path.push_str(&format!("L {:.1} {:.1} ", x * width + 0.5, y * height));
            }
        }
        path
    }
}

fn no_day_text(store: &Store) -> String {
    format!(
        "Open the day and import the skin first:\n  extras-kiosk --db {db} day open --date YYYY-MM-DD --title \"...\" --call 06:30\n  extras-kiosk --db {db} areas import areas.csv\n  extras-kiosk --db {db} import skin.csv\nThen start the kiosk again. To try it out: extras-kiosk kiosk --demo",
        db = store.path().display()
    )
}
