//! Several kiosks of one production merging by file, through the library:
//! three kiosks record a random day (scans, walk-ins, meals, bumps, moves,
//! corrections, undos, releases, conflicts resolved), exchange carry files
//! in random orders at random moments, and end with the same day: the same
//! projection, the same conflicts and byte-identical voucher CSVs, equal to
//! those of a fourth database that ingests the same events in one go.

use super::common;

use common::{at, demo_with_skin};
use extras_kiosk::kiosk::{Group, Kiosk, MealKind, ScanMode, TimeField, Undo};
use extras_kiosk::model::{BookingDetails, Category, Day, Paperwork, UnionStatus};
use extras_kiosk::pay::BumpKind;
use extras_kiosk::store::{Actor, Store};
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The lead's file with the demo day, its areas and skin, made once.
fn base() -> &'static (tempfile::TempDir, Day) {
    static BASE: OnceLock<(tempfile::TempDir, Day)> = OnceLock::new();
    BASE.get_or_init(|| {
        let (dir, store, day) = demo_with_skin();
        drop(store);
        (dir, day)
    })
}

#[derive(Debug, Clone)]
pub(super) enum Op {
    CheckIn(usize),
    Release(usize),
    Move(usize, usize),
    Meal { area: usize, start: bool },
    Bump(usize),
    Unbump(usize),
    CorrectIn(usize, i64),
    UndoCheckIn(usize),
    UndoRelease(usize),
    WalkIn,
    Resolve,
    Issue(usize, usize),
    Return(usize),
    Paper(usize, bool),
    Sync(usize),
}

pub(super) const AREAS: [&str; 3] = ["Holding A", "Holding B", "Near Set"];
/// Few people, so the kiosks often act on the same ones.
const PEOPLE: usize = 4;

pub(super) fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (0..PEOPLE).prop_map(Op::CheckIn),
        3 => (0..PEOPLE).prop_map(Op::Release),
        1 => (0..PEOPLE, 0..3usize).prop_map(|(b, a)| Op::Move(b, a)),
        2 => (0..3usize, any::<bool>()).prop_map(|(area, start)| Op::Meal { area, start }),
        1 => (0..PEOPLE).prop_map(Op::Bump),
        1 => (0..PEOPLE).prop_map(Op::Unbump),
        1 => (0..PEOPLE, -30i64..30).prop_map(|(b, m)| Op::CorrectIn(b, m)),
        1 => (0..PEOPLE).prop_map(Op::UndoCheckIn),
        1 => (0..PEOPLE).prop_map(Op::UndoRelease),
        1 => Just(Op::WalkIn),
        1 => Just(Op::Resolve),
        1 => (0..PEOPLE, 0..2usize).prop_map(|(b, t)| Op::Issue(b, t)),
        1 => (0..PEOPLE).prop_map(Op::Return),
        1 => (0..PEOPLE, any::<bool>()).prop_map(|(b, p)| Op::Paper(b, p)),
        3 => (0..2usize).prop_map(Op::Sync),
    ]
}

