//! The dashboard: the day's counts, union background against required,
//! each holding area with its meal clock and what lunch now costs, the
//! kiosks, and what is open (conflicts, disputes, requests). Read once per
//! change for every open dashboard; rendered per language; pushed live
//! over server-sent events.

use super::app::{DaySnapshot, WebApp};
use super::auth::require;
use super::page::{Lang, esc, local};
use crate::kiosk::meal_clock::{ClockState, MealClock, MealForecast};
use crate::kiosk::{Conflict, DayAt, Headcount, HubState, KioskError, RequestKind, Role, Station};
use crate::model::{Day, Money, UnionStatus};
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use std::fmt::Write;
use std::sync::Arc;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::WatchStream;

/// One holding area on the dashboard.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaBoard {
    pub name: String,
    pub present: u32,
    pub clock: Option<MealClock>,
    pub forecast: Option<MealForecast>,
}

/// The dashboard's figures as of one instant.
#[derive(Debug, Clone, Default)]
pub struct Board {
    pub headcount: Headcount,
    pub union_here: u32,
    pub union_required: Option<u32>,
    pub areas: Vec<AreaBoard>,
    pub hub: HubState,
    pub conflicts: Vec<Conflict>,
    pub disputes_open: usize,
    pub requests_open: usize,
}

impl Board {
    /// The board of `station`'s day at `now`, with `day` read at `now`.
    pub fn read(
        station: &mut Station,
        day: &DayAt,
        now: DateTime<Utc>,
    ) -> Result<Board, KioskError> {
        let headcount = station.headcount(now)?;
        let hub = station.hub_state(now)?;
        let kiosk = station.kiosk()?;
        let union_required = kiosk.union_required()?;
        let areas = kiosk
            .areas()?
            .into_iter()
            .map(|area| AreaBoard {
                present: headcount
                    .present
                    .iter()
                    .find(|(name, _)| *name == area.name)
                    .map_or(0, |(_, n)| *n),
                clock: day
                    .clocks
                    .iter()
                    .find(|c| c.area_id == Some(area.id))
                    .cloned(),
                forecast: day.forecasts.iter().find(|f| f.area == area.name).cloned(),
                name: area.name,
            })
            .collect();
        let conflicts = kiosk.open_conflicts()?;
        let open = kiosk.open_requests()?;
        let disputes_open = open
            .iter()
            .filter(|r| r.kind == RequestKind::Dispute)
            .count();
        let requests_open = open.len() - disputes_open;
        let union_here = day
            .roster
            .iter()
            .filter(|l| {
                l.booking.details.union == UnionStatus::Union
                    && l.checked_in.is_some_and(|t| t <= now)
                    && l.released.is_none()
            })
            .count() as u32;
        Ok(Board {
            headcount,
            union_here,
            union_required,
            areas,
            hub,
            conflicts,
            disputes_open,
            requests_open,
        })
    }
}

fn money(m: Money) -> String {
    format!("${m}")
}

/// What a page of the day says when it could not be read, if so.
pub fn problem_html(snapshot: &DaySnapshot, lang: Lang) -> Option<String> {
    snapshot.problem.as_ref().map(|problem| {
        format!(
            "<p class=\"error\" role=\"alert\">{}: {}</p>",
            lang.tr("The day could not be read"),
            esc(problem)
        )
    })
}

