//! The supervisor console through Slint's testing backend, on a real
//! database: the PIN and its lockout, each tab's actions and their effect
//! in the database, the meal clocks driven by a mocked clock, an export.

use super::ui;

use chrono::{DateTime, Duration, Utc};
use extras_kiosk::kiosk::ScanMode;
use extras_kiosk::ui::{
    AreasAdapter, ConsoleAdapter, DashboardAdapter, FaceAdapter, KioskAdapter, MealClockState,
    Page, PinAdapter, RequestsAdapter, RosterAdapter, SettingsAdapter, WrapAdapter,
};
use slint::{ComponentHandle, Model};
use std::cell::Cell;
use std::rc::Rc;
use ui::{
    close, count, focus_field, kiosk, kiosk_with_clock, open_console, pick, press, scan, settle,
    shows, step_picker, tab, texts, type_into,
};

fn page(k: &ui::Kiosk) -> Page {
    k.window.global::<KioskAdapter>().get_page()
}

fn notice(k: &ui::Kiosk) -> String {
    k.window.global::<ConsoleAdapter>().get_notice().to_string()
}

#[test]
fn five_wrong_pins_lock_the_pad_even_against_the_right_one() {
    let clock = Rc::new(Cell::new(Utc::now()));
    let k = kiosk_with_clock(ScanMode::CheckIn, 1280, 800, clock.clone());
    press(&k.window, "supervisor");
    assert_eq!(page(&k), Page::Pin);
    let pin = k.window.global::<PinAdapter>();
    for attempt in 1..=5 {
        for d in "9999".chars() {
            press(&k.window, &d.to_string());
        }
        press(&k.window, "OK");
        if attempt < 5 {
            assert!(
                pin.get_message().contains("Wrong PIN"),
                "{}",
                pin.get_message()
            );
        }
    }
    assert!(pin.get_locked(), "{}", pin.get_message());
    assert_eq!(
        count(&k, "SELECT COUNT(*) FROM events WHERE kind = 'pin_failed'"),
        5
    );
    // The right PIN is refused while locked (sent past the disabled keys).
    for d in extras_kiosk::kiosk::DEMO_PIN.chars() {
        pin.invoke_digit(d.to_string().into());
    }
    pin.invoke_submit();
    settle();
    assert_eq!(page(&k), Page::Pin);
    assert!(
        pin.get_message().contains("locked"),
        "{}",
        pin.get_message()
    );
    // A minute later it opens the console.
    clock.set(clock.get() + Duration::seconds(61));
    i_slint_backend_testing::mock_elapsed_time(std::time::Duration::from_secs(61));
    open_console_from_pad(&k);
    assert_eq!(
        page(&k),
        Page::Console,
        "{} {}",
        pin.get_message(),
        pin.get_locked()
    );
    // Two minutes untouched: the console locks itself.
    i_slint_backend_testing::mock_elapsed_time(std::time::Duration::from_secs(119));
    assert_eq!(page(&k), Page::Console, "still open just before");
    i_slint_backend_testing::mock_elapsed_time(std::time::Duration::from_secs(2));
    assert_eq!(page(&k), Page::Face);
}

fn open_console_from_pad(k: &ui::Kiosk) {
    for d in extras_kiosk::kiosk::DEMO_PIN.chars() {
        press(&k.window, &d.to_string());
    }
    press(&k.window, "OK");
}

