//! The console's controller without a window, on a real SQLite file: every
//! console action through the kiosk core, checked in the database; a
//! console with no shoot day; and the approval of a "no badge" request as
//! one transaction (a failure in its second step leaves nothing recorded).

use chrono::{DateTime, Duration, Utc};
use extras_kiosk::kiosk::{MealKind, RequestKind, ScanMode, Station, TimeField, Undo, seed_demo};
use extras_kiosk::model::{Category, UnionStatus};
use extras_kiosk::pay::BumpKind;
use extras_kiosk::report::{ExportRequest, Format};
use extras_kiosk::store::Store;
use extras_kiosk::ui::console_controller::{Changed, ConsoleController};
use extras_kiosk::ui::console_forms::{AreaForm, ConsoleError, SettingsForm, WalkInForm};
use extras_kiosk::ui::roster::{RosterFilter, RowStatus};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

struct Console {
    dir: tempfile::TempDir,
    console: Rc<ConsoleController>,
    clock: Rc<Cell<DateTime<Utc>>>,
}

impl Console {
    fn count(&self, sql: &str) -> i64 {
        rusqlite::Connection::open(self.dir.path().join("kiosk.db"))
            .unwrap()
            .query_row(sql, [], |r| r.get(0))
            .unwrap()
    }

    /// Picks the roster row of `badge`.
    fn pick(&self, badge: &str) {
        self.console.search(RosterFilter {
            text: badge.into(),
            ..RosterFilter::default()
        });
        assert_eq!(self.console.roster().shown.len(), 1, "{badge}");
        self.console.select(Some(0));
    }

