//! A throwaway PostgreSQL server for the hub tests: `initdb` and `pg_ctl`
//! from the machine's PostgreSQL (run as the `postgres` user when the tests
//! run as root, since both refuse root), in a temporary folder, on a free
//! port of 127.0.0.1, password logins only; and a TCP proxy that passes,
//! refuses or black-holes the traffic, to make partitions.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub const SUPERUSER_PASSWORD: &str = "throwaway-superuser";

/// A PostgreSQL server of the test's own, stopped when dropped.
pub struct Pg {
    dir: tempfile::TempDir,
    bin: PathBuf,
    pub port: u16,
}

fn bin_dir() -> PathBuf {
    if let Ok(out) = Command::new("pg_config").arg("--bindir").output()
        && out.status.success()
    {
        let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        if dir.join("initdb").exists() {
            return dir;
        }
    }
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let version = e.file_name().to_string_lossy().parse::<u32>().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").exists().then_some((version, bin))
        })
        .collect();
    found.sort();
    found.pop().map(|(_, bin)| bin).unwrap_or_else(|| {
        panic!(
            "the hub tests need a PostgreSQL server: install the `postgresql` package (apt-get install postgresql); no initdb was found by pg_config or in /usr/lib/postgresql/*/bin"
        )
    })
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

fn postgres_ids() -> (u32, u32) {
    let id = |flag: &str| -> u32 {
        let out = Command::new("id")
            .args([flag, "postgres"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "the tests run as root, and PostgreSQL refuses root: they need the `postgres` user that the postgresql package creates"
        );
        String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
    };
    (id("-u"), id("-g"))
}

/// A free TCP port on 127.0.0.1.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Pg {
    /// Makes and starts a new server that also speaks TLS, with a
    /// self-signed certificate made by `openssl` (as Debian's snakeoil).
    pub fn start_with_tls() -> Pg {
        let pg = Pg::start();
        let (key, crt) = (pg.data().join("server.key"), pg.data().join("server.crt"));
        let made = Command::new("openssl")
            .args([
                "req",
                "-new",
                "-x509",
                "-days",
                "2",
                "-nodes",
                "-subj",
                "/CN=hub.set.lan",
            ])
            .arg("-keyout")
            .arg(&key)
            .arg("-out")
            .arg(&crt)
            .output()
            .expect("openssl makes the test certificate");
        assert!(
            made.status.success(),
            "{}",
            String::from_utf8_lossy(&made.stderr)
        );
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).unwrap();
        if is_root() {
            let (uid, gid) = postgres_ids();
            for p in [&key, &crt] {
                std::os::unix::fs::chown(p, Some(uid), Some(gid)).unwrap();
            }
        }
        let mut admin = pg.admin();
        admin.batch_execute("ALTER SYSTEM SET ssl = on").unwrap();
        admin.batch_execute("SELECT pg_reload_conf()").unwrap();
        pg
    }

    /// Makes and starts a new server.
    pub fn start() -> Pg {
        let bin = bin_dir();
        let dir = tempfile::tempdir().unwrap();
        let pw = dir.path().join("pw");
        std::fs::write(&pw, SUPERUSER_PASSWORD).unwrap();
        if is_root() {
            let (uid, gid) = postgres_ids();
            for p in [dir.path(), pw.as_path()] {
                std::os::unix::fs::chown(p, Some(uid), Some(gid)).unwrap();
            }
        }
        let pg = Pg {
            port: free_port(),
            bin,
            dir,
        };
        pg.run(
            "initdb",
            &[
                "-D",
                pg.data().to_str().unwrap(),
                "-U",
                "postgres",
                "--auth=scram-sha-256",
                &format!("--pwfile={}", pw.display()),
                "-E",
                "UTF8",
                "--no-sync",
            ],
        );
        pg.start_again();
        pg
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// Runs a PostgreSQL program, as the `postgres` user when root.
    fn run(&self, program: &str, args: &[&str]) -> std::process::Output {
        let exe = self.bin.join(program);
        let out = if is_root() {
            Command::new("runuser")
                .args(["-u", "postgres", "--"])
                .arg(&exe)
                .args(args)
                .current_dir(self.dir.path())
                .output()
        } else {
            Command::new(&exe)
                .args(args)
                .current_dir(self.dir.path())
                .output()
        }
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", exe.display()));
        assert!(
            out.status.success() || program == "pg_ctl" && args.contains(&"stop"),
            "{program} {args:?} failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// Starts the server (again, after a stop).
    pub fn start_again(&self) {
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60",
            self.port,
            self.dir.path().display()
        );
        self.run(
            "pg_ctl",
            &[
                "-D",
                self.data().to_str().unwrap(),
                "-l",
                self.dir.path().join("log").to_str().unwrap(),
                "-o",
                &options,
                "-w",
                "start",
            ],
        );
    }

    /// Stops the server at once, as a power cut would.
    pub fn stop_immediately(&self) {
        self.run(
            "pg_ctl",
            &[
                "-D",
                self.data().to_str().unwrap(),
                "-m",
                "immediate",
                "-w",
                "stop",
            ],
        );
    }

    /// The superuser's address.
    pub fn admin_url(&self) -> String {
        format!(
            "postgresql://postgres:{SUPERUSER_PASSWORD}@127.0.0.1:{}/postgres",
            self.port
        )
    }

    pub fn admin(&self) -> postgres::Client {
        postgres::Client::connect(&self.admin_url(), postgres::NoTls).unwrap()
    }

    /// A production's database and its lead's role (which may create the
    /// kiosks' roles), as the README has the set's admin make them.
    /// Returns the lead's address, its password in it.
    pub fn production_database(&self, name: &str) -> String {
        let mut admin = self.admin();
        admin
            .batch_execute(&format!(
                "CREATE ROLE {name}_lead LOGIN CREATEROLE PASSWORD 'lead-pw'"
            ))
            .unwrap();
        admin
            .batch_execute(&format!("CREATE DATABASE {name} OWNER {name}_lead"))
            .unwrap();
        self.url_for(&format!("{name}_lead"), "lead-pw", name, self.port)
    }

    pub fn url_for(&self, user: &str, password: &str, db: &str, port: u16) -> String {
        format!("postgresql://{user}:{password}@127.0.0.1:{port}/{db}")
    }

    /// A superuser client on a production's database.
    pub fn admin_on(&self, db: &str) -> postgres::Client {
        let url = format!(
            "postgresql://postgres:{SUPERUSER_PASSWORD}@127.0.0.1:{}/{db}",
            self.port
        );
        postgres::Client::connect(&url, postgres::NoTls).unwrap()
    }
}

impl Drop for Pg {
    fn drop(&mut self) {
        self.stop_immediately();
    }
}

/// What the proxy does with traffic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Link {
    Pass = 0,
    /// Connections are closed and new ones refused (a cable pulled at the hub).
    Refuse = 1,
    /// Bytes vanish both ways; nothing is closed (a dead Wi-Fi bridge).
    BlackHole = 2,
}

