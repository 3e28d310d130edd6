//! The hub trusts no kiosk (issue 24), against a real throwaway PostgreSQL
//! with scram passwords, as a kiosk's own role (its password is on its
//! laptop): forged events refused at the door and named; an event a
//! superuser edited on the hub set aside by the kiosks, the day going on;
//! contacts changed only through the hub's function, under its rules;
//! a retired kiosk's login and open session refused.

use super::common::demo_with_skin;
use super::common::pg::{Pg, hub_with_tents};
use extras_kiosk::kiosk::{Kiosk, ScanMode};
use extras_kiosk::store::hub::{Hub, HubAddress};
use extras_kiosk::store::{Actor, NewEvent, Store};
use std::path::{Path, PathBuf};
use std::process::Command;

struct Production {
    pg: Pg,
    _dir: tempfile::TempDir,
    day: extras_kiosk::model::Day,
    lead: PathBuf,
    lead_hub: Hub,
    /// Each tent's file and address (with its password).
    tents: Vec<(PathBuf, String)>,
}

fn production() -> Production {
    let pg = Pg::start();
    let (dir, mut lead, day) = demo_with_skin();
    let (lead_hub, tents) =
        hub_with_tents(&pg, &mut lead, &[("tent1", "Tent 1"), ("tent2", "Tent 2")]);
    Production {
        lead: lead.path().to_path_buf(),
        pg,
        _dir: dir,
        day,
        lead_hub,
        tents,
    }
}

fn sync(db: &Path, url: &str) -> extras_kiosk::store::Result<extras_kiosk::store::hub::HubReport> {
    let mut store = Store::open(db).unwrap();
    let mut hub = Hub::connect(&HubAddress::parse(url).unwrap())?;
    store.sync_hub(&mut hub, |_| {})
}

fn check_in(db: &Path, day: &extras_kiosk::model::Day, badge: &str) {
    let mut store = Store::open(db).unwrap();
    let booking = store.booking(day, badge).unwrap();
    Kiosk::new(&mut store, day.clone(), ScanMode::CheckIn)
        .check_in(&booking, chrono::Utc::now(), Actor::Kiosk)
        .unwrap();
}

fn binary(db: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_extras-kiosk"))
        .args(args)
        .env("EXTRAS_KIOSK_DB", db)
        .env_remove("EXTRAS_KIOSK_ID")
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// A kiosk's event as it would travel: its row in its own file.
#[derive(Clone)]
struct Row {
    id: String,
    kiosk_id: String,
    kind: String,
    day_id: Option<i64>,
    booking_id: Option<i64>,
    area_id: Option<i64>,
    happened_at: String,
    recorded_at: String,
    actor: String,
    payload: String,
    prev_hash: String,
    hash: String,
    kiosk_seq: i64,
    hlc: Option<String>,
}

fn last_event(db: &Path, kiosk: &str) -> Row {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row(
            "SELECT id, kiosk_id, kind, day_id, booking_id, area_id, happened_at, recorded_at,
                    actor, payload, prev_hash, hash, kiosk_seq, hlc
             FROM events WHERE kiosk_id = ?1 ORDER BY kiosk_seq DESC LIMIT 1",
            [kiosk],
            |r| {
                Ok(Row {
                    id: r.get(0)?,
                    kiosk_id: r.get(1)?,
                    kind: r.get(2)?,
                    day_id: r.get(3)?,
                    booking_id: r.get(4)?,
                    area_id: r.get(5)?,
                    happened_at: r.get(6)?,
                    recorded_at: r.get(7)?,
                    actor: r.get(8)?,
                    payload: r.get(9)?,
                    prev_hash: r.get(10)?,
                    hash: r.get(11)?,
                    kiosk_seq: r.get(12)?,
                    hlc: r.get(13)?,
                })
            },
        )
        .unwrap()
}

/// Inserts `row` on the hub as `client`'s role, under the ingest lock as
/// a kiosk does; the hub's refusal, if any.
fn insert_as(client: &mut postgres::Client, row: &Row) -> Option<String> {
    let mut tx = client.transaction().unwrap();
    tx.execute("SELECT pg_advisory_xact_lock(1702390633)", &[])
        .unwrap();
    let done = tx.execute(
        "INSERT INTO events (id, kiosk_id, kind, day_id, booking_id, area_id, happened_at,
                             recorded_at, actor, payload, prev_hash, hash, kiosk_seq, hlc)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
        &[
            &row.id,
            &row.kiosk_id,
            &row.kind,
            &row.day_id,
            &row.booking_id,
            &row.area_id,
            &row.happened_at,
            &row.recorded_at,
            &row.actor,
            &row.payload,
            &row.prev_hash,
            &row.hash,
            &row.kiosk_seq,
            &row.hlc,
        ],
    );
    match done {
        Ok(_) => {
            tx.commit().unwrap();
            None
        }
        Err(e) => Some(
            e.as_db_error()
                .map_or_else(|| e.to_string(), |d| d.message().to_string()),
        ),
    }
}

