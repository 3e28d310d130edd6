//! Holding areas of a day: adding them and listing them in their order.

use super::{Actor, Result, Store, StoreError, events};
use crate::model::{Category, Day, HoldingArea, UnionStatus};
use chrono::Utc;
use rusqlite::params;

fn categories_text(categories: &[Category]) -> String {
    categories
        .iter()
        .map(|c| c.code())
        .collect::<Vec<_>>()
        .join(",")
}

/// What an area's event says of it.
fn area_payload(area: &HoldingArea, order: i64) -> serde_json::Value {
    serde_json::json!({
        "name": area.name,
        "location": area.location,
        "capacity": area.capacity,
        "union_filter": area.union_filter.map(UnionStatus::code),
        "category_filter": categories_text(&area.category_filter),
        "order": order,
    })
}

impl Store {
    /// Adds a holding area to `day`, placed after the others unless
    /// `area.order` is set (non-zero).
    pub fn add_area(&mut self, day: &Day, area: &HoldingArea) -> Result<HoldingArea> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM holding_areas WHERE day_id = ?1 AND name = ?2)",
            params![day.id, area.name],
            |r| r.get(0),
        )?;
        if exists {
            return Err(StoreError::AreaExists(area.name.clone()));
        }
        let order = if area.order != 0 {
            area.order
        } else {
            tx.query_row(
                "SELECT COALESCE(MAX(sort_order), 0) + 1 FROM holding_areas WHERE day_id = ?1",
                [day.id],
                |r| r.get(0),
            )?
        };
        // Made here, so the area is the same one on every kiosk.
        let uid = hex::encode(super::random_bytes::<8>());
        tx.execute(
            "INSERT INTO holding_areas (day_id, name, location, capacity, union_filter, category_filter, sort_order, uid)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                day.id,
                area.name,
                area.location,
                area.capacity,
                area.union_filter.map(UnionStatus::code),
                categories_text(&area.category_filter),
                order,
                uid
            ],
        )?;
        let id = tx.last_insert_rowid();
        let mut payload = area_payload(area, order);
        payload["uid"] = serde_json::json!(uid);
        payload["date"] = serde_json::json!(day.date.to_string());
        events::append(
            &tx,
            &self.identity.id,
            &events::NewEvent {
                kind: "area_added",
                day_id: Some(day.id),
                booking_id: None,
                area_id: Some(id),
                happened_at: Utc::now(),
                actor: Actor::Supervisor,
                payload,
            },
        )?;
        tx.commit()?;
        Ok(HoldingArea {
            id,
            day_id: day.id,
            order,
            ..area.clone()
        })
    }

    /// Changes a holding area's name, location, capacity, filters and order.
    pub fn update_area(&mut self, area: &HoldingArea) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let taken: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM holding_areas WHERE day_id = ?1 AND name = ?2 AND id <> ?3)",
            params![area.day_id, area.name, area.id],
            |r| r.get(0),
        )?;
        if taken {
            return Err(StoreError::AreaExists(area.name.clone()));
        }
        tx.execute(
            "UPDATE holding_areas SET name = ?2, location = ?3, capacity = ?4, union_filter = ?5,
                    category_filter = ?6, sort_order = ?7
             WHERE id = ?1",
            params![
                area.id,
                area.name,
                area.location,
                area.capacity,
                area.union_filter.map(UnionStatus::code),
                categories_text(&area.category_filter),
                area.order
            ],
        )?;
        let mut payload = area_payload(area, area.order);
        payload["uid"] = tx
            .query_row(
                "SELECT uid FROM holding_areas WHERE id = ?1",
                [area.id],
                |r| r.get::<_, Option<String>>(0),
            )?
            .into();
        events::append(
            &tx,
            &self.identity.id,
            &events::NewEvent {
                kind: "area_changed",
                day_id: Some(area.day_id),
                booking_id: None,
                area_id: Some(area.id),
                happened_at: Utc::now(),
                actor: Actor::Supervisor,
                payload,
            },
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The day's holding areas, in their order.
    pub fn areas(&self, day: &Day) -> Result<Vec<HoldingArea>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, day_id, name, location, capacity, union_filter, category_filter, sort_order
             FROM holding_areas WHERE day_id = ?1 ORDER BY sort_order, id",
        )?;
        let rows = stmt.query_map([day.id], |r| {
            let union: Option<String> = r.get(5)?;
            let categories: String = r.get(6)?;
            Ok(HoldingArea {
                id: r.get(0)?,
                day_id: r.get(1)?,
                name: r.get(2)?,
                location: r.get(3)?,
                capacity: r.get(4)?,
                union_filter: union.as_deref().and_then(UnionStatus::from_code),
                category_filter: categories
                    .split(',')
                    .filter_map(Category::from_code)
                    .collect(),
                order: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
