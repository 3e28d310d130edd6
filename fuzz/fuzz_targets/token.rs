//! Fuzzes the badge token parser and verifier: no input may panic, and only
//! the genuine payload is accepted.
#![no_main]

use extras_kiosk::badge::{BadgeRecord, Issuer, token};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = token::parse(data);
    let issuer = Issuer {
        production: "7QK2",
        secret: b"fuzzing secret, not a real one!!",
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
    };
    let verdict = issuer.verify(data, |_| Some(BadgeRecord { booking_id: 1, issue: 1, voided: false }));
    if let Ok(accepted) = verdict {
        // Accepted means signed with the secret: the input must be (up to
        // surrounding whitespace) exactly the payload the issuer writes.
        let genuine = issuer.payload(&accepted.token.badge, accepted.token.issue);
        let text = std::str::from_utf8(data).unwrap().trim_matches(|c: char| c.is_ascii_whitespace());
        assert_eq!(text, genuine);
    }
});
