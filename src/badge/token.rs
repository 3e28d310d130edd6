//! Badge tokens: the short signed text inside every badge's QR code,
//! `EK1:<production>:<YYYYMMDD>:<badge>:<issue>:<mac>`, and the checks that
//! accept only the badges this production issued for today.

use chrono::NaiveDate;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// The token format this build writes and reads.
pub const VERSION: &str = "EK1";

/// Crockford's base32 digits, upper case: every one in the QR alphanumeric
/// set, none that reads as another (no I, L, O, U).
const MAC_ALPHABET: &str = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// 80 bits of HMAC-SHA256, as 16 base32 characters.
const MAC_BYTES: usize = 10;
const MAC_CHARS: usize = 16;

/// No real token comes near this; anything longer is scanner garbage.
const MAX_LEN: usize = 96;

/// The fields of a badge token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The production's short id (e.g. `7QK2`).
    pub production: String,
    pub date: NaiveDate,
    /// The badge number (e.g. `B-0147`).
    pub badge: String,
    /// How many times the badge was issued; a reissue voids older prints.
    pub issue: u32,
}

/// Why a scanned payload is not accepted, in terms a person understands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Not a badge token at all: another QR code, scanner noise.
    Malformed,
    /// A badge token of a format this build does not know.
    UnknownVersion { version: String },
    /// A badge of another production.
    OtherProduction { production: String },
    /// A genuine badge of this production, for another day.
    OtherDay { date: NaiveDate },
    /// The signature does not match: altered or forged.
    BadSignature,
    /// Signed by this production for today, but no such booking.
    UnknownBadge { badge: String },
    /// An older issue of a reissued badge, or a voided badge.
    Voided { badge: String },
}

impl Refusal {
    /// The reason code used by `scan --json` and the log.
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::Malformed => "malformed",
            Refusal::UnknownVersion { .. } => "unknown_version",
            Refusal::OtherProduction { .. } => "other_production",
            Refusal::OtherDay { .. } => "other_day",
            Refusal::BadSignature => "bad_signature",
            Refusal::UnknownBadge { .. } => "unknown_badge",
            Refusal::Voided { .. } => "voided",
        }
    }

    /// The sentence shown to the person holding the badge.
    pub fn message(&self) -> String {
        match self {
            Refusal::Malformed => "This code is not a badge for this set: please see the PA".into(),
            Refusal::UnknownVersion { .. } => {
                "This badge is from a newer kiosk: please see the PA".into()
            }
            Refusal::OtherProduction { .. } => {
                "This badge is for another production: please see the PA".into()
            }
            Refusal::OtherDay { date } => {
                format!(
                    "This badge is for {}: please see the PA",
                    date.format("%A %-d %B")
                )
            }
            Refusal::BadSignature => {
                "This badge cannot be read as genuine: please see the PA".into()
            }
            Refusal::UnknownBadge { .. } => {
                "This badge is not on today's list: please see the PA".into()
            }
            Refusal::Voided { .. } => "This badge was replaced: please see the PA".into(),
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl Token {
    /// The fields the mac covers: everything before it.
    fn signed_part(&self) -> String {
        format!(
            "{VERSION}:{}:{}:{}:{}",
            self.production,
            self.date.format("%Y%m%d"),
            self.badge,
            self.issue
        )
    }

    /// The whole payload, signed with the production's secret.
    pub fn sign(&self, secret: &[u8]) -> String {
        let signed = self.signed_part();
        let mac = mac_text(secret, &signed);
        format!("{signed}:{mac}")
    }
}

fn mac_text(secret: &[u8], signed: &str) -> String {
    let mut mac =
        <Hmac<Sha256> as KeyInit>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(signed.as_bytes());
    let digest = mac.finalize().into_bytes();
    base32::encode(base32::Alphabet::Crockford, &digest[..MAC_BYTES])
}

/// Equal in time that does not depend on where the texts differ.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn all_in(text: &str, alphabet: &str) -> bool {
    text.chars().all(|c| alphabet.contains(c))
}

fn digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// A payload whose fields are well formed, its mac not yet checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub token: Token,
    mac: String,
}

