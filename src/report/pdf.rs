//! The vouchers as a PDF: a summary page (counts and totals by category and
//! union status), then one Letter page per extra laid out like a paper
//! voucher, with its change log, its hash, and room for the extra's and the
//! AD's signatures (a second page when the change log does not fit).

use super::changes::{Change, changes_words};
use super::count::{UNION_STATUSES, background_count};
use super::csv_files::voucher_hash;
use super::pen::{FontCache, GREY, INK, Pen, draw_page};
use super::vouchers::{Voucher, VoucherStatus};
use crate::fonts::{FontBook, FontKey};
use crate::model::{Day, Money, Strokes};
use crate::pay::{Span, hours_text};
use chrono::{DateTime, Utc};
use krilla::Document;
use std::collections::HashMap;

const PAGE_W: f32 = 215.9;
const PAGE_H: f32 = 279.4;
const LEFT: f32 = 18.0;
const RIGHT: f32 = PAGE_W - 18.0;

/// A local time, or "—" when there is none.
pub(super) fn time(day: &Day, at: Option<DateTime<Utc>>) -> String {
    at.map(|at| day.format_at(at)).unwrap_or_else(|| "—".into())
}

/// When a change or an approval happened, as a person reads it at arm's
/// length: "28 Nov 19:52", local to the day.
pub fn when_words(day: &Day, at: DateTime<Utc>) -> String {
    at.with_timezone(&day.tz).format("%-d %b %H:%M").to_string()
}

/// A span's start and end, each as [`time`] writes it.
pub(super) fn span_text(day: &Day, span: Option<Span>) -> (String, String) {
    (
        time(day, span.map(|s| s.start)),
        time(day, span.map(|s| s.end)),
    )
}

/// What a voucher page shows besides the voucher, by booking id.
#[derive(Debug, Clone, Default)]
pub struct PageNotes {
    /// The extra's signature strokes, when one was given at the kiosk.
    pub signatures: HashMap<i64, Strokes>,
    /// The changes made to the extra's day after the fact, oldest first.
    pub changes: HashMap<i64, Vec<Change>>,
}

/// Writes the vouchers PDF. `progress` is told each voucher done.
pub fn vouchers_pdf(
    day: &Day,
    vouchers: &[Voucher],
    notes: &PageNotes,
    fonts: &FontBook,
    mut progress: impl FnMut(usize),
) -> Result<Vec<u8>, String> {
    let mut document = Document::new();
    let mut cache = FontCache::new(fonts);
    let size = (PAGE_W, PAGE_H);
    draw_page(&mut document, size, fonts, &mut cache, |pen| {
        summary(pen, day, vouchers)
    })?;
    for (i, v) in vouchers.iter().enumerate() {
        let id = v.card.booking.id;
        let changes = notes.changes.get(&id).map(Vec::as_slice).unwrap_or(&[]);
        let signature = notes.signatures.get(&id);
        let mut rest = draw_page(&mut document, size, fonts, &mut cache, |pen| {
            voucher(pen, day, v, signature, changes)
        })?;
        while !rest.is_empty() {
            rest = draw_page(&mut document, size, fonts, &mut cache, |pen| {
                changes_continued(pen, day, v, rest, changes.len())
            })?;
        }
        progress(i + 1);
    }
    document
        .finish()
        .map_err(|e| format!("the PDF could not be written: {e:?}"))
}

/// A line of the summary's table: booked, arrived, released, hours, gross.
fn count_cells(count: &super::count::Count, tenths: u32, gross: i64) -> [String; 5] {
    [
        count.booked.to_string(),
        count.arrived.to_string(),
        count.released.to_string(),
        hours_text(tenths),
        Money(gross).to_string(),
    ]
}

/// Writes `cells` right-aligned in the number columns (from the third).
fn numbers(
    pen: &mut Pen<'_, '_, '_>,
    cols: &[f32],
    y: f32,
    font: FontKey,
    cells: &[String],
) -> Result<(), String> {
    for (i, cell) in cells.iter().enumerate() {
        let c = cols[i + 2];
        pen.text_right(c + 16.0_f32.min(RIGHT - c), y, 3.4, font, cell)?;
    }
    Ok(())
}