/// One kiosk does `op` at `when`; what the core refuses records nothing.
pub(super) fn apply(
    store: &mut Store,
    day: &Day,
    op: &Op,
    when: chrono::DateTime<chrono::Utc>,
    carries: &[PathBuf],
) {
    if let Op::Sync(c) = op {
        store
            .sync_file(&carries[*c])
            .expect("a sync between kiosks of one production");
        return;
    }
    let bookings = store.bookings(day).unwrap();
    let mut kiosk = Kiosk::new(store, day.clone(), ScanMode::CheckIn);
    let b = |i: usize| bookings[i].clone();
    // What the core refuses (a release of someone this kiosk has not seen
    // arrive) records nothing, as at a real kiosk.
    let _ = match op {
        Op::CheckIn(i) => kiosk.check_in(&b(*i), when, Actor::Kiosk).map(|_| ()),
        Op::Release(i) => kiosk.release(&b(*i), when).map(|_| ()),
        Op::Move(i, a) => kiosk.move_to(&[b(*i)], AREAS[*a], when),
        Op::Meal { area, start } => kiosk
            .meal(
                &Group::Area(AREAS[*area].into()),
                MealKind::Meal,
                *start,
                when,
            )
            .map(|_| ()),
        Op::Bump(i) => kiosk
            .add_bump(&b(*i), BumpKind::Wardrobe, Some(1), None, "PA", when)
            .map(|_| ()),
        Op::Unbump(i) => kiosk.remove_bump(&b(*i), BumpKind::Wardrobe, "PA", when),
        Op::CorrectIn(i, minutes) => kiosk.correct(
            &b(*i),
            TimeField::In,
            at(day, "06:30") + chrono::Duration::minutes(*minutes),
            "signed in on paper",
            when,
        ),
        Op::UndoCheckIn(i) => kiosk.undo(&b(*i), Undo::CheckIn, "wrong badge", when),
        Op::UndoRelease(i) => kiosk.undo(&b(*i), Undo::Release, "not gone yet", when),
        Op::WalkIn => kiosk
            .walk_in(
                &BookingDetails {
                    first_name: "Walk".into(),
                    last_name: "In".into(),
                    category: Category::General,
                    union: UnionStatus::NonUnion,
                    rate: None,
                    call_at: when,
                    wardrobe: None,
                    phone: None,
                    email: None,
                    agency: None,
                    notes: None,
                    paper_voucher: false,
                    paperwork: Paperwork::default(),
                },
                when,
            )
            .map(|_| ()),
        Op::Resolve => match kiosk.open_conflicts().unwrap().first() {
            Some(c) => kiosk.resolve_conflict(&c.id.clone(), "checked with the AD", when),
            None => Ok(()),
        },
        Op::Issue(i, tag) => kiosk
            .issue_item(
                &b(*i),
                extras_kiosk::kiosk::ItemKind::Wardrobe,
                "Jacket",
                Some(["W-1", "W-2"][*tag]),
                "Wardrobe",
                when,
            )
            .map(|_| ()),
        Op::Return(i) => kiosk
            .return_item(
                &b(*i),
                &extras_kiosk::kiosk::ItemMatch::What("Jacket".into()),
                when,
            )
            .map(|_| ()),
        Op::Paper(i, paper) => kiosk.set_paper_voucher(&b(*i), *paper, when).map(|_| ()),
        Op::Sync(_) => unreachable!(),
    };
}

/// What a kiosk shows of the day: who is where since when, meals, bumps,
/// conflicts, and the voucher CSV (or the export's refusal).
pub(super) fn day_as_shown(db: &Path, day: &Day) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    // The head count each arrival reads is the attendance's own count.
    let counted = "SELECT area_id, COUNT(*) FROM attendance
                   WHERE area_id IS NOT NULL AND released_at IS NULL
                   GROUP BY area_id ORDER BY area_id";
    let kept = "SELECT area_id, present FROM area_present WHERE present != 0 ORDER BY area_id";
    assert_eq!(
        common::rows_text(&conn, kept),
        common::rows_text(&conn, counted),
        "the holding areas' head counts"
    );
    let mut out = String::new();
    for sql in [
        "SELECT b.badge_no, a.checked_in_at, h.uid, a.released_at, a.overflow
         FROM attendance a JOIN bookings b ON b.id = a.booking_id
         LEFT JOIN holding_areas h ON h.id = a.area_id ORDER BY b.badge_no",
        "SELECT b.badge_no, m.kind, m.started_at, m.ended_at FROM meals m
         JOIN bookings b ON b.id = m.booking_id ORDER BY b.badge_no, m.started_at, m.ended_at",
        "SELECT b.badge_no, x.kind, x.count, x.amount_cents, x.removed, x.uid FROM bumps x
         JOIN bookings b ON b.id = x.booking_id ORDER BY b.badge_no, x.uid",
        "SELECT i.id, b.badge_no, i.kind, i.what, i.tag, i.issued_at, i.returned_at FROM items i
         JOIN bookings b ON b.id = i.booking_id ORDER BY i.id",
        "SELECT badge_no, first_name, source, union_status, rate_cents, paper_voucher, paperwork,
                upgraded, removed
         FROM bookings JOIN people p ON p.id = person_id ORDER BY badge_no",
        "SELECT id, kind, badge, kiosks, at, resolved_by IS NOT NULL, note FROM conflicts ORDER BY id",
    ] {
        out.push_str(&common::rows_text(&conn, sql));
        out.push_str("--\n");
    }
    let store = Store::open(db).unwrap();
    match extras_kiosk::report::day_vouchers(&store, day) {
        Ok(vouchers) => out.push_str(
            &String::from_utf8(extras_kiosk::report::csv_files::vouchers_csv(
                day, &vouchers,
            ))
            .unwrap(),
        ),
        Err(e) => out.push_str(&format!("refused: {e}")),
    }
    out
}