fn hub_count(p: &Production, sql: &str) -> i64 {
    p.pg.admin_on("harbor").query_one(sql, &[]).unwrap().get(0)
}

#[test]
fn the_hub_refuses_at_the_door_what_a_kiosk_would_refuse() {
    let p = production();
    let (tent, tent_url) = &p.tents[0];
    sync(tent, tent_url).unwrap();
    check_in(tent, &p.day, "B-0001");
    let event = last_event(tent, "tent1");
    let held_before = hub_count(&p, "SELECT count(*) FROM events WHERE kiosk_id = 'tent1'");
    let mut as_tent = postgres::Client::connect(tent_url, postgres::NoTls).unwrap();

    let edited = Row {
        payload: event.payload.replace("B-0001", "B-0099"),
        ..event.clone()
    };
    let wrong_prev = Row {
        prev_hash: "bad".into(),
        ..event.clone()
    };
    let others = Row {
        kiosk_id: "tent2".into(),
        ..event.clone()
    };
    let gap = Row {
        kiosk_seq: event.kiosk_seq + 2,
        ..event.clone()
    };
    let huge = Row {
        payload: format!("{{\"strokes\":\"{}\"}}", "x".repeat(17 * 1024 * 1024)),
        ..event.clone()
    };
    let broken_json = Row {
        payload: "{\"badge\": ".into(),
        ..event.clone()
    };
    let seq = event.kiosk_seq.to_string();
    for (row, what) in [
        (&edited, "does not match its hash"),
        (&wrong_prev, "does not follow the event before it"),
        (&others, "a kiosk sends only its own events"),
        (&gap, "comes after a gap"),
        (&huge, "over the limit of 16777216"),
        (&broken_json, "not well-formed JSON"),
    ] {
        let refused = insert_as(&mut as_tent, row)
            .unwrap_or_else(|| panic!("the hub took an event that {what}"));
        assert!(refused.contains(what), "{refused}");
        assert!(
            refused.contains(&format!("kiosk {}'s event ", row.kiosk_id)),
            "{refused}"
        );
        assert!(
            refused.contains(&row.kiosk_seq.to_string()) || refused.contains(&seq),
            "{refused}"
        );
    }
    assert_eq!(
        hub_count(&p, "SELECT count(*) FROM events WHERE kiosk_id = 'tent1'"),
        held_before,
        "a refused event was stored"
    );

    // The genuine event, and one of a kind a newer build writes, go in.
    let mut store = Store::open(tent).unwrap();
    store
        .record(&NewEvent {
            kind: "badge_photo_taken",
            day_id: Some(p.day.id),
            booking_id: None,
            area_id: None,
            happened_at: chrono::Utc::now(),
            actor: Actor::Supervisor,
            payload: serde_json::json!({"date": p.day.date.to_string(), "note": "from a newer build"}),
        })
        .unwrap();
    drop(store);
    let sent = sync(tent, tent_url).unwrap();
    assert_eq!(sent.sent, 2);
    sync(
        &p.lead,
        &p.pg.url_for("harbor_lead", "lead-pw", "harbor", p.pg.port),
    )
    .unwrap();
    let status: serde_json::Value =
        serde_json::from_str(&binary(&p.lead, &["status", "--json"])).unwrap();
    assert_eq!(status["arrived"], 1);
    assert_eq!(status["events_aside"], 0);
    assert_eq!(
        status["newer_kinds"],
        serde_json::json!(["badge_photo_taken"])
    );
    assert_eq!(status["conflicts"], serde_json::json!([]));
    let text = binary(&p.lead, &["status"]);
    assert!(text.contains("update this kiosk"), "{text}");
}

