//! The review page: every voucher with its flags (chips to filter by
//! one), approve one or all clean, accept or reject a dispute. The rules
//! are the kiosk core's, as on the console and the command line; every
//! decision names the signed-in web user. Payroll reads; a supervisor
//! decides.

use super::app::WebApp;
use super::auth::{Signed, require};
use super::page::{Lang, esc, plain, url_encode};
use crate::kiosk::{Dispute, DisputeStatus, Role};
use crate::model::Day;
use crate::report::review::{Flag, Review};
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use std::fmt::Write;
use std::sync::Arc;

const READERS: &[Role] = &[Role::Supervisor, Role::Payroll];
const DECIDERS: &[Role] = &[Role::Supervisor];

/// A voucher's review as a block: status, gross, flags, approval, and for
/// a supervisor the approve form.
pub fn review_block(day: &Day, r: &Review, lang: Lang, role: Role, csrf: &str) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<div class=\"review\" data-badge=\"{}\"><p><span class=\"status\">{}</span> · {} ${}</p>",
        esc(&r.badge),
        esc(&r.status.code().replace('_', " ")),
        lang.tr("Gross"),
        r.gross
    );
    if !r.flags.is_empty() {
        out.push_str("<p class=\"flags\">");
        for f in &r.flags {
            let class = if f.blocking() {
                "flag blocking"
            } else {
                "flag"
            };
            let _ = write!(
                out,
                "<span class=\"{class}\">{}</span> ",
                esc(&f.code().replace('_', " "))
            );
        }
        out.push_str("</p>");
    }
    match &r.approval {
        Some(a) => {
            let _ = write!(
                out,
                "<p class=\"approved\">{} {}, {}{}</p>",
                lang.tr("Approved by"),
                esc(&a.by),
                crate::report::pdf::when_words(day, a.at),
                if a.note.is_empty() {
                    String::new()
                } else {
                    format!(": {}", esc(&a.note))
                }
            );
        }
        None if r.status == crate::report::VoucherStatus::NoShow => {}
        None => {
            let _ = write!(
                out,
                "<p class=\"unapproved\">{}</p>",
                lang.tr("not approved")
            );
            if role == Role::Supervisor {
                let note_needed = !r.blocking().is_empty();
                let _ = write!(
                    out,
                    "<form method=\"post\" action=\"/review/approve\" class=\"approve\">{csrf}\
                     <input type=\"hidden\" name=\"badge\" value=\"{}\">\
                     <input name=\"note\" maxlength=\"140\" placeholder=\"{}\" aria-label=\"{}\"{}>\
                     <button type=\"submit\">{}</button></form>",
                    esc(&r.badge),
                    lang.tr("Note"),
                    lang.tr("Note"),
                    if note_needed { " required" } else { "" },
                    lang.tr("Approve")
                );
            }
        }
    }
    out.push_str("</div>");
    out
}

