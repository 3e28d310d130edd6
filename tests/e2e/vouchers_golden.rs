//! The golden vouchers of `fixtures/vouchers/`: each computed by hand, with
//! its arithmetic written out, and computed again here by `pay::compute`.

use chrono::{DateTime, NaiveDate, Utc};
use extras_kiosk::model::{Category, Day, Money, UnionStatus};
use extras_kiosk::pay::{BumpKind, BumpLine, Rules, Shift, Span, compute, hours_text};
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Golden {
    description: String,
    rules: String,
    category: String,
    rate: Option<String>,
    /// An upgrade on the day: the union status booked (the voucher is
    /// computed by `rules`, the status upgraded to) and the rate booked.
    #[allow(dead_code)]
    upgraded_from: Option<String>,
    #[allow(dead_code)]
    rate_before_upgrade: Option<String>,
    date: String,
    time_zone: String,
    call: String,
    #[serde(rename = "in")]
    checked_in: String,
    out: String,
    ndb: Option<[String; 2]>,
    meals: Vec<[String; 2]>,
    bumps: Vec<GoldenBump>,
    expected: Expected,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GoldenBump {
    kind: String,
    count: u32,
    amount: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    rate: String,
    hours_worked: String,
    hours_straight: String,
    hours_ot_1_5x: String,
    hours_ot_2x: String,
    overtime_amount: String,
    meal_penalties: u32,
    meal_penalty_amount: String,
    bump_amount: String,
    gross: String,
    meal1: Option<[String; 2]>,
    meal2: Option<[String; 2]>,
}

fn money(text: &str) -> Money {
    Money::parse_rate(text).unwrap()
}

fn check(path: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path).unwrap();
    let g: Golden = toml::from_str(&text).map_err(|e| e.to_string())?;
    let day = Day {
        id: 1,
        date: NaiveDate::parse_from_str(&g.date, "%Y-%m-%d").map_err(|e| e.to_string())?,
        title: g.description.clone(),
        location: None,
        default_call: None,
        tz: g.time_zone.parse().map_err(|_| "bad zone".to_string())?,
    };
    let at = |t: &str| -> DateTime<Utc> { day.parse_at(t).unwrap() };
    let span = |s: &[String; 2]| Span {
        start: at(&s[0]),
        end: at(&s[1]),
    };
    let union = match g.rules.as_str() {
        "union" => UnionStatus::Union,
        "non-union" => UnionStatus::NonUnion,
        other => return Err(format!("rules {other}")),
    };
    let shift = Shift {
        category: Category::from_code(&g.category.replace('_', "-")).ok_or("category")?,
        booked_rate: g.rate.as_deref().map(money),
        call: at(&g.call),
        checked_in: at(&g.checked_in),
        released: at(&g.out),
        ndb: g.ndb.as_ref().map(span),
        meals: g.meals.iter().map(span).collect(),
        bumps: g
            .bumps
            .iter()
            .map(|b| BumpLine {
                kind: BumpKind::from_code(&b.kind).unwrap(),
                count: b.count,
                amount: b.amount.as_deref().map(money),
            })
            .collect(),
    };
    let pay = compute(&shift, &Rules::shipped(union)).map_err(|e| e.to_string())?;
    let e = &g.expected;
    let meal = |n: usize| {
        pay.meals
            .get(n)
            .map(|m| [day.format_at(m.start), day.format_at(m.end)])
    };
    let got = [
        ("rate", pay.rate.to_string(), e.rate.clone()),
        (
            "hours_worked",
            hours_text(pay.tenths_worked),
            e.hours_worked.clone(),
        ),
        (
            "hours_straight",
            hours_text(pay.tenths_straight),
            e.hours_straight.clone(),
        ),
        (
            "hours_ot_1_5x",
            hours_text(pay.overtime_tenths(0)),
            e.hours_ot_1_5x.clone(),
        ),
        (
            "hours_ot_2x",
            hours_text(pay.overtime_tenths(1)),
            e.hours_ot_2x.clone(),
        ),
        (
            "overtime_amount",
            pay.overtime_amount().to_string(),
            e.overtime_amount.clone(),
        ),
        (
            "meal_penalties",
            pay.penalty_units.to_string(),
            e.meal_penalties.to_string(),
        ),
        (
            "meal_penalty_amount",
            pay.penalty_amount.to_string(),
            e.meal_penalty_amount.clone(),
        ),
        (
            "bump_amount",
            pay.bump_amount.to_string(),
            e.bump_amount.clone(),
        ),
        ("gross", pay.gross.to_string(), e.gross.clone()),
        ("meal1", format!("{:?}", meal(0)), format!("{:?}", e.meal1)),
        ("meal2", format!("{:?}", meal(1)), format!("{:?}", e.meal2)),
    ];
    let wrong: Vec<String> = got
        .iter()
        .filter(|(_, got, want)| got != want)
        .map(|(field, got, want)| format!("{field}: computed {got}, by hand {want}"))
        .collect();
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(wrong.join("; "))
    }
}

#[test]
fn every_golden_voucher_computes_as_by_hand() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/vouchers");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 22, "the 22 golden vouchers of the README");
    let failures: Vec<String> = files
        .iter()
        .filter_map(|f| {
            check(f)
                .err()
                .map(|e| format!("{}: {e}", f.file_name().unwrap().to_string_lossy()))
        })
        .collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
