//! Checking each row of a skin and turning it into booking details: names,
//! category, union status, rate and call time, with every problem named.

use super::Problem;
use super::columns::{ColumnMap, Field};
use super::table::TableRow;
use crate::model::{
    BookingDetails, Category, ClockTime, Day, Money, Paperwork, UnionStatus, parse_clock,
    starts_like_formula,
};
use std::collections::HashMap;

/// A row that passed every check.
#[derive(Debug, Clone, PartialEq)]
pub struct SkinRow {
    pub line: u64,
    pub details: BookingDetails,
    /// The name as compared with other rows and bookings ([`name_key`]).
    pub name_key: String,
}

/// Splits one name cell: "Last, First" at the comma, otherwise the last
/// word is the last name.
pub fn split_name(name: &str) -> (String, String) {
    let name = name.trim();
    if let Some((last, first)) = name.split_once(',') {
        return (collapse(first), collapse(last));
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    match words.split_last() {
        Some((last, [])) => (last.to_string(), String::new()),
        Some((last, first)) => (first.join(" "), last.to_string()),
        None => (String::new(), String::new()),
    }
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn optional(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// The name as compared for duplicates and re-imports.
pub fn name_key(first: &str, last: &str) -> String {
    let mut key = String::with_capacity(first.len() + last.len() + 1);
    for word in first.split_whitespace().chain(last.split_whitespace()) {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(word.chars().flat_map(char::to_lowercase));
    }
    key
}

/// The phone as compared: its digits, without a leading country code 1.
pub fn phone_key(phone: Option<&str>) -> Option<String> {
    let digits: String = phone?.chars().filter(char::is_ascii_digit).collect();
    let digits = match digits.len() {
        11 if digits.starts_with('1') => digits[1..].to_string(),
        0 => return None,
        _ => digits,
    };
    Some(digits)
}

pub fn email_key(email: Option<&str>) -> Option<String> {
    email
        .map(|e| e.trim().to_lowercase())
        .filter(|e| !e.is_empty())
}

/// A call time cell: a clock time, or an Excel fraction of a day.
fn read_call(text: &str) -> Option<ClockTime> {
    parse_clock(text).ok().or_else(|| {
        let fraction: f64 = text.parse().ok()?;
        if !(0.0..1.0).contains(&fraction) {
            return None;
        }
        let minutes = (fraction * 1440.0).round() as u32 % 1440;
        parse_clock(&format!("{:02}:{:02}", minutes / 60, minutes % 60)).ok()
    })
}

/// A row already read under a name: its line and contact keys.
struct SeenContact {
    line: u64,
    phone: Option<String>,
    email: Option<String>,
}

/// Checks every row; returns the good rows, the problems and the warnings.
pub fn check_rows(
    file: &str,
    rows: &[TableRow],
    map: &ColumnMap,
    day: &Day,
) -> (Vec<SkinRow>, Vec<Problem>, Vec<String>) {
    let mut good = Vec::with_capacity(rows.len());
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let mut formula_lines = Vec::new();
    let mut by_name: HashMap<String, Vec<SeenContact>> = HashMap::new();
    // Most of a skin shares a handful of call times: convert each once.
    let mut calls: HashMap<&str, Result<chrono::DateTime<chrono::Utc>, String>> = HashMap::new();
    for row in rows {
        let cell = |f: Field| map.get(&row.cells, f);
        let mut row_problems = Vec::new();
        let mut report = |field: Field, what: &str, value: &str| {
            row_problems.push(Problem {
                file: file.to_string(),
                line: row.line,
                column: Some(field.name().to_string()),
                what: what.to_string(),
                value: (!value.is_empty()).then(|| value.to_string()),
            });
        };

        let (mut first, mut last) = (
            collapse(cell(Field::FirstName)),
            collapse(cell(Field::LastName)),
        );
        if first.is_empty() && last.is_empty() {
            (first, last) = split_name(cell(Field::Name));
        }
        if first.is_empty() && last.is_empty() {
            let column = if map.has(Field::Name) {
                Field::Name
            } else {
                Field::FirstName
            };
            report(column, "no name: every booking needs one", "");
        }

        let category_text = cell(Field::Category);
        let category = Category::parse_loose(category_text);
        if category.is_none() {
            if category_text.is_empty() {
                report(
                    Field::Category,
                    "empty: write general, special ability, stand-in or photo double",
                    "",
                );
            } else {
                report(
                    Field::Category,
                    "not a category: write general (BG), special ability (SA), stand-in or photo double",
                    category_text,
                );
            }
        }

        let union_text = cell(Field::Union);
        let union = UnionStatus::parse_loose(union_text);
        if union.is_none() {
            let what = if union_text.is_empty() {
                "empty: write union (SAG, Y) or non-union (N)"
            } else {
                "not a union status: write union (SAG, Y) or non-union (N)"
            };
            report(Field::Union, what, union_text);
        }

        let voucher_text = cell(Field::Voucher);
        let paper_voucher = match voucher_text.trim().to_ascii_lowercase().as_str() {
            "paper" | "p" => Some(true),
            "" | "electronic" | "e" | "digital" | "evoucher" | "e-voucher" | "app" => Some(false),
            _ => {
                report(
                    Field::Voucher,
                    "not a voucher kind: write paper, or leave it empty for an electronic voucher",
                    voucher_text,
                );
                None
            }
        };

        let paperwork_text = cell(Field::Paperwork);
        let paperwork = match paperwork_text.trim().to_ascii_lowercase().as_str() {
            "" | "unknown" => Some(Paperwork::Unknown),
            "pending" | "no" | "n" | "missing" => Some(Paperwork::Pending),
            "complete" | "completed" | "done" | "yes" | "y" => Some(Paperwork::Complete),
            _ => {
                report(
                    Field::Paperwork,
                    "not a paperwork status: write complete (yes) or pending (no), or leave it empty",
                    paperwork_text,
                );
                None
            }
        };

        let rate_text = cell(Field::Rate);
        let rate = if rate_text.is_empty() {
            Some(None)
        } else {
            match Money::parse_rate(rate_text) {
                Ok(money) => Some(Some(money)),
                Err(what) => {
                    report(Field::Rate, &what, rate_text);
                    None
                }
            }
        };

        let call_text = cell(Field::CallTime);
        let call_at = calls.entry(call_text).or_insert_with(|| if call_text.is_empty() {
            match day.default_call {
                Some(time) => day.instant(ClockTime { time, days_after: 0 }).map_err(|e| e.to_string()),
                None => Err(
                    "empty, and the day has no default call: write a call time, or open the day with --call HH:MM"
                        .to_string(),
                ),
            }
        } else {
            match read_call(call_text) {
                Some(clock) => day.instant(clock).map_err(|e| e.to_string()),
                None => Err("not a time: write 06:30, 6:30 AM, 0630 or 6:30a".to_string()),
            }
        });
        let call_at = match call_at {
            Ok(at) => Some(*at),
            Err(what) => {
                report(Field::CallTime, what, call_text);
                None
            }
        };

        let phone = optional(cell(Field::Phone));
        let email = optional(cell(Field::Email));
        let key = name_key(&first, &last);
        if !key.is_empty() {
            let (pk, ek) = (phone_key(phone.as_deref()), email_key(email.as_deref()));
            let earlier = by_name.entry(key.clone()).or_default();
            if let Some(SeenContact { line, .. }) = earlier.iter().find(|seen| {
                (pk.is_some() && seen.phone == pk) || (ek.is_some() && seen.email == ek)
            }) {
                let full = format!("{first} {last}");
                report(
                    if map.has(Field::Name) {
                        Field::Name
                    } else {
                        Field::LastName
                    },
                    &format!(
                        "the same person as line {line} (same name and phone or email): remove one"
                    ),
                    full.trim(),
                );
            } else if let Some(SeenContact { line, .. }) = earlier.first() {
                warnings.push(format!(
                    "{file}:{}: {} {} has the same name as line {line}: imported as two people (different contact details)",
                    row.line, first, last
                ));
            }
            earlier.push(SeenContact {
                line: row.line,
                phone: pk,
                email: ek,
            });
        }

        if starts_like_formula(&first) || starts_like_formula(&last) {
            formula_lines.push(row.line.to_string());
        }
        match (category, union, rate, call_at, paper_voucher, paperwork) {
            (
                Some(category),
                Some(union),
                Some(rate),
                Some(call_at),
                Some(paper_voucher),
                Some(paperwork),
            ) if row_problems.is_empty() => good.push(SkinRow {
                line: row.line,
                details: BookingDetails {
                    first_name: first,
                    last_name: last,
                    category,
                    union,
                    rate,
                    call_at,
                    wardrobe: optional(cell(Field::Wardrobe)),
                    phone,
                    email,
                    agency: optional(cell(Field::Agency)),
                    notes: optional(cell(Field::Notes)),
                    paper_voucher,
                    paperwork,
                },
                name_key: key,
            }),
            _ => problems.append(&mut row_problems),
        }
    }
    if !formula_lines.is_empty() {
        warnings.push(format!(
            "{file}: {} =, +, -, @ or a tab, as a spreadsheet formula does: kept as given, and written as text in every export (check the names)",
            if formula_lines.len() == 1 {
                format!("the name on line {} begins with", formula_lines[0])
            } else {
                format!("the names on lines {} begin with", formula_lines.join(", "))
            }
        ));
    }
    (good, problems, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_at_the_comma_or_the_last_word() {
        let s = |t: &str| split_name(t);
        assert_eq!(s("O'Brien, Pat"), ("Pat".into(), "O'Brien".into()));
        assert_eq!(s("Jean-Luc Picard"), ("Jean-Luc".into(), "Picard".into()));
        assert_eq!(
            s("Mary Ann  van Dyke"),
            ("Mary Ann van".into(), "Dyke".into())
        );
        assert_eq!(
            s("García,  María José"),
            ("María José".into(), "García".into())
        );
        assert_eq!(s("王芳"), ("王芳".into(), "".into()));
        assert_eq!(s("  "), ("".into(), "".into()));
    }

    #[test]
    fn contact_keys_ignore_formatting() {
        assert_eq!(phone_key(Some("(310) 555-0101")), Some("3105550101".into()));
        assert_eq!(
            phone_key(Some("+1 310 555 0101")),
            Some("3105550101".into())
        );
        assert_eq!(phone_key(Some("-")), None);
        assert_eq!(
            email_key(Some(" Pat@Example.COM ")),
            Some("pat@example.com".into())
        );
        assert_eq!(name_key(" Zoë ", "NG"), "zoë ng");
    }
}
