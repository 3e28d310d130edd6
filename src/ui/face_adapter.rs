//! Puts the face's state on the screen (FaceAdapter's properties) and
//! connects FaceAdapter's callbacks, and the scanner's keys, to the face.

use super::face::{CardKind, FaceState, date_words};
use super::face::{DisputeDraft, DisputeStep};
use super::scan_timing::ScanStep;
use super::session::Session;
use super::{DemoExtra, FaceAdapter, FaceScreen, KioskAdapter, KioskWindow, NameMatch, Page};
use crate::kiosk::{DemoBadge, ScanMode, public_name};
use slint::{ComponentHandle, Image, ModelRc, Rgba8Pixel, SharedPixelBuffer, VecModel};
use std::cell::Cell;
use std::rc::Rc;

/// Summary lines for the screen: a code the view words, and a value.
fn map_lines(lines: &[crate::report::summary::SummaryLine]) -> ModelRc<super::SummaryLine> {
    let rows: Vec<super::SummaryLine> = lines
        .iter()
        .map(|l| super::SummaryLine {
            label: l.code.into(),
            value: l.value.as_str().into(),
        })
        .collect();
    ModelRc::new(VecModel::from(rows))
}

/// A QR code of `text` as an image, `scale` pixels per module.
pub fn qr_image(text: &str, scale: u32) -> Image {
    let matrix = crate::badge::qr::QrMatrix::encode(text);
    let side = matrix.size as u32 * scale;
    let mut buffer = SharedPixelBuffer::<Rgba8Pixel>::new(side, side);
    let pixels = buffer.make_mut_slice();
    for y in 0..side {
        for x in 0..side {
            let dark = matrix.is_dark((x / scale) as usize, (y / scale) as usize);
            let v = if dark { 0 } else { 255 };
            pixels[(y * side + x) as usize] = Rgba8Pixel {
                r: v,
                g: v,
                b: v,
                a: 255,
            };
        }
    }
    Image::from_rgba8(buffer)
}

fn map_card_kind(kind: Option<CardKind>) -> super::CardKind {
    match kind {
        Some(CardKind::CheckedIn) => super::CardKind::CheckedIn,
        Some(CardKind::AlreadyHere) => super::CardKind::AlreadyHere,
        Some(CardKind::Released) => super::CardKind::Released,
        Some(CardKind::Notice) => super::CardKind::Notice,
        Some(CardKind::Refused) | None => super::CardKind::Refused,
    }
}

/// Shows the face as it is now; `pad` is the signature pad's size.
fn map_face(window: &KioskWindow, session: &Session, demo: bool, pad: (f32, f32)) {
    let face = session.face().borrow();
    let a = window.global::<FaceAdapter>();
    if let Some(day) = face.station().day() {
        a.set_title(day.title.as_str().into());
        a.set_date_text(date_words(day.date, face.spanish).into());
    }
    a.set_spanish(face.spanish);
    a.set_checkout(face.station().mode() == ScanMode::CheckOut);
    a.set_pa_warning(face.pa_warning.clone().unwrap_or_default().into());
    a.set_demo(demo);
    let screen = match &face.state {
        FaceState::Idle => FaceScreen::Idle,
        FaceState::Card(card) => {
            a.set_card_kind(map_card_kind(card.kind));
            a.set_card_name(card.name.as_str().into());
            a.set_card_area(card.area.as_str().into());
            a.set_card_area_note(card.area_note.as_str().into());
            a.set_card_time(card.time.as_str().into());
            a.set_card_kiosk(card.at_kiosk.as_str().into());
            a.set_card_reason(card.reason.as_str().into());
            a.set_card_reason_arg(card.reason_arg.as_str().into());
            a.set_card_late(card.late);
            a.set_card_see_pa(card.see_pa);
            a.set_card_paper(card.paper);
            a.set_card_paperwork(card.paperwork);
            a.set_card_return(card.return_items.as_str().into());
            a.set_card_lines(map_lines(&card.so_far));
            a.set_card_arithmetic(card.arithmetic.as_str().into());
            a.set_card_qr(if card.copy.is_empty() {
                slint::Image::default()
            } else {
                qr_image(&card.copy, 4)
            });
            FaceScreen::Card
        }
        FaceState::Search { text, matches } => {
            a.set_search_text(text.as_str().into());
            let rows: Vec<NameMatch> = matches
                .iter()
                .map(|b| NameMatch {
                    name: public_name(b).into(),
                    call: String::new().into(),
                })
                .collect();
            a.set_matches(ModelRc::new(VecModel::from(rows)));
            FaceScreen::Search
        }
        FaceState::Summary(summary) | FaceState::Signature { summary, .. } => {
            a.set_summary_name(summary.name.as_str().into());
            a.set_summary_lines(map_lines(&summary.lines));
            a.set_summary_qr(qr_image(&summary.copy, 4));
            a.set_summary_printed(summary.printed);
            a.set_summary_paper(summary.paper);
            a.set_summary_return(summary.return_items.as_str().into());
            a.set_summary_noted(summary.noted);
            if matches!(face.state, FaceState::Signature { .. }) {
                map_signature(window, session, pad);
                FaceScreen::Signature
            } else {
                FaceScreen::Summary
            }
        }
        FaceState::Dispute(d) => {
            map_dispute(&a, d, &face);
            FaceScreen::Dispute
        }
        FaceState::NoDay(text) => {
            a.set_no_day_text(text.as_str().into());
            FaceScreen::NoDay
        }
    };
    a.set_screen(screen);
}

