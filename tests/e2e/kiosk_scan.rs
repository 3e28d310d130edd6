//! The kiosk core on a real database: every scan outcome, holding-area
//! assignment with filters and full areas, moves and releases, and the log
//! that records every scan.

use super::common;

use chrono::Utc;
use common::{at, demo_with_skin, fixture};
use extras_kiosk::badge;
use extras_kiosk::kiosk::{Kiosk, ScanMode, ScanOutcome, ScanRefusal};
use extras_kiosk::model::{Booking, Category, Day, HoldingArea, UnionStatus};
use extras_kiosk::skin::{self, ImportOptions};
use extras_kiosk::store::{Actor, Store};

fn payload(store: &Store, day: &Day, badge: &str) -> String {
    badge::contents_for_day(store, day, &[badge.to_string()]).unwrap()[0]
        .payload
        .clone()
}

#[test]
fn each_scan_outcome_is_recorded_and_a_person_is_never_counted_twice() {
    let (_dir, mut store, day) = demo_with_skin();
    let pat = store.booking(&day, "B-0001").unwrap(); // union, general, call 05:30
    let code = payload(&store, &day, "B-0001");
    let mut kiosk = Kiosk::new(&mut store, day.clone(), ScanMode::CheckIn);

    let first = kiosk.scan(code.as_bytes(), at(&day, "05:52")).unwrap();
    let ScanOutcome::CheckedIn {
        area,
        late_minutes,
        overflow,
        ..
    } = &first
    else {
        panic!("{first:?}")
    };
    assert_eq!(
        area.as_ref().unwrap().name,
        "Holding A",
        "union general background"
    );
    assert_eq!((*late_minutes, *overflow), (22, false));
    assert_eq!(
        first.message(&day),
        "You're checked in, Pat O. Go to Holding A (Church basement (St. Brendan's)). Your call was 05:30."
    );

    let again = kiosk
        .scan(format!("{code}\r\n").as_bytes(), at(&day, "05:53"))
        .unwrap();
    let ScanOutcome::AlreadyCheckedIn { since, area, .. } = &again else {
        panic!("{again:?}")
    };
    assert_eq!(*since, at(&day, "05:52"));
    assert_eq!(area.as_ref().unwrap().name, "Holding A");
    let json = again.to_json(&day, &[]);
    assert_eq!(json["outcome"], "already_checked_in");
    assert_eq!(json["since"], "2026-11-28T05:52");
    assert_eq!(json["late_minutes"], serde_json::Value::Null);

    let garbage = kiosk
        .scan(b"\xff\xfeNOT A BADGE", at(&day, "05:54"))
        .unwrap();
    assert!(
        matches!(&garbage, ScanOutcome::Refused { reason: ScanRefusal::Badge(r), .. } if r.code() == "malformed")
    );
    // A bad scan never stops the next one.
    let zoe = kiosk
        .scan(
            payload(kiosk.store(), &day, "B-0002").as_bytes(),
            at(&day, "06:10"),
        )
        .unwrap();
    assert_eq!(zoe.code(), "checked_in");

    kiosk.mode = ScanMode::CheckOut;
    let out = kiosk.scan(code.as_bytes(), at(&day, "18:40")).unwrap();
    assert!(matches!(out, ScanOutcome::Released { at: t, .. } if t == at(&day, "18:40")));
    let twice = kiosk.scan(code.as_bytes(), at(&day, "18:41")).unwrap();
    assert!(
        matches!(twice, ScanOutcome::AlreadyReleased { since, .. } if since == at(&day, "18:40"))
    );
    let never = kiosk
        .scan(
            payload(kiosk.store(), &day, "B-0010").as_bytes(),
            at(&day, "18:42"),
        )
        .unwrap();
    let json = never.to_json(&day, &[]);
    assert_eq!(
        (json["outcome"].as_str(), json["reason"].as_str()),
        (Some("refused"), Some("not_checked_in"))
    );
    assert_eq!(json["badge"], "B-0010");

    // Released extras scanning at check-in are told when they were wrapped.
    kiosk.mode = ScanMode::CheckIn;
    let back = kiosk.scan(code.as_bytes(), at(&day, "18:50")).unwrap();
    assert_eq!(back.message(&day), "You were wrapped at 18:40, Pat O.");

    let status = store.status(&day, at(&day, "19:00")).unwrap();
    assert_eq!(
        (status.arrived, status.released, status.in_holding),
        (2, 1, 1)
    );
    let kinds: Vec<String> = store
        .events(Some(pat.id))
        .unwrap()
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert_eq!(
        kinds,
        [
            "checked_in",
            "scan_repeated",
            "released",
            "scan_repeated",
            "scan_repeated"
        ]
    );
    let refused = store
        .events(None)
        .unwrap()
        .into_iter()
        .filter(|e| e.kind == "scan_refused")
        .count();
    assert_eq!(
        refused, 2,
        "the garbage and the check-out of someone not here"
    );
    assert!(store.verify_chain().unwrap().is_intact());
}

