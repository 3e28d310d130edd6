//! The PA's guide cannot go stale: every ```sh block of `docs/guide/*.md`
//! runs, pages in name order and blocks in order, as one `bash -euo
//! pipefail` script each, all in one fresh temporary HOME (the default
//! database, `~/fixtures` a copy of the repository's) with the binary on
//! PATH and nothing else of the test's environment. A block that needs
//! more says so on its fence and gets it: `needs=hub` a throwaway
//! PostgreSQL database and its lead's role as `$HUB`, `needs=display` an
//! Xvfb as `$DISPLAY` (its background jobs must still run 3 s after the
//! block: the kiosk window), `needs=browser` an `xdg-open` that loads the
//! page in headless Chromium and fails when nothing loads. A background
//! job that has failed 3 s after its block fails the block.

use super::common::pg::Pg;
use std::collections::BTreeSet;
use std::fs::File;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const NEEDS: [&str; 3] = ["hub", "display", "browser"];

/// One ```sh block of a page.
#[derive(Debug)]
struct Block {
    page: String,
    line: usize,
    needs: Vec<String>,
    body: String,
}

fn guide_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/guide")
}

/// The guide's pages (`*.md` but the index), in name order.
fn pages() -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(guide_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .filter(|p| p.file_name().is_some_and(|n| n != "index.md"))
        .collect();
    pages.sort();
    pages
}

/// The ```sh blocks of `text`, with their needs (`needs=a,b` or several
/// `needs=` words on the fence).
fn sh_blocks(page: &str, text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut open: Option<Block> = None;
    for (i, line) in text.lines().enumerate() {
        match open.as_mut() {
            None => {
                let mut words = line.split_whitespace();
                if words.next() == Some("```sh") {
                    let needs = words
                        .filter_map(|w| w.strip_prefix("needs="))
                        .flat_map(|v| v.split(','))
                        .map(str::to_string)
                        .collect();
                    open = Some(Block {
                        page: page.to_string(),
                        line: i + 1,
                        needs,
                        body: String::new(),
                    });
                }
            }
            Some(_) if line.trim_end() == "```" => blocks.push(open.take().unwrap()),
            Some(block) => {
                block.body.push_str(line);
                block.body.push('\n');
            }
        }
    }
    assert!(open.is_none(), "{page}: a ```sh block is never closed");
    blocks
}

fn all_blocks() -> Vec<Block> {
    pages()
        .iter()
        .flat_map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            sh_blocks(&name, &std::fs::read_to_string(p).unwrap())
        })
        .collect()
}

/// The images a Markdown text links to (`![..](path)`), as written.
fn images(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("![") {
        rest = &rest[at + 2..];
        let Some(close) = rest.find("](") else { break };
        let after = &rest[close + 2..];
        let Some(end) = after.find(')') else { break };
        found.push(after[..end].to_string());
        rest = &after[end..];
    }
    found
}

#[test]
fn the_guide_is_a_shoot_day_in_short_pages_with_screenshots() {
    let pages = pages();
    assert!(pages.len() >= 8, "{} pages", pages.len());
    let index = std::fs::read_to_string(guide_dir().join("index.md")).unwrap();
    let mut shots = BTreeSet::new();
    for page in &pages {
        let name = page.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(page).unwrap();
        assert!(
            index.contains(&format!("({name})")),
            "index.md does not link {name}"
        );
        assert!(
            text.lines().count() <= 120,
            "{name} is {} lines: a page a PA reads standing up",
            text.lines().count()
        );
        let linked = images(&text);
        assert!(!linked.is_empty(), "{name} shows no screenshot");
        for image in linked {
            let file = page.parent().unwrap().join(&image);
            assert!(file.exists(), "{name} shows {image}, which is not there");
            shots.insert(file.canonicalize().unwrap());
        }
    }
    // The README's and the guide's screenshots, all reachable.
    let readme = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    for image in images(&std::fs::read_to_string(&readme).unwrap()) {
        let file = readme.parent().unwrap().join(&image);
        assert!(file.exists(), "README.md shows {image}, which is not there");
        shots.insert(file.canonicalize().unwrap());
    }
    assert!(shots.len() >= 12, "{} screenshots reachable", shots.len());
    let blocks = all_blocks();
    assert!(blocks.len() >= 10, "{} sh blocks", blocks.len());
    for b in &blocks {
        for need in &b.needs {
            assert!(
                NEEDS.contains(&need.as_str()),
                "{}:{}: needs={need} is none of {NEEDS:?}",
                b.page,
                b.line
            );
        }
        assert!(
            !b.body.trim().is_empty(),
            "{}:{}: an empty block",
            b.page,
            b.line
        );
    }
}

