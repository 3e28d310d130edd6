//! `extras-kiosk serve` (the binary) on a database, for the web app's tests
//! and benches: started with the arguments given, the address it listens
//! on read from its first line, what it said before on standard error
//! kept, killed when dropped.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub struct Server {
    pub child: Child,
    /// Where it listens, as it said (`http://127.0.0.1:PORT/`).
    pub url: String,
    /// What it printed on standard error before listening.
    pub said: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// `HOST:PORT`, for a raw TCP client.
    pub fn addr(&self) -> String {
        let rest = self.url.split("://").nth(1).unwrap_or(&self.url);
        rest.trim_end_matches('/').to_string()
    }
}

/// `serve ARGS` on `db` (with `pgpass` as its PGPASSFILE when given).
pub fn serve(db: &Path, pgpass: Option<&Path>, args: &[&str]) -> Server {
    let mut command = Command::new(env!("CARGO_BIN_EXE_extras-kiosk"));
    command
        .arg("serve")
        .args(args)
        .env("EXTRAS_KIOSK_DB", db)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(pgpass) = pgpass {
        command.env("PGPASSFILE", pgpass);
    }
    let mut child = command.spawn().expect("the binary runs");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .trim()
        .strip_prefix("Listening on ")
        .unwrap_or_else(|| panic!("serve did not say where it listens: {line:?}"))
        .to_string();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    std::thread::sleep(Duration::from_millis(200));
    let said = rx.try_iter().collect::<Vec<_>>().join("\n");
    Server { child, url, said }
}
