//! The wrap export of a 5,000-booking day: the vouchers as XLSX and as PDF
//! (a summary page and a page per extra), measured in the same run, from
//! the day's vouchers to the file's bytes. Prints the PDF's size and how
//! many times the XLSX's time it takes.

mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use extras_kiosk::badge::{self, FontBook};
use extras_kiosk::kiosk::{Kiosk, ScanMode};
use extras_kiosk::report;
use std::time::Instant;

fn export(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, day) = common::day_with_skin(
        dir.path(),
        5000,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
    );
    let payloads: Vec<String> = badge::contents_for_day(&store, &day, &[])
        .unwrap()
        .into_iter()
        .map(|c| c.payload)
        .collect();
    {
        let mut kiosk = Kiosk::new(&mut store, day.clone(), ScanMode::CheckIn);
        let at = day.parse_at("06:30").unwrap();
        // Everyone but every tenth extra (the no-shows) arrives.
        for (i, p) in payloads.iter().enumerate() {
            if i % 10 != 9 {
                kiosk.scan(p.as_bytes(), at).unwrap();
            }
        }
        kiosk
            .release_all(None, day.parse_at("19:45").unwrap())
            .unwrap();
    }
    let vouchers = report::day_vouchers(&store, &day).unwrap();
    let notes = report::page_notes(&store, &day).unwrap();
    let fonts = FontBook::new();
    assert_eq!(vouchers.len(), 5000);

    let mut group = c.benchmark_group("export, 5,000-booking day");
    group.sample_size(10);
    group.bench_function("vouchers XLSX", |b| {
        b.iter(|| report::xlsx::vouchers_xlsx(&day, &vouchers).unwrap())
    });
    group.bench_function("vouchers PDF", |b| {
        b.iter(|| report::pdf::vouchers_pdf(&day, &vouchers, &notes, &fonts, |_| {}).unwrap())
    });
    group.finish();

    // One more of each, timed side by side, for the ratio and the size.
    let started = Instant::now();
    let xlsx = report::xlsx::vouchers_xlsx(&day, &vouchers).unwrap();
    let xlsx_took = started.elapsed();
    let started = Instant::now();
    let pdf = report::pdf::vouchers_pdf(&day, &vouchers, &notes, &fonts, |_| {}).unwrap();
    let pdf_took = started.elapsed();
    println!(
        "XLSX {:.3} s ({} bytes), PDF {:.3} s ({} bytes, {:.1} KB a page): the PDF takes {:.1}x the XLSX",
        xlsx_took.as_secs_f64(),
        xlsx.len(),
        pdf_took.as_secs_f64(),
        pdf.len(),
        pdf.len() as f64 / 5001.0 / 1024.0,
        pdf_took.as_secs_f64() / xlsx_took.as_secs_f64()
    );
}

criterion_group!(benches, export);
criterion_main!(benches);