/// Three kiosks joined from the lead's file, a witness copy of the lead as
/// it was before the day's events, and two carry files (not made yet).
fn production(dir: &Path) -> (Vec<PathBuf>, PathBuf, Vec<PathBuf>) {
    let (base_dir, _) = base();
    let lead = dir.join("lead.db");
    std::fs::copy(base_dir.path().join("kiosk.db"), &lead).unwrap();
    let mut kiosks = vec![lead.clone()];
    {
        let mut store = Store::open(&lead).unwrap();
        for id in ["tent1", "tent2"] {
            let path = dir.join(format!("{id}.db"));
            store.join_as(&path, id, None, chrono::Utc::now()).unwrap();
            kiosks.push(path);
        }
    }
    let witness = dir.join("witness.db");
    Store::open(&lead).unwrap().backup_to(&witness).unwrap();
    let carries = vec![dir.join("carry-1.db"), dir.join("carry-2.db")];
    (kiosks, witness, carries)
}

fn run_day(ops: &[(usize, Op)]) -> Result<(), TestCaseError> {
    let (_, day) = base();
    // Real files; in memory where the machine has a tmpfs, so a thousand
    // days do not wait on the disk's flushes.
    let dir = match Path::new("/dev/shm").is_dir() {
        true => tempfile::tempdir_in("/dev/shm").unwrap(),
        false => tempfile::tempdir().unwrap(),
    };
    let (paths, witness, carries) = production(dir.path());
    let mut stores: Vec<Store> = paths.iter().map(|p| Store::open(p).unwrap()).collect();
    for (n, (k, op)) in ops.iter().enumerate() {
        let when = at(day, "06:00") + chrono::Duration::minutes(7 * n as i64);
        apply(&mut stores[*k], day, op, when, &carries);
    }
    // Everyone meets the first carry file until nothing moves.
    for k in [0, 1, 2, 0, 1] {
        stores[k].sync_file(&carries[0]).unwrap();
    }
    let mut witness_store = Store::open_as(&witness, None, None).unwrap();
    witness_store.sync_file(&carries[0]).unwrap();
    drop(witness_store);
    drop(stores);
    let shown: Vec<String> = paths.iter().map(|p| day_as_shown(p, day)).collect();
    let witness_shown = day_as_shown(&witness, day);
    for (k, s) in shown.iter().enumerate() {
        prop_assert_eq!(s, &witness_shown, "kiosk {} differs from the witness", k);
    }
    for p in &paths {
        let report = Store::open(p).unwrap().verify_chain().unwrap();
        prop_assert!(report.is_intact(), "{:?}", report.first_break);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("SEVERAL_KIOSKS_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(1000),
        max_shrink_iters: 200,
        ..ProptestConfig::default()
    })]
    #[test]
    fn three_kiosks_that_exchange_carry_files_end_with_the_same_day(
        ops in proptest::collection::vec((0..3usize, op()), 1..40)
    ) {
        run_day(&ops)?;
    }
}