#[test]
fn refusals_carry_the_badge_reason() {
    let (_dir, mut store, day) = demo_with_skin();
    let old = payload(&store, &day, "B-0005");
    store
        .reissue_badge(&day, "B-0005", "lost", Utc::now())
        .unwrap();
    let mut kiosk = Kiosk::new(&mut store, day.clone(), ScanMode::CheckIn);
    let voided = kiosk.scan(old.as_bytes(), at(&day, "06:00")).unwrap();
    assert_eq!(voided.to_json(&day, &[])["reason"], "voided");
    assert_eq!(
        voided.message(&day),
        "This badge was replaced: please see the PA"
    );
    assert_eq!(
        store.status(&day, at(&day, "07:00")).unwrap().arrived,
        0,
        "refusals change nobody's state"
    );
}

#[test]
fn arrivals_fill_areas_in_order_by_filter_and_overflow_goes_to_the_least_full() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("k.db")).unwrap();
    let update = extras_kiosk::store::DayUpdate {
        date: Some(common::demo_date()),
        title: Some("Small day".into()),
        ..Default::default()
    };
    let (day, _) = store
        .open_day(&update, chrono_tz::America::Los_Angeles)
        .unwrap();
    let area = |name: &str, capacity, union, categories: &[Category]| HoldingArea {
        id: 0,
        day_id: day.id,
        name: name.into(),
        location: None,
        capacity,
        union_filter: union,
        category_filter: categories.to_vec(),
        order: 0,
    };
    for a in [
        area(
            "Near Set",
            3,
            None,
            &[Category::StandIn, Category::PhotoDouble],
        ),
        area("Tent", 2, Some(UnionStatus::NonUnion), &[Category::General]),
        area("Gym", 1, Some(UnionStatus::NonUnion), &[Category::General]),
    ] {
        store.add_area(&day, &a).unwrap();
    }
    skin::import(
        &mut store,
        &day,
        &fixture("demo/skin.csv"),
        ImportOptions::default(),
    )
    .unwrap();
    let all = store.bookings(&day).unwrap();
    let stand_in = all
        .iter()
        .find(|b| b.details.category == Category::StandIn)
        .unwrap()
        .clone();
    let union_general = all
        .iter()
        .find(|b| b.details.category == Category::General && b.details.union == UnionStatus::Union)
        .unwrap()
        .clone();
    let non_union: Vec<Booking> = all
        .into_iter()
        .filter(|b| {
            b.details.union == UnionStatus::NonUnion && b.details.category == Category::General
        })
        .take(8)
        .collect();

    let mut kiosk = Kiosk::new(&mut store, day.clone(), ScanMode::CheckIn);
    let t = at(&day, "06:00");
    let mut sent = |b: &Booking| match kiosk.check_in(b, t, Actor::Kiosk).unwrap() {
        ScanOutcome::CheckedIn { area, overflow, .. } => {
            (area.map(|a| a.name).unwrap_or_default(), overflow)
        }
        other => panic!("{other:?}"),
    };
    assert_eq!(sent(&stand_in), ("Near Set".into(), false));
    assert_eq!(
        sent(&union_general),
        (String::new(), true),
        "no area admits union background: flagged"
    );
    let seen: Vec<(String, bool)> = non_union.iter().map(&mut sent).collect();
    let expected = [
        ("Tent", false),
        ("Tent", false),
        ("Gym", false),
        // Every eligible area is full: the least full by share of capacity,
        // the first on a tie.
        ("Tent", true), // 2/2 = 1/1: tie, Tent is first
        ("Gym", true),  // 3/2 > 1/1
        ("Tent", true), // 3/2 < 2/1
        ("Tent", true), // 4/2 = 2/1: tie
        ("Gym", true),  // 5/2 > 2/1
    ];
    let expected: Vec<(String, bool)> = expected.iter().map(|(a, o)| (a.to_string(), *o)).collect();
    assert_eq!(seen, expected);

    // Moving people is logged and the counts follow.
    kiosk.move_to(&non_union[..2], "Near Set", t).unwrap();
    let status = store.status(&day, at(&day, "07:00")).unwrap();
    let count = |name: &str| {
        status
            .areas
            .iter()
            .find(|a| a.name == name)
            .unwrap()
            .present
    };
    assert_eq!((count("Near Set"), count("Tent"), count("Gym")), (3, 3, 3));
    assert!(
        store
            .events(Some(non_union[0].id))
            .unwrap()
            .iter()
            .any(|e| e.kind == "moved")
    );
}

