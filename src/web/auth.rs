//! Signing in to the web app: the cookies (HttpOnly, SameSite=Strict,
//! `Secure` and `__Host-` under TLS), the session each request belongs to,
//! the role a page needs (403 when it is not this user's), the CSRF token
//! every form carries, and the lock after five failed sign-ins for a name
//! from one address.

use super::app::WebApp;
use super::page::{Lang, Page, esc, local_path, plain};
use crate::kiosk::{Role, WebUser};
use axum::extract::{ConnectInfo, Form, FromRequest, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Duration, Utc};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};

/// Failed sign-ins for one name from one address before it is locked.
pub const MAX_FAILURES: u32 = 5;
/// How long the lock lasts.
pub const LOCK_MINUTES: i64 = 5;

/// The failed sign-ins remembered (name and address pairs).
const MAX_REMEMBERED: usize = 10_000;

const SESSION: &str = "ek-session";
const BROWSER: &str = "ek-browser";

/// The failed sign-ins, by name and address.
#[derive(Default)]
pub struct Lockouts(Mutex<HashMap<(String, IpAddr), Tries>>);

#[derive(Default, Clone, Copy)]
struct Tries {
    failures: u32,
    locked_until: Option<DateTime<Utc>>,
}

impl Lockouts {
    /// Until when `name` from `ip` is locked, if it is at `now`.
    fn locked(&self, name: &str, ip: IpAddr, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let tries = self.0.lock().unwrap_or_else(|p| p.into_inner());
        tries
            .get(&(name.to_lowercase(), ip))
            .and_then(|t| t.locked_until)
            .filter(|until| *until > now)
    }

    fn failed(&self, name: &str, ip: IpAddr, now: DateTime<Utc>) {
        let mut tries = self.0.lock().unwrap_or_else(|p| p.into_inner());
        // Names made up by the thousand do not fill the memory: beyond
        // this, only the locks in force are kept.
        if tries.len() >= MAX_REMEMBERED {
            tries.retain(|_, t| t.locked_until.is_some_and(|u| u > now));
        }
        let t = tries.entry((name.to_lowercase(), ip)).or_default();
        if t.locked_until.is_some_and(|u| u <= now) {
            *t = Tries::default();
        }
        t.failures += 1;
        if t.failures >= MAX_FAILURES {
            t.locked_until = Some(now + Duration::minutes(LOCK_MINUTES));
        }
    }

    fn succeeded(&self, name: &str, ip: IpAddr) {
        let mut tries = self.0.lock().unwrap_or_else(|p| p.into_inner());
        tries.remove(&(name.to_lowercase(), ip));
    }
}

/// The value of the cookie `name` (its `__Host-` form too), if sent.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    let host = format!("__Host-{name}");
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name || *k == host)
        .map(|(_, v)| v.to_string())
}

impl WebApp {
    fn cookie_name(&self, base: &str) -> String {
        if self.secure {
            format!("__Host-{base}")
        } else {
            base.to_string()
        }
    }

    /// A `Set-Cookie` value for `base` = `value`, kept `max_age` seconds.
    pub(super) fn set_cookie(&self, base: &str, value: &str, max_age: i64) -> HeaderValue {
        let secure = if self.secure { "; Secure" } else { "" };
        HeaderValue::from_str(&format!(
            "{}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}",
            self.cookie_name(base)
        ))
        .expect("cookie values are hex")
    }

    /// The CSRF token of `purpose` (a session's token, a browser's id).
    fn csrf_for(&self, purpose: &str) -> String {
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&self.key).expect("any key length");
        mac.update(purpose.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    fn csrf_matches(&self, purpose: &str, given: &str) -> bool {
        let Ok(given) = hex::decode(given) else {
            return false;
        };
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&self.key).expect("any key length");
        mac.update(purpose.as_bytes());
        mac.verify_slice(&given).is_ok()
    }
}

/// A signed-in request: who, and what its forms carry.
pub struct Signed {
    pub user: WebUser,
    pub lang: Lang,
    pub csrf: String,
    token: String,
}

impl Signed {
    /// Whether this session still stands at `app`'s now (it ends when the
    /// user signs out, is removed, gets a new password, or times out).
    pub async fn still_signed_in(&self, app: &Arc<WebApp>) -> bool {
        let token = self.token.clone();
        app.with_station(move |station, now| station.session(&token, now))
            .await
            .ok()
            .flatten()
            .is_some()
    }

