//! One voucher per booking of the day: its times as recorded, its status
//! (released, no-show, not released) and, once released, its pay by the
//! day's rules. What the CSV, XLSX and PDF files are written from.

use super::ExportError;
use crate::model::{Money, UnionStatus};
use crate::pay::{BumpKind, BumpLine, DayRules, Pay, Shift, Span, compute};
use crate::store::{MealRecord, TimeCard};

/// Where a booking's day stands at export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoucherStatus {
    Released,
    NoShow,
    NotReleased,
}

impl VoucherStatus {
    pub fn code(self) -> &'static str {
        match self {
            VoucherStatus::Released => "released",
            VoucherStatus::NoShow => "no_show",
            VoucherStatus::NotReleased => "not_released",
        }
    }
}

/// One extra's voucher.
#[derive(Debug, Clone, PartialEq)]
pub struct Voucher {
    pub card: TimeCard,
    pub status: VoucherStatus,
    /// The day rate paid: the booked rate, else the rules' category rate.
    pub rate: Money,
    pub ndb: Option<Span>,
    /// The meals that count (meal 1, meal 2, ...).
    pub meals: Vec<Span>,
    pub bumps: Vec<BumpLine>,
    /// The computed pay; `None` unless released.
    pub pay: Option<Pay>,
    /// Its review: the dispute's state and the approval that stands, when
    /// read with the day's log ([`super::day_vouchers`]); empty otherwise.
    pub marks: Marks,
}

/// What the review says of a voucher, for the export's last columns.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Marks {
    /// `open` while a dispute is open, else the latest decision.
    pub dispute: Option<super::disputes::DisputeStatus>,
    /// Who approved it and when, while the approval stands.
    pub approved: Option<(String, chrono::DateTime<chrono::Utc>)>,
    /// The note an approval past a blocking flag carries.
    pub approval_note: String,
}

impl Voucher {
    pub fn name(&self) -> String {
        self.card.booking.details.full_name()
    }

    pub fn union(&self) -> UnionStatus {
        self.card.booking.details.union
    }

    pub fn gross(&self) -> Money {
        self.pay.as_ref().map_or(Money(0), |p| p.gross)
    }

    /// `wardrobe x2; smoke`: the bumps by kind, in the order first recorded.
    pub fn bumps_text(&self) -> String {
        let mut kinds: Vec<(BumpKind, u32)> = Vec::new();
        for b in &self.bumps {
            match kinds.iter_mut().find(|(k, _)| *k == b.kind) {
                Some((_, n)) => *n += b.count,
                None => kinds.push((b.kind, b.count)),
            }
        }
        kinds
            .iter()
            .map(|(k, n)| match n {
                1 => k.code().to_string(),
                n => format!("{} x{n}", k.code()),
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

fn closed(
    card: &TimeCard,
    records: &[MealRecord],
    what: &str,
    strict: bool,
) -> Result<Vec<Span>, ExportError> {
    let mut spans = Vec::new();
    for m in records {
        match m.ended_at {
            Some(end) => spans.push(Span {
                start: m.started_at,
                end,
            }),
            None if strict => {
                return Err(ExportError::OpenMeal {
                    badge: card.booking.badge_no.clone(),
                    name: card.booking.details.full_name(),
                    what: what.to_string(),
                });
            }
            None => {}
        }
    }
    Ok(spans)
}

/// The vouchers of `cards` by `rules`, sorted by last name, first name and
/// badge. A released extra with a meal or NDB never ended is an error that
/// names them.
pub fn vouchers(cards: Vec<TimeCard>, rules: &DayRules) -> Result<Vec<Voucher>, ExportError> {
    let mut vouchers = Vec::with_capacity(cards.len());
    for card in cards {
        let details = &card.booking.details;
        let rules = rules.of(details.union);
        let rate = details
            .rate
            .unwrap_or_else(|| rules.category_rate(details.category));
        let checked_in = card.presence.as_ref().and_then(|p| p.checked_in_at);
        let released = card.presence.as_ref().and_then(|p| p.released_at);
        let status = match (checked_in, released) {
            (None, _) => VoucherStatus::NoShow,
            (Some(_), None) => VoucherStatus::NotReleased,
            (Some(_), Some(_)) => VoucherStatus::Released,
        };
        let strict = status == VoucherStatus::Released;
        let meals = closed(&card, &card.meals, "meal", strict)?;
        let ndb = closed(&card, &card.ndbs, "NDB", strict)?.into_iter().next();
        let mut bumps = Vec::new();
        for b in &card.bumps {
            let kind = BumpKind::from_code(&b.kind).ok_or_else(|| ExportError::UnknownBump {
                badge: card.booking.badge_no.clone(),
                kind: b.kind.clone(),
            })?;
            bumps.push(BumpLine {
                kind,
                count: b.count,
                amount: b.amount,
            });
        }
        let pay = match (checked_in, released) {
            (Some(checked_in), Some(released)) => Some(
                compute(
                    &Shift {
                        category: details.category,
                        booked_rate: details.rate,
                        call: details.call_at,
                        checked_in,
                        released,
                        ndb,
                        meals: meals.clone(),
                        bumps: bumps.clone(),
                    },
                    rules,
                )
                .map_err(|source| ExportError::Pay {
                    badge: card.booking.badge_no.clone(),
                    name: details.full_name(),
                    source,
                })?,
            ),
            _ => None,
        };
        let min_meal = i64::from(rules.meals.minimum_minutes);
        let meals = match &pay {
            Some(pay) => pay.meals.clone(),
            None => meals
                .into_iter()
                .filter(|m| (m.end - m.start).num_minutes() >= min_meal)
                .collect(),
        };
        vouchers.push(Voucher {
            card,
            status,
            rate,
            ndb,
            meals,
            bumps,
            pay,
            marks: Marks::default(),
        });
    }
    vouchers.sort_by_cached_key(|v| {
        let d = &v.card.booking.details;
        (
            d.last_name.to_lowercase(),
            d.first_name.to_lowercase(),
            v.card.booking.badge_no.clone(),
        )
    });
    Ok(vouchers)
}