#[test]
fn an_event_edited_on_the_hub_is_set_aside_and_the_day_goes_on() {
    let p = production();
    let lead_url = p.pg.url_for("harbor_lead", "lead-pw", "harbor", p.pg.port);
    let ((tent1, url1), (tent2, url2)) = (&p.tents[0], &p.tents[1]);
    check_in(tent1, &p.day, "B-0001");
    check_in(tent1, &p.day, "B-0002");
    check_in(tent2, &p.day, "B-0003");
    sync(tent1, url1).unwrap();
    sync(tent2, url2).unwrap();
    // A superuser edits tent1's first check-in on the hub (a hub made
    // before the door was checked would have taken it too).
    let edited =
        p.pg.admin_on("harbor")
            .execute(
                "UPDATE events SET payload = replace(payload, 'B-0001', 'B-0009')
             WHERE hub_seq = (SELECT min(hub_seq) FROM events WHERE kiosk_id = 'tent1'
                              AND kind = 'checked_in')",
                &[],
            )
            .unwrap();
    assert_eq!(edited, 1);

    // The lead takes everything else, and says what to do.
    let report = sync(&p.lead, &lead_url).expect("one bad event stopped the lead's sync");
    assert!(report.new_conflicts >= 1);
    let status: serde_json::Value =
        serde_json::from_str(&binary(&p.lead, &["status", "--json"])).unwrap();
    assert_eq!(status["arrived"], 1, "{status}");
    assert_eq!(status["events_aside"], 2, "{status}");
    let conflicts = status["conflicts"].as_array().unwrap();
    let bad: Vec<&serde_json::Value> = conflicts
        .iter()
        .filter(|c| c["kind"] == "bad_event")
        .collect();
    assert_eq!(bad.len(), 1, "{conflicts:?}");
    assert_eq!(bad[0]["badge"], serde_json::Value::Null);
    assert_eq!(bad[0]["kiosks"], serde_json::json!(["tent1"]));
    let text = binary(&p.lead, &["status"]);
    assert!(
        text.contains("rejoin") && text.contains("hub retire"),
        "{text}"
    );
    let aside = binary(&p.lead, &["log", "--aside"]);
    assert!(aside.contains("does not match its hash"), "{aside}");
    assert!(
        aside.contains("waits behind kiosk tent1's event"),
        "{aside}"
    );

    // The next syncs go on, and tent2's next check-in arrives.
    check_in(tent2, &p.day, "B-0004");
    sync(tent2, url2).unwrap();
    sync(&p.lead, &lead_url).unwrap();
    let status: serde_json::Value =
        serde_json::from_str(&binary(&p.lead, &["status", "--json"])).unwrap();
    assert_eq!(status["arrived"], 2, "{status}");
    // tent2 also sets it aside, and goes on.
    sync(tent2, url2).expect("tent2's sync stopped on tent1's bad event");

    // Resolved by the PA: the conflict closes, the event stays aside.
    let id = bad[0]["id"].as_str().unwrap();
    binary(
        &p.lead,
        &["conflict", "resolve", id, "--note", "tent1 rejoins"],
    );
    let status: serde_json::Value =
        serde_json::from_str(&binary(&p.lead, &["status", "--json"])).unwrap();
    assert!(
        status["conflicts"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["kind"] != "bad_event"),
        "{status}"
    );
    assert_eq!(status["events_aside"], 2);
    assert_eq!(status["arrived"], 2);
}

