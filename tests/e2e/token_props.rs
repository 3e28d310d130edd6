//! Property tests of the badge token: random bytes never panic, and every
//! single-character change of a valid payload is refused for the right reason.

use chrono::NaiveDate;
use extras_kiosk::badge::{BadgeRecord, Issuer, Refusal};
use proptest::prelude::*;

fn issuer() -> Issuer<'static> {
    Issuer {
        production: "7QK2",
        secret: b"property test secret, 32 bytes!!",
        today: NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
    }
}

fn on_file(_: &str) -> Option<BadgeRecord> {
    Some(BadgeRecord {
        booking_id: 1,
        issue: 1,
        voided: false,
    })
}

/// The reasons a change at byte `index` of `EK1:PPPP:YYYYMMDD:B-NNNN:I:MAC`
/// may give: the version field, the production field, and everything else
/// (signed fields and the mac itself).
fn allowed(index: usize) -> &'static [&'static str] {
    match index {
        0..=2 => &["malformed", "unknown_version"],
        4..=7 => &["malformed", "other_production"],
        _ => &["malformed", "bad_signature"],
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn random_bytes_never_panic_and_are_refused(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        prop_assert!(issuer().verify(&bytes, on_file).is_err());
    }

    #[test]
    fn text_shaped_like_a_token_is_refused(
        text in "EK[0-9]:[0-9A-Z]{4}:[0-9]{8}:B-[0-9]{4}:[0-9]{1,3}:[0-9A-Z]{16}"
    ) {
        prop_assert!(issuer().verify(text.as_bytes(), on_file).is_err());
    }

    #[test]
    fn every_single_character_change_is_refused(
        badge in 1u32..10_000,
        issue in 1u32..50,
        index in 0usize..64,
        replacement in proptest::char::any(),
    ) {
        let i = issuer();
        let badge = format!("B-{badge:04}");
        let payload = i.payload(&badge, issue);
        let index = index % payload.len();
        let original = payload.as_bytes()[index] as char;
        prop_assume!(replacement != original);
        let mut changed: Vec<char> = payload.chars().collect();
        changed[index] = replacement;
        let changed: String = changed.into_iter().collect();
        let record = |_: &str| Some(BadgeRecord { booking_id: 1, issue, voided: false });
        match i.verify(changed.as_bytes(), record) {
            Ok(_) => {
                // Only surrounding whitespace may be dropped: a space or
                // newline in place of the first or last character shortens
                // the token, which is then refused. Nothing else passes.
                prop_assert!(false, "{changed:?} was accepted");
            }
            Err(refusal) => {
                let ok = allowed(index).contains(&refusal.code())
                    || (replacement.is_ascii_whitespace() && refusal == Refusal::Malformed);
                prop_assert!(ok, "change at {index} of {payload} to {replacement:?}: {refusal:?}");
            }
        }
    }
}

#[test]
fn the_production_field_changed_names_another_production() {
    let i = issuer();
    let payload = i.payload("B-0147", 1);
    let changed = payload.replacen("7QK2", "7QK3", 1);
    assert_eq!(
        i.verify(changed.as_bytes(), on_file).unwrap_err(),
        Refusal::OtherProduction {
            production: "7QK3".into()
        }
    );
}