/// One dispute as a list item, with accept and reject for a supervisor
/// while it is open.
pub fn dispute_item(day: &Day, d: &Dispute, lang: Lang, role: Role, csrf: &str) -> String {
    let mut out = format!(
        "<li class=\"dispute {}\"><a href=\"/people/{}\">{} {}</a>: {}",
        d.status.code(),
        url_encode(&d.booking.badge_no),
        esc(&d.booking.badge_no),
        esc(&d.booking.details.full_name()),
        esc(&d.describe(day)),
    );
    if let Some(t) = d.recorded {
        let _ = write!(out, ", {} {}", lang.tr("recorded"), esc(&day.format_at(t)));
    }
    if !d.words.is_empty() {
        let _ = write!(out, " · “{}”", esc(&d.words));
    }
    match (&d.status, &d.decided_by) {
        (DisputeStatus::Open, _) if role == Role::Supervisor => {
            for (action, label) in [("accept", "Accept"), ("reject", "Reject")] {
                let _ = write!(
                    out,
                    "<form method=\"post\" action=\"/disputes/{}/{action}\" class=\"decide\">{csrf}\
                     <input name=\"note\" maxlength=\"140\" placeholder=\"{}\" aria-label=\"{}\">\
                     <button type=\"submit\">{}</button></form>",
                    url_encode(&d.id),
                    lang.tr("Note"),
                    lang.tr("Note"),
                    lang.tr(label)
                );
            }
        }
        (_, Some(by)) => {
            let _ = write!(
                out,
                " · {} {} {}",
                esc(d.status.code()),
                lang.tr("Decided by"),
                esc(by)
            );
        }
        _ => {}
    }
    out.push_str("</li>");
    out
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct ReviewQuery {
    #[serde(default)]
    flag: String,
}

/// GET `/review`.
pub async fn page(
    State(app): State<Arc<WebApp>>,
    headers: HeaderMap,
    Query(query): Query<ReviewQuery>,
) -> Response {
    let signed = match require(&app, &headers, READERS).await {
        Ok(s) => s,
        Err(refused) => return refused,
    };
    let (lang, role, csrf) = (signed.lang, signed.user.role, signed.csrf_field());
    let flag = Flag::from_code(&query.flag);
    let body = app
        .with_station(move |station, _| -> Result<String, String> {
            let Some(day) = station.day().cloned() else {
                return Ok(format!(
                    "<p>{}</p>",
                    lang.tr("No shoot day is open on this kiosk.")
                ));
            };
            let kiosk = station.kiosk().map_err(|e| e.to_string())?;
            let reviews = kiosk.review().map_err(|e| e.to_string())?;
            let disputes = kiosk.disputes().map_err(|e| e.to_string())?;
            let required = kiosk.approval_required().unwrap_or(false);
            Ok(review_body(
                &day, &reviews, &disputes, flag, required, lang, role, &csrf,
            ))
        })
        .await;
    match body {
        Ok(body) => signed.page(lang.tr("Review"), "/review", body).response(),
        Err(e) => plain(StatusCode::CONFLICT, lang, &e),
    }
}

#[allow(clippy::too_many_arguments)]
fn review_body(
    day: &Day,
    reviews: &[Review],
    disputes: &[Dispute],
    flag: Option<Flag>,
    required: bool,
    lang: Lang,
    role: Role,
    csrf: &str,
) -> String {
    let mut out = String::new();
    let unapproved = reviews
        .iter()
        .filter(|r| r.status == crate::report::VoucherStatus::Released && r.approval.is_none())
        .count();
    if required {
        let _ = write!(
            out,
            "<p class=\"warn\">{} {unapproved} {}</p>",
            lang.tr("The day requires approval before payroll."),
            lang.tr("not approved")
        );
    }
    out.push_str("<p class=\"chips\">");
    let _ = write!(
        out,
        "<a class=\"chip\" href=\"/review\"{}>{} ({})</a>",
        if flag.is_none() {
            " aria-current=\"true\""
        } else {
            ""
        },
        lang.tr("All"),
        reviews.len()
    );
    for f in Flag::ALL {
        let n = reviews.iter().filter(|r| r.flags.contains(&f)).count();
        if n == 0 {
            continue;
        }
        let _ = write!(
            out,
            "<a class=\"chip{}\" href=\"/review?flag={}\"{}>{} ({n})</a>",
            if f.blocking() { " blocking" } else { "" },
            f.code(),
            if flag == Some(f) {
                " aria-current=\"true\""
            } else {
                ""
            },
            esc(&f.code().replace('_', " "))
        );
    }
    out.push_str("</p>");
    if role == Role::Supervisor {
        let clean = reviews
            .iter()
            .filter(|r| {
                r.is_clean()
                    && r.approval.is_none()
                    && r.status == crate::report::VoucherStatus::Released
            })
            .count();
        let _ = write!(
            out,
            "<form method=\"post\" action=\"/review/approve-clean\" class=\"approve-clean\">{csrf}\
             <button type=\"submit\">{} ({clean})</button></form>",
            lang.tr("Approve all clean")
        );
    }
    let open: Vec<&Dispute> = disputes
        .iter()
        .filter(|d| d.status == DisputeStatus::Open)
        .collect();
    if !open.is_empty() {
        let _ = write!(
            out,
            "<h2>{} ({})</h2><ul class=\"disputes\">",
            lang.tr("Open disputes"),
            open.len()
        );
        for d in open {
            out.push_str(&dispute_item(day, d, lang, role, csrf));
        }
        out.push_str("</ul>");
    }
    let _ = write!(
        out,
        "<h2>{}</h2><ul class=\"vouchers\">",
        lang.tr("Vouchers")
    );
    // No-shows have nothing to pay: one line, unless they are asked for.
    let no_show = |r: &&Review| r.status == crate::report::VoucherStatus::NoShow;
    let fold = flag != Some(Flag::NoShow);
    for r in reviews
        .iter()
        .filter(|r| flag.is_none_or(|f| r.flags.contains(&f)))
        .filter(|r| !(fold && no_show(r)))
    {
        let _ = write!(
            out,
            "<li class=\"voucher\"><a href=\"/people/{}\"><strong>{}</strong> <span class=\"badge\">{}</span></a>{}</li>",
            url_encode(&r.badge),
            esc(&r.name),
            esc(&r.badge),
            review_block(day, r, lang, role, csrf)
        );
    }
    out.push_str("</ul>");
    let mut folded: Vec<&Review> = reviews.iter().filter(no_show).collect();
    folded.sort_by(|a, b| a.badge.cmp(&b.badge));
    if fold && flag.is_none() && !folded.is_empty() {
        let _ = write!(
            out,
            "<p class=\"no-shows\"><a href=\"/review?flag=no_show\">{} {}</a>: {}</p>",
            folded.len(),
            lang.tr("no-shows"),
            esc(&folded
                .iter()
                .take(40)
                .map(|r| r.badge.as_str())
                .collect::<Vec<_>>()
                .join(", "))
        );
    }
    out
}

#[derive(Debug, serde::Deserialize)]
pub struct DecisionForm {
    csrf: Option<String>,
    #[serde(default)]
    badge: String,
    #[serde(default)]
    note: String,
}

/// Checks the supervisor's session and the form's CSRF token, then runs
/// `decide` as them on the kiosk core; back to `back`, or the error said
/// plainly (409) with nothing changed.
pub(super) async fn decide<F: Send + 'static>(
    app: Arc<WebApp>,
    headers: HeaderMap,
    csrf: Option<String>,
    form: F,
    back: String,
    decide: impl FnOnce(
        &mut crate::kiosk::Kiosk<'_>,
        &str,
        &F,
        chrono::DateTime<chrono::Utc>,
    ) -> Result<(), crate::kiosk::KioskError>
    + Send
    + 'static,
) -> Response {
    let signed: Signed = match require(&app, &headers, DECIDERS).await {
        Ok(s) => s,
        Err(refused) => return refused,
    };
    if let Err(refused) = signed.check_csrf(&app, csrf.as_deref()) {
        return refused;
    }
    let by = signed.user.name.clone();
    let result = app
        .with_station(move |station, now| {
            let mut kiosk = station.kiosk()?;
            decide(&mut kiosk, &by, &form, now)
        })
        .await;
    match result {
        Ok(()) => Redirect::to(&back).into_response(),
        Err(e) => plain(StatusCode::CONFLICT, signed.lang, &e.to_string()),
    }
}

