//! The day reviewed on the screens (Slint's testing backend): the extra's
//! dispute at check-out by touch alone (what, the time picker, a bump from
//! the catalogue, words on the on-screen keyboard), in English and Spanish;
//! the console's Review & wrap tab (counts by flag, a filter, the extra's
//! day with its change log, approve one and all clean, by the name asked
//! once a session); a dispute accepted on the Requests tab. Screenshots go
//! to `target/screens/` when `SCREENSHOTS` is set.

use super::ui::{
    self, Kiosk, count, kiosk, open_console, press, settle, shows, tab, texts, type_into,
};
use extras_kiosk::kiosk::ScanMode;
use extras_kiosk::store::Store;
use extras_kiosk::ui::{FaceAdapter, FaceScreen, WrapAdapter};
use slint::{ComponentHandle, Model};

fn on_store(k: &Kiosk, act: impl FnOnce(&mut extras_kiosk::kiosk::Kiosk<'_>)) {
    let mut store = Store::open(&k.dir.path().join("kiosk.db")).unwrap();
    let day = store.current_day().unwrap();
    act(&mut extras_kiosk::kiosk::Kiosk::new(
        &mut store,
        day,
        ScanMode::CheckIn,
    ));
}

fn shot(k: &Kiosk, name: &str) {
    if std::env::var_os("SCREENSHOTS").is_some() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screens");
        std::fs::create_dir_all(&dir).unwrap();
        ui::snapshot(&k.window, &dir.join(format!("{name}.png")));
    }
}

/// Checked in and checked out at the face: the summary is up.
fn at_check_out(k: &Kiosk, payload: &str) {
    ui::scan(&k.window, payload);
    ui::close(k);
    k.session.console().set_mode(ScanMode::CheckOut).unwrap();
    k.session.face_changed();
    settle();
    ui::scan(&k.window, payload);
    assert_eq!(
        k.window.global::<FaceAdapter>().get_screen(),
        FaceScreen::Summary
    );
}

fn summary_line(k: &Kiosk, label: &str) -> Option<String> {
    let lines = k.window.global::<FaceAdapter>().get_summary_lines();
    lines
        .iter()
        .find(|l| l.label == label)
        .map(|l| l.value.to_string())
}

