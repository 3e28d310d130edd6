//! Paper vouchers: for each extra who asked for one (SAG-AFTRA members may
//! decline an electronic voucher), a page filled with what the day recorded
//! (name, badge, category, rate, call, in, meals, out, bumps, hours) for the
//! AD to check against the paper the extra signed, with blanks for both
//! signatures, on letter or A4.

use super::pdf::{span_text, time};
use super::pen::{FontCache, GREY, INK, Pen, draw_page};
use super::vouchers::{Voucher, VoucherStatus};
use crate::fonts::{FontBook, FontKey};
use crate::model::Day;
use crate::pay::hours_text;
use krilla::Document;

/// The paper the paper vouchers are printed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VoucherPaper {
    #[default]
    Letter,
    A4,
}

impl VoucherPaper {
    /// Width and height in millimetres.
    pub fn size_mm(self) -> (f32, f32) {
        match self {
            VoucherPaper::Letter => (215.9, 279.4),
            VoucherPaper::A4 => (210.0, 297.0),
        }
    }
}

impl std::str::FromStr for VoucherPaper {
    type Err = String;
    fn from_str(text: &str) -> Result<VoucherPaper, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "letter" => Ok(VoucherPaper::Letter),
            "a4" => Ok(VoucherPaper::A4),
            other => Err(format!("'{other}' is not a paper: write letter or a4")),
        }
    }
}

/// The vouchers of those who asked for paper, and who came (a no-show
/// signed nothing), in badge order.
pub fn paper_vouchers(vouchers: &[Voucher]) -> Vec<&Voucher> {
    vouchers
        .iter()
        .filter(|v| v.card.booking.details.paper_voucher && v.status != VoucherStatus::NoShow)
        .collect()
}

const MARGIN: f32 = 18.0;

/// Writes `paper-vouchers-<date>.pdf`: one page per voucher.
pub fn paper_vouchers_pdf(
    day: &Day,
    vouchers: &[&Voucher],
    paper: VoucherPaper,
    fonts: &FontBook,
) -> Result<Vec<u8>, String> {
    let mut document = Document::new();
    let mut cache = FontCache::new(fonts);
    let size = paper.size_mm();
    for v in vouchers {
        draw_page(&mut document, size, fonts, &mut cache, |pen| {
            page(pen, day, v, size)
        })?;
    }
    document
        .finish()
        .map_err(|e| format!("the paper vouchers PDF could not be written: {e:?}"))
}

fn page(pen: &mut Pen<'_, '_, '_>, day: &Day, v: &Voucher, size: (f32, f32)) -> Result<(), String> {
    let (r, s, b) = (FontKey::Regular, FontKey::SemiBold, FontKey::Bold);
    let (left, right) = (MARGIN, size.0 - MARGIN);
    let booking = &v.card.booking;
    let d = &booking.details;
    pen.text(
        left,
        24.0,
        6.0,
        b,
        INK,
        "PAPER VOUCHER: WHAT THE KIOSK RECORDED",
    )?;
    pen.text_fit(
        left,
        31.0,
        3.6,
        r,
        GREY,
        &format!(
            "{} · {} · check against the paper voucher the extra signed",
            day.title,
            day.date.format("%a %-d %b %Y")
        ),
        right - left,
    )?;
    pen.line(left, 34.0, right, 34.0, 0.5);

    let presence = v.card.presence.as_ref();
    let span = |s: Option<crate::pay::Span>| match span_text(day, s) {
        (start, end) if s.is_some() => format!("{start} – {end}"),
        _ => "—".into(),
    };
    let pay = v.pay.as_ref();
    let bumps = v.bumps_text();
    let fields: Vec<(&str, String)> = vec![
        ("Name", format!("{}, {}", d.last_name, d.first_name)),
        ("Badge", booking.badge_no.clone()),
        (
            "Category",
            format!("{} · {}", d.category.label(), d.union.code()),
        ),
        ("Rate", format!("${} / 8 h", v.rate)),
        ("Call", day.format_at(d.call_at)),
        ("In", time(day, presence.and_then(|p| p.checked_in_at))),
        ("NDB", span(v.ndb)),
        ("1st meal", span(v.meals.first().copied())),
        ("2nd meal", span(v.meals.get(1).copied())),
        ("Out", time(day, presence.and_then(|p| p.released_at))),
        (
            "Bumps",
            if bumps.is_empty() {
                "—".into()
            } else {
                bumps
            },
        ),
        (
            "Hours worked",
            pay.map(|p| hours_text(p.tenths_worked))
                .unwrap_or_else(|| "— (not released)".into()),
        ),
    ];
    let mut y = 46.0;
    for (label, value) in &fields {
        pen.text(left, y, 3.8, r, GREY, label)?;
        pen.text_fit(left + 45.0, y, 4.4, s, INK, value, right - left - 45.0)?;
        pen.line(left, y + 2.5, right, y + 2.5, 0.15);
        y += 10.0;
    }

    y += 12.0;
    for label in ["Background actor's signature", "AD's signature"] {
        pen.line(left, y, left + 110.0, y, 0.3);
        pen.text(left, y + 4.5, 3.0, r, GREY, label)?;
        pen.line(left + 125.0, y, right, y, 0.3);
        pen.text(left + 125.0, y + 4.5, 3.0, r, GREY, "Date")?;
        y += 24.0;
    }
    pen.text(
        left,
        size.1 - 12.0,
        2.8,
        r,
        GREY,
        "Made by extras-kiosk from the day's event log, for the AD's check. The signed paper voucher is the record.",
    )?;
    Ok(())
}
