//! The production (one per database, with its badge-signing secret) and its
//! shoot days, including which day is the current one.

use super::{Actor, Result, Store, StoreError, events, random_bytes, ts};
use crate::model::Day;
use chrono::{NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use rusqlite::{OptionalExtension, params};

/// The production a database belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct Production {
    /// Short random id printed in every badge token (e.g. `7QK2`).
    pub code: String,
    pub title: String,
    /// The key badge tokens are signed with.
    pub secret: Vec<u8>,
}

/// What `day open` asks for: the date, and any fields to set.
#[derive(Debug, Clone, Default)]
pub struct DayUpdate {
    pub date: Option<NaiveDate>,
    pub title: Option<String>,
    pub location: Option<String>,
    pub default_call: Option<NaiveTime>,
    pub tz: Option<Tz>,
    pub production_title: Option<String>,
}

/// Letters and digits that can't be misread (no I, L, O, U), all in the QR
/// alphanumeric set.
const CODE_ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

pub(super) fn day_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Day> {
    let unreadable = |column: usize, what: String| {
        rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, what.into())
    };
    let date: String = r.get(1)?;
    let tz: String = r.get(5)?;
    let default_call: Option<String> = r.get(4)?;
    Ok(Day {
        id: r.get(0)?,
        date: NaiveDate::parse_from_str(&date, "%Y-%m-%d")
            .map_err(|_| unreadable(1, format!("'{date}' is not a date")))?,
        title: r.get(2)?,
        location: r.get(3)?,
        default_call: default_call.and_then(|c| NaiveTime::parse_from_str(&c, "%H:%M").ok()),
        tz: tz.parse().map_err(|_| {
            unreadable(
                5,
                format!(
                    "the day {date} names the time zone '{tz}', which this build does not know"
                ),
            )
        })?,
    })
}

pub(super) const DAY_COLUMNS: &str = "id, date, title, location, default_call, tz";

impl Store {
    /// The production, if a day was ever opened.
    pub fn production(&self) -> Result<Option<Production>> {
        Ok(self
            .conn
            .query_row(
                "SELECT code, title, secret FROM production WHERE id = 1",
                [],
                |r| {
                    Ok(Production {
                        code: r.get(0)?,
                        title: r.get(1)?,
                        secret: r.get(2)?,
                    })
                },
            )
            .optional()?)
    }

    /// Creates the day (or updates the fields given) and makes it the
    /// current day. Returns the day and whether it was new.
    pub fn open_day(&mut self, update: &DayUpdate, default_tz: Tz) -> Result<(Day, bool)> {
        let date = update.date.unwrap_or_else(|| {
            // Today where the day shoots (its zone if given), not on
            // the machine: an evening in Los Angeles is tomorrow in UTC.
            Utc::now()
                .with_timezone(&update.tz.unwrap_or(default_tz))
                .date_naive()
        });
        let date_text = date.format("%Y-%m-%d").to_string();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let now = Utc::now();
        let has_production: bool =
            tx.query_row("SELECT EXISTS (SELECT 1 FROM production)", [], |r| r.get(0))?;
        if !has_production {
            let title = update
                .production_title
                .clone()
                .or_else(|| update.title.clone())
                .ok_or(StoreError::TitleNeeded)?;
            let code: String = random_bytes::<4>()
                .iter()
                .map(|b| CODE_ALPHABET[(*b as usize) % CODE_ALPHABET.len()] as char)
                .collect();
            tx.execute(
                "INSERT INTO production (id, code, title, secret, created_at) VALUES (1, ?1, ?2, ?3, ?4)",
                params![code, title, random_bytes::<32>().to_vec(), ts(now)],
            )?;
        } else if let Some(title) = &update.production_title {
            tx.execute("UPDATE production SET title = ?1 WHERE id = 1", [title])?;
        }
        let existing: Option<i64> = tx
            .query_row("SELECT id FROM days WHERE date = ?1", [&date_text], |r| {
                r.get(0)
            })
            .optional()?;
        let call_text = update.default_call.map(|c| c.format("%H:%M").to_string());
        let (day_id, created) = match existing {
            Some(id) => {
                tx.execute(
                    "UPDATE days SET title = COALESCE(?2, title), location = COALESCE(?3, location),
                         default_call = COALESCE(?4, default_call), tz = COALESCE(?5, tz)
                     WHERE id = ?1",
                    params![id, update.title, update.location, call_text, update.tz.map(|t| t.name())],
                )?;
                (id, false)
            }
            None => {
                let title = update.title.clone().ok_or(StoreError::TitleNeeded)?;
                tx.execute(
                    "INSERT INTO days (date, title, location, default_call, tz, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![
                        date_text,
                        title,
                        update.location,
                        call_text,
                        update.tz.unwrap_or(default_tz).name(),
                        ts(now)
                    ],
                )?;
                (tx.last_insert_rowid(), true)
            }
        };
        tx.execute(
            "INSERT INTO settings (key, value) VALUES ('current_day', ?1)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [&date_text],
        )?;
        events::append(
            &tx,
            &self.identity.id,
            &events::NewEvent {
                kind: if created {
                    "day_opened"
                } else {
                    "day_selected"
                },
                day_id: Some(day_id),
                booking_id: None,
                area_id: None,
                happened_at: now,
                actor: Actor::Supervisor,
                // The day as it now stands, so another kiosk can make it.
                payload: tx.query_row(
                    "SELECT date, title, location, default_call, tz FROM days WHERE id = ?1",
                    [day_id],
                    |r| {
                        Ok(serde_json::json!({
                            "date": r.get::<_, String>(0)?,
                            "title": r.get::<_, String>(1)?,
                            "location": r.get::<_, Option<String>>(2)?,
                            "default_call": r.get::<_, Option<String>>(3)?,
                            "tz": r.get::<_, String>(4)?,
                        }))
                    },
                )?,
            },
        )?;
        tx.commit()?;
        let day = self.day_by_date(date)?;
        Ok((day, created))
    }

    /// The day on `date`.
    pub fn day_by_date(&self, date: NaiveDate) -> Result<Day> {
        let date_text = date.format("%Y-%m-%d").to_string();
        self.conn
            .query_row(
                &format!("SELECT {DAY_COLUMNS} FROM days WHERE date = ?1"),
                [&date_text],
                day_from_row,
            )
            .optional()?
            .ok_or(StoreError::NoSuchDay(date_text))
    }

    /// The day `day open` last selected.
    pub fn current_day(&self) -> Result<Day> {
        let date: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM settings WHERE key = 'current_day'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        let date = date.ok_or(StoreError::NoCurrentDay)?;
        let date =
            NaiveDate::parse_from_str(&date, "%Y-%m-%d").map_err(|_| StoreError::NoCurrentDay)?;
        self.day_by_date(date)
    }

    /// The day on `date` when given, else the current day.
    pub fn day_or_current(&self, date: Option<NaiveDate>) -> Result<Day> {
        match date {
            Some(d) => self.day_by_date(d),
            None => self.current_day(),
        }
    }
}