/// What one kiosk records as it goes is what folding its events gives: the
/// same attendance, meals, bumps, items and vouchers, after every kind of
/// change a PA makes.
#[test]
fn a_day_folded_from_its_events_is_the_day_as_recorded() {
    let (dir, mut store, day) = demo_with_skin();
    let db = dir.path().join("kiosk.db");
    let bookings = store.bookings(&day).unwrap();
    let t = |text: &str| at(&day, text);
    {
        let mut k = Kiosk::new(&mut store, day.clone(), ScanMode::CheckIn);
        for (i, b) in bookings[..12].iter().enumerate() {
            k.check_in(
                b,
                t("06:00") + chrono::Duration::minutes(i as i64),
                Actor::Kiosk,
            )
            .unwrap();
        }
        k.move_to(&bookings[..2], "Near Set", t("07:00")).unwrap();
        k.meal(
            &Group::One(Box::new(bookings[3].clone())),
            MealKind::Ndb,
            true,
            t("06:40"),
        )
        .unwrap();
        k.meal(
            &Group::One(Box::new(bookings[3].clone())),
            MealKind::Ndb,
            false,
            t("07:00"),
        )
        .unwrap();
        k.meal(&Group::All, MealKind::Meal, true, t("12:00"))
            .unwrap();
        k.meal(&Group::All, MealKind::Meal, false, t("12:30"))
            .unwrap();
        k.correct(
            &bookings[0],
            TimeField::In,
            t("05:55"),
            "paper sign-in",
            t("09:00"),
        )
        .unwrap();
        k.add_bump(
            &bookings[1],
            BumpKind::Wardrobe,
            Some(2),
            None,
            "Wardrobe",
            t("09:00"),
        )
        .unwrap();
        k.add_bump(
            &bookings[1],
            BumpKind::Wardrobe,
            Some(1),
            None,
            "Wardrobe",
            t("09:05"),
        )
        .unwrap();
        k.remove_bump(&bookings[1], BumpKind::Wardrobe, "PA", t("09:10"))
            .unwrap();
        k.undo(&bookings[5], Undo::CheckIn, "wrong badge", t("09:20"))
            .unwrap();
        k.check_in(&bookings[5], t("09:30"), Actor::Supervisor)
            .unwrap();
        k.issue_item(
            &bookings[2],
            extras_kiosk::kiosk::ItemKind::Prop,
            "Rifle",
            Some("P-1"),
            "Props",
            t("08:00"),
        )
        .unwrap();
        k.release(&bookings[2], t("17:00")).unwrap();
        k.undo(&bookings[2], Undo::Release, "still here", t("17:05"))
            .unwrap();
        k.release_all(None, t("18:00")).unwrap();
        k.set_paper_voucher(&bookings[6], true, t("09:40")).unwrap();
        k.decide_paperwork(&bookings[7], Paperwork::Rejected, "no ID", t("09:41"))
            .unwrap();
        let non_union = bookings[8..]
            .iter()
            .find(|b| b.details.union == UnionStatus::NonUnion)
            .unwrap();
        k.upgrade_to_union(non_union, None, "given a line", t("09:42"))
            .unwrap();
        let fields = [TimeField::Out, TimeField::Meal1Out];
        for (field, to) in fields.iter().zip(["18:10", "12:05"]) {
            k.correct(&bookings[4], *field, t(to), "per the AD", t("18:20"))
                .unwrap();
        }
    }
    drop(store);
    // Every event names its day by date and its extra by badge in itself.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let bare: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM events
             WHERE (day_id IS NOT NULL AND json_extract(payload, '$.date') IS NULL)
                OR (booking_id IS NOT NULL AND json_extract(payload, '$.badge') IS NULL)
                OR json_extract(payload, '$.from_area_id') IS NOT NULL
                OR json_extract(payload, '$.bump_id') IS NOT NULL
                OR json_type(payload, '$.removed[0]') = 'integer'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(bare, 0, "an event names a row by this file's id alone");
    let recorded = day_as_shown(&db, &day);
    assert!(
        recorded.contains("P-1") && recorded.contains("meal"),
        "{recorded}"
    );
    let mut store = Store::open(&db).unwrap();
    store.refold_day(day.id).unwrap();
    drop(store);
    assert_eq!(day_as_shown(&db, &day), recorded);
}

