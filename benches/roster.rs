//! The console's roster search on a 5,000-booking day: from a key typed in
//! the search field to the list updated, through the adapter, and to the
//! next frame drawn by Slint's software renderer (no display).

mod common;

use chrono::Utc;
use criterion::{Criterion, criterion_group, criterion_main};
use extras_kiosk::kiosk::pin::set_pin;
use extras_kiosk::kiosk::{ScanMode, Station};
use extras_kiosk::ui::sound::Silent;
use extras_kiosk::ui::{
    ConsoleAdapter, ConsoleTab, PinAdapter, RosterAdapter, StatusFilter, UnionFilter, open_window,
};
use slint::{ComponentHandle, Model};

fn roster_search(c: &mut Criterion) {
    slint::platform::set_platform(Box::new(i_slint_backend_testing::TestingBackend::new(
        i_slint_backend_testing::TestingBackendOptions {
            mock_time: true,
            threading: false,
            renderer_name: Some("software".into()),
        },
    )))
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = common::day_with_skin(dir.path(), 5000, Utc::now().date_naive());
    set_pin(&mut store, "1234", Utc::now()).unwrap();
    let (window, _session) = open_window(
        Station::open(store, Some(ScanMode::CheckIn)).unwrap(),
        Vec::new(),
        Box::new(Silent),
        Box::new(Utc::now),
    )
    .unwrap();
    window
        .window()
        .set_size(slint::PhysicalSize::new(1280, 800));
    let pin = window.global::<PinAdapter>();
    for d in "1234".chars() {
        pin.invoke_digit(d.to_string().into());
    }
    pin.invoke_submit();
    window
        .global::<ConsoleAdapter>()
        .invoke_set_tab(ConsoleTab::Roster);
    let a = window.global::<RosterAdapter>();
    assert_eq!(a.get_rows().row_count(), 5000);
    let search = |text: &str| {
        a.invoke_search_changed(text.into(), StatusFilter::Everyone, 0, 0, UnionFilter::Any)
    };

    // Typing "last12" one key at a time, then erasing it: each key filters
    // 5,000 rows and puts the result on screen.
    let keys: Vec<String> = (1..=6)
        .map(|n| "last12"[..n].to_string())
        .chain((0..6).rev().map(|n| "last12"[..n].to_string()))
        .collect();
    let mut i = 0;
    c.bench_function("roster: key to list updated (5,000 bookings)", |b| {
        b.iter(|| {
            search(&keys[i % keys.len()]);
            i += 1;
            a.get_rows().row_count()
        })
    });
    c.bench_function(
        "roster: key to list drawn (5,000 bookings, software renderer)",
        |b| {
            b.iter(|| {
                search(&keys[i % keys.len()]);
                i += 1;
                window.window().take_snapshot().unwrap().width()
            })
        },
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = roster_search
}
criterion_main!(benches);