fn summary(pen: &mut Pen<'_, '_, '_>, day: &Day, vouchers: &[Voucher]) -> Result<(), String> {
    let r = FontKey::Regular;
    let b = FontKey::Bold;
    pen.text(LEFT, 28.0, 7.0, b, INK, "Background vouchers")?;
    pen.text_fit(
        LEFT,
        37.0,
        4.2,
        r,
        INK,
        &format!("{} · {}", day.title, day.date.format("%A %-d %B %Y")),
        RIGHT - LEFT,
    )?;
    let released = vouchers
        .iter()
        .filter(|v| v.status == VoucherStatus::Released)
        .count();
    let open = vouchers
        .iter()
        .filter(|v| v.status == VoucherStatus::NotReleased)
        .count();
    let gross: i64 = vouchers.iter().map(|v| v.gross().0).sum();
    pen.text(
        LEFT,
        46.0,
        3.6,
        r,
        GREY,
        &format!(
            "{} vouchers: {released} released, {open} not released, {} no-shows. Gross {}.",
            vouchers.len(),
            vouchers.len() - released - open,
            Money(gross)
        ),
    )?;

    let cols = [LEFT, 62.0, 92.0, 112.0, 132.0, 152.0, RIGHT];
    let heads = [
        "Category", "Union", "Booked", "Arrived", "Released", "Hours", "Gross",
    ];
    let mut y = 62.0;
    for (i, h) in heads.iter().enumerate() {
        if i >= 2 {
            pen.text_right(cols[i] + 16.0_f32.min(RIGHT - cols[i]), y, 3.4, b, h)?;
        } else {
            pen.text(cols[i], y, 3.4, b, INK, h)?;
        }
    }
    pen.line(LEFT, y + 2.0, RIGHT, y + 2.0, 0.3);
    let (lines, total) = background_count(vouchers);
    let mut total_tenths = 0u32;
    for category in crate::model::Category::ALL {
        for union in UNION_STATUSES {
            let count = lines
                .iter()
                .find(|(c, u, _)| *c == category && *u == union)
                .map(|l| l.2)
                .unwrap_or_default();
            if count.booked == 0 {
                continue;
            }
            let of_line = || {
                vouchers.iter().filter(move |v| {
                    v.card.booking.details.category == category && v.union() == union
                })
            };
            let tenths: u32 = of_line()
                .filter_map(|v| v.pay.as_ref())
                .map(|p| p.tenths_worked)
                .sum();
            total_tenths += tenths;
            let gross: i64 = of_line().map(|v| v.gross().0).sum();
            y += 7.0;
            pen.text(cols[0], y, 3.4, r, INK, category.label())?;
            pen.text(cols[1], y, 3.4, r, INK, union.code())?;
            let cells = count_cells(&count, tenths, gross);
            numbers(pen, &cols, y, r, &cells)?;
        }
    }
    y += 3.0;
    pen.line(LEFT, y, RIGHT, y, 0.3);
    y += 6.0;
    pen.text(cols[0], y, 3.4, b, INK, "Total")?;
    let cells = count_cells(&total, total_tenths, gross);
    numbers(pen, &cols, y, b, &cells)?;
    pen.text(
        LEFT,
        PAGE_H - 15.0,
        3.0,
        r,
        GREY,
        "Amounts by the rules files named for the day; see each voucher for its hours and bumps.",
    )?;
    Ok(())
}

