//! A hub's address: a `postgres://` or `postgresql://` URL, kept and shown
//! without its password (masked where one was given), and the pgpass file
//! (0600) where a kiosk's password lives instead.

use std::io::Write;
use std::path::PathBuf;

/// Whether `source` names a hub rather than a file.
pub fn is_hub_address(source: &str) -> bool {
    source.starts_with("postgres://") || source.starts_with("postgresql://")
}

/// A hub's address, split so that the password never travels with it.
#[derive(Clone, PartialEq, Eq)]
pub struct HubAddress {
    /// The URL without a password: what is stored and shown.
    bare: String,
    password: Option<String>,
    user: Option<String>,
    host: String,
    port: u16,
    dbname: Option<String>,
}

impl std::fmt::Debug for HubAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "HubAddress({})", self.masked())
    }
}

impl std::fmt::Display for HubAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.masked())
    }
}

impl HubAddress {
    /// Reads `url`; the message of an error never repeats a password.
    pub fn parse(url: &str) -> Result<HubAddress, String> {
        let url = url.trim();
        let Some((scheme, rest)) = url.split_once("://") else {
            return Err("a hub address begins with postgres:// or postgresql://: copy it from the line `hub add-kiosk` printed".into());
        };
        if scheme != "postgres" && scheme != "postgresql" {
            return Err("a hub address begins with postgres:// or postgresql://: copy it from the line `hub add-kiosk` printed".into());
        }
        let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
        let (authority, tail) = rest.split_at(authority_end);
        let (userinfo, hostport) = match authority.rfind('@') {
            Some(at) => (Some(&authority[..at]), &authority[at + 1..]),
            None => (None, authority),
        };
        let (user, password): (Option<String>, Option<String>) = match userinfo {
            Some(info) => match info.split_once(':') {
                Some((u, p)) => (Some(decode(u)), Some(decode(p))),
                None => (Some(decode(info)), None),
            },
            None => (None, None),
        };
        let (host, port) = match hostport.rsplit_once(':') {
            Some((h, p)) if !h.ends_with(']') || hostport.starts_with('[') => {
                let port = p
                    .parse::<u16>()
                    .map_err(|_| format!("the port '{p}' in the hub address is not a number: write it as digits, e.g. :5432"))?;
                (h.to_string(), port)
            }
            _ => (hostport.to_string(), 5432),
        };
        if host.is_empty() {
            return Err(
                "the hub address names no host: write it as postgres://USER@HOST:PORT/DATABASE"
                    .into(),
            );
        }
        // A password given as `?password=` is a password too: it leaves
        // the address with the rest of the login.
        let mut password = password;
        let tail = match tail.split_once('?') {
            Some((path, query)) => {
                let kept: Vec<&str> = query
                    .split('&')
                    .filter(|pair| match pair.strip_prefix("password=") {
                        Some(p) => {
                            password = Some(decode(p));
                            false
                        }
                        None => true,
                    })
                    .collect();
                if kept.is_empty() {
                    path.to_string()
                } else {
                    format!("{path}?{}", kept.join("&"))
                }
            }
            None => tail.to_string(),
        };
        let tail = tail.as_str();
        let path = tail.split('?').next().unwrap_or("");
        let dbname = path.strip_prefix('/').filter(|d| !d.is_empty()).map(decode);
        let bare = match &user {
            Some(u) => format!("{scheme}://{}@{hostport}{tail}", encode(u)),
            None => format!("{scheme}://{hostport}{tail}"),
        };
        Ok(HubAddress {
            bare,
            password,
            user,
            host,
            port,
            dbname,
        })
    }

    /// The address without its password, as stored in the kiosk's database.
    pub fn bare(&self) -> &str {
        &self.bare
    }

    /// The address as shown: a password given in it appears as `***`.
    pub fn masked(&self) -> String {
        match (&self.password, self.bare.split_once("@")) {
            (Some(_), Some((before, after))) => format!("{before}:***@{after}"),
            _ => self.bare.clone(),
        }
    }

    pub fn user(&self) -> Option<&str> {
        self.user.as_deref()
    }

    pub fn database(&self) -> Option<&str> {
        self.dbname.as_deref()
    }

