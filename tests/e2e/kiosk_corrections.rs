//! Corrections and undo: each an event with its reason, never an overwrite of
//! the log; the projection follows, and impossible times are refused.

use super::common;

use common::{at, demo_with_skin};
use extras_kiosk::kiosk::{Group, Kiosk, KioskError, MealKind, ScanMode, TimeField, Undo};
use extras_kiosk::store::Actor;

#[test]
fn times_are_corrected_with_a_reason_and_mistakes_taken_back() {
    let (_dir, mut store, day) = demo_with_skin();
    let pat = store.booking(&day, "B-0001").unwrap();
    let zoe = store.booking(&day, "B-0002").unwrap();
    let now = at(&day, "20:00");
    let mut kiosk = Kiosk::new(&mut store, day.clone(), ScanMode::CheckIn);
    kiosk
        .check_in(&pat, at(&day, "06:10"), Actor::Kiosk)
        .unwrap();
    kiosk
        .meal(
            &Group::One(Box::new(pat.clone())),
            MealKind::Meal,
            true,
            at(&day, "12:00"),
        )
        .unwrap();
    kiosk
        .meal(
            &Group::One(Box::new(pat.clone())),
            MealKind::Meal,
            false,
            at(&day, "12:30"),
        )
        .unwrap();
    kiosk.release(&pat, at(&day, "18:40")).unwrap();

    kiosk
        .correct(
            &pat,
            TimeField::In,
            at(&day, "05:55"),
            "scanner was down",
            now,
        )
        .unwrap();
    kiosk
        .correct(
            &pat,
            TimeField::Meal1In,
            at(&day, "12:45"),
            "meal ran long",
            now,
        )
        .unwrap();
    kiosk
        .correct(&pat, TimeField::Out, at(&day, "19:10"), "wrapped late", now)
        .unwrap();
    let err = kiosk
        .correct(&pat, TimeField::Out, at(&day, "05:00"), "typo", now)
        .unwrap_err();
    assert!(err.to_string().contains("before the in time"), "{err}");
    let err = kiosk
        .correct(&pat, TimeField::Meal2Out, at(&day, "15:00"), "x", now)
        .unwrap_err();
    assert!(err.to_string().contains("has no meal 2 recorded"), "{err}");
    assert!(matches!(
        kiosk.correct(&pat, TimeField::In, now, "  ", now),
        Err(KioskError::ReasonNeeded)
    ));

    // A mistaken check-in of Zoë, taken back.
    kiosk
        .check_in(&zoe, at(&day, "07:00"), Actor::Supervisor)
        .unwrap();
    let err = kiosk.undo(&zoe, Undo::Release, "oops", now).unwrap_err();
    assert!(err.to_string().contains("is not released"), "{err}");
    kiosk
        .undo(&zoe, Undo::CheckIn, "wrong person", now)
        .unwrap();
    kiosk
        .undo(&pat, Undo::Release, "still needed for a pickup shot", now)
        .unwrap();

    let here = store.presence(pat.id).unwrap().unwrap();
    assert_eq!(here.checked_in_at, Some(at(&day, "05:55")));
    assert_eq!(here.released_at, None);
    assert_eq!(store.presence(zoe.id).unwrap(), None);
    let corrections: Vec<serde_json::Value> = store
        .events(Some(pat.id))
        .unwrap()
        .into_iter()
        .filter(|e| e.kind == "time_corrected")
        .map(|e| serde_json::from_str(&e.payload).unwrap())
        .collect();
    assert_eq!(corrections.len(), 3);
    assert_eq!(corrections[0]["from"], "06:10");
    assert_eq!(corrections[0]["to"], "05:55");
    assert_eq!(corrections[0]["reason"], "scanner was down");
    let kinds: Vec<String> = store
        .events(Some(zoe.id))
        .unwrap()
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert_eq!(kinds, ["checked_in", "checkin_undone"]);
    assert!(store.verify_chain().unwrap().is_intact());
}
