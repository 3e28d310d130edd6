//! The phone as a roaming scanner, as a PA meets it: `extras-kiosk serve`
//! (the binary) on a kiosk file, its `/scanner` page in headless Chromium
//! at a phone's size, the camera a video made from the badge PNG the
//! project wrote (on a desk, turned, in perspective, blurred, darker,
//! noisy). A genuine badge gets the green card and one check-in recorded
//! as the phone in the user's name; a tampered one the red card; scans
//! made while the server is down wait on the phone, amber, and are
//! recorded once, at the time they were scanned, when it is back (also
//! after the session ended and the user signed in again).

use super::common::browser::{Chrome, fake_camera, keep_screenshot};
use super::common::camera::{self, Spoil};
use super::common::load::{Plan, binary, ok, production};
use super::web_browser::{add_user, serve, sign_in, text_of};
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

async fn cards_shown(c: &Client) -> u64 {
    c.execute(
        "return Number(document.getElementById('scanner').dataset.cards || '0');",
        vec![],
    )
    .await
    .unwrap()
    .as_u64()
    .unwrap()
}

async fn open_scanner(chrome: &Chrome, url: &str, video: &Path) -> Client {
    let c = chrome
        .window_with(390, 844, "en-US", &fake_camera(video))
        .await;
    sign_in(&c, url, "Ana Ruiz").await;
    c.goto(&format!("{url}scanner")).await.unwrap();
    c
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
    eprintln!("{read:?}");
}
