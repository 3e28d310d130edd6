//! Badges: the signed token in the QR code, and the badge artwork (PNG per
//! badge, PDF sheets) drawn with the fonts shipped in `ui/fonts/`.

pub mod layout;
pub mod pdf;
pub mod png;
pub mod qr;
pub mod token;

pub use crate::fonts::FontBook;
pub use layout::{Badge, BadgeContent, lay_out, lay_out_all, on_all_cores};
pub use pdf::{Paper, write_pdf};
pub use png::render_png;
pub use token::{Accepted, BadgeRecord, Issuer, Refusal, Token};

use crate::model::Day;
use crate::store::{Production, Store, StoreError};

/// What the badges of `day` say: every booking of the day, or only the badge
/// numbers in `only` (an unknown number is an error naming it).
pub fn contents_for_day(
    store: &Store,
    day: &Day,
    only: &[String],
) -> Result<Vec<BadgeContent>, StoreError> {
    let production = store.production()?.ok_or(StoreError::NoCurrentDay)?;
    let issuer = Issuer {
        production: &production.code,
        secret: &production.secret,
        today: day.date,
    };
    let bookings = if only.is_empty() {
        store.bookings(day)?
    } else {
        only.iter()
            .map(|badge| store.booking(day, badge))
            .collect::<Result<_, _>>()?
    };
    Ok(bookings
        .into_iter()
        .map(|b| BadgeContent {
            production_title: production.title.clone(),
            date: day.date,
            payload: issuer.payload(&b.badge_no, b.badge_issue),
            first_name: b.details.first_name,
            last_name: b.details.last_name,
            badge_no: b.badge_no,
            category: b.details.category,
            union: b.details.union,
        })
        .collect())
}

/// Checks a scanned payload against the day's badges, as the kiosk would.
pub fn verify_payload(
    store: &Store,
    day: &Day,
    payload: &[u8],
) -> Result<Result<Accepted, Refusal>, StoreError> {
    let production = store.production()?.ok_or(StoreError::NoCurrentDay)?;
    verify_with(store, &production, day, payload)
}

/// [`verify_payload`] with the production already read (the kiosk keeps it).
pub fn verify_with(
    store: &Store,
    production: &Production,
    day: &Day,
    payload: &[u8],
) -> Result<Result<Accepted, Refusal>, StoreError> {
    let issuer = Issuer {
        production: &production.code,
        secret: &production.secret,
        today: day.date,
    };
    let mut lookup_error = None;
    let verdict = issuer.verify(payload, |badge| match store.badge_record(day, badge) {
        Ok(record) => record,
        Err(e) => {
            lookup_error = Some(e);
            None
        }
    });
    match lookup_error {
        Some(e) => Err(e),
        None => Ok(verdict),
    }
}
