//! The words the extras' face writes itself, in the extra's language: a
//! voucher's arithmetic in one line, a date.

use chrono::NaiveDate;

/// A voucher's hours in one line: "9.4 h: 8.0 h straight, 1.4 h at 1.5x",
/// or, for a day shorter than the guarantee, "0.4 h worked, paid the 8.0 h
/// minimum".
pub fn arithmetic(pay: &crate::pay::Pay, spanish: bool) -> String {
    use crate::pay::hours_text as h;
    if pay.tenths_worked < pay.tenths_guaranteed {
        return if spanish {
            format!(
                "{} h trabajadas; se paga el mínimo de {} h",
                h(pay.tenths_worked),
                h(pay.tenths_guaranteed)
            )
        } else {
            format!(
                "{} h worked, paid the {} h minimum",
                h(pay.tenths_worked),
                h(pay.tenths_guaranteed)
            )
        };
    }
    let mut parts = vec![if spanish {
        format!("{} h normales", h(pay.tenths_straight))
    } else {
        format!("{} h straight", h(pay.tenths_straight))
    }];
    for o in pay.overtime.iter().filter(|o| o.tenths > 0) {
        parts.push(if spanish {
            format!("{} h a {}x", h(o.tenths), o.multiplier)
        } else {
            format!("{} h at {}x", h(o.tenths), o.multiplier)
        });
    }
    format!("{} h: {}", h(pay.tenths_worked), parts.join(", "))
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