/// A TCP proxy in front of the server, to partition a kiosk from it.
pub struct Proxy {
    pub port: u16,
    mode: Arc<AtomicU8>,
    open: Arc<Mutex<Vec<TcpStream>>>,
}

impl Proxy {
    pub fn new(upstream: u16) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let mode = Arc::new(AtomicU8::new(Link::Pass as u8));
        let open: Arc<Mutex<Vec<TcpStream>>> = Arc::default();
        let (m, o) = (mode.clone(), open.clone());
        std::thread::spawn(move || {
            for client in listener.incoming() {
                let Ok(client) = client else { continue };
                if m.load(Ordering::SeqCst) == Link::Refuse as u8 {
                    let _ = client.shutdown(Shutdown::Both);
                    continue;
                }
                let Ok(server) = TcpStream::connect(("127.0.0.1", upstream)) else {
                    continue;
                };
                {
                    let mut list = o.lock().unwrap();
                    list.push(client.try_clone().unwrap());
                    list.push(server.try_clone().unwrap());
                }
                for (mut from, mut to) in [
                    (client.try_clone().unwrap(), server.try_clone().unwrap()),
                    (server, client),
                ] {
                    let m = m.clone();
                    std::thread::spawn(move || {
                        let mut buf = [0u8; 16 * 1024];
                        loop {
                            let n = match from.read(&mut buf) {
                                Ok(0) | Err(_) => break,
                                Ok(n) => n,
                            };
                            match m.load(Ordering::SeqCst) {
                                0 => {
                                    if to.write_all(&buf[..n]).is_err() {
                                        break;
                                    }
                                }
                                2 => {} // swallowed
                                _ => break,
                            }
                        }
                        let _ = to.shutdown(Shutdown::Both);
                        let _ = from.shutdown(Shutdown::Both);
                    });
                }
            }
        });
        Proxy { port, mode, open }
    }

    pub fn set(&self, link: Link) {
        self.mode.store(link as u8, Ordering::SeqCst);
        if link == Link::Refuse {
            for s in self.open.lock().unwrap().drain(..) {
                let _ = s.shutdown(Shutdown::Both);
            }
        }
        if link == Link::Pass {
            // Black-holed connections stay dead (their bytes are lost): a
            // kiosk notices by its timeouts and reconnects.
            for s in self.open.lock().unwrap().drain(..) {
                let _ = s.shutdown(Shutdown::Both);
            }
        }
    }
}

/// Waits until `check` holds, up to `limit` (a convergence, not a timing).
pub fn eventually(limit: Duration, mut check: impl FnMut() -> bool) -> bool {
    let started = std::time::Instant::now();
    while started.elapsed() < limit {
        if check() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    check()
}

/// The lead's database at `lead` (named "Base camp") made the hub of the
/// server's new `harbor` database, and each of `tents` (id, name) added on
/// the hub and joined from it beside the lead's file (`<id>.db`). Returns
/// the lead's hub and, for each tent, its database and its address with
/// its password (as `hub add-kiosk` prints it).
pub fn hub_with_tents(
    pg: &Pg,
    lead: &mut extras_kiosk::store::Store,
    tents: &[(&str, &str)],
) -> (extras_kiosk::store::hub::Hub, Vec<(PathBuf, String)>) {
    use extras_kiosk::store::hub::{Hub, HubAddress};
    let lead_url = HubAddress::parse(&pg.production_database("harbor")).unwrap();
    lead.set_kiosk_name("Base camp").unwrap();
    let mut hub = Hub::connect(&lead_url).unwrap();
    lead.hub_init(&mut hub).unwrap();
    let folder = lead.path().parent().unwrap().to_path_buf();
    let joined = tents
        .iter()
        .map(|(id, name)| {
            let login = lead
                .hub_add_kiosk(&mut hub, id, Some(name), chrono::Utc::now())
                .unwrap();
            let url = HubAddress::parse(&login.url_with_password).unwrap();
            let path = folder.join(format!("{id}.db"));
            extras_kiosk::store::Store::join_hub(&path, &url, id, None).unwrap();
            (path, login.url_with_password)
        })
        .collect();
    (hub, joined)
}