/// Reads a payload exactly (case-sensitive). Never panics, whatever the
/// bytes. Surrounding whitespace (a scanner's CR or LF) is ignored.
pub fn parse(payload: &[u8]) -> Result<Parsed, Refusal> {
    if payload.len() > MAX_LEN {
        return Err(Refusal::Malformed);
    }
    let text = std::str::from_utf8(payload)
        .map_err(|_| Refusal::Malformed)?
        .trim_matches(|c: char| c.is_ascii_whitespace());
    let fields: Vec<&str> = text.split(':').collect();
    let version = fields[0];
    if version != VERSION {
        return Err(match version.strip_prefix("EK") {
            Some(n) if digits(n) => Refusal::UnknownVersion {
                version: version.to_string(),
            },
            _ => Refusal::Malformed,
        });
    }
    let [_, production, date, badge, issue, mac] = fields.as_slice() else {
        return Err(Refusal::Malformed);
    };
    let production_ok = production.len() == 4 && all_in(production, MAC_ALPHABET);
    let date = (date.len() == 8 && digits(date))
        .then(|| NaiveDate::parse_from_str(date, "%Y%m%d").ok())
        .flatten();
    let badge_ok = badge
        .strip_prefix("B-")
        .is_some_and(|n| (4..=6).contains(&n.len()) && digits(n));
    let issue = (digits(issue) && issue.len() <= 5 && !issue.starts_with('0'))
        .then(|| issue.parse::<u32>().ok())
        .flatten();
    let mac_ok = mac.len() == MAC_CHARS && all_in(mac, MAC_ALPHABET);
    match (production_ok, date, badge_ok, issue, mac_ok) {
        (true, Some(date), true, Some(issue), true) => Ok(Parsed {
            token: Token {
                production: production.to_string(),
                date,
                badge: badge.to_string(),
                issue,
            },
            mac: mac.to_string(),
        }),
        _ => Err(Refusal::Malformed),
    }
}

/// What the kiosk knows about one badge number of the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadgeRecord {
    pub booking_id: i64,
    /// The issue now valid.
    pub issue: u32,
    /// Voided by a supervisor: no issue is accepted.
    pub voided: bool,
}

/// A badge the kiosk accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    pub booking_id: i64,
    pub token: Token,
}

/// Whose badges are accepted, and on which day.
pub struct Issuer<'a> {
    pub production: &'a str,
    pub secret: &'a [u8],
    pub today: NaiveDate,
}

