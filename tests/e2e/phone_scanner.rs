//! The phone as a roaming scanner, as a PA meets it: `extras-kiosk serve`
//! (the binary) on a kiosk file, its `/scanner` page in headless Chromium
//! at a phone's size, the camera a video made from the badge PNG the
//! project wrote (on a desk, turned, in perspective, blurred, darker,
//! noisy). A genuine badge gets the green card and one check-in recorded
//! as the phone in the user's name; a tampered one the red card; scans
//! made while the server is down wait on the phone, amber, and are
//! recorded once, at the time they were scanned, when it is back (also
//! after the session ended and the user signed in again).

use super::common::browser::{self, Chrome, fill_sign_in, keep_screenshot};
use super::common::camera::{self, Spoil};
use super::common::load::{Plan, binary, ok, production};
use super::web_browser::{PASSWORD, add_user, serve};
use extras_kiosk::store::Store;
use fantoccini::{Client, Locator};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// The day's kiosk file, with a supervisor, and each badge's PNG.
struct Day {
    _dir: tempfile::TempDir,
    db: PathBuf,
    pgpass: PathBuf,
    badges: PathBuf,
}

fn day() -> Day {
    let dir = tempfile::tempdir().unwrap();
    let plan = Plan {
        kiosks: 1,
        extras: 12,
        seconds: 0.0,
        repeat_share: 0.0,
        repeat_after: Duration::ZERO,
        hub: false,
        propagation_every: 0,
    };
    let kiosk = production(None, dir.path(), &plan).remove(0);
    add_user(&kiosk.db, &kiosk.pgpass, "Ana Ruiz", "supervisor");
    let badges = dir.path().join("badges");
    ok(
        &kiosk.db,
        &kiosk.pgpass,
        &["badges", "--png-dir", badges.to_str().unwrap()],
    );
    Day {
        db: kiosk.db,
        pgpass: kiosk.pgpass,
        badges,
        _dir: dir,
    }
}

fn badge_png(day: &Day, badge: &str) -> image::RgbaImage {
    image::open(day.badges.join(format!("{badge}.png")))
        .unwrap_or_else(|e| panic!("the badge PNG of {badge}: {e}"))
        .to_rgba8()
}

/// The payload in a badge PNG, read by rqrr.
fn payload_of(png: &image::RgbaImage) -> String {
    let gray = image::DynamicImage::ImageRgba8(png.clone()).to_luma8();
    let mut prepared = rqrr::PreparedImage::prepare(gray);
    let grids = prepared.detect_grids();
    grids[0].decode().unwrap().1
}

/// The events of `kinds` recorded in `db`, as (badge, payload).
fn recorded(
    db: &Path,
    kinds: &[&str],
) -> Vec<(String, serde_json::Value, chrono::DateTime<chrono::Utc>)> {
    let store = Store::open(db).unwrap();
    store
        .events_of_kinds(kinds)
        .unwrap()
        .into_iter()
        .map(|e| {
            let payload: serde_json::Value = serde_json::from_str(&e.payload).unwrap();
            (
                payload["badge"].as_str().unwrap_or("").to_string(),
                payload,
                e.happened_at,
            )
        })
        .collect()
}

