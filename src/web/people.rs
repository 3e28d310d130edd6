//! The roster (search as you type, the console's filters, and the same
//! search as a plain GET form that works without JavaScript) and a
//! person's page: their day, the change log, the voucher as it stands.
//! Phones and emails only for a supervisor.

use super::app::{DaySnapshot, WebApp};
use super::auth::{Signed, require};
use super::page::{Lang, esc, local, plain, url_encode};
use crate::kiosk::roster::{RosterEntry, RosterFilter, RowStatus};
use crate::kiosk::{KioskError, Role, TimeField};
use crate::model::{Category, UnionStatus};
use crate::report::summary::copy_label;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use chrono::{DateTime, Utc};
use std::fmt::Write;
use std::sync::Arc;

/// The most rows one page shows (a phone does not scroll 5,000).
pub const MAX_ROWS: usize = 300;

/// The roster's query, as the form sends it.
#[derive(Debug, Default, serde::Deserialize)]
pub struct RosterQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    area: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    union: String,
}

fn status_of(code: &str) -> Option<RowStatus> {
    [
        RowStatus::Expected,
        RowStatus::Missing,
        RowStatus::Here,
        RowStatus::Released,
    ]
    .into_iter()
    .find(|s| s.code() == code)
}

fn status_words(status: RowStatus) -> &'static str {
    match status {
        RowStatus::Expected => "Expected",
        RowStatus::Missing => "Missing",
        RowStatus::Here => "Here",
        RowStatus::Released => "Released",
    }
}

impl RosterQuery {
    fn filter(&self) -> RosterFilter {
        RosterFilter {
            text: self.q.chars().take(100).collect(),
            status: status_of(&self.status),
            area: Some(self.area.clone()).filter(|a| !a.is_empty()),
            category: Category::from_code(&self.category),
            union: UnionStatus::from_code(&self.union),
        }
    }
}

fn option(out: &mut String, value: &str, label: &str, chosen: &str) {
    let selected = if value == chosen { " selected" } else { "" };
    let _ = write!(
        out,
        "<option value=\"{}\"{selected}>{}</option>",
        esc(value),
        esc(label)
    );
}

/// The search form: a plain GET form; the page's script sends it as you type.
fn search_form(snapshot: &DaySnapshot, query: &RosterQuery, lang: Lang) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<form method=\"get\" action=\"/roster\" class=\"search\" data-rows=\"/roster/rows\">\
         <input type=\"search\" name=\"q\" value=\"{}\" placeholder=\"{}\" aria-label=\"{}\" autocomplete=\"off\">\
         <select name=\"status\" aria-label=\"{}\">",
        esc(&query.q),
        lang.tr("Search"),
        lang.tr("Search"),
        lang.tr("Status")
    );
    option(&mut out, "", lang.tr("Everyone"), &query.status);
    for s in [
        RowStatus::Expected,
        RowStatus::Missing,
        RowStatus::Here,
        RowStatus::Released,
    ] {
        option(&mut out, s.code(), lang.tr(status_words(s)), &query.status);
    }
    let _ = write!(
        out,
        "</select><select name=\"area\" aria-label=\"{}\">",
        lang.tr("Area")
    );
    option(&mut out, "", lang.tr("Any area"), &query.area);
    for area in &snapshot.board.areas {
        option(&mut out, &area.name, &area.name, &query.area);
    }
    let _ = write!(
        out,
        "</select><select name=\"category\" aria-label=\"{}\">",
        lang.tr("Category")
    );
    option(&mut out, "", lang.tr("Any category"), &query.category);
    for c in Category::ALL {
        option(&mut out, c.code(), c.label(), &query.category);
    }
    let _ = write!(
        out,
        "</select><select name=\"union\" aria-label=\"{}\">",
        lang.tr("Union")
    );
    option(&mut out, "", lang.tr("Union or not"), &query.union);
    option(
        &mut out,
        UnionStatus::Union.code(),
        lang.tr("Union"),
        &query.union,
    );
    option(
        &mut out,
        UnionStatus::NonUnion.code(),
        lang.tr("Non-union"),
        &query.union,
    );
    let _ = write!(
        out,
        "</select><button type=\"submit\">{}</button></form>",
        lang.tr("Search")
    );
    out
}

fn row(
    out: &mut String,
    e: &RosterEntry,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
    contacts: bool,
    lang: Lang,
) {
    let d = &e.booking.details;
    let status = e.status(now);
    let _ = write!(
        out,
        "<li class=\"person {}\"><a href=\"/people/{}\"><strong>{}</strong> <span class=\"badge\">{}</span></a>\
         <span class=\"status\">{}</span>",
        status.code(),
        url_encode(&e.booking.badge_no),
        esc(&d.full_name()),
        esc(&e.booking.badge_no),
        lang.tr(status_words(status)),
    );
    if let Some(area) = &e.area {
        let _ = write!(out, " <span class=\"area\">{}</span>", esc(area));
    }
    if let Some(t) = e.checked_in {
        let _ = write!(out, " <span>{} {}</span>", lang.tr("In"), local(tz, t));
    }
    if let Some(t) = e.released {
        let _ = write!(out, " <span>{} {}</span>", lang.tr("Out"), local(tz, t));
    }
    if contacts {
        if let Some(phone) = &d.phone {
            let _ = write!(out, " <span class=\"phone\">{}</span>", esc(phone));
        }
        if let Some(email) = &d.email {
            let _ = write!(out, " <span class=\"email\">{}</span>", esc(email));
        }
    }
    out.push_str("</li>");
}

