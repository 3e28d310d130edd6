//! Badge artwork: one CR80 badge PNG at 300 dpi (layout, rendering and PNG
//! encoding) and a 1,000-badge PDF sheet. Compare with 1,000 `qrencode`
//! processes for bare QR codes (see README).

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use extras_kiosk::badge::{self, BadgeContent, FontBook, Issuer, Paper};
use extras_kiosk::model::{Category, UnionStatus};

fn contents(n: usize) -> Vec<BadgeContent> {
    let issuer = Issuer {
        production: "7QK2",
        secret: b"benchmark secret, not a real one",
        today: NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
    };
    (1..=n)
        .map(|i| {
            let badge_no = format!("B-{i:04}");
            BadgeContent {
                production_title: "Harbor Lights".into(),
                date: issuer.today,
                first_name: ["Marie-Claire", "Pat", "Zoë", "Jean-Luc"][i % 4].into(),
                last_name: ["O'Brien", "Nakamura", "de la Cruz", "Okafor"][i % 4].into(),
                payload: issuer.payload(&badge_no, 1),
                badge_no,
                category: Category::ALL[i % 4],
                union: if i % 2 == 0 {
                    UnionStatus::Union
                } else {
                    UnionStatus::NonUnion
                },
            }
        })
        .collect()
}

fn badge_png(c: &mut Criterion) {
    let fonts = FontBook::new();
    let all = contents(1000);
    let mut i = 0;
    c.bench_function("one badge PNG, CR80 at 300 dpi", |b| {
        b.iter(|| {
            i = (i + 1) % all.len();
            let laid = badge::lay_out(&all[i], &fonts);
            badge::render_png(&laid, &fonts, 300.0)
        })
    });
}

fn badge_pdf(c: &mut Criterion) {
    let fonts = FontBook::new();
    let all = contents(1000);
    c.bench_function("1,000-badge PDF, letter", |b| {
        b.iter(|| {
            let laid = badge::lay_out_all(&all, &fonts);
            badge::write_pdf(&laid, &fonts, Paper::Letter, |_| {}).unwrap()
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = badge_png, badge_pdf
}
criterion_main!(benches);
