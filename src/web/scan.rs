//! The phone scanner: its page (`/scanner`: the camera, the mode, the
//! card, the check-out's signature pad, a badge number typed for a damaged
//! badge) and its server side. `POST /scan` takes one scan as JSON (its
//! id, the badge's payload or a typed badge number, the mode, when it was
//! scanned) from a supervisor's session with its CSRF token in
//! `x-csrf-token`, records it through the kiosk core as the phone (once
//! per id), and answers the kiosk's outcome, the card's colour and the
//! server's clock, which the phone measures its own against. `POST
//! /scan/sign` signs the voucher of a check-out made there.

use super::app::WebApp;
use super::auth::{Signed, require};
use super::page::{Lang, esc};
use crate::kiosk::phone::{PhoneInput, PhoneMode, PhoneScan, PhoneSignature};
use crate::kiosk::{KioskError, Role};
use crate::model::Strokes;
use crate::report::summary::{SummaryLine, copy_label};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use std::fmt::Write;
use std::sync::Arc;

/// A scan as the page sends it: `payload` (what the camera read) or
/// `badge` (typed).
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScanRequest {
    #[serde(default)]
    id: String,
    #[serde(default)]
    payload: Option<String>,
    #[serde(default)]
    badge: Option<String>,
    /// `checkin`, `checkout`, `meal_out`, `meal_in` or `who`.
    mode: String,
    /// When it was scanned, in milliseconds since 1970 by the server's
    /// clock (the phone's, corrected by its measured offset).
    #[serde(default)]
    scanned_at_ms: Option<i64>,
}

/// A signature as the page sends it: `strokes` of points in 0..1 of the
/// pad, or none when the extra left without signing.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignRequest {
    id: String,
    badge: String,
    strokes: Option<Vec<Vec<[f32; 2]>>>,
    /// When it was signed, as `scanned_at_ms` (absent: when it arrives).
    #[serde(default)]
    signed_at_ms: Option<i64>,
}

/// The longest payload or typed badge taken (a badge's QR code is far
/// shorter).
const MAX_INPUT: usize = 512;

/// Nothing recorded: `message` says why and what to do; the server's clock
/// as on every answer.
fn refused(now: DateTime<Utc>, status: StatusCode, lang: Lang, message: &str) -> Response {
    (
        status,
        Json(json!({
            "outcome": "not_recorded",
            "card": "red",
            "title": lang.tr("Not recorded"),
            "message": message,
            "server_ms": now.timestamp_millis(),
        })),
    )
        .into_response()
}

/// The card's colour for an outcome, as the kiosk's face colours it:
/// green recorded, amber nothing new (already done, a meal that does not
/// fit), red refused; blue for "who is this" (nothing recorded).
pub fn card_of(outcome: &Value) -> &'static str {
    match outcome["outcome"].as_str().unwrap_or("") {
        "checked_in" | "released" | "meal_started" | "meal_ended" => "green",
        "already_checked_in" | "already_released" => "amber",
        "meal_refused" => match outcome["reason"].as_str() {
            Some("meal_open" | "no_meal_open") => "amber",
            _ => "red",
        },
        "who" => "blue",
        _ => "red",
    }
}

/// The card's first words for an outcome.
fn title_of(outcome: &Value) -> &'static str {
    match outcome["outcome"].as_str().unwrap_or("") {
        "checked_in" => "Checked in",
        "already_checked_in" => "Already checked in",
        "released" => "Checked out",
        "already_released" => "Already checked out",
        "meal_started" => "Out to meal",
        "meal_ended" => "Back from meal",
        "meal_refused" => "Meal not recorded",
        "who" => "Who is this",
        _ => "Not recorded",
    }
}

fn lines_json(lang: Lang, lines: &[SummaryLine]) -> Value {
    lines
        .iter()
        .map(|l| json!({ "code": l.code, "label": lang.tr(copy_label(l.code)), "value": l.value }))
        .collect()
}

