//! Local clock times of a shoot day: reading "6:30 AM", "0630", "18:00+1" and
//! `--at` times, turning them into UTC instants in the day's zone, and back.

use chrono::{DateTime, Days, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use std::fmt;

/// A local time of day, on the day's date or `days_after` dates later
/// (night shoots: `04:10+1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClockTime {
    pub time: NaiveTime,
    pub days_after: u8,
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.time.format("%H:%M"))?;
        if self.days_after > 0 {
            write!(f, "+{}", self.days_after)?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimeError {
    #[error("'{0}' is not a time: write 06:30, 6:30 AM, 0630 or 6:30a (add +1 for after midnight)")]
    Unreadable(String),
    #[error("'{0}' is not a time: write HH:MM, HH:MM+1 (after midnight) or YYYY-MM-DDTHH:MM")]
    UnreadableAt(String),
    #[error(
        "{local} does not exist in {tz}: the clocks go forward then; use a time after the change"
    )]
    Nonexistent { local: String, tz: String },
}

/// Reads a clock time as people write it on a skin: `06:30`, `6:30 AM`,
/// `0630`, `6:30a`, `6pm`, `18:30`, with an optional `+1` for the next date.
pub fn parse_clock(text: &str) -> Result<ClockTime, TimeError> {
    let bad = || TimeError::Unreadable(text.trim().to_string());
    let mut s = text.trim().to_ascii_uppercase();
    let mut days_after = 0u8;
    if let Some(rest) = s.strip_suffix("+1") {
        days_after = 1;
        s = rest.trim_end().to_string();
    }
    let s = s.replace('.', "");
    let (body, meridiem) = if let Some(b) = s.strip_suffix("AM").or_else(|| s.strip_suffix('A')) {
        (b.trim(), Some(false))
    } else if let Some(b) = s.strip_suffix("PM").or_else(|| s.strip_suffix('P')) {
        (b.trim(), Some(true))
    } else {
        (s.trim(), None)
    };
    let (hour, minute, second): (u32, u32, u32) = if body.contains(':') {
        let parts: Vec<&str> = body.split(':').collect();
        let num = |p: &str| -> Option<u32> {
            (!p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        };
        match parts.as_slice() {
            [h, m] if m.len() == 2 => (num(h).ok_or_else(bad)?, num(m).ok_or_else(bad)?, 0),
            [h, m, sec] if m.len() == 2 && sec.len() == 2 => (
                num(h).ok_or_else(bad)?,
                num(m).ok_or_else(bad)?,
                num(sec).ok_or_else(bad)?,
            ),
            _ => return Err(bad()),
        }
    } else {
        if body.is_empty() || !body.chars().all(|c| c.is_ascii_digit()) {
            return Err(bad());
        }
        let n: u32 = body.parse().map_err(|_| bad())?;
        match body.len() {
            1 | 2 if meridiem.is_some() => (n, 0, 0),
            3 | 4 => (n / 100, n % 100, 0),
            _ => return Err(bad()),
        }
    };
    let hour = match meridiem {
        Some(pm) => {
            if !(1..=12).contains(&hour) {
                return Err(bad());
            }
            (hour % 12) + if pm { 12 } else { 0 }
        }
        None => hour,
    };
    let time = NaiveTime::from_hms_opt(hour, minute, second).ok_or_else(bad)?;
    Ok(ClockTime { time, days_after })
}

/// The instant of `clock` on `date` in zone `tz`. An hour that happens twice
/// (clocks go back) is its first occurrence; an hour that never happens
/// (clocks go forward) is an error.
pub(crate) fn local_instant(
    tz: Tz,
    date: NaiveDate,
    clock: ClockTime,
) -> Result<DateTime<Utc>, TimeError> {
    let date = date
        .checked_add_days(Days::new(clock.days_after.into()))
        .ok_or_else(|| TimeError::Unreadable(clock.to_string()))?;
    naive_to_utc(tz, date.and_time(clock.time))
}

fn naive_to_utc(tz: Tz, local: NaiveDateTime) -> Result<DateTime<Utc>, TimeError> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(first, _) => Ok(first.with_timezone(&Utc)),
        LocalResult::None => Err(TimeError::Nonexistent {
            local: local.format("%Y-%m-%d %H:%M").to_string(),
            tz: tz.name().to_string(),
        }),
    }
}