#[test]
fn releasing_an_area_or_everyone_records_each_out_time() {
    let (dir, mut store, day) = demo_with_skin();
    let everyone = store.bookings(&day).unwrap();
    let mut kiosk = Kiosk::new(&mut store, day.clone(), ScanMode::CheckIn);
    for b in everyone.iter().take(40) {
        kiosk.check_in(b, at(&day, "06:30"), Actor::Kiosk).unwrap();
    }
    let in_a = kiosk
        .release_all(Some("holding a"), at(&day, "18:00"))
        .unwrap();
    assert!(in_a > 0);
    let rest = kiosk.release_all(None, at(&day, "19:15")).unwrap();
    assert_eq!(in_a + rest, 40);
    assert_eq!(kiosk.release_all(None, at(&day, "19:30")).unwrap(), 0);
    let err = kiosk
        .release_all(Some("Basement"), at(&day, "19:30"))
        .unwrap_err();
    assert!(err.to_string().contains("no holding area named 'Basement'"));
    let status = store.status(&day, at(&day, "20:00")).unwrap();
    assert_eq!((status.released, status.in_holding), (40, 0));

    // A backup taken now is a consistent copy that opens on its own.
    let copy = dir.path().join("lunch.db");
    store.backup_to(&copy).unwrap();
    let restored = Store::open(&copy).unwrap();
    assert_eq!(restored.status(&day, at(&day, "20:00")).unwrap(), status);
    assert!(restored.verify_chain().unwrap().is_intact());
}

/// Pending paperwork of someone present is a request the PA settles in the
/// core: dismissing it rejects the paperwork (with a note), and it leaves
/// the list; a dispute's resolution does not apply to it.
#[test]
fn pending_paperwork_is_a_request_rejected_or_verified_in_the_core() {
    use extras_kiosk::kiosk::{RequestKind, paperwork_request_id};
    use extras_kiosk::model::Paperwork;
    let (_dir, mut store, day) = demo_with_skin();
    let b6 = store.booking(&day, "B-0006").unwrap();
    let b23 = store.booking(&day, "B-0023").unwrap();
    assert_eq!(b23.details.paperwork, Paperwork::Pending);
    let mut kiosk = Kiosk::new(&mut store, day.clone(), ScanMode::CheckIn);
    assert!(
        kiosk.open_requests().unwrap().is_empty(),
        "no one present yet"
    );
    for b in [&b6, &b23] {
        kiosk.check_in(b, at(&day, "06:20"), Actor::Kiosk).unwrap();
    }
    let open = kiosk.open_requests().unwrap();
    assert_eq!(open.len(), 2);
    assert!(open.iter().all(|r| r.kind == RequestKind::Paperwork));
    let id6 = paperwork_request_id("B-0006");
    assert!(
        kiosk
            .accept_dispute(&id6, "J. Ruiz", "n/a", at(&day, "06:30"))
            .is_err()
    );
    assert!(
        kiosk.dismiss_request(&id6, " ", at(&day, "06:30")).is_err(),
        "a rejection needs a note"
    );
    kiosk
        .dismiss_request(&id6, "no work permit", at(&day, "06:31"))
        .unwrap();
    kiosk
        .verify_paperwork_request(&paperwork_request_id("B-0023"), "", at(&day, "06:32"))
        .unwrap();
    assert!(kiosk.open_requests().unwrap().is_empty());
    let after = |badge: &str| kiosk.booking(badge).unwrap().details.paperwork;
    assert_eq!(after("B-0006"), Paperwork::Rejected);
    assert_eq!(after("B-0023"), Paperwork::Verified);
}