/// The dashboard's live part, in `lang`: what the page shows first and
/// what each server-sent event replaces.
pub fn board_html(snapshot: &DaySnapshot, lang: Lang) -> String {
    let Some(day) = &snapshot.day else {
        return format!("<p>{}</p>", lang.tr("No shoot day is open on this kiosk."));
    };
    if let Some(problem) = problem_html(snapshot, lang) {
        return problem;
    }
    let b = &snapshot.board;
    let h = &b.headcount;
    let mut out = String::with_capacity(4096);
    let _ = write!(
        out,
        "<p class=\"day\">{} · {}</p><dl class=\"counts\">",
        esc(&day.title),
        day.date
    );
    for (label, n, class) in [
        ("Booked", h.booked, ""),
        ("Arrived", h.arrived, ""),
        ("Late", h.late, if h.late > 0 { "warn" } else { "" }),
        (
            "Missing",
            h.missing,
            if h.missing > 0 { "warn" } else { "" },
        ),
        ("In holding", h.in_holding, ""),
        ("Released", h.released, ""),
    ] {
        let _ = write!(
            out,
            "<div class=\"count {class}\" data-count=\"{}\"><dt>{}</dt><dd>{n}</dd></div>",
            label.to_lowercase().replace(' ', "_"),
            lang.tr(label)
        );
    }
    out.push_str("</dl>");
    let short = b.union_required.is_some_and(|r| b.union_here < r);
    let _ = write!(
        out,
        "<p class=\"union{}\" data-union=\"{}\">{}: {}",
        if short { " warn" } else { "" },
        b.union_here,
        lang.tr("Union background present"),
        b.union_here
    );
    match b.union_required {
        Some(r) => {
            let _ = write!(out, " / {r} {}</p>", lang.tr("required"));
        }
        None => {
            let _ = write!(out, " ({})</p>", lang.tr("no required count set"));
        }
    }
    area_section(&mut out, day, b, lang);
    kiosk_section(&mut out, day, &b.hub, snapshot.at, lang);
    let _ = write!(
        out,
        "<h2>{}</h2><ul class=\"open\"><li>{}: {}</li><li>{}: {}</li><li>{}: {}</li></ul>",
        lang.tr("Open conflicts"),
        lang.tr("Open conflicts"),
        b.conflicts.len(),
        lang.tr("Open disputes"),
        b.disputes_open,
        lang.tr("Open requests"),
        b.requests_open
    );
    if !b.conflicts.is_empty() {
        out.push_str("<ul class=\"conflicts\">");
        for c in b.conflicts.iter().take(20) {
            let _ = write!(
                out,
                "<li>{} {} · {} · {}</li>",
                esc(c.what()),
                esc(c.badge.as_deref().unwrap_or("")),
                esc(&c.kiosks.join(", ")),
                local(day.tz, c.at)
            );
        }
        out.push_str("</ul>");
    }
    if let Some(at) = snapshot.at {
        let _ = write!(
            out,
            "<p class=\"updated\">{} {}</p>",
            lang.tr("Updated"),
            at.with_timezone(&day.tz).format("%H:%M:%S")
        );
    }
    out
}

fn area_section(out: &mut String, day: &Day, b: &Board, lang: Lang) {
    let _ = write!(
        out,
        "<h2>{}</h2><ul class=\"areas\">",
        lang.tr("Holding areas")
    );
    for area in &b.areas {
        let _ = write!(
            out,
            "<li class=\"area\"><strong>{}</strong> <span>{} {}</span>",
            esc(&area.name),
            area.present,
            lang.tr("present")
        );
        if let Some(clock) = &area.clock {
            let state = match clock.state {
                ClockState::Late => "late",
                ClockState::Soon => "soon",
                _ => "ok",
            };
            if let Some(due) = clock.due {
                let _ = write!(
                    out,
                    "<span class=\"clock {state}\">{} {}</span>",
                    lang.tr("Meal due"),
                    local(day.tz, due)
                );
            }
            if clock.penalties.cents() > 0 {
                let _ = write!(
                    out,
                    "<span class=\"clock late\">{} {}</span>",
                    money(clock.penalties),
                    lang.tr("penalties so far")
                );
            }
        }
        if let Some(f) = &area.forecast
            && let Some(free) = f.latest_free
        {
            let words = if f.penalised == 0 {
                match lang {
                    Lang::En => format!(
                        "Lunch now costs nothing (free until {})",
                        local(day.tz, free)
                    ),
                    Lang::Es => format!(
                        "Comer ahora no cuesta nada (gratis hasta {})",
                        local(day.tz, free)
                    ),
                }
            } else {
                match lang {
                    Lang::En => format!(
                        "Lunch now costs {} for {} extras (free until {})",
                        money(f.amount),
                        f.penalised,
                        local(day.tz, free)
                    ),
                    Lang::Es => format!(
                        "Comer ahora cuesta {} por {} figurantes (gratis hasta {})",
                        money(f.amount),
                        f.penalised,
                        local(day.tz, free)
                    ),
                }
            };
            let _ = write!(out, "<span class=\"forecast\">{}</span>", esc(&words));
        }
        out.push_str("</li>");
    }
    out.push_str("</ul>");
}