#[test]
fn an_extra_disputes_the_out_time_by_touch_and_the_summary_says_so() {
    let k = kiosk(ScanMode::CheckIn, 1280, 800);
    let (badge, payload) = k.badges[0].clone();
    at_check_out(&k, &payload);
    let face = k.window.global::<FaceAdapter>();

    press(&k.window, "Something's wrong");
    assert_eq!(face.get_screen(), FaceScreen::Dispute);
    assert!(shows(&k.window, "What is wrong?"), "{:?}", texts(&k.window));
    for choice in [
        "In time",
        "Meal 1 out",
        "Meal 1 back",
        "NDB out",
        "Out time",
        "A bump is missing",
        "Something else",
    ] {
        assert!(
            ui::buttons(&k.window).iter().any(|b| b == choice),
            "{choice}"
        );
    }
    shot(&k, "dispute-what-en-landscape");
    press(&k.window, "Out time");
    assert!(
        shows(&k.window, "Out time: what time was it?"),
        "{:?}",
        texts(&k.window)
    );
    let recorded = face.get_dispute_recorded().to_string();
    assert!(shows(&k.window, &format!("Recorded: {recorded}")));
    assert_eq!(
        face.get_dispute_time(),
        recorded,
        "the picker starts at the recorded time"
    );
    for step in ["+15", "+15", "+1", "−1", "−5", "+5", "+1"] {
        press(&k.window, step);
    }
    let day_time = |text: &str| {
        let (h, m) = text.trim_end_matches("+1").split_once(':').unwrap();
        h.parse::<i64>().unwrap() * 60 + m.parse::<i64>().unwrap()
    };
    let claimed = face.get_dispute_time().to_string();
    assert_eq!(
        (day_time(&claimed) - day_time(&recorded)).rem_euclid(24 * 60),
        31,
        "{recorded} -> {claimed}"
    );
    shot(&k, "dispute-time-en-landscape");
    press(&k.window, "Next");
    assert!(shows(&k.window, "Anything to add?"));
    for key in ["S", "T", "A", "Y", "E", "D", "Space", "L", "A", "T", "E"] {
        press(&k.window, key);
    }
    press(&k.window, "Delete");
    assert_eq!(face.get_dispute_words(), "stayed lat");
    press(&k.window, "Send to the AD");

    assert_eq!(
        face.get_screen(),
        FaceScreen::Summary,
        "back to the summary"
    );
    assert!(shows(&k.window, "Noted. The AD will look at your voucher."));
    let said = format!("Out time (you said {claimed})");
    assert_eq!(summary_line(&k, "disputed").as_deref(), Some(said.as_str()));
    assert!(shows(&k.window, &said));
    let copy = ui::qr_codes(&k.window);
    assert!(
        copy.iter()
            .any(|c| c.contains(&format!("Disputed: out time (you said {claimed})"))),
        "{copy:?}"
    );
    assert_eq!(
        count(
            &k,
            &format!(
                "SELECT COUNT(*) FROM events WHERE kind = 'voucher_disputed' AND actor = 'kiosk'
                 AND json_extract(payload, '$.about') = 'out'
                 AND json_extract(payload, '$.words') = 'stayed lat'
                 AND json_extract(payload, '$.badge') = '{badge}'"
            )
        ),
        1
    );
    shot(&k, "dispute-noted-en-landscape");

    // A second one, in Spanish: a bump that is missing, from the catalogue.
    press(&k.window, "Something's wrong");
    k.session.toggle_language();
    settle();
    assert!(shows(&k.window, "¿Qué está mal?"), "{:?}", texts(&k.window));
    press(&k.window, "Falta un plus");
    assert!(shows(&k.window, "¿Qué plus falta?"));
    shot(&k, "dispute-bump-es-landscape");
    press(&k.window, "Humo");
    press(&k.window, "Enviar al asistente de dirección");
    assert_eq!(face.get_screen(), FaceScreen::Summary);
    assert!(
        shows(&k.window, "Falta un plus: Humo"),
        "{:?}",
        texts(&k.window)
    );
    assert_eq!(
        count(
            &k,
            "SELECT COUNT(*) FROM events WHERE kind = 'voucher_disputed'
             AND json_extract(payload, '$.bump') = 'smoke'"
        ),
        1
    );
    // Back from the first step is the summary again; nothing is filed.
    press(&k.window, "Algo está mal");
    press(&k.window, "Volver");
    assert_eq!(face.get_screen(), FaceScreen::Summary);
    assert_eq!(
        count(
            &k,
            "SELECT COUNT(*) FROM events WHERE kind = 'voucher_disputed'"
        ),
        2
    );
}

