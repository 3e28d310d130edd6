//! Meals, NDBs and walk-ins through the kiosk core on a real database: all
//! or nothing for a group, with errors that name the extra.

use super::common;

use common::{at, demo_with_skin};
use extras_kiosk::kiosk::{Group, Kiosk, KioskError, MealKind, ScanMode};
use extras_kiosk::model::{BookingDetails, Category, Money, UnionStatus};
use extras_kiosk::store::Actor;

#[test]
fn meals_for_one_an_area_and_everyone_are_all_or_nothing() {
    let (dir, mut store, day) = demo_with_skin();
    let everyone = store.bookings(&day).unwrap();
    let db = dir.path().join("kiosk.db");
    let mut kiosk = Kiosk::new(&mut store, day.clone(), ScanMode::CheckIn);
    for b in &everyone[..30] {
        kiosk.check_in(b, at(&day, "06:30"), Actor::Kiosk).unwrap();
    }
    let one = Group::One(Box::new(everyone[0].clone()));
    assert_eq!(
        kiosk
            .meal(&one, MealKind::Ndb, true, at(&day, "06:45"))
            .unwrap(),
        1
    );
    assert_eq!(
        kiosk
            .meal(&one, MealKind::Ndb, false, at(&day, "07:00"))
            .unwrap(),
        1
    );

    let in_a = kiosk
        .meal(
            &Group::Area("Holding A".into()),
            MealKind::Meal,
            true,
            at(&day, "12:30"),
        )
        .unwrap();
    assert!(in_a > 0 && in_a < 30);
    // A second start in the same area fails and records nothing.
    let before = common::dump(&db);
    let err = kiosk
        .meal(&Group::All, MealKind::Meal, true, at(&day, "12:35"))
        .unwrap_err();
    assert!(matches!(err, KioskError::Meal(_)), "{err}");
    assert!(
        err.to_string()
            .contains("already has a meal started at 12:30")
            && err.to_string().ends_with("nothing was recorded"),
        "{err}"
    );
    assert_eq!(common::dump(&db), before);
    // An end before the start is refused, naming the extra.
    let err = kiosk
        .meal(
            &Group::Area("Holding A".into()),
            MealKind::Meal,
            false,
            at(&day, "12:00"),
        )
        .unwrap_err();
    assert!(
        err.to_string().contains("before it started at 12:30"),
        "{err}"
    );
    assert_eq!(
        kiosk
            .meal(
                &Group::Area("Holding A".into()),
                MealKind::Meal,
                false,
                at(&day, "13:00")
            )
            .unwrap(),
        in_a
    );

    // Nobody who is not checked in gets a meal.
    let absent = Group::One(Box::new(everyone[100].clone()));
    let err = kiosk
        .meal(&absent, MealKind::Meal, true, at(&day, "13:00"))
        .unwrap_err();
    assert!(matches!(err, KioskError::NotCheckedIn { .. }), "{err}");
    let kinds: Vec<String> = store
        .events(Some(everyone[0].id))
        .unwrap()
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert!(
        kinds.starts_with(&[
            "checked_in".to_string(),
            "meal_started".into(),
            "meal_ended".into()
        ]),
        "{kinds:?}"
    );
}

#[test]
fn a_walk_in_gets_the_next_badge_and_can_check_in() {
    let (_dir, mut store, day) = demo_with_skin();
    let mut kiosk = Kiosk::new(&mut store, day.clone(), ScanMode::CheckIn);
    let details = BookingDetails {
        first_name: "Aiko".into(),
        last_name: "Sato".into(),
        category: Category::General,
        union: UnionStatus::NonUnion,
        rate: Some(Money(18000)),
        call_at: at(&day, "09:15"),
        wardrobe: None,
        phone: None,
        email: None,
        agency: None,
        notes: None,
        paper_voucher: false,
        paperwork: Default::default(),
    };
    let walk_in = kiosk.walk_in(&details, at(&day, "09:15")).unwrap();
    assert_eq!(walk_in.badge_no, "B-0171");
    let outcome = kiosk
        .check_in(&walk_in, at(&day, "09:16"), Actor::Supervisor)
        .unwrap();
    assert_eq!(outcome.code(), "checked_in");
    let badges = extras_kiosk::badge::contents_for_day(&store, &day, &["B-0171".into()]).unwrap();
    assert!(
        extras_kiosk::badge::verify_payload(&store, &day, badges[0].payload.as_bytes())
            .unwrap()
            .is_ok()
    );
    assert_eq!(store.status(&day, at(&day, "10:00")).unwrap().booked, 171);
    assert!(store.verify_chain().unwrap().is_intact());
}