fn kiosk_section(
    out: &mut String,
    day: &Day,
    hub: &HubState,
    at: Option<DateTime<Utc>>,
    lang: Lang,
) {
    let _ = write!(out, "<h2>{}</h2>", lang.tr("Kiosks"));
    if hub.hub.is_none() {
        let _ = write!(
            out,
            "<p>{}</p>",
            lang.tr("No hub: this kiosk's file alone.")
        );
        return;
    }
    out.push_str("<ul class=\"kiosks\">");
    for k in hub.kiosks.iter().filter(|k| !k.retired) {
        let seen = match (k.last_seen, at) {
            (Some(t), _) => local(day.tz, t),
            (None, _) => "—".into(),
        };
        let _ = write!(
            out,
            "<li class=\"{}\"><strong>{}</strong> {} · {} {seen} · {} {}",
            if k.online { "online" } else { "offline warn" },
            esc(&k.name),
            lang.tr(if k.online { "online" } else { "offline" }),
            lang.tr("last seen"),
            k.unsent,
            lang.tr("unsent"),
        );
        if k.clock_is_off()
            && let Some(ms) = k.clock_offset_ms
        {
            let _ = write!(out, " · {} {} s", lang.tr("clock off by"), ms / 1000);
        }
        out.push_str("</li>");
    }
    out.push_str("</ul>");
}

/// GET `/dashboard`.
pub async fn page(State(app): State<Arc<WebApp>>, headers: HeaderMap) -> Response {
    let signed = match require(&app, &headers, &[Role::Viewer, Role::Supervisor]).await {
        Ok(s) => s,
        Err(refused) => return refused,
    };
    let board = board_html(&app.snapshot(), signed.lang);
    let body = format!("<div id=\"board\" data-live=\"/dashboard/events\">{board}</div>");
    signed
        .page(signed.lang.tr("Dashboard"), "/dashboard", body)
        .response()
}

/// How often an open dashboard's session is checked.
const SESSION_CHECK: chrono::TimeDelta = chrono::TimeDelta::seconds(60);

/// GET `/dashboard/events`: the board again each time the day changes.
pub async fn events(State(app): State<Arc<WebApp>>, headers: HeaderMap) -> Response {
    let signed = match require(&app, &headers, &[Role::Viewer, Role::Supervisor]).await {
        Ok(s) => s,
        Err(refused) => return refused,
    };
    let lang = signed.lang;
    let signed = Arc::new(signed);
    let checked = Arc::new(std::sync::Mutex::new(app.now()));
    let app_for_check = app.clone();
    // The stream ends when the session does (checked once a minute: the
    // board is sent again at least every 15 s).
    let stream = WatchStream::new(app.snapshot.subscribe())
        .then(move |snapshot| {
            let (app, signed, checked) = (app_for_check.clone(), signed.clone(), checked.clone());
            async move {
                let due = {
                    let mut last = checked.lock().unwrap_or_else(|p| p.into_inner());
                    let now = app.now();
                    let due = now - *last >= SESSION_CHECK;
                    if due {
                        *last = now;
                    }
                    due
                };
                if due && !signed.still_signed_in(&app).await {
                    return None;
                }
                Some(snapshot)
            }
        })
        .map_while(|snapshot| snapshot)
        .map(move |snapshot| {
            Ok::<_, std::convert::Infallible>(
                Event::default()
                    .event("board")
                    .data(board_html(&snapshot, lang)),
            )
        });
    Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response()
}