#[test]
fn reading_the_fences() {
    let text = "a\n```sh\nls\n```\n```text\nno\n```\n```sh needs=hub,display needs=browser\necho $HUB\n```\n";
    let blocks = sh_blocks("p.md", text);
    assert_eq!(blocks.len(), 2);
    assert_eq!(blocks[0].body, "ls\n");
    assert_eq!(blocks[1].line, 8);
    assert_eq!(blocks[1].needs, ["hub", "display", "browser"]);
    assert_eq!(
        images("x ![a](../screens/a.png) y ![b](b.png)"),
        ["../screens/a.png", "b.png"]
    );
}

/// Prepended to each block: remembers every background job; when the
/// block ends, 3 s later, a job that exited non-zero fails it, and with
/// `EK_NEEDS_ALIVE` (a display) every job must still be running.
const HOOKS: &str = r#"__ek_pids=""
__ek_note() { if [ -n "${!:-}" ]; then case " $__ek_pids " in *" $! "*) ;; *) __ek_pids="$__ek_pids $!";; esac; fi; }
trap '__ek_note' DEBUG
__ek_exit() {
  local rc=$? p s bad=0
  trap - DEBUG; __ek_note
  if [ -n "$__ek_pids" ]; then
    sleep 3
    for p in $__ek_pids; do
      if ! kill -0 "$p" 2>/dev/null; then
        s=0; wait "$p" || s=$?
        if [ "$s" != 0 ]; then echo "[guide test] background job $p exited with status $s" >&2; bad=1
        elif [ -n "${EK_NEEDS_ALIVE:-}" ]; then echo "[guide test] background job $p is no longer running" >&2; bad=1
        fi
      fi
    done
  fi
  [ "$rc" = 0 ] && [ "$bad" = 1 ] && rc=98
  # A window must still be up when the whole guide has run.
  if [ -n "${EK_NEEDS_ALIVE:-}" ] && [ -n "$__ek_pids" ]; then echo $__ek_pids >> "$EK_WINDOWS"; fi
  exit "$rc"
}
trap __ek_exit EXIT
"#;

/// The test's `xdg-open`: the page loaded in headless Chromium.
const XDG_OPEN: &str = r#"#!/bin/bash
set -uo pipefail
profile=$(mktemp -d)
dom=$(timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --no-first-run --disable-sync --ignore-certificate-errors \
  --user-data-dir="$profile" --dump-dom "$1" 2>/dev/null)
rm -rf "$profile"
if [ -z "$(printf '%s' "$dom" | tr -d '[:space:]')" ]; then
  echo "xdg-open: $1 did not load" >&2; exit 1
fi
echo "xdg-open: loaded $1"
"#;

/// What the run started, stopped when it ends however it ends.
#[derive(Default)]
struct Run {
    /// The process group of each block (its background jobs in it).
    groups: Vec<u32>,
    xvfb: Option<(Child, String)>,
    hub: Option<(Pg, String)>,
}

impl Drop for Run {
    fn drop(&mut self) {
        for g in &self.groups {
            let _ = Command::new("kill")
                .args(["-s", "KILL", "--", &format!("-{g}")])
                .stderr(Stdio::null())
                .status();
        }
        if let Some((x, _)) = self.xvfb.as_mut() {
            let _ = x.kill();
            let _ = x.wait();
        }
    }
}

impl Run {
    fn hub(&mut self) -> String {
        if self.hub.is_none() {
            let pg = Pg::start();
            let url = pg.production_database("harbor");
            self.hub = Some((pg, url));
        }
        self.hub.as_ref().unwrap().1.clone()
    }

