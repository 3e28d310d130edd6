//! The roster shows what fits the person picked: one test per state (not
//! here, present, at a meal, released, a no-show after wrap, a voided
//! badge) asserts the actions on screen and those absent, through Slint's
//! testing backend on a real database, and that a state's own action
//! reaches the database. The Areas tab ends a meal only while one is open.

use super::ui;

use chrono::{DateTime, Utc};
use extras_kiosk::kiosk::ScanMode;
use extras_kiosk::ui::{ConsoleAdapter, ConsoleTab, RosterAdapter, WrapAdapter};
use i_slint_backend_testing::ElementRoot;
use slint::ComponentHandle;
use std::cell::Cell;
use std::collections::BTreeSet;
use std::rc::Rc;
use ui::{buttons, count, kiosk_with_clock, open_console, pick, press, scan, tab, type_into};

/// Every action the roster has, in any state.
const ALL: [&str; 21] = [
    "Check in",
    "Print badge",
    "Reissue badge",
    "Void badge",
    "Paperwork verified",
    "Paperwork rejected",
    "Release",
    "Start meal",
    "End meal",
    "Move",
    "Add bump",
    "Correct",
    "Undo check-in",
    "Upgrade to union",
    "Issue item",
    "Item returned",
    "Sign voucher",
    "Paper voucher",
    "Voucher review",
    "Undo release",
    "Check in late",
];

const NOT_HERE: &[&str] = &[
    "Check in",
    "Print badge",
    "Reissue badge",
    "Void badge",
    "Paperwork verified",
    "Paperwork rejected",
];
const PRESENT: &[&str] = &[
    "Release",
    "Start meal",
    "Move",
    "Add bump",
    "Correct",
    "Undo check-in",
    "Upgrade to union",
    "Issue item",
    "Item returned",
];
const AT_MEAL: &[&str] = &[
    "Release",
    "End meal",
    "Move",
    "Add bump",
    "Correct",
    "Undo check-in",
    "Upgrade to union",
    "Issue item",
    "Item returned",
];
const RELEASED: &[&str] = &[
    "Undo release",
    "Sign voucher",
    "Paper voucher",
    "Voucher review",
    "Correct",
    "Item returned",
];
const NO_SHOW: &[&str] = &["Correct", "Check in late"];
const VOIDED: &[&str] = &["Reissue badge"];

/// A kiosk on the demo day whose clock reads `at` (local, HH:MM).
fn kiosk_at(at: &str) -> (ui::Kiosk, Rc<Cell<DateTime<Utc>>>) {
    let clock = Rc::new(Cell::new(Utc::now()));
    let k = kiosk_with_clock(ScanMode::CheckIn, 1280, 800, clock.clone());
    set_clock(&k, &clock, at);
    (k, clock)
}

fn set_clock(k: &ui::Kiosk, clock: &Rc<Cell<DateTime<Utc>>>, at: &str) {
    let day = k.session.console().day().unwrap();
    clock.set(day.parse_at(at).unwrap());
    k.session.console().reload();
    ui::settle();
}

/// A kiosk whose clock reads `at`, the first extra scanned in at it, the
/// console open: the kiosk, its clock, the badge.
fn one_checked_in_at(at: &str) -> (ui::Kiosk, Rc<Cell<DateTime<Utc>>>, String) {
    let (k, clock) = kiosk_at(at);
    let (badge, payload) = k.badges[0].clone();
    scan(&k.window, &payload);
    ui::close(&k);
    open_console(&k);
    (k, clock, badge)
}

/// Picks `badge` in the roster (the console open on it).
fn pick_badge(k: &ui::Kiosk, badge: &str) {
    tab(&k.window, "Roster");
    type_into(&k.window, "Search by name or badge", badge);
    pick(&k.window, badge);
}

/// The roster's actions on screen.
fn actions(k: &ui::Kiosk) -> BTreeSet<String> {
    buttons(&k.window)
        .into_iter()
        .filter(|b| ALL.contains(&b.as_str()))
        .collect()
}

/// Asserts the actions on screen are `wanted`, and every other absent.
#[track_caller]
fn assert_actions(k: &ui::Kiosk, state: &str, wanted: &[&str]) {
    let shown = actions(k);
    let wanted: BTreeSet<String> = wanted.iter().map(|s| s.to_string()).collect();
    let absent: Vec<&str> = ALL
        .iter()
        .copied()
        .filter(|a| !wanted.contains(*a))
        .collect();
    assert_eq!(
        shown,
        wanted,
        "{state}: the actions shown (absent should be {absent:?}); selected: {}",
        k.window.global::<RosterAdapter>().get_selected_text()
    );
}

/// Asserts the picked row's line says `state`.
#[track_caller]
fn assert_says(k: &ui::Kiosk, state: &str) {
    let said = k.window.global::<RosterAdapter>().get_selected_text();
    assert!(said.contains(state), "{said} does not say {state}");
}