    /// This address with `user` and `password` in place of its own: the
    /// line a new kiosk is given.
    pub(super) fn with_login(&self, user: &str, password: &str) -> String {
        let (scheme, rest) = self.bare.split_once("://").unwrap_or(("postgresql", ""));
        let rest = rest.rsplit_once('@').map_or(rest, |(_, after)| after);
        format!("{scheme}://{}:{}@{rest}", encode(user), encode(password))
    }

    /// The password for this address: the one given in it, else the
    /// matching line of the pgpass file.
    pub(super) fn password(&self) -> Option<String> {
        if let Some(p) = &self.password {
            return Some(p.clone());
        }
        let text = std::fs::read_to_string(pgpass_path()?).ok()?;
        text.lines()
            .filter(|l| !l.starts_with('#'))
            .find_map(|line| {
                let fields = split_pgpass(line);
                if fields.len() != 5 {
                    return None;
                }
                let port = self.port.to_string();
                let wanted = [
                    self.host.as_str(),
                    port.as_str(),
                    self.dbname.as_deref().unwrap_or("*"),
                    self.user.as_deref().unwrap_or("*"),
                ];
                let matches = fields[..4]
                    .iter()
                    .zip(wanted)
                    .all(|(f, w)| f == "*" || f == w);
                matches.then(|| fields[4].clone())
            })
    }

    /// Keeps the password given in the address in the pgpass file (made
    /// 0600), replacing the line for the same host, port, database and
    /// user. Returns the file written, or None when no password was given.
    ///
    /// Kiosks on one machine share the file: one writer at a time (an
    /// advisory lock on `<file>.lock` beside it, since the file itself is
    /// replaced), through a temporary file of this writer's own, renamed
    /// over it; a line already there is not written again. A line another
    /// writer added meanwhile is read under the lock, so it is never lost.
    pub fn keep_password(&self) -> std::io::Result<Option<PathBuf>> {
        let (Some(password), Some(path)) = (&self.password, pgpass_path()) else {
            return Ok(None);
        };
        let key = [
            escape(&self.host),
            self.port.to_string(),
            escape(self.dbname.as_deref().unwrap_or("*")),
            escape(self.user.as_deref().unwrap_or("*")),
        ]
        .join(":");
        let line = format!("{key}:{}", escape(password));
        let folder = match path.parent().filter(|p| !p.as_os_str().is_empty()) {
            Some(parent) => {
                std::fs::create_dir_all(parent)?;
                parent.to_path_buf()
            }
            None => PathBuf::from("."),
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| ".pgpass".into());
        let lock_path = folder.join(format!("{name}.lock"));
        let lock = private_file(&lock_path, false)?;
        lock.lock()?;
        let old = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(e),
        };
        if old.lines().any(|l| l == line) {
            return Ok(Some(path));
        }
        let mut lines: Vec<&str> = old
            .lines()
            .filter(|l| !l.starts_with(&format!("{key}:")))
            .collect();
        lines.push(&line);
        let tmp = folder.join(format!(
            ".{name}.{}.{:x}.tmp",
            std::process::id(),
            u64::from_le_bytes(crate::store::random_bytes::<8>())
        ));
        let written = (|| {
            let mut file = private_file(&tmp, true)?;
            file.write_all((lines.join("\n") + "\n").as_bytes())?;
            file.sync_all()?;
            std::fs::rename(&tmp, &path)
        })();
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        written?;
        drop(lock);
        Ok(Some(path))
    }

    /// The TLS checks the address's `sslmode` asks for, as libpq reads
    /// it: `verify-full` checks the certificate and the host name,
    /// `verify-ca` the certificate; `require` and `prefer` encrypt without
    /// checking (a set's own hub has a self-signed certificate).
    pub(super) fn tls_checks(&self) -> (bool, bool) {
        match self.sslmode() {
            Some("verify-full") => (true, true),
            Some("verify-ca") => (true, false),
            _ => (false, false),
        }
    }

    fn sslmode(&self) -> Option<&str> {
        let query = self.bare.split_once('?')?.1;
        query
            .split('&')
            .find_map(|pair| pair.strip_prefix("sslmode="))
    }

    /// The settings the driver connects with (the password from the
    /// address or the pgpass file; `verify-*` read as `require`, its
    /// checks made by the TLS connector).
    pub(super) fn config(&self) -> Result<postgres::Config, String> {
        let text = match self.sslmode() {
            Some(mode @ ("verify-full" | "verify-ca")) => self
                .bare
                .replace(&format!("sslmode={mode}"), "sslmode=require"),
            _ => self.bare.clone(),
        };
        let mut config: postgres::Config = text
            .parse()
            .map_err(|e: postgres::Error| format!(
                "the hub address does not read ({e}): copy it again from the line `hub add-kiosk` printed"
            ))?;
        if let Some(p) = self.password() {
            config.password(p);
        }
        config
            .connect_timeout(std::time::Duration::from_secs(3))
            .tcp_user_timeout(std::time::Duration::from_secs(5))
            .keepalives(true)
            .keepalives_idle(std::time::Duration::from_secs(5))
            .application_name("extras-kiosk")
            // A kiosk that drops off in the middle of a push must not hold
            // the ingest lock for the others: the server ends its session.
            .options(
                "-c lock_timeout=10s -c statement_timeout=60s -c idle_in_transaction_session_timeout=15s",
            );
        Ok(config)
    }
}

