//! Puts the face's state on the screen (FaceAdapter's properties) and
//! connects FaceAdapter's callbacks to the face, through the session.

use super::face::{CardKind, FaceState, date_words};
use super::session::Session;
use super::{FaceAdapter, FaceScreen, KioskWindow, NameMatch, SummaryLine};
use crate::kiosk::public_name;
use slint::{ComponentHandle, Image, ModelRc, Rgba8Pixel, SharedPixelBuffer, VecModel};
use std::rc::Rc;

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

/// Shows the face as it is now.
pub fn show(window: &KioskWindow, session: &Session) {
    let face = session.face.borrow();
    let a = window.global::<FaceAdapter>();
    if let Some(day) = &face.day {
        a.set_title(day.title.as_str().into());
        a.set_date_text(date_words(day.date, face.spanish).into());
    }
    a.set_spanish(face.spanish);
    a.set_checkout(face.mode == crate::kiosk::ScanMode::CheckOut);
    a.set_pa_warning(face.pa_warning.clone().unwrap_or_default().into());
    a.set_demo(!session.demo.is_empty());
    let screen = match &face.state {
        FaceState::Idle => FaceScreen::Idle,
        FaceState::Card(card) => {
            a.set_card_kind(match card.kind {
                Some(CardKind::CheckedIn) => super::CardKind::CheckedIn,
                Some(CardKind::AlreadyHere) => super::CardKind::AlreadyHere,
                Some(CardKind::Released) => super::CardKind::Released,
                Some(CardKind::Notice) => super::CardKind::Notice,
                Some(CardKind::Refused) | None => super::CardKind::Refused,
            });
            a.set_card_name(card.name.as_str().into());
            a.set_card_area(card.area.as_str().into());
            a.set_card_area_note(card.area_note.as_str().into());
            a.set_card_time(card.time.as_str().into());
            a.set_card_reason(card.reason.as_str().into());
            a.set_card_reason_arg(card.reason_arg.as_str().into());
            a.set_card_late(card.late);
            a.set_card_see_pa(card.see_pa);
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
            let lines: Vec<SummaryLine> = summary
                .lines
                .iter()
                .map(|l| SummaryLine {
                    label: l.code.into(),
                    value: l.value.as_str().into(),
                })
                .collect();
            a.set_summary_lines(ModelRc::new(VecModel::from(lines)));
            a.set_summary_qr(qr_image(&summary.copy, 4));
            a.set_summary_printed(summary.printed);
            if let FaceState::Signature { strokes, .. } = &face.state {
                let (w, h) = session.pad_size.get();
                a.set_signature_path(face.signature_path(w, h).into());
                a.set_signature_empty(strokes.iter().all(|s| s.len() < 2));
                FaceScreen::Signature
            } else {
                FaceScreen::Summary
            }
        }
        FaceState::NoDay(text) => {
            a.set_no_day_text(text.as_str().into());
            FaceScreen::NoDay
        }
    };
    a.set_screen(screen);
}

/// Shows the signature drawn so far.
pub fn show_signature(window: &KioskWindow, session: &Session) {
    let face = session.face.borrow();
    if let FaceState::Signature { strokes, .. } = &face.state {
        let (w, h) = session.pad_size.get();
        let a = window.global::<FaceAdapter>();
        a.set_signature_path(face.signature_path(w, h).into());
        a.set_signature_empty(strokes.iter().all(|s| s.len() < 2));
    }
}

/// Connects the face's callbacks.
pub fn connect(window: &KioskWindow, session: &Rc<Session>) {
    let a = window.global::<FaceAdapter>();
    let s = session.clone();
    a.on_toggle_language(move || s.toggle_language());
    let s = session.clone();
    a.on_open_search(move || s.act(|face, _| face.open_search()));
    let s = session.clone();
    a.on_search_typed(move |t| {
        s.act(|face, _| {
            face.search_key(Some(&t));
            Ok(())
        })
    });
    let s = session.clone();
    a.on_search_backspace(move || {
        s.act(|face, _| {
            face.search_key(None);
            Ok(())
        })
    });
    let s = session.clone();
    a.on_pick_match(move |i| s.act(|face, now| face.pick_match(i.max(0) as usize, now)));
    let s = session.clone();
    a.on_close(move || {
        s.act(|face, now| {
            face.close(now);
            Ok(())
        })
    });
    let s = session.clone();
    a.on_touched(move || s.touched());
    let s = session.clone();
    a.on_simulate_scan(move |i| {
        if let Some(badge) = s.demo.get(i.max(0) as usize) {
            let payload = badge.payload.clone();
            s.scan(&payload);
        }
    });
    let s = session.clone();
    a.on_sign(move || {
        s.act(|face, _| {
            face.sign();
            Ok(())
        })
    });
    let s = session.clone();
    a.on_dispute(move || s.act(|face, now| face.dispute(now)));
    let s = session.clone();
    a.on_stroke_start(move |x, y, w, h| s.stroke(x, y, w, h, true));
    let s = session.clone();
    a.on_stroke_point(move |x, y, w, h| s.stroke(x, y, w, h, false));
    let s = session.clone();
    a.on_clear_signature(move || {
        s.act(|face, _| {
            face.clear_signature();
            Ok(())
        })
    });
    let s = session.clone();
    a.on_save_signature(move || s.act(|face, now| face.save_signature(now)));
    let s = session.clone();
    a.on_supervisor_door(move || s.open_pin());
    let s = session.clone();
    a.on_dismiss_warning(move || {
        s.face.borrow_mut().pa_warning = None;
        s.refresh();
    });
}