impl Issuer<'_> {
    /// The payload for issue `issue` of `badge` today.
    pub fn payload(&self, badge: &str, issue: u32) -> String {
        Token {
            production: self.production.to_string(),
            date: self.today,
            badge: badge.to_string(),
            issue,
        }
        .sign(self.secret)
    }

    /// Checks a scanned payload: its form, version, production, signature,
    /// day, and that the badge exists today in its current issue.
    pub fn verify(
        &self,
        payload: &[u8],
        lookup: impl FnOnce(&str) -> Option<BadgeRecord>,
    ) -> Result<Accepted, Refusal> {
        let Parsed { token, mac } = parse(payload)?;
        if token.production != self.production {
            return Err(Refusal::OtherProduction {
                production: token.production,
            });
        }
        let expected = mac_text(self.secret, &token.signed_part());
        if !constant_time_eq(expected.as_bytes(), mac.as_bytes()) {
            return Err(Refusal::BadSignature);
        }
        if token.date != self.today {
            return Err(Refusal::OtherDay { date: token.date });
        }
        let Some(record) = lookup(&token.badge) else {
            return Err(Refusal::UnknownBadge { badge: token.badge });
        };
        if record.voided || token.issue < record.issue {
            return Err(Refusal::Voided { badge: token.badge });
        }
        if token.issue > record.issue {
            // Signed by us but newer than our records: a database restored
            // from before a reissue.
            return Err(Refusal::UnknownBadge { badge: token.badge });
        }
        Ok(Accepted {
            booking_id: record.booking_id,
            token,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";

    fn issuer() -> Issuer<'static> {
        Issuer {
            production: "7QK2",
            secret: SECRET,
            today: NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
        }
    }

    fn on_file(_: &str) -> Option<BadgeRecord> {
        Some(BadgeRecord {
            booking_id: 7,
            issue: 1,
            voided: false,
        })
    }

    #[test]
    fn a_payload_is_short_and_in_the_qr_alphanumeric_set() {
        let payload = issuer().payload("B-0147", 1);
        assert!(
            payload.starts_with("EK1:7QK2:20261128:B-0147:1:"),
            "{payload}"
        );
        assert_eq!(payload.len(), 43);
        let qr_alphanumeric = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
        assert!(
            payload.chars().all(|c| qr_alphanumeric.contains(c)),
            "{payload}"
        );
        let accepted = issuer().verify(payload.as_bytes(), on_file).unwrap();
        assert_eq!(accepted.booking_id, 7);
        assert_eq!(accepted.token.badge, "B-0147");
        // A scanner's line ending is not part of the payload.
        assert!(
            issuer()
                .verify(format!("{payload}\r\n").as_bytes(), on_file)
                .is_ok()
        );
    }

    #[test]
    fn each_refusal_has_its_reason() {
        let i = issuer();
        let good = i.payload("B-0147", 1);
        let refuse = |p: &str| i.verify(p.as_bytes(), on_file).unwrap_err();
        assert_eq!(refuse(""), Refusal::Malformed);
        assert_eq!(refuse("https://example.com"), Refusal::Malformed);
        assert_eq!(refuse(&good.to_lowercase()), Refusal::Malformed);
        assert_eq!(
            refuse(&good.replacen("EK1", "EK2", 1)),
            Refusal::UnknownVersion {
                version: "EK2".into()
            }
        );
        let other_prod = Issuer {
            production: "9ZZ9",
            ..issuer()
        }
        .payload("B-0147", 1);
        assert_eq!(
            refuse(&other_prod),
            Refusal::OtherProduction {
                production: "9ZZ9".into()
            }
        );
        let tuesday = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let other_day = Issuer {
            today: tuesday,
            ..issuer()
        }
        .payload("B-0147", 1);
        let err = refuse(&other_day);
        assert_eq!(err, Refusal::OtherDay { date: tuesday });
        assert_eq!(
            err.message(),
            "This badge is for Wednesday 25 November: please see the PA"
        );
        let forged = Issuer {
            secret: b"not the secret",
            ..issuer()
        }
        .payload("B-0147", 1);
        assert_eq!(refuse(&forged), Refusal::BadSignature);
        assert_eq!(
            i.verify(good.as_bytes(), |_| None).unwrap_err(),
            Refusal::UnknownBadge {
                badge: "B-0147".into()
            }
        );
        let reissued = |_: &str| {
            Some(BadgeRecord {
                booking_id: 7,
                issue: 2,
                voided: false,
            })
        };
        assert_eq!(
            i.verify(good.as_bytes(), reissued).unwrap_err(),
            Refusal::Voided {
                badge: "B-0147".into()
            }
        );
        let second = i.payload("B-0147", 2);
        assert!(i.verify(second.as_bytes(), reissued).is_ok());
        let voided = |_: &str| {
            Some(BadgeRecord {
                booking_id: 7,
                issue: 1,
                voided: true,
            })
        };
        assert_eq!(refuse_with(&i, &good, voided), "voided");
    }

    fn refuse_with(
        i: &Issuer<'_>,
        p: &str,
        lookup: impl FnOnce(&str) -> Option<BadgeRecord>,
    ) -> &'static str {
        i.verify(p.as_bytes(), lookup).unwrap_err().code()
    }

    #[test]
    fn garbage_never_panics() {
        let i = issuer();
        for bytes in [
            &b"\xff\xfe\x00"[..],
            b":::::",
            b"EK1:::::",
            b"EK1:7QK2:20261340:B-0147:1:AAAAAAAAAAAAAAAA",
            b"EK1:7QK2:20261128:B-0147:0:AAAAAAAAAAAAAAAA",
            b"EK1:7QK2:20261128:B-0147:99999999999:AAAAAAAAAAAAAAAA",
            b"EK99999999999999999999:x",
            &[b'A'; 10_000][..],
        ] {
            assert!(i.verify(bytes, on_file).is_err());
        }
    }
}