/// The request's session, if a supervisor's with this page's CSRF token.
async fn supervisor(app: &Arc<WebApp>, headers: &HeaderMap) -> Result<Signed, Response> {
    let lang = Lang::of(headers);
    let Ok(signed) = require(app, headers, &[Role::Supervisor]).await else {
        return Err(refused(
            app.now(),
            StatusCode::FORBIDDEN,
            lang,
            "Not recorded: sign in again as a supervisor (the scan is kept on the phone).",
        ));
    };
    let token = headers.get("x-csrf-token").and_then(|v| v.to_str().ok());
    if signed.check_csrf(app, token).is_err() {
        return Err(refused(
            app.now(),
            StatusCode::FORBIDDEN,
            lang,
            "Not recorded: this page is out of date; reload it (the scan is kept on the phone).",
        ));
    }
    Ok(signed)
}

/// What went wrong in the core, as the page shows it: the file busy or
/// unreadable for a moment (503: the phone keeps the scan and sends it
/// again), else a refusal (409: final).
fn core_refused(app: &WebApp, lang: Lang, e: &KioskError) -> Response {
    let status = if e.is_for_now() {
        StatusCode::SERVICE_UNAVAILABLE
    } else {
        StatusCode::CONFLICT
    };
    refused(app.now(), status, lang, &format!("Not recorded: {e}"))
}

/// The kiosk's answer as the page's card: its colour and title (in the
/// user's language) and the server's clock, which the phone keeps its
/// own by.
fn card_answer(app: &WebApp, lang: Lang, mut body: Value) -> Response {
    body["card"] = json!(card_of(&body));
    body["title"] = json!(lang.tr(title_of(&body)));
    body["server_ms"] = json!(app.now().timestamp_millis());
    Json(body).into_response()
}

/// POST `/scan`.
pub async fn scan(
    State(app): State<Arc<WebApp>>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let signed = match supervisor(&app, &headers).await {
        Ok(s) => s,
        Err(refusal) => return refusal,
    };
    let lang = signed.lang;
    let bad = |words: &str| refused(app.now(), StatusCode::BAD_REQUEST, lang, words);
    let Ok(request) = serde_json::from_slice::<ScanRequest>(&body) else {
        return bad("Not recorded: the scan did not read; reload the scanner page.");
    };
    let input = match (request.payload, request.badge) {
        (Some(p), None) if !p.trim().is_empty() && p.len() <= MAX_INPUT => PhoneInput::Payload(p),
        (None, Some(b)) if !b.trim().is_empty() && b.len() <= MAX_INPUT => PhoneInput::Typed(b),
        _ => return bad("Not recorded: a scan is one badge's code or one badge number."),
    };
    if request.mode == "who" {
        let who = app
            .with_station(move |station, now| station.phone_who(&input, now))
            .await;
        return match who {
            Ok(mut who) => {
                if let Some(lines) = who["lines"].as_array_mut() {
                    for line in lines {
                        let code = line["code"].as_str().unwrap_or("").to_string();
                        line["label"] = json!(lang.tr(copy_label(&code)));
                    }
                }
                card_answer(&app, lang, who)
            }
            Err(e) => core_refused(&app, lang, &e),
        };
    }
    let Ok(mode) = request.mode.parse::<PhoneMode>() else {
        return bad(
            "Not recorded: the mode is check in, check out, meal out, meal in or who is this.",
        );
    };
    let Some(scanned_at) = request
        .scanned_at_ms
        .and_then(DateTime::<Utc>::from_timestamp_millis)
    else {
        return bad("Not recorded: the scan's time does not read.");
    };
    let scan = PhoneScan {
        id: request.id,
        input,
        mode,
        scanned_at,
    };
    let by = signed.user.name.clone();
    let answer = app
        .with_station(move |station, now| station.phone_scan(&scan, &by, now))
        .await;
    match answer {
        Ok(answer) => {
            let mut body = answer.outcome;
            body["again"] = json!(answer.again);
            body["summary"] = match &answer.summary {
                Some(summary) => json!({ "lines": lines_json(lang, &summary.lines) }),
                None => Value::Null,
            };
            card_answer(&app, lang, body)
        }
        Err(e) => core_refused(&app, lang, &e),
    }
}