#[test]
fn the_roster_searches_and_its_actions_reach_the_database() {
    let k = kiosk(ScanMode::CheckIn, 1280, 800);
    open_console(&k);
    tab(&k.window, "Roster");
    let a = k.window.global::<RosterAdapter>();
    assert_eq!(a.get_rows().row_count(), 170);
    type_into(&k.window, "Search by name or badge", "B-0007");
    assert_eq!(a.get_rows().row_count(), 1);
    pick(&k.window, "B-0007");
    press(&k.window, "Check in");
    assert!(notice(&k).contains("checked in"), "{}", notice(&k));
    let here = |k: &ui::Kiosk| {
        count(
            k,
            "SELECT COUNT(*) FROM attendance a JOIN bookings b ON b.id = a.booking_id
             WHERE b.badge_no = 'B-0007' AND a.released_at IS NULL",
        )
    };
    assert_eq!(here(&k), 1);
    press(&k.window, "Add bump");
    assert_eq!(
        count(&k, "SELECT COUNT(*) FROM bumps WHERE kind = 'wardrobe'"),
        1
    );
    press(&k.window, "Release");
    assert_eq!(here(&k), 0);
    // Undo needs a reason.
    press(&k.window, "Undo release");
    assert!(k.window.global::<ConsoleAdapter>().get_notice_is_error());
    assert!(notice(&k).contains("reason"), "{}", notice(&k));
    assert_eq!(here(&k), 0, "nothing undone without a reason");
    a.set_reason("still needed on set".into());
    press(&k.window, "Undo release");
    assert_eq!(here(&k), 1);
    // A correction: a time and a reason.
    // What was typed is cleared after each action: the next needs its own.
    assert_eq!(a.get_reason(), "");
    a.set_reason("arrived earlier, scanner was down".into());
    a.set_time_field(0);
    a.set_time_text("06:05".into());
    press(&k.window, "Correct");
    assert_eq!(
        count(
            &k,
            "SELECT COUNT(*) FROM events WHERE kind = 'time_corrected'"
        ),
        1,
        "{}",
        notice(&k)
    );
    // The badge's actions are for someone not here yet.
    type_into(&k.window, "Search by name or badge", "B-0008");
    pick(&k.window, "B-0008");
    a.set_reason("lost on set".into());
    press(&k.window, "Void badge");
    assert_eq!(
        count(
            &k,
            "SELECT COUNT(*) FROM bookings WHERE badge_no = 'B-0008' AND badge_voided = 1"
        ),
        1
    );
    press(&k.window, "Reissue badge");
    assert_eq!(
        count(
            &k,
            "SELECT badge_issue FROM bookings WHERE badge_no = 'B-0008'"
        ),
        2
    );
    press(&k.window, "Print badge");
    assert!(
        notice(&k).contains("B-0008.png"),
        "no printer: a PNG: {}",
        notice(&k)
    );
    // The filters: who is here (Everyone, Missing, Expected, Here).
    type_into(&k.window, "Search by name or badge", "");
    step_picker(&k.window, "Status", 3);
    assert_eq!(a.get_rows().row_count(), 1);
}

#[test]
fn areas_meals_and_a_wrap_with_someone_kept_back() {
    let k = kiosk(ScanMode::CheckIn, 1280, 800);
    for (_, payload) in k.badges.iter().take(6) {
        scan(&k.window, payload);
    }
    open_console(&k);
    tab(&k.window, "Areas");
    let a = k.window.global::<AreasAdapter>();
    // A new area, then changed.
    a.set_name("Tent C".into());
    a.set_capacity("25".into());
    a.set_location("By the river".into());
    press(&k.window, "Add area");
    assert_eq!(
        count(
            &k,
            "SELECT COUNT(*) FROM holding_areas WHERE name = 'Tent C'"
        ),
        1,
        "{}",
        notice(&k)
    );
    pick(&k.window, "Tent C");
    assert_eq!(a.get_capacity(), "25", "the form shows the area picked");
    a.set_capacity("30".into());
    press(&k.window, "Save changes");
    assert_eq!(
        count(
            &k,
            "SELECT capacity FROM holding_areas WHERE name = 'Tent C'"
        ),
        30
    );

    let busiest = ui::busiest_area(&k);
    pick(&k.window, &busiest);
    press(&k.window, "Start meal");
    let meals = count(&k, "SELECT COUNT(*) FROM meals WHERE ended_at IS NULL");
    assert!(meals > 0, "{}", notice(&k));
    press(&k.window, "End meal");
    assert_eq!(
        count(&k, "SELECT COUNT(*) FROM meals WHERE ended_at IS NULL"),
        0
    );
    let kept: String = rusqlite::Connection::open(k.dir.path().join("kiosk.db"))
        .unwrap()
        .query_row(
            "SELECT b.badge_no FROM attendance a JOIN bookings b ON b.id = a.booking_id
             JOIN holding_areas h ON h.id = a.area_id WHERE h.name = ?1 LIMIT 1",
            [&busiest],
            |r| r.get(0),
        )
        .unwrap();
    a.set_keep_back(kept.clone().into());
    press(&k.window, "Wrap this area");
    assert!(notice(&k).contains("1 kept back"), "{}", notice(&k));
    assert_eq!(
        count(
            &k,
            &format!(
                "SELECT COUNT(*) FROM attendance a JOIN bookings b ON b.id = a.booking_id
                 WHERE b.badge_no = '{kept}' AND a.released_at IS NULL"
            )
        ),
        1,
        "the one kept back is still here"
    );
    assert!(
        count(
            &k,
            "SELECT COUNT(*) FROM attendance WHERE released_at IS NOT NULL"
        ) > 0
    );
}