    /// The page around `body` for this user.
    pub fn page<'a>(&'a self, title: &'a str, here: &'a str, body: String) -> Page<'a> {
        Page {
            title,
            lang: self.lang,
            who: Some(&self.user),
            csrf: &self.csrf,
            here,
            body,
        }
    }

    /// The hidden field every form of this user carries.
    pub fn csrf_field(&self) -> String {
        format!(
            "<input type=\"hidden\" name=\"csrf\" value=\"{}\">",
            esc(&self.csrf)
        )
    }

    /// Refuses (403) a form whose CSRF token is not this session's.
    pub fn check_csrf(&self, app: &WebApp, given: Option<&str>) -> Result<(), Response> {
        if given.is_some_and(|g| app.csrf_matches(&format!("session:{}", self.token), g)) {
            Ok(())
        } else {
            Err(plain(
                StatusCode::FORBIDDEN,
                self.lang,
                "This form is out of date or did not come from this app: go back, reload the page and try again.",
            ))
        }
    }
}

/// Who sent `headers`, when they carry a live session.
pub async fn signed_in(app: &Arc<WebApp>, headers: &HeaderMap) -> Option<Signed> {
    let token = cookie(headers, SESSION).filter(|t| t.len() == 64)?;
    let lang = Lang::of(headers);
    let t = token.clone();
    let user = app
        .with_station(move |station, now| station.session(&t, now))
        .await
        .ok()
        .flatten()?;
    Some(Signed {
        csrf: app.csrf_for(&format!("session:{token}")),
        user,
        lang,
        token,
    })
}

/// The signed-in user when their role is one of `roles`; else the sign-in
/// page (no session) or 403 (a role that may not see it).
pub async fn require(
    app: &Arc<WebApp>,
    headers: &HeaderMap,
    roles: &[Role],
) -> Result<Signed, Response> {
    let Some(signed) = signed_in(app, headers).await else {
        return Err(Redirect::to("/signin").into_response());
    };
    if roles.contains(&signed.user.role) {
        Ok(signed)
    } else {
        Err(plain(
            StatusCode::FORBIDDEN,
            signed.lang,
            "Your role does not open this page: ask the production's supervisor.",
        ))
    }
}

/// The first page a role sees.
pub fn home_of(role: Role) -> &'static str {
    match role {
        Role::Viewer | Role::Supervisor => "/dashboard",
        Role::Payroll => "/review",
    }
}

/// `/`: the user's first page, or the sign-in form.
pub async fn root(State(app): State<Arc<WebApp>>, headers: HeaderMap) -> Response {
    match signed_in(&app, &headers).await {
        Some(s) => Redirect::to(home_of(s.user.role)).into_response(),
        None => Redirect::to("/signin").into_response(),
    }
}

fn client_ip(request: &Request) -> IpAddr {
    request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip())
}

fn random_hex() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the operating system has no random source");
    hex::encode(bytes)
}

/// The sign-in form, with `message` above it.
fn sign_in_page(
    app: &WebApp,
    headers: &HeaderMap,
    status: StatusCode,
    message: &str,
    next: &str,
) -> Response {
    let lang = Lang::of(headers);
    let browser = cookie(headers, BROWSER)
        .filter(|b| b.len() == 64 && b.bytes().all(|c| c.is_ascii_hexdigit()))
        .unwrap_or_else(random_hex);
    let csrf = app.csrf_for(&format!("browser:{browser}"));
    let message = if message.is_empty() {
        String::new()
    } else {
        format!("<p class=\"error\" role=\"alert\">{}</p>", esc(message))
    };
    let next = match local_path(next) {
        Some(path) => format!(
            "<input type=\"hidden\" name=\"next\" value=\"{}\">",
            esc(path)
        ),
        None => String::new(),
    };
    let body = format!(
        "{message}<form method=\"post\" action=\"/signin\" class=\"signin\">\
         <input type=\"hidden\" name=\"csrf\" value=\"{csrf}\">{next}\
         <label>{}<input name=\"name\" autocomplete=\"username\" required maxlength=\"60\"></label>\
         <label>{}<input name=\"password\" type=\"password\" autocomplete=\"current-password\" required></label>\
         <button type=\"submit\">{}</button></form>",
        lang.tr("Name"),
        lang.tr("Password"),
        lang.tr("Sign in")
    );
    let page = Page {
        title: lang.tr("Sign in"),
        lang,
        who: None,
        csrf: "",
        here: "/signin",
        body,
    };
    let mut response = page.response();
    *response.status_mut() = status;
    response.headers_mut().append(
        header::SET_COOKIE,
        app.set_cookie(BROWSER, &browser, 12 * 3600),
    );
    response
}