/// POST `/scan/sign`: the voucher of a check-out made on this phone signed
/// (or left unsigned), once per id.
pub async fn sign(
    State(app): State<Arc<WebApp>>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let signed = match supervisor(&app, &headers).await {
        Ok(s) => s,
        Err(refusal) => return refusal,
    };
    let lang = signed.lang;
    let Ok(request) = serde_json::from_slice::<SignRequest>(&body) else {
        return refused(
            app.now(),
            StatusCode::BAD_REQUEST,
            lang,
            "Not recorded: the signature did not read; sign again.",
        );
    };
    let given = request.strokes.is_some();
    let strokes: Option<Strokes> = request.strokes.map(|strokes| {
        strokes
            .into_iter()
            .map(|s| s.into_iter().map(|[x, y]| (x, y)).collect())
            .collect()
    });
    if strokes
        .iter()
        .flatten()
        .flatten()
        .any(|(x, y)| !(0.0..=1.0).contains(x) || !(0.0..=1.0).contains(y))
    {
        return refused(
            app.now(),
            StatusCode::BAD_REQUEST,
            lang,
            "Not recorded: the signature's points are off the pad; sign again.",
        );
    }
    let signature = PhoneSignature {
        id: request.id,
        badge: request.badge,
        strokes,
        signed_at: request
            .signed_at_ms
            .and_then(DateTime::<Utc>::from_timestamp_millis),
    };
    let by = signed.user.name.clone();
    let done = app
        .with_station(move |station, now| station.phone_signature(&signature, &by, now))
        .await;
    match done {
        Ok(first) => Json(json!({
            "outcome": if given { "signed" } else { "unsigned" },
            "again": !first,
            "server_ms": app.now().timestamp_millis(),
        }))
        .into_response(),
        Err(e) => core_refused(&app, lang, &e),
    }
}

/// The modes at the top of the page: value and words.
const MODES: [(&str, &str); 5] = [
    ("checkin", "Check in"),
    ("checkout", "Check out"),
    ("meal_out", "Meal out"),
    ("meal_in", "Meal in"),
    ("who", "Who is this"),
];