/// Draws `v`'s page; returns the changes that did not fit on it.
fn voucher<'c>(
    pen: &mut Pen<'_, '_, '_>,
    day: &Day,
    v: &Voucher,
    signature: Option<&Strokes>,
    changes: &'c [Change],
) -> Result<&'c [Change], String> {
    let r = FontKey::Regular;
    let s = FontKey::SemiBold;
    let b = FontKey::Bold;
    let booking = &v.card.booking;
    let d = &booking.details;
    pen.template("voucher", |pen| voucher_template(pen, day))?;
    pen.text_right(RIGHT, 24.0, 4.0, s, &booking.badge_no)?;

    pen.text_fit(
        LEFT,
        44.0,
        6.0,
        b,
        INK,
        &format!("{}, {}", d.last_name, d.first_name),
        RIGHT - LEFT,
    )?;
    pen.text(
        LEFT,
        51.0,
        3.6,
        r,
        INK,
        &format!(
            "{} · {} · rate {} / {} h{}",
            d.category.label(),
            d.union.code(),
            v.rate,
            8,
            if d.rate.is_some() { " (booked)" } else { "" }
        ),
    )?;
    pen.text_fit(
        LEFT,
        57.0,
        3.6,
        r,
        INK,
        &format!(
            "Holding: {}   Status: {}   Paperwork: {}   Items out: {}",
            v.card.area_name.as_deref().unwrap_or("—"),
            v.status.code().replace('_', " "),
            d.paperwork.code(),
            v.card.items_out
        ),
        RIGHT - LEFT,
    )?;

    // The times, as on a paper voucher.
    let presence = v.card.presence.as_ref();
    let (ndb_out, ndb_in) = span_text(day, v.ndb);
    let (m1_out, m1_in) = span_text(day, v.meals.first().copied());
    let (m2_out, m2_in) = span_text(day, v.meals.get(1).copied());
    let rows: [(String, String); TIME_ROWS.len()] = [
        (day.format_at(d.call_at), String::new()),
        (
            time(day, presence.and_then(|p| p.checked_in_at)),
            String::new(),
        ),
        (ndb_out, ndb_in),
        (m1_out, m1_in),
        (m2_out, m2_in),
        (
            time(day, presence.and_then(|p| p.released_at)),
            String::new(),
        ),
    ];
    for (i, (a, b2)) in rows.iter().enumerate() {
        let y = TIMES_TOP + 8.0 + i as f32 * 8.0;
        pen.text(LEFT + 50.0, y + 5.5, 3.6, s, INK, a)?;
        pen.text(LEFT + 75.0, y + 5.5, 3.6, s, INK, b2)?;
    }

    // Hours and amounts (the first two labels are the template's).
    let pay = v.pay.as_ref();
    let x = PAY_X;
    let mut y = TIMES_TOP + 5.5;
    let tenths = |f: &dyn Fn(&crate::pay::Pay) -> u32| hours_text(pay.map_or(0, f));
    let mut lines: Vec<(String, String)> = vec![
        (PAY_LABELS[0].into(), tenths(&|p| p.tenths_worked)),
        (PAY_LABELS[1].into(), v.rate.to_string()),
    ];
    if let Some(p) = pay {
        for o in &p.overtime {
            lines.push((
                format!("{} h at {}x", hours_text(o.tenths), o.multiplier),
                o.amount.to_string(),
            ));
        }
        lines.push((
            format!("Meal penalties ({})", p.penalty_units),
            p.penalty_amount.to_string(),
        ));
        for bump in &p.bumps {
            let name = bump.kind.code().replace('_', " ");
            let label = if bump.count > 1 {
                format!("Bump: {name} x{}", bump.count)
            } else {
                format!("Bump: {name}")
            };
            lines.push((label, bump.amount.to_string()));
        }
    }
    for (i, (label, amount)) in lines.iter().enumerate() {
        y += 7.0;
        if i >= PAY_LABELS.len() {
            pen.text(x, y, 3.4, r, INK, label)?;
        }
        pen.text_right(RIGHT, y, 3.4, r, amount)?;
    }
    y += 3.0;
    pen.line(x, y, RIGHT, y, 0.4);
    y += 6.0;
    pen.text(x, y, 4.0, b, INK, "Gross")?;
    pen.text_right(RIGHT, y, 4.0, b, &v.gross().to_string())?;
    if v.status != VoucherStatus::Released {
        y += 7.0;
        pen.text(x, y, 3.0, r, GREY, "No amounts until released.")?;
    }
    if let Some(reason) = &booking.upgraded {
        y += 7.0;
        pen.text_fit(
            x,
            y,
            3.0,
            s,
            INK,
            &format!("Upgraded to union: {reason}"),
            RIGHT - x,
        )?;
    }

    // The change log, below the times and the pay.
    let times_bottom = TIMES_TOP + 8.0 + TIME_ROWS.len() as f32 * 8.0;
    let rest = change_log(
        pen,
        day,
        changes,
        times_bottom.max(y) + 10.0,
        SIGNATURES_TOP - 6.0,
    )?;

    // The extra's signature, in the template's first box.
    if let Some(strokes) = signature {
        pen.strokes(strokes, LEFT + 2.0, SIGNATURES_TOP + 1.0, 116.0, 20.0);
    }
    // The production's approval, in the AD's box.
    if let Some((by, at)) = &v.marks.approved {
        let mut words = format!("Approved by {by}, {}", when_words(day, *at));
        if !v.marks.approval_note.is_empty() {
            words.push_str(&format!(": {}", v.marks.approval_note));
        }
        pen.text_fit(
            LEFT + 3.0,
            SIGNATURES_TOP + 43.0,
            4.0,
            s,
            INK,
            &words,
            114.0,
        )?;
    }
    footer(pen, day, v, changes.len())?;
    Ok(rest)
}

