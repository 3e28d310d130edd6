//! The web app through its router (`tower`'s `oneshot`), on a real kiosk
//! file: signing in (cookies, CSRF, the lock after five failures, the
//! session's limits), what each role sees and may do, hostile names and
//! searches, the dashboard's live events, review decisions by the web
//! user, the wrap ZIP behind its gates, the two languages, and what a
//! broken or hostile request gets.

use super::common::{at, demo_with_skin};
use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use chrono::{DateTime, Duration, Utc};
use extras_kiosk::kiosk::{DisputeAbout, DisputeClaim, Kiosk, Role, ScanMode, Station, TimeField};
use extras_kiosk::model::Day;
use extras_kiosk::store::{Actor, Store};
use extras_kiosk::web::{self, WebApp};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use tower::ServiceExt;

const PASSWORD: &str = "correct horse battery";

/// A kiosk file with the demo day, three web users, and the web app on it
/// with a clock the test sets.
pub struct Site {
    _dir: tempfile::TempDir,
    pub db: PathBuf,
    pub day: Day,
    pub app: Arc<WebApp>,
    pub router: Router,
    clock: Arc<Mutex<DateTime<Utc>>>,
}

impl Site {
    pub fn new(secure: bool) -> Site {
        let (dir, store, day) = demo_with_skin();
        let db = store.path().to_path_buf();
        let mut station = Station::open(store, None).unwrap();
        let now = at(&day, "12:00");
        for (name, role) in [
            ("Ana Ruiz", Role::Supervisor),
            ("Vic Viewer", Role::Viewer),
            ("Pay Roll", Role::Payroll),
        ] {
            station.add_web_user(name, role, PASSWORD, now).unwrap();
        }
        let clock = Arc::new(Mutex::new(now));
        let c = clock.clone();
        let app = WebApp::new(station, secure, Arc::new(move || *c.lock().unwrap())).unwrap();
        Site {
            router: web::router(app.clone()),
            _dir: dir,
            db,
            day,
            app,
            clock,
        }
    }

    pub fn set_time(&self, local: &str) {
        *self.clock.lock().unwrap() = at(&self.day, local);
    }

    pub fn advance(&self, by: Duration) {
        *self.clock.lock().unwrap() += by;
    }

    /// The kiosk core on a connection of the test's own (another kiosk on
    /// the same file, the command line).
    pub fn with_kiosk<T>(&self, f: impl FnOnce(&mut Kiosk<'_>) -> T) -> T {
        let mut store = Store::open(&self.db).unwrap();
        let mut kiosk = Kiosk::new(&mut store, self.day.clone(), ScanMode::CheckIn);
        f(&mut kiosk)
    }

    pub fn check_in(&self, badge: &str, time: &str) {
        let t = at(&self.day, time);
        self.with_kiosk(|k| {
            let b = k.booking(badge).unwrap();
            k.check_in(&b, t, Actor::Kiosk).unwrap();
        });
    }

    pub fn release(&self, badge: &str, time: &str) {
        let t = at(&self.day, time);
        self.with_kiosk(|k| {
            let b = k.booking(badge).unwrap();
            k.release(&b, t).unwrap();
        });
    }

    pub fn sign(&self, badge: &str, time: &str) {
        let t = at(&self.day, time);
        self.with_kiosk(|k| {
            let b = k.booking(badge).unwrap();
            k.sign_voucher(&b, &vec![vec![(0.1, 0.1), (0.5, 0.5), (0.9, 0.2)]], t)
                .unwrap();
        });
    }

    /// The event kinds and payloads recorded, newest last.
    pub fn events(&self, kind: &str) -> Vec<serde_json::Value> {
        let store = Store::open(&self.db).unwrap();
        store
            .events_of_kinds(&[kind])
            .unwrap()
            .into_iter()
            .map(|e| serde_json::from_str(&e.payload).unwrap())
            .collect()
    }

    pub fn browser(&self) -> Browser {
        Browser::new(self, "10.0.0.7:5000")
    }

    pub async fn signed_in(&self, name: &str) -> Browser {
        let mut b = self.browser();
        let (status, _, _) = b.sign_in(name, PASSWORD).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{name} signs in");
        b
    }
}

/// A browser: its cookies, its address, its language.
pub struct Browser {
    router: Router,
    cookies: HashMap<String, String>,
    pub addr: SocketAddr,
    pub language: Option<&'static str>,
}

pub type Answer = (StatusCode, axum::http::HeaderMap, String);

fn form_body(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", web::page::url_encode(k), web::page::url_encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// The first CSRF token in a page.
pub fn csrf_of(page: &str) -> String {
    let at = page
        .find("name=\"csrf\" value=\"")
        .unwrap_or_else(|| panic!("no CSRF field in {page}"))
        + "name=\"csrf\" value=\"".len();
    page[at..].split('"').next().unwrap().to_string()
}

impl Browser {
    fn new(site: &Site, addr: &str) -> Browser {
        Browser {
            router: site.router.clone(),
            cookies: HashMap::new(),
            addr: addr.parse().unwrap(),
            language: None,
        }
    }

    fn request(&self, method: &str, path: &str, body: Body, form: bool) -> Request<Body> {
        let mut r = Request::builder().method(method).uri(path);
        if !self.cookies.is_empty() {
            let jar: Vec<String> = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            r = r.header(header::COOKIE, jar.join("; "));
        }
        if let Some(l) = self.language {
            r = r.header(header::ACCEPT_LANGUAGE, l);
        }
        if form {
            r = r.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        }
        let mut r = r.body(body).unwrap();
        r.extensions_mut().insert(ConnectInfo(self.addr));
        r
    }

    pub async fn send(&mut self, request: Request<Body>) -> Answer {
        let response = self.router.clone().oneshot(request).await.unwrap();
        for v in response.headers().get_all(header::SET_COOKIE) {
            let v = v.to_str().unwrap();
            let (pair, _) = v.split_once(';').unwrap_or((v, ""));
            let (k, val) = pair.split_once('=').unwrap();
            if val.is_empty() {
                self.cookies.remove(k);
            } else {
                self.cookies.insert(k.to_string(), val.to_string());
            }
        }
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        (status, headers, String::from_utf8_lossy(&bytes).to_string())
    }

    pub async fn get(&mut self, path: &str) -> Answer {
        let r = self.request("GET", path, Body::empty(), false);
        self.send(r).await
    }

    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Answer {
        let r = self.request("POST", path, Body::from(form_body(fields)), true);
        self.send(r).await
    }

    /// Posts `fields` with the CSRF token of the page at `from`.
    pub async fn submit(&mut self, from: &str, path: &str, fields: &[(&str, &str)]) -> Answer {
        let (_, _, page) = self.get(from).await;
        let csrf = csrf_of(&page);
        let mut all = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(fields);
        self.post(path, &all).await
    }

    pub async fn sign_in(&mut self, name: &str, password: &str) -> Answer {
        self.submit(
            "/signin",
            "/signin",
            &[("name", name), ("password", password)],
        )
        .await
    }

    pub fn cookie_names(&self) -> Vec<String> {
        self.cookies.keys().cloned().collect()
    }
}

fn location(headers: &axum::http::HeaderMap) -> &str {
    headers.get(header::LOCATION).unwrap().to_str().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn signing_in_sets_strict_cookies_and_needs_the_forms_token() {
    let site = Site::new(false);
    let mut b = site.browser();
    let (status, headers, _) = b.get("/").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        location(&headers),
        "/signin",
        "nobody without a login sees a name"
    );
    let (_, _, page) = b.get("/dashboard").await;
    assert!(!page.contains("O&#39;Brien") && page.is_empty());
    // The sign-in form is a form with a token of its own.
    let (status, _, form) = b.get("/signin").await;
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains("<form method=\"post\" action=\"/signin\""));
    assert!(!csrf_of(&form).is_empty());
    // Without the token: 403, no session.
    let (status, _, _) = b
        .post("/signin", &[("name", "Ana Ruiz"), ("password", PASSWORD)])
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(!b.cookie_names().contains(&"ek-session".to_string()));
    // A wrong password says so, without saying which was wrong.
    let (status, _, page) = b.sign_in("Ana Ruiz", "not the password at all").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(page.contains("The name or the password is wrong."));
    let (status, _, page) = b.sign_in("Nobody Here", PASSWORD).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(page.contains("The name or the password is wrong."));
    // The right one: a session cookie, HttpOnly and SameSite=Strict.
    let token = csrf_of(&b.get("/signin").await.2);
    let r = b.request(
        "POST",
        "/signin",
        Body::from(form_body(&[
            ("csrf", &token),
            ("name", "ana ruiz"),
            ("password", PASSWORD),
        ])),
        true,
    );
    let (status, headers, _) = b.send(r).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location(&headers), "/dashboard");
    let cookie = headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|v| v.starts_with("ek-session="))
        .unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    assert!(
        !cookie.contains("Secure"),
        "plain HTTP on loopback: {cookie}"
    );
    let (status, _, page) = b.get("/dashboard").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Sign out (Ana Ruiz)"));
    // Signing out ends the session, on the server too.
    let (_, _, page) = b.get("/dashboard").await;
    let (status, _, _) = b.post("/signout", &[("csrf", &csrf_of(&page))]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, headers, _) = b.get("/dashboard").await;
    assert_eq!(
        (status, location(&headers)),
        (StatusCode::SEE_OTHER, "/signin")
    );

    // Under TLS the cookies are Secure and __Host-.
    let secure = Site::new(true);
    let mut b = secure.browser();
    let (_, headers, _) = b.get("/signin").await;
    let browser_cookie = headers.get(header::SET_COOKIE).unwrap().to_str().unwrap();
    assert!(
        browser_cookie.starts_with("__Host-ek-browser="),
        "{browser_cookie}"
    );
    assert!(browser_cookie.contains("; Secure") && browser_cookie.contains("Path=/"));
    let (status, _, _) = b.sign_in("Ana Ruiz", PASSWORD).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(b.cookie_names().contains(&"__Host-ek-session".to_string()));
}