#[test]
fn contacts_change_only_through_the_hub_under_its_rules() {
    let p = production();
    let lead_url = p.pg.url_for("harbor_lead", "lead-pw", "harbor", p.pg.port);
    let (tent, tent_url) = &p.tents[0];
    let date = p.day.date.to_string();
    let mut as_tent = postgres::Client::connect(tent_url, postgres::NoTls).unwrap();
    for sql in [
        "UPDATE contacts SET phone = 'x'",
        "DELETE FROM contacts",
        "INSERT INTO contacts (date, badge, phone, contacts_at) VALUES ('2026-11-28', 'B-0003', 'x', '2099-01-01T00:00:00.000Z')",
    ] {
        let e = as_tent.batch_execute(sql).unwrap_err();
        let e = e.as_db_error().unwrap().message().to_string();
        assert!(e.contains("permission denied"), "{sql}: {e}");
    }
    let put = |c: &mut postgres::Client, badge: &str, phone: Option<&str>| {
        c.query_one(
            "SELECT hub_put_contact($1, $2, $3, NULL)",
            &[&date, &badge, &phone],
        )
        .map(|_| ())
        .map_err(|e| e.as_db_error().unwrap().message().to_string())
    };
    let skin = put(&mut as_tent, "B-0003", Some("(666) 000-0000")).unwrap_err();
    assert!(
        skin.contains("only the contacts of its own walk-ins"),
        "{skin}"
    );
    let purge = put(&mut as_tent, "B-10001", None).unwrap_err();
    assert!(purge.contains("only the lead purges"), "{purge}");
    // Its own walk-in's: taken, stamped with the hub's clock and the kiosk.
    put(&mut as_tent, "B-10001", Some("(310) 555-0101")).unwrap();
    let row =
        p.pg.admin_on("harbor")
            .query_one(
                "SELECT changed_by, contacts_at::timestamptz > now() - interval '1 minute'
                                AND contacts_at::timestamptz <= now()
             FROM contacts WHERE badge = 'B-10001'",
                &[],
            )
            .unwrap();
    assert_eq!(row.get::<_, String>(0), "tent1");
    assert!(row.get::<_, bool>(1), "not the hub's clock");
    // The lead purges any.
    let mut as_lead = postgres::Client::connect(&lead_url, postgres::NoTls).unwrap();
    put(&mut as_lead, "B-0003", None).unwrap();

    sync(&p.lead, &lead_url).unwrap();
    let log = binary(&p.lead, &["log"]);
    assert!(log.contains("contacts_changed"), "{log}");
    assert!(log.contains("tent1    B-10001"), "{log}");
    assert!(log.contains("contacts_purged"), "{log}");
    assert!(!log.contains("555-0101"), "the log shows a phone: {log}");
    drop(as_tent);
    let _ = tent;
}

#[test]
fn a_retired_kiosk_can_neither_log_in_nor_write_from_a_session_still_open() {
    let mut p = production();
    let (tent, tent_url) = p.tents[0].clone();
    check_in(&tent, &p.day, "B-0001");
    let mut open = postgres::Client::connect(&tent_url, postgres::NoTls).unwrap();
    let mut lead = Store::open(&p.lead).unwrap();
    lead.hub_retire(&mut p.lead_hub, "tent1").unwrap();

    let login = postgres::Client::connect(&tent_url, postgres::NoTls)
        .err()
        .expect("a retired kiosk logged in");
    let login = login
        .as_db_error()
        .map_or_else(|| login.to_string(), |d| d.message().to_string());
    assert!(login.contains("not permitted to log in"), "{login}");

    let event = last_event(&tent, "tent1");
    let refused = insert_as(&mut open, &event).expect("a retired kiosk's event was stored");
    assert!(
        refused.contains("permission denied") || refused.contains("retired"),
        "{refused}"
    );
    let heartbeat = open
        .execute(
            "UPDATE kiosks SET last_seq = 99 WHERE kiosk_id = 'tent1'",
            &[],
        )
        .unwrap_err();
    assert!(heartbeat.as_db_error().is_some(), "{heartbeat}");
    // Its own sync says so, and the others go on.
    let err = sync(&tent, &tent_url).unwrap_err().to_string();
    assert!(
        err.contains("log in") || err.contains("permission"),
        "{err}"
    );
    let (tent2, url2) = &p.tents[1];
    check_in(tent2, &p.day, "B-0002");
    sync(tent2, url2).unwrap();
}