/// The rows `query` finds, at most [`MAX_ROWS`], and how many more.
fn rows_html(snapshot: &DaySnapshot, query: &RosterQuery, signed: &Signed) -> String {
    let Some(day) = &snapshot.day else {
        return format!(
            "<p>{}</p>",
            signed.lang.tr("No shoot day is open on this kiosk.")
        );
    };
    if let Some(problem) = super::board::problem_html(snapshot, signed.lang) {
        return problem;
    }
    let now = snapshot.at.unwrap_or_else(Utc::now);
    let filter = query.filter();
    let roster = &snapshot.roster;
    let found: Vec<usize> = roster.matching(&filter, now).collect();
    let contacts = signed.user.role == Role::Supervisor;
    let mut out = String::with_capacity(found.len().min(MAX_ROWS) * 200 + 200);
    let _ = write!(
        out,
        "<p class=\"found\">{} {}</p>",
        found.len(),
        signed.lang.tr("found")
    );
    if found.is_empty() {
        let _ = write!(out, "<p>{}</p>", signed.lang.tr("Nobody matches."));
        return out;
    }
    out.push_str("<ul class=\"roster\">");
    for &i in found.iter().take(MAX_ROWS) {
        row(
            &mut out,
            &roster.entries[i],
            day.tz,
            now,
            contacts,
            signed.lang,
        );
    }
    out.push_str("</ul>");
    if found.len() > MAX_ROWS {
        let _ = write!(
            out,
            "<p class=\"more\">{} {}</p>",
            found.len() - MAX_ROWS,
            signed.lang.tr("more: narrow the search")
        );
    }
    out
}

const ROSTER_ROLES: &[Role] = &[Role::Viewer, Role::Supervisor];

/// GET `/roster`.
pub async fn roster(
    State(app): State<Arc<WebApp>>,
    headers: HeaderMap,
    Query(query): Query<RosterQuery>,
) -> Response {
    let signed = match require(&app, &headers, ROSTER_ROLES).await {
        Ok(s) => s,
        Err(refused) => return refused,
    };
    let snapshot = app.snapshot();
    let body = format!(
        "{}<div id=\"rows\">{}</div>",
        search_form(&snapshot, &query, signed.lang),
        rows_html(&snapshot, &query, &signed)
    );
    signed
        .page(signed.lang.tr("Roster"), "/roster", body)
        .response()
}

/// GET `/roster/rows`: the rows alone, for search as you type.
pub async fn rows(
    State(app): State<Arc<WebApp>>,
    headers: HeaderMap,
    Query(query): Query<RosterQuery>,
) -> Response {
    let signed = match require(&app, &headers, ROSTER_ROLES).await {
        Ok(s) => s,
        Err(refused) => return refused,
    };
    super::page::html_response(StatusCode::OK, rows_html(&app.snapshot(), &query, &signed))
}

/// GET `/people/{badge}`.
pub async fn person(
    State(app): State<Arc<WebApp>>,
    headers: HeaderMap,
    Path(badge): Path<String>,
) -> Response {
    let signed = match require(
        &app,
        &headers,
        &[Role::Viewer, Role::Supervisor, Role::Payroll],
    )
    .await
    {
        Ok(s) => s,
        Err(refused) => return refused,
    };
    let (lang, role) = (signed.lang, signed.user.role);
    let csrf = signed.csrf_field();
    let b = badge.clone();
    let read = app
        .with_station(move |station, now| person_day(station, &b, now, lang, role, &csrf))
        .await;
    match read {
        Some(p) => signed.page(&badge, "/roster", p).response(),
        None => plain(
            StatusCode::NOT_FOUND,
            lang,
            "There is no such badge on this day: search the roster.",
        ),
    }
}

