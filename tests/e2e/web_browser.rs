//! The web app as its users meet it: `extras-kiosk serve` (the binary) on
//! an office kiosk joined to a real throwaway PostgreSQL hub, opened in
//! headless Chromium through WebDriver. Signing in, a check-in made at
//! another kiosk appearing on the open dashboard without a reload, a
//! voucher approved, the wrap ZIP downloaded and its CSV read, what a
//! viewer does not see, the phone-sized page (no sideways scroll, touch
//! targets of 44 px) and its screenshot. And the server itself: TLS with
//! a certificate it makes and the fingerprint it prints, plain HTTP
//! refused off loopback.

use super::common::browser::{Chrome, fill_sign_in, keep_screenshot};
use super::common::load::{Plan, binary, ok, production};
use super::common::pg::{Pg, eventually};
use fantoccini::{Client, Locator};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

pub(super) const PASSWORD: &str = "correct horse battery";

pub(super) use super::common::serve::Server;

/// `serve ARGS` on `db` with the day's pgpass file.
pub(super) fn serve(db: &Path, pgpass: &Path, args: &[&str]) -> Server {
    super::common::serve::serve(db, Some(pgpass), args)
}

pub(super) fn add_user(db: &Path, pgpass: &Path, name: &str, role: &str) {
    let mut child = Command::new(binary())
        .args([
            "web",
            "user",
            "add",
            name,
            "--role",
            role,
            "--password-stdin",
        ])
        .env("EXTRAS_KIOSK_DB", db)
        .env("PGPASSFILE", pgpass)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{PASSWORD}").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

pub(super) async fn sign_in(c: &Client, url: &str, name: &str) {
    c.goto(url).await.unwrap();
    fill_sign_in(c, name, PASSWORD).await;
}

/// The text of the first element `css` finds, read in one step in the
/// page (the live dashboard replaces its elements: a reference held
/// between finding and reading can go stale).
pub(super) async fn text_of(c: &Client, css: &str) -> String {
    for _ in 0..40 {
        let v = c
            .execute(
                "const e = document.querySelector(arguments[0]); return e ? e.innerText : null;",
                vec![serde_json::json!(css)],
            )
            .await
            .unwrap();
        if let Some(text) = v.as_str() {
            return text.to_string();
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    panic!("no {css} within 10 s");
}

async fn count(c: &Client, name: &str) -> String {
    text_of(c, &format!("[data-count={name}] dd")).await
}

/// What the page measures of itself: sideways scroll, and every visible
/// control whose touch target (itself, or the label around it) is under
/// 44 px high.
pub(super) async fn phone_check(c: &Client) -> (i64, i64, Vec<String>) {
    let v = c
        .execute(
            "const small = [...document.querySelectorAll('a, button, input, select')]
               .filter(e => e.type !== 'hidden' && e.offsetParent !== null)
               .filter(e => (e.closest('label') || e).getBoundingClientRect().height < 44)
               .map(e => e.outerHTML.slice(0, 80));
             return [document.documentElement.scrollWidth, window.innerWidth, small];",
            vec![],
        )
        .await
        .unwrap();
    let small = v[2]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect();
    (v[0].as_i64().unwrap(), v[1].as_i64().unwrap(), small)
}

#[test]
fn the_web_app_in_a_real_browser_follows_the_hub_and_decides_and_exports() {
    let chrome = Chrome::start();
    let pg = Pg::start();
    let dir = tempfile::tempdir().unwrap();
    let plan = Plan {
        kiosks: 3,
        extras: 40,
        seconds: 0.0,
        repeat_share: 0.0,
        repeat_after: Duration::ZERO,
        hub: true,
        propagation_every: 0,
    };
    let kiosks = production(Some(&pg), dir.path(), &plan);
    let (office, other) = (&kiosks[1], &kiosks[2]);
    add_user(&office.db, &office.pgpass, "Ana Ruiz", "supervisor");
    add_user(&office.db, &office.pgpass, "Vic Viewer", "viewer");
    let server = serve(&office.db, &office.pgpass, &["--listen", "127.0.0.1:0"]);
    assert!(server.said.contains("Following the hub"), "{}", server.said);
    let url = server.url.clone();
    // The hub's client blocks on a runtime of its own: the browser gets
    // another.
    tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(in_the_browser(&chrome, &url, office, other));
}

async fn in_the_browser(
    chrome: &Chrome,
    url: &str,
    office: &super::common::load::Kiosk,
    other: &super::common::load::Kiosk,
) {
    // Signed in, the dashboard as it stands.
    let c = chrome.window(1280, 800, "en-US").await;
    sign_in(&c, url, "Ana Ruiz").await;
    assert_eq!(c.current_url().await.unwrap().path(), "/dashboard");
    assert_eq!(count(&c, "arrived").await, "0");
    // Marks the page: a reload would lose it.
    c.execute("window.notReloaded = true; return true;", vec![])
        .await
        .unwrap();

    // A check-in at another kiosk, sent to the hub: on the open page.
    ok(&other.db, &other.pgpass, &["checkin", "--badge", "B-0001"]);
    ok(
        &other.db,
        &other.pgpass,
        &["sync", other.url.as_deref().unwrap()],
    );
    let mut arrived = String::new();
    for _ in 0..60 {
        arrived = count(&c, "arrived").await;
        if arrived == "1" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert_eq!(
        arrived, "1",
        "the check-in reached the open dashboard within 15 s"
    );
    let kept = c
        .execute("return window.notReloaded === true;", vec![])
        .await
        .unwrap();
    assert_eq!(kept, serde_json::json!(true), "the page was not reloaded");
    assert_eq!(count(&c, "in_holding").await, "1");

    // Released at the office kiosk; approved on the review page.
    ok(
        &office.db,
        &office.pgpass,
        &["release", "--badge", "B-0001"],
    );
    c.goto(&format!("{url}review")).await.unwrap();
    let form = c
        .find(Locator::Css(".review[data-badge=B-0001] form.approve"))
        .await
        .expect("an approve form for B-0001");
    form.find(Locator::Css("input[name=note]"))
        .await
        .unwrap()
        .send_keys("signed on paper")
        .await
        .unwrap();
    form.find(Locator::Css("button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(".approved"))
        .await
        .unwrap();
    let approved = text_of(&c, ".approved").await;
    assert!(
        approved.contains("Approved by Ana Ruiz") && approved.contains("signed on paper"),
        "{approved}"
    );
    let log = ok(&office.db, &office.pgpass, &["log", "--badge", "B-0001"]);
    assert!(log.contains("voucher_approved"), "{log}");

    // The review page on a laptop, for the README.
    c.goto(&format!("{url}review")).await.unwrap();
    keep_screenshot(&c.screenshot().await.unwrap(), "web-review-laptop.png");

    // Wrap: the ZIP downloaded, its CSV read.
    c.goto(&format!("{url}wrap")).await.unwrap();
    c.find(Locator::Css("form.export button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert!(
        eventually(Duration::from_secs(30), || !chrome.downloaded().is_empty()),
        "a file was downloaded; the page says: {}",
        c.source().await.unwrap_or_default()
    );
    let zip = chrome.downloaded().remove(0);
    let name = zip.file_name().unwrap().to_string_lossy().to_string();
    assert!(
        name.starts_with("extras-") && name.ends_with(".zip"),
        "{name}"
    );
    let bytes = std::fs::read(&zip).unwrap();
    let csv = super::web::zip_file(&bytes, ".csv");
    let header = csv.lines().next().unwrap();
    assert!(header.contains("approved_by"), "{header}");
    let row = csv
        .lines()
        .find(|l| l.contains(",B-0001,"))
        .expect("B-0001's voucher");
    assert!(row.contains("Ana Ruiz"), "{row}");

    // Signed out; a viewer sees no phones and no approve button.
    c.find(Locator::Css("form.signout button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    sign_in(&c, url, "Vic Viewer").await;
    c.goto(&format!("{url}roster")).await.unwrap();
    let roster = c.source().await.unwrap();
    assert!(
        roster.contains("First0 Last0") && !roster.contains("555-"),
        "no phones for a viewer"
    );
    c.goto(&format!("{url}people/B-0001")).await.unwrap();
    assert!(c.find(Locator::Css("form.approve")).await.is_err());
    assert!(!c.source().await.unwrap().contains("@example.com"));
    // Search as you type: the rows follow the field.
    c.goto(&format!("{url}roster")).await.unwrap();
    c.find(Locator::Css("input[name=q]"))
        .await
        .unwrap()
        .send_keys("Last17")
        .await
        .unwrap();
    assert!(
        eventually_async(&c, "#rows .found", "1 found").await,
        "typed search"
    );
    c.close().await.unwrap();

    // A morning in progress for the phone's picture: people in holding, a
    // required union count (B-0001 and B-0003 are union, B-0002 is not).
    for badge in ["B-0002", "B-0003", "B-0004", "B-0005", "B-0006", "B-0007"] {
        ok(&office.db, &office.pgpass, &["checkin", "--badge", badge]);
    }
    ok(&office.db, &office.pgpass, &["day", "union-required", "6"]);

    // On a phone: no sideways scroll, touch targets of 44 px.
    let phone = chrome.window(390, 844, "en-US").await;
    sign_in(&phone, url, "Ana Ruiz").await;
    for page in ["dashboard", "roster", "review", "wrap", "people/B-0001"] {
        phone.goto(&format!("{url}{page}")).await.unwrap();
        let (scroll, inner, small) = phone_check(&phone).await;
        assert!(
            inner <= 390 && inner > 300,
            "the phone's window is {inner} px"
        );
        assert!(
            scroll <= inner,
            "{page} scrolls sideways: {scroll} > {inner}"
        );
        assert!(small.is_empty(), "{page}: controls under 44 px: {small:?}");
    }
    phone.goto(&format!("{url}dashboard")).await.unwrap();
    assert_eq!(count(&phone, "in_holding").await, "6");
    let union = text_of(&phone, ".union").await;
    assert!(union.contains("/ 6 required"), "{union}");
    let png = phone.screenshot().await.unwrap();
    let shot = keep_screenshot(&png, "web-dashboard-phone.png");
    let image = image::load_from_memory(&png).unwrap();
    assert_eq!(image.width(), 390, "{}", shot.display());
    phone.close().await.unwrap();
}

/// Waits up to 10 s for `css`'s text to contain `want`.
async fn eventually_async(c: &Client, css: &str, want: &str) -> bool {
    for _ in 0..40 {
        if let Ok(e) = c.find(Locator::Css(css)).await
            && e.text().await.unwrap_or_default().contains(want)
        {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    false
}

/// The first line of `openssl` talking TLS to 127.0.0.1:`port`, sending
/// `request`, and the certificate's SHA-256 fingerprint.
fn over_tls(port: u16, request: &str) -> (String, String) {
    let mut child = Command::new("openssl")
        .args([
            "s_client",
            "-quiet",
            "-connect",
            &format!("127.0.0.1:{port}"),
            "-servername",
            "localhost",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("openssl runs (apt-get install openssl)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(request.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let answer = String::from_utf8_lossy(&out.stdout).to_string();
    let cert = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "openssl s_client -connect 127.0.0.1:{port} -servername localhost </dev/null 2>/dev/null | openssl x509 -noout -fingerprint -sha256"
        ))
        .output()
        .unwrap();
    let print = String::from_utf8_lossy(&cert.stdout)
        .trim()
        .rsplit('=')
        .next()
        .unwrap()
        .to_string();
    (answer, print)
}

#[test]
fn serve_makes_its_certificate_prints_its_fingerprint_and_refuses_clear_text_off_loopback() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    let pgpass = dir.path().join("pgpass");
    ok(
        &db,
        &pgpass,
        &[
            "day",
            "open",
            "--date",
            "2026-11-28",
            "--title",
            "Harbor",
            "--call",
            "06:30",
        ],
    );
    // Plain HTTP on every address: refused, saying why and what to do.
    let out = super::common::load::run(&db, &pgpass, &["serve", "--listen", "0.0.0.0:0"]);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("in the clear") && said.contains("--tls-self-signed"),
        "{said}"
    );
    // A certificate and key that do not read: said, not a crash.
    std::fs::write(dir.path().join("bad.pem"), "not a certificate").unwrap();
    let bad = dir.path().join("bad.pem");
    let out = super::common::load::run(
        &db,
        &pgpass,
        &[
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--tls-cert",
            bad.to_str().unwrap(),
            "--tls-key",
            bad.to_str().unwrap(),
        ],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not read"));
    // Self-signed: made beside the database, its fingerprint printed and
    // the one the server presents.
    let server = serve(
        &db,
        &pgpass,
        &["--listen", "127.0.0.1:0", "--tls-self-signed"],
    );
    assert!(
        server.url.starts_with("https://127.0.0.1:"),
        "{}",
        server.url
    );
    assert!(dir.path().join("office.db.web-cert.pem").exists());
    assert!(
        server.said.contains("No one can sign in yet"),
        "{}",
        server.said
    );
    let printed = server
        .said
        .lines()
        .find_map(|l| l.trim().strip_prefix("SHA-256 fingerprint "))
        .unwrap_or_else(|| panic!("no fingerprint in {}", server.said))
        .to_string();
    let port: u16 = server
        .url
        .trim_end_matches('/')
        .rsplit(':')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let (answer, presented) = over_tls(
        port,
        "GET /signin HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(presented, printed);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(
        answer.contains("set-cookie: __Host-ek-browser=") && answer.contains("; Secure"),
        "{answer}"
    );
}