fn notice(k: &ui::Kiosk) -> String {
    k.window.global::<ConsoleAdapter>().get_notice().to_string()
}

#[test]
fn nobody_picked_shows_no_action() {
    let (k, _) = kiosk_at("08:00");
    open_console(&k);
    tab(&k.window, "Roster");
    assert_actions(&k, "nobody picked", &[]);
}

#[test]
fn not_here_offers_the_check_in_the_badge_and_paperwork() {
    let (k, _) = kiosk_at("08:00");
    open_console(&k);
    pick_badge(&k, "B-0007");
    assert_actions(&k, "not here", NOT_HERE);
    assert_says(&k, "missing");
    press(&k.window, "Paperwork verified");
    assert_eq!(
        count(
            &k,
            "SELECT COUNT(*) FROM bookings WHERE badge_no = 'B-0007' AND paperwork = 'verified'"
        ),
        1,
        "{}",
        notice(&k)
    );
    // A rejection needs its reason.
    press(&k.window, "Paperwork rejected");
    assert!(k.window.global::<ConsoleAdapter>().get_notice_is_error());
    assert!(notice(&k).contains("note"), "{}", notice(&k));
    press(&k.window, "Check in");
    assert_actions(&k, "checked in from the roster", PRESENT);
}

#[test]
fn present_then_at_a_meal_then_back() {
    let (k, _, badge) = one_checked_in_at("08:00");
    pick_badge(&k, &badge);
    assert_actions(&k, "present", PRESENT);
    let release_at = |k: &ui::Kiosk| {
        let wanted = "Release";
        k.window
            .root_element()
            .query_descendants()
            .match_accessible_role(i_slint_backend_testing::AccessibleRole::Button)
            .match_predicate(move |e| e.accessible_label().as_deref() == Some(wanted))
            .find_first()
            .expect("Release on screen")
            .absolute_position()
    };
    let before = release_at(&k);

    press(&k.window, "Start meal");
    // The notice appeared; the buttons stayed where the finger was.
    assert!(!notice(&k).is_empty());
    assert_eq!(release_at(&k), before, "the buttons moved under the finger");
    let open = |k: &ui::Kiosk| {
        count(
            k,
            &format!(
                "SELECT COUNT(*) FROM meals m JOIN bookings b ON b.id = m.booking_id
                 WHERE b.badge_no = '{badge}' AND m.ended_at IS NULL"
            ),
        )
    };
    assert_eq!(open(&k), 1, "{}", notice(&k));
    assert_actions(&k, "at a meal", AT_MEAL);
    assert_says(&k, "at a meal");
    press(&k.window, "End meal");
    assert_eq!(open(&k), 0, "{}", notice(&k));
    assert_actions(&k, "back from the meal", PRESENT);
}

#[test]
fn released_offers_the_voucher_and_opens_its_review() {
    let (k, clock, badge) = one_checked_in_at("08:00");
    set_clock(&k, &clock, "17:00");
    pick_badge(&k, &badge);
    press(&k.window, "Release");
    assert_actions(&k, "released", RELEASED);
    press(&k.window, "Voucher review");
    assert_eq!(
        k.window.global::<ConsoleAdapter>().get_tab(),
        ConsoleTab::Wrap
    );
    assert_eq!(
        k.window.global::<WrapAdapter>().get_opened(),
        badge.as_str()
    );
}

#[test]
fn a_meal_left_open_at_release_is_ended_from_the_released_row() {
    let (k, clock, badge) = one_checked_in_at("08:00");
    set_clock(&k, &clock, "12:00");
    pick_badge(&k, &badge);
    press(&k.window, "Start meal");
    set_clock(&k, &clock, "12:15");
    pick_badge(&k, &badge);
    press(&k.window, "Release");
    let mut with_end: Vec<&str> = RELEASED.to_vec();
    with_end.push("End meal");
    assert_actions(&k, "released with a meal open", &with_end);
    let a = k.window.global::<RosterAdapter>();
    // Not after the release.
    a.set_time_text("12:30".into());
    press(&k.window, "End meal");
    assert!(notice(&k).contains("after their release"), "{}", notice(&k));
    a.set_time_text("12:10".into());
    press(&k.window, "End meal");
    assert_eq!(
        count(&k, "SELECT COUNT(*) FROM meals WHERE ended_at IS NULL"),
        0,
        "{}",
        notice(&k)
    );
    assert_actions(&k, "released, the meal ended", RELEASED);
}

#[test]
fn before_the_last_call_an_early_release_is_no_wrap() {
    let (k, _, badge) = one_checked_in_at("05:00");
    pick_badge(&k, &badge);
    press(&k.window, "Release");
    // The only one here went home early: the later calls are still due.
    pick_badge(&k, "B-0007");
    assert_actions(&k, "expected, someone sent home early", NOT_HERE);
}