fn person_day(
    station: &mut crate::kiosk::Station,
    badge: &str,
    now: DateTime<Utc>,
    lang: Lang,
    role: Role,
    csrf: &str,
) -> Option<String> {
    let day = station.day()?.clone();
    let booking = station.booking(badge).ok()?;
    let d = &booking.details;
    let released = station.released_at(&booking).ok().flatten();
    let summary = station
        .voucher_summary(&booking, released.unwrap_or(now))
        .ok()?;
    let mut out = String::new();
    let _ = write!(
        out,
        "<h2 class=\"name\">{}</h2><dl class=\"facts\"><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd>",
        esc(&d.full_name()),
        lang.tr("Category"),
        esc(d.category.label()),
        lang.tr("Union"),
        lang.tr(if d.union == UnionStatus::Union {
            "Union"
        } else {
            "Non-union"
        }),
        lang.tr("Call"),
        local(day.tz, d.call_at),
    );
    if let Some(w) = &d.wardrobe {
        let _ = write!(out, "<dt>{}</dt><dd>{}</dd>", lang.tr("Wardrobe"), esc(w));
    }
    if role == Role::Supervisor {
        for (label, value) in [
            ("Phone", &d.phone),
            ("Email", &d.email),
            ("Agency", &d.agency),
        ] {
            if let Some(v) = value {
                let _ = write!(
                    out,
                    "<dt>{}</dt><dd class=\"{}\">{}</dd>",
                    lang.tr(label),
                    label.to_lowercase(),
                    esc(v)
                );
            }
        }
    }
    out.push_str("</dl>");
    let _ = write!(out, "<h2>{}</h2>", lang.tr("The day"));
    if released.is_none() {
        let _ = write!(
            out,
            "<p>{}</p>",
            lang.tr("Not released yet: the voucher as it stands now.")
        );
    }
    out.push_str("<ul class=\"timeline\">");
    for line in summary.lines.iter().filter(|l| l.code != "see_pa") {
        let _ = write!(
            out,
            "<li><span>{}</span> {}</li>",
            esc(copy_label(line.code)),
            esc(&line.value)
        );
    }
    out.push_str("</ul>");
    let _ = write!(out, "<h2>{}</h2>", lang.tr("Change log"));
    if summary.changes.is_empty() {
        let _ = write!(out, "<p>{}</p>", lang.tr("No changes."));
    } else {
        out.push_str("<ul class=\"changes\">");
        for c in &summary.changes {
            let _ = write!(
                out,
                "<li>{} · {}: {} → {} · {} · {}</li>",
                crate::report::pdf::when_words(&day, c.at),
                esc(&c.what),
                esc(&c.from),
                esc(&c.to),
                esc(&c.who),
                esc(&c.why)
            );
        }
        out.push_str("</ul>");
    }
    if role == Role::Supervisor && summary.lines.iter().any(|l| l.code == "in") {
        out.push_str(&correction_form(&booking.badge_no, lang, csrf));
    }
    if role != Role::Viewer {
        let kiosk = station.kiosk().ok()?;
        if let Ok(review) = kiosk.review_of(&booking) {
            out.push_str(&super::review::review_block(
                &day, &review, lang, role, csrf,
            ));
        }
        let disputes: Vec<_> = summary.disputes.iter().collect();
        if !disputes.is_empty() {
            let _ = write!(out, "<h2>{}</h2>", lang.tr("Disputes"));
            out.push_str("<ul class=\"disputes\">");
            for dispute in disputes {
                out.push_str(&super::review::dispute_item(
                    &day, dispute, lang, role, csrf,
                ));
            }
            out.push_str("</ul>");
        }
    }
    Some(out)
}

/// A supervisor's form to correct one recorded time (a reason required).
fn correction_form(badge: &str, lang: Lang, csrf: &str) -> String {
    let mut out = format!(
        "<h2>{}</h2><form method=\"post\" action=\"/people/{}/correct\" class=\"correct\">{csrf}\
         <select name=\"field\" aria-label=\"{}\">",
        lang.tr("Correct a time"),
        url_encode(badge),
        lang.tr("Time")
    );
    for field in TimeField::ALL {
        let _ = write!(
            out,
            "<option value=\"{}\">{}</option>",
            field.code(),
            esc(&field.code().replace('_', " "))
        );
    }
    let _ = write!(
        out,
        "</select><input name=\"time\" required maxlength=\"8\" inputmode=\"numeric\" placeholder=\"HH:MM\" aria-label=\"HH:MM\">\
         <input name=\"reason\" required maxlength=\"140\" placeholder=\"{}\" aria-label=\"{}\">\
         <button type=\"submit\">{}</button></form>",
        lang.tr("Reason"),
        lang.tr("Reason"),
        lang.tr("Correct")
    );
    out
}

#[derive(Debug, serde::Deserialize)]
pub struct CorrectionForm {
    csrf: Option<String>,
    #[serde(default)]
    field: String,
    #[serde(default)]
    time: String,
    #[serde(default)]
    reason: String,
}

/// POST `/people/{badge}/correct`: one recorded time, by the supervisor.
pub async fn correct(
    State(app): State<Arc<WebApp>>,
    headers: HeaderMap,
    Path(badge): Path<String>,
    Form(form): Form<CorrectionForm>,
) -> Response {
    let back = format!("/people/{}", url_encode(&badge));
    super::review::decide(
        app,
        headers,
        form.csrf.clone(),
        form,
        back,
        move |kiosk, by, form, now| {
            let field = TimeField::ALL
                .into_iter()
                .find(|f| f.code() == form.field)
                .ok_or_else(|| {
                    KioskError::Correction(format!(
                        "'{}' is not a time of the voucher: pick one in the list",
                        form.field
                    ))
                })?;
            let to = kiosk.day().parse_at(form.time.trim()).map_err(|e| {
                KioskError::Correction(format!("the time '{}': {e}", form.time.trim()))
            })?;
            let booking = kiosk.booking(&badge)?;
            kiosk.correct_by(&booking, field, to, &form.reason, by, now)
        },
    )
    .await
}