#[tokio::test(flavor = "multi_thread")]
async fn five_failures_lock_that_name_from_that_address_for_five_minutes() {
    let site = Site::new(false);
    let mut b = site.browser();
    for _ in 0..5 {
        let (status, _, _) = b.sign_in("Ana Ruiz", "wrong wrong wrong").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    // Locked: even the right password is refused, and it says to wait.
    let (status, _, page) = b.sign_in("Ana Ruiz", PASSWORD).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(page.contains("wait 5 minutes"), "{page}");
    // Another name from the same address still signs in...
    let mut same_place = site.browser();
    assert_eq!(
        same_place.sign_in("Vic Viewer", PASSWORD).await.0,
        StatusCode::SEE_OTHER
    );
    // ...and the same name from another address.
    let mut elsewhere = Browser::new(&site, "10.0.0.9:5000");
    assert_eq!(
        elsewhere.sign_in("Ana Ruiz", PASSWORD).await.0,
        StatusCode::SEE_OTHER
    );
    // Five minutes later the lock is over.
    site.advance(Duration::minutes(5) + Duration::seconds(1));
    assert_eq!(
        b.sign_in("Ana Ruiz", PASSWORD).await.0,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_session_ends_after_two_idle_hours_and_after_twelve() {
    let site = Site::new(false);
    let mut b = site.signed_in("Vic Viewer").await;
    // Used every 90 minutes it lasts; 12 hours after sign-in it ends.
    for _ in 0..7 {
        site.advance(Duration::minutes(90));
        assert_eq!(b.get("/dashboard").await.0, StatusCode::OK);
    }
    site.advance(Duration::minutes(90));
    assert_eq!(b.get("/dashboard").await.0, StatusCode::SEE_OTHER);
    let mut b = site.signed_in("Vic Viewer").await;
    site.advance(Duration::hours(2));
    let (status, headers, _) = b.get("/roster").await;
    assert_eq!(
        (status, location(&headers)),
        (StatusCode::SEE_OTHER, "/signin")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn each_role_sees_its_pages_and_gets_403_for_the_others() {
    let site = Site::new(false);
    site.check_in("B-0001", "06:00");
    site.release("B-0001", "15:00");
    site.app.read_again();
    let mut viewer = site.signed_in("Vic Viewer").await;
    let mut supervisor = site.signed_in("Ana Ruiz").await;
    let mut payroll = site.signed_in("Pay Roll").await;
    for (b, allowed, refused) in [
        (
            &mut viewer,
            &["/dashboard", "/roster", "/people/B-0001"][..],
            &["/review", "/wrap"][..],
        ),
        (
            &mut supervisor,
            &[
                "/dashboard",
                "/roster",
                "/people/B-0001",
                "/review",
                "/wrap",
            ][..],
            &[][..],
        ),
        (
            &mut payroll,
            &["/review", "/wrap", "/people/B-0001"][..],
            &["/dashboard", "/roster", "/dashboard/events"][..],
        ),
    ] {
        for path in allowed {
            assert_eq!(b.get(path).await.0, StatusCode::OK, "{path}");
        }
        for path in refused {
            let (status, headers, _) = b.get(path).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{path}: 403, not a redirect");
            assert!(headers.get(header::LOCATION).is_none());
        }
    }
    // Phones and emails: the supervisor's only.
    let (_, _, roster) = viewer.get("/roster?q=o%27brien").await;
    assert!(roster.contains("Pat O&#39;Brien"));
    assert!(
        !roster.contains("555-0101") && !roster.contains("@example.com"),
        "{roster}"
    );
    let (_, _, person) = viewer.get("/people/B-0001").await;
    assert!(!person.contains("555-0101") && !person.contains("@example.com"));
    assert!(
        !person.contains("/review/approve"),
        "no approve button for a viewer"
    );
    let (_, _, roster) = supervisor.get("/roster?q=o%27brien").await;
    assert!(roster.contains("(818) 555-0101") && roster.contains("pat.obrien1@example.com"));
    let (_, _, person) = supervisor.get("/people/B-0001").await;
    assert!(
        person.contains("/review/approve"),
        "the supervisor approves here"
    );
    let (_, _, page) = payroll.get("/review").await;
    assert!(
        !page.contains("/review/approve"),
        "payroll reads the review"
    );
    // A viewer's POST to an approval: 403, nothing recorded.
    let (_, _, page) = viewer.get("/dashboard").await;
    let token = csrf_of(&page);
    let (status, _, _) = viewer
        .post(
            "/review/approve",
            &[("csrf", &token), ("badge", "B-0001"), ("note", "ok")],
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (_, _, page) = payroll.get("/review").await;
    let token = csrf_of(&page);
    let (status, _, _) = payroll
        .post("/review/approve-clean", &[("csrf", &token)])
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(site.events("voucher_approved").is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn hostile_names_show_as_text_and_a_search_finds_literally() {
    let site = Site::new(false);
    for (first, last) in [
        ("<script>alert(1)</script>", "Doe"),
        ("=HYPERLINK(\"http://evil.example\",\"pay\")", "Formula"),
        ("Zed", "100% \"Real\" O'Hara_x"),
    ] {
        site.with_kiosk(|k| {
            let mut details = k.booking("B-0002").unwrap().details;
            details.first_name = first.into();
            details.last_name = last.into();
            k.walk_in(&details, at(&site.day, "07:00")).unwrap();
        });
    }
    site.app.read_again();
    let mut b = site.signed_in("Ana Ruiz").await;
    let (_, _, page) = b.get("/roster").await;
    assert!(
        !page.contains("<script>alert(1)"),
        "markup from a skin is never markup"
    );
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; Doe"));
    assert!(page.contains("=HYPERLINK(&quot;http://evil.example&quot;,&quot;pay&quot;) Formula"));
    let badge = |page: &str| -> Vec<String> {
        page.split("<span class=\"badge\">")
            .skip(1)
            .map(|s| s.split('<').next().unwrap().to_string())
            .collect()
    };
    for (q, expect) in [
        ("%", 1),
        ("100%", 1),
        ("\"real\"", 1),
        ("o'hara_x", 1),
        ("_", 1),
        ("%%", 0),
        ("' OR 1=1 --", 0),
        ("<script>", 1),
    ] {
        let (status, _, rows) = b
            .get(&format!("/roster/rows?q={}", web::page::url_encode(q)))
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(badge(&rows).len(), expect, "{q}: {rows}");
    }
    // The plain GET form finds the same without JavaScript.
    let (_, _, page) = b.get("/roster?q=%25&status=&area=&category=&union=").await;
    assert_eq!(badge(&page).len(), 1);
    assert!(
        page.contains("value=\"%\""),
        "the search is kept in its field"
    );
    // A person page with a hostile name.
    let walked: Vec<String> = badge(&b.get("/roster?q=alert").await.2);
    let (_, _, person) = b.get(&format!("/people/{}", walked[0])).await;
    assert!(!person.contains("<script>alert"));
    // An unknown badge, and one with markup in it: 404, as text.
    let (status, _, page) = b.get("/people/%3Cimg%20src%3Dx%3E").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!page.contains("<img"));
}

#[tokio::test(flavor = "multi_thread")]
async fn unknown_paths_big_bodies_and_forms_without_a_token_are_refused() {
    let site = Site::new(false);
    let mut b = site.signed_in("Ana Ruiz").await;
    let (status, headers, _) = b.get("/no/such/page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Every answer carries the security headers.
    let csp = headers
        .get(header::CONTENT_SECURITY_POLICY)
        .unwrap()
        .to_str()
        .unwrap();
    assert!(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"));
    assert!(!csp.contains("unsafe-inline"));
    assert_eq!(headers.get(header::X_FRAME_OPTIONS).unwrap(), "DENY");
    assert_eq!(headers.get(header::REFERRER_POLICY).unwrap(), "no-referrer");
    let (_, headers, page) = b.get("/dashboard").await;
    assert_eq!(headers.get(header::CACHE_CONTROL).unwrap(), "no-store");
    assert!(
        !page.contains("<script>") && !page.contains("style=\""),
        "no inline script or style"
    );
    // A body over 64 KiB: 413, nothing done.
    let token = csrf_of(&page);
    let big = "x".repeat(65 * 1024);
    let (status, _, _) = b
        .post(
            "/review/approve",
            &[("csrf", &token), ("badge", "B-0001"), ("note", &big)],
        )
        .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    // The sign-in form too.
    let (status, _, _) = site.browser().post("/signin", &[("name", &big)]).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    // A form without its token, or with another session's: 403.
    site.check_in("B-0001", "06:00");
    site.release("B-0001", "15:00");
    let (status, _, _) = b
        .post("/review/approve", &[("badge", "B-0001"), ("note", "ok")])
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let mut other = site.signed_in("Ana Ruiz").await;
    let theirs = csrf_of(&other.get("/dashboard").await.2);
    let (status, _, _) = b
        .post(
            "/review/approve",
            &[("csrf", &theirs), ("badge", "B-0001"), ("note", "ok")],
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = b.post("/signout", &[("csrf", "zz-not-hex")]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(site.events("voucher_approved").is_empty());
    // The language switch goes back only to a page of this app.
    for (back, to) in [
        ("/roster", "/roster"),
        ("//evil.example/x", "/"),
        ("https://evil.example", "/"),
        ("/\\evil", "/"),
    ] {
        let (status, headers, _) = b
            .get(&format!("/lang?to=es&back={}", web::page::url_encode(back)))
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(location(&headers), to, "{back}");
    }
    // A form that does not read: refused, not a crash.
    let r = b.request("POST", "/review/approve", Body::from("%%%=&&=%"), true);
    assert!(b.send(r).await.0.is_client_error());
}

#[tokio::test(flavor = "multi_thread")]
async fn the_dashboard_streams_a_check_in_made_at_another_kiosk() {
    use tokio_stream::StreamExt;
    let site = Site::new(false);
    site.app.watch();
    let mut b = site.signed_in("Vic Viewer").await;
    let (_, _, page) = b.get("/dashboard").await;
    assert!(page.contains("data-live=\"/dashboard/events\""));
    assert!(page.contains("<dt>Arrived</dt><dd>0</dd>"), "{page}");
    let r = b.request("GET", "/dashboard/events", Body::empty(), false);
    let response = site.router.clone().oneshot(r).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers().get(header::CONTENT_TYPE).unwrap(),
        "text/event-stream"
    );
    let mut stream = response.into_body().into_data_stream();
    let mut seen = String::new();
    let mut next_event = async || -> String {
        loop {
            let chunk = tokio::time::timeout(std::time::Duration::from_secs(10), stream.next())
                .await
                .expect("an event within 10 s")
                .unwrap()
                .unwrap();
            seen.push_str(&String::from_utf8_lossy(&chunk));
            if let Some(end) = seen.find("\n\n") {
                let event: String = seen.drain(..end + 2).collect();
                if event.contains("event: board") {
                    return event;
                }
            }
        }
    };
    let first = next_event().await;
    assert!(first.contains("<dt>Arrived</dt><dd>0</dd>"), "{first}");
    // Another kiosk on this file checks someone in: the next event has it.
    site.check_in("B-0005", "06:20");
    let second = next_event().await;
    assert!(second.contains("<dt>Arrived</dt><dd>1</dd>"), "{second}");
    assert!(second.contains("<dt>In holding</dt><dd>1</dd>"));
    // Signed out elsewhere: the open stream ends at its next check.
    let (_, _, page) = b.get("/dashboard").await;
    b.post("/signout", &[("csrf", &csrf_of(&page))]).await;
    site.advance(Duration::seconds(61));
    site.app.read_again();
    let ended = tokio::time::timeout(std::time::Duration::from_secs(10), async {
        while let Some(chunk) = stream.next().await {
            if chunk.is_err() {
                break;
            }
        }
    })
    .await;
    assert!(ended.is_ok(), "the stream of a session that ended stops");
    site.app.stop();
}

#[tokio::test(flavor = "multi_thread")]
async fn approvals_and_disputes_are_decided_in_the_web_users_name() {
    let site = Site::new(false);
    for badge in ["B-0001", "B-0002", "B-0003"] {
        site.check_in(badge, "06:00");
        site.release(badge, "15:00");
    }
    site.sign("B-0001", "15:01");
    site.sign("B-0002", "15:01");
    // B-0002 disputes their out time.
    let claimed = at(&site.day, "15:30");
    let dispute_id = site.with_kiosk(|k| {
        let b = k.booking("B-0002").unwrap();
        let claim = DisputeClaim {
            about: Some(DisputeAbout::Time(TimeField::Out)),
            claimed: Some(claimed),
            bump: None,
            amount: None,
            words: "we <b>wrapped</b> late".into(),
        };
        k.file_dispute(&b, &claim, Actor::Kiosk, at(&site.day, "15:02"))
            .unwrap()
    });
    site.set_time("16:00");
    let mut b = site.signed_in("Ana Ruiz").await;
    let (_, _, review) = b.get("/review").await;
    assert!(review.contains("Open disputes (1)"));
    assert!(review.contains("we &lt;b&gt;wrapped&lt;/b&gt; late"));
    assert!(
        review.contains("Approve all clean (1)"),
        "only B-0001 is clean"
    );
    let (_, _, filtered) = b.get("/review?flag=unsigned").await;
    assert!(filtered.contains("B-0003") && !filtered.contains(">B-0001<"));
    // Approve all clean: B-0001 only, by the signed-in name.
    let (status, headers, _) = b.submit("/review", "/review/approve-clean", &[]).await;
    assert_eq!(
        (status, location(&headers)),
        (StatusCode::SEE_OTHER, "/review")
    );
    let approved = site.events("voucher_approved");
    assert_eq!(approved.len(), 1);
    assert_eq!(approved[0]["badge"], "B-0001");
    assert_eq!(approved[0]["by"], "Ana Ruiz");
    // B-0003 is unsigned: approving it needs a note, said plainly.
    let (status, _, page) = b
        .submit(
            "/review",
            "/review/approve",
            &[("badge", "B-0003"), ("note", "")],
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(page.contains("nothing was approved"), "{page}");
    let (status, _, _) = b
        .submit(
            "/review",
            "/review/approve",
            &[("badge", "B-0003"), ("note", "signed on paper")],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        site.events("voucher_approved")[1]["note"],
        "signed on paper"
    );
    // Reject without a note: refused; accept: the out time is corrected.
    let reject = format!("/disputes/{dispute_id}/reject");
    let (status, _, page) = b.submit("/review", &reject, &[("note", "")]).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(page.contains("say why in a note"));
    let accept = format!("/disputes/{dispute_id}/accept");
    let (status, _, _) = b
        .submit("/review", &accept, &[("note", "the AD agrees")])
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let decided = site.events("request_resolved");
    assert_eq!(decided.last().unwrap()["by"], "Ana Ruiz");
    assert_eq!(decided.last().unwrap()["outcome"], "accepted");
    let (_, _, person) = b.get("/people/B-0002").await;
    assert!(
        person.contains("15:30"),
        "the out time as accepted: {person}"
    );
    // A decided dispute cannot be decided again.
    let (status, _, _) = b.submit("/review", &accept, &[("note", "again")]).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (status, _, _) = b.submit("/review", "/disputes/zzzzzz/shout", &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

fn zip_names(bytes: &[u8]) -> Vec<String> {
    let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    zip.file_names().map(|n| n.unwrap().to_string()).collect()
}

pub fn zip_file(bytes: &[u8], suffix: &str) -> String {
    use std::io::Read;
    let name = zip_names(bytes)
        .into_iter()
        .find(|n| n.ends_with(suffix))
        .unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    zip.by_name(&name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[tokio::test(flavor = "multi_thread")]
async fn wrap_downloads_one_zip_behind_the_exports_gates() {
    let site = Site::new(false);
    for badge in ["B-0001", "B-0002"] {
        site.check_in(badge, "06:00");
        site.release(badge, "15:00");
    }
    site.with_kiosk(|k| k.set_approval_required(true).unwrap());
    site.set_time("18:00");
    let mut payroll = site.signed_in("Pay Roll").await;
    // Unapproved vouchers on a day that requires approval: said, no ZIP;
    // payroll may not pass the gate (the box is not there, and a forged
    // one is ignored).
    let (status, headers, page) = payroll.submit("/wrap", "/wrap/export", &[]).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(headers.get(header::CONTENT_DISPOSITION).is_none());
    assert!(
        page.contains("not approved") && page.contains("Ask a supervisor"),
        "{page}"
    );
    assert!(!page.contains("allow_unapproved"));
    let (status, _, _) = payroll
        .submit("/wrap", "/wrap/export", &[("allow_unapproved", "yes")])
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    // A supervisor exports anyway, and the ZIP's name says so.
    let mut ana = site.signed_in("Ana Ruiz").await;
    let (_, _, page) = ana.get("/wrap").await;
    assert!(page.contains("name=\"allow_unapproved\""));
    let r = {
        let (_, _, page) = ana.get("/wrap").await;
        let body = form_body(&[("csrf", &csrf_of(&page)), ("allow_unapproved", "yes")]);
        ana.request("POST", "/wrap/export", Body::from(body), true)
    };
    let response = site.router.clone().oneshot(r).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers().get(header::CONTENT_TYPE).unwrap(),
        "application/zip"
    );
    let disposition = response
        .headers()
        .get(header::CONTENT_DISPOSITION)
        .unwrap()
        .to_str()
        .unwrap();
    assert_eq!(
        disposition,
        "attachment; filename=\"extras-2026-11-28-unapproved.zip\""
    );
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    let names = zip_names(&bytes);
    assert!(names.iter().any(|n| n.ends_with(".csv")), "{names:?}");
    assert!(names.iter().any(|n| n.ends_with(".pdf")), "{names:?}");
    assert!(names.iter().any(|n| n.ends_with(".xlsx")), "{names:?}");
    let csv = zip_file(
        &bytes,
        &names
            .iter()
            .find(|n| n.starts_with("vouchers"))
            .unwrap()
            .clone(),
    );
    assert!(
        csv.lines().any(|l| l.starts_with("2026-11-28,B-0001,")),
        "{csv}"
    );
    // Approved, the plain export goes through under the plain name.
    let (status, _, _) = ana
        .submit(
            "/review",
            "/review/approve",
            &[("badge", "B-0001"), ("note", "paper")],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    ana.submit(
        "/review",
        "/review/approve",
        &[("badge", "B-0002"), ("note", "paper")],
    )
    .await;
    let (_, _, page) = payroll.get("/wrap").await;
    let body = form_body(&[("csrf", &csrf_of(&page))]);
    let r = payroll.request("POST", "/wrap/export", Body::from(body), true);
    let response = site.router.clone().oneshot(r).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers().get(header::CONTENT_DISPOSITION).unwrap(),
        "attachment; filename=\"extras-2026-11-28.zip\""
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn spanish_by_the_browsers_language_and_by_the_switch() {
    let site = Site::new(false);
    let mut b = site.browser();
    b.language = Some("es-MX,es;q=0.9,en;q=0.5");
    let (_, _, form) = b.get("/signin").await;
    assert!(form.contains("lang=\"es\"") && form.contains("Contraseña"));
    b.sign_in("Vic Viewer", PASSWORD).await;
    let (_, _, page) = b.get("/dashboard").await;
    assert!(
        page.contains("<dt>Llegados</dt>") && page.contains("Panel"),
        "{page}"
    );
    // The switch wins over the browser's language, and is kept.
    let (status, headers, _) = b.get("/lang?to=en&back=/dashboard").await;
    assert_eq!(
        (status, location(&headers)),
        (StatusCode::SEE_OTHER, "/dashboard")
    );
    let (_, _, page) = b.get("/dashboard").await;
    assert!(page.contains("<dt>Arrived</dt>") && page.contains("Español"));
    let mut english = site.browser();
    english.language = Some("en-GB,en;q=0.9");
    english.sign_in("Vic Viewer", PASSWORD).await;
    assert!(english.get("/roster").await.2.contains("lang=\"en\""));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_supervisor_corrects_a_time_in_their_own_name() {
    let site = Site::new(false);
    site.check_in("B-0004", "06:10");
    site.release("B-0004", "15:00");
    let mut ana = site.signed_in("Ana Ruiz").await;
    let (_, _, page) = ana.get("/people/B-0004").await;
    assert!(page.contains("action=\"/people/B-0004/correct\""));
    let fix = |time: &'static str, reason: &'static str| {
        vec![("field", "out"), ("time", time), ("reason", reason)]
    };
    // No reason, or a time that does not read: said, nothing changed.
    let (status, _, page) = ana
        .submit(
            "/people/B-0004",
            "/people/B-0004/correct",
            &fix("15:45", ""),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(page.contains("a reason is required"), "{page}");
    let (status, _, page) = ana
        .submit(
            "/people/B-0004",
            "/people/B-0004/correct",
            &fix("quarter to", "wrap"),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(page.contains("the time"), "{page}");
    let (status, _, _) = ana
        .submit(
            "/people/B-0004",
            "/people/B-0004/correct",
            &[("field", "lunch"), ("time", "12:00"), ("reason", "x")],
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(site.events("time_corrected").is_empty());
    // Corrected: the change log names the web user.
    let (status, headers, _) = ana
        .submit(
            "/people/B-0004",
            "/people/B-0004/correct",
            &fix("15:45", "camera wrapped late"),
        )
        .await;
    assert_eq!(
        (status, location(&headers)),
        (StatusCode::SEE_OTHER, "/people/B-0004")
    );
    let corrected = site.events("time_corrected");
    assert_eq!(corrected[0]["by"], "Ana Ruiz");
    assert_eq!(corrected[0]["to"], "15:45");
    let (_, _, page) = ana.get("/people/B-0004").await;
    assert!(
        page.contains("Ana Ruiz") && page.contains("camera wrapped late"),
        "{page}"
    );
    // A viewer cannot, and is not offered the form.
    let mut vic = site.signed_in("Vic Viewer").await;
    let (_, _, page) = vic.get("/people/B-0004").await;
    assert!(!page.contains("/correct\""));
    let token = csrf_of(&page);
    let (status, _, _) = vic
        .post(
            "/people/B-0004/correct",
            &[
                ("csrf", &token),
                ("field", "out"),
                ("time", "16:00"),
                ("reason", "x"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(site.events("time_corrected").len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_day_opened_while_serving_is_served() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    let mut station = Station::open(Store::open(&db).unwrap(), None).unwrap();
    station
        .add_web_user("Ana Ruiz", Role::Supervisor, PASSWORD, Utc::now())
        .unwrap();
    let app = WebApp::new(station, false, Arc::new(Utc::now)).unwrap();
    let router = web::router(app.clone());
    let mut b = Browser {
        router,
        cookies: HashMap::new(),
        addr: "10.0.0.7:5000".parse().unwrap(),
        language: None,
    };
    assert_eq!(
        b.sign_in("Ana Ruiz", PASSWORD).await.0,
        StatusCode::SEE_OTHER
    );
    for page in ["/dashboard", "/roster", "/review"] {
        let (status, _, body) = b.get(page).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(body.contains("No shoot day is open"), "{page}: {body}");
    }
    // The command line opens the day and imports the skin meanwhile.
    let (_d, store, day) = super::common::demo_with_skin();
    drop(store);
    let mut store = Store::open(&db).unwrap();
    let (opened, _) = store
        .open_day(
            &extras_kiosk::store::DayUpdate {
                date: Some(day.date),
                title: Some("Opened later".into()),
                ..Default::default()
            },
            chrono_tz::America::Los_Angeles,
        )
        .unwrap();
    extras_kiosk::skin::import(
        &mut store,
        &opened,
        &super::common::fixture("demo/skin.csv"),
        Default::default(),
    )
    .unwrap();
    app.read_again();
    let (_, _, page) = b.get("/dashboard").await;
    assert!(page.contains("Opened later"), "{page}");
    let (_, _, page) = b.get("/review").await;
    assert!(page.contains("All (170)"), "{page}");
    let (status, _, _) = b.get("/people/B-0001").await;
    assert_eq!(status, StatusCode::OK);
}

/// Posts one phone scan as the scanner page does; the status and answer.
async fn phone_scan(
    b: &mut Browser,
    csrf: Option<&str>,
    id: &str,
    payload: &str,
    mode: &str,
    at: DateTime<Utc>,
) -> (StatusCode, serde_json::Value) {
    let body = serde_json::json!({
        "id": id, "payload": payload, "mode": mode, "scanned_at_ms": at.timestamp_millis(),
    });
    let mut r = b.request("POST", "/scan", Body::from(body.to_string()), false);
    r.headers_mut()
        .insert(header::CONTENT_TYPE, "application/json".parse().unwrap());
    if let Some(token) = csrf {
        r.headers_mut()
            .insert("x-csrf-token", token.parse().unwrap());
    }
    let (status, _, text) = b.send(r).await;
    (status, serde_json::from_str(&text).unwrap())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_phone_scan_is_recorded_once_as_the_phone_in_the_users_name() {
    let site = Site::new(false);
    let payloads: HashMap<String, String> = {
        let store = Store::open(&site.db).unwrap();
        extras_kiosk::badge::contents_for_day(&store, &site.day, &[])
            .unwrap()
            .into_iter()
            .map(|c| (c.badge_no, c.payload))
            .collect()
    };
    site.set_time("06:40");
    let scanned = at(&site.day, "06:38");
    let mut ana = site.signed_in("Ana Ruiz").await;
    let token = csrf_of(&ana.get("/dashboard").await.2);
    let b1 = payloads["B-0001"].as_str();
    let (status, answer) = phone_scan(
        &mut ana,
        Some(&token),
        "scan-0001-aaaa",
        b1,
        "checkin",
        scanned,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(answer["outcome"], "checked_in");
    assert_eq!(answer["badge"], "B-0001");
    assert_eq!(answer["again"], false);
    assert!(answer["server_ms"].as_i64().is_some());
    // Recorded at the time it was scanned, as the phone, by Ana.
    let store = Store::open(&site.db).unwrap();
    let checkins = store.events_of_kinds(&["checked_in"]).unwrap();
    assert_eq!(checkins.len(), 1);
    assert_eq!(checkins[0].happened_at, scanned);
    let payload: serde_json::Value = serde_json::from_str(&checkins[0].payload).unwrap();
    assert_eq!(payload["by"], "Ana Ruiz");
    assert_eq!(payload["station"], "phone");
    // Sent again (the network came back): the first answer, nothing more.
    let (status, again) = phone_scan(
        &mut ana,
        Some(&token),
        "scan-0001-aaaa",
        b1,
        "checkin",
        scanned,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(again["outcome"], "checked_in");
    assert_eq!(again["again"], true);
    // Scanned again under a new id: amber, already here; still one check-in.
    let (_, amber) = phone_scan(
        &mut ana,
        Some(&token),
        "scan-0001-bbbb",
        b1,
        "checkin",
        scanned,
    )
    .await;
    assert_eq!(amber["outcome"], "already_checked_in");
    assert_eq!(store.events_of_kinds(&["checked_in"]).unwrap().len(), 1);
    // A tampered payload: red, with the reason.
    let tampered = format!("{}x", &b1[..b1.len() - 1]);
    let (_, red) = phone_scan(
        &mut ana,
        Some(&token),
        "scan-tamper-01",
        &tampered,
        "checkin",
        scanned,
    )
    .await;
    assert_eq!(red["outcome"], "refused", "{red}");
    assert!(red["reason"].is_string());
    // A time ahead of the server counts as now; one older than a day is refused.
    let (_, ahead) = phone_scan(
        &mut ana,
        Some(&token),
        "scan-0002-future",
        &payloads["B-0002"],
        "checkin",
        at(&site.day, "09:00"),
    )
    .await;
    assert_eq!(ahead["outcome"], "checked_in");
    let (status, old) = phone_scan(
        &mut ana,
        Some(&token),
        "scan-0003-stale",
        &payloads["B-0003"],
        "checkin",
        scanned - Duration::hours(25),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(old["outcome"], "not_recorded");
    // What is refused records nothing: no token, a viewer, a bad id or mode.
    let (status, _) = phone_scan(
        &mut ana,
        None,
        "scan-0004-nocsrf",
        &payloads["B-0004"],
        "checkin",
        scanned,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = phone_scan(
        &mut ana,
        Some(&token),
        "x",
        &payloads["B-0004"],
        "checkin",
        scanned,
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (status, _) = phone_scan(
        &mut ana,
        Some(&token),
        "scan-0004-mode",
        &payloads["B-0004"],
        "lunch",
        scanned,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let mut vic = site.signed_in("Vic Viewer").await;
    let theirs = csrf_of(&vic.get("/dashboard").await.2);
    let (status, _) = phone_scan(
        &mut vic,
        Some(&theirs),
        "scan-0004-viewer",
        &payloads["B-0004"],
        "checkin",
        scanned,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(store.events_of_kinds(&["checked_in"]).unwrap().len(), 2);
    // Hours later the session has ended: not recorded, said; signed in
    // again, the check-out goes through.
    site.set_time("15:00");
    let scanned_out = at(&site.day, "14:59");
    let (status, _) = phone_scan(
        &mut ana,
        Some(&token),
        "scan-0001-out1",
        b1,
        "checkout",
        scanned_out,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let mut ana = site.signed_in("Ana Ruiz").await;
    let token = csrf_of(&ana.get("/dashboard").await.2);
    let (_, out) = phone_scan(
        &mut ana,
        Some(&token),
        "scan-0001-out1",
        b1,
        "checkout",
        scanned_out,
    )
    .await;
    assert_eq!(out["outcome"], "released", "{out}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_day_that_does_not_read_is_said_not_shown_as_zeros() {
    let site = Site::new(false);
    site.check_in("B-0001", "06:00");
    // The day's union rules damaged in the file (by hand, or a bad import).
    let conn = rusqlite::Connection::open(&site.db).unwrap();
    conn.execute(
        "INSERT OR REPLACE INTO settings (key, value) VALUES ('rules.2026-11-28.union', 'not = [rules')",
        [],
    )
    .unwrap();
    site.app.read_again();
    let mut b = site.signed_in("Vic Viewer").await;
    let (_, _, page) = b.get("/dashboard").await;
    assert!(page.contains("The day could not be read"), "{page}");
    assert!(
        !page.contains("<dt>Arrived</dt><dd>0</dd>"),
        "no zeros that say nobody is here"
    );
    let (_, _, rows) = b.get("/roster/rows?q=").await;
    assert!(rows.contains("The day could not be read"), "{rows}");
}

/// Posts `body` as JSON to `path` with the page's token; status and answer.
async fn post_json(
    b: &mut Browser,
    csrf: &str,
    path: &str,
    body: &str,
) -> (StatusCode, serde_json::Value) {
    let mut r = b.request("POST", path, Body::from(body.to_string()), false);
    r.headers_mut()
        .insert(header::CONTENT_TYPE, "application/json".parse().unwrap());
    r.headers_mut()
        .insert("x-csrf-token", csrf.parse().unwrap());
    let (status, _, text) = b.send(r).await;
    let answer = serde_json::from_str(&text).unwrap_or(serde_json::Value::Null);
    (status, answer)
}

#[tokio::test(flavor = "multi_thread")]
async fn the_phone_starts_and_ends_meals_says_who_a_badge_is_and_signs_a_voucher() {
    let site = Site::new(false);
    let payloads: HashMap<String, String> = {
        let store = Store::open(&site.db).unwrap();
        extras_kiosk::badge::contents_for_day(&store, &site.day, &[])
            .unwrap()
            .into_iter()
            .map(|c| (c.badge_no, c.payload))
            .collect()
    };
    site.check_in("B-0001", "06:20");
    site.set_time("12:30");
    let mut ana = site.signed_in("Ana Ruiz").await;
    let token = csrf_of(&ana.get("/scanner").await.2);
    let ms = |t: &str| at(&site.day, t).timestamp_millis();
    let scan = |id: &str, what: &str, mode: &str, t: &str| {
        format!(
            r#"{{"id":"{id}",{what},"mode":"{mode}","scanned_at_ms":{}}}"#,
            ms(t)
        )
    };
    let b1 = format!(r#""payload":"{}""#, payloads["B-0001"]);

    // Who is this: the extra, their day, and nothing recorded.
    let before = Store::open(&site.db).unwrap().events(None).unwrap().len();
    let (status, who) = post_json(
        &mut ana,
        &token,
        "/scan",
        &scan("who-00000001", &b1, "who", "12:29"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{who}");
    assert_eq!(who["outcome"], "who");
    assert_eq!(who["card"], "blue");
    assert_eq!(who["badge"], "B-0001");
    assert_eq!(who["status"], "here");
    assert_eq!(who["in"], "06:20");
    assert!(
        who["lines"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["label"] == "In"),
        "{who}"
    );
    let tampered = format!(
        r#""payload":"{}x""#,
        &payloads["B-0002"][..payloads["B-0002"].len() - 1]
    );
    let (_, who_not) = post_json(
        &mut ana,
        &token,
        "/scan",
        &scan("who-00000002", &tampered, "who", "12:29"),
    )
    .await;
    assert_eq!(who_not["card"], "red", "{who_not}");
    assert_eq!(
        Store::open(&site.db).unwrap().events(None).unwrap().len(),
        before
    );

    // Meal out and in by the badge's code; again (no meal open) amber.
    let (_, out) = post_json(
        &mut ana,
        &token,
        "/scan",
        &scan("meal-out-0001", &b1, "meal_out", "12:30"),
    )
    .await;
    assert_eq!(
        (out["outcome"].as_str(), out["card"].as_str()),
        (Some("meal_started"), Some("green")),
        "{out}"
    );
    let (_, back) = post_json(
        &mut ana,
        &token,
        "/scan",
        &scan("meal-in-00001", &b1, "meal_in", "13:00"),
    )
    .await;
    assert_eq!(back["outcome"], "meal_ended", "{back}");
    let (_, none) = post_json(
        &mut ana,
        &token,
        "/scan",
        &scan("meal-in-00002", &b1, "meal_in", "13:01"),
    )
    .await;
    assert_eq!(
        (none["outcome"].as_str(), none["card"].as_str()),
        (Some("meal_refused"), Some("amber")),
        "{none}"
    );
    assert!(
        none["message"]
            .as_str()
            .unwrap()
            .contains("nothing was recorded")
    );
    // The same id for another scan: refused, not the first one's answer.
    let (status, reused) = post_json(
        &mut ana,
        &token,
        "/scan",
        &scan("meal-out-0001", &b1, "meal_in", "13:05"),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{reused}");
    assert!(
        reused["message"].as_str().unwrap().contains("already used"),
        "{reused}"
    );
    // Not here: red.
    let b3 = r#""badge":"B-0003""#;
    let (_, absent) = post_json(
        &mut ana,
        &token,
        "/scan",
        &scan("meal-out-0003", b3, "meal_out", "12:31"),
    )
    .await;
    assert_eq!(absent["card"], "red", "{absent}");
    let store = Store::open(&site.db).unwrap();
    let meals = store
        .events_of_kinds(&["meal_started", "meal_ended"])
        .unwrap();
    assert_eq!(meals.len(), 2);
    for meal in &meals {
        let p: serde_json::Value = serde_json::from_str(&meal.payload).unwrap();
        assert_eq!(
            (p["by"].as_str(), p["station"].as_str()),
            (Some("Ana Ruiz"), Some("phone"))
        );
    }
    assert_eq!(meals[0].happened_at, at(&site.day, "12:30"));

    // A typed badge number checks in (a damaged badge); an unknown one
    // is said, not recorded.
    let (_, typed) = post_json(
        &mut ana,
        &token,
        "/scan",
        &scan("typed-000004", r#""badge":" b-0004 ""#, "checkin", "12:32"),
    )
    .await;
    assert_eq!(typed["outcome"], "checked_in", "{typed}");
    let (status, unknown) = post_json(
        &mut ana,
        &token,
        "/scan",
        &scan("typed-000099", r#""badge":"B-9999""#, "checkin", "12:32"),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{unknown}");
    assert_eq!(unknown["card"], "red");

    // Check-out: the voucher to sign comes with the answer; signed once.
    site.set_time("14:00");
    let (_, released) = post_json(
        &mut ana,
        &token,
        "/scan",
        &scan("out-00000001", &b1, "checkout", "13:59"),
    )
    .await;
    assert_eq!(released["outcome"], "released", "{released}");
    let lines = released["summary"]["lines"]
        .as_array()
        .expect("the voucher's lines");
    assert!(lines.iter().any(|l| l["label"] == "Gross"), "{released}");
    let sign =
        r#"{"id":"sign-00000001","badge":"B-0001","strokes":[[[0.1,0.5],[0.2,0.4],[0.3,0.6]]]}"#;
    let (status, signed) = post_json(&mut ana, &token, "/scan/sign", sign).await;
    assert_eq!(
        (status, signed["outcome"].as_str()),
        (StatusCode::OK, Some("signed")),
        "{signed}"
    );
    let (_, again) = post_json(&mut ana, &token, "/scan/sign", sign).await;
    assert_eq!(again["again"], true);
    let store = Store::open(&site.db).unwrap();
    let signed = store.events_of_kinds(&["voucher_signed"]).unwrap();
    assert_eq!(signed.len(), 1);
    let p: serde_json::Value = serde_json::from_str(&signed[0].payload).unwrap();
    let stored: Vec<Vec<[f32; 2]>> = serde_json::from_value(p["strokes"].clone()).unwrap();
    assert_eq!(stored, vec![vec![[0.1, 0.5], [0.2, 0.4], [0.3, 0.6]]]);
    assert_eq!(p["by"], "Ana Ruiz");
    // Signing someone not released, points off the pad, an empty pad: refused.
    for (body, wanted) in [
        (
            r#"{"id":"sign-00000004","badge":"B-0004","strokes":null}"#,
            StatusCode::CONFLICT,
        ),
        (
            r#"{"id":"sign-00000005","badge":"B-0001","strokes":[[[5.0,-1.0],[0.2,0.2]]]}"#,
            StatusCode::BAD_REQUEST,
        ),
        (
            r#"{"id":"sign-00000006","badge":"B-0001","strokes":[[[0.5,0.5]]]}"#,
            StatusCode::CONFLICT,
        ),
    ] {
        let (status, _) = post_json(&mut ana, &token, "/scan/sign", body).await;
        assert_eq!(status, wanted, "{body}");
    }
    assert_eq!(store.events_of_kinds(&["voucher_signed"]).unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn hostile_scans_and_the_scanners_own_policy() {
    let site = Site::new(false);
    site.set_time("07:00");
    let mut ana = site.signed_in("Ana Ruiz").await;
    let (status, headers, page) = ana.get("/scanner").await;
    assert_eq!(status, StatusCode::OK);
    let token = csrf_of(&page);
    let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
        "{csp}"
    );
    assert!(!csp.contains("'unsafe-eval'") || csp.contains("'wasm-unsafe-eval'"));
    assert!(!csp.contains("unsafe-inline"));
    // Every other page keeps the strict policy.
    let (_, headers, _) = ana.get("/dashboard").await;
    let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(!csp.contains("wasm"), "{csp}");
    // The decoder and its licences are served from the binary.
    let (status, headers, _) = ana.get("/static/zxing/zxing_reader.wasm").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "application/wasm");
    let (_, _, licences) = ana.get("/static/zxing/LICENSE.txt").await;
    assert!(licences.contains("MIT License") && licences.contains("Apache License"));
    // A viewer has no scanner.
    let mut vic = site.signed_in("Vic Viewer").await;
    assert_eq!(vic.get("/scanner").await.0, StatusCode::FORBIDDEN);

    let now = at(&site.day, "06:59").timestamp_millis();
    let huge = "A".repeat(600);
    let hostile = [
        r#"not json"#.to_string(),
        r#"{"id":"x0000001","mode":"checkin","scanned_at_ms":1}"#.to_string(),
        format!(
            r#"{{"id":"x0000002","payload":"EK1","badge":"B-0001","mode":"checkin","scanned_at_ms":{now}}}"#
        ),
        format!(r#"{{"id":"x0000003","payload":"{huge}","mode":"checkin","scanned_at_ms":{now}}}"#),
        format!(
            r#"{{"id":"x0000004","payload":"EK1","mode":"checkin","scanned_at_ms":{now},"by":"Boss"}}"#
        ),
        format!(r#"{{"id":"x0000005","payload":"EK1","mode":"<script>","scanned_at_ms":{now}}}"#),
        format!(r#"{{"id":"x0000006","payload":"   ","mode":"checkin","scanned_at_ms":{now}}}"#),
        r#"{"id":"x0000007","payload":"EK1","mode":"checkin","scanned_at_ms":99999999999999999}"#
            .to_string(),
    ];
    for body in &hostile {
        let (status, answer) = post_json(&mut ana, &token, "/scan", body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}: {answer}");
        assert_eq!(answer["outcome"], "not_recorded");
        assert_eq!(answer["card"], "red");
    }
    // Markup and control characters in a payload: refused as a badge, the
    // answer plain JSON, the record kept printable.
    let (status, answer) = post_json(
        &mut ana,
        &token,
        "/scan",
        &format!(r#"{{"id":"x0000008","payload":"<img src=x onerror=alert(1)>\u0007","mode":"checkin","scanned_at_ms":{now}}}"#),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(answer["card"], "red");
    let store = Store::open(&site.db).unwrap();
    assert!(store.events_of_kinds(&["checked_in"]).unwrap().is_empty());
    let refused = store.events_of_kinds(&["scan_refused"]).unwrap();
    assert_eq!(refused.len(), 1);
    assert!(!refused[0].payload.contains('\u{7}'));
    // After signing in, a page of this app only: never another site.
    let mut fresh = site.browser();
    let (_, _, form) = fresh.get("/signin?next=//evil.example/x").await;
    assert!(!form.contains("evil.example"), "{form}");
    let (_, _, form) = fresh.get("/signin?next=/scanner").await;
    assert!(form.contains("name=\"next\" value=\"/scanner\""), "{form}");
}