/// A kiosk whose clock runs two hours fast: a correction the lead makes
/// after seeing its check-in still sorts after it (the hybrid clock moves
/// past what it has seen), so both kiosks end with the corrected time.
#[test]
fn a_kiosk_two_hours_fast_keeps_the_causal_order() {
    let (_, day) = base();
    let dir = tempfile::tempdir().unwrap();
    let (paths, _, carries) = production(dir.path());
    let mut lead = Store::open(&paths[0]).unwrap();
    let mut fast = Store::open(&paths[1]).unwrap();
    fast.set_clock_skew(chrono::Duration::hours(2));
    let b1 = fast.booking(day, "B-0001").unwrap();
    Kiosk::new(&mut fast, day.clone(), ScanMode::CheckIn)
        .check_in(&b1, at(day, "06:05"), Actor::Kiosk)
        .unwrap();
    fast.sync_file(&carries[0]).unwrap();
    lead.sync_file(&carries[0]).unwrap();
    Kiosk::new(&mut lead, day.clone(), ScanMode::CheckIn)
        .correct(
            &b1,
            TimeField::In,
            at(day, "06:00"),
            "signed the paper sheet at 06:00",
            at(day, "08:00"),
        )
        .unwrap();
    lead.sync_file(&carries[0]).unwrap();
    fast.sync_file(&carries[0]).unwrap();
    for store in [&lead, &fast] {
        let events = store.events(None).unwrap();
        let hlc_of = |kind: &str| {
            events
                .iter()
                .find(|e| e.kind == kind)
                .and_then(|e| e.hlc.clone())
                .unwrap()
        };
        assert!(
            hlc_of("time_corrected") > hlc_of("checked_in"),
            "the correction sorts after the check-in it saw"
        );
        let booking = store.booking(day, "B-0001").unwrap();
        assert_eq!(
            store.presence(booking.id).unwrap().unwrap().checked_in_at,
            Some(at(day, "06:00")),
            "{}",
            store.kiosk_id()
        );
    }
    // The fast kiosk's wall clock is two hours ahead of the lead's: by wall
    // clocks alone the correction would sort first and be lost.
    let fast_recorded = fast
        .events(None)
        .unwrap()
        .into_iter()
        .find(|e| e.kind == "checked_in")
        .unwrap()
        .recorded_at;
    assert!(fast_recorded > chrono::Utc::now() + chrono::Duration::minutes(100));
}

/// A "no badge" request approved at two kiosks: approved once, flagged;
/// both kiosks reissued the badge to the same issue, so the print from
/// either scans at both.
#[test]
fn a_request_approved_at_two_kiosks_is_approved_once() {
    let (_, day) = base();
    let dir = tempfile::tempdir().unwrap();
    let (paths, _, carries) = production(dir.path());
    let mut lead = Store::open(&paths[0]).unwrap();
    let mut tent = Store::open(&paths[1]).unwrap();
    let b = lead.booking(day, "B-0007").unwrap();
    Kiosk::new(&mut lead, day.clone(), ScanMode::CheckIn)
        .request_badge(&b, at(day, "06:20"))
        .unwrap();
    lead.sync_file(&carries[0]).unwrap();
    tent.sync_file(&carries[0]).unwrap();
    let request = Kiosk::new(&mut tent, day.clone(), ScanMode::CheckIn)
        .open_requests()
        .unwrap()
        .into_iter()
        .find(|r| r.booking.badge_no == "B-0007")
        .expect("the request reached the tent");
    for (store, minute) in [(&mut lead, "06:25"), (&mut tent, "06:26")] {
        Kiosk::new(store, day.clone(), ScanMode::CheckIn)
            .approve_request(&request.event_id, "ID checked", at(day, minute))
            .unwrap();
    }
    tent.sync_file(&carries[0]).unwrap();
    lead.sync_file(&carries[0]).unwrap();
    tent.sync_file(&carries[0]).unwrap();
    for store in [&mut lead, &mut tent] {
        let k = Kiosk::new(store, day.clone(), ScanMode::CheckIn);
        let kinds: Vec<String> = k
            .open_conflicts()
            .unwrap()
            .into_iter()
            .map(|c| c.kind)
            .collect();
        assert!(kinds.contains(&"double_approval".to_string()), "{kinds:?}");
        assert!(
            k.open_requests()
                .unwrap()
                .iter()
                .all(|r| r.event_id != request.event_id),
            "resolved once, everywhere"
        );
        assert_eq!(k.booking("B-0007").unwrap().badge_issue, 2);
    }
}

