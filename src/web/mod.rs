//! The production's web app: another face of a kiosk, like `src/ui/`. It
//! reads the day through the kiosk core and writes only through it (every
//! write an event naming the web user), on the kiosk's own file; it never
//! names the store. Server-rendered pages, EN/ES, a little JavaScript,
//! every asset inside the binary.

pub mod app;
pub mod auth;
pub mod board;
pub mod page;
pub mod people;
pub mod review;
pub mod scan;
pub mod tls;
pub mod wrap;

pub use app::{WebApp, WebClock};

use axum::Router;
use axum::extract::{DefaultBodyLimit, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use page::{Lang, plain};
use std::net::SocketAddr;
use std::sync::Arc;

/// The largest request body taken.
pub const MAX_BODY: usize = 64 * 1024;

/// What every answer says about itself: a strict Content-Security-Policy
/// (scripts and styles only from this app, no framing), no referrer.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// The scanner page's policy: the web app's, and what its QR decoder needs
/// (zxing-wasm compiles its WebAssembly; nothing else is loosened).
pub const SCANNER_CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; media-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const APP_CSS: &str = include_str!("assets/app.css");
const APP_JS: &str = include_str!("assets/app.js");
const SCANNER_JS: &str = include_str!("assets/scanner.js");
/// The QR decoder the scanner page loads: zxing-wasm (MIT) over zxing-cpp
/// (Apache-2.0), vendored from the npm registry with both licences.
const ZXING_JS: &str = include_str!("assets/vendor/zxing-wasm/reader.js");
const ZXING_WASM: &[u8] = include_bytes!("assets/vendor/zxing-wasm/zxing_reader.wasm");
const ZXING_LICENCES: &str = concat!(
    include_str!("assets/vendor/zxing-wasm/LICENSE"),
    "\n\n",
    include_str!("assets/vendor/zxing-wasm/LICENSE.zxing-cpp"),
);

/// Every page and action of the web app on `app`.
pub fn router(app: Arc<WebApp>) -> Router {
    Router::new()
        .route("/", get(auth::root))
        .route("/signin", get(auth::sign_in_form).post(auth::sign_in))
        .route("/signout", post(auth::sign_out))
        .route("/dashboard", get(board::page))
        .route("/dashboard/events", get(board::events))
        .route("/roster", get(people::roster))
        .route("/roster/rows", get(people::rows))
        .route("/people/{badge}", get(people::person))
        .route("/people/{badge}/correct", post(people::correct))
        .route("/review", get(review::page))
        .route("/review/approve", post(review::approve))
        .route("/review/approve-clean", post(review::approve_clean))
        .route("/disputes/{id}/{action}", post(review::dispute))
        .route("/scanner", get(scan::page))
        .route("/scan", post(scan::scan))
        .route("/scan/sign", post(scan::sign))
        .route("/wrap", get(wrap::page))
        .route("/wrap/export", post(wrap::export))
        .route("/lang", get(switch_language))
        .route(
            "/static/app.css",
            get(|| async { asset("text/css; charset=utf-8", APP_CSS) }),
        )
        .route(
            "/static/app.js",
            get(|| async { asset("text/javascript; charset=utf-8", APP_JS) }),
        )
        .route(
            "/static/scanner.js",
            get(|| async { asset("text/javascript; charset=utf-8", SCANNER_JS) }),
        )
        .route(
            "/static/zxing/reader.js",
            get(|| async { asset("text/javascript; charset=utf-8", ZXING_JS) }),
        )
        .route(
            "/static/zxing/zxing_reader.wasm",
            get(|| async { asset("application/wasm", ZXING_WASM) }),
        )
        .route(
            "/static/zxing/LICENSE.txt",
            get(|| async { asset("text/plain; charset=utf-8", ZXING_LICENCES) }),
        )
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(middleware::from_fn(security_headers))
        .with_state(app)
}

fn asset(kind: &'static str, body: impl IntoResponse) -> Response {
    let mut response = body.into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("max-age=3600"),
    );
    response
}

async fn not_found(headers: HeaderMap) -> Response {
    plain(
        StatusCode::NOT_FOUND,
        Lang::of(&headers),
        "There is no page here: start again from the first page.",
    )
}

/// Adds the security headers to every answer; pages are never cached
/// (they carry names).
async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    // A page that needs more (the scanner's decoder) set its own.
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        );
    }
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

#[derive(serde::Deserialize)]
struct LanguageQuery {
    to: String,
    #[serde(default)]
    back: String,
}

/// GET `/lang?to=es&back=/roster`: the language kept in a cookie, back to
/// the page (only a path of this app: never another site).
async fn switch_language(
    State(app): State<Arc<WebApp>>,
    Query(q): Query<LanguageQuery>,
) -> Response {
    let lang = if q.to == "es" { "es" } else { "en" };
    let back = page::local_path(&q.back).unwrap_or("/");
    let mut response = Redirect::to(back).into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        app.set_cookie("ek-lang", lang, 365 * 24 * 3600),
    );
    response
}

/// How the web app is reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transport {
    /// Plain HTTP: loopback only, unless the user said so.
    Http,
    /// TLS with this certificate and key.
    Tls(tls::CertFiles),
}

/// Refuses plain HTTP on an address other than loopback unless
/// `insecure_http` was given: passwords would cross the network in clear.
pub fn check_transport(
    listen: SocketAddr,
    transport: &Transport,
    insecure_http: bool,
) -> Result<(), String> {
    if *transport == Transport::Http && !listen.ip().is_loopback() && !insecure_http {
        return Err(format!(
            "{listen} is reachable from other machines, and without TLS the passwords would cross the network in the clear: add --tls-self-signed (or --tls-cert and --tls-key), listen on 127.0.0.1, or add --insecure-http if this network is yours alone"
        ));
    }
    Ok(())
}

/// Serves `app` on `listen` until the process is stopped; `ready` is called
/// with the address bound (port 0 picks one).
pub fn serve(
    app: Arc<WebApp>,
    listen: SocketAddr,
    transport: Transport,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("the web server could not start: {e}"))?;
    runtime.block_on(async move {
        let listener = std::net::TcpListener::bind(listen).map_err(|e| {
            format!("cannot listen on {listen}: {e} (is another server on that port? pick another with --listen)")
        })?;
        listener
            .set_nonblocking(true)
            .map_err(|e| format!("cannot listen on {listen}: {e}"))?;
        let bound = listener
            .local_addr()
            .map_err(|e| format!("cannot listen on {listen}: {e}"))?;
        let tls = match transport {
            Transport::Http => None,
            Transport::Tls(files) => {
                tls::use_ring();
                Some(
                    axum_server::tls_rustls::RustlsConfig::from_pem_file(&files.cert, &files.key)
                        .await
                        .map_err(|e| {
                            format!(
                                "the certificate {} or its key {} does not read ({e}): give PEM files, or use --tls-self-signed",
                                files.cert.display(),
                                files.key.display()
                            )
                        })?,
                )
            }
        };
        app.watch();
        let service = router(app).into_make_service_with_connect_info::<SocketAddr>();
        ready(bound);
        let served = match tls {
            None => axum_server::from_tcp(listener)
                .map_err(|e| format!("cannot listen on {listen}: {e}"))?
                .serve(service)
                .await,
            Some(config) => axum_server::from_tcp_rustls(listener, config)
                .map_err(|e| format!("cannot listen on {listen}: {e}"))?
                .serve(service)
                .await,
        };
        served.map_err(|e| format!("the web server stopped: {e}"))
    })
}