    /// Acts on the database as another process would (the face filing a
    /// request), through the kiosk core on a connection of its own.
    fn on_kiosk(&self, act: impl FnOnce(&mut extras_kiosk::kiosk::Kiosk<'_>)) {
        let mut store = Store::open(&self.dir.path().join("kiosk.db")).unwrap();
        let day = store.current_day().unwrap();
        act(&mut extras_kiosk::kiosk::Kiosk::new(
            &mut store,
            day,
            ScanMode::CheckIn,
        ));
    }

    fn here(&self, badge: &str) -> i64 {
        self.count(&format!(
            "SELECT COUNT(*) FROM attendance a JOIN bookings b ON b.id = a.booking_id
             WHERE b.badge_no = '{badge}' AND a.released_at IS NULL"
        ))
    }
}

fn demo_console() -> Console {
    let dir = tempfile::tempdir().unwrap();
    let now = Utc::now();
    let (store, _) = seed_demo(dir.path(), now).unwrap();
    let clock = Rc::new(Cell::new(now));
    let station = Station::open(store, Some(ScanMode::CheckIn)).unwrap();
    let c = clock.clone();
    let console = ConsoleController::new(Rc::new(RefCell::new(station)), Rc::new(move || c.get()));
    console.reload();
    Console {
        dir,
        console,
        clock,
    }
}

#[test]
fn roster_actions_reach_the_database() {
    let c = demo_console();
    let heard = Rc::new(Cell::new(0));
    let h = heard.clone();
    c.console.on_changed(move |what| {
        if what == Changed::Day {
            h.set(h.get() + 1)
        }
    });
    assert_eq!(c.console.roster().entries.len(), 170);
    assert!(matches!(
        c.console.check_in_selected(),
        Err(ConsoleError::NoOnePicked)
    ));
    c.pick("B-0007");
    let notice = c.console.check_in_selected().unwrap();
    assert!(notice.0.contains("B-0007"), "{notice}");
    assert_eq!(c.here("B-0007"), 1);
    assert!(heard.get() > 0, "the adapters hear of the change");

    let areas = c.console.areas();
    let to = areas.iter().find(|a| a.name == "Near Set").unwrap();
    c.console.move_selected(Some(to.id)).unwrap();
    assert_eq!(
        c.count("SELECT COUNT(*) FROM events WHERE kind = 'moved'"),
        1
    );
    assert!(matches!(
        c.console.move_selected(None),
        Err(ConsoleError::NoAreaPicked)
    ));

    c.console.bump_selected(BumpKind::ALL[0], "").unwrap();
    c.console.bump_selected(BumpKind::Wet, "12.50").unwrap();
    assert_eq!(c.count("SELECT COUNT(*) FROM bumps WHERE removed = 0"), 2);
    assert!(c.console.bump_selected(BumpKind::Wet, "lots").is_err());
    assert!(c.console.bump_selected(BumpKind::Smoke, "12.50").is_err());

    c.console.release_selected().unwrap();
    assert_eq!(c.here("B-0007"), 0);
    let refused = c.console.undo_selected(Undo::Release, "  ").unwrap_err();
    assert!(refused.to_string().contains("reason"), "{refused}");
    assert!(
        !refused.to_string().contains("--reason"),
        "no flags on a console: {refused}"
    );
    assert_eq!(c.here("B-0007"), 0, "nothing undone without a reason");
    c.console
        .undo_selected(Undo::Release, "still needed on set")
        .unwrap();
    assert_eq!(c.here("B-0007"), 1);

    assert!(
        c.console
            .correct_selected(TimeField::ALL[0], "25:99", "x")
            .is_err()
    );
    c.console
        .correct_selected(TimeField::ALL[0], "06:05", "scanner was down")
        .unwrap();
    assert_eq!(
        c.count("SELECT COUNT(*) FROM events WHERE kind = 'time_corrected'"),
        1
    );
    assert!(c.console.void_selected("").is_err());
    c.console.void_selected("lost on set").unwrap();
    assert_eq!(
        c.count("SELECT badge_voided FROM bookings WHERE badge_no = 'B-0007'"),
        1
    );
    let reissued = c.console.reissue_selected("").unwrap();
    assert!(reissued.0.contains("issue 2"), "{reissued}");
    let printed = c.console.print_selected().unwrap();
    assert!(printed.0.contains("B-0007.png"), "{printed}");
    assert!(c.dir.path().join("badges/B-0007.png").exists());

    c.console
        .undo_selected(Undo::CheckIn, "wrong person")
        .unwrap();
    assert_eq!(c.here("B-0007"), 0);
    c.console.search(RosterFilter {
        status: Some(RowStatus::Here),
        ..RosterFilter::default()
    });
    assert_eq!(c.console.roster().shown.len(), 0);
}

#[test]
fn areas_meals_and_wraps() {
    let c = demo_console();
    let form = AreaForm {
        name: "Tent C".into(),
        location: "By the river".into(),
        capacity: "25".into(),
        order: String::new(),
        union_filter: None,
    };
    assert!(c.console.save_area(false, &form).is_err(), "no area picked");
    assert!(
        c.console
            .save_area(
                true,
                &AreaForm {
                    capacity: "lots".into(),
                    ..form.clone()
                }
            )
            .unwrap_err()
            .to_string()
            .contains("not a whole number")
    );
    assert!(
        c.console
            .save_area(
                true,
                &AreaForm {
                    name: " ".into(),
                    ..form.clone()
                }
            )
            .is_err()
    );
    c.console.save_area(true, &form).unwrap();
    assert!(
        c.console.save_area(true, &form).is_err(),
        "the name is taken"
    );
    let tent = c
        .console
        .areas()
        .into_iter()
        .find(|a| a.name == "Tent C")
        .unwrap();
    assert_eq!(c.console.select_area(tent.id).unwrap().capacity, 25);
    c.console
        .save_area(
            false,
            &AreaForm {
                capacity: "30".into(),
                union_filter: Some(UnionStatus::Union),
                ..form
            },
        )
        .unwrap();
    assert_eq!(
        c.count(
            "SELECT capacity FROM holding_areas WHERE name = 'Tent C' AND union_filter = 'union'"
        ),
        30
    );

    // Six arrivals, then a meal and a wrap in the busiest area.
    for badge in ["B-0001", "B-0002", "B-0003", "B-0005", "B-0006", "B-0007"] {
        c.pick(badge);
        c.console.check_in_selected().unwrap();
    }
    let busiest = c
        .console
        .dashboard()
        .unwrap()
        .areas
        .into_iter()
        .max_by_key(|(_, present, _)| *present)
        .unwrap();
    c.console.select_area(busiest.0.id);
    assert!(c.console.area_meal(MealKind::Meal, true, "99:00").is_err());
    let started = c.console.area_meal(MealKind::Meal, true, "").unwrap();
    assert!(
        started.0.contains(&format!("for {}", busiest.1)),
        "{started}"
    );
    c.clock.set(c.clock.get() + Duration::minutes(30));
    c.console.area_meal(MealKind::Meal, false, "").unwrap();
    assert_eq!(
        c.count("SELECT COUNT(*) FROM meals WHERE ended_at IS NULL"),
        0
    );
    c.console.area_meal(MealKind::Ndb, true, "").unwrap();
    c.console.area_meal(MealKind::Ndb, false, "").unwrap();
    let kept: String = rusqlite::Connection::open(c.dir.path().join("kiosk.db"))
        .unwrap()
        .query_row(
            "SELECT b.badge_no FROM attendance a JOIN bookings b ON b.id = a.booking_id
             WHERE a.area_id = ?1 LIMIT 1",
            [busiest.0.id],
            |r| r.get(0),
        )
        .unwrap();
    let wrapped = c.console.wrap_area(&kept.to_lowercase(), "").unwrap();
    assert!(wrapped.0.contains("1 kept back"), "{wrapped}");
    assert_eq!(c.here(&kept), 1, "the one kept back is still here");
}

#[test]
fn requests_disputes_walk_ins_settings_backup_and_export() {
    let c = demo_console();
    let now = c.clock.get();
    // A "no badge" request and a dispute, as the face files them.
    c.on_kiosk(|kiosk| {
        let pat = kiosk.booking("B-0010").unwrap();
        kiosk.request_badge(&pat, now).unwrap();
        let sam = kiosk.booking("B-0011").unwrap();
        kiosk.request_badge(&sam, now).unwrap();
        let zoe = kiosk.booking("B-0012").unwrap();
        kiosk.check_in_without_badge(&zoe, now).unwrap();
        kiosk.release(&zoe, now).unwrap();
        kiosk
            .file_dispute(
                &zoe,
                &extras_kiosk::kiosk::DisputeClaim::default(),
                extras_kiosk::store::Actor::Kiosk,
                now,
            )
            .unwrap();
    });
    c.console.reload();
    let requests = c.console.requests().clone();
    assert_eq!(requests.len(), 3);
    let find = |badge: &str| {
        requests
            .iter()
            .find(|r| r.booking.badge_no == badge)
            .unwrap()
    };
    let approved = c.console.approve(&find("B-0010").event_id, "").unwrap();
    assert!(
        approved.0.contains("checked in; badge reissued"),
        "{approved}"
    );
    assert_eq!(c.here("B-0010"), 1);
    assert_eq!(
        c.count("SELECT badge_issue FROM bookings WHERE badge_no = 'B-0010'"),
        2
    );
    assert!(
        c.console.approve(&find("B-0010").event_id, "").is_err(),
        "a second tap does nothing"
    );
    c.console
        .dismiss(&find("B-0011").event_id, "found it")
        .unwrap();
    assert_eq!(c.here("B-0011"), 0);
    let dispute = find("B-0012");
    assert_eq!(dispute.kind, RequestKind::Dispute);
    assert!(
        c.console
            .approve(&dispute.event_id, "meal time corrected")
            .is_err(),
        "the approver's name is asked first"
    );
    c.console.set_approver("J. Ruiz").unwrap();
    assert!(
        c.console.approve(&dispute.event_id, "").is_err(),
        "an \"other\" dispute is accepted with a note"
    );
    let accepted = c
        .console
        .approve(&dispute.event_id, "meal time corrected")
        .unwrap();
    assert!(accepted.0.contains("accepted by J. Ruiz"), "{accepted}");
    assert!(c.console.requests().is_empty());
    assert_eq!(
        c.count("SELECT COUNT(*) FROM events WHERE kind = 'request_resolved'"),
        3
    );

    let walk_in = WalkInForm {
        first_name: "Aiko".into(),
        last_name: "Sato".into(),
        category: Category::ALL[0],
        union: UnionStatus::NonUnion,
    };
    assert!(
        c.console
            .add_walk_in(&WalkInForm {
                last_name: "".into(),
                ..walk_in.clone()
            })
            .is_err()
    );
    let added = c.console.add_walk_in(&walk_in).unwrap();
    assert!(added.0.contains("B-0171"), "{added}");

    assert!(c.console.set_mode(ScanMode::CheckOut).is_ok());
    assert_eq!(c.console.mode(), ScanMode::CheckOut);
    assert!(c.console.change_pin("12").is_err());
    c.console.change_pin("4321").unwrap();
    assert_eq!(
        c.count("SELECT COUNT(*) FROM events WHERE kind = 'pin_set'"),
        2
    );

    let mut form = c.console.settings();
    form.union_required = "many".into();
    assert!(c.console.save_settings(&form).is_err());
    let id = c.console.kiosk_id();
    form = SettingsForm {
        printer: String::new(),
        kiosk_name: "Tent 2".into(),
        union_required: "12".into(),
        volume: 0.5,
    };
    c.console.save_settings(&form).unwrap();
    let saved = c.console.settings();
    assert_eq!(saved.kiosk_name, "Tent 2");
    assert_eq!(
        c.console.kiosk_id(),
        id,
        "the id is fixed with the database"
    );
    assert_eq!(c.console.dashboard().unwrap().union_required, Some(12));
    c.pick("B-0020");
    c.console.check_in_selected().unwrap();
    assert_eq!(
        c.count(&format!(
            "SELECT COUNT(*) FROM events WHERE kiosk_id <> '{id}'"
        )),
        0,
        "events carry the kiosk's own id"
    );
    assert_eq!(c.here("B-0020"), 1);

    let stick = tempfile::tempdir().unwrap();
    let backed_up = c.console.backup(stick.path()).unwrap();
    assert!(backed_up.0.contains("kiosk-backup-"), "{backed_up}");
    assert!(c.console.backup(&stick.path().join("missing")).is_err());

    let request = ExportRequest {
        out_dir: stick.path().to_path_buf(),
        formats: vec![Format::Csv, Format::Xlsx, Format::Pdf],
        allow_open: true,
        allow_unsynced: false,
        allow_unapproved: false,
        paper: Default::default(),
    };
    let mut steps = 0;
    let exported = c
        .console
        .export(&request, &mut |_, _, _| steps += 1)
        .unwrap();
    assert!(exported.0.starts_with("Wrote 5 files"), "{exported}");
    assert!(steps > 0, "progress was reported");
    // One at a time: while a job is out, a second is refused.
    let job = c.console.export_job(request.clone()).unwrap();
    assert!(matches!(
        c.console.export_job(request.clone()),
        Err(ConsoleError::ExportRunning)
    ));
    let on_thread = std::thread::spawn(move || job.run(Utc::now(), &mut |_, _, _| {}))
        .join()
        .unwrap();
    assert!(on_thread.unwrap().0.starts_with("Wrote 5 files"));
    assert!(c.console.export_job(request).is_ok(), "free again");
}

#[test]
fn approving_a_request_is_one_transaction() {
    let c = demo_console();
    let now = c.clock.get();
    c.on_kiosk(|kiosk| {
        let pat = kiosk.booking("B-0010").unwrap();
        kiosk.request_badge(&pat, now).unwrap();
    });
    c.console.reload();
    let id = c.console.requests()[0].event_id.clone();
    let events = c.count("SELECT COUNT(*) FROM events");
    // The second step (closing the request) fails, as a full disk would.
    rusqlite::Connection::open(c.dir.path().join("kiosk.db"))
        .unwrap()
        .execute_batch(
            "CREATE TRIGGER fail_resolve BEFORE INSERT ON events
             WHEN NEW.kind = 'request_resolved'
             BEGIN SELECT RAISE(ABORT, 'the disk is full'); END;",
        )
        .unwrap();
    let failed = c.console.approve(&id, "").unwrap_err();
    assert!(failed.to_string().contains("the disk is full"), "{failed}");
    assert_eq!(
        c.count("SELECT COUNT(*) FROM events"),
        events,
        "no event kept"
    );
    assert_eq!(
        c.count("SELECT COUNT(*) FROM attendance"),
        0,
        "nobody checked in"
    );
    assert_eq!(
        c.count("SELECT badge_issue FROM bookings WHERE badge_no = 'B-0010'"),
        1,
        "the badge not reissued"
    );
    assert_eq!(c.console.requests().len(), 1, "the request is still open");
    // The disk has room again: the same tap works.
    rusqlite::Connection::open(c.dir.path().join("kiosk.db"))
        .unwrap()
        .execute_batch("DROP TRIGGER fail_resolve;")
        .unwrap();
    c.console.approve(&id, "").unwrap();
    assert_eq!(c.here("B-0010"), 1);
}

#[test]
fn a_console_without_a_shoot_day_says_so_and_never_panics() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("empty.db")).unwrap();
    let station = Station::open(store, None).unwrap();
    let console = ConsoleController::new(Rc::new(RefCell::new(station)), Rc::new(Utc::now));
    console.reload();
    assert!(console.day().is_none());
    assert!(console.roster().entries.is_empty());
    let no_day = console.dashboard().unwrap_err().to_string();
    assert!(no_day.contains("no shoot day"), "{no_day}");
    assert!(matches!(
        console.check_in_selected(),
        Err(ConsoleError::NoOnePicked)
    ));
    let form = AreaForm {
        name: "Tent".into(),
        capacity: "10".into(),
        ..AreaForm::default()
    };
    assert!(
        console
            .save_area(true, &form)
            .unwrap_err()
            .to_string()
            .contains("no shoot day")
    );
    let walk_in = WalkInForm {
        first_name: "A".into(),
        last_name: "B".into(),
        category: Category::ALL[0],
        union: UnionStatus::Union,
    };
    assert!(console.add_walk_in(&walk_in).is_err());
    let stick = tempfile::tempdir().unwrap();
    let request = ExportRequest {
        out_dir: stick.path().to_path_buf(),
        formats: vec![Format::Csv],
        allow_open: true,
        allow_unsynced: false,
        allow_unapproved: false,
        paper: Default::default(),
    };
    assert!(console.export(&request, &mut |_, _, _| {}).is_err());
    // Device settings are kept without a day.
    let settings = SettingsForm {
        printer: "front-desk".into(),
        kiosk_name: "Base camp".into(),
        union_required: String::new(),
        volume: 0.3,
    };
    console.save_settings(&settings).unwrap();
    assert_eq!(console.settings().printer, "front-desk");
}