/// Where two kiosks' facts meet, what a PA does next on one of them is what
/// every kiosk shows: the end of a meal another kiosk started, an undo of
/// the check-in that stood.
#[test]
fn a_pa_acting_on_merged_facts_sees_what_every_kiosk_will_see() {
    let (_, day) = base();
    let dir = tempfile::tempdir().unwrap();
    let (paths, _, carries) = production(dir.path());
    let mut a = Store::open(&paths[0]).unwrap();
    let mut b = Store::open(&paths[1]).unwrap();
    let x = a.booking(day, "B-0001").unwrap();
    let one = || Group::One(Box::new(x.clone()));
    Kiosk::new(&mut a, day.clone(), ScanMode::CheckIn)
        .check_in(&x, at(day, "08:00"), Actor::Kiosk)
        .unwrap();
    Kiosk::new(&mut b, day.clone(), ScanMode::CheckIn)
        .check_in(&x, at(day, "08:05"), Actor::Kiosk)
        .unwrap();
    Kiosk::new(&mut a, day.clone(), ScanMode::CheckIn)
        .meal(&one(), MealKind::Meal, true, at(day, "12:00"))
        .unwrap();
    Kiosk::new(&mut b, day.clone(), ScanMode::CheckIn)
        .meal(&one(), MealKind::Meal, true, at(day, "12:02"))
        .unwrap();
    for s in [&mut a, &mut b] {
        s.sync_file(&carries[0]).unwrap();
    }
    // B ends the meal it now shows open (A's), and undoes A's check-in.
    let mut at_b = Kiosk::new(&mut b, day.clone(), ScanMode::CheckIn);
    at_b.meal(&one(), MealKind::Meal, false, at(day, "12:30"))
        .unwrap();
    at_b.undo(
        &x,
        Undo::CheckIn,
        "badged at the wrong kiosk",
        at(day, "13:00"),
    )
    .unwrap();
    let shown_on_b = day_as_shown(&paths[1], day);
    for s in [&mut b, &mut a] {
        s.sync_file(&carries[0]).unwrap();
    }
    drop((a, b));
    let shown = day_as_shown(&paths[0], day);
    assert_eq!(shown, day_as_shown(&paths[1], day));
    assert_eq!(
        shown_on_b.split("--").take(3).collect::<Vec<_>>(),
        shown.split("--").take(3).collect::<Vec<_>>(),
        "B showed at once what A shows after the sync"
    );
    let pat = shown.lines().find(|l| l.contains("B-0001")).unwrap();
    assert!(
        pat.contains("2026-11-28T16:05:00Z"),
        "the tent's 08:05 stands: {pat}"
    );
    assert!(
        shown.contains(
            "Text(\"meal\")|Text(\"2026-11-28T20:00:00Z\")|Text(\"2026-11-28T20:30:00Z\")"
        ),
        "one meal, 12:00 to 12:30: {shown}"
    );
}