/// The rows of a voucher's times, top to bottom.
const TIME_ROWS: [&str; 6] = [
    "Call",
    "In",
    "NDB",
    "1st meal",
    "2nd meal",
    "Out (dismissed)",
];
/// The first lines of a voucher's pay, on every voucher.
const PAY_LABELS: [&str; 2] = ["Hours worked", "Day rate (8 h)"];
const TIMES_TOP: f32 = 64.0;
const PAY_X: f32 = LEFT + 110.0;
const SIGNATURES_TOP: f32 = 200.0;

/// What every voucher page of the day shows alike: the heading and the
/// day, the frame and labels of the times, the pay's first labels, the
/// signature boxes and the footer's note.
fn voucher_template(pen: &mut Pen<'_, '_, '_>, day: &Day) -> Result<(), String> {
    let (r, b) = (FontKey::Regular, FontKey::Bold);
    pen.text(LEFT, 24.0, 6.0, b, INK, "BACKGROUND VOUCHER")?;
    pen.text_fit(
        LEFT,
        31.0,
        3.6,
        r,
        GREY,
        &format!("{} · {}", day.title, day.date.format("%a %-d %b %Y")),
        RIGHT - LEFT,
    )?;
    pen.line(LEFT, 34.0, RIGHT, 34.0, 0.5);

    let top = TIMES_TOP;
    pen.frame(LEFT, top, 100.0, 8.0 + TIME_ROWS.len() as f32 * 8.0);
    pen.text(LEFT + 3.0, top + 5.5, 3.4, b, INK, "Times")?;
    pen.text(LEFT + 50.0, top + 5.5, 3.4, b, INK, "Out")?;
    pen.text(LEFT + 75.0, top + 5.5, 3.4, b, INK, "In")?;
    for (i, label) in TIME_ROWS.iter().enumerate() {
        let y = top + 8.0 + i as f32 * 8.0;
        pen.line(LEFT, y, LEFT + 100.0, y, 0.2);
        pen.text(LEFT + 3.0, y + 5.5, 3.6, r, INK, label)?;
    }

    let mut y = top + 5.5;
    pen.text(PAY_X, y, 3.4, b, INK, "Pay")?;
    for label in PAY_LABELS {
        y += 7.0;
        pen.text(PAY_X, y, 3.4, r, INK, label)?;
    }

    for (i, label) in ["Background actor's signature", "AD's signature"]
        .iter()
        .enumerate()
    {
        let y = SIGNATURES_TOP + i as f32 * 30.0;
        pen.frame(LEFT, y, 120.0, 22.0);
        pen.text(LEFT + 2.0, y + 26.0, 3.0, r, GREY, label)?;
        pen.line(LEFT + 130.0, y + 22.0, RIGHT, y + 22.0, 0.3);
        pen.text(LEFT + 130.0, y + 26.0, 3.0, r, GREY, "Date")?;
    }
    footer_note(pen)
}

/// The footer's left part, the same on every page.
fn footer_note(pen: &mut Pen<'_, '_, '_>) -> Result<(), String> {
    pen.text(
        LEFT,
        PAGE_H - 12.0,
        2.8,
        FontKey::Regular,
        GREY,
        "Made by extras-kiosk from the day's event log. Keep a copy.",
    )?;
    Ok(())
}

