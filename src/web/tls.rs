//! The web app's TLS: rustls with the `ring` provider, a certificate given
//! as PEM files or made here for the machine's names and addresses (kept
//! beside the database, made once), and its SHA-256 fingerprint to compare
//! in the browser on the first visit.

use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use sha2::{Digest, Sha256};
use std::net::{IpAddr, SocketAddr, UdpSocket};
use std::path::{Path, PathBuf};

/// A certificate and its key, as PEM files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertFiles {
    pub cert: PathBuf,
    pub key: PathBuf,
}

/// Makes rustls use `ring` (aws-lc needs cmake and a long build).
#[allow(deprecated)] // ring has no post-quantum key exchange; aws-lc needs cmake
pub fn use_ring() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// The SHA-256 of the first certificate in `cert`, as the browser shows it
/// ("AB:CD:...").
pub fn fingerprint(cert: &Path) -> Result<String, String> {
    let der = CertificateDer::from_pem_file(cert)
        .map_err(|e| {
            format!(
                "the certificate {} does not read ({e}): give a PEM certificate, or use --tls-self-signed",
                cert.display()
            )
        })?;
    Ok(Sha256::digest(der.as_ref())
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":"))
}

/// The names and addresses a browser on the set's network may use for
/// this machine: localhost, its host name, the address it listens on and
/// the address it reaches the network by.
pub fn machine_names(listen: SocketAddr) -> Vec<String> {
    let mut names = vec!["localhost".to_string(), "127.0.0.1".into(), "::1".into()];
    if let Ok(host) = std::fs::read_to_string("/proc/sys/kernel/hostname") {
        let host = host.trim().to_string();
        if !host.is_empty() {
            names.push(format!("{host}.local"));
            names.push(host);
        }
    }
    if !listen.ip().is_unspecified() {
        names.push(listen.ip().to_string());
    }
    // The address a packet out would leave from (nothing is sent).
    let outward = UdpSocket::bind("0.0.0.0:0")
        .and_then(|s| s.connect("192.0.2.1:9").map(|_| s))
        .and_then(|s| s.local_addr());
    if let Ok(addr) = outward
        && !addr.ip().is_unspecified()
        && !matches!(addr.ip(), IpAddr::V4(v4) if v4.is_loopback())
    {
        names.push(addr.ip().to_string());
    }
    names.sort();
    names.dedup();
    names
}

/// The self-signed certificate kept beside `db` (`<db>.web-cert.pem` and
/// `<db>.web-key.pem`), made for `names` when there is none yet.
pub fn self_signed(db: &Path, names: Vec<String>) -> Result<CertFiles, String> {
    let base = db.to_string_lossy().to_string();
    let files = CertFiles {
        cert: PathBuf::from(format!("{base}.web-cert.pem")),
        key: PathBuf::from(format!("{base}.web-key.pem")),
    };
    if files.cert.exists() && files.key.exists() {
        return Ok(files);
    }
    let made = rcgen::generate_simple_self_signed(names)
        .map_err(|e| format!("the certificate could not be made: {e}"))?;
    std::fs::write(&files.cert, made.cert.pem())
        .map_err(|e| format!("cannot write {}: {e}", files.cert.display()))?;
    write_private(&files.key, made.signing_key.serialize_pem().as_bytes())?;
    Ok(files)
}

/// Writes a key readable by its owner only.
fn write_private(path: &Path, bytes: &[u8]) -> Result<(), String> {
    use std::io::Write;
    #[cfg(unix)]
    let file = {
        use std::os::unix::fs::OpenOptionsExt;
        std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(path)
    };
    #[cfg(not(unix))]
    let file = std::fs::File::create(path);
    file.and_then(|mut f| f.write_all(bytes))
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_self_signed_certificate_is_made_once_and_has_a_fingerprint() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("office.db");
        let files = self_signed(&db, vec!["localhost".into(), "127.0.0.1".into()]).unwrap();
        let first = fingerprint(&files.cert).unwrap();
        assert_eq!(first.len(), 32 * 3 - 1, "{first}");
        let again = self_signed(&db, vec!["other".into()]).unwrap();
        assert_eq!(fingerprint(&again.cert).unwrap(), first);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&files.key).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "the key is private");
        }
        assert!(machine_names("0.0.0.0:8443".parse().unwrap()).contains(&"localhost".to_string()));
    }
}