/// Reads an `--at` time: `HH:MM` (on the day's date), `HH:MM+1` (the next
/// date), `YYYY-MM-DDTHH:MM[:SS]` local, or an RFC 3339 time with an offset
/// (to name one of the two 01:30s of the night the clocks go back).
pub(crate) fn parse_at(tz: Tz, date: NaiveDate, text: &str) -> Result<DateTime<Utc>, TimeError> {
    let t = text.trim();
    if t.len() > 10
        && t.as_bytes()
            .get(10)
            .is_some_and(|b| *b == b'T' || *b == b' ')
    {
        if let Ok(with_offset) = DateTime::parse_from_rfc3339(t) {
            return Ok(with_offset.with_timezone(&Utc));
        }
        for pattern in [
            "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%d %H:%M",
        ] {
            if let Ok(local) = NaiveDateTime::parse_from_str(t, pattern) {
                return naive_to_utc(tz, local);
            }
        }
        return Err(TimeError::UnreadableAt(t.to_string()));
    }
    let clock = parse_clock(t).map_err(|_| TimeError::UnreadableAt(t.to_string()))?;
    local_instant(tz, date, clock)
}

/// `HH:MM` on `date`, `HH:MM+1` on the next date, else `YYYY-MM-DDTHH:MM`.
pub(crate) fn format_relative(tz: Tz, date: NaiveDate, at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&tz);
    let local_date = local.date_naive();
    if local_date == date {
        local.format("%H:%M").to_string()
    } else if Some(local_date) == date.succ_opt() {
        format!("{}+1", local.format("%H:%M"))
    } else {
        local.format("%Y-%m-%dT%H:%M").to_string()
    }
}

/// The machine's IANA time zone, UTC when it cannot be told.
pub fn machine_zone() -> Tz {
    iana_time_zone::get_timezone()
        .ok()
        .and_then(|name| name.parse().ok())
        .unwrap_or(chrono_tz::UTC)
}

/// `YYYY-MM-DDTHH:MM` in the zone `tz`.
pub fn format_local_iso(tz: Tz, at: DateTime<Utc>) -> String {
    at.with_timezone(&tz).format("%Y-%m-%dT%H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn clock_times_as_people_write_them() {
        for (text, want) in [
            ("06:30", hm(6, 30)),
            ("6:30", hm(6, 30)),
            ("6:30 AM", hm(6, 30)),
            ("6:30am", hm(6, 30)),
            ("0630", hm(6, 30)),
            ("630", hm(6, 30)),
            ("6:30a", hm(6, 30)),
            ("6:30 p.m.", hm(18, 30)),
            ("6pm", hm(18, 0)),
            ("12:15 AM", hm(0, 15)),
            ("12:15 PM", hm(12, 15)),
            ("18:45", hm(18, 45)),
            ("00:00", hm(0, 0)),
        ] {
            let got = parse_clock(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(
                got,
                ClockTime {
                    time: want,
                    days_after: 0
                },
                "{text}"
            );
        }
        assert_eq!(
            parse_clock("04:10+1").unwrap(),
            ClockTime {
                time: hm(4, 10),
                days_after: 1
            }
        );
        for bad in [
            "", "25:00", "6:75", "13:00 PM", "abc", "6", "12345", "6:3", ":30", "6:30 XM",
        ] {
            assert!(parse_clock(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn at_times_are_local_to_the_day() {
        let tz: Tz = "America/Los_Angeles".parse().unwrap();
        let date = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let at = parse_at(tz, date, "06:30").unwrap();
        assert_eq!(at.to_rfc3339(), "2026-11-28T14:30:00+00:00");
        let night = parse_at(tz, date, "04:10+1").unwrap();
        assert_eq!(night.to_rfc3339(), "2026-11-29T12:10:00+00:00");
        assert_eq!(format_relative(tz, date, night), "04:10+1");
        assert_eq!(format_relative(tz, date, at), "06:30");
        let full = parse_at(tz, date, "2026-11-30T07:00").unwrap();
        assert_eq!(format_relative(tz, date, full), "2026-11-30T07:00");
        assert_eq!(parse_at(tz, date, "2026-11-28T06:30:00").unwrap(), at);
        assert!(parse_at(tz, date, "tomorrow").is_err());
    }

    #[test]
    fn a_dst_night_keeps_every_hour() {
        // US clocks go back at 02:00 on 2026-11-01: 01:30 happens twice.
        let tz: Tz = "America/Los_Angeles".parse().unwrap();
        let date = NaiveDate::from_ymd_opt(2026, 10, 31).unwrap();
        let call = parse_at(tz, date, "20:00").unwrap();
        let wrap = parse_at(tz, date, "06:00+1").unwrap();
        assert_eq!((wrap - call).num_hours(), 11, "the extra hour is paid");
        let second = parse_at(tz, date, "2026-11-01T01:30:00-08:00").unwrap();
        let first = parse_at(tz, date, "01:30+1").unwrap();
        assert_eq!((second - first).num_minutes(), 60);
        // Spring forward: 02:30 on 2026-03-08 does not exist.
        let spring = NaiveDate::from_ymd_opt(2026, 3, 7).unwrap();
        let err = parse_at(tz, spring, "02:30+1").unwrap_err();
        assert!(matches!(err, TimeError::Nonexistent { .. }), "{err}");
    }
}