/// The page's foot on the right: the voucher's hash and its count of
/// changes (as the extra's copy carries them).
fn footer(pen: &mut Pen<'_, '_, '_>, day: &Day, v: &Voucher, changes: usize) -> Result<(), String> {
    pen.text_right(
        RIGHT,
        PAGE_H - 12.0,
        2.8,
        FontKey::SemiBold,
        &format!(
            "Voucher {} · {}",
            voucher_hash(day, v),
            changes_words(changes)
        ),
    )?;
    Ok(())
}

const CHANGE_LINE: f32 = 5.5;

/// Draws the change log from `top` down to `bottom` at most; returns the
/// changes that did not fit.
fn change_log<'c>(
    pen: &mut Pen<'_, '_, '_>,
    day: &Day,
    changes: &'c [Change],
    top: f32,
    bottom: f32,
) -> Result<&'c [Change], String> {
    let (r, b) = (FontKey::Regular, FontKey::Bold);
    if changes.is_empty() {
        if top <= bottom {
            pen.text(LEFT, top, 3.2, r, GREY, "Changes: none after the fact.")?;
        }
        return Ok(changes);
    }
    if top + 6.0 + 2.0 * CHANGE_LINE > bottom {
        // No room for the heading and a line: all of it on the next page.
        if top <= bottom + 4.0 {
            pen.text(
                LEFT,
                top.min(bottom),
                3.0,
                r,
                GREY,
                "Changes: on the next page.",
            )?;
        }
        return Ok(changes);
    }
    pen.text(LEFT, top, 3.4, b, INK, "Changes after the fact")?;
    // When, what, from, to, who, why: the When as "28 Nov 19:52", for a
    // change made days later reads as plainly as one made that evening.
    let cols = [
        LEFT,
        LEFT + 27.0,
        LEFT + 62.0,
        LEFT + 84.0,
        LEFT + 106.0,
        LEFT + 140.0,
    ];
    let heads = ["When", "What", "From", "To", "Who", "Why"];
    let mut y = top + 6.0;
    for (c, h) in cols.iter().zip(heads) {
        pen.text(*c, y, 3.0, b, GREY, h)?;
    }
    pen.line(LEFT, y + 1.5, RIGHT, y + 1.5, 0.2);
    let mut drawn = 0;
    for change in changes {
        // Room is kept below for the "more on the next page" line.
        if y + 2.0 * CHANGE_LINE > bottom && drawn + 1 < changes.len() {
            break;
        }
        if y + CHANGE_LINE > bottom {
            break;
        }
        y += CHANGE_LINE;
        let cells = [
            when_words(day, change.at),
            change.what.clone(),
            change.from.clone(),
            change.to.clone(),
            change.who.clone(),
            change.why.clone(),
        ];
        for (i, cell) in cells.iter().enumerate() {
            let right = cols.get(i + 1).copied().unwrap_or(RIGHT);
            pen.text_fit(cols[i], y, 3.4, r, INK, cell, right - cols[i] - 2.0)?;
        }
        drawn += 1;
    }
    let rest = &changes[drawn..];
    if !rest.is_empty() {
        pen.text(
            LEFT,
            y + CHANGE_LINE,
            3.0,
            r,
            GREY,
            &format!("{} more on the next page.", rest.len()),
        )?;
    }
    Ok(rest)
}

/// A page that carries on `v`'s change log; returns what still did not fit.
fn changes_continued<'c>(
    pen: &mut Pen<'_, '_, '_>,
    day: &Day,
    v: &Voucher,
    changes: &'c [Change],
    total: usize,
) -> Result<&'c [Change], String> {
    let booking = &v.card.booking;
    pen.text(LEFT, 24.0, 6.0, FontKey::Bold, INK, "BACKGROUND VOUCHER")?;
    pen.text_right(RIGHT, 24.0, 4.0, FontKey::SemiBold, &booking.badge_no)?;
    pen.text_fit(
        LEFT,
        31.0,
        3.6,
        FontKey::Regular,
        GREY,
        &format!(
            "{}, {} · changes, continued",
            booking.details.last_name, booking.details.first_name
        ),
        RIGHT - LEFT,
    )?;
    pen.line(LEFT, 34.0, RIGHT, 34.0, 0.5);
    let rest = change_log(pen, day, changes, 44.0, PAGE_H - 24.0)?;
    footer_note(pen)?;
    footer(pen, day, v, total)?;
    Ok(rest)
}