#[test]
fn bumps_follow_the_rules_catalogue_and_record_who_added_them() {
    use extras_kiosk::pay::BumpKind;
    let (_dir, mut store, day) = demo_with_skin();
    let pat = store.booking(&day, "B-0001").unwrap();
    let t = at(&day, "10:00");
    let mut kiosk = Kiosk::new(&mut store, day.clone(), ScanMode::CheckIn);
    assert_eq!(
        kiosk
            .add_bump(&pat, BumpKind::Wardrobe, Some(2), None, "AD Kim", t)
            .unwrap(),
        None,
        "the rules fix it"
    );
    assert_eq!(
        kiosk
            .add_bump(&pat, BumpKind::Smoke, None, None, "AD Kim", t)
            .unwrap(),
        None
    );
    assert_eq!(
        kiosk
            .add_bump(&pat, BumpKind::Wet, None, Some(Money(2500)), "AD Kim", t)
            .unwrap(),
        Some(Money(2500))
    );
    let err = kiosk
        .add_bump(&pat, BumpKind::Props, None, None, "AD Kim", t)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("give the amount") && err.ends_with("nothing was recorded"),
        "{err}"
    );
    let err = kiosk
        .add_bump(&pat, BumpKind::Smoke, None, Some(Money(100)), "AD Kim", t)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("fix the amount of smoke: leave the amount out"),
        "{err}"
    );
    let err = kiosk
        .add_bump(&pat, BumpKind::Hair, Some(2), None, "AD Kim", t)
        .unwrap_err()
        .to_string();
    assert!(err.contains("only wardrobe bumps take a count"), "{err}");
    kiosk
        .remove_bump(&pat, BumpKind::Smoke, "PA Lee", t)
        .unwrap();
    assert!(
        kiosk
            .remove_bump(&pat, BumpKind::Smoke, "PA Lee", t)
            .is_err(),
        "none left"
    );
    let events = store.events(Some(pat.id)).unwrap();
    let added: Vec<serde_json::Value> = events
        .iter()
        .filter(|e| e.kind == "bump_added")
        .map(|e| serde_json::from_str(&e.payload).unwrap())
        .collect();
    assert_eq!(added.len(), 3);
    assert_eq!(
        (added[0]["kind"].as_str(), added[0]["count"].as_u64()),
        (Some("wardrobe"), Some(2))
    );
    assert_eq!(added[0]["added_by"], "AD Kim");
    assert_eq!(
        events.iter().filter(|e| e.kind == "bump_removed").count(),
        1
    );
}

#[test]
fn an_areas_meal_ends_for_those_at_it_not_for_a_latecomer() {
    let (_dir, mut store, day) = demo_with_skin();
    let everyone = store.bookings(&day).unwrap();
    let mut kiosk = Kiosk::new(&mut store, day.clone(), ScanMode::CheckIn);
    for b in &everyone[..10] {
        kiosk.check_in(b, at(&day, "06:30"), Actor::Kiosk).unwrap();
    }
    let all = Group::All;
    let started = kiosk
        .meal(&all, MealKind::Meal, true, at(&day, "12:00"))
        .unwrap();
    assert_eq!(started, 10);
    // Someone comes in during lunch: they have no meal to end.
    kiosk
        .check_in(&everyone[10], at(&day, "12:10"), Actor::Kiosk)
        .unwrap();
    let ended = kiosk
        .meal(&all, MealKind::Meal, false, at(&day, "12:30"))
        .unwrap();
    assert_eq!(ended, 10, "the meal ends for the ten at it");
    // Ended for all: a second end names what to do.
    let again = kiosk
        .meal(&all, MealKind::Meal, false, at(&day, "12:40"))
        .unwrap_err();
    assert!(
        matches!(&again, KioskError::Meal(m) if m.contains("start it first")),
        "{again}"
    );
}
