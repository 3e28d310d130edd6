//! The phone scanner's server side: `POST /scan` takes one scan as JSON
//! (its id, the badge's payload, the mode, when it was scanned) from a
//! supervisor's session with its CSRF token in `x-csrf-token`, records it
//! through the kiosk core as the phone (once per id), and answers the
//! kiosk's outcome with the server's clock, which the phone measures its
//! own against.

use super::app::WebApp;
use super::auth::require;
use crate::kiosk::phone::PhoneScan;
use crate::kiosk::{Role, ScanMode};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde_json::json;
use std::sync::Arc;

/// A scan as the page sends it.
#[derive(Debug, serde::Deserialize)]
pub struct ScanRequest {
    id: String,
    payload: String,
    /// `checkin` or `checkout`.
    mode: String,
    /// When it was scanned, in milliseconds since 1970 by the server's
    /// clock (the phone's, corrected by its measured offset).
    scanned_at_ms: i64,
}

/// Nothing recorded: `message` says why and what to do; the server's clock
/// as on every answer.
fn refused(now: DateTime<Utc>, status: StatusCode, message: &str) -> Response {
    (
        status,
        Json(json!({ "outcome": "not_recorded", "message": message, "server_ms": now.timestamp_millis() })),
    )
        .into_response()
}

/// POST `/scan`.
pub async fn scan(
    State(app): State<Arc<WebApp>>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let signed = match require(&app, &headers, &[Role::Supervisor]).await {
        Ok(s) => s,
        Err(_) => {
            return refused(
                app.now(),
                StatusCode::FORBIDDEN,
                "Not recorded: sign in again as a supervisor (the scan is kept on the phone).",
            );
        }
    };
    let token = headers.get("x-csrf-token").and_then(|v| v.to_str().ok());
    if signed.check_csrf(&app, token).is_err() {
        return refused(
            app.now(),
            StatusCode::FORBIDDEN,
            "Not recorded: reload the scanner page.",
        );
    }
    let Ok(request) = serde_json::from_slice::<ScanRequest>(&body) else {
        return refused(
            app.now(),
            StatusCode::BAD_REQUEST,
            "Not recorded: the scan did not read; reload the scanner page.",
        );
    };
    let Ok(mode) = request.mode.parse::<ScanMode>() else {
        return refused(
            app.now(),
            StatusCode::BAD_REQUEST,
            "Not recorded: the mode is check in or check out.",
        );
    };
    let Some(scanned_at) = DateTime::<Utc>::from_timestamp_millis(request.scanned_at_ms) else {
        return refused(
            app.now(),
            StatusCode::BAD_REQUEST,
            "Not recorded: the scan's time does not read.",
        );
    };
    let scan = PhoneScan {
        id: request.id,
        payload: request.payload,
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
            body["server_ms"] = json!(app.now().timestamp_millis());
            Json(body).into_response()
        }
        Err(e) => refused(
            app.now(),
            StatusCode::CONFLICT,
            &format!("Not recorded: {e}"),
        ),
    }
}