#[test]
fn the_dashboard_forecasts_lunch_in_steps_of_15_minutes() {
    let c = demo_console();
    let now = c.clock.get();
    let on_the_minute = |t: DateTime<Utc>| t.timestamp() % 60 == 0;
    assert!(on_the_minute(c.console.forecast_at()));
    assert!((c.console.forecast_at() - now).num_seconds().abs() < 60);
    let heard = Rc::new(Cell::new(0));
    let h = heard.clone();
    c.console.on_changed(move |_| h.set(h.get() + 1));
    c.console.step_forecast(15);
    c.console.step_forecast(15);
    assert_eq!(heard.get(), 2, "the dashboard redraws after each step");
    let later = c.console.forecast_at();
    assert!((later - now - Duration::minutes(30)).num_seconds().abs() < 60);
    let forecasts = c.console.meal_forecasts();
    assert_eq!(forecasts.len(), c.console.areas().len(), "one per area");
    let dashboard = c.console.dashboard().unwrap();
    for f in &forecasts {
        assert_eq!(f.at, later);
        let (_, present, clock) = dashboard
            .areas
            .iter()
            .find(|(a, _, _)| a.name == f.area)
            .unwrap();
        // The forecast counts whom the meal clock counts.
        assert_eq!(
            f.present,
            clock.as_ref().map_or(0, |c| c.people),
            "{}",
            f.area
        );
        assert!(f.present <= *present);
        assert!(f.penalised <= f.present);
        assert_eq!(f.amount.0 > 0, f.penalised > 0);
    }
    c.console.step_forecast(0);
    assert!(
        (c.console.forecast_at() - now).num_seconds().abs() < 60,
        "back to now"
    );
}

#[test]
fn a_hub_set_on_the_console_is_kept_without_a_password_and_told() {
    let c = demo_console();
    let told = Rc::new(Cell::new(0));
    let t = told.clone();
    c.console.on_changed(move |what| {
        if what == Changed::Hub {
            t.set(t.get() + 1);
        }
    });
    let err = c.console.set_hub("mysql://x/y").unwrap_err();
    assert!(err.to_string().contains("postgres://"), "{err}");
    assert_eq!(c.console.hub_state().hub, None);
    // No password typed here: nothing goes to a pgpass file.
    let notice = c
        .console
        .set_hub(" postgresql://harbor_tent1@10.0.0.2/harbor ")
        .unwrap();
    assert!(notice.0.contains("from now on"), "{notice}");
    assert_eq!(
        c.console.hub_state().hub.as_deref(),
        Some("postgresql://harbor_tent1@10.0.0.2/harbor")
    );
    assert_eq!(told.get(), 1);
    c.console.set_hub("").unwrap();
    assert_eq!(c.console.hub_state(), Default::default());
    assert_eq!(told.get(), 2);
}
