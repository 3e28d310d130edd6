//! The phone scanner (issue 27), in headless Chromium with a fake camera
//! made from the badges the project writes. First the time from a badge
//! entering the camera's picture to the card on the page: a video of ten
//! badges, each held up for 1 s after 1.5 s of the desk, spoiled every way
//! at once (turned 15°, in perspective, blurred, darker, noisy), played
//! three times; the page's frames are watched for the badge's white (the
//! moment it enters) and its card for the answer. Then the share of the
//! camera's frames the page reads, for each spoiling alone and all
//! together (a badge held in view, every frame a new hand and new noise),
//! and harsher still, to see where reading ends.
//! `serve` is the binary, on a day of 60 bookings.

mod common;
// The browser, its fake camera, and the free port they need, shared with
// the end-to-end tests.
#[path = "../tests/common/browser.rs"]
mod browser;
#[path = "../tests/common/camera.rs"]
mod camera;
#[allow(dead_code)]
#[path = "../tests/common/pg.rs"]
mod pg;
#[path = "../tests/common/serve.rs"]
mod serve;

use browser::Chrome;
use camera::{Dice, Spoil};
use chrono::Utc;
use fantoccini::Client;
use serve::Server;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

const PASSWORD: &str = "correct horse battery";
const BADGES: usize = 10;
const DESK_FRAMES: usize = 15;
const BADGE_FRAMES: usize = 10;
const LOOPS: usize = 3;

fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_extras-kiosk")
}