/// Opens `path` for writing, readable by its owner alone (`new`: a file
/// that must not exist yet).
fn private_file(path: &std::path::Path, new: bool) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .create_new(new)
        .mode(0o600)
        .open(path)?;
    crate::store::private::tighten(path)?;
    Ok(file)
}

/// The pgpass file: `PGPASSFILE`, else `~/.pgpass`, as psql reads it.
pub fn pgpass_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("PGPASSFILE").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(|h| PathBuf::from(h).join(".pgpass"))
}

fn split_pgpass(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    fields.last_mut().expect("one field").push(next);
                }
            }
            ':' => fields.push(String::new()),
            c => fields.last_mut().expect("one field").push(c),
        }
    }
    fields
}

fn escape(field: &str) -> String {
    field.replace('\\', "\\\\").replace(':', "\\:")
}

/// Percent-decoding of a URL part.
fn decode(part: &str) -> String {
    let bytes = part.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(&part[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encoding of what a URL's user or password may not hold as is.
fn encode(part: &str) -> String {
    part.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_is_never_shown() {
        let a = HubAddress::parse("postgresql://base:s3cr%3At@10.0.0.2:5433/show?sslmode=disable")
            .unwrap();
        assert_eq!(
            a.bare(),
            "postgresql://base@10.0.0.2:5433/show?sslmode=disable"
        );
        assert_eq!(
            a.masked(),
            "postgresql://base:***@10.0.0.2:5433/show?sslmode=disable"
        );
        assert!(!format!("{a} {a:?}").contains("s3cr"));
        assert_eq!(a.password.as_deref(), Some("s3cr:t"));
        assert_eq!(a.database(), Some("show"));
        assert_eq!(a.port, 5433);
        let line = a.with_login("show_b", "p:w");
        assert_eq!(
            line,
            "postgresql://show_b:p%3Aw@10.0.0.2:5433/show?sslmode=disable"
        );
    }

    #[test]
    fn an_address_without_port_or_user_reads() {
        let a = HubAddress::parse("postgres://hub.local/show").unwrap();
        assert_eq!(a.port, 5432);
        assert_eq!(a.user(), None);
        assert!(HubAddress::parse("mysql://x/y").is_err());
        let q = HubAddress::parse("postgresql://u@h/db?sslmode=require&password=pw").unwrap();
        assert_eq!(q.bare(), "postgresql://u@h/db?sslmode=require");
        assert_eq!(q.password.as_deref(), Some("pw"));
        assert!(!q.masked().contains("pw"));
        assert!(
            HubAddress::parse("postgres://u:p@h:notaport/d")
                .unwrap_err()
                .contains("port")
        );
    }

    #[test]
    fn pgpass_fields_unescape() {
        assert_eq!(
            split_pgpass(r"h:5432:db:u:pa\:ss\\w"),
            vec!["h", "5432", "db", "u", r"pa:ss\w"]
        );
        assert_eq!(escape(r"a:b\c"), r"a\:b\\c");
    }
}