/// Waits for the card to show (a new one when `after` cards were shown
/// before) and says its colour and words.
async fn card(c: &Client, after: u64) -> (String, String) {
    for _ in 0..120 {
        let v = c
            .execute(
                "const r = document.getElementById('scanner');
                 const card = document.getElementById('card');
                 return [Number(r.dataset.cards || '0'), card.className, card.innerText,
                         r.dataset.framesTried || '0', r.dataset.camera || ''];",
                vec![],
            )
            .await
            .unwrap();
        if v[0].as_u64().unwrap() > after {
            return (
                v[1].as_str().unwrap().to_string(),
                v[2].as_str().unwrap().to_string(),
            );
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let state = c
        .execute(
            "const r = document.getElementById('scanner'); return JSON.stringify(r.dataset);",
            vec![],
        )
        .await
        .unwrap();
    panic!("no card within 30 s; the page says {state}");
}

async fn open_scanner(chrome: &Chrome, url: &str, video: &Path) -> Client {
    browser::open_scanner(chrome, url, video, "Ana Ruiz", PASSWORD).await
}

#[test]
fn a_badge_held_up_to_the_phones_camera_is_checked_in_once_and_a_tampered_one_is_red() {
    let chrome = Chrome::start();
    let day = day();
    let server = serve(&day.db, &day.pgpass, &["--listen", "127.0.0.1:0"]);
    let videos = tempfile::tempdir().unwrap();
    // B-0001 on the desk, every spoiling at once, held for 4 s of each 5.
    let b1 = badge_png(&day, "B-0001");
    let all = Spoil::each_and_all().last().unwrap().1;
    let genuine = videos.path().join("genuine.y4m");
    camera::badge_video(&genuine, &b1, all, 10, 40, 1);
    // The same badge's code with one character of its signature changed.
    let payload = payload_of(&b1);
    let mut tampered_text: Vec<char> = payload.chars().collect();
    let last = tampered_text.len() - 2;
    tampered_text[last] = if tampered_text[last] == 'A' { 'B' } else { 'A' };
    let tampered_text: String = tampered_text.into_iter().collect();
    let tampered = videos.path().join("tampered.y4m");
    camera::badge_video(&tampered, &camera::qr_card(&tampered_text), all, 10, 40, 2);

    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let c = open_scanner(&chrome, &server.url, &genuine).await;
        let (colour, words) = card(&c, 0).await;
        assert!(colour.contains("card-green"), "{colour}: {words}");
        assert!(words.contains("Checked in"), "{words}");
        assert!(words.contains("B-0001"), "{words}");
        let png = c.screenshot().await.unwrap();
        keep_screenshot(&png, "phone-scanner.png");
        // The video goes on (the badge leaves the picture and comes
        // back): never a second check-in.
        tokio::time::sleep(Duration::from_secs(6)).await;
        let checkins = recorded(&day.db, &["checked_in"]);
        assert_eq!(checkins.len(), 1, "{checkins:?}");
        let (badge, marks, _) = &checkins[0];
        assert_eq!(badge, "B-0001");
        assert_eq!(marks["by"], "Ana Ruiz");
        assert_eq!(marks["station"], "phone");
        let decoder = c
            .execute(
                "return document.getElementById('scanner').dataset.decoder;",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(decoder, serde_json::json!("zxing-wasm"));
        c.close().await.unwrap();

        // The tampered badge: red, the reason said, nothing checked in.
        let c = open_scanner(&chrome, &server.url, &tampered).await;
        let (colour, words) = card(&c, 0).await;
        assert!(colour.contains("card-red"), "{colour}: {words}");
        assert!(words.contains("Not recorded"), "{words}");
        assert_eq!(recorded(&day.db, &["checked_in"]).len(), 1);
        assert!(!recorded(&day.db, &["scan_refused"]).is_empty());
        c.close().await.unwrap();
    });
}

#[test]
fn the_fake_cameras_pictures_are_spoiled_badges_a_scanner_still_reads() {
    let day = day();
    let b1 = badge_png(&day, "B-0001");
    let payload = payload_of(&b1);
    let dir = tempfile::tempdir().unwrap();
    let mut read = Vec::new();
    for (i, (name, spoil)) in Spoil::each_and_all().into_iter().enumerate() {
        let mut dice = camera::Dice::new(i as u64 + 7);
        let picture = camera::scene(&b1, spoil, 430.0, 320.0, 240.0, &mut dice);
        let path = dir.path().join(format!("frame-{i}.png"));
        picture.save(&path).unwrap();
        super::common::browser::keep_screenshot(
            &std::fs::read(&path).unwrap(),
            &format!("camera-{i}.png"),
        );
        let out = Command::new("zbarimg")
            .args(["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable"])
            .arg(&path)
            .output()
            .expect("zbarimg (apt-get install zbar-tools)");
        read.push((name, String::from_utf8_lossy(&out.stdout).trim() == payload));
    }
    let unread: Vec<_> = read.iter().filter(|(_, ok)| !ok).collect();
    assert!(unread.is_empty(), "zbarimg did not read: {unread:?}");
}

/// Types `badge` into the damaged-badge field and sends it.
async fn type_badge(c: &Client, badge: &str) {
    let input = c.find(Locator::Css("#typed-badge")).await.unwrap();
    input.send_keys(badge).await.unwrap();
    c.find(Locator::Css("#typed button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

async fn choose(c: &Client, mode: &str) {
    c.find(Locator::Css(&format!("input[name=mode][value={mode}]")))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

/// The amber line saying what waits on the phone ("" when hidden).
async fn waiting(c: &Client) -> String {
    c.execute(
        "const w = document.getElementById('waiting'); return w.hidden ? '' : w.innerText;",
        vec![],
    )
    .await
    .unwrap()
    .as_str()
    .unwrap()
    .to_string()
}

async fn until_waiting(c: &Client, want: impl Fn(&str) -> bool) -> String {
    let mut now = String::new();
    for _ in 0..120 {
        now = waiting(c).await;
        if want(&now) {
            return now;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let state = c
        .execute(
            "const r = document.getElementById('scanner');
             return JSON.stringify([r.dataset.framesTried, r.dataset.framesRead, r.dataset.decodeError,
               document.getElementById('card').innerText, document.getElementById('recent').innerText]);",
            vec![],
        )
        .await
        .unwrap();
    panic!("the waiting line never changed as expected; it says {now:?}; the page: {state}");
}

/// A server on `port` of `day`'s file (the same address as before).
fn serve_on(day: &Day, port: u16) -> super::web_browser::Server {
    let listen = format!("127.0.0.1:{port}");
    for _ in 0..40 {
        if std::net::TcpListener::bind(&listen).is_ok() {
            break;
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    serve(&day.db, &day.pgpass, &["--listen", &listen])
}

fn port_of(url: &str) -> u16 {
    url.trim_end_matches('/')
        .rsplit(':')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

#[test]
fn scans_made_while_the_server_is_down_wait_on_the_phone_and_are_recorded_once_when_it_is_back() {
    let chrome = Chrome::start();
    let day = day();
    let server = serve(&day.db, &day.pgpass, &["--listen", "127.0.0.1:0"]);
    let url = server.url.clone();
    let port = port_of(&url);
    // The desk for 5 s, then B-0002 for 2 s, and again.
    let video = tempfile::tempdir().unwrap();
    let b2 = video.path().join("b2.y4m");
    camera::badge_video(&b2, &badge_png(&day, "B-0002"), Spoil::NONE, 50, 20, 3);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let c = runtime.block_on(open_scanner(&chrome, &url, &b2));
    // The server goes away while the PA scans.
    drop(server);
    let stopped = chrono::Utc::now();
    runtime.block_on(async {
        type_badge(&c, "B-0003").await;
        let (colour, words) = card(&c, 0).await;
        assert!(colour.contains("card-amber"), "{colour}: {words}");
        assert!(words.contains("not yet recorded"), "{words}");
        assert!(!colour.contains("card-green"));
        // The camera's B-0002 joins it.
        let line = until_waiting(&c, |w| w.starts_with('2') || w.starts_with('3')).await;
        assert!(line.contains("scans waiting, not yet recorded"), "{line}");
    });
    assert!(recorded(&day.db, &["checked_in"]).is_empty());
    let waited_from = chrono::Utc::now();
    std::thread::sleep(Duration::from_secs(2));

    // Back: every scan sent, each recorded once at the time it was made.
    let server = serve_on(&day, port);
    runtime.block_on(async {
        until_waiting(&c, str::is_empty).await;
    });
    let checkins = recorded(&day.db, &["checked_in"]);
    let mut badges: Vec<&str> = checkins.iter().map(|(b, _, _)| b.as_str()).collect();
    badges.sort();
    assert_eq!(badges, ["B-0002", "B-0003"], "{checkins:?}");
    for (_, marks, at) in &checkins {
        assert_eq!(marks["station"], "phone");
        assert!(*at >= stopped - chrono::Duration::seconds(2), "{at}");
        assert!(
            *at <= waited_from + chrono::Duration::seconds(1),
            "{at} was when it was scanned, not when it was sent"
        );
    }

    // The server stops again; a scan waits; meanwhile the supervisor's
    // password is changed (her sessions end). Back, the page asks her to
    // sign in again, and the scan is sent once she has.
    drop(server);
    runtime.block_on(async {
        let before = waiting(&c).await;
        assert!(before.is_empty(), "{before}");
        type_badge(&c, "B-0004").await;
        until_waiting(&c, |w| !w.is_empty()).await;
    });
    let mut child = Command::new(binary())
        .args(["web", "user", "password", "Ana Ruiz", "--password-stdin"])
        .env("EXTRAS_KIOSK_DB", &day.db)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    use std::io::Write;
    writeln!(child.stdin.take().unwrap(), "{PASSWORD} again").unwrap();
    assert!(child.wait().unwrap().success());
    let _server = serve_on(&day, port);
    runtime.block_on(async {
        c.wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css("#signin-again:not([hidden]) a"))
            .await
            .expect("the page asks to sign in again");
        // Still waiting (the camera may have added B-0002 again).
        assert!(!waiting(&c).await.is_empty());
        assert!(
            !recorded(&day.db, &["checked_in"])
                .iter()
                .any(|(b, _, _)| b == "B-0004")
        );
        c.find(Locator::Css("#signin-again a"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        fill_sign_in(&c, "Ana Ruiz", &format!("{PASSWORD} again")).await;
        c.wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css("#scanner"))
            .await
            .expect("back on the scanner after signing in");
        // A new page: it has counted what waits once `data-waiting` is
        // set, and sent it once that is 0.
        for _ in 0..80 {
            let left = c
                .execute(
                    "return document.getElementById('scanner').dataset.waiting || '';",
                    vec![],
                )
                .await
                .unwrap();
            if left == serde_json::json!("0") {
                break;
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
        assert_eq!(waiting(&c).await, "");
    });
    let b4: Vec<_> = recorded(&day.db, &["checked_in"])
        .into_iter()
        .filter(|(b, _, _)| b == "B-0004")
        .collect();
    assert_eq!(b4.len(), 1, "{b4:?}");
}

#[test]
fn a_check_out_on_the_phone_shows_the_voucher_and_takes_the_extras_signature() {
    let chrome = Chrome::start();
    let day = day();
    ok(
        &day.db,
        &day.pgpass,
        &["checkin", "--badge", "B-0005", "--at", "06:30"],
    );
    let server = serve(&day.db, &day.pgpass, &["--listen", "127.0.0.1:0"]);
    let video = tempfile::tempdir().unwrap();
    let desk = video.path().join("desk.y4m");
    let mut dice = camera::Dice::new(4);
    camera::write_y4m(
        &desk,
        &[camera::scene_without_badge(Spoil::NONE, &mut dice)],
    );
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let c = open_scanner(&chrome, &server.url, &desk).await;
        // Who is this: the extra and their day; nothing recorded.
        choose(&c, "who").await;
        type_badge(&c, "B-0005").await;
        let (colour, words) = card(&c, 0).await;
        assert!(colour.contains("card-blue"), "{colour}: {words}");
        assert!(words.contains("B-0005") && words.contains("06:30"), "{words}");
        let before = Store::open(&day.db).unwrap().events_of_kinds(&["scan_refused", "checked_in", "released"]).unwrap().len();

        // Meal out, then meal in.
        choose(&c, "meal_out").await;
        type_badge(&c, "B-0005").await;
        let (colour, words) = card(&c, 1).await;
        assert!(colour.contains("card-green") && words.contains("Out to meal"), "{colour}: {words}");
        tokio::time::sleep(Duration::from_millis(3100)).await;
        choose(&c, "meal_in").await;
        type_badge(&c, "B-0005").await;
        let (colour, words) = card(&c, 2).await;
        assert!(colour.contains("card-green") && words.contains("Back from meal"), "{colour}: {words}");
        let meals = recorded(&day.db, &["meal_started", "meal_ended"]);
        assert_eq!(meals.len(), 2, "{meals:?}");
        assert!(meals.iter().all(|(_, m, _)| m["by"] == "Ana Ruiz" && m["station"] == "phone"));

        // Check out: the voucher, a signature drawn with a finger, signed.
        tokio::time::sleep(Duration::from_millis(3100)).await;
        choose(&c, "checkout").await;
        type_badge(&c, "B-0005").await;
        let (colour, words) = card(&c, 3).await;
        assert!(colour.contains("card-green") && words.contains("Checked out"), "{colour}: {words}");
        c.wait()
            .at_most(Duration::from_secs(5))
            .for_element(Locator::Css("#checkout:not([hidden]) #pad"))
            .await
            .expect("the signature pad");
        let summary = c.find(Locator::Css("#checkout .summary-lines")).await.unwrap().text().await.unwrap();
        assert!(summary.contains("Gross"), "{summary}");
        c.execute(
            "const pad = document.getElementById('pad');
             const r = pad.getBoundingClientRect();
             const at = (type, fx, fy) => pad.dispatchEvent(new PointerEvent(type,
               { pointerId: 1, bubbles: true, clientX: r.left + fx * r.width, clientY: r.top + fy * r.height }));
             at('pointerdown', 0.1, 0.6);
             for (let i = 1; i <= 20; i++) at('pointermove', 0.1 + i * 0.04, 0.6 - Math.sin(i / 3) * 0.3);
             at('pointerup', 0.9, 0.5);
             return true;",
            vec![],
        )
        .await
        .unwrap();
        let png = c.screenshot().await.unwrap();
        keep_screenshot(&png, "phone-scanner-signature.png");
        c.find(Locator::Css("#pad-sign")).await.unwrap().click().await.unwrap();
        let (colour, words) = card(&c, 4).await;
        assert!(colour.contains("card-green") && words.contains("Signed"), "{colour}: {words}");
        let signed = recorded(&day.db, &["voucher_signed"]);
        assert_eq!(signed.len(), 1);
        let (badge, marks, _) = &signed[0];
        assert_eq!(badge, "B-0005");
        assert_eq!(marks["by"], "Ana Ruiz");
        let strokes = marks["strokes"].as_array().unwrap();
        assert_eq!(strokes.len(), 1);
        assert_eq!(strokes[0].as_array().unwrap().len(), 21);
        // "Who is this" recorded nothing of its own.
        let after = Store::open(&day.db).unwrap().events_of_kinds(&["scan_refused", "checked_in"]).unwrap().len();
        assert_eq!(after, before);
    });
}