    fn display(&mut self) -> String {
        if let Some((_, name)) = &self.xvfb {
            return name.clone();
        }
        let n = (90..200)
            .find(|n| {
                !Path::new(&format!("/tmp/.X{n}-lock")).exists()
                    && !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
            })
            .expect("a free display number");
        let child = Command::new("Xvfb")
            .args([
                &format!(":{n}"),
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb runs (the xvfb package; .ci/run installs it)");
        let name = format!(":{n}");
        self.xvfb = Some((child, name.clone()));
        let socket = format!("/tmp/.X11-unix/X{n}");
        let start = Instant::now();
        while !Path::new(&socket).exists() {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "Xvfb {name} never came up"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        name
    }
}

#[test]
fn every_sh_block_of_the_guide_runs_in_order_in_a_fresh_home() {
    let blocks = all_blocks();
    let home = tempfile::tempdir().unwrap();
    let tools = tempfile::tempdir().unwrap();
    let bin = tools.path().join("bin");
    let browser = tools.path().join("browser");
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::create_dir_all(&browser).unwrap();
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_extras-kiosk"), bin.join("extras-kiosk"))
        .unwrap();
    let xdg_open = browser.join("xdg-open");
    std::fs::write(&xdg_open, XDG_OPEN).unwrap();
    std::fs::set_permissions(
        &xdg_open,
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    let copied = Command::new("cp")
        .args(["-r", concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures")])
        .arg(home.path().join("fixtures"))
        .status()
        .unwrap();
    assert!(copied.success());
    let user = std::env::var("USER").unwrap_or_else(|_| "root".into());

    let mut run = Run::default();
    for (n, block) in blocks.iter().enumerate() {
        let script = tools.path().join(format!("block-{n}.sh"));
        std::fs::write(&script, format!("{HOOKS}{}", block.body)).unwrap();
        let output = tools.path().join(format!("block-{n}.out"));
        let said = File::create(&output).unwrap();
        let mut path = format!("{}:/usr/local/bin:/usr/bin:/bin", bin.display());
        let mut cmd = Command::new("bash");
        cmd.args(["-euo", "pipefail"])
            .arg(&script)
            .env_clear()
            .env("HOME", home.path())
            .env("LANG", "C.UTF-8")
            .env("TERM", "dumb")
            .env("USER", &user)
            .env("LOGNAME", &user)
            .env("SHELL", "/bin/bash")
            .current_dir(home.path())
            .stdin(Stdio::null())
            .stdout(said.try_clone().unwrap())
            .stderr(said)
            .process_group(0);
        for need in &block.needs {
            match need.as_str() {
                "hub" => {
                    cmd.env("HUB", run.hub());
                }
                "display" => {
                    cmd.env("DISPLAY", run.display()).env("EK_NEEDS_ALIVE", "1");
                }
                "browser" => path = format!("{}:{path}", browser.display()),
                other => panic!("{}:{}: needs={other} is not known", block.page, block.line),
            }
        }
        cmd.env("PATH", &path)
            .env("EK_WINDOWS", tools.path().join("windows"));
        let mut child = cmd.spawn().expect("bash runs");
        run.groups.push(child.id());
        let start = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break Some(status);
            }
            if start.elapsed() > Duration::from_secs(300) {
                let _ = child.kill();
                break None;
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        if status.is_none_or(|s| !s.success()) {
            let said = std::fs::read_to_string(&output).unwrap_or_default();
            panic!(
                "docs/guide/{} line {} (needs {:?}) {}:\n{}\n--- it printed:\n{}",
                block.page,
                block.line,
                block.needs,
                status.map_or("ran over 5 minutes".to_string(), |s| format!("failed: {s}")),
                block.body,
                said
            );
        }
    }
    // The windows the display blocks opened are still up at the end (a
    // process that died is gone, or a zombie nobody reaped).
    let windows = std::fs::read_to_string(tools.path().join("windows")).unwrap_or_default();
    for pid in windows.split_whitespace() {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        let state = stat.rsplit(") ").next().and_then(|s| s.chars().next());
        assert!(
            state.is_some_and(|s| s != 'Z' && s != 'X'),
            "a window a display block opened (pid {pid}) did not last the guide: {stat}"
        );
    }
}