/// Where the sign-in form goes after signing in (a path of this app).
#[derive(Debug, Default, serde::Deserialize)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
}

/// GET `/signin[?next=/scanner]`.
pub async fn sign_in_form(
    State(app): State<Arc<WebApp>>,
    headers: HeaderMap,
    Query(q): Query<NextQuery>,
) -> Response {
    if let Some(s) = signed_in(&app, &headers).await {
        let to = local_path(&q.next).unwrap_or(home_of(s.user.role));
        return Redirect::to(to).into_response();
    }
    sign_in_page(&app, &headers, StatusCode::OK, "", &q.next)
}

#[derive(serde::Deserialize)]
pub struct SignInForm {
    csrf: Option<String>,
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

/// POST `/signin`: a session and the user's first page, or the form again.
pub async fn sign_in(State(app): State<Arc<WebApp>>, request: Request) -> Response {
    let ip = client_ip(&request);
    let headers = request.headers().clone();
    let lang = Lang::of(&headers);
    let form = match Form::<SignInForm>::from_request(request, &app).await {
        Ok(Form(form)) => form,
        // Too big (413), not a form (415), or unreadable (400).
        Err(rejection) => {
            return plain(
                rejection.status(),
                lang,
                "The sign-in form did not read: reload the page.",
            );
        }
    };
    let browser = cookie(&headers, BROWSER).unwrap_or_default();
    if browser.is_empty()
        || !form
            .csrf
            .as_deref()
            .is_some_and(|c| app.csrf_matches(&format!("browser:{browser}"), c))
    {
        return plain(
            StatusCode::FORBIDDEN,
            lang,
            "This sign-in form is out of date or did not come from this app: reload the page and sign in again.",
        );
    }
    let now = app.now();
    if let Some(until) = app.lockouts.locked(&form.name, ip, now) {
        let wait = ((until - now).num_seconds() + 59) / 60;
        let words = format!(
            "Too many wrong passwords for this name from this device: wait {wait} minute{} and try again, or ask the supervisor to set a new password.",
            if wait == 1 { "" } else { "s" }
        );
        return sign_in_page(
            &app,
            &headers,
            StatusCode::TOO_MANY_REQUESTS,
            &words,
            &form.next,
        );
    }
    let (name, password) = (form.name.clone(), form.password);
    let session = app
        .with_station(move |station, now| station.sign_in(&name, &password, now))
        .await;
    match session {
        Ok(Some(session)) => {
            app.lockouts.succeeded(&form.name, ip);
            let to = local_path(&form.next).unwrap_or(home_of(session.user.role));
            let mut response = Redirect::to(to).into_response();
            response.headers_mut().append(
                header::SET_COOKIE,
                app.set_cookie(
                    SESSION,
                    &session.token,
                    crate::kiosk::accounts::SESSION_HOURS * 3600,
                ),
            );
            response
        }
        Ok(None) => {
            app.lockouts.failed(&form.name, ip, now);
            sign_in_page(
                &app,
                &headers,
                StatusCode::UNAUTHORIZED,
                lang.tr("The name or the password is wrong."),
                &form.next,
            )
        }
        Err(e) => plain(StatusCode::INTERNAL_SERVER_ERROR, lang, &e.to_string()),
    }
}

#[derive(serde::Deserialize)]
pub struct CsrfOnly {
    csrf: Option<String>,
}

/// POST `/signout`: the session ends.
pub async fn sign_out(
    State(app): State<Arc<WebApp>>,
    headers: HeaderMap,
    Form(form): Form<CsrfOnly>,
) -> Response {
    let Some(signed) = signed_in(&app, &headers).await else {
        return Redirect::to("/signin").into_response();
    };
    if let Err(refused) = signed.check_csrf(&app, form.csrf.as_deref()) {
        return refused;
    }
    let token = signed.token.clone();
    let _ = app
        .with_station(move |station, _| station.sign_out(&token))
        .await;
    let mut response = Redirect::to("/signin").into_response();
    response
        .headers_mut()
        .append(header::SET_COOKIE, app.set_cookie(SESSION, "", 0));
    response
}
