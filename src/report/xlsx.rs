//! The vouchers as an XLSX workbook: the CSV's table with typed cells
//! (times as times, hours as numbers, amounts as currency), a totals row,
//! and the background count on a second sheet.

use super::count::background_count;
use super::csv_files::{COUNT_HEADER, VOUCHER_HEADER, voucher_fields};
use super::vouchers::Voucher;
use crate::model::{Day, Money};
use chrono::{DateTime, Utc};
use rust_xlsxwriter::{Format, Workbook, XlsxError};

/// A time of the day as a spreadsheet time: days since the shoot date's
/// midnight, shown `[h]:mm` so a night shoot's 04:10 the next morning
/// reads 28:10 and sorts after 23:00.
fn sheet_time(day: &Day, at: DateTime<Utc>) -> f64 {
    let local = at.with_timezone(&day.tz).naive_local();
    let midnight = day.date.and_hms_opt(0, 0, 0).expect("midnight exists");
    (local - midnight).num_seconds() as f64 / 86_400.0
}

fn dollars(m: Money) -> f64 {
    m.0 as f64 / 100.0
}

/// Which columns hold times, hours and amounts (by header name).
fn column_kind(name: &str) -> Kind {
    match name {
        "call" | "in" | "ndb_out" | "ndb_in" | "meal1_out" | "meal1_in" | "meal2_out"
        | "meal2_in" | "out" => Kind::Time,
        "hours_worked" | "hours_straight" | "hours_ot_1_5x" | "hours_ot_2x" => Kind::Hours,
        "rate" | "meal_penalty_amount" | "bump_amount" | "gross" => Kind::Money,
        "meal_penalties" | "corrections" | "items_out" => Kind::Count,
        _ => Kind::Text,
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Text,
    Time,
    Hours,
    Money,
    Count,
}

/// `vouchers-<date>.xlsx`.
pub fn vouchers_xlsx(day: &Day, vouchers: &[Voucher]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let time = Format::new().set_num_format("[h]:mm");
    let hours = Format::new().set_num_format("0.0");
    let money = Format::new().set_num_format("$#,##0.00");
    let money_bold = Format::new().set_num_format("$#,##0.00").set_bold();
    let hours_bold = Format::new().set_num_format("0.0").set_bold();

    let sheet = book.add_worksheet();
    sheet.set_name("Vouchers")?;
    for (col, name) in VOUCHER_HEADER.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *name, &bold)?;
    }
    let mut totals = vec![0f64; VOUCHER_HEADER.len()];
    for (i, v) in vouchers.iter().enumerate() {
        let row = i as u32 + 1;
        let fields = voucher_fields(day, v);
        let presence = v.card.presence.as_ref();
        let meal = |n: usize| v.meals.get(n).copied();
        for (col, name) in VOUCHER_HEADER.iter().enumerate() {
            let c = col as u16;
            let text = &fields[col];
            match column_kind(name) {
                Kind::Time => {
                    let at = match *name {
                        "call" => Some(v.card.booking.details.call_at),
                        "in" => presence.and_then(|p| p.checked_in_at),
                        "out" => presence.and_then(|p| p.released_at),
                        "ndb_out" => v.ndb.map(|s| s.start),
                        "ndb_in" => v.ndb.map(|s| s.end),
                        "meal1_out" => meal(0).map(|s| s.start),
                        "meal1_in" => meal(0).map(|s| s.end),
                        "meal2_out" => meal(1).map(|s| s.start),
                        _ => meal(1).map(|s| s.end),
                    };
                    if let Some(at) = at {
                        sheet.write_number_with_format(row, c, sheet_time(day, at), &time)?;
                    }
                }
                Kind::Hours | Kind::Count => {
                    let n: f64 = text.parse().unwrap_or(0.0);
                    totals[col] += n;
                    if column_kind(name) == Kind::Hours {
                        sheet.write_number_with_format(row, c, n, &hours)?;
                    } else {
                        sheet.write_number(row, c, n)?;
                    }
                }
                Kind::Money => {
                    let cents = Money::parse_rate(text).unwrap_or_default();
                    if *name != "rate" {
                        totals[col] += cents.0 as f64;
                    }
                    sheet.write_number_with_format(row, c, dollars(cents), &money)?;
                }
                Kind::Text => {
                    sheet.write_string(row, c, text)?;
                }
            }
        }
    }
    let total_row = vouchers.len() as u32 + 1;
    sheet.write_string_with_format(total_row, 0, "Total", &bold)?;
    sheet.write_string_with_format(total_row, 1, format!("{} vouchers", vouchers.len()), &bold)?;
    for (col, name) in VOUCHER_HEADER.iter().enumerate() {
        let c = col as u16;
        match column_kind(name) {
            Kind::Hours => {
                // Sums of tenths: round away the float's noise.
                let v = (totals[col] * 10.0).round() / 10.0;
                sheet.write_number_with_format(total_row, c, v, &hours_bold)?;
            }
            Kind::Count => {
                sheet.write_number_with_format(total_row, c, totals[col], &bold)?;
            }
            Kind::Money if *name != "rate" => {
                sheet.write_number_with_format(
                    total_row,
                    c,
                    dollars(Money(totals[col] as i64)),
                    &money_bold,
                )?;
            }
            _ => {}
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofit();

    let sheet = book.add_worksheet();
    sheet.set_name("Background count")?;
    for (col, name) in COUNT_HEADER.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *name, &bold)?;
    }
    let (lines, total) = background_count(vouchers);
    for (i, (category, union, c)) in lines
        .iter()
        .map(|(k, u, c)| (k.code(), u.code(), c))
        .chain(std::iter::once(("total", "", &total)))
        .enumerate()
    {
        let row = i as u32 + 1;
        sheet.write_string(row, 0, category)?;
        sheet.write_string(row, 1, union)?;
        for (col, n) in [
            c.booked, c.arrived, c.late, c.no_show, c.walk_ins, c.released,
        ]
        .into_iter()
        .enumerate()
        {
            sheet.write_number(row, col as u16 + 2, f64::from(n))?;
        }
    }
    sheet.autofit();
    book.save_to_buffer()
}