/// GET `/scanner`: the page.
pub async fn page(State(app): State<Arc<WebApp>>, headers: HeaderMap) -> Response {
    let signed = match require(&app, &headers, &[Role::Supervisor]).await {
        Ok(s) => s,
        Err(refused) => return refused,
    };
    let l = signed.lang;
    let mut body = String::new();
    let _ = write!(
        body,
        "<div id=\"scanner\" data-csrf=\"{}\" data-server-ms=\"{}\" data-lang=\"{}\" data-words=\"{}\">\
         <fieldset class=\"modes\"><legend>{}</legend>",
        esc(&signed.csrf),
        app.now().timestamp_millis(),
        l.code(),
        esc(&script_words(l).to_string()),
        l.tr("What a scan does"),
    );
    for (i, (value, words)) in MODES.iter().enumerate() {
        let checked = if i == 0 { " checked" } else { "" };
        let _ = write!(
            body,
            "<label><input type=\"radio\" name=\"mode\" value=\"{value}\"{checked}>{}</label>",
            l.tr(words)
        );
    }
    let _ = write!(
        body,
        "</fieldset>\
         <div class=\"viewfinder\"><video id=\"camera\" playsinline muted></video>\
         <p id=\"camera-state\" class=\"camera-state\">{starting}</p></div>\
         <div id=\"card\" class=\"scan-card\" role=\"status\" aria-live=\"assertive\" hidden>\
         <p class=\"card-title\"></p><p class=\"card-name\"></p><p class=\"card-area\"></p>\
         <p class=\"card-message\"></p><dl class=\"card-lines\"></dl></div>\
         <p id=\"waiting\" class=\"waiting\" role=\"status\" hidden></p>\
         <p id=\"signin-again\" class=\"waiting\" hidden><a href=\"/signin?next=/scanner\">{signin}</a></p>\
         <section id=\"checkout\" class=\"checkout\" hidden><h2>{voucher}</h2><dl class=\"summary-lines\"></dl>\
         <p>{sign_here}</p><canvas id=\"pad\" class=\"pad\" width=\"600\" height=\"240\"></canvas>\
         <div class=\"buttons\"><button type=\"button\" id=\"pad-clear\">{clear}</button>\
         <button type=\"button\" id=\"pad-sign\" class=\"primary\">{sign}</button>\
         <button type=\"button\" id=\"pad-unsigned\">{unsigned}</button></div></section>\
         <form id=\"typed\" class=\"typed\" autocomplete=\"off\">\
         <label for=\"typed-badge\">{typed}</label>\
         <input id=\"typed-badge\" name=\"badge\" maxlength=\"64\" autocapitalize=\"characters\">\
         <button type=\"submit\">{send}</button></form>\
         <h2>{recent}</h2><ol id=\"recent\" class=\"recent\"></ol></div>\
         <script src=\"/static/zxing/reader.js\" defer></script>\
         <script src=\"/static/scanner.js\" defer></script>",
        starting = l.tr("Starting the camera…"),
        signin = l.tr("Your session ended: sign in again to send the scans kept on this phone."),
        voucher = l.tr("Voucher"),
        sign_here = l.tr("Hand the phone over: sign with a finger."),
        clear = l.tr("Clear"),
        sign = l.tr("Sign"),
        unsigned = l.tr("Leave unsigned"),
        typed = l.tr("Damaged badge? Type its number"),
        send = l.tr("Send"),
        recent = l.tr("Recent scans"),
    );
    let mut response = signed.page(l.tr("Scanner"), "/scanner", body).response();
    response.headers_mut().insert(
        axum::http::header::CONTENT_SECURITY_POLICY,
        axum::http::HeaderValue::from_static(super::SCANNER_CONTENT_SECURITY_POLICY),
    );
    response
}

/// The words the script shows, in the page's language.
fn script_words(l: Lang) -> Value {
    let words = [
        ("waiting_one", "1 scan waiting, not yet recorded"),
        ("waiting_many", "{n} scans waiting, not yet recorded"),
        ("kept", "Kept on this phone: not yet recorded"),
        ("no_camera", "No camera: type the badge number below."),
        ("camera_ok", "Hold the badge in the frame."),
        (
            "no_reader",
            "The badge reader did not load: reload the page, or type the badge number below.",
        ),
        ("signed", "Signed"),
        ("left_unsigned", "Left unsigned for the review"),
        ("nothing", "Nothing was recorded."),
    ];
    words
        .iter()
        .map(|(k, v)| (k.to_string(), json!(l.tr(v))))
        .collect::<serde_json::Map<_, _>>()
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cards_are_coloured_as_the_kiosk_colours_them() {
        let card = |outcome: &str, reason: Value| {
            card_of(&json!({ "outcome": outcome, "reason": reason }))
        };
        assert_eq!(card("checked_in", Value::Null), "green");
        assert_eq!(card("released", Value::Null), "green");
        assert_eq!(card("meal_started", Value::Null), "green");
        assert_eq!(card("already_checked_in", Value::Null), "amber");
        assert_eq!(card("meal_refused", json!("no_meal_open")), "amber");
        assert_eq!(card("meal_refused", json!("not_checked_in")), "red");
        assert_eq!(card("refused", json!("bad_signature")), "red");
        assert_eq!(card("who", Value::Null), "blue");
        assert_eq!(card("anything else", Value::Null), "red");
    }
}