/// POST `/review/approve`: one voucher.
pub async fn approve(
    State(app): State<Arc<WebApp>>,
    headers: HeaderMap,
    Form(form): Form<DecisionForm>,
) -> Response {
    let back = format!("/people/{}", url_encode(&form.badge));
    decide(
        app,
        headers,
        form.csrf.clone(),
        form,
        back,
        |kiosk, by, form, now| {
            kiosk
                .approve_voucher(form.badge.trim(), by, &form.note, now)
                .map(|_| ())
        },
    )
    .await
}

/// POST `/review/approve-clean`: every clean voucher.
pub async fn approve_clean(
    State(app): State<Arc<WebApp>>,
    headers: HeaderMap,
    Form(form): Form<DecisionForm>,
) -> Response {
    decide(
        app,
        headers,
        form.csrf.clone(),
        form,
        "/review".into(),
        |kiosk, by, _, now| kiosk.approve_clean(by, now).map(|_| ()),
    )
    .await
}

/// POST `/disputes/{id}/accept` and `/disputes/{id}/reject`.
pub async fn dispute(
    State(app): State<Arc<WebApp>>,
    headers: HeaderMap,
    Path((id, action)): Path<(String, String)>,
    Form(form): Form<DecisionForm>,
) -> Response {
    let accept = match action.as_str() {
        "accept" => true,
        "reject" => false,
        _ => {
            return plain(
                StatusCode::NOT_FOUND,
                Lang::of(&headers),
                "There is no such action.",
            );
        }
    };
    decide(
        app,
        headers,
        form.csrf.clone(),
        form,
        "/review".into(),
        move |kiosk, by, form, now| {
            if accept {
                kiosk.accept_dispute(&id, by, &form.note, now).map(|_| ())
            } else {
                kiosk.reject_dispute(&id, by, &form.note, now).map(|_| ())
            }
        },
    )
    .await
}