/// Shows the dispute picker: its step, its choices in the extra's language.
fn map_dispute(a: &FaceAdapter<'_>, d: &DisputeDraft, face: &super::face::Face) {
    use crate::kiosk::DisputeAbout;
    let words = |about| super::face_words::about_words(about, face.spanish);
    let strings = |items: Vec<&str>| -> ModelRc<slint::SharedString> {
        ModelRc::new(VecModel::from(
            items
                .into_iter()
                .map(slint::SharedString::from)
                .collect::<Vec<_>>(),
        ))
    };
    a.set_dispute_step(match d.step {
        DisputeStep::What => super::DisputeStep::What,
        DisputeStep::Time => super::DisputeStep::Time,
        DisputeStep::Bump => super::DisputeStep::Bump,
        DisputeStep::Words => super::DisputeStep::Words,
    });
    a.set_dispute_choices(strings(
        DisputeAbout::ALL.iter().map(|x| words(*x)).collect(),
    ));
    a.set_dispute_bumps(strings(
        crate::pay::BumpKind::ALL
            .iter()
            .map(|k| super::face_words::bump_words(*k, face.spanish))
            .collect(),
    ));
    a.set_dispute_about_text(d.about.map(words).unwrap_or_default().into());
    if let Some(day) = face.station().day() {
        let clock = |t: Option<chrono::DateTime<chrono::Utc>>| {
            t.map(|t| day.format_at(t)).unwrap_or_default()
        };
        a.set_dispute_time(clock(d.claimed).into());
        a.set_dispute_recorded(clock(d.recorded).into());
    }
    a.set_dispute_words(d.words.as_str().into());
    a.set_dispute_words_max(crate::kiosk::disputes::MAX_DISPUTE_WORDS as i32);
}

/// Shows the signature drawn so far in a pad of `pad` pixels.
fn map_signature(window: &KioskWindow, session: &Session, pad: (f32, f32)) {
    let face = session.face().borrow();
    if let FaceState::Signature { strokes, .. } = &face.state {
        let a = window.global::<FaceAdapter>();
        a.set_signature_path(face.signature_path(pad.0, pad.1).into());
        a.set_signature_empty(strokes.iter().all(|s| s.len() < 2));
    }
}

/// The clock on the idle screen.
fn map_clock(window: &KioskWindow, session: &Session) {
    let now = session.now();
    let face = session.face().borrow();
    let text = match face.station().day() {
        Some(day) => now.with_timezone(&day.tz).format("%H:%M").to_string(),
        None => now.format("%H:%M UTC").to_string(),
    };
    window.global::<FaceAdapter>().set_clock_text(text.into());
}