#[test]
fn the_review_tab_counts_flags_opens_a_day_and_approves_by_name() {
    let k = kiosk(ScanMode::CheckIn, 1280, 800);
    let (b0, p0) = k.badges[0].clone();
    let (b1, p1) = k.badges[1].clone();
    let (b2, p2) = k.badges[2].clone();
    for p in [&p0, &p1, &p2] {
        ui::scan(&k.window, p);
        ui::close(&k);
    }
    k.session.console().set_mode(ScanMode::CheckOut).unwrap();
    for p in [&p0, &p1] {
        ui::scan(&k.window, p);
        ui::close(&k);
    }
    // One asked for paper (not unsigned), one disputes the out time.
    on_store(&k, |kiosk| {
        let b = kiosk.booking(&b1).unwrap();
        kiosk
            .set_paper_voucher(&b, true, chrono::Utc::now())
            .unwrap();
        let a = kiosk.booking(&b0).unwrap();
        let out = kiosk
            .store()
            .presence(a.id)
            .unwrap()
            .unwrap()
            .released_at
            .unwrap();
        kiosk
            .file_dispute(
                &a,
                &extras_kiosk::kiosk::DisputeClaim {
                    about: Some(extras_kiosk::kiosk::DisputeAbout::Time(
                        extras_kiosk::kiosk::TimeField::Out,
                    )),
                    claimed: Some(out + chrono::Duration::minutes(20)),
                    ..Default::default()
                },
                extras_kiosk::store::Actor::Kiosk,
                chrono::Utc::now(),
            )
            .unwrap();
    });
    open_console(&k);
    tab(&k.window, "Review & wrap");
    let wrap = k.window.global::<WrapAdapter>();
    let chips: Vec<String> = ui::buttons(&k.window);
    for wanted in ["unsigned (1)", "disputed (1)", "not released (1)"] {
        assert!(chips.iter().any(|c| c == wanted), "{wanted} in {chips:?}");
    }
    assert_eq!(wrap.get_rows().row_count(), wrap.get_total() as usize);
    // The ones that need a look come first.
    assert!(wrap.get_rows().row_data(0).unwrap().blocking);

    // Approving asks who first.
    press(&k.window, "Approve all clean (1)");
    assert!(
        shows(&k.window, "type your name first"),
        "{:?}",
        texts(&k.window)
    );
    type_into(
        &k.window,
        "Your name (it goes on every approval and decision)",
        "J. Ruiz",
    );
    press(&k.window, "That's me");
    assert!(shows(&k.window, "Approving as J. Ruiz"));

    press(&k.window, "disputed (1)");
    assert_eq!(wrap.get_rows().row_count(), 1);
    assert_eq!(wrap.get_rows().row_data(0).unwrap().badge, b0.as_str());
    // The extra's day opens with the change log.
    wrap.invoke_open(b0.as_str().into());
    settle();
    let changes: Vec<String> = wrap
        .get_opened_changes()
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert!(
        changes.iter().any(|c| c.contains("Dispute: Out time")),
        "{changes:?}"
    );
    shot(&k, "console-review-en-landscape");
    press(&k.window, "Close");
    press(&k.window, &format!("All ({})", wrap.get_total()));
    assert_eq!(wrap.get_filter(), "", "the filter is off again");

    press(&k.window, "Approve all clean (1)");
    assert!(
        shows(&k.window, "Approved 1 voucher by J. Ruiz"),
        "{:?}",
        texts(&k.window)
    );
    assert!(
        shows(&k.window, "Left 2 for a look"),
        "{:?}",
        texts(&k.window)
    );
    assert_eq!(
        count(
            &k,
            &format!(
                "SELECT COUNT(*) FROM events WHERE kind = 'voucher_approved'
                 AND json_extract(payload, '$.badge') = '{b1}'
                 AND json_extract(payload, '$.by') = 'J. Ruiz'"
            )
        ),
        1
    );
    // A blocking flag needs a note; with it, approved.
    wrap.invoke_approve(b2.as_str().into(), "".into());
    settle();
    assert!(shows(&k.window, "not_released"), "{:?}", texts(&k.window));
    wrap.invoke_approve(b2.as_str().into(), "stays for the night unit".into());
    settle();
    assert!(
        shows(&k.window, &format!("{b2} ")) && shows(&k.window, "approved by J. Ruiz."),
        "the notice names who approved: {:?}",
        texts(&k.window)
    );
    assert_eq!(
        count(
            &k,
            "SELECT COUNT(*) FROM events WHERE kind = 'voucher_approved'"
        ),
        2
    );

    // The dispute, accepted on the Requests tab under the same name.
    tab(&k.window, "Requests");
    assert!(
        shows(&k.window, "disputes the out time"),
        "{:?}",
        texts(&k.window)
    );
    press(&k.window, "Accept");
    assert!(
        shows(&k.window, "accepted by J. Ruiz"),
        "{:?}",
        texts(&k.window)
    );
    assert_eq!(
        count(
            &k,
            "SELECT COUNT(*) FROM events WHERE kind = 'time_corrected'
             AND json_extract(payload, '$.by') = 'J. Ruiz'"
        ),
        1
    );
    // Locked and opened again: the name is asked again.
    press(&k.window, "Lock");
    open_console(&k);
    tab(&k.window, "Review & wrap");
    assert!(!shows(&k.window, "Approving as J. Ruiz"));
}
