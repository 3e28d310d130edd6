//! A real browser for the web app's tests: Debian's `chromium` driven by
//! its `chromedriver` through WebDriver (fantoccini), headless, with a
//! fresh profile and a download folder of its own. A test that needs it
//! fails when it is missing; it never passes by skipping.
#![allow(dead_code)]

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// chromedriver on a port of its own, killed when dropped, and the
/// browser's profile and download folders.
pub struct Chrome {
    driver: Child,
    port: u16,
    pub profile: tempfile::TempDir,
    pub downloads: tempfile::TempDir,
}

fn find(names: &[&str]) -> Option<PathBuf> {
    names
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
        .or_else(|| {
            names.iter().find_map(|n| {
                let out = Command::new("which").arg(n).output().ok()?;
                out.status
                    .success()
                    .then(|| PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
            })
        })
}

impl Chrome {
    /// Starts chromedriver; panics (the test fails) when the browser or
    /// its driver is not installed.
    pub fn start() -> Chrome {
        let driver = find(&["/usr/bin/chromedriver", "chromedriver"]).expect(
            "the browser tests need chromedriver: apt-get install chromium chromium-driver",
        );
        find(&["/usr/bin/chromium", "chromium"])
            .expect("the browser tests need chromium: apt-get install chromium chromium-driver");
        let port = super::pg::free_port();
        // A process group of its own: the browsers it starts are killed
        // with it (a failed test never closes its window).
        use std::os::unix::process::CommandExt;
        let child = Command::new(driver)
            .process_group(0)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let up = super::pg::eventually(Duration::from_secs(20), || {
            std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
        });
        assert!(up, "chromedriver did not listen on {port} within 20 s");
        Chrome {
            driver: child,
            port,
            profile: tempfile::tempdir().unwrap(),
            downloads: tempfile::tempdir().unwrap(),
        }
    }

    /// A new headless window `width` x `height`, in `language`. Under 500
    /// px wide (headless Chromium's smallest window) it is a phone's
    /// screen, emulated at one pixel per CSS pixel.
    pub async fn window(&self, width: u32, height: u32, language: &str) -> Client {
        self.window_with(width, height, language, &[]).await
    }

    /// A window as [`Chrome::window`], its browser started with `more`
    /// arguments too (a fake camera).
    pub async fn window_with(
        &self,
        width: u32,
        height: u32,
        language: &str,
        more: &[String],
    ) -> Client {
        let profile = self.profile.path().join(format!("p{}", rand_suffix()));
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": "/usr/bin/chromium",
                "args": [
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--no-first-run",
                    "--disable-sync",
                    format!("--user-data-dir={}", profile.display()),
                    format!("--window-size={width},{height}"),
                    format!("--lang={language}"),
                ],
                "prefs": {
                    "download.default_directory": self.downloads.path(),
                    "download.prompt_for_download": false,
                    "intl.accept_languages": language,
                },
            }),
        );
        let args = caps["goog:chromeOptions"]["args"].as_array_mut().unwrap();
        args.extend(more.iter().map(|a| json!(a)));
        if width < 500 {
            caps["goog:chromeOptions"]["mobileEmulation"] = json!({
                "deviceMetrics": { "width": width, "height": height, "pixelRatio": 1.0, "touch": true },
            });
        }
        ClientBuilder::native()
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .expect("chromedriver opens a session")
    }

    /// The files downloaded so far (finished ones only).
    pub fn downloaded(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.downloads.path())
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                let name = p.file_name().unwrap().to_string_lossy();
                !name.ends_with(".crdownload") && !name.starts_with('.')
            })
            .collect();
        files.sort();
        files
    }
}

/// Fills the sign-in form on the page `c` shows with `name` and
/// `password`, sends it, and waits for a page with the sign-out button.
pub async fn fill_sign_in(c: &Client, name: &str, password: &str) {
    // The form's page may still be loading (after a link was clicked).
    let form = c
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("form.signin"))
        .await
        .expect("a sign-in form within 10 s");
    let field = |css: &'static str| form.find(Locator::Css(css));
    field("input[name=name]")
        .await
        .unwrap()
        .send_keys(name)
        .await
        .unwrap();
    field("input[name=password]")
        .await
        .unwrap()
        .send_keys(password)
        .await
        .unwrap();
    field("button[type=submit]")
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("form.signout"))
        .await
        .unwrap_or_else(|_| panic!("{name} is signed in"));
}

/// A phone-sized window whose camera plays `video`, signed in at `url` as
/// `name`, on the scanner page once its camera and badge reader started.
pub async fn open_scanner(
    chrome: &Chrome,
    url: &str,
    video: &Path,
    name: &str,
    password: &str,
) -> Client {
    let c = chrome
        .window_with(390, 844, "en-US", &fake_camera(video))
        .await;
    c.goto(url).await.unwrap();
    fill_sign_in(&c, name, password).await;
    c.goto(&format!("{url}scanner")).await.unwrap();
    for _ in 0..80 {
        let on = c
            .execute(
                "return document.getElementById('scanner').dataset.camera || '';",
                vec![],
            )
            .await
            .unwrap();
        if on == json!("on") {
            return c;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    panic!("the scanner's camera and badge reader did not start within 20 s");
}

/// The arguments that make a video file the browser's camera, allowed
/// without asking.
pub fn fake_camera(video: &Path) -> Vec<String> {
    vec![
        "--use-fake-ui-for-media-stream".into(),
        "--use-fake-device-for-media-stream".into(),
        format!("--use-file-for-fake-video-capture={}", video.display()),
        "--autoplay-policy=no-user-gesture-required".into(),
    ]
}

fn rand_suffix() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
}

impl Drop for Chrome {
    fn drop(&mut self) {
        // The driver and every browser it started (its process group).
        // `--`: a negative number after it is a process group, never
        // read as an option (`kill -KILL -1` would be every process).
        let _ = Command::new("kill")
            .args(["-s", "KILL", "--", &format!("-{}", self.driver.id())])
            .stderr(Stdio::null())
            .status();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// Saves a screenshot to `target/screens/NAME` and, with `SCREENSHOTS` set,
/// to `docs/screens/NAME` too.
pub fn keep_screenshot(png: &[u8], name: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"))
        .join("screens");
    std::fs::create_dir_all(&target).unwrap();
    let path = target.join(name);
    std::fs::write(&path, png).unwrap();
    if std::env::var_os("SCREENSHOTS").is_some() {
        std::fs::write(root.join("docs/screens").join(name), png).unwrap();
    }
    path
}