/// Connects the face's callbacks and the scanner's keys; `demo` are the
/// badges of the "simulate a scan" panel.
pub fn connect(window: &KioskWindow, session: &Rc<Session>, demo: Vec<DemoBadge>) {
    let a = window.global::<FaceAdapter>();
    let extras: Vec<DemoExtra> = demo
        .iter()
        .map(|d| DemoExtra {
            name: d.label.as_str().into(),
            note: d.note.as_str().into(),
        })
        .collect();
    a.set_demo_extras(ModelRc::new(VecModel::from(extras)));
    let pad = Rc::new(Cell::new((1000.0f32, 400.0f32)));
    let (w, s, p, is_demo) = (
        window.as_weak(),
        Rc::downgrade(session),
        pad.clone(),
        !demo.is_empty(),
    );
    session.on_face_changed(move || {
        if let (Some(w), Some(s)) = (w.upgrade(), s.upgrade()) {
            map_face(&w, &s, is_demo, p.get());
            map_clock(&w, &s);
        }
    });
    let (w, s) = (window.as_weak(), Rc::downgrade(session));
    session.on_tick(move || {
        if let (Some(w), Some(s)) = (w.upgrade(), s.upgrade()) {
            map_clock(&w, &s);
        }
    });

    let s = session.clone();
    window.global::<KioskAdapter>().on_key_typed(move |text| {
        // On the extras' screens every key is the scanner's; elsewhere
        // keys go to the focused field.
        if s.page() != Page::Face {
            return false;
        }
        if text.contains(['\n', '\r']) {
            s.scan_started();
        }
        let result = s.face().borrow_mut().key(&text, s.now());
        if matches!(result, Ok(None)) {
            return true;
        }
        s.scan_step(ScanStep::Decided {
            commit: crate::kiosk::last_commit_took(),
        });
        match result {
            Ok(Some(tone)) => s.play(tone),
            Ok(None) => {}
            Err(e) => s.report(Some(e)),
        }
        s.face_changed();
        s.scan_step(ScanStep::Shown);
        s.draw_now();
        true
    });
    let s = session.clone();
    a.on_simulate_scan(move |i| {
        let Some(badge) = demo.get(i.max(0) as usize) else {
            return;
        };
        let result = s.face().borrow_mut().scan(&badge.payload, s.now());
        match result {
            Ok(tone) => s.play(tone),
            Err(e) => s.report(Some(e)),
        }
        s.face_changed();
    });

    let s = session.clone();
    a.on_toggle_language(move || s.toggle_language());
    let s = session.clone();
    a.on_open_search(move || s.act(|face, _| face.open_search()));
    let s = session.clone();
    a.on_search_typed(move |t| s.tap(|face, _| face.search_key(Some(&t))));
    let s = session.clone();
    a.on_search_backspace(move || s.tap(|face, _| face.search_key(None)));
    let s = session.clone();
    a.on_pick_match(move |i| s.act(|face, now| face.pick_match(i.max(0) as usize, now)));
    let s = session.clone();
    a.on_close(move || s.tap(|face, now| face.close(now)));
    let s = session.clone();
    a.on_touched(move || s.face_changed());
    let s = session.clone();
    a.on_sign(move || s.tap(|face, _| face.sign()));
    let s = session.clone();
    a.on_dispute(move || s.tap(|face, _| face.dispute()));
    let s = session.clone();
    a.on_dispute_pick(move |i| s.act(|face, _| face.dispute_pick(i.max(0) as usize)));
    let s = session.clone();
    a.on_dispute_step_time(move |m| s.tap(|face, _| face.dispute_step_time(i64::from(m))));
    let s = session.clone();
    a.on_dispute_next(move || s.tap(|face, _| face.dispute_next()));
    let s = session.clone();
    a.on_dispute_pick_bump(move |i| s.tap(|face, _| face.dispute_pick_bump(i.max(0) as usize)));
    let s = session.clone();
    a.on_dispute_typed(move |t| s.tap(|face, _| face.dispute_key(Some(&t))));
    let s = session.clone();
    a.on_dispute_backspace(move || s.tap(|face, _| face.dispute_key(None)));
    let s = session.clone();
    a.on_dispute_back(move || s.tap(|face, _| face.dispute_back()));
    let s = session.clone();
    a.on_dispute_send(move || s.act(|face, now| face.dispute_send(now)));
    for start in [true, false] {
        let (s, p, w) = (session.clone(), pad.clone(), window.as_weak());
        let stroke = move |x: f32, y: f32, width: f32, height: f32| {
            if width > 0.0 && height > 0.0 {
                p.set((width, height));
                s.face().borrow_mut().stroke(x / width, y / height, start);
                // Only the ink changes: the rest of the screen stays drawn.
                if let Some(w) = w.upgrade() {
                    map_signature(&w, &s, p.get());
                }
            }
        };
        if start {
            a.on_stroke_start(stroke);
        } else {
            a.on_stroke_point(stroke);
        }
    }
    let s = session.clone();
    a.on_clear_signature(move || s.tap(|face, _| face.clear_signature()));
    let s = session.clone();
    a.on_save_signature(move || s.act(|face, now| face.save_signature(now)));
    let s = session.clone();
    a.on_supervisor_door(move || s.open_pin());
    let s = session.clone();
    a.on_dismiss_warning(move || {
        s.face().borrow_mut().pa_warning = None;
        s.face_changed();
    });
}