#[test]
fn a_no_show_after_wrap_is_corrected_or_checked_in_late() {
    let (k, clock, badge) = one_checked_in_at("08:00");
    // Before wrap, someone who did not come is "not here".
    pick_badge(&k, "B-0007");
    assert_actions(&k, "missing before wrap", NOT_HERE);
    // The one who came is released: nobody is left, the day is wrapped.
    set_clock(&k, &clock, "18:00");
    pick_badge(&k, &badge);
    press(&k.window, "Release");
    pick_badge(&k, "B-0007");
    assert_actions(&k, "no-show after wrap", NO_SHOW);
    assert_says(&k, "no-show");
    let a = k.window.global::<RosterAdapter>();
    // A late check-in needs its time and reason.
    press(&k.window, "Check in late");
    assert!(k.window.global::<ConsoleAdapter>().get_notice_is_error());
    a.set_time_text("07:40".into());
    a.set_reason("on set all day, the kiosk never saw her".into());
    press(&k.window, "Check in late");
    let day = k.session.console().day().unwrap();
    let arrived: String = rusqlite::Connection::open(k.dir.path().join("kiosk.db"))
        .unwrap()
        .query_row(
            "SELECT a.checked_in_at FROM attendance a JOIN bookings b ON b.id = a.booking_id
             WHERE b.badge_no = 'B-0007'",
            [],
            |r| r.get(0),
        )
        .unwrap_or_else(|e| panic!("{e}: {}", notice(&k)));
    assert_eq!(
        DateTime::parse_from_rfc3339(&arrived).unwrap(),
        day.parse_at("07:40").unwrap()
    );
    assert_eq!(
        count(
            &k,
            "SELECT COUNT(*) FROM events WHERE kind = 'checked_in'
             AND json_extract(payload, '$.late') = 1
             AND json_extract(payload, '$.reason') LIKE 'on set all day%'"
        ),
        1
    );
    assert_actions(&k, "checked in late", PRESENT);
}

#[test]
fn a_no_show_corrected_by_its_in_time() {
    let (k, clock, badge) = one_checked_in_at("08:00");
    set_clock(&k, &clock, "18:00");
    pick_badge(&k, &badge);
    press(&k.window, "Release");
    pick_badge(&k, "B-0009");
    assert_actions(&k, "no-show after wrap", NO_SHOW);
    let a = k.window.global::<RosterAdapter>();
    a.set_time_field(0);
    a.set_time_text("06:55".into());
    a.set_reason("signed the paper sign-in sheet".into());
    press(&k.window, "Correct");
    assert_eq!(
        count(
            &k,
            "SELECT COUNT(*) FROM attendance a JOIN bookings b ON b.id = a.booking_id
             WHERE b.badge_no = 'B-0009' AND a.released_at IS NULL"
        ),
        1,
        "{}",
        notice(&k)
    );
}

#[test]
fn a_voided_badge_offers_only_its_reissue() {
    let (k, _) = kiosk_at("08:00");
    open_console(&k);
    pick_badge(&k, "B-0007");
    k.window
        .global::<RosterAdapter>()
        .set_reason("lost in the car park".into());
    press(&k.window, "Void badge");
    assert_actions(&k, "voided", VOIDED);
    assert_says(&k, "badge voided");
    press(&k.window, "Reissue badge");
    assert_eq!(
        count(
            &k,
            "SELECT badge_issue * 10 + badge_voided FROM bookings WHERE badge_no = 'B-0007'"
        ),
        20,
        "issue 2, not voided: {}",
        notice(&k)
    );
    assert_actions(&k, "reissued", NOT_HERE);
}

#[test]
fn the_areas_tab_ends_a_meal_only_while_one_is_open() {
    let (k, _) = kiosk_at("08:00");
    for (_, payload) in k.badges.iter().take(3) {
        scan(&k.window, payload);
        ui::close(&k);
    }
    open_console(&k);
    tab(&k.window, "Areas");
    let busiest = ui::busiest_area(&k);
    pick(&k.window, &busiest);
    let shown = |k: &ui::Kiosk, label: &str| buttons(&k.window).iter().any(|b| b == label);
    assert!(shown(&k, "Start meal") && shown(&k, "Start NDB"));
    assert!(
        !shown(&k, "End meal") && !shown(&k, "End NDB"),
        "no meal open"
    );
    press(&k.window, "Start meal");
    assert!(shown(&k, "End meal"), "{}", notice(&k));
    assert!(!shown(&k, "End NDB"), "a meal is open, no NDB");
    press(&k.window, "End meal");
    assert!(!shown(&k, "End meal"));
    press(&k.window, "Start NDB");
    assert!(shown(&k, "End NDB") && !shown(&k, "End meal"));
}