#[test]
fn requests_walk_ins_settings_and_an_export_from_the_console() {
    let k = kiosk(ScanMode::CheckIn, 1280, 800);
    // A "no badge" request from the face.
    press(&k.window, "No badge?");
    for l in ["P", "A", "T"] {
        press(&k.window, l);
    }
    let name = k
        .window
        .global::<FaceAdapter>()
        .get_matches()
        .row_data(0)
        .unwrap()
        .name;
    press(&k.window, &name);
    i_slint_backend_testing::mock_elapsed_time(std::time::Duration::from_secs(6));
    open_console(&k);
    tab(&k.window, "Requests");
    let a = k.window.global::<RequestsAdapter>();
    assert_eq!(a.get_requests().row_count(), 1);
    press(&k.window, "Approve");
    assert_eq!(
        count(&k, "SELECT COUNT(*) FROM attendance"),
        1,
        "{}",
        notice(&k)
    );
    assert_eq!(
        count(
            &k,
            "SELECT COUNT(*) FROM events WHERE kind = 'request_resolved'"
        ),
        1
    );
    assert_eq!(
        count(
            &k,
            "SELECT COUNT(*) FROM events WHERE kind = 'badge_reissued'"
        ),
        2,
        "the demo's replaced badge, and this one"
    );
    assert_eq!(a.get_requests().row_count(), 0);

    a.set_walkin_first("Aiko".into());
    a.set_walkin_last("Sato".into());
    press(&k.window, "Add walk-in and print the badge");
    assert_eq!(
        count(
            &k,
            "SELECT COUNT(*) FROM events WHERE kind = 'walk_in_added'"
        ),
        1,
        "{}",
        notice(&k)
    );
    assert!(notice(&k).contains("B-0171"), "{}", notice(&k));

    tab(&k.window, "Settings");
    let settings = k.window.global::<SettingsAdapter>();
    settings.set_union_required("12".into());
    press(&k.window, "Save settings");
    assert_eq!(
        count(
            &k,
            "SELECT COUNT(*) FROM settings WHERE key LIKE 'union_required.%' AND value = '12'"
        ),
        1
    );
    settings.set_new_pin("4321".into());
    press(&k.window, "Change PIN");
    assert_eq!(
        count(&k, "SELECT COUNT(*) FROM events WHERE kind = 'pin_set'"),
        2,
        "{}",
        notice(&k)
    );
    press(&k.window, "Check-out (wrap)");
    assert_eq!(k.session.console().mode(), ScanMode::CheckOut);
    tab(&k.window, "Dashboard");
    assert!(shows(&k.window, "of 12 required"), "{:?}", texts(&k.window));

    tab(&k.window, "Review & wrap");
    assert!(shows(&k.window, "Still here"), "{:?}", texts(&k.window));
    let stick = tempfile::tempdir().unwrap();
    let wrap = k.window.global::<WrapAdapter>();
    wrap.set_folder(stick.path().display().to_string().into());
    press(&k.window, "Export anyway (they show as not released)");
    let mut files: Vec<String> = std::fs::read_dir(stick.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    files.sort();
    assert_eq!(files.len(), 5, "{files:?}: {}", notice(&k));
    assert!(files.iter().any(|f| f.ends_with(".pdf")));
    assert!(files.iter().any(|f| f.ends_with(".xlsx")));
    assert!(wrap.get_result().contains("Wrote 5 files"));
}

/// The meal clock of the area `Pat O.` is in, at `at` local time.
fn clock_at(
    k: &ui::Kiosk,
    clock: &Rc<Cell<DateTime<Utc>>>,
    at: &str,
) -> (MealClockState, String, String) {
    let day = k.session.console().day().unwrap();
    clock.set(day.parse_at(at).unwrap());
    k.session.console().reload();
    settle();
    let areas = k.window.global::<DashboardAdapter>().get_areas();
    let row = (0..areas.row_count())
        .filter_map(|i| areas.row_data(i))
        .find(|r| r.present > 0)
        .expect("an area with people");
    (
        row.clock,
        row.penalties.to_string(),
        row.clock_text.to_string(),
    )
}

#[test]
fn meal_clocks_turn_amber_then_red_with_the_cost_so_far() {
    let clock = Rc::new(Cell::new(Utc::now()));
    let k = kiosk_with_clock(ScanMode::CheckIn, 1280, 800, clock.clone());
    let day = k.session.console().day().unwrap();
    // Pat O. (union, call 05:30) arrives at 06:00: the meal is due 11:30.
    clock.set(day.parse_at("06:00").unwrap());
    scan(&k.window, &k.badges[0].1);
    open_console(&k);
    let fine = clock_at(&k, &clock, "09:00");
    assert_eq!(fine.0, MealClockState::Fine);
    // Durations a person reads at a glance: 09:00 to 11:30.
    assert!(fine.2.contains("(in 2 h 30 min)"), "{}", fine.2);
    let soon = clock_at(&k, &clock, "11:05");
    let areas = k.window.global::<DashboardAdapter>().get_areas();
    let rows: Vec<_> = (0..areas.row_count())
        .filter_map(|i| areas.row_data(i))
        .map(|r| (r.name, r.present, r.clock_text))
        .collect();
    assert_eq!(soon.0, MealClockState::Soon, "{rows:?}");
    assert_eq!(
        clock_at(&k, &clock, "11:40").0,
        MealClockState::Soon,
        "within the 12-minute grace"
    );
    let (state, cost, text) = clock_at(&k, &clock, "12:10");
    assert_eq!(state, MealClockState::Late);
    assert!(text.contains("(40 min ago)"), "{text}");
    // 40 minutes past due: two late half hours, 7.50 + 10.00.
    assert!(cost.contains("17.50"), "{cost}");
}

/// Every text field and picker on the console tab shown is touch sized.
fn assert_touch_sized(k: &ui::Kiosk, tab_name: &str) {
    use i_slint_backend_testing::{AccessibleRole, ElementRoot};
    let mut seen = 0;
    for role in [AccessibleRole::TextInput, AccessibleRole::Combobox] {
        for e in k
            .window
            .root_element()
            .query_descendants()
            .match_accessible_role(role)
            .find_all()
        {
            seen += 1;
            assert!(
                e.size().height >= 48.0,
                "{tab_name}: {:?} {:?} is {} px high",
                e.accessible_label(),
                e.accessible_placeholder_text(),
                e.size().height
            );
        }
    }
    assert!(seen > 0, "{tab_name} has fields");
}

#[test]
fn a_walk_in_typed_on_the_on_screen_keyboard_alone() {
    use extras_kiosk::ui::OnScreenKeyboard;
    let k = kiosk(ScanMode::CheckIn, 1280, 800);
    open_console(&k);
    tab(&k.window, "Requests");
    let keyboard = k.window.global::<OnScreenKeyboard>();
    assert!(!keyboard.get_open(), "closed until a field is touched");
    let touch = |placeholder: &str| focus_field(&k.window, placeholder);
    let keys = |labels: &[&str]| {
        for label in labels {
            press(&k.window, label);
        }
    };
    touch("First name");
    assert!(keyboard.get_open(), "touching a field opens the keyboard");
    assert_eq!(keyboard.get_label(), "First name");
    // A slip, taken back with the delete key.
    keys(&["Shift", "A", "i", "k", "x", "Delete", "o"]);
    assert_eq!(keyboard.get_preview(), "Aiko");
    touch("Last name");
    keys(&["Shift", "N", "Accents", "ú", "Accents", "ñ", "e", "z"]);
    let a = k.window.global::<RequestsAdapter>();
    assert_eq!(a.get_walkin_first(), "Aiko");
    assert_eq!(a.get_walkin_last(), "Núñez");
    keys(&["Hide keyboard"]);
    assert!(!keyboard.get_open());
    press(&k.window, "Add walk-in and print the badge");
    assert_eq!(
        count(
            &k,
            "SELECT COUNT(*) FROM bookings b JOIN people p ON p.id = b.person_id
             WHERE p.first_name = 'Aiko' AND p.last_name = 'Núñez'"
        ),
        1,
        "{}",
        notice(&k)
    );
    assert_eq!(a.get_walkin_first(), "", "cleared for the next walk-in");
    for name in ["Roster", "Areas", "Requests", "Review & wrap", "Settings"] {
        tab(&k.window, name);
        if name == "Roster" {
            pick(&k.window, ""); // the first row shown
        }
        if name == "Areas" {
            pick(&k.window, "Holding");
        }
        assert_touch_sized(&k, name);
    }
}

#[test]
fn the_dashboard_steps_a_lunch_forecast_by_touch() {
    let clock = Rc::new(Cell::new(Utc::now()));
    let k = kiosk_with_clock(ScanMode::CheckIn, 1280, 800, clock.clone());
    let day = k.session.console().day().unwrap();
    // Pat O. (union, call 05:30) arrives at 06:00: the meal is due 11:30,
    // free until 11:42 (union grace).
    clock.set(day.parse_at("06:00").unwrap());
    scan(&k.window, &k.badges[0].1);
    open_console(&k);
    clock.set(day.parse_at("11:00").unwrap());
    k.session.console().reload();
    settle();
    let board = k.window.global::<DashboardAdapter>();
    assert_eq!(board.get_forecast_at(), "11:00");
    let forecast = || {
        let areas = board.get_areas();
        (0..areas.row_count())
            .filter_map(|i| areas.row_data(i))
            .find(|r| r.present > 0)
            .expect("an area with people")
            .forecast
            .to_string()
    };
    assert!(
        forecast().starts_with("Lunch at 11:00 costs nothing (free until 11:42)"),
        "{}",
        forecast()
    );
    for _ in 0..4 {
        press(&k.window, "+15 min");
    }
    assert_eq!(board.get_forecast_at(), "12:00");
    // 12:00 is 30 minutes past due: one late half hour, 7.50.
    assert_eq!(
        forecast(),
        "Lunch by 11:42 costs nothing; at 12:00, 1 extra, $7.50"
    );
    press(&k.window, "Now");
    assert_eq!(board.get_forecast_at(), "11:00");
}

#[test]
fn the_dashboard_shows_a_conflict_between_kiosks_and_resolves_it() {
    let k = kiosk(ScanMode::CheckIn, 1280, 800);
    // A tent joins the production before anyone arrives.
    let lead_path = k.dir.path().join("kiosk.db");
    let tent_path = k.dir.path().join("tent1.db");
    let mut lead = extras_kiosk::store::Store::open(&lead_path).unwrap();
    let day = lead.current_day().unwrap();
    lead.join_as(&tent_path, "tent1", Some("Tent 1"), Utc::now())
        .unwrap();
    // The extra scans at this kiosk, and at the tent too.
    let (badge, payload) = k.badges[0].clone();
    scan(&k.window, &payload);
    close(&k);
    let mut tent = extras_kiosk::store::Store::open(&tent_path).unwrap();
    let booking = tent.booking(&day, &badge).unwrap();
    extras_kiosk::kiosk::Kiosk::new(&mut tent, day.clone(), ScanMode::CheckIn)
        .check_in(
            &booking,
            Utc::now() - Duration::minutes(5),
            extras_kiosk::store::Actor::Kiosk,
        )
        .unwrap();
    drop(tent);
    let report = lead.sync_file(&tent_path).unwrap();
    assert_eq!(report.new_conflicts, 1, "{report:?}");
    drop(lead);

    open_console(&k);
    k.session.console().reload();
    settle();
    let rows = k.window.global::<DashboardAdapter>().get_conflicts();
    assert_eq!(rows.row_count(), 1);
    let row = rows.row_data(0).unwrap();
    assert!(row.what.contains("two kiosks"), "{}", row.what);
    assert!(
        row.detail.contains(&badge) && row.detail.contains("tent1"),
        "{}",
        row.detail
    );
    assert!(shows(&k.window, "Conflicts between kiosks to check (1)"));
    // Resolving needs a note of what the PA checked.
    press(&k.window, "Resolve");
    assert!(
        notice(&k).contains("reason") || notice(&k).contains("write"),
        "{}",
        notice(&k)
    );
    type_into(
        &k.window,
        "What you checked (required to resolve)",
        "asked the tent PA",
    );
    press(&k.window, "Resolve");
    assert!(notice(&k).contains("resolved"), "{}", notice(&k));
    assert_eq!(
        count(
            &k,
            "SELECT COUNT(*) FROM conflicts WHERE resolved_by IS NOT NULL AND note = 'asked the tent PA'"
        ),
        1
    );
    assert_eq!(
        k.window
            .global::<DashboardAdapter>()
            .get_conflicts()
            .row_count(),
        0
    );
}

/// The kiosk shares its day with a tent through a real hub: the card says
/// where an extra checked in, the dashboard's Kiosks panel lists both
/// kiosks, and with the hub down the face shows its small offline note.
#[test]
fn the_kiosks_panel_and_the_offline_note_follow_the_hub() {
    use extras_kiosk::store::hub::{Hub, HubAddress};
    use extras_kiosk::ui::KiosksAdapter;
    let k = kiosk(ScanMode::CheckIn, 1280, 800);
    let pg = super::common::pg::Pg::start();
    let mut lead = extras_kiosk::store::Store::open(&k.dir.path().join("kiosk.db")).unwrap();
    let day = lead.current_day().unwrap();
    let (mut hub, tents) =
        super::common::pg::hub_with_tents(&pg, &mut lead, &[("tent1", "Tent 1")]);
    let (tent_path, tent_url) = tents[0].clone();
    let tent_url = HubAddress::parse(&tent_url).unwrap();
    let lead_url = hub.address().clone();
    let mut tent = extras_kiosk::store::Store::open(&tent_path).unwrap();
    let booking = tent.booking(&day, &k.badges[0].0).unwrap();
    extras_kiosk::kiosk::Kiosk::new(&mut tent, day.clone(), ScanMode::CheckIn)
        .check_in(
            &booking,
            Utc::now() - Duration::minutes(3),
            extras_kiosk::store::Actor::Kiosk,
        )
        .unwrap();
    tent.sync_hub(&mut Hub::connect(&tent_url).unwrap(), |_| {})
        .unwrap();
    lead.sync_hub(&mut hub, |_| {}).unwrap();
    k.session.console().reload();

    scan(&k.window, &k.badges[0].1);
    assert_eq!(
        k.window.global::<FaceAdapter>().get_card_kiosk().as_str(),
        "Tent 1"
    );
    assert!(shows(&k.window, "at Tent 1"), "{:?}", texts(&k.window));
    close(&k);
    let panel = k.window.global::<KiosksAdapter>();
    let names: Vec<String> = panel
        .get_kiosks()
        .iter()
        .map(|r| r.name.to_string())
        .collect();
    assert_eq!(names, ["Base camp (lead) (this kiosk)", "Tent 1"]);
    assert!(panel.get_kiosks().iter().all(|r| r.online));
    assert!(!panel.get_hub_down());
    assert_eq!(k.window.global::<FaceAdapter>().get_offline_since(), "");

    // The hub's machine goes down.
    pg.stop_immediately();
    let unreachable = Hub::connect(&lead_url).err().unwrap();
    lead.note_hub_offline(&unreachable.to_string(), Utc::now())
        .unwrap();
    k.session.console().reload();
    assert!(panel.get_hub_down());
    assert!(panel.get_hub_text().starts_with("Hub unreachable since"));
    assert_ne!(k.window.global::<FaceAdapter>().get_offline_since(), "");
    assert!(
        shows(&k.window, "Working offline since"),
        "{:?}",
        texts(&k.window)
    );
}