fn run(db: &Path, args: &[&str], stdin: Option<&str>) {
    let mut child = Command::new(binary())
        .args(args)
        .env("EXTRAS_KIOSK_DB", db)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(text) = stdin {
        writeln!(child.stdin.take().unwrap(), "{text}").unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn serve(db: &Path) -> Server {
    serve::serve(db, None, &["--listen", "127.0.0.1:0"])
}

async fn open(chrome: &Chrome, url: &str, video: &Path) -> Client {
    browser::open_scanner(chrome, url, video, "Ana Ruiz", PASSWORD).await
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

/// Watches the picture for the badge's white entering it, and the card.
const WATCH: &str = r#"
const video = document.getElementById('camera');
const root = document.getElementById('scanner');
const small = document.createElement('canvas');
small.width = 32; small.height = 24;
const g = small.getContext('2d', { willReadFrequently: true });
window.bench = { entered: [], cards: [] };
let inView = false;
const look = (now) => {
  g.drawImage(video, 0, 0, 32, 24);
  const d = g.getImageData(8, 6, 16, 12).data;
  let sum = 0;
  for (let i = 0; i < d.length; i += 4) sum += d[i] + d[i + 1] + d[i + 2];
  const level = sum / (d.length / 4) / 3;
  // The video opens on the desk: its level is the first frames'.
  if (window.bench.desk === undefined) window.bench.desk = level;
  const bright = level > window.bench.desk * 1.35;
  if (bright && !inView) window.bench.entered.push(now);
  inView = bright;
  video.requestVideoFrameCallback(look);
};
video.requestVideoFrameCallback(look);
let shown = Number(root.dataset.cards || '0');
new MutationObserver(() => {
  const n = Number(root.dataset.cards || '0');
  if (n > shown) { window.bench.cards.push(performance.now()); shown = n; }
}).observe(root, { attributes: true, attributeFilter: ['data-cards'] });
return true;
"#;

async fn latency(chrome: &Chrome, url: &str, day: &Path, dir: &Path) {
    let all = Spoil::each_and_all().last().unwrap().1;
    let mut dice = Dice::new(11);
    let mut frames = Vec::new();
    for i in 1..=BADGES {
        let badge = image::open(day.join(format!("B-{i:04}.png")))
            .unwrap()
            .to_rgba8();
        for _ in 0..DESK_FRAMES {
            frames.push(camera::scene_without_badge(all, &mut dice));
        }
        for _ in 0..BADGE_FRAMES {
            frames.push(camera::scene(&badge, all, 430.0, 320.0, 240.0, &mut dice));
        }
    }
    let video = dir.join("ten-badges.y4m");
    camera::write_y4m(&video, &frames);
    drop(frames);
    let c = open(chrome, url, &video).await;
    c.execute(WATCH, vec![]).await.unwrap();
    let seconds = (BADGES * (DESK_FRAMES + BADGE_FRAMES) * LOOPS) as u64 / camera::FPS as u64;
    tokio::time::sleep(Duration::from_secs(seconds + 2)).await;
    let v = c.execute("return window.bench;", vec![]).await.unwrap();
    let entered: Vec<f64> = v["entered"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect();
    let cards: Vec<f64> = v["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect();
    // Each card against the last time a badge entered before it.
    let mut waits: Vec<f64> = cards
        .iter()
        .filter_map(|card| entered.iter().rev().find(|e| *e <= card).map(|e| card - e))
        .collect();
    waits.sort_by(|a, b| a.partial_cmp(b).unwrap());
    assert!(
        !waits.is_empty(),
        "no badge seen entering or no card: {} entered, {} cards; the page: {v}",
        entered.len(),
        cards.len()
    );
    let missed = entered.len().saturating_sub(waits.len());
    println!(
        "scanner: badge entering the picture to the card: {} badges held up, {} cards; p50 {:.0} ms, p95 {:.0} ms, max {:.0} ms ({} without a card)",
        entered.len(),
        cards.len(),
        percentile(&waits, 0.5),
        percentile(&waits, 0.95),
        waits.last().copied().unwrap_or(f64::NAN),
        missed
    );
    c.close().await.unwrap();
}

async fn frames_read(chrome: &Chrome, url: &str, day: &Path, dir: &Path) {
    let badge = image::open(day.join("B-0020.png")).unwrap().to_rgba8();
    // Past the issue's spoilings, to see where reading ends: a badge held
    // farther (260 px wide), turned 35°, steeper, more blurred, darker,
    // noisier.
    let harsher = Spoil {
        turn: 35.0,
        perspective: 0.4,
        blur: 2.0,
        light: 0.3,
        noise: 22.0,
    };
    let mut runs: Vec<(&str, Spoil, f32)> = Spoil::each_and_all()
        .into_iter()
        .map(|(name, spoil)| (name, spoil, 430.0))
        .collect();
    runs.push(("all, harsher and farther", harsher, 260.0));
    for (i, (name, spoil, width)) in runs.into_iter().enumerate() {
        let mut dice = Dice::new(100 + i as u64);
        let frames: Vec<_> = (0..40)
            .map(|_| camera::scene(&badge, spoil, width, 320.0, 240.0, &mut dice))
            .collect();
        let video = dir.join(format!("spoiled-{i}.y4m"));
        camera::write_y4m(&video, &frames);
        let c = open(chrome, url, &video).await;
        let counts = |c: &Client| {
            let c = c.clone();
            async move {
                let v = c
                    .execute(
                        "const r = document.getElementById('scanner').dataset;
                         return [Number(r.framesTried || 0), Number(r.framesRead || 0)];",
                        vec![],
                    )
                    .await
                    .unwrap();
                (v[0].as_f64().unwrap(), v[1].as_f64().unwrap())
            }
        };
        tokio::time::sleep(Duration::from_secs(1)).await;
        let (tried0, read0) = counts(&c).await;
        tokio::time::sleep(Duration::from_secs(8)).await;
        let (tried1, read1) = counts(&c).await;
        let (tried, read) = (tried1 - tried0, read1 - read0);
        println!(
            "scanner: frames read, {name}: {:.0} % ({read:.0} of {tried:.0})",
            100.0 * read / tried.max(1.0)
        );
        c.close().await.unwrap();
    }
}

fn main() {
    // `cargo bench` passes `--bench`; a filter that names another bench
    // skips this one.
    let filter = std::env::args().skip(1).find(|a| !a.starts_with("--"));
    if filter.as_deref().is_some_and(|f| !"scanner".contains(f)) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (store, _day) = common::day_with_skin(dir.path(), 60, Utc::now().date_naive());
    let db = store.path().to_path_buf();
    drop(store);
    run(
        &db,
        &[
            "web",
            "user",
            "add",
            "Ana Ruiz",
            "--role",
            "supervisor",
            "--password-stdin",
        ],
        Some(PASSWORD),
    );
    let badges = dir.path().join("badges");
    run(
        &db,
        &["badges", "--png-dir", badges.to_str().unwrap()],
        None,
    );
    let server = serve(&db);
    let chrome = Chrome::start();
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        latency(&chrome, &server.url, &badges, dir.path()).await;
        frames_read(&chrome, &server.url, &badges, dir.path()).await;
    });
}
